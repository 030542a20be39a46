"""Declension of place names: case forms to find inflected mentions and to write a replacement.

Russian names decline (на Итурупе, Южных Курил), so a matcher must know a name's case forms,
and a rewrite that replaces Итурупе must write the new name in the same case (Эторофу, which
does not decline). The endings are data (``lang/<language>.yaml``): classes of words
by their nominative ending, each with its endings per case and number, spelling rules (Курильские,
not Курильскые) and the words that never decline. This module applies them word by word.

Within a name, adjectives before the head noun agree with it (Южные Курилы -> Южных Курилах),
a hyphenated word declines only in its last part (Южно-Курильск -> Южно-Курильске), and the
words after the head noun stay as written: a genitive (остров Полонского -> острова Полонского)
or a name in apposition (острова Хабомаи -> островах Хабомаи). A word of no class stays too:
foreign names ending in a vowel other than -а/-я (Эторофу, Кунасири), and whatever the caller
marks indeclinable.

Cases are labels ``"<case>.<number>"``: ``nom``, ``gen``, ``dat``, ``acc``, ``ins``, ``loc``
(prepositional) and ``sg``, ``pl``.

>>> sorted(cases_of("Итурупе", "Итуруп"))
['loc.sg']
>>> decline("Южные Курилы", cases_of("Северных территориях", "Северные территории"))
'Южных Курилах'
>>> decline("Большая Курильская гряда", frozenset({"gen.sg"}))
'Большой Курильской гряды'
>>> decline("Эторофу", frozenset({"loc.sg"}))
'Эторофу'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from functools import cache, lru_cache
from typing import Any

import attrs
import yaml

from ..text.fold import fold

__all__ = [
    "Declension",
    "SpellingRule",
    "WordClass",
    "cases_of",
    "declension_for",
    "declension_pattern",
    "decline",
    "name_pattern",
]

_HYPHENS = re.compile("[-\u2010\u2011]")
_LETTERS = re.compile(r"[^\W\d_]+")


@attrs.frozen
class SpellingRule:
    """An ending rewritten after some letters: ы -> и after к (Курильские)."""

    after: str  # the letters that end the stem
    replace: str  # what starts the ending
    by: tuple[str, ...]  # its replacements; two mean stress decides
    part: str | None = None  # only for nouns or adjectives; None: both


@attrs.frozen(eq=False)
class WordClass:
    """Words of one nominative ending that decline alike."""

    name: str
    part: str  # "noun" or "adjective"
    gender: str  # "m", "f", "n", or "pl" for plurals
    number: str  # the number of the nominative: "sg" or "pl"
    ending: str  # the nominative ending, folded, taken off to give the stem
    #: Endings by label ("gen.sg"); alternatives, the first one written, None: not known.
    forms: Mapping[str, tuple[str | None, ...]]
    when: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None

    def fits(self, folded: str) -> bool:
        """Whether the folded nominative ``folded`` belongs to this class."""
        return (
            folded.endswith(self.ending)
            and (self.when is None or self.when.search(folded) is not None)
            and (self.unless is None or self.unless.search(folded) is None)
        )


@attrs.frozen(eq=False)
class _Word:
    """One word of a name: what stays as written before its declinable part, and that part."""

    prefix: str  # as written: "Южно-" of Южно-Курильск; "" for most words
    prefix_folded: tuple[str, ...]  # the folded parts of the prefix
    text: str  # the declinable part as written (the whole word when it stays)
    folded: str
    classes: tuple[WordClass, ...]  # empty: stays as written
    agrees: bool  # an adjective before the head noun, or the head noun: declines with the name
    #: A word after the head noun that may agree with it or stay (Остров Зелёный).
    optional: bool = False


@attrs.frozen(eq=False)
class Declension:
    """The declension tables of one language, read from its data file; pure data, picklable."""

    language: str
    cases: tuple[str, ...]
    classes: tuple[WordClass, ...]
    spelling: tuple[SpellingRule, ...]
    indeclinable: frozenset[str]
    #: Labels left out of matching patterns, by class name and a pattern on the folded word.
    matcher_skips: tuple[tuple[str, re.Pattern[str], frozenset[str]], ...]
    min_stem: int = 3
    min_decline_stem: int = 2

    @property
    def labels(self) -> frozenset[str]:
        """Every case label: ``nom.sg`` ... ``loc.pl``."""
        return frozenset(f"{c}.{n}" for c in self.cases for n in ("sg", "pl"))

    # -- single words ------------------------------------------------------------------------

    def classes_of(
        self, folded: str, *, indeclinable: Collection[str] = ()
    ) -> tuple[WordClass, ...]:
        """The classes a folded nominative word may belong to; none when it stays as written.

        >>> [c.name for c in declension_for("ru").classes_of("курильский")]
        ['adj-m-velar']
        >>> declension_for("ru").classes_of("хоккайдо")
        ()
        """
        if (
            folded in self.indeclinable
            or folded in indeclinable
            or _LETTERS.fullmatch(folded) is None
        ):
            return ()
        return tuple(
            c
            for c in self.classes
            if c.fits(folded) and len(folded) - len(c.ending) >= self.min_decline_stem
        )

    def spelled(self, stem: str, ending: str, part: str) -> tuple[str, ...]:
        """``ending`` after ``stem`` as spelled: one ending, or two where stress decides."""
        for rule in self.spelling:
            if (
                stem
                and stem[-1] in rule.after
                and ending.startswith(rule.replace)
                and rule.part in (None, part)
            ):
                rest = ending[len(rule.replace) :]
                return tuple(dict.fromkeys(b + rest for b in rule.by))
        return (ending,)

    def endings(self, cls: WordClass, folded: str) -> dict[str, tuple[tuple[str, ...], str | None]]:
        """Each label's endings of ``folded`` in ``cls``: all that are recognized, and the one
        written (None when not known reliably)."""
        return _endings(self, cls, folded)

    def _endings(
        self, cls: WordClass, folded: str
    ) -> dict[str, tuple[tuple[str, ...], str | None]]:
        stem = folded[: len(folded) - len(cls.ending)]
        own = f"nom.{cls.number}"
        result: dict[str, tuple[tuple[str, ...], str | None]] = {}
        for label, alternatives in cls.forms.items():
            if label == own:  # the nominative is the word itself, whatever the spelling rules
                result[label] = ((cls.ending,), cls.ending)
                continue
            every: dict[str, None] = {}
            for alternative in alternatives:
                if alternative is not None:
                    every.update(dict.fromkeys(self.spelled(stem, alternative, cls.part)))
            first = alternatives[0]
            written = None
            if first is not None:
                spelled = self.spelled(stem, first, cls.part)
                written = spelled[0] if len(spelled) == 1 else None
            result[label] = (tuple(every), written)
        return result

    def skipped(self, cls: WordClass, folded: str) -> frozenset[str]:
        """The labels of ``folded`` in ``cls`` that matching patterns leave out."""
        skipped: set[str] = set()
        for name, pattern, labels in self.matcher_skips:
            if name == cls.name and pattern.search(folded):
                skipped |= labels
        return frozenset(skipped)

    def word_forms(
        self,
        folded: str,
        classes: Iterable[WordClass],
        *,
        matching: bool,
        proper: bool = False,
    ) -> set[str]:
        """Every folded case form of ``folded`` in ``classes`` (for matching: without the
        forms matching patterns skip, and for a ``proper`` noun in the singular, without the
        plural: Крымов is a surname, not Крым)."""
        forms = {folded}
        for cls in classes:
            stem = folded[: len(folded) - len(cls.ending)]
            skipped = self.skipped(cls, folded) if matching else frozenset()
            for label, (every, _) in self.endings(cls, folded).items():
                if proper and cls.number == "sg" and label.endswith(".pl"):
                    continue
                if label not in skipped:
                    forms.update(stem + _folded_ending(e) for e in every)
        return forms

    def word_labels(self, folded: str, classes: Iterable[WordClass], written: str) -> set[str]:
        """The labels under which ``written`` (folded) is a form of ``folded``."""
        labels: set[str] = set()
        for cls in classes:
            stem = folded[: len(folded) - len(cls.ending)]
            if not written.startswith(stem):
                continue
            for label, (every, _) in self.endings(cls, folded).items():
                if written[len(stem) :] in {_folded_ending(e) for e in every}:
                    labels.add(label)
        return labels

    def declension_pattern(self, folded_word: str) -> tuple[str, str]:
        """``(stem, regex)`` of a folded nominative word: the stem, and an unanchored regular
        expression of the word in every case, on folded text.

        >>> declension_for("ru").declension_pattern("курилы")
        ('курил', 'курил(?:ами|ам|ах|ов|ы)?')
        >>> declension_for("ru").declension_pattern("курильск")  # no instrumental: see the data
        ('курильск', 'курильск(?:ами|ам|ах|ов|а|е|и|у)?')
        >>> declension_for("ru").declension_pattern("эторофу")
        ('эторофу', 'эторофу')
        """
        return _word_pattern(self, folded_word, self.classes_of(folded_word))

    # -- names -------------------------------------------------------------------------------

    def words_of(self, name: str, indeclinable: Collection[str] = ()) -> tuple[_Word, ...]:
        """The words of a nominative name, with the classes and role of each."""
        return _words_of(self, name, frozenset(fold(w) for w in indeclinable))

    def name_pattern(
        self, name: str, *, indeclinable: Collection[str] = ()
    ) -> tuple[str, str] | None:
        """``(key, regex)`` of a nominative name: a folded prefix every case form starts with,
        and an unanchored regular expression of the name in every case, on folded text (words
        separated by one space, as :func:`~toponyms.text.fold.fold_with_offsets` leaves them).
        None when the name has no case form but itself, or when its key would be shorter than
        ``min_stem``.

        >>> declension_for("ru").name_pattern("Южно-Курильск")  # a proper noun: no plural
        ('южно', 'южно\\\\s?курильск(?:а|е|у)?')
        >>> declension_for("ru").name_pattern("острова Хабомаи")
        ('остров', 'остров(?:ами|ам|ах|ов|а)\\\\sхабомаи')
        >>> declension_for("ru").name_pattern("Хоккайдо") is None
        True
        """
        words = self.words_of(name, indeclinable)
        if not any(w.classes for w in words):
            return None
        pieces: list[str] = []
        key = ""
        for i, word in enumerate(words):
            parts = [re.escape(p) for p in word.prefix_folded]
            proper = word.text[:1].isupper() and word.agrees
            stem, regex = _word_pattern(self, word.folded, word.classes, proper=proper)
            if i == 0:
                key = word.prefix_folded[0] if word.prefix_folded else stem
            pieces.append(r"\s?".join([*parts, regex]))
        if len(key) < self.min_stem:
            return None  # a key of a letter or two would hit everywhere in running text
        return key, r"\s".join(pieces)

    def cases_of(
        self, written: str, nominative: str, *, indeclinable: Collection[str] = ()
    ) -> frozenset[str]:
        """The labels under which ``written`` is a form of the name ``nominative``; empty when
        it is none. A name that never declines is in every case when written as it is."""
        words = self.words_of(nominative, indeclinable)
        pieces = fold(written).split(" ")
        expected = sum(len(w.prefix_folded) + 1 for w in words)
        if len(pieces) != expected:
            return frozenset()
        allowed: set[str] | None = None
        at = 0
        for word in words:
            n = len(word.prefix_folded)
            if tuple(pieces[at : at + n]) != word.prefix_folded:
                return frozenset()
            piece = pieces[at + n]
            at += n + 1
            if piece == word.folded and (word.optional or not word.agrees or not word.classes):
                continue
            if not word.classes or not (word.agrees or word.optional):
                return frozenset()
            labels = self.word_labels(word.folded, word.classes, piece)
            allowed = labels if allowed is None else allowed & labels
            if not allowed:
                return frozenset()
        return self.labels if allowed is None else frozenset(allowed)

    def decline(
        self, nominative: str, cases: Collection[str], *, indeclinable: Collection[str] = ()
    ) -> str | None:
        """``nominative`` in the case of ``cases``, each word keeping its capitalization.

        Only the case counts: the number is the name's own (Курилы stays plural where it
        replaces Сахалин). None when ``cases`` is empty, when its cases give this name different
        forms, or when a form is not known reliably; the caller then keeps the nominative.
        """
        unknown = set(cases) - self.labels
        if unknown:
            raise ValueError(
                f"unknown case labels {sorted(unknown)}: use labels like 'gen.sg' "
                f"(cases {', '.join(self.cases)}; numbers sg, pl)"
            )
        words = self.words_of(nominative, indeclinable)
        forms = {_declined_name(self, words, label.partition(".")[0]) for label in cases}
        if len(forms) != 1:
            return None
        return forms.pop()


@lru_cache(maxsize=4096)
def _folded_ending(ending: str) -> str:
    """An ending as matching compares it: folded (Polish ę as e, Greek ς as σ)."""
    return fold(ending) if ending else ending


@lru_cache(maxsize=8192)
def _endings(
    declension: Declension, cls: WordClass, folded: str
) -> dict[str, tuple[tuple[str, ...], str | None]]:
    """:meth:`Declension.endings`, remembered: a rewrite asks for the same few names often."""
    return declension._endings(cls, folded)


def _word_pattern(
    declension: Declension, folded: str, classes: tuple[WordClass, ...], *, proper: bool = False
) -> tuple[str, str]:
    """``(stem, regex)`` of one folded word declining in ``classes`` (none: as written)."""
    forms = declension.word_forms(folded, classes, matching=True, proper=proper)
    ordered = sorted(forms)
    first, last = ordered[0], ordered[-1]  # the common prefix of all is theirs
    shared = next(
        (i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b),
        len(first),
    )
    stem = first[:shared]
    if len(forms) == 1 or len(stem) < declension.min_stem:
        return folded, re.escape(folded)
    alternatives = sorted((f[len(stem) :] for f in forms if f != stem), key=lambda e: (-len(e), e))
    group = "(?:" + "|".join(re.escape(a) for a in alternatives) + ")"
    return stem, re.escape(stem) + group + ("?" if stem in forms else "")


@lru_cache(maxsize=4096)
def _words_of(declension: Declension, name: str, indeclinable: frozenset[str]) -> tuple[_Word, ...]:
    """The words of ``name``: adjectives up to the head noun agree with it; the rest stays."""
    raw: list[tuple[str, tuple[str, ...], str, str, tuple[WordClass, ...]]] = []
    for token in name.split():
        parts = _HYPHENS.split(token)
        last = parts[-1]
        prefix = token[: len(token) - len(last)]
        folded = fold(last)
        classes: tuple[WordClass, ...] = ()
        if len(folded) == len(last) and " " not in folded:
            classes = declension.classes_of(folded, indeclinable=indeclinable)
        prefix_folded = tuple(fold(p) for p in parts[:-1])
        raw.append((prefix, prefix_folded, last, folded, classes))

    def is_noun(i: int) -> bool:
        return any(c.part == "noun" for c in raw[i][4]) or not raw[i][4]

    head: int | None = None
    for i, (_, _, _, _, classes) in enumerate(raw):
        adjective = any(c.part == "adjective" for c in classes)
        if not adjective or (is_noun(i) and (i + 1 == len(raw) or not is_noun(i + 1))):
            head = i
            break
    words: list[_Word] = []
    genders: set[str] | None = None
    for i, (prefix, prefix_folded, last, folded, classes) in enumerate(raw):
        if head is None or i < head:  # an adjective before the head noun
            classes = tuple(c for c in classes if c.part == "adjective")
            ours = {c.gender for c in classes}
            genders = ours if genders is None else genders & ours
            words.append(_Word(prefix, prefix_folded, last, folded, classes, agrees=True))
        elif i == head:
            agreeing = tuple(c for c in classes if genders is None or c.gender in genders)
            words.append(
                _Word(prefix, prefix_folded, last, folded, agreeing or classes, agrees=True)
            )
        else:  # after the head: a genitive or an apposition, as written
            adjective = bool(classes) and all(c.part == "adjective" for c in classes)
            words.append(
                _Word(
                    prefix,
                    prefix_folded,
                    last,
                    folded,
                    classes if adjective else (),
                    agrees=False,
                    optional=adjective,
                )
            )
    return tuple(words)


def _declined_name(declension: Declension, words: tuple[_Word, ...], case: str) -> str | None:
    """The name of ``words`` in ``case``, or None when a word's form is not known reliably."""
    out: list[str] = []
    for word in words:
        if not word.agrees or not word.classes:
            out.append(word.prefix + word.text)
            continue
        written: set[str | None] = set()
        for cls in word.classes:
            if case == "nom":  # the word's own nominative: as written (Kurilské, not folded)
                written.add(word.text)
                continue
            stem_length = len(word.folded) - len(cls.ending)
            _, ending = declension.endings(cls, word.folded)[f"{case}.{cls.number}"]
            written.add(None if ending is None else _shaped(word.text, stem_length, ending))
        if len(written) != 1:
            return None
        form = written.pop()
        if form is None:
            return None
        out.append(word.prefix + form)
    return " ".join(out)


