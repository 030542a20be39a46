"""One-typo misspellings for the benchmarks: one generator, so their figures mean the same."""

from __future__ import annotations

import random
import unicodedata

_EDITS = ("swap", "drop", "double", "replace")
_VOWELS = {"CYRILLIC": "аеиоу", "GREEK": "αεοιυ"}


def one_typo(text: str, rng: random.Random, replacements: str | None = None) -> str:
    """``text`` with one random swap, drop, doubling or replacement, never on its first or last
    character. A replacement is drawn from ``replacements``, or by default is another vowel of
    the replaced letter's script."""
    i = rng.randrange(1, len(text) - 1)
    edit = rng.choice(_EDITS)
    if edit == "swap":
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if edit == "drop":
        return text[:i] + text[i + 1 :]
    if edit == "double":
        return text[:i] + text[i] + text[i:]
    if replacements is None:
        script = unicodedata.name(text[i], "LATIN").split()[0]
        replacements = "".join(v for v in _VOWELS.get(script, "aeiou") if v != text[i].lower())
    return text[:i] + rng.choice(replacements) + text[i + 1 :]
