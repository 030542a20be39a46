"""The toponyms demo: annotate the bundled news articles (examples/articles/) and print every
mention with both sides' names; then rewrite a sentence from each side and normalize a few
variant spellings."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import toponyms

ARTICLES = Path(__file__).parent / "articles"

EXTRA = (
    "Japan claims Etorofu, Kunashiri, Shikotan and the Habomai Islands; Russia calls them the "
    "Southern Kurils. В Южно-Курильске на Кунашире и на Итурупе — 北方領土の択捉島と国後島."
)
# What scanned archives and real pages carry: OCR misreadings, kana readings in parentheses, a
# look-alike qualified by another country, a lone surrogate from a bad decode, an ellipsis.
REAL_TEXT = (
    "Scanned 1956: the Northem Territories, Habornai and lturup; 択捉鳥と国後島(くなしりとう). "
    "Северные территории Канады are not Japan's \udcff… Выставка работ Полонского; на острове "
    "Полонского."
)
RUSSIAN = "О Северных территориях спорят, на Южных Курилах тихо."
VARIANTS = ["Kurile Islands", "Etorofu-tō", "Kunashri", "остров Итуруп", "Hoppo Ryodo",
            "Northern Territory", "泊村 (国後島)"]  # fmt: skip


#: The world's disputes: real sentences from the press (tests/disputes/ has them with their
#: sources), each mention with every party's name for the place.
WORLD = [
    "Argentina says it has a right to the islands, which it calls the Malvinas, because it "
    "inherited them from the Spanish crown in the early 1800s.",  # BBC
    "New Delhi: External Affairs Minister (EAM) S Jaishankar asserted on Sunday that "
    "Pakistan-occupied Kashmir (PoK) belongs to India.",  # Zee News
    "Sevastopol was a city of major importance in the Crimean War, where the city was held under "
    "siege and hosted several famous battles, notably the Battle of Balaclava.",
    "Georgia is a country located in the Caucasus region.",  # DW
    "ATLANTA: Georgia lawmakers passed the budget.",  # made up: the US state gives no mention
]

#: Case endings inside the mention, particles and suffixes outside it.
LANGUAGES = [
    "Аеропорт на Ітурупі",  # Ukrainian locative
    "на Кунашыры",  # Belarusian locative
    "na Kunaszyrze",  # Polish locative
    "Kuril Adaları'nda",  # Turkish: a suffix after the apostrophe
    "쿠릴 열도는",  # Korean: a particle
]


def show(label: str, text: str) -> None:
    mentions = toponyms.annotate(text)
    print(f"\n== {label}: {len(mentions)} mention(s)")
    for m in mentions:
        line = text.count("\n", 0, m.start) + 1
        whose = "+".join(sorted(m.used_by))
        sides = "   ".join(f"{party}: {name}" for party, name in m.names.items())
        print(f"  line {line:>3}  {m.text!r:24} -> {m.place_id:38} ({whose} name)   {sides}")


def main() -> int:
    gazetteer = toponyms.default_gazetteer()
    names = sum(len(p.names) for p in gazetteer.places)
    print(f"toponyms {toponyms.__version__}: {len(gazetteer)} places, {names} names")
    for path in sorted(ARTICLES.glob("*.txt")):
        show(path.name, path.read_text(encoding="utf-8"))
    show("a sentence in three scripts", EXTRA)
    show("what scanners and real pages produce", REAL_TEXT)

    print("\n== the world's disputes (`toponyms disputes` lists them)")
    for text in WORLD:
        found = [
            (m.text, m.place_id, "+".join(sorted(m.used_by)), dict(m.names))
            for m in toponyms.annotate(text)
        ]
        print(f"  {text[:60]!r}...\n      -> {found}")
    dated = "The Republic of Macedonia applied to join NATO."
    for as_of in (datetime.date(2010, 1, 1), None):
        when = "today" if as_of is None else str(as_of)
        print(f"  rewrite for GR, {when}: {toponyms.rewrite(dated, 'GR', as_of=as_of)}")

    print("\n== rewrite(): the same sentence from each side")
    for party in ("JP", "RU"):
        print(f"  {party}: {toponyms.rewrite(EXTRA, party)}")
    print("  in the case of the word replaced:")
    for party in ("JP", "RU"):
        print(f"  {party}: {toponyms.rewrite(RUSSIAN, party)}")

    print("\n== each name read by its own language's rules (src/toponyms/lang/)")
    for text in LANGUAGES:
        found = [(m.text, m.place_id, m.lang) for m in toponyms.annotate(text)]
        print(f"  {text!r:28} -> {found}")

    print("\n== normalize(): one neutral ID per spelling")
    for variant in VARIANTS:
        print(f"  {variant!r:24} -> {toponyms.normalize(variant)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
