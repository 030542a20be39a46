"""Characters that scanners (OCR) and input methods put for one another: rn for m, l for i,
0 for O, 鳥 for 島, 士 for 土.

Such a confusion is likelier than any other typo, so normalize() counts it as less than one
edit. The tables are data (``data/confusions.yaml``), read on first use. Two ways to use them:

- :func:`confusion_key` maps each class of confusable Latin or Cyrillic forms to one form, so a
  misread name and the name it stands for get the same key ("Habornai" and "Habomai");
- :func:`han_variants` substitutes confusable Han and kana characters one at a time, for
  scripts where one character is a word and a coarse key would join too much.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from typing import Any

import attrs
import yaml

from .fold import fold
from .scripts import has_cyrillic

__all__ = ["Confusion", "confusion_key", "confusions", "han_variants", "parse_confusions"]

#: Scripts a confusion may name. Latin and Cyrillic forms go into a key; Han and Kana forms are
#: single characters, substituted one at a time.
SCRIPTS = frozenset({"Latin", "Cyrillic", "Han", "Kana"})
_KEYED = ("Latin", "Cyrillic")


@attrs.frozen
class Confusion:
    """Forms (folded) that a scanner or an input method puts for one another."""

    script: str
    forms: tuple[str, ...]
    note: str


def parse_confusions(text: str, where: str = "confusions.yaml") -> tuple[Confusion, ...]:
    """The confusions of a YAML document (the format of ``data/confusions.yaml``).

    Forms are folded; a form that folds to nothing, or forms that fold alike, are errors (fold
    already makes them one), as are unknown scripts and fields.

    >>> parse_confusions("confusions: [{script: Latin, forms: [rn, M], note: OCR}]")
    (Confusion(script='Latin', forms=('rn', 'm'), note='OCR'),)
    """
    document: Any = yaml.safe_load(text)
    entries = document.get("confusions") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{where}: a mapping with a list 'confusions' is expected")
    found: list[Confusion] = []
    for number, entry in enumerate(entries, 1):
        at = f"{where}: confusion {number}"
        if not isinstance(entry, dict) or set(entry) != {"script", "forms", "note"}:
            raise ValueError(f"{at}: expected exactly the fields script, forms and note")
        script, forms, note = entry["script"], entry["forms"], entry["note"]
        if script not in SCRIPTS:
            raise ValueError(f"{at}: script must be one of {sorted(SCRIPTS)}, not {script!r}")
        if not isinstance(note, str) or not note.strip():
            raise ValueError(f"{at}: note must be a non-empty string")
        if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
            raise ValueError(f"{at}: forms must be a list of strings")
        folded = tuple(fold(f) for f in forms)
        if len(folded) < 2 or len(set(folded)) != len(folded) or "" in folded:
            raise ValueError(f"{at}: forms must be two or more strings that fold apart")
        longest = 1 if script in ("Han", "Kana") else 2
        if any(len(f) > longest or " " in f for f in folded):
            raise ValueError(f"{at}: {script} forms have at most {longest} character(s)")
        letters = sum(len(f) == 1 for f in folded)
        if letters < len(folded) and letters != 1:
            raise ValueError(f"{at}: two-letter forms go with exactly one one-letter form")
        found.append(Confusion(script, folded, note))
    return tuple(found)


@attrs.frozen
class _Tables:
    confusions: tuple[Confusion, ...]
    #: Per keyed script: each single character to its class's form.
    single: Mapping[str, Mapping[int, str]]
    #: Per keyed script: two-letter forms (already mapped by ``single``) and their letter.
    double: Mapping[str, tuple[re.Pattern[str], Mapping[str, str]]]
    #: Han and kana characters to the characters confusable with them.
    partners: Mapping[str, tuple[str, ...]]


def _classes(groups: Iterable[tuple[str, ...]]) -> dict[str, str]:
    """Each member of overlapping groups to its merged class's first member (union-find)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for group in groups:
        first = root(group[0])
        for other in group[1:]:
            top = root(other)
            if top != first:
                parent[top] = first
    return {x: root(x) for x in parent}


