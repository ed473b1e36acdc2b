"""Runs over corpora: stream articles through the coder into the event database.

:func:`ingest` is the one loop, wherever the coding happens:

- here, in this process (``workers=1``);
- in a local pool of ``workers`` processes, each loading the model once;
- on a Dask distributed cluster (``scheduler="tcp://host:8786"``), each worker process
  loading the model once.

Whichever it is, this process reads the inputs, skips articles whose text is stored
already, sends the rest out in chunks of :data:`CHUNK_ARTICLES` (a few chunks in flight
a worker, so memory stays flat however large the corpus) and alone writes the results,
:data:`WRITE_BATCH` articles a transaction. A run killed part-way therefore leaves whole
articles only, and a rerun resumes where it stopped; a second run over the same sources adds nothing.
Inputs that could not be read and articles that could not be coded go to the database's
``errors`` table, once each, and the run goes on.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .api import code_articles
from .errors import Errors, EventwireError
from .records import Article, CodedArticle, Rejected, to_json
from .settings import Settings
from .store import Store, article_key

CHUNK_ARTICLES = 32
CHUNKS_IN_FLIGHT_PER_WORKER = 3
# DuckDB memory of the writer, which only appends and looks keys up.
WRITER_MEMORY_MIB = 128
# Write batches between checkpoints, which move appended data from memory to the file.
CHECKPOINT_EVERY = 50
# Articles written in one transaction: a killed run loses at most these, and redoes them.
WRITE_BATCH = 32


@dataclass
class IngestCounts:
    read: int = 0  # input items seen
    coded: int = 0  # articles coded and stored
    skipped: int = 0  # articles whose text was stored already
    failed: int = 0  # items recorded in the errors table


@dataclass
class Outcome:
    """What coding one article gives back to the writer: plain data, cheap to send
    between processes (the parse stays where it was made)."""

    article: Article
    record: dict[str, Any]  # the PLOVER record of :func:`to_json`
    failed: str | None = None  # why it could not be coded


def outcome(coded: CodedArticle) -> Outcome:
    hard = [e for e in coded.errors if e.startswith("[E")]
    failed = "; ".join(hard or coded.errors) if hard or not coded.article.text else None
    return Outcome(coded.article, {} if failed else to_json(coded), failed)


def code_chunk(items: list[Article | Rejected], settings: Settings) -> list[Outcome]:
    """Code one chunk of articles: the task a pool or cluster worker runs. The model and
    the knowledge are cached in the worker process, so they load once a worker."""
    return [outcome(coded) for coded in code_articles(items, settings)]


def _warm(settings: Settings) -> None:
    code_chunk([Article("warm-up", "Talks began.")], settings)


def _chunks(items: Iterable[Article | Rejected], size: int) -> Iterator[list[Article | Rejected]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _failed_chunk(chunk: list[Article | Rejected], reason: str) -> list[Outcome]:
    message = Errors.E024.format(count=len(chunk), reason=reason)
    return [Outcome(item if isinstance(item, Article) else Article(item.id, ""), {}, message) for item in chunk]


def code_chunk_records(items: list[Article | Rejected], settings: Settings) -> list[CodedArticle]:
    """Code one chunk of articles into typed records (the library's ``code_many``)."""
    return list(code_articles(items, settings))


def _lost_records(chunk: list[Article | Rejected], reason: str) -> list[CodedArticle]:
    message = Errors.E024.format(count=len(chunk), reason=reason)
    return [CodedArticle(item if isinstance(item, Article) else Article(item.id, ""), errors=[message]) for item in chunk]


def code_in_pool(items: Iterable[Article | Rejected], settings: Settings, workers: int) -> Iterator[CodedArticle]:
    """Typed results, in input order, from a pool of ``workers`` processes."""
    yield from _in_pool(_chunks(items, CHUNK_ARTICLES), settings, workers, code_chunk_records, _lost_records)


def _in_pool(chunks: Iterator[list[Article | Rejected]], settings: Settings, workers: int,
             task: Callable[[list, Settings], list] = code_chunk,
             lost: Callable[[list, str], list] | None = None) -> Iterator[Any]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # spawn, not fork: a forked child would inherit this process's open database.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm, initargs=(settings,)) as pool:
        try:
            yield from _ordered(chunks, lambda chunk: pool.submit(task, chunk, settings),
                                workers * CHUNKS_IN_FLIGHT_PER_WORKER, lost or _failed_chunk)
        except BrokenProcessPool as exc:
            raise EventwireError(Errors.E027, reason=str(exc)) from None


def _on_cluster(chunks: Iterator[list[Article | Rejected]], settings: Settings, scheduler: str) -> Iterator[Outcome]:
    try:
        from distributed import Client
    except ImportError:
        raise EventwireError(Errors.E022) from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise EventwireError(Errors.E023, address=scheduler, reason=str(exc).splitlines()[0]) from None
    try:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        yield from _ordered(chunks, lambda chunk: client.submit(code_chunk, chunk, settings, pure=False),
                            workers * CHUNKS_IN_FLIGHT_PER_WORKER, _failed_chunk)
    finally:
        client.close()


def _ordered(chunks: Iterator[list[Article | Rejected]], submit: Callable[[list], Any], window: int,
             lost: Callable[[list, str], list]) -> Iterator[Any]:
    """Results in input order with at most ``window`` chunks submitted and not yet written:
    enough to keep every worker busy, few enough that memory does not grow with the corpus."""
    pending: deque[tuple[list, Any]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield from _result(*pending.popleft(), lost)
    while pending:
        yield from _result(*pending.popleft(), lost)


def _result(chunk: list[Article | Rejected], future: Any, lost: Callable[[list, str], list]) -> list[Any]:
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - a lost worker costs its chunk, recorded, not the run
        return lost(chunk, f"{type(exc).__name__}: {exc}".splitlines()[0])


def ingest(items: Iterable[Article | Rejected], store: Store, settings: Settings | None = None,
           progress: Callable[[IngestCounts], None] | None = None, workers: int = 1,
           scheduler: str | None = None, cluster: bool = True) -> IngestCounts:
    """Code and store every new article of ``items``; report counts as it goes. The event
    clusters are rebuilt at the end unless ``cluster`` is False (a caller ingesting in
    several calls rebuilds them once, at the last)."""
    settings = settings or Settings()
    store.cap_memory(WRITER_MEMORY_MIB)
    counts = IngestCounts()
    in_flight: set[str] = set()  # keys sent out and not yet written: duplicates within a run

    def fresh() -> Iterator[Article | Rejected]:
        source = iter(items)
        while group := list(itertools.islice(source, CHUNK_ARTICLES)):
            keys = [article_key(item.text) if isinstance(item, Article) else None for item in group]
            stored = store.stored_keys([k for k in keys if k])  # one query a group, not one an article
            for item, key in zip(group, keys):
                counts.read += 1
                if key is not None:
                    if key in in_flight or key in stored:
                        counts.skipped += 1
                        if progress:
                            progress(counts)
                        continue
                    in_flight.add(key)
                yield item

    if scheduler:
        outcomes = _on_cluster(_chunks(fresh(), CHUNK_ARTICLES), settings, scheduler)
    elif workers > 1:
        outcomes = _in_pool(_chunks(fresh(), CHUNK_ARTICLES), settings, workers)
    else:
        outcomes = (outcome(coded) for coded in code_articles(fresh(), settings))
    batch: list[Outcome] = []
    writes = [0]

    def write() -> None:
        good = [r for r in batch if not r.failed]
        written = store.write_batch([(r.article, r.record, r.article.source or r.article.id) for r in good])
        counts.coded += sum(written)
        counts.skipped += len(written) - sum(written)
        for result in batch:
            if result.failed:
                store.record_error(result.article.source or result.article.id, result.article.id, result.failed)
                counts.failed += 1
            in_flight.discard(article_key(result.article.text))
        batch.clear()
        writes[0] += 1
        if writes[0] % CHECKPOINT_EVERY == 0:
            store.checkpoint()
        if progress:
            progress(counts)

    for result in outcomes:
        batch.append(result)
        if len(batch) >= WRITE_BATCH:
            write()
    if batch:
        write()
    if cluster:
        store.build_clusters()
    return counts
