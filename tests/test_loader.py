"""Loading validates everything and reports every problem as FILE:LINE: field: message."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import toponyms
from toponyms import GazetteerError, Problem
from toponyms.data import read as _loader

from .conftest import MINI, REPO

FILE = "kurils-mini.yaml"


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(GazetteerError) as info:
        toponyms.load(directory)
    return [str(p) for p in info.value.problems]


def edit(directory: Path, old: str, new: str, count: int = 1) -> None:
    path = directory / FILE
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(directory: Path, needle: str) -> int:
    lines = (directory / FILE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_the_fixture_is_valid(mini: toponyms.Gazetteer) -> None:
    assert len(mini) == 7
    assert sorted(mini.disputes) == ["kurils-mini"]


def test_yaml_syntax_error_names_file_and_line(mini_copy: Path) -> None:
    edit(mini_copy, "    kind: island-group\n", "    kind: [island-group\n")
    line = line_of(mini_copy, "kind: [island-group")
    [problem] = problems_of(mini_copy)
    assert problem.startswith(f"gaz/{FILE}:")
    reported = int(problem.split(":")[1])
    assert line <= reported <= line + 2  # the problem mark, not the document start
    assert "YAML syntax error" in problem


def test_duplicate_key_is_an_error_not_silent_data_loss(mini_copy: Path) -> None:
    edit(mini_copy, "    kind: archipelago\n", "    kind: archipelago\n    kind: island\n")
    first = line_of(mini_copy, "kind: archipelago")
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:{first + 1}: places[0].kind: duplicate key 'kind' (first at line "
        f"{first}); YAML would silently keep only the last value"
    ]


def test_duplicated_file_reports_each_repeated_id(mini_copy: Path) -> None:
    shutil.copy(mini_copy / FILE, mini_copy / "kurils-mini-copy.yaml")
    problems = problems_of(mini_copy)
    assert problems[0] == (
        f"gaz/{FILE}:3: id: file ID 'kurils-mini' is already used by gaz/kurils-mini-copy.yaml"
    )
    line = line_of(mini_copy, "- id: etorofu-iturup")
    assert (
        f"gaz/{FILE}:{line}: places[2].id: place ID 'etorofu-iturup' is already defined at "
        f"gaz/kurils-mini-copy.yaml:{line}"
    ) in problems
    assert len(problems) == 1 + 7  # the file ID and each of the seven places


def test_alias_bomb_fails_fast_with_little_memory(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 10)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    problems = problems_of(tmp_path)
    assert time.perf_counter() - started < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50_000  # KiB
    assert problems == [
        f"{tmp_path.name}/bomb.yaml:1: YAML syntax error: anchors and aliases are not allowed "
        "in a gazetteer file"
    ]


def test_invalid_utf8_names_the_line(mini_copy: Path) -> None:
    path = mini_copy / FILE
    data = path.read_bytes().replace("千島列島".encode(), b"\xff\xfe", 1)
    path.write_bytes(data)
    line = data[: data.index(b"\xff")].count(b"\n") + 1
    [problem] = problems_of(mini_copy)
    assert problem.startswith(f"gaz/{FILE}:{line}: invalid UTF-8 (byte ff at offset ")


def test_every_schema_problem_is_reported_at_once(mini_copy: Path) -> None:
    edit(mini_copy, "lang: ru, used_by: [RU], kind: official", "lang: russian, used_by: [RU], "
         "kind: official")  # fmt: skip
    edit(mini_copy, "kind: island\n", "kind: isle\n")
    edit(mini_copy, "used_by: [JP, RU], kind: short", "used_by: [jp, RU], kind: short")
    edit(mini_copy, "    kind: islet\n", "    kind: islet\n    colour: green\n")
    edit(mini_copy, '"Yuri", lang: en, used_by: [JP, RU], kind: common, source: "https://',
         '"Yuri", lang: en, used_by: [JP, RU], kind: common, source: "ftp://')  # fmt: skip
    problems = problems_of(mini_copy)
    assert problems == [
        f"gaz/{FILE}:{line_of(mini_copy, '[jp, RU]')}: places[0].names[1].used_by[0]: must be "
        "an upper-case ISO 3166-1 alpha-2 code like 'JP' (or one of toponyms' codes for "
        "authorities without one: XA, XC, XK, XN, XO, XT, XW), not 'jp'",
        f"gaz/{FILE}:{line_of(mini_copy, 'lang: russian')}: places[0].names[2].lang: must be a "
        "BCP 47 language tag like 'ja' or 'ja-Latn', not 'russian'",
        f"gaz/{FILE}:{line_of(mini_copy, 'kind: isle')}: places[2].kind: unknown place kind "
        "'isle'; expected one of archipelago, atoll, bay, cape, city, country, district, gulf, "
        "island, island-chain, island-group, islet, lake, mountain, municipality, oblast, "
        "peninsula, prefecture, province, reef, region, rock, sea, settlement, shoal, strait, "
        "subprefecture, territory, town, village, volcano",
        f"gaz/{FILE}:{line_of(mini_copy, 'colour')}: places[4].colour: unknown field of a "
        "place; expected one of context, homonyms, id, kind, names, note, parents, point, refs, "
        "sources, unnamed_by",
        f"gaz/{FILE}:{line_of(mini_copy, 'ftp://')}: places[4].names[0].source: must be an "
        "http(s) URL, not 'ftp://en.wikipedia.org/wiki/Yuri_Island'",
    ]


def test_missing_field_and_foreign_party(mini_copy: Path) -> None:
    edit(mini_copy, "    kind: archipelago\n", "")
    edit(mini_copy, '"Kurils", lang: en, used_by: [JP, RU]', '"Kurils", lang: en, used_by: [CN]')
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:8: places[0]: a place needs the field 'kind'",
        f"gaz/{FILE}:11: places[0].names[1].used_by[0]: 'CN' is not a party of this file "
        "(JP, RU); a country that uses the name without being a party goes in third_parties",
    ]


def test_a_third_party_uses_its_own_names(mini_copy: Path) -> None:
    edit(mini_copy, '"Kurils", lang: en, used_by: [JP, RU]', '"Kurils", lang: en, used_by: [CN]')
    edit(mini_copy, "parties: [JP, RU]\n", "parties: [JP, RU]\nthird_parties: [CN]\n")
    gazetteer = toponyms.load(mini_copy)
    assert gazetteer.normalize("Kurils") == "kuril-islands"
    place = gazetteer.get("kuril-islands")
    assert place is not None and place.parties == {"JP", "RU"}
    assert sorted(gazetteer.disputes[place.dispute].third_parties) == ["CN"]


def test_a_party_is_no_third_party(mini_copy: Path) -> None:
    edit(mini_copy, "parties: [JP, RU]\n", "parties: [JP, RU]\nthird_parties: [CN, RU]\n")
    line = line_of(mini_copy, "third_parties")
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:{line}: third_parties[1]: 'RU' is already a party of this file"
    ]


def test_cross_file_rules(mini_copy: Path) -> None:
    edit(mini_copy, "      RU: [kuril-islands]\n    names:\n      - {text: \"Northern",
         "      RU: [etorofu-iturup]\n    names:\n      - {text: \"Northern")  # fmt: skip
    edit(mini_copy, "    homonyms: [tomari-village-shiribeshi]\n", "")
    edit(mini_copy, "      ALL: [northern-territories-southern-kurils]\n    names:\n"
         "      - {text: \"Shikotan\"", "      ALL: [nowhere]\n    names:\n"
         "      - {text: \"Shikotan\"")  # fmt: skip
    problems = problems_of(mini_copy)
    parents_line = line_of(mini_copy, "RU: [etorofu-iturup]")
    shiribeshi = line_of(mini_copy, 'wiki/泊村"')
    nemuro = line_of(mini_copy, "泊村_(")
    assert problems == [
        f"gaz/{FILE}:{line_of(mini_copy, 'ALL: [nowhere]')}: places[3].parents.ALL[0]: no "
        "place has the ID 'nowhere'",
        f"gaz/{FILE}:{parents_line - 1}: places[1].parents: parents form a cycle (RU): "
        "northern-territories-southern-kurils -> etorofu-iturup -> "
        "northern-territories-southern-kurils",
        f"gaz/{FILE}:{shiribeshi}: places[6].names[0]: '泊村' is also a "
        f"name of 'tomari-village-nemuro' (gaz/{FILE}:{nemuro}); if both "
        "are right, declare homonyms: [tomari-village-nemuro]",
    ]


def test_missing_party_name_needs_a_reason(mini_copy: Path) -> None:
    edit(mini_copy, '    unnamed_by:\n      RU: "An undisputed Japanese village with no Russian '
         'name"\n', "")  # fmt: skip
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:{line_of(mini_copy, '- id: tomari-village-shiribeshi') + 2}: "
        "places[6].names: no name is used by RU; add one with its source, or say why in "
        "unnamed_by"
    ]


def test_bad_reference_codes(mini_copy: Path) -> None:
    edit(mini_copy, "    kind: archipelago\n", "    kind: archipelago\n    refs: {wikidata: "
         "Q0, jp_lg_code: '016968', imdb: tt1}\n")  # fmt: skip
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:10: places[0].refs.imdb: unknown reference scheme; expected one of "
        "geonames, iso3166_2, jp_lg_code, oktmo, wikidata",
        f"gaz/{FILE}:10: places[0].refs.jp_lg_code: '016968' is not a valid jp_lg_code code",
        f"gaz/{FILE}:10: places[0].refs.wikidata: 'Q0' is not a valid wikidata code",
    ]


def test_look_alike_phrase_that_is_a_real_name_is_a_contradiction(mini_copy: Path) -> None:
    edit(mini_copy, "  - Kurile Lake\n", "  - Kurile Lake\n  - KURILS\n")
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:{line_of(mini_copy, '- KURILS')}: should_not_match[2]: 'KURILS' is a "
        "name of 'kuril-islands'"
    ]


def test_empty_and_missing_directories(tmp_path: Path) -> None:
    assert problems_of(tmp_path) == [f"{tmp_path}: holds no gazetteer files (*.yaml)"]
    assert problems_of(tmp_path / "absent") == [f"{tmp_path / 'absent'}: is not a directory"]
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    assert problems_of(tmp_path) == [
        f"{tmp_path.name}/empty.yaml:1: holds no document: expected a gazetteer file, a mapping "
        "with the fields format, id, title, disputed, parties, places"
    ]


def test_error_attributes_locate_the_first_problem(mini_copy: Path) -> None:
    edit(mini_copy, "    kind: archipelago\n", "    kind: archipelago\n    kind: island\n")
    with pytest.raises(GazetteerError) as info:
        toponyms.load(mini_copy)
    error = info.value
    line = line_of(mini_copy, "kind: archipelago") + 1
    assert isinstance(error, ValueError)
    assert (error.path, error.line, error.field) == (f"gaz/{FILE}", line, "places[0].kind")
    assert [(p.path, p.line, p.field) for p in error.problems] == [
        (f"gaz/{FILE}", line, "places[0].kind")
    ]


@pytest.mark.parametrize(
    "fault",
    ["syntax", "duplicate-key", "duplicate-file", "alias-bomb", "invalid-utf8"],
)
def test_cli_check_reports_planted_faults_in_a_copy_of_the_real_gazetteer(
    tmp_path: Path, fault: str
) -> None:
    """Done-when of the foundation issue: each fault gives FILE:LINE errors and no traceback."""
    target = tmp_path / "gazetteer"
    shutil.copytree(REPO / "gazetteer", target)
    path = target / "kuril-islands.yaml"
    data = path.read_bytes()
    if fault == "syntax":
        data = data.replace(b"kind: archipelago", b"kind: [archipelago", 1)
    elif fault == "duplicate-key":
        data = data.replace(b"kind: archipelago\n", b"kind: archipelago\n    kind: island\n", 1)
    elif fault == "duplicate-file":
        shutil.copy(path, target / "kuril-islands-copy.yaml")
    elif fault == "alias-bomb":
        data = data.replace(b"parties: [JP, RU]", b"parties: &p [JP, RU]\nalso: *p", 1)
    elif fault == "invalid-utf8":
        data = data.replace("千島列島".encode(), b"\xe5\x8d", 1)
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "check", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("problem(s) found")
    for line in lines[:-1]:
        file, number, _ = line.split(":", 2)
        assert file.startswith("gazetteer/kuril-islands")
        assert number.isdigit()


def test_mini_fixture_directory_is_untouched() -> None:
    assert (MINI / FILE).is_file()


def test_libyaml_and_the_python_loader_read_the_data_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    from toponyms.data import read as _loader

    for path in sorted(_loader.bundled_gazetteer_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _loader._fast_compose(text) is not None  # the bundled data takes the fast path
        fast_value, fast_doc, _ = _loader._parse(path.name, text)
        with monkeypatch.context() as m:
            m.setattr(_loader, "_fast_compose", lambda text: None)
            slow_value, slow_doc, _ = _loader._parse(path.name, text)
        assert fast_value == slow_value
        assert fast_doc.lines == slow_doc.lines


def test_an_anchor_takes_the_python_loader_and_is_refused(mini_copy: Path) -> None:
    from toponyms.data import read as _loader

    assert _loader._fast_compose("a: &x 1\nb: *x\n") is None
    edit(mini_copy, "format: 1\n", "format: &f 1\n")
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:{line_of(mini_copy, '&f')}: YAML syntax error: anchors and aliases are "
        "not allowed in a gazetteer file"
    ]


@pytest.fixture(params=["libyaml", "python"])
def yaml_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run a test on both of the loader's paths: libyaml when it can, the pure-Python one."""
    if request.param == "python":
        monkeypatch.setattr(_loader, "_fast_compose", lambda text: None)
    else:
        assert _loader._fast_compose("a: 1\n") is not None, "PyYAML was built without libyaml"
    yield request.param