def _compile(confusions: tuple[Confusion, ...]) -> _Tables:
    single: dict[str, dict[int, str]] = {}
    double: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}
    for script in _KEYED:
        mine = [c.forms for c in confusions if c.script == script]
        letters = _classes(f for f in mine if all(len(x) == 1 for x in f))
        table = {ord(x): canon for x, canon in letters.items() if x != canon}
        single[script] = table
        pairs: dict[str, str] = {}
        for forms in mine:
            if all(len(x) == 1 for x in forms):
                continue
            letter = next(x for x in forms if len(x) == 1).translate(table)
            for x in forms:
                if len(x) == 2:
                    pairs[x.translate(table)] = letter
        pattern = re.compile("|".join(map(re.escape, sorted(pairs, key=len, reverse=True))))
        double[script] = (pattern if pairs else re.compile(r"(?!x)x"), pairs)
    partners: dict[str, set[str]] = {}
    for confusion in confusions:
        if confusion.script in ("Han", "Kana"):
            for x in confusion.forms:
                partners.setdefault(x, set()).update(y for y in confusion.forms if y != x)
    return _Tables(
        confusions,
        single,
        double,
        {x: tuple(sorted(others)) for x, others in partners.items()},
    )


_LOCK = threading.Lock()
_TABLES: list[_Tables] = []


def _tables() -> _Tables:
    """The bundled tables, read and compiled once, on first use."""
    if not _TABLES:
        with _LOCK:
            if not _TABLES:
                source = resources.files("toponyms").joinpath("data", "confusions.yaml")
                text = source.read_text(encoding="utf-8")
                _TABLES.append(_compile(parse_confusions(text)))
    return _TABLES[0]


def confusions() -> tuple[Confusion, ...]:
    """Every confusion of the bundled table, forms folded."""
    return _tables().confusions


def confusion_key(folded: str) -> str:
    """``folded`` (an output of ``fold``) with each Latin or Cyrillic word's confusable forms
    mapped to one form of their class; spaces are kept, other scripts are left as they are.

    Digits are letters only inside a word that has letters: "K0nashir" is Konashir, but the 2 of
    "sakhalin 2" stays a number.

    >>> confusion_key("habornai") == confusion_key("habomai")
    True
    >>> confusion_key("sh1kotan") == confusion_key("shlkotan") == confusion_key("shikotan")
    True
    >>> confusion_key("sakhalin 2") == confusion_key("sakhalin z")
    False
    """
    tables = _tables()
    words = []
    for word in folded.split(" "):
        if any(ch.isalpha() for ch in word):
            script = "Cyrillic" if has_cyrillic(word) else "Latin"
            word = word.translate(tables.single[script])
            pattern, pairs = tables.double[script]
            rewritten = pattern.sub(_lookup(pairs), word)
            while rewritten != word:  # to a fixed point: "rrii" -> "rnl" -> "ml", as "rni"
                word, rewritten = rewritten, pattern.sub(_lookup(pairs), rewritten)
        words.append(word)
    return " ".join(words)


def _lookup(pairs: Mapping[str, str]) -> Callable[[re.Match[str]], str]:
    return lambda match: pairs[match.group()]


def han_variants(folded: str, limit: int) -> Iterator[str]:
    """``folded`` with 1 to ``limit`` of its Han or kana characters replaced by one they are
    confused with, fewer replacements first (each variant once).

    >>> list(han_variants("択捉鳥", 1))
    ['択促鳥', '択捉島']
    >>> list(han_variants("北方領土", 1))
    ['北方領士']
    """
    partners = _tables().partners
    positions = [i for i, ch in enumerate(folded) if ch in partners]
    chars = list(folded)
    for count in range(1, limit + 1):
        for chosen in itertools.combinations(positions, count):
            for replacement in itertools.product(*(partners[folded[i]] for i in chosen)):
                variant = chars.copy()
                for i, ch in zip(chosen, replacement, strict=True):
                    variant[i] = ch
                yield "".join(variant)
