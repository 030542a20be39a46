"""Overlapping hits: the longest, surest one wins."""

from __future__ import annotations

import operator

from .records import (
    _METHOD_RANK,
    _Hit,
)


def _resolve_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits in text order: where hits overlap, longest first, then the better
    method and score, then the earlier: deterministic.

    Hits are sorted by start and cut into runs of overlapping hits; a hit that overlaps no
    other (nearly all of them) is kept as it is, so text dense with names pays no more per
    name than prose.
    """
    ordered = sorted(hits, key=_START)
    chosen: list[_Hit] = []
    i = 0
    while i < len(ordered):
        j = i + 1
        reach = ordered[i].end
        while j < len(ordered) and ordered[j].start < reach:
            reach = max(reach, ordered[j].end)
            j += 1
        if j == i + 1:
            chosen.append(ordered[i])
        else:
            chosen.extend(_best_of_overlapping(ordered[i:j]))
        i = j
    return chosen


_START = operator.attrgetter("start")


_SPAN = operator.attrgetter("start", "end")


def _best_of_overlapping(hits: list[_Hit]) -> list[_Hit]:
    """The greedy choice among overlapping hits, in text order. Exact hits of one and the same
    place that overlap are one mention of it ("Đảo Trường Sa" and "Trường Sa Lớn" in "Đảo
    Trường Sa Lớn")."""
    places = {h.place_ids for h in hits}
    if len(places) == 1 and all(h.method != "fuzzy" for h in hits):
        best = min(hits, key=lambda h: (_METHOD_RANK[h.method], -(h.end - h.start), h.start))
        start, end = min(h.start for h in hits), max(h.end for h in hits)
        return [_Hit(start, end, best.entries, best.method, best.score, best.place_ids)]
    ordered = sorted(
        hits,
        key=lambda h: (
            -(h.end - h.start),
            _METHOD_RANK[h.method],
            -h.score,
            h.start,
            h.entries[0].place_id,
        ),
    )
    base = min(h.start for h in hits)
    taken = bytearray(max(h.end for h in hits) - base)
    chosen: list[_Hit] = []
    for hit in ordered:  # each check costs the hit's length: linear in the run
        start, end = hit.start - base, hit.end - base
        if taken.find(1, start, end) == -1:
            taken[start:end] = b"\x01" * (end - start)
            chosen.append(hit)
    return sorted(chosen, key=_START)
