"""The ``toponyms`` command line: annotate and rewrite texts, normalize names, check a gazetteer,
list places, diff two data releases.

Exit status: 0 on success, 1 when a name is not resolved or the data has problems, 2 on a usage
error. ``diff`` exits 1 when a place ID of the old release is gone from the new one, and 2 when
either directory fails to load.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from ._errors import GazetteerError, Problem
from ._model import Place
from .data.diff import diff
from .gazetteer import Gazetteer

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
    from .data.sources import source_warnings

    warnings = source_warnings(gazetteer)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if warnings:
        share = 100 * len(warnings) / max(names, 1)
        print(
            f"{len(warnings)} source warning(s): {share:.1f} % of names cite a copy",
            file=sys.stderr,
        )
    if args.examples == 0:
        return 0
    try:
        from .properties import PROPERTIES, check_properties
    except ImportError:  # hypothesis is an optional dependency
        out.write("property suite skipped: install toponyms[strategies] to run it\n")
        return 0
    failures = list(check_properties(gazetteer, examples=args.examples))
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
    for place in places:
        out.write("\n".join(_describe(place, gazetteer)) + "\n")
    return 0


def _read_inputs(files: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(label, text) of each FILE, or of standard input when there is none."""
    if not files:
        yield "-", sys.stdin.read()
        return
    for file in files:
        if file == "-":
            yield "-", sys.stdin.read()
            continue
        try:
            yield file, Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise _InputError(f"{file}: cannot read: {exc}") from None


class _InputError(Exception):
    """A FILE argument that cannot be read as UTF-8 text."""


def _cmd_annotate(args: argparse.Namespace, out: TextIO) -> int:
    gazetteer = _load(args.gazetteer)
    for label, text in _read_inputs(args.files):
        mentions = gazetteer.annotate(text, fuzzy=not args.no_fuzzy, lang=args.lang)
        if args.format == "text":
            out.write(f"== {label}: {len(mentions)} mention(s)\n")
        for m in mentions:
            if args.format == "text":
                sides = "  ".join(f"{party}: {name}" for party, name in m.names.items())
                line = text.count("\n", 0, m.start) + 1
                out.write(
                    f"{label}:{line}  {m.text!r:32} {m.place_id:38} "
                    f"[{'+'.join(sorted(m.used_by))}]  {sides}\n"
                )
            else:
                record = {
                    "file": label,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "place_id": m.place_id,
                    "used_by": sorted(m.used_by),
                    "names": dict(m.names),
                    "method": m.method,
                    "score": m.score,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


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
        "annotate", help="find place mentions in FILEs (default: stdin); JSON Lines"
    )
    annotate.add_argument("files", nargs="*", metavar="FILE")
    annotate.add_argument("--format", choices=("jsonl", "text"), default="jsonl")
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
