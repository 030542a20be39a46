"""Hypothesis strategies for toponyms: real gazetteer values, and texts that must be found.

Data contributors prove their entries with these; library users can test their own pipelines
with them. Every strategy takes an optional ``gazetteer=`` (default: the bundled one), reads it
only when Hypothesis first draws, and raises :class:`hypothesis.errors.InvalidArgument` at once
for an option that can never be satisfied.

>>> from hypothesis import given
>>> import toponyms
>>> from toponyms.strategies import variants
>>> @given(variants())
... def test_variants_normalize(variant):
...     text, place_id = variant
...     assert toponyms.normalize(text) == place_id
>>> test_variants_normalize()
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .._model import Name, Place, _lang_matches
from ..annotate.rules import declension_of, in_text_rule
from ..data.schema import NAME_KINDS, PLACE_KINDS, is_party_code
from ..gazetteer import Gazetteer
from ..index.names import max_edits
from ..index.typo import TypoIndex
from ..policy import SECONDARY_NAME_KINDS
from ..text.confusions import confusion_key
from ..text.fold import fold, fold_key, romanization_key
from ..text.scripts import has_cyrillic, unspaced

__all__ = ["gazetteer_documents", "names", "place_ids", "texts_with_mentions", "variants"]


def _resolve(gazetteer: Gazetteer | None) -> Gazetteer:
    if gazetteer is None:
        from .. import default_gazetteer

        return default_gazetteer()
    if not isinstance(gazetteer, Gazetteer):
        raise InvalidArgument(
            f"gazetteer={gazetteer!r} must be a toponyms.Gazetteer (from toponyms.load()) or None"
        )
    return gazetteer


def _check_place(gazetteer: Gazetteer, place_id: str | None) -> Place | None:
    if place_id is None:
        return None
    if not isinstance(place_id, str):
        raise InvalidArgument(f"place_id={place_id!r} must be a place ID (str) or None")
    place = gazetteer.get(place_id)
    if place is None:
        raise InvalidArgument(
            f"place_id={place_id!r} is not in the gazetteer; draw one from place_ids() instead"
        )
    return place


def place_ids(*, gazetteer: Gazetteer | None = None) -> st.SearchStrategy[str]:
    """IDs of the gazetteer's places, shrinking towards the first in file order.

    >>> from hypothesis import given
    >>> import toponyms
    >>> @given(place_ids())
    ... def test_ids_are_places(place_id):
    ...     assert toponyms.get(place_id) is not None
    >>> test_ids_are_places()
    """
    resolved = _resolve(gazetteer)
    return st.sampled_from([p.id for p in resolved.places])


def names(
    place_id: str | None = None,
    *,
    lang: str | None = None,
    used_by: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> st.SearchStrategy[Name]:
    """Real names as :class:`~toponyms.Name` values: of one place, in one language (``"ja"``
    matches ``ja-Latn``), or used by one party, as asked.

    >>> from hypothesis import given
    >>> @given(names("etorofu-iturup", lang="ru", used_by="RU"))
    ... def test_russian_names_of_iturup(name):
    ...     assert name.language == "ru" and "RU" in name.used_by
    >>> test_russian_names_of_iturup()
    """
    resolved = _resolve(gazetteer)
    place = _check_place(resolved, place_id)
    if lang is not None and not isinstance(lang, str):
        raise InvalidArgument(f"lang={lang!r} must be a BCP 47 tag such as 'ja' or None")
    if used_by is not None and not (isinstance(used_by, str) and is_party_code(used_by)):
        raise InvalidArgument(f"used_by={used_by!r} must be a party code such as 'JP' or None")
    places = [place] if place is not None else list(resolved.places)
    pool = [
        name
        for p in places
        for name in (p.names if used_by is None else p.names_used_by(used_by))
        if _lang_matches(name.lang, lang)
    ]
    if not pool:
        raise InvalidArgument(
            f"no name matches place_id={place_id!r}, lang={lang!r}, used_by={used_by!r}"
        )
    return st.sampled_from(pool)


# -- variants ------------------------------------------------------------------------------

_QUOTES = [("“", "”"), ('"', '"'), ("«", "»"), ("'", "'"), ("「", "」"), ("‘", "’")]
_ACCENTS = ["\u0301", "\u0300", "\u0302", "\u0308", "\u0304"]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def _strip_marks(text: str) -> str:
    """Without accents and macrons on Latin letters (Hoppō -> Hoppo), as folding ignores them;
    marks of other scripts are letters (й, Thai vowels, Japanese voicing), never dropped."""
    kept: list[str] = []
    for c in unicodedata.normalize("NFD", text):
        if "\u0300" <= c <= "\u036f" and kept and kept[-1].isascii():
            continue
        kept.append(c)
    return unicodedata.normalize("NFC", "".join(kept))


@st.composite
def _perturbed(draw: st.DrawFn, pool: Sequence[tuple[str, str]]) -> tuple[str, str]:
    text, place_id = draw(st.sampled_from(pool))
    changes = draw(
        st.sets(
            st.sampled_from(
                ["upper", "lower", "spaces", "hyphens", "accents", "marks", "fullwidth", "quotes"]
            ),
            max_size=3,
        )
    )
    latin = text.isascii()
    if "upper" in changes:
        text = text.upper()
    elif "lower" in changes:
        text = text.lower()
    if "spaces" in changes:
        text = draw(st.sampled_from(["  ", "\u00a0", "\n"])).join(text.split(" "))
        text = draw(st.sampled_from(["", " ", "  "])) + text + draw(st.sampled_from(["", " "]))
    if "hyphens" in changes and " " in text.strip():
        text = text.strip().replace(" ", draw(st.sampled_from(["-", "‐", "–"])), 1)
    if "accents" in changes and latin:
        letters = [i for i, c in enumerate(text) if c.isalpha()]
        if letters:
            i = draw(st.sampled_from(letters))
            text = text[: i + 1] + draw(st.sampled_from(_ACCENTS)) + text[i + 1 :]
    if "marks" in changes:
        text = _strip_marks(text)
    if "fullwidth" in changes and latin:
        text = _fullwidth(text)
    if "quotes" in changes:
        left, right = draw(st.sampled_from(_QUOTES))
        text = left + text + right
    return text, place_id


@st.composite
def _with_typo(draw: st.DrawFn, pool: Sequence[tuple[str, str]]) -> tuple[str, str]:
    text, place_id = draw(st.sampled_from(pool))
    i = draw(st.sampled_from(_typo_positions(text)))
    kind = draw(st.sampled_from(["swap", "drop", "double", "replace"]))
    if kind == "swap":
        text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    elif kind == "drop":
        text = text[:i] + text[i + 1 :]
    elif kind == "double":
        text = text[:i] + text[i] + text[i:]
    else:
        # a letter of the replaced letter's own script: Große is no Groаe with a Cyrillic а
        letter = draw(st.sampled_from(_VOWELS.get(_script_of(text[i]), "aeiou")))
        text = text[:i] + letter + text[i + 1 :]
    return text, place_id


_VOWELS = {"Cyrillic": "аеиоу", "Greek": "αεηιο"}


def _script_of(letter: str) -> str:
    """The script a letter is written in, as far as typos are concerned."""
    if has_cyrillic(letter):
        return "Cyrillic"
    if "\u0370" <= letter <= "\u03ff":
        return "Greek"
    return "Latin"


def _typo_positions(text: str) -> list[int]:
    """Where a typo may fall: inside words of five letters or more (so that a dropped letter
    leaves one of four), never on a word's first letter."""
    positions: list[int] = []
    start = 0
    for word in text.split(" "):
        if len(word) >= 5 and word.isalpha():
            positions.extend(range(start + 1, start + len(word) - 1))
        start += len(word) + 1
    return positions


