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

The parts live beside this module: ``records`` (what a pattern and a hit carry), ``rules``
(which names are mentions as written), ``boundaries`` (where a hit may start and end),
``blocks`` (cutting long texts), ``overlaps``, ``fuzzy`` (typos and misreadings) and
``render`` (each party's names, a replacement's case pattern).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

import ahocorasick_rs

from .._model import FrozenMapping, Mention, Place
from ..index.typo import TypoIndex
from ..lang import language_for
from ..lang.countries import CountryNames
from ..lang.declension import declension_for, declension_pattern
from ..policy import SECONDARY_NAME_KINDS
from ..text.fold import (
    OffsetMap,
    ampersand_forms,
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
)
from .blocks import (
    _blocks,
)
from .boundaries import (
    _add_language,
    _after_clitics,
    _before_particle,
    _compound_head,
    _compound_tail,
    _han_clitic,
    _han_particle,
    _in_one_word,
    _word_end,
)
from .context import ContextRules, Cues
from .fuzzy import (
    _FuzzyWords,
    _MisreadHan,
)
from .overlaps import (
    _SPAN,
    _resolve_overlaps,
)
from .records import (
    _FREE,
    _HANGUL,
    _KANA,
    _WORD,
    _Entry,
    _Hit,
    _Inflection,
    _Record,
)
from .render import (
    _names_for,
)
from .rules import (
    _generic_lowered,
    _one_per_place,
    _own_terms,
    _plain,
    _suffix_read_as_word,
    _term_lowered,
    declension_of,
    in_text_rule,
)

