"""annotate_many() over worker processes: each worker receives the gazetteer it was called on."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._model import Mention
    from ..gazetteer import Gazetteer

__all__ = ["run_in_pool"]

_worker_gazetteer: Gazetteer | None = None


def _start_worker(pickled: bytes) -> None:
    global _worker_gazetteer
    _worker_gazetteer = pickle.loads(pickled)


def _annotate_in_worker(job: tuple[str, bool]) -> list[Mention]:
    assert _worker_gazetteer is not None, "worker started without a gazetteer"
    text, fuzzy = job
    return _worker_gazetteer.annotate(text, fuzzy=fuzzy)


def run_in_pool(
    gazetteer: Gazetteer, texts: Iterable[str], *, processes: int, fuzzy: bool
) -> Iterator[list[Mention]]:
    """Annotate ``texts`` in ``processes`` workers, yielding results in input order.

    The gazetteer is pickled once and sent with each worker's start, so workers annotate with
    the very data of the object they were called on, even one built in memory or whose files
    changed on disk since it was loaded.
    """
    pickled = pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL)
    with multiprocessing.get_context("spawn").Pool(
        processes, initializer=_start_worker, initargs=(pickled,)
    ) as pool:
        yield from pool.imap(_annotate_in_worker, ((t, fuzzy) for t in texts), chunksize=8)
