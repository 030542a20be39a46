"""The Gazetteer: places loaded from a directory of YAML files, checked as a whole, and indexed."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from ._errors import AmbiguousNameError, GazetteerError, Problem, UnknownNameError
from ._model import ALL_PARTIES, Candidate, Dispute, Mention, Name, Place, as_of_date
from .annotate.pool import run_in_pool
from .data.artifact import Sectioned, directory_key, load_artifact, save_artifact
from .data.checks import check_whole
from .data.generic import GenericTerms
from .data.read import (
    FileContents,
    bundled_gazetteer_dir,
    file_label,
    generic_terms_file,
    read_directory,
    read_generic_terms,
)
from .data.schema import is_language_tag, is_party_code
from .lang import language_for
from .lang.declension import declension_for
from .perspective import Perspective, perspective_of
from .resolve.steps import Resolver
from .text.fold import fold, fold_key

if TYPE_CHECKING:  # the annotator is imported on first use: `import toponyms` stays light
    from .annotate.scan import Annotator

__all__ = ["Gazetteer"]

T = TypeVar("T")


def _require_str(value: object, argument: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be str, not {type(value).__name__}")
    return value


class Gazetteer(Sectioned):
    """A checked, indexed set of places.

    Build one with :func:`toponyms.load`; the module-level functions of :mod:`toponyms` use the
    bundled one. A Gazetteer is immutable and safe to share between threads.
    """

    #: annotate()'s automata and records are read from a pickle (a compiled artifact, a
    #: worker's copy) on the first annotate(), not by a load that only normalizes.
    SECTIONS: ClassVar[Mapping[str, tuple[str, ...]]] = {"annotator": ("_annotator",)}

    def __init__(
        self, files: Iterable[FileContents], generic_terms: GenericTerms | None = None
    ) -> None:
        self._files = tuple(files)
        self.generic_terms = generic_terms if generic_terms is not None else GenericTerms(())
        self._places: dict[str, Place] = {}
        self._disputes: dict[str, Dispute] = {}
        self._located: dict[str, tuple[FileContents, int]] = {}
        problems = check_whole(self._files, self._places, self._disputes, self._located)
        if not self._places and not problems:
            where = self._files[0].path if self._files else "gazetteer"
            problems.append(Problem(where, None, None, "holds no places"))
        if problems:
            raise GazetteerError(problems)
        self.should_not_match: tuple[str, ...] = tuple(
            phrase for f in self._files for phrase in f.should_not_match
        )
        self._resolver = Resolver(
            self._places,
            self.generic_terms,
            (fold_key(p) for p in self.should_not_match),
            self._all_ancestors,
            _fuzzy_word_depths(self._places.values()),
        )
        self._resolver.inflected = self._inflected
        self._annotator: Annotator | None = None
        self._ancestor_cache: dict[str, frozenset[str]] = {}
        self._annotator_lock = threading.Lock()
        #: The key of this gazetteer's compiled artifact, when it should be written once the
        #: annotator is built (a gazetteer read from a directory without one).
        self._artifact_key: str | None = None
        #: Tables derived from the whole gazetteer by the checks and strategies, built once.
        self._derived: dict[str, object] = {}
        self.directory: Path | None = None
        #: The data version of the directory (its VERSION file), for pinning in pipelines.
        self.data_version: str | None = None

    @classmethod
    def from_directory(cls, path: Path | str | None = None, *, compiled: bool = True) -> Gazetteer:
        """Load and check every ``*.yaml`` file of ``path`` (default: the bundled gazetteer).

        With ``compiled`` (the default), a compiled artifact of the very same files (see
        :mod:`toponyms.data.artifact`) is read instead when there is one, and one is written to
        the cache once the gazetteer is first used to annotate; ``compiled=False`` always
        reads and checks the YAML.
        """
        directory = bundled_gazetteer_dir() if path is None else Path(path)
        terms_file = generic_terms_file(directory)
        key = None
        if compiled and directory.is_dir():
            key = directory_key(directory)
            found = load_artifact(key)
            if found is not None:
                found.directory = directory
                return found
        gazetteer = cls._read(directory, terms_file)
        gazetteer._artifact_key = key
        return gazetteer

    @classmethod
    def _read(cls, directory: Path, terms_file: Path) -> Gazetteer:
        files: list[FileContents] = []
        problems: list[Problem] = []
        generic_terms: GenericTerms | None = None
        if terms_file.is_file():
            try:
                generic_terms = read_generic_terms(terms_file, file_label(terms_file, directory))
            except GazetteerError as exc:
                problems.extend(exc.problems)
        for item in read_directory(directory):
            if isinstance(item, GazetteerError):
                problems.extend(item.problems)
            else:
                files.append(item)
        if problems:  # cross-file checks need every file: they would only add noise here
            raise GazetteerError(problems)
        gazetteer = cls(files, generic_terms)
        gazetteer.directory = directory
        version = directory / "VERSION"
        if version.is_file():
            gazetteer.data_version = version.read_text(encoding="utf-8").strip() or None
        return gazetteer

    def __getstate__(self) -> dict[str, object]:
        """Pickle as built, indexes and all: a worker process, a Dask task or a Spark executor
        receives this very gazetteer (also one built in memory or whose files have changed on
        disk since), ready to use; this is also the compiled artifact's content."""
        state = dict(self.__dict__)
        del state["_annotator_lock"]
        state["_artifact_key"] = None
        state["_derived"] = {}
        self._pack_sections(state)
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        super().__setstate__(state)
        self._annotator_lock = threading.Lock()

    def _section_refs(self) -> tuple[Mapping[str, Place], Mapping[str, object]]:
        """What the sections refer to rather than copy: the places, this gazetteer and its
        indexes."""
        shared = {
            "gazetteer": self,
            "resolver": self._resolver,
            "typo": self._resolver.typo,
            "generic-terms": self.generic_terms,
        }
        return self._places, shared

    def compile(self) -> Gazetteer:
        """Build every index now (annotate()'s automata are otherwise built on first use);
        returns the gazetteer, for chaining."""
        self._compiled()
        return self

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Gazetteer):
            return NotImplemented
        return self._places == other._places and self.should_not_match == other.should_not_match

    def __hash__(self) -> int:
        return hash(tuple(self._places))

    # -- the collection ----------------------------------------------------------------------

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place, in file order."""
        return tuple(self._places.values())

    @property
    def disputes(self) -> Mapping[str, Dispute]:
        """The disputes (one per file) by ID."""
        return dict(self._disputes)

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def __repr__(self) -> str:
        names = sum(len(p.names) for p in self._places.values())
        return f"<Gazetteer: {len(self._places)} places, {names} names>"

    # -- the verbs ---------------------------------------------------------------------------

    def get(self, place_id: str) -> Place | None:
        """The place with this ID, or None."""
        return self._places.get(_require_str(place_id, "place_id"))

    def lookup(self, name: str) -> Place:
        """The place called ``name`` (after folding; no fuzzy matching).

        Raises :class:`UnknownNameError` when no place has the name and
        :class:`AmbiguousNameError` when several do.
        """
        hits = self._resolver.index.exact(_require_str(name, "name"))
        if not hits:
            raise UnknownNameError(name)
        ids = {c.place_id for c in hits}
        if len(ids) > 1:
            raise AmbiguousNameError(name, ids)
        return self._places[hits[0].place_id]

    def normalize(self, name: str, *, fuzzy: bool = True) -> str | None:
        """The ID of the place called ``name``, or None when no single place is a safe answer.

        Exact after folding first; then, with ``fuzzy``, the nearest name within an edit budget
        that grows with the name's length. A name shared by several places gives None, unless
        it is only a short form or a historical name of all but one of them ("Nemuro" is the
        city, not "Nemuro Subprefecture" clipped).

        Text far longer than any name is no name: a name longer than max(256, 4 x the longest
        folded name in the gazetteer) characters once folded, or 16 times that before folding,
        answers None at once. With ``fuzzy``, characters that scanners and input methods
        confuse (rn for m, 1 for l, 鳥 for 島) count as less than one edit.
        """
        _require_str(name, "name")
        if not isinstance(fuzzy, bool):
            raise TypeError(f"fuzzy must be bool, not {type(fuzzy).__name__}")
        return self._resolver.normalize(name, fuzzy)

    def search(
        self, name: str, *, limit: int | None = 5, score_cutoff: float | None = None
    ) -> list[Candidate]:
        """Places ranked by how close one of their names is to ``name``, best first."""
        _require_str(name, "name")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
            raise TypeError(f"limit must be int or None, not {type(limit).__name__}")
        if limit is not None and limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        if score_cutoff is not None and not 0 <= score_cutoff <= 100:
            raise ValueError(f"score_cutoff must be between 0 and 100, not {score_cutoff}")
        return self._resolver.index.ranked(name, limit, score_cutoff)

    def annotate(self, text: str, *, fuzzy: bool = True, lang: str | None = None) -> list[Mention]:
        """Every place mentioned in ``text``, sorted by start.

        Each :class:`Mention` carries its exact span (``text[m.start:m.end] == m.text``), the
        place ID, whose name the text used, and each party's name for the place, in ``lang``
        (default: the language of the name found, falling back to English).
        """
        _require_str(text, "text")
        if not isinstance(fuzzy, bool):
            raise TypeError(f"fuzzy must be bool, not {type(fuzzy).__name__}")
        if lang is not None and not is_language_tag(_require_str(lang, "lang")):
            raise ValueError(f"lang must be a BCP 47 tag like 'en' or 'ja-Latn', not {lang!r}")
        return self._compiled().annotate(text, fuzzy=fuzzy, lang=lang)

    def annotate_many(
        self, texts: Iterable[str], *, processes: int | None = None, fuzzy: bool = True
    ) -> Iterator[list[Mention]]:
        """:meth:`annotate` over many texts, yielding results in input order.

        ``processes`` > 1 spreads the work over that many worker processes, each of which
        annotates with this very gazetteer, never a reload from disk: forked from this process
        on Linux when it runs a single thread (the workers then share its pages), else sent it
        pickled once; ``None`` or 1 works in this process.
        """
        if processes is not None and (not isinstance(processes, int) or processes < 1):
            raise ValueError(f"processes must be a positive int or None, not {processes!r}")
        if processes is None or processes == 1:
            for text in texts:
                yield self.annotate(text, fuzzy=fuzzy)
            return
        yield from run_in_pool(self, texts, processes=processes, fuzzy=fuzzy)

    def perspective(self, text: str, *, fuzzy: bool = True) -> Perspective:
        """Whose names ``text`` uses: its mentions counted by the party whose name each one is
        written in (see :mod:`toponyms.perspective`)."""
        return perspective_of(self.annotate(text, fuzzy=fuzzy), self)

    def rewrite(
        self,
        text: str,
        perspective: str,
        *,
        lang: str | None = None,
        as_of: datetime.date | None = None,
    ) -> str:
        """``text`` with every mention replaced by ``perspective``'s name for the place, as
        that party names it on ``as_of`` (default: today).

        Everything else is kept as it was; the replacement takes the case pattern of the
        original (KUNASHIR -> KUNASHIRI). A mention already in the party's name is kept as
        written, unless the party had stopped using that name by ``as_of`` ("Republic of
        Macedonia" -> "North Macedonia"). A mention of a place ``perspective`` has no name for
        is left as written.
        """
        day = as_of_date(as_of)
        _require_str(perspective, "perspective")
        if not is_party_code(perspective):
            raise ValueError(
                f"perspective must be an ISO 3166-1 alpha-2 code like 'JP', not {perspective!r}"
            )
        pieces: list[str] = []
        position = 0
        for mention in self.annotate(text, lang=lang):
            place = self._places[mention.place_id]
            if perspective in mention.used_by and not _dropped_by(place, mention, perspective, day):
                continue  # already that party's name: kept as written, case ending and all
            name = place.name_for(perspective, lang or mention.lang, like=mention.text, as_of=day)
            if name is None or perspective not in place.parties:
                continue
            pieces.append(text[position : mention.start])
            pieces.append(_rewrite_case(mention.text, _in_case_of(place, mention, name)))
            position = mention.end
        pieces.append(text[position:])
        return "".join(pieces)

    def _inflected(self, name: str) -> str | None:
        """The place of ``name`` when annotate() reads it whole as one mention, but for clitics
        or particles joined to it: a grammatical form of a name (Krymie, والقرم, 독도는)."""
        mentions = self._compiled().annotate(name, fuzzy=False, lang=None)
        if len(mentions) != 1:
            return None
        mention = mentions[0]
        before, after = fold(name[: mention.start]), fold(name[mention.end :])
        language = language_for(mention.lang)
        if before and (language is None or not language.prefix_chain(before)):
            return None
        if after and (language is None or not language.suffix(after)):
            return None
        return mention.place_id

    def _compiled(self) -> Annotator:
        if self._annotator is None:
            with self._annotator_lock:
                if self._annotator is None:
                    self._annotator = self._build_annotator()
                    key, self._artifact_key = self._artifact_key, None
                    if key is not None:
                        save_artifact(self, key)
        return self._annotator

    def _build_annotator(self) -> Annotator:
        from .annotate.scan import Annotator

        return Annotator(
            self._places.values(),
            self.should_not_match,
            self._all_ancestors,
            self.generic_terms.words(),
            self.generic_terms.kinds_of_term,
            self._resolver.typo,
        )

    def homonyms_of(self, place_id: str) -> frozenset[str]:
        """The places declared to share a name with this one, in either direction."""
        declared_by = self.derived("homonyms", self._declared_homonyms)
        return frozenset(self._places[place_id].homonyms) | declared_by.get(place_id, frozenset())

    def _declared_homonyms(self) -> dict[str, frozenset[str]]:
        by: dict[str, set[str]] = {}
        for place in self._places.values():
            for other in place.homonyms:
                by.setdefault(other, set()).add(place.id)
        return {k: frozenset(v) for k, v in by.items()}

    def derived(self, name: str, compute: Callable[[], T]) -> T:
        """A table derived from the whole gazetteer, computed on first use and kept (the
        checks and strategies ask for the same ones for every file: once, not once a file)."""
        if name not in self._derived:
            self._derived[name] = compute()
        return self._derived[name]  # type: ignore[return-value]

    def where(self, place_id: str, name: int | None = None) -> tuple[str, int | None]:
        """``(file, line)`` where a place (or its ``name``-th name) is written."""
        file, _ = self._located[place_id]
        return file.path, file.line_of(self.field_of(place_id, name))

    def field_of(self, place_id: str, name: int | None = None) -> str:
        """The field path of a place (or of its ``name``-th name) in its file:
        ``places[3].names[1]``."""
        _, i = self._located[place_id]
        return f"places[{i}]" if name is None else f"places[{i}].names[{name}]"

    def files(self) -> tuple[tuple[Dispute, tuple[Place, ...], tuple[str, ...]], ...]:
        """Each file's dispute, places and look-alike phrases, in file order."""
        return tuple(
            (f.dispute, tuple(self._places[p.id] for p in f.places), tuple(f.should_not_match))
            for f in self._files
        )

    def ancestors(self, place_id: str, perspective: str) -> tuple[str, ...]:
        """Every ancestor of a place as ``perspective`` sees it, nearest first, without repeats."""
        place = self._places.get(_require_str(place_id, "place_id"))
        if place is None:
            raise KeyError(place_id)
        seen: dict[str, None] = {}
        queue = list(place.parents_for(perspective))
        while queue:
            parent = queue.pop(0)
            if parent not in seen:
                seen[parent] = None
                queue.extend(self._places[parent].parents_for(perspective))
        return tuple(seen)

    # -- internals ---------------------------------------------------------------------------

    def _all_ancestors(self, place_id: str) -> frozenset[str]:
        """Every ancestor under any party's view (cached: the hierarchy never changes)."""
        cached = self._ancestor_cache.get(place_id)
        if cached is None:
            place = self._places[place_id]
            views = set(place.parties) | {ALL_PARTIES}
            cached = frozenset().union(*(self.ancestors(place_id, view) for view in views))
            self._ancestor_cache[place_id] = cached
        return cached


def _fuzzy_word_depths(places: Iterable[Place]) -> dict[str, int]:
    from .annotate.fuzzy import fuzzy_word_depths

    return fuzzy_word_depths(places)


def _dropped_by(place: Place, mention: Mention, party: str, day: datetime.date) -> bool:
    """Whether ``mention`` is written in a name of ``party``'s that it no longer used on
    ``day`` (an inflected form, which matches no name as written, counts as current)."""
    written = fold(mention.text)
    names = [n for n in place.names if party in n.used_by and fold(n.text) == written]
    return bool(names) and not any(n.in_use(day) for n in names)


def _rewrite_case(original: str, replacement: str) -> str:
    from .annotate.render import rewrite_case

    return rewrite_case(original, replacement)


def _in_case_of(place: Place, mention: Mention, replacement: Name) -> str:
    """``replacement`` in the grammatical case of the mention it replaces, where the language
    declines and the data lets the library decline the new name (на Итурупе -> на Эторофу,
    о Южных Курилах -> о Северных территориях); else as it stands."""
    if replacement.language != mention.lang.split("-", 1)[0].lower():
        return replacement.text
    declension = declension_for(replacement.lang)
    if declension is None:
        return replacement.text
    for name in place.names:
        if name.lang != mention.lang or name.text == mention.text:
            continue
        cases = declension.cases_of(mention.text, name.text)
        if cases:
            return declension.decline(replacement.text, cases) or replacement.text
    return replacement.text
