"""annotate(): every mention, with its exact span in the original string and both sides' names."""

from __future__ import annotations

import itertools
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toponyms
from toponyms import Gazetteer, Mention
from toponyms.text.scripts import is_han, is_hangul, is_kana

CASES = Path(__file__).parent / "cases"
SEEDS = Path(__file__).parent.parent / "examples" / "articles"


def spans(gazetteer: Gazetteer, text: str, **options: object) -> list[tuple[str, str, str]]:
    """(text as written, place ID, method) of every mention, checking the offsets on the way."""
    found = gazetteer.annotate(text, **options)  # type: ignore[arg-type]
    for m in found:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.place_id, m.method) for m in found]


def test_a_mention_carries_both_sides_names(bundled: Gazetteer) -> None:
    text = "Japan lays claims to Iturup, which it calls Etorofu."
    assert bundled.annotate(text) == [
        Mention(
            21, 27, "Iturup", "etorofu-iturup", 100.0, "exact", frozenset({"RU"}),
            {"JP": "Etorofu", "RU": "Iturup"}, "en",
        ),
        Mention(
            44, 51, "Etorofu", "etorofu-iturup", 100.0, "exact", frozenset({"JP"}),
            {"JP": "Etorofu", "RU": "Iturup"}, "en",
        ),
    ]  # fmt: skip


