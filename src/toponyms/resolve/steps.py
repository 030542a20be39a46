"""normalize(): the steps from an exact match to a typo, and how qualifiers are read.

Each step answers only when it finds places, and normalize() answers only when the first step
that finds any finds exactly one: a wrong place is worse than None in a pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import ClassVar

from rapidfuzz.distance import Levenshtein

from .._model import Place
from ..data.artifact import Sectioned
from ..data.generic import GenericClass, GenericTerms
from ..index.names import (
    IndexEntry,
    NameIndex,
    max_edits,
    merge_depths,
    other_form,
    typo_depths,
    words_close,
)
from ..index.typo import TypoIndex
from ..lang.countries import CountryNames
from ..policy import EDGES_KEPT_BELOW, SECONDARY_NAME_KINDS, SHORTEST_CONFUSED, keeps_edges
from ..text.confusions import confusion_key, han_variants
from ..text.fold import AMPERSAND_WORDS, fold, key_of_folded, romanization_key
from ..text.scripts import has_cyrillic, has_han_or_kana, is_han, is_kana

__all__ = ["Resolver"]

#: A reading of a query: its stem, the generic term's class (None: no term), and 1 when the
#: term itself carries a typo.
Reading = tuple[str, GenericClass | None, int]

_PARENS = re.compile(r"\(([^()]*)\)")
#: Kinds of place that always lie inside some region, recorded or not.
_SETTLEMENT_KINDS = frozenset({"city", "town", "village", "settlement", "municipality", "district"})
_SPACES = re.compile(r"\s+")


class Resolver(Sectioned):
    """The indexes normalize() reads, and its steps. Immutable once built; results are cached."""

    #: The indexes a normalize() reads only when a name is not found exactly.
    SECTIONS: ClassVar[Mapping[str, tuple[str, ...]]] = {
        "later": ("_stems", "_romanized", "_confused")
    }

    def __init__(
        self,
        places: Mapping[str, Place],
        generic_terms: GenericTerms,
        blocked: Iterable[str],
        ancestors: Callable[[str], frozenset[str]],
        more_keys: Mapping[str, int] | None = None,
    ) -> None:
        """``blocked`` are the folded keys of look-alike phrases; ``ancestors`` gives a place's
        ancestors under any party's view (a qualifier must name one of them); ``more_keys``
        are strings of other users of the typo index (annotate's name words), with the
        deletions each needs."""
        self._places = places
        self.generic_terms = generic_terms
        self._blocked = frozenset(blocked)
        self._ancestors = ancestors
        #: Countries' own names, which no typo turns into a place (read on first need).
        self.countries = CountryNames()
        names = [
            IndexEntry(place.id, name, tuple(fold(name.text).split()))
            for place in places.values()
            for name in place.names
        ]
        stems = list(_stem_entries(places.values(), generic_terms))
        self._romanized = _romanization_index(stems)
        self._confused = _confusion_index(stems)
        name_keys = {key_of_folded(" ".join(e.words)) for e in [*names, *stems]}
        #: The one typo index of the gazetteer: names, stems, romanization and confusion
        #: keys (one edit at most: they are coarse already), and ``more_keys``.
        self.typo = TypoIndex(
            merge_depths(
                typo_depths(name_keys),
                typo_depths(self._romanized, cap=1),
                typo_depths(self._confused, cap=1),
                more_keys or {},
            )
        )
        self.index = NameIndex(names, self.typo)
        self._stems = NameIndex(stems, self.typo)
        self._blocked_confused = frozenset(confusion_key(key) for key in self._blocked)
        longest = max((len(" ".join(entry.words)) for entry in stems), default=0)
        #: The longest folded query read (longer ones answer None at once); the raw text may
        #: be RAW_FACTOR times longer, since folding drops quotes and squeezes spaces.
        self.max_length = max(MIN_MAX_LENGTH, 4 * longest)
        self._longest_key = longest
        # a Han or kana query longer than a name and a term is no name with confusions
        unspaced = [key_of_folded(" ".join(e.words)) for e in stems]
        terms = [key_of_folded(fold(t)) for c in generic_terms.classes for t in c.terms]
        self._longest_unspaced = max(
            (len(k) for k in unspaced if has_han_or_kana(k)), default=0
        ) + max((len(t) for t in terms if has_han_or_kana(t)), default=0)
        self._resolve = lru_cache(maxsize=100_000)(self._resolve_uncached)
        #: The place of a name written in a grammatical form of its language (Krymie, والقرم,
        #: Արցախում), as annotate() reads it; set by the gazetteer.
        self.inflected: Callable[[str], str | None] | None = None

    def __getstate__(self) -> dict[str, object]:
        """Pickled with the indexes past the exact one as a section, unpickled when a name is
        first not found exactly: a cold start that normalizes a name reads the least."""
        state = dict(self.__dict__)
        del state["_resolve"]
        self._pack_sections(state)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        super().__setstate__(state)
        self._resolve = lru_cache(maxsize=100_000)(self._resolve_uncached)

    def _section_refs(self) -> tuple[Mapping[str, Place], Mapping[str, object]]:
        return self._places, {"typo": self.typo}

    def clear_cache(self) -> None:
        """Forget every answer (for measuring the cold path)."""
        self._resolve.cache_clear()
        self.generic_terms.clear_cache()

    def normalize(self, name: str, fuzzy: bool) -> str | None:
        """The place ID of ``name`` (any text), or None.

        Text far longer than any name is no name: beyond :attr:`max_length` folded characters
        (or RAW_FACTOR times that before folding, since folding itself costs) it answers None
        without further work, so a megabyte of text costs no more than a name.
        """
        if len(name) > RAW_FACTOR * self.max_length:
            return None
        folded = fold(name)
        if not folded or len(folded) > self.max_length:
            return None
        return self._resolve(folded, fuzzy, name.strip())

    def _resolve_uncached(self, folded: str, fuzzy: bool, written: str = "") -> str | None:
        """normalize() on an already folded name: each step answers only when it finds a place,
        and a step that finds several gives None rather than a guess."""
        key = key_of_folded(folded)
        if key in self._blocked:
            return None  # a look-alike phrase
        found = self._find(folded, fuzzy, written)
        if not found and "&" in folded:  # Jammu & Kashmir: "&" for a name's "and"
            for word in sorted(AMPERSAND_WORDS):
                found |= self._find(
                    _SPACES.sub(" ", folded.replace("&", f" {word} ")).strip(), fuzzy
                )
        if not found:
            if fuzzy and self._misread_look_alike(key):
                return None  # a look-alike phrase misread: no qualifier is read (Gi8raltar, ...)
            found = self._find_qualified(folded, fuzzy)
        return found.pop() if len(found) == 1 else None

    def _misread_look_alike(self, key: str) -> bool:
        """Whether ``key`` is a look-alike phrase misread by a scanner or an input method
        (Gi8raltar, Michigan; 竹島 (鹿児鳥県))."""
        if confusion_key(key) in self._blocked_confused:
            return True
        return has_han_or_kana(key) and any(v in self._blocked for v in han_variants(key, 1))

    def _find(self, folded: str, fuzzy: bool, written: str = "") -> set[str]:
        """The places the first step that finds any finds: exact, stems, a grammatical form
        (what annotate() reads in ``written``), romanization key;
        then, with ``fuzzy``, names a scanner or an input method misread (Habornai, 択捉鳥),
        the nearest names or stems (a confusion with typos competing, as half an edit), and
        the nearest romanization keys."""
        found = _full_name_first(self.index.exact_entries(folded))
        if not found and self.countries.names_a_country(folded):
            return set()  # Mexico is the country, not a stem of the Gulf of Mexico
        if not found:
            found = self._by_stem(folded, self._stems.exact_entries, fuzzy=False)
        if not found and written and self.inflected is not None:
            inflected = self.inflected(written)  # a grammatical form, as annotate() reads it
            found = {inflected} if inflected is not None else set()
        if not found:
            romanized = self._by_romanization(folded)
            if len(romanized) == 1:  # a coarse key: it answers only when it is sure
                found = romanized
        if found or not fuzzy:
            return found
        if self.countries.place_elsewhere(folded) is not None:
            return set()  # Tokyo is no typo of Tokto (Dokdo): it names a place of its own
        confused = self._by_confusion(folded)
        if confused is None:
            return set()  # a misread look-alike phrase ("Northem Territory")
        found = confused
        if not found:
            readings = list(self._stems_of(folded))
            distance, found = self._nearest(folded, readings)
            if distance is None or distance >= 2:  # a confusion counts half an edit
                near = self._nearest_confused(readings)
                if near is not None and (distance is None or near[0] < distance):
                    found = near[1]
            found = found or self._nearest_romanized(readings)
        return found

    def _by_confusion(self, folded: str) -> set[str] | None:
        """Places of the names ``folded`` is once a scanner's or an input method's confusions
        are undone (Habornai: Habomai; 択捉鳥: 択捉島), or None when it is a look-alike phrase
        misread. Such a confusion counts as less than one edit, so this step comes before the
        nearest names. Names of up to four letters, or two Han or kana, get no such step."""
        key = key_of_folded(folded)
        if confusion_key(key) in self._blocked_confused:
            return None
        if has_han_or_kana(key):
            if _SHORTEST_HAN_CONFUSED < len(key) <= self._longest_unspaced:
                return self._by_han_variant(key)
            return set()
        if not SHORTEST_CONFUSED < len(key) <= self._longest_key:
            return set()
        found = _full_name_first([e for e in self._confused_entries(folded) if e.generic is None])
        if found:
            return found
        for stem, cls in self.generic_terms.stems(folded):
            found |= self._places_read_as(self._confused_entries(stem), cls)
        return found

    def _confused_entries(self, folded: str) -> list[IndexEntry]:
        """Entries of names, or stems, of more than four letters with the confusion key of
        ``folded``."""
        return [
            e
            for e in self._confused.get(_confusion_words_key(folded.split()), [])
            if len(key_of_folded(" ".join(e.words))) > SHORTEST_CONFUSED
        ]

    def _by_han_variant(self, key: str) -> set[str] | None:
        """Places named by ``key`` (Han or kana) with one confusable character replaced (two
        beyond four characters), fewest replacements first; None when a replacement gives a
        look-alike phrase."""
        limit = 1 if len(key) <= 4 else 2
        by_count: dict[int, set[str]] = {}
        for variant in han_variants(key, limit):
            count = sum(a != b for a, b in zip(variant, key, strict=True))
            if by_count and count > min(by_count):
                break
            if variant in self._blocked:
                return None
            found = _full_name_first(self.index.exact_entries(variant)) or self._by_stem(
                variant, self._stems.exact_entries, fuzzy=False
            )
            if found:
                by_count.setdefault(count, set()).update(found)
        return by_count[min(by_count)] if by_count else set()

    def _nearest(self, folded: str, readings: Sequence[Reading]) -> tuple[int | None, set[str]]:
        """Places of the names, or name stems, fewest edits away, and that distance: whole
        names and stems compete ("Yozhno-Kurilsky" is one edit from the district's stem, two
        from the town's name), and at equal distance whole names win, as in the exact steps."""
        best, entries = self.index.fuzzy_match(folded)
        found = _ids(entries)
        stems: dict[int, set[str]] = {}
        for stem, cls, term_typo in readings:
            distance, entries = self._stems.fuzzy_match(stem)
            # a bare name reads only stems that lost a term (the whole names competed above)
            entries = [
                e
                for e in entries
                if (cls is not None or e.generic is not None) and self._reads_as(stem, cls, e)
            ]
            if entries and distance is not None:
                stems.setdefault(distance + term_typo, set()).update(_ids(entries))
        nearest = min(stems, default=None)
        if nearest is not None and (best is None or nearest < best):
            return nearest, stems[nearest]
        return best, found

    def _nearest_confused(self, readings: Sequence[Reading]) -> tuple[int, set[str]] | None:
        """Places of the names, or stems, nearest once confusions are undone, within the edit
        budget less one (the confusion): "Northem Teritories" is a confusion and a typo from
        the Northern Territories, three plain edits. The distance returned counts the typos
        beside the confusion (which counts half an edit, so n typos and a confusion beat n + 1
        plain edits and lose to n)."""
        by_distance: dict[int, set[str]] = {}
        for stem, cls, term_typo in readings:
            words = stem.split()
            key = key_of_folded(stem)
            budget = max_edits(len(key)) - 1 - term_typo
            if budget < 1 or has_han_or_kana(key):
                continue
            confused = [confusion_key(word) for word in words]
            digits = {ch for ch in "".join(confused) if ch.isdigit()}
            for choice, distance in self.typo.within("".join(confused), budget):
                if choice not in self._confused:
                    continue
                if distance == 0 or digits - set(choice):
                    continue  # the exact key answered before; digits are never typos
                for entry in self._confused[choice]:
                    if (
                        self._reads_as(stem, cls, entry)
                        and len(key_of_folded(" ".join(entry.words))) > SHORTEST_CONFUSED
                        and words_close(confused, [confusion_key(w) for w in entry.words])
                        and not other_form(words, entry.words)
                    ):
                        rank = int(distance) + term_typo
                        by_distance.setdefault(rank, set()).add(entry.place_id)
        if not by_distance:
            return None
        nearest = min(by_distance)
        return nearest, by_distance[nearest]

    def _stems_of(self, folded: str) -> Iterator[Reading]:
        """Each ``(stem, class, edits)`` reading of ``folded``, where ``edits`` is 1 when the
        generic term itself carries the typo ("Tomari Vlilage" is one edit from Tomari
        Village, whichever way it is read)."""
        exact = {(stem, cls.id if cls else None) for stem, cls in self.generic_terms.stems(folded)}
        for stem, cls in self.generic_terms.stems(folded, fuzzy=True):
            yield stem, cls, int((stem, cls.id if cls else None) not in exact)

    def _nearest_romanized(self, readings: Sequence[Reading]) -> set[str]:
        """Places of the names fewest edits away once romanization is forgotten: a typo in a
        name written in another system of the same script ("Alassov": Atlassov, Atlasov). The
        key is coarse already, so one edit at most, word for word, and whole names first at
        equal distance."""
        by_distance: dict[tuple[int, bool], set[str]] = {}
        for stem, cls, term_typo in readings:
            key = romanization_key(stem)
            if key is None or not key.isascii():
                continue  # kana keys answer exactly or not at all
            budget = min(1, max_edits(len(key)))  # the key is coarse already
            if budget == 0:
                continue
            words = _romanized_words(stem.split())
            cyrillic = has_cyrillic(stem)
            digits = {ch for ch in key if ch.isdigit()}
            for choice, distance in self.typo.within(key, budget):
                if choice not in self._romanized:
                    continue
                if distance == 0 or distance > max_edits(min(len(key), len(choice))):
                    continue  # the exact key answered before; the shorter name sets the budget
                if digits - set(choice):
                    continue  # digits are never typos: Sachalin-2 is a project, not the island
                if choice[0] != key[0] or not keeps_edges("name", key, choice):
                    continue  # no typo at a key's first letter (Rusia is not Gruziya), nor at
                    # the edges of a short key (Crimean is not Crimea)
                for entry in self._romanized[choice]:
                    if has_cyrillic("".join(entry.words)) != cyrillic:
                        continue  # across scripts a typo is too easy: Russia ~ Расшя (Rasshua)
                    if len(key) < EDGES_KEPT_BELOW["name"] and (
                        Levenshtein.distance(stem, " ".join(entry.words)) > _SHORT_KEY_EDITS
                    ):
                        continue  # a short coarse key hides too much: Россия ~ Расшя
                    if (
                        self._reads_as(stem, cls, entry)
                        and len(words) == len(entry.words)
                        and words_close(words, _romanized_words(entry.words))
                        and not other_form(stem.split(), entry.words)
                    ):
                        rank = (
                            int(distance) + term_typo,
                            cls is None and entry.generic is not None,
                        )
                        by_distance.setdefault(rank, set()).add(entry.place_id)
        return by_distance[min(by_distance)] if by_distance else set()

    def _reads_as(self, stem: str, cls: GenericClass | None, entry: IndexEntry) -> bool:
        """Whether a query read as ``stem`` with the term class ``cls`` may be ``entry``: a
        bare name only a name or a stem not derived from it, a term only a place of its kind."""
        if cls is None:
            return entry.generic is None or (_not_derived(stem, entry) and self._bare(entry))
        return self._places[entry.place_id].kind in cls.kinds

    def _bare(self, entry: IndexEntry) -> bool:
        """Whether a name written without a term may be this entry: a name, or a stem that
        names the place alone ("Kuril" for the Kuril Islands). Not the stem of a sea, gulf or
        bay (Mexico, Persian, East: the country, an adjective, a direction), nor of an
        administrative unit (Kherson Oblast, Nemuro Subprefecture: the city it is named after),
        nor an English adjective (Crimean Peninsula)."""
        if entry.generic is None:
            return True
        kind = self._places[entry.place_id].kind
        if kind in _WATER_KINDS:
            return False
        if kind in _ADMINISTRATIVE_KINDS:  # "Kherson" is the city, "Kurilsky" the district
            return entry.words[-1].endswith(_SLAVIC_ADJECTIVE_ENDINGS)
        return not (
            entry.name.language == "en" and entry.words[-1].endswith(_ENGLISH_ADJECTIVE_ENDINGS)
        )

    def _find_qualified(self, folded: str, fuzzy: bool) -> set[str]:
        """Places of a name written with alternatives or qualifiers.

        "Kunashir/Kunashiri" needs every alternative that names a place to name the same one.
        In "Nemuro, Hokkaido" or "エトロフ(択捉)島" the head decides, and a qualifier that names
        a place must be that place or one of its ancestors (under any party's view); a generic
        term as qualifier ("Yuri (island)") must fit the place's kind; a country or one of its
        subdivisions must be a party's; any other qualifier names something else ("Kashmir
        (band)", "Georgia (U.S. state)"), and the answer is None. Qualifiers also pick one of a
        homonym's places.
        """
        if "/" in folded:
            parts = {part.strip() for part in folded.split("/")} - {""}  # each one once
            alternatives = [self._find(part, fuzzy) for part in parts]
            agreed = [found for found in alternatives if found]
            return set.intersection(*agreed) if agreed else set()
        head = _SPACES.sub(" ", _PARENS.sub("", folded)).strip()
        head, *tails = (part.strip() for part in head.split(","))
        qualifiers = [q.strip() for q in _PARENS.findall(folded)] + tails
        qualifiers = list(dict.fromkeys(q for q in qualifiers if q))  # each one once
        if not qualifiers and _unspaced_cjk(head):
            return self._find_address(head, fuzzy)
        if not qualifiers or not head:
            return set()
        found = self._find(head, fuzzy)
        for qualifier in qualifiers:
            kinds = self.generic_terms.kinds_of_term(qualifier)
            if kinds is not None:  # "Юрий (остров)", "Хабомаи (село)": a kind, not a place
                found = {p for p in found if self._places[p].kind in kinds}
                continue
            named = self._find(qualifier, fuzzy=False)
            if not named and _unspaced_cjk(qualifier):
                named = self._find_address(qualifier, fuzzy=False)
            if named:
                found = {p for p in found if any(q == p or q in self._ancestors(p) for q in named)}
            elif elsewhere := self.countries.place_elsewhere(qualifier):
                # a country that is no party of the place (Stanley, Hong Kong is no Stanley),
                # or a subdivision of one (Sebastopol, California is no Sevastopol); a
                # subdivision of a party may be the place's own region, which the gazetteer
                # need not hold (Tomari Village (Hokkaido)), unless it holds another one
                # (Srinagar, Uttarakhand is not the Srinagar of Jammu and Kashmir) or the place
                # lies in no region at all (Falkland, Fife is no Falkland Islands)
                code, subdivision = elsewhere
                found = {
                    p
                    for p in found
                    if code in self._places[p].parties
                    and not (subdivision and not self._in_unknown_region(p))
                }
            else:
                return set()  # it names nothing known: a band, a ship, a US state, a goddess
        return found

    def _in_unknown_region(self, place_id: str) -> bool:
        """Whether the place may lie in a region the gazetteer does not hold: it is inside
        something (it has ancestors, or it is a settlement) and none of its ancestors is a
        country's subdivision (ISO 3166-2)."""
        ancestors = self._ancestors(place_id)
        if not ancestors and self._places[place_id].kind not in _SETTLEMENT_KINDS:
            return False
        return not any(
            self.countries.place_elsewhere(fold(name.text)) is not None
            for ancestor in ancestors
            for name in self._places[ancestor].names
            if name.lang == "en"
        )

    def _find_address(self, folded: str, fuzzy: bool) -> set[str]:
        """Places of a Japanese or Chinese address written without separators: the larger units
        come first and must be ancestors of the place the rest names (北海道 + 色丹郡色丹村,
        北海道根室振興局). A county (郡) that is not in the gazetteer is passed over when it
        leaves a single place (択捉郡 + 留別村)."""
        # Each suffix is read once (memo), so the cost is quadratic in the length, not
        # exponential (郡郡郡... would try every way to cut it).
        memo: dict[int, set[str]] = {}

        def rest(start: int) -> set[str]:
            """Places ``folded[start:]`` names, whole or as an address."""
            if start not in memo:
                memo[start] = self._find(folded[start:], fuzzy) or address(start)
            return memo[start]

        def address(start: int) -> set[str]:
            text = folded[start:]
            for cut in range(len(text) - 1, 0, -1):
                prefix = text[:cut]
                named = _ids(self.index.exact_entries(prefix))
                if len(named) == 1:
                    place = next(iter(named))
                    found = {p for p in rest(start + cut) if place in self._ancestors(p)}
                    if found:
                        return found
                elif not named and prefix.endswith("郡") and len(prefix) >= 2:
                    found = rest(start + cut)
                    if len(found) == 1:
                        return found
            return set()

        return address(0)

    def _by_romanization(self, folded: str) -> set[str]:
        """Places whose name (or its stem) is the same once romanization is forgotten:
        Južno-Kuril'skij ~ Yuzhno-Kurilsky, Sachalin ~ Sakhalin, Szykotan ~ Shikotan."""
        found: set[str] = set()
        for stem, cls in self.generic_terms.stems(folded):
            key = romanization_key(stem)
            found |= self._places_read_as(self._romanized.get(key, []) if key else [], cls)
        return found

    def _places_read_as(self, entries: Sequence[IndexEntry], cls: GenericClass | None) -> set[str]:
        """The places of ``entries`` for a query read with the term class ``cls``: for a bare
        name, whole names first and names' stems only failing them; with a term, only places
        of a kind it describes."""
        if cls is None:
            whole = {e.place_id for e in entries if e.generic is None}
            return whole or {e.place_id for e in entries if self._bare(e)}
        return {e.place_id for e in entries if self._places[e.place_id].kind in cls.kinds}

    def _by_stem(
        self, folded: str, find: Callable[[str], list[IndexEntry]], *, fuzzy: bool
    ) -> set[str]:
        """Places whose name, stripped of its generic term, matches ``folded`` stripped of its
        own: "Kuril Archipelago" ~ "Kuril Islands", "択捉" ~ "択捉島", "остров Итуруп" ~ "Итуруп".

        A query with a term accepts only places of a kind its class covers; a query without one
        matches only stems that lost a term.
        """
        found: set[str] = set()
        for stem, cls in self.generic_terms.stems(folded, fuzzy=fuzzy):
            for entry in find(stem):
                if cls is None:
                    if entry.generic is not None and self._bare(entry):
                        found.add(entry.place_id)
                elif self._places[entry.place_id].kind in cls.kinds:
                    found.add(entry.place_id)
        return found


def _romanization_index(entries: Iterable[IndexEntry]) -> dict[str, list[IndexEntry]]:
    index: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        key = romanization_key(" ".join(entry.words))
        if key:
            index.setdefault(key, []).append(entry)
    return index


#: Kinds of place whose names' stems name something else: a sea's (Mexico, Japan, Persian,
#: East) and, unless an adjective, an administrative unit's (Kherson Oblast: Kherson is the
#: city; Kurilsky District: Kurilsky names nothing else).
_WATER_KINDS = frozenset({"sea", "gulf", "bay", "strait"})
_ADMINISTRATIVE_KINDS = frozenset(
    {"oblast", "prefecture", "subprefecture", "district", "province", "municipality"}
)
_SLAVIC_ADJECTIVE_ENDINGS = (
    "sky",
    "skiy",
    "skij",
    "skii",
    "ski",
    "ska",
    "skyi",
    "ская",
    "ский",
    "ски",
    "ська",
    "ський",
    "ское",
    "ській",
)
#: Endings of English adjectives of place (Crimean, Persian, Japanese, Kurdish).
_ENGLISH_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish")

#: Written edits a short romanization key may hide beside its own typo.
_SHORT_KEY_EDITS = 2

_LONGEST_ADDRESS = 40  # characters; longer unspaced text is prose, not an address

#: normalize() reads at most max(MIN_MAX_LENGTH, 4 x the longest folded name) folded characters,
#: and at most RAW_FACTOR times that before folding.
MIN_MAX_LENGTH = 256
RAW_FACTOR = 16
#: Names of up to this many letters (Latin, Cyrillic) or characters (Han, kana) get no
#: confusion step: one confusion in so short a name is too often another word.
_SHORTEST_HAN_CONFUSED = 2


def _confusion_words_key(words: Sequence[str]) -> str:
    """The confusion key of folded words, without spaces or a leading "the"."""
    if words[:1] == ["the"]:
        words = words[1:]
    return "".join(confusion_key(word) for word in words)


def _confusion_index(entries: Iterable[IndexEntry]) -> dict[str, list[IndexEntry]]:
    index: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        if not has_han_or_kana("".join(entry.words)):
            index.setdefault(_confusion_words_key(entry.words), []).append(entry)
    index.pop("", None)
    return index


def _unspaced_cjk(text: str) -> bool:
    """Whether ``text`` is Han or kana without spaces (how Japanese writes addresses)."""
    return 1 < len(text) <= _LONGEST_ADDRESS and all(is_han(ch) or is_kana(ch) for ch in text)


def _romanized_words(words: Sequence[str]) -> list[str]:
    return [romanization_key(word) or word for word in words]


def _ids(entries: Iterable[IndexEntry]) -> set[str]:
    return {e.place_id for e in entries}


def _not_derived(query: str, entry: IndexEntry) -> bool:
    """Whether a bare query and a name's stem differ by more than the end of the last word:
    "Південно-Курильськ" (a town) is not a typo of the adjective in "Південно-Курильські
    острови" (the islands), though one letter apart."""
    last, stem_last = query.split()[-1], entry.words[-1]
    return last == stem_last or not (last.startswith(stem_last) or stem_last.startswith(last))


def _full_name_first(entries: Sequence[IndexEntry]) -> set[str]:
    """The places of exact matches; when several places match, those for which the text is
    only a short form or a historical name drop out in favour of one whose current full name
    it is ("Nemuro" is the city; for the subprefecture it is a clipped "Nemuro Subprefecture";
    樺太 is Sakhalin today and southern Sakhalin only historically)."""
    found = _ids(entries)
    if len(found) > 1:
        primary = {e.place_id for e in entries if e.name.kind not in SECONDARY_NAME_KINDS}
        if len(primary) == 1:
            return primary
    return found


def _stem_entries(places: Iterable[Place], generic_terms: GenericTerms) -> Iterator[IndexEntry]:
    """Every name as it stands and as a stem without its generic term, for ``_by_stem``."""
    for place in places:
        for name in place.names:
            folded = fold(name.text)
            yield IndexEntry(place.id, name, tuple(folded.split()))
            for stem, cls in generic_terms.stems(folded):
                if cls is not None:
                    yield IndexEntry(place.id, name, tuple(stem.split()), cls.id)
