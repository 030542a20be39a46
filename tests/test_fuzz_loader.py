"""Fuzzing the loader: whatever the bytes, reading succeeds or raises GazetteerError at FILE:LINE.

Two kinds of input: YAML documents built from Hypothesis strategies (nested mappings, lists and
scalars, odd keys, anchors and aliases, tags like ``!!python/object``, huge integers, invalid
UTF-8, byte-order marks, tabs, NUL, lone surrogates, very deep nesting), and byte-level
mutations of the real files of ``gazetteer/`` (bytes flipped, inserted or deleted, the file
truncated, lines duplicated, swapped or dropped). The property, for :func:`toponyms.load` and
the lower-level readers alike: the file is read, or a :class:`GazetteerError` is raised whose
problems each name a file and a line inside it. Never another exception (``yaml.YAMLError``,
``UnicodeDecodeError``, ``RecursionError``, ``KeyError``...), and never silent data loss: what
was read is what PyYAML reads, every place and name of it.

CI runs 50 examples per test (25 for the slow one that loads the whole mutated gazetteer).
Set ``TOPONYMS_FUZZ_EXAMPLES`` for a long run by hand::

    TOPONYMS_FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/test_fuzz_loader.py -p no:cacheprovider

Each crash found is kept as a file in ``tests/fuzz_regressions/loader/`` and replayed, on the
libyaml and the pure-Python path, by :func:`test_regression_inputs_read_or_report`.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import toponyms
from toponyms import GazetteerError
from toponyms.data import read as _loader
from toponyms.data.schema import (
    DOCUMENT_FIELDS,
    GENERIC_CLASS_FIELDS,
    GENERIC_FIELDS,
    NAME_FIELDS,
    PLACE_FIELDS,
)

from .conftest import MINI, REPO

EXAMPLES = int(os.environ.get("TOPONYMS_FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
REGRESSIONS = Path(__file__).parent / "fuzz_regressions" / "loader"
REAL_FILES = sorted(p.name for p in (REPO / "gazetteer").glob("*.yaml"))
TERMS = _loader.GENERIC_TERMS_FILE

# ---------------------------------------------------------------------------------------------
# The property


def line_count(data: bytes) -> int:
    """The most lines any reader may see in ``data``: YAML also breaks lines at CR, NEL, LS, PS."""
    text = data.decode("utf-8", "replace")
    return max(data.count(b"\n"), len(text.splitlines())) + 1


def assert_located(error: GazetteerError, files: dict[str, bytes]) -> None:
    """Every problem names one of ``files`` (label -> bytes) and a line inside it."""
    assert error.problems, "a GazetteerError without problems"
    for problem in error.problems:
        assert problem.path in files, f"{problem} names no file that was read"
        assert problem.line is not None, f"{problem} has no line"
        assert 1 <= problem.line <= line_count(files[problem.path]), f"{problem}: line outside"
        assert problem.message


def same(a: Any, b: Any) -> bool:
    """Equal values, where NaN equals NaN and -0.0 is not 0.0 (what a reader must keep)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or repr(a) == repr(b)
    return type(a) is type(b) and a == b


def pyyaml_value(data: bytes) -> Any:
    """What plain PyYAML reads from ``data``, which a successful strict read must equal.

    That is libyaml's reading where it takes the text, else pure-Python PyYAML's, which also
    takes what libyaml refuses (``{used_by:[RU]}``) and is left what only libyaml takes (a tab).
    """
    text = data.decode("utf-8-sig")
    if not _loader._LIBYAML_ONLY.search(text):
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.load(text, Loader=yaml.SafeLoader)


def assert_reads_or_reports(path: Path, label: str) -> None:
    """The lower-level readers on one file: its contents, complete, or located problems."""
    data = path.read_bytes()
    files = {label: data}
    value, doc, well_formed = _loader.read_yaml(path, label)
    if well_formed and not doc.problems:
        assert same(value, pyyaml_value(data)), "the strict reader read other data than PyYAML"
    elif doc.problems:
        assert_located(GazetteerError(doc.problems), files)
    else:
        raise AssertionError("read_yaml failed without a problem")
    read: Callable[..., Any] = (
        _loader.read_generic_terms if label.endswith(TERMS) else (_loader.read_file)
    )
    try:
        contents = read(path, label)
    except GazetteerError as exc:
        assert_located(exc, files)
        return
    assert well_formed and not doc.problems
    if isinstance(contents, _loader.FileContents):
        assert_nothing_lost(value, contents.places, contents.should_not_match)
    else:
        assert [(c.id, list(c.terms)) for c in contents.classes] == [
            (c["id"], c["terms"]) for c in value["classes"]
        ]


