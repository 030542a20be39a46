"""The documentation's examples are real: the worked example loads, its errors are as shown."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from toponyms import Gazetteer

from .conftest import REPO

FORMAT_DOC = REPO / "docs" / "gazetteer-format.md"


def blocks(language: str) -> list[str]:
    text = FORMAT_DOC.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, re.S)


def check(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "toponyms", "check", "gazetteer"],
        cwd=directory,
        capture_output=True,
        text=True,
    )


def test_worked_example_is_a_valid_gazetteer(tmp_path: Path) -> None:
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "kuril-islands.yaml").write_text(blocks("yaml")[0], "utf-8")
    result = check(tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == "ok: 7 places, 21 names in 1 file(s)"
    assert result.stdout.splitlines()[1].startswith("ok: 9 properties hold on every file")


def test_documented_errors_are_what_check_prints(tmp_path: Path) -> None:
    example, _generic, broken = blocks("yaml")
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "kuril-islands.yaml").write_text(example + broken, "utf-8")
    [shown] = blocks("text")
    result = check(tmp_path)
    assert result.returncode == 1
    assert "$ toponyms check gazetteer\n" + result.stderr == shown


def test_readme_counts_match_the_data(bundled: Gazetteer) -> None:
    from toponyms.data.summary import dispute_rows, markdown_table

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert markdown_table(dispute_rows(bundled)) in readme
