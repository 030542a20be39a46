"""annotate_many() over worker processes: each worker loads the gazetteer once."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._model import Mention
    from .gazetteer import Gazetteer

__all__ = ["run_in_pool"]

_worker_gazetteer: Gazetteer | None = None


def _start_worker(directory: str | None) -> None:
    global _worker_gazetteer
    from .gazetteer import Gazetteer

    _worker_gazetteer = Gazetteer.from_directory(directory)


def _annotate_in_worker(job: tuple[str, bool]) -> list[Mention]:
    assert _worker_gazetteer is not None, "worker started without a gazetteer"
    text, fuzzy = job
    return _worker_gazetteer.annotate(text, fuzzy=fuzzy)


def run_in_pool(
    directory: Path | None, texts: Iterable[str], *, processes: int, fuzzy: bool
) -> Iterator[list[Mention]]:
    """Annotate ``texts`` in ``processes`` workers, yielding results in input order."""
    with multiprocessing.get_context("spawn").Pool(
        processes, initializer=_start_worker, initargs=(str(directory) if directory else None,)
    ) as pool:
        yield from pool.imap(_annotate_in_worker, ((t, fuzzy) for t in texts), chunksize=8)
