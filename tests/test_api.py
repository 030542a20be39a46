"""The front door: a small public API, lazy and thread-safe loading, no I/O at import."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import toponyms
from toponyms.data.read import read_file

from .conftest import MINI


def test_public_api_is_exactly_what_init_lists() -> None:
    assert sorted(toponyms.__all__) == sorted(
        [
            "DATA_VERSION",
            "AmbiguousNameError",
            "Candidate",
            "Context",
            "Dispute",
            "Gazetteer",
            "GazetteerError",
            "Mention",
            "Name",
            "Perspective",
            "Place",
            "Point",
            "Problem",
            "UnknownNameError",
            "__version__",
            "annotate",
            "annotate_many",
            "default_gazetteer",
            "fold",
            "get",
            "load",
            "lookup",
            "normalize",
            "perspective",
            "rewrite",
            "search",
        ]
    )
    assert all(hasattr(toponyms, name) for name in toponyms.__all__)


def test_import_reads_no_data() -> None:
    code = (
        "import builtins, pathlib\n"
        "opened = []\n"
        "real = pathlib.Path.read_bytes\n"
        "pathlib.Path.read_bytes = lambda self: opened.append(self) or real(self)\n"
        "import toponyms\n"
        "assert toponyms._default is None, 'loaded at import'\n"
        "assert opened == [], opened\n"
        "assert toponyms.normalize('Etorofu') == 'etorofu-iturup'\n"
        "assert any(p.suffix == '.yaml' for p in opened)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_default_gazetteer_loads_once_under_concurrency() -> None:
    code = (
        "import threading, toponyms, toponyms.gazetteer as g\n"
        "calls = []\n"
        "real = g.Gazetteer.from_directory.__func__\n"
        "def counted(cls, p=None):\n"
        "    calls.append(p)\n"
        "    return real(cls, p)\n"
        "g.Gazetteer.from_directory = classmethod(counted)\n"
        "seen = []\n"
        "def work():\n"
        "    seen.append(toponyms.normalize('Итуруп'))\n"
        "threads = [threading.Thread(target=work) for _ in range(16)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert calls == [None], calls\n"
        "assert seen == ['etorofu-iturup'] * 16, seen\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_module_functions_use_the_bundled_gazetteer() -> None:
    assert toponyms.normalize("Kunashiri") == "kunashir-kunashiri"
    assert toponyms.lookup("国後島").id == "kunashir-kunashiri"
    place = toponyms.get("kunashir-kunashiri")
    assert place is not None and place is toponyms.lookup("Kunashir")
    assert toponyms.search("Kunashiri", limit=1)[0].place_id == "kunashir-kunashiri"
    assert toponyms.default_gazetteer() is toponyms.default_gazetteer()


def test_load_returns_a_fresh_gazetteer_with_the_same_methods(tmp_path: Path) -> None:
    gazetteer = toponyms.load()
    assert gazetteer is not toponyms.default_gazetteer()
    assert len(gazetteer) == len(toponyms.default_gazetteer())
    assert gazetteer.normalize("Etorofu") == "etorofu-iturup"


def test_normalize_maps_over_a_column() -> None:
    column = ["Iturup", "Etorofu", "択捉島", "Kunashir", "Atlantis", "Shikotan"]
    assert list(map(toponyms.normalize, column)) == [
        "etorofu-iturup",
        "etorofu-iturup",
        "etorofu-iturup",
        "kunashir-kunashiri",
        None,
        "shikotan-island",
    ]


def test_gazetteer_is_shareable_between_threads() -> None:
    gazetteer = toponyms.load()  # fresh: the threads race to build its caches
    names = ["Etorofu", "Kunashri", "Южные Курилы", "Habomai Islands", "Atlantis"] * 50
    texts = ["Japan claims Kunashir, which it calls Kunashiri, and 北方領土.", "no place"] * 25
    expected = (
        [toponyms.normalize(n) for n in names],
        [toponyms.annotate(t) for t in texts],
    )
    assert expected[0][:5] == [
        "etorofu-iturup",
        "kunashir-kunashiri",
        "northern-territories-southern-kurils",
        "habomai-islands",
        None,
    ]
    assert [len(m) for m in expected[1][:2]] == [3, 0]
    results: list[tuple[list[str | None], list[list[toponyms.Mention]]]] = []

    def work() -> None:
        results.append(
            ([gazetteer.normalize(n) for n in names], [gazetteer.annotate(t) for t in texts])
        )

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4


@pytest.mark.parametrize("start", ["fork", "forkserver"])
def test_annotate_many_workers_use_the_very_gazetteer(
    tmp_path: Path, start: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A gazetteer built in memory from a modified copy of the data, whose directory is then
    deleted: worker processes must annotate with the object they were given, not reload any
    data from disk (neither the copy, gone, nor the bundled data, which lacks the change),
    whether they are forked from this process or started by a forkserver and sent it pickled."""
    from toponyms.annotate import pool

    if start == "fork":
        if not pool.can_fork():  # a thread an earlier test left (Dask's, Spark's) is alive
            pytest.skip("forking is unsafe in this process now: another thread runs")
    else:
        monkeypatch.setattr(pool, "can_fork", lambda: False)
    directory = tmp_path / "gaz"
    shutil.copytree(MINI, directory)
    path = directory / "kurils-mini.yaml"
    shikotan = '{text: "Shikotan", lang: en,'
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if shikotan in line)
    lines.insert(at + 1, lines[at].replace('"Shikotan"', '"Atlantis"'))
    path.write_text("".join(lines), encoding="utf-8")
    gazetteer = toponyms.Gazetteer([read_file(path, label=path.name)])
    shutil.rmtree(directory)
    texts = ["Iturup", "no place here", "択捉島と国後島", "Atlantis", "Юрий and Etorofu"] * 3
    expected = [[(m.text, m.place_id) for m in gazetteer.annotate(t)] for t in texts]
    assert expected[:5] == [
        [("Iturup", "etorofu-iturup")],
        [],
        [("択捉島", "etorofu-iturup")],
        [("Atlantis", "shikotan-island")],
        [("Юрий", "yuri-island"), ("Etorofu", "etorofu-iturup")],
    ]
    serial = [gazetteer.annotate(t) for t in texts]
    assert list(gazetteer.annotate_many(texts)) == serial
    assert list(gazetteer.annotate_many(texts, processes=2)) == serial


def test_data_version_is_exposed_and_matches_the_changelog() -> None:
    from pathlib import Path

    changelog = (Path(__file__).parent.parent / "gazetteer" / "CHANGELOG.md").read_text("utf-8")
    assert f"## {toponyms.DATA_VERSION}\n" in changelog
    assert toponyms.default_gazetteer().data_version == toponyms.DATA_VERSION
