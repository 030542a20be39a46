"""perspective(): whose names a text uses, counted mention by mention."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import toponyms
from toponyms import Gazetteer, Mention, Perspective
from toponyms.perspective import perspective_of

SEEDS = Path(__file__).parent.parent / "examples" / "articles"


def test_the_seed_article_uses_russias_names_three_times_japans_once(bundled: Gazetteer) -> None:
    # Kunashir, Iturup, Southern Kurils: RU; Northern Territories: JP; Shikotan, Habomai: both
    text = (SEEDS / "001_2f4aca9ebf5f498a.txt").read_text(encoding="utf-8")
    counts = toponyms.perspective(text)
    assert counts == Perspective(
        {"RU": 3, "JP": 1},
        shared=2,
        other=0,
        places={
            "kunashir-kunashiri": Perspective({"RU": 1, "JP": 0}),
            "shikotan-island": Perspective({"JP": 0, "RU": 0}, shared=1),
            "habomai-islands": Perspective({"JP": 0, "RU": 0}, shared=1),
            "etorofu-iturup": Perspective({"RU": 1, "JP": 0}),
            "northern-territories-southern-kurils": Perspective({"JP": 1, "RU": 1}),
        },
    )
    assert list(counts.parties) == ["RU", "JP"]  # most used first
    assert list(counts.places) == [  # in order of first mention
        "kunashir-kunashiri",
        "shikotan-island",
        "habomai-islands",
        "etorofu-iturup",
        "northern-territories-southern-kurils",
    ]
    assert counts.total == len(bundled.annotate(text)) == 6
    assert counts.summary() == "RU's names 3 times, JP's names once, shared names twice"
    assert bundled.perspective(text) == counts


def test_a_name_two_of_three_parties_use_counts_once_as_shared() -> None:
    # Sukhumi: GE, RU and XA (Abkhazia); Sukhum: RU and XA; Sokhumi: GE; Aqwa: XA
    text = (
        "Sukhumi or Sukhum, also known by its Georgian name Sokhumi or Abkhaz name Aqwa, is a "
        "city in a wide bay on the Black Sea's eastern coast."
    )
    counts = toponyms.perspective(text)
    assert (dict(counts.parties), counts.shared, counts.other) == (
        {"GE": 1, "XA": 1, "RU": 0},
        2,
        0,
    )
    assert list(counts.parties) == ["GE", "XA", "RU"]  # ties by code, unused parties last


def test_a_third_countrys_name_counts_as_other_and_every_party_shows_with_zero() -> None:
    # KCNA writes North Korea's name; neither Japan nor South Korea uses it
    counts = toponyms.perspective("Tok Island is an inviolable territory of our nation.")
    assert counts.to_json() == {
        "mentions": 1,
        "parties": {"JP": 0, "KR": 0},
        "shared": 0,
        "other": 1,
        "places": {
            "dokdo-takeshima": {
                "mentions": 1,
                "parties": {"JP": 0, "KR": 0},
                "shared": 0,
                "other": 1,
            }
        },
    }
    assert counts.summary() == "JP's names never, KR's names never, other names once"


def test_texts_about_several_disputes_count_every_dispute_s_parties() -> None:
    text = (
        "New Delhi: External Affairs Minister (EAM) S Jaishankar asserted on Sunday that "
        "Pakistan-occupied Kashmir (PoK) belongs to India. Japan lays claims to Iturup."
    )
    counts = toponyms.perspective(text)
    assert dict(counts.parties) == {"IN": 2, "RU": 1, "CN": 0, "JP": 0, "PK": 0}
    assert list(counts.places) == ["azad-kashmir-pakistan-occupied-kashmir", "etorofu-iturup"]


def test_no_mention_counts_nothing() -> None:
    counts = toponyms.perspective("Nothing disputed here.")
    assert counts == Perspective()
    assert (counts.total, counts.summary()) == (0, "no place mentioned")


def test_mentions_of_many_texts_count_together(bundled: Gazetteer) -> None:
    texts = ["Japan calls Iturup Etorofu.", "Kunashir", "Shikotan"]
    counts = perspective_of((m for t in texts for m in bundled.annotate(t)), bundled)
    assert (dict(counts.parties), counts.shared) == ({"RU": 2, "JP": 1}, 1)


def test_fuzzy_off_counts_no_typo(bundled: Gazetteer) -> None:
    assert toponyms.perspective("Kunashri").parties == {"JP": 1, "RU": 0}  # Kunashiri
    assert toponyms.perspective("Kunashri", fuzzy=False) == Perspective()


def test_a_mention_of_a_place_the_gazetteer_lacks_is_a_value_error(bundled: Gazetteer) -> None:
    stray = Mention(0, 8, "Atlantis", "atlantis", 100.0, "exact", frozenset({"GR"}), {})
    with pytest.raises(ValueError, match="'atlantis': no such place"):
        perspective_of([stray], bundled)


def test_a_perspective_is_an_immutable_hashable_value() -> None:
    counts = toponyms.perspective("Etorofu and Iturup")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        counts.shared = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        counts.parties["JP"] = 5  # type: ignore[index]
    assert hash(counts) == hash(toponyms.perspective("Etorofu and Iturup"))
    assert {counts: "kept"}[toponyms.perspective("Etorofu and Iturup")] == "kept"


def test_the_module_of_the_same_name_never_hides_the_function() -> None:
    import sys

    from toponyms.perspective import Perspective as FromModule

    assert FromModule is Perspective is sys.modules["toponyms.perspective"].Perspective
    assert callable(toponyms.perspective)  # still the function, as toponyms.annotate is
