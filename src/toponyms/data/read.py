"""Reading gazetteer YAML into model objects, with ``FILE:LINE`` errors; finding the bundled data.

YAML is read safely and strictly: anchors and aliases are refused while composing (a "billion
laughs" document fails at its first anchor, using no memory), duplicate mapping keys are errors
rather than PyYAML's silent last-one-wins, and undecodable bytes are reported at their line.
Whatever the bytes, reading raises :class:`GazetteerError` and nothing else: nesting deeper than
:data:`MAX_DEPTH` is refused before it is composed (no ``RecursionError``), a scalar the safe
constructor cannot build (``!!int x``, a 5,000-digit integer, the date 2001-13-45) is a problem
at its line, and a tag on a mapping or list (``!!set``, ``!!omap``) is refused rather than
ignored, as is a collection tag on a scalar (``!!set x``, which PyYAML would read as an empty
set). A file with no document at all (empty, only comments, or a lone ``---``) is reported
at line 1.
"""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from .._errors import GazetteerError, Problem
from .._model import Context, Dispute, Name, Place, Point
from .generic import GenericClass, GenericTerms
from .schema import (
    DOCUMENT_FIELDS,
    GENERIC_FIELDS,
    as_date,
    check_document,
    check_generic_terms,
)

__all__ = [
    "GENERIC_TERMS_FILE",
    "MAX_DEPTH",
    "bundled_gazetteer_dir",
    "file_label",
    "gazetteer_files",
    "generic_terms_file",
    "read_directory",
    "read_file",
    "read_generic_terms",
]

#: The file of a gazetteer directory that lists generic terms (Island, остров, 島...).
GENERIC_TERMS_FILE = "_generic-terms.yaml"

#: How deeply mappings and lists may nest. A gazetteer needs six levels (file, places, place,
#: names, name, used_by); the limit keeps a hostile file far below Python's recursion limit.
MAX_DEPTH = 64

_PATH_PARENT = re.compile(r"(?:\.[^.\[]+|\[\d+\])$")

#: The tags a mapping or a list may carry: the ones YAML gives them by default.
_COLLECTION_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})

#: Errors PyYAML's safe constructor lets escape on a malformed scalar: int('9' * 5000),
#: datetime.date(2001, 13, 45), bool_values['maybe'] for ``!!bool maybe``, ``!!int ''``...
_SCALAR_ERRORS = (ValueError, TypeError, KeyError, IndexError, AttributeError, OverflowError)

#: A lone surrogate: what a YAML escape like "\ud800" yields; no UTF-8 text can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")

#: What libyaml reads and PyYAML refuses: a tab (``a\tb: 1``, ``k:\t[x]``), a comment right
#: after a block scalar's header (``|#``), a question mark and a space inside a plain scalar
#: of a flow mapping (``{l? ang: en}``). Text holding one is left to PyYAML, the stricter.
_LIBYAML_ONLY = re.compile(r"\t|[|>][-+0-9]*#|\?[ \n]")


