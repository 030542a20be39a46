"""Typos and misreadings in running text: capitalized words near a name word, whole names checked
word by word, and Han names with one misread character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache

import ahocorasick_rs
from rapidfuzz.distance import OSA

from .._model import Name, Place
from ..index.names import max_edits, word_edits, words_close
from ..index.typo import TypoIndex
from ..lang.countries import iso_subdivision_names
from ..policy import EDGES_KEPT_BELOW, FUZZY_NAME_KINDS, MIN_CONFUSABLE, edits, keeps_edges
from ..text.confusions import confusion_key, han_variants
from ..text.fold import (
    OffsetMap,
    fold,
    fold_with_offsets,
)
from ..text.scripts import (
    is_han,
    is_kana,
    joins_word,
    spaced_word,
)
from .boundaries import (
    _compound_head,
)
from .records import (
    _Entry,
    _Hit,
    _Record,
)
from .rules import (
    _one_per_place,
    _suffix_read_as_word,
)


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


def _query_depth(length: int) -> int:
    """The letters to delete from a text word of ``length`` to meet, in the typo index, every
    name word within its budget (:data:`~toponyms.policy.EDIT_BUDGETS`, "text-word"): a name
    word ``n`` letters longer is reached with ``n`` fewer, as those edits insert letters.

    >>> [_query_depth(n) for n in (5, 6, 8, 9, 10)]
    [0, 1, 1, 1, 2]
    """
    return max(
        edits("text-word", n) - max(0, n - length) for n in range(max(1, length - 2), length + 3)
    )


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
        #: First and last letters of the name words short enough to keep their edges in a
        #: typo (the last may be swapped with the one before): a text word of six letters or
        #: fewer with no such pair is no typo of any, and costs no look-up.
        self._edges = frozenset(
            (word[0], last)
            for word in self._names_with
            if len(word) < EDGES_KEPT_BELOW["text-word"]
            for last in word[-2:]
        )
        #: A text word longer than this is no typo of any name word (and its deletions would
        #: cost its length squared): "IturupIturup..." for megabytes is skipped at once.
        self._longest = max(map(len, self._names_with), default=0) + 2
        # Names shared by several places are never a fuzzy answer.
        self._ambiguous = {key for key, ids in keys.items() if len(ids) > 1}
        #: Words of the names of the world's countries and subdivisions (ISO 3166) that are
        #: no name word here: a text word that is one of them is that place, not a typo.
        self._other_places = _other_place_words(self._names_with)

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
        if token in self._other_places:
            return frozenset(found)  # the name of a place elsewhere (Sangha): no typo
        if len(token) < EDGES_KEPT_BELOW["text-word"] - 1 and (token[0], token[-1]) not in (
            self._edges
        ):
            return frozenset(found)  # every name word it could be a typo of keeps its edges
        for word, distance in self._typo.within(
            token, 2 if len(token) >= 8 else 1, depth=_query_depth(len(token))
        ):
            if (
                word in self._names_with
                and distance <= edits("text-word", len(word))
                and keeps_edges("text-word", token, word)
            ):
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
        # a scanner's misreading counts half an edit, as in normalize(): Shlkotan is Shikotan
        # (l for i) before it is Shakotan (a for l)
        weight = 0.5 if _confusion_key(joined) == _confusion_key(key) else 1.0
        return round((1 - weight * distance / max(len(joined), len(key))) * 100, 2)


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


def _other_place_words(name_words: Iterable[str]) -> frozenset[str]:
    """The folded words of ISO 3166's country and subdivision names (as pycountry gives them)
    of five letters or more that are not name words here (Sangha, Magura, Ribnica)."""
    return _iso_place_words() - frozenset(name_words)


@lru_cache(maxsize=1)
def _iso_place_words() -> frozenset[str]:
    import pycountry

    names = [fold(country.name) for country in pycountry.countries]
    names += [name for name, _ in iso_subdivision_names()]
    return frozenset(
        word
        for name in names
        for word in name.split()
        if len(word) >= MIN_CONFUSABLE and word.isalpha()
    )


def _fuzzy_names(places: Iterable[Place]) -> Iterator[tuple[Place, Name, tuple[str, ...]]]:
    """The names fuzzy matching in running text looks for, with their folded words: those in
    English and in the languages of the place's official names. A typo is looked for where
    typos are read; the names in every other language are found as written (prose is full of
    words one edit from a translation: George, Georgië)."""
    for place in places:
        languages = {"en"} | {n.language for n in place.names if n.kind == "official"}
        for name in place.names:
            if name.in_text != "any-case" or name.kind not in FUZZY_NAME_KINDS:
                continue
            if name.language not in languages:
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
