"""Real sentences with the mentions a reader sees in them: the fixtures' common reading."""

from __future__ import annotations

from typing import Any


def expected_spans(sentence: dict[str, Any], where: str = "") -> list[tuple[int, int, str, str]]:
    """``(start, end, text, place)`` of each mention of a fixture sentence, found in order."""
    text: str = sentence["text"]
    spans = []
    position = 0
    for mention in sentence.get("mentions") or []:
        start = text.find(mention["text"], position)
        assert start >= 0, f"{where}{mention['text']!r} is not in {text!r} after {position}"
        end = start + len(mention["text"])
        spans.append((start, end, mention["text"], mention["place"]))
        position = end
    return spans
