"""Places as GeoJSON (RFC 7946) features, for QGIS, geopandas and web maps.

Each place is one Feature: its representative point (``[lon, lat]`` in WGS 84, or a ``null``
geometry where the data has none), every side's names and where each party puts it.

>>> import toponyms
>>> f = feature(toponyms.get("etorofu-iturup"))
>>> f["geometry"], f["properties"]["names"]["JP"][:2], f["properties"]["parents"]["JP"]
({'type': 'Point', 'coordinates': [147.6167, 45.0333]}, ['Etorofu Island', 'Etorofu'], \
['northern-territories-southern-kurils', 'nemuro-subprefecture'])
"""

from __future__ import annotations

from collections.abc import Iterable

from ._model import Place

__all__ = ["feature", "feature_collection"]


def feature(place: Place) -> dict[str, object]:
    """One place as a GeoJSON Feature whose ``id`` is the place ID.

    Its properties: ``id``, ``kind``, ``dispute``, ``parties`` (sorted codes); ``names``: code ->
    the current names that country uses, in data order (the parties', and third countries' that
    the data records); ``labels``: party -> the name it shows, in English where the data
    has one, for map labels;
    ``historical``: names no longer in use; ``parents``: party -> the
    parent IDs as that party sees them, shared ones first; ``point_source``: the page that gives
    the point, or null.
    """
    names: dict[str, list[str]] = {}
    historical: list[str] = []
    for name in place.names:
        if name.kind == "historical":
            if name.text not in historical:
                historical.append(name.text)
            continue
        for code in sorted(name.used_by):
            texts = names.setdefault(code, [])
            if name.text not in texts:
                texts.append(name.text)
    point = place.point
    geometry = None if point is None else {"type": "Point", "coordinates": [point.lon, point.lat]}
    return {
        "type": "Feature",
        "id": place.id,
        "geometry": geometry,
        "properties": {
            "id": place.id,
            "kind": place.kind,
            "dispute": place.dispute,
            "parties": sorted(place.parties),
            "names": dict(sorted(names.items())),
            "labels": {
                party: label.text
                for party in sorted(place.parties)
                if (label := place.name_for(party, "en")) is not None
            },
            "historical": historical,
            "parents": {party: list(place.parents_for(party)) for party in sorted(place.parties)},
            "point_source": None if point is None else point.source,
        },
    }


def feature_collection(places: Iterable[Place]) -> dict[str, object]:
    """Places (a :class:`~toponyms.Gazetteer` is an iterable of them) as a FeatureCollection.

    >>> import json, toponyms
    >>> collection = feature_collection(toponyms.default_gazetteer())
    >>> json.loads(json.dumps(collection))["features"][0]["type"]
    'Feature'
    """
    return {"type": "FeatureCollection", "features": [feature(place) for place in places]}
