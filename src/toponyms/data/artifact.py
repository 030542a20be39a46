"""The compiled gazetteer: a gazetteer's checked places and built indexes in one file.

Reading YAML, checking it and building the indexes is the slow part of a cold start; the
result depends only on the data files and on this library's own code and language data. So
the first load of a directory writes the built gazetteer to the user's cache directory, keyed
by a hash of all of those, and every later load reads it back (``toponyms build`` does it
ahead of time; the wheel ships the bundled data prebuilt). A key that differs (a file edited,
the library upgraded) is a different file: a stale artifact is never read.

The cache directory is ``$TOPONYMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/toponyms``, else
``~/.cache/toponyms``; ``TOPONYMS_CACHE_DIR=off`` turns the cache off. The artifact is a
pickle: like every cache of Python objects, it is as trustworthy as the directory it is in.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from .._model import Place
    from ..gazetteer import Gazetteer

__all__ = [
    "Sectioned",
    "artifact_key",
    "build",
    "cache_directory",
    "directory_key",
    "load_artifact",
    "pack",
    "save_artifact",
    "unpack",
]

#: The layout of an artifact; a change of code changes the key anyway (see _code_hash).
FORMAT = 1
_MAGIC = b"toponyms-artifact\n"


def cache_directory() -> Path | None:
    """Where artifacts are kept; None when the cache is off."""
    configured = os.environ.get("TOPONYMS_CACHE_DIR")
    if configured is not None:
        return None if configured.lower() in ("", "0", "off", "false") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "toponyms"


@cache
def _code_hash() -> str:
    """A hash of the library's own code and data (its .py and .yaml files): an upgrade, or an
    edit of a language file, makes every earlier artifact stale."""
    digest = hashlib.sha256()
    root = resources.files("toponyms")
    stack = [root]
    files = []
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name not in ("__pycache__", "gazetteer", "_compiled"):
                    stack.append(entry)
            elif entry.name.endswith((".py", ".yaml")):
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry).rsplit("toponyms", 1)[-1].encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()


def artifact_key(files: list[Path], label: str = "") -> str:
    """The key of a gazetteer read from ``files`` (its YAML files, its generic terms and its
    VERSION file): a hash of their names and bytes, of the library's code and data, of the
    artifact format and of the Python version."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}|{sys.version_info[0]}.{sys.version_info[1]}|{label}|".encode())
    digest.update(_code_hash().encode())
    for path in sorted(files, key=lambda p: p.name):
        digest.update(b"\0" + path.name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def directory_key(directory: Path) -> str:
    """The artifact key of a gazetteer directory: its name (problems and ``where()`` name
    files as ``<directory>/<file>``), its place files, the generic terms it reads (its own,
    else the bundled ones) and its VERSION file."""
    from .read import gazetteer_files, generic_terms_file

    sources = [*gazetteer_files(directory), generic_terms_file(directory), directory / "VERSION"]
    return artifact_key([p for p in sources if p.is_file()], label=directory.resolve().name)


def build(directory: Path, output: Path | None = None) -> Path:
    """Read, check and compile the gazetteer of ``directory`` and write its artifact into
    ``output`` (default: the cache directory); the artifact's path. ``toponyms build``."""
    from ..gazetteer import Gazetteer

    key = directory_key(directory)
    gazetteer = Gazetteer.from_directory(directory, compiled=False)
    written = save_artifact(gazetteer, key, output)
    if written is None:
        where = output or cache_directory() or "the cache (TOPONYMS_CACHE_DIR=off)"
        raise OSError(f"cannot write the compiled gazetteer to {where}")
    return written


def _bundled(key: str) -> Path | None:
    """The prebuilt artifact shipped in the wheel for the bundled data, if its key is ``key``."""
    shipped = resources.files("toponyms").joinpath("_compiled", f"{key}.pickle")
    return Path(str(shipped)) if shipped.is_file() else None


def load_artifact(key: str) -> Gazetteer | None:
    """The gazetteer of artifact ``key``, from the wheel or the cache; None when there is none
    (or it cannot be read: a truncated or foreign file is ignored, and rebuilt)."""
    candidates = [_bundled(key)]
    directory = cache_directory()
    if directory is not None:
        candidates.append(directory / f"{key}.pickle")
    for path in candidates:
        if path is None or not path.is_file():
            continue
        try:
            with path.open("rb") as stream:  # streamed: no copy of the whole file in memory
                if stream.readline() != _MAGIC or stream.readline() != key.encode() + b"\n":
                    continue
                with _no_gc():
                    gazetteer: Gazetteer = pickle.load(stream)
        except Exception:
            continue
        return gazetteer
    return None


def artifact_bytes(gazetteer: Gazetteer, key: str) -> bytes:
    """The artifact of a built gazetteer, under ``key``."""
    gazetteer.compile()
    return _MAGIC + key.encode() + b"\n" + pickle.dumps(gazetteer, protocol=5)


def save_artifact(gazetteer: Gazetteer, key: str, directory: Path | None = None) -> Path | None:
    """Write the artifact of ``gazetteer`` under ``key`` into ``directory`` (default: the cache
    directory); its path, or None when the cache is off or cannot be written."""
    directory = directory if directory is not None else cache_directory()
    if directory is None:
        return None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        data = artifact_bytes(gazetteer, key)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".artifact-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        target = directory / f"{key}.pickle"
        os.replace(temporary, target)  # atomic: a reader sees the old file or the new one
    except OSError:
        return None
    return target


# -- sections: parts of a pickled gazetteer read on first use -----------------------------------


class _PlacePickler(pickle.Pickler):
    """Writes the gazetteer's places and names as references: a section unpickles into the
    very objects the gazetteer holds, without copies."""

    def __init__(
        self, file: io.BytesIO, places: Mapping[str, Place], shared: Mapping[str, object]
    ) -> None:
        super().__init__(file, protocol=5)
        self._ids: dict[int, tuple[str, ...]] = {id(v): ("shared", k) for k, v in shared.items()}
        for place in places.values():
            self._ids[id(place)] = ("place", place.id)
            for i, name in enumerate(place.names):
                self._ids[id(name)] = ("name", place.id, str(i))

    def persistent_id(self, obj: object) -> tuple[str, ...] | None:
        return self._ids.get(id(obj))


class _PlaceUnpickler(pickle.Unpickler):
    def __init__(
        self, file: io.BytesIO, places: Mapping[str, Place], shared: Mapping[str, object]
    ) -> None:
        super().__init__(file)
        self._places = places
        self._shared = shared

    def persistent_load(self, pid: tuple[str, ...]) -> object:
        if pid[0] == "shared":
            return self._shared[pid[1]]
        if pid[0] == "place":
            return self._places[pid[1]]
        return self._places[pid[1]].names[int(pid[2])]


def pack(value: object, places: Mapping[str, Place], shared: Mapping[str, object]) -> bytes:
    """``value`` pickled, with references to ``places``, their names and the ``shared``
    objects (the gazetteer, its typo index...) instead of copies (see :func:`unpack`)."""
    buffer = io.BytesIO()
    _PlacePickler(buffer, places, shared).dump(value)
    return buffer.getvalue()


def unpack(data: bytes, places: Mapping[str, Place], shared: Mapping[str, object]) -> Any:
    """The value :func:`pack` pickled, its places, names and shared objects taken from the
    arguments."""
    with _no_gc():
        return _PlaceUnpickler(io.BytesIO(data), places, shared).load()


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: unpickling creates objects by the hundred
    thousand, none of them garbage, and each collection would walk them all (it halves the
    time of a load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Sectioned:
    """Pickled state that keeps some attributes as sections, unpickled on first use.

    A subclass names its sections (``SECTIONS``: section -> attribute names), the places and
    shared objects a section refers to rather than copies (:meth:`_section_refs`), and calls
    :meth:`_pack_sections` on the state its ``__getstate__`` returns. After unpickling, the
    first access to an attribute of a section reads the whole section, under a lock.
    """

    SECTIONS: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def _section_refs(self) -> tuple[Mapping[str, Place], Mapping[str, object]]:
        raise NotImplementedError

    def _pack_sections(self, state: dict[str, object]) -> None:
        """Move the sections' attributes out of ``state`` into packed sections (a section
        not yet read stays packed as it was)."""
        state.pop("_section_lock", None)
        sections: dict[str, bytes] = dict(self.__dict__.get("_sections", {}))
        places, shared = self._section_refs()
        for section, names in self.SECTIONS.items():
            if all(name in state for name in names):
                values = tuple(state.pop(name) for name in names)
                sections[section] = pack(values, places, shared)
        state["_sections"] = sections

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._section_lock = threading.Lock()

    def __getattr__(self, name: str) -> object:
        sections = self.__dict__.get("_sections")
        section = next((s for s, names in self.SECTIONS.items() if name in names), None)
        if section is None or not sections or section not in sections:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        with self.__dict__["_section_lock"]:
            if name not in self.__dict__:
                places, shared = self._section_refs()
                values = unpack(sections[section], places, shared)
                self.__dict__.update(zip(self.SECTIONS[section], values, strict=True))
                del sections[section]  # the objects now stand for it, also when pickled again
        return self.__dict__[name]