NO_GAZETTEER_DOCUMENT = (
    "holds no document: expected a gazetteer file, a mapping with the fields format, id, title, "
    "disputed, parties, places"
)
NO_TERMS_DOCUMENT = (
    "holds no document: expected a generic-terms file, a mapping with the fields format, classes"
)
NOTHING_BUT_COMMENTS = {
    "empty": b"",
    "blank lines": b"\n\n  \n",
    "byte-order mark": b"\xef\xbb\xbf",
    "comments": b"# Kuril Islands\n\n# to be written\n",
    "comment without newline": b"# nothing yet",
    "document marker": b"# to be written\n---\n",
    "document marker without newline": b"---",
}


@pytest.mark.parametrize("data", NOTHING_BUT_COMMENTS.values(), ids=NOTHING_BUT_COMMENTS.keys())
def test_a_file_without_a_document_is_reported_at_line_1(
    tmp_path: Path, yaml_path: str, data: bytes
) -> None:
    (tmp_path / "kurils.yaml").write_bytes(data)
    with pytest.raises(GazetteerError) as info:
        toponyms.load(tmp_path)
    assert info.value.problems == (
        Problem(f"{tmp_path.name}/kurils.yaml", 1, None, NO_GAZETTEER_DOCUMENT),
    )
    with pytest.raises(GazetteerError) as info:
        _loader.read_file(tmp_path / "kurils.yaml", label="kurils.yaml")
    assert info.value.problems == (Problem("kurils.yaml", 1, None, NO_GAZETTEER_DOCUMENT),)


