"""The Python API, for notebooks and scripts: code text, stream a corpus, read a database.

    >>> import eventwire
    >>> result = eventwire.code("France and Italy held talks in Rome on Monday.", published="2024-03-04")
    >>> [(e.event, e.actor[0].code) for e in result.events]
    [('CONSULT', 'FRA')]

Tables come back as pandas DataFrames (the ``dataframe`` extra: ``pip install
'eventwire[dataframe]'``), with the column names of the PLOVER export
(:data:`eventwire.records.EVENT_COLUMNS`). Everything here calls the same functions
as the command line: :mod:`eventwire.api` to code, :mod:`eventwire.store` to read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .api import code_articles
from .errors import Errors, EventwireError
from .ingest import article_from_record, parse_published
from .records import EVENT_COLUMNS, Article, CodedArticle, Rejected, event_rows
from .settings import Settings
from .store import EventFilters, Store

if TYPE_CHECKING:
    import pandas


def code(text: str, published: date | str | None = None, title: str | None = None, *, id: str = "article",
         settings: Settings | None = None) -> CodedArticle:
    """Code one article: its events, quotes, stances and actors, each with its evidence.

    ``published`` (a date or ``YYYY-MM-DD``) anchors "on Monday" and "yesterday"; without
    it the dateline's date is used, if any. Problems that did not stop coding, and the
    reason when nothing could be coded, are in the result's ``errors``."""
    if not isinstance(text, str):
        raise EventwireError(Errors.E012, item=id, kind=type(text).__name__)
    day = _day(published, id)
    return next(code_articles([_article(id, text, title or "", day)], settings or Settings.load()))


def code_many(articles: Iterable[str | Mapping[str, Any] | Article], workers: int = 1,
              settings: Settings | None = None) -> Iterator[CodedArticle]:
    """Code a stream of articles, yielding one result each, in input order.

    Each article is a text, a mapping with ``text`` and optionally ``id``, ``title`` and
    ``published`` (the keys of a JSON line), or an :class:`~eventwire.records.Article`.
    A bad item gives a result whose ``errors`` say why; the others are coded. With
    ``workers`` above 1, that many processes code in parallel, each loading the model
    once (a script doing so must start from an ``if __name__ == "__main__":`` block)."""
    settings = settings or Settings.load()
    items = (_item(n, a) for n, a in enumerate(articles, 1))
    if workers > 1:
        from .run import code_in_pool

        yield from code_in_pool(items, settings, workers)
    else:
        yield from code_articles(items, settings)


def load_db(path: str | Path) -> EventDatabase:
    """Open an event database written by ``eventwire ingest``, read-only."""
    return EventDatabase(Store(path, read_only=True))


def to_dataframe(results: Iterable[CodedArticle]) -> pandas.DataFrame:
    """One row per event of the results, with the PLOVER export's columns."""
    pd = _pandas()
    frame = pd.DataFrame([row for coded in results for row in event_rows(coded)], columns=list(EVENT_COLUMNS))
    return _dates(frame, ("published", "date"))


class EventDatabase:
    """A stored corpus, read as DataFrames. Use it in a ``with`` block, or ``close()`` it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def events(self, *, start: date | str | None = None, end: date | str | None = None, actor: str | None = None,
               recipient: str | None = None, event: str | None = None, quad_code: int | None = None,
               text: str | None = None, clusters: bool = False) -> pandas.DataFrame:
        """Events, one row each (or one per event cluster with ``clusters``), filtered
        as ``eventwire export`` filters: dates inclusive, codes as PLOVER writes them."""
        filters = EventFilters(_day(start, "start"), _day(end, "end"), actor, recipient, event, quad_code, text)
        frame = self._frame(*self.store.event_table(filters, clusters))
        return _dates(frame, ("published", "date", "first_date", "last_date"))

    def quotes(self) -> pandas.DataFrame:
        """Every quote with its speaker, cue, kind, article and offsets."""
        return _dates(self._frame(*self.store.quote_table()), ("published",))

    def stances(self) -> pandas.DataFrame:
        """Every stance: an actor's support of or opposition to an issue, with its evidence."""
        return self._frame(*self.store.stance_table())

    def actors(self) -> pandas.DataFrame:
        """Actor codes with their commonest name and their counts of events as actor and
        as recipient and of quotes, most active first."""
        rows = self.store.actors(limit=1_000_000)
        return self._frame(["code", "name", "as_actor", "as_recipient", "quotes"], [tuple(r.values()) for r in rows])

    def relations(self, period: str = "month", min_events: int = 1) -> pandas.DataFrame:
        """Dyads by period (day, week, month, quarter, year): event clusters per quad
        class and net cooperation, (cooperative - conflictual) / all."""
        rows = self.store.relations(period=period, min_events=min_events)
        columns = ["actor", "recipient", "period", "verbal_cooperation", "material_cooperation", "verbal_conflict",
                   "material_conflict", "events", "reports", "net_cooperation"]
        return _dates(self._frame(columns, [tuple(r.values()) for r in rows]), ("period",))

    def sql(self, query: str) -> pandas.DataFrame:
        """Any SQL over the tables (articles, events, event_evidence, quotes, stances,
        entities, errors, event_clusters; see :mod:`eventwire.store`)."""
        columns, rows = self.store.sql(query)
        return self._frame(columns, list(rows))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> EventDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _frame(columns: list[str], rows: Iterable[tuple]) -> pandas.DataFrame:
        return _pandas().DataFrame(list(rows), columns=columns)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise EventwireError(Errors.E034) from None
    return pandas


def _dates(frame: pandas.DataFrame, columns: Iterable[str]) -> pandas.DataFrame:
    pd = _pandas()
    for column in columns:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column], errors="coerce")
    return frame


def _day(value: date | str | None, item: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    day, error = parse_published(value, item)
    if error:
        raise EventwireError(error)
    return day


def _article(article_id: str, text: str, title: str, published: date | None) -> Article | Rejected:
    if not text.strip():
        return Rejected(article_id, Errors.E001.format(item=article_id), title, published)
    return Article(article_id, text, title, published)


def _item(n: int, item: str | Mapping[str, Any] | Article) -> Article | Rejected:
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return _article(f"article-{n}", item, "", None)
    if not isinstance(item, Mapping):
        return Rejected(f"article-{n}", Errors.E036.format(item=f"article-{n}", kind=type(item).__name__))
    return article_from_record(dict(item), f"article-{n}")
