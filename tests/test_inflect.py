"""Russian declension: the case forms of place names, for matching and for rewriting."""

from __future__ import annotations

import pickle
import re

import pytest

import toponyms
from toponyms.lang.declension import (
    Declension,
    cases_of,
    declension_for,
    declension_pattern,
    decline,
    name_pattern,
    parse_declension,
)
from toponyms.text.fold import fold

RU = declension_for("ru")
CASES = ("nom", "gen", "dat", "acc", "ins", "loc")


def labels(*names: str) -> frozenset[str]:
    return frozenset(names)


EVERY = frozenset(f"{c}.{n}" for c in CASES for n in ("sg", "pl"))


@pytest.mark.parametrize(
    ("nominative", "written", "expected"),
    [
        ("Итуруп", "Итурупе", labels("loc.sg")),
        ("Итуруп", "Итурупу", labels("dat.sg")),
        ("Итуруп", "Итуруп", labels("nom.sg", "acc.sg")),
        ("Итуруп", "итурупа", labels("gen.sg")),
        ("Кунашир", "Кунаширом", labels("ins.sg")),
        ("Кунашир", "КУНАШИРЕ", labels("loc.sg")),
        ("Курильск", "Курильском", labels("ins.sg")),  # a form, though the matcher skips it
        ("Курилы", "Курил", labels("gen.pl")),
        ("Курилы", "Курилов", labels("gen.pl")),
        ("Курилы", "Курилам", labels("dat.pl")),
        ("Курилы", "Курилами", labels("ins.pl")),
        ("Курилы", "Курилах", labels("loc.pl")),
        ("Южные Курилы", "Южных Курил", labels("gen.pl")),
        ("Южные Курилы", "Южным Курилам", labels("dat.pl")),
        ("Южные Курилы", "Южными Курилами", labels("ins.pl")),
        ("Южные Курилы", "Южных Курилах", labels("loc.pl")),
        ("Курильский район", "Курильского района", labels("gen.sg")),
        ("Курильский район", "Курильском районе", labels("loc.sg")),
        ("Южно-Курильск", "Южно-Курильске", labels("loc.sg")),
        ("Южно-Курильск", "ЮЖНО-КУРИЛЬСКА", labels("gen.sg")),
        ("Северо-Курильск", "Северо‑Курильском", labels("ins.sg")),  # a non-breaking hyphen
        ("Большая Курильская гряда", "Большой Курильской гряды", labels("gen.sg")),
        ("Большая Курильская гряда", "Большой Курильской гряде", labels("dat.sg", "loc.sg")),
        ("Большая Курильская гряда", "Большую Курильскую гряду", labels("acc.sg")),
        ("Курильские острова", "Курильских островов", labels("gen.pl")),
        ("Курильские острова", "Курильскими островами", labels("ins.pl")),
        ("Северные территории", "Северных территориях", labels("loc.pl")),
        ("Северные территории", "Северных территорий", labels("gen.pl")),
        ("Сахалинская область", "Сахалинской области", labels("gen.sg", "dat.sg", "loc.sg")),
        ("Штатенландия", "Штатенландией", labels("ins.sg")),
        ("Хабомай", "Хабомае", labels("loc.sg")),
        ("Земля Компании", "Земле Компании", labels("dat.sg", "loc.sg")),
        ("остров Полонского", "острове Полонского", labels("loc.sg")),
        ("острова Хабомаи", "островах Хабомаи", labels("loc.pl")),
        ("Остров Зелёный", "острове Зелёном", labels("loc.sg")),  # the adjective agrees...
        ("Остров Зелёный", "острове Зеленый", labels("loc.sg")),  # ... or stays
        ("Эторофу", "Эторофу", EVERY),  # does not decline: any case
        ("Хабомаи", "Хабомаи", EVERY),
        # not a form of the name
        ("Эторофу", "Эторофе", labels()),
        ("Кунашир", "Итурупе", labels()),
        ("Итуруп", "Итурупе острова", labels()),
        ("остров Полонского", "острове Полонском", labels()),
        ("Курильские острова", "Курильскых островов", labels()),
        ("Южные Курилы", "Южных Курилам", labels()),  # the adjective does not agree
        ("Большая Курильская гряда", "Большой Курильская гряда", labels()),
        ("Курилы", "Курилой", labels()),
    ],
)
def test_cases_of(nominative: str, written: str, expected: frozenset[str]) -> None:
    assert cases_of(written, nominative) == expected


