"""The bundled gazetteer: complete for the Kuril dispute, consistent, and resolvable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from toponyms import Gazetteer, Place
from toponyms.text.fold import fold_key

CASES = Path(__file__).parent / "cases"


def read_cases() -> list[tuple[str, str | None]]:
    rows = []
    for line in (CASES / "variants.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        variant, _, expected = line.partition("\t")
        rows.append((variant, expected or None))
    return rows


def read_look_alikes() -> list[str]:
    text = (CASES / "should_not_match.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


KURIL_PLACES = {
    "kuril-islands": "archipelago",
    "greater-kuril-chain": "island-chain",
    "lesser-kuril-chain": "island-chain",
    "northern-territories-southern-kurils": "island-group",
    "etorofu-iturup": "island",
    "kunashir-kunashiri": "island",
    "shikotan-island": "island",
    "habomai-islands": "island-group",
    "suisho-tanfilyev": "island",
    "shibotsu-zelyony": "island",
    "polonsky-taraku": "island",
    "yuri-island": "island",
    "akiyuri-anuchina": "island",
    "kaigara-signalny": "islet",
    "kurilsky-district": "district",
    "yuzhno-kurilsky-district": "district",
    "severo-kurilsky-district": "district",
    "kurilsk-shana": "town",
    "furukamappu-yuzhno-kurilsk": "settlement",
    "malokurilskoye-shakotan": "settlement",
    "shikotan-village": "village",
    "tomari-village-nemuro": "village",
    "rubetsu-village": "village",
    "shana-village": "village",
    "shibetoro-village": "village",
    "ruyobetsu-village": "village",
    "tomari-village-shiribeshi": "village",
    "sakhalin-island": "island",
    "southern-sakhalin": "region",
    "sakhalin-oblast": "oblast",
    "hokkaido": "prefecture",
    "nemuro-subprefecture": "subprefecture",
    "nemuro-city": "city",
}


def test_the_kuril_dispute_is_covered(bundled: Gazetteer) -> None:
    assert {pid: bundled.get(pid).kind for pid in KURIL_PLACES if bundled.get(pid)} == KURIL_PLACES  # type: ignore[union-attr]


@pytest.mark.parametrize(("variant", "expected"), read_cases())
def test_variant_cases(bundled: Gazetteer, variant: str, expected: str | None) -> None:
    assert bundled.normalize(variant) == expected


@pytest.mark.parametrize("phrase", read_look_alikes())
def test_look_alikes_are_not_places(bundled: Gazetteer, phrase: str) -> None:
    assert bundled.normalize(phrase) is None


def test_the_data_look_alikes_are_guarded(bundled: Gazetteer) -> None:
    assert "Northern Territory" in bundled.should_not_match
    assert all(bundled.normalize(p) is None for p in bundled.should_not_match)


def test_every_name_normalizes_to_its_own_place(bundled: Gazetteer) -> None:
    wrong = []
    for place in bundled.places:
        for name in place.names:
            got = bundled.normalize(name.text)
            if got != place.id and not (
                got is None and _is_declared_homonym(bundled, place, name.text)
            ):
                wrong.append((name.text, place.id, got))
    # a short or historical name yields to the homonym whose current full name it is
    assert wrong == [
        ("Nemuro", "nemuro-subprefecture", "nemuro-city"),
        ("Немуро", "nemuro-subprefecture", "nemuro-city"),
        ("Jammu and Kashmir", "kashmir", "indian-occupied-kashmir-jammu-and-kashmir"),
        ("Карафуто", "southern-sakhalin", "sakhalin-island"),
        ("樺太", "southern-sakhalin", "sakhalin-island"),
        ("Karafuto", "southern-sakhalin", "sakhalin-island"),
    ]


def _is_declared_homonym(gazetteer: Gazetteer, place: Place, text: str) -> bool:
    key = fold_key(text)
    sharing = [
        other.id
        for other in gazetteer.places
        if other.id != place.id and any(fold_key(n.text) == key for n in other.names)
    ]
    return bool(sharing) and all(
        other in place.homonyms or place.id in gazetteer.get(other).homonyms  # type: ignore[union-attr]
        for other in sharing
    )


def test_ids_are_unique_and_neutral(bundled: Gazetteer) -> None:
    ids = [p.id for p in bundled.places]
    assert len(ids) == len(set(ids))
    # An ID is never one side's name alone: when the parties' English names differ, both appear.
    for place in bundled.places:
        if bundled.disputes[place.dispute].disputed and len(place.parties) > 1:
            english = [p for p in place.parties if place.names_used_by(p, "en")]
            for party in (
                english if len(english) > 1 else ()
            ):  # a party without an English name has no say here
                own = place.name_for(party, "en")
                others = [place.name_for(p, "en") for p in set(english) - {party}]
                if own is None or any(o is None for o in others):
                    continue
                if all(fold_key(o.text) != fold_key(own.text) for o in others if o):  # type: ignore[union-attr]
                    assert place.id != fold_key(own.text), place.id


def test_every_name_has_a_source_and_known_parties(bundled: Gazetteer) -> None:
    for place in bundled.places:
        for name in place.names:
            assert name.source.startswith(("https://", "http://")), (place.id, name.text)
            third = bundled.disputes[place.dispute].third_parties
            assert name.used_by <= place.parties | third, (place.id, name.text)
            assert name.used_by & place.parties or name.used_by <= third, (place.id, name.text)


def test_names_per_side(bundled: Gazetteer) -> None:
    """The neutrality examples of the brief, as data."""

    def used_by(place_id: str, text: str) -> set[str]:
        place = bundled.get(place_id)
        assert place is not None
        return set(next(n for n in place.names if n.text == text).used_by)

    assert used_by("kuril-islands", "Kuril Islands") == {"JP", "RU"}
    assert used_by("shikotan-island", "Shikotan") == {"JP", "RU"}
    assert used_by("habomai-islands", "Habomai") == {"JP", "RU"}
    assert used_by("northern-territories-southern-kurils", "Northern Territories") == {"JP"}
    assert used_by("northern-territories-southern-kurils", "北方領土") == {"JP"}
    assert used_by("northern-territories-southern-kurils", "Southern Kurils") == {"RU"}
    assert used_by("sakhalin-island", "库页岛") == {"CN"}  # China's own name: neither side's
    assert used_by("etorofu-iturup", "Etorofu") == {"JP"}
    assert used_by("etorofu-iturup", "Iturup") == {"RU"}


def test_japan_and_russia_see_different_kurils(bundled: Gazetteer) -> None:
    assert "kuril-islands" in bundled.ancestors("etorofu-iturup", "RU")
    assert "kuril-islands" not in bundled.ancestors("etorofu-iturup", "JP")
    assert "kurilsky-district" in bundled.ancestors("etorofu-iturup", "RU")
    assert "sakhalin-oblast" in bundled.ancestors("etorofu-iturup", "RU")
    assert bundled.ancestors("etorofu-iturup", "JP")[:1] == (
        "northern-territories-southern-kurils",
    )
    assert {"nemuro-subprefecture", "hokkaido"} <= set(bundled.ancestors("etorofu-iturup", "JP"))


def test_homonyms_are_data(bundled: Gazetteer) -> None:
    nemuro = bundled.get("tomari-village-nemuro")
    shiribeshi = bundled.get("tomari-village-shiribeshi")
    assert nemuro is not None and shiribeshi is not None
    assert "tomari-village-shiribeshi" in nemuro.homonyms
    assert bundled.normalize("泊村") is None
    assert bundled.normalize("Kurilsk") == "kurilsk-shana"
    assert bundled.normalize("Kurilsky District") == "kurilsky-district"


def test_japanese_village_codes(bundled: Gazetteer) -> None:
    codes = {
        pid: bundled.get(pid).refs.get("jp_lg_code")  # type: ignore[union-attr]
        for pid in (
            "shikotan-village",
            "tomari-village-nemuro",
            "ruyobetsu-village",
            "rubetsu-village",
            "shana-village",
            "shibetoro-village",
        )
    }
    assert codes == {
        "shikotan-village": "016951",
        "tomari-village-nemuro": "016969",
        "ruyobetsu-village": "016977",
        "rubetsu-village": "016985",
        "shana-village": "016993",
        "shibetoro-village": "017001",
    }


def test_no_two_names_of_one_place_repeat(bundled: Gazetteer) -> None:
    for place in bundled.places:
        counts = Counter((n.text, n.lang) for n in place.names)
        assert [k for k, c in counts.items() if c > 1] == [], place.id


#: Names of other countries' places that are also a name here in another language: Catalan
#: for Australia's Northern Territory is Italian for Japan's Northern Territories.
#: Slovenia's Ribnica in Belarusian and Serbian is one letter from Russian Рыбница (Rîbnița,
#: Transnistria), Susa (Italy, Iran) is Azerbaijani Şuşa without its cedillas, and Seara
#: (Brazil's Ceará in Lithuanian) is a typo of Semara (Smara).
FOREIGN_HOMOGRAPHS = {
    ("lt", "Seara"),
    ("ca", "Territori del Nord"),
    ("be", "Рыбніца"),
    ("sr", "Рибница"),
    ("pl", "Susa"),
}


def test_other_countries_places_are_not_found(bundled: Gazetteer) -> None:
    """Every country and subdivision of another country, in each language the gazetteer has
    names in, as ISO 3166's translations (pycountry) write them: none is a mention of a place
    here. Australia's Northern Territory in five languages was, each a typo from the Northern
    Territories."""
    import gettext

    import pycountry

    parties = {party for place in bundled.places for party in place.parties}
    languages = {name.language for place in bundled.places for name in place.names}
    english = [
        entry.name
        for entry in [*pycountry.subdivisions, *pycountry.countries]
        if getattr(entry, "country_code", getattr(entry, "alpha_2", None)) not in parties
        # a territory ISO lists that is itself a place here: Gibraltar, the Falklands
        and bundled.normalize(entry.name, fuzzy=False) is None
    ]
    found = set()
    for language in sorted(languages):
        names = english
        if language != "en":
            try:
                iso_3166_2 = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, [language])
                iso_3166_1 = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [language])
            except OSError:
                continue
            names = [iso_3166_2.gettext(n) for n in english] + [
                iso_3166_1.gettext(n) for n in english
            ]
        for mention in bundled.annotate("\n\n".join(names)):
            found.add((language, mention.text))
    assert found - FOREIGN_HOMOGRAPHS == set()
