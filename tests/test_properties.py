"""The property suite catches bugs planted in a copy of the data, from the command line, from
Python and from pytest."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import toponyms
from toponyms import properties
from toponyms.annotate.scan import Annotator
from toponyms.properties import PROPERTIES, PropertyFailure, check_properties
from toponyms.resolve.steps import Resolver
from toponyms.text.fold import OffsetMap
from toponyms.text.scripts import has_cyrillic

from .conftest import MINI, REPO


def check(directory: Path, examples: int = 30, jobs: int = 1) -> subprocess.CompletedProcess[str]:
    options = ["--examples", str(examples), "--jobs", str(jobs)]
    return subprocess.run(
        [sys.executable, "-m", "toponyms", "check", str(directory), *options],
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
    moved = [line for line in lines if '{text: "Etorofu", ' in line]  # every language's
    lines = [line for line in lines if line not in moved]
    target = next(i for i, line in enumerate(lines) if '{text: "Kunashir", lang: en' in line)
    lines[target:target] = moved
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
        "'Kurile' is one typo from 'kurili' of 'kuril-islands'"  # the nearest key, A to Z
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


# -- planted faults: each property can fail ------------------------------------------------------


def cyrillic_names(gazetteer: toponyms.Gazetteer) -> list[tuple[str, int | None, str]]:
    """``(path, line, text)`` of every Cyrillic name of the gazetteer, in file order."""
    return [
        (*gazetteer.where(place.id, i), name.text)
        for place in gazetteer.places
        for i, name in enumerate(place.names)
        if has_cyrillic(name.text)
    ]


def failures_of(
    prop: properties.Property, gazetteer: toponyms.Gazetteer, examples: int = 30
) -> list[PropertyFailure]:
    return [f for file in gazetteer.files() for f in prop(gazetteer, file, examples)]


def test_mentions_are_found_fails_when_a_script_is_never_matched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With every Cyrillic match switched off, each Cyrillic name is reported at its line: the
    names come from the data's rules, not from what annotate() already finds."""
    real = Annotator._exact_hits

    def blind(self: Annotator, text: str, folded: str, offsets: OffsetMap) -> list[Any]:
        hits = real(self, text, folded, offsets)
        return [h for h in hits if not has_cyrillic(h.entries[0].name.text)]

    gazetteer = toponyms.load(MINI)
    assert failures_of(properties.mentions_are_found_with_exact_spans, gazetteer) == []
    monkeypatch.setattr(Annotator, "_exact_hits", blind)
    assert gazetteer.annotate("на острове Итуруп") == []
    failures = failures_of(properties.mentions_are_found_with_exact_spans, gazetteer)
    expected = cyrillic_names(gazetteer)
    assert [t for *_, t in expected] == [
        "Курильские острова", "Южные Курилы", "Итуруп", "Шикотан", "Юрий",
    ]  # fmt: skip
    assert [(f.path, f.line, f.property) for f in failures] == [
        (path, line, "mentions-are-found") for path, line, _ in expected
    ]
    assert [f.message.split(": in ")[0] for f in failures] == [repr(t) for *_, t in expected]
    assert all(" annotate() finds [], expected [(" in f.message for f in failures)


