"""The benchmark scripts run: a refactoring that breaks one breaks the suite, not the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import REPO


def run(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_normalize_benchmark_runs() -> None:
    out = run("benchmarks/normalize.py", "--repeat", "1")
    assert "toponyms.normalize (cold cache)" in out
    assert "wrong place   0.0%" in out.splitlines()[-1]


def test_coverage_script_scores_a_list(tmp_path: Path) -> None:
    variants = tmp_path / "variants.tsv"
    variants.write_text(
        "variant\tplace_id\tlang\tsource_url\n"
        "Etorofu Island\tetorofu-iturup\ten\thttps://example.org/a\n"
        "Итуруп\tetorofu-iturup\tru\thttps://example.org/b\n"
        "Kunashiri\tkunashir-kunashiri\ten\thttps://example.org/c\n"
        "Atlantis\tshikotan-island\ten\thttps://example.org/d\n"
        "泊村\ttomari-village-nemuro|tomari-village-shiribeshi\tja\thttps://example.org/e\n",
        encoding="utf-8",
    )
    look_alikes = tmp_path / "look_alikes.txt"
    look_alikes.write_text("Northern Territory\thttps://example.org/f\n", encoding="utf-8")
    out = run("benchmarks/coverage.py", str(variants), "--look-alikes", str(look_alikes))
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "all places 3/4 75.0% wrong place 0" in lines  # Atlantis is no name of Shikotan
    assert "shared by places: one of them or None 1/1 100.0%" in lines
    assert "look-alikes given a place: 0/1" in out


def test_coverage_script_refuses_unknown_places(tmp_path: Path) -> None:
    variants = tmp_path / "variants.tsv"
    variants.write_text("variant\tplace_id\tlang\nFoo\tatlantis\ten\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "benchmarks/coverage.py", str(variants)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2
    assert "unknown place IDs ['atlantis']" in result.stderr
