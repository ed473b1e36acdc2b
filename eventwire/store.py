"""The event database: coded articles kept in DuckDB, whole articles a transaction.

Tables (created on first use; ``SCHEMA`` is the reference):

- ``articles``: one row per article, keyed by ``key``, a hash of its normalised text, so
  the same text coded twice is stored once; ``id`` is the caller's identifier; ``text``
  the article as coded, to which every record's character offsets point;
- ``entities``, ``events``, ``event_evidence``, ``quotes``, ``stances``: the records of
  each article, tied to it by ``article_key``; ``events.record`` keeps the whole PLOVER
  record as JSON, the other columns are there to filter on;
- ``errors``: items that could not be coded, with their source and message;
- ``event_clusters``: which cross-article event cluster each event belongs to
  (:mod:`eventwire.clusters`), rebuilt after each ingest.

Writing an article is idempotent: an article whose key is stored is skipped; an article
whose ``id`` is stored with another text replaces that article's records. Articles are
written a batch a transaction, never split, so a run killed part-way leaves whole
articles only, and the next run picks up where it stopped.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

import duckdb

from .errors import Errors, EventwireError
from .records import EVENT_COLUMNS, Article, CodedArticle, event_row, to_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key VARCHAR PRIMARY KEY, id VARCHAR, title VARCHAR, published DATE, source VARCHAR,
    text_chars INTEGER, dateline JSON, coded_at TIMESTAMP DEFAULT current_timestamp, text VARCHAR);
ALTER TABLE articles ADD COLUMN IF NOT EXISTS text VARCHAR;
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
    article_key VARCHAR, actor VARCHAR, actor_code VARCHAR, issue VARCHAR, stance VARCHAR, evidence JSON);
ALTER TABLE stances ADD COLUMN IF NOT EXISTS evidence JSON;
CREATE TABLE IF NOT EXISTS errors (
    source VARCHAR, item VARCHAR, message VARCHAR, recorded_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS event_clusters (
    event_id VARCHAR, cluster_id VARCHAR);
"""

# The columns each write fills, with their types, in the order of _record_rows.
INSERT_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "articles": [("key", "VARCHAR"), ("id", "VARCHAR"), ("title", "VARCHAR"), ("published", "DATE"), ("source", "VARCHAR"),
                 ("text_chars", "INTEGER"), ("dateline", "JSON"), ("text", "VARCHAR")],
    "entities": [("article_key", "VARCHAR"), ("code", "VARCHAR"), ("sector", "VARCHAR"), ("name", "VARCHAR"),
                 ("entity_text", "VARCHAR"), ("kind", "VARCHAR"), ("start_char", "INTEGER"), ("end_char", "INTEGER")],
    "events": [("event_id", "VARCHAR"), ("article_key", "VARCHAR"), ("event", "VARCHAR"), ("mode", "VARCHAR"),
               ("quad_code", "INTEGER"), ("cameo_root", "VARCHAR"), ("actor_codes", "VARCHAR[]"),
               ("recipient_codes", "VARCHAR[]"), ("date", "DATE"), ("date_source", "VARCHAR"), ("aux_mode", "VARCHAR"),
               ("place", "VARCHAR"), ("country", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"),
               ("confidence", "DOUBLE"), ("event_text", "VARCHAR"), ("record", "JSON")],
    "event_evidence": [("event_id", "VARCHAR"), ("article_key", "VARCHAR"), ("sentence", "VARCHAR"), ("start_char", "INTEGER"),
                       ("end_char", "INTEGER"), ("event_text", "VARCHAR")],
    "quotes": [("quote_id", "VARCHAR"), ("article_key", "VARCHAR"), ("text", "VARCHAR"), ("kind", "VARCHAR"),
               ("speaker", "VARCHAR"), ("speaker_code", "VARCHAR"), ("cue", "VARCHAR"), ("start_char", "INTEGER"),
               ("end_char", "INTEGER")],
    "stances": [("article_key", "VARCHAR"), ("actor", "VARCHAR"), ("actor_code", "VARCHAR"), ("issue", "VARCHAR"),
                ("stance", "VARCHAR"), ("evidence", "JSON")],
}