__all__ = ["Annotator"]

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
        self._context = ContextRules(self._places.values())
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
                    rec.inflections.append(_Inflection(body + end, entry, folded, language))
                    _add_language(rec, language)
                if language is not None and name.in_text == "any-case":
                    for form in language.contracted(folded):  # ل + القرم = للقرم
                        rec = record(form)
                        rec.inflections.append(
                            _Inflection(re.escape(form) + end, entry, "", language)
                        )
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
        self._longest_pattern = max((len(r.pattern) for r in self._records), default=0)
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
        phrases = {p for phrase in should_not_match for p in _case_forms(phrase)}
        blocked = sorted({fold_with_offsets(p)[0].strip() for p in phrases} - {""})
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
        self._longest_blocked = max(map(len, self._blocked), default=1)

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
        """The folded name, with "&" for its "and" (Jammu & Kashmir), and without spaces where
        the name had a hyphen (a hyphenated name broken at a line end is joined by folding:
        Yuzhno-\\nKurilsk -> yuzhnokurilsk)."""
        patterns = [folded, *ampersand_forms(folded)]
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
            cues: dict[str, Cues] = {}  # the context cues of this block, found once
            for hit in chosen:
                if self._context:
                    narrowed = self._context.keep(folded, hit, cues)
                    if narrowed is None:
                        continue
                    hit = narrowed
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
        pending: list[tuple[int, int, int]] = []  # short Han names beside other Han
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
                    hits.extend(
                        self._inner_hits(text, folded, offsets, start, end, index, beyond=True)
                    )
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
            if end - start <= 2 and is_han(folded[start]):
                pending.append((start, end, index))
            hits.extend(self._inner_hits(text, folded, offsets, start, end, index, beyond=True))
        if pending:
            # a short Han name right beside another name is a name too (南海东沙岛), and so is
            # one after a country's name (中國台灣: "China's Taiwan")
            edges = {h.start for h in hits} | {h.end for h in hits}
            for start, end, index in pending:
                if (
                    start in edges
                    or end in edges
                    or self._after_country(folded, start, self._records[index])
                ):
                    hits.extend(self._check(text, folded, offsets, start, index, beside=True))
        return hits

    def _after_country(self, folded: str, start: int, rec: _Record) -> bool:
        """Whether a country's name in the language of ``rec``'s names ends right before
        ``start`` (中國台灣, 中国台湾)."""
        before = folded[max(0, start - 8) : start]
        languages = {e.name.language for e in rec.exact}
        return bool(before) and any(
            self._countries.country_of_suffix(before, lang) is not None
            for lang in languages & {"zh", "ja"}
        )

    def _inner_hits(
        self,
        text: str,
        folded: str,
        offsets: OffsetMap,
        start: int,
        end: int,
        index: int,
        *,
        beyond: bool = False,
    ) -> list[_Hit]:
        """Every hit of another, shorter pattern inside ``folded[start:end]``; with ``beyond``
        (the longest match failed at its edges), also of the patterns that start inside it and
        end past it: "pulau Atlasova" is no "Pulau Atlasov", but holds Atlasova."""
        hits: list[_Hit] = []
        piece = folded[start : start + self._longest_pattern] if beyond else folded[start:end]
        for inner, inner_start, inner_end in self._every.find_matches_as_indexes(piece, True):
            if inner_start >= end - start or (inner == index and inner_start == 0):
                continue
            if beyond or inner_end - inner_start < end - start:
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
        beside: bool = False,
    ) -> list[_Hit]:
        """The hits one automaton match at ``start`` stands for: the name, its inflections.
        ``clitic``: the word starts with clitics of the name's language before ``start``;
        ``beside``: a short Han name stands right beside another name."""
        rec = self._records[index]
        end = start + len(rec.pattern)
        hits: list[_Hit] = []
        if rec.exact and self._fits(
            text, folded, offsets, start, end, rec, clitic=clitic, beside=beside
        ):
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
        proper = _one_per_place(
            e
            for e in allowed
            if not _generic_lowered(e.name.text, written)
            and not (
                self._generic_kinds is not None
                and _term_lowered(e.name.text, written, self._generic_kinds)
            )
        )
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
        language = inflection.language
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
        beside: bool = False,
    ) -> bool:
        """The word-boundary rule of the hit's script, at both ends; clitics before the name
        (``clitic``) and particles after it, of the name's language, are allowed, and other
        Han around a short Han name ``beside`` another name."""
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
            not beside
            and end - start <= 2
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
        fuzzy = [
            hit
            for hit in self._fuzzy_words.hits(text, folded, offsets, covered)
            if not self._term_around(folded, hit, covered)
        ]
        return fuzzy + self._misread.hits(folded, covered)

    def _term_around(self, folded: str, hit: _Hit, covered: bytearray) -> bool:
        """Whether a typo hit only adds generic terms to a name found as written: "Остров
        Шикотан" is Шикотан with its term, not a typo of "Остров Шиашкотан" (while "South
        Kurile Islands" adds a word of its own to "Kurile Islands")."""
        if covered.find(1, hit.start, hit.end) == -1 or self._generic_kinds is None:
            return False
        rest = "".join(
            ch if not covered[hit.start + i] else " "
            for i, ch in enumerate(folded[hit.start : hit.end])
        ).split()
        return all(self._generic_kinds(word) is not None for word in rest)

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
            parts = [r.strip() for r in _GLOSS_SEPARATORS.split(gloss)]
            readings = list(itertools.takewhile(_all_kana, parts))
            if not gloss or not readings:
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
            if longer and len(readings) == len(parts):  # 色丹(しこたん)島: inside the name
                key, entry = max(longer, key=lambda item: len(item[0]))
                end = close + 1 + len(key) - len(head)
                if all(not (close < t < end) for t in taken):
                    out.append(_Hit(hit.start, end, (entry,), hit.method, hit.score))
                    continue
            out.append(hit)
            cursor = at + 1
            for text in readings:  # 国後島(くなしりとう): each reading is a mention too
                start = folded.index(text, cursor)
                cursor = start + len(text)
                reading = keys.get(key_of_folded(text))
                if reading is not None:
                    out.append(_Hit(start, cursor, (reading,), "exact", 100.0))
        return out

    def _drop_blocked(self, folded: str, hits: list[_Hit]) -> list[_Hit]:
        """Hits inside a look-alike phrase of the data ("Northern Territory") are dropped.

        The phrases are found by an automaton of their own, standing as whole words, once per
        block: a text pays for the look-alikes in it, not for each of its names. A phrase that
        names another place of the same name ("Northern Territories of the Gold Coast") shows
        what the text is about: its other bare "Northern Territories" are dropped too. A phrase
        named after the place ("Strait of Gibraltar", "Gulf of America Day") says nothing of
        the name elsewhere in the text.
        """
        spans = [
            (start, end)
            for start, end in self._blocked_spans(folded, hits)
            if (start == 0 or not joins_word(folded[start - 1]))
            and (end == len(folded) or not joins_word(folded[end]))
        ]
        if not spans:
            return hits
        inside = [h for h in hits if any(s <= h.start and h.end <= e for s, e in spans)]
        if not inside:
            return hits
        namesakes = {
            folded[h.start : h.end]
            for h in inside
            if any(
                s == h.start and folded[h.end : e].split(" ", 2)[1:2] in _OF_WORDS for s, e in spans
            )
        }
        dropped = set(map(id, inside))
        return [
            h for h in hits if id(h) not in dropped and folded[h.start : h.end] not in namesakes
        ]

    def _blocked_spans(self, folded: str, hits: list[_Hit]) -> Iterator[tuple[int, int]]:
        """The look-alike phrases of ``folded`` that may hold a hit: only the stretches around
        the hits are scanned (a phrase holds the name it looks like), not the whole text."""
        reach = self._longest_blocked
        windows: list[list[int]] = []
        for hit in sorted(hits, key=lambda h: h.start):
            low, high = max(0, hit.end - reach), hit.start + reach
            if windows and low <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], high)
            else:
                windows.append([low, high])
        for low, high in windows:
            piece = folded[low:high]
            for _, start, end in self._blocked_phrases.find_matches_as_indexes(piece, True):
                yield low + start, low + end

    def _disambiguate(self, hits: list[_Hit], sure: set[str]) -> list[_Hit | None]:
        """Each hit, a homonym's narrowed to the one place the ``sure`` places of the text
        point to, or None when they point to none or several.

        A place inside a sure place (泊村 after 国後島) is the strongest sign; a place that
        merely contains a sure place (the Kashmir region, around Ladakh) counts only if the
        name is its current full name there, since a container is near everything in its file;
        failing both, as normalize() does, a name that is only a short or historical form of
        all but one place is that place's (樺太 is Sakhalin; Jammu and Kashmir the territory)."""
        above_sure: set[str] | None = None  # every ancestor of a sure place, once needed
        kept: list[_Hit | None] = []
        for hit in hits:
            if len(hit.place_ids) == 1:
                kept.append(hit)
                continue
            if above_sure is None:
                above_sure = set().union(*(self._ancestors(p) for p in sure))
            inside = [e for e in hit.entries if not sure.isdisjoint(self._ancestors(e.place_id))]
            around = [
                e
                for e in hit.entries
                if e.place_id in above_sure and e.name.kind not in SECONDARY_NAME_KINDS
            ]
            chosen = _only_place(inside) or (None if inside else _only_place(around))
            if chosen is None:
                chosen = _only_place(
                    [e for e in inside or hit.entries if e.name.kind not in SECONDARY_NAME_KINDS]
                )
            if chosen is not None:
                kept.append(_Hit(hit.start, hit.end, (chosen,), hit.method, hit.score))
            else:
                kept.append(None)
        return kept

    def _mention(self, text: str, start: int, end: int, hit: _Hit, lang: str | None) -> Mention:
        written = text[start:end]
        entry = hit.entries[0]
        name = entry.name
        method = hit.method
        if written == name.text:
            written = name.text  # one string for every mention written as the name is
        elif method == "exact":
            method = "folded"
        names = self._names(entry.place_id, lang or name.lang, name.text)
        # positional: text dense with names makes one per name, and keywords cost
        return Mention(
            start, end, written, entry.place_id, hit.score, method, name.used_by, names, name.lang
        )


