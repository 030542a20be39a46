"""Context rules: cue phrases near a mention that say which of a name's places it is, or that it
is none of them (Georgia near "Atlanta" is the US state; Macedonia near "Thessaloniki" is the
Greek region).

The cues are data (a place's ``context`` in the gazetteer). A cue matches, after folding, where
a word starts with it, so a stem covers a language's case forms ("Атлант" finds "Атланте");
cues in scripts written without spaces match anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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

    def allows(self, place_id: str, folded: str, start: int, end: int) -> bool:
        """Whether the mention ``folded[start:end]`` may be ``place_id`` given its neighbours."""
        rule = self._rules.get(place_id)
        if rule is None:
            return True
        unless, only = rule
        before = folded[max(0, start - CONTEXT_WINDOW) : start]
        after = folded[end : end + CONTEXT_WINDOW]
        window = f"{before}\x00{after}"  # the mention itself is no cue
        if unless is not None and unless.search(window):
            return False
        return only is None or only.search(window) is not None

    def keep(self, folded: str, hit: _Hit) -> _Hit | None:
        """``hit`` narrowed to the places its context allows; None when it allows none."""
        entries = tuple(
            e for e in hit.entries if self.allows(e.place_id, folded, hit.start, hit.end)
        )
        if len(entries) == len(hit.entries):
            return hit
        if not entries:
            return None
        return _Hit(hit.start, hit.end, entries, hit.method, hit.score)
