"""Finding place mentions in running text.

The text is folded once (:func:`~toponyms.text.fold.fold_with_offsets`) and scanned by one
Aho-Corasick automaton (ahocorasick_rs: Rust's aho-corasick, a contiguous NFA) holding every
name folded the same way. Each raw
hit is then checked against the word-boundary rule of its script: Latin and Cyrillic names must
stand as whole words ("Kurilsky" is not "Kuril" + "sky"); Han names may touch anything, as
Japanese and Chinese are written without spaces; katakana names may not run on into more
katakana; hangul names take particles after them. Russian names are also found with case endings
(на Итурупе, Курильских островах). Overlapping hits are resolved longest first, and a hit inside
a look-alike phrase of the data (``should_not_match``) is dropped. With ``fuzzy``, capitalized
words within a typo of a name word are checked against the whole name (see
:func:`~toponyms.index.names.words_close`).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import ahocorasick_rs
import attrs
from rapidfuzz.distance import OSA

from .._model import FrozenMapping, Mention, Name, Place
from ..index.names import max_edits, word_edits, words_close
from ..index.typo import TypoIndex
from ..lang import Language, language_for
from ..lang.countries import CountryNames
from ..lang.declension import Declension, declension_for, declension_pattern
from ..policy import FUZZY_NAME_KINDS, MIN_CONFUSABLE, SECONDARY_NAME_KINDS, edits
from ..text.confusions import confusion_key, han_variants
from ..text.fold import (
    HYPHENS,
    OffsetMap,
    fold,
    fold_key,
    fold_with_offsets,
    key_of_folded,
)
from ..text.scripts import (
    has_cyrillic,
    is_han,
    is_hangul,
    is_kana,
    is_katakana,
    joins_word,
    spaced_word,
)

__all__ = ["Annotator", "declension_of", "fuzzy_word_depths", "in_text_rule"]

_MIN_STEM = 3

#: A word right after a mention, or after "of" and its kin: Северные территории Канады,
#: Northern Territories of Canada, Territoires du Nord-Ouest du Canada.
_QUALIFIER_AFTER = re.compile(
    r"[^\S\n]+(?:(?:of|de|du|des|del|della|di|von|der|do|da)[^\S\n]+(?:the[^\S\n]+)?)?"
    r"([^\W\d_]+)"
)
_BLANKS = frozenset(" \t\u00a0")
#: What the character before a qualified name can be: the space after Canada's, or の.
_BEFORE_QUALIFIER = frozenset(" \t\u00a0の")
#: A possessive right before a mention: Canada's Northern Territories.
_QUALIFIER_BEFORE = re.compile(r"([^\W\d_]+)['’]s[^\S\n]+$")
_LAST_WORD = re.compile(r"(\S+)\s*$")
_FIRST_WORD = re.compile(r"\s*([^\s.,;:!?()]+)")

#: The longest kana reading looked for in parentheses after a name.
_LONGEST_GLOSS = 24

_METHOD_RANK = {"exact": 0, "folded": 0, "inflected": 1, "fuzzy": 2}


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


class Annotator:
    """The compiled matcher of one gazetteer. Build once, use from any thread."""

    def __init__(
        self,
        places: Iterable[Place],
        should_not_match: Iterable[str],
        ancestors: Callable[[str], frozenset[str]],
        generic_words: frozenset[str] = frozenset(),
        generic_kinds: Callable[[str], frozenset[str] | None] | None = None,
        typo: TypoIndex | None = None,
    ) -> None:
        """``ancestors`` gives a place's ancestors under any party's view (for homonyms);
        ``generic_words`` are the folded one-word generic terms (Island, остров...), and
        ``generic_kinds`` the kinds of place a folded term describes (None: not a term);
        ``typo`` is the gazetteer's typo index (with :func:`fuzzy_word_depths`' words)."""
        self._places = {p.id: p for p in places}
        self._countries = CountryNames()
        self._generic_kinds = generic_kinds
        #: Russian one-word terms with their case endings (на острове), for with-term names.
        self._declined_terms: list[tuple[re.Pattern[str], frozenset[str]]] = []
        if generic_kinds is not None:
            for word in sorted(generic_words):
                kinds = generic_kinds(word)
                if kinds and has_cyrillic(word) and word.isalpha() and len(word) >= _MIN_STEM:
                    self._declined_terms.append((re.compile(declension_pattern(word)[1]), kinds))
        self._ancestors = ancestors
        records: dict[str, _Record] = {}

        def record(pattern: str) -> _Record:
            return records.setdefault(pattern, _Record(pattern))

        for place in self._places.values():
            for name in place.names:
                if in_text_rule(place, name, generic_words) is None:
                    continue
                folded = fold_with_offsets(name.text)[0].strip()
                entry = _Entry(place.id, name)
                language = language_for(name.lang)
                end = _word_end(language)
                for pattern in self._patterns(folded, name.text):
                    rec = record(pattern)
                    _add_language(rec, language)
                    if is_katakana(name.text[0]):
                        rec.katakana = True
                    else:
                        rec.hiragana = True
                    if all(e.name.text != name.text or e.place_id != place.id for e in rec.exact):
                        rec.exact.append(entry)
                declension = declension_of(name)
                inflected = (
                    declension.name_pattern(name.text)
                    if declension is not None and name.in_text == "any-case"
                    else None
                )
                if inflected is not None:
                    key, body = inflected
                    rec = record(key)
                    rec.inflections.append(_Inflection(body + end, entry, folded))
                    _add_language(rec, language)
                if language is not None and name.in_text == "any-case":
                    for form in language.contracted(folded):  # ل + القرم = للقرم
                        rec = record(form)
                        rec.inflections.append(_Inflection(re.escape(form) + end, entry, ""))
                        _add_language(rec, language)

        #: The terms a place's own names put before another of its names, in their case
        #: forms ("острова Дёмина": острова), for the places whose names need a term.
        self._own_terms = {
            place.id: _own_terms(place)
            for place in self._places.values()
            if any(n.in_text == "with-term" for n in place.names)
        }
        #: Each place's names (readings too) by folded key, for readings in parentheses.
        self._keys_of: dict[str, dict[str, _Entry]] = {}
        for place in self._places.values():
            for name in place.names:
                if name.in_text != "never":
                    self._keys_of.setdefault(place.id, {}).setdefault(
                        fold_key(name.text), _Entry(place.id, name)
                    )
        self._records = list(records.values())
        for rec in self._records:
            if rec.exact and all(_plain(e.name.text, e.name.in_text) for e in rec.exact):
                rec.plain = _one_per_place(rec.exact)
                rec.plain_ids = frozenset(e.place_id for e in rec.plain)
                if rec.inflections:
                    continue
                if rec.first == rec.last == _WORD:
                    rec.quick = _WORD
                elif all(is_han(c) for c in rec.pattern) and len(rec.pattern) > 2:
                    rec.quick = _FREE
        for rec in self._records:
            if rec.inflections:
                rec.inflections.sort(key=lambda i: -len(i.nominative))
                rec.inflected = True
        blocked = sorted({fold_with_offsets(p)[0].strip() for p in should_not_match} - {""})
        self._blocked = tuple(blocked)
        self._automata()
        self._fuzzy_words = _FuzzyWords(self._places.values(), typo)
        self._misread = _MisreadHan(records)
        self._names = lru_cache(maxsize=65536)(self._names_uncached)

    def _automata(self) -> None:
        """The automata, built from the patterns (they do not pickle: an unpickled annotator
        builds them again, which takes milliseconds)."""
        patterns = [rec.pattern for rec in self._records]
        # Leftmost-longest for the scan; every overlapping match where the longest fails. A
        # contiguous NFA scans text as fast as a DFA here and builds six times faster (0.09 s
        # for 30,000 patterns, 0.5 s as a DFA): the build is part of the first annotate().
        self._longest = ahocorasick_rs.AhoCorasick(
            patterns,
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA,
        )
        self._every = ahocorasick_rs.AhoCorasick(patterns)
        self._blocked_phrases = ahocorasick_rs.AhoCorasick(list(self._blocked) or ["\x00"])

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        for unpicklable in ("_longest", "_every", "_blocked_phrases", "_names"):
            del state[unpicklable]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._automata()
        self._names = lru_cache(maxsize=65536)(self._names_uncached)

    def _names_uncached(self, place_id: str, lang: str, like: str) -> FrozenMapping[str]:
        return _names_for(self._places[place_id], lang, like)

    @staticmethod
    def _patterns(folded: str, original: str) -> list[str]:
        """The folded name, and without spaces where the name had a hyphen (a hyphenated name
        broken at a line end is joined by folding: Yuzhno-\\nKurilsk -> yuzhnokurilsk)."""
        patterns = [folded]
        if "-" in original and " " in folded:
            patterns.append(folded.replace(" ", ""))
        return patterns

    # -- matching ------------------------------------------------------------------------------

    def annotate(self, text: str, *, fuzzy: bool, lang: str | None) -> list[Mention]:
        """Mentions in ``text``; long texts are matched paragraph block by paragraph block
        (names never cross a blank line), which keeps the cost linear and memory bounded, and
        homonyms are then resolved against the places of the whole text."""
        mentions: list[Mention] = []
        sure: set[str] = set()  # the places named without doubt, for the homonyms
        homonyms: list[tuple[_Hit, int, int]] = []  # each with its span in ``text``
        for base, chunk in _blocks(text):
            folded, offsets = fold_with_offsets(chunk)
            hits = self._exact_hits(chunk, folded, offsets)
            if fuzzy:
                hits += self._fuzzy_hits(chunk, folded, offsets, hits)
            if self._blocked and hits:
                hits = self._drop_blocked(folded, hits)
            chosen = _resolve_overlaps(hits)
            if "(" in folded:
                chosen = self._glossed(folded, chosen)
            aligned = offsets.aligned_until
            for hit in chosen:
                start, end = (
                    (hit.start, hit.end) if hit.end < aligned else offsets.span(hit.start, hit.end)
                )
                if self._of_another_country(chunk, start, end, hit):
                    continue
                if " " in hit.entries[0].name.text and _compound_head(chunk, end):
                    continue  # Territoris del Nord-oest: a longer name, not this one
                if len(hit.place_ids) == 1:  # a mention at once: only homonyms wait
                    sure.update(hit.place_ids)
                    mentions.append(self._mention(text, base + start, base + end, hit, lang))
                else:
                    homonyms.append((hit, base + start, base + end))
        for (_, start, end), narrowed in zip(
            homonyms, self._disambiguate([h for h, _, _ in homonyms], sure), strict=True
        ):
            if narrowed is not None:
                mentions.append(self._mention(text, start, end, narrowed, lang))
        mentions.sort(key=_SPAN)
        return mentions

    def _exact_hits(self, text: str, folded: str, offsets: OffsetMap) -> list[_Hit]:
        """Hits of the automaton that pass their boundary rules.

        The scan is leftmost-longest, so a text pays for the names in it, not for every shorter
        name inside them; where the longest hit fails, that stretch is scanned again for every
        overlapping hit, so no valid shorter one is lost.
        """
        hits: list[_Hit] = []
        records = self._records
        length = len(folded)
        for index, start, end in self._longest.find_matches_as_indexes(folded):
            rec = records[index]
            if start and rec.first == _WORD and joins_word(folded[start - 1]):
                if rec.clitics and _after_clitics(folded, start, rec.clitics):
                    hits.extend(self._check(text, folded, offsets, start, index, clitic=True))
                    continue
                # inside a longer word: neither the name nor its case forms (IturupIturup...)
                if not _in_one_word(folded, start, end):
                    hits.extend(self._inner_hits(text, folded, offsets, start, end, index))
                continue
            if rec.quick is not None and (  # names that need no look at their neighbours...
                rec.quick == _FREE  # ...a Han name of three characters or more,
                or (  # ...or a word whose neighbours are no letters and no compound's head
                    (end == length or not joins_word(folded[end]))
                    and not _compound_tail(text, folded, offsets, start)
                )
            ):
                hits.append(_Hit(start, end, rec.plain or (), "exact", 100.0, rec.plain_ids))
                continue
            found = self._check(text, folded, offsets, start, index)
            if found:
                hits.extend(found)
                continue
            hits.extend(self._inner_hits(text, folded, offsets, start, end, index))
        return hits

    def _inner_hits(
        self, text: str, folded: str, offsets: OffsetMap, start: int, end: int, index: int
    ) -> list[_Hit]:
        """Every hit of another, shorter pattern inside ``folded[start:end]``."""
        hits: list[_Hit] = []
        piece = folded[start:end]
        for inner, inner_start, inner_end in self._every.find_matches_as_indexes(piece, True):
            if inner != index and inner_end - inner_start < end - start:
                hits.extend(self._check(text, folded, offsets, start + inner_start, inner))
        return hits

    def _check(
        self,
        text: str,
        folded: str,
        offsets: OffsetMap,
        start: int,
        index: int,
        *,
        clitic: bool = False,
    ) -> list[_Hit]:
        """The hits one automaton match at ``start`` stands for: the name, its inflections.
        ``clitic``: the word starts with clitics of the name's language before ``start``."""
        rec = self._records[index]
        end = start + len(rec.pattern)
        hits: list[_Hit] = []
        if rec.exact and self._fits(text, folded, offsets, start, end, rec, clitic=clitic):
            if rec.plain is not None:  # every name found as is: nothing to look at
                hits.append(_Hit(start, end, rec.plain, "exact", 100.0, rec.plain_ids))
            else:
                hits.extend(self._written_names(text, folded, offsets, start, end, index))
        if rec.inflected:
            hit = self._inflected(text, folded, offsets, start, rec, clitic=clitic)
            if hit is not None:
                hits.append(hit)
        return hits

    def _written_names(
        self, text: str, folded: str, offsets: OffsetMap, start: int, end: int, index: int
    ) -> list[_Hit]:
        """The hit of a pattern whose names depend on how the text writes them: their case,
        a generic term beside them, a hyphenated suffix, a lower-cased generic last word."""
        rec = self._records[index]
        written = text[offsets.start(start) : offsets.end(end - 1)]
        allowed = [
            e
            for e in rec.exact
            if (
                e.name.in_text == "any-case"
                or (e.name.in_text == "exact-case" and written == e.name.text)
                or (e.name.in_text == "with-term" and self._beside_term(folded, start, end, e))
            )
            and not _suffix_read_as_word(e.name.text, written)
        ]
        proper = _one_per_place(e for e in allowed if not _generic_lowered(e.name.text, written))
        if proper:
            return [_Hit(start, end, proper, "exact", 100.0)]
        if allowed:  # "Kunashir island": the shorter name, when there is one
            shorter = self._inner_hits(text, folded, offsets, start, end, index)
            return shorter or [_Hit(start, end, _one_per_place(allowed), "exact", 100.0)]
        return []

    def _beside_term(self, folded: str, start: int, end: int, entry: _Entry) -> bool:
        """Whether the word before or after ``folded[start:end]`` is a generic term for the
        entry's kind of place, in any case form: "на острове Полонского" is the island, "работ
        Полонского" a painter's works."""
        place = self._places[entry.place_id]
        before = _LAST_WORD.search(folded, max(0, start - 40), start)
        after = _FIRST_WORD.match(folded, end)
        for match in (before, after):
            if match is None:
                continue
            word = match.group(1)
            if place.kind in self._term_kinds(word) or any(
                term.fullmatch(word) for term in self._own_terms.get(place.id, ())
            ):
                return True
        return False

    def _term_kinds(self, word: str) -> frozenset[str]:
        kinds = self._generic_kinds(word) if self._generic_kinds else None
        if kinds is not None:
            return kinds
        found: set[str] = set()
        for pattern, term_kinds in self._declined_terms:
            if pattern.fullmatch(word):
                found |= term_kinds
        return frozenset(found)

    def _inflected(
        self,
        text: str,
        folded: str,
        offsets: OffsetMap,
        start: int,
        rec: _Record,
        *,
        clitic: bool = False,
    ) -> _Hit | None:
        if not clitic and start > 0 and joins_word(folded[start - 1]):
            return None
        if not clitic and _compound_tail(text, folded, offsets, start):
            return None
        match = rec.matcher().match(folded, start)
        if match is None:
            return None
        inflection = rec.inflections[int(str(match.lastgroup)[1:])]
        if match.group() == inflection.nominative:
            return None  # the nominative, which the exact pattern reports
        language = language_for(inflection.entry.name.lang)
        if language is not None and language.letters is not None:
            o_start, o_end = offsets.span(start, match.end())
            if not language.writes(text[o_start:o_end]):
                return None  # not this language's word: Krıma is no Croatian genitive
        first = text[offsets.start(start)]
        name = inflection.entry.name.text
        if " " not in name and name[:1].isupper() and not first.isupper():
            return None  # "курили" is a verb; "Курилы" the islands
        return _Hit(start, match.end(), (inflection.entry,), "inflected", 100.0)

    @staticmethod
    def _fits(
        text: str,
        folded: str,
        offsets: OffsetMap,
        start: int,
        end: int,
        rec: _Record,
        *,
        clitic: bool = False,
    ) -> bool:
        """The word-boundary rule of the hit's script, at both ends; clitics before the name
        (``clitic``) and particles after it, of the name's language, are allowed."""
        first, last = rec.first, rec.last
        if not clitic and first == _WORD and start > 0 and joins_word(folded[start - 1]):
            return False
        if not clitic and first == _WORD and _compound_tail(text, folded, offsets, start):
            return False
        if (
            last == _WORD
            and end < len(folded)
            and joins_word(folded[end])
            and not (rec.particles and _before_particle(folded, end, rec.particles))
        ):
            return False
        if first == _HANGUL and start > 0 and is_hangul(folded[start - 1]):
            return False
        if (
            last == _HANGUL
            and rec.particles
            and end < len(folded)
            and is_hangul(folded[end])
            and not _before_particle(folded, end, rec.particles, is_hangul)
        ):
            return False  # 독도법 (map reading) is no 독도: only particles may follow
        if (
            end - start <= 2
            and is_han(folded[start])
            and (
                (start > 0 and is_han(folded[start - 1]) and not _han_clitic(folded, start, rec))
                or (
                    end < len(folded)
                    and is_han(folded[end])
                    and not _han_particle(folded, end, rec)
                )
            )
        ):
            return False  # inside a longer Han word: 千島 in 千島湖, 根室 in 根室本線
        if first == _KANA or last == _KANA:
            o_start, o_end = offsets.span(start, end)
            if not (rec.katakana if is_katakana(text[o_start]) else rec.hiragana):
                return False  # a katakana name in hiragana is a reading: えとろふ(とう)
            runs_on_before = o_start > 0 and is_katakana(text[o_start - 1])
            runs_on_after = o_end < len(text) and is_katakana(text[o_end])
            if (is_katakana(text[o_start]) and runs_on_before) or (
                is_katakana(text[o_end - 1]) and runs_on_after
            ):
                return False  # the katakana word goes on: クナシル is not in クナシルスキー
        return True

    def _fuzzy_hits(
        self, text: str, folded: str, offsets: OffsetMap, exact: Sequence[_Hit]
    ) -> list[_Hit]:
        covered = bytearray(len(folded))
        for hit in exact:
            covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        return self._fuzzy_words.hits(text, folded, offsets, covered) + self._misread.hits(
            folded, covered
        )

    def _of_another_country(self, text: str, start: int, end: int, hit: _Hit) -> bool:
        """Whether the text qualifies the hit with a country that is no party to its place:
        "Северные территории Канады", "Northern Territories of Canada", "Canada's Northern
        Territories", "カナダの北方領土" name Canada's territories, not Japan's."""
        blank_after = text[end : end + 1] in _BLANKS
        if not blank_after and (start < 1 or text[start - 1] not in _BEFORE_QUALIFIER):
            return False  # the common case: nothing that could qualify the name
        entry = hit.entries[0]
        lang = entry.name.lang
        after = _QUALIFIER_AFTER.match(text, end) if blank_after else None
        before = None
        if start >= 3 and text[start - 2] == "s" and text[start - 3] in "'’":
            before = _QUALIFIER_BEFORE.search(text, max(0, start - 40), start)
        codes: list[str | None] = []
        if after is not None and after.group(1)[0].isupper():
            # bare juxtaposition counts only as a genitive (Канады), not in apposition
            # ("the Kurils Australia deal")
            bare = after.group(0).split()[0] == after.group(1)
            codes.append(self._countries.country_of(after.group(1), lang, inflected=bare))
        if before is not None and before.group(1)[0].isupper():
            codes.append(self._countries.country_of(before.group(1), lang))
        if start > 1 and text[start - 1] == "の":
            codes.append(
                self._countries.country_of_suffix(text[max(0, start - 13) : start - 1], lang)
            )
        place = self._places[entry.place_id]
        return any(code is not None and code not in place.parties for code in codes)

    def _glossed(self, folded: str, hits: list[_Hit]) -> list[_Hit]:
        """Hits with the kana reading that Japanese writes in parentheses after a name or
        inside it: 国後島(くなしりとう) adds the reading as a mention of the same place;
        色丹(しこたん)島 is one mention of 色丹島."""
        taken = {h.start for h in hits}
        out: list[_Hit] = []
        for hit in hits:
            at = hit.end
            if at >= len(folded) or folded[at] != "(" or len(hit.place_ids) != 1:
                out.append(hit)
                continue
            close = folded.find(")", at + 1, at + 2 + _LONGEST_GLOSS)
            gloss = folded[at + 1 : close].strip() if close != -1 else ""
            if not gloss or not all(is_kana(ch) for ch in gloss.replace(" ", "")):
                out.append(hit)
                continue
            place_id = next(iter(hit.place_ids))
            keys = self._keys_of.get(place_id, {})
            head = key_of_folded(folded[hit.start : hit.end])
            longer = [
                (key, entry)
                for key, entry in keys.items()
                if len(key) > len(head)
                and key.startswith(head)
                and folded.startswith(key[len(head) :], close + 1)
            ]
            if longer:  # 色丹(しこたん)島: the reading sits inside the name
                key, entry = max(longer, key=lambda item: len(item[0]))
                end = close + 1 + len(key) - len(head)
                if all(not (close < t < end) for t in taken):
                    out.append(_Hit(hit.start, end, (entry,), hit.method, hit.score))
                    continue
            out.append(hit)
            reading = keys.get(key_of_folded(gloss))
            if reading is not None:  # 国後島(くなしりとう): the reading is a mention too
                start = folded.index(gloss[0], at + 1)
                out.append(_Hit(start, start + len(gloss), (reading,), "exact", 100.0))
        return out

    def _drop_blocked(self, folded: str, hits: list[_Hit]) -> list[_Hit]:
        """Hits inside a look-alike phrase of the data ("Northern Territory") are dropped.

        The phrases are found by an automaton of their own, standing as whole words, once per
        block: a text pays for the look-alikes in it, not for each of its names. One sense per
        text: once "Northern Territories of the Gold Coast" shows the text is about the
        look-alike, its other bare "Northern Territories" are dropped too.
        """
        spans = [
            (start, end)
            for _, start, end in self._blocked_phrases.find_matches_as_indexes(folded, True)
            if (start == 0 or not joins_word(folded[start - 1]))
            and (end == len(folded) or not joins_word(folded[end]))
        ]
        if not spans:
            return hits
        blocked = {
            folded[h.start : h.end]
            for h in hits
            if any(start <= h.start and h.end <= end for start, end in spans)
        }
        if not blocked:
            return hits
        return [h for h in hits if folded[h.start : h.end] not in blocked]

    def _disambiguate(self, hits: list[_Hit], sure: set[str]) -> list[_Hit | None]:
        """Each hit, a homonym's narrowed to the one place the ``sure`` places of the text
        point to, or None when they point to none or several."""
        above_sure: set[str] | None = None  # every ancestor of a sure place, once needed
        kept: list[_Hit | None] = []
        for hit in hits:
            if len(hit.place_ids) == 1:
                kept.append(hit)
                continue
            if above_sure is None:
                above_sure = set().union(*(self._ancestors(p) for p in sure))
            related = {
                e.place_id
                for e in hit.entries
                if e.place_id in above_sure or not sure.isdisjoint(self._ancestors(e.place_id))
            }
            candidates = [e for e in hit.entries if e.place_id in related] or list(hit.entries)
            if len(related) != 1:
                # as normalize() does: a name that is only a short or historical form of all
                # but one place is that place's full current name (樺太 is Sakhalin)
                primary = {
                    e.place_id for e in candidates if e.name.kind not in SECONDARY_NAME_KINDS
                }
                related = primary if len(primary) == 1 else set()
            if len(related) == 1:
                entries = tuple(e for e in candidates if e.place_id in related)
                kept.append(_Hit(hit.start, hit.end, entries[:1], hit.method, hit.score))
            else:
                kept.append(None)
        return kept

    def _mention(self, text: str, start: int, end: int, hit: _Hit, lang: str | None) -> Mention:
        written = text[start:end]
        entry = hit.entries[0]
        name = entry.name
        method = hit.method
        if method == "exact" and written != name.text:
            method = "folded"
        names = self._names(entry.place_id, lang or name.lang, name.text)
        # positional: text dense with names makes one per name, and keywords cost
        return Mention(
            start, end, written, entry.place_id, hit.score, method, name.used_by, names, name.lang
        )


