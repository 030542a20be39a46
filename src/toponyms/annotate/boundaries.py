"""Where a hit may start and end: word boundaries by script, clitics and particles by language,
hyphenated compounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..lang import Language
from ..text.fold import (
    HYPHENS,
    OffsetMap,
)
from ..text.scripts import (
    joins_word,
)
from .records import (
    _Record,
)

_SPACED_WORD_RUN = re.compile(r"[^\W_]+")


def _in_one_word(folded: str, start: int, end: int) -> bool:
    """Whether ``folded[start:end]`` is letters and digits of scripts written with spaces
    only, so that no name inside it can stand as a word of its own."""
    match = _SPACED_WORD_RUN.match(folded, start, end)
    return (
        match is not None and match.end() == end and all(joins_word(ch) for ch in folded[start:end])
    )


def _compound_head(text: str, end: int) -> bool:
    """Whether a hyphen and a letter follow ``text[:end]``: the word there is the head of a
    compound (Terytoria Północno-Zachodnie), so a typo of a name ending there is another
    name."""
    return end + 1 < len(text) and text[end] in HYPHENS and text[end + 1].isalpha()


#: The longest run of clitics, and of particles, looked at around a name.
_LONGEST_CLITICS = 6


_LONGEST_PARTICLE = 8


def _add_language(rec: _Record, language: Language | None) -> None:
    if language is None:
        return
    if language.prefixes and language not in rec.clitics:
        rec.clitics += (language,)
    if language.suffixes and language not in rec.particles:
        rec.particles += (language,)


def _word_end(language: Language | None) -> str:
    """The end of a name's word in an inflection's regular expression: no letter after it,
    or one of its language's particles and then none (Արցախ-ին-ը)."""
    if language is None or not language.suffixes:
        return r"(?!\w)"
    particles = "|".join(re.escape(p) for p in sorted(language.suffixes, key=len, reverse=True))
    return rf"(?=(?:{particles})?(?!\w))"


def _after_clitics(folded: str, start: int, languages: Sequence[Language]) -> bool:
    """Whether what stands between the word's start and ``start`` is a chain of clitics of
    one of ``languages`` (و, وب, ו, וב...)."""
    first = start
    while first > 0 and joins_word(folded[first - 1]):
        first -= 1
        if start - first > _LONGEST_CLITICS:
            return False
    return any(language.prefix_chain(folded[first:start]) for language in languages)


def _han_clitic(folded: str, start: int, rec: _Record) -> bool:
    """Whether the Han character before a short Han name is a function word of the name's
    language written before nouns (在台湾: "in Taiwan")."""
    return any(folded[start - 1] in language.prefixes for language in rec.clitics)


def _han_particle(folded: str, end: int, rec: _Record) -> bool:
    """Whether the Han character after a short Han name is a particle of the name's language
    (臺灣是, 台湾的)."""
    return any(folded[end] in language.suffixes for language in rec.particles)


def _before_particle(
    folded: str,
    end: int,
    languages: Sequence[Language],
    letter: Callable[[str], bool] = joins_word,
) -> bool:
    """Whether the ``letter`` characters from ``end`` to the word's end are a particle of one
    of ``languages`` (Krım-da, 독도-는)."""
    last = end
    while last < len(folded) and letter(folded[last]):
        last += 1
        if last - end > _LONGEST_PARTICLE:
            return False
    return any(language.suffix(folded[end:last]) for language in languages)


def _compound_tail(text: str, folded: str, offsets: OffsetMap, start: int) -> bool:
    """Whether the hit at ``start`` is the tail of a hyphenated compound whose first part ends
    in -o (Северо-|Курильского, Severo-|Kurilsky): then it names something else."""
    if start < 3 or folded[start - 1] != " ":
        return False
    o_start = offsets.start(start)
    return (
        o_start > 2
        and text[o_start - 1] in HYPHENS
        and text[o_start - 2] in "oо"
        and text[o_start - 3].isalpha()
    )