def assert_nothing_lost(value: Any, places: Any, should_not_match: list[str]) -> None:
    """Every place and name of the YAML is in the model, in order."""
    assert [p.id for p in places] == [p["id"] for p in value["places"]]
    for place, entry in zip(places, value["places"], strict=True):
        assert [n.text for n in place.names] == [n["text"] for n in entry["names"]]
        assert [sorted(n.used_by) for n in place.names] == [
            sorted(n["used_by"]) for n in entry["names"]
        ]
    assert should_not_match == value.get("should_not_match", [])


def assert_loads_or_reports(directory: Path, mutated: str) -> None:
    """``toponyms.load(directory)``: a gazetteer holding every place, or located problems."""
    root = directory.name
    files = {f"{root}/{p.name}": p.read_bytes() for p in directory.glob("*.yaml")}
    try:
        gazetteer = toponyms.load(directory)
    except GazetteerError as exc:
        assert_located(exc, files)
        return
    if mutated == TERMS:
        return
    value = pyyaml_value(files[f"{root}/{mutated}"])
    for entry in value["places"]:
        place = gazetteer.get(entry["id"])
        assert place is not None, f"{entry['id']} was lost"
        assert [n.text for n in place.names] == [n["text"] for n in entry["names"]]
    for phrase in value.get("should_not_match", []):
        assert phrase in gazetteer.should_not_match


@contextmanager
def directory_with(source: Path | None, name: str, data: bytes) -> Iterator[Path]:
    """A temporary gazetteer directory: a copy of ``source`` (or nothing) with ``name`` set."""
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp) / "gaz"
        if source is None:
            directory.mkdir()
        else:
            shutil.copytree(source, directory)
        (directory / name).write_bytes(data)
        yield directory


