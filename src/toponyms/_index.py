"""The compiled name index: exact lookup on folded keys, and length-scaled fuzzy matching.

Fuzzy matching counts edits (optimal string alignment: a swap of two neighbouring letters is one
edit) and allows more of them the longer the name: short names are exact-only, because one edit
in a four-letter name is another word. RapidFuzz's ``WRatio`` is never used: it rewards partial
overlaps, which is how "Northern Territory" would become the Northern Territories.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
from rapidfuzz import process
from rapidfuzz.distance import OSA

from ._model import Candidate, Name, Place
from ._text import fold_key

__all__ = ["NameIndex", "max_edits"]

#: (minimum key length, edits allowed) from the longest band down.
EDIT_BANDS: Sequence[tuple[int, int]] = ((9, 2), (5, 1))


def max_edits(length: int) -> int:
    """How many edits a fuzzy match may make in a folded key of ``length`` characters.

    >>> [max_edits(n) for n in (4, 5, 8, 9, 20)]
    [0, 1, 1, 2, 2]
    """
    for minimum, edits in EDIT_BANDS:
        if length >= minimum:
            return edits
    return 0


@attrs.frozen
class _Entry:
    place_id: str
    name: Name


class NameIndex:
    """Every name of a gazetteer, keyed for exact and fuzzy lookup."""

    def __init__(self, places: Iterable[Place]) -> None:
        entries: dict[str, list[_Entry]] = {}
        for place in places:
            for name in place.names:
                key = fold_key(name.text)
                bucket = entries.setdefault(key, [])
                if all(e.place_id != place.id for e in bucket):
                    bucket.append(_Entry(place.id, name))
        self._entries = entries
        self._keys: list[str] = list(entries)

    def __len__(self) -> int:
        return len(self._keys)

    def exact(self, text: str) -> list[Candidate]:
        """Places one of whose names equals ``text`` after folding."""
        bucket = self._entries.get(fold_key(text), [])
        return [self._candidate(text, e, 100.0) for e in bucket]

    def ids_for_key(self, key: str) -> set[str]:
        """IDs of the places one of whose names has this folded key."""
        return {e.place_id for e in self._entries.get(key, ())}

    def fuzzy_ids_for_key(self, key: str) -> set[str]:
        """IDs of the places :meth:`fuzzy` finds for this folded key."""
        return {c.place_id for c in self.fuzzy(key)}

    def fuzzy(self, text: str) -> list[Candidate]:
        """Places whose names are within the length-scaled edit budget of ``text``, closest first.

        Only the closest distance is kept: when two places tie there, both are returned and the
        caller decides (``normalize`` then answers None).
        """
        key = fold_key(text)
        budget = max_edits(len(key))
        if budget == 0:
            return []
        hits = process.extract(
            key, self._keys, scorer=OSA.distance, score_cutoff=budget, limit=None
        )
        best: int | None = None
        found: list[Candidate] = []
        for choice, distance, _ in sorted(hits, key=lambda hit: hit[1]):
            if distance > max_edits(min(len(key), len(choice))):
                continue  # the shorter of the two decides: "kiril" may not reach "kurilsk"
            if best is not None and distance > best:
                break
            best = distance
            score = _similarity(key, choice)
            found.extend(self._candidate(text, e, score, "fuzzy") for e in self._entries[choice])
        return found

    def ranked(self, text: str, limit: int | None, score_cutoff: float | None) -> list[Candidate]:
        """Every place ranked by its closest name's similarity to ``text`` (0 to 100)."""
        key = fold_key(text)
        if not key:
            return []
        cutoff = 0.0 if score_cutoff is None else score_cutoff / 100.0
        hits = process.extract(
            key, self._keys, scorer=OSA.normalized_similarity, score_cutoff=cutoff, limit=None
        )
        best: dict[str, Candidate] = {}
        for choice, similarity, _ in hits:
            for entry in self._entries[choice]:
                method = None if similarity == 1.0 else "fuzzy"
                candidate = self._candidate(text, entry, round(similarity * 100, 2), method)
                held = best.get(entry.place_id)
                if held is None or candidate.score > held.score:
                    best[entry.place_id] = candidate
        ranked = sorted(best.values(), key=lambda c: (-c.score, c.place_id))
        return ranked if limit is None else ranked[:limit]

    @staticmethod
    def _candidate(text: str, entry: _Entry, score: float, method: str | None = None) -> Candidate:
        if method is None:
            method = "exact" if entry.name.text == text else "folded"
        return Candidate(entry.place_id, entry.name, score, method)


def _similarity(a: str, b: str) -> float:
    return round(OSA.normalized_similarity(a, b) * 100, 2)
