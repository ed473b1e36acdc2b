"""The DuckDB event database: idempotent writes, replacement of updated articles."""

import pytest

from eventwire.errors import EventwireError
from eventwire.store import Store, article_key

STORY = ("Turkish Foreign Minister Hakan Fidan held talks with his Greek counterpart in Geneva on Tuesday.\n\n"
         '"We will keep talking," Mr Fidan told reporters.')


def coded(code, text=STORY, article_id="t"):
    result = code(text)
    result.article.id = article_id
    return result


def test_article_key_ignores_spacing():
    assert article_key("Talks  began\n\non Monday. ") == article_key("Talks began on Monday.")
    assert article_key("Talks began") != article_key("Talks ended")


def test_writing_twice_adds_nothing(code, tmp_path):
    result = coded(code)
    with Store(tmp_path / "events.duckdb") as store:
        assert store.write(result, "story.txt")
        counts = {t: store.count(t) for t in ("articles", "events", "event_evidence", "quotes", "entities")}
        assert counts["articles"] == 1 and counts["events"] >= 1 and counts["quotes"] == 1
        assert not store.write(coded(code), "story.txt")
        assert {t: store.count(t) for t in counts} == counts
        row = store.con.execute("SELECT event, actor_codes, recipient_codes, place FROM events").fetchone()
        assert row == ("CONSULT", ["TUR"], ["GRC"], "Geneva")


def test_an_updated_article_replaces_its_records(code, tmp_path):
    with Store(tmp_path / "events.duckdb") as store:
        store.write(coded(code), "story.txt")
        updated = STORY.replace("Geneva", "Athens")
        assert store.write(coded(code, updated), "story.txt")
        assert store.count("articles") == 1
        assert store.con.execute("SELECT place FROM events").fetchall() == [("Athens",)]


def test_reopened_database_keeps_what_was_written(code, tmp_path):
    path = tmp_path / "events.duckdb"
    with Store(path) as store:
        store.write(coded(code), "story.txt")
        store.record_error("feed.jsonl", "line 3", "[E004] line 3 is not JSON")
    with Store(path, read_only=True) as store:
        assert store.count("articles") == 1 and store.count("errors") == 1


def test_unusable_paths_give_one_clear_error(tmp_path):
    with pytest.raises(EventwireError, match=r"\[E016\]"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    with pytest.raises(EventwireError, match=r"\[E016\]"):
        Store(tmp_path / "no" / "such" / "folder" / "events.duckdb")


def test_ingest_runs_twice_and_records_a_bad_line_once(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Germany sent troops to Lithuania on Monday.\n", encoding="utf-8")
    (src / "b.jsonl").write_text('{"id": "b", "text": "France and Italy held talks in Rome on Friday."}\nnot json\n',
                                 encoding="utf-8")
    db = tmp_path / "events.duckdb"
    for _ in range(2):
        result = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--published", "2024-03-14"])
        assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        assert store.count("articles") == 2
        assert store.count("errors") == 1
        assert store.con.execute("SELECT count(*) FROM events WHERE event = 'MOBILIZE'").fetchone()[0] == 1


def test_an_item_coded_after_failing_is_no_longer_an_error(code, tmp_path):
    coded = code("Germany sent troops to Lithuania on Monday.")
    with Store(tmp_path / "events.duckdb") as store:
        store.record_error(coded.article.source or coded.article.id, coded.article.id, "[E009] it failed once")
        store.record_error("other.jsonl", "other", "[E003] a bad line elsewhere")
        store.write(coded, coded.article.source or coded.article.id)
        assert [r[0] for r in store.con.execute("SELECT item FROM errors").fetchall()] == ["other"]
