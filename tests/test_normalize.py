"""normalize(), lookup(), get() and search() on the engine-test gazetteer."""

from __future__ import annotations

import random

import pytest

import toponyms
from toponyms import AmbiguousNameError, Candidate, Gazetteer, UnknownNameError
from toponyms.resolve.steps import Resolver
from toponyms.text.fold import fold


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        # exact and folded
        ("Iturup", "etorofu-iturup"),
        ("Etorofu", "etorofu-iturup"),
        ("Итуруп", "etorofu-iturup"),
        ("択捉島", "etorofu-iturup"),
        ("エトロフトウ", "etorofu-iturup"),  # katakana of the hiragana reading
        ("ETOROFU", "etorofu-iturup"),
        ("  etorofu  ", "etorofu-iturup"),
        ("Ｅｔｏｒｏｆｕ", "etorofu-iturup"),
        ("Hoppo Ryodo", "northern-territories-southern-kurils"),
        ("hoppō-ryōdo", "northern-territories-southern-kurils"),
        ("the Northern Territories", "northern-territories-southern-kurils"),
        ("Northern\u00a0Territories", "northern-territories-southern-kurils"),
        ("ЮЖНЫЕ КУРИЛЫ", "northern-territories-southern-kurils"),
        ("Kurils’", "kuril-islands"),
        ("Kuril", "kuril-islands"),
        # generic terms removed or swapped
        ("Iturup Island", "etorofu-iturup"),
        ("остров Итуруп", "etorofu-iturup"),
        ("о. Шикотан", "shikotan-island"),
        ("択捉", "etorofu-iturup"),
        ("Etorofu-tō", "etorofu-iturup"),
        ("Kuril Archipelago", "kuril-islands"),
        ("Курильские острова", "kuril-islands"),
        # one typo in a name long enough for fuzzy matching
        ("Etorufu", "etorofu-iturup"),
        ("Iturrup", "etorofu-iturup"),
        ("Shikotna", "shikotan-island"),  # a swap of neighbours is one edit
        ("Nothern Territories", "northern-territories-southern-kurils"),
        ("Nortern Teritories", "northern-territories-southern-kurils"),  # two in a long name
        ("Итурупп", "etorofu-iturup"),
        ("остров Итурп", "etorofu-iturup"),  # typo behind a generic term
        ("Iturup Iland", "etorofu-iturup"),  # typo in the generic term
        ("Shikotan Islnd", "shikotan-island"),
        # alternatives and qualifiers
        ("Iturup/Etorofu", "etorofu-iturup"),
        ("Etorofu (Iturup)", "etorofu-iturup"),
        ("Юрий (остров)", "yuri-island"),
        ("エトロフ(択捉)島", "etorofu-iturup"),
        ("Shikotan, Kuril Islands", "shikotan-island"),  # an ancestor under Russia's view
        ("泊村 (北方領土)", "tomari-village-nemuro"),  # a qualifier picks one homonym
        # a subdivision of a party that the gazetteer does not hold: the village's own region
        ("Tomari Village (Hokkaido)", "tomari-village-shiribeshi"),
    ],
)
def test_normalize_finds_the_place(mini: Gazetteer, name: str, place_id: str) -> None:
    assert mini.normalize(name) == place_id


