"""Score toponyms on evaluation sets built by people who never saw its data.

The sets stay out of the repository (a set the data was tuned on measures nothing); this script
reads them from a directory given on the command line:

- ``variants.tsv`` (``variant``, ``place_id``, ``lang``, ``source``): real variant names and
  typos; normalize() must give the place, or None, never another place.
- ``nonplaces.tsv`` (``text``, ``note``): strings that are no place here; normalize() must
  give None.
- ``sentences.jsonl``: ``{"text", "lang", "source", "mentions": [{"text", "place_id"}]}``,
  sentences copied from the press; annotate()'s spans are scored by exact text and place.

Usage: ``python benchmarks/blind_eval.py EVAL_DIR [--gazetteer DIR] [--renamed OLD=NEW ...]``
(``--renamed``: a place ID changed since the set was built).
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter, defaultdict
from pathlib import Path

import toponyms
from toponyms.text.scripts import is_han, is_kana

RENAMED: dict[str, str] = {}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for row in rows:
        if "place_id" in row:
            row["place_id"] = RENAMED.get(row["place_id"], row["place_id"])
    return rows


def score_variants(gazetteer: toponyms.Gazetteer, directory: Path) -> None:
    rows = _rows(directory / "variants.tsv")
    outcome: Counter[str] = Counter()
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    wrong = []
    for row in rows:
        got = gazetteer.normalize(row["variant"])
        result = "right" if got == row["place_id"] else "none" if got is None else "wrong"
        outcome[result] += 1
        by_kind["typo" if row["source"] == "typo" else "real"][result] += 1
        if result == "wrong":
            wrong.append((row["variant"], row["place_id"], got))
    total = len(rows)
    print(f"variants: {total}")
    for kind, counts in sorted(by_kind.items()):
        n = sum(counts.values())
        print(
            f"  {kind:5} {n:4}: right {100 * counts['right'] / n:5.1f} %,"
            f" none {100 * counts['none'] / n:5.1f} %, wrong {100 * counts['wrong'] / n:4.1f} %"
        )
    print(
        f"  all   {total:4}: right {100 * outcome['right'] / total:5.1f} %,"
        f" wrong {100 * outcome['wrong'] / total:4.1f} %"
    )
    for variant, expected, got in wrong:
        print(f"    wrong: {variant!r} -> {got} (expected {expected})")
    nonplaces = _rows(directory / "nonplaces.tsv")
    taken = [(r["text"], gazetteer.normalize(r["text"])) for r in nonplaces]
    taken = [(text, got) for text, got in taken if got is not None]
    print(f"non-places: {len(nonplaces)}, taken for a place: {len(taken)}")
    for text, got in taken:
        print(f"    taken: {text!r} -> {got}")


def _word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words of a script written with spaces: a particle or clitic
    fused to a name (독도를, بالجولان) is inside the same word whichever span a labeller chose."""

    def fused(ch: str) -> bool:
        return ch.isalnum() and not (is_han(ch) or is_kana(ch))

    while start > 0 and fused(text[start - 1]) and fused(text[start]):
        start -= 1
    while end < len(text) and fused(text[end]) and fused(text[end - 1]):
        end += 1
    return start, end


def _spans(text: str, mentions: list[tuple[str, str]]) -> Counter[tuple[int, int, str]]:
    """Each labelled mention (its text, in order) as a word span of ``text``."""
    spans: Counter[tuple[int, int, str]] = Counter()
    at = 0
    for surface, place_id in mentions:
        start = text.find(surface, at)
        if start < 0:
            continue
        at = start + len(surface)
        spans[(*_word_span(text, start, at), place_id)] += 1
    return spans


def score_sentences(gazetteer: toponyms.Gazetteer, directory: Path) -> None:
    sentences = [
        json.loads(line)
        for line in (directory / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    tp = fp = fn = 0
    words = Counter[str]()  # the same at word level: tp, fp, fn
    per_lang: dict[str, Counter[str]] = defaultdict(Counter)
    look_alike_hits = 0
    look_alikes = 0
    misses = []
    for sentence in sentences:
        want = Counter(
            (m["text"], RENAMED.get(m["place_id"], m["place_id"])) for m in sentence["mentions"]
        )
        found = gazetteer.annotate(sentence["text"])
        got = Counter((m.text, m.place_id) for m in found)
        want_words = _spans(
            sentence["text"],
            [(m["text"], RENAMED.get(m["place_id"], m["place_id"])) for m in sentence["mentions"]],
        )
        got_words = Counter(
            (*_word_span(sentence["text"], m.start, m.end), m.place_id) for m in found
        )
        same = sum((want_words & got_words).values())
        words["tp"] += same
        words["fp"] += sum(got_words.values()) - same
        words["fn"] += sum(want_words.values()) - same
        hit = sum((want & got).values())
        tp += hit
        fp += sum(got.values()) - hit
        fn += sum(want.values()) - hit
        counts = per_lang[sentence["lang"].split("-")[0]]
        counts["tp"] += hit
        counts["fp"] += sum(got.values()) - hit
        counts["fn"] += sum(want.values()) - hit
        if not sentence["mentions"]:
            look_alikes += 1
            look_alike_hits += bool(got)
        if want != got:
            misses.append((sentence["text"][:100], sorted(want - got), sorted(got - want)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(
        f"sentences: {len(sentences)}: span precision {precision:.3f},"
        f" recall {recall:.3f}, F1 {f1:.3f}"
    )
    wp = words["tp"] / (words["tp"] + words["fp"]) if words["tp"] + words["fp"] else 0.0
    wr = words["tp"] / (words["tp"] + words["fn"]) if words["tp"] + words["fn"] else 0.0
    wf = 2 * wp * wr / (wp + wr) if wp + wr else 0.0
    print(
        f"  at word level (a particle or clitic fused to a name inside or outside the span"
        f" alike): precision {wp:.3f}, recall {wr:.3f}, F1 {wf:.3f}"
    )
    print(f"  look-alike sentences: {look_alikes}, with a mention: {look_alike_hits}")
    for lang, c in sorted(per_lang.items(), key=lambda item: -sum(item[1].values())):
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {lang:3} F1 {f:.3f} (tp {c['tp']}, fp {c['fp']}, fn {c['fn']})")
    for text, missed, extra in misses:
        print(f"    {text!r}\n      missed {missed}\n      extra  {extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--gazetteer", type=Path, default=None)
    parser.add_argument("--renamed", nargs="*", default=[], metavar="OLD=NEW")
    args = parser.parse_args()
    RENAMED.update(item.split("=", 1) for item in args.renamed)
    gazetteer = toponyms.load(args.gazetteer)
    score_variants(gazetteer, args.directory)
    score_sentences(gazetteer, args.directory)


if __name__ == "__main__":
    main()
