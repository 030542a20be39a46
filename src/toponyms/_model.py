"""The value classes of toponyms: immutable, slotted, comparable."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import attrs

__all__ = [
    "ALL_PARTIES",
    "Candidate",
    "Context",
    "Dispute",
    "Mention",
    "Name",
    "Place",
    "Point",
]

#: The perspective key for relations every party of a dispute agrees on.
ALL_PARTIES = "ALL"

# Name kinds that say what a party calls a place today, best first: what its press writes
# ("Etorofu") before the formal style ("Etorofu Island"). A party's display name for a place is
# its first name of the best kind available in the wanted language.
_DISPLAY_KINDS = ("common", "official", "short", "romanization", "transliteration", "variant")


V = TypeVar("V")


class FrozenMapping(Mapping[str, V]):
    """A read-only, hashable, picklable mapping (MappingProxyType is neither of the last two).

    >>> names = FrozenMapping({"JP": "Etorofu", "RU": "Iturup"})
    >>> names["JP"], dict(names) == {"JP": "Etorofu", "RU": "Iturup"}, hash(names) == hash(names)
    ('Etorofu', True, True)
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, V] | None = None) -> None:
        self._data: dict[str, V] = dict(data or {})

    def __getitem__(self, key: str) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMapping({self._data!r})"

    def __reduce__(self) -> tuple[type[FrozenMapping[V]], tuple[dict[str, V]]]:
        return (type(self), (self._data,))


def _frozen_mapping(value: Mapping[str, object]) -> Mapping[str, object]:
    return value if isinstance(value, FrozenMapping) else FrozenMapping(value)


@attrs.frozen
class Name:
    """One name of a place, with who uses it and where it was seen.

    >>> n = Name("Etorofu", "en", frozenset({"JP"}), "common", "https://example.org")
    >>> n.text, sorted(n.used_by)
    ('Etorofu', ['JP'])
    """

    text: str
    #: BCP 47 language tag: ``en``, ``ru``, ``ja``, ``ja-Hira``, ``ja-Latn``...
    lang: str
    #: ISO 3166-1 alpha-2 codes of the parties whose government or press uses this name.
    used_by: frozenset[str]
    #: official, common, short, variant, romanization, reading, transliteration, historical,
    #: abbreviation.
    kind: str
    #: URL of a public page where this name is used for this place.
    source: str
    note: str | None = None
    #: How annotate() may find the name in running text: "any-case" (the default),
    #: "exact-case", or "never" for names that are also ordinary words (Юрий, Зелёный).
    in_text: str = "any-case"
    #: The first day its parties use the name, when that is a known date (North Macedonia:
    #: 2019-02-12), else None.
    since: datetime.date | None = None
    #: The first day they no longer do (Republic of Macedonia: 2019-02-12), else None.
    until: datetime.date | None = None

    @property
    def language(self) -> str:
        """The primary language subtag: ``ja`` for ``ja-Latn``."""
        return self.lang.split("-", 1)[0].lower()

    def in_use(self, as_of: datetime.date | None = None) -> bool:
        """Whether the name's parties use it on ``as_of`` (default: today).

        >>> n = Name("North Macedonia", "en", frozenset({"GR"}), "official", "https://example.org",
        ...          since=datetime.date(2019, 2, 12))
        >>> n.in_use(datetime.date(2018, 1, 1)), n.in_use(datetime.date(2019, 2, 12))
        (False, True)
        """
        if self.since is None and self.until is None:
            return True
        day = as_of_date(as_of)
        started = self.since is None or self.since <= day
        return started and (self.until is None or day < self.until)


def as_of_date(as_of: datetime.date | None) -> datetime.date:
    """``as_of`` as a date, today for None; anything else but a date is a TypeError."""
    if as_of is None:
        return datetime.date.today()
    if not isinstance(as_of, datetime.date):
        raise TypeError(f"as_of must be a datetime.date or None, not {type(as_of).__name__}")
    return as_of.date() if isinstance(as_of, datetime.datetime) else as_of


@attrs.frozen
class Point:
    """A place's representative point in WGS 84 degrees, with the page that gives it.

    >>> Point(43.86, 146.82, "https://example.org").lat
    43.86
    """

    lat: float
    lon: float
    source: str


@attrs.frozen
class Context:
    """Cue phrases that decide whether a name in running text means this place: a mention
    within :data:`CONTEXT_WINDOW` characters of an ``unless_near`` phrase is another place
    (Georgia near "Atlanta"); with ``only_near``, a mention needs one of those phrases near it.
    """

    unless_near: tuple[str, ...] = ()
    only_near: tuple[str, ...] = ()


#: How far (in characters, either side of a mention) annotate() looks for context cues.
CONTEXT_WINDOW = 200


@attrs.frozen
class Dispute:
    """The file-level context of a group of places: its parties and whether it is disputed."""

    id: str
    title: str
    parties: frozenset[str]
    disputed: bool
    path: str
    description: str | None = None
    sources: tuple[str, ...] = ()
    #: Countries whose own names for these places are recorded though they are no party
    #: (China's 库页岛 for Sakhalin): their names resolve, but no party's view rests on them.
    third_parties: frozenset[str] = frozenset()


