"""The one script table: which code points are Han, kana, hangul, Cyrillic, and what follows
from it (a script written without spaces, a letter that continues a spaced word). Every rule
that depends on the script reads it here.

>>> [script_of(c) for c in "Iт択え工ク독"]
['latin', 'cyrillic', 'han', 'hiragana', 'han', 'katakana', 'hangul']
>>> unspaced("択捉島"), unspaced("독도"), unspaced("Iturup")
(True, True, False)
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "SCRIPTS",
    "has_cyrillic",
    "has_han_or_hangul",
    "has_han_or_kana",
    "is_han",
    "is_hangul",
    "is_kana",
    "is_katakana",
    "joins_word",
    "script_of",
    "spaced_word",
    "unspaced",
]

#: Code point ranges by script (inclusive). Halfwidth katakana count as katakana.
SCRIPTS: dict[str, tuple[tuple[int, int], ...]] = {
    "han": ((0x3400, 0x9FFF), (0xF900, 0xFAFF)),
    "hiragana": ((0x3040, 0x309F),),
    "katakana": ((0x30A0, 0x30FF), (0xFF66, 0xFF9F)),
    "hangul": ((0xAC00, 0xD7AF), (0x1100, 0x11FF)),
    "cyrillic": ((0x0400, 0x04FF),),
}


def _in(script: str, ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in SCRIPTS[script])


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_kana(ch: str) -> bool:
    """Hiragana or (full-width) katakana."""
    return "\u3040" <= ch <= "\u30ff"


def is_katakana(ch: str) -> bool:
    return "\u30a0" <= ch <= "\u30ff" or "\uff66" <= ch <= "\uff9f"


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7af" or "\u1100" <= ch <= "\u11ff"


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` has a Cyrillic letter (Russian inflection and romanization rules apply).

    >>> has_cyrillic("Итуруп"), has_cyrillic("Iturup")
    (True, False)
    """
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def has_han_or_hangul(text: str) -> bool:
    """Han and hangul letters carry meaning one by one (南 vs 北): no typo budget for them."""
    return any(is_han(ch) or is_hangul(ch) for ch in text)


def has_han_or_kana(text: str) -> bool:
    """Japanese writing: Han or kana, read without spaces (addresses, readings)."""
    return any(is_han(ch) or is_kana(ch) for ch in text)


def unspaced(text: str) -> bool:
    """Whether ``text`` holds a letter of a script written without spaces between words."""
    return any(is_han(ch) or is_kana(ch) or is_hangul(ch) for ch in text)


def joins_word(ch: str) -> bool:
    """Whether ``ch`` would continue a Latin, Cyrillic or other spaced-script word: a letter or
    digit, or a combining mark (Devanagari's vowel signs and virama: कश्मीरी goes on past
    कश्मीर).

    >>> joins_word("a"), joins_word("ी"), joins_word(" "), joins_word("台")
    (True, True, False, False)
    """
    if ch.isascii():
        return ch.isalnum()
    if ch.isalnum():
        return not (is_han(ch) or is_kana(ch) or is_hangul(ch))
    return unicodedata.category(ch)[0] == "M"


def spaced_word(word: str) -> bool:
    """Whether every character of ``word`` belongs to a word of a spaced script."""
    return all(joins_word(ch) for ch in word)


def script_of(ch: str) -> str:
    """The script of one character: a key of :data:`SCRIPTS`, else the first word of its
    Unicode name in lower case (``latin``, ``greek``, ``arabic``...)."""
    for script in SCRIPTS:
        if _in(script, ch):
            return script
    return unicodedata.name(ch, "unknown").split()[0].lower()
