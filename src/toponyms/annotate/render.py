"""What a mention shows: each party's name for its place, and a replacement in the case pattern of
the text.
"""

from __future__ import annotations

from .._model import FrozenMapping, Place


def _names_for(place: Place, lang: str, like: str) -> FrozenMapping[str]:
    """Each party's name for ``place`` in ``lang``, shaped like ``like``."""
    names: dict[str, str] = {}
    for party in sorted(place.parties):
        name = place.name_for(party, lang, like=like)
        if name is not None:
            names[party] = name.text
    return FrozenMapping(names)


def rewrite_case(original: str, replacement: str) -> str:
    """``replacement`` in the case pattern of ``original``: KUNASHIR -> KUNASHIRI.

    >>> rewrite_case("KUNASHIR", "Kunashiri"), rewrite_case("kunashir", "Kunashiri")
    ('KUNASHIRI', 'kunashiri')
    """
    letters = [c for c in original if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return replacement.upper()
    if letters and all(c.islower() for c in letters) and replacement[:1].isupper():
        return replacement.lower()
    if letters and letters[0].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
