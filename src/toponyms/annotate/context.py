"""Context rules: cue phrases near a mention that say which of a name's places it is, or that it
is none of them (Georgia near "Atlanta" is the US state; Macedonia near "Thessaloniki" is the
Greek region).

The cues are data (a place's ``context`` in the gazetteer). A cue matches, after folding, where
a word starts with it, so a stem covers a language's case forms ("Атлант" finds "Атланте");
cues in scripts written without spaces match anywhere. Every place's cues make one automaton,
which reads a text once, and only when one of its hits may be a place with cues.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import ahocorasick_rs

from .._model import CONTEXT_WINDOW, Place
from ..text.fold import fold
from ..text.scripts import joins_word
from .records import _Hit

__all__ = ["ContextRules"]

#: Where the cues of each kind are in one text: place ID -> (unless_near, only_near) starts.
Cues = dict[str, tuple[list[int], list[int]]]

_UNLESS, _ONLY = 0, 1


class ContextRules:
    """Each place's cues; :meth:`keep` narrows a hit to the places its context allows.

    >>> from toponyms._model import Context, Name, Place
    >>> name = Name("Georgia", "en", frozenset({"GE"}), "common", "https://example.org")
    >>> place = Place("georgia", "country", (name,), "d", frozenset({"GE"}),
    ...               context=Context(unless_near=("Atlanta",)))
    >>> rules = ContextRules([place])
    >>> rules.allows("georgia", "flights from atlanta to georgia", 24, 31)
    False
    >>> rules.allows("georgia", "flights from tbilisi to georgia", 24, 31)
    True
    >>> rules.allows("georgia", "flights from xatlanta to georgia", 25, 32)  # no word start
    True
    """

    __slots__ = ("_automaton", "_cues", "_only", "_owners", "_with_cues")

    def __init__(self, places: Iterable[Place]) -> None:
        places = [p for p in places if p.context is not None]
        owners: dict[str, list[tuple[str, int]]] = {}
        self._only = frozenset(p.id for p in places if p.context and p.context.only_near)
        for place in places:
            if place.context is None:
                continue
            kinds = ((_UNLESS, place.context.unless_near), (_ONLY, place.context.only_near))
            for kind, phrases in kinds:
                for cue in {fold(c) for c in phrases} - {""}:
                    owners.setdefault(cue, []).append((place.id, kind))
        self._cues = tuple(owners)
        self._owners = tuple(tuple(owners[cue]) for cue in self._cues)
        self._with_cues = frozenset(place for o in self._owners for place, _ in o) | self._only
        self._automaton: ahocorasick_rs.AhoCorasick | None = None

    def __getstate__(self) -> dict[str, object]:
        return {"cues": self._cues, "owners": self._owners, "only": self._only}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._cues = state["cues"]  # type: ignore[assignment]
        self._owners = state["owners"]  # type: ignore[assignment]
        self._only = state["only"]  # type: ignore[assignment]
        self._with_cues = frozenset(place for o in self._owners for place, _ in o) | self._only
        self._automaton = None

    def __bool__(self) -> bool:
        return bool(self._with_cues)

    def cues_in(self, folded: str) -> Cues:
        """Where every place's cues start in ``folded`` (each at the start of a word, or
        anywhere for a cue in a script written without spaces)."""
        if not self._cues:
            return {}
        if self._automaton is None:
            self._automaton = ahocorasick_rs.AhoCorasick(list(self._cues))
        found: Cues = {}
        for index, start, _ in self._automaton.find_matches_as_indexes(folded, True):
            cue = self._cues[index]
            if start and joins_word(cue[0]) and joins_word(folded[start - 1]):
                continue  # inside a word: "xatlanta" holds no cue
            for place_id, kind in self._owners[index]:
                found.setdefault(place_id, ([], []))[kind].append(start)
        for unless, only in found.values():
            unless.sort()
            only.sort()
        return found

    def allows(
        self, place_id: str, folded: str, start: int, end: int, cues: Cues | None = None
    ) -> bool:
        """Whether the mention ``folded[start:end]`` may be ``place_id`` given its neighbours
        (``cues``: :meth:`cues_in` of ``folded``, computed once a text)."""
        if cues is None:
            cues = self.cues_in(folded)
        unless, only = cues.get(place_id, ([], []))
        low, high = start - CONTEXT_WINDOW, end + CONTEXT_WINDOW
        if _near(unless, low, high, start, end):
            return False
        return place_id not in self._only or _near(only, low, high, start, end)

    def keep(self, folded: str, hit: _Hit, cues: dict[str, Cues]) -> _Hit | None:
        """``hit`` narrowed to the places its context allows; None when it allows none.
        ``cues`` holds this text's :meth:`cues_in` under the key "" once computed."""
        if self._with_cues.isdisjoint(hit.place_ids):
            return hit
        if "" not in cues:
            cues[""] = self.cues_in(folded)
        entries = tuple(
            e for e in hit.entries if self.allows(e.place_id, folded, hit.start, hit.end, cues[""])
        )
        if len(entries) == len(hit.entries):
            return hit
        if not entries:
            return None
        return _Hit(hit.start, hit.end, entries, hit.method, hit.score)


def _near(positions: list[int], low: int, high: int, start: int, end: int) -> bool:
    """Whether a cue starts within ``low:high`` but outside the mention ``start:end``."""
    i = bisect.bisect_left(positions, low)
    while i < len(positions) and positions[i] < high:
        if not start <= positions[i] < end:
            return True
        i += 1
    return False
