"""Folding: the one definition of "the same name"."""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect_right
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toponyms
from toponyms import fold
from toponyms.text.fold import LETTER_KEYS, MARK_CAP, OffsetMap, fold_key, fold_with_offsets

from .conftest import REPO


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hoppō Ryōdo", "hoppo ryodo"),
        ("HOPPŌ  RYŌDO", "hoppo ryodo"),
        ("hoppô ryôdo", "hoppo ryodo"),
        ("Зелёный", "зеленый"),
        ("ЗЕЛЁНЫЙ", "зеленый"),
        ("Юрий", "юрий"),  # й is a letter of its own, not и with a mark
        ("Ｋｕｎａｓｈｉｒ", "kunashir"),  # fullwidth
        ("ｴﾄﾛﾌ", "えとろふ"),  # halfwidth katakana
        ("エトロフ", "えとろふ"),  # katakana folds to hiragana
        ("ガ", "が"),  # voicing marks survive
        ("シュムシュ", "しゆむしゆ"),  # small kana fold to full size (older spelling)
        ("ｼｭﾑｼｭ", "しゆむしゆ"),
        ("ウルップ", "うるつぷ"),
        ("Kurils’", "kurils"),
        ("Kurils'", "kurils"),
        ("«Kurils»", "kurils"),
        ("Yuzhno‐Kurilsk", "yuzhno kurilsk"),  # U+2010 hyphen
        ("Yuzhno–Kurilsk", "yuzhno kurilsk"),  # en dash
        ("Northern\u00a0Territories", "northern territories"),
        ("Northern\nTerritories", "northern territories"),
        ("İturup", "iturup"),
        ("Straße", "strasse"),
        ("ﬁeld", "field"),
        ("Kuri\u0304l", "kuril"),  # a stray combining macron
        ("Kunasi:ri-to:", "kunasiri to"),  # Polivanov's long-vowel colon
        ("Ю:ри", "юри"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Etorofu-tō", "Etorofuto"),
        ("the Kuril Islands", "KURIL-ISLANDS"),
        ("Kuril Islands", "Kuril  Islands"),
        ("北方領土", "北方領土"),
    ],
)
def test_fold_key_ignores_word_separation(a: str, b: str) -> None:
    assert fold_key(a) == fold_key(b)


def test_fold_key_keeps_distinct_names_apart() -> None:
    assert fold_key("Kunashir") != fold_key("Kunashiri")
    assert fold_key("Юрий") != fold_key("Юрии")
    assert fold_key("泊村") != fold_key("泊")


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_key_is_idempotent_and_spaceless(text: str) -> None:
    key = fold_key(text)
    assert fold_key(key) == key
    assert " " not in key


# --------------------------------------------------------------------------------------------
# The reference oracle: folding as it was before running text was folded cluster by cluster
# (a copy, kept apart from the library so that the two cannot drift together). On ordinary text
# the new fold must give the same string and map every folded character to the same span.

_REF_APOSTROPHES = "\u2018\u2019\u201b\u02bc\u02bb\u0060\u00b4\u2032"
_REF_SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fb\u00b7\u00a0\u2007\u202f\u3000"
_REF_WHITESPACE = "\t\n\v\f\r\u0085\u2028\u2029\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
_REF_WHITESPACE += "\u2006\u2008\u2009\u200a\u205f"
_REF_HYPHEN_BREAKS = re.compile(r"[-\u2010\u2011][^\S\n]*\n\s*")
_REF_SMALL_KANA = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ", strict=True))
_REF_QUOTES = "'\u2018\u2019\u201a\u201b\u02bc\u02bb\u0060\u00b4\u2032\"\u201c\u201d\u201e\u00ab"
_REF_QUOTES += "\u00bb\u300c\u300d\u300e\u300f\u2039\u203a"
_REF_DROP = {ord(c): None for c in _REF_QUOTES}
_REF_TO_SPACE = {ord(c): " " for c in "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fb\u00b7"}
_REF_LONG_VOWEL_COLON = re.compile(r"(?<=[^\W\d_]):+")


