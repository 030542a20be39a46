"""Generic terms: the words that say what kind of place a name is (Island, остров, 島, -tō).

Sources attach them freely: "Iturup", "Iturup Island", "остров Итуруп", "о. Итуруп" and
"Etorofu-jima" all name one island, and no gazetteer lists every combination. ``normalize``
therefore compares stems: a name with its generic term removed ("Kuril Archipelago" and "Kuril
Islands" share the stem "kuril"), and accepts the result only for a place whose kind the term's
class covers. The terms are data (``_generic-terms.yaml`` beside the gazetteer files).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable

import attrs

from ._index import words_close
from ._text import fold, key_of_folded

__all__ = ["GenericClass", "GenericTerms"]


def _unspaced(text: str) -> bool:
    """Whether ``text`` is written without spaces before suffixes (Han, kana, hangul)."""
    return all(
        0x3040 <= ord(ch) <= 0x30FF or 0x3400 <= ord(ch) <= 0x9FFF or 0xAC00 <= ord(ch) <= 0xD7AF
        for ch in text
    )


@attrs.frozen
class GenericClass:
    """Interchangeable generic terms and the place kinds they can describe."""

    id: str
    kinds: frozenset[str]
    terms: tuple[str, ...]
    #: Terms that languages which write compounds glue to the name's last word
    #: (German "Kurilen" + "inseln", Finnish "Kuriili" + "saaret").
    suffixes: tuple[str, ...] = ()


class GenericTerms:
    """Every class of generic terms, folded for matching."""

    def __init__(self, classes: Iterable[GenericClass]) -> None:
        self.classes = tuple(classes)
        self._folded = [
            (c, tuple(dict.fromkeys(fold(t) for t in c.terms if fold(t)))) for c in self.classes
        ]
        self._suffixes = [
            (c, tuple(dict.fromkeys(fold(t) for t in c.suffixes if fold(t))))
            for c in self.classes
            if c.suffixes
        ]

    def __len__(self) -> int:
        return len(self.classes)

    def words(self) -> frozenset[str]:
        """Every one-word term, folded, of a script written with spaces (Island, остров)."""
        return frozenset(
            term
            for _, terms in self._folded
            for term in terms
            if " " not in term and not _unspaced(term)
        )

    def kinds_of_term(self, folded: str) -> frozenset[str] | None:
        """The place kinds a generic term (folded) describes, or None when it is not one.

        >>> terms = GenericTerms([GenericClass("island", frozenset({"island"}), ("Island", "島"))])
        >>> terms.kinds_of_term("island"), terms.kinds_of_term("kuril")
        (frozenset({'island'}), None)
        """
        kinds = [cls.kinds for cls, terms in self._folded if folded in terms]
        return frozenset().union(*kinds) if kinds else None

    def stems(self, folded: str, *, fuzzy: bool = False) -> list[tuple[str, GenericClass | None]]:
        """Each way to read folded text as a stem plus a generic term: ``(stem, class)``.

        Text with no generic term gives ``[(text, None)]``. With ``fuzzy``, a term may carry a
        typo within its word budget ("Iland", "Jiima").

        >>> terms = GenericTerms([GenericClass("island", frozenset({"island"}), ("Island", "島"))])
        >>> [(stem, c.id) for stem, c in terms.stems("iturup island")]
        [('iturup', 'island')]
        >>> [(stem, c.id) for stem, c in terms.stems("択捉島")]
        [('択捉', 'island')]
        >>> terms.stems("iturup iland"), [s for s, _ in terms.stems("iturup iland", fuzzy=True)]
        ([('iturup iland', None)], ['iturup'])
        >>> glued = GenericClass("islands", frozenset({"archipelago"}), ("Inseln",), ("inseln",))
        >>> [(stem, c.id) for stem, c in GenericTerms([glued]).stems("kurileninseln")]
        [('kurilen', 'islands')]
        """
        found: dict[tuple[str, str], GenericClass] = {}
        for cls, terms in self._folded:
            for term in terms:
                for stem in _strip(folded, term, fuzzy=fuzzy):
                    if key_of_folded(stem):
                        found.setdefault((stem, cls.id), cls)
        for cls, suffixes in self._suffixes:
            for suffix in suffixes:
                unglued = _unglue(folded, suffix)
                if unglued and key_of_folded(unglued):
                    found.setdefault((unglued, cls.id), cls)
        if not found:
            return [(folded, None)]
        return [(stem, cls) for (stem, _), cls in found.items()]


def _unglue(folded: str, suffix: str) -> str | None:
    """``folded`` without ``suffix`` glued to its last word, if a word of three letters or
    more is left ("kurileninseln" -> "kurilen"; "insel" alone is no compound)."""
    if not folded.endswith(suffix):
        return None
    stem = folded[: -len(suffix)]
    last = stem.split(" ")[-1]
    return stem if len(last) >= 3 and last.isalpha() else None


def _strip(folded: str, term: str, *, fuzzy: bool = False) -> list[str]:
    """``folded`` without a leading or trailing generic ``term`` (none, one or two readings)."""
    if _unspaced(term):
        if len(folded) <= len(term):
            return []
        return [
            part.strip()
            for part, present in (
                (folded[: -len(term)], folded.endswith(term)),
                (folded[len(term) :], folded.startswith(term)),
            )
            if present
        ]
    if (
        term.endswith(".")
        and folded.startswith(term)
        and folded[len(term) : len(term) + 1].isalpha()
    ):
        return [folded[len(term) :]]  # an abbreviation written against the name: о.Итуруп
    words, term_words = folded.split(), term.split()
    n = len(term_words)
    if len(words) <= n:
        return []
    same = words_close if fuzzy else operator.eq
    stems = []
    if same(words[-n:], term_words):
        stems.append(" ".join(words[:-n]))
    if same(words[:n], term_words):
        stems.append(" ".join(words[n:]))
    return stems
