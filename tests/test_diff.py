"""toponyms diff: what a data upgrade adds, removes and changes, and whether stored IDs survive."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import toponyms
from toponyms import Name, Place
from toponyms.cli import main
from toponyms.data.diff import Change, diff

from .conftest import MINI, REPO

FIXTURES = Path(__file__).parent / "fixtures" / "diff"
OLD, NEW, BROKEN = (str(FIXTURES / d) for d in ("old", "new", "broken"))

# One change of each kind, old -> new, in the documented order: by place ID, the place's own
# fields before its names, names by text then lang.
OLD_TO_NEW = """\
# data version: 2026.1.0 -> 2026.2.0
~ place etorofu-iturup: parents[RU] kuril-islands -> (none)
~ name etorofu-iturup "Etorofu Island" (en): kind official -> common
+ name etorofu-iturup "Etorofu-tō" (ja-Latn): kind romanization, used_by JP
- name etorofu-iturup "えとろふとう" (ja-Hira): kind reading, used_by JP
+ place kunashir-kunashiri (island, kurils-mini)
~ name northern-territories-southern-kurils "Hoppō Ryōdo" (ja-Latn): lang ja-Latn -> en
~ name northern-territories-southern-kurils "Hoppō Ryōdo" (ja-Latn): kind romanization -> common
~ place shikotan-island: parents[RU] (none) -> kuril-islands
~ name shikotan-island "Шикотан" (ru): used_by RU -> JP,RU
~ place tomari-village-nemuro: parents[JP] {NTSK} -> kunashir-kunashiri
~ place tomari-village-shiribeshi: dispute kurils-mini -> hokkaido-mini
~ place yuri-island: kind islet -> island
+ name yuri-island "Юрий" (bg): kind common, used_by RU
~ name yuri-island "Юрий" (ru): in_text any-case -> never
""".replace("{NTSK}", "northern-territories-southern-kurils")  # a line too long for the source

NEW_TO_OLD = """\
# data version: 2026.2.0 -> 2026.1.0
~ place etorofu-iturup: parents[RU] (none) -> kuril-islands
~ name etorofu-iturup "Etorofu Island" (en): kind common -> official
- name etorofu-iturup "Etorofu-tō" (ja-Latn): kind romanization, used_by JP
+ name etorofu-iturup "えとろふとう" (ja-Hira): kind reading, used_by JP
- place kunashir-kunashiri (island, kurils-mini)
~ name northern-territories-southern-kurils "Hoppō Ryōdo" (en): lang en -> ja-Latn
~ name northern-territories-southern-kurils "Hoppō Ryōdo" (en): kind common -> romanization
~ place shikotan-island: parents[RU] kuril-islands -> (none)
~ name shikotan-island "Шикотан" (ru): used_by JP,RU -> RU
~ place tomari-village-nemuro: parents[JP] kunashir-kunashiri -> {NTSK}
~ place tomari-village-shiribeshi: dispute hokkaido-mini -> kurils-mini
~ place yuri-island: kind island -> islet
- name yuri-island "Юрий" (bg): kind common, used_by RU
~ name yuri-island "Юрий" (ru): in_text never -> any-case
""".replace("{NTSK}", "northern-territories-southern-kurils")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["diff", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_every_kind_of_change_has_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, OLD, NEW) == (0, OLD_TO_NEW, "")


def test_a_place_id_gone_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, NEW, OLD) == (1, NEW_TO_OLD, "")


def test_exit_status_through_the_installed_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "diff", NEW, OLD],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert (result.returncode, result.stdout, result.stderr) == (1, NEW_TO_OLD, "")


def test_a_directory_against_itself_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, OLD, OLD) == (0, "", "")
    assert run(capsys, str(MINI), str(MINI)) == (0, "", "")


def test_the_bundled_gazetteer_against_itself_is_empty(
    capsys: pytest.CaptureFixture[str], bundled: toponyms.Gazetteer
) -> None:
    assert diff(bundled, bundled) == []
    gazetteer = str(REPO / "gazetteer")
    assert run(capsys, gazetteer, gazetteer) == (0, "", "")


def test_a_new_data_version_alone_prints_the_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    unversioned = tmp_path / "old"
    shutil.copytree(OLD, unversioned)
    (unversioned / "VERSION").unlink()
    assert run(capsys, str(unversioned), OLD) == (0, "# data version: (none) -> 2026.1.0\n", "")
    status, out, _ = run(capsys, "--json", OLD, str(unversioned))
    assert (status, json.loads(out)) == (
        0,
        {"old_version": "2026.1.0", "new_version": None, "changes": []},
    )


def test_a_missing_directory_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, OLD, "/nonexistent/gazetteer") == (
        2,
        "",
        "/nonexistent/gazetteer: is not a directory\n1 problem(s) found\n",
    )


def test_a_gazetteer_that_fails_to_load_exits_2_with_its_problems(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lang = (
        "broken/kurils-mini.yaml:12: places[0].names[1].lang: must be a BCP 47 language tag "
        "like 'ja' or 'ja-Latn', not 'jp'\n"
    )
    assert run(capsys, BROKEN, NEW) == (2, "", lang + "1 problem(s) found\n")
    assert run(capsys, "--json", OLD, BROKEN) == (2, "", lang + "1 problem(s) found\n")
    # both sides are loaded and reported, old first
    assert run(capsys, BROKEN, "/nonexistent/gazetteer") == (
        2,
        "",
        lang + "/nonexistent/gazetteer: is not a directory\n2 problem(s) found\n",
    )


def test_json_is_one_document_of_every_change(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "--json", NEW, OLD)
    assert (status, err, out.count("\n")) == (1, "", 1)
    document = json.loads(out)
    assert list(document) == ["old_version", "new_version", "changes"]
    assert (document["old_version"], document["new_version"]) == ("2026.2.0", "2026.1.0")
    changes = document["changes"]
    expected = [change.to_json() for change in diff(toponyms.load(NEW), toponyms.load(OLD))]
    assert changes == expected
    # the same changes, in the same order, as the text lines
    signs = {"added": "+", "removed": "-", "changed": "~"}
    assert [signs[c["type"].split("-")[1]] for c in changes] == [
        line[0] for line in NEW_TO_OLD.splitlines()[1:]
    ]
    assert changes[0] == {
        "type": "place-changed",
        "place_id": "etorofu-iturup",
        "field": "parents",
        "perspective": "RU",
        "text": None,
        "lang": None,
        "before": [],
        "after": ["kuril-islands"],
    }
    assert changes[8] == {
        "type": "name-changed",
        "place_id": "shikotan-island",
        "field": "used_by",
        "perspective": None,
        "text": "Шикотан",
        "lang": "ru",
        "before": ["JP", "RU"],
        "after": ["RU"],
    }
    assert changes[2] == {
        "type": "name-removed",
        "place_id": "etorofu-iturup",
        "field": None,
        "perspective": None,
        "text": "Etorofu-tō",
        "lang": "ja-Latn",
        "before": {
            "text": "Etorofu-tō",
            "lang": "ja-Latn",
            "used_by": ["JP"],
            "kind": "romanization",
            "source": "https://en.wikipedia.org/wiki/Iturup",
            "note": None,
            "in_text": "any-case",
            "since": None,
            "until": None,
        },
        "after": None,
    }
    removed = changes[4]
    assert (removed["type"], removed["place_id"], removed["after"]) == (
        "place-removed",
        "kunashir-kunashiri",
        None,
    )
    assert {k: v for k, v in removed["before"].items() if k != "names"} == {
        "id": "kunashir-kunashiri",
        "kind": "island",
        "dispute": "kurils-mini",
        "parties": ["JP", "RU"],
        "parents": {"ALL": ["northern-territories-southern-kurils"]},
        "refs": {},
        "sources": [],
        "homonyms": [],
        "unnamed_by": {},
        "note": None,
        "point": None,
        "context": None,
    }
    assert [n["text"] for n in removed["before"]["names"]] == [
        "Kunashir",
        "Kunashiri",
        "Кунашир",
        "国後島",
    ]


def test_json_of_a_directory_against_itself(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--json", OLD, OLD)
    assert (status, json.loads(out)) == (
        0,
        {"old_version": "2026.1.0", "new_version": "2026.1.0", "changes": []},
    )


def test_the_documented_example_is_what_diff_prints(capsys: pytest.CaptureFixture[str]) -> None:
    doc = (REPO / "docs" / "diff.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```text\n\$ toponyms diff (\S+) (\S+)\n(.*?)```", doc, re.S)
    old, new, shown = example
    assert (old, new) == ("tests/fixtures/diff/old", "tests/fixtures/diff/new")
    assert run(capsys, str(REPO / old), str(REPO / new)) == (0, shown, "")


# -- the pure function, on places built in place --------------------------------------------


def name(text: str, lang: str = "en", *used_by: str, kind: str = "common") -> Name:
    return Name(text, lang, frozenset(used_by or {"RU"}), kind, "https://example.org")


def place(*names: Name, **fields: object) -> Place:
    values: dict[str, object] = {
        "id": "hokkaido",
        "kind": "prefecture",
        "names": names,
        "dispute": "hokkaido",
        "parties": frozenset({"JP", "RU"}),
    }
    values.update(fields)
    return Place(**values)  # type: ignore[arg-type]


def test_a_text_left_once_on_each_side_changed_lang() -> None:
    old = place(name("Hokkaido"), name("Hokkaido", "pl"))
    new = place(name("Hokkaido"), name("Hokkaido", "de"))
    assert diff([old], [new]) == [
        Change(
            "name-changed", "hokkaido", "lang", text="Hokkaido", lang="pl", before="pl", after="de"
        )
    ]


def test_a_text_left_more_than_once_is_removed_and_added() -> None:
    iturup_en, iturup_pl, iturup_sk = (name("Iturup", lang) for lang in ("en", "pl", "sk"))
    assert diff([place(iturup_en)], [place(iturup_pl, iturup_sk)]) == [
        Change("name-removed", "hokkaido", text="Iturup", lang="en", before=iturup_en),
        Change("name-added", "hokkaido", text="Iturup", lang="pl", after=iturup_pl),
        Change("name-added", "hokkaido", text="Iturup", lang="sk", after=iturup_sk),
    ]
    assert [str(c) for c in diff([place(iturup_en, iturup_pl)], [place(iturup_sk)])] == [
        '- name hokkaido "Iturup" (en): kind common, used_by RU',
        '- name hokkaido "Iturup" (pl): kind common, used_by RU',
        '+ name hokkaido "Iturup" (sk): kind common, used_by RU',
    ]


def test_a_renamed_name_is_removed_and_added_and_ids_compare_exactly() -> None:
    old = place(name("Hokkaido"))
    assert [str(c) for c in diff([old], [place(name("Hokkaidō"))])] == [
        '- name hokkaido "Hokkaido" (en): kind common, used_by RU',
        '+ name hokkaido "Hokkaidō" (en): kind common, used_by RU',
    ]
    renamed = place(name("Hokkaido"), id="hokkaido-prefecture")
    assert [str(c) for c in diff([old], [renamed])] == [
        "- place hokkaido (prefecture, hokkaido)",
        "+ place hokkaido-prefecture (prefecture, hokkaido)",
    ]


def test_parents_are_compared_per_perspective_shared_ones_first() -> None:
    old = place(parents={"ALL": ("japan",), "RU": ("russia",)})
    new = place(parents={"JP": ("japan",), "ALL": ("asia", "japan"), "RU": ("russia",)})
    assert [str(c) for c in diff([old], [new])] == [
        "~ place hokkaido: parents[ALL] japan -> asia,japan",
        "~ place hokkaido: parents[JP] (none) -> japan",
    ]


def test_every_field_of_a_name_in_one_change_each() -> None:
    old = place(name("Хоккайдо", "ru", "RU", kind="official"))
    new_name = Name("Хоккайдо", "uk", frozenset({"JP", "RU"}), "common", "", in_text="exact-case")
    assert [str(c) for c in diff([old], [place(new_name)])] == [
        '~ name hokkaido "Хоккайдо" (ru): lang ru -> uk',
        '~ name hokkaido "Хоккайдо" (ru): kind official -> common',
        '~ name hokkaido "Хоккайдо" (ru): used_by RU -> JP,RU',
        '~ name hokkaido "Хоккайдо" (ru): in_text any-case -> exact-case',
    ]


def test_what_diff_does_not_report() -> None:
    # sources, notes, refs and the order of names are not changes to a pipeline's results
    old = place(name("Hokkaido"), name("北海道", "ja"))
    new = place(
        Name("北海道", "ja", frozenset({"RU"}), "common", "https://example.com", note="a note"),
        name("Hokkaido"),
        refs={"wikidata": "Q1037393"},
        note="a note",
    )
    assert diff([old], [new]) == []


def test_quotes_in_a_name_are_escaped() -> None:
    change = diff([place()], [place(name('The "Kurils"'))])[0]
    assert str(change) == '+ name hokkaido "The \\"Kurils\\"" (en): kind common, used_by RU'