@pytest.mark.parametrize(
    ("nominative", "cases", "expected"),
    [
        ("Сахалин", {"loc.sg"}, "Сахалине"),
        ("Сахалин", {"loc.pl"}, "Сахалине"),  # the name's own number
        ("Сахалин", {"nom.sg", "acc.sg"}, "Сахалин"),
        ("Итуруп", {"gen.sg"}, "Итурупа"),
        ("Кунашир", {"ins.sg"}, "Кунаширом"),
        ("Кунашир", {"loc.sg"}, "Кунашире"),
        ("Шикотан", {"dat.sg"}, "Шикотану"),
        ("Курильск", {"ins.sg"}, "Курильском"),
        ("Южно-Курильск", {"loc.sg"}, "Южно-Курильске"),
        ("Северо-Курильск", {"gen.sg"}, "Северо-Курильска"),
        ("Курилы", {"gen.pl"}, "Курил"),
        ("Южные Курилы", {"loc.pl"}, "Южных Курилах"),
        ("Южные Курилы", {"loc.sg"}, "Южных Курилах"),
        ("Южные Курилы", {"dat.sg"}, "Южным Курилам"),
        ("Южные Курилы", {"ins.sg", "ins.pl"}, "Южными Курилами"),
        ("ЮЖНЫЕ КУРИЛЫ", {"gen.pl"}, "ЮЖНЫХ КУРИЛ"),
        ("Курильский район", {"gen.sg"}, "Курильского района"),
        ("Южно-Курильский городской округ", {"loc.sg"}, "Южно-Курильском городском округе"),
        ("Большая Курильская гряда", {"gen.sg"}, "Большой Курильской гряды"),
        ("Большая Курильская гряда", {"ins.sg"}, "Большой Курильской грядой"),
        ("Малая Курильская гряда", {"acc.sg"}, "Малую Курильскую гряду"),
        ("Курильские острова", {"gen.pl"}, "Курильских островов"),
        ("Северные территории", {"loc.pl"}, "Северных территориях"),
        ("Сахалинская область", {"ins.sg"}, "Сахалинской областью"),
        ("Малокурильское", {"loc.sg"}, "Малокурильском"),
        ("Южный Сахалин", {"gen.sg"}, "Южного Сахалина"),
        ("Штатенландия", {"loc.sg"}, "Штатенландии"),
        ("Хабомай", {"loc.sg"}, "Хабомае"),
        ("Кетой", {"gen.sg"}, "Кетоя"),
        ("Тисима", {"gen.sg"}, "Тисимы"),
        ("Юрий", {"loc.sg"}, "Юрии"),
        ("остров Полонского", {"loc.sg"}, "острове Полонского"),
        ("Остров Зелёный", {"loc.sg"}, "Острове Зелёный"),
        ("острова Хабомаи", {"dat.pl"}, "островам Хабомаи"),
        ("Земля Компании", {"gen.sg"}, "Земли Компании"),
        ("губернаторство Карафуто", {"loc.sg"}, "губернаторстве Карафуто"),
        # names that do not decline stay as they are, in any case
        ("Эторофу", {"loc.sg"}, "Эторофу"),
        ("Кунасири", {"ins.sg"}, "Кунасири"),
        ("Хабомаи", {"gen.pl"}, "Хабомаи"),
        ("Хоккайдо", {"gen.sg"}, "Хоккайдо"),
        ("Матуа", {"loc.sg"}, "Матуа"),
        ("Сочи", {"loc.sg"}, "Сочи"),
        ("Немуро-ситё:", {"gen.sg"}, "Немуро-ситё:"),
        ("о-ва Демина", {"loc.pl"}, "о-ва Демина"),
        ("Атласова", {"loc.sg"}, "Атласова"),  # a genitive already
        # the caller keeps the nominative: ambiguous cases, unknown forms
        ("Большая Курильская гряда", {"nom.sg", "acc.sg"}, None),
        ("Сахалин", {"gen.sg", "loc.sg"}, None),
        ("Сахалин", set(), None),
        ("Сиваш", {"ins.sg"}, None),  # Сивашом or Сивашем: stress decides
        ("Осколки", {"gen.pl"}, None),  # Осколков, but Шишек
        ("Арсений", {"loc.sg"}, None),  # a noun (Арсении) or an adjective (Арсенем)?
    ],
)
def test_decline(nominative: str, cases: set[str], expected: str | None) -> None:
    assert decline(nominative, frozenset(cases)) == expected


