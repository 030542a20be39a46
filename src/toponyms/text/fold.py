"""Unicode folding: the one definition of "the same name" that every index and lookup shares.

Folding erases the differences that never distinguish two places: Unicode normalization form,
case, Latin diacritics and macrons (Hoppō → hoppo), Cyrillic ё (Зелёный → зеленый), fullwidth
and halfwidth forms, katakana versus hiragana, small versus full-size kana (older spelling
writes しゆむしゆ for しゅむしゅ), apostrophes and quotes, hyphens and dashes, and runs of white
space; invisible format characters (zero-width spaces and joiners, bidi controls, variation
selectors, the soft hyphen) vanish. It keeps what does distinguish names: й stays й, and
Japanese voicing marks (が is not か) survive because only marks on Latin letters are dropped.

Any string folds without error in linear time: a lone surrogate (from surrogateescape decoding
or JSON) becomes U+FFFD, and combining marks past the 32nd in a row are dropped, since
normalizing an unbounded run of them is quadratic in some CPython releases.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

__all__ = [
    "AMPERSAND_WORDS",
    "OffsetMap",
    "ampersand_forms",
    "fold",
    "fold_key",
    "fold_with_offsets",
    "key_of_folded",
]

# Apostrophes and quotation marks: dropped (Kurils' / Kurils’ / "Kurils" fold alike).
_QUOTES = "'\u2018\u2019\u201a\u201b\u02bc\u02bb\u0060\u00b4\u2032\"\u201c\u201d\u201e\u00ab\u00bb"
_QUOTES += "\u300c\u300d\u300e\u300f\u2039\u203a"  # 「」『』‹›
# Hyphens and dashes (after NFKC): folded to a space.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fb\u00b7"
_DROP = {ord(c): None for c in _QUOTES}
_TO_SPACE = {ord(c): " " for c in _DASHES}
_SPACES = re.compile(r"\s+")
# Polivanov's transcription marks a long vowel with a colon (Кунаси:ри, Ю:ри-то:): drop it.
_LONG_VOWEL_COLON = re.compile(r"(?<=[^\W\d_]):+")
_LEADING_ARTICLE = re.compile(r"^the ")

_KATAKANA_FIRST, _KATAKANA_LAST = 0x30A1, 0x30F6  # ァ .. ヶ
_KANA_SHIFT = 0x60  # ア (U+30A2) - あ (U+3042)
# Small kana as full-size: older spelling writes them full size (しゆむしゆ for しゅむしゅ).
_SMALL_KANA = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ", strict=True))


# Invisible format characters: the soft hyphen, zero-width spaces and joiners, bidi marks and
# embeddings, word joiners and invisible operators, variation selectors and tags. They never
# tell two names apart ("Kuna\u200bshir" is Kunashir), so folding drops them.
_INVISIBLE_RANGES = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x0640, 0x0640), (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
_INVISIBLE = re.compile(
    "["
    + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in _INVISIBLE_RANGES)
    + "]+"
)
_SURROGATES = re.compile("[\ud800-\udfff]")


def _make_safe(text: str) -> str:
    """``text`` without invisible characters, lone surrogates or overlong runs of marks."""
    text = _INVISIBLE.sub("", _SURROGATES.sub("\ufffd", text))
    return _classes().heavy_run.sub(_cap_marks, text)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold ``text`` for comparison, keeping word separation as single spaces.

    Invisible format characters (zero-width spaces and joiners, bidi controls, variation
    selectors, the soft hyphen) are dropped, a lone surrogate becomes U+FFFD, and combining
    marks past the 32nd on one letter are dropped, which keeps the cost linear in the length.

    >>> fold("  HOPPŌ  Ryōdo ")
    'hoppo ryodo'
    >>> fold("Yuzhno‐Kurilsk")
    'yuzhno kurilsk'
    >>> fold("Зелёный")
    'зеленый'
    >>> fold("ｴﾄﾛﾌ") == fold("えとろふ")
    True
    >>> fold("Kuna\\u200bshir\\ud800") == "kunashir\\ufffd"
    True
    """
    if text.isascii():  # the common case: what the general path gives, at C speed
        text = _LONG_VOWEL_COLON.sub("", text.lower().translate(_DROP).translate(_TO_SPACE))
        return _SPACES.sub(" ", text).strip()
    # One definition of "the same name": the fold of running text (which annotate() reads),
    # without the quotes and apostrophes a name is written with or without (Kuril'sk).
    folded = fold_with_offsets(text)[0].translate(_DROP).translate(_TO_SPACE)
    # The long-vowel colon goes last: a dropped mark can bring it next to its letter (B̀:).
    return _SPACES.sub(" ", _LONG_VOWEL_COLON.sub("", folded)).strip()


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """Fold ``text`` into an exact-lookup key: :func:`fold`, then without spaces or a leading "the".

    Spacing and hyphenation vary freely between sources (Etorofu-tō, Etorofu to, Etorofuto), so
    keys drop word separators altogether.

    >>> fold_key("the Kuril Islands") == fold_key("KURIL-ISLANDS")
    True
    >>> fold_key("Etorofu-tō")
    'etorofuto'
    """
    return key_of_folded(fold(text))


