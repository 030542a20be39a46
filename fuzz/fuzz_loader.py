"""Coverage-guided fuzzing of the gazetteer loader with atheris (libFuzzer), run by hand.

The property is that of ``tests/test_fuzz_loader.py``, whose checks this harness calls: the
bytes, written as a place file (or, when the first byte is odd, as ``_generic-terms.yaml``
beside the mini fixture), are read by :func:`toponyms.load` and the lower-level readers on the
libyaml and the pure-Python path alike, or raise a :class:`toponyms.GazetteerError` whose
problems each name the file and a line inside it. Any other exception, or an assertion of the
property failing, is a crash: libFuzzer saves the input as ``crash-<sha1>`` and stops.

atheris is not a dependency of toponyms; from the root of a checkout::

    .venv/bin/pip install atheris
    mkdir -p fuzz/corpus fuzz/crashes
    .venv/bin/python fuzz/fuzz_loader.py -max_len=65536 -timeout=60 -max_total_time=3600 \\
        -artifact_prefix=fuzz/crashes/ fuzz/corpus tests/fixtures/mini \\
        tests/fuzz_regressions/loader

libFuzzer writes the inputs it finds interesting to the first directory only (``fuzz/corpus``,
which git ignores), and its crashes and slow inputs to ``-artifact_prefix`` (by default the
current directory); the other directories seed it (the mini fixture and the inputs that once
crashed). Add ``gazetteer`` and raise ``-max_len`` to 300000 to start from the real files, at
a few seconds a run.

Replay one input with ``.venv/bin/python fuzz/fuzz_loader.py crash-<sha1>``; keep each crash
as ``tests/fuzz_regressions/loader/<what-it-is>.input``, which pytest then replays.

This directory is outside pytest's ``testpaths``: the harness is never collected.
"""

from __future__ import annotations

import atexit
import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

import atheris  # type: ignore[import-untyped]

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.test_fuzz_loader

import yaml  # not instrumented: PyYAML's scanner would slow every run tenfold

with atheris.instrument_imports():
    import toponyms  # noqa: F401  (instrumented with every module it imports: _loader...)

from tests.conftest import MINI
from tests.test_fuzz_loader import (
    TERMS,
    assert_both_paths_agree,
    assert_loads_or_reports,
    assert_reads_or_reports,
    python_path_only,
)

_ROOT = Path(tempfile.mkdtemp(prefix="toponyms-fuzz-"))
_PLACES = _ROOT / "places"
_TERMS = _ROOT / "terms"
_PLACES.mkdir()
shutil.copytree(MINI, _TERMS)
atexit.register(shutil.rmtree, _ROOT, True)


def check_one_input(data: bytes) -> None:
    """The property on one input; raises on a crash."""
    as_terms = bool(data) and data[0] & 1 == 1
    directory, name = (_TERMS, TERMS) if as_terms else (_PLACES, "fuzz.yaml")
    path = directory / name
    path.write_bytes(data)
    for python_only in (False, True):
        with python_path_only() if python_only else contextlib.nullcontext():
            assert_reads_or_reports(path, f"{directory.name}/{name}")
            if python_only:  # load() reads as the readers do: once is enough to check its rest
                assert_loads_or_reports(directory, name)
    assert_both_paths_agree(data)


def main() -> None:
    assert yaml.__with_libyaml__, "PyYAML without libyaml: only one of the two paths would run"
    atheris.Setup(sys.argv, check_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
