"""The Gazetteer: places loaded from a directory of YAML files, checked as a whole, and indexed."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ._annotate import Annotator, rewrite_case
from ._errors import AmbiguousNameError, GazetteerError, Problem, UnknownNameError
from ._generic import GenericClass, GenericTerms
from ._index import IndexEntry, NameIndex, max_edits, other_form, words_close
from ._loader import (
    GENERIC_TERMS_FILE,
    FileContents,
    bundled_gazetteer_dir,
    file_label,
    read_directory,
    read_generic_terms,
)
from ._model import ALL_PARTIES, Candidate, Dispute, Mention, Place
from ._pool import run_in_pool
from ._schema import SECONDARY_NAME_KINDS, is_language_tag, is_party_code
from ._text import fold, fold_key, key_of_folded, romanization_key

__all__ = ["Gazetteer"]

_PARENS = re.compile(r"\(([^()]*)\)")
_SPACES = re.compile(r"\s+")


def _require_str(value: object, argument: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be str, not {type(value).__name__}")
    return value


class Gazetteer:
    """A checked, indexed set of places.

    Build one with :func:`toponyms.load`; the module-level functions of :mod:`toponyms` use the
    bundled one. A Gazetteer is immutable and safe to share between threads.
    """

    def __init__(
        self, files: Iterable[FileContents], generic_terms: GenericTerms | None = None
    ) -> None:
        self._files = tuple(files)
        self.generic_terms = generic_terms if generic_terms is not None else GenericTerms(())
        self._places: dict[str, Place] = {}
        self._disputes: dict[str, Dispute] = {}
        self._located: dict[str, tuple[FileContents, int]] = {}
        problems = _check_whole(self._files, self._places, self._disputes, self._located)
        if not self._places and not problems:
            problems.append(Problem(_where(self._files), None, None, "holds no places"))
        if problems:
            raise GazetteerError(problems)
        self._index = NameIndex.of_names(self._places.values())
        stems = list(_stem_entries(self._places.values(), self.generic_terms))
        self._stems = NameIndex(stems)
        self._romanized = _romanization_index(stems)
        self._romanized_keys = list(self._romanized)
        self.should_not_match: tuple[str, ...] = tuple(
            phrase for f in self._files for phrase in f.should_not_match
        )
        self._blocked = frozenset(fold_key(p) for p in self.should_not_match)
        self._annotator: Annotator | None = None
        self._ancestor_cache: dict[str, frozenset[str]] = {}
        self._annotator_lock = threading.Lock()
        self.directory: Path | None = None
        #: The data version of the directory (its VERSION file), for pinning in pipelines.
        self.data_version: str | None = None
        self._resolve = lru_cache(maxsize=100_000)(self._resolve_uncached)

    @classmethod
    def from_directory(cls, path: Path | str | None = None) -> Gazetteer:
        """Load and check every ``*.yaml`` file of ``path`` (default: the bundled gazetteer)."""
        directory = bundled_gazetteer_dir() if path is None else Path(path)
        files: list[FileContents] = []
        problems: list[Problem] = []
        generic_terms: GenericTerms | None = None
        terms_file = directory / GENERIC_TERMS_FILE
        if not terms_file.is_file():
            terms_file = bundled_gazetteer_dir() / GENERIC_TERMS_FILE
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
        hits = self._index.exact(_require_str(name, "name"))
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
        """
        _require_str(name, "name")
        if not isinstance(fuzzy, bool):
            raise TypeError(f"fuzzy must be bool, not {type(fuzzy).__name__}")
        folded = fold(name)
        return self._resolve(folded, fuzzy) if folded else None

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
        return self._index.ranked(name, limit, score_cutoff)

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

        ``processes`` > 1 spreads the work over that many worker processes (each loads this
        gazetteer once); ``None`` or 1 works in this process.
        """
        if processes is not None and (not isinstance(processes, int) or processes < 1):
            raise ValueError(f"processes must be a positive int or None, not {processes!r}")
        if processes is None or processes == 1:
            for text in texts:
                yield self.annotate(text, fuzzy=fuzzy)
            return
        yield from run_in_pool(self.directory, texts, processes=processes, fuzzy=fuzzy)

    def rewrite(self, text: str, perspective: str, *, lang: str | None = None) -> str:
        """``text`` with every mention replaced by ``perspective``'s name for the place.

        Everything else is kept as it was; the replacement takes the case pattern of the
        original (KUNASHIR -> KUNASHIRI). A mention of a place ``perspective`` has no name for
        is left as written.
        """
        _require_str(perspective, "perspective")
        if not is_party_code(perspective):
            raise ValueError(
                f"perspective must be an ISO 3166-1 alpha-2 code like 'JP', not {perspective!r}"
            )
        pieces: list[str] = []
        position = 0
        for mention in self.annotate(text, lang=lang):
            place = self._places[mention.place_id]
            name = place.name_for(perspective, lang or mention.lang, like=mention.text)
            if name is None or perspective not in place.parties:
                continue
            pieces.append(text[position : mention.start])
            pieces.append(rewrite_case(mention.text, name.text))
            position = mention.end
        pieces.append(text[position:])
        return "".join(pieces)

    def _compiled(self) -> Annotator:
        if self._annotator is None:
            with self._annotator_lock:
                if self._annotator is None:
                    self._annotator = Annotator(
                        self._places.values(),
                        self.should_not_match,
                        self._all_ancestors,
                        self.generic_terms.words(),
                    )
        return self._annotator

    def homonyms_of(self, place_id: str) -> frozenset[str]:
        """The places declared to share a name with this one, in either direction."""
        place = self._places[place_id]
        declared = set(place.homonyms)
        declared.update(p.id for p in self._places.values() if place_id in p.homonyms)
        return frozenset(declared)

    def where(self, place_id: str, name: int | None = None) -> tuple[str, int | None]:
        """``(file, line)`` where a place (or its ``name``-th name) is written."""
        file, i = self._located[place_id]
        field = f"places[{i}]" if name is None else f"places[{i}].names[{name}]"
        return file.path, file.line_of(field)

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

    def _resolve_uncached(self, folded: str, fuzzy: bool) -> str | None:
        """normalize() on an already folded name: each step answers only when it finds a place,
        and a step that finds several gives None rather than a guess."""
        key = key_of_folded(folded)
        if key in self._blocked:
            return None
        found = self._find(folded, fuzzy)
        if not found:
            found = self._find_qualified(folded, fuzzy)
        return found.pop() if len(found) == 1 else None

    def _find(self, folded: str, fuzzy: bool) -> set[str]:
        """The places the first step that finds any finds: exact, stems, fuzzy, fuzzy stems."""
        found = _full_name_first(self._index.exact_entries(folded))
        if not found:
            found = self._by_stem(folded, self._stems.exact_entries, fuzzy=False)
        if not found:
            romanized = self._by_romanization(folded)
            if len(romanized) == 1:  # a coarse key: it answers only when it is sure
                found = romanized
        if not found and fuzzy:
            found = self._nearest(folded) or self._nearest_romanized(folded)
        return found

    def _nearest(self, folded: str) -> set[str]:
        """Places of the names, or name stems, fewest edits away: whole names and stems compete
        ("Yozhno-Kurilsky" is one edit from the district's stem, two from the town's name), and
        at equal distance whole names win, as in the exact steps."""
        best, entries = self._index.fuzzy_match(folded)
        found = _ids(entries)
        stems: dict[int, set[str]] = {}
        for stem, cls, term_typo in self._stems_of(folded):
            distance, entries = self._stems.fuzzy_match(stem)
            if cls is None:  # a bare name: only stems that lost a term, and not by an ending
                entries = [e for e in entries if e.generic is not None and _not_derived(stem, e)]
            else:
                entries = [e for e in entries if self._places[e.place_id].kind in cls.kinds]
            if entries and distance is not None:
                stems.setdefault(distance + term_typo, set()).update(_ids(entries))
        nearest = min(stems, default=None)
        if nearest is not None and (best is None or nearest < best):
            return stems[nearest]
        return found

    def _stems_of(self, folded: str) -> Iterator[tuple[str, GenericClass | None, int]]:
        """Each ``(stem, class, edits)`` reading of ``folded``, where ``edits`` is 1 when the
        generic term itself carries the typo ("Tomari Vlilage" is one edit from Tomari
        Village, whichever way it is read)."""
        exact = {(stem, cls.id if cls else None) for stem, cls in self.generic_terms.stems(folded)}
        for stem, cls in self.generic_terms.stems(folded, fuzzy=True):
            yield stem, cls, int((stem, cls.id if cls else None) not in exact)

    def _nearest_romanized(self, folded: str) -> set[str]:
        """Places of the names fewest edits away once romanization is forgotten: a typo in a
        name written in another system of the same script ("Alassov": Atlassov, Atlasov). The
        key is coarse already, so one edit at most, word for word, and whole names first at
        equal distance."""
        by_distance: dict[tuple[int, bool], set[str]] = {}
        for stem, cls, term_typo in self._stems_of(folded):
            key = romanization_key(stem)
            budget = min(1, max_edits(len(key))) if key else 0  # the key is coarse already
            if not key or budget == 0:
                continue
            words = _romanized_words(stem.split())
            cyrillic = _has_cyrillic(stem)
            digits = {ch for ch in key if ch.isdigit()}
            hits = process.extract(
                key,
                self._romanized_keys,
                scorer=OSA.distance,
                score_cutoff=budget,
                limit=None,
            )
            for choice, distance, _ in hits:
                if distance == 0 or distance > max_edits(min(len(key), len(choice))):
                    continue  # the exact key answered before; the shorter name sets the budget
                if digits - set(choice):
                    continue  # digits are never typos: Sachalin-2 is a project, not the island
                for entry in self._romanized[choice]:
                    if _has_cyrillic("".join(entry.words)) != cyrillic:
                        continue  # across scripts a typo is too easy: Russia ~ Расшя (Rasshua)
                    if cls is None:
                        fits = entry.generic is None or _not_derived(stem, entry)
                    else:
                        fits = self._places[entry.place_id].kind in cls.kinds
                    if (
                        fits
                        and len(words) == len(entry.words)
                        and words_close(words, _romanized_words(entry.words))
                        and not other_form(stem.split(), entry.words)
                    ):
                        rank = (
                            int(distance) + term_typo,
                            cls is None and entry.generic is not None,
                        )
                        by_distance.setdefault(rank, set()).add(entry.place_id)
        return by_distance[min(by_distance)] if by_distance else set()

    def _find_qualified(self, folded: str, fuzzy: bool) -> set[str]:
        """Places of a name written with alternatives or qualifiers.

        "Kunashir/Kunashiri" needs every alternative that names a place to name the same one.
        In "Nemuro, Hokkaido" or "エトロフ(択捉)島" the head decides, and a qualifier that names
        a place must be that place or one of its ancestors (under any party's view); a generic
        term as qualifier ("Yuri (island)") must fit the place's kind; any other qualifier is
        ignored. Qualifiers also pick one of a homonym's places.
        """
        if "/" in folded:
            alternatives = [self._find(part.strip(), fuzzy) for part in folded.split("/")]
            agreed = [found for found in alternatives if found]
            return set.intersection(*agreed) if agreed else set()
        head = _SPACES.sub(" ", _PARENS.sub("", folded)).strip()
        head, *tails = (part.strip() for part in head.split(","))
        qualifiers = [q.strip() for q in _PARENS.findall(folded)] + tails
        if not qualifiers and _unspaced_cjk(head):
            return self._find_address(head, fuzzy)
        if not qualifiers or not head:
            return set()
        found = self._find(head, fuzzy)
        for qualifier in qualifiers:
            kinds = self.generic_terms.kinds_of_term(qualifier)
            if kinds is not None:  # "Юрий (остров)", "Хабомаи (село)": a kind, not a place
                found = {p for p in found if self._places[p].kind in kinds}
                continue
            named = self._find(qualifier, fuzzy=False)
            if not named and _unspaced_cjk(qualifier):
                named = self._find_address(qualifier, fuzzy=False)
            if len(named) == 1:
                place = next(iter(named))
                found = {p for p in found if p == place or place in self._all_ancestors(p)}
        return found

    def _find_address(self, folded: str, fuzzy: bool) -> set[str]:
        """Places of a Japanese or Chinese address written without separators: the larger units
        come first and must be ancestors of the place the rest names (北海道 + 色丹郡色丹村,
        北海道根室振興局). A county (郡) that is not in the gazetteer is passed over when it
        leaves a single place (択捉郡 + 留別村)."""
        for cut in range(len(folded) - 1, 0, -1):
            prefix, rest = folded[:cut], folded[cut:]
            named = _ids(self._index.exact_entries(prefix))
            if len(named) == 1:
                place = next(iter(named))
                found = self._find(rest, fuzzy) or self._find_address(rest, fuzzy)
                found = {p for p in found if place in self._all_ancestors(p)}
                if found:
                    return found
            elif not named and prefix.endswith("郡") and len(prefix) >= 2:
                found = self._find(rest, fuzzy) or self._find_address(rest, fuzzy)
                if len(found) == 1:
                    return found
        return set()

    def _all_ancestors(self, place_id: str) -> frozenset[str]:
        """Every ancestor under any party's view (cached: the hierarchy never changes)."""
        cached = self._ancestor_cache.get(place_id)
        if cached is None:
            place = self._places[place_id]
            views = set(place.parties) | {ALL_PARTIES}
            cached = frozenset().union(*(self.ancestors(place_id, view) for view in views))
            self._ancestor_cache[place_id] = cached
        return cached

    def _by_romanization(self, folded: str) -> set[str]:
        """Places whose name (or its stem) is the same once romanization is forgotten:
        Južno-Kuril'skij ~ Yuzhno-Kurilsky, Sachalin ~ Sakhalin, Szykotan ~ Shikotan."""
        found: set[str] = set()
        for stem, cls in self.generic_terms.stems(folded):
            key = romanization_key(stem)
            entries = self._romanized.get(key, []) if key else []
            if cls is None:  # a bare name: whole names first, names' stems only failing them
                whole = {e.place_id for e in entries if e.generic is None}
                found |= whole or {e.place_id for e in entries}
            else:
                found |= {e.place_id for e in entries if self._places[e.place_id].kind in cls.kinds}
        return found

    def _by_stem(
        self, folded: str, find: Callable[[str], list[IndexEntry]], *, fuzzy: bool
    ) -> set[str]:
        """Places whose name, stripped of its generic term, matches ``folded`` stripped of its
        own: "Kuril Archipelago" ~ "Kuril Islands", "択捉" ~ "択捉島", "остров Итуруп" ~ "Итуруп".

        A query with a term accepts only places of a kind its class covers; a query without one
        matches only stems that lost a term.
        """
        found: set[str] = set()
        for stem, cls in self.generic_terms.stems(folded, fuzzy=fuzzy):
            for entry in find(stem):
                if cls is None:
                    if entry.generic is not None:
                        found.add(entry.place_id)
                elif self._places[entry.place_id].kind in cls.kinds:
                    found.add(entry.place_id)
        return found


def _romanization_index(entries: Iterable[IndexEntry]) -> dict[str, list[IndexEntry]]:
    index: dict[str, list[IndexEntry]] = {}
    for entry in entries:
        key = romanization_key(" ".join(entry.words))
        if key:
            index.setdefault(key, []).append(entry)
    return index


_LONGEST_ADDRESS = 40  # characters; longer unspaced text is prose, not an address


def _unspaced_cjk(text: str) -> bool:
    """Whether ``text`` is Han or kana without spaces (how Japanese writes addresses)."""
    return 1 < len(text) <= _LONGEST_ADDRESS and all(
        0x3040 <= ord(ch) <= 0x30FF or 0x3400 <= ord(ch) <= 0x9FFF for ch in text
    )


def _has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


def _romanized_words(words: Sequence[str]) -> list[str]:
    return [romanization_key(word) or word for word in words]


def _ids(entries: Iterable[IndexEntry]) -> set[str]:
    return {e.place_id for e in entries}


def _not_derived(query: str, entry: IndexEntry) -> bool:
    """Whether a bare query and a name's stem differ by more than the end of the last word:
    "Південно-Курильськ" (a town) is not a typo of the adjective in "Південно-Курильські
    острови" (the islands), though one letter apart."""
    last, stem_last = query.split()[-1], entry.words[-1]
    return last == stem_last or not (last.startswith(stem_last) or stem_last.startswith(last))


def _full_name_first(entries: Sequence[IndexEntry]) -> set[str]:
    """The places of exact matches; when several places match, those for which the text is
    only a short form or a historical name drop out in favour of one whose current full name
    it is ("Nemuro" is the city; for the subprefecture it is a clipped "Nemuro Subprefecture";
    樺太 is Sakhalin today and southern Sakhalin only historically)."""
    found = _ids(entries)
    if len(found) > 1:
        primary = {e.place_id for e in entries if e.name.kind not in SECONDARY_NAME_KINDS}
        if len(primary) == 1:
            return primary
    return found


def _stem_entries(places: Iterable[Place], generic_terms: GenericTerms) -> Iterator[IndexEntry]:
    """Every name as it stands and as a stem without its generic term, for ``_by_stem``."""
    for place in places:
        for name in place.names:
            folded = fold(name.text)
            yield IndexEntry(place.id, name, tuple(folded.split()))
            for stem, cls in generic_terms.stems(folded):
                if cls is not None:
                    yield IndexEntry(place.id, name, tuple(stem.split()), cls.id)


def _where(files: tuple[FileContents, ...]) -> str:
    return files[0].path if files else "gazetteer"


def _check_whole(
    files: tuple[FileContents, ...],
    places: dict[str, Place],
    disputes: dict[str, Dispute],
    located: dict[str, tuple[FileContents, int]],
) -> list[Problem]:
    """Fill ``places``, ``disputes`` and ``located`` (place ID -> file and index in it);
    return what is wrong across the files."""
    problems: list[Problem] = []

    def problem(file: FileContents, field: str, message: str) -> None:
        problems.append(Problem(file.path, file.line_of(field), field, message))

    def at(place_id: str) -> str:
        file, i = located[place_id]
        return f"{file.path}:{file.line_of(f'places[{i}].id')}"

    for file in files:
        if file.dispute.id in disputes:
            first = disputes[file.dispute.id].path
            problem(file, "id", f"file ID {file.dispute.id!r} is already used by {first}")
        else:
            disputes[file.dispute.id] = file.dispute
        for i, place in enumerate(file.places):
            if place.id in places:
                problem(
                    file,
                    f"places[{i}].id",
                    f"place ID {place.id!r} is already defined at {at(place.id)}",
                )
                continue
            places[place.id] = place
            located[place.id] = (file, i)

    for place_id, place in places.items():
        file, i = located[place_id]
        base = f"places[{i}]"
        for perspective, parent_ids in place.parents.items():
            for j, parent in enumerate(parent_ids):
                if parent not in places:
                    problem(
                        file,
                        f"{base}.parents.{perspective}[{j}]",
                        f"no place has the ID {parent!r}",
                    )
                elif parent == place_id:
                    problem(
                        file, f"{base}.parents.{perspective}[{j}]", "a place is not its own parent"
                    )
        for j, other in enumerate(place.homonyms):
            if other not in places:
                problem(file, f"{base}.homonyms[{j}]", f"no place has the ID {other!r}")
        named_by = set().union(*(n.used_by for n in place.names))
        for party in sorted(place.parties) if file.dispute.disputed else ():
            if party in place.unnamed_by and party in named_by:
                problem(
                    file,
                    f"{base}.unnamed_by.{party}",
                    f"{party} uses names listed for this place; drop this entry",
                )
            elif party not in place.unnamed_by and party not in named_by:
                problem(
                    file,
                    f"{base}.names",
                    f"no name is used by {party}; add one with its "
                    f"source, or say why in unnamed_by",
                )
        seen: dict[tuple[str, str], int] = {}
        for j, name in enumerate(place.names):
            twin = seen.setdefault((name.text, name.lang), j)
            if twin != j:
                problem(
                    file,
                    f"{base}.names[{j}]",
                    f"{name.text!r} ({name.lang}) is listed twice (also names[{twin}])",
                )

    problems.extend(_check_cycles(places, located))
    problems.extend(_check_shared_names(places, located))
    problems.extend(_check_look_alikes(files, places))
    return problems


def _check_look_alikes(
    files: tuple[FileContents, ...], places: Mapping[str, Place]
) -> list[Problem]:
    """A should_not_match phrase must not be one of the gazetteer's own names."""
    owner = {fold_key(n.text): p.id for p in places.values() for n in p.names}
    problems: list[Problem] = []
    for file in files:
        for i, phrase in enumerate(file.should_not_match):
            place_id = owner.get(fold_key(phrase))
            if place_id is not None:
                field = f"should_not_match[{i}]"
                message = f"{phrase!r} is a name of {place_id!r}"
                problems.append(Problem(file.path, file.line_of(field), field, message))
    return problems


def _check_cycles(
    places: Mapping[str, Place], located: Mapping[str, tuple[FileContents, int]]
) -> list[Problem]:
    """A cycle of parents under any perspective, reported once at its first place."""
    perspectives = {ALL_PARTIES} | {p for place in places.values() for p in place.parents}
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()
    for perspective in sorted(perspectives):
        for cycle in _cycles(places, perspective):
            if frozenset(cycle) in reported:
                continue
            reported.add(frozenset(cycle))
            file, i = located[cycle[0]]
            field = f"places[{i}].parents"
            ring = " -> ".join([*cycle, cycle[0]])
            message = f"parents form a cycle ({perspective}): {ring}"
            problems.append(Problem(file.path, file.line_of(field), field, message))
    return problems


def _cycles(places: Mapping[str, Place], perspective: str) -> Iterator[list[str]]:
    """Each cycle of the parent graph as ``perspective`` sees it (depth-first, iterative)."""
    done: set[str] = set()
    for start in places:
        if start in done:
            continue
        path, on_path = [start], {start}
        stack = [(start, _known_parents(places, start, perspective))]
        while stack:
            place_id, parents = stack[-1]
            parent = next(parents, None)
            if parent is None:
                stack.pop()
                path.pop()
                on_path.discard(place_id)
                done.add(place_id)
            elif parent in on_path:
                yield path[path.index(parent) :]
            elif parent not in done:
                path.append(parent)
                on_path.add(parent)
                stack.append((parent, _known_parents(places, parent, perspective)))


def _known_parents(places: Mapping[str, Place], place_id: str, perspective: str) -> Iterator[str]:
    return (p for p in places[place_id].parents_for(perspective) if p in places)


def _check_shared_names(
    places: Mapping[str, Place], located: Mapping[str, tuple[FileContents, int]]
) -> list[Problem]:
    """Two places with the same folded name must declare each other as homonyms."""
    owners: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for place_id, place in places.items():
        for j, name in enumerate(place.names):
            key = fold_key(name.text)
            first = owners.setdefault(key, (place_id, j))
            other_id = first[0]
            if other_id == place_id:
                continue
            other = places[other_id]
            if other_id in place.homonyms or place_id in other.homonyms:
                continue
            file, i = located[place_id]
            other_file, k = located[other_id]
            where = f"{other_file.path}:{other_file.line_of(f'places[{k}].names[{first[1]}]')}"
            field = f"places[{i}].names[{j}]"
            problems.append(
                Problem(
                    file.path,
                    file.line_of(field),
                    field,
                    f"{name.text!r} is also a name of {other_id!r} ({where}); if "
                    f"both are right, declare homonyms: [{other_id}]",
                )
            )
    return problems