_REF_DROPPED_MARKS = (
    (0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F),
    (0x0670, 0x0670), (0x06D6, 0x06ED), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)  # fmt: skip


def _reference_fold_char(ch: str) -> str:
    code = ord(ch)
    if ch in LETTER_KEYS:
        return LETTER_KEYS[ch]
    if 0x30A1 <= code <= 0x30F6 - 2:
        ch = chr(code - 0x60)
        return _REF_SMALL_KANA.get(ch, ch)
    if ch in _REF_SMALL_KANA:
        return _REF_SMALL_KANA[ch]
    if ch in "ёЁ":
        return "е"
    if any(lo <= code <= hi for lo, hi in _REF_DROPPED_MARKS) and unicodedata.combining(ch):
        return ""
    folded = ch.casefold()
    if (
        code < 0x0250
        or 0x1E00 <= code <= 0x1EFF
        or 0x0370 <= code < 0x0400
        or (0x1F00 <= code < 0x2000)
    ):
        decomposed = unicodedata.normalize("NFD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(LETTER_KEYS.get(c, c) for c in folded)


def _reference_fold(text: str) -> str:
    if text.isascii():
        text = _REF_LONG_VOWEL_COLON.sub(
            "", text.lower().translate(_REF_DROP).translate(_REF_TO_SPACE)
        )
        return re.sub(r"\s+", " ", text).strip()
    text = unicodedata.normalize("NFKC", text)
    text = _REF_LONG_VOWEL_COLON.sub("", text.translate(_REF_DROP).translate(_REF_TO_SPACE))
    text = "".join(_reference_fold_char(ch) for ch in text)
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def _reference_table() -> dict[int, str]:
    table: dict[int, str] = {}
    greek = list(range(0x0370, 0x0400)) + list(range(0x1F00, 0x2000))
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)) + greek:
        base = unicodedata.normalize("NFD", chr(code).lower())
        stripped = "".join(c for c in base if not unicodedata.combining(c))
        if len(stripped) == 1 and stripped != chr(code).lower():
            table[code] = stripped
    table[ord("ё")] = table[ord("Ё")] = "е"
    for letter, key in LETTER_KEYS.items():
        table[ord(letter)] = key
    for code in range(0x30A1, 0x30F6 - 1):
        hiragana = chr(code - 0x60)
        table[code] = _REF_SMALL_KANA.get(hiragana, hiragana)
    for small, full in _REF_SMALL_KANA.items():
        table[ord(small)] = full
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0).lower()
    for ch in _REF_APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in _REF_SEPARATORS + _REF_WHITESPACE:
        table[ord(ch)] = " "
    return table


_REF_TABLE = _reference_table()
_REF_MAPPED_RUNS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_REF_TABLE)) + "]+")


def _reference_slow_class() -> re.Pattern[str]:
    odd = {"\u0130", "\u00ad", "ß", "ẞ"}
    for code in list(range(0x00A0, 0x3400)) + list(range(0xF900, 0xFFF0)):
        ch = chr(code)
        if unicodedata.combining(ch):
            odd.add(ch)
            continue
        if code in _REF_TABLE:
            continue
        if unicodedata.normalize("NFKC", ch).lower() != ch.lower():
            odd.add(ch)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(odd)) + "]")


_REF_SLOW = _reference_slow_class()


class _ReferenceOffsetMap:
    def __init__(
        self,
        length: int,
        points: list[int] | None = None,
        deltas: list[int] | None = None,
        starts: list[int] | None = None,
        ends: list[int] | None = None,
    ) -> None:
        self._length = length
        self._points = points or []
        self._deltas = deltas or []
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


def _reference_soft_hyphenations(text: str) -> list[tuple[int, int]]:
    if "\n" not in text:
        return []
    return [
        m.span()
        for m in _REF_HYPHEN_BREAKS.finditer(text)
        if m.start() > 0
        and text[m.start() - 1].isalnum()
        and m.end() < len(text)
        and text[m.end()].isalnum()
    ]