#: The folded words that "&" writes in names (Jammu & Kashmir, Bosna i Hercegovina written
#: Bosna & Hercegovina): and, und, et, y, e, en, i, и.
AMPERSAND_WORDS = frozenset({"and", "und", "et", "y", "e", "en", "i", "и"})


def ampersand_forms(folded: str) -> list[str]:
    """A folded name written with "&" for each conjunction word it has: "&" stays a character
    of its own in folding (URLs are full of it), so a name's "&" form is a form of its own.

    >>> ampersand_forms("jammu and kashmir"), ampersand_forms("kuril islands")
    (['jammu & kashmir'], [])
    """
    words = folded.split(" ")
    return [
        " ".join([*words[:i], "&", *words[i + 1 :]])
        for i, word in enumerate(words)
        if word in AMPERSAND_WORDS and 0 < i < len(words) - 1
    ]


def key_of_folded(folded: str) -> str:
    """:func:`fold_key` of a string that is already the output of :func:`fold`."""
    # removing spaces can bring a colon next to a letter: drop it as fold() would have
    return _LONG_VOWEL_COLON.sub("", _LEADING_ARTICLE.sub("", folded).replace(" ", ""))


# --------------------------------------------------------------------------------------------
# Folding running text, with a map from folded offsets back to the original string.
#
# annotate() folds whole articles, so the common case must run at C speed: lower() and one
# translate() with a 1:1 table keep every offset as it was, and only runs of separators (two
# spaces, a line break after a hyphen) change length. A character that folds to more or fewer
# than one character (…, №, ﬁ, İ, ½, a combining mark, halfwidth kana with a voicing mark, a
# zero-width space) is folded on its own, as one cluster with the letter it belongs to and the
# marks that follow; only these clusters leave the fast path, and the offset map records one
# entry per cluster, not one per character.

_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032"
_SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fb\u00b7\u00a0\u2007\u202f\u3000"
_WHITESPACE = "\t\n\v\f\r\u0085\u2028\u2029\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
_WHITESPACE += "\u2008\u2009\u200a\u205f"
#: The hyphens that join the parts of a word (Южно-Курильск), the dashes apart.
HYPHENS = "-\u2010\u2011"
_HYPHEN_BREAKS = re.compile(rf"[{HYPHENS}][^\S\n]*\n\s*")
_WHITESPACE_RUN = re.compile(r"\s*")
_SPACE_RUNS = re.compile(r" {2,}")
_LEADING_SPACES = re.compile(r" +")
#: What a blank line is read as: a line break, then the record separator U+001E, which folds to
#: itself (no word character, no space): folded offsets stay one for one across paragraphs.
PARAGRAPH_BREAK = "\n\x1e"
_KANA_MARKS = "\u3099\u309a"  # combining voicing marks: part of the kana, never dropped
_HALFWIDTH_MARKS = "\uff9e\uff9f"  # ﾞ ﾟ: halfwidth voicing marks, part of the kana before them


#: Letters compared as another letter of their script, one for one: the letters that a
#: keyboard, a transliteration or another country's spelling writes for them (Łódź as Lodz,
#: Kırım as KIRIM, Persian ی and ک as Arabic ي and ك, the alifs with hamza or madda as alif,
#: Greek final sigma as sigma).
LETTER_KEYS = {
    "ł": "l", "Ł": "l", "ı": "i", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ħ": "h", "Ħ": "h",
    "ŧ": "t", "Ŧ": "t", "ς": "σ", "ی": "ي", "ى": "ي", "ک": "ك", "أ": "ا", "إ": "ا", "آ": "ا",
    "ٱ": "ا",
}  # fmt: skip
#: Letters folded into two (slow path: their offsets are mapped).
EXPANSIONS = {"ß": "ss", "ẞ": "ss"}
#: Combining marks that are optional diacritics, dropped: those of Latin, Greek and Cyrillic
#: letters (U+0300 block and its extensions), Arabic harakat and Hebrew points. Other marks
#: (Indic vowel signs and viramas, Thai vowels and tones) are part of their letters and kept.
_DROPPED_MARK_RANGES = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F),
    (0x0670, 0x0670), (0x06D6, 0x06ED), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)  # fmt: skip


