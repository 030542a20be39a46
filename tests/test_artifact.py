"""The compiled gazetteer: written once, read back equal, never stale, never fatal."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

import toponyms
from toponyms.cli import main
from toponyms.data import artifact as _artifact

from .conftest import MINI


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("TOPONYMS_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    shutil.copytree(MINI, directory)
    return directory


def test_first_annotate_writes_the_artifact_and_the_next_load_reads_it(
    cache: Path, data: Path
) -> None:
    first = toponyms.load(data)
    assert not cache.exists()  # nothing is written before the indexes are all built
    mentions = first.annotate("Etorofu and Kunashiri")
    (artifact,) = cache.glob("*.pickle")
    assert artifact.stem == _artifact.directory_key(data)
    second = toponyms.load(data)
    assert second == first
    assert second._annotator is not None  # read compiled, not built again
    assert second.annotate("Etorofu and Kunashiri") == mentions
    assert second.directory == data
    assert second.where("etorofu-iturup") == first.where("etorofu-iturup")


def test_an_edited_file_is_never_read_from_a_stale_artifact(cache: Path, data: Path) -> None:
    toponyms.load(data).compile()
    toponyms.load(data).annotate("Iturup")
    path = data / "kurils-mini.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Iturup"', '"Iturupp"'))
    edited = toponyms.load(data)
    assert edited.lookup("Iturupp").id == "etorofu-iturup"
    with pytest.raises(toponyms.UnknownNameError):
        edited.lookup("Iturup")
    assert len(list(cache.glob("*.pickle"))) == 1  # the edited data is not compiled yet


def test_a_broken_artifact_is_ignored_and_rebuilt(cache: Path, data: Path) -> None:
    toponyms.load(data).annotate("Iturup")
    (artifact,) = cache.glob("*.pickle")
    artifact.write_bytes(artifact.read_bytes()[:100])  # truncated
    again = toponyms.load(data)
    assert again.normalize("Iturup") == "etorofu-iturup"
    again.annotate("Iturup")
    assert len(artifact.read_bytes()) > 100  # written again, whole


def test_the_cache_can_be_turned_off(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOPONYMS_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    toponyms.load(data).annotate("Iturup")
    assert _artifact.cache_directory() is None
    assert not (tmp_path / "xdg").exists()


def test_an_unwritable_cache_is_not_an_error(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("TOPONYMS_CACHE_DIR", str(blocker / "cache"))
    assert toponyms.load(data).annotate("Iturup")[0].place_id == "etorofu-iturup"


def test_build_command_writes_the_artifact_load_reads(
    cache: Path, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(data), "--output", str(tmp_path / "out")]) == 0
    (artifact,) = (tmp_path / "out").glob("*.pickle")
    assert "built:" in capsys.readouterr().out
    assert main(["build", str(data)]) == 0
    assert [p.name for p in cache.glob("*.pickle")] == [artifact.name]
    loaded = _artifact.load_artifact(artifact.stem)
    assert loaded is not None and loaded == toponyms.load(data)


def test_a_gazetteer_pickles_to_an_equal_one_that_works(data: Path) -> None:
    gazetteer = toponyms.load(data)
    text = "Etorofu Islnad lies north of Shikotan."
    expected = gazetteer.annotate(text)
    again = pickle.loads(pickle.dumps(gazetteer))
    assert again == gazetteer
    assert again.annotate(text) == expected
    assert again.normalize("Etorofu Islnad") == gazetteer.normalize("Etorofu Islnad") is not None


@pytest.mark.parametrize("protocol", [4, 5])
def test_an_unpickled_gazetteer_pickles_again(data: Path, protocol: int) -> None:
    """Workers may pass on what they received: a gazetteer read from an artifact, parts of it
    not yet unpickled, pickles again (with either protocol) into one that works."""
    gazetteer = toponyms.load(data)
    gazetteer.annotate("Iturup")  # compiled: the sections exist
    once = pickle.loads(pickle.dumps(gazetteer, protocol=protocol))
    twice = pickle.loads(pickle.dumps(once, protocol=protocol))
    assert twice == gazetteer
    assert twice.normalize("Etorofu Islnad") == "etorofu-iturup"
    assert twice.annotate("Iturup")[0].place_id == "etorofu-iturup"
    assert twice.where("etorofu-iturup") == gazetteer.where("etorofu-iturup")