@pytest.mark.parametrize("data", NOTHING_BUT_COMMENTS.values(), ids=NOTHING_BUT_COMMENTS.keys())
def test_a_generic_terms_file_without_a_document_is_reported_at_line_1(
    mini_copy: Path, yaml_path: str, data: bytes
) -> None:
    (mini_copy / "_generic-terms.yaml").write_bytes(data)
    with pytest.raises(GazetteerError) as info:
        toponyms.load(mini_copy)
    assert info.value.problems == (Problem("gaz/_generic-terms.yaml", 1, None, NO_TERMS_DOCUMENT),)
    with pytest.raises(GazetteerError) as info:
        _loader.read_generic_terms(mini_copy / "_generic-terms.yaml", label="terms.yaml")
    assert info.value.problems == (Problem("terms.yaml", 1, None, NO_TERMS_DOCUMENT),)


def test_a_null_document_is_a_document_of_the_wrong_type(tmp_path: Path, yaml_path: str) -> None:
    (tmp_path / "kurils.yaml").write_text("# to be written\n---\n~\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as info:
        _loader.read_file(tmp_path / "kurils.yaml", label="kurils.yaml")
    assert info.value.problems == (
        Problem("kurils.yaml", 3, None, "a gazetteer file must be a mapping, not NoneType"),
    )


def read_problems(text: str) -> list[Problem]:
    """The problems of a document read with ``read_yaml`` and checked as a gazetteer file."""
    path = Path(__file__).parent / "does-not-exist.yaml"
    with pytest.MonkeyPatch.context() as m:
        m.setattr(Path, "read_bytes", lambda self: text.encode("utf-8"))
        with pytest.raises(GazetteerError) as info:
            _loader.read_file(path, label="f.yaml")
    return list(info.value.problems)


TOO_DEEP = "YAML syntax error: mappings and lists nest more than 64 levels deep"


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("[" * 100_000 + "]" * 100_000, 1),  # deeper than libyaml's own limit of 1,000
        ("places: " + "[" * 500 + "]" * 500, 1),  # a RecursionError in PyYAML's composer
        ("{a: " * 65 + "1" + "}" * 65, 1),
        ("".join(f"{' ' * i}- \n" for i in range(200)), 65),
    ],
    ids=["flow-100000", "flow-500", "mapping-65", "block-200"],
)
def test_deep_nesting_is_refused_before_it_is_composed(
    yaml_path: str, text: str, line: int
) -> None:
    assert read_problems(text) == [Problem("f.yaml", line, None, TOO_DEEP)]


