"""Whether a source URL is the original page a reader would trust, or a copy of one.

A name's source must be the page that uses it: the article on its own language's Wikipedia,
the government's or the newspaper's site. Copies are not evidence: mirrors and snapshots of
Wikipedia, proxies, machine translations, content farms, edit pages, dump archives, bare IP
addresses. ``toponyms check`` warns on each (the hosts are data: ``copy_hosts.yaml``).

>>> copy_reason("https://ru.wikipedia.org/wiki/%D0%98%D1%82%D1%83%D1%80%D1%83%D0%BF") is None
True
>>> copy_reason("https://no.wiki7.org/wiki/Iturup")
'a mirror (wiki7.org)'
>>> copy_reason("https://ja.m.wikipedia.org/wiki/X")
'a mobile copy of a Wikipedia page'
>>> copy_reason("http://192.0.2.7/wiki/Iturup")
'a bare IP address'
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import yaml

from .._errors import Problem

if TYPE_CHECKING:
    from .._model import Name
    from ..gazetteer import Gazetteer

__all__ = ["copy_reason", "copy_sources", "foreign_wikipedia", "source_warnings"]

_ARCHIVE = re.compile(r"\.(?:zip|gz|bz2|xz|7z|tar|rar)$", re.I)
_EDIT = re.compile(r"[?&]action=(?:edit|history|raw|submit)\b|[?&]veaction=|[?&]oldid=", re.I)
_EMBEDDED = re.compile(r"https?:/|(?:^|[/.=])[a-z]{2,3}\.wikipedia\.org", re.I)


@lru_cache(maxsize=1)
def _hosts() -> Mapping[str, str]:
    """Host -> kind of copy, from the bundled ``copy_hosts.yaml``."""
    text = resources.files(__package__).joinpath("copy_hosts.yaml").read_text(encoding="utf-8")
    kinds = yaml.safe_load(text)["kinds"]
    return {host: kind for kind, hosts in kinds.items() for host in hosts}


def copy_reason(url: str) -> str | None:
    """Why ``url`` is a copy rather than an original page, or None when nothing says it is."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return "a bare IP address"
    labels = host.split(".")
    hosts = _hosts()
    for i in range(len(labels) - 1):
        kind = hosts.get(".".join(labels[i:]))
        if kind is not None:
            return f"a {kind.replace('-', ' ')} ({'.'.join(labels[i:])})"
    if re.fullmatch(r"[a-z-]+\.m\.wikipedia\.org", host):
        return "a mobile copy of a Wikipedia page"
    if _ARCHIVE.search(parts.path):
        return "an archive file"
    if _EDIT.search(url):
        return "an edit page or an old revision"
    if not host.endswith(("wikipedia.org", "archive.org")) and _EMBEDDED.search(
        unquote(parts.path + "?" + parts.query)
    ):
        return "a proxy of another page (its address is inside this one)"
    return None


def foreign_wikipedia(name: Name) -> str | None:
    """The Wikipedia edition ``name`` is sourced to when it is not the name's own language's
    (a Russian name cited to en.wikipedia, a zh-Hant one to ja.wikipedia), else None. A reader
    checks a name most surely on its own language's article; an English article listing a
    romanization (``ja-Latn``) is the usual place for it, so that one is not counted.

    >>> from toponyms import Name
    >>> def named(lang, url):
    ...     return Name("x", lang, frozenset({"JP"}), "common", url)
    >>> foreign_wikipedia(named("ru", "https://en.wikipedia.org/wiki/Iturup"))
    'en'
    >>> foreign_wikipedia(named("ru", "https://ru.wikipedia.org/wiki/X")) is None
    True
    >>> foreign_wikipedia(named("ja-Latn", "https://en.wikipedia.org/wiki/Iturup")) is None
    True
    """
    host = (urlsplit(name.source).hostname or "").lower()
    if not host.endswith(".wikipedia.org"):
        return None
    edition = host.split(".")[0]
    edition = "en" if edition == "simple" else edition
    if edition == name.language or (edition == "en" and "-latn" in name.lang.lower()):
        return None
    return edition


def copy_sources(gazetteer: Gazetteer) -> Iterator[tuple[str, int, str, str]]:
    """``(place_id, name_index, url, reason)`` for each name sourced to a copy."""
    for place in gazetteer.places:
        for i, name in enumerate(place.names):
            reason = copy_reason(name.source)
            if reason is not None:
                yield place.id, i, name.source, reason


def source_warnings(gazetteer: Gazetteer) -> list[Problem]:
    """A warning at each name sourced to a copy, as ``FILE:LINE: field: message``."""
    warnings = []
    for place_id, i, url, reason in copy_sources(gazetteer):
        path, line = gazetteer.where(place_id, i)
        field = f"{gazetteer.field_of(place_id, i)}.source"
        warnings.append(Problem(path, line, field, f"{url} is {reason}, not an original page"))
    return warnings