@pytest.mark.parametrize(
    ("replaced", "replaced_nominative", "replacement", "expected"),
    [
        ("Северных территориях", "Северные территории", "Южные Курилы", "Южных Курилах"),
        ("Южно-Курильске", "Южно-Курильск", "Южно-Курильск", "Южно-Курильске"),
        ("Итурупе", "Итуруп", "Эторофу", "Эторофу"),
        ("Итурупе", "Итуруп", "Южные Курилы", "Южных Курилах"),
        ("Курил", "Курилы", "Сахалин", "Сахалина"),
        ("Кунаширом", "Кунашир", "Большая Курильская гряда", "Большой Курильской грядой"),
        ("Эторофу", "Эторофу", "Итуруп", None),  # any case: keep the nominative
    ],
)
def test_the_replacement_takes_the_case_of_the_replaced_word(
    replaced: str, replaced_nominative: str, replacement: str, expected: str | None
) -> None:
    assert decline(replacement, cases_of(replaced, replaced_nominative)) == expected


def test_words_the_caller_marks_indeclinable_stay() -> None:
    assert decline("Томари-мура", {"gen.sg"}) == "Томари-муры"
    assert decline("Томари-мура", {"gen.sg"}, indeclinable={"мура"}) == "Томари-мура"
    assert decline("Кетой", {"loc.sg"}, indeclinable=["Кетой"]) == "Кетой"
    assert cases_of("Кетое", "Кетой", indeclinable=["Кетой"]) == frozenset()
    assert name_pattern("Кетой", indeclinable=["Кетой"]) is None


def test_an_unknown_case_label_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown case labels \['prep.sg'\]"):
        decline("Сахалин", {"prep.sg"})


# -- patterns for the matcher -------------------------------------------------------------------


def matches(regex: str, text: str) -> bool:
    return re.fullmatch(regex, text) is not None


@pytest.mark.parametrize(
    ("word", "stem", "forms", "not_forms"),
    [
        (
            "курилы",
            "курил",
            ["курилы", "курил", "курилов", "курилам", "курилами", "курилах"],
            ["курила", "курилой", "курили"],
        ),
        (
            "курильск",
            "курильск",
            ["курильск", "курильска", "курильску", "курильске", "курильски", "курильсках"],
            ["курильском", "курильскы"],
        ),
        ("итуруп", "итуруп", ["итурупа", "итурупе", "итурупом", "итурупу"], ["итурупой"]),
        ("курильские", "курильски", ["курильских", "курильским", "курильскими"], ["курильскых"]),
        ("гряда", "гряд", ["гряды", "гряде", "гряду", "грядой", "грядою"], ["грядом"]),
        ("острова", "остров", ["островов", "островам", "островах"], ["острове"]),
        ("территории", "территори", ["территорий", "территориях"], ["территориов"]),
        ("эторофу", "эторофу", ["эторофу"], ["эторофе"]),
        ("хабомаи", "хабомаи", ["хабомаи"], ["хабомаях"]),
        ("хоккайдо", "хоккайдо", ["хоккайдо"], ["хоккайде"]),
        ("полонского", "полонского", ["полонского"], ["полонском"]),
        ("обь", "обь", ["обь"], ["оби"]),  # too short a stem to match with endings
    ],
)
def test_declension_pattern(word: str, stem: str, forms: list[str], not_forms: list[str]) -> None:
    found_stem, regex = declension_pattern(word)
    assert found_stem == stem
    assert [f for f in forms if not matches(regex, f)] == []
    assert [f for f in not_forms if matches(regex, f)] == []


@pytest.mark.parametrize(
    ("name", "key", "forms", "not_forms"),
    [
        ("Южные Курилы", "южны", ["южных курил", "южным курилам", "южные курилы"], []),
        ("Южно-Курильск", "южно", ["южно курильске", "южнокурильске"], ["южно курильском"]),
        ("остров Полонского", "остров", ["острове полонского"], ["острове полонском"]),
        ("Остров Зелёный", "остров", ["острове зеленом", "острове зеленый"], []),
        ("Большая Курильская гряда", "больш", ["большой курильской гряды"], []),
    ],
)
def test_name_pattern(name: str, key: str, forms: list[str], not_forms: list[str]) -> None:
    pattern = name_pattern(name)
    assert pattern is not None
    found_key, regex = pattern
    assert found_key == key
    assert [f for f in forms if not (f.startswith(key) and matches(regex, f))] == []
    assert [f for f in not_forms if matches(regex, f)] == []