@contextmanager
def python_path_only() -> Iterator[None]:
    """Take the pure-Python path, as on a PyYAML built without libyaml."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_loader, "_fast_compose", lambda text: None)
        yield


def check_everything(data: bytes, name: str) -> None:
    """The property on ``data`` as file ``name``, alone (or beside the mini fixture when it is
    the generic-terms file), through load() and through the readers."""
    with directory_with(MINI if name == TERMS else None, name, data) as directory:
        assert_loads_or_reports(directory, name)
        assert_reads_or_reports(directory / name, f"gaz/{name}")


def assert_both_paths_agree(data: bytes) -> None:
    """libyaml and the pure-Python loader read the same values, lines and problems."""
    text, _ = _loader._decode("f.yaml", data)
    if text is None:
        return
    fast_value, fast_doc, fast_ok = _loader._parse("f.yaml", text)
    with python_path_only():
        slow_value, slow_doc, slow_ok = _loader._parse("f.yaml", text)
    assert (fast_ok, fast_doc.empty) == (slow_ok, slow_doc.empty)
    assert same(fast_value, slow_value)
    assert fast_doc.lines == slow_doc.lines
    assert fast_doc.problems == slow_doc.problems


# ---------------------------------------------------------------------------------------------
# (a) YAML documents from strategies

SCHEMA_KEYS = sorted(
    {*DOCUMENT_FIELDS, *PLACE_FIELDS, *NAME_FIELDS, *GENERIC_FIELDS, *GENERIC_CLASS_FIELDS}
)
ODD_KEYS = [
    "",
    '""',
    "? a",
    "-",
    "<<",
    "=",
    "~",
    "null",
    "true",
    "NO",
    "1",
    "01",
    "1.5",
    "0x1F",
    ".nan",
    "a.b",
    "places[0]",
    "<key>",
    "\ufeff",
    "日本",
    "'a: b'",
    '"\\ud800"',
    "[a, b]",
    "{a: 1}",
    "&x a",
    "*x",
    "!!python/object:os.system a",
    "!!binary aGk=",
    "2001-12-14",
    "a\tb",
    "#",
]
SCALARS = [
    # what the schema reads
    "1", "kuril-islands", "JP", "RU", "[JP, RU]", "island", "ja-Latn", "official",
    "https://example.org/wiki/Kuril_Islands", "true", "false", "Kurils", "千島列島", "Курилы",
    # what YAML 1.1 reads as something else
    "~", "null", "", "NO", "yes", "on", "0o17", "0b1010", "0x_1F", "1_000", "1:20:30", "-.inf",
    ".nan", "1e999", "1.0e+999", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-13-45",
    # huge numbers
    "9" * 4301, "-" + "1" * 5000, "0x" + "f" * 5000, "0b" + "1" * 20000, "1" + "0" * 400 + ".5",
    # tags
    "!!python/object:os.system x", "!!python/object/apply:os.system [ls]", "!!python/name:os.sep",
    "!!binary aGk=", "!!binary '!!'", "!!int x", "!!int ''", "!!float x", "!!bool maybe",
    "!!timestamp soon", "!!str 1", "!!null x", "!!set {a}", "!!omap [a: 1]", "!!pairs [a: 1]",
    "!!merge x", "!!value x", "!!set x", "!!map x", "!!seq x", "!!omap x", "!foo x",
    "!<tag:example.org,2000:x> y", "! x", "!", "!!map [1]",
    # anchors and aliases
    "&a 1", "*a", "&a [1, *a]", "&a", "*",
    # characters YAML refuses or treats specially
    "\t", "a\tb", "\x00", "\x07", "\x7f", "\x85", "\u2028", "\u2029", "\r", "\ufeff", "\ufffe",
    "'it''s'", '"\\x41\\u00e9\\U0001F600"', '"\\ud800"', '"\\udc80x"', '"\\x"', '"\\N\\_\\L"',
    "\udcff", "\udc80\udc80", "\ud800", "'unclosed", '"unclosed', "|\n  block", ">-\n  folded",
    "%YAML 1.1", "--- x", "...", "? x", ": x", "- x", "@x", "`x", "{", "}", "[", "]", ",",
]  # fmt: skip


@st.composite
def deep(draw: st.DrawFn) -> str:
    """A flow or block structure nested 50 to 3,000 levels deep."""
    depth = draw(st.sampled_from([50, 63, 64, 65, 100, 999, 1000, 1001, 3000]))
    shape = draw(st.sampled_from(["list", "mapping", "block"]))
    if shape == "list":
        return "[" * depth + "]" * depth
    if shape == "mapping":
        return "{a: " * depth + "1" + "}" * depth
    return "\n" + "".join(f"{' ' * (i + 2)}- \n" for i in range(min(depth, 300)))


def scalars() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(SCALARS),
        st.text(max_size=12).map(json.dumps),  # double-quoted, every code point escaped or not
        st.text(st.characters(codec="utf-8"), max_size=12),  # anything, plain
        deep(),
    )


def keys() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(SCHEMA_KEYS), st.sampled_from(ODD_KEYS), st.text(max_size=8))


Tree = Any  # a scalar's source text, or ("list" | "map", flow: bool, items)


def trees() -> st.SearchStrategy[Tree]:
    return st.recursive(
        scalars(),
        lambda children: st.one_of(
            st.tuples(st.just("list"), st.booleans(), st.lists(children, max_size=5)),
            st.tuples(
                st.just("map"), st.booleans(), st.lists(st.tuples(keys(), children), max_size=5)
            ),
        ),
        max_leaves=25,
    )


def flow(tree: Tree) -> str:
    if isinstance(tree, str):
        return tree
    kind, _, items = tree
    if kind == "list":
        return "[" + ", ".join(flow(item) for item in items) + "]"
    return "{" + ", ".join(f"{key}: {flow(value)}" for key, value in items) + "}"


def render(tree: Tree, indent: int = 0) -> str:
    """YAML source for ``tree``: block style where it says so, flow style elsewhere."""
    if isinstance(tree, str) or tree[1] or not tree[2]:
        return " " * indent + flow(tree) + "\n"
    kind, _, items = tree
    pad = " " * indent
    lines = []
    for item in items:
        head, value = (f"{pad}- ", item) if kind == "list" else (f"{pad}{item[0]}:", item[1])
        if isinstance(value, str) or value[1] or not value[2]:
            lines.append(f"{head} {flow(value)}\n")
        else:
            lines.append(f"{head.rstrip()}\n{render(value, indent + 2)}")
    return "".join(lines)


def encode(text: str) -> bytes:
    """UTF-8, where a lone surrogate becomes the invalid bytes it stands for."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