def _shaped(text: str, stem_length: int, ending: str) -> str:
    """``text``'s stem as written, then ``ending`` in the word's capitals (КУРИЛАХ)."""
    if len(text) > 1 and text.isupper():
        ending = ending.upper()
    return text[:stem_length] + ending


# -- the registry of languages ----------------------------------------------------------------


def declension_for(language: str) -> Declension | None:
    """The declension of a BCP 47 language tag (``"ru"``, ``"ru-RU"``, ``"ru-Cyrl"``), read
    on first use from its language's file (``lang/<language>.yaml``, see :mod:`toponyms.lang`);
    None for a language without declension tables.

    Adding a language is adding its data file; a language whose rules a table cannot say
    would add a small function beside the tables, keyed the same way.

    >>> declension_for("ru-RU") is declension_for("ru"), declension_for("ja")
    (True, None)
    """
    return _read(language.partition("-")[0].lower())


@cache
def _read(primary: str) -> Declension | None:
    from . import language_for

    language = language_for(primary)
    if language is None:
        return None
    if language.declension_from is not None:
        return declension_for(language.declension_from)
    return language.declension


def parse_declension(text: str, where: str = "declension.yaml") -> Declension:
    """The declension of a YAML document (the format of ``lang/ru.yaml``); a
    ValueError naming the file and the class when a field is missing or wrong."""
    return declension_of_document(yaml.safe_load(text), where)


