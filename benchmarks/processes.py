"""annotate_many(texts, processes=N) against the serial loop, on a large batch of articles.

The batch: the real news articles in examples/articles/ and generated news-like articles of
about 4 kB in English, Russian and Japanese with gazetteer names embedded (benchmarks/_corpus.py),
shuffled together, ``--size`` MB in all. Each side starts from a gazetteer of its own, freshly
loaded, its caches cold; the pool's time includes everything a caller waits for: starting the
workers (and pickling the gazetteer where they are not forked), sending the texts and receiving
the mentions. Results must equal the serial loop's, in input order.

Prints wall time and MB/s side by side, the speed-up with PASS or FAIL against the target
(>= 1.6x with 2 processes), and the load average: the target assumes N free cores, and a busy
machine (a load of other work above cores - N) cannot reach it, whatever the pool does.

Run: python benchmarks/processes.py [--size MB] [--processes N] [--quick]
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

from _corpus import prose

import toponyms
from toponyms.annotate.pool import can_fork

ARTICLES = Path(__file__).parent.parent / "examples" / "articles"
TARGET = 1.6


def batch(mb: float) -> list[str]:
    """The real articles and generated ones, shuffled with a fixed seed, about ``mb`` MB."""
    real = [path.read_text(encoding="utf-8") for path in sorted(ARTICLES.glob("*.txt"))]
    size = sum(len(text.encode()) for text in real)
    texts = real + [text for text, _ in prose(max(mb - size / 1e6, 0.01))]
    random.Random(12).shuffle(texts)
    return texts


def timed_serial(gazetteer: toponyms.Gazetteer, texts: list[str]) -> tuple[float, list[object]]:
    start = time.perf_counter()
    result: list[object] = [gazetteer.annotate(text) for text in texts]
    return time.perf_counter() - start, result


def timed_pool(
    gazetteer: toponyms.Gazetteer, texts: list[str], processes: int
) -> tuple[float, list[object]]:
    start = time.perf_counter()
    result: list[object] = list(gazetteer.annotate_many(texts, processes=processes))
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=float, default=48.0, help="MB of text (default 48)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="1 MB: checks the script runs")
    args = parser.parse_args()
    size = 1.0 if args.quick else args.size

    texts = batch(size)
    megabytes = sum(len(text.encode()) for text in texts) / 1e6

    def fresh() -> toponyms.Gazetteer:
        """A gazetteer of its own for each side, its caches cold (a warm one would hand its
        caches to forked workers), its annotator read (built on first use: part of neither)."""
        gazetteer = toponyms.load()
        gazetteer.annotate(texts[0])
        return gazetteer

    load_before = os.getloadavg()[0]
    pooled, result = timed_pool(fresh(), texts, args.processes)  # the pool first: nothing warm
    serial, expected = timed_serial(fresh(), texts)
    load_after = os.getloadavg()[0]
    if result != expected:
        raise SystemExit("annotate_many's results differ from the serial loop's")

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"{len(texts):,} texts, {megabytes:.1f} MB, {cores} cores available")
    print(f"workers: {'forked from this process' if can_fork() else 'from a forkserver, pickled'}")
    print(f"load average (1 min) before / after: {load_before:.2f} / {load_after:.2f}")
    print(f"{'':38}{'seconds':>9}{'MB/s':>9}")
    print(f"{'serial loop (gazetteer.annotate)':38}{serial:9.2f}{megabytes / serial:9.2f}")
    label = f"annotate_many(processes={args.processes})"
    print(f"{label:38}{pooled:9.2f}{megabytes / pooled:9.2f}")
    speedup = serial / pooled
    verdict = "PASS" if speedup >= TARGET else "FAIL"
    print(f"  speed-up {speedup:.2f}x (target >= {TARGET}x on 2 free cores) {verdict}")
    if args.quick:
        print("  (--quick: too small a batch for the target to be meaningful)")


if __name__ == "__main__":
    main()
