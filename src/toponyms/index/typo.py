"""The typo index: every indexed string within an edit budget of a query, without a scan.

One index serves normalize() (whole names, stems, romanization and confusion keys), search()
and annotate()'s fuzzy mode (name words): its cost grows with the query, not with the
gazetteer. It is SymSpell's symmetric deletion: two strings within ``k`` edits (optimal string
alignment: insertions, deletions, substitutions, swaps of neighbours) share a string obtained
by deleting at most ``k`` letters from each. Each indexed string's deletions (up to its own
budget, :func:`~toponyms.policy.index_depth` of its length) are hashed (CRC-32) into one sorted
array of 64-bit integers, hash and string number together, so that a million deletions take
8 MB and pickle as one block; a query looks up its own deletions by bisection and checks each
string found by its exact distance.

>>> index = TypoIndex(["kunashir", "shikotan", "etorofu"])
>>> index.within("kunashri", 2)
[('kunashir', 1)]
>>> index.within("shikotan", 0), index.within("zzz", 1)
([('shikotan', 0)], [])
"""

from __future__ import annotations

import pickle
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import SupportsIndex
from zlib import crc32

from rapidfuzz.distance import OSA

from ..policy import index_depth

__all__ = ["TypoIndex", "deletions", "index_depth"]

_LOW = 0xFFFFFFFF


def deletions(word: str, budget: int) -> set[str]:
    """``word`` and every string made by deleting up to ``budget`` of its letters.

    >>> sorted(deletions("abc", 1))
    ['ab', 'abc', 'ac', 'bc']
    """
    n = len(word)
    if budget <= 2:  # each pair of positions once (the frontier below makes each twice)
        found = {word}
        if budget >= 1:
            found.update([word[:i] + word[i + 1 :] for i in range(n)])
        if budget == 2:
            found.update(
                [word[:i] + word[i + 1 : j] + word[j + 1 :] for j in range(n) for i in range(j)]
            )
        return found
    found = {word}
    frontier = {word}
    for _ in range(budget):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _hash(text: str) -> int:
    return crc32(text.encode("utf-8", "surrogatepass"))


def _unpickled(
    keys: tuple[str, ...], table: bytes | bytearray, bloom: bytes | bytearray
) -> TypoIndex:
    index = TypoIndex.__new__(TypoIndex)
    index._keys = keys
    index._number = {key: i for i, key in enumerate(keys)}
    index._table = memoryview(table).cast("Q")
    index._bloom = bloom
    index._mask = len(bloom) - 1
    index._longest = max(map(len, keys), default=0)
    return index


def _bloom_of(hashes: Iterable[int], rows: int) -> bytearray:
    """One bit per hash in a table of at least eight bits a row (a power of two of bytes):
    most deletions of a query are in no indexed string, and a bit says so without a bisection
    (one in eight or so gets past it wrongly, and is then looked up)."""
    size = 1
    while size < rows:
        size *= 2
    bloom = bytearray(size)
    mask = size - 1
    for high in hashes:
        bloom[(high >> 3) & mask] |= 1 << (high & 7)
    return bloom


class TypoIndex:
    """Strings near a query, by symmetric deletion; immutable, picklable as two arrays."""

    __slots__ = ("_bloom", "_keys", "_longest", "_mask", "_number", "_table")

    def __init__(self, keys: Iterable[str] | Mapping[str, int]) -> None:
        """Index ``keys``: strings, each to :func:`index_depth` of its length, or a mapping
        of strings to the depth each needs (0: found only exactly)."""
        depths = keys if isinstance(keys, Mapping) else {k: index_depth(len(k)) for k in keys}
        self._keys: tuple[str, ...] = tuple(k for k in depths if k)
        self._number = {key: i for i, key in enumerate(self._keys)}
        rows = [
            (_hash(variant) << 32) | i
            for i, key in enumerate(self._keys)
            for variant in deletions(key, depths[key])
        ]
        rows.sort()
        self._table: array[int] | memoryview = array("Q", rows)
        self._bloom: bytes | bytearray = _bloom_of((row >> 32 for row in rows), len(rows))
        self._mask = len(self._bloom) - 1
        self._longest = max(map(len, self._keys), default=0)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._number

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[object, ...]:
        # with protocol 5, a buffer: unpickled into one bytearray that the table then reads in
        # place, without a second copy of its megabytes
        if int(protocol) >= 5:
            return (
                _unpickled,
                (self._keys, pickle.PickleBuffer(self._table), pickle.PickleBuffer(self._bloom)),
            )
        return (_unpickled, (self._keys, bytes(self._table), bytes(self._bloom)))

    @property
    def keys(self) -> tuple[str, ...]:
        """Every indexed string, in the order given."""
        return self._keys

    def within(self, query: str, budget: int, *, depth: int | None = None) -> list[tuple[str, int]]:
        """``(string, distance)`` of every indexed string at most ``budget`` edits from
        ``query`` (and within its own indexed depth), nearest first, then alphabetically.

        ``depth`` (default ``budget``) caps the letters deleted from the query. An edit that
        inserts a letter into the query costs it no deletion, so a caller that wants only
        strings at least ``budget - depth`` letters longer than the query at distance
        ``budget`` may ask for less depth, and ``budget - depth`` fewer rounds of deletions:
        a quarter of the look-ups for an eight-letter word (see annotate's fuzzy words).
        """
        if depth is None:
            depth = budget
        if budget <= 0 or not query:
            return [(query, 0)] if query in self._number else []
        if len(query) > self._longest + budget:
            return []  # nothing indexed is that long (and a long query has many deletions)
        table, size = self._table, len(self._table)
        bloom, mask = self._bloom, self._mask
        numbers: set[int] = set()
        for variant in deletions(query, min(depth, budget)):
            high = _hash(variant)
            if not (bloom[(high >> 3) & mask] >> (high & 7)) & 1:
                continue  # no indexed string has this deletion
            i = bisect_left(table, high << 32)
            while i < size and table[i] >> 32 == high:
                numbers.add(table[i] & _LOW)
                i += 1
        found = []
        length = len(query)
        for number in numbers:
            key = self._keys[number]
            if abs(len(key) - length) > budget:
                continue
            distance = OSA.distance(query, key, score_cutoff=budget)
            if distance <= budget:
                found.append((key, distance))
        found.sort(key=lambda kd: (kd[1], kd[0]))
        return found
