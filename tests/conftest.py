"""Shared fixtures: the small engine-test gazetteer and the bundled one."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

import toponyms

MINI = Path(__file__).parent / "fixtures" / "mini"
REPO = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def mini() -> toponyms.Gazetteer:
    """The engine-test gazetteer: a few real Kuril places, pinned apart from data churn."""
    return toponyms.load(MINI)


@pytest.fixture(scope="session")
def bundled() -> toponyms.Gazetteer:
    return toponyms.default_gazetteer()


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the engine-test gazetteer, for planting faults."""
    target = tmp_path / "gaz"
    shutil.copytree(MINI, target)
    return target


pytest_plugins = ["pytester"]

# Compiled artifacts go to a directory of this run, never to the user's cache (and a cache
# left there by another version is never read).
os.environ["TOPONYMS_CACHE_DIR"] = tempfile.mkdtemp(prefix="toponyms-cache-")

# CI explores the same examples every run (no flaky failures there); local runs keep exploring.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")