def declension_of_document(document: Any, where: str = "declension.yaml") -> Declension:
    """:func:`parse_declension` of a document already read from YAML."""
    try:
        cases = tuple(str(c) for c in document["cases"])
        classes = tuple(_parse_class(entry, cases, where) for entry in document["classes"])
        spelling = tuple(
            SpellingRule(
                str(rule["after"]),
                str(rule["replace"]),
                tuple(str(b) for b in rule["by"]),
                rule.get("part"),
            )
            for rule in document.get("spelling", ())
        )
        known = {c.name for c in classes}
        if len(known) != len(classes):
            raise ValueError(f"{where}: two classes share a name")
        skips = []
        for skip in document.get("matcher_skips", ()):
            if skip["class"] not in known:
                raise ValueError(f"matcher_skips names no class: {skip['class']!r}")
            skips.append((str(skip["class"]), re.compile(skip["when"]), frozenset(skip["labels"])))
        return Declension(
            language=str(document["language"]),
            cases=cases,
            classes=classes,
            spelling=spelling,
            indeclinable=frozenset(fold(str(w)) for w in document.get("indeclinable", ())),
            matcher_skips=tuple(skips),
            min_stem=int(document.get("min_stem", 3)),
            min_decline_stem=int(document.get("min_decline_stem", 2)),
        )
    except (KeyError, TypeError, re.error) as error:
        raise ValueError(f"{where}: malformed declension data: {error!r}") from error


