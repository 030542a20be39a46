"""The ``toponyms`` command line: normalize names, check a gazetteer, list places.

Exit status: 0 on success, 1 when a name is not resolved or the data has problems, 2 on a usage
error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from ._errors import GazetteerError
from ._model import Place
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
    gazetteer = _load(args.directory)
    names = sum(len(p.names) for p in gazetteer.places)
    out.write(f"ok: {len(gazetteer)} places, {names} names in {len(gazetteer.disputes)} file(s)\n")
    return 0


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

    check = commands.add_parser("check", help="check a gazetteer directory (default: bundled)")
    check.add_argument("directory", nargs="?", metavar="DIR")
    check.set_defaults(run=_cmd_check)

    places = commands.add_parser("places", help="list places with every side's names")
    places.add_argument("--dispute", metavar="ID", help="only this dispute's places")
    places.add_argument("--gazetteer", metavar="DIR", help="gazetteer directory")
    places.set_defaults(run=_cmd_places)
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
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
