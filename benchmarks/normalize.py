"""normalize() throughput and accuracy, side by side with two baselines.

Baselines: a plain dict of lower-cased names (exact only), and what a pipeline often writes
first, ``rapidfuzz.process.extractOne`` with its default WRatio scorer and a cutoff of 85.
The query set is every gazetteer name, each with one typo (a seeded random edit) when it is long
enough for fuzzy matching, plus look-alikes that must give None. "Cold" forgets every earlier
answer before each query: the resolver's answers, the stems memo and the fold caches.

Then one-typo queries never asked before (a fresh typo of every Latin, Cyrillic or Greek name of
6+ letters, none in the first set), every cache cleared before each, timed one by one beside
rapidfuzz's extractOne over all gazetteer names (target: toponyms takes at most its time, on
the mean and on the 99th percentile).

Run: python benchmarks/normalize.py [--repeat N] [--quick]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import unicodedata
from collections.abc import Callable

from _edits import one_typo
from rapidfuzz import process

import toponyms
from toponyms.text import fold as _text

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


def clear_caches(gazetteer: toponyms.Gazetteer) -> None:
    """Forget every answer and every folded string: the next query runs truly cold."""
    gazetteer._resolver.clear_cache()
    _text.fold.cache_clear()
    _text.fold_key.cache_clear()


def fresh_typos(
    gazetteer: toponyms.Gazetteer, asked: set[str], limit: int | None
) -> list[tuple[str, str]]:
    """A one-typo copy of every Latin, Cyrillic or Greek name of 6+ letters, each query new:
    neither asked in ``asked`` nor a name itself."""
    rng = random.Random(20261124)
    known = {n.text.lower() for p in gazetteer.places for n in p.names}
    queries: dict[str, str] = {}
    for place in gazetteer.places:
        for name in place.names:
            letters = [c for c in name.text if c.isalpha()]
            scripts = {unicodedata.name(c, "?").split()[0] for c in letters}
            if len(letters) < 6 or not scripts <= {"LATIN", "CYRILLIC", "GREEK"}:
                continue
            if gazetteer.normalize(name.text, fuzzy=False) != place.id:
                continue  # a declared homonym: no single right answer
            query = one_typo(name.text, rng)
            if query not in asked and query.lower() not in known and query not in queries:
                queries[query] = place.id
    clear_caches(gazetteer)
    return list(queries.items())[:limit]


def per_query(
    label: str,
    fn: Callable[[str], str | None],
    queries: list[tuple[str, str]],
    before: Callable[[], None] = lambda: None,
) -> list[float]:
    """Time each query alone, after ``before()`` (untimed); print the distribution and the
    accuracy; return the times."""
    times, right, wrong = [], 0, 0
    for query, expected in queries:
        before()
        started = time.perf_counter()
        answer = fn(query)
        times.append(time.perf_counter() - started)
        right += answer == expected
        wrong += answer is not None and answer != expected
    cuts = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
    print(
        f"{label:34} {statistics.fmean(times) * 1e3:7.3f} {statistics.median(times) * 1e3:7.3f} "
        f"{cuts[89] * 1e3:7.3f} {cuts[98] * 1e3:7.3f} {max(times) * 1e3:8.3f}   "
        f"right {right / len(queries):6.1%}   wrong place {wrong / len(queries):6.1%}"
    )
    return times


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
    parser.add_argument("--quick", action="store_true", help="one repeat, 100 fresh typos")
    args = parser.parse_args()
    repeat, limit = (1, 100) if args.quick else (args.repeat, None)

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
        clear_caches(gazetteer)  # the cold path is the point
        return gazetteer.normalize(query)

    measure("baseline: dict of lower-cased names", lambda q: names.get(q.lower()), queries, repeat)
    measure("baseline: rapidfuzz WRatio >= 85", wratio, queries, repeat)
    measure("toponyms.normalize (cold cache)", cold, queries, repeat)
    for query, _ in queries:  # warm the cache: a pipeline meets the same names again and again
        gazetteer.normalize(query)
    measure("toponyms.normalize (warm cache)", gazetteer.normalize, queries, repeat)

    fresh = fresh_typos(gazetteer, {q for q, _ in queries}, limit)
    print(
        f"\n{len(fresh)} one-typo queries never asked before, every cache cleared before each; "
        "ms per query:"
    )
    print(f"{'':34} {'mean':>7} {'median':>7} {'p90':>7} {'p99':>7} {'max':>8}")
    theirs = per_query("rapidfuzz extractOne, WRatio >= 85", wratio, fresh)
    ours = per_query(
        "toponyms.normalize (never asked)",
        gazetteer.normalize,
        fresh,
        before=lambda: clear_caches(gazetteer),
    )
    for stat, pick in (("mean", statistics.fmean), ("p99", _p99)):
        ratio = pick(ours) / pick(theirs)
        print(
            f"  toponyms / extractOne, {stat:4} {ratio:6.2f}  "
            f"{'PASS' if ratio <= 1.0 else 'FAIL'}   (target <= 1.0)"
        )


def _p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100)[98] if len(times) > 1 else times[0]


if __name__ == "__main__":
    main()
