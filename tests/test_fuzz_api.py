"""Fuzzing the public API: any ``str`` is valid input to every public function.

Random Unicode from every category (NUL, bidi controls, emoji ZWJ sequences, runs of combining
marks, mixed scripts, characters whose folding changes the length), and mutations of the real
articles in ``examples/articles``. Each function returns a value of its documented shape or
raises one of its documented errors; mentions index the original string.

``TOPONYMS_FUZZ_EXAMPLES`` sets how many examples each test tries (default 100): run
``TOPONYMS_FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_api.py`` for a longer search. Crashes
found are kept below as explicit regressions.
"""

from __future__ import annotations

import itertools
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import toponyms
from toponyms import AmbiguousNameError, Candidate, Mention, Place, UnknownNameError
from toponyms.strategies import texts_with_mentions

EXAMPLES = int(os.environ.get("TOPONYMS_FUZZ_EXAMPLES", "100"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
ARTICLES = sorted((Path(__file__).parent.parent / "examples" / "articles").glob("*.txt"))
GAZETTEER = toponyms.default_gazetteer()
NAMES = sorted({n.text for p in GAZETTEER.places for n in p.names})

#: Every code point, lone surrogates included.
CHARACTERS = st.characters(blacklist_categories=())

#: Pieces of text that have broken text-processing code before.
PIECES = [
    "\x00", "\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u2069", "\u200f", "\u200e",
    "\u061c", "\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2028", "\r\n", "\t",
    "👩\u200d👩\u200d👧\u200d👦", "🇯🇵🇷🇺", "👍🏽", "a" + "\u0301" * 40, "\u0308" * 5, "ё", "Ё",
    "…", "№", "ﬁ", "ﬂ", "ﬃ", "İ", "ı", "ß", "ẞ", "½", "™", "㎞", "㍿", "ｶﾞ", "ﾊﾟ", "ｰ", "ア゙",
    "ǅ", "ŉ", "Å", "Ω", "K", "ﬀ", "①", "Ⅻ", "𝐈𝐭𝐮𝐫𝐮𝐩", "Ｉｔｕｒｕｐ", "ИтурупIturup択捉島",
    "Ку\u0301рилы", "島\u3099", "か\u3099", "-\n", "\u2010\n", "'", "’", "«", "»",
]  # fmt: skip


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


#: Random text: characters of every category, pieces above, and real names in any form.
TEXTS = st.lists(
    st.one_of(
        st.text(CHARACTERS, max_size=8),
        st.sampled_from(PIECES),
        st.sampled_from(NAMES),
        st.sampled_from(NAMES).map(_nfd),
        st.sampled_from(NAMES).map(str.upper),
        st.sampled_from([" ", "\n", "  ", ", ", "。"]),
    ),
    max_size=12,
).map("".join)


@st.composite
def mutated_articles(draw: st.DrawFn) -> str:
    """A real article (or several, long enough to be matched block by block) with a few
    characters inserted, deleted or replaced, names and tricky pieces spliced in, and a stretch
    in NFD."""
    articles = draw(st.lists(st.sampled_from(ARTICLES), min_size=1, max_size=3))
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in articles)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "splice", "nfd"]))
        if how == "insert":
            text = text[:at] + draw(st.text(CHARACTERS, min_size=1, max_size=3)) + text[at:]
        elif how == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 5)) :]
        elif how == "replace":
            text = text[:at] + draw(CHARACTERS) + text[at + 1 :]
        elif how == "splice":
            piece = draw(st.one_of(st.sampled_from(PIECES), st.sampled_from(NAMES)))
            text = text[:at] + piece + text[at:]
        else:
            end = at + draw(st.integers(1, 200))
            text = text[:at] + _nfd(text[at:end]) + text[end:]
    return text


ANY_TEXT = st.one_of(TEXTS, st.text(CHARACTERS, max_size=40), mutated_articles())


def assert_mentions_index(text: str, mentions: list[Mention]) -> None:
    """Every mention is the text at its span, of a real place; sorted and non-overlapping."""
    for m in mentions:
        assert isinstance(m, Mention)
        assert 0 <= m.start < m.end <= len(text), (m.start, m.end, len(text))
        assert text[m.start : m.end] == m.text
        assert GAZETTEER.get(m.place_id) is not None
    assert [(m.start, m.end) for m in mentions] == sorted((m.start, m.end) for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))