def test_nesting_up_to_the_limit_is_read(yaml_path: str) -> None:
    assert read_problems("[" * 64 + "]" * 64) == [
        Problem("f.yaml", 1, None, "a gazetteer file must be a mapping, not a list")
    ]
    assert read_problems("[" * 65 + "]" * 65) == [Problem("f.yaml", 1, None, TOO_DEEP)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "format: " + "9" * 5000,
            "'9999999999999999999999999999999999999...' is not a valid int (Exceeds the limit "
            "(4300 digits) for integer string conversion: value has 5000 digits)",
        ),
        ("format: 2001-13-45", "'2001-13-45' is not a valid timestamp (month must be in 1..12)"),
        ("format: !!timestamp soon", "'soon' is not a valid timestamp"),
        ("format: !!bool maybe", "'maybe' is not a valid bool"),
        ("format: !!int ''", "'' is not a valid int"),
        (
            "format: !!float one",
            "'one' is not a valid float (could not convert string to float: 'one')",
        ),
    ],
    ids=["5000-digits", "month-13", "timestamp", "bool", "empty-int", "float"],
)
def test_a_scalar_the_constructor_cannot_build_is_a_problem_at_its_line(
    yaml_path: str, text: str, message: str
) -> None:
    assert read_problems(f"# a comment\n{text}\n") == [
        Problem("f.yaml", 2, None, f"YAML syntax error: {message}; quote it to make it text")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!set {a, b}", "the tag 'tag:yaml.org,2002:set' is not allowed on a mapping"),
        ("places: !!omap [a: 1]", "the tag 'tag:yaml.org,2002:omap' is not allowed on a list"),
        ("places: !!str [a]", "the tag 'tag:yaml.org,2002:str' is not allowed on a list"),
        ("places: ! [a]", "the non-specific tag '!' is not allowed in a gazetteer file"),
        ("title: !", "the non-specific tag '!' is not allowed in a gazetteer file"),
        ("title: ! Kurils", "the non-specific tag '!' is not allowed in a gazetteer file"),
        (
            "places: !!python/object:os.system {}",
            "the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed on a mapping",
        ),
    ],
)
def test_a_tag_on_a_mapping_or_list_is_refused_not_ignored(
    yaml_path: str, text: str, message: str
) -> None:
    assert read_problems(text) == [Problem("f.yaml", 1, None, f"YAML syntax error: {message}")]


