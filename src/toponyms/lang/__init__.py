"""Languages as modules: the rules of running text for names of each language.

A name's own BCP 47 tag picks its language's rules. The rules are data, one file per language
(``lang/<code>.yaml``; the format is ``docs/languages.md``):

- ``prefixes``: clitics written joined before a word (Arabic و ب ل ك ف, Hebrew ו ה ב ל מ ש כ):
  the name is found after any chain of up to three of them, and the mention starts at the name.
- ``contractions``: a clitic that changes the start of a name written with an article
  (Arabic ل + القرم = للقرم, Hebrew ב + הגולן = בגולן): the contracted form is a mention.
- ``suffixes``: particles or case suffixes written joined after a name and kept out of the
  mention (Korean 는 은 이 가..., Turkish suffixes after an apostrophe need none).
- declension (``cases``, ``classes``...): case endings that are part of the word and of the
  mention (на Итурупе, na Krymie); see :mod:`toponyms.lang.declension`. ``declension_from`` borrows
  another language's tables until a language has its own.

Adding a language is adding its file: the matcher reads only what these rules say. A language
whose rules a table cannot say adds a small module beside its file, keyed the same way.

>>> ar = language_for("ar")
>>> ar.prefix_chain("وب"), ar.prefix_chain("ست")
(True, False)
>>> ar.contracted("القرم")
('للقرم',)
>>> language_for("ru-RU") is language_for("ru"), language_for("xx")
(True, None)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import attrs
import yaml

from .._errors import GazetteerError, Problem
from ..text.fold import fold
from .declension import Declension, declension_of_document

__all__ = ["Contraction", "Language", "available", "language_for", "parse_language"]

#: The fields a language file may hold, besides its declension's (see ``_inflect``).
_FIELDS = frozenset(
    {"language", "name", "sources", "letters", "prefixes", "contractions", "suffixes",
     "declension_from"}
)  # fmt: skip
_DECLENSION_FIELDS = frozenset(
    {"cases", "classes", "spelling", "indeclinable", "matcher_skips", "min_stem",
     "min_decline_stem"}
)  # fmt: skip
#: The longest chain of clitics looked for before a name (Arabic وبال, Hebrew וכשב).
MAX_PREFIX_CHAIN = 3


@attrs.frozen
class Contraction:
    """A clitic that, before a name starting with ``article``, is written ``written`` in
    place of both (ل + ال -> لل; ב + ה -> ב)."""

    prefix: str
    article: str
    written: str


@attrs.frozen(eq=False)
class Language:
    """The running-text rules of one language; pure data, picklable."""

    code: str
    name: str
    sources: tuple[str, ...] = ()
    #: Folded clitics written joined before a word.
    prefixes: frozenset[str] = frozenset()
    contractions: tuple[Contraction, ...] = ()
    #: Folded particles written joined after a name, outside the mention.
    suffixes: frozenset[str] = frozenset()
    #: The language whose declension tables this one borrows (None: its own, or none).
    declension_from: str | None = None
    #: The file's own declension tables (None: none, or borrowed).
    declension: Declension | None = None
    #: The letters of the language's alphabet, lower case as written (None: not given). A
    #: case form is this language's only if it is written in them: "Krıma" is no Croatian
    #: genitive of Krim, with a dotless ı.
    letters: frozenset[str] | None = None

    def writes(self, word: str) -> bool:
        """Whether every letter of ``word`` is a letter of the language (True when its
        alphabet is not given)."""
        return self.letters is None or all(
            ch in self.letters for ch in word.lower() if ch.isalpha()
        )

    def prefix_chain(self, folded: str) -> bool:
        """Whether ``folded`` (what stands between a word's start and a name) is a chain of
        up to :data:`MAX_PREFIX_CHAIN` of this language's clitics."""
        return bool(folded) and _chain(folded, self.prefixes, MAX_PREFIX_CHAIN)

    def contracted(self, folded_name: str) -> tuple[str, ...]:
        """The contracted forms of a folded name (للقرم of القرم), in the file's order."""
        forms: dict[str, None] = {}
        for c in self.contractions:
            rest = folded_name[len(c.article) :]
            if folded_name.startswith(c.article) and len(rest) >= 2:
                forms.setdefault(c.written + rest, None)
        return tuple(forms)

    def suffix(self, folded: str) -> bool:
        """Whether ``folded`` (what runs on after a name to the word's end) is a particle."""
        return folded in self.suffixes


def _chain(text: str, pieces: frozenset[str], left: int) -> bool:
    if not text:
        return True
    if left == 0:
        return False
    return any(text.startswith(p) and _chain(text[len(p) :], pieces, left - 1) for p in pieces)


def available() -> tuple[str, ...]:
    """The codes of every language with a rules file, sorted.

    >>> {"ru", "ar"} <= set(available())
    True
    """
    folder = resources.files("toponyms").joinpath("lang")
    return tuple(sorted(e.name[:-5] for e in folder.iterdir() if e.name.endswith(".yaml")))


def language_for(tag: str) -> Language | None:
    """The rules of a BCP 47 tag's language (``"ar"``, ``"ar-EG"``, ``"ru-Cyrl"``), read on
    first use; None for a language without a file."""
    return _read(tag.partition("-")[0].lower())


@cache
def _read(primary: str) -> Language | None:
    """The rules of the language file of ``primary``, read once; None without a file."""
    if not primary.isascii() or not primary.isalpha():
        return None
    source = resources.files("toponyms").joinpath("lang", f"{primary}.yaml")
    if not source.is_file():
        return None
    return parse_language(source.read_text(encoding="utf-8"), f"lang/{primary}.yaml")


def _line_of(root: yaml.Node | None, key: str) -> int | None:
    if isinstance(root, yaml.MappingNode):
        for k, v in root.value:
            if getattr(k, "value", None) == key:
                return int(v.start_mark.line) + 1
    return None


@cache
def _folded(text: str) -> str:
    return fold(text).replace(" ", "")


def parse_language(text: str, where: str = "lang.yaml") -> Language:
    """The rules of one language file; a :class:`GazetteerError` naming the file, line and
    field of every mistake."""
    try:
        # one parse: the node tree for lines, then the values (libyaml's, 10x faster, when
        # PyYAML has it: a language file is a few nested mappings, with no alias to refuse)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            root = loader.get_single_node()
            document: Any = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = None if mark is None else int(mark.line) + 1
        raise GazetteerError([Problem(where, line, None, f"not valid YAML: {error}")]) from None
    problems: list[Problem] = []

    def problem(field: str, message: str) -> None:
        line = _line_of(root, field.split("[")[0]) or 1  # a missing field: the document's
        problems.append(Problem(where, line, field, message))

    if not isinstance(document, Mapping):
        raise GazetteerError([Problem(where, 1, None, "must be a mapping of the rules' fields")])
    for key in document:
        if key not in _FIELDS | _DECLENSION_FIELDS:
            problem(str(key), f"unknown field; known: {', '.join(sorted(_FIELDS))}, and "
                    "the declension's fields")  # fmt: skip
    code = document.get("language")
    expected = where.rsplit("/", 1)[-1].removesuffix(".yaml")
    if not isinstance(code, str) or (expected != "lang" and code != expected):
        problem("language", f"must be the file's language code {expected!r}, not {code!r}")
    name = document.get("name")
    if not isinstance(name, str) or not name:
        problem("name", "must be the language's English name")

    def strings(field: str) -> tuple[str, ...]:
        value = document.get(field, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            problem(field, "must be a list of non-empty strings")
            return ()
        return tuple(value)

    sources = strings("sources")
    letters: frozenset[str] | None = None
    if "letters" in document:
        raw_letters = document["letters"]
        if not isinstance(raw_letters, str) or not raw_letters.strip():
            problem("letters", "must be the alphabet's lower-case letters, as one string")
        else:
            letters = frozenset(raw_letters.replace(" ", "").lower())
    if not sources:
        problem("sources", "give at least one source (a grammar reference) for the rules")
    prefixes = frozenset(_folded(p) for p in strings("prefixes"))
    suffixes = frozenset(_folded(s) for s in strings("suffixes"))
    contractions: list[Contraction] = []
    raw = document.get("contractions", [])
    if not isinstance(raw, list):
        problem("contractions", "must be a list of {prefix, article, written}")
        raw = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, Mapping) or set(entry) != {"prefix", "article", "written"}:
            problem(f"contractions[{i}]", "must have exactly prefix, article and written")
            continue
        if not all(isinstance(v, str) and v for v in entry.values()):
            problem(f"contractions[{i}]", "prefix, article and written must be non-empty")
            continue
        contractions.append(
            Contraction(_folded(entry["prefix"]), _folded(entry["article"]),
                        _folded(entry["written"]))
        )  # fmt: skip
    borrowed = document.get("declension_from")
    declension = None
    if borrowed is not None and (not isinstance(borrowed, str) or "classes" in document):
        problem("declension_from", "must be a language code, and only in a file without classes")
    if "classes" in document:
        try:
            declension = declension_of_document(document, where)
        except ValueError as error:
            problem("classes", str(error).removeprefix(f"{where}: "))
    if problems:
        raise GazetteerError(problems)
    return Language(
        code=str(code),
        name=str(name),
        sources=sources,
        prefixes=prefixes,
        contractions=tuple(contractions),
        suffixes=suffixes,
        declension_from=borrowed,
        declension=declension,
        letters=letters,
    )
