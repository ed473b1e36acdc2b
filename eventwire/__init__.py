"""eventwire: political event data from English news, coded in PLOVER v2 with evidence.

The public API (see the documentation's API reference)::

    import eventwire
    result = eventwire.code(text, published="2024-03-04")        # one article
    for result in eventwire.code_many(articles, workers=2): ...  # a stream
    frame = eventwire.to_dataframe(results)                      # one row per event
    with eventwire.load_db("events.duckdb") as db:               # a stored corpus
        db.events(actor="RUS"), db.quotes(), db.actors(), db.relations(), db.sql("...")

and, inside any spaCy pipeline, ``nlp.add_pipe("eventwire")``.

Names are imported when first used, so that ``import eventwire`` (and ``eventwire
--version``) does not load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

# Public name -> module that defines it.
_EXPORTS = {
    "code": "library", "code_many": "library", "load_db": "library", "to_dataframe": "library",
    "EventDatabase": "library",
    "Settings": "settings",
    "Article": "records", "CodedArticle": "records", "Entity": "records", "Event": "records", "Evidence": "records",
    "Place": "records", "Quote": "records", "Stance": "records",
    "EventwireError": "errors",
}

__all__ = [
    "__version__", "code", "code_many", "load_db", "to_dataframe", "EventDatabase", "Settings", "Article", "CodedArticle",
    "Entity", "Event", "Evidence", "Place", "Quote", "Stance", "EventwireError",
]

if TYPE_CHECKING:
    from .errors import EventwireError
    from .library import EventDatabase, code, code_many, load_db, to_dataframe
    from .records import Article, CodedArticle, Entity, Event, Evidence, Place, Quote, Stance
    from .settings import Settings


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
