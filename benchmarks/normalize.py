"""normalize() throughput and accuracy, side by side with two baselines.

Baselines: a plain dict of lower-cased names (exact only), and what a pipeline often writes
first, ``rapidfuzz.process.extractOne`` with its default WRatio scorer and a cutoff of 85.
The query set is every gazetteer name, each with one typo (a seeded random edit) when it is long
enough for fuzzy matching, plus look-alikes that must give None.

Run: python benchmarks/normalize.py [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from _edits import one_typo
from rapidfuzz import process

import toponyms

LOOK_ALIKES = [
    "Northern Territory", "Northwest Territories", "Kurile Lake", "Kuril Lake", "Japan",
    "Russia", "Sakhalin Energy", "Hokkaido University", "Crimean War", "North Korea",
    "Tokyo", "Moscow", "Kamchatka", "Vladivostok", "Sea of Okhotsk",
]  # fmt: skip


def build_queries(gazetteer: toponyms.Gazetteer) -> list[tuple[str, str | None]]:
    rng = random.Random(20261123)
    exact, typos = [], []
    for place in gazetteer.places:
        for name in place.names:
            if gazetteer.normalize(name.text, fuzzy=False) != place.id:
                continue  # a declared homonym: no single right answer
            exact.append((name.text, place.id))
            if len(name.text) >= 8 and name.text.isascii():
                typos.append((one_typo(name.text, rng, "aeioun"), place.id))
    return exact + typos + [(text, None) for text in LOOK_ALIKES]


def measure(
    label: str, fn: Callable[[str], str | None], queries: list[tuple[str, str | None]], repeat: int
) -> None:
    started = time.perf_counter()
    for _ in range(repeat):
        answers = [fn(q) for q, _ in queries]
    elapsed = (time.perf_counter() - started) / repeat
    right = sum(a == e for a, (_, e) in zip(answers, queries, strict=True))
    wrong = sum(a is not None and a != e for a, (_, e) in zip(answers, queries, strict=True))
    print(
        f"{label:34} {len(queries) / elapsed:>10,.0f} names/s   right {right / len(queries):6.1%}"
        f"   wrong place {wrong / len(queries):6.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer = toponyms.load()
    print(f"load + check + index the bundled gazetteer: {time.perf_counter() - started:.3f} s")
    queries = build_queries(gazetteer)
    names = {n.text.lower(): p.id for p in gazetteer.places for n in p.names}
    choices = list(names)
    print(f"{len(queries)} queries, {len(choices)} distinct names\n")

    def wratio(query: str) -> str | None:
        hit = process.extractOne(query.lower(), choices, score_cutoff=85)
        return names[hit[0]] if hit else None

    def cold(query: str) -> str | None:
        gazetteer._resolver.clear_cache()  # the cold path is the point
        return gazetteer.normalize(query)

    measure(
        "baseline: dict of lower-cased names", lambda q: names.get(q.lower()), queries, args.repeat
    )
    measure("baseline: rapidfuzz WRatio >= 85", wratio, queries, args.repeat)
    measure("toponyms.normalize (cold cache)", cold, queries, args.repeat)
    for query, _ in queries:  # warm the cache: a pipeline meets the same names again and again
        gazetteer.normalize(query)
    measure("toponyms.normalize (warm cache)", gazetteer.normalize, queries, args.repeat)


if __name__ == "__main__":
    main()