def _record_rows(key: str, record: dict, rows: dict[str, list[tuple]]) -> None:
    """The rows of one article's records, added to ``rows`` by table."""
    for e in record["entities"]:
        rows["entities"].append((key, e["code"], e["sector"], e["name"], e["entity_text"], e["kind"], e["start"], e["end"]))
    for ev in record["events"]:
        loc = ev.get("event_loc") or {}
        rows["events"].append((
            ev["id"], key, ev["event"], ev["mode"], ev["quad_code"], ev["cameo_root"],
            [a["code"] for a in ev["actor"] if a["code"]], [r["code"] for r in ev["recipient"] if r["code"]],
            ev["date"], ev["date_source"], ev["aux_mode"], loc.get("name"), loc.get("country"), loc.get("lat"),
            loc.get("lon"), loc.get("geonameid"), ev["confidence"], ev["event_text"], json.dumps(ev, ensure_ascii=False)))
        for evidence in ev["evidence"]:
            rows["event_evidence"].append((ev["id"], key, evidence["text"], evidence["start"], evidence["end"],
                                           evidence["event_text"]))
    for q in record["quotes"]:
        speaker = q.get("speaker") or {}
        rows["quotes"].append((q["id"], key, q["text"], q["kind"], speaker.get("name"), speaker.get("code"), q["cue"],
                               q["start"], q["end"]))
    for s in record["stances"]:
        rows["stances"].append((key, s["actor"]["name"], s["actor"]["code"], s["issue"], s["stance"],
                                json.dumps(s["evidence"], ensure_ascii=False)))


# An actor as clustering tells actors apart: its code and sector ("USA/GOV" is not "USA/COP"),
# as ICEWS and POLECAT actor codes do; actors with no code are left out.
ACTOR_IDS = ("list_sort(list_distinct(list_transform(list_filter(json_extract(record, '$.{role}[*]'), "
             "lambda x: (x->>'code') IS NOT NULL), lambda x: concat(x->>'code', '/', coalesce(x->>'sector', '')))))")

# What DuckDB raises when the disk refuses a write (a failed COMMIT is a TransactionException).
WRITE_FAILURES = (duckdb.IOException, duckdb.TransactionException, duckdb.FatalException, duckdb.OutOfMemoryException)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


# DuckDB's message when another process holds the database file's lock.
LOCK_HOLDER = re.compile(r"Could not set lock on file.*?(?:\(PID (?P<pid>\d+)\)|$)", re.S)
LOCK_POLL_SECONDS = 0.5

RECORD_TABLES = ("entities", "events", "event_evidence", "quotes", "stances")


def article_key(text: str) -> str:
    """The same article however it was spaced or encoded: NFC, whitespace folded."""
    normal = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:32]


