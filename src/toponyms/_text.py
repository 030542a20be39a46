"""Unicode folding: the one definition of "the same name" that every index and lookup shares.

Folding erases the differences that never distinguish two places: Unicode normalization form,
case, Latin diacritics and macrons (Hoppō → hoppo), Cyrillic ё (Зелёный → зеленый), fullwidth
and halfwidth forms, katakana versus hiragana, small versus full-size kana (older spelling
writes しゆむしゆ for しゅむしゅ), apostrophes and quotes, hyphens and dashes, and runs of white
space. It keeps what does distinguish names: й stays й, and Japanese voicing marks
(が is not か) survive because only marks on Latin letters are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

__all__ = ["OffsetMap", "fold", "fold_key", "fold_with_offsets", "has_cyrillic", "key_of_folded"]

# Apostrophes and quotation marks: dropped (Kurils' / Kurils’ / "Kurils" fold alike).
_QUOTES = "'\u2018\u2019\u201a\u201b\u02bc\u02bb\u0060\u00b4\u2032\"\u201c\u201d\u201e\u00ab\u00bb"
_QUOTES += "\u300c\u300d\u300e\u300f\u2039\u203a"  # 「」『』‹›
# Hyphens and dashes (after NFKC): folded to a space.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fb\u00b7"
_DROP = {ord(c): None for c in _QUOTES}
_TO_SPACE = {ord(c): " " for c in _DASHES}
_SPACES = re.compile(r"\s+")
# Polivanov's transcription marks a long vowel with a colon (Кунаси:ри, Ю:ри-то:): drop it.
_LONG_VOWEL_COLON = re.compile(r"(?<=[^\W\d_]):")
_LEADING_ARTICLE = re.compile(r"^the ")

_KATAKANA_FIRST, _KATAKANA_LAST = 0x30A1, 0x30F6  # ァ .. ヶ
_KANA_SHIFT = 0x60  # ア (U+30A2) - あ (U+3042)
# Small kana as full-size: older spelling writes them full size (しゆむしゆ for しゅむしゅ).
_SMALL_KANA = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ", strict=True))


def _fold_char(ch: str) -> str:
    """Fold one NFKC character; the result may be empty or longer than one character."""
    code = ord(ch)
    if _KATAKANA_FIRST <= code <= _KATAKANA_LAST - 2:  # ヵ ヶ have no hiragana twin
        ch = chr(code - _KANA_SHIFT)
        return _SMALL_KANA.get(ch, ch)
    if ch in _SMALL_KANA:
        return _SMALL_KANA[ch]
    if ch in "ёЁ":
        return "е"
    if 0x0300 <= code <= 0x036F:  # a stray combining diacritic NFKC could not compose
        return ""
    folded = ch.casefold()
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:  # Latin: strip diacritics and macrons
        decomposed = unicodedata.normalize("NFD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold ``text`` for comparison, keeping word separation as single spaces.

    >>> fold("  HOPPŌ  Ryōdo ")
    'hoppo ryodo'
    >>> fold("Yuzhno‐Kurilsk")
    'yuzhno kurilsk'
    >>> fold("Зелёный")
    'зеленый'
    >>> fold("ｴﾄﾛﾌ") == fold("えとろふ")
    True
    """
    if text.isascii():  # the common case, and NFKC, casefolding and marks are no-ops on it
        text = _LONG_VOWEL_COLON.sub("", text.lower().translate(_DROP).translate(_TO_SPACE))
        return _SPACES.sub(" ", text).strip()
    text = unicodedata.normalize("NFKC", text)
    text = _LONG_VOWEL_COLON.sub("", text.translate(_DROP).translate(_TO_SPACE))
    text = "".join(_fold_char(ch) for ch in text)
    # Casefolding and diacritic stripping can leave a new normalization form; settle it.
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


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