def test_true_and_1_are_one_key(yaml_path: str) -> None:
    problems = read_problems("true: a\n1: b\n")
    assert [p for p in problems if p.line == 2] == [
        Problem(
            "f.yaml",
            2,
            "1",
            "duplicate key 1 (first at line 1); YAML would silently keep only the last value",
        ),
    ]


def test_a_byte_order_mark_after_the_start_is_refused(yaml_path: str) -> None:
    """libyaml would skip it and PyYAML read it as text: '\\ufeff{}' is {} to one, a string to
    the other."""
    message = "a byte-order mark (U+FEFF, invisible in most editors) after the start; remove it"
    assert read_problems("# a comment\n\ufeff{}\n") == [Problem("f.yaml", 2, None, message)]
    assert read_problems("a: b\ufeff\n") == [Problem("f.yaml", 1, None, message)]


def test_a_lone_surrogate_escape_is_a_problem_at_its_line(mini_copy: Path, yaml_path: str) -> None:
    edit(mini_copy, '"Kurils", lang: en', '"Kur\\ud800ils", lang: en')
    line = line_of(mini_copy, '"Kur\\ud800ils"')
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:{line}: places[0].names[1].text: holds a lone "
        "surrogate U+D800, from an escape like \\ud83d; write the character itself, or escape "
        "it as \\U0001f600"
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [("a\tb: 1\n", 1), ("format: 1\nparties:\t [JP, RU]\n", 2)],
    ids=["in-a-key", "after-a-colon"],
)
def test_a_tab_libyaml_would_take_is_refused_on_both_paths(
    yaml_path: str, text: str, line: int
) -> None:
    [problem] = read_problems(text)
    assert (problem.path, problem.line, problem.field) == ("f.yaml", line, None)
    assert problem.message.startswith("YAML syntax error: found character '\\t' that cannot start")


