"""Whose names a text uses: its mentions counted by the party whose name each one is written in.

The question a media researcher asks first ("this article uses Russia's names 9 times, Japan's
once") is answered from :attr:`Mention.used_by`, read against the parties of the place's
dispute:

- a mention written in a name that exactly one of the place's parties uses counts for that
  party (Iturup: RU; Etorofu: JP), also when third countries use the name too;
- a name that two or more of the place's parties use counts once, as **shared** (Shikotan is
  both Russia's and Japan's name): it shows no side's choice, so it is credited to no side
  rather than to each, and the party counts still add up to the number of mentions;
- a name that none of the place's parties use counts as **other**: a third country's
  (North Korea's "Tok Island" for Dokdo / Takeshima, France's "rochers Liancourt").

>>> import toponyms
>>> p = toponyms.perspective("Russia holds Iturup and Kunashir; Japan calls Iturup Etorofu. "
...                          "Shikotan lies further south.")
>>> dict(p.parties), p.shared, p.other, p.total
({'RU': 3, 'JP': 1}, 1, 0, 5)
>>> p.summary()
"RU's names 3 times, JP's names once, shared names once"
>>> dict(p.places["etorofu-iturup"].parties)
{'RU': 2, 'JP': 1}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from ._model import FrozenMapping, Mention

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

__all__ = ["OTHER", "SHARED", "Perspective", "perspective_of", "side_of"]


def _frozen_counts(value: Mapping[str, int]) -> Mapping[str, int]:
    return value if isinstance(value, FrozenMapping) else FrozenMapping(value)


def _frozen_places(value: Mapping[str, Perspective]) -> Mapping[str, Perspective]:
    return value if isinstance(value, FrozenMapping) else FrozenMapping(value)


@attrs.frozen
class Perspective:
    """How many mentions of a text are written in each party's names, in shared names, and in
    other names; see the module's documentation for how a mention counts.
    """

    #: Party -> mentions written in a name only that party (of the place's parties) uses. Every
    #: party of every place mentioned is here, with 0 when the text never uses its names; most
    #: used first, then by code.
    parties: Mapping[str, int] = attrs.field(factory=dict, converter=_frozen_counts)
    #: Mentions written in a name two or more of the place's parties use.
    shared: int = 0
    #: Mentions written in a name none of the place's parties use (a third country's).
    other: int = 0
    #: Place ID -> the counts of that place's mentions alone (their own ``places`` empty), in
    #: order of first mention.
    places: Mapping[str, Perspective] = attrs.field(factory=dict, converter=_frozen_places)

    @property
    def total(self) -> int:
        """The number of mentions counted."""
        return sum(self.parties.values()) + self.shared + self.other

    def summary(self) -> str:
        """One line for people: ``RU's names 9 times, JP's names once, shared names twice``.

        >>> Perspective({"RU": 9, "JP": 0}, shared=2).summary()
        "RU's names 9 times, JP's names never, shared names twice"
        >>> Perspective().summary()
        'no place mentioned'
        """
        if not self.total:
            return "no place mentioned"
        parts = [f"{party}'s names {_times(count)}" for party, count in self.parties.items()]
        if self.shared:
            parts.append(f"shared names {_times(self.shared)}")
        if self.other:
            parts.append(f"other names {_times(self.other)}")
        return ", ".join(parts)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready record: ``{"mentions", "parties", "shared", "other", "places"}``."""
        record = self._counts_json()
        record["places"] = {pid: p._counts_json() for pid, p in self.places.items()}
        return record

    def _counts_json(self) -> dict[str, object]:
        return {
            "mentions": self.total,
            "parties": dict(self.parties),
            "shared": self.shared,
            "other": self.other,
        }


def _times(count: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(count, f"{count} times")


#: The key a mention counts under besides a party code (lower case: never a party code).
SHARED, OTHER = "shared", "other"


def side_of(mention: Mention, parties: frozenset[str]) -> str:
    """The party whose name ``mention`` is written in, or ``"shared"`` or ``"other"``.

    ``parties`` are the parties of the place's dispute.

    >>> import toponyms
    >>> [side_of(m, frozenset({"JP", "RU"})) for m in toponyms.annotate("Iturup, Shikotan")]
    ['RU', 'shared']
    """
    sides = mention.used_by & parties
    if len(sides) == 1:
        return next(iter(sides))
    return SHARED if sides else OTHER


def perspective_of(mentions: Iterable[Mention], gazetteer: Gazetteer) -> Perspective:
    """Count ``mentions`` (found by ``gazetteer``, whose places give each one's parties).

    For counts over many texts, pass all their mentions at once. Raises ValueError for a
    mention of a place the gazetteer does not have.
    """
    overall: dict[str, int] = {}
    by_place: dict[str, dict[str, int]] = {}
    for mention in mentions:
        place = gazetteer.get(mention.place_id)
        if place is None:
            raise ValueError(f"mention of {mention.place_id!r}: no such place in {gazetteer!r}")
        counts = by_place.get(place.id)
        if counts is None:
            counts = by_place[place.id] = dict.fromkeys(place.parties, 0)
            for party in place.parties:
                overall.setdefault(party, 0)
        side = side_of(mention, place.parties)
        counts[side] = counts.get(side, 0) + 1
        overall[side] = overall.get(side, 0) + 1
    places = {pid: _perspective(counts) for pid, counts in by_place.items()}
    return attrs.evolve(_perspective(overall), places=places)


def _perspective(counts: dict[str, int]) -> Perspective:
    shared, other = counts.pop(SHARED, 0), counts.pop(OTHER, 0)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return Perspective(dict(ranked), shared=shared, other=other)
