"""Context rules: cue phrases near a mention that say which of a name's places it is, or that it
is none of them (Georgia near "Atlanta" is the US state; Macedonia near "Thessaloniki" is the
Greek region).

The cues are data (a place's ``context`` in the gazetteer). A cue matches, after folding, where
a word starts with it, so a stem covers a language's case forms ("Атлант" finds "Атланте");
cues in scripts written without spaces match anywhere.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from .._model import CONTEXT_WINDOW, Place
from ..text.fold import fold
from ..text.scripts import joins_word
from .records import _Hit

__all__ = ["ContextRules"]


def _cue_pattern(cues: Iterable[str]) -> re.Pattern[str] | None:
    parts = []
    for cue in sorted({fold(c) for c in cues if fold(c)}, key=len, reverse=True):
        guard = r"(?<![^\W_])" if joins_word(cue[0]) else ""
        parts.append(guard + re.escape(cue))
    return re.compile("|".join(parts)) if parts else None


class ContextRules:
    """Each place's compiled cues; :meth:`keep` narrows a hit to the places its context allows.

    >>> from toponyms._model import Context, Name, Place
    >>> name = Name("Georgia", "en", frozenset({"GE"}), "common", "https://example.org")
    >>> place = Place("georgia", "country", (name,), "d", frozenset({"GE"}),
    ...               context=Context(unless_near=("Atlanta",)))
    >>> rules = ContextRules([place])
    >>> rules.allows("georgia", "flights from atlanta to georgia", 24, 31)
    False
    >>> rules.allows("georgia", "flights from tbilisi to georgia", 24, 31)
    True
    """

    __slots__ = ("_rules",)

    def __init__(self, places: Iterable[Place]) -> None:
        self._rules: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {}
        for place in places:
            if place.context is not None:
                self._rules[place.id] = (
                    _cue_pattern(place.context.unless_near),
                    _cue_pattern(place.context.only_near),
                )

    def __bool__(self) -> bool:
        return bool(self._rules)

    def allows(
        self,
        place_id: str,
        folded: str,
        start: int,
        end: int,
        cues: dict[str, tuple[list[int], list[int]]] | None = None,
        hits: Sequence[_Hit] = (),
    ) -> bool:
        """Whether the mention ``folded[start:end]`` may be ``place_id`` given its neighbours.

        ``cues`` keeps, for one text, where each place's cues start: they are looked for once,
        around every one of ``hits`` (the text's hits) that may be the place, and not in the
        rest of the text.
        """
        rule = self._rules.get(place_id)
        if rule is None:
            return True
        found = cues.get(place_id) if cues is not None else None
        if found is None:
            spans = [(h.start, h.end) for h in hits if place_id in h.place_ids] or [(start, end)]
            windows = _windows(spans, len(folded))
            found = (_starts(rule[0], folded, windows), _starts(rule[1], folded, windows))
            if cues is not None:
                cues[place_id] = found
        unless, only = found
        low, high = start - CONTEXT_WINDOW, end + CONTEXT_WINDOW
        if _near(unless, low, high, start, end):
            return False
        return rule[1] is None or _near(only, low, high, start, end)

    def keep(
        self,
        folded: str,
        hit: _Hit,
        cues: dict[str, tuple[list[int], list[int]]] | None = None,
        hits: Sequence[_Hit] = (),
    ) -> _Hit | None:
        """``hit`` narrowed to the places its context allows; None when it allows none."""
        if self._rules.keys().isdisjoint(hit.place_ids):
            return hit
        entries = tuple(
            e
            for e in hit.entries
            if self.allows(e.place_id, folded, hit.start, hit.end, cues, hits)
        )
        if len(entries) == len(hit.entries):
            return hit
        if not entries:
            return None
        return _Hit(hit.start, hit.end, entries, hit.method, hit.score)


def _windows(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The stretches within CONTEXT_WINDOW of ``spans``, merged where they overlap."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        low, high = max(0, start - CONTEXT_WINDOW), min(length, end + CONTEXT_WINDOW)
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [(low, high) for low, high in merged]


def _starts(
    pattern: re.Pattern[str] | None, folded: str, windows: Sequence[tuple[int, int]]
) -> list[int]:
    """Where ``pattern`` matches in the ``windows`` of ``folded`` (whose characters before a
    window still count for a cue's word boundary)."""
    if pattern is None:
        return []
    return [m.start() for low, high in windows for m in pattern.finditer(folded, low, high)]


def _near(positions: list[int], low: int, high: int, start: int, end: int) -> bool:
    """Whether a cue starts within ``low:high`` but outside the mention ``start:end``."""
    i = bisect.bisect_left(positions, low)
    while i < len(positions) and positions[i] < high:
        if not start <= positions[i] < end:
            return True
        i += 1
    return False