@st.composite
def yaml_documents(draw: st.DrawFn) -> bytes:
    """The bytes of a YAML file: a generated tree between odd prefixes and suffixes."""
    tree = draw(
        st.one_of(
            trees(),
            st.tuples(  # shaped like a gazetteer file, so the schema checks get a say
                st.just("map"),
                st.just(False),
                st.lists(st.tuples(st.sampled_from(SCHEMA_KEYS), trees()), max_size=8),
            ),
        )
    )
    prefix = draw(st.sampled_from(["", "\ufeff", "# c\n", "---\n", "%YAML 1.1\n---\n", "\t", "\n"]))
    suffix = draw(st.sampled_from(["", "\n", "...\n", "---\nb: 1\n", "# end", "\x00", "\ufeff"]))
    data = encode(prefix + render(tree) + suffix)
    noise = draw(st.sampled_from([b"", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf"]))
    at = draw(st.integers(0, len(data)))
    return data[:at] + noise + data[at:]


@FUZZ
@given(data=yaml_documents(), name=st.sampled_from(["fuzz.yaml", TERMS]))
@example(data=b"", name="fuzz.yaml")
@example(data=b"# only a comment\n", name=TERMS)
@example(data=b"- a\n- b\n", name="fuzz.yaml")
@example(data=b"just text\n", name=TERMS)
@example(data=b"[" * 5000 + b"]" * 5000, name="fuzz.yaml")
@example(data=b"format: " + b"9" * 5000, name="fuzz.yaml")
@example(data=b"true: a\n1: b\n", name="fuzz.yaml")
def test_generated_yaml_reads_or_reports_at_a_line(data: bytes, name: str) -> None:
    check_everything(data, name)
    with python_path_only():
        check_everything(data, name)


@FUZZ
@given(data=yaml_documents())
@example(data=b"a: 1\n")
def test_libyaml_and_python_paths_read_generated_yaml_alike(data: bytes) -> None:
    assert_both_paths_agree(data)


# ---------------------------------------------------------------------------------------------
# (b) mutations of the real files

TOKENS = [
    b"\t", b"\x00", b"\r", b"\n", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"&a ",
    b"*a", b"!!python/object:os.system ", b"!!set ", b"[", b"]", b"{", b"}", b": ", b"- ", b"'",
    b'"', b"#", b"? ", b"|", b">", b"%", b"---\n", b"...\n", b"9" * 5000, b"2001-13-45", b"~",
    b"\\ud800", b"[" * 2000,
]  # fmt: skip


SOURCES = {
    **{name: (REPO / "gazetteer" / name).read_bytes() for name in REAL_FILES},
    "kurils-mini.yaml": (MINI / "kurils-mini.yaml").read_bytes(),
}


@st.composite
def mutations(draw: st.DrawFn, source: str) -> bytes:
    """The file ``source`` (a key of SOURCES) after one to four edits of its bytes or lines."""
    out = bytearray(SOURCES[source])
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(
            st.sampled_from(
                ["flip", "insert", "token", "delete", "truncate", "duplicate", "swap", "drop"]
            )
        )
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if edit == "flip" and out:
            out[at] ^= 1 << draw(st.integers(0, 7))
        elif edit == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif edit == "token":
            out[at:at] = draw(st.sampled_from(TOKENS))
        elif edit == "delete":
            del out[at : at + draw(st.integers(1, 16))]
        elif edit == "truncate":
            del out[at:]
        else:
            lines = out.splitlines(keepends=True)
            if not lines:
                continue
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            if edit == "duplicate":
                lines.insert(j, lines[i])
            elif edit == "swap":
                lines[i], lines[j] = lines[j], lines[i]
            else:
                del lines[i]
            out = bytearray(b"".join(lines))
    return bytes(out)


@contextmanager
def unchanged_files_read_once() -> Iterator[None]:
    """Memoize read_file on (label, bytes): load() then parses only the mutated file again."""
    read = _loader.read_file
    memo: dict[tuple[str | None, bytes], _loader.FileContents] = {}

    def read_file(path: Path | str, label: str | None = None) -> _loader.FileContents:
        key = (label, Path(path).read_bytes())
        if key not in memo:
            memo[key] = read(path, label)  # an error is not kept: the mutated file raises anew
        return memo[key]

    with pytest.MonkeyPatch.context() as m:
        m.setattr(_loader, "read_file", read_file)
        yield


@settings(FUZZ, max_examples=max(EXAMPLES // 2, 1))  # each loads the whole gazetteer
@given(name=st.sampled_from(REAL_FILES), data=st.data())
def test_a_mutated_real_file_loads_or_reports_at_a_line(name: str, data: st.DataObject) -> None:
    """The whole bundled gazetteer with one file mutated, through load()."""
    mutated = data.draw(mutations(name), label="mutated")
    with unchanged_files_read_once(), directory_with(REPO / "gazetteer", name, mutated) as tmp:
        assert_loads_or_reports(tmp, name)


@FUZZ
@given(name=st.sampled_from(["kurils-mini.yaml", TERMS]), data=st.data())
def test_a_mutated_small_file_reads_or_reports_alike_on_both_paths(
    name: str, data: st.DataObject
) -> None:
    """The mini fixture or the generic terms mutated, through the readers and both paths."""
    mutated = data.draw(mutations(name), label="mutated")
    check_everything(mutated, name)
    with python_path_only():
        check_everything(mutated, name)
    assert_both_paths_agree(mutated)


# ---------------------------------------------------------------------------------------------
# Inputs that once crashed the loader


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.input")), ids=lambda path: path.stem)
@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "python"])
def test_regression_inputs_read_or_report(path: Path, fast: bool) -> None:
    """Each file there is read as a place file and as the generic-terms file."""
    data = path.read_bytes()
    if fast:
        check_everything(data, "fuzz.yaml")
        check_everything(data, TERMS)
    else:
        with python_path_only():
            check_everything(data, "fuzz.yaml")
            check_everything(data, TERMS)
    assert_both_paths_agree(data)
