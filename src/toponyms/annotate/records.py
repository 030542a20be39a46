"""What the automaton knows about a pattern, and a candidate mention: the records the scan passes
around.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import attrs

from .._model import Name
from ..lang import Language
from ..text.scripts import (
    is_hangul,
    is_kana,
    joins_word,
)

# How a pattern's first or last character meets its neighbour.
_WORD, _KANA, _HANGUL, _FREE = range(4)


def _edge(ch: str) -> int:
    if is_kana(ch):
        return _KANA
    if is_hangul(ch):
        return _HANGUL
    return _WORD if joins_word(ch) else _FREE


class _Entry(NamedTuple):
    """A name of a place behind a pattern (a tuple: compiled gazetteers hold many)."""

    place_id: str
    name: Name


class _Inflection(NamedTuple):
    """A name with its language's case endings allowed on each word, or a contracted form."""

    body: str  # the regular expression, unanchored
    entry: _Entry
    nominative: str
    #: The name's language, whose alphabet a form must be written in (None: no rules).
    language: Language | None = None


@attrs.define
class _Record:
    """What the automaton knows about one folded pattern."""

    pattern: str
    exact: list[_Entry] = attrs.Factory(list)
    inflections: list[_Inflection] = attrs.Factory(list)
    #: Whether the pattern has inflections (see :meth:`matcher`).
    inflected: bool = False
    _matcher: re.Pattern[str] | None = None

    def matcher(self) -> re.Pattern[str]:
        """Every inflection in one regular expression, longest name first (group i: inflection
        i), compiled on first use: most patterns never occur in a given text."""
        if self._matcher is None:
            self._matcher = re.compile(
                "|".join(f"(?P<i{k}>{i.body})" for k, i in enumerate(self.inflections))
            )
        return self._matcher

    def __getstate__(self) -> dict[str, object]:
        state = {f.name: getattr(self, f.name) for f in attrs.fields(type(self))}
        state["_matcher"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)

    first: int = attrs.field(init=False)
    last: int = attrs.field(init=False)
    #: The entries (one per place) when every name is any-case, with no short hyphenated
    #: suffix and no capitalized last word: then no hit needs the written text to decide.
    plain: tuple[_Entry, ...] | None = None
    plain_ids: frozenset[str] = frozenset()
    #: For a plain pattern with no case forms: _FREE when a hit needs no check at all (Han of
    #: three characters or more), _WORD when it needs only word boundaries; else None.
    quick: int | None = None
    #: Whether names behind a kana pattern are written in katakana, and in hiragana: a name
    #: met in the other kana script is its reading (えとろふ for エトロフ), not the name.
    katakana: bool = False
    hiragana: bool = False
    #: The languages of the names behind the pattern that write clitics joined before a name
    #: (والقرم), and those that write particles joined after one (독도는, Krımda).
    clitics: tuple[Language, ...] = ()
    particles: tuple[Language, ...] = ()

    def __attrs_post_init__(self) -> None:
        self.first, self.last = _edge(self.pattern[0]), _edge(self.pattern[-1])


class _Hit:
    """One candidate mention, in folded offsets (a plain slotted class: text dense with names
    makes one per name, and this is the hot path)."""

    __slots__ = ("end", "entries", "method", "place_ids", "score", "start")

    def __init__(
        self,
        start: int,
        end: int,
        entries: tuple[_Entry, ...],
        method: str,
        score: float,
        place_ids: frozenset[str] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.entries = entries
        self.method = method
        self.score = score
        self.place_ids = (
            place_ids if place_ids is not None else frozenset(e.place_id for e in entries)
        )

    def __repr__(self) -> str:
        return f"_Hit({self.start}, {self.end}, {sorted(self.place_ids)}, {self.method!r})"


_METHOD_RANK = {"exact": 0, "folded": 0, "inflected": 1, "fuzzy": 2}
