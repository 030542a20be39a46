"""The pandas accessor: ``import toponyms.pandas`` and ``Series.toponyms`` on the real data."""

from __future__ import annotations

import pytest

import toponyms

pd = pytest.importorskip("pandas", reason="the pandas extra (pip install 'toponyms[pandas]')")
toponyms_pandas = pytest.importorskip("toponyms.pandas")

KURILS = "Japan claims Iturup, which it calls Etorofu."
RUSSIAN = "Russia says KUNASHIR and Iturup are its own."
MALVINAS = (
    "Argentina says it has a right to the islands, which it calls the Malvinas, because it "
    "inherited them from the Spanish crown in the early 1800s."
)


def test_normalize_keeps_index_and_name_and_marks_unresolved_missing() -> None:
    s = pd.Series(
        ["Etorofu", "Итуруп", "Northern Territory", None, float("nan"), "Kunashri"],
        index=[10, 11, 12, 13, 14, 15],
        name="place",
    )
    ids = s.toponyms.normalize()
    assert ids.index.tolist() == [10, 11, 12, 13, 14, 15]
    assert ids.name == "place"
    assert ids.dtype == "string"
    assert ids.tolist() == [
        "etorofu-iturup",
        "etorofu-iturup",
        pd.NA,
        pd.NA,
        pd.NA,
        "kunashir-kunashiri",
    ]


def test_normalize_passes_fuzzy_and_gazetteer(mini: toponyms.Gazetteer) -> None:
    s = pd.Series(["Kunashri", "Shikotan"])
    assert s.toponyms.normalize(fuzzy=False).tolist() == [pd.NA, "shikotan-island"]
    # the engine-test gazetteer has no Kunashir
    assert s.toponyms.normalize(gazetteer=mini).tolist() == [pd.NA, "shikotan-island"]


def test_normalize_rejects_values_that_are_not_text() -> None:
    with pytest.raises(TypeError, match="str or missing values, not int"):
        pd.Series(["Iturup", 3]).toponyms.normalize()


def test_annotate_is_one_row_per_mention_with_the_source_label() -> None:
    s = pd.Series([KURILS, None, RUSSIAN, "No place here."], index=["a", "b", "c", "d"])
    frame = s.toponyms.annotate()
    # the contract, spelled out apart from the module's constant
    expected = "row start end text place_id used_by method score lang name_JP name_RU"
    assert list(frame.columns) == expected.split()
    assert frame.index.tolist() == [0, 1, 2, 3]
    assert frame.to_dict("records") == [
        {"row": "a", "start": 13, "end": 19, "text": "Iturup", "place_id": "etorofu-iturup",
         "used_by": "RU", "method": "exact", "score": 100.0, "lang": "en",
         "name_JP": "Etorofu", "name_RU": "Iturup"},
        {"row": "a", "start": 36, "end": 43, "text": "Etorofu", "place_id": "etorofu-iturup",
         "used_by": "JP", "method": "exact", "score": 100.0, "lang": "en",
         "name_JP": "Etorofu", "name_RU": "Iturup"},
        {"row": "c", "start": 12, "end": 20, "text": "KUNASHIR", "place_id": "kunashir-kunashiri",
         "used_by": "RU", "method": "folded", "score": 100.0, "lang": "en",
         "name_JP": "Kunashiri", "name_RU": "Kunashir"},
        {"row": "c", "start": 25, "end": 31, "text": "Iturup", "place_id": "etorofu-iturup",
         "used_by": "RU", "method": "exact", "score": 100.0, "lang": "en",
         "name_JP": "Etorofu", "name_RU": "Iturup"},
    ]  # fmt: skip
    assert frame.dtypes[["start", "end", "score"]].tolist() == ["int64", "int64", "float64"]


def test_annotate_frame_equals_annotate_for_every_row() -> None:
    texts = [KURILS, RUSSIAN, MALVINAS, "В Южно-Курильске на Кунашире — 北方領土の択捉島と国後島."]
    frame = pd.Series(texts).toponyms.annotate()
    expected = [
        (row, m.start, m.end, m.text, m.place_id, ",".join(sorted(m.used_by)), m.method)
        for row, text in enumerate(texts)
        for m in toponyms.annotate(text)
    ]
    columns = ["row", "start", "end", "text", "place_id", "used_by", "method"]
    assert list(frame[columns].itertuples(index=False, name=None)) == expected
    for row, text in zip(frame["row"], frame["text"], strict=True):
        assert isinstance(row, int) and text in texts[row]


def test_annotate_has_a_name_column_per_party_missing_where_a_party_has_none() -> None:
    frame = pd.Series([MALVINAS, KURILS]).toponyms.annotate()
    assert [c for c in frame.columns if c.startswith("name_")] == [
        "name_AR",
        "name_GB",
        "name_JP",
        "name_RU",
    ]
    malvinas, iturup = frame.iloc[0], frame.iloc[1]
    assert (malvinas["text"], malvinas["used_by"]) == ("Malvinas", "AR")
    assert (malvinas["name_AR"], malvinas["name_GB"]) == ("Malvinas Islands", "Falkland Islands")
    assert malvinas[["name_JP", "name_RU"]].isna().all()
    assert iturup[["name_AR", "name_GB"]].isna().all()


def test_annotate_of_no_mentions_still_has_the_fixed_columns() -> None:
    for s in (pd.Series([], dtype="string"), pd.Series(["No place here.", None])):
        frame = s.toponyms.annotate()
        assert list(frame.columns) == list(toponyms_pandas.MENTION_COLUMNS)
        assert len(frame) == 0


def test_used_by_counts_whose_names_a_column_uses() -> None:
    s = pd.Series([KURILS, RUSSIAN, "Shikotan and Habomai lie off Hokkaido."])
    counts = s.toponyms.annotate().groupby("used_by").size().to_dict()
    shared = toponyms.annotate("Shikotan")[0].used_by
    assert shared == frozenset({"JP", "RU"})
    assert counts["RU"] == 3
    assert counts["JP,RU"] >= 1
    assert counts["JP"] >= 1


def test_annotate_uses_the_gazetteer_given(mini: toponyms.Gazetteer) -> None:
    s = pd.Series([f"{KURILS} {MALVINAS}"])
    assert s.toponyms.annotate()["text"].tolist() == ["Iturup", "Etorofu", "Malvinas"]
    frame = s.toponyms.annotate(gazetteer=mini, fuzzy=False)  # no Falklands in it
    assert frame["text"].tolist() == ["Iturup", "Etorofu"]
    assert [c for c in frame.columns if c.startswith("name_")] == ["name_JP", "name_RU"]


def test_mentions_frame_shapes_results_computed_elsewhere() -> None:
    texts = [KURILS, RUSSIAN]
    results = toponyms.annotate_many(texts)
    frame = toponyms_pandas.mentions_frame(zip(["x", "y"], results, strict=True))
    assert frame["row"].tolist() == ["x", "x", "y", "y"]
    assert frame.equals(pd.Series(texts, index=["x", "y"]).toponyms.annotate())
