import json
from datetime import date

import pytest

from eventwire.ingest import read_inputs
from eventwire.records import Article, Rejected


def read(*paths, published=None):
    return list(read_inputs([str(p) for p in paths], published))


def test_txt_file_is_one_article_named_after_the_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Officials met on Monday.", encoding="utf-8")
    [art] = read(path, published=date(2020, 1, 2))
    assert isinstance(art, Article)
    assert (art.id, art.text, art.published) == ("story", "Officials met on Monday.", date(2020, 1, 2))


def test_jsonl_bad_line_is_rejected_and_the_rest_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"id": "a", "text": "One.", "published": "2019-05-01"}), "{not json", json.dumps({"id": "c", "title": "no text"}),
             json.dumps({"id": "d", "text": "   "}), json.dumps({"id": "e", "text": "Two."})]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Rejected", "Rejected", "Article"]
    assert items[0].published == date(2019, 5, 1)
    assert "[E003]" in items[1].error and "line 2" in items[1].error
    assert "[E004]" in items[2].error
    assert "[E001]" in items[3].error


def test_record_date_wins_over_the_default(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"id": "x", "text": "Hello.", "published": "2001-02-03"}), encoding="utf-8")
    [art] = read(path, published=date(2020, 1, 1))
    assert art.published == date(2001, 2, 3)


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [("stories.txt", b"PK\x03\x04\x14\x00\x00\x00", "[E028]"), ("empty.txt", b"  \n", "[E001]"), ("notes.doc", b"x", "[E008]"),
     ("bad.json", b"{", "[E003]"), ("list.json", b"[1]", "[E007]"), ("wire.jsonl", b"\x1f\x8b\x08\x00", "[E028]"),
     ("page.html", b"%PDF-1.7\n", "[E028]"), ("raw.txt", bytes(range(256)) * 4, "[E028]")],
)
def test_bad_inputs_are_refused_with_a_coded_one_line_reason(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    [item] = read(path)
    assert isinstance(item, Rejected)
    assert item.error.startswith(code) and "\n" not in item.error


def test_missing_file_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Text.", encoding="utf-8")
    items = read(tmp_path / "missing.txt", good)
    assert isinstance(items[0], Rejected) and "[E005]" in items[0].error
    assert isinstance(items[1], Article)


def test_unreadable_date_keeps_the_article_with_a_warning(tmp_path):
    path = tmp_path / "date.json"
    path.write_text('{"text": "Talks resumed.", "published": "yesterday"}', encoding="utf-8")
    [art] = read(path)
    assert isinstance(art, Article) and art.published is None
    assert art.warnings[0].startswith("[E006]")


@pytest.mark.parametrize(("raw", "day"), [("26-FEB-1987 15:01:01.79", date(1987, 2, 26)), ("2025-03-14 20:30:26Z", date(2025, 3, 14)),
                                          ("March 3, 2015", date(2015, 3, 3)), ("2017-09-07", date(2017, 9, 7))])
def test_archive_date_layouts(tmp_path, raw, day):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"text": "x y z", "published": raw}), encoding="utf-8")
    [art] = read(path)
    assert art.published == day


@pytest.mark.parametrize(("encoding", "bom"), [("latin-1", b""), ("cp1252", b""), ("utf-16", b""), ("utf-16-le", b""),
                                               ("utf-8", b"\xef\xbb\xbf")])
def test_legacy_and_utf16_encodings_are_read(tmp_path, encoding, bom):
    text = "Caf\xe9 owners in Qu\xe9bec protested on Monday."
    if encoding == "cp1252":
        text = "\u201cWe will not pay,\u201d caf\xe9 owners said \u2013 on Monday."
    path = tmp_path / "story.txt"
    path.write_bytes(bom + text.encode(encoding))
    [article] = read(path)
    assert isinstance(article, Article) and article.text == text
    lines = tmp_path / "wire.jsonl"
    lines.write_bytes(bom + (json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n").encode(encoding))
    [record] = read(lines)
    assert isinstance(record, Article) and record.text == text


def test_jsonl_lines_that_are_not_objects_are_reported_by_line(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n\n  \n[1, 2]\n"story"\n7\nnull\n{"id": "b", "text": "Two."}\n', encoding="utf-8")
    items = read(path)
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "b"]  # blank lines are no items
    errors = [i.error for i in items if isinstance(i, Rejected)]
    assert [e.split(":")[0] for e in errors] == ["[E030] " + str(path)] * 4
    assert [e.split("line ")[1].split(" holds ")[0] for e in errors] == ["4", "5", "6", "7"]
    assert "holds a list" in errors[0] and "holds null" in errors[3]


def test_csv_rows_with_missing_or_extra_fields_are_flagged_by_line(tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text('text,title,published\n"Chile recalled its envoy.",Envoy,2024-03-05\n"Talks resumed."\n'
                    ',Empty,2024-03-06\n"Peru, Chile and Bolivia met",Talks,2024-03-07\n"Rows agree.",Fine,2024-03-08\n'
                    'Peru, Chile and Bolivia met,Talks,2024-03-07\n', encoding="utf-8")
    items = read(path)
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", f"{path}:2"), ("Article", f"{path}:3"), ("Rejected", f"{path}:4"), ("Article", f"{path}:5"),
        ("Article", f"{path}:6"), ("Article", f"{path}:7")]
    warned = {i.id: i.warnings for i in items if isinstance(i, Article)}
    assert warned[f"{path}:2"] == warned[f"{path}:5"] == warned[f"{path}:6"] == []
    assert warned[f"{path}:3"][0].startswith("[W003]") and "1 field(s), the header 3" in warned[f"{path}:3"][0]
    assert any("4 field(s)" in w for w in warned[f"{path}:7"])  # an unquoted comma shifts the columns


@pytest.mark.parametrize("page", ["<html><head><title>Only a title</title></head></html>", "",
                                  "<html><head><title>T</title></head><body></body></html>", "<p>"])
def test_pages_without_a_body_are_refused(tmp_path, page):
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [item] = read(path)
    assert isinstance(item, Rejected) and item.error.startswith(("[E019]", "[E001]")) and "\n" not in item.error