def key_of_folded(folded: str) -> str:
    """:func:`fold_key` of a string that is already the output of :func:`fold`."""
    # removing spaces can bring a colon next to a letter: drop it as fold() would have
    return _LONG_VOWEL_COLON.sub("", _LEADING_ARTICLE.sub("", folded).replace(" ", ""))


# --------------------------------------------------------------------------------------------
# Folding running text, with a map from folded offsets back to the original string.
#
# annotate() folds whole articles, so the common case must run at C speed: lower() and one
# translate() with a 1:1 table keep every offset as it was, and only runs of separators (two
# spaces, a line break after a hyphen) change length. Characters that fold to more or fewer
# than one character (İ, ligatures, combining marks, halfwidth kana) send the text down a
# character-by-character path that records where each folded character came from.

_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032"
_SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fb\u00b7\u00a0\u2007\u202f\u3000"
_WHITESPACE = "\t\n\v\f\r\u0085\u2028\u2029\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
_WHITESPACE += "\u2008\u2009\u200a\u205f"
_HYPHENS = "-\u2010\u2011"
_HYPHEN_BREAKS = re.compile(rf"[{_HYPHENS}][^\S\n]*\n\s*")
_SPACE_RUNS = re.compile(r" {2,}")
_KANA_MARKS = "\u3099\u309a"  # combining voicing marks: part of the kana, never dropped


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        base = unicodedata.normalize("NFD", chr(code).lower())
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        if len(stripped) == 1 and stripped != chr(code).lower():
            table[code] = stripped
    table[ord("ё")] = table[ord("Ё")] = "е"
    for code in range(_KATAKANA_FIRST, _KATAKANA_LAST - 1):
        hiragana = chr(code - _KANA_SHIFT)
        table[code] = _SMALL_KANA.get(hiragana, hiragana)
    for small, full in _SMALL_KANA.items():
        table[ord(small)] = full
    for code in range(0xFF01, 0xFF5F):  # fullwidth ASCII
        table[code] = chr(code - 0xFEE0).lower()
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _SEPARATORS + _WHITESPACE:
        table[ord(ch)] = " "
    return table


_TABLE = _build_table()
# Outside ASCII, str.translate pays a dictionary lookup per character; substituting only the
# runs of characters that change is several times faster on Russian or Japanese text.
_MAPPED_RUNS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]+")


def _translate_run(match: re.Match[str]) -> str:
    return match.group().translate(_TABLE)


def _needs_slow_path_class() -> re.Pattern[str]:
    """A character class of everything the 1:1 fast path would fold wrongly."""
    odd = {"\u0130", "\u00ad"}
    for code in list(range(0x00A0, 0x3400)) + list(range(0xF900, 0xFFF0)):
        ch = chr(code)
        if unicodedata.combining(ch):
            odd.add(ch)
            continue
        if code in _TABLE:
            continue
        folded = unicodedata.normalize("NFKC", ch).lower()
        if folded != ch.lower():
            odd.add(ch)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(odd)) + "]")


_SLOW: re.Pattern[str] | None = None