@pytest.mark.parametrize(
    "name",
    [
        "",
        "   ",
        "Japan",
        "Yura",  # one edit from Yuri, but four letters are exact-only
        "Yuri Gagarin",
        "Northern Territory",  # Australia: a listed look-alike
        "Kurile Lake",
        "Northwest Territories",
        "泊村",  # a declared homonym: two villages
        "Shikotan Bay",
        "Etorofu Strait",  # "Strait" is no island term
        "Northern Kurils",  # two edits from "Southern Kurils", but "northern" is a word
        "Etorofu 2",  # digits are never typos
        "択足島",  # one Han character off, and not one OCR or an input method confuses
        "Iturup/Shikotan",  # alternatives that disagree
        "Iturup (Shikotan)",  # a qualifier that is neither the place nor an ancestor
        "Шикотан (остров), Юрий",
        "Yuri (archipelago)",  # a qualifier of the wrong kind
        "Shikotan (band)",  # a qualifier that names nothing known: something else
        "Kunashir (ship)",
    ],
)
def test_normalize_answers_none_rather_than_a_wrong_place(mini: Gazetteer, name: str) -> None:
    assert mini.normalize(name) is None


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Etorofu, Tokyo", None),  # a subdivision of a party, not the one the data puts it in
        ("Srinagar, Uttarakhand", None),  # the other Srinagar
        ("Falkland, Fife", None),  # a subdivision of a party, but the islands lie in none
        ("Kashmir (band)", None),
        ("Georgia (U.S. state)", None),
        ("竹島 (愛知県)", None),  # a prefecture the data does not hold: another Takeshima
        ("竹島 (島根県)", "dokdo-takeshima"),
        ("Srinagar, Jammu and Kashmir", "srinagar"),
        ("Sevastopol, Crimea", "sevastopol"),
        ("Stanley, Falkland Islands", "puerto-argentino-stanley"),
        ("Jammu & Kashmir", "indian-occupied-kashmir-jammu-and-kashmir"),  # "&" for "and"
        ("Krimhalbinsel", "crimea"),  # a compound with the peninsula's term
        ("Krim-schiereiland", "crimea"),
    ],
)
def test_qualifiers_and_written_forms_of_the_bundled_data(
    bundled: Gazetteer, name: str, place_id: str | None
) -> None:
    assert bundled.normalize(name) == place_id


def test_fuzzy_can_be_switched_off(mini: Gazetteer) -> None:
    assert mini.normalize("Etorufu", fuzzy=False) is None
    assert mini.normalize("Etorofu", fuzzy=False) == "etorofu-iturup"
    assert mini.normalize("Iturup Island", fuzzy=False) == "etorofu-iturup"


