"""Generated text for the benchmarks: news-like articles and the variants real text comes in.

Every article is a list of parts, each either filler or a gazetteer name with its place ID, so a
variant can change the filler (or how a name is written) and still know the span of every name
it embedded. The generator is seeded: the same size gives the same text on every run.

Variants (each a list of ``(article, [((start, end), place_id), ...])``):

- ``prose``: articles of about 4 kB in English, Russian and Japanese, a name per ~900 characters;
- ``real-chars``: the same articles carrying the characters real text carries, scattered through
  them: … № ﬁ ﬂ İ ½ ™ ㎞, «quotes», URLs, tables of figures, accents written as a base letter and
  a combining mark (NFD, as text copied on macOS has them), halfwidth katakana with voicing marks;
- ``one-char``: the prose articles, each with exactly one " …" appended;
- ``dense``: lists of place names, CSV rows and bulleted lists, a name every few characters.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable

import toponyms

Span = tuple[int, int]
Expected = list[tuple[Span, str]]
Article = tuple[str, Expected]
Part = tuple[str, str | None]  # (text, place ID or None for filler)

EN_TEXT = (
    "The minister said on Tuesday that talks would continue next month . Officials from both "
    "countries met in Moscow and Tokyo to discuss fisheries , trade and security . Analysts "
    "expect no breakthrough before the summit , according to Reuters and Kyodo . The ministry "
    "declined to comment on the report . Prime Minister Kishida and President Putin spoke by "
    "phone about the peace treaty . Fishermen from Rausu and Sapporo hope for visa-free "
    "visits . Kamchatka , Vladivostok and Magadan saw record tourism this summer ."
)
RU_TEXT = (
    "Министр заявил во вторник , что переговоры продолжатся в следующем месяце . Делегации "
    "обсудили рыболовство , торговлю и безопасность в Москве . Эксперты не ждут прорыва до "
    "саммита , сообщает ТАСС . Губернатор Лимаренко посетил порт и школу . Жители острова "
    "ждут новый аэропорт и дорогу . Погода на Камчатке и во Владивостоке была тёплой ."
)
FILLER = {
    "en": EN_TEXT.split(),
    "ru": RU_TEXT.split(),
    "ja": list(
        "政府は火曜日、交渉を来月も続けると発表した。両国の代表は漁業や貿易について協議した。"
        "専門家は首脳会談までに進展はないと見ている。元島民は墓参の再開を望んでいる。"
        "羅臼町の港では漁船が出港の準備をしていた。"
    ),
}
SYLLABLES = {
    "en": [c + v for c in "bcdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ea", "ou")],
    "ru": [c + v for c in "бвгджзклмнпрстфхцчшщ" for v in "аеиоуыяю"],
    "ja": list(
        "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん"
    )
    + list("政府交渉発表代表漁業貿易協議専門家首脳会談進展元島民墓参再開港漁船出準備国際経済安全"),
}
SEED = 20261123


def lexicon(lang: str, rng: random.Random, size: int = 30_000) -> list[str]:
    """Pseudo-words ranked for a Zipf draw: news has a long tail of rare words, which keeps
    every matcher's caches honest; the real filler sentences give the frequent words."""
    syllables = SYLLABLES[lang]
    words = {"".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(size)}
    return sorted(words)


def name_pools() -> dict[str, list[tuple[str, str]]]:
    """Names of 3+ characters in English, Russian and Japanese that the annotator reports as
    written, at their own span, when they stand alone: the names a corpus can embed."""
    gazetteer = toponyms.default_gazetteer()
    pools: dict[str, list[tuple[str, str]]] = {"en": [], "ru": [], "ja": []}
    for place in gazetteer.places:
        for name in place.names:
            if name.lang not in pools or len(name.text) <= 2:
                continue
            found = [(m.start, m.end, m.place_id) for m in gazetteer.annotate(name.text)]
            if found == [(0, len(name.text), place.id)]:
                pools[name.lang].append((name.text, place.id))
    return pools


