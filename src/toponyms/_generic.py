"""Generic terms: the words that say what kind of place a name is (Island, остров, 島, -tō).

Sources attach them freely: "Iturup", "Iturup Island", "остров Итуруп", "о. Итуруп" and
"Etorofu-jima" all name one island, and no gazetteer lists every combination. ``normalize``
therefore retries a name with its generic term removed or swapped for another of the same class
("Kuril Archipelago" → "Kuril Islands"), and accepts the result only for a place whose kind the
class covers. The terms are data (``_generic-terms.yaml`` beside the gazetteer files).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

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


class GenericTerms:
    """Every class of generic terms, folded for matching."""

    def __init__(self, classes: Iterable[GenericClass]) -> None:
        self.classes = tuple(classes)
        self._folded = [
            (c, tuple(dict.fromkeys(fold(t) for t in c.terms if fold(t)))) for c in self.classes
        ]

    def __len__(self) -> int:
        return len(self.classes)

    def expansions(
        self, text: str, *, stems_only: bool = False
    ) -> Iterator[tuple[str, frozenset[str]]]:
        """Lookup keys for ``text`` with its generic term removed or swapped, and the kinds each
        may match; with ``stems_only``, only the names left once a generic term is removed.

        >>> terms = GenericTerms([GenericClass("island", frozenset({"island"}), ("Island", "島"))])
        >>> sorted(key for key, _ in terms.expansions("Iturup Island"))
        ['islanditurup', 'iturup', 'iturup島', '島iturup']
        """
        folded = fold(text)
        for cls, terms in self._folded:
            stems = set()
            for term in terms:
                stem = _strip(folded, term)
                if stem:
                    stems.add(stem)
            if not stems:  # no generic term present: try adding one ("択捉" -> "択捉島")
                if stems_only:
                    continue
                stems.add(folded)
            keys: dict[str, None] = {}
            for stem in stems:
                keys[key_of_folded(stem)] = None
                for term in () if stems_only else terms:
                    keys[key_of_folded(f"{stem} {term}")] = None
                    keys[key_of_folded(f"{term} {stem}")] = None
            own = key_of_folded(folded)
            for key in keys:
                if key and key != own:
                    yield key, cls.kinds


def _strip(folded: str, term: str) -> str | None:
    """``folded`` without a leading or trailing generic ``term``, or None when it has none."""
    if _unspaced(term):
        if folded.endswith(term) and len(folded) > len(term):
            return folded[: -len(term)].strip()
        if folded.startswith(term) and len(folded) > len(term):
            return folded[len(term) :].strip()
        return None
    if folded.endswith(" " + term):
        return folded[: -len(term) - 1].strip()
    if folded.startswith(term + " "):
        return folded[len(term) + 1 :].strip()
    return None
