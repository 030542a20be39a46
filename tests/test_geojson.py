"""Places as GeoJSON features, and `toponyms places --format geojson`."""

from __future__ import annotations

import json
import math
from typing import Any, cast

import pytest

from toponyms import Gazetteer, Place
from toponyms.cli import main
from toponyms.geojson import feature, feature_collection

from .conftest import MINI


def properties_of(place: Place | None) -> dict[str, Any]:
    assert place is not None
    return cast(dict[str, Any], feature(place)["properties"])


def test_a_place_without_a_point_has_a_null_geometry_and_every_sides_names(
    mini: Gazetteer,
) -> None:
    place = mini.get("etorofu-iturup")
    assert place is not None and place.point is None
    assert feature(place) == {
        "type": "Feature",
        "id": "etorofu-iturup",
        "geometry": None,
        "properties": {
            "id": "etorofu-iturup",
            "kind": "island",
            "dispute": "kurils-mini",
            "parties": ["JP", "RU"],
            "names": {
                "JP": ["Etorofu", "Etorofu Island", "択捉島", "えとろふとう"],
                "RU": ["Iturup", "Итуруп"],
            },
            "labels": {"JP": "Etorofu", "RU": "Iturup"},
            "historical": [],
            # shared parents first, then the party's own
            "parents": {
                "JP": ["northern-territories-southern-kurils"],
                "RU": ["northern-territories-southern-kurils", "kuril-islands"],
            },
            "point_source": None,
        },
    }


def test_a_party_without_a_name_has_none_but_keeps_its_parents(mini: Gazetteer) -> None:
    # Russia has no name for Japan's village
    properties = properties_of(mini.get("tomari-village-nemuro"))
    assert properties["names"] == {"JP": ["泊村"]}
    assert properties["parents"] == {
        "JP": ["northern-territories-southern-kurils"],
        "RU": [],
    }


def test_a_point_is_longitude_then_latitude_with_its_source(bundled: Gazetteer) -> None:
    place = bundled.get("etorofu-iturup")
    assert place is not None and place.point is not None
    f = feature(place)
    assert f["geometry"] == {"type": "Point", "coordinates": [place.point.lon, place.point.lat]}
    properties = properties_of(place)
    assert properties["point_source"] == place.point.source
    assert properties["names"]["JP"][:2] == ["Etorofu Island", "Etorofu"]
    assert "Итуруп" in properties["names"]["RU"]
    assert "Etrof" in properties["historical"]
    assert properties["labels"] == {"JP": "Etorofu", "RU": "Iturup"}


def test_third_countries_names_are_kept_under_their_own_code(bundled: Gazetteer) -> None:
    properties = properties_of(bundled.get("dokdo-takeshima"))
    assert properties["parties"] == ["JP", "KR"]
    assert "Tok Island" in properties["names"]["KP"]
    assert "KP" not in properties["parents"]


def test_every_bundled_place_is_a_valid_rfc_7946_feature(bundled: Gazetteer) -> None:
    collection = json.loads(json.dumps(feature_collection(bundled), ensure_ascii=False))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert [f["id"] for f in features] == [p.id for p in bundled.places]
    for f, place in zip(features, bundled.places, strict=True):
        assert f["type"] == "Feature" and f["properties"]["id"] == place.id
        if place.point is None:
            assert f["geometry"] is None
            continue
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point"
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and math.isfinite(lon + lat)
        assert sorted(f["properties"]["parents"]) == sorted(place.parties)
    assert any(f["geometry"] is None for f in features)  # some places have no point yet


def test_places_format_geojson_writes_one_feature_collection(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["places", "--gazetteer", str(MINI), "--dispute", "kurils-mini", "--format", "geojson"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.endswith("}\n") and out.count("\n") == 1  # one document, on one line
    collection = json.loads(out)
    assert [f["id"] for f in collection["features"]] == [
        "kuril-islands",
        "northern-territories-southern-kurils",
        "etorofu-iturup",
        "shikotan-island",
        "yuri-island",
        "tomari-village-nemuro",
        "tomari-village-shiribeshi",
    ]
    assert "択捉島" in out  # names as written, not \\u escapes


def test_places_format_geojson_of_an_unknown_dispute_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["places", "--gazetteer", str(MINI), "--dispute", "nowhere", "--format", "geojson"]
    assert main(args) == 1
    assert capsys.readouterr().out == "no places in dispute 'nowhere'\n"