def test_wrong_argument_types_name_the_argument(mini: Gazetteer) -> None:
    with pytest.raises(TypeError, match=r"^name must be str, not int$"):
        mini.normalize(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^name must be str, not NoneType$"):
        mini.normalize(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^fuzzy must be bool, not str$"):
        mini.normalize("Iturup", fuzzy="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^name must be str, not bytes$"):
        mini.lookup(b"Iturup")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^place_id must be str, not int$"):
        mini.get(1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^limit must be int or None, not float$"):
        mini.search("Iturup", limit=2.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^limit must be at least 1, not 0$"):
        mini.search("Iturup", limit=0)
    with pytest.raises(ValueError, match=r"^score_cutoff must be between 0 and 100, not 101$"):
        mini.search("Iturup", score_cutoff=101)
    with pytest.raises(TypeError, match=r"^path must be str, Path or None, not int$"):
        toponyms.load(3)  # type: ignore[arg-type]


def test_lookup(mini: Gazetteer) -> None:
    place = mini.lookup("Etorofu Island")
    assert place.id == "etorofu-iturup"
    assert place.kind == "island"
    with pytest.raises(UnknownNameError, match=r"^no place is called 'Atlantis'$") as unknown:
        mini.lookup("Atlantis")
    assert isinstance(unknown.value, LookupError)
    assert unknown.value.name == "Atlantis"
    with pytest.raises(AmbiguousNameError) as ambiguous:
        mini.lookup("泊村")
    assert ambiguous.value.place_ids == ("tomari-village-nemuro", "tomari-village-shiribeshi")
    assert isinstance(ambiguous.value, LookupError)
    with pytest.raises(UnknownNameError):
        mini.lookup("Etorufu")  # lookup never guesses


def test_get(mini: Gazetteer) -> None:
    place = mini.get("shikotan-island")
    assert place is not None
    assert [n.text for n in place.names] == ["Shikotan", "Шикотан", "色丹島"]
    assert mini.get("shikotan") is None
    assert "shikotan-island" in mini
    assert len(mini) == 7


def test_search_ranks_places_with_scores(mini: Gazetteer) -> None:
    results = mini.search("Etorofu", limit=2)
    etorofu = mini.get("etorofu-iturup")
    assert etorofu is not None
    assert results[0] == Candidate("etorofu-iturup", etorofu.names[1], 100.0, "exact")
    assert len(results) == 2
    assert results[1].score < 100
    assert [c.place_id for c in mini.search("etorofu")][:1] == ["etorofu-iturup"]
    assert mini.search("etorofu")[0].method == "folded"
    assert mini.search("Etorufu")[0].method == "fuzzy"
    assert mini.search("Etorufu")[0].score == pytest.approx(85.71, abs=0.01)
    assert mini.search("Etorofu", score_cutoff=90) == results[:1]
    assert mini.search("") == []
    ids = [c.place_id for c in mini.search("Shikotan", limit=None)]
    assert len(ids) == len(set(ids)) == len(mini)  # one candidate per place


def test_place_views(mini: Gazetteer) -> None:
    place = mini.get("etorofu-iturup")
    assert place is not None
    assert place.parents_for("RU") == ("northern-territories-southern-kurils", "kuril-islands")
    assert place.parents_for("JP") == ("northern-territories-southern-kurils",)
    assert mini.ancestors("etorofu-iturup", "RU") == (
        "northern-territories-southern-kurils",
        "kuril-islands",
    )
    assert mini.ancestors("etorofu-iturup", "JP") == ("northern-territories-southern-kurils",)
    assert place.name_for("RU").text == "Iturup"  # type: ignore[union-attr]
    assert place.name_for("JP").text == "Etorofu"  # type: ignore[union-attr]
    assert place.name_for("JP", "ja").text == "択捉島"  # type: ignore[union-attr]
    assert place.name_for("RU", "ja").text == "Iturup"  # type: ignore[union-attr] # falls back
    assert [n.text for n in place.names_used_by("JP", "ja")] == ["択捉島", "えとろふとう"]
    assert [n.text for n in place.names_used_by("JP", "ja-Hira")] == ["えとろふとう"]
    shikotan = mini.get("shikotan-island")
    assert shikotan is not None
    assert shikotan.name_for("RU").text == shikotan.name_for("JP").text == "Shikotan"  # type: ignore[union-attr]


def test_values_are_immutable_and_hashable(mini: Gazetteer) -> None:
    place = mini.get("yuri-island")
    assert place is not None
    with pytest.raises(AttributeError):
        place.id = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        place.parents["RU"] = ()  # type: ignore[index]
    assert len({place, mini.get("yuri-island")}) == 1
    assert len({n for n in place.names}) == 3


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Itouroup", "etorofu-iturup"),  # French ou
        ("Schikotan", "shikotan-island"),  # German sch
        ("Szikotan", "shikotan-island"),  # Polish sz
        ("Jurij", "yuri-island"),  # scholarly transliteration of Юрий
        ("Iturupp", "etorofu-iturup"),  # a doubled letter is one sound
    ],
)
def test_romanization_systems_meet(mini: Gazetteer, name: str, place_id: str) -> None:
    assert mini.normalize(name, fuzzy=False) == place_id


def test_romanization_keeps_its_places_apart(bundled: Gazetteer) -> None:
    assert bundled.normalize("Južno-Kuril'skij") == "yuzhno-kurilsky-district"
    assert bundled.normalize("Juschno-Kurilsk") == "furukamappu-yuzhno-kurilsk"
    assert bundled.normalize("Sachalin") == "sakhalin-island"
    assert bundled.normalize("Shikotan-mura") == "shikotan-village"


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Kuril-szigetek", "kuril-islands"),  # Hungarian term, swapped for "Islands"
        ("Iturup-sziget", "etorofu-iturup"),
        ("Habomai-øygruppen", "habomai-islands"),  # Norwegian, definite form
        ("Kurileninseln", "kuril-islands"),  # German compound: Kurilen + inseln
        ("Sachalininsel", "sakhalin-island"),
        ("Kurilen-Inselkette", "kuril-islands"),
        ("Unterpräfektur Nemuro", "nemuro-subprefecture"),  # the term picks the subprefecture
        ("Yuzhno-Kurilsky-distriktet", "yuzhno-kurilsky-district"),
        ("Kuril ridge", "kuril-islands"),
    ],
)
def test_generic_terms_of_many_languages(bundled: Gazetteer, name: str, place_id: str) -> None:
    assert bundled.normalize(name, fuzzy=False) == place_id


