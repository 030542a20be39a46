"""annotate() speed and memory, side by side with pyahocorasick, flashtext and spaCy.

One process, one generated corpus of news-like articles (~4 kB each) in English, Russian and
Japanese with gazetteer names embedded (and recorded, so every matcher is also scored on the
spans it finds). For each matcher: MB/s per article and on the whole text; then the index build
time, how the cost grows with text length, and peak memory.

Baselines, over the same names:
- pyahocorasick: str.lower() of text and names, an offset map where lower() changes lengths,
  and a word-boundary check on both sides of each hit (what a careful user writes by hand);
- flashtext: KeywordProcessor, case-insensitive, span_info=True;
- spaCy: PhraseMatcher(attr="LOWER") in a blank multi-language pipeline.

Run: pip install -e '.[bench]' && python benchmarks/annotate.py [--mb 10]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import time
import tracemalloc
from collections.abc import Callable, Iterable

import ahocorasick

import toponyms

Span = tuple[int, int]

EN_TEXT = (
    "The minister said on Tuesday that talks would continue next month . Officials from both "
    "countries met in Moscow and Tokyo to discuss fisheries , trade and security . Analysts "
    "expect no breakthrough before the summit , according to Reuters and Kyodo . The ministry "
    "declined to comment on the report . Prime Minister Kishida and President Putin spoke by "
    "phone about the peace treaty . Fishermen from Rausu and Sapporo hope for visa-free "
    "visits . Kamchatka , Vladivostok and Magadan saw record tourism this summer ."
)
RU_TEXT = (
    "Министр заявил во вторник , что переговоры продолжатся в следующем месяце . Делегации "
    "обсудили рыболовство , торговлю и безопасность в Москве . Эксперты не ждут прорыва до "
    "саммита , сообщает ТАСС . Губернатор Лимаренко посетил порт и школу . Жители острова "
    "ждут новый аэропорт и дорогу . Погода на Камчатке и во Владивостоке была тёплой ."
)
EN_FILLER, RU_FILLER = EN_TEXT.split(), RU_TEXT.split()
JA_FILLER = list(
    "政府は火曜日、交渉を来月も続けると発表した。両国の代表は漁業や貿易について協議した。"
    "専門家は首脳会談までに進展はないと見ている。元島民は墓参の再開を望んでいる。"
    "羅臼町の港では漁船が出港の準備をしていた。"
)


SYLLABLES = {
    "en": [c + v for c in "bcdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ea", "ou")],
    "ru": [c + v for c in "бвгджзклмнпрстфхцчшщ" for v in "аеиоуыяю"],
    "ja": list(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん"
    )
    + list("政府交渉発表代表漁業貿易協議専門家首脳会談進展元島民墓参再開港漁船出準備国際経済安全"),
}


def lexicon(lang: str, rng: random.Random, size: int = 30_000) -> list[str]:
    """Pseudo-words ranked for a Zipf draw: news has a long tail of rare words, which keeps
    every matcher's caches honest; the real filler sentences give the frequent words."""
    syllables = SYLLABLES[lang]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(size)}
    return sorted(words)