def _typo_prone(text: str) -> bool:
    """Names long enough for fuzzy matching even after a typo, in a script it handles."""
    key = fold_key(text)
    return (
        max_edits(len(key) - 1) > 0
        and all(c.isalpha() and not unspaced(c) for c in key)
        and len(fold(text).split()) == len(text.split())
        and bool(_typo_positions(text))
    )  # fmt: skip


def variants(
    place_id: str | None = None, *, gazetteer: Gazetteer | None = None
) -> st.SearchStrategy[tuple[str, str]]:
    """``(text, place_id)``: a real name perturbed only in ways ``normalize()`` must undo.

    Case, spacing, hyphens, accents and macrons, fullwidth forms, quotes; or, in names long
    enough for fuzzy matching, one typo (a swap, a dropped, doubled or replaced letter). Names
    that several places share are not drawn: they have no single right answer.

    >>> from hypothesis import given
    >>> import toponyms
    >>> @given(variants("shikotan-island"))
    ... def test_shikotan_variants(variant):
    ...     assert toponyms.normalize(variant[0]) == variant[1] == "shikotan-island"
    >>> test_shikotan_variants()
    """
    resolved = _resolve(gazetteer)
    _check_place(resolved, place_id)
    strategy = _variants_of(resolved, None if place_id is None else {place_id})
    if strategy is None:
        raise InvalidArgument(f"place_id={place_id!r} has no name of its own (all are homonyms)")
    return strategy