@pytest.mark.parametrize(
    "name",
    [
        "Inseln",  # a glued term needs a word of its own before it
        "Kunashirinsel Bay",  # the compound is not the last word
        "Iturup-Präfektur",  # a region term over an island's name: no region of that name
    ],
)
def test_generic_terms_do_not_invent_places(bundled: Gazetteer, name: str) -> None:
    assert bundled.normalize(name, fuzzy=False) is None


def test_a_short_or_historical_name_yields_to_a_full_one(bundled: Gazetteer) -> None:
    assert bundled.normalize("Nemuro") == "nemuro-city"  # the subprefecture's clipped name
    assert bundled.normalize("Nemuro, Hokkaido") == "nemuro-city"
    assert bundled.normalize("Nemuro Subprefecture") == "nemuro-subprefecture"
    assert bundled.normalize("樺太") == "sakhalin-island"  # southern Sakhalin only historically
    assert bundled.normalize("Tomari") is None  # both villages' own name
    with pytest.raises(AmbiguousNameError):
        bundled.lookup("Nemuro")  # lookup() still reports every place of the name


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Sebastopol, California", None),  # a subdivision of a country that is no party
        ("Stanley, Hong Kong", None),  # a country that is no party of the Falklands
        ("Stanley, Falkland Islands", "puerto-argentino-stanley"),  # a place the data holds
        ("Sevastopol, Crimea", "sevastopol"),
        ("Simferopol, Ukraine", "simferopol"),  # a party's own name
        ("Kunashir, Japan", "kunashir-kunashiri"),
    ],
)
def test_a_qualifier_places_a_name_here_or_elsewhere(
    bundled: Gazetteer, name: str, place_id: str | None
) -> None:
    assert bundled.normalize(name) == place_id


def test_whole_names_and_stems_compete_on_distance(bundled: Gazetteer) -> None:
    # one edit from the district's stem (Yuzhno-Kurilsky District), two from the town's name
    assert bundled.normalize("Yozhno-Kurilsky") == "yuzhno-kurilsky-district"
    assert bundled.normalize("Yozhno-Kurilsk") == "furukamappu-yuzhno-kurilsk"
    # a typo in the generic term counts too: one edit from Shiribeshi's "Tomari Village",
    # not zero from the stem "Tomari" that both villages share
    assert bundled.normalize("Tomari Vlilage") == "tomari-village-shiribeshi"


def test_a_name_is_no_typo_of_an_adjective_stem(bundled: Gazetteer) -> None:
    # Ukrainian "Південно-Курильські острови" (the islands) has the stem Південно-Курильські,
    # one letter from a town's name: a different word, not a typo
    assert bundled.normalize("Півднено-Курильськ") != "northern-territories-southern-kurils"


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("北海道色丹郡色丹村", "shikotan-village"),  # prefecture, county, village
        ("択捉郡留別村", "rubetsu-village"),  # a county the gazetteer lacks is passed over
        ("北海道根室振興局", "nemuro-subprefecture"),
        ("泊村 (北海道根室振興局)", "tomari-village-nemuro"),  # an address as qualifier
        ("泊村（北海道後志総合振興局）", "tomari-village-shiribeshi"),
        ("しゆむしゆ", "shumshu-shumushu"),  # older spelling: full-size kana for small
        ("Taraku Tou", "polonsky-taraku"),  # word-processor romanization of -tō
    ],
)
def test_japanese_addresses_and_spellings(bundled: Gazetteer, name: str, place_id: str) -> None:
    assert bundled.normalize(name) == place_id