def _reference_fold_with_offsets(text: str) -> tuple[str, _ReferenceOffsetMap]:
    # a blank line is a line break and a paragraph mark, which folds to itself (one for one)
    text = text.replace("\n\n", "\n\x1e")
    if text.isascii():
        folded = text.lower().translate(_REF_TABLE)
    elif _REF_SLOW.search(text):
        return _reference_fold_slowly(text)
    else:
        folded = _REF_MAPPED_RUNS.sub(lambda m: m.group().translate(_REF_TABLE), text.lower())
    cuts = [(start, end, "") for start, end in _reference_soft_hyphenations(text)]
    if "  " in folded:
        cuts += [(m.start(), m.end(), " ") for m in re.finditer(r" {2,}", folded)]
    if not cuts:
        return folded, _ReferenceOffsetMap(len(text))
    cuts.sort()
    pieces: list[str] = []
    points: list[int] = []
    deltas: list[int] = []
    position = delta = 0
    for start, end, replacement in cuts:
        if start < position:
            continue
        pieces.append(folded[position:start])
        pieces.append(replacement)
        delta += (end - start) - len(replacement)
        points.append(start - (delta - (end - start) + len(replacement)) + len(replacement))
        deltas.append(delta)
        position = end
    pieces.append(folded[position:])
    return "".join(pieces), _ReferenceOffsetMap(len(text), points, deltas)


def _reference_fold_slowly(text: str) -> tuple[str, _ReferenceOffsetMap]:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    joined = dict(_reference_soft_hyphenations(text))
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
            j += 1
        cluster = unicodedata.normalize("NFKC", text[i:j])
        if text[i] == "\u00ad":
            folded = ""
        else:
            folded = cluster.lower().translate(_REF_TABLE)
            folded = "".join(
                "ss" if c in "ßẞ" else c
                for c in folded
                if not unicodedata.combining(c)
                or not any(lo <= ord(c) <= hi for lo, hi in _REF_DROPPED_MARKS)
            )
            folded = unicodedata.normalize("NFC", folded).translate(_REF_TABLE)
        for ch in folded:
            if ch == " " and out and out[-1] == " ":
                ends[-1] = j
                continue
            out.append(ch)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), _ReferenceOffsetMap(len(text), starts=starts, ends=ends)


# Characters that used to send a whole text down the slow path, and what surrounds them.
SLOW_CHARACTERS = [
    "…", "№", "ﬁ", "ﬂ", "İ", "½", "™", "㎞", "\u0301", "e\u0301", "\u3099", "ｶﾞ", "ﾞ", "\u00ad",
    " ", "  ", "-\n", " \n ",
]  # fmt: skip
# What the new fold changes on purpose: invisible characters, surrogates, fullwidth －, ｀ and ẛ
# (which now fold as their ASCII twins and as fold() does), marks past the cap.
_CHANGED = re.compile(
    "[\u034f\u061c\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufe00-\ufe0f"
    "\ufeff\U000e0000-\U000e0fff\ud800-\udfff\uff0d\uff40\u1e9b]"
)
_NEW = toponyms.text.fold._classes()


def _newly_folded(c: str) -> bool:
    """Whether ``c``, which the old fast path left as it was (or to its table), now folds as
    fold() folds it: a mark or compatibility character outside the ranges the old code
    scanned (U+1D165, 𝐊)."""
    if c.isascii() or _REF_SLOW.match(c):
        return False
    slow = c in _NEW.astral_slow if c > "\uffff" else bool(_NEW.slow.match(c))
    low = c.lower()
    return slow or _NEW.table.get(ord(low), low) != _REF_TABLE.get(ord(low), low)


def _changed_on_purpose(text: str) -> bool:
    """Whether ``text`` holds something the new fold handles differently on purpose."""
    if _CHANGED.search(text) or any(_newly_folded(c) for c in text):
        return True
    marks = 0
    for c in text:
        marks = marks + 1 if unicodedata.combining(c) or c in "\uff9e\uff9f" else 0
        if marks > MARK_CAP:
            return True
    # The old slow path lowered each character alone (Σ, never final ς) and took ´ for a space.
    return bool(_REF_SLOW.search(text)) and ("Σ" in text or "´" in text)