def _dropped_mark(ch: str) -> bool:
    code = ord(ch)
    return bool(unicodedata.combining(ch)) and any(
        lo <= code <= hi for lo, hi in _DROPPED_MARK_RANGES
    )


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    greek = list(range(0x0370, 0x0400)) + list(range(0x1F00, 0x2000))
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)) + greek:
        base = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", chr(code)).lower())
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        if len(stripped) == 1 and stripped != chr(code).lower():
            table[code] = stripped
    table[ord("ё")] = table[ord("Ё")] = "е"
    for letter, key in LETTER_KEYS.items():
        table[ord(letter)] = key
    for code in range(_KATAKANA_FIRST, _KATAKANA_LAST - 1):
        hiragana = chr(code - _KANA_SHIFT)
        table[code] = _SMALL_KANA.get(hiragana, hiragana)
    for small, full in _SMALL_KANA.items():
        table[ord(small)] = full
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _SEPARATORS + _WHITESPACE:
        table[ord(ch)] = " "
    for code in range(0xFF01, 0xFF5F):  # fullwidth ASCII, then as that ASCII (－ is a hyphen)
        ascii_char = chr(code - 0xFEE0).lower()
        table[code] = table.get(ord(ascii_char), ascii_char)
    for code in range(0xD800, 0xE000):  # a lone surrogate: the Rust automaton cannot take it
        table[code] = "\ufffd"
    return table


