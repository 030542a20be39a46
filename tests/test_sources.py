"""A name's source must be the original page: copies are told apart by host and by shape."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from toponyms.data.sources import copy_reason

from .test_loader import FILE, edit, line_of

EDIT = "an edit page or an old revision"
PROXY = "a proxy of another page (its address is inside this one)"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://ja.wikipedia.org/wiki/%E6%8A%9E%E6%8D%89%E5%B3%B6", None),
        ("https://www.mofa.go.jp/region/europe/russia/territory/index.html", None),
        ("https://web.archive.org/web/2010/http://www.mofa.go.jp/", None),  # a snapshot: kept
        ("https://no.wiki7.org/wiki/Iturup", "a mirror (wiki7.org)"),
        ("https://www.wikiwand.com/en/Iturup", "a mirror (wikiwand.com)"),
        ("https://perceptiofr.com/wiki/Itouroup", "a machine translation (perceptiofr.com)"),
        ("https://docslib.org/doc/1/x", "a rehost (docslib.org)"),
        ("https://www.masress.com/alwafd/1", "a news aggregator (masress.com)"),
        ("https://www.marefa.org/X", "a mirror (marefa.org)"),
        ("https://dumps.wikimedia.org/enwiki/x.xml.bz2", "a dump (dumps.wikimedia.org)"),
        ("https://ru.m.wikipedia.org/wiki/X", "a mobile copy of a Wikipedia page"),
        ("http://192.0.2.7/wiki/Iturup", "a bare IP address"),
        ("https://example.org/files/names.zip", "an archive file"),
        ("https://en.wikipedia.org/w/index.php?title=Iturup&action=edit", EDIT),
        ("https://en.wikipedia.org/w/index.php?title=Iturup&oldid=123", EDIT),
        ("https://proxy.example/browse?u=https://en.wikipedia.org/wiki/Iturup", PROXY),
    ],
)  # fmt: skip
def test_copies_are_told_by_host_and_shape(url: str, reason: str | None) -> None:
    assert copy_reason(url) == reason


def test_check_warns_at_the_line_of_a_name_sourced_to_a_copy(mini_copy: Path) -> None:
    edit(
        mini_copy,
        'kind: common, source: "https://en.wikipedia.org/wiki/Shikotan"}',
        'kind: common, source: "https://www.wikiwand.com/en/Shikotan"}',
    )
    line = line_of(mini_copy, "wikiwand")
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "check", "--examples", "0", str(mini_copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0  # a warning, not an error
    assert result.stderr.splitlines() == [
        f"warning: gaz/{FILE}:{line}: places[3].names[0].source: "
        "https://www.wikiwand.com/en/Shikotan is a mirror (wikiwand.com), not an original page",
        "1 source warning(s): 4.2 % of names cite a copy",
        "note: 3 name(s), 12.5 %, cite a Wikipedia in another language than their own",
    ]


def test_check_counts_names_cited_to_another_languages_wikipedia(mini_copy: Path) -> None:
    def note() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "toponyms", "check", "--examples", "0", str(mini_copy)],
            capture_output=True,
            text=True,
        )
        return result.stderr.splitlines()[-1]

    assert note() == "note: 3 name(s), 12.5 %, cite a Wikipedia in another language than their own"
    edit(
        mini_copy,
        'kind: common, source: "https://en.wikipedia.org/wiki/Shikotan"}',
        'kind: common, source: "https://ru.wikipedia.org/wiki/Shikotan"}',
    )  # an English name cited to the Russian article
    assert note() == "note: 4 name(s), 16.7 %, cite a Wikipedia in another language than their own"
