"""The ``toponyms`` command line: annotate and rewrite texts, normalize names, check a gazetteer,
list places, diff two data releases.

``annotate`` shows a progress bar on standard error for many inputs or a large one, only when
standard error is a terminal (never in a pipe or a log); ``TQDM_DISABLE=1`` turns it off.

Exit status: 0 on success, 1 when a name is not resolved or the data has problems, 2 on a usage
error. ``diff`` exits 1 when a place ID of the old release is gone from the new one, and 2 when
either directory fails to load.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._errors import GazetteerError, Problem
from ._model import Mention, Place
from .data.diff import diff
from .gazetteer import Gazetteer
from .perspective import Perspective, perspective_of

if TYPE_CHECKING:
    from tqdm import tqdm

__all__ = ["main"]


def _load(directory: str | None) -> Gazetteer:
    return Gazetteer.from_directory(directory)


def _cmd_normalize(args: argparse.Namespace, out: TextIO) -> int:
    gazetteer = _load(args.gazetteer)
    names = args.names or [line.rstrip("\r\n") for line in sys.stdin]
    unresolved = 0
    for name in names:
        place_id = gazetteer.normalize(name, fuzzy=not args.no_fuzzy)
        unresolved += place_id is None
        out.write(f"{name}\t{place_id or ''}\n")
    return 1 if unresolved else 0


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    gazetteer = Gazetteer.from_directory(args.directory, compiled=False)  # the YAML itself
    names = sum(len(p.names) for p in gazetteer.places)
    out.write(f"ok: {len(gazetteer)} places, {names} names in {len(gazetteer.disputes)} file(s)\n")
    from .data.sources import foreign_wikipedia, source_warnings

    warnings = source_warnings(gazetteer)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if warnings:
        share = 100 * len(warnings) / max(names, 1)
        print(
            f"{len(warnings)} source warning(s): {share:.1f} % of names cite a copy",
            file=sys.stderr,
        )
    foreign = sum(foreign_wikipedia(n) is not None for p in gazetteer.places for n in p.names)
    if foreign:  # a figure to bring down, not a warning: such a page may still carry the name
        print(
            f"note: {foreign} name(s), {100 * foreign / max(names, 1):.1f} %, cite a Wikipedia"
            " in another language than their own",
            file=sys.stderr,
        )
    if args.examples == 0:
        return 0
    try:
        from .properties import PROPERTIES, check_properties
    except ImportError:  # hypothesis is an optional dependency
        out.write("property suite skipped: install toponyms[strategies] to run it\n")
        return 0
    processes = args.jobs if args.jobs is not None else _cores()
    if processes < 1:
        print(f"toponyms check: --jobs must be at least 1, not {processes}", file=sys.stderr)
        return 2
    failures = list(check_properties(gazetteer, examples=args.examples, processes=processes))
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        print(f"{len(failures)} property failure(s)", file=sys.stderr)
        return 1
    out.write(
        f"ok: {len(PROPERTIES)} properties hold on every file "
        f"({args.examples} examples each where generated)\n"
    )
    return 0


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _cmd_disputes(args: argparse.Namespace, out: TextIO) -> int:
    from .data.summary import dispute_rows, markdown_table

    out.write(markdown_table(dispute_rows(_load(args.directory))) + "\n")
    return 0


def _cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    from .data.artifact import build
    from .data.read import bundled_gazetteer_dir

    directory = Path(args.directory) if args.directory else bundled_gazetteer_dir()
    path = build(directory, Path(args.output) if args.output else None)
    out.write(f"built: {path} ({path.stat().st_size / 1e6:.1f} MB)\n")
    return 0


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    loaded: list[Gazetteer] = []
    problems: list[Problem] = []
    for directory in (args.old, args.new):
        try:
            loaded.append(_load(directory))
        except GazetteerError as exc:
            problems.extend(exc.problems)
    if problems:  # bad input, not a breaking release: exit 2 so a pipeline can tell them apart
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 2
    old, new = loaded
    changes = diff(old, new)
    if args.json:
        document = {
            "old_version": old.data_version,
            "new_version": new.data_version,
            "changes": [change.to_json() for change in changes],
        }
        out.write(json.dumps(document, ensure_ascii=False) + "\n")
    else:
        versions = (old.data_version, new.data_version)
        if changes or versions[0] != versions[1]:
            shown = [v or "(none)" for v in versions]
            out.write(f"# data version: {shown[0]} -> {shown[1]}\n")
        out.writelines(f"{change}\n" for change in changes)
    return 1 if any(change.type == "place-removed" for change in changes) else 0


def _describe(place: Place, gazetteer: Gazetteer) -> list[str]:
    lines = [f"{place.id}  ({place.kind}, {place.dispute})"]
    for party in sorted(place.parties):
        texts = [n.text for n in place.names if party in n.used_by and n.kind != "historical"]
        why = place.unnamed_by.get(party)
        shown = ", ".join(texts) if texts else f"(no name: {why})"
        lines.append(f"  {party}: {shown}")
        ancestors = gazetteer.ancestors(place.id, party)
        if ancestors:
            lines.append(f"  {party} places it in: {' > '.join(ancestors)}")
    historical = [n.text for n in place.names if n.kind == "historical"]
    if historical:
        lines.append(f"  historical: {', '.join(historical)}")
    return lines


def _cmd_places(args: argparse.Namespace, out: TextIO) -> int:
    gazetteer = _load(args.gazetteer)
    places = [p for p in gazetteer.places if args.dispute is None or p.dispute == args.dispute]
    if not places:
        out.write(f"no places in dispute {args.dispute!r}\n")
        return 1
    if args.format == "geojson":
        from .geojson import feature_collection

        out.write(json.dumps(feature_collection(places), ensure_ascii=False) + "\n")
        return 0
    for place in places:
        out.write("\n".join(_describe(place, gazetteer)) + "\n")
    return 0


#: An input this large (in bytes) gets a progress bar on a terminal even when it is the only one.
LARGE_INPUT = 1 << 20

#: Standard input is read in pieces of this many characters, so that the bar follows a stream.
_CHUNK = 1 << 16


class _Progress:
    """A bar on standard error counting the bytes of input done, for many inputs or a large one.

    It exists only while standard error is a terminal: a pipe or a log file gets no bar (tqdm's
    carriage returns would litter it). Standard input of unknown length gets its bar once
    LARGE_INPUT bytes have arrived.
    """

    def __init__(self, files: Sequence[str]) -> None:
        inputs = files or ["-"]
        self._enabled = _isatty(sys.stderr)
        self._total: int | None = None
        self._done = 0
        self._bar: tqdm | None = None
        if not self._enabled:
            return
        sizes = [_size(file) for file in inputs]
        self._total = None if None in sizes else sum(s or 0 for s in sizes)
        if len(inputs) > 1 or (self._total or 0) >= LARGE_INPUT:
            self._show()

    def _show(self) -> None:
        from tqdm import tqdm

        self._bar = tqdm(
            total=self._total,
            initial=self._done,
            unit="B",
            unit_scale=True,
            unit_divisor=1024,
            desc="annotating",
            file=sys.stderr,
            leave=False,
            dynamic_ncols=True,
        )

    def advance(self, size: int) -> None:
        """Count ``size`` more bytes of input as done."""
        self._done += size
        if self._bar is not None:
            self._bar.update(size)
        elif self._enabled and self._done >= LARGE_INPUT:
            self._show()

    @contextmanager
    def writing(self, out: TextIO) -> Iterator[None]:
        """Write to ``out``; when that is the bar's terminal too, clear the bar first."""
        bar = self._bar if self._bar is not None and _isatty(out) else None
        if bar is not None:
            bar.clear()
        yield
        if bar is not None:
            out.flush()
            bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty()) if callable(isatty) else False


