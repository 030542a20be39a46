"""toponyms.lang: one rules file per language, checked, and read by the matcher."""

from __future__ import annotations

import pytest

from toponyms import GazetteerError
from toponyms.lang import available, language_for, parse_language
from toponyms.lang.declension import declension_for

#: The languages issue 10 starts with: each has a rules file and a language fixture.
LANGUAGES = (
    "ru", "uk", "be", "pl", "cs", "sk", "sr", "hr", "bg", "el", "tr", "az", "ar", "he", "fa",
    "ko", "ja", "zh", "ka", "hy", "de", "nl", "fr", "es", "it", "pt",
)  # fmt: skip


def test_every_starting_language_has_rules_that_load() -> None:
    assert set(LANGUAGES) <= set(available())
    for code in available():
        language = language_for(code)
        assert language is not None and language.code == code and language.sources


def test_a_tag_picks_its_primary_language() -> None:
    assert language_for("ar-EG") is language_for("ar")
    assert language_for("zh-Hant") is language_for("zh")
    assert language_for("en") is None  # no rules: names match as written


def test_clitics_chain_and_contract() -> None:
    ar, he = language_for("ar"), language_for("he")
    assert ar is not None and he is not None
    assert [ar.prefix_chain(p) for p in ("و", "وب", "ول", "ست", "")] == [
        True, True, True, False, False
    ]  # fmt: skip
    assert ar.contracted("القرم") == ("للقرم",)
    assert "בגולן" in he.contracted("הגולן")


def test_the_alphabet_keeps_case_forms_to_their_language() -> None:
    hr = language_for("hr")
    assert hr is not None
    assert hr.writes("Krima") and hr.writes("Sevastopoljem")
    assert not hr.writes("Krıma")


def test_a_replacement_is_written_with_its_letters_not_folded() -> None:
    pl, el = declension_for("pl"), declension_for("el")
    assert pl is not None and el is not None
    assert pl.decline("Abchazja", {"acc.sg"}) == "Abchazję"
    assert el.decline("Κριμαία", {"gen.sg"}) == "Κριμαίας"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("language: xx\nname: X\n", "lang/xx.yaml:1: sources: give at least one source"),
        (
            "language: xx\nname: X\nsources: [https://a.b]\nprefixes: 3\n",
            "lang/xx.yaml:4: prefixes: must be a list of non-empty strings",
        ),
        (
            "language: yy\nname: X\nsources: [https://a.b]\n",
            "lang/xx.yaml:1: language: must be the file's language code 'xx', not 'yy'",
        ),
        (
            "language: xx\nname: X\nsources: [https://a.b]\ncontractions: [{prefix: a}]\n",
            "lang/xx.yaml:4: contractions[0]: must have exactly prefix, article and written",
        ),
        (
            "language: xx\nname: X\nsources: [https://a.b]\nsufixes: [a]\n",
            "lang/xx.yaml:4: sufixes: unknown field",
        ),
        ("language: [\n", "lang/xx.yaml:2: not valid YAML"),
    ],
)
def test_a_mistake_is_reported_at_its_file_line_and_field(text: str, expected: str) -> None:
    with pytest.raises(GazetteerError) as caught:
        parse_language(text, "lang/xx.yaml")
    assert any(str(p).startswith(expected) for p in caught.value.problems), caught.value.problems


def test_a_name_declined_into_its_own_nominative_is_written_as_it_was() -> None:
    cs = declension_for("cs")
    assert cs is not None
    assert cs.decline("Kurilské ostrovy", {"nom.pl"}) == "Kurilské ostrovy"
    assert cs.decline("Kurilské ostrovy", {"loc.pl"}) == "Kurilských ostrovech"
