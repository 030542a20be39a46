"""The toponyms demo: every Kuril place with each side's names, then the place names of the
bundled news articles (examples/articles/) normalized to their neutral IDs."""

from __future__ import annotations

import sys
from pathlib import Path

import toponyms

ARTICLES = Path(__file__).parent / "articles"

# Spellings as they stand in the bundled articles, plus variants a pipeline meets elsewhere.
VARIANTS = [
    "Kuril Islands",
    "Kunashir",
    "Shikotan",
    "Habomai",
    "Iturup",
    "Southern Kurils",
    "Northern Territories",
    "Kurile Islands",
    "Etorofu-tō",
    "Kunashri",
    "остров Итуруп",
    "北方領土",
    "Hoppo Ryodo",
    "Northern Territory",
]


def main() -> int:
    gazetteer = toponyms.default_gazetteer()
    dispute = gazetteer.disputes["kuril-islands"]
    print(
        f"== {dispute.title}: {len(gazetteer)} places, parties {', '.join(sorted(dispute.parties))}"
    )
    for place in gazetteer.places:
        if place.dispute != dispute.id:
            continue
        sides = []
        for party in sorted(place.parties):
            name = place.name_for(party, "en")
            native = place.name_for(party, "ru" if party == "RU" else "ja")
            shown = "-" if name is None else name.text
            if native is not None and native.text != shown:
                shown += f" / {native.text}"
            sides.append(f"{party}: {shown}")
        print(f"{place.id:40} {'   '.join(sides)}")

    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))}
    print(f"\n== normalize(): variants from {len(texts)} bundled articles and beyond")
    for variant in VARIANTS:
        seen_in = [name for name, text in texts.items() if variant in text]
        place_id = toponyms.normalize(variant)
        where = f"  (in {', '.join(seen_in)})" if seen_in else ""
        print(f"{variant:24} -> {place_id or 'None'}{where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
