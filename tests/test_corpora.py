"""Corpora: every input kind, event clusters across articles, export, query, relations,
parallel runs and a killed run resumed. All texts here are written for these tests."""

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.clusters import ClusterEvent, cluster_events
from eventwire.ingest import FieldMap, read_inputs
from eventwire.records import Article, Rejected
from eventwire.run import ingest
from eventwire.store import EventFilters, Store

PAGE = """<html><head><title>Greece and Turkey agree to resume talks | Example News</title>
<meta property="article:published_time" content="2024-05-02T10:00:00Z"></head><body>
<nav><ul class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li>Europe</li></ul></nav>
<header><a href="/login">Sign in</a> <a href="/subscribe">Subscribe today</a></header>
<article><h1>Greece and Turkey agree to resume talks</h1>
<p>ANKARA, May 2 (Example) - Greek Prime Minister Kyriakos Mitsotakis met Turkish President Recep Tayyip Erdogan in
Ankara on Thursday and the two leaders agreed to resume talks on maritime borders.</p>
<p>"We have chosen dialogue over confrontation," Mitsotakis told reporters after the meeting, adding that officials
of both countries would meet again in June.</p>
<p>Erdogan said Turkey wanted calm waters in the Aegean.</p></article>
<footer>Copyright 2024 Example News. All rights reserved. <a href="/privacy">Privacy policy</a></footer></body></html>"""

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example wire</title>
<item><title>Chile recalls envoy</title><link>https://example.org/a</link><guid>wire-1</guid>
<pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Chile recalled its ambassador to Venezuela on Tuesday.</p><p>The foreign ministry gave no reason.</p>]]></content:encoded></item>
<item><title>Talks in Oslo</title><link>https://example.org/b</link><guid>wire-2</guid>
<pubDate>Wed, 06 Mar 2024 11:00:00 GMT</pubDate>
<description>Colombia and the ELN rebels held talks in Oslo on Wednesday.</description></item>
</channel></rss>"""


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def test_html_pages_give_main_text_title_and_date(tmp_path):
    (tmp_path / "talks.html").write_text(PAGE, encoding="utf-8")
    [article] = list(read_inputs([str(tmp_path / "talks.html")]))
    assert isinstance(article, Article)
    assert article.title == "Greece and Turkey agree to resume talks"
    assert article.published == date(2024, 5, 2)
    assert "agreed to resume talks" in article.text
    for boilerplate in ("Home", "Subscribe today", "Privacy policy", "Sign in"):
        assert boilerplate not in article.text


def test_a_page_without_article_text_is_refused(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    [item] = list(read_inputs([str(tmp_path / "index.html")]))
    assert isinstance(item, Rejected) and item.error.startswith("[E019]")


def test_csv_columns_are_mapped(tmp_path):
    path = tmp_path / "stories.csv"
    path.write_text('copy,day,headline\n"Chile recalled its ambassador to Venezuela on Tuesday.",2024-03-05,Envoy\n'
                    '"Colombia and the ELN rebels\nheld talks in Oslo.",06/03/2024,Talks\n', encoding="utf-8")
    found = list(read_inputs([str(path)], fields=FieldMap.parse(["text=copy", "published=day"])))
    assert [a.title for a in articles(found)] == ["Envoy", "Talks"]
    assert found[0].published == date(2024, 3, 5)
    assert "held talks" in found[1].text  # a quoted field may span lines
    missing = list(read_inputs([str(path)]))  # no column is called text, body, story...
    assert len(missing) == 1 and missing[0].error.startswith("[E020]") and "copy" in missing[0].error


def test_field_options_are_checked():
    with pytest.raises(Exception, match=r"\[E021\]"):
        FieldMap.parse(["txt=body"])
    with pytest.raises(Exception, match=r"\[E021\]"):
        FieldMap.parse(["text"])


def test_feed_entries_become_articles(tmp_path):
    (tmp_path / "wire.rss").write_text(FEED, encoding="utf-8")
    found = list(read_inputs([str(tmp_path / "wire.rss")]))
    assert [(a.id, a.title, a.published) for a in found] == [
        ("wire-1", "Chile recalls envoy", date(2024, 3, 5)), ("wire-2", "Talks in Oslo", date(2024, 3, 6))]
    assert found[0].text == "Chile recalled its ambassador to Venezuela on Tuesday.\nThe foreign ministry gave no reason."
    (tmp_path / "broken.xml").write_text("<rss><channel><item>", encoding="utf-8")
    [bad] = list(read_inputs([str(tmp_path / "broken.xml")]))
    assert isinstance(bad, Rejected) and bad.error.startswith("[E017]")


def test_folders_are_read_recursively_without_hidden_files(tmp_path):
    (tmp_path / "2024" / "march").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "2024" / "march" / "talks.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "2024" / "wire.rss").write_text(FEED, encoding="utf-8")
    (tmp_path / "2024" / "march" / "notes.txt").write_text("Germany sent troops to Lithuania.", encoding="utf-8")
    (tmp_path / ".cache" / "old.txt").write_text("Cached copy.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    ids = [a.id for a in read_inputs([str(tmp_path)])]
    assert ids == ["notes", "talks", "wire-1", "wire-2"]


def report(event_id, article, event, actors, recipients, day, country=None, lat=None, lon=None, resolution=None):
    return ClusterEvent(event_id, article, event, actors, recipients, day, country, lat, lon, resolution)


def clusters_of(events):
    events = sorted(events, key=lambda e: (e.event, e.date or date.min, e.event_id))
    return sorted(sorted(ids) for _, ids in cluster_events(events))


def test_reports_of_one_event_form_one_cluster():
    d = date(2024, 3, 5)
    events = [
        report("a-E1", "a", "SANCTION", ["USA/GOV"], ["RUS/GOV"], d),
        report("b-E1", "b", "SANCTION", ["USA/"], ["RUS/GOV"], date(2024, 3, 6)),  # next day, sector not coded
        report("c-E1", "c", "SANCTION", ["USA/GOV"], [], d),  # no recipient named
        report("d-E1", "d", "SANCTION", ["USA/GOV"], ["RUS/GOV"], date(2024, 3, 8)),  # three days on: another event
        report("e-E1", "e", "SANCTION", ["USA/COP"], ["RUS/GOV"], d),  # another sector: another actor
        report("f-E1", "f", "SANCTION", ["GBR/GOV"], ["RUS/GOV"], d),
    ]
    assert clusters_of(events) == [["a-E1", "b-E1", "c-E1"], ["d-E1"], ["e-E1"], ["f-E1"]]


def test_places_must_be_compatible_and_mutual_events_ignore_roles():
    d = date(2024, 3, 5)
    events = [
        report("a-E1", "a", "PROTEST", ["USA/CVL"], [], d, "USA", 47.61, -122.33, "city"),  # Seattle
        report("b-E1", "b", "PROTEST", ["USA/CVL"], [], d, "USA", 40.71, -74.01, "city"),  # New York
        report("c-E1", "c", "PROTEST", ["USA/CVL"], [], d, "USA", 40.73, -73.99, "city"),  # New York again
        report("d-E1", "d", "PROTEST", ["USA/CVL"], [], d, "CAN"),
        report("m-E1", "m", "CONSULT", ["USA/GOV"], ["CHN/GOV"], d),
        report("n-E1", "n", "CONSULT", ["CHN/GOV", "USA/GOV"], [], d),  # "Xi and Biden met"
        report("o-E1", "o", "CONSULT", ["CHN/GOV"], ["USA/GOV"], d),
        report("u-E1", "u", "SANCTION", [], ["RUS/GOV"], d),  # no actor: never merged
        report("v-E1", "v", "SANCTION", [], ["RUS/GOV"], d),
    ]
    assert clusters_of(events) == [["a-E1"], ["b-E1", "c-E1"], ["d-E1"], ["m-E1", "n-E1", "o-E1"], ["u-E1"], ["v-E1"]]


STORIES = [
    ("moscow-1", "2024-03-05", "The United States imposed new sanctions on Russia on Tuesday, the Treasury said."),
    ("moscow-2", "2024-03-05", "Washington slapped sanctions on Russia on Tuesday over the war in Ukraine."),
    ("oslo-1", "2024-03-06", "Colombia and the ELN rebels held talks in Oslo on Wednesday."),
    ("berlin-1", "2024-03-20", "Germany sent troops to Lithuania on Wednesday, the defence ministry said."),
]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as out:
        for art_id, day, text in STORIES:
            out.write(json.dumps({"id": art_id, "published": day, "text": text}) + "\n")
    db = folder / "events.duckdb"
    with Store(db) as store:
        counts = ingest(read_inputs([str(folder / "wire.jsonl")]), store)
    assert counts.coded == 4
    return db


def test_cluster_export_counts_reports(corpus_db):
    with Store(corpus_db, read_only=True) as store:
        events = list(store.event_records(EventFilters(event="SANCTION")))
        clusters = list(store.cluster_records(EventFilters(event="SANCTION")))
    assert len(events) == 2 and len({e["cluster_id"] for e in events}) == 1
    [cluster] = clusters
    assert cluster["cluster"]["reports"] == 2
    assert cluster["cluster"]["articles"] == ["moscow-1", "moscow-2"]
    assert cluster["actor"][0]["code"] == "USA" and cluster["recipient"][0]["code"] == "RUS"


def test_export_formats_and_filters(corpus_db, tmp_path):
    runner = CliRunner()
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", "--db", str(corpus_db), "--format", "csv", "-o", str(out), "--actor", "usa"])
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,article_id,published,date") and len(lines) == 3
    result = runner.invoke(app, ["export", "--db", str(corpus_db), "--from", "2024-03-06", "--to", "2024-03-31"])
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["event"] for r in records} == {"CONSULT", "MOBILIZE"}
    assert all(r["evidence"] and r["article_id"] for r in records)
    parquet = tmp_path / "clusters.parquet"
    result = runner.invoke(app, ["export", "--db", str(corpus_db), "--format", "parquet", "-o", str(parquet), "--clusters"])
    assert result.exit_code == 0, result.output
    import duckdb

    rows = duckdb.sql(f"SELECT event, reports, date FROM '{parquet}' ORDER BY event").fetchall()
    assert rows[-1][:2] == ("SANCTION", 2) and isinstance(rows[-1][2], date)
    result = runner.invoke(app, ["export", "--db", str(corpus_db), "--event", "BOMB"])
    assert result.exit_code == 2 and "[E015]" in result.output


def test_query_and_relations(corpus_db):
    runner = CliRunner()
    result = runner.invoke(app, ["query", "SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY event",
                                 "--db", str(corpus_db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert {"event": "SANCTION", "n": 2} in [json.loads(line) for line in result.stdout.splitlines()]
    result = runner.invoke(app, ["query", "SELECT nothing FROM nowhere", "--db", str(corpus_db)])
    assert result.exit_code == 2 and "[E025]" in result.output
    with Store(corpus_db, read_only=True) as store:
        dyads = store.relations(period="month")
    usa_rus = next(d for d in dyads if (d["actor"], d["recipient"]) == ("USA", "RUS"))
    # Two reports of one sanction: one event, verbal conflict in PLOVER's table.
    assert (usa_rus["events"], usa_rus["reports"], usa_rus["verbal_conflict"], usa_rus["net_cooperation"]) == (1, 2, 1, -1.0)
    assert usa_rus["period"] == "2024-03-01"
    result = runner.invoke(app, ["relations", "--db", str(corpus_db), "--format", "csv", "--period", "week"])
    assert result.exit_code == 0 and "USA,RUS,2024-03-04" in result.stdout


def synthetic_wire(n: int) -> list[dict]:
    """Short, varied wire items: enough text to code, cheap to parse."""
    pairs = [("France", "Italy", "Rome"), ("Japan", "South Korea", "Seoul"), ("Kenya", "Uganda", "Nairobi"),
             ("Chile", "Peru", "Lima"), ("Poland", "Ukraine", "Warsaw")]
    verbs = ["held talks with", "criticised", "signed a trade agreement with", "sent aid to"]
    out = []
    for i in range(n):
        a, b, city = pairs[i % len(pairs)]
        out.append({"id": f"w{i}", "published": f"2024-03-{1 + i % 28:02d}",
                    "text": f"{a} {verbs[i % len(verbs)]} {b} in {city} on Monday, officials said in statement {i}."})
    return out


def write_jsonl(path: Path, records: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")


def stored(db: Path) -> tuple:
    with Store(db, read_only=True) as store:
        return store.con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT id) FROM articles), "
            "(SELECT count(*) FROM events), (SELECT count(DISTINCT event_id) FROM events), "
            "(SELECT list(id ORDER BY id) FROM articles)").fetchone()


def test_a_process_pool_gives_what_one_process_gives(tmp_path):
    src = tmp_path / "wire.jsonl"
    write_jsonl(src, synthetic_wire(40) + [{"id": "bad"}])
    results = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            counts = ingest(read_inputs([str(src)]), store, workers=workers)
        assert (counts.coded, counts.failed) == (40, 1)
        results.append(stored(tmp_path / f"w{workers}.duckdb"))
    assert results[0] == results[1]


def test_a_dask_cluster_gives_what_one_process_gives(tmp_path):
    distributed = pytest.importorskip("distributed", reason="the cluster extra (Dask distributed) is not installed")
    src = tmp_path / "wire.jsonl"
    write_jsonl(src, synthetic_wire(30))
    with Store(tmp_path / "local.duckdb") as store:
        ingest(read_inputs([str(src)]), store)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "dask.duckdb"),
                                          "--scheduler", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert stored(tmp_path / "dask.duckdb") == stored(tmp_path / "local.duckdb")


def test_an_unreachable_scheduler_is_one_clear_error(tmp_path):
    pytest.importorskip("distributed", reason="the cluster extra (Dask distributed) is not installed")
    src = tmp_path / "wire.jsonl"
    write_jsonl(src, synthetic_wire(2))
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "x.duckdb"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2 and "[E023]" in result.output


def test_pages_and_feeds_are_read_from_addresses(tmp_path):
    import http.server
    import threading

    (tmp_path / "talks.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "wire.xml").write_text(FEED, encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        found = list(read_inputs([f"{base}/talks.html", f"{base}/wire.xml", f"{base}/missing.html"]))
    finally:
        server.shutdown()
    assert found[0].title == "Greece and Turkey agree to resume talks" and found[0].published == date(2024, 5, 2)
    assert [a.id for a in found[1:3]] == ["wire-1", "wire-2"]
    assert isinstance(found[3], Rejected) and found[3].error.startswith("[E018]")
