"""What changed between two gazetteers: places and names added, removed or re-attributed.

A pipeline that stores place IDs pins a data version; before it moves to the next one it needs
to know which IDs are gone (stored IDs would break) and which names changed side, kind or
language (results of ``normalize()``, ``annotate()`` and ``rewrite()`` may change).
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TypeAlias

import attrs

from .._model import ALL_PARTIES, Context, Name, Place, Point

__all__ = ["Change", "diff"]

#: What a Change's ``before`` and ``after`` hold: the whole Place or Name that was added or
#: removed, or the changed field's value (a string, or a tuple of strings for parents and
#: used_by), or None on the side where the thing does not exist.
Value: TypeAlias = Place | Name | str | tuple[str, ...] | None

# The order of changes within one place: the place itself, then its names.
_PLACE_FIELDS = ("kind", "dispute", "parents")
_NAME_FIELDS = ("lang", "kind", "used_by", "in_text", "since", "until")
_RANK = {"place-removed": 0, "place-added": 1, "name-removed": 0, "name-added": 1}


@attrs.frozen
class Change:
    """One difference between an old and a new gazetteer.

    ``type`` is ``place-added``, ``place-removed``, ``place-changed``, ``name-added``,
    ``name-removed`` or ``name-changed``. A ``*-changed`` change names its ``field`` (kind,
    dispute, parents of a place; lang, kind, used_by, in_text, since, until of a name, dates
    as YYYY-MM-DD); a parents change also names its ``perspective`` (a party code, or
    ``ALL``). Name changes carry the name's ``text`` and ``lang`` (for a ``name-changed``, its
    tag in the old gazetteer).

    ``str(change)`` is its line in ``toponyms diff``'s output; :meth:`to_json` its record.

    >>> str(Change("name-changed", "shikotan-island", field="used_by", text="Шикотан",
    ...            lang="ru", before=("RU",), after=("JP", "RU")))
    '~ name shikotan-island "Шикотан" (ru): used_by RU -> JP,RU'
    """

    type: str
    place_id: str
    field: str | None = None
    perspective: str | None = None
    text: str | None = None
    lang: str | None = None
    before: Value = None
    after: Value = None

    def __str__(self) -> str:
        sign = {"added": "+", "removed": "-", "changed": "~"}[self.type.split("-", 1)[1]]
        thing = self.before if self.after is None else self.after
        if self.type.startswith("place-"):
            head = f"{sign} place {self.place_id}"
            if isinstance(thing, Place):
                return f"{head} ({thing.kind}, {thing.dispute})"
            label = f"parents[{self.perspective}]" if self.field == "parents" else self.field
        else:
            head = f"{sign} name {self.place_id} {_quote(self.text)} ({self.lang})"
            if isinstance(thing, Name):
                return f"{head}: kind {thing.kind}, used_by {_show(_used_by(thing))}"
            label = self.field
        return f"{head}: {label} {_show(self.before)} -> {_show(self.after)}"

    def to_json(self) -> dict[str, object]:
        """The change as a JSON-ready dict with every key, null where it does not apply.

        An added or removed place or name is given whole, as a dict of its fields.
        """
        return {
            "type": self.type,
            "place_id": self.place_id,
            "field": self.field,
            "perspective": self.perspective,
            "text": self.text,
            "lang": self.lang,
            "before": _jsonable(self.before),
            "after": _jsonable(self.after),
        }

    def _sort_key(self) -> tuple[str, int, str, str, int, int, str]:
        name_level = self.type.startswith("name-")
        fields = _NAME_FIELDS if name_level else _PLACE_FIELDS
        rank = _RANK.get(self.type, 2)
        field = fields.index(self.field) if self.field is not None else 0
        perspective = self.perspective or ""
        return (
            self.place_id,
            int(name_level),
            self.text or "",
            self.lang or "",
            rank,
            field,
            "" if perspective == ALL_PARTIES else perspective,
        )


def diff(old: Iterable[Place], new: Iterable[Place]) -> list[Change]:
    """Every change from ``old`` to ``new`` (Gazetteers or any places), by place ID then field.

    A place is matched by its ID. A name is matched by its place and text: names of the same
    text and lang are the same name; then a text left once on each side is one name whose lang
    changed; any other name left over was removed or added. An added or removed place is one
    change: its names are not listed.

    >>> old = Place("yuri-island", "islet", (Name("Yuri", "en", frozenset({"JP"}), "common", ""),),
    ...             "kurils", frozenset({"JP", "RU"}))
    >>> new = attrs.evolve(old, kind="island", names=(attrs.evolve(old.names[0], lang="en-GB"),))
    >>> for change in diff([old], [new]):
    ...     print(change)
    ~ place yuri-island: kind islet -> island
    ~ name yuri-island "Yuri" (en): lang en -> en-GB
    """
    before = {place.id: place for place in old}
    after = {place.id: place for place in new}
    changes: list[Change] = []
    for place_id, place in before.items():
        if place_id not in after:
            changes.append(Change("place-removed", place_id, before=place))
    for place_id, place in after.items():
        if place_id not in before:
            changes.append(Change("place-added", place_id, after=place))
        else:
            changes.extend(_place_changes(before[place_id], place))
    return sorted(changes, key=Change._sort_key)


def _place_changes(old: Place, new: Place) -> Iterable[Change]:
    for field in ("kind", "dispute"):
        was, now = getattr(old, field), getattr(new, field)
        if was != now:
            yield Change("place-changed", old.id, field=field, before=was, after=now)
    for perspective in sorted(set(old.parents) | set(new.parents)):
        was, now = old.parents.get(perspective, ()), new.parents.get(perspective, ())
        if tuple(was) != tuple(now):
            yield Change(
                "place-changed",
                old.id,
                field="parents",
                perspective=perspective,
                before=tuple(was),
                after=tuple(now),
            )
    pairs, removed, added = _match_names(old.names, new.names)
    for name in removed:
        yield Change("name-removed", old.id, text=name.text, lang=name.lang, before=name)
    for name in added:
        yield Change("name-added", old.id, text=name.text, lang=name.lang, after=name)
    for was_name, now_name in pairs:
        for field in _NAME_FIELDS:
            was, now = _name_field(was_name, field), _name_field(now_name, field)
            if was != now:
                yield Change(
                    "name-changed",
                    old.id,
                    field=field,
                    text=was_name.text,
                    lang=was_name.lang,
                    before=was,
                    after=now,
                )


def _match_names(
    old: Iterable[Name], new: Iterable[Name]
) -> tuple[list[tuple[Name, Name]], list[Name], list[Name]]:
    """(old, new) pairs of the same name, then the names removed, then those added."""
    unmatched: dict[tuple[str, str], list[Name]] = defaultdict(list)
    for name in new:
        unmatched[(name.text, name.lang)].append(name)
    pairs: list[tuple[Name, Name]] = []
    left_old: dict[str, list[Name]] = defaultdict(list)
    for name in old:
        twins = unmatched.get((name.text, name.lang))
        if twins:
            pairs.append((name, twins.pop(0)))
        else:
            left_old[name.text].append(name)
    left_new: dict[str, list[Name]] = defaultdict(list)
    for names in unmatched.values():
        for name in names:
            left_new[name.text].append(name)
    removed: list[Name] = []
    for text, names in left_old.items():
        if len(names) == 1 and len(left_new.get(text, ())) == 1:
            pairs.append((names[0], left_new.pop(text)[0]))  # the same name, its lang changed
        else:
            removed.extend(names)
    added = [name for names in left_new.values() for name in names]
    return pairs, removed, added


def _name_field(name: Name, field: str) -> str | tuple[str, ...] | None:
    if field == "used_by":
        return _used_by(name)
    value = getattr(name, field)
    return value.isoformat() if isinstance(value, datetime.date) else value


def _used_by(name: Name) -> tuple[str, ...]:
    return tuple(sorted(name.used_by))


def _quote(text: str | None) -> str:
    return json.dumps(text, ensure_ascii=False)


def _show(value: Value) -> str:
    if isinstance(value, tuple):
        return ",".join(value) if value else "(none)"
    return "(none)" if value is None else str(value)


def _jsonable(value: object) -> object:
    """``value`` as JSON's types: attrs classes as dicts, tuples and sets as lists, dates as
    YYYY-MM-DD."""
    if isinstance(value, (Place, Name, Point, Context)):
        return {f.name: _jsonable(getattr(value, f.name)) for f in attrs.fields(type(value))}
    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