def _spans(offsets: OffsetMap | _ReferenceOffsetMap, folded: str) -> list[tuple[int, int]]:
    return [(offsets.start(i), offsets.end(i)) for i in range(len(folded))]


def assert_folds_as_before(text: str) -> None:
    """The new fold gives the reference's folded string and, for every folded character, the
    same original span, so every ``span(i, j)`` (which is ``start(i), end(j - 1)``) agrees too.

    One deliberate difference: the reference's fast path mapped a space that stands for a run
    of spaces to the run's first character only, its slow path to the whole run; both now map
    it to the whole run, which ends where the next folded character starts.
    """
    expected, reference = _reference_fold_with_offsets(text)
    folded, offsets = fold_with_offsets(text)
    assert folded == expected
    spans = _spans(reference, expected)
    if text.isascii() or not _REF_SLOW.search(text):
        spans = [
            (start, spans[i + 1][0] if i + 1 < len(spans) else len(text))
            if expected[i] == " "
            else (start, end)
            for i, (start, end) in enumerate(spans)
        ]
    assert _spans(offsets, folded) == spans
    n = len(folded)
    assert [offsets.span(i, n) for i in range(n)] == [(s, spans[-1][1]) for s, _ in spans]
    assert [offsets.span(0, j) for j in range(1, n + 1)] == [(spans[0][0], e) for _, e in spans]


ARTICLES = sorted((REPO / "examples" / "articles").glob("*.txt"))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name)
def test_articles_fold_as_before(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_folds_as_before(text)
    assert_folds_as_before(text + " …")
    rng = random.Random(path.name)
    for _ in range(20):  # a slow character somewhere: only its cluster leaves the fast path
        at = rng.randrange(len(text) + 1)
        assert_folds_as_before(text[:at] + rng.choice(SLOW_CHARACTERS) + text[at:])
    assert all(fold(line) == _reference_fold(line) for line in text.splitlines())


@pytest.fixture(scope="module")
def gazetteer_names(bundled: toponyms.Gazetteer) -> list[str]:
    names = sorted({name.text for place in bundled.places for name in place.names})
    assert len(names) > 1000
    return names


def test_gazetteer_names_fold_as_before(gazetteer_names: list[str]) -> None:
    for name in gazetteer_names:
        assert fold(name) == _reference_fold(name), name
        if not _changed_on_purpose(name):
            assert_folds_as_before(name)


def test_gazetteer_names_with_slow_characters_fold_as_before(gazetteer_names: list[str]) -> None:
    rng = random.Random(20260601)
    checked = 0
    for name in gazetteer_names:
        for _ in range(3):
            at = rng.randrange(len(name) + 1)
            text = name[:at] + rng.choice(SLOW_CHARACTERS) + name[at:]
            if not _changed_on_purpose(text):
                assert_folds_as_before(text)
                checked += 1
    assert checked > 3 * len(gazetteer_names) * 0.9


def test_text_of_names_and_slow_characters_folds_as_before(gazetteer_names: list[str]) -> None:
    rng = random.Random(7)
    for _ in range(300):
        words = rng.sample(gazetteer_names, 6) + rng.choices(SLOW_CHARACTERS, k=6)
        rng.shuffle(words)
        text = rng.choice([" ", "", "  ", "\n"]).join(words)
        if not _changed_on_purpose(text):
            assert_folds_as_before(text)


# --------------------------------------------------------------------------------------------
# What changed on purpose.


def folded_spans(text: str) -> list[tuple[str, str]]:
    """Each folded character beside the original text it comes from."""
    folded, offsets = fold_with_offsets(text)
    return [(c, text[offsets.start(i) : offsets.end(i)]) for i, c in enumerate(folded)]


def test_one_slow_character_leaves_the_rest_on_the_fast_path() -> None:
    text = "Iturup and Kunashir. " * 5000
    folded, offsets = fold_with_offsets(text + " …")
    assert folded == fold_with_offsets(text)[0] + "..."
    assert offsets.entry_count == 2  # the two spaces before …, and …
    assert offsets.span(len(folded) - 3, len(folded)) == (len(text) + 1, len(text) + 2)


def test_a_lone_surrogate_folds_to_the_replacement_character() -> None:
    assert folded_spans("Ku\ud800ril\udfff") == [
        ("k", "K"), ("u", "u"), ("\ufffd", "\ud800"), ("r", "r"), ("i", "i"), ("l", "l"),
        ("\ufffd", "\udfff"),
    ]  # fmt: skip
    assert fold("Ku\ud800ril \udc80") == "ku\ufffdril \ufffd"


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2060", "\u2066",
     "\u2069", "\ufeff", "\ufe0f", "\U000e0101", "\u00ad"],
)  # fmt: skip
def test_invisible_characters_are_dropped(invisible: str) -> None:
    text = f"Kuna{invisible}shir"
    folded, offsets = fold_with_offsets(text)
    assert folded == "kunashir"
    assert offsets.span(0, 8) == (0, 9)
    assert offsets.span(4, 5) == (5, 6)  # s, after the invisible character
    assert fold(text) == "kunashir"