def _char_class(codes: Iterable[int]) -> str:
    """A regular expression character class of ``codes``, as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    parts = (
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )
    return "[" + "".join(parts) + "]"


_TABLE = _build_table()


# Code points where Unicode has combining marks or compatibility forms; the rest (CJK and
# Hangul syllables, surrogates, private use, unassigned planes) holds neither.
_SCANNED = (
    (0x00A0, 0x3400), (0x4DC0, 0x4E00), (0xA000, 0xAC00), (0xD7A4, 0xD800), (0xF900, 0x20000),
    (0x2F800, 0x2FA20),
)  # fmt: skip


def _candidates(codes: Iterable[int]) -> str:
    """A character class of the ``codes`` in the Basic Multilingual Plane and of every character
    beyond it: re tests a class's astral ranges one by one on every character it rejects, so
    astral candidates are checked in Python instead (they are rare in text)."""
    return _char_class(c for c in codes if c < 0x10000)[:-1] + "\U00010000-\U0010ffff]"


class _Classes(NamedTuple):
    """Tables and character classes computed from the Unicode database once, on first use."""

    table: dict[int, str]  # _TABLE, and what else folds one for one (ｶ -> か, 𝐊 -> k)
    mapped_runs: re.Pattern[str]  # runs of what the table maps, and of astral characters
    marks: frozenset[str]  # what belongs to the letter before it (combining marks, ﾞ ﾟ)
    invisible: frozenset[str]  # what folding drops
    heavy: frozenset[str]  # marks, and what NFKC turns into marks (U+0F73)
    astral_slow: frozenset[str]  # characters beyond U+FFFF the fast path would fold wrongly
    slow: re.Pattern[str]  # a character the fast path would fold wrongly, or any astral one
    marks_run: re.Pattern[str]  # a run of marks, possibly empty
    heavy_run: re.Pattern[str]  # more than MARK_CAP heavy or astral characters


def _lowered(ch: str) -> str:
    """What lower() makes of ``ch`` in the fast path (which writes İ as I first)."""
    return "i" if ch == "\u0130" else ch.lower()


@lru_cache(maxsize=1)
def _classes() -> _Classes:
    invisible = {c for lo, hi in _INVISIBLE_RANGES for c in range(lo, hi + 1)}
    marks = {ord(c) for c in _HALFWIDTH_MARKS}
    heavy = set(marks)
    slow = set(invisible)
    folds: dict[int, str] = {}  # the slow path's fold of each character with a decomposition
    table = dict(_TABLE)
    proposed: dict[int, set[str]] = {}
    for lo, hi in _SCANNED:
        for code in range(lo, hi):
            ch = chr(code)
            if unicodedata.combining(ch):
                marks.add(code)
                continue
            if code in _TABLE or code in invisible or not unicodedata.decomposition(ch):
                continue  # folded by the table, dropped, or NFKC leaves it as it is
            folds[code] = folded = _fold_cluster.__wrapped__(ch)
            if unicodedata.combining(unicodedata.normalize("NFKD", ch)[0]):
                heavy.add(code)  # U+0F73, ﾞ: no mark, but NFKC makes marks of it
            lowered = _lowered(ch)
            if len(folded) == 1 and folded != lowered and ord(lowered) >= 0x80:
                proposed.setdefault(ord(lowered), set()).add(folded)
    for key, values in proposed.items():
        if len(values) == 1 and key not in _TABLE:
            table[key] = values.pop()
    # The fast path is right where the (extended) table gives what the slow path gives.
    for lo, hi in _SCANNED:
        for code in range(lo, hi):
            if code in marks or code in _TABLE or code in invisible:
                continue
            lowered = _lowered(chr(code))
            if code in folds or (len(lowered) == 1 and ord(lowered) in table):
                folded = folds.get(code) or _fold_cluster.__wrapped__(chr(code))
                if table.get(ord(lowered), lowered) != folded:
                    slow.add(code)
    slow |= marks
    slow |= {ord(c) for c in EXPANSIONS}
    heavy |= marks
    return _Classes(
        table,
        re.compile(_candidates(table) + "+"),
        frozenset(map(chr, marks)),
        frozenset(map(chr, invisible)),
        frozenset(map(chr, heavy)),
        frozenset(chr(c) for c in slow if c >= 0x10000),
        re.compile(_candidates(slow)),
        re.compile(_char_class(marks) + "*"),  # tested once per cluster: astral ranges too
        re.compile(_candidates(heavy) + f"{{{MARK_CAP + 1},}}"),
    )


def _cap_marks(run: re.Match[str]) -> str:
    """A long run of marks (or astral characters) without the marks past MARK_CAP in a row."""
    heavy = _classes().heavy
    kept: list[str] = []
    in_a_row = 0
    for c in run.group():
        in_a_row = in_a_row + 1 if c in heavy else 0
        if in_a_row <= MARK_CAP:
            kept.append(c)
    return "".join(kept)


#: Combining marks kept on one letter: those after it are dropped. No name stacks more, and
#: normalizing an unbounded run of marks costs quadratic time in some CPython releases.
MARK_CAP = 32


class OffsetMap:
    """Where each character of a folded text came from in the original string.

    ``start(i)`` is the original offset of folded character ``i``; ``end(i)`` the original offset
    just after it. Spans map back with ``span(i, j)``. A character folded from a cluster (ﬁ -> fi,
    e + U+0301 -> e, a run of spaces -> one space) comes from the whole cluster.

    The map holds one entry per place where folding changes the length: original
    ``origin_starts[k]:origin_ends[k]`` became folded ``folded_starts[k]:folded_ends[k]`` (maybe
    empty: a dropped character), every character of which comes from the whole original span.
    Between entries, folding is 1:1. Its size grows with the number of such places, not with
    the length of the text.
    """

    __slots__ = (
        "_folded_ends", "_folded_length", "_folded_starts", "_length", "_origin_ends",
        "_origin_starts",
    )  # fmt: skip

    def __init__(
        self,
        length: int,
        folded_length: int | None = None,
        folded_starts: Sequence[int] = (),
        folded_ends: Sequence[int] = (),
        origin_starts: Sequence[int] = (),
        origin_ends: Sequence[int] = (),
    ) -> None:
        self._length = length
        self._folded_length = length if folded_length is None else folded_length
        self._folded_starts = folded_starts
        self._folded_ends = folded_ends
        self._origin_starts = origin_starts
        self._origin_ends = origin_ends

    def start(self, i: int) -> int:
        if i >= self._folded_length:
            return self._length
        k = bisect_right(self._folded_starts, i) - 1
        if k < 0:
            return i
        if i < self._folded_ends[k]:
            return self._origin_starts[k]
        return self._origin_ends[k] + i - self._folded_ends[k]

    def end(self, i: int) -> int:
        if i >= self._folded_length:
            return self._length
        k = bisect_right(self._folded_starts, i) - 1
        if k < 0:
            return i + 1
        if i < self._folded_ends[k]:
            return self._origin_ends[k]
        return self._origin_ends[k] + i - self._folded_ends[k] + 1

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The original span of folded characters ``i`` to ``j`` (exclusive)."""
        return self.start(i), self.end(j - 1)

    def folded_index(self, origin: int) -> int:
        """The folded offset of original offset ``origin``: the inverse of :meth:`start`
        (a character inside a cluster gives the cluster's first folded character).

        >>> folded, offsets = fold_with_offsets("ﬁve Kunashir")
        >>> offsets.folded_index(4), folded[offsets.folded_index(4)]
        (5, 'k')
        """
        k = bisect_right(self._origin_starts, origin) - 1
        if k < 0:
            return origin
        if origin < self._origin_ends[k]:
            return self._folded_starts[k]
        return self._folded_ends[k] + origin - self._origin_ends[k]

    @property
    def aligned_until(self) -> int:
        """The folded offset before which folding kept every offset (the whole folded length
        when it kept them all): there ``start(i) == i``."""
        return self._folded_starts[0] if len(self._folded_starts) else self._folded_length

    @property
    def entry_count(self) -> int:
        """How many places where folding changed the length the map records (its size)."""
        return len(self._folded_starts)


