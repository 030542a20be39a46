"""The benchmark scripts run: a refactoring that breaks one breaks the suite, not the README."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

needs_bench_extra = pytest.mark.skipif(
    importlib.util.find_spec("ahocorasick") is None
    or importlib.util.find_spec("flashtext") is None,
    reason="the bench extra (pip install -e '.[bench]') is not installed",
)


def run(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=REPO, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def lines_starting(out: str, prefix: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(prefix)]


def test_normalize_benchmark_runs() -> None:
    out = run("benchmarks/normalize.py", "--quick")
    lines = out.splitlines()
    assert len(lines_starting(out, "toponyms.normalize (cold cache)")) == 1
    (warm,) = lines_starting(out, "toponyms.normalize (warm cache)")
    assert warm.endswith("wrong place   0.0%")
    assert "100 one-typo queries never asked before, every cache cleared before each; " in out
    header = lines.index(" " * 34 + "    mean  median     p90     p99      max")
    assert lines[header + 1].startswith("rapidfuzz extractOne, WRatio >= 85 ")
    assert lines[header + 2].startswith("toponyms.normalize (never asked)   ")
    assert lines[header + 3].startswith("  toponyms / extractOne, mean ")
    assert lines[header + 4].startswith("  toponyms / extractOne, p99  ")
    assert lines[header + 3].endswith("(target <= 1.0)")


@needs_bench_extra
def test_annotate_benchmark_prints_a_table_per_variant() -> None:
    out = run("benchmarks/annotate.py", "--quick")
    titles = [line.split(":")[0] for line in lines_starting(out, "== ")]
    assert titles == ["== prose", "== real-chars", "== one-char", "== dense"]
    matchers = [line[:34].rstrip() for line in out.splitlines() if "MB/s" in line]
    ours = [
        "toponyms.annotate(fuzzy=False)",
        "toponyms.annotate(fuzzy=True)",
        "pyahocorasick + offsets + bounds",
    ]
    assert matchers == [*ours, "flashtext", *ours, *ours, *ours]  # flashtext on prose only
    ratios = [line[:36].strip() for line in out.splitlines() if "(target >= " in line]
    assert ratios == ["exact / baseline", "fuzzy / baseline"] * 2 + [
        "exact / baseline",
        "fuzzy / baseline",
        "one-char / prose (exact)",
        "exact / baseline",
        "fuzzy / baseline",
    ]
    verdicts = [word for line in out.splitlines() if "(target >= " in line
                for word in line.split() if word in ("PASS", "FAIL")]  # fmt: skip
    assert len(verdicts) == 2 * len(ratios)
    (summary,) = lines_starting(out, "targets: ")
    assert summary == f"targets: {verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL"


@needs_bench_extra
def test_annotate_benchmark_refuses_an_unknown_variant() -> None:
    result = subprocess.run(
        [sys.executable, "benchmarks/annotate.py", "--variants", "prose,poetry"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2
    assert "unknown variants ['poetry']" in result.stderr


def test_hostile_benchmark_prints_a_table_per_call() -> None:
    out = run("benchmarks/hostile.py", "--quick")
    assert lines_starting(out, "== ") == [
        "== annotate(fuzzy=False) ==",
        "== annotate(fuzzy=True) ==",
        "== normalize() ==",
        '== rewrite(text, "JP") ==',
        "== normalize() by input size (target: under 100 ms) ==",
    ]
    rows = [line.split() for line in out.splitlines() if line.startswith("prose  ")]
    assert len(rows) == 5  # prose is its own reference: ratio 1.0 in every call's table
    assert [row[4:6] for row in rows[:4]] == [["1.0", "PASS"]] * 4
    assert rows[4][0:1] + rows[4][2:3] == ["prose", "ms"]  # normalize() by input size
    shapes = lines_starting(out, "name repeated: IturupIturup…")
    assert len(shapes) == 4
    assert lines_starting(out, "text ")[0].split() == ["text", "1", "KB", "10", "KB"]
    (summary,) = lines_starting(out, "targets: ")
    table = out.splitlines()[:-1]
    verdicts = [w for line in table for w in line.split() if w in ("PASS", "FAIL")]
    assert summary == f"targets: {verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL"


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


def test_fold_benchmark_runs() -> None:
    out = run("benchmarks/fold.py", "--mb", "0.01", "--only", "en + ' …'")
    (line,) = out.splitlines()
    assert line.startswith("en + ' …'")
    assert " MB/s  peak " in line


def test_processes_benchmark_prints_both_rows_and_the_target() -> None:
    out = run("benchmarks/processes.py", "--quick")
    assert len(lines_starting(out, "serial loop (gazetteer.annotate)")) == 1
    assert len(lines_starting(out, "annotate_many(processes=2)")) == 1
    (ratio,) = lines_starting(out, "  speed-up ")
    assert "(target >= 1.6x on 2 free cores)" in ratio
    # a fresh process runs one thread: on Linux its workers are forked (and the results, which
    # the script compares with the serial loop's, are the same)
    expected = "forked from this process" if sys.platform == "linux" else "from a forkserver"
    assert lines_starting(out, "workers: ") == [
        f"workers: {expected}" + ("" if sys.platform == "linux" else ", pickled")
    ]