def test_nul_emoji_sequences_and_bidi_isolates_fold_with_exact_offsets() -> None:
    text = "\x00👨\u200d👩\u200d👧 \u2066Итуруп\u2069 1\ufe0f\u20e3"
    assert folded_spans(text) == [
        ("\x00", "\x00"), ("👨", "👨"), ("👩", "👩"), ("👧", "👧"), (" ", " "), ("и", "И"),
        ("т", "т"), ("у", "у"), ("р", "р"), ("у", "у"), ("п", "п"), (" ", " "), ("1", "1"),
        ("\u20e3", "\u20e3"),
    ]  # fmt: skip


def test_marks_past_the_cap_are_dropped_with_exact_offsets() -> None:
    text = "a" + "\u0301" * (MARK_CAP + 8) + "b\u0301c"
    folded, offsets = fold_with_offsets(text)
    assert folded == "abc"
    assert [offsets.span(i, i + 1) for i in range(3)] == [
        (0, MARK_CAP + 1), (MARK_CAP + 9, MARK_CAP + 11), (MARK_CAP + 11, MARK_CAP + 12)
    ]  # fmt: skip
    assert fold(text) == "abc"
    assert fold("и" + "\u0306" * 100 + "\u3099" * 100) == "й"


def test_a_space_standing_for_a_run_maps_to_the_whole_run() -> None:
    assert folded_spans("a \t b") == [("a", "a"), (" ", " \t "), ("b", "b")]
    assert folded_spans("a \u00ad b…") == [
        ("a", "a"), (" ", " \u00ad "), ("b", "b"), (".", "…"), (".", "…"), (".", "…"),
    ]  # fmt: skip


def test_context_of_a_slow_character_does_not_change_its_neighbours() -> None:
    # Σ lowers to final ς at a word's end, which folds as σ; ´ is an apostrophe, slow
    # character or not
    assert fold_with_offsets("ΚΟΥΡΙΛΙΟΣ …")[0] == "κουριλιοσ ..."
    assert fold_with_offsets("Kuril´sk №")[0] == "kuril'sk no"
    # fullwidth hyphen-minus and grave accent fold as their ASCII twins do
    assert fold_with_offsets("Юж\uff0dКурильск\uff40")[0] == "юж курильск'"


def test_compatibility_letters_fold_as_fold_does() -> None:
    text = "𝐊𝐮𝐧𝐚𝐬𝐡𝐢𝐫 ﬁeld"
    assert fold_with_offsets(text)[0] == fold(text) == "kunashir field"
    assert folded_spans("𝐊𝐮")[1] == ("u", "𝐮")