@attrs.frozen
class Place:
    """A place with a neutral ID, its names, and where each party puts it.

    ``parents`` maps a perspective (a party code, or ``"ALL"`` for what every party agrees on)
    to parent IDs; use :meth:`parents_for` to read one party's view.
    """

    id: str
    kind: str
    names: tuple[Name, ...]
    #: ID of the dispute (gazetteer file) the place belongs to.
    dispute: str
    #: Parties of that dispute: every one of them is expected to have a name for the place.
    parties: frozenset[str]
    parents: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_frozen_mapping)
    #: External identifiers confirmed by a public reference: wikidata, geonames, jp_lg_code...
    refs: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping)
    sources: tuple[str, ...] = ()
    homonyms: tuple[str, ...] = ()
    #: Party -> why that party has no name for the place.
    unnamed_by: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping)
    note: str | None = None
    #: A representative point taken from a source, for maps; None where the data has none.
    point: Point | None = None
    #: Cue phrases for telling this place from a homonym in running text.
    context: Context | None = None

    def parents_for(self, perspective: str) -> tuple[str, ...]:
        """Parent IDs as ``perspective`` (a party code) sees them, shared ones first."""
        shared = self.parents.get(ALL_PARTIES, ())
        own = self.parents.get(perspective, ()) if perspective != ALL_PARTIES else ()
        return shared + tuple(p for p in own if p not in shared)

    def names_used_by(
        self, party: str, lang: str | None = None, *, as_of: datetime.date | None = None
    ) -> tuple[Name, ...]:
        """Every name ``party`` uses, optionally only those in ``lang``; with ``as_of``, only
        the names in use on that date (undated names always are).

        A bare language (``"ja"``) matches all its scripts (``ja-Hira``, ``ja-Latn``); a full tag
        (``"ja-Latn"``) matches only itself.
        """
        return tuple(
            n
            for n in self.names
            if party in n.used_by
            and _lang_matches(n.lang, lang)
            and (as_of is None or n.in_use(as_of))
        )

    def name_for(
        self,
        party: str,
        lang: str = "en",
        *,
        like: str | None = None,
        as_of: datetime.date | None = None,
    ) -> Name | None:
        """What ``party`` calls this place in ``lang``: its first current name of the best kind.

        With ``like`` (a name as written elsewhere), a common or official name of the same
        number of words is preferred: "Etorofu Island" answers "Iturup Island", "Iturup"
        answers "Etorofu". Falls back to the language without its subtags (ja-Hira: ja, as
        BCP 47 lookup does; a Latin-script tag such as ja-Latn goes to English instead), then
        to English, then to any language, before giving up with ``None``. Only names in use on
        ``as_of`` (default: today) count: "North Macedonia" today, "Republic of Macedonia" on
        2018-01-01.
        """
        day = as_of_date(as_of)
        words = len(like.split()) if like else None
        primary = lang.split("-", 1)[0]
        wider = () if primary == lang or "-latn" in lang.lower() else (primary,)
        for wanted in (lang, *wider, "en", None):
            candidates = [
                (i, n)
                for i, n in enumerate(self.names_used_by(party, wanted, as_of=day))
                if n.kind in _DISPLAY_KINDS
            ]
            if candidates:

                def rank(item: tuple[int, Name]) -> tuple[int, int, int, int]:
                    position, name = item
                    kind = _DISPLAY_KINDS.index(name.kind)
                    shape = 0 if words is None else abs(len(name.text.split()) - words)
                    return (kind > 1, shape, kind, position)

                return min(candidates, key=rank)[1]
        return None


def _lang_matches(tag: str, wanted: str | None) -> bool:
    if wanted is None:
        return True
    tag, wanted = tag.lower(), wanted.lower()
    if "-" in wanted:
        return tag == wanted
    return tag.split("-", 1)[0] == wanted


@attrs.frozen
class Candidate:
    """A ranked answer of :func:`toponyms.search`: a place, the name that matched, and how well."""

    place_id: str
    #: The gazetteer name closest to the query.
    name: Name
    #: Similarity from 0 to 100; 100 means equal after folding.
    score: float
    #: ``"exact"`` (same text), ``"folded"`` (same after folding) or ``"fuzzy"``.
    method: str


@attrs.frozen
class Mention:
    """A place mentioned in running text: where, which place, whose name, and every side's name.

    ``text[start:end] == mention.text`` always holds for the string annotate() was given.
    """

    start: int
    end: int
    #: The text as written, sliced from the original string.
    text: str
    place_id: str
    #: 100 for exact, folded and inflected matches; the similarity for fuzzy ones.
    score: float
    #: "exact" (as written in the gazetteer), "folded" (same after folding), "inflected" (a
    #: case ending on the name, на Итурупе) or "fuzzy" (a typo).
    method: str
    #: The parties whose name the text used (Etorofu: JP; Iturup: RU; Shikotan: both).
    used_by: frozenset[str]
    #: Party -> that party's name for the place, in the mention's language or the one asked for.
    names: Mapping[str, str] = attrs.field(converter=_frozen_mapping)
    #: BCP 47 tag of the gazetteer name that matched.
    lang: str = "und"

    def __reduce__(self) -> tuple[type[Mention], tuple[Any, ...]]:
        # pickled as its constructor's arguments: half the cost of attrs' state, both ways,
        # for the mentions annotate_many()'s workers send back
        return Mention, (
            self.start,
            self.end,
            self.text,
            self.place_id,
            self.score,
            self.method,
            self.used_by,
            self.names,
            self.lang,
        )

    def to_dict(self) -> dict[str, Any]:
        """The mention as plain JSON-ready data: the parties sorted into a list, the names a
        dict. The one record that the CLI's JSON lines, the Spark schema and the pandas frame
        are built from.

        >>> import toponyms
        >>> toponyms.annotate("Etorofu")[0].to_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'start': 0, 'end': 7, 'text': 'Etorofu', 'place_id': 'etorofu-iturup', 'used_by': ['JP'],
         'method': 'exact', 'score': 100.0, 'lang': 'en',
         'names': {'JP': 'Etorofu', 'RU': 'Iturup'}}
        """
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "place_id": self.place_id,
            "used_by": sorted(self.used_by),
            "method": self.method,
            "score": self.score,
            "lang": self.lang,
            "names": dict(self.names),
        }
