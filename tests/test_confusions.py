"""OCR and input-method confusions: the table, the key, the Han variants, and normalize()."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toponyms
from toponyms import Gazetteer
from toponyms.text.confusions import (
    SCRIPTS,
    Confusion,
    confusion_key,
    confusions,
    han_variants,
    parse_confusions,
)
from toponyms.text.fold import fold

CASES = Path(__file__).parent / "cases"


def test_the_bundled_table_loads_with_the_well_known_confusions() -> None:
    table = confusions()
    assert {c.script for c in table} == SCRIPTS
    forms = {c.forms for c in table}
    assert ("rn", "m") in forms
    assert ("l", "i", "1", "|") in forms  # I is folded to i
    assert ("島", "鳥") in forms
    assert ("そ", "ん") in forms  # ソ and ン, folded to hiragana as queries are
    assert all(c.note for c in table)


def test_parse_confusions_reads_and_folds() -> None:
    text = "confusions:\n  - {script: Latin, forms: [rn, M], note: OCR}\n"
    assert parse_confusions(text) == (Confusion("Latin", ("rn", "m"), "OCR"),)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", r"^x\.yaml: a mapping with a list 'confusions' is expected$"),
        (
            "confusions: [{script: Greek, forms: [a, b], note: n}]",
            r"^x\.yaml: confusion 1: script must be one of .*, not 'Greek'$",
        ),
        (
            "confusions: [{script: Latin, forms: [a, b]}]",
            r"^x\.yaml: confusion 1: expected exactly the fields script, forms and note$",
        ),
        (
            "confusions: [{script: Latin, forms: [I, i], note: n}]",
            r"^x\.yaml: confusion 1: forms must be two or more strings that fold apart$",
        ),
        (
            "confusions: [{script: Han, forms: [島島, 鳥], note: n}]",
            r"^x\.yaml: confusion 1: Han forms have at most 1 character\(s\)$",
        ),
        (
            "confusions: [{script: Latin, forms: [rn, ri], note: n}]",
            r"^x\.yaml: confusion 1: two-letter forms go with exactly one one-letter form$",
        ),
        (
            "confusions: [{script: Latin, forms: [a, 1], note: ''}]",
            r"^x\.yaml: confusion 1: note must be a non-empty string$",
        ),
    ],
)
def test_parse_confusions_rejects_what_it_cannot_use(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_confusions(text, "x.yaml")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("habornai", "habomai"),
        ("northem territories", "northern territories"),
        ("sh1kotan", "shikotan"),
        ("sh|kotan", "shikotan"),
        ("k0nashir", "konashir"),
        ("sjeverrii", "sjeverni"),  # rrii -> rni -> mi: the key rewrites to a fixed point
        ("щикотан", "шикотан"),
        ("курильскии", "курильский"),
    ],
)
def test_confusion_key_joins_misreadings(a: str, b: str) -> None:
    assert confusion_key(a) == confusion_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("sakhalin 2", "sakhalin z"),  # a digit alone is a number, not a letter
        ("kunashir", "kunashur"),  # u and i are no confusion
        ("итуруп", "итуруф"),
        ("択捉島", "択捉鳥"),  # Han is left to han_variants
    ],
)
def test_confusion_key_keeps_other_strings_apart(a: str, b: str) -> None:
    assert confusion_key(a) != confusion_key(b)


def test_confusion_key_keeps_words_and_other_scripts() -> None:
    assert confusion_key("northern territories") == "northem temtones"  # ri: n; rn: m
    assert confusion_key("kunashir 島") == "kunashlr 島"


def test_han_variants_replace_one_character_then_two() -> None:
    assert list(han_variants("択捉鳥", 1)) == ["択促鳥", "択捉島"]
    assert list(han_variants("択捉鳥", 2)) == ["択促鳥", "択捉島", "択促島"]
    assert list(han_variants("大島", 1)) == ["太島", "犬島", "大鳥"]
    assert list(han_variants("ソ", 1)) == []  # the input must be folded: ソ is そ
    assert list(han_variants(fold("ソ"), 1)) == ["ん"]
    assert list(han_variants("色丹", 2)) == []


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Northem Territories", "northern-territories-southern-kurils"),  # rn read as m
        ("Habornai", "habomai-islands"),  # m read as rn
        ("Habornai Islands", "habomai-islands"),
        ("Shlkotan", "shikotan-island"),  # also one edit from Shakotan: the confusion wins
        ("Sh1kotan", "shikotan-island"),
        ("Sh|kotan", "shikotan-island"),
        ("Kunashlr", "kunashir-kunashiri"),
        ("Tornari Village", "tomari-village-shiribeshi"),
        ("Yun Island", "yuri-island"),  # ri read as n
        ("Northem Teritories", "northern-territories-southern-kurils"),  # a confusion, a typo
        ("Щикотан", "shikotan-island"),
        ("択捉鳥", "etorofu-iturup"),  # 鳥 (bird) for 島 (island)
        ("北方領士", "northern-territories-southern-kurils"),  # 士 for 土
        ("国後鳥", "kunashir-kunashiri"),
        ("択促島", "etorofu-iturup"),
        ("色丹群色丹村", "shikotan-village"),  # 群 for 郡
        ("シコタソ", "shikotan-island"),  # ソ for ン
        ("ツコタン", "shikotan-island"),  # ツ for シ
        ("エト口フ", "etorofu-iturup"),  # the kanji 口 for katakana ロ
        ("八ボマイ", "habomai-islands"),  # the kanji 八 for katakana ハ
    ],
)
def test_misreadings_resolve(bundled: Gazetteer, name: str, place_id: str) -> None:
    assert bundled.normalize(name) == place_id


@pytest.mark.parametrize(
    "name",
    [
        "K0nashir",  # 0 for o gives Konashir, still a typo from Kunashir: digits never are
        "Northem Territory",  # a misread look-alike is still the look-alike
        "Northem Terrltory",
        "Kurlle Lake",
        "Yurl",  # four letters: no confusion step
        "千鳥",  # a plover, not 千島 (the Kurils): two Han get no confusion step
        "干島",
        "択足島",  # 足 is confused with nothing here
        "Habornai Islnds",  # a confusion and two typos in the term: too far
    ],
)
def test_misreadings_that_stay_none(bundled: Gazetteer, name: str) -> None:
    assert bundled.normalize(name) is None


def test_confusions_are_fuzzy_steps(bundled: Gazetteer) -> None:
    assert bundled.normalize("Habornai", fuzzy=False) is None
    assert bundled.normalize("択捉鳥", fuzzy=False) is None


def _misreadings(text: str, scripts: frozenset[str]) -> list[str]:
    """``text`` folded, with each occurrence of each confusable form replaced by each other
    form of its class, one at a time."""
    folded = fold(text)
    found = []
    for confusion in confusions():
        if confusion.script not in scripts:
            continue
        for a in confusion.forms:
            for b in confusion.forms:
                if a != b:
                    found += [
                        folded[: m.start()] + b + folded[m.end() :]
                        for m in re.finditer(re.escape(a), folded)
                    ]
    return found


def _phrases() -> list[str]:
    lines = (CASES / "should_not_match.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_misread_look_alikes_stay_none(bundled: Gazetteer) -> None:
    phrases = [*_phrases(), *bundled.should_not_match]
    misread = [q for p in phrases for q in _misreadings(p, SCRIPTS)]
    assert len(misread) > 300
    assert {q: bundled.normalize(q) for q in misread} == dict.fromkeys(misread)


def _long_latin_names() -> list[tuple[str, str]]:
    gazetteer = toponyms.default_gazetteer()
    return [
        (name.text, place.id)
        for place in gazetteer.places
        for name in place.names
        if name.text.isascii()
        and sum(ch.isalpha() for ch in name.text) >= 8
        and gazetteer.normalize(name.text, fuzzy=False) == place.id
    ]


LATIN = frozenset({"Latin"})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_long_latin_names()), st.data())
def test_one_confusion_gives_the_same_place_or_none(
    named: tuple[str, str], data: st.DataObject
) -> None:
    text, place_id = named
    misread = _misreadings(text, LATIN)
    if misread:
        query = data.draw(st.sampled_from(misread))
        assert toponyms.normalize(query) in (place_id, None)