def check_annotate(text: str) -> None:
    mentions = toponyms.annotate(text)
    assert_mentions_index(text, mentions)
    assert_mentions_index(text, toponyms.annotate(text, fuzzy=False))
    assert list(toponyms.annotate_many([text, text])) == [mentions, mentions]


def check_normalize(text: str) -> None:
    for fuzzy in (True, False):
        place_id = toponyms.normalize(text, fuzzy=fuzzy)
        assert place_id is None or toponyms.get(place_id) is not None, place_id


def check_lookup(text: str) -> None:
    try:
        place = toponyms.lookup(text)
    except (UnknownNameError, AmbiguousNameError):
        return
    assert isinstance(place, Place) and toponyms.get(place.id) is place


def check_get(text: str) -> None:
    place = toponyms.get(text)
    assert place is None or place.id == text


def check_search(text: str) -> None:
    found = toponyms.search(text)
    assert len(found) <= 5
    assert all(isinstance(c, Candidate) and toponyms.get(c.place_id) is not None for c in found)
    assert all(0 <= c.score <= 100 for c in found)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def check_rewrite(text: str) -> None:
    for party in ("JP", "RU"):
        rewritten = toponyms.rewrite(text, party)
        assert isinstance(rewritten, str)
        if not toponyms.annotate(text):
            assert rewritten == text


def check_fold(text: str) -> None:
    folded = toponyms.fold(text)
    assert isinstance(folded, str)
    assert toponyms.fold(folded) == folded


CHECKS: dict[str, Callable[[str], None]] = {
    "annotate": check_annotate,
    "normalize": check_normalize,
    "lookup": check_lookup,
    "get": check_get,
    "search": check_search,
    "rewrite": check_rewrite,
    "fold": check_fold,
}


@pytest.mark.parametrize("function", sorted(CHECKS))
@FUZZ
@given(text=ANY_TEXT)
def test_any_str_is_valid_input(function: str, text: str) -> None:
    CHECKS[function](text)
    event("lone surrogate" if any("\ud800" <= c <= "\udfff" for c in text) else "no surrogate")


@FUZZ
@given(
    case=texts_with_mentions(),
    before=st.text(CHARACTERS, max_size=20),
    after=st.text(CHARACTERS, max_size=20),
)
def test_every_mention_indexes_the_original_string(
    case: tuple[str, tuple[tuple[int, int, str], ...]], before: str, after: str
) -> None:
    """Names embedded in prose amid random text are found at their spans in the original
    string, whatever the text around them folds to."""
    prose, expected = case
    separator = " | "  # no name runs across it, whatever is on either side
    text = before + separator + prose + separator + after
    shift = len(before + separator)
    mentions = toponyms.annotate(text)
    assert_mentions_index(text, mentions)
    found = {(m.start, m.end, m.place_id) for m in mentions}
    assert expected and {(s + shift, e + shift, p) for s, e, p in expected} <= found
    event(f"{len(expected)} mention(s) embedded")


# -- regressions: crashes the fuzzing found ----------------------------------------------------

#: Inputs that crashed a function: (function, text, what happened).
CRASHES = [
    (function, text, "UnicodeEncodeError: 'utf-8' codec can't encode character: surrogates")
    for function in ("annotate", "rewrite")
    for text in ("\ud800", "Iturup \udfff", "択捉島\udc80", "\udfff" * 3 + "Kunashir")
]


@pytest.mark.parametrize(
    ("function", "text"),
    [(function, text) for function, text, _ in CRASHES],
    ids=[f"{f}-{t.encode('unicode_escape').decode()}" for f, t, _ in CRASHES],
)
def test_crashes_found_by_fuzzing_stay_fixed(function: str, text: str) -> None:
    CHECKS[function](text)


@pytest.mark.parametrize("function", sorted(CHECKS))
@pytest.mark.parametrize("text", ["\ud800", "Iturup \udfff", "択捉島\udc80", "\udbff\udc00"])
def test_lone_surrogates_are_valid_input(function: str, text: str) -> None:
    CHECKS[function](text)


def test_a_lone_surrogate_does_not_hide_the_mentions_around_it() -> None:
    text = "Iturup \udfff and 択捉島\udc80"
    assert [(m.start, m.end, m.text) for m in toponyms.annotate(text)] == [
        (0, 6, "Iturup"),
        (13, 16, "択捉島"),
    ]