@pytest.mark.parametrize(
    "name",
    [
        "北海道泊村",  # both villages named 泊村 are in Hokkaido
        "北海道" * 14 + "択捉",  # long unspaced text is prose, not an address
    ],
)
def test_addresses_that_do_not_name_one_place(bundled: Gazetteer, name: str) -> None:
    assert bundled.normalize(name) is None


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Свееро-Курилски", "severo-kurilsky-district"),
        ("Курилски отсрови", "kuril-islands"),  # the typo in the generic term
        ("Alassov", "araido-atlasov"),  # Atlassov with a letter dropped
    ],
)
def test_typos_in_other_romanizations(bundled: Gazetteer, name: str, place_id: str) -> None:
    assert bundled.normalize(name) == place_id


@pytest.mark.parametrize(
    "name",
    ["Sachalin-2", "Sakhaline-2", "Northern Kurilsk", "Russia", "Sakhalin Bay", "Sakhalin Gulf"],
)
def test_other_romanizations_keep_typos_honest(bundled: Gazetteer, name: str) -> None:
    assert bundled.normalize(name) is None


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("о.Итуруп", "etorofu-iturup"),  # an abbreviated term written against the name
        ("г.Курильск", "kurilsk-shana"),
        ("Sachalin Gebiet", "sakhalin-oblast"),
        ("Hokkaido præfekturet", "hokkaido"),
        ("根室振兴局", "nemuro-subprefecture"),  # simplified 兴 for 興
        ("ユジノクリリスク町", "furukamappu-yuzhno-kurilsk"),
        ("gruppo di isole Habomai", "habomai-islands"),
        ("nhóm đảo Habomai", "habomai-islands"),
        ("Sottoprefettura di Nemuro", "nemuro-subprefecture"),
        ("根室管内", "nemuro-subprefecture"),  # "within Nemuro's jurisdiction"
        ("bãi cạn Scarborough", "scarborough-shoal"),  # reefs and shoals have their terms
        ("Mischief", "mischief-reef"),
        ("récif Mischief", "mischief-reef"),
    ],
)
def test_more_generic_terms(bundled: Gazetteer, name: str, place_id: str) -> None:
    assert bundled.normalize(name) == place_id


@pytest.mark.parametrize(
    "name",
    [
        "Sakhalin IV",  # a Roman numeral is never a typo, like a digit
        "Joezjno-Koerilsk",  # the town's form of the district's Joezjno-Koerilski: no typo
    ],
)
def test_forms_no_typo_makes(bundled: Gazetteer, name: str) -> None:
    assert bundled.normalize(name) is None


@pytest.mark.parametrize(
    "name",
    [
        "Matsue",  # a city one letter after Matsu (Islands): a short name keeps its edges
        "Asmara",  # Eritrea's capital, one letter before Smara
        "Tokyo",  # an ISO 3166-2 subdivision is no typo of Tokto (Dokdo)
        "Россия",  # a short coarse key may not hide three written edits (Расшя, Rasshua)
        "Crimean",  # an English adjective, not the stem of "Crimean Peninsula"
        "Persian",  # nor "Persian Gulf": a sea's stem names something else
        "Mexico",  # the country, not the stem of the Gulf of Mexico
        "México",
        "Kherson",  # the city, not the stem of Kherson Oblast
        "Donetsk",
    ],
)
def test_other_words_near_a_name_are_not_the_place(bundled: Gazetteer, name: str) -> None:
    assert bundled.normalize(name) is None


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Türkiyr", "turkey-turkiye"),  # a typo at the end of a name of seven letters
        ("Kuril", "kuril-islands"),  # the stem of an island group names it alone
        ("Golan", "golan-heights"),
        ("Kurilsky", "kurilsky-district"),  # an adjective stem names its district
        ("Khersonska oblast", "kherson-oblast"),  # with its term, the oblast's stem is read
    ],
)
def test_stems_and_typos_that_name_the_place(bundled: Gazetteer, name: str, place_id: str) -> None:
    assert bundled.normalize(name) == place_id


def test_kana_spellings_of_foreign_names_meet(bundled: Gazetteer) -> None:
    assert bundled.normalize("クナシール", fuzzy=False) == "kunashir-kunashiri"  # クナシル
    assert bundled.normalize("ケトイ", fuzzy=False) == "ketoi-ketoy"
    assert bundled.normalize("ケートイ", fuzzy=False) is None  # three kana are too few to key