def key_owners(gazetteer: Gazetteer) -> Mapping[str, frozenset[str]]:
    """The places of each folded name key of ``gazetteer`` (computed once per gazetteer)."""

    def compute() -> dict[str, frozenset[str]]:
        owners: dict[str, set[str]] = {}
        for place in gazetteer.places:
            for name in place.names:
                owners.setdefault(fold_key(name.text), set()).add(place.id)
        return {k: frozenset(v) for k, v in owners.items()}

    return gazetteer.derived("key-owners", compute)


def normalize_answers(gazetteer: Gazetteer) -> Mapping[str, str]:
    """The one place ``normalize()`` must give for each folded name key, by the data's rules.

    A key of one place is that place's; a key several places share is the place whose name it
    is in full when it is only a short, historical or abbreviated name of every other ("Nemuro"
    is the city), and has no answer otherwise. The answer is derived from the data alone, never
    from ``normalize()`` itself: a property whose examples came from what normalize() already
    answers could never see it fail.
    """
    return dict(gazetteer.derived("normalize-answers", lambda: _normalize_answers(gazetteer)))


def _normalize_answers(gazetteer: Gazetteer) -> dict[str, str]:
    kinds: dict[str, dict[str, set[str]]] = {}
    for place in gazetteer.places:
        for name in place.names:
            kinds.setdefault(fold_key(name.text), {}).setdefault(place.id, set()).add(name.kind)
    answers: dict[str, str] = {}
    for key, owners in kinds.items():
        primary = [p for p, k in owners.items() if not k <= SECONDARY_NAME_KINDS]
        if len(owners) == 1:
            answers[key] = next(iter(owners))
        elif len(primary) == 1:
            answers[key] = primary[0]
    return answers


def _variants_of(
    gazetteer: Gazetteer, place_ids: set[str] | None
) -> st.SearchStrategy[tuple[str, str]] | None:
    """The variants of the names of ``place_ids`` (every place when None); None if none."""
    answers = normalize_answers(gazetteer)
    pool = [
        (name.text, place.id)
        for place in gazetteer.places
        if place_ids is None or place.id in place_ids
        for name in place.names
        if answers.get(fold_key(name.text)) == place.id
    ]
    if not pool:
        return None
    typo_pool = [(t, p) for t, p in pool if _typo_prone(t)]
    strategies = [_perturbed(pool)]
    if typo_pool:
        keys = nearest_names(gazetteer)
        # a typo that makes a listed look-alike phrase (Buroton -> Burton), or one misread as
        # such, is that phrase: normalize() answers None there
        blocked = {confusion_key(fold_key(phrase)) for phrase in gazetteer.should_not_match}
        strategies.append(
            _with_typo(typo_pool).filter(
                lambda v: (
                    _closest_place(v[0], keys) == v[1]
                    and confusion_key(fold_key(v[0])) not in blocked
                )
            )
        )
    return st.one_of(strategies)