def _size(file: str) -> int | None:
    """The size in bytes of a FILE (or of standard input when it is a regular file), or None."""
    try:
        info = os.fstat(sys.stdin.fileno()) if file == "-" else os.stat(file)
    except (OSError, ValueError, AttributeError):  # no such file; stdin replaced or closed
        return None if file == "-" else 0
    return info.st_size if file != "-" or stat.S_ISREG(info.st_mode) else None


def _read_inputs(
    files: Sequence[str], progress: _Progress | None = None
) -> Iterator[tuple[str, str]]:
    """(label, text) of each FILE, or of standard input when there is none; with ``progress``,
    each FILE counts as done once the caller is through with it."""
    for file in files or ["-"]:
        if file == "-":
            yield "-", _read_stream(sys.stdin, progress)
            continue
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _InputError(f"{file}: cannot read: {exc}") from None
        yield file, text
        if progress is not None:
            progress.advance(_size(file) or 0)


def _read_stream(stream: TextIO, progress: _Progress | None) -> str:
    if progress is None:
        return stream.read()
    pieces = []
    while piece := stream.read(_CHUNK):
        pieces.append(piece)
        progress.advance(len(piece.encode("utf-8", "replace")))
    return "".join(pieces)


class _InputError(Exception):
    """A FILE argument that cannot be read as UTF-8 text."""