def assemble(parts: list[Part], joiner: str) -> Article:
    """The article the parts make, joined by ``joiner``, with the span of every name."""
    expected: Expected = []
    length = 0
    for text, place_id in parts:
        if place_id is not None:
            expected.append(((length, length + len(text)), place_id))
        length += len(text) + len(joiner)
    return joiner.join(text for text, _ in parts), expected


def _joiner(lang: str) -> str:
    return "" if lang == "ja" else " "  # Japanese runs names into the text, unspaced


def prose_parts(mb: float, seed: int = SEED) -> list[tuple[str, list[Part]]]:
    """The parts of articles of about 4 kB, ``mb`` MB (UTF-8) in all, with their language."""
    pools = name_pools()
    rng = random.Random(seed)
    lexicons = {lang: lexicon(lang, rng) for lang in pools}
    weights = {lang: [1 / (rank + 1) ** 1.1 for rank in range(len(lex))]
               for lang, lex in lexicons.items()}  # fmt: skip
    articles: list[tuple[str, list[Part]]] = []
    size = 0
    while size < mb * 1_000_000:
        lang = rng.choices(["en", "ru", "ja"], weights=[6, 3, 2])[0]
        filler, joiner = FILLER[lang], _joiner(lang)
        parts: list[Part] = []
        length = 0
        while length < 4000:
            start = rng.randrange(len(filler))
            count = rng.randrange(30, 120)  # with the rare words: a name per ~900 characters
            words = [filler[(start + k) % len(filler)] for k in range(count)]
            rare = rng.choices(lexicons[lang], weights[lang], k=count)
            mixed = [w for pair in zip(words, rare, strict=True) for w in pair]
            if lang != "ja":
                mixed = [w.capitalize() if rng.random() < 0.08 else w for w in mixed]
            chunk = joiner.join(mixed)
            name = rng.choice(pools[lang])
            parts += [(chunk, None), name]
            length += len(chunk) + len(name[0]) + 2 * len(joiner)
        articles.append((lang, parts))
        size += len(assemble(parts, joiner)[0].encode())
    return articles


def prose(mb: float) -> list[Article]:
    """News-like articles with gazetteer names embedded."""
    return [assemble(parts, _joiner(lang)) for lang, parts in prose_parts(mb)]


def one_char(mb: float) -> list[Article]:
    """The prose articles, each with one " …" appended (the names keep their spans)."""
    return [(text + " …", expected) for text, expected in prose(mb)]


# -- real-chars ---------------------------------------------------------------------------------


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


_URLS = [
    "https://www.example.org/news/2024/05/fisheries-talks?id=18342&lang=en",
    "http://tass.example/politika/19283746",
    "https://example.jp/news/articles/20240512-OYT1T50123/",
]
_TABLE = "\n| year | catch, t | share |\n| 2022 | 1 204,5 | 12 % |\n| 2023 | 1 310,0 | 14 % |\n"
_COMMON = ["…", "№ 12", "™", "½", "12 ㎞", "3,5 ㎞", "—", "(c) 2024", "²", "€ 1,2 млн"]
_SPECIALS = {
    "en": _COMMON
    + ["ﬁshery", "ﬂights", "oﬃcials", "beneﬁt", "İstanbul", "İzmir", "“talks”", "«quote»"]
    + [
        _nfd(w)
        for w in ("café", "Zürich", "naïve", "résumé", "São Paulo", "Ryōdo", "Tōkyō", "Ōsaka")
    ],
    "ru": _COMMON
    + ["«ТАСС»", "«Интерфакс»", "№ 5", "т. е.", "ﬁ"]
    + [_nfd(w) for w in ("новый", "район", "май", "Зелёный", "ещё", "край")],
    "ja": _COMMON
    + ["ｶﾞｽ", "ﾃﾞｰﾀ", "ﾋﾞﾙ", "ﾊﾟﾝ", "ｺﾞﾐ", "ﾌﾟﾛｼﾞｪｸﾄ", "①", "㈱", "１２３", "㌔", "「会談」"]
    + [_nfd(w) for w in ("ガス", "データ", "ビル")],
}


