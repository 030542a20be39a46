"""The property suite: what every gazetteer file must satisfy beyond its schema.

Run it with ``toponyms check DIR`` (after the schema checks), from pytest with the plugin
(``toponyms_gazetteer = "DIR"`` in the pytest configuration), or from Python:

>>> import toponyms
>>> from toponyms.properties import check_properties
>>> [str(f) for f in check_properties(toponyms.default_gazetteer(), examples=20)]
[]

Each failure names the file and line of the place or name at fault and, for the properties that
Hypothesis explores, the shrunk example that breaks it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import cast

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .._errors import GazetteerError
from .._model import Dispute, Name, Place
from ..annotate.rules import declension_of
from ..data.dump import dump_file
from ..gazetteer import Gazetteer
from ..policy import SECONDARY_NAME_KINDS
from ..text.fold import fold, fold_key, fold_with_offsets
from .strategies import (
    _CASE_FRAMES,
    _annotatable,
    _embedded_plainly,
    _text_with_mentions,
    _typo_prone,
    _variants_of,
    key_owners,
    nearest_names,
)

__all__ = ["PROPERTIES", "PropertyFailure", "check_properties"]


@attrs.frozen
class PropertyFailure:
    """One property one file breaks, at ``path:line``, with the example that shows it."""

    path: str
    line: int | None
    property: str
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.property}: {self.message}"


class _Counterexample(Exception):
    def __init__(self, place_id: str, message: str) -> None:
        super().__init__(message)
        self.place_id = place_id
        self.message = message


_File = tuple[Dispute, tuple[Place, ...], tuple[str, ...]]
Property = Callable[[Gazetteer, _File, int], list[PropertyFailure]]


def _explore(
    gazetteer: Gazetteer,
    name: str,
    strategy: st.SearchStrategy[object],
    test: Callable[[object], None],
    examples: int,
) -> list[PropertyFailure]:
    """Run ``test`` over ``strategy``; report the shrunk counterexample, if any."""

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(example: object) -> None:
        test(example)

    try:
        run()
    except _Counterexample as failure:
        return [_at(gazetteer, failure.place_id, None, name, failure.message)]
    return []


def _at(
    gazetteer: Gazetteer, place_id: str, name: int | None, prop: str, message: str
) -> PropertyFailure:
    """A failure located at a place's (or one of its names') line."""
    path, line = gazetteer.where(place_id, name)
    return PropertyFailure(path, line, prop, message)


def _each_name(
    gazetteer: Gazetteer,
    file: _File,
    prop: str,
    problem: Callable[[Place, Name], str | None],
) -> list[PropertyFailure]:
    """A failure at each name of the file for which ``problem`` has something to say."""
    _, places, _ = file
    return [
        _at(gazetteer, place.id, i, prop, message)
        for place in places
        for i, name in enumerate(place.names)
        if (message := problem(place, name)) is not None
    ]


def names_normalize_to_their_place(
    gazetteer: Gazetteer, file: _File, examples: int
) -> list[PropertyFailure]:
    """Every name normalizes to its own place; a declared homonym to None, or, when it is only
    a short form or a historical name here, to the homonym whose full name it is."""

    def problem(place: Place, name: Name) -> str | None:
        got = gazetteer.normalize(name.text, fuzzy=False)
        homonyms = gazetteer.homonyms_of(place.id)
        if got == place.id or (got is None and homonyms):
            return None
        if got in homonyms and name.kind in SECONDARY_NAME_KINDS:
            return None
        return f"{name.text!r} normalizes to {got!r}, not {place.id!r}"

    return _each_name(gazetteer, file, "names-normalize-to-their-place", problem)


def folding_is_idempotent_and_keeps_offsets(
    gazetteer: Gazetteer, file: _File, examples: int
) -> list[PropertyFailure]:
    """fold() of a name is its own fold, and folding running text keeps a map to every name."""

    def problem(place: Place, name: Name) -> str | None:
        folded, offsets = fold_with_offsets(name.text)
        if fold(fold(name.text)) != fold(name.text):
            return f"fold() is not idempotent on {name.text!r}"
        if folded and offsets.span(0, len(folded)) != (0, len(name.text)):
            return f"folding {name.text!r} loses its offsets"
        return None

    return _each_name(gazetteer, file, "folding", problem)


def variants_normalize_to_their_place(
    gazetteer: Gazetteer, file: _File, examples: int
) -> list[PropertyFailure]:
    """Names perturbed by case, spacing, hyphens, accents, width, quotes or one typo still
    normalize to their place."""
    _, places, _ = file
    ids = {p.id for p in places}
    strategy = _variants_of(gazetteer, ids)
    if strategy is None:
        return []

    def test(example: object) -> None:
        text, place_id = cast(tuple[str, str], example)
        got = gazetteer.normalize(text)
        if got != place_id and place_id in ids:
            raise _Counterexample(
                place_id, f"the variant {text!r} normalizes to {got!r}, not {place_id!r}"
            )

    return _explore(gazetteer, "variants-normalize-to-their-place", strategy, test, examples)


def mentions_are_found_with_exact_spans(
    gazetteer: Gazetteer, file: _File, examples: int
) -> list[PropertyFailure]:
    """Names embedded in prose (case endings, possessives, line breaks) are found by annotate()
    at exactly their spans, and each mention's text normalizes to its place: one definition of
    "the same name" for both.

    The names are every name the data says annotate() must find
    (:func:`~toponyms.strategies.in_text_rule`), not the ones it happens to find: each is first
    written once in a plain sentence, and a miss is reported at the name's line; Hypothesis then
    combines and perturbs the names that pass alone.
    """
    _, places, _ = file
    ids = {p.id for p in places}
    prop = "mentions-are-found"
    failures: list[PropertyFailure] = []
    passed = []
    indexes = {(p.id, n): i for p in places for i, n in enumerate(p.names)}
    for item in _annotatable(gazetteer, None, ids):
        text, expected = _embedded_plainly(item)
        text = _with_cues(gazetteer, text, expected)
        got = tuple((m.start, m.end, m.place_id) for m in gazetteer.annotate(text))
        at = indexes[(item.place_id, item.name)]
        if got != expected:
            message = f"{item.name.text!r}: in {text!r} annotate() finds {list(got)}, " + (
                f"expected {list(expected)}"
            )
            failures.append(_at(gazetteer, item.place_id, at, prop, message))
            continue
        passed.append(item)
        problem = _case_forms_problem(gazetteer, item.name, item.place_id, item.rule)
        if problem is not None:
            failures.append(_at(gazetteer, item.place_id, at, prop, problem))
    if not passed:
        return failures

    def test(example: object) -> None:
        text, expected = cast(tuple[str, tuple[tuple[int, int, str], ...]], example)
        text = _with_cues(gazetteer, text, expected)
        mentions = gazetteer.annotate(text)
        got = tuple((m.start, m.end, m.place_id) for m in mentions)
        if got != expected:
            missing = [e for e in expected if e not in got]
            place_id = missing[0][2] if missing else expected[0][2]
            raise _Counterexample(
                place_id,
                f"in {text!r} annotate() finds {list(got)}, expected {list(expected)}",
            )
        for mention in mentions:
            resolved = gazetteer.normalize(mention.text)
            if resolved != mention.place_id:
                raise _Counterexample(
                    mention.place_id,
                    f"annotate() finds {mention.text!r} in {text!r}, but normalize() of it "
                    f"gives {resolved!r}",
                )

    return failures + _explore(gazetteer, prop, _text_with_mentions(passed), test, examples)


def _with_cues(gazetteer: Gazetteer, text: str, expected: tuple[tuple[int, int, str], ...]) -> str:
    """``text`` with, after it, a cue of each expected place that counts only near one (the
    Greek region Macedonia near "Thessaloniki"): the offsets of the mentions stay as they are."""
    cues = []
    for place_id in dict.fromkeys(p for _, _, p in expected):
        place = gazetteer.get(place_id)
        if place is not None and place.context is not None and place.context.only_near:
            cues.append(place.context.only_near[0])
    return f"{text} ({', '.join(cues)})" if cues else text


def _case_forms_problem(gazetteer: Gazetteer, name: Name, place_id: str, rule: str) -> str | None:
    """What goes wrong with the case forms of ``name`` its language's data gives, each after a
    preposition that governs its case (на Итурупе, с Курильских островов): annotate() must
    find the form whole, and normalize() must resolve it to the place."""
    declension = declension_of(name)
    if declension is None or rule != "any-case":
        return None
    for case, frame in _CASE_FRAMES.get(name.language, ()):
        if case not in declension.labels:
            continue
        form = declension.decline(name.text, {case})
        if not form or form == name.text or fold(form).endswith("ском"):
            continue  # no form, or one read as the adjective (в Курильском районе)
        text = frame.format(form)
        found = [(m.text, m.place_id) for m in gazetteer.annotate(text)]
        if found != [(form, place_id)]:
            return f"{form!r} ({case}): in {text!r} annotate() finds {found}"
        resolved = gazetteer.normalize(form)
        if resolved != place_id:
            return f"{form!r} ({case}): annotate() finds it, but normalize() gives {resolved!r}"
    return None


def look_alikes_are_not_places(
    gazetteer: Gazetteer, file: _File, examples: int
) -> list[PropertyFailure]:
    """Every should_not_match phrase gives no mention and no normalized ID."""
    dispute, _, phrases = file
    failures = []
    for phrase in phrases:
        found = [(m.text, m.place_id) for m in gazetteer.annotate(phrase)]
        got = gazetteer.normalize(phrase)
        if found or got is not None:
            failures.append(
                PropertyFailure(
                    dispute.path,
                    None,
                    "look-alikes-are-not-places",
                    f"{phrase!r} gives mentions {found} and normalize() {got!r}",
                )
            )
    return failures


def short_names_are_not_one_typo_apart(
    gazetteer: Gazetteer, file: _File, examples: int
) -> list[PropertyFailure]:
    """A name of six letters or fewer is not one typo from another place's name: a misspelling
    of it would land on the other place."""
    keys = nearest_names(gazetteer)

    def problem(place: Place, name: Name) -> str | None:
        key = fold_key(name.text)
        if not (5 <= len(key) <= 6) or not _typo_prone(name.text):
            return None  # too short for typos to count, or in a script fuzzy matching skips
        declared = gazetteer.homonyms_of(place.id) | {place.id}
        for other_key, distance in keys.typo.within(key, 1):
            if distance != 1 or len(other_key) > 6:
                continue
            for other in sorted(keys.places[other_key] - declared):
                return f"{name.text!r} is one typo from {other_key!r} of {other!r}"
        return None

    return _each_name(gazetteer, file, "short-names-are-not-one-typo-apart", problem)


def stems_do_not_name_other_places(
    gazetteer: Gazetteer, file: _File, examples: int
) -> list[PropertyFailure]:
    """A name stripped of its generic term ("Etorofu Island" -> "Etorofu") is not the name of
    another place of a kind that term describes: normalize("Etorofu-jima") must not have two
    answers. This is how a name moved to the wrong place shows. ("Kurilsk district" and the
    town Kurilsk are fine: "district" does not describe a town.)"""
    owners = key_owners(gazetteer)

    def problem(place: Place, name: Name) -> str | None:
        declared = gazetteer.homonyms_of(place.id) | {place.id}
        for stem, cls in gazetteer.generic_terms.stems(fold(name.text)):
            if cls is None:
                continue
            for other in sorted(owners.get(fold_key(stem), set()) - declared):
                if gazetteer.get(other).kind in cls.kinds:  # type: ignore[union-attr]
                    return (
                        f"{name.text!r} without its generic term is {stem!r}, a name of {other!r}"
                    )
        return None

    return _each_name(gazetteer, file, "stems-do-not-name-other-places", problem)


#: Kinds of name that write another name of the place in another script or system.
_RENDERINGS = frozenset({"reading", "romanization"})


def renderings_follow_their_written_form(
    gazetteer: Gazetteer, file: _File, examples: int
) -> list[PropertyFailure]:
    """A reading or a romanization (えぞち, Hoppō Ryōdo) is used by no party that does not use
    a name of the place written in its language: a kana reading cannot be Russia's when every
    kanji name of its language is Japan's alone."""

    def problem(place: Place, name: Name) -> str | None:
        if name.kind not in _RENDERINGS:
            return None
        written = [
            n
            for n in place.names
            if n.language == name.language and n.kind not in _RENDERINGS and n.lang != name.lang
        ]
        if not written:
            return None
        users = frozenset().union(*(n.used_by for n in written))
        extra = sorted(name.used_by - users)
        if not extra:
            return None
        return (
            f"{name.text!r} ({name.kind}) is used by {', '.join(extra)}, which no name of the"
            f" place written in {name.language!r} is"
        )

    return _each_name(gazetteer, file, "renderings-follow-their-written-form", problem)


