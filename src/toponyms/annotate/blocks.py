"""Long texts are matched block by block, cut at blank lines (or, failing them, at a safe space)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..text.fold import (
    HYPHENS,
)

#: Texts longer than this are matched block by block, cut at the first blank line after it:
#: article-sized blocks keep English paragraphs on the ASCII fast path of folding.
BLOCK_SIZE = 4_096


#: A block with no blank line is cut by this length anyway, at the last line break (or else
#: the last space) before it, so that what one block costs in memory stays bounded.
MAX_BLOCK = 65_536


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _blocks(text: str) -> Iterator[tuple[int, str]]:
    """``(offset, block)`` pieces of ``text``, cut at blank lines after every BLOCK_SIZE
    characters, so that no name is cut (a name never spans a blank line); a paragraph longer
    than MAX_BLOCK is cut at a line break or a space that no hyphenation joins."""
    start = 0
    while len(text) - start > BLOCK_SIZE:
        blank = _BLANK_LINE.search(text, start + BLOCK_SIZE, start + MAX_BLOCK)
        if blank is not None:
            cut = blank.end()
        elif len(text) - start <= MAX_BLOCK:
            break
        else:
            cut = _cut_point(text, start + BLOCK_SIZE, start + MAX_BLOCK)
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]


def _cut_point(text: str, low: int, high: int) -> int:
    """Where to cut a long paragraph between ``low`` and ``high``: after the last line break
    not joined to a hyphen, else after the last space, else at ``high`` (no space at all)."""
    at = text.rfind("\n", low, high)
    while at != -1 and text[at - 1] in HYPHENS:
        at = text.rfind("\n", low, at)
    if at == -1:
        at = text.rfind(" ", low, high)
    return high if at == -1 else at + 1
