"""annotate(), normalize() and rewrite() on hostile input: time per MB and peak memory.

Each shape of text (one name repeated without spaces, one character repeated (lower and upper
case: a capitalized run is a candidate name, a lower-case one is not), runs of combining
marks, lone surrogates, controls, emoji sequences, dense name lists, one huge line, many blank
lines, random code points) is measured against prose of the same size, for
annotate(fuzzy=False), annotate(fuzzy=True), normalize() and rewrite(text, "JP").

Every measured call runs in a forked child process (it shares the parent's loaded and compiled
gazetteer) with a wall-clock timeout (--timeout, default 60 s: the parent kills the child) and an
address-space limit (RLIMIT_AS, --memory, default 4 GB), so a cliff shows in the table as
TIMEOUT or MemoryError instead of taking the machine down. Each call is timed once, cold: the
child starts from the parent's state, which never saw the input.

Columns: seconds, seconds per MB (UTF-8 bytes; lone surrogates counted as 3 bytes), the ratio
to prose's seconds per MB for the same call (target <= 5x, PASS/FAIL), and memory / input size.
Memory is the child's peak resident set (resource.getrusage ru_maxrss, which a forked child
starts afresh) minus its resident set just before the call (/proc/self/statm), after a warm-up
call on a short text; it counts every allocation, C-level ones included, and pages the call
copied from the parent. With --tracemalloc, a second child runs the same call under tracemalloc
and a column gives its traced peak / input (Python allocations only).

Then normalize() on prose, a repeated name and a repeated letter of 1 KB, 100 KB and 1 MB
(target: under 100 ms each).

Run: python benchmarks/hostile.py [--size MB] [--quick] [--timeout S] [--memory GB]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import select
import signal
import time
import tracemalloc
import unicodedata
from collections.abc import Callable

from _corpus import FILLER, dense, prose

import toponyms

Call = Callable[[str], object]
RATIO_TARGET = 5.0
#: A call this fast passes whatever its ratio to prose (normalize() answers in microseconds).
FAST_ENOUGH = 0.001
NORMALIZE_TARGET = 0.1  # seconds: "milliseconds", not the seconds it took
PAGE = os.sysconf("SC_PAGE_SIZE")


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def repeat_to(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` UTF-8 bytes."""
    return unit * max(1, size // utf8_size(unit))


def sprinkle(text: str, inserts: str, every: int, seed: int) -> str:
    """``text`` with one of ``inserts`` after about every ``every`` characters."""
    rng = random.Random(seed)
    out, i = [], 0
    while i < len(text):
        step = rng.randrange(1, 2 * every)
        out += [text[i : i + step], rng.choice(inserts)]
        i += step
    return "".join(out)


def emoji(size: int) -> str:
    """Emoji ZWJ sequences, flags and skin tones with a filler word now and then."""
    rng = random.Random(3)
    sequences = [
        "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",  # family
        "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
        "\U0001f1ef\U0001f1f5",  # JP flag
        "\U0001f1f7\U0001f1fa",  # RU flag
        "\U0001f44d\U0001f3fd",  # thumbs up, skin tone
        "\U0001f9d1\u200d\U0001f4bb",  # technologist
        "\u2764\ufe0f\u200d\U0001f525",  # heart on fire
    ]
    words = FILLER["en"] + FILLER["ru"]
    parts, length = [], 0
    while length < size:
        part = rng.choice(sequences) if rng.random() < 0.8 else " " + rng.choice(words) + " "
        parts.append(part)
        length += utf8_size(part)
    return "".join(parts)


def random_unicode(size: int) -> str:
    """Random code points from every plane (assigned or not), no surrogates."""
    rng = random.Random(4)
    chars, length = [], 0
    while length < size:
        code = rng.randrange(0x110000)
        if 0xD800 <= code <= 0xDFFF:
            continue
        chars.append(chr(code))
        length += len(chr(code).encode())
    return "".join(chars)


def shapes(size: int) -> dict[str, Callable[[], str]]:
    """Every shape, each a function building about ``size`` UTF-8 bytes of it."""
    mb = size / 1e6

    def prose_text() -> str:
        return "\n\n".join(text for text, _ in prose(mb))

    def blank_lines() -> str:
        return "\n\n\n".join(prose_text().split())

    return {
        "prose": prose_text,
        "name repeated: IturupIturup…": lambda: repeat_to("Iturup", size),
        "name repeated: ИтурупИтуруп…": lambda: repeat_to("Итуруп", size),
        "name repeated: 択捉島択捉島…": lambda: repeat_to("択捉島", size),
        "one char: 'a'": lambda: repeat_to("a", size),
        "one char: 'A'": lambda: repeat_to("A", size),
        "one char: Cyrillic 'а'": lambda: repeat_to("а", size),
        "one char: Cyrillic 'Я'": lambda: repeat_to("Я", size),
        "one char: 'İ'": lambda: repeat_to("İ", size),
        "one char: '島'": lambda: repeat_to("島", size),
        "one char: ' '": lambda: repeat_to(" ", size),
        "one char: '\\n'": lambda: repeat_to("\n", size),
        "marks: 'e\\u0301\\u0300' repeated": lambda: repeat_to("e\u0301\u0300", size),
        "marks: 'a' + run of '\\u0301'": lambda: "a" + repeat_to("\u0301", size),
        "prose + lone surrogates": lambda: sprinkle(prose_text(), "\ud800\udfff\udc00", 50, 1),
        "prose + NUL and bidi controls": lambda: sprinkle(
            prose_text(), "\x00\u202e\u202d\u200f\u200e\u2066\u2069\u200b\ufeff", 20, 2
        ),
        "emoji ZWJ sequences": lambda: emoji(size),
        "dense name lists": lambda: "\n".join(text for text, _ in dense(mb)),
        "one huge line (no line breaks)": lambda: " ".join(prose_text().split()),
        "many blank lines (a word each)": blank_lines,
        "random Unicode": lambda: random_unicode(size),
    }


# -- the bounded child -------------------------------------------------------------------------


def pad(text: str, width: int) -> str:
    """``text`` left-aligned in ``width`` terminal columns (CJK characters take two)."""
    wide = sum(unicodedata.east_asian_width(c) in "WF" for c in text)
    return text + " " * max(0, width - len(text) - wide)


def resident() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def child(call: Call, text: str, memory: int, trace: bool) -> dict[str, object]:
    """Runs in the forked child: the call's time and memory, or the exception it raised."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    call("Japan claims Iturup, which it calls Etorofu, and 択捉島; Россия — Итуруп.")
    before = resident()
    if trace:
        tracemalloc.start()
    try:
        started = time.perf_counter()
        call(text)
        seconds = time.perf_counter() - started
    except BaseException as error:  # reported in the table, whatever it is
        return {"error": type(error).__name__}
    if trace:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return {"seconds": seconds, "memory": peak}
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"seconds": seconds, "memory": max(0, maxrss - before)}


def bounded(call: Call, text: str, timeout: float, memory: int, trace: bool) -> dict[str, object]:
    """``child()`` in a forked process, killed after ``timeout`` seconds."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report through the pipe, exit without running the parent's code
        os.close(read_end)
        try:
            report = json.dumps(child(call, text, memory, trace)).encode()
        except BaseException as error:
            report = json.dumps({"error": type(error).__name__}).encode()
        os.write(write_end, report)
        os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + timeout
    data = b""
    try:
        while True:
            ready, _, _ = select.select([read_end], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return {"error": "TIMEOUT"}
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            data += chunk
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if data:
        result: dict[str, object] = json.loads(data)
        return result
    if os.WIFSIGNALED(status):
        return {"error": f"killed by {signal.Signals(os.WTERMSIG(status)).name}"}
    return {"error": f"exit status {os.waitstatus_to_exitcode(status)}"}


# -- the tables --------------------------------------------------------------------------------


def calls(gazetteer: toponyms.Gazetteer) -> dict[str, Call]:
    return {
        "annotate(fuzzy=False)": lambda text: gazetteer.annotate(text, fuzzy=False),
        "annotate(fuzzy=True)": lambda text: gazetteer.annotate(text, fuzzy=True),
        "normalize()": gazetteer.normalize,
        'rewrite(text, "JP")': lambda text: gazetteer.rewrite(text, "JP"),
    }


def table(
    label: str, call: Call, texts: dict[str, str], args: argparse.Namespace
) -> tuple[int, int]:
    """Print one call's table over every shape; the counts of PASS and FAIL."""
    memory = int(args.memory * 2**30)
    mem_header = "RSS/input" + ("  traced/input" if args.tracemalloc else "")
    print(f"== {label} ==")
    print(f"{'shape':34} {'MB':>6} {'seconds':>9} {'s/MB':>8} {'x prose':>8}  {'<= 5x':5} "
          f"{mem_header}")  # fmt: skip
    prose_per_mb: float | None = None
    passed = failed = 0
    for shape, text in texts.items():
        size = utf8_size(text)
        result = bounded(call, text, args.timeout, memory, trace=False)
        if "error" in result:
            failed += 1
            print(f"{pad(shape, 34)} {size / 1e6:6.2f} {result['error']!s:>27}  FAIL")
            continue
        seconds = float(str(result["seconds"]))
        per_mb = seconds / (size / 1e6)
        if shape == "prose":
            prose_per_mb = per_mb
        ratio = per_mb / prose_per_mb if prose_per_mb else float("nan")
        ok = ratio <= RATIO_TARGET or seconds < FAST_ENOUGH  # a ratio of two noises is none
        passed, failed = passed + ok, failed + (not ok)
        memory_ratio = f"{float(str(result['memory'])) / size:9.1f}"
        if args.tracemalloc:
            traced = bounded(call, text, args.timeout, memory, trace=True)
            memory_ratio += (
                f"  {float(str(traced['memory'])) / size:13.1f}"
                if "memory" in traced
                else f"  {traced['error']!s:>13}"
            )
        print(
            f"{pad(shape, 34)} {size / 1e6:6.2f} {seconds:9.3f} {per_mb:8.3f} {ratio:8.1f}  "
            f"{'PASS' if ok else 'FAIL':5} {memory_ratio}"
        )
    print()
    return passed, failed


def normalize_sizes(gazetteer: toponyms.Gazetteer, args: argparse.Namespace) -> tuple[int, int]:
    """normalize() on 1 KB, 100 KB and 1 MB strings; the counts of PASS and FAIL."""
    memory = int(args.memory * 2**30)
    sizes = (1_000, 10_000) if args.quick else (1_000, 100_000, 1_000_000)
    print(f"== normalize() by input size (target: under {NORMALIZE_TARGET * 1000:.0f} ms) ==")
    print(f"{'text':34} " + " ".join(f"{f'{s // 1000} KB':>16}" for s in sizes))
    passed = failed = 0
    builders: dict[str, Callable[[int], str]] = {
        "prose": lambda size: "\n\n".join(text for text, _ in prose(size / 1e6))[:size],
        "IturupIturup…": lambda size: repeat_to("Iturup", size),
        "'a' repeated": lambda size: repeat_to("a", size),
    }
    for label, build in builders.items():
        cells = []
        for size in sizes:
            result = bounded(gazetteer.normalize, build(size), args.timeout, memory, False)
            if "error" in result:
                cells.append(f"{result['error']!s:>11} FAIL")
                failed += 1
                continue
            seconds = float(str(result["seconds"]))
            ok = seconds < NORMALIZE_TARGET
            passed, failed = passed + ok, failed + (not ok)
            cells.append(f"{seconds * 1000:8.1f} ms {'PASS' if ok else 'FAIL'}")
        print(f"{label:34} " + " ".join(f"{c:>16}" for c in cells))
    print()
    return passed, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=float, default=1.0, help="MB per shape (default 1)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per call")
    parser.add_argument("--memory", type=float, default=4.0, help="GB of address space per call")
    parser.add_argument("--tracemalloc", action="store_true", help="add traced peak memory")
    parser.add_argument("--calls", default="", help="comma-separated substrings of call names")
    parser.add_argument("--quick", action="store_true", help="tiny inputs (10 kB)")
    args = parser.parse_args()
    size = 10_000 if args.quick else int(args.size * 1e6)

    gazetteer = toponyms.load()
    toponyms._default = gazetteer  # the corpus generator uses the default gazetteer
    chosen = {
        label: call
        for label, call in calls(gazetteer).items()
        if not args.calls or any(part in label for part in args.calls.split(","))
    }
    for call in calls(gazetteer).values():  # compile every matcher before forking
        call("warm up: Iturup, Etorofu, 択捉島, Итуруп")
    texts = {shape: build() for shape, build in shapes(size).items()}
    print(
        f"{len(texts)} shapes of about {size / 1e6:g} MB; each call in a child process, "
        f"timeout {args.timeout:g} s, address space {args.memory:g} GB; "
        f"memory: RSS high-water delta{' and tracemalloc peak' if args.tracemalloc else ''}\n"
    )
    passed = failed = 0
    for label, call in chosen.items():
        ok, bad = table(label, call, texts, args)
        passed, failed = passed + ok, failed + bad
    ok, bad = normalize_sizes(gazetteer, args)
    print(f"targets: {passed + ok} PASS, {failed + bad} FAIL")


if __name__ == "__main__":
    main()