def yaml_round_trip(gazetteer: Gazetteer, file: _File, examples: int) -> list[PropertyFailure]:
    """Loading the file, dumping it to YAML and loading that again gives the same places."""
    dispute, places, phrases = file
    from ..data.read import read_text

    try:
        again_dispute, again_places, _ = read_text(
            dump_file(dispute, places, phrases), f"{dispute.id}.yaml (dumped)"
        )
    except GazetteerError as exc:  # the dump is refused: say so at the original file
        refused = "; ".join(f"{p.field}: {p.message}" for p in exc.problems[:3])
        message = f"the dumped file does not load again: {refused}"
        return [PropertyFailure(dispute.path, None, "yaml-round-trip", message)]
    differences = [p.id for p, q in zip(places, again_places, strict=False) if p != q] + (
        [] if len(places) == len(again_places) else ["(number of places)"]
    )
    if attrs.evolve(again_dispute, path=dispute.path) != dispute:
        differences.insert(0, "(file header)")
    if not differences:
        return []
    return [
        PropertyFailure(
            dispute.path, None, "yaml-round-trip", f"dumping and loading changes {differences}"
        )
    ]


PROPERTIES: Sequence[Property] = (
    names_normalize_to_their_place,
    folding_is_idempotent_and_keeps_offsets,
    variants_normalize_to_their_place,
    mentions_are_found_with_exact_spans,
    look_alikes_are_not_places,
    short_names_are_not_one_typo_apart,
    stems_do_not_name_other_places,
    renderings_follow_their_written_form,
    yaml_round_trip,
)


