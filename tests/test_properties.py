"""The property suite catches bugs planted in a copy of the data, from the command line, from
Python and from pytest."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import toponyms
from toponyms.properties import PROPERTIES, check_properties

from .conftest import MINI, REPO


def check(directory: Path, examples: int = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toponyms", "check", str(directory), "--examples", str(examples)],
        capture_output=True,
        text=True,
    )


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteer"
    shutil.copytree(REPO / "gazetteer", target)
    return target


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_a_copy_of_the_data_passes_every_property(copy: Path) -> None:
    result = check(copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"ok: {len(PROPERTIES)} properties hold on every file (30 examples each where generated)"
    )
    gazetteer = toponyms.load(copy)
    assert list(check_properties(gazetteer, examples=30)) == []


def test_a_name_moved_to_the_wrong_place_is_caught(copy: Path) -> None:
    path = copy / "kuril-islands.yaml"
    lines = lines_of(path)
    moved = next(i for i, line in enumerate(lines) if '{text: "Etorofu", lang: en' in line)
    line = lines.pop(moved)
    target = next(i for i, line in enumerate(lines) if '{text: "Kunashir", lang: en' in line)
    lines.insert(target, line)
    path.write_text("".join(lines), encoding="utf-8")
    island = next(
        i + 1 for i, line in enumerate(lines_of(path)) if '{text: "Etorofu Island"' in line
    )
    result = check(copy)
    assert result.returncode == 1
    assert (
        f"{copy.name}/kuril-islands.yaml:{island}: stems-do-not-name-other-places: "
        "'Etorofu Island' without its generic term is 'etorofu', a name of "
        "'kunashir-kunashiri'"
    ) in result.stderr.splitlines()


def test_a_typo_prone_short_name_is_caught(copy: Path) -> None:
    path = copy / "kuril-islands.yaml"
    lines = lines_of(path)
    after = next(i for i, line in enumerate(lines) if '{text: "Kurilsk", lang: en' in line)
    planted = lines[after].replace('"Kurilsk"', '"Kurile"')
    lines.insert(after + 1, planted)
    path.write_text("".join(lines), encoding="utf-8")
    result = check(copy)
    assert result.returncode == 1
    assert (
        f"{copy.name}/kuril-islands.yaml:{after + 2}: short-names-are-not-one-typo-apart: "
        "'Kurile' is one typo from 'kurils' of 'kuril-islands'"
    ) in result.stderr.splitlines()


def test_a_missing_partys_name_is_caught(copy: Path) -> None:
    path = copy / "kuril-islands.yaml"
    lines = lines_of(path)
    start = next(i for i, line in enumerate(lines) if line.strip() == "- id: etorofu-iturup")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("- id:"))
    kept = [
        line for i, line in enumerate(lines) if not (start < i < end and "used_by: [RU]" in line)
    ]
    path.write_text("".join(kept), encoding="utf-8")
    names_line = next(
        i + 1 for i, line in enumerate(kept) if i > start and line.strip() == "names:"
    )
    result = check(copy)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{copy.name}/kuril-islands.yaml:{names_line}: places[4].names: no name is used by RU; "
        "add one with its source, or say why in unnamed_by"
    )


def test_failures_show_the_shrunk_example(tmp_path: Path) -> None:
    """A common word given as a name (without in_text: never) breaks mention finding; the
    failure shows the minimal text Hypothesis found."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    path = target / "kurils-mini.yaml"
    lines = lines_of(path)
    yuri = next(i for i, line in enumerate(lines) if '{text: "Yuri", lang: en' in line)
    lines.insert(yuri + 1, lines[yuri].replace('"Yuri"', '"Ferry"'))
    path.write_text("".join(lines), encoding="utf-8")
    failures = [str(f) for f in check_properties(toponyms.load(target), examples=50)]
    mentions = [f for f in failures if "mentions-are-found" in f]
    assert len(mentions) == 1
    assert mentions[0].startswith("mini/kurils-mini.yaml:")
    assert "'A ferry left for " in mentions[0]
    assert "annotate() finds [" in mentions[0] and "'yuri-island')" in mentions[0]


def test_examples_must_be_positive() -> None:
    with pytest.raises(ValueError, match=r"^examples must be a positive int, not 0$"):
        list(check_properties(toponyms.default_gazetteer(), examples=0))


def test_the_pytest_plugin_runs_the_suite_with_one_line_of_config(
    pytester: pytest.Pytester,
) -> None:
    shutil.copytree(MINI, pytester.path / "gaz")
    pytester.makeini("[pytest]\ntoponyms_gazetteer = gaz\ntoponyms_examples = 10\n")
    result = pytester.runpytest("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(PROPERTIES))

    path = pytester.path / "gaz" / "kurils-mini.yaml"
    lines = lines_of(path)
    after = next(i for i, line in enumerate(lines) if '{text: "Shikotan", lang: en' in line)
    lines.insert(after + 1, lines[after].replace('"Shikotan"', '"Shikotn"'))  # one typo away
    path.write_text("".join(lines), encoding="utf-8")
    result = pytester.runpytest("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(PROPERTIES), failed=0)  # same place: no harm

    lines = lines_of(path)
    moved = next(i for i, line in enumerate(lines) if '{text: "Etorofu", lang: en' in line)
    line = lines.pop(moved)
    target = next(i for i, line in enumerate(lines) if '{text: "Shikotan", lang: en' in line)
    lines.insert(target, line)
    path.write_text("".join(lines), encoding="utf-8")
    result = pytester.runpytest("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=len(PROPERTIES) - 1, failed=1)
    result.stdout.fnmatch_lines(
        ["*gaz/kurils-mini.yaml:*: stems-do-not-name-other-places: 'Etorofu Island' without*"]
    )


def test_a_dump_that_does_not_load_is_reported_at_the_original_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from toponyms import properties

    gazetteer = toponyms.load(MINI)
    monkeypatch.setattr(properties, "dump_file", lambda *args: "format: 1\nid: x\n")
    file = gazetteer.files()[0]
    [failure] = properties.yaml_round_trip(gazetteer, file, 1)
    assert failure.path == file[0].path  # the user's file, not a temporary copy
    assert failure.message.startswith("the dumped file does not load again: ")
    assert "a gazetteer file needs the field 'disputed'" in failure.message