def test_names_normalize_fails_when_a_script_is_never_resolved(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = Resolver.normalize

    def blind(self: Resolver, name: str, fuzzy: bool) -> str | None:
        return None if has_cyrillic(name) else real(self, name, fuzzy)

    gazetteer = toponyms.load(MINI)
    monkeypatch.setattr(Resolver, "normalize", blind)
    failures = failures_of(properties.names_normalize_to_their_place, gazetteer)
    assert [(f.path, f.line, f.message) for f in failures] == [
        (path, line, f"{text!r} normalizes to None, not {place!r}")
        for (path, line, text), place in zip(
            cyrillic_names(gazetteer),
            ["kuril-islands", "northern-territories-southern-kurils", "etorofu-iturup",
             "shikotan-island", "yuri-island"],
            strict=True,
        )
    ]  # fmt: skip


def the_variant(failure: PropertyFailure) -> str:
    """The variant text a variants-normalize failure shows."""
    match = re.fullmatch(r"the variant ('.*') normalizes to None, not '[a-z-]+'", failure.message)
    assert match is not None, failure.message
    variant = ast.literal_eval(match.group(1))
    assert isinstance(variant, str)
    return variant


def test_variants_normalize_fails_when_only_exact_names_resolve(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """normalize() that answers names only as written passes names-normalize-to-their-place;
    the variants property is the one that sees it."""
    real = Resolver.normalize
    gazetteer = toponyms.load(MINI)
    texts = {n.text for p in gazetteer.places for n in p.names}

    def exact_only(self: Resolver, name: str, fuzzy: bool) -> str | None:
        return real(self, name, fuzzy) if name in texts else None

    monkeypatch.setattr(Resolver, "normalize", exact_only)
    assert failures_of(properties.names_normalize_to_their_place, gazetteer) == []
    [failure] = failures_of(properties.variants_normalize_to_their_place, gazetteer)
    assert failure.property == "variants-normalize-to-their-place"
    assert the_variant(failure) not in texts


def test_variants_normalize_draws_names_normalize_misses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The variants come from the data's names, not from what normalize() already resolves: a
    script it never resolves is drawn, and fails."""
    real = Resolver.normalize

    def blind(self: Resolver, name: str, fuzzy: bool) -> str | None:
        return None if has_cyrillic(name) else real(self, name, fuzzy)

    gazetteer = toponyms.load(MINI)
    monkeypatch.setattr(Resolver, "normalize", blind)
    [failure] = failures_of(properties.variants_normalize_to_their_place, gazetteer)
    assert has_cyrillic(the_variant(failure))


def test_look_alikes_fail_when_the_annotator_ignores_them(
    monkeypatch: pytest.MonkeyPatch, mini_copy: Path
) -> None:
    # a look-alike that holds a whole name: the dispute's own article title
    path = mini_copy / "kurils-mini.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  - Kuril Islands dispute\n", encoding="utf-8"
    )
    gazetteer = toponyms.load(mini_copy)
    assert failures_of(properties.look_alikes_are_not_places, gazetteer) == []
    monkeypatch.setattr(Annotator, "_drop_blocked", lambda self, folded, hits: hits)
    failures = failures_of(properties.look_alikes_are_not_places, gazetteer)
    assert [(f.path, f.line, f.property, f.message) for f in failures] == [
        (
            "gaz/kurils-mini.yaml",
            None,
            "look-alikes-are-not-places",
            "'Kuril Islands dispute' gives mentions [('Kuril Islands', 'kuril-islands')] and"
            " normalize() None",
        )
    ]


def test_look_alikes_fail_when_normalize_ignores_them(monkeypatch: pytest.MonkeyPatch) -> None:
    real = Resolver.normalize

    def wrong(self: Resolver, name: str, fuzzy: bool) -> str | None:
        return "kuril-islands" if name == "Kurile Lake" else real(self, name, fuzzy)

    gazetteer = toponyms.load(MINI)
    monkeypatch.setattr(Resolver, "normalize", wrong)
    failures = failures_of(properties.look_alikes_are_not_places, gazetteer)
    assert [f.message for f in failures] == [
        "'Kurile Lake' gives mentions [] and normalize() 'kuril-islands'"
    ]


def test_mentions_fail_when_normalize_cannot_read_what_annotate_finds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With normalize() blind to grammatical forms, the declined mentions annotate() finds
    (на Итурупе) no longer normalize to their place, and the property says so."""
    gazetteer = toponyms.load(REPO / "gazetteer")
    assert failures_of(properties.mentions_are_found_with_exact_spans, gazetteer) == []
    gazetteer._resolver.clear_cache()
    monkeypatch.setattr(gazetteer._resolver, "inflected", None)
    failures = failures_of(properties.mentions_are_found_with_exact_spans, gazetteer, 100)
    assert failures
    assert all("but normalize() " in f.message for f in failures), failures
    assert any("Курилами" in f.message for f in failures)


def test_a_reading_used_by_a_party_that_does_not_use_its_written_form_fails(
    mini_copy: Path,
) -> None:
    path = mini_copy / "kurils-mini.yaml"
    text = path.read_text(encoding="utf-8")
    planted = text.replace(
        '{text: "えとろふとう", lang: ja-Hira, used_by: [JP], kind: reading',
        '{text: "えとろふとう", lang: ja-Hira, used_by: [JP, RU], kind: reading',
    )
    assert planted != text
    assert (
        failures_of(properties.renderings_follow_their_written_form, toponyms.load(mini_copy)) == []
    )
    path.write_text(planted, encoding="utf-8")
    gazetteer = toponyms.load(mini_copy)
    [failure] = failures_of(properties.renderings_follow_their_written_form, gazetteer)
    assert failure.message == (
        "'えとろふとう' (reading) is used by RU, which no name of the place written in 'ja' is"
    )
    assert failure.line == gazetteer.where("etorofu-iturup", 5)[1]


def _move_etorofu_to_kunashir(copy: Path) -> None:
    """Plant failures: Iturup's name "Etorofu" listed under Kunashir."""
    path = copy / "kuril-islands.yaml"
    lines = lines_of(path)
    moved = [line for line in lines if '{text: "Etorofu", ' in line]
    lines = [line for line in lines if line not in moved]
    target = next(i for i, line in enumerate(lines) if '{text: "Kunashir", lang: en' in line)
    lines[target:target] = moved
    path.write_text("".join(lines), encoding="utf-8")


def test_a_check_in_two_processes_reports_the_same_failures_in_order(copy: Path) -> None:
    _move_etorofu_to_kunashir(copy)
    serial, pooled = check(copy, examples=5), check(copy, examples=5, jobs=2)
    assert serial.returncode == pooled.returncode == 1
    assert pooled.stderr == serial.stderr
    assert "stems-do-not-name-other-places" in serial.stderr


def test_check_properties_in_forked_and_served_workers_agree(
    copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers from a forkserver, sent the gazetteer pickled, and workers of the default path
    (forked in a process with one thread, as the command's are: see the test above) report
    what the serial check reports, in order."""
    from toponyms.annotate import pool

    _move_etorofu_to_kunashir(copy)
    gazetteer = toponyms.load(copy)
    serial = list(check_properties(gazetteer, examples=3))
    assert serial
    assert list(check_properties(gazetteer, examples=3, processes=2)) == serial
    monkeypatch.setattr(pool, "can_fork", lambda: False)
    assert list(check_properties(gazetteer, examples=3, processes=2)) == serial
    assert pool._worker_gazetteer is None


def test_check_refuses_no_workers(copy: Path) -> None:
    result = check(copy, jobs=0)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == "toponyms check: --jobs must be at least 1, not 0"
