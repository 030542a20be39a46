"""Which names are mentions as written, by the data's rules (in_text, generic words, case forms):
one rule the annotator and the strategies share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .._model import Name, Place
from ..lang.declension import Declension, declension_for, declension_pattern
from ..text.fold import (
    HYPHENS,
    fold,
    fold_key,
    fold_with_offsets,
)
from ..text.scripts import script_of
from .records import (
    _Entry,
)


def _own_terms(place: Place) -> tuple[re.Pattern[str], ...]:
    """The first words of the place's names that stand before another of its names, as
    patterns of their case forms."""
    folded_names = {fold(n.text) for n in place.names}
    heads = {
        head
        for head, _, rest in (name.partition(" ") for name in folded_names)
        if rest in folded_names and head.isalpha()
    }
    return tuple(
        re.compile(f"{re.escape(head)}|{declension_pattern(head)[1]}") for head in sorted(heads)
    )


def declension_of(name: Name) -> Declension | None:
    """The case endings a name takes in running text, from its own language's data; None
    when its language does not decline, or when the name folds differently as a name and in
    running text (Суйсё:-дзима keeps its long-vowel colon in text), as its case forms are
    built from the one and looked for in the other."""
    declension = declension_for(name.lang)
    if declension is not None and fold(name.text) != fold_with_offsets(name.text)[0].strip():
        return None
    return declension


def _plain(name: str, in_text: str) -> bool:
    """Whether a name found in text is the name whatever its case: no in-text rule, no short
    hyphenated suffix (Shikotan-to) and no capitalized last word (Kunashir Island)."""
    words = name.split()
    return (
        in_text == "any-case"
        and _HYPHENATED_SUFFIX.search(name) is None
        and (len(words) < 2 or not words[-1][:1].isupper())
    )


def _one_per_place(entries: Iterable[_Entry]) -> tuple[_Entry, ...]:
    """The first entry of each place: several names of one place can fold alike."""
    seen: dict[str, _Entry] = {}
    for entry in entries:
        seen.setdefault(entry.place_id, entry)
    return tuple(seen.values())


def in_text_rule(place: Place, name: Name, generic_words: frozenset[str]) -> str | None:
    """How ``annotate()`` must find ``name`` as a mention of ``place`` by the data's own rules:
    its ``in_text`` rule (``"any-case"``, ``"exact-case"``, ``"with-term"``), or None when the
    name is never a mention as written.

    Never: ``in_text: never``; kind ``reading`` (a gloss: 国後島(くなしりとう) is one mention);
    a name that folds to one non-ASCII character; a generic word before another name of the
    place ("острова Хабомаи": the mention is Хабомаи) and a Latin name with a lower-case
    descriptive tail ("Habomai group": the mention is Habomai). ``generic_words`` are the folded
    one-word generic terms. This is the rule the annotator indexes names by: one function both
    should share, so that what is tested is what is promised.

    >>> from toponyms import Name, Place
    >>> texts = ("Habomai", "Habomai group", "острова Хабомаи", "Хабомаи", "Lachin corridor")
    >>> names = tuple(Name(t, "en", frozenset({"JP"}), "common", "https://example.org")
    ...               for t in texts)
    >>> place = Place("habomai-islands", "island-group", names, "d", frozenset({"JP"}))
    >>> [in_text_rule(place, n, frozenset({"острова"})) for n in place.names]
    ['any-case', None, None, 'any-case', 'any-case']
    """
    if name.in_text == "never" or name.kind == "reading":
        return None
    folded = fold_with_offsets(name.text)[0].strip()
    if not folded or (len(folded) == 1 and not folded.isascii()):
        return None
    keys = {fold_key(n.text) for n in place.names if n.in_text != "never"}
    if _generic_prefix(name.text, keys, generic_words) or _descriptive_tail(name.text, keys):
        return None
    return name.in_text


#: Words that join a generic term to the name it describes (península da Crimeia).
_CONNECTORS = frozenset({"of", "de", "del", "des", "du", "di", "do", "da", "della", "von", "van"})


def _generic_prefix(name: str, keys: set[str], generic_words: frozenset[str]) -> bool:
    """Whether ``name`` is a lower-case word or a generic term, maybe joined by "of", "de",
    "da"..., before another name of the same place ("острова Хабомаи", "island of Iturup",
    "península da Crimeia", Bulgarian "Остров Шикотан"): in running text that word describes
    the name. (Two words, as Vietnamese "quần đảo", are not read so: what follows the first
    may name another place, đảo Trường Sa the island in quần đảo Trường Sa the islands.)"""
    words = name.split()
    if len(words) < 2 or not (words[0].islower() or fold(words[0]) in generic_words):
        return False
    if words[0][:1].isupper() and all(script_of(c) == "latin" for c in words[0] if c.isalpha()):
        return False  # a capitalized Latin term is part of the name: Islas Malvinas, Isla Soledad
    rest = words[1:]
    if len(rest) > 1 and fold(rest[0]) in _CONNECTORS:
        rest = rest[1:]
    first = rest[0]
    cased = first.lower() != first.upper()
    return fold_key(" ".join(rest)) in keys and (not cased or any(c.isupper() for c in first))


def _descriptive_tail(name: str, keys: set[str]) -> bool:
    """A Latin-script name of several words whose last word is written in lower case after
    another name of the same place ("Habomai group", "Kuril chain"): a description around a
    name rather than a name. After anything else the lower-case word is part of the name
    ("Lachin corridor" is no Lachin, "Malouine orientale" no Malouine)."""
    words = name.split()
    return (
        len(words) > 1
        and name.isascii()
        and words[0][:1].isupper()
        and words[-1].islower()
        and fold_key(" ".join(words[:-1])) in keys
    )


def _term_lowered(
    name: str, written: str, generic_kinds: Callable[[str], frozenset[str] | None]
) -> bool:
    """Whether ``written`` lower-cases the capitalized generic term that starts ``name`` (the
    first word's twin of :func:`_generic_lowered`): "las islas Malvinas" describes Malvinas, as
    "Kunashir island" describes Kunashir; "Las Islas Malvinas" is the name, and "the rock of
    Gibraltar" the Rock. ``generic_kinds`` gives the kinds a folded term describes (None: no
    term)."""
    name_words, written_words = name.split(), written.split()
    return (
        len(name_words) > 1
        and len(written_words) == len(name_words)
        and name_words[0][:1].isupper()
        and fold(name_words[1]) not in _CONNECTORS
        and written_words[0].islower()
        and not written_words[-1].islower()
        and generic_kinds(fold(name_words[0])) is not None
    )


def _generic_lowered(name: str, written: str) -> bool:
    """Whether ``written`` lower-cases the capitalized last word of ``name`` while keeping the
    rest: "Kunashir island" is the island Kunashir, described; "Kunashir Island" is its name."""
    name_words, written_words = name.split(), written.split()
    if len(name_words) < 2 or len(written_words) != len(name_words):
        return False
    last_name, last_written = name_words[-1], written_words[-1]
    return (
        last_name[:1].isupper()
        and last_written.islower()
        and not written_words[0].islower()
        and not written.isupper()
    )


_HYPHENATED_SUFFIX = re.compile(rf"[{HYPHENS}](\w{{1,3}})$")


_SPACED_WORD = re.compile(r"\s([A-Za-z]{1,3})$")


def _suffix_read_as_word(name: str, written: str) -> bool:
    """Whether ``written`` gives the short suffix of a hyphenated name (Shikotan-to, Taraku-tō)
    as a separate plain word: in "ceded Shikotan to Japan", "to" is an English word, not the
    Japanese -tō. The suffix counts only when it is hyphenated, glued or written with its
    macron (Shikotan-to, Shikotanto, Shikotan tō).

    >>> _suffix_read_as_word("Shikotan-to", "Shikotan to")
    True
    >>> _suffix_read_as_word("Shikotan-to", "Shikotan-to"), _suffix_read_as_word("Shikotan", "X to")
    (False, False)
    """
    return _HYPHENATED_SUFFIX.search(name) is not None and _SPACED_WORD.search(written) is not None
