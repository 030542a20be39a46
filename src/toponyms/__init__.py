"""toponyms: one neutral ID for every disputed place, and every side's name for it.

>>> import toponyms
>>> toponyms.normalize("Etorofu") == toponyms.normalize("Итуруп") == "etorofu-iturup"
True
>>> toponyms.normalize("Kunashri")  # one typo
'kunashir-kunashiri'
>>> toponyms.normalize("Northern Territory") is None  # Australia's, not Japan's
True
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from ._errors import AmbiguousNameError, GazetteerError, Problem, UnknownNameError
from ._model import Candidate, Context, Dispute, Mention, Name, Place, Point
from .gazetteer import Gazetteer
from .perspective import Perspective
from .text.fold import fold

__all__ = [
    "DATA_VERSION",
    "AmbiguousNameError",
    "Candidate",
    "Context",
    "Dispute",
    "Gazetteer",
    "GazetteerError",
    "Mention",
    "Name",
    "Perspective",
    "Place",
    "Point",
    "Problem",
    "UnknownNameError",
    "__version__",
    "annotate",
    "annotate_many",
    "default_gazetteer",
    "fold",
    "get",
    "load",
    "lookup",
    "normalize",
    "perspective",
    "rewrite",
    "search",
]

__version__ = "0.1.0"

_default: Gazetteer | None = None
_default_lock = threading.Lock()


def __getattr__(name: str) -> str:
    """``toponyms.DATA_VERSION``: the bundled data's version, read on first use (no I/O at
    import).

    >>> import toponyms, re
    >>> bool(re.fullmatch(r"\\d{4}\\.\\d+\\.\\d+", toponyms.DATA_VERSION))
    True
    """
    if name == "DATA_VERSION":
        from .data.read import bundled_gazetteer_dir

        return (bundled_gazetteer_dir() / "VERSION").read_text(encoding="utf-8").strip()
    raise AttributeError(f"module 'toponyms' has no attribute {name!r}")


def load(path: str | Path | None = None) -> Gazetteer:
    """Load and check a gazetteer directory; ``None`` loads the bundled one (not cached).

    Raises :class:`GazetteerError` listing every problem as ``FILE:LINE: field: message``.
    """
    if path is not None and not isinstance(path, (str, Path)):
        raise TypeError(f"path must be str, Path or None, not {type(path).__name__}")
    return Gazetteer.from_directory(path)


def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded on first use, once, under a lock."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Gazetteer.from_directory(None)
    return _default


def normalize(name: str, *, fuzzy: bool = True) -> str | None:
    """The canonical ID of the place called ``name``, or None when unsure.

    Built for pipelines: ``df["id"] = df["place"].map(toponyms.normalize)``.

    >>> normalize("HOPPŌ RYŌDO"), normalize("Южные Курилы")
    ('northern-territories-southern-kurils', 'northern-territories-southern-kurils')
    """
    return default_gazetteer().normalize(name, fuzzy=fuzzy)


def lookup(name: str) -> Place:
    """The place called ``name``; raises :class:`UnknownNameError` or :class:`AmbiguousNameError`.

    >>> lookup("国後島").id
    'kunashir-kunashiri'
    """
    return default_gazetteer().lookup(name)


def get(place_id: str) -> Place | None:
    """The place with this ID, or None.

    >>> get("shikotan-island").name_for("RU", "ru").text
    'Шикотан'
    """
    return default_gazetteer().get(place_id)


def search(
    name: str, *, limit: int | None = 5, score_cutoff: float | None = None
) -> list[Candidate]:
    """Places ranked by how close one of their names is to ``name``, with scores from 0 to 100.

    >>> [(c.place_id, c.score) for c in search("Kunashiri", limit=1)]
    [('kunashir-kunashiri', 100.0)]
    """
    return default_gazetteer().search(name, limit=limit, score_cutoff=score_cutoff)


def annotate(text: str, *, fuzzy: bool = True, lang: str | None = None) -> list[Mention]:
    """Every place mentioned in ``text``, sorted by start, each with both sides' names.

    >>> [(m.text, m.place_id, sorted(m.used_by), dict(m.names))
    ...  for m in annotate("Japan claims Iturup, which it calls Etorofu.")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('Iturup', 'etorofu-iturup', ['RU'], {'JP': 'Etorofu', 'RU': 'Iturup'}),
     ('Etorofu', 'etorofu-iturup', ['JP'], {'JP': 'Etorofu', 'RU': 'Iturup'})]
    """
    return default_gazetteer().annotate(text, fuzzy=fuzzy, lang=lang)


def annotate_many(
    texts: Iterable[str], *, processes: int | None = None, fuzzy: bool = True
) -> Iterator[list[Mention]]:
    """:func:`annotate` over many texts, in input order; ``processes`` > 1 uses worker
    processes."""
    return default_gazetteer().annotate_many(texts, processes=processes, fuzzy=fuzzy)


def rewrite(
    text: str,
    perspective: str,
    *,
    lang: str | None = None,
    as_of: datetime.date | None = None,
) -> str:
    """``text`` with every mention in ``perspective``'s name (a party code such as ``"JP"``),
    as that party names the place on ``as_of`` (default: today).

    >>> rewrite("Russia says KUNASHIR and Iturup are its own.", "JP")
    'Russia says KUNASHIRI and Etorofu are its own.'
    """
    return default_gazetteer().rewrite(text, perspective, lang=lang, as_of=as_of)


def perspective(text: str, *, fuzzy: bool = True) -> Perspective:
    """Whose names ``text`` uses: its mentions counted by the party whose name each one is
    written in, a name two or more of the place's parties use counting once, as shared.

    >>> print(perspective("Russia says Kunashir and Iturup, Japan says Etorofu.").summary())
    RU's names twice, JP's names once
    """
    return default_gazetteer().perspective(text, fuzzy=fuzzy)