class _StrictLoader(yaml.SafeLoader):
    """A SafeLoader that refuses anchors, aliases and deep nesting before it builds anything."""

    _depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases are not allowed in a gazetteer file",
                problem_mark=mark,
            )
        if getattr(event, "tag", None) == "!":  # libyaml reads "a: !" as '', PyYAML as None
            problem = "the non-specific tag '!' is not allowed in a gazetteer file"
            raise yaml.MarkedYAMLError(problem=problem, problem_mark=mark)
        if isinstance(event, yaml.CollectionStartEvent) and self._depth >= MAX_DEPTH:
            problem = f"mappings and lists nest more than {MAX_DEPTH} levels deep"
            raise yaml.MarkedYAMLError(problem=problem, problem_mark=mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Document:
    """A parsed YAML document as plain Python values, plus the line of every field path."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.lines: dict[str, int] = {}
        self.problems: list[Problem] = []
        #: Whether the text held no document at all: empty, only comments, or a lone ``---``.
        self.empty = False

    def line_of(self, field: str) -> int | None:
        """The line of ``field``, or of its nearest ancestor that has one."""
        while True:
            if field in self.lines:
                return self.lines[field]
            parent = _PATH_PARENT.sub("", field)
            if parent == field:
                return self.lines.get("")
            field = parent

    def report(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.line_of(field), field or None, message))

    def convert(self, node: yaml.Node, loader: Any, field: str) -> Any:
        """The value of ``node``, recording the line of every field; raise ``YAMLError`` where
        the safe constructor fails or would lose data (a tag on a mapping or list)."""
        self.lines.setdefault(field, node.start_mark.line + 1)
        prefix = f"{field}." if field else ""
        if isinstance(node, yaml.CollectionNode) and node.tag not in _COLLECTION_TAGS:
            kind = "mapping" if isinstance(node, yaml.MappingNode) else "list"
            raise yaml.constructor.ConstructorError(
                None, None, f"the tag {node.tag!r} is not allowed on a {kind}", node.start_mark
            )
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            first_lines: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node, loader, f"{prefix}<key>")
                if not isinstance(key, (str, int, bool)) or key is None:
                    line = key_node.start_mark.line + 1
                    message = f"a mapping key must be text, not {key!r}"
                    self.problems.append(Problem(self.path, line, field or None, message))
                    continue
                child = f"{prefix}{key}"
                if key in result:  # also when true and 1 meet: they are one dict key
                    self.problems.append(
                        Problem(
                            self.path,
                            key_node.start_mark.line + 1,
                            child,
                            f"duplicate key {key!r} (first at line {first_lines[key]}); "
                            "YAML would silently keep only the last value",
                        )
                    )
                    continue
                first_lines[key] = self.lines[child] = key_node.start_mark.line + 1
                result[key] = self.convert(value_node, loader, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, loader, f"{field}[{i}]") for i, item in enumerate(node.value)
            ]
        try:
            value = loader.construct_object(node, deep=True)  # deep: !!set x fails, not {}
        except _SCALAR_ERRORS as exc:
            shown = node.value if len(node.value) <= 40 else f"{node.value[:37]}..."
            kind = node.tag.removeprefix("tag:yaml.org,2002:")
            message = f"{shown!r} is not a valid {kind}"
            if isinstance(exc, (ValueError, OverflowError)):  # the others say nothing useful
                message += f" ({str(exc).split(';')[0]})"  # not int()'s advice on sys.set_int...
            message += "; quote it to make it text"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from exc
        surrogate = _SURROGATE.search(value) if isinstance(value, str) else None
        if surrogate is not None:  # it would make annotate() and every UTF-8 writer fail later
            self.problems.append(
                Problem(
                    self.path,
                    node.start_mark.line + 1,
                    field or None,
                    f"holds a lone surrogate U+{ord(surrogate[0]):04X}, from an escape like "
                    "\\ud83d; write the character itself, or escape it as \\U0001f600",
                )
            )
        return value


def _decode(path: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """The text of ``data``, or the problem that stops it being read.

    A byte-order mark is allowed only as the first character. Elsewhere libyaml skips it and
    PyYAML reads it as text (``\\ufeff{}`` is a mapping to one and a string to the other), and
    editors do not show it: refused, so both paths read the same thing.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.end]
        message = f"invalid UTF-8 (byte {bad.hex(' ')} at offset {exc.start}); save as UTF-8"
        return None, [Problem(path, line, None, message)]
    mark = text.find("\ufeff")
    if mark >= 0:
        line = text[:mark].count("\n") + 1
        message = "a byte-order mark (U+FEFF, invisible in most editors) after the start; remove it"
        return None, [Problem(path, line, None, message)]
    return text, []