def _soft_hyphenations(text: str) -> list[tuple[int, int]]:
    """Spans of a hyphen and line break that split one word: "Kuna-\\nshir"."""
    newlines = text.count("\n")
    if not newlines:
        return []
    if newlines > len(text) // 80:  # short lines: one pass of the pattern is cheaper
        return _hyphen_breaks_by_pattern(text)
    return _hyphen_breaks_by_line(text)


def _hyphen_breaks_by_pattern(text: str) -> list[tuple[int, int]]:
    return [
        m.span()
        for m in _HYPHEN_BREAKS.finditer(text)
        if m.start() > 0
        and text[m.start() - 1].isalnum()
        and m.end() < len(text)
        and text[m.end()].isalnum()
    ]


def _hyphen_breaks_by_line(text: str) -> list[tuple[int, int]]:
    """What :func:`_hyphen_breaks_by_pattern` finds, found from each line break backwards: a
    pattern that starts with a character class tests it at every position, several times
    slower than finding line breaks when lines are long."""
    spans: list[tuple[int, int]] = []
    done = 0  # matches do not overlap: the next one starts after the last one's end
    newline = text.find("\n")
    while newline >= 0:
        hyphen = newline - 1
        while hyphen >= done and text[hyphen] != "\n" and text[hyphen].isspace():
            hyphen -= 1
        if hyphen >= done and text[hyphen] in HYPHENS:
            blank = _WHITESPACE_RUN.match(text, newline + 1)
            assert blank is not None  # the pattern matches the empty string
            end = blank.end()
            if text[hyphen - 1 : hyphen].isalnum() and text[end : end + 1].isalnum():
                spans.append((hyphen, end))
            done = end
            newline = text.find("\n", end)
        else:
            newline = text.find("\n", newline + 1)
    return spans


@lru_cache(maxsize=4096)
def _fold_cluster(cluster: str) -> str:
    """Fold one cluster: a character the fast path cannot fold 1:1, with the letter before it
    if it is a mark, and the marks after it."""
    if _INVISIBLE.match(cluster):
        return ""
    folded = unicodedata.normalize("NFKC", cluster).lower().translate(_TABLE)
    folded = "".join(EXPANSIONS.get(c, c) for c in folded if not _dropped_mark(c))
    return unicodedata.normalize("NFC", folded).translate(_TABLE)


