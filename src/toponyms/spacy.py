"""A spaCy pipeline component that marks the disputed places of a text (``toponyms[spacy]``).

Installing toponyms registers the factory ``"toponyms"`` through spaCy's ``spacy_factories``
entry point, so a pipeline of any language adds it by name, with no model to download:

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("toponyms")
>>> doc = nlp("Japan calls Iturup Etorofu.")
>>> [(span.text, span.kb_id_, span._.used_by) for span in doc.spans["toponyms"]]
[('Iturup', 'etorofu-iturup', ['RU']), ('Etorofu', 'etorofu-iturup', ['JP'])]

Each span covers exactly the characters :func:`toponyms.annotate` finds in ``doc.text``. Where
a mention starts or ends inside a token (a Japanese or Chinese run without spaces is one token
in a blank pipeline, "Kunashir's" one token in some languages), the token is split with the
retokenizer: a span is never widened or narrowed to fit the tokens.

>>> nlp = spacy.blank("xx")
>>> _ = nlp.add_pipe("toponyms")
>>> doc = nlp("択捉島と国後島")
>>> [token.text for token in doc], [span.text for span in doc.spans["toponyms"]]
(['択捉島', 'と', '国後島'], ['択捉島', '国後島'])
"""

from __future__ import annotations

import bisect
import itertools
import json
import logging
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup, Token

import toponyms

from .data.read import GENERIC_TERMS_FILE, gazetteer_files
from .gazetteer import Gazetteer

__all__ = [
    "DEFAULT_CONFIG",
    "ToponymRecognizer",
    "make_toponyms",
    "register_extensions",
    "split_tokens_at",
]

logger = logging.getLogger("toponyms")

#: The component's settings and their defaults, as in ``nlp.add_pipe("toponyms", config=...)``.
DEFAULT_CONFIG: dict[str, Any] = {
    "gazetteer": None,
    "fuzzy": True,
    "spans_key": "toponyms",
    "ents": False,
    "overwrite_ents": False,
    "label": "TOPONYM",
}

_CFG_FILE = "cfg.json"
_GAZETTEER_DIR = "gazetteer"


