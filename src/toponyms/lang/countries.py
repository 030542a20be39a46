"""Country names in many languages, for telling a place from a namesake of another country.

"Северные территории Канады" and "Northern Territories of Canada" are Canada's territories,
not Japan's Northern Territories: a mention qualified by the name of a country that is no party
to its place names something else. The names come from pycountry's ISO 3166-1 translations
(loaded once, lazily, for the languages asked for) and are compared word by word on a stem,
so that an inflected form (Канады, Kanadas, Австралии) meets its nominative.
"""

from __future__ import annotations

import gettext
import threading
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..text.fold import fold
from ..text.scripts import script_of

__all__ = ["CountryNames", "iso_subdivision_names"]

#: Letters a case ending may change at the end of a country's name (Канада -> Канадой).
_ENDING = 3
_MIN_STEM = 4
#: The longest country name looked for, in characters, where names are written unspaced.
_LONGEST_UNSPACED = 12


class CountryNames:
    """Which country a word names, if any, in English or a given language.

    Each language's names are read from pycountry's translations on first use, under a lock.

    >>> names = CountryNames()
    >>> names.country_of("Канады", "ru"), names.country_of("Kanadas", "de")
    ('CA', 'CA')
    >>> names.country_of("Canada"), names.country_of_suffix("政府はカナダ", "ja")
    ('CA', 'CA')
    >>> names.country_of("Итуруп", "ru") is None
    True
    """

    def __init__(self) -> None:
        self._languages: dict[str, _Language] = {}
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, object]:
        return {}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__()  # type: ignore[misc]

    def country_of(self, word: str, lang: str = "en", *, inflected: bool = False) -> str | None:
        """The alpha-2 code of the country whose name begins with ``word`` (one word, any
        case, possibly inflected: Канады, Kanadas) in English or ``lang`` (a BCP 47 tag);
        None when it names no country, or several. With ``inflected``, only a form other than
        the name itself counts (Канады, not Канада: a genitive, not a word in apposition)."""
        folded = fold(word)
        if len(folded) < _MIN_STEM:
            return None
        language = lang.split("-", 1)[0].lower()
        found = {
            code
            for names in (self._language("en"), self._language(language))
            for name, code in names.by_prefix.get(folded[:_MIN_STEM], ())
            if _same_stem(folded, name) and not (inflected and folded == name)
        }
        return found.pop() if len(found) == 1 else None

    def names_a_country(self, folded: str) -> bool:
        """Whether ``folded`` (a folded name) is a country's whole name in English or in a
        major language of its script (Rusia, Греция, Grecia): a typo of a place's name that
        is also a country's name is that country.

        >>> from toponyms.text.fold import fold
        >>> names = CountryNames()
        >>> names.names_a_country(fold("Russia")), names.names_a_country(fold("Греция"))
        (True, True)
        >>> names.names_a_country(fold("Grecia")), names.names_a_country(fold("Iturup"))
        (True, False)
        """
        languages = _MAJOR_LANGUAGES.get(_script_of(folded), ())
        return any(folded in self._language(language).whole for language in ("en", *languages))

    def place_elsewhere(self, folded: str) -> tuple[str, bool] | None:
        """``(country code, is a subdivision)`` when ``folded`` is the English name of a
        country or of a subdivision of one (ISO 3166-1 and 3166-2, as pycountry gives them):
        a qualifier such as "California" in "Sebastopol, California" or "Hong Kong" in
        "Stanley, Hong Kong" places a name elsewhere.

        >>> from toponyms.text.fold import fold
        >>> names = CountryNames()
        >>> names.place_elsewhere(fold("California")), names.place_elsewhere(fold("Hong Kong"))
        (('US', True), ('HK', False))
        >>> names.place_elsewhere(fold("Iturup")) is None
        True
        """
        return _iso_places().get(folded)

    def country_of_suffix(self, text: str, lang: str) -> str | None:
        """The country whose whole name (in ``lang``, written without spaces: カナダ, 加拿大)
        ends ``text``; None when none does."""
        language = lang.split("-", 1)[0].lower()
        folded = fold(text[-_LONGEST_UNSPACED:]).replace(" ", "")
        whole = self._language(language).unspaced
        for size in range(min(len(folded), _LONGEST_UNSPACED), 1, -1):
            code = whole.get(folded[-size:])
            if code is not None:
                return code
        return None

    def _language(self, language: str) -> _Language:
        names = self._languages.get(language)
        if names is None:
            with self._lock:
                names = self._languages.get(language)
                if names is None:
                    names = self._languages[language] = _Language.of(language)
        return names