def _own_terms(place: Place) -> tuple[re.Pattern[str], ...]:
    """The first words of the place's names that stand before another of its names, as
    patterns of their case forms."""
    folded_names = {fold(n.text) for n in place.names}
    heads = {
        head
        for head, _, rest in (name.partition(" ") for name in folded_names)
        if rest in folded_names and head.isalpha()
    }
    return tuple(
        re.compile(f"{re.escape(head)}|{declension_pattern(head)[1]}") for head in sorted(heads)
    )


_SPACED_WORD_RUN = re.compile(r"[^\W_]+")


def _in_one_word(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` is letters and digits of scripts written with spaces
    only, so that no name inside it can stand as a word of its own."""
    match = _SPACED_WORD_RUN.match(folded, start, end)
    return (
        match is not None and match.end() == end and all(joins_word(ch) for ch in folded[start:end])
    )


def declension_of(name: Name) -> Declension | None:
    """The case endings a name takes in running text, from its own language's data; None
    when its language does not decline, or when the name folds differently as a name and in
    running text (Суйсё:-дзима keeps its long-vowel colon in text), as its case forms are
    built from the one and looked for in the other."""
    declension = declension_for(name.lang)
    if declension is not None and fold(name.text) != fold_with_offsets(name.text)[0].strip():
        return None
    return declension


def _plain(name: str, in_text: str) -> bool:
    """Whether a name found in text is the name whatever its case: no in-text rule, no short
    hyphenated suffix (Shikotan-to) and no capitalized last word (Kunashir Island)."""
    words = name.split()
    return (
        in_text == "any-case"
        and _HYPHENATED_SUFFIX.search(name) is None
        and (len(words) < 2 or not words[-1][:1].isupper())
    )


def _one_per_place(entries: Iterable[_Entry]) -> tuple[_Entry, ...]:
    """The first entry of each place: several names of one place can fold alike."""
    seen: dict[str, _Entry] = {}
    for entry in entries:
        seen.setdefault(entry.place_id, entry)
    return tuple(seen.values())


def in_text_rule(place: Place, name: Name, generic_words: frozenset[str]) -> str | None:
    """How ``annotate()`` must find ``name`` as a mention of ``place`` by the data's own rules:
    its ``in_text`` rule (``"any-case"``, ``"exact-case"``, ``"with-term"``), or None when the
    name is never a mention as written.

    Never: ``in_text: never``; kind ``reading`` (a gloss: 国後島(くなしりとう) is one mention);
    a name that folds to one non-ASCII character; a generic word before another name of the
    place ("острова Хабомаи": the mention is Хабомаи) and a Latin name with a lower-case
    descriptive tail ("Habomai group": the mention is Habomai). ``generic_words`` are the folded
    one-word generic terms. This is the rule the annotator indexes names by: one function both
    should share, so that what is tested is what is promised.

    >>> import toponyms
    >>> gazetteer = toponyms.default_gazetteer()
    >>> place = gazetteer.get("habomai-islands")
    >>> shown = ("Habomai", "Habomai group", "острова Хабомаи", "Хабомаи")
    >>> {n.text: in_text_rule(place, n, gazetteer.generic_terms.words())
    ...  for n in place.names if n.text in shown}
    {'Habomai': 'any-case', 'Habomai group': None, 'острова Хабомаи': None, 'Хабомаи': 'any-case'}
    """
    if name.in_text == "never" or name.kind == "reading":
        return None
    folded = fold_with_offsets(name.text)[0].strip()
    if not folded or (len(folded) == 1 and not folded.isascii()):
        return None
    keys = {fold_key(n.text) for n in place.names}
    if _generic_prefix(name.text, keys, generic_words) or _descriptive_tail(name.text):
        return None
    return name.in_text


def _generic_prefix(name: str, keys: set[str], generic_words: frozenset[str]) -> bool:
    """Whether ``name`` is a lower-case word or a generic term before another name of the
    same place ("острова Хабомаи", "island of Iturup", Bulgarian "Остров Шикотан"): in
    running text that word describes the name."""
    words = name.split()
    return (
        len(words) > 1
        and (words[0].islower() or fold(words[0]) in generic_words)
        and fold_key(" ".join(words[1:])) in keys
        and any(c.isupper() for c in words[1])
    )


def _descriptive_tail(name: str) -> bool:
    """A Latin-script name of several words whose last word is written in lower case
    ("Habomai group", "Kuril chain"): a description around a name rather than a name."""
    words = name.split()
    return len(words) > 1 and name.isascii() and words[0][:1].isupper() and words[-1].islower()


def _generic_lowered(name: str, written: str) -> bool:
    """Whether ``written`` lower-cases the capitalized last word of ``name`` while keeping the
    rest: "Kunashir island" is the island Kunashir, described; "Kunashir Island" is its name."""
    name_words, written_words = name.split(), written.split()
    if len(name_words) < 2 or len(written_words) != len(name_words):
        return False
    last_name, last_written = name_words[-1], written_words[-1]
    return (
        last_name[:1].isupper()
        and last_written.islower()
        and not written_words[0].islower()
        and not written.isupper()
    )


_HYPHENATED_SUFFIX = re.compile(rf"[{HYPHENS}](\w{{1,3}})$")
_SPACED_WORD = re.compile(r"\s([A-Za-z]{1,3})$")


def _suffix_read_as_word(name: str, written: str) -> bool:
    """Whether ``written`` gives the short suffix of a hyphenated name (Shikotan-to, Taraku-tō)
    as a separate plain word: in "ceded Shikotan to Japan", "to" is an English word, not the
    Japanese -tō. The suffix counts only when it is hyphenated, glued or written with its
    macron (Shikotan-to, Shikotanto, Shikotan tō).

    >>> _suffix_read_as_word("Shikotan-to", "Shikotan to")
    True
    >>> _suffix_read_as_word("Shikotan-to", "Shikotan-to"), _suffix_read_as_word("Shikotan", "X to")
    (False, False)
    """
    return _HYPHENATED_SUFFIX.search(name) is not None and _SPACED_WORD.search(written) is not None


def _compound_head(text: str, end: int) -> bool:
    """Whether a hyphen and a letter follow ``text[:end]``: the word there is the head of a
    compound (Terytoria Północno-Zachodnie), so a typo of a name ending there is another
    name."""
    return end + 1 < len(text) and text[end] in HYPHENS and text[end + 1].isalpha()


#: The longest run of clitics, and of particles, looked at around a name.
_LONGEST_CLITICS = 6
_LONGEST_PARTICLE = 8


def _add_language(rec: _Record, language: Language | None) -> None:
    if language is None:
        return
    if language.prefixes and language not in rec.clitics:
        rec.clitics += (language,)
    if language.suffixes and language not in rec.particles:
        rec.particles += (language,)


def _word_end(language: Language | None) -> str:
    """The end of a name's word in an inflection's regular expression: no letter after it,
    or one of its language's particles and then none (Արցախ-ին-ը)."""
    if language is None or not language.suffixes:
        return r"(?!\w)"
    particles = "|".join(re.escape(p) for p in sorted(language.suffixes, key=len, reverse=True))
    return rf"(?=(?:{particles})?(?!\w))"


def _after_clitics(folded: str, start: int, languages: Sequence[Language]) -> bool:
    """Whether what stands between the word's start and ``start`` is a chain of clitics of
    one of ``languages`` (و, وب, ו, וב...)."""
    first = start
    while first > 0 and joins_word(folded[first - 1]):
        first -= 1
        if start - first > _LONGEST_CLITICS:
            return False
    return any(language.prefix_chain(folded[first:start]) for language in languages)


def _han_clitic(folded: str, start: int, rec: _Record) -> bool:
    """Whether the Han character before a short Han name is a function word of the name's
    language written before nouns (在台湾: "in Taiwan")."""
    return any(folded[start - 1] in language.prefixes for language in rec.clitics)


def _han_particle(folded: str, end: int, rec: _Record) -> bool:
    """Whether the Han character after a short Han name is a particle of the name's language
    (臺灣是, 台湾的)."""
    return any(folded[end] in language.suffixes for language in rec.particles)


def _before_particle(
    folded: str,
    end: int,
    languages: Sequence[Language],
    letter: Callable[[str], bool] = joins_word,
) -> bool:
    """Whether the ``letter`` characters from ``end`` to the word's end are a particle of one
    of ``languages`` (Krım-da, 독도-는)."""
    last = end
    while last < len(folded) and letter(folded[last]):
        last += 1
        if last - end > _LONGEST_PARTICLE:
            return False
    return any(language.suffix(folded[end:last]) for language in languages)


def _compound_tail(text: str, folded: str, offsets: OffsetMap, start: int) -> bool:
    """Whether the hit at ``start`` is the tail of a hyphenated compound whose first part ends
    in -o (Северо-|Курильского, Severo-|Kurilsky): then it names something else."""
    if start < 3 or folded[start - 1] != " ":
        return False
    o_start = offsets.start(start)
    return (
        o_start > 2
        and text[o_start - 1] in HYPHENS
        and text[o_start - 2] in "oо"
        and text[o_start - 3].isalpha()
    )


#: Texts longer than this are matched block by block, cut at the first blank line after it:
#: article-sized blocks keep English paragraphs on the ASCII fast path of folding.
BLOCK_SIZE = 4_096
#: A block with no blank line is cut by this length anyway, at the last line break (or else
#: the last space) before it, so that what one block costs in memory stays bounded.
MAX_BLOCK = 65_536
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, block)`` pieces of ``text``, cut at blank lines after every BLOCK_SIZE
    characters, so that no name is cut (a name never spans a blank line); a paragraph longer
    than MAX_BLOCK is cut at a line break or a space that no hyphenation joins."""
    start = 0
    while len(text) - start > BLOCK_SIZE:
        blank = _BLANK_LINE.search(text, start + BLOCK_SIZE, start + MAX_BLOCK)
        if blank is not None:
            cut = blank.end()
        elif len(text) - start <= MAX_BLOCK:
            break
        else:
            cut = _cut_point(text, start + BLOCK_SIZE, start + MAX_BLOCK)
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _cut_point(text: str, low: int, high: int) -> int:
    """Where to cut a long paragraph between ``low`` and ``high``: after the last line break
    not joined to a hyphen, else after the last space, else at ``high`` (no space at all)."""
    at = text.rfind("\n", low, high)
    while at != -1 and text[at - 1] in HYPHENS:
        at = text.rfind("\n", low, at)
    if at == -1:
        at = text.rfind(" ", low, high)
    return high if at == -1 else at + 1


def _names_for(place: Place, lang: str, like: str) -> FrozenMapping[str]:
    """Each party's name for ``place`` in ``lang``, shaped like ``like``."""
    names: dict[str, str] = {}
    for party in sorted(place.parties):
        name = place.name_for(party, lang, like=like)
        if name is not None:
            names[party] = name.text
    return FrozenMapping(names)


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
    """The greedy choice among overlapping hits, in text order."""
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


class _MisreadHan:
    """Han and kana names as scanners and input methods misread them (択捉鳥 for 択捉島,
    北方領士 for 北方領土): one confusable character replaced, in names of three characters or
    more, and never where the misreading is itself a name in the data."""

    def __init__(self, records: Mapping[str, _Record]) -> None:
        variants: dict[str, list[_Entry]] = {}
        for pattern, rec in records.items():
            if (
                len(pattern) < 3
                or not rec.exact
                or not all(is_han(c) or is_kana(c) for c in pattern)
            ):
                continue
            if not any(is_han(c) for c in pattern):
                continue
            for variant in han_variants(pattern, 1):
                if variant not in records:
                    variants.setdefault(variant, []).extend(_one_per_place(rec.exact))
        self._patterns = list(variants)
        self._entries = [_one_per_place(variants[p]) for p in self._patterns]
        self._build()

    def _build(self) -> None:
        self._automaton = (
            ahocorasick_rs.AhoCorasick(
                self._patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            if self._patterns
            else None
        )

    def __getstate__(self) -> tuple[list[str], list[tuple[_Entry, ...]]]:
        return self._patterns, self._entries

    def __setstate__(self, state: tuple[list[str], list[tuple[_Entry, ...]]]) -> None:
        self._patterns, self._entries = state
        self._build()

    def hits(self, folded: str, covered: bytearray) -> list[_Hit]:
        if self._automaton is None:
            return []
        hits = []
        for index, start, end in self._automaton.find_matches_as_indexes(folded):
            if covered.find(1, start, end) == -1 and len(self._entries[index]) == 1:
                pattern = self._patterns[index]
                score = round((1 - 1 / len(pattern)) * 100, 2)
                hits.append(_Hit(start, end, self._entries[index], "fuzzy", score))
        return hits


class _FuzzyWords:
    """Typo matching in running text: capitalized words near a name word, then the whole name.

    Candidates come from a deletion index (SymSpell's idea): every name word with up to its
    budget of letters deleted. A capitalized text word shares a deletion with a name word when
    the two are within that budget, so each text word costs a few dictionary lookups rather than
    a scan of every name.
    """

    # Letters, with digits only between letters (an OCR "Sh1kotan"; "Sakhalin2" stays out).
    # Five or more of them, from the start of a word.
    # At most 64 characters: a longer run is no name word (see _capitalized() on memory).
    _WORD = re.compile(r"(?<![^\W_])[^\W\d_](?:[^\W\d_]|\d(?=[^\W\d_])){4,63}")

    def __init__(self, places: Iterable[Place], typo: TypoIndex | None = None) -> None:
        """``typo`` is the gazetteer's typo index, holding every name word of
        :func:`fuzzy_word_depths` (without one, the words get an index of their own)."""
        self._names_with: dict[str, list[tuple[int, tuple[str, ...], _Entry]]] = {}
        keys: dict[str, set[str]] = {}
        for place, name, words in _fuzzy_names(places):
            keys.setdefault("".join(words), set()).add(place.id)
            for i, word in enumerate(words):
                self._names_with.setdefault(word, []).append((i, words, _Entry(place.id, name)))
        self._typo = typo if typo is not None else TypoIndex(_word_depths(self._names_with))
        self._near = lru_cache(maxsize=200_000)(self._near_uncached)
        self._candidates = lru_cache(maxsize=100_000)(self._candidates_uncached)
        self._score = lru_cache(maxsize=100_000)(self._score_uncached)
        #: Name words by their confusion key: a scanner's misreading (Habornai, Northem) is
        #: the name word whatever the edit distance.
        self._by_confusion: dict[str, set[str]] = {}
        for word in self._names_with:
            if len(word) >= MIN_CONFUSABLE:
                self._by_confusion.setdefault(confusion_key(word), set()).add(word)
        #: A text word longer than this is no typo of any name word (and its deletions would
        #: cost its length squared): "IturupIturup..." for megabytes is skipped at once.
        self._longest = max(map(len, self._names_with), default=0) + 2
        # Names shared by several places are never a fuzzy answer.
        self._ambiguous = {key for key, ids in keys.items() if len(ids) > 1}

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        for cache in ("_near", "_candidates", "_score"):
            del state[cache]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._near = lru_cache(maxsize=200_000)(self._near_uncached)
        self._candidates = lru_cache(maxsize=100_000)(self._candidates_uncached)
        self._score = lru_cache(maxsize=100_000)(self._score_uncached)

    def hits(self, text: str, folded: str, offsets: OffsetMap, covered: bytearray) -> list[_Hit]:
        hits: list[_Hit] = []
        aligned = offsets.aligned_until  # before it, folding kept every offset
        # The capitalized words are found in the text itself, which skips the other words in
        # C, and each is read where it lies in the folded text.
        for capital in _capitalized().finditer(text):
            at = capital.start()
            if at >= aligned:
                at = offsets.folded_index(at)
            match = self._WORD.match(folded, at)
            if match is None:
                continue
            start, end = match.span()
            if covered[start] or end - start > self._longest or folded[end : end + 1].isalnum():
                continue  # no name word is that long, or the word goes on (Sakhalin2)
            token = folded[start:end]
            if not text[capital.start()].isupper() and not (
                token[0] in "l1" and _confusion_key(token) in self._by_confusion
            ):
                continue  # proper nouns only (or a capital I misread as l: lturup)
            # A name word itself ("South" in "South Kurile Islands") may start a name whose
            # other words carry the typo; any other word must be near a name word.
            if not self._near(token):
                continue
            previous = _previous_word(folded, start)
            following = _next_word(folded, end)
            for position, words, entry in self._candidates(
                token,
                folded[previous[0] : previous[1]] if previous else "",
                folded[following[0] : following[1]] if following else "",
            ):
                hit = self._whole_name(folded, start, end, position, words, entry)
                if hit is None:
                    continue
                o_start, o_end = offsets.span(hit.start, hit.end)
                if not _suffix_read_as_word(
                    entry.name.text, text[o_start:o_end]
                ) and not _compound_head(text, o_end):
                    hits.append(hit)
        return hits

    def _candidates_uncached(
        self, token: str, before: str, after: str
    ) -> tuple[tuple[int, tuple[str, ...], _Entry], ...]:
        """The names ``token`` may be a word of, given the words right before and after it:
        a name word ("Kuril") is a word of dozens of names, and a text that repeats it must
        not pay for all of them at every occurrence."""
        found = []
        for word in self._near(token):
            for position, words, entry in self._names_with[word]:
                if position > 0 and not _word_fits(before, words[position - 1]):
                    continue
                if position + 1 < len(words) and not _word_fits(after, words[position + 1]):
                    continue
                found.append((position, words, entry))
        return tuple(found)

    def _near_uncached(self, token: str) -> frozenset[str]:
        """Name words within their edit budget of ``token``.

        Name words of 10+ letters allow two edits, and no word of 7 letters or fewer is two
        edits from one of them: shorter tokens need only their one-letter deletions.
        """
        if token in self._names_with:  # a name word: the typo, if any, is in another word
            return frozenset({token})
        found: set[str] = set()
        if len(token) >= MIN_CONFUSABLE:
            found.update(self._by_confusion.get(_confusion_key(token), ()))
        for word, distance in self._typo.within(token, 2 if len(token) >= 8 else 1):
            if word in self._names_with and distance <= edits("text-word", len(word)):
                found.add(word)
        return frozenset(found)

    def _whole_name(
        self,
        folded: str,
        start: int,
        end: int,
        position: int,
        words: tuple[str, ...],
        entry: _Entry,
    ) -> _Hit | None:
        """The span of ``words`` around the text word at ``start:end`` that stands for word
        ``position`` of the name, if every other word is there too (exactly or within a typo)."""
        spans = [(start, end)]
        cursor = start
        for _ in range(position):  # words before
            previous = _previous_word(folded, cursor)
            if previous is None:
                return None
            spans.insert(0, previous)
            cursor = previous[0]
        cursor = end
        for _ in range(len(words) - position - 1):  # words after
            following = _next_word(folded, cursor)
            if following is None:
                return None
            spans.append(following)
            cursor = following[1]
        score = self._score(tuple(folded[s:e] for s, e in spans), words)
        if score is None:
            return None
        return _Hit(spans[0][0], spans[-1][1], (entry,), "fuzzy", score)

    def _score_uncached(self, written: tuple[str, ...], words: tuple[str, ...]) -> float | None:
        """The similarity of text words to a name's words when they are a typo or a misreading
        of it (not the name itself, not a word derived from it); None otherwise."""
        key = "".join(words)
        if key in self._ambiguous or not _close_or_misread(written, words):
            return None
        joined = "".join(written)
        distance = OSA.distance(joined, key)
        if distance == 0:
            return None
        if distance > max_edits(len(key)) and _confusion_key(joined) != _confusion_key(key):
            return None
        if joined.startswith(key):
            return None  # a derived word, not a typo: Yuzhno-Kurilsky (cape) from Yuzhno-Kurilsk
        return round(OSA.normalized_similarity(joined, key) * 100, 2)


def _uppercase_class() -> str:
    """A character class of every capital letter of the Basic Multilingual Plane, and of l and
    1 (a capital I as scanners misread it)."""
    capitals = [chr(c) for c in range(0x10000) if chr(c).isupper() or chr(c).istitle()]
    return "[" + "".join(re.escape(c) for c in capitals) + "l1]"


@lru_cache(maxsize=1)
def _capitalized() -> re.Pattern[str]:
    """The start of a word of five letters or more that begins with a capital (compiled on
    first use: the class of every capital takes 20 ms, and only fuzzy matching needs it).
    Only the start: a pattern that runs to the end of the word costs memory per character in
    Python's engine, which a megabyte-long word turns into hundreds of megabytes."""
    return re.compile(r"(?<![^\W_])" + _uppercase_class() + r"[^\W_]{4}")


_WORD_CHARS = re.compile(r"[^\W_]+")


#: Name words shorter than this get no confusion step (a misread four-letter word is another).


_confusion_key = lru_cache(maxsize=65_536)(confusion_key)


def _word_fits(written: str, word: str) -> bool:
    """Whether a text word may stand for a name word: the same, a typo within the word's
    budget, or a scanner's misreading."""
    return bool(written) and (
        written == word
        or OSA.distance(written, word) <= word_edits(len(word))
        or (len(word) >= MIN_CONFUSABLE and _confusion_key(written) == _confusion_key(word))
    )


def _close_or_misread(written: Sequence[str], words: Sequence[str]) -> bool:
    """:func:`words_close`, where a word may also be a scanner's misreading of the name word
    (the same confusion key: "northem" for "northern", "habornai" for "habomai")."""
    if words_close(written, words):
        return True
    return len(written) == len(words) and all(
        _word_fits(a, b) for a, b in zip(written, words, strict=True)
    )


def _fuzzy_names(places: Iterable[Place]) -> Iterator[tuple[Place, Name, tuple[str, ...]]]:
    """The names fuzzy matching in running text looks for, with their folded words."""
    for place in places:
        for name in place.names:
            if name.in_text != "any-case" or name.kind not in FUZZY_NAME_KINDS:
                continue
            words = tuple(fold_with_offsets(name.text)[0].split())
            if words and all(spaced_word(w) for w in words):
                yield place, name, words


def _word_depths(words: Iterable[str]) -> dict[str, int]:
    return {word: edits("text-word", len(word)) for word in words}


def fuzzy_word_depths(places: Iterable[Place]) -> dict[str, int]:
    """The name words annotate()'s fuzzy mode looks up in the typo index, each with the
    deletions the index needs of it (its edit budget in running text)."""
    return _word_depths({w for _, _, words in _fuzzy_names(places) for w in words})


def _previous_word(folded: str, before: int) -> tuple[int, int] | None:
    i = before
    if i == 0 or folded[i - 1] != " ":
        return None
    end = i - 1
    start = end
    while start > 0 and joins_word(folded[start - 1]):
        start -= 1
    return (start, end) if start < end else None


def _next_word(folded: str, after: int) -> tuple[int, int] | None:
    if after >= len(folded) or folded[after] != " ":
        return None
    start = after + 1
    match = _WORD_CHARS.match(folded, start)
    return match.span() if match else None


def rewrite_case(original: str, replacement: str) -> str:
    """``replacement`` in the case pattern of ``original``: KUNASHIR -> KUNASHIRI.

    >>> rewrite_case("KUNASHIR", "Kunashiri"), rewrite_case("kunashir", "Kunashiri")
    ('KUNASHIRI', 'kunashiri')
    """
    letters = [c for c in original if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return replacement.upper()
    if letters and all(c.islower() for c in letters) and replacement[:1].isupper():
        return replacement.lower()
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