def register_extensions() -> None:
    """Register ``Span._.names`` and ``Span._.used_by`` unless they already exist.

    The component calls this when it is created. Call it yourself to read the extensions of
    docs restored (``Doc.from_bytes``, a ``DocBin`` with user data) where no toponyms component
    was created. Registering on import instead would claim these names in every spaCy process
    of the environment, since the entry point imports this module whenever a pipeline is made.
    """
    for name in ("names", "used_by"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class ToponymRecognizer:
    """Writes the places :func:`toponyms.annotate` finds in ``doc.text`` to ``doc.spans``
    (and, with ``ents``, to ``doc.ents``).

    Each span's ``label_`` is ``label``, its ``kb_id_`` the place ID, ``span._.names`` maps each
    party to its name for the place, and ``span._.used_by`` lists, sorted, the parties whose
    name the text used. Both are plain ``dict`` and ``list`` (not the ``Mention``'s frozen
    types) so that docs serialize: ``Doc.to_bytes``, ``DocBin``, ``nlp.pipe(n_process=2)``.

    The gazetteer loads on first use, so that a pipeline saved with a gazetteer directory of
    its own loads where that directory does not exist: ``from_disk`` reads the saved copy.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = "toponyms",
        *,
        gazetteer: str | None = None,
        fuzzy: bool = True,
        spans_key: str = "toponyms",
        ents: bool = False,
        overwrite_ents: bool = False,
        label: str = "TOPONYM",
    ) -> None:
        if not isinstance(spans_key, str) or not spans_key:
            raise ValueError(f"spans_key must be a non-empty str, not {spans_key!r}")
        if not isinstance(label, str) or not label:
            raise ValueError(f"label must be a non-empty str, not {label!r}")
        self.name = name
        self.gazetteer_dir = gazetteer
        self.fuzzy = fuzzy
        self.spans_key = spans_key
        self.ents = ents
        self.overwrite_ents = overwrite_ents
        self.label = label
        self._gazetteer: Gazetteer | None = None
        #: The files of a gazetteer read from bytes, whose directory is gone, to save again.
        self._files: dict[str, str] | None = None
        register_extensions()

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer in use: the bundled one, or ``gazetteer``'s directory (loaded once)."""
        if self._gazetteer is None:
            if self.gazetteer_dir is None:
                self._gazetteer = toponyms.default_gazetteer()
            else:
                self._gazetteer = toponyms.load(self.gazetteer_dir)
        return self._gazetteer

    def __call__(self, doc: Doc) -> Doc:
        """Mark the places of ``doc``, splitting tokens where a mention's edge falls in one."""
        mentions = self.gazetteer.annotate(doc.text, fuzzy=self.fuzzy)
        split_tokens_at(doc, [edge for m in mentions for edge in (m.start, m.end)])
        spans = []
        for mention in mentions:
            span = doc.char_span(
                mention.start, mention.end, label=self.label, kb_id=mention.place_id
            )
            if span is None:  # an edge in whitespace: annotate() never yields one
                raise ValueError(
                    f"no tokens cover {mention.text!r} at {mention.start}:{mention.end} exactly"
                )
            span._.names = dict(mention.names)
            span._.used_by = sorted(mention.used_by)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        if self.ents:
            doc.ents = self._merged_ents(doc, spans)
        return doc

    def _merged_ents(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """``doc.ents`` with ``spans`` added: where one overlaps an entity already there, the
        entity stays and the span is left out of ``doc.ents`` (it stays in ``doc.spans``), or,
        with ``overwrite_ents``, the span replaces the entity, as spaCy's EntityRuler does."""
        entities = list(doc.ents)
        added = []
        for span in spans:
            overlapping = [e for e in entities if e.start < span.end and span.start < e.end]
            if overlapping and not self.overwrite_ents:
                continue
            entities = [e for e in entities if e not in overlapping]
            added.append(span)
        return sorted(entities + added, key=lambda span: span.start)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the data version and, for a gazetteer directory of its own, a copy of its files
        (the bundled gazetteer ships with toponyms: only its version is recorded)."""
        directory = Path(path)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / _CFG_FILE).write_text(json.dumps(self._cfg()), encoding="utf-8")
        if self.gazetteer_dir is not None:
            target = directory / _GAZETTEER_DIR
            target.mkdir(exist_ok=True)
            for name, text in self._gazetteer_texts().items():
                (target / name).write_text(text, encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> ToponymRecognizer:
        """Load what :meth:`to_disk` saved."""
        directory = Path(path)
        cfg = json.loads((directory / _CFG_FILE).read_text(encoding="utf-8"))
        if (directory / _GAZETTEER_DIR).is_dir():
            self._gazetteer = toponyms.load(directory / _GAZETTEER_DIR)
        self._check_version(cfg)
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """:meth:`to_disk`'s content as bytes."""
        files = self._gazetteer_texts() if self.gazetteer_dir is not None else {}
        return json.dumps({"cfg": self._cfg(), "files": files}).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ToponymRecognizer:
        """Load what :meth:`to_bytes` saved."""
        content = json.loads(data)
        if content["files"]:
            self._files = dict(content["files"])
            with tempfile.TemporaryDirectory(prefix="toponyms-") as tmp:
                for name, text in content["files"].items():
                    (Path(tmp) / name).write_text(text, encoding="utf-8")
                self._gazetteer = toponyms.load(tmp)
        self._check_version(content["cfg"])
        return self

    def _cfg(self) -> dict[str, str | None]:
        return {"data_version": self._data_version()}

    def _data_version(self) -> str | None:
        """The data version in use, without loading the bundled gazetteer just to read it."""
        if self._gazetteer is None and self.gazetteer_dir is None:
            return str(toponyms.DATA_VERSION)
        return self.gazetteer.data_version

    def _gazetteer_texts(self) -> dict[str, str]:
        """The files that make the gazetteer directory: places, shared terms, VERSION."""
        if self._files is not None:
            return self._files
        source = self.gazetteer.directory
        if source is None:
            raise ValueError("the gazetteer was not read from a directory: nothing to save")
        paths = [*gazetteer_files(source), source / GENERIC_TERMS_FILE, source / "VERSION"]
        return {p.name: p.read_text(encoding="utf-8") for p in paths if p.is_file()}

    def _check_version(self, cfg: dict[str, Any]) -> None:
        saved, current = cfg.get("data_version"), self._data_version()
        if saved != current:
            logger.warning(
                "the pipeline was saved with gazetteer data %s, this one is %s", saved, current
            )


def split_tokens_at(doc: Doc, offsets: Iterable[int]) -> None:
    """Split the tokens of ``doc`` within which one of the character ``offsets`` falls, so that
    each offset is a token's start or end.

    The pieces keep what a tagger, parser or sentencizer gave the token: its tag, part of
    speech and morphology; each its own text as lemma; a sentence start on the first piece
    only. In a parsed doc the last piece takes the token's head and label, the others hang
    from it as ``dep``.

    >>> import spacy
    >>> doc = spacy.blank("en")("Kırım’da Tatar")
    >>> split_tokens_at(doc, [0, 5])
    >>> [token.text for token in doc]
    ['Kırım', '’da', 'Tatar']
    """
    starts = [token.idx for token in doc]
    cuts: dict[int, list[int]] = {}
    for offset in sorted(set(offsets)):
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and starts[i] < offset < starts[i] + len(doc[i].text):
            cuts.setdefault(i, []).append(offset - starts[i])
    if not cuts:
        return
    inner_starts = {starts[i] + offset for i, inner in cuts.items() for offset in inner}
    annotated = {name for name in _SPLIT_ATTRS if doc.has_annotation(name)}
    groups = {key: _span_records(group) for key, group in doc.spans.items()}
    with doc.retokenize() as retokenizer:
        for i, inner in cuts.items():
            token = doc[i]
            edges = [0, *inner, len(token.text)]
            pieces = [token.text[a:b] for a, b in itertools.pairwise(edges)]
            heads, attrs = _pieces_annotation(token, pieces, annotated)
            retokenizer.split(token, pieces, heads=heads, attrs=attrs)
    _restore_span_groups(doc, groups)
    if "SENT_START" in annotated and "DEP" not in annotated:
        for token in doc:
            if token.idx in inner_starts:
                token.is_sent_start = False


_SPLIT_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "SENT_START")

# A span as characters: start, end, label, kb_id, span_id (hashes, as spaCy stores them).
_SpanRecord = tuple[int, int, int, int, int]


def _span_records(group: SpanGroup) -> list[_SpanRecord]:
    return [(s.start_char, s.end_char, s.label, s.kb_id, s.id) for s in group]


def _restore_span_groups(doc: Doc, groups: dict[str, list[_SpanRecord]]) -> None:
    """Rebuild other components' span groups on the split tokens: the retokenizer moves
    ``doc.ents`` along but leaves ``doc.spans`` pointing at the old token positions."""
    starts = [token.idx for token in doc]
    for key, records in groups.items():
        spans = [
            Span(
                doc,
                bisect.bisect_left(starts, start),
                bisect.bisect_left(starts, end),
                label=label,
                kb_id=kb_id,
                span_id=span_id,
            )
            for start, end, label, kb_id, span_id in records
        ]
        doc.spans[key] = SpanGroup(doc, name=key, attrs=dict(doc.spans[key].attrs), spans=spans)


def _pieces_annotation(
    token: Token, pieces: list[str], annotated: set[str]
) -> tuple[list[Token | tuple[Token, int]], dict[str | int, list[Any]]]:
    """The heads and attributes of ``token``'s pieces: spaCy would leave the pieces after the
    first with what the tokens moved to make room for them had."""
    count = len(pieces)
    attrs: dict[str | int, list[Any]] = {}
    for name, value in (("TAG", token.tag_), ("POS", token.pos_), ("MORPH", str(token.morph))):
        if name in annotated:
            attrs[name] = [value] * count
    if "LEMMA" in annotated:
        attrs["LEMMA"] = pieces
    if "DEP" not in annotated:
        return [(token, k) for k in range(count)], attrs
    attrs["DEP"] = ["dep"] * (count - 1) + [token.dep_]
    last = (token, count - 1)
    return [last] * (count - 1) + [last if token.head.i == token.i else token.head], attrs


def make_toponyms(
    nlp: Language,
    name: str,
    gazetteer: str | None,
    fuzzy: bool,
    spans_key: str,
    ents: bool,
    overwrite_ents: bool,
    label: str,
) -> ToponymRecognizer:
    """The ``"toponyms"`` factory: ``nlp.add_pipe("toponyms", config={...})`` calls it with
    :data:`DEFAULT_CONFIG` updated by ``config``."""
    return ToponymRecognizer(
        nlp,
        name,
        gazetteer=gazetteer,
        fuzzy=fuzzy,
        spans_key=spans_key,
        ents=ents,
        overwrite_ents=overwrite_ents,
        label=label,
    )


if not Language.has_factory("toponyms"):
    Language.factory("toponyms", default_config=DEFAULT_CONFIG, func=make_toponyms)