def _only_place(entries: Sequence[_Entry]) -> _Entry | None:
    """The first of ``entries`` when they are all of one place, else None."""
    return entries[0] if entries and len({e.place_id for e in entries}) == 1 else None


def _case_forms(phrase: str) -> set[str]:
    """A look-alike phrase and, where it is written in Cyrillic, its Russian case forms (the
    tables of lang/ru.yaml): "национальный парк Денали" is also "национального парка Денали"."""
    forms = {phrase}
    if has_cyrillic(phrase):
        declension = declension_for("ru")
        if declension is not None:
            for case in declension.cases:
                form = declension.decline(phrase, [f"{case}.sg"])
                if form is not None:
                    forms.add(form)
    return forms


def _all_kana(text: str) -> bool:
    """Whether ``text`` is a kana reading: 竹島(たけしま、英語: Takeshima) glosses たけしま
    first, then the English name."""
    letters = text.replace(" ", "")
    return bool(letters) and all(is_kana(ch) for ch in letters)


#: What separates several readings in one gloss: 魚釣島(うおつりしま、うおつりじま).
_GLOSS_SEPARATORS = re.compile(r"[、,，/／]")

#: Words that join a name to what it belongs to: a look-alike "<name> of <somewhere>" is
#: another place of the same name.
_OF_WORDS = [[w] for w in ("of", "de", "del", "des", "du", "di", "do", "da", "della", "von", "van")]

#: Name words shorter than this get no confusion step (a misread four-letter word is another).
