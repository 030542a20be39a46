"""The command line: toponyms normalize | check | places, and python -m toponyms."""

from __future__ import annotations

import subprocess
import sys

import pytest

from toponyms.cli import main

from .conftest import MINI


def test_normalize_prints_name_tab_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", "Etorofu", "Итуруп", "Kunashri"]) == 0
    assert capsys.readouterr().out == (
        "Etorofu\tetorofu-iturup\nИтуруп\tetorofu-iturup\nKunashri\tkunashir-kunashiri\n"
    )


def test_normalize_exits_1_when_a_name_is_unresolved(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", "Etorofu", "Atlantis"]) == 1
    assert capsys.readouterr().out == "Etorofu\tetorofu-iturup\nAtlantis\t\n"


def test_normalize_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", "--no-fuzzy", "Etorufu"]) == 1
    assert capsys.readouterr().out == "Etorufu\t\n"
    assert main(["normalize", "--gazetteer", str(MINI), "Yuri"]) == 0
    assert capsys.readouterr().out == "Yuri\tyuri-island\n"


def test_normalize_reads_stdin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "normalize"],
        input="Iturup\n北方領土\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        result.stdout == "Iturup\tetorofu-iturup\n北方領土\tnorthern-territories-southern-kurils\n"
    )


def test_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MINI), "--examples", "0"]) == 0
    assert capsys.readouterr().out == "ok: 7 places, 24 names in 1 file(s)\n"
    assert main(["check", str(MINI), "--examples", "20"]) == 0
    assert capsys.readouterr().out == (
        "ok: 7 places, 24 names in 1 file(s)\n"
        "ok: 9 properties hold on every file (20 examples each where generated)\n"
    )


def test_check_reports_problems_without_traceback(
    tmp_path: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "/nonexistent/gazetteer"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "/nonexistent/gazetteer: is not a directory\n1 problem(s) found\n"


def test_places_lists_every_sides_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["places", "--gazetteer", str(MINI), "--dispute", "kurils-mini"]) == 0
    out = capsys.readouterr().out
    assert (
        "etorofu-iturup  (island, kurils-mini)\n"
        "  JP: Etorofu, Etorofu Island, 択捉島, えとろふとう\n"
        "  JP places it in: northern-territories-southern-kurils\n"
        "  RU: Iturup, Итуруп\n"
        "  RU places it in: northern-territories-southern-kurils > kuril-islands\n"
    ) in out
    assert "  RU: (no name: Russia does not recognise this Japanese municipality)\n" in out
    assert main(["places", "--gazetteer", str(MINI), "--dispute", "nowhere"]) == 1


def test_usage_errors_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "frobnicate"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "invalid choice: 'frobnicate'" in result.stderr