def test_a_name_without_case_forms_has_no_pattern() -> None:
    names = ("Хоккайдо", "Хабомаи-гунто:", "о-ва Демина")
    assert [name_pattern(n) for n in names] == [None] * 3
    assert name_pattern("Ю-Курильск") is None  # a one-letter key would hit everywhere


# -- the gazetteer's Russian names --------------------------------------------------------------


def _russian_names() -> list[str]:
    gazetteer = toponyms.load()
    return sorted(
        {n.text for p in gazetteer for n in p.names if n.lang == "ru" and n.in_text == "any-case"}
    )


RUSSIAN_NAMES = _russian_names()
ONE_WORD = [n for n in RUSSIAN_NAMES if fold(n).isalpha()]


def test_the_gazetteer_has_russian_names_of_each_shape() -> None:
    assert {"Итуруп", "Курилы", "Эторофу", "Хабомаи"} <= set(ONE_WORD)
    assert {"Южные Курилы", "Южно-Курильск", "остров Полонского"} <= set(RUSSIAN_NAMES)


@pytest.mark.parametrize("name", ONE_WORD)
def test_declension_pattern_matches_the_names_own_forms(name: str) -> None:
    stem, regex = declension_pattern(fold(name))
    forms = [fold(name)] + [
        fold(form)
        for case in ("gen", "loc", "dat")
        if (form := decline(name, {f"{case}.sg"})) is not None
    ]
    assert [f for f in forms if not (f.startswith(stem) and matches(regex, f))] == []


@pytest.mark.parametrize("name", RUSSIAN_NAMES)
def test_name_pattern_matches_the_names_own_forms(name: str) -> None:
    pattern = name_pattern(name)
    forms = {
        fold(f) for c in ("nom", "gen", "dat", "acc", "loc") if (f := decline(name, {f"{c}.sg"}))
    }
    if pattern is None:
        assert forms == {fold(name)}
        return
    key, regex = pattern
    assert [f for f in sorted(forms) if not (f.startswith(key) and matches(regex, f))] == []


@pytest.mark.parametrize("name", RUSSIAN_NAMES)
def test_every_declined_form_is_recognized_in_its_case(name: str) -> None:
    missed = []
    for case in CASES:
        for number in ("sg", "pl"):
            label = f"{case}.{number}"
            form = decline(name, {label})
            if form is not None and case not in {c.partition(".")[0] for c in cases_of(form, name)}:
                missed.append((label, form))
    assert missed == []


# -- the registry and the data file ---------------------------------------------------------


def test_declension_for_takes_a_bcp47_tag_and_loads_once() -> None:
    assert declension_for("ru-RU") is RU
    assert declension_for("RU") is RU
    assert declension_for("ru-Cyrl-RU") is RU
    assert [declension_for(t) for t in ("ja", "en-GB", "../ru", "")] == [None] * 4


def test_a_declension_pickles() -> None:
    assert RU is not None
    copy = pickle.loads(pickle.dumps(RU))
    assert isinstance(copy, Declension)
    assert copy.decline("Южные Курилы", {"loc.pl"}) == "Южных Курилах"
    assert copy.declension_pattern("курилы") == RU.declension_pattern("курилы")


def test_every_class_of_the_data_has_every_case() -> None:
    assert RU is not None
    assert RU.cases == CASES
    for cls in RU.classes:
        numbers = {cls.number} | ({"pl"} if any(k.endswith(".pl") for k in cls.forms) else set())
        assert set(cls.forms) == {f"{c}.{n}" for c in CASES for n in numbers}, cls.name


_MINIMAL = """
language: xx
cases: [nom, gen]
classes:
  - {name: a, part: noun, gender: f, number: sg, ending: а, forms: {nom: а, gen: ы}}
"""


def test_a_new_language_is_a_data_file() -> None:
    declension = parse_declension(_MINIMAL, "xx-declension.yaml")
    assert declension.decline("Гряда", {"gen.sg"}) == "Гряды"
    assert declension.declension_pattern("гряда") == ("гряд", "гряд(?:а|ы)")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("gen: ы}", "}"), "class a: give the cases \\['nom', 'gen'\\], not \\['nom'\\]"),
        (("part: noun", "part: verb"), "class a: part is noun or adjective"),
        (("ending: а, ", ""), "xx-declension.yaml: malformed declension data: KeyError"),
    ],
)
def test_malformed_data_is_refused_with_its_file_and_class(
    change: tuple[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        parse_declension(_MINIMAL.replace(*change), "xx-declension.yaml")