@pytest.mark.parametrize("text", ["title: |#\n  Kurils\n", "title: >-#\n  Kurils\n"])
def test_a_comment_glued_to_a_block_scalar_header_is_refused_on_both_paths(
    yaml_path: str, text: str
) -> None:
    """libyaml reads ``|#`` as a header and a comment; YAML wants a space between, as PyYAML."""
    assert read_problems(text) == [
        Problem(
            "f.yaml",
            1,
            None,
            "YAML syntax error: expected chomping or indentation indicators, but found '#' "
            "(while scanning a block scalar)",
        )
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("# places\n- format: 1\n- places: []\n", "a gazetteer file must be a mapping, not a list"),
        ("# title\nKuril Islands\n", "a gazetteer file must be a mapping, not text"),
        ("# a number\n42\n", "a gazetteer file must be a mapping, not int"),
    ],
    ids=["list", "text", "number"],
)
def test_a_document_that_is_no_mapping_is_reported_at_its_line(
    yaml_path: str, text: str, message: str
) -> None:
    assert read_problems(text) == [Problem("f.yaml", 2, None, message)]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("title: !!set Kurils", "expected a mapping node, but found scalar"),
        ("title: !!map Kurils", "expected a mapping node, but found scalar"),
        ("places: !!seq Kurils", "expected a sequence node, but found scalar"),
    ],
)
def test_a_collection_tag_on_a_scalar_is_refused_not_read_as_empty(
    yaml_path: str, text: str, message: str
) -> None:
    """PyYAML builds an empty set, dict or list first and raises only when asked to go deep."""
    assert read_problems(f"format: 1\n{text}\n") == [
        Problem("f.yaml", 2, None, f"YAML syntax error: {message}")
    ]
