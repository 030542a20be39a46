"""normalize() coverage on a variant list the gazetteer was not built from.

The list is a TSV file with a header and the columns ``variant``, ``place_id`` and ``lang``
(more columns, such as a source URL, are ignored). A ``place_id`` of several IDs joined by
``|`` marks a variant that real pages use for several places: it scores as right when
normalize() answers one of them or None. Keep such lists outside the repository, and score a
list once before changing anything because of it: after that it measures what was tuned.

Printed, for all places and for the places of one file (``--file``, default kuril-islands):

- real variants resolved to the right place, to None, and to a wrong place;
- one-typo misspellings (a seeded swap, drop, doubling or vowel change inside a Latin, Cyrillic
  or Greek variant of six letters or more; Han, kana and hangul are exact-only by design), over
  ``--seeds`` seeds;
- with ``--look-alikes FILE`` (one phrase per line, anything after a tab ignored), how many
  look-alike phrases were given a place.

Run: python benchmarks/coverage.py VARIANTS.tsv [--look-alikes FILE] [--seeds N] [-v]
"""

from __future__ import annotations

import argparse
import csv
import random
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from _edits import one_typo

import toponyms


def typo_prone(text: str) -> bool:
    letters = text.replace(" ", "").replace("-", "")
    return (
        len(letters) >= 6
        and letters.isalpha()
        and all(unicodedata.name(c, "").startswith(("LATIN", "CYRILLIC", "GREEK")) for c in letters)
    )


def line(label: str, right: int, total: int, extra: str = "") -> str:
    share = right / total if total else 0.0
    return f"  {label:40s} {right:5d}/{total:<5d} {share:7.1%}  {extra}"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("variants", type=Path)
    parser.add_argument("--look-alikes", type=Path)
    parser.add_argument("--file", default="kuril-islands", help="gazetteer file to report apart")
    parser.add_argument("--seeds", type=int, default=1)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)

    gazetteer = toponyms.default_gazetteer()
    in_file = {p.id for p in gazetteer.places if p.dispute == args.file}
    with args.variants.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    unknown = {i for r in rows for i in r["place_id"].split("|")} - {p.id for p in gazetteer}
    if unknown:
        parser.error(f"{args.variants}: unknown place IDs {sorted(unknown)}")
    single = [r for r in rows if "|" not in r["place_id"]]
    shared = [r for r in rows if "|" in r["place_id"]]
    got = {r["variant"]: gazetteer.normalize(r["variant"]) for r in rows}

    print(f"{args.variants.name}: {len(rows)} variants, data {gazetteer.data_version}")
    print("real variants")
    for label, subset in (
        ("all places", single),
        (args.file, [r for r in single if r["place_id"] in in_file]),
    ):
        right = sum(got[r["variant"]] == r["place_id"] for r in subset)
        wrong = sum(got[r["variant"]] not in (None, r["place_id"]) for r in subset)
        print(line(label, right, len(subset), f"wrong place {wrong}"))
    fine = sum(got[r["variant"]] in {None, *r["place_id"].split("|")} for r in shared)
    print(line("shared by places: one of them or None", fine, len(shared)))

    print(f"one-typo misspellings, {args.seeds} seed(s)")
    prone = [r for r in single if typo_prone(r["variant"])]
    misses: list[tuple[str, str, str | None]] = []
    for seed in range(args.seeds):
        rng = random.Random(seed)
        typos = [(one_typo(r["variant"], rng), r) for r in prone]
        for label, keep in (
            ("all places", lambda r: True),
            (args.file, lambda r: r["place_id"] in in_file),
        ):
            subset = [(t, r) for t, r in typos if keep(r)]
            answers = [(t, r, gazetteer.normalize(t)) for t, r in subset]
            right = sum(a == r["place_id"] for _, r, a in answers)
            wrong = sum(a not in (None, r["place_id"]) for _, r, a in answers)
            print(line(f"{label} (seed {seed})", right, len(subset), f"wrong place {wrong}"))
            if label == "all places":
                misses += [(t, r["place_id"], a) for t, r, a in answers if a != r["place_id"]]

    if args.look_alikes:
        phrases = [
            text.split("\t")[0].strip()
            for text in args.look_alikes.read_text(encoding="utf-8").splitlines()
            if text.strip()
        ]
        hits = [(p, gazetteer.normalize(p)) for p in phrases if gazetteer.normalize(p)]
        print(f"look-alikes given a place: {len(hits)}/{len(phrases)}")
        if args.verbose:
            for phrase, place_id in hits:
                print(f"    {phrase!r} -> {place_id}")
    if args.verbose:
        print("misses")
        for r in single:
            if got[r["variant"]] != r["place_id"]:
                answer = got[r["variant"]]
                print(f"    {r['variant']!r} ({r['lang']}) -> {answer}, not {r['place_id']}")
        print("typo misses")
        for text, place_id, answer in misses:
            print(f"    {text!r} -> {answer}, not {place_id}")


if __name__ == "__main__":
    main()
