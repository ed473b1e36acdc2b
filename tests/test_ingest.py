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