def test_hostile_texts_stay_compact() -> None:
    folded, offsets = fold_with_offsets("\u0301\u0316" * 50_000)
    assert (folded, offsets.entry_count) == ("", 0)
    folded, offsets = fold_with_offsets("x" + "\u0301\u0316" * 50_000 + "y")
    assert folded == "xy"
    assert offsets.entry_count == 2
    assert offsets.span(0, 2) == (0, 100_002)
    folded, offsets = fold_with_offsets("…" * 10_000)
    assert folded == "." * 30_000
    assert offsets.span(29_999, 30_000) == (9_999, 10_000)
    assert offsets.entry_count == 10_000  # one per character that changes length
    # what folds one for one takes the fast path and needs no entry
    folded, offsets = fold_with_offsets("İTURUP ｴﾄﾛﾌ 𝐊𝐮𝐧𝐚𝐬𝐡𝐢𝐫 " * 1000)
    assert folded == "iturup えとろふ kunashir " * 1000
    assert offsets.entry_count == 0
    assert fold("\u0301\u0316" * 50_000 + "Итуруп") == "итуруп"


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*SLOW_CHARACTERS, "Σ", "Iturup", "Итуруп", "ｶﾀ", "-", "\n", "'"]),
            st.characters(codec=None),
        ),
        max_size=30,
    ).map("".join)
)
def test_any_text_folds_as_before_but_for_what_changed_on_purpose(text: str) -> None:
    if not _changed_on_purpose(text):
        assert_folds_as_before(text)


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(["-", "\u2010", "\n", " ", "\t", "\u2028", "a", "1", "."])).map(
        "".join
    )
)
def test_hyphen_breaks_are_found_as_the_pattern_finds_them(text: str) -> None:
    expected = _reference_soft_hyphenations(text) if "\n" in text else []
    assert toponyms.text.fold._hyphen_breaks_by_line(text) == expected
    assert toponyms.text.fold._hyphen_breaks_by_pattern(text) == expected
    assert toponyms.text.fold._soft_hyphenations(text) == expected


def test_long_texts_fold_as_before_across_chunks(gazetteer_names: list[str]) -> None:
    """Long texts are folded chunk by chunk: chunks of ASCII beside others, Σ at a chunk's
    edge, a chunk without a space (Japanese), a slow character in one chunk only."""
    rng = random.Random(13)
    english = " ".join(path.read_text(encoding="utf-8") for path in ARTICLES)
    english = english.encode("ascii", "ignore").decode()
    greek = " ".join(["ΚΟΥΡΙΛΙΟΣ", "ΝΗΣΟΣ", "ΣΑΧΑΛΙΝΗΣ"] * 3000)
    japanese = "択捉島と国後島の交渉。" * 3000  # no space for 30,000 characters
    plain = [name for name in gazetteer_names if not _REF_SLOW.search(name)]
    names = " ".join(rng.choices(plain, k=4000))  # with Σ in the text, no slow character
    texts = [
        english * 8 + " Итуруп " + english * 8,
        english * 8 + " … " + english * 8,
        greek,
        greek + english * 6 + japanese + "\n" + names,
        "ΚΟΥΡΙΛΙΟΣ " * 1637 + "ΚΟΥΡΙΛΙΟΣ" + "Σ" * 10 + " " + "ΚΟΥΡΙΛΙΟΣ " * 2000,
    ]
    for text in texts:
        assert len(text) > 2 * toponyms.text.fold._CHUNK
        assert not _changed_on_purpose(text)
        assert_folds_as_before(text)
    assert fold_with_offsets(greek)[0].split()[:3] == ["κουριλιοσ", "νησοσ", "σαχαλινησ"]


def test_the_script_predicates_follow_the_one_script_table() -> None:
    """is_han() and its kin are written out for speed; they must say what SCRIPTS says."""
    from toponyms.text import scripts

    def listed(script: str, code: int) -> bool:
        return any(lo <= code <= hi for lo, hi in scripts.SCRIPTS[script])

    for code in range(0x10000):
        ch = chr(code)
        assert scripts.is_han(ch) == listed("han", code), hex(code)
        assert scripts.is_hangul(ch) == listed("hangul", code), hex(code)
        assert scripts.is_katakana(ch) == listed("katakana", code), hex(code)
        full_width_kana = listed("hiragana", code) or (listed("katakana", code) and code < 0xFF00)
        assert scripts.is_kana(ch) == full_width_kana, hex(code)
        assert scripts.has_cyrillic(ch) == listed("cyrillic", code), hex(code)
