"""Every dispute of the bundled gazetteer, read as the press writes about it.

Each ``tests/disputes/<dispute>.yaml`` holds sentences copied from real pages (with their URL)
about one dispute, in the parties' languages and the wire services', each with the exact text and
place of every mention in order. The bundled gazetteer must find exactly those: each mention at
its offsets, no mention of another dispute's places, and a mention's text normalizing to its
place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import toponyms

HERE = Path(__file__).parent / "disputes"
FILES = sorted(HERE.glob("*.yaml"))
DOCUMENTS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in FILES}
SENTENCES = [
    pytest.param(stem, sentence, id=f"{stem}-{i}")
    for stem, document in DOCUMENTS.items()
    for i, sentence in enumerate(document["sentences"])
]


def _expected(sentence: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    text: str = sentence["text"]
    spans = []
    position = 0
    for mention in sentence.get("mentions") or []:
        start = text.find(mention["text"], position)
        assert start >= 0, f"{mention['text']!r} is not in {text!r} after {position}"
        end = start + len(mention["text"])
        spans.append((start, end, mention["text"], mention["place"]))
        position = end
    return spans


def test_each_fixture_names_a_dispute_of_the_bundled_gazetteer(
    bundled: toponyms.Gazetteer,
) -> None:
    assert FILES, "no dispute fixtures"
    for stem, document in DOCUMENTS.items():
        assert document["dispute"] == stem
        assert stem in bundled.disputes, f"{stem}: no gazetteer file has this ID"
        for sentence in document["sentences"]:
            assert sentence["source"].startswith(("https://", "http://"))


@pytest.mark.parametrize(("stem", "sentence"), SENTENCES)
def test_the_press_is_read_as_a_reader_reads_it(
    bundled: toponyms.Gazetteer, stem: str, sentence: dict[str, Any]
) -> None:
    text = sentence["text"]
    mentions = bundled.annotate(text)
    got = [(m.start, m.end, m.text, m.place_id) for m in mentions]
    assert got == _expected(sentence)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert bundled.get(m.place_id).dispute in {stem, *_related(bundled, stem)}


def _related(bundled: toponyms.Gazetteer, stem: str) -> set[str]:
    """Files whose places this dispute's places name as parents (reference places)."""
    related = set()
    for place in bundled.places:
        if place.dispute == stem:
            for parents in place.parents.values():
                related.update(bundled.get(p).dispute for p in parents)
    return related


def test_every_place_has_a_sourced_point(bundled: toponyms.Gazetteer) -> None:
    missing = [p.id for p in bundled.places if p.point is None]
    assert not missing, f"{len(missing)} places have no point: {missing[:10]}"
    for place in bundled.places:
        assert place.point is not None
        assert place.point.source.startswith(("https://", "http://"))
