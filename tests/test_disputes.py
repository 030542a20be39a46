"""Every dispute of the bundled gazetteer, read as the press writes about it.

Each ``tests/disputes/<dispute>.yaml`` holds sentences copied from real pages (with their URL)
about one dispute, in the parties' languages and the wire services', each with the exact text and
place of every mention in order. The bundled gazetteer must find exactly those, each at its
offsets: a text about one dispute gives no mention of another's places but those it names
(Taiwan in a text about the Pratas Islands).

A sentence may carry ``known_miss``: a limit of the engine it shows, said in one line. It runs
as a strict expected failure, so that the day the engine reads it, the suite says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import toponyms

from .sentences import expected_spans

HERE = Path(__file__).parent / "disputes"
FILES = sorted(HERE.glob("*.yaml"))
DOCUMENTS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in FILES}
SENTENCES = [
    pytest.param(
        stem,
        sentence,
        id=f"{stem}-{i}",
        marks=[pytest.mark.xfail(reason=sentence["known_miss"], strict=True)]
        if "known_miss" in sentence
        else [],
    )
    for stem, document in DOCUMENTS.items()
    for i, sentence in enumerate(document["sentences"])
]


def test_each_fixture_names_a_dispute_of_the_bundled_gazetteer(
    bundled: toponyms.Gazetteer,
) -> None:
    assert len(FILES) >= 40, "fewer than 40 disputes have press fixtures"
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
    assert got == expected_spans(sentence)
    for m in mentions:
        assert text[m.start : m.end] == m.text


#: Places for which no page stating coordinates was found (their articles give none): a point
#: is never guessed. The list may only shrink.
WITHOUT_A_SOURCED_POINT = {
    "shiribeshi-subprefecture",
    "southern-sakhalin",
    "north-kurils",
    "ruyobetsu-village",
    "shana-village",
    "shibetoro-village",
}


def test_every_place_has_a_sourced_point(bundled: toponyms.Gazetteer) -> None:
    missing = {p.id for p in bundled.places if p.point is None}
    assert missing == WITHOUT_A_SOURCED_POINT
    for place in bundled.places:
        if place.point is not None:
            assert place.point.source.startswith(("https://", "http://"))
            assert -90 <= place.point.lat <= 90 and -180 <= place.point.lon <= 180