@lru_cache(maxsize=1)
def _iso_places() -> dict[str, tuple[str, bool]]:
    import pycountry

    places: dict[str, tuple[str, bool]] = {}
    for name, code in iso_subdivision_names():
        places.setdefault(name, (code, True))
    for country in pycountry.countries:
        for field in ("name", "common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                places[fold(value.split(",")[0])] = (country.alpha_2, False)
    return places


@lru_cache(maxsize=1)
def iso_subdivision_names() -> tuple[tuple[str, str], ...]:
    """``(folded name, country code)`` of every ISO 3166-2 subdivision, as pycountry names it:
    folded once (about 5,000 names, half a second) for every reader of them."""
    import pycountry

    return tuple((fold(sub.name), sub.country_code) for sub in pycountry.subdivisions)


def _same_stem(word: str, name: str) -> bool:
    common = next(
        (i for i, (a, b) in enumerate(zip(word, name, strict=False)) if a != b),
        min(len(word), len(name)),
    )
    return common >= max(_MIN_STEM, len(word) - _ENDING, len(name) - _ENDING)


#: Languages whose country names a typo may hit, by script: the wire services' languages and
#: the languages of the disputes' parties.
_MAJOR_LANGUAGES: dict[str, tuple[str, ...]] = {
    "latin": ("de", "es", "fr", "pt", "it", "tr", "pl", "nl", "ro", "hr", "sq", "az", "id"),
    "cyrillic": ("ru", "uk", "be", "bg", "sr", "mk"),
    "greek": ("el",),
    "arabic": ("ar", "fa", "ur"),
    "hebrew": ("he",),
    "georgian": ("ka",),
    "armenian": ("hy",),
    "han": ("zh", "ja"),
    "hiragana": ("ja",),
    "katakana": ("ja",),
    "hangul": ("ko",),
}


def _script_of(folded: str) -> str:
    letter = next((c for c in folded if c.isalpha()), "")
    return script_of(letter) if letter else ""


class _Language(NamedTuple):
    """The country names of one language, read once."""

    #: First words of every country's names, by their first letters.
    by_prefix: dict[str, list[tuple[str, str]]]
    #: Whole names written without spaces or ASCII (カナダ, 加拿大), for the text before の.
    unspaced: dict[str, str]
    #: Every whole name, folded.
    whole: frozenset[str]

    @classmethod
    def of(cls, language: str) -> _Language:
        by_prefix: dict[str, list[tuple[str, str]]] = {}
        unspaced: dict[str, str] = {}
        for name, code in sorted(_names(language)):
            words = name.split()
            if words and len(words[0]) >= _MIN_STEM and words[0].isalpha():
                by_prefix.setdefault(words[0][:_MIN_STEM], []).append((words[0], code))
            if not any(c.isascii() for c in name):
                unspaced[name] = code
        return cls(by_prefix, unspaced, frozenset(name for name, _ in _names(language)))


#: Languages whose translations pycountry ships by region only.
_LOCALES = {"zh": ("zh_CN", "zh_TW", "zh_HK")}


def _names(language: str) -> set[tuple[str, str]]:
    """Every country's folded names in ``language`` (English: its own names), with its code."""
    import pycountry  # on first use: importing it takes 20 ms that most runs never need

    if language in _LOCALES:  # Chinese comes as zh_CN, zh_TW and zh_HK: every one of them
        return set().union(*(_names(locale) for locale in _LOCALES[language]))
    translate = None
    if language != "en":
        mo = Path(pycountry.LOCALES_DIR) / language / "LC_MESSAGES" / "iso3166-1.mo"
        if not mo.is_file():
            return set()
        translate = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language]
        ).gettext
    names: set[tuple[str, str]] = set()
    for country in pycountry.countries:
        english = {country.name}
        for field in ("common_name", "official_name"):
            value = getattr(country, field, None)
            if value:
                english.add(value)
        forms = english if translate is None else {translate(e) for e in english} - english
        names.update((fold(form.split(",")[0]), country.alpha_2) for form in forms)
    return names