def _cmd_annotate(args: argparse.Namespace, out: TextIO) -> int:
    if args.summary and args.format == "html":
        raise ValueError("--summary prints the counts that --format html shows atop its page")
    gazetteer = _load(args.gazetteer)
    documents: list[tuple[str | None, str, Sequence[Mention]]] = []
    progress = _Progress(args.files)
    try:
        for label, text in _read_inputs(args.files, progress):
            mentions = gazetteer.annotate(text, fuzzy=not args.no_fuzzy, lang=args.lang)
            if args.format == "html":
                documents.append((label if label != "-" else "standard input", text, mentions))
            elif args.summary:
                documents.append((label, "", mentions))
                with progress.writing(out):
                    _write_summary(out, label, perspective_of(mentions, gazetteer), args.format)
            else:
                with progress.writing(out):
                    _write_mentions(out, label, text, mentions, args.format)
    finally:
        progress.close()
    if args.format == "html":
        from .html import render_documents

        out.write(render_documents(documents, gazetteer))
    elif args.summary and args.format == "text" and len(documents) > 1:
        overall = perspective_of((m for _, _, ms in documents for m in ms), gazetteer)
        _write_summary(out, "total", overall, "text")
    return 0


def _write_summary(out: TextIO, label: str, counts: Perspective, form: str) -> None:
    if form == "text":
        n = counts.total
        out.write(f"{label}: {n} mention{'s' * (n != 1)}: {counts.summary()}\n")
    else:
        record = {"file": label, **counts.to_json()}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_mentions(
    out: TextIO, label: str, text: str, mentions: Sequence[Mention], form: str
) -> None:
    if form == "text":
        out.write(f"== {label}: {len(mentions)} mention(s)\n")
    for m in mentions:
        if form == "text":
            sides = "  ".join(f"{party}: {name}" for party, name in m.names.items())
            line = text.count("\n", 0, m.start) + 1
            out.write(
                f"{label}:{line}  {m.text!r:32} {m.place_id:38} "
                f"[{'+'.join(sorted(m.used_by))}]  {sides}\n"
            )
        else:
            record = {"file": label, **m.to_dict()}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date written YYYY-MM-DD: {value!r}") from None