class OffsetMap:
    """Where each character of a folded text came from in the original string.

    ``start(i)`` is the original offset of folded character ``i``; ``end(i)`` the original offset
    just after it. Spans map back with ``span(i, j)``.
    """

    __slots__ = ("_deltas", "_ends", "_length", "_points", "_starts")

    def __init__(
        self,
        length: int,
        points: list[int] | None = None,
        deltas: list[int] | None = None,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        self._length = length
        self._points = points or []  # folded offsets where the delta changes
        self._deltas = deltas or []  # original - folded, from that point on
        self._starts = starts
        self._ends = ends

    def start(self, i: int) -> int:
        if self._starts is not None:
            return self._starts[i] if i < len(self._starts) else self._length
        k = bisect_right(self._points, i)
        return i + (self._deltas[k - 1] if k else 0)

    def end(self, i: int) -> int:
        if self._ends is not None:
            return self._ends[i]
        return self.start(i) + 1

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The original span of folded characters ``i`` to ``j`` (exclusive)."""
        return self.start(i), self.end(j - 1)


def _soft_hyphenations(text: str) -> list[tuple[int, int]]:
    """Spans of a hyphen and line break that split one word: "Kuna-\\nshir"."""
    if "\n" not in text:
        return []
    return [
        m.span()
        for m in _HYPHEN_BREAKS.finditer(text)
        if m.start() > 0
        and text[m.start() - 1].isalnum()
        and m.end() < len(text)
        and text[m.end()].isalnum()
    ]


def fold_with_offsets(text: str) -> tuple[str, OffsetMap]:
    """Fold running text for matching, keeping a map back to the original offsets.

    Words stay words: case, Latin diacritics, ё, katakana, fullwidth forms and curly apostrophes
    fold as in :func:`fold`; hyphens, dashes and every kind of space become one space; a word
    broken by a hyphen at a line end ("Kuna-\\nshir") is joined.

    >>> folded, offsets = fold_with_offsets("The  KUNA-\\nSHIR  Strait")
    >>> folded
    'the kunashir strait'
    >>> offsets.span(4, 12)
    (5, 15)
    """
    global _SLOW
    if _SLOW is None:
        _SLOW = _needs_slow_path_class()
    if text.isascii():
        folded = text.lower().translate(_TABLE)
    elif _SLOW.search(text):
        return _fold_slowly(text)
    else:
        folded = _MAPPED_RUNS.sub(_translate_run, text.lower())
    cuts = [(start, end, "") for start, end in _soft_hyphenations(text)]
    if "  " in folded:
        cuts += [(m.start(), m.end(), " ") for m in _SPACE_RUNS.finditer(folded)]
    if not cuts:
        return folded, OffsetMap(len(text))
    cuts.sort()
    pieces: list[str] = []
    points: list[int] = []
    deltas: list[int] = []
    position = delta = 0
    for start, end, replacement in cuts:
        if start < position:  # a space run inside a hyphenation already cut
            continue
        pieces.append(folded[position:start])
        pieces.append(replacement)
        delta += (end - start) - len(replacement)
        points.append(start - (delta - (end - start) + len(replacement)) + len(replacement))
        deltas.append(delta)
        position = end
    pieces.append(folded[position:])
    return "".join(pieces), OffsetMap(len(text), points, deltas)


def _fold_slowly(text: str) -> tuple[str, OffsetMap]:
    """The character-by-character fold, for text the fast path cannot keep aligned."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    joined = dict(_soft_hyphenations(text))
    skip_to = -1
    i = 0
    while i < len(text):
        if i < skip_to:
            i += 1
            continue
        if i in joined:
            skip_to = joined[i]
            i += 1
            continue
        j = i + 1
        while j < len(text) and (unicodedata.combining(text[j]) or text[j] in "\uff9e\uff9f"):
            j += 1  # combining marks and halfwidth voicing marks belong to the letter before
        cluster = unicodedata.normalize("NFKC", text[i:j])
        if text[i] == "\u00ad":
            folded = ""
        else:
            folded = cluster.lower().translate(_TABLE)
            folded = "".join(
                c for c in folded if not unicodedata.combining(c) or c in "\u3099\u309a"
            )
            folded = unicodedata.normalize("NFC", folded)
        for ch in folded:
            if ch == " " and out and out[-1] == " ":
                ends[-1] = j
                continue
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), OffsetMap(len(text), starts=starts, ends=ends)


# --------------------------------------------------------------------------------------------
# A key that forgets how a Russian (or Japanese) name was romanized: Yuzhno-Kurilsky,
# Južno-Kuril'skij, Juschno-Kurilski and Южно-Курильский meet at one key.

_CYRILLIC = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` has a Cyrillic letter (Russian inflection and romanization rules apply).

    >>> has_cyrillic("Итуруп"), has_cyrillic("Iturup")
    (True, False)
    """
    return _CYRILLIC.search(text) is not None


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
