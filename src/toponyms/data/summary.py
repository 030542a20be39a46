"""What a gazetteer holds, dispute by dispute: the table the README carries and
``toponyms disputes`` prints.

>>> import toponyms
>>> rows = dispute_rows(toponyms.load("tests/fixtures/mini"))
>>> rows[0].file, rows[0].parties, rows[0].places
('kurils-mini', ('JP', 'RU'), 7)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from .sources import copy_reason

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

__all__ = ["DisputeRow", "dispute_rows", "markdown_table"]


@attrs.frozen
class DisputeRow:
    """One gazetteer file in numbers."""

    file: str
    title: str
    disputed: bool
    parties: tuple[str, ...]
    places: int
    names: int
    #: Primary language subtags its names are written in.
    languages: int
    #: Distinct pages its names cite.
    sources: int
    #: Names whose source is a copy of a page (see :mod:`toponyms.data.sources`).
    copies: int
    #: Places with a sourced representative point.
    points: int


def dispute_rows(gazetteer: Gazetteer) -> list[DisputeRow]:
    """A row per file of ``gazetteer``, disputes first, each group by file ID."""
    rows = []
    for dispute in gazetteer.disputes.values():
        places = [p for p in gazetteer.places if p.dispute == dispute.id]
        names = [n for p in places for n in p.names]
        rows.append(
            DisputeRow(
                file=dispute.id,
                title=dispute.title,
                disputed=dispute.disputed,
                parties=tuple(sorted(dispute.parties)),
                places=len(places),
                names=len(names),
                languages=len({n.language for n in names}),
                sources=len({n.source for n in names}),
                copies=sum(copy_reason(n.source) is not None for n in names),
                points=sum(p.point is not None for p in places),
            )
        )
    return sorted(rows, key=lambda r: (not r.disputed, r.file))


def markdown_table(rows: Sequence[DisputeRow]) -> str:
    """``rows`` as the Markdown table of the README."""
    lines = [
        "| file | parties | places | names | languages | pages cited | copies | points |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        file = f"`{r.file}.yaml`" + ("" if r.disputed else " (reference)")
        lines.append(
            f"| {file} | {', '.join(r.parties)} | {r.places} | {r.names} | {r.languages}"
            f" | {r.sources} | {r.copies} | {r.points} |"
        )
    total = [sum(getattr(r, f) for r in rows) for f in ("places", "names", "copies", "points")]
    disputes = sum(r.disputed for r in rows)
    lines.append(
        f"| {disputes} disputes, {len(rows)} files | | {total[0]} | {total[1]} | | | {total[2]}"
        f" | {total[3]} |"
    )
    return "\n".join(lines)