class _NearestNames:
    """Every name key of a gazetteer, for finding the places nearest a drawn typo through the
    typo index (one edit away at most), not by comparing it with every name."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.places = key_owners(gazetteer)
        self.romanized: dict[str, set[str]] = {}
        for place in gazetteer.places:
            for name in place.names:
                romanized = romanization_key(fold(name.text))
                if romanized is not None:
                    self.romanized.setdefault(romanized, set()).add(place.id)
        self.typo = TypoIndex(dict.fromkeys(self.places, 1))


def nearest_names(gazetteer: Gazetteer) -> _NearestNames:
    """Every name key of ``gazetteer`` with its places, in a typo index one edit deep
    (computed once per gazetteer)."""
    return gazetteer.derived("nearest-names", lambda: _NearestNames(gazetteer))


def _closest_place(text: str, keys: _NearestNames) -> str | None:
    """The one place whose names are nearest to ``text`` (a one-edit typo of a name); None on
    a tie between places, or when no name is within one edit.

    A typo that lands as near another place's name ("Shkotan": Shikotan or Shakotan?), or
    that spells another place's name in some romanization ("Рубёецу" reads as Рубэцу once the
    doubled vowel is one sound), is no variant normalize() could undo, so variants() does not
    draw it.
    """
    key, romanized = fold_key(text), romanization_key(fold(text))
    near = keys.typo.within(key, 1)
    if not near:
        return None
    nearest = near[0][1]
    closest = set().union(*(keys.places[k] for k, d in near if d == nearest))
    spelled = keys.romanized.get(romanized, set()) if romanized is not None else set()
    if len(closest) != 1 or not spelled <= closest:
        return None
    return next(iter(closest))


# -- texts with mentions ---------------------------------------------------------------------

_TEMPLATES = {
    "en": [
        "Officials said talks about {} would continue next month.",
        "A ferry left for {} on Tuesday, the agency reported.",
        "Residents of {} were asked about the new airport.",
        "The report mentioned {}, fisheries and trade.",
    ],
    "ru": [
        "Делегация обсудила {} во вторник.",
        "Журналисты написали про {} и рыболовство.",
        "Тема: {}. Переговоры продолжатся.",
    ],
    "ja": [
        "政府は{}について発表した。",
        "記者団は{}をめぐる交渉を報じた。",
        "{}への渡航が再開された。",
    ],
}
_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]+")
#: Case forms drawn for names of a declining language, with a frame that governs the case.
_RU_CASES = [("loc.sg", "на {}"), ("gen.sg", "с {}"), ("ins.sg", "над {}")]
#: Prepositions that govern a case, by language: the frames a declined name is drawn in.
_CASE_FRAMES = {"ru": _RU_CASES, "uk": _RU_CASES, "be": _RU_CASES}


@attrs.frozen
class _Embeddable:
    """A name that annotate() must find in prose for its place, and how to write it there."""

    name: Name
    place_id: str
    rule: str
    #: Generic terms that may stand before a ``with-term`` name (empty for other rules).
    terms: tuple[str, ...] = ()


def _terms_for(gazetteer: Gazetteer, place: Place, name: Name) -> tuple[str, ...]:
    """One-word generic terms of the place's kind in the name's script, to write before it."""
    cyrillic = has_cyrillic(name.text)
    return tuple(
        sorted(
            term
            for term in gazetteer.generic_terms.words()
            if place.kind in (gazetteer.generic_terms.kinds_of_term(term) or ())
            and term.isalpha()
            and has_cyrillic(term) == cyrillic
            and (cyrillic or term.isascii())
        )
    )


def _annotatable(
    gazetteer: Gazetteer, lang: str | None, place_ids: set[str] | None = None
) -> list[_Embeddable]:
    """Every name the data says annotate() must report, alone, for its own place (of
    ``place_ids``): :func:`in_text_rule` allows it and no other place has the name (a shared
    name is a homonym, resolved only by the places around it)."""
    owners = key_owners(gazetteer)
    generic_words = gazetteer.generic_terms.words()
    pool = []
    for place in gazetteer.places:
        if place_ids is not None and place.id not in place_ids:
            continue
        for name in place.names:
            if lang is not None and name.language != lang:
                continue
            rule = in_text_rule(place, name, generic_words)
            if rule is None or owners[fold_key(name.text)] != {place.id}:
                continue
            terms = _terms_for(gazetteer, place, name) if rule == "with-term" else ()
            if rule != "with-term" or terms:
                pool.append(_Embeddable(name, place.id, rule, terms))
    return pool


def _embedded_plainly(item: _Embeddable) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    """``item`` written as it is in the first sentence of its language: the first check."""
    language = item.name.language if item.name.language in _TEMPLATES else "en"
    before, after = _TEMPLATES[language][0].split("{}", 1)
    written = item.name.text
    if item.terms:
        before += item.terms[0] + " "
    start = len(before)
    return before + written + after, ((start, start + len(written), item.place_id),)


@st.composite
def _text_with_mentions(
    draw: st.DrawFn, pool: Sequence[_Embeddable]
) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    count = draw(st.integers(1, 3))
    text = ""
    expected: list[tuple[int, int, str]] = []
    for _ in range(count):
        item = draw(st.sampled_from(pool))
        name, place_id = item.name, item.place_id
        language = name.language if name.language in _TEMPLATES else "en"
        template = draw(st.sampled_from(_TEMPLATES[language]))
        written = name.text
        declension = declension_of(name)
        frames = [
            (case, frame)
            for case, frame in _CASE_FRAMES.get(name.language, ())
            if declension is not None and case in declension.labels
        ]
        if item.rule == "any-case" and declension is not None and frames and draw(st.booleans()):
            # the case forms the declension data gives the name (none for Эторофу); annotate()
            # reads -ском as the adjective (в Курильском районе), not the town
            case, frame = draw(st.sampled_from(frames))
            declined = declension.decline(written, {case})
            if declined and declined != written and not fold(declined).endswith("ском"):
                written = declined
                template = template.replace("{}", frame)
        if language == "en" and draw(st.booleans()):
            template = template.replace("{}", "{}" + draw(st.sampled_from(["'s", "’s", "’"])), 1)
        if item.rule == "any-case" and " " in written and draw(st.booleans()):
            written = written.replace(" ", draw(st.sampled_from(["\n", "  ", "\u00a0"])), 1)
        before, after = template.split("{}", 1)
        if item.terms:  # a with-term name: a generic term of its kind before it
            before += draw(st.sampled_from(item.terms)) + " "
        separator = "" if language == "ja" or not text else draw(st.sampled_from([" ", "\n"]))
        start = len(text) + len(separator) + len(before)
        text += separator + before + written + after
        expected.append((start, start + len(written), place_id))
    return text, tuple(expected)


def texts_with_mentions(
    *, lang: str | None = None, gazetteer: Gazetteer | None = None
) -> st.SearchStrategy[tuple[str, tuple[tuple[int, int, str], ...]]]:
    """``(text, expected)``: prose in a name's language and script with one to three mentions
    embedded (with Russian case endings, possessives, punctuation, line breaks), and the
    ``(start, end, place_id)`` of each, which ``annotate()`` must find.

    >>> from hypothesis import given
    >>> import toponyms
    >>> @given(texts_with_mentions(lang="ja"))
    ... def test_japanese_mentions_are_found(case):
    ...     text, expected = case
    ...     assert [(m.start, m.end, m.place_id) for m in toponyms.annotate(text)] == list(expected)
    >>> test_japanese_mentions_are_found()
    """
    resolved = _resolve(gazetteer)
    if lang is not None and not isinstance(lang, str):
        raise InvalidArgument(f"lang={lang!r} must be a language subtag such as 'ru' or None")
    pool = _annotatable(resolved, lang)
    if not pool:
        raise InvalidArgument(f"lang={lang!r}: the gazetteer has no name to embed in that language")
    return _text_with_mentions(pool)


# -- gazetteer documents ---------------------------------------------------------------------

_SLUGS = st.from_regex(r"[a-z][a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
_PARTIES = ["JP", "RU", "CN", "KR", "GB", "AR", "UA"]
_LANGS = ["en", "ru", "ja", "ja-Latn", "ja-Hira", "zh", "ko", "es", "uk"]
_NAME_TEXT = (
    st.text(
        alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzАБВГДабвгд島列千ā ō-'")),
        min_size=1,
        max_size=16,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: bool(fold_key(s)))
)


@st.composite
def _document(draw: st.DrawFn) -> str:
    import yaml

    parties = draw(st.lists(st.sampled_from(_PARTIES), min_size=2, max_size=3, unique=True))
    ids = draw(st.lists(_SLUGS, min_size=1, max_size=4, unique=True))
    seen_names: set[str] = set()
    places = []
    for i, place_id in enumerate(ids):
        names_: list[dict[str, object]] = []
        for party in parties:
            text = draw(_NAME_TEXT.filter(lambda s: fold_key(s) not in seen_names))
            seen_names.add(fold_key(text))
            names_.append(
                {
                    "text": text,
                    "lang": draw(st.sampled_from(_LANGS)),
                    "used_by": [party],
                    "kind": draw(st.sampled_from(sorted(NAME_KINDS))),
                    "source": f"https://example.org/{place_id}/{len(names_)}",
                }
            )
        place: dict[str, object] = {
            "id": place_id,
            "kind": draw(st.sampled_from(sorted(PLACE_KINDS))),
            "names": names_,
        }
        if i and draw(st.booleans()):
            place["parents"] = {"ALL": [ids[draw(st.integers(0, i - 1))]]}
        places.append(place)
    document = {
        "format": 1,
        "id": draw(_SLUGS),
        "title": draw(st.sampled_from(["A dispute", "Test places", "Islands"])),
        "disputed": True,
        "parties": parties,
        "places": places,
    }
    return str(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))


def gazetteer_documents() -> st.SearchStrategy[str]:
    """Valid gazetteer YAML documents (one file's text), for fuzzing loaders and tools.

    >>> from hypothesis import given
    >>> import yaml
    >>> @given(gazetteer_documents())
    ... def test_documents_are_yaml(document):
    ...     assert yaml.safe_load(document)["format"] == 1
    >>> test_documents_are_yaml()
    """
    return _document()
