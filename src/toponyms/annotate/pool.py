"""annotate_many() over worker processes: each worker receives the gazetteer it was called on."""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .._model import Mention
    from ..gazetteer import Gazetteer

__all__ = ["run_in_pool"]

#: A task closes once it holds this many characters or texts: big enough that pickling and
#: the pipe cost little next to the annotating, small enough that both workers stay busy.
BATCH_CHARS = 64_000
BATCH_TEXTS = 256
#: Tasks in flight per worker: the input is read only this far ahead, so a generator of
#: millions of articles is never held in memory at once.
TASKS_AHEAD = 4
#: What a forked worker should find already imported: the annotator and what it needs.
PRELOAD = ["toponyms", "toponyms.annotate.pool", "toponyms.annotate.scan"]

_worker_gazetteer: Gazetteer | None = None


def _start_worker(pickled: bytes) -> None:
    global _worker_gazetteer
    _worker_gazetteer = pickle.loads(pickled)


def _annotate_batch(texts: list[str], fuzzy: bool) -> list[list[Mention]]:
    assert _worker_gazetteer is not None, "worker started without a gazetteer"
    return [_worker_gazetteer.annotate(text, fuzzy=fuzzy) for text in texts]


def _batches(texts: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= BATCH_CHARS or len(batch) >= BATCH_TEXTS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where the platform has it, else spawn; never a plain fork.

    A forkserver worker forks from a server that has imported toponyms once, which saves each
    worker an interpreter start and the imports (about half a second of a pool's start). A
    plain fork would also copy the parent's threads' locks, unsafe in a library. The modules
    are added to the server's preload list only before it starts, keeping what is there.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    server = multiprocessing.forkserver._forkserver
    if getattr(server, "_forkserver_pid", None) is None:
        preload = list(getattr(server, "_preload_modules", ["__main__"]))
        context.set_forkserver_preload(preload + [m for m in PRELOAD if m not in preload])
    return context


def run_in_pool(
    gazetteer: Gazetteer, texts: Iterable[str], *, processes: int, fuzzy: bool
) -> Iterator[list[Mention]]:
    """Annotate ``texts`` in ``processes`` workers, yielding results in input order.

    The gazetteer is pickled once and sent with each worker's start, so workers annotate with
    the very data of the object they were called on, even one built in memory or whose files
    changed on disk since it was loaded. Texts travel in batches of about ``BATCH_CHARS``
    characters, at most ``TASKS_AHEAD`` batches per worker ahead of the consumer.
    """
    pickled = pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL)
    with _context().Pool(processes, initializer=_start_worker, initargs=(pickled,)) as pool:
        pending: deque[AsyncResult[list[list[Mention]]]] = deque()
        for batch in _batches(texts):
            pending.append(pool.apply_async(_annotate_batch, (batch, fuzzy)))
            if len(pending) >= processes * TASKS_AHEAD:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
