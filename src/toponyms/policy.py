"""The one policy table: how many edits a typo may make, by what is compared, and the roles of
the kinds of name. normalize(), search(), annotate(), the typo index and the data checks read
their budgets here, so that "one typo" means the same everywhere.

>>> [edits("name", n) for n in (4, 5, 8, 9)], [edits("text-word", n) for n in (5, 6, 10)]
([0, 1, 1, 2], [0, 1, 2])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = [
    "EDIT_BUDGETS",
    "FUZZY_NAME_KINDS",
    "MIN_CONFUSABLE",
    "SECONDARY_NAME_KINDS",
    "SHORTEST_CONFUSED",
    "edits",
    "index_depth",
    "keeps_edges",
]

#: Edits allowed by what is compared: (minimum length, edits), longest band first. Shorter
#: strings are exact only: one edit in a four-letter name is another word.
EDIT_BUDGETS: Mapping[str, Sequence[tuple[int, int]]] = {
    # normalize(): a whole folded name key
    "name": ((9, 2), (5, 1)),
    # each word of a name, once the whole name is within its budget ("north" is no typo of
    # "south"): words of up to three letters exact
    "name-word": ((9, 2), (4, 1)),
    # annotate(): a word of running text, stricter, since prose is full of words one edit
    # from a name
    "text-word": ((10, 2), (6, 1)),
}

#: Kinds of name that yield, in normalize() and annotate(), to another place whose current
#: full name is written alike ("Nemuro": the subprefecture's short form, the city's name).
SECONDARY_NAME_KINDS = frozenset({"short", "abbreviation", "historical"})
#: Kinds of name annotate() looks for with typos (not readings, transliterations, historical).
FUZZY_NAME_KINDS = frozenset({"official", "common", "short", "variant", "romanization"})
#: The shortest word a scanner's misreading is looked for in (Habornai, Northem).
MIN_CONFUSABLE = 5
#: The longest name no confusion is undone in by normalize() (a name of four letters, or two
#: Han, gets none).
SHORTEST_CONFUSED = 4


def edits(role: str, length: int) -> int:
    """The edits a string of ``length`` characters may carry as ``role`` (a key of
    :data:`EDIT_BUDGETS`)."""
    for minimum, allowed in EDIT_BUDGETS[role]:
        if length >= minimum:
            return allowed
    return 0


def index_depth(length: int) -> int:
    """How many deletions of a string of ``length`` the typo index keeps: the largest budget any
    lookup allows a string of that length."""
    return max(edits("name", length), edits("text-word", length))


#: Names (normalize()) and text words (annotate()) shorter than this keep their first and last
#: letters in a typo; running text is stricter, being full of words near a name.
EDGES_KEPT_BELOW: Mapping[str, int] = {"name": 7, "text-word": 8}


def keeps_edges(role: str, typo: str, word: str) -> bool:
    """Whether ``typo`` may be a typo of ``word`` (a name key for the role "name", a name word
    for "text-word"): short words one edit from a name are mostly other words, changed at an
    edge, where languages vary a name (Agder, Ağdərə) and words differ (Kachin, Lachin; Matsue,
    Matsu; Asmara, Smara); a typo keeps both edges, or swaps the last two letters (Iturpu).

    >>> keeps_edges("text-word", "kunashri", "kunashir"), keeps_edges("name", "iturpu", "iturup")
    (True, True)
    >>> keeps_edges("text-word", "agder", "agdere"), keeps_edges("name", "matsue", "matsu")
    (False, False)
    """
    if len(word) >= EDGES_KEPT_BELOW[role]:
        return True
    if not typo or typo[0] != word[0]:
        return False
    return typo[-1] == word[-1] or (len(typo) == len(word) and typo[-2:] == word[-2:][::-1])
