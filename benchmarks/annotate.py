"""annotate() speed and memory, side by side with pyahocorasick, flashtext and spaCy.

One process, generated corpora of news-like articles (~4 kB each) in English, Russian and
Japanese with gazetteer names embedded (and recorded, so every matcher is also scored on the
spans it finds), in four variants, each its own table (see benchmarks/_corpus.py):

- prose: the articles as generated;
- real-chars: the same articles carrying … № ﬁ ﬂ İ ½ ™ ㎞, «quotes», URLs, tables of figures,
  accents as combining marks (NFD) and halfwidth katakana with voicing marks, scattered through;
- one-char: the prose articles, each with exactly one " …" appended;
- dense: CSV rows and bulleted lists of place names, a name every few characters.

For each matcher: MB/s per article and on the whole text (the articles joined by blank lines),
and span F1; then the ratios the targets speak of, each with PASS or FAIL: exact / baseline
>= 1.0, fuzzy / baseline >= 0.5 (baseline: pyahocorasick), one-char / prose for the exact mode
>= 0.9. On prose: the index build time, how the cost grows with text length, and peak memory.

Baselines, over the same names:
- pyahocorasick: str.lower() of text and names, an offset map where lower() changes lengths,
  and a word-boundary check on both sides of each hit (what a careful user writes by hand);
- flashtext: KeywordProcessor, case-insensitive, span_info=True;
- spaCy: PhraseMatcher(attr="LOWER") in a blank multi-language pipeline.
flashtext and spaCy run on the prose variant only, unless --all-matchers.

Run: pip install -e '.[bench]' && python benchmarks/annotate.py [--size MB] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
import tracemalloc
from collections.abc import Callable, Iterable
from functools import partial

import ahocorasick
from _corpus import VARIANTS, Article, Span

import toponyms

# -- the matchers ------------------------------------------------------------------------------


def all_names() -> list[tuple[str, str]]:
    return [
        (name.text, place.id)
        for place in toponyms.default_gazetteer().places
        for name in place.names
        if name.in_text != "never"
    ]


class AhoCorasickBaseline:
    """pyahocorasick with lower(), an offset map and word-boundary checks."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.automaton = ahocorasick.Automaton()
        for text, place_id in names:
            self.automaton.add_word(text.lower(), (len(text.lower()), place_id))
        self.automaton.make_automaton()

    def __call__(self, text: str) -> list[tuple[Span, str]]:
        low = text.lower()
        offsets: list[int] | None = None
        if len(low) != len(text):  # lower() grew a character (İ): map back
            offsets = [i for i, ch in enumerate(text) for _ in ch.lower()]
        found = []
        for last, (length, place_id) in self.automaton.iter(low):
            start, end = last - length + 1, last + 1
            if start > 0 and low[start - 1].isalnum():
                continue
            if end < len(low) and low[end].isalnum():
                continue
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
            found.append(((start, end), place_id))
        return found


class FlashtextBaseline:
    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        from flashtext import KeywordProcessor

        self.processor = KeywordProcessor(case_sensitive=False)
        for text, place_id in names:
            self.processor.add_keyword(text, place_id)

    def __call__(self, text: str) -> list[tuple[Span, str]]:
        found = self.processor.extract_keywords(text, span_info=True)
        return [((s, e), place_id) for place_id, s, e in found]


class SpacyBaseline:
    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("xx")
        self.nlp.max_length = 50_000_000
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        by_place: dict[str, list[str]] = {}
        for text, place_id in names:
            by_place.setdefault(place_id, []).append(text)
        for place_id, texts in by_place.items():
            self.matcher.add(place_id, [self.nlp.make_doc(t) for t in texts])

    def __call__(self, text: str) -> list[tuple[Span, str]]:
        doc = self.nlp.make_doc(text)
        strings = self.nlp.vocab.strings
        return [
            ((doc[s].idx, doc[e - 1].idx + len(doc[e - 1])), strings[m])
            for m, s, e in self.matcher(doc)
        ]


def ours(fuzzy: bool) -> Callable[[str], list[tuple[Span, str]]]:
    gazetteer = toponyms.default_gazetteer()

    def run(text: str) -> list[tuple[Span, str]]:
        return [((m.start, m.end), m.place_id) for m in gazetteer.annotate(text, fuzzy=fuzzy)]

    return run


# -- measuring --------------------------------------------------------------------------------

Matcher = Callable[[str], list[tuple[Span, str]]]
EXACT, FUZZY, BASELINE = (
    "toponyms.annotate(fuzzy=False)",
    "toponyms.annotate(fuzzy=True)",
    "pyahocorasick + offsets + bounds",
)


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def best_of(fn: Callable[[], object], repeat: int, budget: float) -> float:
    """The shortest of up to ``repeat`` runs, stopping early once ``budget`` seconds are spent
    (a matcher that fell off a cliff is measured once, not three times)."""
    times = [timed(fn)]
    while len(times) < repeat and sum(times) < budget:
        times.append(timed(fn))
    return min(times)


def f1(found: Iterable[tuple[Span, str]], expected: Iterable[tuple[Span, str]]) -> float:
    found_set, expected_set = set(found), set(expected)
    right = len(found_set & expected_set)
    if not right:
        return 0.0
    precision, recall = right / len(found_set), right / len(expected_set)
    return 2 * precision * recall / (precision + recall)


def _each(fn: Matcher, articles: list[str]) -> None:
    for article in articles:
        fn(article)


def verdict(ratio: float, target: float) -> str:
    return "PASS" if ratio >= target else "FAIL"


