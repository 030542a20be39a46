"""Folding: the one definition of "the same name"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toponyms import fold
from toponyms._text import fold_key


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
