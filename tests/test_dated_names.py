"""Points, dated names, context rules and the codes of authorities without an ISO code."""

from __future__ import annotations

import datetime
import pickle
from pathlib import Path

import pytest

import toponyms
from toponyms import GazetteerError

from .test_loader import FILE, edit, line_of, problems_of

WIKI = "https://en.wikipedia.org/wiki/North_Macedonia"

# Real names of the two places called Macedonia, with the dates the Prespa agreement set.
MACEDONIA = f"""\
format: 1
id: north-macedonia
title: "North Macedonia's name"
disputed: true
parties: [GR, MK]
places:
  - id: north-macedonia
    kind: country
    point: {{lat: 41.6, lon: 21.7, source: "{WIKI}"}}
    context:
      unless_near: [Thessalonik, Greek region]
    names:
      - {{text: "North Macedonia", lang: en, used_by: [GR, MK], kind: common, source: "{WIKI}", since: 2019-02-12}}
      - {{text: "Republic of Macedonia", lang: en, used_by: [MK], kind: common, source: "{WIKI}", until: 2019-02-12}}
      - {{text: "Former Yugoslav Republic of Macedonia", lang: en, used_by: [GR], kind: common, source: "{WIKI}", until: "2019-02-12"}}
      - {{text: "Macedonia", lang: en, used_by: [MK], kind: short, source: "{WIKI}"}}
  - id: macedonia-greece
    kind: region
    homonyms: [north-macedonia]
    point: {{lat: 40.5, lon: 22.9, source: "https://en.wikipedia.org/wiki/Macedonia_(Greece)"}}
    context:
      only_near: [Thessalonik, Greece, Greek]
    unnamed_by:
      MK: "A region of Greece"
    names:
      - {{text: "Macedonia", lang: en, used_by: [GR], kind: common, source: "https://en.wikipedia.org/wiki/Macedonia_(Greece)"}}
"""  # noqa: E501


@pytest.fixture
def macedonia(tmp_path: Path) -> toponyms.Gazetteer:
    (tmp_path / "north-macedonia.yaml").write_text(MACEDONIA, encoding="utf-8")
    return toponyms.load(tmp_path)


def test_a_point_is_read_with_its_source(macedonia: toponyms.Gazetteer) -> None:
    place = macedonia.get("north-macedonia")
    assert place is not None
    assert place.point == toponyms.Point(41.6, 21.7, WIKI)


def test_a_party_names_a_place_as_it_did_on_a_date(macedonia: toponyms.Gazetteer) -> None:
    place = macedonia.get("north-macedonia")
    assert place is not None
    before, after = datetime.date(2018, 6, 1), datetime.date(2019, 2, 12)
    assert place.name_for("MK", as_of=before).text == "Republic of Macedonia"
    assert place.name_for("GR", as_of=before).text == "Former Yugoslav Republic of Macedonia"
    assert place.name_for("MK", as_of=after).text == "North Macedonia"
    assert place.name_for("GR").text == "North Macedonia"  # default: today
    assert [n.text for n in place.names_used_by("GR", as_of=before)] == [
        "Former Yugoslav Republic of Macedonia"
    ]
    with pytest.raises(TypeError, match=r"as_of must be a datetime\.date"):
        place.name_for("GR", as_of="2019-01-01")  # type: ignore[arg-type]


def test_rewrite_puts_a_name_out_of_use_into_the_name_of_the_date(
    macedonia: toponyms.Gazetteer,
) -> None:
    text = "The Republic of Macedonia applied."
    assert macedonia.rewrite(text, "GR") == "The North Macedonia applied."
    assert macedonia.rewrite(text, "MK") == "The North Macedonia applied."
    old = datetime.date(2010, 1, 1)
    assert macedonia.rewrite(text, "MK", as_of=old) == text  # MK's own name then
    assert macedonia.rewrite(text, "GR", as_of=old) == (
        "The Former Yugoslav Republic of Macedonia applied."
    )


