"""fold_with_offsets() and fold() speed and peak memory on prose and on hostile shapes.

Prose: ~1 MB of English, Russian and Japanese news-like text, as it is, with one " …" appended
(one character the 1:1 fast path cannot fold must not slow the whole text down), and with a
character that needs the slow path (…, №, ﬁ, İ, ½, ™, ㎞, an NFD accent, ｶﾞ) every 100
characters. English news usually holds a curly apostrophe, which takes it off the pure-ASCII
path: "en with ’" is the figure to hold "en with ’ + ' …'" against. Hostile shapes: one
character repeated, long runs of combining marks, a name repeated, a slow character every few
characters; each must fold in linear time.

Each shape runs in a child process with a time limit, so that one pathological case cannot hang
the script; times are the best of three; "peak" is tracemalloc's peak while folding, as a
multiple of the input's UTF-8 size.

Run: python benchmarks/fold.py [--mb 1] [--only SHAPE] [--limit SECONDS]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable

from toponyms.text import fold as _text

EN = (
    "The minister said on Tuesday that talks on Iturup and Kunashir would continue next month, "
    "Japan's embassy said. "
    "Officials from both countries met in Moscow and Tokyo to discuss fisheries, trade and "
    "security in the Kuril Islands. Analysts expect no breakthrough before the summit, "
    "according to Reuters and Kyodo. Fishermen from Rausu hope for visa-free visits.\n"
)
RU = (
    "Министр заявил во вторник, что переговоры об Итурупе и Кунашире продолжатся в следующем "
    "месяце. Делегации обсудили рыболовство и торговлю на Курильских островах. Жители острова "
    "Шикотан ждут новый аэропорт и дорогу. Погода в Южно-Курильске была тёплой.\n"
)
JA = (
    "政府は火曜日、択捉島と国後島をめぐる交渉を来月も続けると発表した。両国の代表は北方領土の"
    "漁業や貿易について協議した。元島民は色丹島への墓参の再開を望んでいる。羅臼町の港では"
    "漁船が出港の準備をしていた。\n"
)
SLOW = ["…", "№", "ﬁ", "İ", "½", "™", "㎞", "e\u0301", "ｶﾞ"]


def prose(sample: str, mb: float) -> str:
    return (sample * (int(mb * 1_000_000) // len(sample.encode()) + 1))[: int(mb * 1_000_000)]


def every(text: str, step: int) -> str:
    rng = random.Random(7)
    return "".join(text[i : i + step] + rng.choice(SLOW) for i in range(0, len(text), step))


def shapes(mb: float) -> dict[str, Callable[[], tuple[str, str]]]:
    """name -> (function, text), built lazily in the child that folds it."""
    fwo, fold = "fold_with_offsets", "fold"
    return {
        "en": lambda: (fwo, prose(EN, mb)),
        "en + ' …'": lambda: (fwo, prose(EN, mb) + " …"),
        "en, slow char every 100": lambda: (fwo, every(prose(EN, mb), 100)),
        "en with ’ (news)": lambda: (fwo, prose(EN.replace("'", "’"), mb)),
        "en with ’ + ' …'": lambda: (fwo, prose(EN.replace("'", "’"), mb) + " …"),
        "ru": lambda: (fwo, prose(RU, mb)),
        "ru + ' …'": lambda: (fwo, prose(RU, mb) + " …"),
        "ru, slow char every 100": lambda: (fwo, every(prose(RU, mb), 100)),
        "ja": lambda: (fwo, prose(JA, mb)),
        "ja + ' …'": lambda: (fwo, prose(JA, mb) + " …"),
        "ja, slow char every 100": lambda: (fwo, every(prose(JA, mb), 50)),
        "2M 'a'": lambda: (fwo, "a" * 2_000_000),
        "2M '\\n'": lambda: (fwo, "\n" * 2_000_000),
        "2M 'ё'": lambda: (fwo, "ё" * 2_000_000),
        "2M '…'": lambda: (fwo, "…" * 2_000_000),
        "1M alternating marks": lambda: (fwo, "\u0301\u0316" * 500_000),
        "1M 'e' + mark (NFD)": lambda: (fwo, "e\u0301" * 500_000),
        "5M 'Iturup'": lambda: (fwo, "Iturup" * 833_334),
        "1M slow char every 3": lambda: (fwo, every("ab" * 500_000, 2)),
        "fold: 2M 'a'": lambda: (fold, "a" * 2_000_000),
        "fold: 2M 'ё'": lambda: (fold, "ё" * 2_000_000),
        "fold: 1M alternating marks": lambda: (fold, "\u0301\u0316" * 500_000),
        "fold: 5M 'Iturup'": lambda: (fold, "Iturup" * 833_334),
        "fold: 5M 'Итуруп'": lambda: (fold, "Итуруп" * 833_334),
    }


def measure(name: str, mb: float) -> None:
    """Fold one shape: print the best of three times, MB/s (of UTF-8 input), then peak memory
    as a multiple of the input's size (tracemalloc slows folding down: it comes second)."""
    function_name, text = shapes(mb)[name]()
    function = getattr(_text, function_name)
    clear = getattr(function, "cache_clear", lambda: None)
    size = len(text.encode("utf-8", "surrogatepass"))
    function("ё …")  # the character classes are built on first use: not what is measured
    seconds = float("inf")
    for _ in range(3):
        clear()
        started = time.perf_counter()
        function(text)
        seconds = min(seconds, time.perf_counter() - started)
    print(f"{seconds:8.3f} s {size / seconds / 1e6:8.1f} MB/s", end="", flush=True)
    clear()
    tracemalloc.start()
    function(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(f"  peak {peak / size:5.1f}x", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the prose texts")
    parser.add_argument("--only", help="run one shape (its name as listed)")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per shape")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.only, args.mb)
        return
    names = [args.only] if args.only else list(shapes(args.mb))
    for name in names:
        command = [sys.executable, __file__, "--child", "--only", name, "--mb", str(args.mb)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.limit)
            line = done.stdout.strip() or done.stderr.strip().splitlines()[-1]
        except subprocess.TimeoutExpired as stopped:
            partial = stopped.stdout or ""
            partial = partial.decode() if isinstance(partial, bytes) else partial
            line = partial.strip() + f"  (stopped after {args.limit:.0f} s)"
        print(f"{name:30} {line}", flush=True)


if __name__ == "__main__":
    main()