def _scatter(chunk: str, lang: str, rng: random.Random) -> str:
    """``chunk`` with a special character or phrase about every 150 characters, a table of
    figures or a URL now and then."""
    words = list(chunk) if lang == "ja" else chunk.split(" ")
    out: list[str] = []
    budget = rng.randrange(40, 260)
    for word in words:
        out.append(word)
        budget -= len(word) + 1
        if budget <= 0:
            roll = rng.random()
            extra = _TABLE if roll < 0.05 else rng.choice(_URLS) if roll < 0.15 else None
            out.append(extra or rng.choice(_SPECIALS[lang]))
            budget = rng.randrange(40, 260)
    if lang == "ja":
        return "".join(out)
    return " ".join(out)


def _as_written(name: str, lang: str, rng: random.Random) -> str:
    """A name as real text may write it: accents as combining marks, katakana halfwidth."""
    if rng.random() < 0.5 and unicodedata.normalize("NFD", name) != name:
        return _nfd(name)
    if lang == "ja" and rng.random() < 0.3 and all("\u30a0" < c < "\u30ff" for c in name):
        return name.translate(_TO_HALFWIDTH)
    return name


_TO_HALFWIDTH: dict[int, str] = {}
for _code in range(0xFF61, 0xFFA0):  # halfwidth katakana and their marks
    _full = unicodedata.normalize("NFKC", chr(_code))
    if len(_full) == 1:
        _TO_HALFWIDTH.setdefault(ord(_full), chr(_code))
for _code in range(0x30A1, 0x30FB):  # voiced katakana: the base letter and the ﾞ or ﾟ mark
    _parts = unicodedata.normalize("NFD", chr(_code))
    if len(_parts) == 2 and ord(_parts[0]) in _TO_HALFWIDTH:
        _mark = {"\u3099": "\uff9e", "\u309a": "\uff9f"}.get(_parts[1])
        if _mark:
            _TO_HALFWIDTH[_code] = _TO_HALFWIDTH[ord(_parts[0])] + _mark


def real_chars(mb: float) -> list[Article]:
    """The prose articles with the characters real text carries scattered through them."""
    rng = random.Random(SEED + 1)
    articles = []
    for lang, parts in prose_parts(mb):
        changed: list[Part] = [
            (_scatter(text, lang, rng), None)
            if place_id is None
            else (_as_written(text, lang, rng), place_id)
            for text, place_id in parts
        ]
        articles.append(assemble(changed, _joiner(lang)))
    return articles


# -- dense --------------------------------------------------------------------------------------


def dense(mb: float) -> list[Article]:
    """Lists of place names: CSV rows (id, name, lat, lon) and bulleted lists, ~4 kB each."""
    pools = name_pools()
    names = [name for pool in pools.values() for name in pool]
    rng = random.Random(SEED + 2)
    articles = []
    size = 0
    while size < mb * 1_000_000:
        parts: list[Part] = []
        csv = rng.random() < 0.5
        parts.append(("id,name,lat,lon\n" if csv else "Places:\n", None))
        length = len(parts[0][0])
        row = 0
        while length < 4000:
            row += 1
            text, place_id = rng.choice(names)
            if csv:
                quote = '"' if rng.random() < 0.2 else ""
                before = f"{row},{quote}"
                after = f"{quote},{rng.uniform(43, 51):.3f},{rng.uniform(141, 157):.3f}\n"
            else:
                before, after = rng.choice(["- ", "• ", "* ", "・", "1. "]), "\n"
            parts += [(before, None), (text, place_id), (after, None)]
            length += len(before) + len(text) + len(after)
        article = assemble(parts, "")
        articles.append(article)
        size += len(article[0].encode())
    return articles


VARIANTS: dict[str, Callable[[float], list[Article]]] = {
    "prose": prose,
    "real-chars": real_chars,
    "one-char": one_char,
    "dense": dense,
}