def test_context_cues_tell_homonyms_apart(macedonia: toponyms.Gazetteer) -> None:
    def found(text: str) -> list[tuple[str, str]]:
        return [(text[m.start : m.end], m.place_id) for m in macedonia.annotate(text)]

    assert found("Skopje is the capital of Macedonia.") == [("Macedonia", "north-macedonia")]
    assert found("Thessaloniki is the largest city of Macedonia.") == [
        ("Macedonia", "macedonia-greece")
    ]
    # a cue is a word's start: "Greeks" is a cue, "Agreek" is not; beyond 200 characters none is
    assert found("Greeks of Macedonia.") == [("Macedonia", "macedonia-greece")]
    far = "Thessaloniki." + " x" * 120 + " Macedonia."
    assert found(far) == [("Macedonia", "north-macedonia")]
    assert found("Agreek Macedonia.") == [("Macedonia", "north-macedonia")]
    restored = pickle.loads(pickle.dumps(macedonia))
    assert [m.place_id for m in restored.annotate("Thessaloniki, Macedonia")] == [
        "macedonia-greece"
    ]


def test_bad_points_dates_and_context_are_reported_at_their_line(mini_copy: Path) -> None:
    edit(
        mini_copy,
        "  - id: shikotan-island\n    kind: island\n",
        "  - id: shikotan-island\n    kind: island\n"
        '    point: {lat: 91, lon: 147, source: "https://en.wikipedia.org/wiki/Shikotan"}\n'
        "    context: {near: [x]}\n",
    )
    edit(
        mini_copy,
        'kind: common, source: "https://en.wikipedia.org/wiki/Shikotan"}',
        'kind: common, source: "https://en.wikipedia.org/wiki/Shikotan", since: 2019-13-01}',
    )
    edit(
        mini_copy,
        '"Yuri", lang: en, used_by: [JP, RU], kind: common, source: "https://en.wikipedia.org/wiki/Yuri_Island"',
        '"Yuri", lang: en, used_by: [JP, RU], kind: common, source: "https://en.wikipedia.org/wiki/'
        'Yuri_Island", since: 2000-01-01, until: 1999-01-01',
    )
    point, context = line_of(mini_copy, "lat: 91"), line_of(mini_copy, "near: [x]")
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:{line_of(mini_copy, 'since: 2019-13-01')}: YAML syntax error: '2019-13-01'"
        " is not a valid timestamp (month must be in 1..12); quote it to make it text"
    ]
    edit(mini_copy, "since: 2019-13-01", "since: 2019-11-01")
    assert problems_of(mini_copy) == [
        f"gaz/{FILE}:{point}: places[3].point.lat: must be between -90 and 90, not 91",
        f"gaz/{FILE}:{context}: places[3].context.near: unknown field of a context; "
        "expected one of only_near, unless_near",
        f"gaz/{FILE}:{line_of(mini_copy, 'until: 1999-01-01')}: places[4].names[0].until: "
        "1999-01-01 is not after since (2000-01-01)",
    ]


def test_authorities_without_an_iso_code_have_documented_codes(mini_copy: Path) -> None:
    edit(mini_copy, "parties: [JP, RU]\n", "parties: [JP, RU]\nthird_parties: [XK]\n")
    assert toponyms.load(mini_copy).disputes["kurils-mini"].third_parties == {"XK"}
    edit(mini_copy, "third_parties: [XK]", "third_parties: [XX]")
    [problem] = problems_of(mini_copy)
    assert problem.endswith(
        "third_parties[0]: must be an upper-case ISO 3166-1 alpha-2 code like 'JP' (or one of"
        " toponyms' codes for authorities without one: XA, XC, XK, XN, XO, XT, XW), not 'XX'"
    )
    with pytest.raises(GazetteerError):
        toponyms.load(mini_copy)
