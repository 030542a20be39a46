"""annotate_many() over worker processes: each worker annotates with the gazetteer it was called on.

Where it is safe, the workers are forked from this process and read its gazetteer in place:
nothing is pickled, and the pages they only read (the automata, the indexes) stay shared, so
two workers fill one cache rather than two (1.8x the serial loop on two cores, against 1.4x
with pickled copies). Forking is safe on Linux in a process with one thread: a lock that
another thread holds at the fork would stay held in the child forever. Elsewhere the workers
come from a forkserver and unpickle the gazetteer.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import multiprocessing.pool
import pickle
import sys
import threading
import uuid
import weakref
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._model import Mention
    from ..gazetteer import Gazetteer

__all__ = ["ShippedGazetteer", "can_fork", "gazetteers_unpickled", "run_in_pool", "worker_pool"]

#: A task closes once it holds this many characters: the first tasks are small, so that every
#: worker starts at once even on a short input, and each next one twice as big, up to
#: ``BATCH_CHARS_MAX``, where the pool's own cost per task (pickling, pipes, its threads in
#: this process) is small next to the annotating. With 64 kB tasks this process spent a third
#: of the workers' time on them, and the pool barely beat the serial loop.
BATCH_CHARS_MIN = 16_000
BATCH_CHARS_MAX = 1_000_000
#: Tasks in flight per worker: the input is read only this far ahead, so a generator of
#: millions of articles is never held in memory at once.
TASKS_AHEAD = 4
#: What a forked worker should find already imported: the annotator and what it needs.
PRELOAD = ["toponyms", "toponyms.annotate.pool", "toponyms.annotate.scan"]

_worker_gazetteer: Gazetteer | None = None


def _start_worker(pickled: bytes) -> None:
    """Unpickle the gazetteer and its annotator, then set them aside from the garbage collector.

    A worker's heap is mostly this gazetteer, which lives as long as the worker: frozen
    (:func:`gc.freeze`), its objects are no longer traversed by every full collection that
    the mentions' allocations set off.
    """
    global _worker_gazetteer
    _worker_gazetteer = pickle.loads(pickled)
    _worker_gazetteer.compile()
    gc.freeze()


def _start_forked() -> None:
    """A forked worker finds the parent's gazetteer in ``_worker_gazetteer``, already frozen
    out of the collector's reach (the parent froze it before forking, so that no collection
    in a worker writes to the pages it shares with its parent)."""
    assert _worker_gazetteer is not None, "worker forked without a gazetteer"


def _annotate_batch(texts: list[str], fuzzy: bool) -> list[list[Mention]]:
    assert _worker_gazetteer is not None, "worker started without a gazetteer"
    return [_worker_gazetteer.annotate(text, fuzzy=fuzzy) for text in texts]


def _batches(texts: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    limit = BATCH_CHARS_MIN
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= limit:
            yield batch
            batch, size = [], 0
            limit = min(limit * 2, BATCH_CHARS_MAX)
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


def can_fork() -> bool:
    """Whether annotate_many() may fork its workers from this process: on Linux, with this
    thread the only one (see the module's docstring)."""
    return (
        sys.platform == "linux"
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


@contextmanager
def worker_pool(gazetteer: Gazetteer, processes: int) -> Iterator[multiprocessing.pool.Pool]:
    """A pool of ``processes`` workers, each annotating with the very object ``gazetteer``,
    even one built in memory or whose files changed on disk since it was loaded: forked from
    this process where :func:`can_fork` (``_worker_gazetteer`` is what they find), else sent
    it pickled when they start. Tasks read it as ``_worker_gazetteer``.

    While the pool runs, the objects this process holds are set aside from the garbage
    collector (unless the program froze objects of its own, which stay as it left them):
    receiving results allocates as fast as the workers send them, and each full collection
    that sets off would traverse the gazetteer's objects too (half the cost of receiving);
    forked workers inherit them set aside, so no collection there writes to shared pages.
    """
    global _worker_gazetteer
    fork = can_fork()
    if fork:
        gazetteer.compile()  # built or unpickled once, here, and shared
        context: multiprocessing.context.BaseContext = multiprocessing.get_context("fork")
        initializer: Any = _start_forked
        initargs: tuple[Any, ...] = ()
    else:
        context = _context()
        if context.get_start_method() == "forkserver":
            # the server starts (a new interpreter importing toponyms) while this one pickles
            multiprocessing.forkserver.ensure_running()
        initializer = _start_worker
        initargs = (pickle.dumps(gazetteer.compile(), protocol=pickle.HIGHEST_PROTOCOL),)
    frozen = gc.get_freeze_count() == 0
    if frozen:
        gc.freeze()
    if fork:  # what the forked workers find, also one the pool starts again to replace
        _worker_gazetteer = gazetteer
    try:
        with context.Pool(processes, initializer=initializer, initargs=initargs) as pool:
            yield pool
    finally:
        if fork:
            _worker_gazetteer = None  # this process keeps no reference past the pool
        if frozen:
            gc.unfreeze()


def run_in_pool(
    gazetteer: Gazetteer, texts: Iterable[str], *, processes: int, fuzzy: bool
) -> Iterator[list[Mention]]:
    """Annotate ``texts`` in ``processes`` workers (:func:`worker_pool`), yielding results in
    input order. Texts travel in batches growing from ``BATCH_CHARS_MIN`` to
    ``BATCH_CHARS_MAX`` characters, at most ``TASKS_AHEAD`` batches per worker ahead of the
    consumer.
    """
    with worker_pool(gazetteer, processes) as pool:
        pending: deque[AsyncResult[list[list[Mention]]]] = deque()
        for batch in _batches(texts):
            pending.append(pool.apply_async(_annotate_batch, (batch, fuzzy)))
            if len(pending) >= processes * TASKS_AHEAD:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


# -- shipping a gazetteer to Dask and Spark workers, once per process ---------------------------

#: Distinct gazetteers a process keeps; older ones are dropped first.
CACHE_SIZE = 4

_cache: OrderedDict[str, Gazetteer] = OrderedDict()
_cache_lock = threading.Lock()
_loaded = 0
#: The token of each gazetteer this process has shipped, for as long as it lives.
_tokens: weakref.WeakKeyDictionary[Gazetteer, str] = weakref.WeakKeyDictionary()


def gazetteers_unpickled() -> int:
    """How many gazetteers this process has restored from a :class:`ShippedGazetteer`."""
    return _loaded


def _restore(key: str, pickled: bytes) -> Gazetteer:
    global _loaded
    with _cache_lock:
        gazetteer = _cache.get(key)
        if gazetteer is None:
            gazetteer = pickle.loads(pickled)
            _loaded += 1
            _cache[key] = gazetteer
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
        _cache.move_to_end(key)
        return gazetteer


class ShippedGazetteer:
    """A gazetteer as it travels to Dask or Spark workers: its pickle and a token of the object.

    The receiving process restores the gazetteer on first use (a scheduler that only passes
    the graph on never does), reusing one it already holds with the same token. The token
    names the object, not its pickle: a gazetteer's caches grow as it is used, so two pickles
    of one gazetteer differ, while what it finds never changes (a Gazetteer is immutable).
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._pickled = pickle.dumps(gazetteer, protocol=pickle.HIGHEST_PROTOCOL)
        with _cache_lock:
            self.key = _tokens.setdefault(gazetteer, uuid.uuid4().hex)
        self._gazetteer: Gazetteer | None = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = _restore(self.key, self._pickled)
        return self._gazetteer

    def __reduce__(self) -> tuple[Any, tuple[str, bytes]]:
        return _unship, (self.key, self._pickled)


def _unship(key: str, pickled: bytes) -> ShippedGazetteer:
    shipped = ShippedGazetteer.__new__(ShippedGazetteer)
    shipped._pickled, shipped.key, shipped._gazetteer = pickled, key, None
    return shipped
