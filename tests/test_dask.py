"""Dask: a bag of texts and a DataFrame column annotated on a real two-process LocalCluster, each
result equal to the serial annotate(), with one gazetteer per worker."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import toponyms

from .conftest import REPO

pytest.importorskip("dask.bag", reason="the dask extra (pip install 'toponyms[dask]')")
pytest.importorskip("dask.dataframe", reason="the dask extra (pip install 'toponyms[dask]')")
distributed = pytest.importorskip("distributed", reason="the dask extra")
pd = pytest.importorskip("pandas", reason="the dask extra")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

import toponyms.dask  # noqa: E402
import toponyms.pandas  # noqa: E402

from .sentences import SENTENCES  # noqa: E402

ARTICLES = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples/articles").iterdir())]
TEXTS = (SENTENCES + ARTICLES) * 4  # 32 texts: several per partition, every partition busy


@pytest.fixture(scope="module")
def client() -> Iterator[distributed.Client]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def serial(texts: list[str]) -> list[list[toponyms.Mention]]:
    return [toponyms.annotate(text) for text in texts]


def test_bag_on_a_cluster_equals_serial_annotate_in_order(client: distributed.Client) -> None:
    bag = db.from_sequence(TEXTS, npartitions=8)
    assert toponyms.dask.annotate_bag(bag).compute() == serial(TEXTS)
    workers = client.run(toponyms.dask.gazetteers_loaded)
    assert len(workers) == 2
    assert sorted(workers.values()) == [1, 1]  # one per worker, not one per task (8 tasks)
    assert toponyms.dask.gazetteers_loaded() == 0  # the client kept its own object


def test_column_on_a_cluster_keeps_the_index(client: distributed.Client) -> None:
    frame = pd.DataFrame({"text": [*TEXTS, None]}, index=range(100, 100 + len(TEXTS) + 1))
    found = toponyms.dask.annotate_column(dd.from_pandas(frame, npartitions=4), "text").compute()
    assert found.index.tolist() == frame.index.tolist()
    assert found.tolist() == [*serial(TEXTS), []]
    assert sorted(client.run(toponyms.dask.gazetteers_loaded).values()) == [1, 1]


def test_mentions_frame_on_a_cluster_equals_the_pandas_accessor(client: distributed.Client) -> None:
    frame = pd.DataFrame({"text": SENTENCES * 2})
    tidy = toponyms.dask.mentions(
        dd.from_pandas(frame, npartitions=3), "text", parties=["AR", "GB", "JP", "RU"]
    ).compute()
    expected = frame["text"].toponyms.annotate()
    assert list(tidy.columns) == list(expected.columns)
    assert tidy.reset_index(drop=True).equals(expected)
    assert tidy["row"].tolist()[:3] == [0, 0, 1]


def test_mentions_frame_has_every_party_of_the_gazetteer_by_default() -> None:
    frame = dd.from_pandas(pd.DataFrame({"text": SENTENCES[:1]}), npartitions=1)
    tidy = toponyms.dask.mentions(frame, "text")
    parties = sorted({p for place in toponyms.default_gazetteer().places for p in place.parties})
    assert list(tidy.columns) == [
        *toponyms.pandas.MENTION_COLUMNS,
        *(f"name_{party}" for party in parties),
    ]
    computed = tidy.compute(scheduler="sync")
    assert computed[["text", "name_JP", "name_RU"]].values.tolist() == [
        ["Iturup", "Etorofu", "Iturup"],
        ["Etorofu", "Etorofu", "Iturup"],
    ]
    assert computed["name_AR"].isna().all()


def test_a_column_passes_missing_values() -> None:
    # as the pandas accessor does (the same reading of a value): a missing one has no mentions
    frame = dd.from_pandas(pd.DataFrame({"text": [SENTENCES[0], None]}), npartitions=1)
    found = toponyms.dask.annotate_column(frame, "text").compute(scheduler="sync")
    assert [[m.place_id for m in ms] for ms in found] == [["etorofu-iturup"] * 2, []]


def test_workers_annotate_with_the_gazetteer_given(
    client: distributed.Client, mini: toponyms.Gazetteer
) -> None:
    before = client.run(toponyms.dask.gazetteers_loaded)
    bag = db.from_sequence(SENTENCES * 4, npartitions=8)
    found = toponyms.dask.annotate_bag(bag, gazetteer=mini, fuzzy=False).compute()
    assert found == [mini.annotate(text, fuzzy=False) for text in SENTENCES * 4]
    assert found[2] == []  # no Falklands in the engine-test gazetteer
    after = client.run(toponyms.dask.gazetteers_loaded)
    assert [after[w] - before[w] for w in sorted(after)] == [1, 1]