def _fast_compose(text: str) -> tuple[Any, Any] | None:
    """``(loader, node)`` from libyaml when the text is well-formed, has no anchor, alias or tag
    ``!`` and nests at most :data:`MAX_DEPTH` deep; None otherwise, and the pure-Python loader
    then reports what is wrong, in its own words.

    libyaml parses the bundled gazetteer about ten times faster. Text that libyaml would read
    and PyYAML refuse is left to PyYAML, so that both paths accept the same files. Events are
    scanned first, so an alias or deep nesting is refused before any node is composed (libyaml
    composes recursively in C), just as :class:`_StrictLoader` does.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None or _LIBYAML_ONLY.search(text):
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=fast):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
            if getattr(event, "tag", None) == "!":
                return None
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return None
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        loader = fast(text)
        return loader, loader.get_single_node()
    except (yaml.YAMLError, UnicodeEncodeError):  # a lone surrogate cannot reach libyaml
        return None


def _is_nothing(node: yaml.Node | None) -> bool:
    """Whether a document has no content: no node, or the empty node of a lone ``---``."""
    if node is None:
        return True
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.tag.endswith(":null")


def _convert_document(doc: _Document, node: yaml.Node | None, loader: Any) -> Any:
    """The document's value; a file with no content (nothing, comments, or only ``---``) is
    marked empty and reported at line 1, where its document should start. (libyaml puts the
    empty node of a final ``---`` on the next line, PyYAML on its own: line 1 is both's.)"""
    if node is None or _is_nothing(node):
        doc.empty = True
        doc.lines[""] = 1
        return None
    return doc.convert(node, loader, "")


def _parse(path: str, text: str) -> tuple[Any, _Document, bool]:
    """Parse ``text``; the flag says whether it was well-formed YAML (then schema-checkable)."""
    doc = _Document(path)
    composed = _fast_compose(text)
    if composed is not None:
        loader, node = composed
        try:
            return _convert_document(doc, node, loader), doc, True
        except yaml.YAMLError:  # a tag the safe constructor refuses: report it as below
            doc = _Document(path)
        finally:
            loader.dispose()
    try:
        loader = _StrictLoader(text)
    except yaml.YAMLError as exc:  # the reader refuses control characters up front
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        doc.problems.append(Problem(path, line, None, f"unreadable YAML: {exc}"))
        return None, doc, False
    try:
        value = _convert_document(doc, loader.get_single_node(), loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(filter(None, [exc.problem, f"({exc.context})" if exc.context else ""]))
        doc.problems.append(Problem(path, line, None, f"YAML syntax error: {problem}"))
        return None, doc, False
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        position = getattr(exc, "position", None)
        line = text[:position].count("\n") + 1 if isinstance(position, int) else None
        doc.problems.append(Problem(path, line, None, f"unreadable YAML: {exc}"))
        return None, doc, False
    finally:
        loader.dispose()
    return value, doc, True


def _build(document: dict[str, Any], path: str) -> tuple[Dispute, list[Place]]:
    parties = frozenset(document["parties"])
    dispute = Dispute(
        id=document["id"],
        title=document["title"],
        parties=parties,
        disputed=document["disputed"],
        path=path,
        description=document.get("description"),
        sources=tuple(document.get("sources", ())),
        third_parties=frozenset(document.get("third_parties", ())),
    )
    places = []
    for entry in document["places"]:
        names = tuple(
            Name(
                text=n["text"],
                lang=n["lang"],
                used_by=frozenset(n["used_by"]),
                kind=n["kind"],
                source=n["source"],
                note=n.get("note"),
                in_text=n.get("in_text", "any-case"),
                since=as_date(n.get("since")),
                until=as_date(n.get("until")),
            )
            for n in entry["names"]
        )
        point = entry.get("point")
        context = entry.get("context")
        places.append(
            Place(
                id=entry["id"],
                kind=entry["kind"],
                names=names,
                dispute=dispute.id,
                parties=parties,
                parents={k: tuple(v) for k, v in entry.get("parents", {}).items()},
                refs={k: str(v) for k, v in entry.get("refs", {}).items()},
                sources=tuple(entry.get("sources", ())),
                homonyms=tuple(entry.get("homonyms", ())),
                unnamed_by=entry.get("unnamed_by", {}),
                note=entry.get("note"),
                point=None
                if point is None
                else Point(float(point["lat"]), float(point["lon"]), point["source"]),
                context=None
                if context is None
                else Context(
                    tuple(context.get("unless_near", ())), tuple(context.get("only_near", ()))
                ),
            )
        )
    return dispute, places


class FileContents:
    """One gazetteer file, read: its dispute, places, look-alike phrases and field lines."""

    def __init__(
        self,
        path: str,
        dispute: Dispute,
        places: list[Place],
        should_not_match: list[str],
        document: _Document,
    ) -> None:
        self.path = path
        self.dispute = dispute
        self.places = places
        self.should_not_match = should_not_match
        self._document = document

    def line_of(self, field: str) -> int | None:
        """The line where ``field`` (``places[2].names[0]``) is written."""
        return self._document.line_of(field)


def read_yaml(path: Path | str, label: str | None = None) -> tuple[Any, _Document, bool]:
    """Read one YAML file strictly; the flag says whether it could be parsed at all.

    Problems so far (unreadable file, invalid UTF-8, YAML syntax, duplicate keys) are in the
    returned document's ``problems``.
    """
    shown = label if label is not None else str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        doc = _Document(shown)
        doc.problems.append(Problem(shown, None, None, f"cannot read: {exc.strerror}"))
        return None, doc, False
    text, problems = _decode(shown, data)
    if text is None:
        doc = _Document(shown)
        doc.problems.extend(problems)
        return None, doc, False
    return _parse(shown, text)


def _check(
    value: Any,
    doc: _Document,
    check: Callable[[Any, Callable[[str, str], None]], None],
    fields: Mapping[str, tuple[bool, object]],
    what: str,
) -> None:
    """Check a well-formed document against its schema; a file without one gets one problem."""
    if not doc.empty:
        check(value, doc.report)
        return
    required = ", ".join(name for name, (needed, _) in fields.items() if needed)
    doc.report("", f"holds no document: expected {what}, a mapping with the fields {required}")


def _raise_if_problems(doc: _Document) -> None:
    if doc.problems:
        raise GazetteerError(sorted(doc.problems, key=lambda p: (p.line or 0, p.field or "")))


def read_file(path: Path | str, label: str | None = None) -> FileContents:
    """Read and check one gazetteer file; raise :class:`GazetteerError` listing every problem.

    ``label`` is how the file is named in messages (default: the path as given).
    """
    value, doc, well_formed = read_yaml(path, label)
    if well_formed:
        _check(value, doc, check_document, DOCUMENT_FIELDS, "a gazetteer file")
    _raise_if_problems(doc)
    dispute, places = _build(value, doc.path)
    return FileContents(doc.path, dispute, places, list(value.get("should_not_match", [])), doc)


def read_text(text: str, label: str) -> tuple[Dispute, list[Place], list[str]]:
    """A gazetteer file's text read without line numbers (libyaml when PyYAML has it): for text
    this library wrote itself, such as a dumped file; raise :class:`GazetteerError` listing
    every problem, each at ``label``."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    problems: list[Problem] = []
    try:
        value = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise GazetteerError([Problem(label, None, None, f"YAML error: {exc}")]) from None
    check_document(
        value, lambda field, message: problems.append(Problem(label, None, field, message))
    )
    if problems:
        raise GazetteerError(problems)
    dispute, places = _build(value, label)
    return dispute, places, list(value.get("should_not_match", []))


def read_generic_terms(path: Path | str, label: str | None = None) -> GenericTerms:
    """Read and check a generic-terms file (``_generic-terms.yaml``)."""
    value, doc, well_formed = read_yaml(path, label)
    if well_formed:
        _check(value, doc, check_generic_terms, GENERIC_FIELDS, "a generic-terms file")
    _raise_if_problems(doc)
    return GenericTerms(
        GenericClass(
            c["id"], frozenset(c["kinds"]), tuple(c["terms"]), tuple(c.get("suffixes", ()))
        )
        for c in value["classes"]
    )


def gazetteer_files(directory: Path) -> list[Path]:
    """The place files of a gazetteer directory, in a stable order.

    Files whose name starts with ``_`` hold shared settings (``_generic-terms.yaml``), not places.
    """
    return sorted(
        p
        for p in directory.iterdir()
        if p.suffix in (".yaml", ".yml") and p.is_file() and not p.name.startswith("_")
    )


def read_directory(directory: Path | str) -> Iterator[FileContents | GazetteerError]:
    """Read every file of ``directory``, yielding its contents or the error it raised."""
    root = Path(directory)
    if not root.is_dir():
        raise GazetteerError([Problem(str(directory), None, None, "is not a directory")])
    files = gazetteer_files(root)
    if not files:
        raise GazetteerError(
            [Problem(str(directory), None, None, "holds no gazetteer files (*.yaml)")]
        )
    for file in files:
        try:
            yield read_file(file, label=file_label(file, root))
        except GazetteerError as exc:
            yield exc


def file_label(file: Path, root: Path) -> str:
    return str(Path(root.name) / file.name) if root.name else file.name


def generic_terms_file(directory: Path) -> Path:
    """The generic terms a gazetteer directory reads: its own ``_generic-terms.yaml``, else
    the bundled one."""
    own = directory / GENERIC_TERMS_FILE
    return own if own.is_file() else bundled_gazetteer_dir() / GENERIC_TERMS_FILE


def bundled_gazetteer_dir() -> Path:
    """The gazetteer shipped with toponyms.

    In a wheel it lives inside the package (``toponyms/gazetteer``); in a source checkout or an
    editable install it is the checkout's top-level ``gazetteer/``.
    """
    packaged = importlib.resources.files("toponyms").joinpath("gazetteer")
    candidates: Iterable[Path] = (
        Path(str(packaged)),
        Path(__file__).resolve().parents[3] / "gazetteer",  # src/toponyms/data/read.py
    )
    for candidate in candidates:
        if candidate.is_dir() and gazetteer_files(candidate):
            return candidate
    raise GazetteerError(
        [
            Problem(
                str(Path(str(packaged))),
                None,
                None,
                "the bundled gazetteer is missing: the package was built or installed without "
                "its data (reinstall toponyms, or pass a directory to toponyms.load())",
            )
        ]
    )
