"""Annotate a Spark DataFrame text column: mentions as an array of structs (``MENTIONS_TYPE``).

Two recipes over the same schema: :func:`annotate_frame` (``mapInPandas``: every column kept, a
mentions column added) and :func:`mentions_udf` (a pandas UDF for ``select`` and
``withColumn``). The gazetteer travels inside the function Spark ships to its Python workers;
each worker process restores it once and keeps it for later tasks (Spark reuses its Python
workers), keyed by a token of the object, so annotating never reloads data from the executor's
disk. A null text gives null mentions, as Spark's own functions do.

Not run by the suite as a doctest (a Spark session takes seconds to start and needs Java);
tests/test_spark.py runs these on a local session::

    import toponyms.spark
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    df = spark.createDataFrame([(1, "Japan claims Iturup, which it calls Etorofu.")], "id long, text string")
    toponyms.spark.annotate_frame(df, "text").select("id", "mentions.place_id").collect()
    # [Row(id=1, place_id=['etorofu-iturup', 'etorofu-iturup'])]
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import types as T
from pyspark.sql.pandas.functions import pandas_udf

import toponyms

from ._model import Mention
from .annotate.pool import ShippedGazetteer

__all__ = ["MENTIONS_TYPE", "MENTION_TYPE", "annotate_frame", "mention_record", "mentions_udf"]

#: One mention: where (``start``, ``end``: character offsets into the text, end exclusive),
#: what was written, which place, whose name the text used (party codes, sorted), how it
#: matched, and every party's name for the place (party code -> name).
MENTION_TYPE = T.StructType(
    [
        T.StructField("start", T.IntegerType(), nullable=False),
        T.StructField("end", T.IntegerType(), nullable=False),
        T.StructField("text", T.StringType(), nullable=False),
        T.StructField("place_id", T.StringType(), nullable=False),
        T.StructField("used_by", T.ArrayType(T.StringType(), containsNull=False), nullable=False),
        T.StructField("method", T.StringType(), nullable=False),
        T.StructField("score", T.DoubleType(), nullable=False),
        T.StructField("lang", T.StringType(), nullable=False),
        T.StructField(
            "names", T.MapType(T.StringType(), T.StringType(), valueContainsNull=False), False
        ),
    ]
)
#: The mentions of one text, in text order.
MENTIONS_TYPE = T.ArrayType(MENTION_TYPE, containsNull=False)


def mention_record(mention: Mention) -> dict[str, Any]:
    """A mention as a record of :data:`MENTION_TYPE`.

    >>> import toponyms
    >>> mention_record(toponyms.annotate("Etorofu")[0])  # doctest: +NORMALIZE_WHITESPACE
    {'start': 0, 'end': 7, 'text': 'Etorofu', 'place_id': 'etorofu-iturup', 'used_by': ['JP'],
     'method': 'exact', 'score': 100.0, 'lang': 'en',
     'names': {'JP': 'Etorofu', 'RU': 'Iturup'}}
    """
    return mention.to_dict()


def _annotator(
    gazetteer: toponyms.Gazetteer | None, fuzzy: bool
) -> Callable[[pd.Series], pd.Series]:
    """A function from a pandas Series of texts to one of mention records, carrying the
    gazetteer with it."""
    shipped = ShippedGazetteer(gazetteer if gazetteer is not None else toponyms.default_gazetteer())

    def annotate_series(texts: pd.Series) -> pd.Series:
        gaz = shipped.gazetteer
        found = [
            [mention_record(m) for m in gaz.annotate(text, fuzzy=fuzzy)]
            if isinstance(text, str)
            else None
            for text in texts
        ]
        return pd.Series(found, index=texts.index, dtype=object)

    return annotate_series


def mentions_udf(*, gazetteer: toponyms.Gazetteer | None = None, fuzzy: bool = True) -> Any:
    """A pandas UDF from a string column to its mentions (:data:`MENTIONS_TYPE`):
    ``df.withColumn("mentions", mentions_udf()("text"))``."""
    return pandas_udf(_annotator(gazetteer, fuzzy), MENTIONS_TYPE)  # type: ignore[call-overload]


def annotate_frame(
    frame: DataFrame,
    column: str,
    *,
    output: str = "mentions",
    gazetteer: toponyms.Gazetteer | None = None,
    fuzzy: bool = True,
) -> DataFrame:
    """``frame`` with a column ``output`` (:data:`MENTIONS_TYPE`) holding the mentions in
    ``column``, through ``mapInPandas``: rows and their order within partitions are kept."""
    if output in frame.columns:
        raise ValueError(f"frame already has a column {output!r}; pass another output=")
    annotate_series = _annotator(gazetteer, fuzzy)
    schema = T.StructType([*frame.schema.fields, T.StructField(output, MENTIONS_TYPE, True)])

    def annotate_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            yield batch.assign(**{output: annotate_series(batch[column])})

    return frame.mapInPandas(annotate_batches, schema)
