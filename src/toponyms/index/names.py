"""The compiled name index: exact lookup on folded keys, and length-scaled fuzzy matching.

Fuzzy matching counts edits (optimal string alignment: a swap of two neighbouring letters is one
edit) and allows more of them the longer the name: short names are exact-only, because one edit
in a four-letter name is another word. RapidFuzz's ``WRatio`` is never used: it rewards partial
overlaps, which is how "Northern Territory" would become the Northern Territories.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .._model import Candidate, Name, Place
from ..policy import edits, keeps_edges
from ..text.fold import fold, fold_key, key_of_folded
from ..text.scripts import has_han_or_hangul
from .typo import TypoIndex

__all__ = [
    "IndexEntry",
    "NameIndex",
    "max_edits",
    "merge_depths",
    "other_form",
    "typo_depths",
    "word_edits",
    "words_close",
]


def max_edits(length: int) -> int:
    """How many edits a fuzzy match may make in a folded key of ``length`` characters (the
    ``name`` budget of :mod:`toponyms.policy`).

    >>> [max_edits(n) for n in (4, 5, 8, 9, 20)]
    [0, 1, 1, 2, 2]
    """
    return edits("name", length)


class IndexEntry(NamedTuple):
    """One indexed form of a name: the whole name, or its stem once a generic term is removed
    (a tuple: a compiled gazetteer holds one per name and stem, and unpickles them fast)."""

    place_id: str
    name: Name
    #: The indexed form, folded, word by word.
    words: tuple[str, ...]
    #: ID of the generic-term class removed from the name to give this form; None for the name.
    generic: str | None = None


_ROMAN_NUMERAL = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")
#: A town's name and the adjective made from it (Kurilsk, Kurilsky District; Курильск,
#: Курильский район) differ by one of these endings: a different word, not a typo.
_ADJECTIVE_ENDINGS = frozenset(
    {"i", "y", "iy", "ij", "ii", "yi", "ий", "ій", "ый", "ой", "и", "і", "ая", "ое", "ие", "ые"}
)


def other_form(query: Sequence[str], name: Sequence[str]) -> bool:
    """Whether ``query`` differs from ``name`` in a way no typo makes: a Roman numeral the
    name lacks (Sakhalin II is a project), or the adjective's ending on a town's name
    (Joezjno-Koerilsk is the town, Joezjno-Koerilski the district)."""
    if any(_ROMAN_NUMERAL.match(w) and w not in name for w in query):
        return True
    if not query or not name:
        return False
    a, b = query[-1], name[-1]
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return (
        shorter.endswith(("sk", "ск", "ськ"))
        and longer.startswith(shorter)
        and longer[len(shorter) :] in _ADJECTIVE_ENDINGS
    )


def typo_depths(keys: Iterable[str], cap: int = 2) -> dict[str, int]:
    """Each key with the deletions the typo index needs of it: its edit budget, at most
    ``cap``, and none for Han and hangul, which have no typos."""
    return {k: 0 if has_han_or_hangul(k) else min(cap, max_edits(len(k))) for k in keys}


def merge_depths(*depths: Mapping[str, int]) -> dict[str, int]:
    """One mapping of keys to depths, each key at the largest depth any mapping asks."""
    merged: dict[str, int] = {}
    for mapping in depths:
        for key, depth in mapping.items():
            if depth > merged.get(key, -1):
                merged[key] = depth
    return merged


def word_edits(length: int) -> int:
    """The edits one word of a name may carry (the ``name-word`` budget)."""
    return edits("name-word", length)


def words_close(query: Sequence[str], name: Sequence[str]) -> bool:
    """Whether two folded word lists differ only by typos: each word within its own budget.

    A word-level check keeps fuzzy matching from turning one real word into another: "North
    Kurils" is two edits from "South Kurils", within the budget of the whole name, but "north" is
    not a typo of "south". Words of up to three letters must match exactly. One missing or extra
    space is allowed ("Kuril Islands" / "Kurilislands"). ``name`` is the reference whose word
    lengths set the budgets.

    >>> words_close(["nortern", "teritories"], ["northern", "territories"])
    True
    >>> words_close(["north", "kurils"], ["south", "kurils"])
    False
    """
    if len(query) == len(name):
        return all(
            a == b or OSA.distance(a, b) <= word_edits(len(b))
            for a, b in zip(query, name, strict=True)
        )
    if abs(len(query) - len(name)) != 1:
        return False
    longer, shorter = (query, name) if len(query) > len(name) else (name, query)
    return any(
        words_close([*longer[:i], longer[i] + longer[i + 1], *longer[i + 2 :]], shorter)
        for i in range(len(longer) - 1)
    )


def _floor(best: Mapping[str, float], limit: int) -> float:
    """The similarity of the ``limit``-th best place (0 while there are fewer)."""
    if len(best) < limit:
        return 0.0
    return heapq.nlargest(limit, best.values())[-1]


class _SearchTables:
    """What search() reads besides the typo index: keys by length, by word, in order."""

    def __init__(self, entries: Mapping[str, list[IndexEntry]]) -> None:
        self.by_length: dict[int, list[str]] = {}
        self.words: dict[str, list[str]] = {}
        for key, bucket in entries.items():
            self.by_length.setdefault(len(key), []).append(key)
            for word in {w for e in bucket for w in e.words if len(w) >= 3}:
                self.words.setdefault(word, []).append(key)
        self.ordered = sorted(entries)


class NameIndex:
    """Indexed forms of names, keyed for exact and fuzzy lookup.

    Fuzzy lookups read ``typo``, the gazetteer's one :class:`~toponyms.index.typo.TypoIndex`
    (which must hold every key of this index); without one the index builds its own.
    """

    def __init__(self, entries: Iterable[IndexEntry], typo: TypoIndex | None = None) -> None:
        buckets: dict[str, list[IndexEntry]] = {}
        for entry in entries:
            bucket = buckets.setdefault(key_of_folded(" ".join(entry.words)), [])
            if all((e.place_id, e.generic) != (entry.place_id, entry.generic) for e in bucket):
                bucket.append(entry)
        buckets.pop("", None)
        self._entries = buckets
        self._keys: list[str] = list(buckets)
        self.typo = typo if typo is not None else TypoIndex(typo_depths(self._keys))
        self._search: _SearchTables | None = None

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_search"] = None  # rebuilt by the first search(): normalize() needs none of it
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)

    def _tables(self) -> _SearchTables:
        if self._search is None:
            self._search = _SearchTables(self._entries)
        return self._search

    @property
    def keys(self) -> list[str]:
        """Every key (a folded form without spaces), in the order indexed."""
        return self._keys

    @classmethod
    def of_names(cls, places: Iterable[Place]) -> NameIndex:
        """An index of every name of ``places``."""
        return cls(
            IndexEntry(place.id, name, tuple(fold(name.text).split()))
            for place in places
            for name in place.names
        )

    def __len__(self) -> int:
        return len(self._keys)

    def exact(self, text: str) -> list[Candidate]:
        """Places one of whose names equals ``text`` after folding."""
        bucket = self._entries.get(fold_key(text), [])
        return [self._candidate(text, e, 100.0) for e in bucket]

    def exact_entries(self, folded: str) -> list[IndexEntry]:
        """Entries equal to ``folded`` (an output of ``fold``) once spaces are ignored."""
        return self._entries.get(key_of_folded(folded), [])

    def fuzzy_entries(self, folded: str) -> list[IndexEntry]:
        """Entries within the length-scaled edit budget of ``folded``, at the closest distance.

        When two places tie at that distance both are returned and the caller decides
        (``normalize`` then answers None). Han and hangul, and queries with digits an entry
        lacks ("Sakhalin-2"), are never fuzzy matches.
        """
        return self.fuzzy_match(folded)[1]

    def fuzzy_match(self, folded: str) -> tuple[int | None, list[IndexEntry]]:
        """:meth:`fuzzy_entries` with their edit distance (None when there are none)."""
        words = folded.split()
        if words[:1] == ["the"]:
            words = words[1:]
        key = "".join(words)
        budget = max_edits(len(key))
        if budget == 0 or has_han_or_hangul(key):
            return None, []
        digits = {ch for ch in key if ch.isdigit()}
        best: int | None = None
        found: list[IndexEntry] = []
        for choice, distance in self.typo.within(key, budget):
            if choice not in self._entries:
                continue  # a key of another index sharing the typo index
            if distance > max_edits(min(len(key), len(choice))):
                continue  # the shorter of the two decides: "kiril" may not reach "kurilsk"
            if digits - set(choice) or has_han_or_hangul(choice):
                continue
            if not keeps_edges("name", key, choice):
                continue  # Matsue is no typo of Matsu, nor Asmara of Smara
            entries = [
                e
                for e in self._entries[choice]
                if words_close(words, e.words) and not other_form(words, e.words)
            ]
            if not entries:
                continue
            if best is not None and distance > best:
                break
            best = distance
            found.extend(entries)
        return best, found

    def ranked(self, text: str, limit: int | None, score_cutoff: float | None) -> list[Candidate]:
        """Every place ranked by its closest name's similarity to ``text`` (0 to 100).

        With a ``limit``, the names within typo reach of ``text``, sharing a word with it or
        starting with it are scored first; then names by length, nearest lengths first, only
        while their length could still beat the last of the ``limit`` best places, and of each
        length only the best few (in C); so a query reads a few hundred names, not all of
        them, and ranks as comparing every name would (but for ties at the cut).
        """
        key = fold_key(text)
        if not key:
            return []
        cutoff = 0.0 if score_cutoff is None else score_cutoff / 100.0
        if limit is None:
            hits = process.extract(
                key, self._keys, scorer=OSA.normalized_similarity, score_cutoff=cutoff,
                limit=None,
            )  # fmt: skip
        else:
            hits = self._best_hits(key, text, limit, cutoff)
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

    def _best_hits(
        self, key: str, text: str, limit: int, cutoff: float
    ) -> list[tuple[str, float, int]]:
        """The keys whose similarity to ``key`` could place them among the ``limit`` best
        places, scored: near candidates first, then length bands by their best possible
        similarity (min / max of the lengths) until that falls below the places found."""
        tables = self._tables()
        near: dict[str, None] = dict.fromkeys(k for k, _ in self.typo.within(key, 2))
        for word in fold(text).split():
            near.update(dict.fromkeys(tables.words.get(word, ())))
        at = bisect_left(tables.ordered, key)
        for candidate in tables.ordered[at : at + 4 * limit]:
            if not candidate.startswith(key):
                break
            near[candidate] = None
        scored = {k: OSA.normalized_similarity(key, k) for k in near if k in self._entries}
        best: dict[str, float] = {}  # each place's best similarity so far
        for choice, similarity in scored.items():
            self._note(choice, similarity, best)
        length = len(key)
        bands = sorted(tables.by_length, key=lambda n: -min(n, length) / max(n, length))
        for band in bands:
            floor = _floor(best, limit)
            bound = min(band, length) / max(band, length)
            if bound < cutoff or bound < floor:
                break  # no key of this band, nor of any band after it, can rank
            keys = tables.by_length[band]
            wanted = 4 * limit
            while True:  # the band's best keys, until they hold `limit` places (or all keys)
                hits = process.extract(
                    key, keys, scorer=OSA.normalized_similarity,
                    score_cutoff=max(cutoff, floor), limit=wanted,
                )  # fmt: skip
                places = {e.place_id for choice, _, _ in hits for e in self._entries[choice]}
                if len(hits) < wanted or len(places) >= limit or wanted >= len(keys):
                    break
                wanted *= 4
            for choice, similarity, _ in hits:
                scored[choice] = similarity
                self._note(choice, similarity, best)
        return [(k, s, 0) for k, s in scored.items() if s >= cutoff]

    def _note(self, choice: str, similarity: float, best: dict[str, float]) -> None:
        for entry in self._entries[choice]:
            if similarity > best.get(entry.place_id, -1.0):
                best[entry.place_id] = similarity

    @staticmethod
    def _candidate(
        text: str, entry: IndexEntry, score: float, method: str | None = None
    ) -> Candidate:
        if method is None:
            method = "exact" if entry.name.text == text else "folded"
        return Candidate(entry.place_id, entry.name, score, method)