class Store:
    """A DuckDB event database, opened read-write (created if absent) or read-only."""

    def __init__(self, path: str | Path, read_only: bool = False, wait: float = 0.0,
                 on_wait: Callable[[str], None] | None = None) -> None:
        """``wait``: seconds to wait while another process holds the database (DuckDB lets
        one process write, or several read, at a time); ``on_wait`` is told once, in a line, that it waits."""
        self.path = Path(path)
        deadline = time.monotonic() + wait
        while True:
            try:
                self.con = self._connect(read_only)
                return
            except duckdb.IOException as exc:
                holder = LOCK_HOLDER.search(str(exc))
                if not holder:
                    raise EventwireError(Errors.E016, path=self.path, reason=str(exc).splitlines()[0]) from None
                pid = f" (PID {holder['pid']})" if holder["pid"] else ""
                if time.monotonic() >= deadline:
                    raise EventwireError(Errors.E032, path=self.path, holder=pid) from None
                if on_wait:
                    on_wait(f"database {self.path} is in use by another process{pid}; waiting up to {wait:.0f} s for it to end")
                    on_wait = None
                time.sleep(min(LOCK_POLL_SECONDS, max(deadline - time.monotonic(), 0.01)))
            except (OSError, duckdb.Error) as exc:
                raise EventwireError(Errors.E016, path=self.path, reason=str(exc).splitlines()[0]) from None

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        if read_only and not self.path.exists():
            raise OSError("no such database")
        con = duckdb.connect(str(self.path), read_only=read_only)
        if not read_only:
            con.execute(SCHEMA)
        return con

    def close(self) -> None:
        self.con.close()

    def cap_memory(self, mib: int) -> None:
        """Bound DuckDB's memory: by default it keeps every block it has read or written
        cached, up to most of the machine's memory, so a long ingest's writer would grow
        with the database; beyond the cap it evicts, or spills to disk."""
        self.con.execute(f"SET memory_limit = '{int(mib)}MB'")

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One all-or-nothing write. A write the disk refuses (full, a file-size limit, a
        read-only mount) is one clear error; what earlier transactions stored is kept."""
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
                self.con.execute("COMMIT")
            except BaseException:
                with suppress(duckdb.Error):  # a failed COMMIT has already ended the transaction
                    self.con.execute("ROLLBACK")
                raise
        except WRITE_FAILURES as exc:
            raise EventwireError(Errors.E033, path=self.path, reason=_first_line(exc)) from None

    def checkpoint(self) -> None:
        """Write what is held in memory and the write-ahead log into the database file."""
        try:
            self.con.execute("CHECKPOINT")
        except WRITE_FAILURES as exc:
            raise EventwireError(Errors.E033, path=self.path, reason=_first_line(exc)) from None

    def reader(self) -> Store:
        """Another handle on the same database, for one thread: a DuckDB connection must
        not be used by two threads at once, its cursors may (the web server's way)."""
        view = Store.__new__(Store)
        view.path, view.con = self.path, self.con.cursor()
        return view

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE key = ?", [key]).fetchone() is not None

    def stored_keys(self, keys: list[str]) -> set[str]:
        """Those of ``keys`` whose articles are stored."""
        if not keys:
            return set()
        return {r[0] for r in self.con.execute("SELECT key FROM articles WHERE key IN (SELECT unnest(?))", [keys]).fetchall()}

    def write(self, coded: CodedArticle, source: str = "") -> bool:
        """Store one coded article; False when its text was stored already."""
        return self.write_record(coded.article, to_json(coded), source)

    def write_record(self, article: Article, record: dict, source: str = "") -> bool:
        """Store an article and its PLOVER record (:func:`~eventwire.records.to_json`);
        False when its text was stored already."""
        return self.write_batch([(article, record, source)])[0]

    def write_batch(self, batch: list[tuple[Article, dict, str]]) -> list[bool]:
        """Store several articles with their PLOVER records in one transaction, a few
        statements a table (row-at-a-time inserts would cost more than the coding);
        for each, whether it was new. An article whose id is stored with another text
        replaces it."""
        keys = [article_key(article.text) for article, _, _ in batch]
        with self._transaction() as con:
            fresh, taken = [], self.stored_keys(keys)
            for key, item in zip(keys, batch):
                if key not in taken:
                    taken.add(key)
                    fresh.append((key, *item))
            ids = [article.id for _, article, _, _ in fresh]
            stale = [r[0] for r in con.execute("SELECT key FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()]
            if stale:  # the same articles, updated: their old records go
                for table in RECORD_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE article_key IN (SELECT unnest(?))", [stale])
                con.execute("DELETE FROM articles WHERE key IN (SELECT unnest(?))", [stale])
            rows: dict[str, list[tuple]] = {table: [] for table in ("articles", *RECORD_TABLES)}
            for key, article, record, source in fresh:
                rows["articles"].append((key, article.id, article.title, article.published, source, len(article.text),
                                         json.dumps(record.get("dateline")), article.text))
                _record_rows(key, record, rows)
            for table, table_rows in rows.items():
                self._insert(table, table_rows)
            if fresh:  # an item that failed in an earlier run and is coded now is no longer an error
                con.execute("DELETE FROM errors WHERE (item, source) IN (SELECT unnest(?), unnest(?))",
                            [ids, [source for *_, source in fresh]])
        new = {key for key, *_ in fresh}
        return [key in new and keys.index(key) == n for n, key in enumerate(keys)]

    def _insert(self, table: str, rows: list[tuple]) -> None:
        """Insert rows with one statement: a list parameter per column, unnested side by side."""
        if not rows:
            return
        columns = INSERT_COLUMNS[table]
        unnested = ", ".join(f"CAST(unnest(${n + 1}) AS {kind}) AS {name}" for n, (name, kind) in enumerate(columns))
        names = ", ".join(name for name, _ in columns)
        self.con.execute(f"INSERT INTO {table} ({names}) SELECT * FROM (SELECT {unnested})",
                         [list(column) for column in zip(*rows)])

    def record_error(self, source: str, item: str, message: str) -> None:
        """Keep one row per bad item and message, however many runs meet it."""
        with self._transaction() as con:
            if con.execute("SELECT 1 FROM errors WHERE item = ? AND message = ?", [item, message]).fetchone() is None:
                con.execute("INSERT INTO errors (source, item, message) VALUES (?, ?, ?)", [source, item, message])

    def build_clusters(self) -> int:
        """Group reports of the same real-world event across articles (:mod:`eventwire.clusters`);
        returns the number of clusters. One event type at a time, so that memory follows the
        commonest type, not the whole database."""
        from .clusters import ClusterEvent, cluster_events

        types = [r[0] for r in self.con.execute("SELECT DISTINCT event FROM events ORDER BY event").fetchall()]
        clusters = 0
        with self._transaction() as con:
            con.execute("DELETE FROM event_clusters")
            for event_type in types:
                rows = con.execute(f"""
                    SELECT e.event_id, a.id, e.event, {ACTOR_IDS.format(role="actor")}, {ACTOR_IDS.format(role="recipient")},
                           e.date, e.country, e.lat, e.lon, json_extract_string(e.record, '$.event_loc.resolution')
                    FROM events e JOIN articles a ON a.key = e.article_key
                    WHERE e.event = ? ORDER BY e.date NULLS FIRST, e.event_id""", [event_type]).fetchall()
                found = list(cluster_events(ClusterEvent(*row) for row in rows))
                clusters += len(found)
                pairs = [(event_id, cid) for cid, ids in found for event_id in ids]
                if pairs:
                    con.execute("INSERT INTO event_clusters SELECT * FROM "
                                "(SELECT unnest(?) AS event_id, unnest(?) AS cluster_id)",
                                [[p[0] for p in pairs], [p[1] for p in pairs]])
        return clusters

    def event_cluster_ids(self) -> dict[str, str]:
        """Each event's cluster id."""
        return dict(self.con.execute("SELECT event_id, cluster_id FROM event_clusters").fetchall())

    def count(self, table: str) -> int:
        if table not in RECORD_TABLES + ("articles", "errors", "event_clusters"):
            raise ValueError(f"no table {table!r}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    # Reading: the queries that export, relations, the API and the dashboard share.

    def _filtered(self, filters: EventFilters) -> tuple[str, list]:
        """The stored events that pass ``filters``, with their article and cluster, as SQL."""
        where, params = filters.sql()
        return (f"""SELECT e.*, a.id AS article_id, a.published, a.source,
                           coalesce(c.cluster_id, e.event_id) AS cluster_id
                    FROM events e JOIN articles a ON a.key = e.article_key
                    LEFT JOIN event_clusters c ON c.event_id = e.event_id
                    WHERE {where}""", params)

    def event_records(self, filters: EventFilters | None = None) -> Iterator[dict]:
        """Each stored event's PLOVER record with its article's id and publication date."""
        query, params = self._filtered(filters or EventFilters())
        rows = self.con.execute(f"SELECT record, article_id, published, cluster_id FROM ({query}) "
                                "ORDER BY date NULLS LAST, article_id, event_id", params)
        while batch := rows.fetchmany(1000):
            yield from (_with_article(*row) for row in batch)

    def cluster_records(self, filters: EventFilters | None = None) -> Iterator[dict]:
        """One record per event cluster: its most confident report's PLOVER record, with
        the cluster's id, report count, articles, sources and first and last dates."""
        query, params = self._filtered(filters or EventFilters())
        rows = self.con.execute(f"""
            SELECT cluster_id, arg_max(record, confidence), arg_max(article_id, confidence),
                   arg_max(published, confidence), count(DISTINCT article_key),
                   list(DISTINCT article_id ORDER BY article_id), list(DISTINCT source ORDER BY source),
                   min(date), max(date), list(event_id ORDER BY event_id)
            FROM ({query}) GROUP BY cluster_id ORDER BY min(date) NULLS LAST, cluster_id""", params)
        while batch := rows.fetchmany(1000):
            for cid, record, article_id, published, reports, articles, sources, first, last, ids in batch:
                event = _with_article(record, article_id, published, cid)
                event["cluster"] = {"id": cid, "reports": reports, "articles": articles, "sources": sources,
                                    "first_date": first.isoformat() if first else None,
                                    "last_date": last.isoformat() if last else None, "event_ids": ids}
                yield event

    def relations(self, filters: EventFilters | None = None, period: str = "month", min_events: int = 1) -> list[dict]:
        """Actor-to-actor dyads by period: event clusters per quad class and the net
        cooperation score, (cooperative - conflictual) / all, from -1 to 1."""
        if period not in PERIODS:
            raise EventwireError(Errors.E015, option="--period", value=period, choices=", ".join(PERIODS))
        query, params = self._filtered(filters or EventFilters())
        rows = self.con.execute(f"""
            WITH f AS ({query}),
            c AS (SELECT cluster_id, any_value(quad_code) AS quad, any_value(actor_codes) AS actors,
                         any_value(recipient_codes) AS recipients, min(date) AS date, count(DISTINCT article_key) AS reports
                  FROM f WHERE date IS NOT NULL GROUP BY cluster_id),
            a AS (SELECT unnest(actors) AS actor, recipients, quad, date, reports FROM c),
            d AS (SELECT actor, unnest(recipients) AS recipient, quad, date, reports FROM a)
            SELECT actor, recipient, strftime(date_trunc('{period}', date), '%Y-%m-%d') AS period,
                   count(*) FILTER (WHERE quad = 1), count(*) FILTER (WHERE quad = 2),
                   count(*) FILTER (WHERE quad = 3), count(*) FILTER (WHERE quad = 4),
                   count(*), sum(reports)
            FROM d WHERE actor <> recipient
            GROUP BY ALL HAVING count(*) >= ? ORDER BY actor, recipient, period""", [*params, min_events])
        out = []
        for actor, recipient, when, q1, q2, q3, q4, events, reports in rows.fetchall():
            out.append({"actor": actor, "recipient": recipient, "period": when, "verbal_cooperation": q1,
                        "material_cooperation": q2, "verbal_conflict": q3, "material_conflict": q4,
                        "events": events, "reports": int(reports), "net_cooperation": round((q1 + q2 - q3 - q4) / events, 3)})
        return out

    # The views of the API and dashboard: plain dicts, ready for JSON or a template.

    def summary(self) -> dict[str, int]:
        counts = {table: self.count(table) for table in ("articles", "events", "quotes", "stances", "errors")}
        counts["event_clusters"] = self.con.execute("SELECT count(DISTINCT cluster_id) FROM event_clusters").fetchone()[0]
        return counts

    def events_page(self, filters: EventFilters, limit: int, offset: int) -> tuple[int, list[dict]]:
        """How many events pass ``filters``, and one page of their records."""
        query, params = self._filtered(filters)
        total = self.con.execute(f"SELECT count(*) FROM ({query})", params).fetchone()[0]
        rows = self.con.execute(f"SELECT record, article_id, published, cluster_id FROM ({query}) "
                                "ORDER BY date DESC NULLS LAST, article_id, event_id LIMIT ? OFFSET ?",
                                [*params, limit, offset]).fetchall()
        return total, [_with_article(*row) for row in rows]

    def event(self, event_id: str) -> dict | None:
        """One event's record, with its article and the other reports of its cluster."""
        row = self.con.execute("""
            SELECT e.record, a.id, a.published, coalesce(c.cluster_id, e.event_id), a.title
            FROM events e JOIN articles a ON a.key = e.article_key LEFT JOIN event_clusters c ON c.event_id = e.event_id
            WHERE e.event_id = ?""", [event_id]).fetchone()
        if row is None:
            return None
        event = _with_article(*row[:4])
        event["article_title"] = row[4]
        others = self.con.execute("""
            SELECT e.event_id, a.id FROM event_clusters c JOIN events e ON e.event_id = c.event_id
            JOIN articles a ON a.key = e.article_key WHERE c.cluster_id = ? AND e.event_id <> ? ORDER BY a.id""",
                                  [event["cluster_id"], event_id]).fetchall()
        event["cluster"] = {"id": event["cluster_id"], "reports": len({r[1] for r in others} | {event["article_id"]}),
                            "others": [{"id": i, "article_id": a} for i, a in others]}
        return event

    def article(self, article_id: str) -> dict | None:
        """An article as stored, with its text and every record found in it."""
        row = self.con.execute("SELECT key, id, title, published, source, text, dateline FROM articles WHERE id = ? "
                               "ORDER BY coded_at DESC LIMIT 1", [article_id]).fetchone()
        if row is None:
            return None
        key, art_id, title, published, source, text, dateline = row
        events = [json.loads(r[0]) for r in self.con.execute(
            "SELECT record FROM events WHERE article_key = ? ORDER BY CAST(record->>'start' AS INTEGER), event_id",
            [key]).fetchall()]
        entities = [dict(zip(("code", "sector", "name", "entity_text", "kind", "start", "end"), r)) for r in self.con.execute(
            "SELECT code, sector, name, entity_text, kind, start_char, end_char FROM entities WHERE article_key = ? "
            "ORDER BY start_char", [key]).fetchall()]
        quotes = [{"id": r[0], "text": r[1], "kind": r[2], "speaker": {"name": r[3], "code": r[4]} if r[3] else None,
                   "cue": r[5], "start": r[6], "end": r[7]} for r in self.con.execute(
            "SELECT quote_id, text, kind, speaker, speaker_code, cue, start_char, end_char FROM quotes "
            "WHERE article_key = ? ORDER BY start_char", [key]).fetchall()]
        stances = [{"actor": {"name": r[0], "code": r[1]}, "issue": r[2], "stance": r[3],
                    "evidence": json.loads(r[4]) if r[4] else []} for r in self.con.execute(
            "SELECT actor, actor_code, issue, stance, evidence FROM stances WHERE article_key = ?", [key]).fetchall()]
        return {"id": art_id, "title": title, "published": published.isoformat() if published else None, "source": source,
                "text": text or "", "dateline": json.loads(dateline) if dateline else None,
                "events": events, "quotes": quotes, "stances": stances, "entities": entities}

    def actors(self, search: str | None = None, limit: int = 200) -> list[dict]:
        """Actor codes with the name most often given them and their counts of events as
        actor and as recipient and of quotes, most active first."""
        pattern = f"%{search}%" if search else "%"
        rows = self.con.execute("""
            WITH named AS (SELECT code, mode(name) AS name FROM entities WHERE code IS NOT NULL GROUP BY code),
            acts AS (SELECT code, count(*) AS n FROM (SELECT unnest(actor_codes) AS code FROM events) GROUP BY code),
            gets AS (SELECT code, count(*) AS n FROM (SELECT unnest(recipient_codes) AS code FROM events) GROUP BY code),
            says AS (SELECT speaker_code AS code, count(*) AS n FROM quotes WHERE speaker_code IS NOT NULL GROUP BY code)
            SELECT n.code, n.name, coalesce(acts.n, 0), coalesce(gets.n, 0), coalesce(says.n, 0)
            FROM named n LEFT JOIN acts USING (code) LEFT JOIN gets USING (code) LEFT JOIN says USING (code)
            WHERE (n.code ILIKE ? OR n.name ILIKE ?)
            ORDER BY coalesce(acts.n, 0) + coalesce(gets.n, 0) + coalesce(says.n, 0) DESC, n.code LIMIT ?""",
                                [pattern, pattern, limit]).fetchall()
        return [{"code": c, "name": n, "as_actor": a, "as_recipient": r, "quotes": q} for c, n, a, r, q in rows]

    def actor(self, code: str, limit: int = 50) -> dict | None:
        """One actor code: its names, events as actor and recipient, quotes, stances and
        main partners."""
        code = code.upper()
        names = self.con.execute("SELECT name, count(*) FROM entities WHERE code = ? GROUP BY name ORDER BY 2 DESC, 1 LIMIT 12",
                                 [code]).fetchall()
        if not names:
            return None
        as_actor_total, as_actor = self.events_page(EventFilters(actor=code), limit, 0)
        as_recipient_total, as_recipient = self.events_page(EventFilters(recipient=code), limit, 0)
        partners = self.con.execute("""
            WITH d AS (SELECT * FROM (SELECT unnest(recipient_codes) AS partner, quad_code FROM events
                                      WHERE list_contains(actor_codes, ?))
                       UNION ALL
                       SELECT * FROM (SELECT unnest(actor_codes) AS partner, quad_code FROM events
                                      WHERE list_contains(recipient_codes, ?)))
            SELECT partner, count(*), count(*) FILTER (quad_code = 1), count(*) FILTER (quad_code = 2),
                   count(*) FILTER (quad_code = 3), count(*) FILTER (quad_code = 4)
            FROM d WHERE partner <> ? GROUP BY partner ORDER BY 2 DESC, 1 LIMIT 15""", [code, code, code]).fetchall()
        quotes = self.con.execute("""
            SELECT q.text, q.speaker, a.id, q.start_char FROM quotes q JOIN articles a ON a.key = q.article_key
            WHERE q.speaker_code = ? ORDER BY a.published DESC NULLS LAST, a.id, q.start_char LIMIT ?""", [code, limit]).fetchall()
        stances = self.con.execute("""
            SELECT s.actor, s.issue, s.stance, a.id FROM stances s JOIN articles a ON a.key = s.article_key
            WHERE s.actor_code = ? ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?""", [code, limit]).fetchall()
        return {"code": code, "name": names[0][0], "members": [{"name": n, "mentions": c} for n, c in names],
                "as_actor_total": as_actor_total, "as_actor": as_actor,
                "as_recipient_total": as_recipient_total, "as_recipient": as_recipient,
                "partners": [{"code": p, "events": n, "q1": a, "q2": b, "q3": c, "q4": d} for p, n, a, b, c, d in partners],
                "quotes": [{"text": t, "speaker": s, "article_id": a, "start": st} for t, s, a, st in quotes],
                "stances": [{"actor": n, "issue": i, "stance": s, "article_id": a} for n, i, s, a in stances]}

    def timeline(self, filters: EventFilters, period: str = "month") -> list[dict]:
        """Events per period and quad class."""
        if period not in PERIODS:
            raise EventwireError(Errors.E015, option="period", value=period, choices=", ".join(PERIODS))
        query, params = self._filtered(filters)
        rows = self.con.execute(f"""
            SELECT strftime(date_trunc('{period}', date), '%Y-%m-%d') AS period,
                   count(*) FILTER (quad_code = 1), count(*) FILTER (quad_code = 2),
                   count(*) FILTER (quad_code = 3), count(*) FILTER (quad_code = 4)
            FROM ({query}) WHERE date IS NOT NULL GROUP BY 1 ORDER BY 1""", params).fetchall()
        return [{"period": p, "q1": a, "q2": b, "q3": c, "q4": d} for p, a, b, c, d in rows]

    def network(self, filters: EventFilters, top: int = 20) -> dict:
        """The ``top`` actors by events between them, and the dyads among them with their
        event count and most frequent quad class."""
        query, params = self._filtered(filters)
        rows = self.con.execute(f"""
            WITH a AS (SELECT unnest(actor_codes) AS actor, recipient_codes, quad_code FROM ({query})),
            d AS (SELECT actor, unnest(recipient_codes) AS recipient, quad_code FROM a)
            SELECT actor, recipient, count(*), mode(quad_code) FROM d WHERE actor <> recipient
            GROUP BY actor, recipient""", params).fetchall()
        weight: dict[str, int] = {}
        for actor, recipient, n, _ in rows:
            weight[actor] = weight.get(actor, 0) + n
            weight[recipient] = weight.get(recipient, 0) + n
        chosen = sorted(weight, key=lambda c: (-weight[c], c))[:top]
        names = dict(self.con.execute("SELECT code, mode(name) FROM entities WHERE list_contains(?, code) GROUP BY code",
                                      [chosen]).fetchall()) if chosen else {}
        keep = set(chosen)
        return {"nodes": [{"code": c, "name": names.get(c) or c, "events": weight[c]} for c in chosen],
                "edges": [{"actor": a, "recipient": r, "events": n, "quad": q} for a, r, n, q in rows
                          if a in keep and r in keep]}

    def places(self, filters: EventFilters) -> list[dict]:
        """Event places with coordinates, with their event count and most frequent quad class."""
        query, params = self._filtered(filters)
        rows = self.con.execute(f"""
            SELECT place, country, avg(lat), avg(lon), count(*), mode(quad_code) FROM ({query})
            WHERE lat IS NOT NULL AND lon IS NOT NULL GROUP BY place, country ORDER BY 5 DESC, 1""", params).fetchall()
        return [{"name": p, "country": c, "lat": round(la, 4), "lon": round(lo, 4), "events": n, "quad": q}
                for p, c, la, lo, n, q in rows]

    def quotes_page(self, speaker: str | None, search: str | None, limit: int, offset: int) -> tuple[int, list[dict]]:
        """Quotes by a speaker (name or actor code) or containing words, newest first."""
        where, params = ["TRUE"], []
        if speaker:
            where.append("(q.speaker ILIKE ? OR q.speaker_code = ?)")
            params += [f"%{speaker}%", speaker.upper()]
        if search:
            where.append("q.text ILIKE ?")
            params.append(f"%{search}%")
        base = f"FROM quotes q JOIN articles a ON a.key = q.article_key WHERE {' AND '.join(where)}"
        total = self.con.execute(f"SELECT count(*) {base}", params).fetchone()[0]
        rows = self.con.execute(f"SELECT q.quote_id, q.text, q.kind, q.speaker, q.speaker_code, q.cue, a.id, a.published, "
                                f"q.start_char, q.end_char {base} ORDER BY a.published DESC NULLS LAST, a.id, q.start_char "
                                "LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
        keys = ("id", "text", "kind", "speaker", "speaker_code", "cue", "article_id", "published", "start", "end")
        return total, [dict(zip(keys, r)) for r in rows]

    def event_table(self, filters: EventFilters | None = None, clusters: bool = False) -> tuple[list[str], Iterator[tuple]]:
        """The flat rows of the CSV and Parquet export (:data:`~eventwire.records.EVENT_COLUMNS`,
        the event's cluster, and with ``clusters`` one row per cluster with its reports)."""
        columns = list(EVENT_COLUMNS) + ["cluster_id"] + (list(CLUSTER_COLUMNS) if clusters else [])
        records = (self.cluster_records if clusters else self.event_records)(filters)
        return columns, (tuple(flat[c] for c in columns) for flat in (_flat(r, clusters) for r in records))

    def quote_table(self) -> tuple[list[str], Iterator[tuple]]:
        """Every quote with its article, speaker, cue and offsets."""
        return self.sql("""SELECT q.quote_id AS id, a.id AS article_id, a.published, q.text, q.kind, q.speaker,
                                  q.speaker_code, q.cue, q.start_char AS "start", q.end_char AS "end"
                           FROM quotes q JOIN articles a ON a.key = q.article_key
                           ORDER BY a.published NULLS LAST, a.id, q.start_char""")

    def stance_table(self) -> tuple[list[str], Iterator[tuple]]:
        """Every stance with its article and evidence (a JSON list of sentences)."""
        return self.sql("""SELECT a.id AS article_id, a.published, s.actor, s.actor_code, s.issue, s.stance, s.evidence
                           FROM stances s JOIN articles a ON a.key = s.article_key
                           ORDER BY a.published NULLS LAST, a.id, s.actor_code, s.issue""")

    def sql(self, query: str) -> tuple[list[str], Iterator[tuple]]:
        """Column names and rows of any SQL statement over the database."""
        try:
            result = self.con.execute(query)
        except duckdb.Error as exc:
            raise EventwireError(Errors.E025, reason=str(exc).splitlines()[0]) from None
        columns = [d[0] for d in result.description or []]

        def rows() -> Iterator[tuple]:
            while batch := result.fetchmany(1000):
                yield from batch

        return columns, rows()

    def export(self, path: Path | None, fmt: str = "jsonl", filters: EventFilters | None = None,
               clusters: bool = False, out: TextIO | None = None) -> int:
        """Write PLOVER records, one per event or per cluster, as JSON lines, CSV or
        Parquet; returns how many. JSON lines and CSV go to ``out`` when no path is given."""
        if fmt not in EXPORT_FORMATS:
            raise EventwireError(Errors.E015, option="--format", value=fmt, choices=", ".join(EXPORT_FORMATS))
        if fmt == "parquet" and path is None:
            raise EventwireError(Errors.E015, option="-o", value="(none)", choices="a file path for parquet")
        if fmt == "jsonl":
            records = (self.cluster_records if clusters else self.event_records)(filters)
            with _opened(path, out) as handle:
                return sum(1 for r in records if handle.write(json.dumps(r, ensure_ascii=False, default=str) + "\n"))
        columns, rows = self.event_table(filters, clusters)
        if fmt == "csv":
            with _opened(path, out) as handle:
                writer = csv.writer(handle)
                writer.writerow(columns)
                return sum(1 for row in rows if writer.writerow(row) is not None)
        # Parquet: the flat rows go through a JSON-lines file DuckDB reads with set column types.
        with tempfile.TemporaryDirectory() as tmp:
            staging = Path(tmp) / "rows.jsonl"
            with staging.open("w", encoding="utf-8") as handle:
                n = sum(1 for row in rows
                        if handle.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n"))
            types = {c: PARQUET_TYPES.get(c, "VARCHAR") for c in columns}
            con = duckdb.connect()
            try:
                con.execute(f"COPY (SELECT * FROM read_json(?, columns={types!r}, format='newline_delimited')) "
                            f"TO '{_sql_path(path)}' (FORMAT parquet)", [str(staging)])
            except duckdb.Error as exc:
                raise EventwireError(Errors.E016, path=path, reason=str(exc).splitlines()[0]) from None
            finally:
                con.close()
        return n


EXPORT_FORMATS = ("jsonl", "csv", "parquet")
PERIODS = ("day", "week", "month", "quarter", "year")
CLUSTER_COLUMNS = ("reports", "articles", "sources", "first_date", "last_date")
PARQUET_TYPES = {"quad_code": "INTEGER", "confidence": "DOUBLE", "latitude": "DOUBLE", "longitude": "DOUBLE",
                 "start": "INTEGER", "end": "INTEGER", "reports": "INTEGER", "published": "DATE", "date": "DATE",
                 "first_date": "DATE", "last_date": "DATE"}


def _with_article(record: str, article_id: str, published: date | None, cluster_id: str) -> dict:
    event = json.loads(record)
    event.update(article_id=article_id, published=published.isoformat() if published else None, cluster_id=cluster_id)
    return event


def _flat(record: dict, clusters: bool) -> dict:
    row = event_row(record, record["article_id"], record["published"])
    row["cluster_id"] = record["cluster_id"]
    if clusters:
        c = record["cluster"]
        row.update(reports=c["reports"], articles=";".join(c["articles"]), sources=";".join(s or "" for s in c["sources"]),
                   first_date=c["first_date"], last_date=c["last_date"])
    return row


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


@contextmanager
def _opened(path: Path | None, out: TextIO | None) -> Iterator[TextIO]:
    if path is None:
        yield out or sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise EventwireError(Errors.E016, path=path, reason=exc.strerror or type(exc).__name__) from None
    with handle:
        yield handle


@dataclass(frozen=True)
class EventFilters:
    """Which events a reader wants: dates inclusive, codes as PLOVER writes them."""

    from_date: date | None = None
    to_date: date | None = None
    actor: str | None = None
    recipient: str | None = None
    event: str | None = None
    quad_code: int | None = None
    text: str | None = None  # words in the event's sentence

    def sql(self) -> tuple[str, list]:
        clauses, params = ["TRUE"], []
        if self.from_date:
            clauses.append("e.date >= ?")
            params.append(self.from_date)
        if self.to_date:
            clauses.append("e.date <= ?")
            params.append(self.to_date)
        if self.actor:
            clauses.append("list_contains(e.actor_codes, ?)")
            params.append(self.actor.upper())
        if self.recipient:
            clauses.append("list_contains(e.recipient_codes, ?)")
            params.append(self.recipient.upper())
        if self.event:
            clauses.append("e.event = ?")
            params.append(self.event.upper())
        if self.quad_code:
            clauses.append("e.quad_code = ?")
            params.append(self.quad_code)
        if self.text:
            clauses.append("json_extract_string(e.record, '$.text') ILIKE ?")
            params.append(f"%{self.text}%")
        return " AND ".join(clauses), params
