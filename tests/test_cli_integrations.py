"""The command line's integrations: `annotate --format html`, `annotate --summary`, and the
progress bar on a terminal (never in a pipe)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from toponyms import Gazetteer
from toponyms.cli import LARGE_INPUT, main
from toponyms.html import render_documents

SEED = Path(__file__).parent.parent / "examples" / "articles" / "001_2f4aca9ebf5f498a.txt"
KURILS = "Japan lays claims to Iturup, which it calls Etorofu.\n"
DOKDO = "Tok Island is an inviolable territory of our nation.\n"


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "kurils.txt", tmp_path / "dokdo.txt"]
    for path, text in zip(paths, (KURILS, DOKDO), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


def test_annotate_format_html_writes_one_page_of_every_file(
    articles: list[Path], bundled: Gazetteer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotate", "--format", "html", *map(str, articles)]) == 0
    page = capsys.readouterr().out
    expected = [(str(p), p.read_text(encoding="utf-8")) for p in articles]
    assert page == render_documents(
        [(label, text, bundled.annotate(text)) for label, text in expected], bundled
    )
    assert page.count("<!DOCTYPE html>") == 1
    assert f"<h2>{articles[0]}</h2>" in page and f"<h2>{articles[1]}</h2>" in page
    assert (
        '<p class="summary" id="summary">3 mentions: JP\'s names once, RU\'s names once, '
        "KR's names never, other names once.</p>"
    ) in page


def test_annotate_format_html_of_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "annotate", "--format", "html"],
        input=KURILS,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "<h2>standard input</h2>" in result.stdout
    assert result.stdout.count('<mark class="mention') == 2
    assert result.stderr == ""


def test_annotate_summary_counts_each_file_and_all_of_them(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotate", "--summary", "--format", "text", *map(str, articles)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{articles[0]}: 2 mentions: JP's names once, RU's names once",
        f"{articles[1]}: 1 mention: JP's names never, KR's names never, other names once",
        "total: 3 mentions: JP's names once, RU's names once, KR's names never, other names once",
    ]


def test_annotate_summary_as_json_lines(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotate", "--summary", str(articles[0])]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records == [
        {
            "file": str(articles[0]),
            "mentions": 2,
            "parties": {"JP": 1, "RU": 1},
            "shared": 0,
            "other": 0,
            "places": {
                "etorofu-iturup": {
                    "mentions": 2,
                    "parties": {"JP": 1, "RU": 1},
                    "shared": 0,
                    "other": 0,
                }
            },
        }
    ]


def test_annotate_summary_of_the_seed_article_from_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "annotate", "--summary", "--format", "text"],
        input=SEED.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        result.stdout == "-: 6 mentions: RU's names 3 times, JP's names once, shared names twice\n"
    )


def test_summary_and_html_together_are_a_usage_error(
    articles: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["annotate", "--summary", "--format", "html", str(articles[0])]) == 2
    assert "--summary" in capsys.readouterr().err


# -- the progress bar ------------------------------------------------------------------------


def run_with_stderr_on_a_terminal(
    args: list[str], stdin: bytes | None = None
) -> tuple[int, bytes, bytes]:
    """Run ``toponyms ARGS`` with standard error on a pseudo-terminal of 100 columns and
    standard output on a pipe: (exit status, stdout, what the terminal received)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {k: v for k, v in os.environ.items() if not k.startswith("TQDM_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "toponyms", *args],
        stdin=subprocess.DEVNULL if stdin is None else subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=slave,
        env=env,
    )
    os.close(slave)
    received: list[bytes] = []

    def drain() -> None:  # the terminal's buffer is small: read it while the command runs
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the command closed the terminal
                return
            if not data:
                return
            received.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        out, _ = process.communicate(stdin, timeout=120)
    finally:
        reader.join(10)
        os.close(master)
    return process.returncode, out, b"".join(received)


def run_in_a_pipe(
    args: list[str], stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "toponyms", *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        check=True,
    )


def test_many_files_show_a_progress_bar_on_a_terminal(articles: list[Path]) -> None:
    args = ["annotate", *map(str, articles)]
    status, out, terminal = run_with_stderr_on_a_terminal(args)
    assert status == 0
    size = sum(p.stat().st_size for p in articles)
    assert b"annotating:   0%" in terminal
    assert f"/{size}".encode() in terminal  # the bytes of every file, the bar's total
    assert out == run_in_a_pipe(args).stdout  # the bar never reaches standard output


def large_stream() -> tuple[bytes, int]:
    """About twice LARGE_INPUT of copies of the seed article, and how many copies."""
    article = (SEED.read_text(encoding="utf-8") + "\n\n").encode("utf-8")
    copies = 2 * LARGE_INPUT // len(article)
    return article * copies, copies


def test_a_large_stream_shows_a_progress_bar_on_a_terminal() -> None:
    data, copies = large_stream()
    status, out, terminal = run_with_stderr_on_a_terminal(["annotate", "--summary"], data)
    assert status == 0
    # a bar with no total (a pipe's length is unknown), from once a megabyte has arrived
    assert re.search(rb"annotating: 1\.\d\dMB \[", terminal), terminal
    assert json.loads(out)["mentions"] == 6 * copies


def test_one_small_file_shows_no_bar(articles: list[Path]) -> None:
    status, _, terminal = run_with_stderr_on_a_terminal(["annotate", str(articles[0])])
    assert (status, terminal) == (0, b"")


def test_pipes_get_no_progress_bar(articles: list[Path]) -> None:
    result = run_in_a_pipe(["annotate", *map(str, articles)])
    assert result.stderr == b""
    assert run_in_a_pipe(["annotate", "--summary"], large_stream()[0]).stderr == b""