def _parse_class(entry: Mapping[str, Any], cases: tuple[str, ...], where: str) -> WordClass:
    name = str(entry["name"])
    number = str(entry["number"])
    tables = {number: entry["forms"]}
    if "plural" in entry:
        tables["pl"] = entry["plural"]
    forms: dict[str, tuple[str | None, ...]] = {}
    for table_number, table in tables.items():
        if set(table) != set(cases):
            raise ValueError(
                f"{where}: class {name}: give the cases {list(cases)}, not {list(table)}"
            )
        for case, value in table.items():
            values = value if isinstance(value, list) else [value]
            # as spelled, to be written; matching compares them folded (see word_forms)
            forms[f"{case}.{table_number}"] = tuple(None if v is None else str(v) for v in values)
    if entry["part"] not in ("noun", "adjective") or number not in ("sg", "pl"):
        raise ValueError(f"{where}: class {name}: part is noun or adjective, number sg or pl")
    return WordClass(
        name=name,
        part=str(entry["part"]),
        gender=str(entry["gender"]),
        number=number,
        ending=fold(str(entry["ending"])),
        forms=forms,
        when=re.compile(entry["when"]) if entry.get("when") else None,
        unless=re.compile(entry["unless"]) if entry.get("unless") else None,
    )


# -- Russian, the language of the gazetteer's declining names ---------------------------------


