"""Checks across the files of a gazetteer directory: what no single file can know."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from .._errors import Problem
from .._model import ALL_PARTIES, Dispute, Place
from ..text.fold import fold_key
from .read import FileContents

__all__ = ["check_whole"]


def check_whole(
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
