"""Spark: the mapInPandas and pandas UDF recipes on a local session, equal to serial annotate().

Needs the spark extra and a Java runtime; where Spark cannot start, the tests skip with the
reason. Spark's Python workers run this interpreter (PYSPARK_PYTHON), so they import the same
toponyms.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import toponyms

pytest.importorskip("pyspark", reason="the spark extra (pip install 'toponyms[spark]')")
pytest.importorskip("pyarrow", reason="the spark extra (pip install 'toponyms[spark]')")

from pyspark.sql import SparkSession

import toponyms.spark
from toponyms.annotate.pool import gazetteers_unpickled

from .sentences import SENTENCES

TEXTS = SENTENCES * 4


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    try:
        session = (
            SparkSession.builder.master("local[2]")
            .appName("toponyms-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
    except Exception as exc:  # no Java, no free port, a sandbox: say why and skip
        pytest.skip(f"Spark cannot start a local session: {type(exc).__name__}: {exc}")
    yield session
    session.stop()


def records(text: str) -> list[dict[str, Any]]:
    return [toponyms.spark.mention_record(m) for m in toponyms.annotate(text)]


def as_records(rows: Any) -> list[dict[str, Any]] | None:
    return None if rows is None else [row.asDict() for row in rows]


def test_map_in_pandas_adds_mentions_equal_to_annotate(spark: SparkSession) -> None:
    rows = [(i, text) for i, text in enumerate(TEXTS)] + [(len(TEXTS), None)]
    frame = spark.createDataFrame(rows, "id long, text string").repartition(3, "id")
    annotated = toponyms.spark.annotate_frame(frame, "text")
    assert annotated.schema["mentions"].dataType == toponyms.spark.MENTIONS_TYPE
    assert annotated.columns == ["id", "text", "mentions"]
    found = {row.id: as_records(row.mentions) for row in annotated.collect()}
    assert found == {i: records(text) for i, text in enumerate(TEXTS)} | {len(TEXTS): None}


def test_mentions_are_structs_spark_sql_can_explode(spark: SparkSession) -> None:
    frame = spark.createDataFrame([(1, SENTENCES[0])], "id long, text string")
    annotated = toponyms.spark.annotate_frame(frame, "text", output="found")
    exploded = annotated.selectExpr("id", "inline(found)").orderBy("start")
    assert [
        (r.start, r.end, r.text, r.place_id, r.used_by, r.names["JP"], r.names["RU"])
        for r in exploded.collect()
    ] == [
        (13, 19, "Iturup", "etorofu-iturup", ["RU"], "Etorofu", "Iturup"),
        (36, 43, "Etorofu", "etorofu-iturup", ["JP"], "Etorofu", "Iturup"),
    ]


def test_pandas_udf_keeps_row_order(spark: SparkSession) -> None:
    frame = spark.createDataFrame([(text,) for text in TEXTS], "text string").coalesce(1)
    udf = toponyms.spark.mentions_udf()
    found = [as_records(row.m) for row in frame.select(udf("text").alias("m")).collect()]
    assert found == [records(text) for text in TEXTS]


def test_workers_annotate_with_the_gazetteer_given(
    spark: SparkSession, mini: toponyms.Gazetteer
) -> None:
    frame = spark.createDataFrame([(text,) for text in SENTENCES], "text string").coalesce(1)
    udf = toponyms.spark.mentions_udf(gazetteer=mini, fuzzy=False)
    found = [as_records(row.m) for row in frame.select(udf("text").alias("m")).collect()]
    expected = [
        [toponyms.spark.mention_record(m) for m in mini.annotate(text, fuzzy=False)]
        for text in SENTENCES
    ]
    assert found == expected
    assert found[2] == []  # no Falklands in the engine-test gazetteer


def test_a_python_worker_keeps_one_gazetteer_across_tasks(spark: SparkSession) -> None:
    frame = spark.createDataFrame([(text,) for text in TEXTS], "text string").repartition(8)
    udf = toponyms.spark.mentions_udf()
    assert frame.select(udf("text").alias("m")).count() == len(TEXTS)

    def probe(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for _ in batches:
            yield pd.DataFrame({"pid": [os.getpid()], "loaded": [gazetteers_unpickled()]})

    counts = frame.mapInPandas(probe, "pid long, loaded long").collect()
    # a worker process that ran annotating tasks restored the default gazetteer once for all
    # of them, plus once per gazetteer an earlier test shipped to it
    assert {row.loaded for row in counts} <= {0, 1, 2}
    assert max(row.loaded for row in counts) >= 1