class _Stitcher:
    """Assembles the folded text from 1:1 runs of the fast fold and folded clusters, collapsing
    runs of spaces, and records the offset map's entries as it goes."""

    __slots__ = (
        "_done", "_pieces", "folded_ends", "folded_length", "folded_starts", "origin",
        "origin_ends", "origin_starts", "space_at_end",
    )  # fmt: skip

    def __init__(self, length: int) -> None:
        self._pieces: list[str] = []
        self._done: list[str] = []  # pieces joined every few thousand: small strings cost
        typecode = "i" if length < 2**31 else "q"
        self.folded_starts = array(typecode)
        self.folded_ends = array(typecode)
        self.origin_starts = array(typecode)
        self.origin_ends = array(typecode)
        self.folded_length = 0
        self.origin = 0  # the original offset the folded text so far ends at
        self.space_at_end = False  # the folded text so far ends with a space

    def _append(self, piece: str) -> None:
        self._pieces.append(piece)
        if len(self._pieces) >= 4096:
            self._done.append("".join(self._pieces))
            self._pieces.clear()
        self.folded_length += len(piece)

    def _record(self, folded_start: int, origin_start: int, origin_end: int) -> None:
        self.folded_starts.append(folded_start)
        self.folded_ends.append(self.folded_length)
        self.origin_starts.append(origin_start)
        self.origin_ends.append(origin_end)
        self.origin = origin_end

    def _extend_space(self, end: int) -> None:
        """The space at the end of the folded text stands for the original up to ``end``."""
        last = self.folded_length - 1
        if self.folded_ends and self.folded_ends[-1] == self.folded_length:  # from an entry
            if self.folded_starts[-1] == last:
                self.origin_ends[-1] = self.origin = end
                return
            self.folded_ends[-1] = last  # the entry's other characters keep their span
            self._record(last, self.origin_starts[-1], end)
        else:  # from a 1:1 run
            self._record(last, self.origin - 1, end)

    def run(self, folded: str, start: int, end: int) -> None:
        """Folded characters ``start:end`` of the fast fold, aligned 1:1 with the original."""
        if start < end and self.space_at_end and folded[start] == " ":
            spaces = _LEADING_SPACES.match(folded, start, end)
            assert spaces is not None
            start = spaces.end()
            self._extend_space(start)
        if start >= end:
            return
        if start != self.origin:  # something was dropped before: record where
            self._record(self.folded_length, self.origin, start)
        double = folded.find("  ", start, end)  # str.find outruns a regular expression
        while double >= 0:
            spaces = _LEADING_SPACES.match(folded, double, end)
            assert spaces is not None
            self._append(folded[start : double + 1])
            self.origin = double + 1
            self._extend_space(spaces.end())
            start = spaces.end()
            double = folded.find("  ", start, end)
        if start < end:
            self._append(folded[start:end])
            self.origin = end
        self.space_at_end = folded[end - 1] == " "

    def cluster(self, folded: str, start: int, end: int) -> None:
        """``folded`` (maybe empty or several characters) comes from original ``start:end``."""
        if not folded:
            return
        if self.space_at_end and folded[0] == " ":
            self._extend_space(end)
            folded = folded.lstrip(" ")
            if not folded:
                return
        if "  " in folded:
            folded = _SPACE_RUNS.sub(" ", folded)
        folded_start = self.folded_length
        self._append(folded)
        if end - start != 1 or len(folded) != 1 or start != self.origin:
            self._record(folded_start, start, end)
        else:  # one character for one (İ -> i, 𝐊 -> k): 1:1, as between entries
            self.origin = end
        self.space_at_end = folded[-1] == " "

    def result(self, length: int) -> tuple[str, OffsetMap]:
        folded = "".join(self._done) + "".join(self._pieces)
        if not self.folded_starts:
            return folded, OffsetMap(length, self.folded_length)
        return folded, OffsetMap(
            length,
            self.folded_length,
            self.folded_starts,
            self.folded_ends,
            self.origin_starts,
            self.origin_ends,
        )


#: Long texts are folded in chunks of about this many characters, so that the ASCII ones take
#: the ASCII path: one … in an English article leaves the rest of it there.
_CHUNK = 16_384


def _fold_fast_chunk(text: str, classes: _Classes) -> str:
    """The 1:1 fold of ``text`` (clusters aside): lower() and the table."""
    if text.isascii():
        return text.lower().translate(_TABLE)
    lowered = text.replace("\u0130", "I") if "\u0130" in text else text  # lower() -> i̇
    table = classes.table
    return classes.mapped_runs.sub(lambda run: run.group().translate(table), lowered.lower())


def _fold_fast(text: str, classes: _Classes) -> tuple[str, list[tuple[int, int]]]:
    """The 1:1 fold of ``text`` (clusters aside), and the spans that are not ASCII.

    Chunks end after a space or a line break, which is neither a cased nor a case-ignorable
    character, so lower() gives each chunk what it gives in the whole text (final Σ is ς).
    """
    sparse = _sparse_non_ascii(text)
    if sparse is not None:  # English with a … or a ’ here and there: the rest stays ASCII
        pieces = []
        done = 0
        for start, end in sparse:
            pieces.append(text[done:start].lower().translate(_TABLE))
            pieces.append(_fold_fast_chunk(text[start:end], classes))
            done = end
        pieces.append(text[done:].lower().translate(_TABLE))
        return "".join(pieces), sparse
    if len(text) <= 2 * _CHUNK:
        return _fold_fast_chunk(text, classes), [(0, len(text))]
    pieces = []
    non_ascii: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        limit = start + _CHUNK
        if limit >= len(text):
            end = len(text)
        else:
            cut = max(text.rfind(" ", start, limit), text.rfind("\n", start, limit))
            end = cut + 1 if cut >= 0 else _next_break(text, limit)
        chunk = text[start:end]
        if chunk.isascii():
            pieces.append(chunk.lower().translate(_TABLE))
        else:
            pieces.append(_fold_fast_chunk(chunk, classes))
            if non_ascii and non_ascii[-1][1] == start:
                non_ascii[-1] = (non_ascii[-1][0], end)
            else:
                non_ascii.append((start, end))
        start = end
    return "".join(pieces), non_ascii


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
#: At most one run of non-ASCII characters per this many characters (after the first few) for
#: the sparse path: each run costs about a microsecond there, where the whole-text path costs
#: about 13 ns a character (English with a curly apostrophe in every sentence stays sparse).
_SPARSE = 100
_SPARSE_START = 8
#: How far the sparse path looks for the space around a word.
_LONGEST_WORD = 64