def run_variant(
    variant: str,
    corpus: list[Article],
    matchers: list[tuple[str, Matcher]],
    repeat: int,
    budget: float,
) -> dict[str, tuple[float, float]]:
    """Print the variant's table; return each matcher's (per-article, whole-text) MB/s."""
    articles = [a for a, _ in corpus]
    whole = "\n\n".join(articles)
    mb = len(whole.encode()) / 1e6
    print(
        f"== {variant}: {len(articles)} articles, {mb:.2f} MB (UTF-8), "
        f"{sum(len(e) for _, e in corpus)} embedded names =="
    )
    runs = f"best of {repeat}, fewer past {budget:g} s" if repeat > 1 else "one run"
    print(f"{'matcher':34} {'per article':>12} {'whole text':>12} {'span F1':>8}   ({runs})")
    speeds = {}
    for label, fn in matchers:
        per_article = best_of(partial(_each, fn, articles), repeat, budget)
        at_once = best_of(partial(fn, whole), repeat, budget)
        found = [fn(a) for a in articles]
        score = sum(f1(got, want) for got, (_, want) in zip(found, corpus, strict=True))
        speeds[label] = (mb / per_article, mb / at_once)
        print(
            f"{label:34} {mb / per_article:>8.1f} MB/s {mb / at_once:>8.1f} MB/s "
            f"{score / len(corpus):>8.3f}"
        )
    return speeds


def print_ratios(
    label: str, ours: tuple[float, float], theirs: tuple[float, float], target: float
) -> list[str]:
    """One line of ratios (per article, whole text) against ``target``; the verdicts."""
    ratios = [a / b for a, b in zip(ours, theirs, strict=True)]
    verdicts = [verdict(r, target) for r in ratios]
    print(
        f"  {label:34} per article {ratios[0]:5.2f} {verdicts[0]}   "
        f"whole text {ratios[1]:5.2f} {verdicts[1]}   (target >= {target})"
    )
    return verdicts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size", "--mb", type=float, default=10.0, help="MB per variant (default 10)"
    )
    parser.add_argument(
        "--variants", default=",".join(VARIANTS), help="comma-separated, of: " + ", ".join(VARIANTS)
    )
    parser.add_argument("--all-matchers", action="store_true", help="flashtext, spaCy on all")
    parser.add_argument("--skip-spacy", action="store_true")
    parser.add_argument("--quick", action="store_true", help="tiny corpora, one run, no spaCy")
    args = parser.parse_args()
    variants = args.variants.split(",")
    unknown = sorted(set(variants) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variants {unknown}; choose from {', '.join(VARIANTS)}")
    size, repeat, budget = (0.05, 1, 0.0) if args.quick else (args.size, 3, 20.0)
    skip_spacy = args.skip_spacy or args.quick

    started = time.perf_counter()
    gazetteer = toponyms.load()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    gazetteer.annotate("warm up: compile the matcher")
    compiled = time.perf_counter() - started
    toponyms._default = gazetteer  # the matchers and the corpora below share this instance

    names = all_names()
    print(f"{len(names)} gazetteer names; index build: load + check {loaded:.2f} s, "
          f"compile the matcher {compiled:.2f} s\n")  # fmt: skip
    ours_and_baseline: list[tuple[str, Matcher]] = [
        (EXACT, ours(False)),
        (FUZZY, ours(True)),
        (BASELINE, AhoCorasickBaseline(names)),
    ]
    others: list[tuple[str, Matcher]] = [("flashtext", FlashtextBaseline(names))]
    if not skip_spacy:
        others.append(("spaCy PhraseMatcher (LOWER)", SpacyBaseline(names)))

    verdicts: list[str] = []
    speeds: dict[str, dict[str, tuple[float, float]]] = {}
    for variant in variants:
        corpus = VARIANTS[variant](size)
        matchers = ours_and_baseline
        if variant == "prose" or args.all_matchers:
            matchers = matchers + others
        speeds[variant] = found = run_variant(variant, corpus, matchers, repeat, budget)
        print("ratios:")
        verdicts += print_ratios("exact / baseline", found[EXACT], found[BASELINE], 1.0)
        verdicts += print_ratios("fuzzy / baseline", found[FUZZY], found[BASELINE], 0.5)
        if variant == "one-char":
            if "prose" in speeds:
                prose = speeds["prose"][EXACT]
                verdicts += print_ratios("one-char / prose (exact)", found[EXACT], prose, 0.9)
            else:
                print("  one-char / prose (exact): run the prose variant too")
        print()
        if variant == "prose":
            scaling(gazetteer, "\n\n".join(a for a, _ in corpus))

    print(f"targets: {verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL")


def scaling(gazetteer: toponyms.Gazetteer, whole: str) -> None:
    """How annotate(fuzzy=False) grows with text length, and annotate()'s peak memory."""
    print("cost against text length, annotate(fuzzy=False):")
    for share in (0.125, 0.25, 0.5, 1.0):
        part = whole[: int(len(whole) * share)]
        seconds = min(timed(partial(gazetteer.annotate, part, fuzzy=False)) for _ in "ab")
        size = len(part.encode()) / 1e6
        print(f"  {size:6.2f} MB  {seconds:6.3f} s  {seconds / share:6.3f} s for the whole corpus")

    tracemalloc.start()
    gazetteer.annotate(whole, fuzzy=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak / 1e6:.0f} MB traced while annotating the whole prose text "
          f"(fuzzy=True); process max RSS {rss:.0f} MB\n")  # fmt: skip


if __name__ == "__main__":
    main()
