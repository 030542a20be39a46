"""What a gazetteer document may contain, checked field by field.

The checks here see one file at a time and report every problem with the dotted path of the
field (``places[2].names[0].lang``); :mod:`toponyms.data.read` turns paths into line numbers.
Checks that need the whole gazetteer (unknown parents, cycles, shared names) live in
:mod:`toponyms.gazetteer`.
"""

from __future__ import annotations

import datetime
import re
import reprlib
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

__all__ = [
    "AUTHORITY_CODES",
    "FORMAT_VERSION",
    "NAME_KINDS",
    "PLACE_KINDS",
    "REF_SCHEMES",
    "as_date",
    "check_document",
    "check_generic_terms",
    "is_language_tag",
    "is_party_code",
]

FORMAT_VERSION = 1

PLACE_KINDS = frozenset(
    {
        "archipelago", "island-chain", "island-group", "island", "islet", "rock", "region",
        "district", "municipality", "city", "town", "village", "settlement", "subprefecture",
        "prefecture", "oblast", "province", "country", "peninsula", "strait", "sea", "bay",
        "mountain", "volcano", "lake", "cape", "gulf", "shoal", "reef", "atoll", "territory",
    }
)  # fmt: skip

NAME_KINDS = frozenset(
    {
        "official", "common", "short", "variant", "romanization", "reading", "transliteration",
        "historical", "abbreviation",
    }
)  # fmt: skip

#: How annotate() may find a name in running text.
IN_TEXT_RULES = frozenset({"any-case", "exact-case", "with-term", "never"})

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")


def _code_pattern(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern)
    return lambda value: compiled.fullmatch(value) is not None


def _jp_lg_code(value: str) -> bool:
    """A Japanese local-government code: five digits and a check digit (JIS X 0401/0402).

    >>> _jp_lg_code("01695-1"), _jp_lg_code("016969"), _jp_lg_code("016968")
    (True, True, False)
    """
    digits = value.replace("-", "")
    if not re.fullmatch(r"\d{6}", digits) or not re.fullmatch(r"\d{5}-?\d", value):
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:5], (6, 5, 4, 3, 2), strict=True)) % 11
    return int(digits[5]) == (11 - remainder) % 10


#: External identifier schemes a place may carry, with the form each value must take.
REF_SCHEMES: Mapping[str, Callable[[str], bool]] = {
    "wikidata": _code_pattern(r"Q[1-9][0-9]*"),
    "geonames": _code_pattern(r"[1-9][0-9]*"),
    "jp_lg_code": _jp_lg_code,
    "oktmo": _code_pattern(r"[0-9]{8}(?:[0-9]{3})?"),
    "iso3166_2": _code_pattern(r"[A-Z]{2}-[A-Z0-9]{1,3}"),
}

_LANG_TAG = re.compile(
    r"^(?P<language>[a-z]{2,3})"
    r"(?:-(?P<script>[A-Z][a-z]{3}))?"
    r"(?:-(?P<region>[A-Z]{2}|[0-9]{3}))?"
    r"(?:-(?P<variants>(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*))?$"
)