def _sparse_non_ascii(text: str) -> list[tuple[int, int]] | None:
    """The words (between spaces or line breaks) that hold non-ASCII characters, when there
    are few of them; None when there are many (Russian, Japanese): then chunks are better.

    A word is folded whole, so lower() sees each character in its context (final Σ is ς).
    """
    spans: list[tuple[int, int]] = []
    for runs, found in enumerate(_non_ascii_runs(text)):
        at = found.start()
        if runs > _SPARSE_START + at // _SPARSE:
            return None  # dense so far: Cyrillic, kana, Han
        if spans and at < spans[-1][1]:
            continue  # in the word before
        low = max(0, at - _LONGEST_WORD)
        start = max(text.rfind(" ", low, at), text.rfind("\n", low, at)) + 1
        if start == 0 and low > 0:
            return None  # a word longer than any name: the chunks will do
        end = _next_break(text, found.end(), found.end() + _LONGEST_WORD)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _non_ascii_runs(text: str) -> Iterator[re.Match[str]]:
    """The runs of non-ASCII characters of ``text``, found slice by slice: an ASCII slice is
    passed over at the speed of a copy, where a pattern would look at every character."""
    length = len(text)
    for low in range(0, length, 512):
        if text[low : low + 512].isascii():
            continue
        for start in range(low, min(low + 512, length), 64):  # a pattern costs per character
            end = start + 64
            if not text[start:end].isascii():
                yield from _NON_ASCII.finditer(text, start, end)


def _next_break(text: str, start: int, end: int | None = None) -> int:
    """Just after the first space or line break in ``text[start:end]``, or ``end`` (the end of
    ``text`` by default)."""
    ends = [at + 1 for at in (text.find(" ", start, end), text.find("\n", start, end)) if at >= 0]
    return min(ends, default=len(text) if end is None else min(end, len(text)))


def fold_with_offsets(text: str) -> tuple[str, OffsetMap]:
    """Fold running text for matching, keeping a map back to the original offsets.

    Words stay words: case, Latin diacritics, ё, katakana, fullwidth forms and curly apostrophes
    fold as in :func:`fold`; hyphens, dashes and every kind of space become one space; a word
    broken by a hyphen at a line end ("Kuna-\\nshir") is joined; invisible format characters
    (zero-width spaces and joiners, bidi controls, variation selectors, the soft hyphen) are
    dropped; a lone surrogate becomes U+FFFD; combining marks past the 32nd on one letter
    are dropped.

    A blank line ("\\n\\n") folds to a space and a paragraph mark (U+001E) instead: no name
    spans one, and a text of paragraphs keeps its offsets one for one.

    >>> folded, offsets = fold_with_offsets("The  KUNA-\\nSHIR  Strait …")
    >>> folded
    'the kunashir strait ...'
    >>> offsets.span(4, 12), offsets.span(20, 23)
    ((5, 15), (24, 25))
    >>> fold_with_offsets("Iturup.\\n\\nKunashir")[0]
    'iturup. \\x1ekunashir'
    """
    breaks = _soft_hyphenations(text)
    if "\n\n" in text:
        text = text.replace("\n\n", PARAGRAPH_BREAK)
    if text.isascii():
        folded = text.lower().translate(_TABLE)
        if not breaks and "  " not in folded:
            return folded, OffsetMap(len(text))
        candidates = None
    else:
        classes = _classes()
        folded, non_ascii = _fold_fast(text, classes)
        matches = chain.from_iterable(classes.slow.finditer(text, *span) for span in non_ascii)
        first = next(matches, None)
        if first is None and not breaks and "  " not in folded:
            return folded, OffsetMap(len(text))
        candidates = chain([first] if first else [], matches)
    stitcher = _Stitcher(len(text))
    done = 0  # the original (and the fast fold) is stitched up to here
    cuts = iter(breaks)
    cut = next(cuts, None)
    if candidates is not None:
        marks, astral_slow, marks_run = classes.marks, classes.astral_slow, classes.marks_run
        invisible = classes.invisible
        for found in candidates:
            at = found.start()
            char = text[at]
            if at < done or (char > "\uffff" and char not in astral_slow):
                continue  # a mark of the cluster before, or an astral character that folds 1:1
            while cut is not None and cut[0] < at:
                stitcher.run(folded, done, cut[0])
                done = cut[1]
                cut = next(cuts, None)
            start = at - 1 if at > done and char in marks else at  # the letter it marks
            if done < start:
                stitcher.run(folded, done, start)
            if char in invisible:  # dropped, with the invisible characters and marks after it
                invisible_end = _INVISIBLE.match(text, at).end()  # type: ignore[union-attr]
                done = marks_run.match(text, invisible_end).end()  # type: ignore[union-attr]
                continue
            marks_end = marks_run.match(text, start + 1).end()  # type: ignore[union-attr]
            end = min(marks_end, start + 1 + MARK_CAP)
            stitcher.cluster(_fold_cluster(text[start:end]), start, end)
            done = marks_end  # marks past the cap are dropped
    while cut is not None:
        stitcher.run(folded, done, cut[0])
        done = cut[1]
        cut = next(cuts, None)
    stitcher.run(folded, done, len(text))
    return stitcher.result(len(text))


