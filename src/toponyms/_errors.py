"""The exceptions toponyms raises, each refining a builtin so callers can catch what they know."""

from __future__ import annotations

from collections.abc import Iterable

import attrs


@attrs.frozen
class Problem:
    """One thing wrong with a gazetteer file, located at ``path:line`` and naming the field.

    ``field`` is a dotted path into the document (``places[3].names[0].lang``) or ``None``
    when the problem is not about one field (a YAML syntax error, an undecodable byte).
    """

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = self.message if self.field is None else f"{self.field}: {self.message}"
        return f"{where}: {what}"


class GazetteerError(ValueError):
    """A gazetteer directory or file is invalid.

    Loading reports every problem it finds, not only the first: ``problems`` holds them all,
    in file and line order. ``path``, ``line`` and ``field`` are those of the first problem,
    for callers that handle one.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("GazetteerError needs at least one problem")
        first = self.problems[0]
        self.path: str = first.path
        self.line: int | None = first.line
        self.field: str | None = first.field
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownNameError(LookupError):
    """No place in the gazetteer has this name."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no place is called {name!r}")


class AmbiguousNameError(LookupError):
    """Several places share this name (a declared homonym); pick one by ID."""

    def __init__(self, name: str, place_ids: Iterable[str]) -> None:
        self.name = name
        self.place_ids: tuple[str, ...] = tuple(sorted(place_ids))
        super().__init__(f"{name!r} names several places: {', '.join(self.place_ids)}")
