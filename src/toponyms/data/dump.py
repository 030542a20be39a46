"""Writing a gazetteer file back to YAML, in the format the loader reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from .._model import Dispute, Name, Place

__all__ = ["dump_file"]


def _name(name: Name) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": name.text,
        "lang": name.lang,
        "used_by": sorted(name.used_by),
        "kind": name.kind,
        "source": name.source,
    }
    if name.note is not None:
        out["note"] = name.note
    if name.in_text != "any-case":
        out["in_text"] = name.in_text
    if name.since is not None:
        out["since"] = name.since
    if name.until is not None:
        out["until"] = name.until
    return out


def _place(place: Place) -> dict[str, Any]:
    out: dict[str, Any] = {"id": place.id, "kind": place.kind}
    if place.parents:
        out["parents"] = {k: list(v) for k, v in place.parents.items()}
    if place.refs:
        out["refs"] = dict(place.refs)
    if place.homonyms:
        out["homonyms"] = list(place.homonyms)
    if place.unnamed_by:
        out["unnamed_by"] = dict(place.unnamed_by)
    if place.note is not None:
        out["note"] = place.note
    if place.sources:
        out["sources"] = list(place.sources)
    if place.point is not None:
        point = place.point
        out["point"] = {"lat": point.lat, "lon": point.lon, "source": point.source}
    if place.context is not None:
        context = place.context
        out["context"] = {
            key: list(cues)
            for key, cues in (
                ("unless_near", context.unless_near),
                ("only_near", context.only_near),
            )
            if cues
        }
    out["names"] = [_name(n) for n in place.names]
    return out


def dump_file(dispute: Dispute, places: Sequence[Place], should_not_match: Sequence[str]) -> str:
    """The YAML text of one gazetteer file: loading it gives back the same dispute and places."""
    document: dict[str, Any] = {
        "format": 1,
        "id": dispute.id,
        "title": dispute.title,
        "disputed": dispute.disputed,
        "parties": sorted(dispute.parties),
    }
    if dispute.third_parties:
        document["third_parties"] = sorted(dispute.third_parties)
    if dispute.description is not None:
        document["description"] = dispute.description
    if dispute.sources:
        document["sources"] = list(dispute.sources)
    if should_not_match:
        document["should_not_match"] = list(should_not_match)
    document["places"] = [_place(p) for p in places]
    # libyaml's emitter when PyYAML has it: the same text, ten times faster
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=100))