# --------------------------------------------------------------------------------------------
# A key that forgets how a Russian (or Japanese) name was romanized: Yuzhno-Kurilsky,
# Južno-Kuril'skij, Juschno-Kurilski and Южно-Курильский meet at one key.

_CYRILLIC_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "i", "є": "e",
    "ґ": "g",
}  # fmt: skip
# Longest first: every spelling of one sound becomes one letter; the hushing and hissing sounds
# (ж ш щ х, written zh sh ch kh sch sz ž š) and their voicing fall together, as German "sch"
# stands for both ж and ш.
_ROMANIZATION_FOLDS = (
    ("shch", "s"), ("tsch", "c"), ("sch", "s"), ("szcz", "s"), ("sz", "s"), ("sh", "s"),
    ("ch", "s"), ("kh", "s"), ("zh", "s"), ("ts", "c"), ("tz", "c"), ("cz", "c"), ("dz", "s"),
    ("z", "s"), ("ou", "u"), ("w", "v"), ("y", "i"), ("j", "i"), ("'", ""), ("-", ""),
)  # fmt: skip


# Kana spellings of foreign names vary in the long-vowel mark and in old kana (クナシール,
# クナシル; ヴ and ブ); the kana key of a name of four kana or more forgets both.
_KANA_KEY = {ord("ー"): None, ord("ゔ"): "ぶ", ord("ぢ"): "じ", ord("づ"): "ず", ord("ゐ"): "い",
             ord("ゑ"): "え", ord("を"): "お"}  # fmt: skip


def romanization_key(folded: str) -> str | None:
    """A coarse key of a folded Latin or Cyrillic name that ignores the romanization system,
    or of a kana name that ignores long-vowel marks and old kana; None for any other text.

    >>> romanization_key(fold("Južno-Kuril'skij")) == romanization_key(fold("Yuzhno-Kurilsky"))
    True
    >>> romanization_key(fold("Южно-Курильский")) == romanization_key(fold("Juschno-Kurilskij"))
    True
    >>> romanization_key(fold("クナシール")) == romanization_key(fold("クナシル"))
    True
    >>> romanization_key(fold("択捉島")) is None
    True
    """
    if folded and all("\u3041" <= c <= "\u3096" or c in "ー " for c in folded):
        key = folded.replace(" ", "").translate(_KANA_KEY)
        return key if len(key) >= 4 else None  # ユーリ (Yuri) and ゆり (lily) stay apart
    text = "".join(_CYRILLIC_TO_LATIN.get(c, c) for c in folded.replace(" ", ""))
    if not text.isascii() or not text:
        return None
    for spelling, letter in _ROMANIZATION_FOLDS:
        text = text.replace(spelling, letter)
    # a doubled letter is one sound (Kurrile, Sakhalinn)
    return re.sub(r"(.)\1+", r"\1", text)
