"""Real sentences with the mentions a reader sees in them: the fixtures' common reading."""

from __future__ import annotations

from typing import Any

#: Short sentences for the integrations' tests (Dask, Spark): each side's names, a shared
#: form, inflections, Japanese without spaces, and no place at all.
SENTENCES = [
    "Japan claims Iturup, which it calls Etorofu.",
    "Russia says KUNASHIR and Iturup are its own.",
    "Argentina says it has a right to the islands, which it calls the Malvinas.",
    "В Южно-Курильске на Кунашире и на Итурупе — 北方領土の択捉島と国後島.",
    "No place is named here.",
]


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
