"""The spaCy component: ``nlp.add_pipe("toponyms")`` on a blank pipeline of any language.

Its spans must be :func:`toponyms.annotate`'s mentions, character for character, whatever the
tokenizer made of the text: tokens are split where a mention starts or ends inside one (a
Japanese or Chinese run without spaces, Turkish "Kırım’da", Hebrew "בירושלים").
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import yaml

import toponyms

spacy = pytest.importorskip("spacy", reason="the spaCy component needs toponyms[spacy]")

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

from toponyms.spacy import ToponymRecognizer, split_tokens_at  # noqa: E402

MINI = Path(__file__).parent / "fixtures" / "mini"
TEXTS = [
    sentence["text"]
    for path in sorted((Path(__file__).parent / "disputes").glob("*.yaml"))
    for sentence in yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]
]
# spaCy's Japanese and Korean tokenizers need SudachiPy or MeCab; the rule-based tokenizer
# needs nothing and leaves each run without spaces one token, the case splitting is for.
RULE_TOKENIZER = {"nlp": {"tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}}}


def blank(lang: str, **config: Any) -> Language:
    nlp = spacy.blank(lang, config=RULE_TOKENIZER if lang in ("ja", "ko") else {})
    nlp.add_pipe("toponyms", config=config)
    return nlp


def spans(doc: Doc, key: str = "toponyms") -> list[tuple[int, int, str, str]]:
    return [(s.start_char, s.end_char, s.text, s.kb_id_) for s in doc.spans[key]]


def mentions(text: str, **options: Any) -> list[tuple[int, int, str, str]]:
    return [(m.start, m.end, m.text, m.place_id) for m in toponyms.annotate(text, **options)]


def tokens(doc: Doc) -> list[str]:
    return [token.text for token in doc]


@pytest.fixture(scope="module")
def annotated() -> list[list[toponyms.Mention]]:
    return [toponyms.annotate(text) for text in TEXTS]


@pytest.mark.parametrize("lang", ["en", "ru", "xx", "zh", "ja", "ko"])
def test_spans_equal_annotate_on_every_press_sentence(
    lang: str, annotated: list[list[toponyms.Mention]]
) -> None:
    docs = list(blank(lang).pipe(TEXTS))
    assert len(docs) == len(TEXTS) > 300
    for text, doc, found in zip(TEXTS, docs, annotated, strict=True):
        assert doc.text == text  # splitting never changes the text
        assert spans(doc) == [(m.start, m.end, m.text, m.place_id) for m in found]
        assert [(s.label_, s._.names, s._.used_by) for s in doc.spans["toponyms"]] == [
            ("TOPONYM", dict(m.names), sorted(m.used_by)) for m in found
        ]


def test_a_japanese_run_is_split_at_the_mentions_edges() -> None:
    text = "ウクライナ南部、クリミア自治共和国の港湾都市。"  # goo 辞書, from tests/disputes/crimea
    assert tokens(spacy.blank("xx").make_doc(text)) == [text[:-1], "。"]
    doc = blank("xx")(text)
    assert tokens(doc) == ["ウクライナ南部、", "クリミア自治共和国", "の港湾都市", "。"]
    assert spans(doc) == [
        (8, 17, "クリミア自治共和国", "autonomous-republic-of-crimea-republic-of-crimea")
    ]


def test_one_token_holding_two_mentions_is_cut_into_three() -> None:
    doc = blank("ja")("択捉島と国後島")
    assert tokens(doc) == ["択捉島", "と", "国後島"]
    assert [(t.idx, t.whitespace_) for t in doc] == [(0, ""), (3, ""), (4, "")]
    assert spans(doc) == [
        (0, 3, "択捉島", "etorofu-iturup"),
        (4, 7, "国後島", "kunashir-kunashiri"),
    ]


@pytest.mark.parametrize(
    ("lang", "text", "before", "after"),
    [
        (  # Anadolu Ajansı, from tests/disputes/crimea: a suffix after a curly apostrophe
            "tr",
            "Rusya’nın tek taraflı ilhak ettiği Kırım’da Tatar Milli Meclisi Başkan Yardımcısı "
            "İlmi Ümerov gözaltına alındı.",
            "Kırım’da",
            ["Kırım", "’da"],
        ),
        (  # he.wikipedia, from tests/disputes/jerusalem: the prefix ב "in"
            "he",
            "הר הבית או הר המוריה, הוא מתחם בעיר העתיקה בירושלים, המקודש ביותר ליהדות, השלישי "
            "בקדושתו לאיסלאם, ובעל מכובדות וחשיבות היסטורית בנצרות.",
            "בירושלים",
            ["ב", "ירושלים"],
        ),
        (  # it.wikipedia, from tests/disputes/abkhazia: an elided article, split by spaCy's
            # Italian tokenizer but not by its English one
            "en",
            "Gagra (in abcaso) è una città dell'Abcasia (territorio rivendicato dalla Georgia e "
            "non riconosciuto dalla comunità internazionale), sulla costa nord-orientale del Mar "
            "Nero, ai piedi dei monti del Caucaso.",
            "dell'Abcasia",
            ["dell'", "Abcasia"],
        ),
    ],
)
def test_a_mention_inside_a_token_splits_it(
    lang: str, text: str, before: str, after: list[str]
) -> None:
    assert before in tokens(spacy.blank(lang).make_doc(text))
    doc = blank(lang)(text)
    start = tokens(doc).index(after[0])
    assert tokens(doc)[start : start + len(after)] == after
    assert spans(doc) == mentions(text)
    assert "".join(t.text_with_ws for t in doc) == text


def test_inflected_russian_mentions_keep_their_ending() -> None:
    text = "Захарова заявила о неоспоримом суверенитете РФ над Южными Курилами."  # RIA Новости
    doc = blank("ru")(text)
    assert spans(doc) == [(51, 66, "Южными Курилами", "northern-territories-southern-kurils")]
    (span,) = doc.spans["toponyms"]
    assert (span._.used_by, span._.names) == (
        ["RU"],
        {"JP": "северные территории", "RU": "Южные Курилы"},
    )


def test_the_possessive_s_stays_out_of_the_span() -> None:
    doc = blank("en")("Yuzhno-Kurilsk, Kunashir's main town, faces Hokkaido.")
    assert spans(doc)[:2] == [
        (0, 14, "Yuzhno-Kurilsk", "furukamappu-yuzhno-kurilsk"),
        (16, 24, "Kunashir", "kunashir-kunashiri"),
    ]
    assert tokens(doc)[4:6] == ["Kunashir", "'s"]


def test_split_pieces_keep_the_parse_and_the_tags() -> None:
    nlp = spacy.blank("en")
    words = ["Japan", "claims", "択捉島と国後島", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True, True, False, False],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        pos=["PROPN", "VERB", "PROPN", "PUNCT"],
        lemmas=words,
    )
    split_tokens_at(doc, [13, 16, 17, 20])
    assert [(t.text, t.head.text, t.dep_, t.pos_, t.lemma_) for t in doc] == [
        ("Japan", "claims", "nsubj", "PROPN", "Japan"),
        ("claims", "claims", "ROOT", "VERB", "claims"),
        ("択捉島", "国後島", "dep", "PROPN", "択捉島"),
        ("と", "国後島", "dep", "PROPN", "と"),
        ("国後島", "claims", "dobj", "PROPN", "国後島"),
        (".", "claims", "punct", "PUNCT", "."),
    ]


def test_split_pieces_after_the_first_start_no_sentence() -> None:
    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("toponyms")
    doc = nlp("北方領土と千島列島。Etorofu.")
    assert [(t.text, t.is_sent_start) for t in doc] == [
        ("北方領土", True),
        ("と", False),
        ("千島列島", False),
        ("。", False),
        ("Etorofu", False),  # the sentencizer saw one token "北方領土と千島列島。Etorofu"
        (".", False),
    ]


def test_other_span_groups_keep_their_text_over_split_tokens() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("span_ruler")
    ruler.add_patterns(
        [{"label": "PAIR", "pattern": "択捉島と国後島"}, {"label": "ISL", "pattern": "Etorofu"}]
    )
    nlp.add_pipe("toponyms")
    doc = nlp("択捉島と国後島 and Etorofu")
    assert [(s.text, s.label_, s.start, s.end) for s in doc.spans["ruler"]] == [
        ("択捉島と国後島", "PAIR", 0, 3),
        ("Etorofu", "ISL", 4, 5),
    ]


def test_ents_hold_the_mentions_with_their_place_ids() -> None:
    text = "Japan calls Iturup Etorofu, and 国後島 Kunashiri."
    doc = blank("en", ents=True)(text)
    assert [(e.start_char, e.end_char, e.label_, e.kb_id_) for e in doc.ents] == [
        (s, e, "TOPONYM", place) for s, e, _, place in mentions(text)
    ]
    assert doc[2].ent_kb_id_ == "etorofu-iturup"


@pytest.fixture
def ruler_then_toponyms() -> Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "FAC", "pattern": "Iturup airport"},
            {"label": "GPE", "pattern": "Japan"},
            {"label": "GPE", "pattern": [{"TEXT": "Kırım’da"}]},
        ]
    )
    return nlp


TEXT_WITH_ENTS = "The Iturup airport opened in 2014; Japan protested, and Kırım’da Etorofu."


def test_entities_already_there_win_over_overlapping_mentions(
    ruler_then_toponyms: Language,
) -> None:
    ruler_then_toponyms.add_pipe("toponyms", config={"ents": True})
    doc = ruler_then_toponyms(TEXT_WITH_ENTS)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Iturup airport", "FAC", ""),
        ("Japan", "GPE", ""),
        ("Kırım’da", "GPE", ""),  # split in two tokens under the entity, which stays whole
        ("Etorofu", "TOPONYM", "etorofu-iturup"),
    ]
    assert [s.text for s in doc.spans["toponyms"]] == ["Iturup", "Kırım", "Etorofu"]


def test_overwrite_ents_lets_mentions_replace_overlapping_entities(
    ruler_then_toponyms: Language,
) -> None:
    ruler_then_toponyms.add_pipe("toponyms", config={"ents": True, "overwrite_ents": True})
    doc = ruler_then_toponyms(TEXT_WITH_ENTS)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Iturup", "TOPONYM", "etorofu-iturup"),
        ("Japan", "GPE", ""),
        ("Kırım", "TOPONYM", "crimea"),
        ("Etorofu", "TOPONYM", "etorofu-iturup"),
    ]


def test_without_ents_the_entities_are_left_alone(ruler_then_toponyms: Language) -> None:
    ruler_then_toponyms.add_pipe("toponyms")
    doc = ruler_then_toponyms(TEXT_WITH_ENTS)
    assert [e.text for e in doc.ents] == ["Iturup airport", "Japan", "Kırım’da"]


def test_settings_spans_key_label_fuzzy_and_gazetteer() -> None:
    text = "Kunashri and Etorofu"
    doc = blank("en", spans_key="places", label="DISPUTED")(text)
    assert "toponyms" not in doc.spans
    assert [(s.text, s.label_) for s in doc.spans["places"]] == [
        ("Kunashri", "DISPUTED"),
        ("Etorofu", "DISPUTED"),
    ]
    strict = blank("en", fuzzy=False)(text)
    assert spans(strict) == mentions(text, fuzzy=False) == [(13, 20, "Etorofu", "etorofu-iturup")]
    mini = blank("en", gazetteer=str(MINI))("Etorofu and Crimea")
    assert spans(mini) == [(0, 7, "Etorofu", "etorofu-iturup")]  # mini knows no Crimea


def test_a_doc_without_mentions_gets_an_empty_group() -> None:
    doc = blank("en")("Nothing disputed here.")
    assert list(doc.spans["toponyms"]) == []


def test_bad_settings_are_refused_when_the_pipe_is_added() -> None:
    with pytest.raises(ValueError, match="spans_key"):
        blank("en", spans_key="")


def test_extensions_are_registered_once_with_none_as_default() -> None:
    blank("en")
    blank("ru")  # a second component registers nothing again
    assert Span.get_extension("names") == (None, None, None, None)
    assert Span.get_extension("used_by") == (None, None, None, None)


def test_docs_serialize_with_their_extensions() -> None:
    nlp = blank("en")
    doc = nlp("Japan calls Iturup Etorofu.")
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(s.kb_id_, s._.names, s._.used_by) for s in restored.spans["toponyms"]] == [
        ("etorofu-iturup", {"JP": "Etorofu", "RU": "Iturup"}, ["RU"]),
        ("etorofu-iturup", {"JP": "Etorofu", "RU": "Iturup"}, ["JP"]),
    ]


def test_pipe_in_two_processes_equals_the_serial_result() -> None:
    nlp = blank("en", gazetteer=str(MINI))
    texts = ["Japan calls Iturup Etorofu.", "北方領土と千島列島", "Kurils", "nothing"] * 10
    serial = [(spans(d), [s._.used_by for s in d.spans["toponyms"]]) for d in nlp.pipe(texts)]
    parallel = nlp.pipe(texts, n_process=2, batch_size=5)
    assert [(spans(d), [s._.used_by for s in d.spans["toponyms"]]) for d in parallel] == serial


def test_a_saved_pipeline_loads_with_its_settings(tmp_path: Path) -> None:
    nlp = blank("ru", ents=True, spans_key="places")
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["toponyms"]
    assert loaded.config["components"]["toponyms"] == nlp.config["components"]["toponyms"]
    text = "Захарова заявила о неоспоримом суверенитете РФ над Южными Курилами."
    doc = loaded(text)
    assert spans(doc, "places") == mentions(text)
    assert [e.kb_id_ for e in doc.ents] == ["northern-territories-southern-kurils"]
    assert json.loads((tmp_path / "pipeline" / "toponyms" / "cfg.json").read_text()) == {
        "data_version": toponyms.DATA_VERSION
    }


def test_loading_under_other_data_logs_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blank("en").to_disk(tmp_path / "pipeline")
    (tmp_path / "pipeline" / "toponyms" / "cfg.json").write_text('{"data_version": "2000.1.1"}')
    with caplog.at_level("WARNING", logger="toponyms"):
        spacy.load(tmp_path / "pipeline")
    assert caplog.messages == [
        f"the pipeline was saved with gazetteer data 2000.1.1, this one is {toponyms.DATA_VERSION}"
    ]


def test_a_saved_pipeline_carries_its_own_gazetteer(tmp_path: Path) -> None:
    own = tmp_path / "own"
    shutil.copytree(MINI, own)
    nlp = blank("en", gazetteer=str(own))
    nlp.to_disk(tmp_path / "pipeline")
    shutil.rmtree(own)  # the pipeline moves to a machine without the directory
    loaded = spacy.load(tmp_path / "pipeline")
    assert sorted(p.name for p in (tmp_path / "pipeline" / "toponyms" / "gazetteer").iterdir())
    assert sorted(p.name for p in (tmp_path / "pipeline/toponyms/gazetteer").iterdir()) == sorted(
        p.name for p in MINI.iterdir()
    )
    assert spans(loaded("Etorofu and Crimea")) == [(0, 7, "Etorofu", "etorofu-iturup")]


def test_bytes_round_trip_keeps_the_gazetteer(tmp_path: Path) -> None:
    own = tmp_path / "own"
    shutil.copytree(MINI, own)
    data = blank("en", gazetteer=str(own)).to_bytes()
    saved = blank("en", gazetteer=str(own)).get_pipe("toponyms").to_bytes()
    shutil.rmtree(own)
    nlp = blank("en", gazetteer=str(own))  # the gazetteer loads on first use: not yet
    nlp.from_bytes(data)
    assert spans(nlp("Etorofu and Crimea")) == [(0, 7, "Etorofu", "etorofu-iturup")]
    # its files are kept, though their directory is gone
    assert nlp.get_pipe("toponyms").to_bytes() == saved


def test_a_missing_gazetteer_directory_fails_on_first_use(tmp_path: Path) -> None:
    nlp = blank("en", gazetteer=str(tmp_path / "nowhere"))
    with pytest.raises(toponyms.GazetteerError, match="is not a directory"):
        nlp("Etorofu")


def test_the_component_is_a_toponym_recognizer() -> None:
    assert isinstance(blank("en").get_pipe("toponyms"), ToponymRecognizer)


def test_the_entry_point_names_the_factory() -> None:
    (point,) = entry_points(group="spacy_factories", name="toponyms")
    assert point.value == "toponyms.spacy:make_toponyms"


def test_add_pipe_by_name_works_in_a_fresh_process() -> None:
    """No ``import toponyms``: spaCy finds the factory through the entry point alone."""
    script = f"""
import json, sys, spacy
nlp = spacy.blank("ru")
nlp.add_pipe("toponyms", config={{"gazetteer": {str(MINI)!r}}})
doc = nlp("Итуруп и 択捉島")
print(json.dumps([[s.start_char, s.end_char, s.kb_id_] for s in doc.spans["toponyms"]]))
"""
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(run.stdout) == [[0, 6, "etorofu-iturup"], [9, 12, "etorofu-iturup"]]
