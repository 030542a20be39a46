"""The language fixture: real sentences in each language of ``toponyms.lang``, with inflected,
cliticized and suffixed mentions and look-alikes, annotated with exact offsets.

Each ``tests/languages/<code>.yaml`` holds names of the fixture places (``_places.yaml``) in one
language, each with the page that uses it, and sentences copied from real pages (with their
URL), each with the exact text of every mention in order. The names of every file make one
small gazetteer, built in memory, so that a sentence in one language is also checked against
the names of all the others.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import toponyms
from toponyms.lang import available, language_for

from .sentences import expected_spans

HERE = Path(__file__).parent / "languages"
PLACES: dict[str, Any] = yaml.safe_load((HERE / "_places.yaml").read_text(encoding="utf-8"))
FILES = sorted(p for p in HERE.glob("*.yaml") if not p.name.startswith("_"))
DOCUMENTS = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in FILES}


def _gazetteer_files() -> dict[str, str]:
    """One YAML file per fixture place (each place is its own dispute, between its parties)."""
    names: dict[str, list[dict[str, Any]]] = {place: [] for place in PLACES}
    for code, document in DOCUMENTS.items():
        for name in document.get("names", []):
            entry = {
                "text": name["text"],
                "lang": name.get("lang", code),
                "used_by": list(PLACES[name["place"]]["parties"]),
                "kind": name.get("kind", "common"),
                "source": name["source"],
            }
            if "in_text" in name:
                entry["in_text"] = name["in_text"]
            names[name["place"]].append(entry)
    files = {}
    for place, spec in PLACES.items():
        if not names[place]:
            continue
        document = {
            "format": 1,
            "id": f"fixture-{place}",
            "title": f"Language fixture: {place}",
            "disputed": True,
            "parties": list(spec["parties"]),
            "places": [{"id": place, "kind": spec["kind"], "names": names[place]}],
        }
        files[f"{place}.yaml"] = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    return files


@pytest.fixture(scope="module")
def gazetteer(tmp_path_factory: pytest.TempPathFactory) -> toponyms.Gazetteer:
    directory = tmp_path_factory.mktemp("languages")
    for file_name, text in _gazetteer_files().items():
        (directory / file_name).write_text(text, encoding="utf-8")
    return toponyms.load(directory)


def _expected(sentence: dict[str, Any], code: str) -> list[tuple[int, int, str, str]]:
    return expected_spans(sentence, f"{code}: ")


SENTENCES = [
    pytest.param(code, i, id=f"{code}-{i}")
    for code, document in DOCUMENTS.items()
    for i in range(len(document.get("sentences", [])))
]


@pytest.mark.parametrize(("code", "index"), SENTENCES)
@pytest.mark.parametrize("fuzzy", [False, True], ids=["exact", "fuzzy"])
def test_sentence_mentions_have_exact_offsets(
    gazetteer: toponyms.Gazetteer, code: str, index: int, fuzzy: bool
) -> None:
    sentence = DOCUMENTS[code]["sentences"][index]
    found = [
        (m.start, m.end, m.text, m.place_id)
        for m in gazetteer.annotate(sentence["text"], fuzzy=fuzzy)
    ]
    assert found == _expected(sentence, code)


@pytest.mark.parametrize(("code", "index"), SENTENCES)
def test_every_mention_normalizes_to_its_place(
    gazetteer: toponyms.Gazetteer, code: str, index: int
) -> None:
    """One definition of "the same name": what annotate() finds, normalize() resolves."""
    sentence = DOCUMENTS[code]["sentences"][index]
    for mention in gazetteer.annotate(sentence["text"]):
        assert gazetteer.normalize(mention.text) == mention.place_id, mention


LOOK_ALIKES = [
    pytest.param(code, i, id=f"{code}-{i}")
    for code, document in DOCUMENTS.items()
    for i in range(len(document.get("look_alikes", [])))
]


@pytest.mark.parametrize(("code", "index"), LOOK_ALIKES)
def test_look_alike_is_no_mention(gazetteer: toponyms.Gazetteer, code: str, index: int) -> None:
    look_alike = DOCUMENTS[code]["look_alikes"][index]
    assert gazetteer.annotate(look_alike["text"], fuzzy=False) == []


@pytest.mark.parametrize("code", sorted(DOCUMENTS))
def test_fixture_file_is_complete(code: str) -> None:
    document = DOCUMENTS[code]
    assert document["language"] == code
    assert document.get("names"), f"{code}: no names"
    assert document.get("sentences"), f"{code}: no sentences"
    for item in [*document["names"], *document["sentences"], *document.get("look_alikes", [])]:
        assert str(item["source"]).startswith(("https://", "http://")), item
    for name in document["names"]:
        assert name["place"] in PLACES, name


@pytest.mark.parametrize("code", sorted(DOCUMENTS))
def test_language_of_each_fixture_has_rules(code: str) -> None:
    assert code in available()
    assert language_for(code) is not None
