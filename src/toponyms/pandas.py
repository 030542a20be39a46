"""A ``.toponyms`` accessor on pandas Series: ``import toponyms.pandas`` registers it.

>>> import pandas as pd
>>> import toponyms.pandas
>>> s = pd.Series(["Etorofu", "Итуруп", "Northern Territory", None], index=["a", "b", "c", "d"])
>>> s.toponyms.normalize().tolist()
['etorofu-iturup', 'etorofu-iturup', <NA>, <NA>]

``annotate()`` gives one row per mention, tidy: the source row's index label in ``row``, then
``start``, ``end``, ``text``, ``place_id``, ``used_by``, ``method``, ``score``, ``lang``, and one
``name_<PARTY>`` column per party (``name_JP``, ``name_RU``) that names a mentioned place, in
code order. ``used_by`` holds the party codes whose name the text used, sorted and joined by
commas (``"JP"``, ``"JP,RU"`` for a name both sides use), so ``groupby("used_by")`` counts whose
names a column of texts uses.

>>> texts = pd.Series(["Japan claims Iturup, which it calls Etorofu.", "No place here."])
>>> mentions = texts.toponyms.annotate()
>>> list(mentions.columns)  # doctest: +NORMALIZE_WHITESPACE
['row', 'start', 'end', 'text', 'place_id', 'used_by', 'method', 'score', 'lang',
 'name_JP', 'name_RU']
>>> mentions[["row", "start", "end", "text", "used_by", "name_JP"]].to_dict("records")
... # doctest: +NORMALIZE_WHITESPACE
[{'row': 0, 'start': 13, 'end': 19, 'text': 'Iturup', 'used_by': 'RU', 'name_JP': 'Etorofu'},
 {'row': 0, 'start': 36, 'end': 43, 'text': 'Etorofu', 'used_by': 'JP', 'name_JP': 'Etorofu'}]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

import toponyms

from ._model import Mention

__all__ = ["MENTION_COLUMNS", "ToponymsAccessor", "mentions_frame", "name_column"]

#: The columns every annotate() frame has, in order; the ``name_<PARTY>`` columns follow.
MENTION_COLUMNS = (
    "row",
    "start",
    "end",
    "text",
    "place_id",
    "used_by",
    "method",
    "score",
    "lang",
)
_DTYPES = {
    "start": "int64",
    "end": "int64",
    "text": "string",
    "place_id": "string",
    "used_by": "string",
    "method": "string",
    "score": "float64",
    "lang": "string",
}


def name_column(party: str) -> str:
    """The column holding ``party``'s name for each mentioned place: ``name_JP``.

    >>> name_column("RU")
    'name_RU'
    """
    return f"name_{party}"


def mentions_frame(rows: Iterable[tuple[Any, Sequence[Mention]]]) -> pd.DataFrame:
    """A tidy frame of mentions from ``(row label, mentions of that row's text)`` pairs.

    The building block of :meth:`ToponymsAccessor.annotate`, public so that results computed
    elsewhere (``annotate_many``, a Dask or Spark job) take the same shape.
    """
    records: list[dict[str, Any]] = []
    parties: set[str] = set()
    for label, mentions in rows:
        for m in mentions:
            parties.update(m.names)
            record: dict[str, Any] = {"row": label, **m.to_dict()}
            record["used_by"] = ",".join(record["used_by"])
            del record["names"]
            for party, name in m.names.items():
                record[name_column(party)] = name
            records.append(record)
    columns = [*MENTION_COLUMNS, *(name_column(p) for p in sorted(parties))]
    frame = pd.DataFrame.from_records(records, columns=columns)
    dtypes = {column: _DTYPES.get(column, "string") for column in columns if column != "row"}
    return frame.astype(dtypes)


def _text_or_none(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    raise TypeError(f"a toponyms Series holds str or missing values, not {type(value).__name__}")


@pd.api.extensions.register_series_accessor("toponyms")
class ToponymsAccessor:
    """``Series.toponyms``: :func:`toponyms.normalize` and :func:`toponyms.annotate` on every
    value of a Series of str, missing values (None, NaN, pd.NA) passed through as missing."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def normalize(
        self, *, fuzzy: bool = True, gazetteer: toponyms.Gazetteer | None = None
    ) -> pd.Series:
        """The place ID of every value, ``<NA>`` where unresolved, with the Series' index and
        name (dtype ``string``). Each distinct value is resolved once.

        >>> import pandas as pd
        >>> import toponyms.pandas
        >>> pd.Series(["Kunashri", "Kunashri"], name="place").toponyms.normalize(fuzzy=False)
        0    <NA>
        1    <NA>
        Name: place, dtype: string
        """
        gaz = gazetteer if gazetteer is not None else toponyms.default_gazetteer()
        ids: dict[str, str | None] = {}
        values: list[str | None] = []
        for value in self._series:
            text = _text_or_none(value)
            if text is None:
                values.append(None)
                continue
            if text not in ids:
                ids[text] = gaz.normalize(text, fuzzy=fuzzy)
            values.append(ids[text])
        return pd.Series(values, index=self._series.index, name=self._series.name, dtype="string")

    def annotate(
        self,
        *,
        fuzzy: bool = True,
        lang: str | None = None,
        gazetteer: toponyms.Gazetteer | None = None,
    ) -> pd.DataFrame:
        """Every mention in every value, one row each, in index then text order (see the module
        docstring for the columns); missing values have none."""
        gaz = gazetteer if gazetteer is not None else toponyms.default_gazetteer()
        rows = (
            (label, gaz.annotate(text, fuzzy=fuzzy, lang=lang))
            for label, value in self._series.items()
            if (text := _text_or_none(value)) is not None
        )
        return mentions_frame(rows)