def test_the_seed_article(bundled: Gazetteer) -> None:
    text = (SEEDS / "001_2f4aca9ebf5f498a.txt").read_text(encoding="utf-8")
    found = bundled.annotate(text)
    assert [(m.text, m.place_id, sorted(m.used_by)) for m in found] == [
        ("Kunashir", "kunashir-kunashiri", ["RU"]),
        ("Shikotan", "shikotan-island", ["JP", "RU"]),
        ("Habomai", "habomai-islands", ["JP", "RU"]),
        ("Iturup", "etorofu-iturup", ["RU"]),
        ("Southern Kurils", "northern-territories-southern-kurils", ["RU"]),
        ("Northern Territories", "northern-territories-southern-kurils", ["JP"]),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)
    northern = found[-1]
    assert dict(northern.names) == {"JP": "Northern Territories", "RU": "Southern Kurils"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # case, diacritics, macrons, fullwidth
        ("KUNASHIR", [("KUNASHIR", "kunashir-kunashiri", "folded")]),
        ("Hoppo Ryodo", [("Hoppo Ryodo", "northern-territories-southern-kurils", "folded")]),
        ("HOPPŌ RYŌDO", [("HOPPŌ RYŌDO", "northern-territories-southern-kurils", "folded")]),
        ("ｓｈｉｋｏｔａｎ", [("ｓｈｉｋｏｔａｎ", "shikotan-island", "folded")]),
        # quotes, apostrophes, possessives
        ("the Kurils’ future", [("Kurils", "kuril-islands", "exact")]),
        ("Iturup's airport", [("Iturup", "etorofu-iturup", "exact")]),
        ("“Shikotan”", [("Shikotan", "shikotan-island", "exact")]),
        # hyphens, line breaks, no-break and repeated spaces inside names
        ("Kuna-\nshir", [("Kuna-\nshir", "kunashir-kunashiri", "folded")]),
        (
            "the Northern\nTerritories",
            [("Northern\nTerritories", "northern-territories-southern-kurils", "folded")],
        ),
        (
            "Northern\u00a0Territories",
            [("Northern\u00a0Territories", "northern-territories-southern-kurils", "folded")],
        ),
        ("Kuril   Islands", [("Kuril   Islands", "kuril-islands", "folded")]),
        ("Yuzhno–Kurilsk", [("Yuzhno–Kurilsk", "furukamappu-yuzhno-kurilsk", "folded")]),
        ("Yuzhno-\nKurilsk", [("Yuzhno-\nKurilsk", "furukamappu-yuzhno-kurilsk", "folded")]),
        # word boundaries
        ("Kurilsky District", [("Kurilsky District", "kurilsky-district", "exact")]),
        ("Kurilsk", [("Kurilsk", "kurilsk-shana", "exact")]),
        ("Shikotansky", []),
        ("UnKunashir", []),
        # overlaps: the longest, most specific wins
        (
            "the southern Kuril Islands",
            [("southern Kuril Islands", "northern-territories-southern-kurils", "folded")],
        ),
        (
            "Yuzhno-Kurilsky District",
            [("Yuzhno-Kurilsky District", "yuzhno-kurilsky-district", "exact")],
        ),
        # Russian inflection, as a whole word
        ("на Итурупе", [("Итурупе", "etorofu-iturup", "inflected")]),
        (
            "на Курильских островах",
            [("Курильских островах", "kuril-islands", "inflected")],
        ),
        (
            "статус Южных Курил",
            [("Южных Курил", "northern-territories-southern-kurils", "inflected")],
        ),
        ("с Шикотана", [("Шикотана", "shikotan-island", "inflected")]),
        ("Итурупский", []),
        ("На балконе курили двое мужчин.", []),  # a verb, not the Kurils
        # Japanese and Chinese: no spaces
        ("北方領土問題", [("北方領土", "northern-territories-southern-kurils", "exact")]),
        (
            "択捉島と国後島",
            [("択捉島", "etorofu-iturup", "exact"), ("国後島", "kunashir-kunashiri", "exact")],
        ),
        (
            "歯舞・色丹の二島",
            [("歯舞", "habomai-islands", "exact"), ("色丹", "shikotan-island", "exact")],
        ),
        ("イトゥルップ島の空港", [("イトゥルップ島", "etorofu-iturup", "exact")]),
        ("择捉岛", [("择捉岛", "etorofu-iturup", "exact")]),
        # hangul takes particles
        ("쿠릴 열도의 미래", [("쿠릴 열도", "kuril-islands", "exact")]),
        # a lower-case generic word describes the name rather than belonging to it
        ("on Kunashir island", [("Kunashir", "kunashir-kunashiri", "exact")]),
        ("on Kunashir Island", [("Kunashir Island", "kunashir-kunashiri", "exact")]),
        ("the Kuril islands", [("Kuril islands", "kuril-islands", "folded")]),
        (
            "Shikotan and the Habomai group of islets",
            [("Shikotan", "shikotan-island", "exact"), ("Habomai", "habomai-islands", "exact")],
        ),
        # Russian endings follow the declension: Курильск is a noun, not the adjective
        ("Курильское озеро на Камчатке", []),
        ("в Курильском районе", [("Курильском районе", "kurilsky-district", "inflected")]),
        ("из Курильска", [("Курильска", "kurilsk-shana", "inflected")]),
        (
            "на территории Северо-Курильского района",
            [("Северо-Курильского района", "severo-kurilsky-district", "inflected")],
        ),
        ("на территории Ново-Курильского района", []),  # a compound's tail, no name
        # a capitalized Latin term is part of the name; a Cyrillic one describes it
        ("Las Islas Malvinas son", [("Islas Malvinas", "falkland-islands-malvinas", "exact")]),
        ("las islas Malvinas", [("Malvinas", "falkland-islands-malvinas", "exact")]),  # described
        ("the rock of Gibraltar", [("rock of Gibraltar", "rock-of-gibraltar", "folded")]),
        ("на острове Итуруп", [("Итуруп", "etorofu-iturup", "exact")]),
        # where the longest name fails at an edge, a name overlapping it is still found
        ("talks about pulau Atlasova would", [("Atlasova", "araido-atlasov", "exact")]),
        (
            "в южных Курилах",
            [("южных Курилах", "northern-territories-southern-kurils", "inflected")],
        ),
        # short Han names stand alone; kana names keep their script
        ("千島湖と根室本線", []),
        (
            "色丹と歯舞",
            [("色丹", "shikotan-island", "exact"), ("歯舞", "habomai-islands", "exact")],
        ),
        # a kana reading in parentheses is a mention of the same place; inside a name, the
        # name and its reading are one mention
        (
            "択捉島(えとろふとう)",
            [("択捉島", "etorofu-iturup", "exact"), ("えとろふとう", "etorofu-iturup", "exact")],
        ),
        (
            "国後島（くなしりとう）は",
            [
                ("国後島", "kunashir-kunashiri", "exact"),
                ("くなしりとう", "kunashir-kunashiri", "exact"),
            ],
        ),
        ("色丹(しこたん)島の港", [("色丹(しこたん)島", "shikotan-island", "folded")]),
        ("国後島(未確認)", [("国後島", "kunashir-kunashiri", "exact")]),  # no reading: left alone
        # the readings come first in a gloss that goes on with a name in another language
        (
            "択捉島(えとろふとう、英語: Iturup)は",
            [
                ("択捉島", "etorofu-iturup", "exact"),
                ("えとろふとう", "etorofu-iturup", "exact"),
                ("Iturup", "etorofu-iturup", "exact"),
            ],
        ),
        # a short name yields to the place whose full current name it is, as in normalize()
        (
            "樺太と千島列島は",
            [("樺太", "sakhalin-island", "exact"), ("千島列島", "kuril-islands", "exact")],
        ),
        # a short suffix of a hyphenated romanization is not an English word after a space
        (
            "ceded Habomai and Shikotan to Japan",
            [("Habomai", "habomai-islands", "exact"), ("Shikotan", "shikotan-island", "exact")],
        ),
        (
            "from Etorofu to Kunashiri",
            [("Etorofu", "etorofu-iturup", "exact"), ("Kunashiri", "kunashir-kunashiri", "exact")],
        ),
        (
            "Shikotan-to and Shikotan tō",
            [
                ("Shikotan-to", "shikotan-island", "folded"),
                ("Shikotan tō", "shikotan-island", "folded"),
            ],
        ),
    ],
)
def test_annotate_finds_exact_spans(
    bundled: Gazetteer, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert spans(bundled, text, fuzzy=False) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kunashri", [("Kunashri", "kunashir-kunashiri", "fuzzy")]),
        ("Etorufu", [("Etorufu", "etorofu-iturup", "fuzzy")]),
        (
            "the Nothern Territories",
            [("Nothern Territories", "northern-territories-southern-kurils", "fuzzy")],
        ),
        (
            "Shikotn and Habomia",  # a dropped letter; a swap of neighbours
            [("Shikotn", "shikotan-island", "fuzzy"), ("Habomia", "habomai-islands", "fuzzy")],
        ),
        (
            "Kunashiiri and Itrup",
            [("Kunashiiri", "kunashir-kunashiri", "fuzzy"), ("Itrup", "etorofu-iturup", "fuzzy")],
        ),
    ],
)
def test_fuzzy_finds_typos_in_longer_names(
    bundled: Gazetteer, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert spans(bundled, text) == expected
    assert spans(bundled, text, fuzzy=False) == []


def test_a_typo_does_not_swallow_a_name_with_its_term(bundled: Gazetteer) -> None:
    # "Остров Шикотан" is Shikotan with its term, not a typo of "Остров Шиашкотан"
    assert spans(bundled, "Остров Шикотан") == [("Шикотан", "shikotan-island", "exact")]
    # while a word of its own before a name found as written makes a longer name's typo
    assert spans(bundled, "South Kurile Islands") == [
        ("South Kurile Islands", "northern-territories-southern-kurils", "fuzzy")
    ]


def test_fuzzy_leaves_ordinary_prose_alone(bundled: Gazetteer) -> None:
    prose = (
        "Kurilian cats, Tourism in Kamchatka, the Sakhalinsky brothers and Eternal Shikoku "
        "temples. Itinerary: Hokkaidan food, Northern Terraces, Southern Curls, Territory "
        "Tribunal, Isolated Islanders, Nemesis, Yuriko, Tomato, Habits, Iterations."
    )
    assert [(m.text, m.method) for m in bundled.annotate(prose) if m.method == "fuzzy"] == []


def read_lines(name: str) -> list[str]:
    text = (CASES / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("sentence", read_lines("look_alikes.txt"))
def test_look_alikes_give_no_mention(bundled: Gazetteer, sentence: str) -> None:
    assert spans(bundled, sentence) == []


@pytest.mark.parametrize("phrase", read_lines("should_not_match.txt"))
def test_should_not_match_phrases_give_no_mention(bundled: Gazetteer, phrase: str) -> None:
    assert spans(bundled, phrase) == []


def test_homonyms_need_context(bundled: Gazetteer) -> None:
    assert spans(bundled, "泊村") == []
    assert spans(bundled, "国後島の泊村") == [
        ("国後島", "kunashir-kunashiri", "exact"),
        ("泊村", "tomari-village-nemuro", "exact"),
    ]


def test_a_place_around_a_named_one_does_not_take_its_historical_name(
    bundled: Gazetteer,
) -> None:
    # Ladakh lies in the Kashmir region, whose historical name is also the territory's current
    # one: the territory's, as normalize() would say
    text = "The Union Territories of Jammu and Kashmir, and Ladakh."
    assert spans(bundled, text) == [
        ("Jammu and Kashmir", "indian-occupied-kashmir-jammu-and-kashmir", "exact"),
        ("Ladakh", "ladakh", "exact"),
    ]
    assert bundled.normalize("Jammu and Kashmir") == "indian-occupied-kashmir-jammu-and-kashmir"


def test_names_follow_the_language_asked_for(bundled: Gazetteer) -> None:
    [mention] = bundled.annotate("Итуруп")
    assert dict(mention.names) == {"JP": "Эторофу", "RU": "Итуруп"}
    [mention] = bundled.annotate("Итуруп", lang="ja")
    assert mention.names["JP"] == "択捉島"
    assert all(is_kana(c) or is_han(c) for c in mention.names["RU"])  # イトゥルップ島
    [mention] = bundled.annotate("Iturup", lang="ko")
    assert mention.names["RU"] == "이투루프섬"
    assert all(is_hangul(c) for c in mention.names["JP"])  # 에토로후


def test_rewrite(bundled: Gazetteer) -> None:
    text = "Russia says KUNASHIR, Iturup and the Southern Kurils are its own; на Итурупе тихо."
    assert bundled.rewrite(text, "JP") == (
        "Russia says KUNASHIRI, Etorofu and the Northern Territories are its own; на Эторофу тихо."
    )
    assert bundled.rewrite("Etorofu and 北方領土", "RU") == "Iturup and 南クリル諸島"
    assert bundled.rewrite("Etorofu and 北方領土", "RU", lang="en") == "Iturup and Southern Kurils"
    with pytest.raises(ValueError, match=r"^perspective must be an ISO 3166-1 alpha-2 code"):
        bundled.rewrite("Etorofu", "Japan")


def test_wrong_arguments_name_the_argument(bundled: Gazetteer) -> None:
    with pytest.raises(TypeError, match=r"^text must be str, not bytes$"):
        bundled.annotate(b"Iturup")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^fuzzy must be bool, not int$"):
        bundled.annotate("Iturup", fuzzy=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^lang must be a BCP 47 tag"):
        bundled.annotate("Iturup", lang="japanese")
    with pytest.raises(ValueError, match=r"^processes must be a positive int or None, not 0$"):
        list(bundled.annotate_many(["Iturup"], processes=0))


def test_annotate_many_keeps_input_order(bundled: Gazetteer) -> None:
    texts = ["Iturup", "no place here", "択捉島と国後島", "Shikotan"] * 3
    expected = [bundled.annotate(t) for t in texts]
    assert [len(found) for found in expected] == [1, 0, 2, 1] * 3
    assert list(bundled.annotate_many(texts)) == expected
    assert list(toponyms.annotate_many(texts, processes=2)) == expected


def test_annotate_many_takes_a_forkserver_in_a_process_with_threads(bundled: Gazetteer) -> None:
    """Forking a process where another thread may hold a lock is unsafe: with a second thread
    alive, the workers come from a forkserver, and the results are the same."""
    import threading

    from toponyms.annotate import pool

    texts = ["Iturup", "no place here", "択捉島と国後島", "Shikotan"] * 3
    expected = [bundled.annotate(t) for t in texts]
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not pool.can_fork()
        assert list(bundled.annotate_many(texts, processes=2)) == expected
    finally:
        stop.set()
        thread.join()
    assert pool._worker_gazetteer is None  # no reference kept past the pool


def test_annotate_many_workers_ignore_files_changed_on_disk(mini_copy: Path) -> None:
    """Workers annotate with the object they were called on: not the bundled data (a gazetteer
    built in memory has no directory) and not the files as they are on disk now."""
    gazetteer = toponyms.load(mini_copy)
    in_memory = Gazetteer(
        [f for f in gazetteer._files if not f.path.endswith("_generic-terms.yaml")],
        gazetteer.generic_terms,
    )
    assert in_memory.directory is None
    for path in mini_copy.glob("*.yaml"):  # the files change on disk after loading
        path.write_text(
            path.read_text(encoding="utf-8").replace("Shikotan", "Shikotun"), encoding="utf-8"
        )
    texts = ["Shikotan and Iturup", "Atlantis", "Shikotan"] * 4
    for subject in (gazetteer, in_memory):
        expected = [subject.annotate(t) for t in texts]
        assert [len(found) for found in expected] == [2, 0, 1] * 4
        assert list(subject.annotate_many(texts, processes=2)) == expected


def test_a_gazetteer_pickles_into_an_equal_one(mini: Gazetteer) -> None:
    copy = pickle.loads(pickle.dumps(mini))
    assert copy == mini
    assert copy is not mini
    assert (copy.directory, copy.data_version) == (mini.directory, mini.data_version)
    assert copy.annotate("Shikotan and 択捉島") == mini.annotate("Shikotan and 択捉島")


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_mentions_pickle_into_equal_ones(mini: Gazetteer, protocol: int) -> None:
    mentions = mini.annotate("Etorofu, на Итурупе, 択捉島")
    again = pickle.loads(pickle.dumps(mentions, protocol=protocol))
    assert again == mentions
    assert [m.names for m in again] == [m.names for m in mentions]
    assert all(type(m) is Mention for m in again)


@pytest.mark.parametrize(
    ("text", "perspective", "expected"),
    [
        ("О Северных территориях говорили.", "RU", "О Южных Курилах говорили."),
        ("Статус Южных Курил обсуждали.", "JP", "Статус Северных территорий обсуждали."),
        ("на Итурупе и на Кунашире", "JP", "на Эторофу и на Кунасири-то"),  # indeclinable
        ("ЮЖНЫХ КУРИЛ", "JP", "СЕВЕРНЫХ ТЕРРИТОРИЙ"),
    ],
)
def test_rewrite_puts_the_replacement_in_the_case_it_replaces(
    bundled: Gazetteer, text: str, perspective: str, expected: str
) -> None:
    assert bundled.rewrite(text, perspective) == expected


def test_rewrite_keeps_the_target_partys_names_as_written(bundled: Gazetteer) -> None:
    text = "В Южно-Курильске на Кунашире и на Итурупе."
    assert bundled.rewrite(text, "RU") == text
    assert bundled.rewrite("Kunashiri, Etorofu-to and Shikotan", "JP") == (
        "Kunashiri, Etorofu-to and Shikotan"
    )


# -- offsets are sacred: properties over arbitrary text ----------------------------------------

NAMES = ["Iturup", "Etorofu", "Shikotan", "Northern Territories", "北方領土", "Итуруп", "色丹島"]
SEPARATORS = st.sampled_from([" ", "  ", "\n", "\u00a0", ", ", " (", ") ", "。", "「", "」", "—"])
NOISE = st.text(
    alphabet=st.sampled_from([*"abc XYZ İßﬁ\u0301ﾊﾞ.,;'’\"\n\t", "ё", "Ё", "ｱ", "Ω"]),
    max_size=12,
)


def perturb(name: str, how: str) -> str:
    if how == "upper":
        return name.upper()
    if how == "lower":
        return name.lower()
    if how == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name)
    if how == "nbsp":
        return name.replace(" ", "\u00a0")
    return name


@settings(max_examples=300, deadline=None)
@given(
    before=NOISE,
    left=SEPARATORS,
    name=st.sampled_from(NAMES),
    how=st.sampled_from(["as-is", "upper", "lower", "fullwidth", "nbsp"]),
    right=SEPARATORS,
    after=NOISE,
)
def test_embedded_names_are_found_at_their_exact_span(
    mini: Gazetteer, before: str, left: str, name: str, how: str, right: str, after: str
) -> None:
    written = perturb(name, how)
    text = before + left + written + right + after
    start = len(before + left)
    found = [(m.start, m.end, m.place_id) for m in mini.annotate(text, fuzzy=False)]
    assert (start, start + len(written), mini.normalize(name)) in found


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(
        st.one_of(st.text(max_size=12), st.sampled_from(NAMES), NOISE), min_size=1, max_size=8
    ),
    name=st.sampled_from(NAMES),
    at=st.integers(min_value=0, max_value=8),
)
def test_a_planted_name_is_found_in_random_text_at_its_offsets(
    pieces: list[str], name: str, at: int
) -> None:
    """Random text, with at least one name in it between separators: every mention indexes
    the original string, mentions are sorted and disjoint, and the planted name is found."""
    at = min(at, len(pieces))
    before, after = "".join(pieces[:at]), "".join(pieces[at:])
    text = f"{before} ;\n{name}\n; {after}"
    mentions = toponyms.annotate(text)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
    assert [(m.start, m.end) for m in mentions] == sorted((m.start, m.end) for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    planted = len(before) + 3
    assert any(m.start <= planted < m.end for m in mentions), (text, mentions)


@settings(max_examples=200, deadline=None)
@given(prefix=st.text(alphabet="İßﬁ\u0301ﾊﾞ ", max_size=10))
def test_length_changing_folds_keep_offsets(prefix: str) -> None:
    text = prefix + " Kunashir and 択捉島"
    found = toponyms.annotate(text, fuzzy=False)
    assert [(m.text, m.start) for m in found] == [
        ("Kunashir", len(prefix) + 1),
        ("択捉島", len(prefix) + 14),
    ]


def test_long_texts_are_matched_block_by_block_with_exact_offsets(bundled: Gazetteer) -> None:
    paragraph = "Officials discussed fisheries near Kunashir and 択捉島 again.\n\n"
    text = paragraph * 2000 + "泊村 remained quiet.\n"  # ~120 kB: several blocks
    found = bundled.annotate(text, fuzzy=False)
    assert len(found) == 2 * 2000 + 1
    assert all(text[m.start : m.end] == m.text for m in found)
    assert found[0].start == paragraph.index("Kunashir")
    assert found[-2].start == len(paragraph) * 1999 + paragraph.index("択捉島")
    # The homonym at the very end is resolved by places named blocks earlier.
    assert (found[-1].text, found[-1].place_id) == ("泊村", "tomari-village-nemuro")


def test_a_typo_in_a_later_word_beats_the_shorter_exact_name_inside(bundled: Gazetteer) -> None:
    text = "in the South Kurile Islands"
    assert spans(bundled, text, fuzzy=False) == [("Kurile Islands", "kuril-islands", "exact")]
    assert spans(bundled, text) == [
        ("South Kurile Islands", "northern-territories-southern-kurils", "fuzzy")
    ]


def test_a_word_derived_from_a_name_is_no_typo(bundled: Gazetteer) -> None:
    assert spans(bundled, "at the Yuzhno-Kurilsky cape") == []
    assert spans(bundled, "the Kunashiri-based fleet") == [
        ("Kunashiri", "kunashir-kunashiri", "exact")
    ]


def test_a_lower_case_generic_before_a_name_describes_it(bundled: Gazetteer) -> None:
    assert spans(bundled, "группа островов Хабомаи") == [("Хабомаи", "habomai-islands", "exact")]
    assert spans(bundled, "на острове Итуруп") == [("Итуруп", "etorofu-iturup", "exact")]
    # the data also holds Bulgarian "Остров Шикотан": a generic term, whatever its case
    assert any(n.text == "Остров Шикотан" for n in bundled.get("shikotan-island").names)
    assert spans(bundled, "на острове Шикотан") == [("Шикотан", "shikotan-island", "exact")]


@pytest.mark.parametrize(
    "text",
    [
        "Северные территории Канады богаты нефтью.",
        "Жизнь в Северных территориях Канады.",
        "Northern Territories of Canada",
        "Canada’s Northern Territories",
        "カナダの北方領土",
        "die Nördlichen Territorien Kanadas",
        "Северные территории Австралии",
    ],
)
def test_a_name_qualified_by_another_country_is_not_the_place(
    bundled: Gazetteer, text: str
) -> None:
    assert spans(bundled, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Северные территории Японии", "Северные территории"),
        ("Japan's Northern Territories", "Northern Territories"),
        ("日本の北方領土", "北方領土"),
        ("Kunashir Island of Russia", "Kunashir Island"),
        ("The Kurils Australia deal", "Kurils"),  # apposition, not a genitive
    ],
)
def test_a_name_qualified_by_a_party_stays(bundled: Gazetteer, text: str, expected: str) -> None:
    assert [m.text for m in bundled.annotate(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Выставка работ Полонского открылась.", []),
        ("на острове Полонского", [("Полонского", "polonsky-taraku", "exact")]),
        ("о.Полонского", [("Полонского", "polonsky-taraku", "exact")]),
        ("Юрий Гагарин", []),
        ("на острове Юрий", [("Юрий", "yuri-island", "exact")]),
        # the term a place's own name puts before it counts too (острова Дёмина)
        ("Острова Дёмина лежат к югу.", [("Дёмина", "demina-harukari", "exact")]),
        ("работы Дёмина", []),
    ],
)
def test_with_term_names_need_a_generic_term_beside_them(
    bundled: Gazetteer, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert spans(bundled, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Northem Territories talks",
            [("Northem Territories", "northern-territories-southern-kurils")],
        ),
        (
            "ferry to Habornai and Shlkotan",
            [("Habornai", "habomai-islands"), ("Shlkotan", "shikotan-island")],
        ),
        ("lturup airport", [("lturup", "etorofu-iturup")]),
        ("Sh1kotan", [("Sh1kotan", "shikotan-island")]),
        (
            "択捉鳥と北方領士",
            [("択捉鳥", "etorofu-iturup"), ("北方領士", "northern-territories-southern-kurils")],
        ),
        ("千鳥が飛ぶ", []),  # a real word: two-character names get no confusion step
        ("Sakhalin2 and Sakhalin-2", []),  # digits are never misread letters at a word's end
    ],
)
def test_scanner_and_input_method_misreadings_are_found(
    bundled: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    found = bundled.annotate(text)
    assert [(m.text, m.place_id) for m in found] == expected
    assert all(m.method == "fuzzy" for m in found)
    assert bundled.annotate(text, fuzzy=False) == []


@pytest.mark.parametrize("separator", [" ", "\n", "Kuna-\nshir "])
def test_a_long_paragraph_is_cut_where_no_name_is(bundled: Gazetteer, separator: str) -> None:
    """A paragraph far longer than a block, with no blank line, is matched in bounded pieces
    cut at a line break or a space: every name is still found, at its exact span."""
    sentence = "Talks on the Kuril Islands and Iturup went on." + separator
    text = sentence * 5_000  # about 250 kB
    found = bundled.annotate(text, fuzzy=False)
    per_sentence = 3 if "Kuna" in separator else 2
    assert len(found) == per_sentence * 5_000
    assert all(text[m.start : m.end] == m.text for m in found)
    assert {m.text for m in found} == {"Kuril Islands", "Iturup"} | (
        {"Kuna-\nshir"} if "Kuna" in separator else set()
    )


def test_a_typo_at_the_head_of_a_compound_is_another_name(bundled: Gazetteer) -> None:
    """Terytoria Północno-Zachodnie (Canada's Northwest Territories) is one letter from the
    Polish Terytoria Północne, but "Północno-" heads a compound: a different name."""
    assert bundled.annotate("Terytoria Północno-Zachodnie") == []
    assert [m.text for m in bundled.annotate("Terytoria Północne")] == ["Terytoria Północne"]


HOSTILE_SHAPES = {
    "IturupIturup": '"Iturup" * 50_000',  # one name, no spaces: MemoryError before
    "AAA": '"A" * 300_000',  # a capitalized run: the fuzzy step's pattern held 250x its size
    "ЯЯЯ": '"Я" * 300_000',
    "marks": '"e\\u0301\\u0300" * 100_000',  # combining marks
    "Kuril Kuril": '"Kuril " * 50_000',  # a name word repeated
}


@pytest.mark.parametrize("shape", HOSTILE_SHAPES.values(), ids=HOSTILE_SHAPES.keys())
def test_hostile_shapes_take_memory_in_proportion(shape: str) -> None:
    """Text no name is in costs a small multiple of its own size, whatever its shape. Measured
    as the growth of the resident set in a fresh process, which sees what the regular
    expression engine allocates (benchmarks/hostile.py measures the time)."""
    code = (
        "import resource, toponyms\n"
        "gazetteer = toponyms.default_gazetteer()\n"
        "gazetteer.annotate('warm up: Iturup and Kunashri')\n"
        f"text = {shape}\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "assert gazetteer.annotate(text) == []\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(grown * 1024, len(text.encode('utf-8')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    grown, size = map(int, result.stdout.split())
    assert grown < 10 * size + 10_000_000, (grown, size)


def test_a_reading_carries_the_names_of_its_language(bundled: Gazetteer) -> None:
    """A kana reading (ja-Hira) gives each side's Japanese name, as BCP 47 lookup drops the
    script subtag, rather than the English fallback."""
    reading = bundled.annotate("国後島(くなしりとう)")[1]
    assert (reading.text, reading.lang) == ("くなしりとう", "ja-Hira")
    assert dict(reading.names) == {"JP": "国後島", "RU": "クナシル島"}


def test_an_ampersand_writes_a_names_and(bundled: toponyms.Gazetteer) -> None:
    text = "Troops in Jammu & Kashmir; see https://example.org/?a=1&b=2 & more."
    found = [(m.start, m.end, m.text, m.place_id) for m in bundled.annotate(text)]
    start = text.index("Jammu")
    assert found == [
        (start, start + 15, "Jammu & Kashmir", "indian-occupied-kashmir-jammu-and-kashmir")
    ]
    assert bundled.normalize(found[0][2]) == found[0][3]