def build_corpus(mb: float, seed: int = 20261123) -> list[tuple[str, list[tuple[Span, str]]]]:
    """Articles of about 4 kB with the spans and IDs of the names embedded in them."""
    gazetteer = toponyms.default_gazetteer()
    rng = random.Random(seed)
    pools: dict[str, list[tuple[str, str]]] = {"en": [], "ru": [], "ja": []}
    for place in gazetteer.places:
        for name in place.names:
            if name.lang not in pools or len(name.text) <= 2:
                continue
            # names the annotator reports as written, at their own span
            found = [(m.start, m.end, m.place_id) for m in gazetteer.annotate(name.text)]
            if found == [(0, len(name.text), place.id)]:
                pools[name.lang].append((name.text, place.id))
    lexicons = {lang: lexicon(lang, rng) for lang in pools}
    weights = {lang: [1 / (rank + 1) ** 1.1 for rank in range(len(lex))]
               for lang, lex in lexicons.items()}  # fmt: skip
    articles = []
    size = 0
    while size < mb * 1_000_000:
        lang = rng.choices(["en", "ru", "ja"], weights=[6, 3, 2])[0]
        filler = {"en": EN_FILLER, "ru": RU_FILLER, "ja": JA_FILLER}[lang]
        joiner = "" if lang == "ja" else " "
        parts: list[str] = []
        expected: list[tuple[Span, str]] = []
        length = 0
        while length < 4000:
            start = rng.randrange(len(filler))
            count = rng.randrange(30, 120)  # with the rare words: a name per ~900 characters
            words = [filler[(start + k) % len(filler)] for k in range(count)]
            rare = rng.choices(lexicons[lang], weights[lang], k=count)
            mixed = [w for pair in zip(words, rare, strict=True) for w in pair]
            if lang != "ja":
                mixed = [w.capitalize() if rng.random() < 0.08 else w for w in mixed]
            chunk = joiner.join(mixed)
            sep = 0 if lang == "ja" else 1  # Japanese runs names into the text, unspaced
            parts.append(chunk)
            length += len(chunk) + sep
            text, place_id = rng.choice(pools[lang])
            parts.append(text)
            expected.append(((length, length + len(text)), place_id))
            length += len(text) + sep
        article = joiner.join(parts) if lang == "ja" else " ".join(parts)
        articles.append((article, expected))
        size += len(article.encode())
    return articles


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
            self.matcher.add(place_id, list(self.nlp.tokenizer.pipe(texts)))

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


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def f1(found: Iterable[tuple[Span, str]], expected: Iterable[tuple[Span, str]]) -> float:
    found_set, expected_set = set(found), set(expected)
    right = len(found_set & expected_set)
    if not right:
        return 0.0
    precision, recall = right / len(found_set), right / len(expected_set)
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="corpus size (default 10 MB)")
    parser.add_argument("--skip-spacy", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    gazetteer = toponyms.load()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    gazetteer.annotate("warm up: compile the matcher")
    compiled = time.perf_counter() - started
    toponyms._default = gazetteer  # the matchers below share this instance

    corpus = build_corpus(args.mb)
    articles = [a for a, _ in corpus]
    whole = "\n\n".join(articles)
    mb = len(whole.encode()) / 1e6
    names = all_names()
    print(
        f"corpus: {len(articles)} articles, {mb:.1f} MB (UTF-8), "
        f"{sum(len(e) for _, e in corpus)} embedded names; {len(names)} gazetteer names"
    )
    print(f"index build: load + check {loaded:.2f} s, compile the matcher {compiled:.2f} s\n")

    matchers: list[tuple[str, Callable[[str], list[tuple[Span, str]]]]] = [
        ("toponyms.annotate(fuzzy=False)", ours(False)),
        ("toponyms.annotate(fuzzy=True)", ours(True)),
        ("pyahocorasick + offsets + bounds", AhoCorasickBaseline(names)),
        ("flashtext", FlashtextBaseline(names)),
    ]
    if not args.skip_spacy:
        matchers.append(("spaCy PhraseMatcher (LOWER)", SpacyBaseline(names)))

    print(f"{'matcher':34} {'per article':>12} {'whole text':>12} {'span F1':>8}   (best of 3)")
    for label, fn in matchers:
        found = [fn(a) for a in articles]
        per_article = min(timed(lambda fn=fn: [fn(a) for a in articles]) for _ in range(3))
        at_once = min(timed(lambda fn=fn: fn(whole)) for _ in range(3))
        score = sum(f1(got, want) for got, (_, want) in zip(found, corpus, strict=True))
        print(
            f"{label:34} {mb / per_article:>8.1f} MB/s {mb / at_once:>8.1f} MB/s "
            f"{score / len(corpus):>8.3f}"
        )

    print("\ncost against text length, annotate(fuzzy=False):")
    for share in (0.125, 0.25, 0.5, 1.0):
        part = whole[: int(len(whole) * share)]
        seconds = min(timed(lambda part=part: gazetteer.annotate(part, fuzzy=False)) for _ in "ab")
        size = len(part.encode()) / 1e6
        print(f"  {size:6.2f} MB  {seconds:6.3f} s  {seconds / share:6.3f} s for the whole corpus")

    tracemalloc.start()
    gazetteer.annotate(whole, fuzzy=True)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory: {peak / 1e6:.0f} MB traced while annotating the whole text; "
          f"process max RSS {rss:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
