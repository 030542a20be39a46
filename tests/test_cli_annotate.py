"""toponyms annotate / rewrite on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from toponyms.cli import main


def test_annotate_writes_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Japan calls Iturup Etorofu.\nна Итурупе\n", encoding="utf-8")
    assert main(["annotate", str(article)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records == [
        {"file": str(article), "start": 12, "end": 18, "text": "Iturup",
         "place_id": "etorofu-iturup", "used_by": ["RU"],
         "names": {"JP": "Etorofu", "RU": "Iturup"}, "method": "exact", "score": 100.0,
         "lang": "en"},
        {"file": str(article), "start": 19, "end": 26, "text": "Etorofu",
         "place_id": "etorofu-iturup", "used_by": ["JP"],
         "names": {"JP": "Etorofu", "RU": "Iturup"}, "method": "exact", "score": 100.0,
         "lang": "en"},
        {"file": str(article), "start": 31, "end": 38, "text": "Итурупе",
         "place_id": "etorofu-iturup", "used_by": ["RU"],
         "names": {"JP": "Эторофу", "RU": "Итуруп"}, "method": "inflected", "score": 100.0,
         "lang": "ru"},
    ]  # fmt: skip


def test_json_lines_carry_the_record_every_integration_uses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One record of a mention: the CLI's JSON line is Mention.to_dict() with the file."""
    import toponyms

    text = "Japan calls Iturup Etorofu; 国後島 and на Шикотане."
    article = tmp_path / "c.txt"
    article.write_text(text, encoding="utf-8")
    assert main(["annotate", str(article)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records == [{"file": str(article), **m.to_dict()} for m in toponyms.annotate(text)]
    assert [r["lang"] for r in records] == ["en", "en", "ja", "ru"]


def test_annotate_text_format_shows_both_sides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "b.txt"
    article.write_text("\n北方領土\n", encoding="utf-8")
    assert main(["annotate", "--format", "text", str(article)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"== {article}: 1 mention(s)"
    assert out[1].startswith(f"{article}:2  '北方領土'")
    assert out[1].endswith("[JP]  JP: 北方領土  RU: 南クリル諸島")


def test_annotate_reads_stdin_and_rewrite_keeps_everything_else() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "rewrite", "--perspective", "JP"],
        input="Russia says KUNASHIR is in the Southern Kurils.\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == "Russia says KUNASHIRI is in the Northern Territories.\n"
    result = subprocess.run(
        [sys.executable, "-m", "toponyms", "annotate"],
        input="Shikotan",
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["place_id"] == "shikotan-island"


def test_bad_inputs_are_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["annotate", str(tmp_path / "missing.txt")]) == 2
    assert capsys.readouterr().err.startswith(f"toponyms annotate: {tmp_path / 'missing.txt'}:")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe")
    assert main(["annotate", str(binary)]) == 2
    assert main(["rewrite", "--perspective", "Japan", str(binary.with_name("x"))]) == 2
    capsys.readouterr()
    (tmp_path / "ok.txt").write_text("Iturup", encoding="utf-8")
    assert main(["rewrite", "--perspective", "Japan", str(tmp_path / "ok.txt")]) == 2
    assert "perspective must be an ISO 3166-1 alpha-2 code" in capsys.readouterr().err


def test_rewrite_names_places_as_of_a_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .test_dated_names import MACEDONIA

    (tmp_path / "north-macedonia.yaml").write_text(MACEDONIA, encoding="utf-8")
    article = tmp_path / "article.txt"
    article.write_text("The Republic of Macedonia applied.", encoding="utf-8")
    common = ["rewrite", "--perspective", "GR", "--gazetteer", str(tmp_path), str(article)]
    assert main(common) == 0
    assert capsys.readouterr().out == "The North Macedonia applied."
    assert main([*common, "--as-of", "2010-01-01"]) == 0
    assert capsys.readouterr().out == "The Former Yugoslav Republic of Macedonia applied."
    with pytest.raises(SystemExit) as info:
        main([*common, "--as-of", "2010-13-01"])
    assert info.value.code == 2
    assert "not a date written YYYY-MM-DD: '2010-13-01'" in capsys.readouterr().err
