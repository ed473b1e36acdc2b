"""The event database: coded articles kept in DuckDB, one transaction an article.

Tables (created on first use; ``SCHEMA`` is the reference):

- ``articles``: one row per article, keyed by ``key``, a hash of its normalised text, so
  the same text coded twice is stored once; ``id`` is the caller's identifier;
- ``entities``, ``events``, ``event_evidence``, ``quotes``, ``stances``: the records of
  each article, tied to it by ``article_key``; ``events.record`` keeps the whole PLOVER
  record as JSON, the other columns are there to filter on;
- ``errors``: items that could not be coded, with their source and message.

Writing an article is idempotent: an article whose key is stored is skipped; an article
whose ``id`` is stored with another text replaces that article's records. Each article
is written in one transaction, so a run killed part-way leaves whole articles only, and
the next run picks up where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path

import duckdb

from .errors import Errors, EventwireError
from .records import CodedArticle, to_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key VARCHAR PRIMARY KEY, id VARCHAR, title VARCHAR, published DATE, source VARCHAR,
    text_chars INTEGER, dateline JSON, coded_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS entities (
    article_key VARCHAR, code VARCHAR, sector VARCHAR, name VARCHAR, entity_text VARCHAR, kind VARCHAR,
    start_char INTEGER, end_char INTEGER);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR, article_key VARCHAR, event VARCHAR, mode VARCHAR, quad_code INTEGER, cameo_root VARCHAR,
    actor_codes VARCHAR[], recipient_codes VARCHAR[], date DATE, date_source VARCHAR, aux_mode VARCHAR,
    place VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT, confidence DOUBLE,
    event_text VARCHAR, record JSON);
CREATE TABLE IF NOT EXISTS event_evidence (
    event_id VARCHAR, article_key VARCHAR, sentence VARCHAR, start_char INTEGER, end_char INTEGER, event_text VARCHAR);
CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR, article_key VARCHAR, text VARCHAR, kind VARCHAR, speaker VARCHAR, speaker_code VARCHAR,
    cue VARCHAR, start_char INTEGER, end_char INTEGER);
CREATE TABLE IF NOT EXISTS stances (
    article_key VARCHAR, actor VARCHAR, actor_code VARCHAR, issue VARCHAR, stance VARCHAR);
CREATE TABLE IF NOT EXISTS errors (
    source VARCHAR, item VARCHAR, message VARCHAR, recorded_at TIMESTAMP DEFAULT current_timestamp);
"""

RECORD_TABLES = ("entities", "events", "event_evidence", "quotes", "stances")


def article_key(text: str) -> str:
    """The same article however it was spaced or encoded: NFC, whitespace folded."""
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


class Store:
    """A DuckDB event database, opened read-write (created if absent) or read-only."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            if read_only and not self.path.exists():
                raise OSError("no such database")
            self.con = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                self.con.execute(SCHEMA)
        except (OSError, duckdb.Error) as exc:
            raise EventwireError(Errors.E016, path=self.path, reason=str(exc).splitlines()[0]) from None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE key = ?", [key]).fetchone() is not None

    def write(self, coded: CodedArticle, source: str = "") -> bool:
        """Store one coded article; False when its text was stored already."""
        key = article_key(coded.article.text)
        if self.has(key):
            return False
        record = to_json(coded)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            stale = [r[0] for r in con.execute("SELECT key FROM articles WHERE id = ?", [coded.article.id]).fetchall()]
            for old in stale:  # the same article, updated: its old records go
                for table in RECORD_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE article_key = ?", [old])
                con.execute("DELETE FROM articles WHERE key = ?", [old])
            a = coded.article
            con.execute("INSERT INTO articles (key, id, title, published, source, text_chars, dateline) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [key, a.id, a.title, a.published, source, len(a.text), json.dumps(record.get("dateline"))])
            self._write_records(key, record)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return True

    def _write_records(self, key: str, record: dict) -> None:
        con = self.con
        for e in record["entities"]:
            con.execute("INSERT INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [key, e["code"], e["sector"], e["name"], e["entity_text"], e["kind"], e["start"], e["end"]])
        for ev in record["events"]:
            loc = ev.get("event_loc") or {}
            con.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                ev["id"], key, ev["event"], ev["mode"], ev["quad_code"], ev["cameo_root"],
                [a["code"] for a in ev["actor"] if a["code"]], [r["code"] for r in ev["recipient"] if r["code"]],
                ev["date"], ev["date_source"], ev["aux_mode"], loc.get("name"), loc.get("country"), loc.get("lat"),
                loc.get("lon"), loc.get("geonameid"), ev["confidence"], ev["event_text"], json.dumps(ev, ensure_ascii=False)])
            for evidence in ev["evidence"]:
                con.execute("INSERT INTO event_evidence VALUES (?, ?, ?, ?, ?, ?)", [
                    ev["id"], key, evidence["text"], evidence["start"], evidence["end"], evidence["event_text"]])
        for q in record["quotes"]:
            speaker = q.get("speaker") or {}
            con.execute("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                q["id"], key, q["text"], q["kind"], speaker.get("name"), speaker.get("code"), q["cue"], q["start"], q["end"]])
        for s in record["stances"]:
            con.execute("INSERT INTO stances VALUES (?, ?, ?, ?, ?)",
                        [key, s["actor"]["name"], s["actor"]["code"], s["issue"], s["stance"]])

    def record_error(self, source: str, item: str, message: str) -> None:
        """Keep one row per bad item and message, however many runs meet it."""
        if self.con.execute("SELECT 1 FROM errors WHERE item = ? AND message = ?", [item, message]).fetchone() is None:
            self.con.execute("INSERT INTO errors (source, item, message) VALUES (?, ?, ?)", [source, item, message])

    def count(self, table: str) -> int:
        if table not in RECORD_TABLES + ("articles", "errors"):
            raise ValueError(f"no table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
