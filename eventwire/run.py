"""Runs over corpora: stream articles through the coder into the event database.

:func:`ingest` is the one loop. Articles whose text is stored already are passed over
before they are parsed, so a rerun after a kill resumes where the last run stopped and a
second run over the same sources adds nothing. Inputs that could not be read and
articles that could not be coded go to the database's ``errors`` table, once each, and
the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .api import code_articles
from .records import Article, Rejected
from .settings import Settings
from .store import Store, article_key


@dataclass
class IngestCounts:
    read: int = 0  # input items seen
    coded: int = 0  # articles coded and stored
    skipped: int = 0  # articles whose text was stored already
    failed: int = 0  # items recorded in the errors table


def ingest(items: Iterable[Article | Rejected], store: Store, settings: Settings | None = None,
           progress: Callable[[IngestCounts], None] | None = None) -> IngestCounts:
    """Code and store every new article of ``items``; report counts as it goes."""
    counts = IngestCounts()
    seen: set[str] = set()

    def fresh() -> Iterator[Article | Rejected]:
        for item in items:
            counts.read += 1
            if isinstance(item, Article):
                key = article_key(item.text)
                if key in seen or store.has(key):
                    counts.skipped += 1
                    if progress:
                        progress(counts)
                    continue
                seen.add(key)
            yield item

    for result in code_articles(fresh(), settings):
        source = result.article.source or result.article.id
        hard = [e for e in result.errors if e.startswith("[E")]
        if hard or not result.article.text:
            store.record_error(source, result.article.id, "; ".join(hard or result.errors))
            counts.failed += 1
        else:
            store.write(result, source)
            counts.coded += 1
        if progress:
            progress(counts)
    return counts