def _cmd_rewrite(args: argparse.Namespace, out: TextIO) -> int:
    gazetteer = _load(args.gazetteer)
    for _, text in _read_inputs(args.files):
        out.write(gazetteer.rewrite(text, args.perspective, lang=args.lang, as_of=args.as_of))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toponyms",
        description="Normalize the names of disputed territories.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    normalize = commands.add_parser(
        "normalize", help="print each NAME, a tab, and its place ID (empty when unresolved)"
    )
    normalize.add_argument("names", nargs="*", metavar="NAME", help="names (default: stdin lines)")
    normalize.add_argument("--no-fuzzy", action="store_true", help="exact matching only")
    normalize.add_argument("--gazetteer", metavar="DIR", help="gazetteer directory")
    normalize.set_defaults(run=_cmd_normalize)

    check = commands.add_parser(
        "check", help="check a gazetteer directory (default: bundled): schema, then properties"
    )
    check.add_argument("directory", nargs="?", metavar="DIR")
    check.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes for the properties (default: one per core); the same failures,"
        " in order",
    )
    check.add_argument(
        "--examples",
        type=int,
        default=100,
        metavar="N",
        help="Hypothesis examples per generated property (0: schema checks only)",
    )
    check.set_defaults(run=_cmd_check)

    disputes = commands.add_parser(
        "disputes",
        help="print a Markdown table of a gazetteer's files (default: bundled): parties, "
        "places, names, languages, pages cited, names citing a copy, points",
    )
    disputes.add_argument("directory", nargs="?", metavar="DIR")
    disputes.set_defaults(run=_cmd_disputes)

    build = commands.add_parser(
        "build",
        help="check a gazetteer directory (default: bundled) and write its compiled artifact, "
        "which later loads read instead of the YAML",
    )
    build.add_argument("directory", nargs="?", metavar="DIR")
    build.add_argument("--output", metavar="OUT_DIR", help="default: the cache directory")
    build.set_defaults(run=_cmd_build)

    annotate = commands.add_parser(
        "annotate",
        help="find place mentions in FILEs (default: stdin); JSON Lines, text, or one HTML page",
    )
    annotate.add_argument("files", nargs="*", metavar="FILE")
    annotate.add_argument(
        "--format",
        choices=("jsonl", "text", "html"),
        default="jsonl",
        help="html: one self-contained page of every FILE, each mention coloured by whose name "
        "it is, every side's name on hover or focus",
    )
    annotate.add_argument(
        "--summary",
        action="store_true",
        help="instead of the mentions, count those written in each party's names, in shared "
        "names and in other countries' (per FILE, and in total for text)",
    )
    annotate.add_argument("--no-fuzzy", action="store_true", help="no typo matching")
    annotate.add_argument("--lang", help="language of the sides' names (default: as found)")
    annotate.add_argument("--gazetteer", metavar="DIR", help="gazetteer directory")
    annotate.set_defaults(run=_cmd_annotate)

    rewrite = commands.add_parser(
        "rewrite", help="print FILEs (default: stdin) with every mention in one side's name"
    )
    rewrite.add_argument("files", nargs="*", metavar="FILE")
    rewrite.add_argument("--perspective", required=True, metavar="PARTY", help="e.g. JP or RU")
    rewrite.add_argument("--lang", help="language of the names (default: as found)")
    rewrite.add_argument(
        "--as-of",
        type=_date,
        metavar="YYYY-MM-DD",
        help="name places as the party did on this date (default: today)",
    )
    rewrite.add_argument("--gazetteer", metavar="DIR", help="gazetteer directory")
    rewrite.set_defaults(run=_cmd_rewrite)

    places = commands.add_parser("places", help="list places with every side's names")
    places.add_argument(
        "--format",
        choices=("text", "geojson"),
        default="text",
        help="geojson: one FeatureCollection, a point (or null geometry), names and parents "
        "per party for each place",
    )
    places.add_argument("--dispute", metavar="ID", help="only this dispute's places")
    places.add_argument("--gazetteer", metavar="DIR", help="gazetteer directory")
    places.set_defaults(run=_cmd_places)

    diff_ = commands.add_parser(
        "diff",
        help="list places and names added, removed or changed from OLD to NEW; exit 1 if an ID "
        "is gone",
    )
    diff_.add_argument("old", metavar="OLD_DIR", help="gazetteer directory of the old release")
    diff_.add_argument("new", metavar="NEW_DIR", help="gazetteer directory of the new release")
    diff_.add_argument("--json", action="store_true", help="one JSON document instead of lines")
    diff_.set_defaults(run=_cmd_diff)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args, sys.stdout)
    except GazetteerError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `toponyms places | head`
        return 0
    except (_InputError, ValueError, OSError) as exc:
        print(f"toponyms {args.command}: {exc}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
