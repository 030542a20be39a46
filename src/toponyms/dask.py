"""Annotate a dask.bag of texts or a Dask DataFrame text column, one gazetteer per worker.

The gazetteer travels as one node of the task graph (a ``dask.delayed`` value): the
distributed scheduler sends it to each worker once and every task on that worker receives the
same object. Where a scheduler pickles a task's inputs anyway (the multiprocessing one), each
process unpickles a gazetteer once and keeps it, keyed by a token of the object it was pickled
from, so tasks after the first get the cached one. Workers annotate with the data of the object
they were given, never a reload from their own disk, as :meth:`toponyms.Gazetteer.annotate_many`
does.

>>> import dask.bag as db
>>> import toponyms.dask
>>> texts = db.from_sequence(["Japan claims Iturup, which it calls Etorofu.", "Shikotan"])
>>> [[m.place_id for m in found] for found in toponyms.dask.annotate_bag(texts).compute()]
[['etorofu-iturup', 'etorofu-iturup'], ['shikotan-island']]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from dask.delayed import delayed

import toponyms

from ._model import Mention
from .annotate.pool import ShippedGazetteer, gazetteers_unpickled
from .pandas import MENTION_COLUMNS, _text_or_none, mentions_frame, name_column

__all__ = ["annotate_bag", "annotate_column", "gazetteers_loaded", "mentions"]


def gazetteers_loaded() -> int:
    """How many gazetteers this process has unpickled for Dask tasks: one per gazetteer
    shipped to it, whatever the number of tasks it ran."""
    return gazetteers_unpickled()


def _ship(gazetteer: toponyms.Gazetteer | None) -> Any:
    """The gazetteer as one node of the graph, so each worker receives it once."""
    gaz = gazetteer if gazetteer is not None else toponyms.default_gazetteer()
    shipped = ShippedGazetteer(gaz)
    return delayed(shipped, name=f"toponyms-gazetteer-{shipped.key}", traverse=False)


def _annotate_texts(
    texts: Sequence[str], shipped: ShippedGazetteer, fuzzy: bool
) -> list[list[Mention]]:
    return [shipped.gazetteer.annotate(text, fuzzy=fuzzy) for text in texts]


def _annotate_series(series: pd.Series, shipped: ShippedGazetteer, fuzzy: bool) -> pd.Series:
    found = [
        shipped.gazetteer.annotate(text, fuzzy=fuzzy) if text is not None else []
        for text in map(_text_or_none, series)
    ]
    return pd.Series(found, index=series.index, name=series.name, dtype=object)


def _mentions_of_series(
    series: pd.Series, shipped: ShippedGazetteer, fuzzy: bool, columns: list[str]
) -> pd.DataFrame:
    found = _annotate_series(series, shipped, fuzzy)
    frame = mentions_frame(found.items())
    missing = {c: pd.Series(pd.NA, index=frame.index, dtype="string") for c in columns}
    frame = frame.assign(**{c: v for c, v in missing.items() if c not in frame.columns})
    return frame[columns]


def annotate_bag(
    texts: db.Bag, *, gazetteer: toponyms.Gazetteer | None = None, fuzzy: bool = True
) -> db.Bag:
    """A bag of the mentions in each text (``list[Mention]``), in the input's order."""
    bag = texts.map_partitions(_annotate_texts, _ship(gazetteer), fuzzy)  # type: ignore[no-untyped-call]
    return cast("db.Bag", bag)


def annotate_column(
    frame: dd.DataFrame,
    column: str,
    *,
    gazetteer: toponyms.Gazetteer | None = None,
    fuzzy: bool = True,
) -> dd.Series:
    """The mentions in each value of ``frame[column]`` (``list[Mention]``, empty where the
    value is missing), on the frame's index: ``df["mentions"] = annotate_column(df, "text")``.
    """
    meta = pd.Series([], dtype=object, name=column)
    found = frame[column].map_partitions(_annotate_series, _ship(gazetteer), fuzzy, meta=meta)
    return cast("dd.Series", found)


def mentions(
    frame: dd.DataFrame,
    column: str,
    *,
    gazetteer: toponyms.Gazetteer | None = None,
    fuzzy: bool = True,
    parties: Sequence[str] | None = None,
) -> dd.DataFrame:
    """A tidy Dask DataFrame of the mentions in ``frame[column]``, one row per mention, with
    :mod:`toponyms.pandas`' columns (``row`` holds the source row's index label).

    A Dask frame declares its columns before it computes, so the ``name_<PARTY>`` columns are
    those of ``parties``: by default every party of the gazetteer, in code order.
    """
    gaz = gazetteer if gazetteer is not None else toponyms.default_gazetteer()
    if parties is None:
        parties = sorted({party for place in gaz.places for party in place.parties})
    columns = [*MENTION_COLUMNS, *(name_column(p) for p in sorted(parties))]
    meta = mentions_frame([]).assign(
        **{name_column(p): pd.Series([], dtype="string") for p in parties}
    )[columns]
    meta["row"] = meta["row"].astype(frame.index.dtype)
    tidy = frame[column].map_partitions(
        _mentions_of_series, _ship(gaz), fuzzy, columns, meta=meta, align_dataframes=False
    )
    return cast("dd.DataFrame", tidy)