@lru_cache(maxsize=1024)
def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a BCP 47 tag of the form language[-Script][-REGION][-variant...].

    Subtags are checked against ISO 639, ISO 15924 and ISO 3166-1, in their canonical case.

    >>> is_language_tag("ja-Latn"), is_language_tag("ja-latn"), is_language_tag("jp")
    (True, False, False)
    """
    m = _LANG_TAG.match(tag)
    if m is None:
        return False
    import pycountry  # on first use (20 ms): loading a compiled gazetteer checks no tag

    lang = m["language"]
    found = (
        pycountry.languages.get(alpha_2=lang)
        if len(lang) == 2
        else pycountry.languages.get(alpha_3=lang)
    )
    if found is None:
        return False
    if m["script"] and pycountry.scripts.get(alpha_4=m["script"]) is None:
        return False
    region = m["region"]
    return not (region and region.isalpha() and pycountry.countries.get(alpha_2=region) is None)


#: Parties without an ISO 3166-1 code of their own: authorities that name places in their own
#: way but that ISO does not list. The codes come from ISO 3166-1's user-assigned range (XA-XZ),
#: which ISO keeps free for such uses; XK is the code the European Union, the IMF and SWIFT give
#: Kosovo. The others are toponyms' own, documented in docs/gazetteer-format.md.
AUTHORITY_CODES: Mapping[str, str] = {
    "XA": "Abkhazia (de facto authorities)",
    "XC": "Northern Cyprus (Turkish Cypriot authorities)",
    "XK": "Kosovo",
    "XN": "Nagorno-Karabakh (Artsakh authorities, 1991-2023)",
    "XO": "South Ossetia (de facto authorities)",
    "XT": "Transnistria (de facto authorities)",
    "XW": "Sahrawi Arab Democratic Republic (Polisario Front)",
}


@lru_cache(maxsize=1024)
def is_party_code(code: str) -> bool:
    """Whether ``code`` is an upper-case ISO 3166-1 alpha-2 country code or one of the
    :data:`AUTHORITY_CODES` for authorities without one.

    >>> is_party_code("JP"), is_party_code("jp"), is_party_code("XX"), is_party_code("XK")
    (True, False, False, True)
    """
    if len(code) != 2 or not code.isupper() or not code.isascii():
        return False
    if code in AUTHORITY_CODES:
        return True
    import pycountry  # on first use, as above

    return pycountry.countries.get(alpha_2=code) is not None


# --------------------------------------------------------------------------------------------
# Field checkers. Each takes (value, path, report) and reports problems as (path, message).

Report = Callable[[str, str], None]


def _type_name(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _text(value: Any, path: str, report: Report) -> None:
    if not isinstance(value, str):
        report(path, f"must be text, not {_type_name(value)}")
    elif not value.strip():
        report(path, "must not be empty")
    elif value != value.strip() or "\n" in value:
        report(path, "must be one line without surrounding spaces")


def _url(value: Any, path: str, report: Report) -> None:
    if not isinstance(value, str) or not _URL.match(value):
        report(path, f"must be an http(s) URL, not {_shown(value)}")


def _urls(value: Any, path: str, report: Report) -> None:
    if not isinstance(value, list) or not value:
        report(path, "must be a non-empty list of URLs")
        return
    for i, item in enumerate(value):
        _url(item, f"{path}[{i}]", report)


def _place_id(value: Any, path: str, report: Report) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        report(path, f"must be a lower-case ASCII slug like 'etorofu-iturup', not {_shown(value)}")


def _language(value: Any, path: str, report: Report) -> None:
    if not isinstance(value, str) or not is_language_tag(value):
        report(path, f"must be a BCP 47 language tag like 'ja' or 'ja-Latn', not {_shown(value)}")


def _party(value: Any, path: str, report: Report) -> None:
    if not isinstance(value, str) or not is_party_code(value):
        report(
            path,
            "must be an upper-case ISO 3166-1 alpha-2 code like 'JP' (or one of toponyms'"
            f" codes for authorities without one: {', '.join(AUTHORITY_CODES)}), not"
            f" {_shown(value)}",
        )


def _date(value: Any, path: str, report: Report) -> None:
    try:
        day = as_date(value)
    except ValueError:
        day = None
    if day is None or isinstance(day, datetime.datetime):
        report(path, f"must be a date written YYYY-MM-DD, not {_shown(value)}")


def as_date(value: object) -> datetime.date | None:
    """A checked ``since``/``until`` value as a date (YAML gives dates, JSON gives text)."""
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _number_in(low: float, high: float) -> Callable[[Any, str, Report], None]:
    def check(value: Any, path: str, report: Report) -> None:
        if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value:
            report(path, f"must be a number, not {_shown(value)}")
        elif not low <= value <= high:
            report(path, f"must be between {low:g} and {high:g}, not {value!r}")

    return check


def _list_of(item_check: Callable[[Any, str, Report], None], *, empty_ok: bool = False) -> Any:
    def check(value: Any, path: str, report: Report) -> None:
        if not isinstance(value, list):
            report(path, f"must be a list, not {_type_name(value)}")
            return
        if not value and not empty_ok:
            report(path, "must not be empty")
        seen: set[object] = set()
        for i, item in enumerate(value):
            item_check(item, f"{path}[{i}]", report)
            if isinstance(item, str):
                if item in seen:
                    report(f"{path}[{i}]", f"{_shown(item)} is listed twice")
                seen.add(item)

    return check


def _one_of(allowed: frozenset[str], what: str) -> Any:
    def check(value: Any, path: str, report: Report) -> None:
        if value not in allowed:
            report(
                path,
                f"unknown {what} {_shown(value)}; expected one of {', '.join(sorted(allowed))}",
            )

    return check


def _format(value: Any, path: str, report: Report) -> None:
    if value != FORMAT_VERSION or isinstance(value, bool):
        report(path, f"this version of toponyms reads format {FORMAT_VERSION}, not {_shown(value)}")


def _bool(value: Any, path: str, report: Report) -> None:
    if not isinstance(value, bool):
        report(path, f"must be true or false, not {_shown(value)}")


def _refs(value: Any, path: str, report: Report) -> None:
    if not isinstance(value, dict):
        report(path, f"must be a mapping of scheme to code, not {_type_name(value)}")
        return
    for scheme, code in value.items():
        valid = REF_SCHEMES.get(scheme)
        if valid is None:
            report(
                f"{path}.{scheme}",
                f"unknown reference scheme; expected one of {', '.join(sorted(REF_SCHEMES))}",
            )
        elif not isinstance(code, (str, int)) or isinstance(code, bool) or not valid(str(code)):
            report(f"{path}.{scheme}", f"{_shown(code)} is not a valid {scheme} code")


def _party_mapping(value_check: Callable[[Any, str, Report], None], allow_all: bool) -> Any:
    def check(value: Any, path: str, report: Report) -> None:
        if not isinstance(value, dict) or not value:
            report(path, "must be a non-empty mapping keyed by party code")
            return
        for key, item in value.items():
            if not (allow_all and key == "ALL"):
                _party(key, f"{path}.{key}", report)
            value_check(item, f"{path}.{key}", report)

    return check


_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 80
_SHOWN.maxlist = _SHOWN.maxdict = 6


def _shown(value: object) -> str:
    """``repr(value)`` cut to a readable length: a field holding a huge list or text gets a
    message of one line, not the whole value back.

    >>> _shown("x" * 200)[:10], len(_shown("x" * 200)) < 90, _shown(list(range(100)))
    ("'xxxxxxxxx", True, '[0, 1, 2, 3, 4, 5, ...]')
    """
    return _SHOWN.repr(value)


Field = tuple[bool, Callable[[Any, str, Report], None]]

NAME_FIELDS: Mapping[str, Field] = {
    "text": (True, _text),
    "lang": (True, _language),
    "used_by": (True, _list_of(_party)),
    "kind": (True, _one_of(NAME_KINDS, "name kind")),
    "source": (True, _url),
    "note": (False, _text),
    "in_text": (False, _one_of(IN_TEXT_RULES, "in_text rule")),
    "since": (False, _date),
    "until": (False, _date),
}

POINT_FIELDS: Mapping[str, Field] = {
    "lat": (True, _number_in(-90, 90)),
    "lon": (True, _number_in(-180, 180)),
    "source": (True, _url),
}

CONTEXT_FIELDS: Mapping[str, Field] = {
    "unless_near": (False, _list_of(_text)),
    "only_near": (False, _list_of(_text)),
}

PLACE_FIELDS: Mapping[str, Field] = {
    "id": (True, _place_id),
    "kind": (True, _one_of(PLACE_KINDS, "place kind")),
    "names": (True, _list_of(lambda v, p, r: _object(v, p, r, NAME_FIELDS, "name"))),
    "parents": (False, _party_mapping(_list_of(_place_id), allow_all=True)),
    "refs": (False, _refs),
    "sources": (False, _urls),
    "homonyms": (False, _list_of(_place_id)),
    "unnamed_by": (False, _party_mapping(_text, allow_all=False)),
    "note": (False, _text),
    "point": (False, lambda v, p, r: _object(v, p, r, POINT_FIELDS, "point")),
    "context": (False, lambda v, p, r: _object(v, p, r, CONTEXT_FIELDS, "context")),
}

DOCUMENT_FIELDS: Mapping[str, Field] = {
    "format": (True, _format),
    "id": (True, _place_id),
    "title": (True, _text),
    "disputed": (True, _bool),
    "parties": (True, _list_of(_party)),
    "third_parties": (False, _list_of(_party)),
    "description": (False, _text),
    "sources": (False, _urls),
    "places": (True, _list_of(lambda v, p, r: _object(v, p, r, PLACE_FIELDS, "place"))),
    "should_not_match": (False, _list_of(_text, empty_ok=True)),
}


def _object(value: Any, path: str, report: Report, fields: Mapping[str, Field], what: str) -> None:
    if not isinstance(value, dict):
        report(path, f"a {what} must be a mapping, not {_type_name(value)}")
        return
    prefix = f"{path}." if path else ""
    for key in value:
        if key not in fields:
            report(
                f"{prefix}{key}",
                f"unknown field of a {what}; expected one of {', '.join(sorted(fields))}",
            )
    for key, (required, check) in fields.items():
        if key in value:
            check(value[key], f"{prefix}{key}", report)
        elif required:
            report(path or key, f"a {what} needs the field {_shown(key)}")


def _check_parties(document: dict[str, Any], report: Report) -> None:
    """Cross-field rules of one document: parties and perspectives must agree."""
    parties = document.get("parties")
    if not isinstance(parties, list):
        return
    known = {p for p in parties if isinstance(p, str)}
    if document.get("disputed") is True and len(known) < 2:
        report("parties", "a disputed file needs at least two parties")
    others = document.get("third_parties")
    third = {p for p in others if isinstance(p, str)} if isinstance(others, list) else set()
    for k, party in enumerate(others if isinstance(others, list) else ()):
        if party in known:
            report(f"third_parties[{k}]", f"{_shown(party)} is already a party of this file")
    places = document.get("places")
    if not isinstance(places, list):
        return
    for i, place in enumerate(places):
        if not isinstance(place, dict):
            continue
        for field in ("parents", "unnamed_by"):
            mapping = place.get(field)
            if isinstance(mapping, dict):
                for key in mapping:
                    if key != "ALL" and isinstance(key, str) and key not in known:
                        report(
                            f"places[{i}].{field}.{key}",
                            f"{_shown(key)} is not a party of this file",
                        )
        names = place.get("names")
        if not isinstance(names, list):
            continue
        for j, name in enumerate(names):
            if isinstance(name, dict):
                _check_dates(name, f"places[{i}].names[{j}]", report)
            used_by = name.get("used_by") if isinstance(name, dict) else None
            if isinstance(used_by, list):
                for k, party in enumerate(used_by):
                    if (
                        isinstance(party, str)
                        and is_party_code(party)
                        and party not in known | third
                    ):
                        report(
                            f"places[{i}].names[{j}].used_by[{k}]",
                            f"{_shown(party)} is not a party of this file"
                            f" ({', '.join(sorted(known | third))}); a country that uses the"
                            " name without being a party goes in third_parties",
                        )


def _check_dates(name: dict[str, Any], path: str, report: Report) -> None:
    try:
        since, until = as_date(name.get("since")), as_date(name.get("until"))
    except (TypeError, ValueError):
        return  # reported by the field check
    if since is not None and until is not None and since >= until:
        report(f"{path}.until", f"{until} is not after since ({since})")


GENERIC_CLASS_FIELDS: Mapping[str, Field] = {
    "id": (True, _place_id),
    "kinds": (True, _list_of(_one_of(PLACE_KINDS, "place kind"))),
    "terms": (True, _list_of(_text)),
    "suffixes": (False, _list_of(_text)),
    "note": (False, _text),
}

GENERIC_FIELDS: Mapping[str, Field] = {
    "format": (True, _format),
    "classes": (
        True,
        _list_of(lambda v, p, r: _object(v, p, r, GENERIC_CLASS_FIELDS, "class of terms")),
    ),
}


def check_generic_terms(document: Any, report: Report) -> None:
    """Report every schema problem of a parsed generic-terms document."""
    _object(document, "", report, GENERIC_FIELDS, "generic-terms file")


def check_document(document: Any, report: Report) -> None:
    """Report every schema problem of one parsed gazetteer document."""
    _object(document, "", report, DOCUMENT_FIELDS, "gazetteer file")
    if isinstance(document, dict):
        _check_parties(document, report)
