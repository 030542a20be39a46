"""Unicode folding: the one definition of "the same name" that every index and lookup shares.

Folding erases the differences that never distinguish two places: Unicode normalization form,
case, Latin diacritics and macrons (Hoppō → hoppo), Cyrillic ё (Зелёный → зеленый), fullwidth
and halfwidth forms, katakana versus hiragana, apostrophes and quotes, hyphens and dashes, and
runs of white space. It keeps what does distinguish names: й stays й, and Japanese voicing marks
(が is not か) survive because only marks on Latin letters are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_key", "key_of_folded"]

# Apostrophes and quotation marks: dropped (Kurils' / Kurils’ / "Kurils" fold alike).
_QUOTES = "'\u2018\u2019\u201a\u201b\u02bc\u02bb\u0060\u00b4\u2032\"\u201c\u201d\u201e\u00ab\u00bb"
# Hyphens and dashes (after NFKC): folded to a space.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fb\u00b7"
_DROP = {ord(c): None for c in _QUOTES}
_TO_SPACE = {ord(c): " " for c in _DASHES}
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^the ")

_KATAKANA_FIRST, _KATAKANA_LAST = 0x30A1, 0x30F6  # ァ .. ヶ
_KANA_SHIFT = 0x60  # ア (U+30A2) - あ (U+3042)


def _fold_char(ch: str) -> str:
    """Fold one NFKC character; the result may be empty or longer than one character."""
    code = ord(ch)
    if _KATAKANA_FIRST <= code <= _KATAKANA_LAST - 2:  # ヵ ヶ have no hiragana twin
        return chr(code - _KANA_SHIFT)
    if ch in "ёЁ":
        return "е"
    if 0x0300 <= code <= 0x036F:  # a stray combining diacritic NFKC could not compose
        return ""
    folded = ch.casefold()
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:  # Latin: strip diacritics and macrons
        decomposed = unicodedata.normalize("NFD", folded)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Fold ``text`` for comparison, keeping word separation as single spaces.

    >>> fold("  HOPPŌ  Ryōdo ")
    'hoppo ryodo'
    >>> fold("Yuzhno‐Kurilsk")
    'yuzhno kurilsk'
    >>> fold("Зелёный")
    'зеленый'
    >>> fold("ｴﾄﾛﾌ") == fold("えとろふ")
    True
    """
    if text.isascii():  # the common case, and NFKC, casefolding and marks are no-ops on it
        return _SPACES.sub(" ", text.lower().translate(_DROP).translate(_TO_SPACE)).strip()
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_DROP).translate(_TO_SPACE)
    text = "".join(_fold_char(ch) for ch in text)
    # Casefolding and diacritic stripping can leave a new normalization form; settle it.
    text = unicodedata.normalize("NFC", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """Fold ``text`` into an exact-lookup key: :func:`fold`, then without spaces or a leading "the".

    Spacing and hyphenation vary freely between sources (Etorofu-tō, Etorofu to, Etorofuto), so
    keys drop word separators altogether.

    >>> fold_key("the Kuril Islands") == fold_key("KURIL-ISLANDS")
    True
    >>> fold_key("Etorofu-tō")
    'etorofuto'
    """
    return key_of_folded(fold(text))


def key_of_folded(folded: str) -> str:
    """:func:`fold_key` of a string that is already the output of :func:`fold`."""
    return _LEADING_ARTICLE.sub("", folded).replace(" ", "")