#: How many files' worth of examples a whole gazetteer explores per generated property.
EXPLORED_FILES = 4
#: The fewest examples a file gets, however many files there are: one, so that the generated
#: properties' cost stays flat past ``examples * EXPLORED_FILES`` files (five each made them
#: the largest part of checking a gazetteer of 370 files).
MIN_EXAMPLES = 1


def examples_per_file(examples: int, files: int) -> int:
    """The examples each file gets when a gazetteer of ``files`` files is checked with
    ``examples``: all of them up to :data:`EXPLORED_FILES` files, then a share of that many
    files' worth (at least :data:`MIN_EXAMPLES`), so that the generated properties cost about
    the same for four files and for four hundred, and the check stays linear in the names (the
    properties over every name are not sampled).

    >>> examples_per_file(100, 3), examples_per_file(100, 40), examples_per_file(100, 400)
    (100, 10, 1)
    """
    if files <= EXPLORED_FILES:
        return examples
    return max(MIN_EXAMPLES, min(examples, examples * EXPLORED_FILES // files))


def check_properties(
    gazetteer: Gazetteer, *, examples: int = 100, processes: int = 1
) -> Iterator[PropertyFailure]:
    """Every failure of every property on every file of ``gazetteer``, file by file.

    ``examples`` is how many examples Hypothesis tries per file for the generated properties
    (in a gazetteer of more than four files, a share of four files' worth each: see
    :func:`examples_per_file`). The properties over every name run on every name.
    ``processes`` > 1 shares the files out among that many worker processes, each reading this
    gazetteer with its indexes built (forked where annotate_many() forks, else sent it
    pickled once); the failures are the same (the examples are derandomized), in the same
    order.
    """
    if not isinstance(examples, int) or examples < 1:
        raise ValueError(f"examples must be a positive int, not {examples!r}")
    if not isinstance(processes, int) or processes < 1:
        raise ValueError(f"processes must be a positive int, not {processes!r}")
    files = gazetteer.files()
    each = examples_per_file(examples, len(files))
    if processes == 1 or len(files) < 2:
        for file in files:
            yield from _check_file(gazetteer, file, each)
        return
    from ..annotate import pool

    # the workers of annotate_many(), each reading this very gazetteer
    with pool.worker_pool(gazetteer, min(processes, len(files))) as workers:
        tasks = [(i, each) for i in range(len(files))]
        for failures in workers.imap(_check_file_at, tasks):
            yield from failures


def _check_file(gazetteer: Gazetteer, file: _File, each: int) -> list[PropertyFailure]:
    return [failure for prop in PROPERTIES for failure in prop(gazetteer, file, each)]


def _check_file_at(task: tuple[int, int]) -> list[PropertyFailure]:
    from ..annotate import pool

    index, each = task
    gazetteer = pool._worker_gazetteer
    assert gazetteer is not None, "worker started without a gazetteer"
    return _check_file(gazetteer, gazetteer.files()[index], each)
