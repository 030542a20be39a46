"""Generic terms: the words that say what kind of place a name is (Island, остров, 島, -tō).

Sources attach them freely: "Iturup", "Iturup Island", "остров Итуруп", "о. Итуруп" and
"Etorofu-jima" all name one island, and no gazetteer lists every combination. ``normalize``
therefore compares stems: a name with its generic term removed ("Kuril Archipelago" and "Kuril
Islands" share the stem "kuril"), and accepts the result only for a place whose kind the term's
class covers. The terms are data (``_generic-terms.yaml`` beside the gazetteer files).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs
from rapidfuzz.distance import OSA

from ..index.names import word_edits
from ..text.fold import fold, key_of_folded
from ..text.scripts import unspaced

__all__ = ["GenericClass", "GenericTerms"]


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
        # Lookup structures for stems(), which runs on every query that misses: whole-word
        # terms by their words, kana/Han/hangul terms and abbreviations apart.
        self._by_words: dict[tuple[str, ...], list[GenericClass]] = {}
        self._glued: list[tuple[GenericClass, str]] = []
        self._abbreviations: list[tuple[GenericClass, str]] = []
        for cls, terms in self._folded:
            for term in terms:
                if unspaced(term):
                    self._glued.append((cls, term))
                    continue
                if term.endswith("."):
                    self._abbreviations.append((cls, term))
                self._by_words.setdefault(tuple(term.split()), []).append(cls)
        self._sizes = sorted({len(words) for words in self._by_words})
        # one-word terms by length, for the fuzzy pass (a typo changes a length by 2 at most)
        self._by_length: dict[int, list[tuple[tuple[str, ...], list[GenericClass]]]] = {}
        for words, classes in self._by_words.items():
            if len(words) == 1:
                self._by_length.setdefault(len(words[0]), []).append((words, classes))
        self._memo: dict[tuple[str, bool], list[tuple[str, GenericClass | None]]] = {}

    def __len__(self) -> int:
        return len(self.classes)

    def clear_cache(self) -> None:
        """Forget the stems of every text read so far."""
        self._memo.clear()

    def words(self) -> frozenset[str]:
        """Every one-word term, folded, of a script written with spaces (Island, остров)."""
        return frozenset(
            term
            for _, terms in self._folded
            for term in terms
            if " " not in term and not unspaced(term)
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
        memo = self._memo.get((folded, fuzzy))
        if memo is None:
            memo = self._stems(folded, fuzzy)
            if len(self._memo) >= 8192:
                self._memo.clear()
            self._memo[(folded, fuzzy)] = memo
        return list(memo)

    def _near(self, edge: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], list[GenericClass]]]:
        """Terms of as many words as ``edge`` that a typo could have turned into it."""
        if len(edge) == 1:
            size = len(edge[0])
            for length in range(size - 2, size + 3):
                yield from self._by_length.get(length, ())
        else:
            yield from ((w, c) for w, c in self._by_words.items() if len(w) == len(edge))

    def _stems(self, folded: str, fuzzy: bool) -> list[tuple[str, GenericClass | None]]:
        found: dict[tuple[str, str], GenericClass] = {}

        def add(stem: str, cls: GenericClass) -> None:
            if key_of_folded(stem):
                found.setdefault((stem, cls.id), cls)

        for cls, term in self._glued:
            if len(folded) > len(term):
                if folded.endswith(term):
                    add(folded[: -len(term)].strip(), cls)
                if folded.startswith(term):
                    add(folded[len(term) :].strip(), cls)
        for cls, term in self._abbreviations:
            if folded.startswith(term) and folded[len(term) : len(term) + 1].isalpha():
                add(folded[len(term) :], cls)  # an abbreviation written against the name
        words = folded.split()
        for n in self._sizes:
            if len(words) <= n:
                break
            for edge, stem in (
                (tuple(words[-n:]), " ".join(words[:-n])),
                (tuple(words[:n]), " ".join(words[n:])),
            ):
                for cls in self._by_words.get(edge, ()):
                    add(stem, cls)
                if fuzzy:
                    for term_words, classes in self._near(edge):
                        if term_words != edge and _typo_of(edge, term_words):
                            for cls in classes:
                                add(stem, cls)
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


def _typo_of(written: tuple[str, ...], term: tuple[str, ...]) -> bool:
    """Whether ``written`` is ``term`` with a typo within each word's budget ("iland")."""
    for a, b in zip(written, term, strict=True):
        budget = word_edits(len(b))
        if a != b and (budget == 0 or OSA.distance(a, b, score_cutoff=budget) > budget):
            return False
    return True
