"""A small event database for the web and browser tests, from articles written for them."""

import json
from pathlib import Path

from eventwire.ingest import read_inputs
from eventwire.run import ingest
from eventwire.store import Store

ARTICLES = [
    {"id": "sanctions-1", "published": "2024-03-05", "title": "Washington targets Moscow",
     "text": "The United States imposed new sanctions on Russia on Tuesday. "
             "\"These measures will stay until the war ends,\" Secretary of State Antony Blinken said in Washington."},
    {"id": "sanctions-2", "published": "2024-03-05", "title": "New sanctions",
     "text": "Washington slapped sanctions on Russia on Tuesday over the war in Ukraine."},
    {"id": "talks-1", "published": "2024-04-10", "title": "Talks in Oslo",
     "text": "Colombia and the ELN rebels held talks in Oslo on Wednesday."},
    {"id": "script-1", "published": "2024-04-11", "title": "<script>alert('title')</script>",
     "text": "Germany sent troops to Lithuania on Thursday. <script>alert('x')</script> The defence ministry confirmed it."},
]


def build_db(folder: Path) -> Path:
    """The articles, coded into a new database in ``folder``."""
    src = folder / "wire.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = folder / "events.duckdb"
    with Store(path) as store:
        assert ingest(read_inputs([str(src)]), store).coded == len(ARTICLES)
    return path