@pytest.mark.parametrize(
    "name",
    [
        "Alaid (volcano)",  # the island is also called Alaid; the volcano is not the island
        "Kunashir Strait",
        "国後水道",  # the strait (水道), not the island
        "根室半島",  # the peninsula, not the city
        "Cape Nosappu",
    ],
)
def test_other_kinds_of_place_are_not_the_island_or_town(bundled: Gazetteer, name: str) -> None:
    assert bundled.normalize(name) is None


# --- cost bounds: any input answers in time bounded by the longest name, not by its length


def test_text_far_longer_than_any_name_answers_none_at_once(
    bundled: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    longest = max(len(fold(n.text)) for p in bundled.places for n in p.names)
    limit = bundled._resolver.max_length
    assert limit == max(256, 4 * longest)
    assert bundled.normalize("Kunashir" + " " * (16 * limit - 8)) == "kunashir-kunashiri"

    def fail(*args: object) -> None:
        raise AssertionError("no further work")

    monkeypatch.setattr(Resolver, "_find", fail)
    assert bundled.normalize("a" * 1_000_000) is None
    assert bundled.normalize("k" * (limit + 1)) is None
    monkeypatch.setattr("toponyms.resolve.steps.fold", fail)  # beyond 16 x the limit, no folding
    assert bundled.normalize("Kunashir" + " " * (16 * limit - 7)) is None


def _counting_finds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A list that records the text of every Resolver._find call from now on."""
    calls: list[str] = []
    find = Resolver._find

    def counting(self: Resolver, folded: str, fuzzy: bool, written: str = "") -> set[str]:
        calls.append(folded)
        return find(self, folded, fuzzy, written)

    monkeypatch.setattr(Resolver, "_find", counting)
    return calls


_ADDRESS_CHARACTERS = "郡群北海道色丹村根室振興局択捉留別島国後泊"


@pytest.mark.parametrize(
    "name",
    [
        "郡" * 40,  # every cut ends in 郡: tried every way to cut it, 1.6x per character
        "北海道" * 13,
        "郡島" * 20,
        "色丹郡" * 13,
        *("".join(random.Random(seed).choices(_ADDRESS_CHARACTERS, k=40)) for seed in range(5)),
    ],
)
def test_reading_an_address_reads_each_suffix_once(
    bundled: Gazetteer, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    calls = _counting_finds(monkeypatch)
    bundled._resolver.clear_cache()
    assert bundled.normalize(name) is None
    assert len(calls) <= len(name) + 1  # the whole text, then each suffix at most once


@pytest.mark.parametrize(
    ("name", "place_id", "most_finds"),
    [
        ("a/" * 128, None, 2),  # each alternative once
        ("Kunashir/" * 28, "kunashir-kunashiri", 2),
        ("Kunashir, " * 25, "kunashir-kunashiri", 3),  # the head, one qualifier
        ("/".join(f"x{i}" for i in range(50)), None, 51),  # fifty different alternatives
        ("(Kunashir) " * 23, None, 1),  # no head left
        ("(" * 256, None, 2),
        (")(" * 128, None, 2),
        ("," * 256, None, 2),
        ("/" * 256, None, 1),
        ("island " * 36, None, 1),
        ("о. " * 85, None, 1),
        ("rn" * 128, None, 1),
        ("Kuril " * 42, None, 1),
    ],
)
def test_repetitive_text_costs_one_find_per_part(
    bundled: Gazetteer,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    place_id: str | None,
    most_finds: int,
) -> None:
    calls = _counting_finds(monkeypatch)
    bundled._resolver.clear_cache()
    assert bundled.normalize(name) == place_id
    assert len(calls) <= most_finds


@pytest.mark.parametrize(
    "name", ["a/" * 1000, "(" * 1000, "Kunashir, " * 500, "北海道" * 1000, "郡" * 10_000]
)
def test_repetitive_text_beyond_the_limit_is_none(bundled: Gazetteer, name: str) -> None:
    assert bundled.normalize(name) is None
