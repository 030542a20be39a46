"""The bundled gazetteer is found in a wheel installed far from the checkout, and ships in the
sdist (the wheel here is built from the sdist, as pip would)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow

DATA_FILES = sorted(p.name for p in (REPO / "gazetteer").glob("*.yaml"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)],
        check=True,
        capture_output=True,
    )
    return out


def test_sdist_keeps_the_top_level_gazetteer(dist: Path) -> None:
    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {Path(n).relative_to(Path(n).parts[0]).as_posix() for n in archive.getnames()}
    assert {f"gazetteer/{f}" for f in DATA_FILES} <= names
    assert "src/toponyms/py.typed" in names


def test_wheel_puts_the_gazetteer_inside_the_package(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {f"toponyms/gazetteer/{f}" for f in DATA_FILES} <= names
    assert {"toponyms/gazetteer/VERSION", "toponyms/gazetteer/CHANGELOG.md"} <= names
    assert "toponyms/py.typed" in names


def test_wheel_in_a_fresh_virtualenv_finds_its_data(dist: Path, tmp_path: Path) -> None:
    [wheel] = dist.glob("*.whl")
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import toponyms, toponyms.data.read as l, pathlib\n"
        "here = pathlib.Path(toponyms.__file__).resolve()\n"
        f"assert pathlib.Path({str(env)!r}).resolve() in here.parents, here\n"
        "assert l.bundled_gazetteer_dir() == here.parent / 'gazetteer', l.bundled_gazetteer_dir()\n"
        "assert toponyms.normalize('Etorofu') == 'etorofu-iturup'\n"
        # the engine's own data ships too: confusion tables, declension tables, country names
        "assert toponyms.normalize('Habornai') == 'habomai-islands'\n"
        "assert [m.text for m in toponyms.annotate('на Итурупе')] == ['Итурупе']\n"
        "assert toponyms.annotate('Северные территории Канады') == []\n"
        "assert toponyms.DATA_VERSION == toponyms.default_gazetteer().data_version\n"
        "print(len(toponyms.default_gazetteer()))\n"
    )
    result = subprocess.run(
        [python, "-c", code], cwd=tmp_path, check=True, capture_output=True, text=True
    )
    assert int(result.stdout) >= 40
    cli = subprocess.run(
        [env / "bin" / "toponyms", "normalize", "Kunashir"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    assert cli.stdout == "Kunashir\tkunashir-kunashiri\n"


def test_a_package_without_data_says_so(tmp_path: Path) -> None:
    """The locator refuses a missing gazetteer instead of serving an empty one."""
    package = tmp_path / "toponyms"
    shutil.copytree(
        REPO / "src" / "toponyms", package, ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.rmtree(package / "gazetteer", ignore_errors=True)  # (an editable tree has none)
    code = "import toponyms\ntoponyms.normalize('Etorofu')\n"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "the bundled gazetteer is missing" in result.stderr