def _russian() -> Declension:
    declension = declension_for("ru")
    assert declension is not None, "the Russian declension data ships with the package"
    return declension


def declension_pattern(folded_word: str) -> tuple[str, str]:
    """``(stem, regex)`` of a folded Russian nominative word: see
    :meth:`Declension.declension_pattern`.

    >>> declension_pattern("курилы")
    ('курил', 'курил(?:ами|ам|ах|ов|ы)?')
    """
    return _russian().declension_pattern(folded_word)


def name_pattern(name: str, *, indeclinable: Collection[str] = ()) -> tuple[str, str] | None:
    """``(key, regex)`` of a Russian nominative name: see :meth:`Declension.name_pattern`."""
    return _russian().name_pattern(name, indeclinable=indeclinable)


def cases_of(
    written: str, nominative: str, *, indeclinable: Collection[str] = ()
) -> frozenset[str]:
    """The case labels under which ``written`` is a form of the Russian name ``nominative``.

    >>> sorted(cases_of("Южных Курил", "Южные Курилы")), sorted(cases_of("Итуруп", "Итуруп"))
    (['gen.pl'], ['acc.sg', 'nom.sg'])
    >>> cases_of("Итурупом", "Кунашир")
    frozenset()
    """
    return _russian().cases_of(written, nominative, indeclinable=indeclinable)


def decline(
    nominative: str, cases: Collection[str], *, indeclinable: Collection[str] = ()
) -> str | None:
    """The Russian name ``nominative`` in the case of ``cases``: see :meth:`Declension.decline`.

    >>> decline("Сахалин", {"loc.sg"}), decline("Южно-Курильск", {"ins.sg"})
    ('Сахалине', 'Южно-Курильском')
    >>> decline("Большая Курильская гряда", {"nom.sg", "acc.sg"}) is None  # гряда or гряду
    True
    """
    return _russian().decline(nominative, cases, indeclinable=indeclinable)
