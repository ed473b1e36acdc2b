"""The PolNeAR reader and scorer, on a small compartment written for this test."""

import json

import pytest
from typer.testing import CliRunner

from eventwire.polnear import (
    GoldAttribution,
    SystemQuote,
    content_match,
    from_eventwire,
    parse_ann,
    read_polnear,
    score_attributions,
)

TEXT = ('Mayor Ann Lee said the bridge would reopen in May.\n\n'
        '"We are on schedule," Lee said. "The money is there."\n\n'
        'According to engineers, the repairs cost less than planned.')


def span(text, words):
    start = TEXT.index(words)
    return start, start + len(words)


def ann_file():
    c1, s1, q1 = span(TEXT, "the bridge would reopen in May"), span(TEXT, "Mayor Ann Lee"), span(TEXT, "said")
    a, b = span(TEXT, "We are on schedule,"), span(TEXT, "The money is there.")
    s2 = span(TEXT, 'Lee said. "The')
    s2 = (s2[0], s2[0] + 3)
    c3, s3 = span(TEXT, "the repairs cost less than planned"), span(TEXT, "engineers")
    return "\n".join([
        f"T1\tSource {s1[0]} {s1[1]}\tMayor Ann Lee", f"T2\tCue {q1[0]} {q1[1]}\tsaid",
        f"T3\tContent {c1[0]} {c1[1]}\tx", "E1\tAttribution:T9 Content:T3 Cue:T2 Source:T1",
        f"T4\tContent {a[0]} {a[1]};{b[0]} {b[1]}\tx", f"T5\tSource {s2[0]} {s2[1]}\tLee",
        "E2\tAttribution:T8 Content:T4 Source:T5",
        f"T6\tContent {c3[0]} {c3[1]}\tx", f"T7\tSource {s3[0]} {s3[1]}\tengineers",
        "E3\tAttribution:T10 Content:T6 Source:T7",
    ])


def test_parse_ann_reads_discontinuous_spans_and_marks_quoted_content():
    attrs = parse_ann(ann_file(), TEXT)
    assert len(attrs) == 3
    assert len(attrs[1].content) == 2 and attrs[1].quoted
    assert not attrs[0].quoted and not attrs[2].quoted
    assert TEXT[slice(*attrs[2].source[0])] == "engineers"


def test_content_match_needs_half_of_the_shorter_span():
    gold = GoldAttribution(((10, 30),))
    assert content_match(gold, SystemQuote(20, 60, False))  # 10 of the shorter 20
    assert not content_match(gold, SystemQuote(25, 60, False))  # 5 of 20


def test_scores_one_to_one_with_speakers():
    gold = parse_ann(ann_file(), TEXT)
    from eventwire.polnear import PolnearArticle

    article = PolnearArticle("a", TEXT, None, "", gold)
    lee = span(TEXT, "Lee said. ")
    system = [SystemQuote(*span(TEXT, "the bridge would reopen in May"), False, span(TEXT, "Mayor Ann Lee")),
              SystemQuote(*span(TEXT, "We are on schedule,"), True, (lee[0], lee[0] + 3)),
              SystemQuote(*span(TEXT, "the bridge would"), False, None)]  # a second record of the first
    report = score_attributions([article], {"a": system})
    assert report["all"]["hits"] == 2 and report["all"]["gold"] == 3 and report["all"]["system"] == 3
    assert report["quoted"]["recall"] == 1.0 and report["quoted"]["precision"] == 1.0
    assert report["speakers"] == {"correct": 2, "total": 2, "accuracy": 1.0}


def test_from_eventwire_joins_the_pieces_of_one_cue():
    speaker = {"name": "Ann Lee", "start": 0, "end": 3}
    quotes = [{"start": 10, "end": 20, "kind": "direct", "cue_start": 25, "speaker": speaker},
              {"start": 40, "end": 60, "kind": "direct", "cue_start": 25, "speaker": speaker},
              {"start": 70, "end": 80, "kind": "indirect", "cue_start": 90, "speaker": speaker}]
    merged = from_eventwire(quotes)
    assert [(q.start, q.end, q.quoted) for q in merged] == [(10, 60, True), (70, 80, False)]


@pytest.fixture
def compartment(tmp_path):
    root = tmp_path / "data" / "dev"
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "city_bridge.txt").write_text(TEXT, encoding="utf-8")
    (root / "attributions" / "city_bridge_ab12.ann").write_text(ann_file(), encoding="utf-8")
    (root / "attributions" / "city_bridge_cd34.ann").write_text(ann_file(), encoding="utf-8")  # annotated twice
    (tmp_path / "data" / "metadata.tsv").write_text(
        "compartment\tfilename\tpublication_date\ttitle\ndev\tcity_bridge\t2016-05-02\tBridge to reopen\n", encoding="utf-8")
    return root


def test_read_polnear_scores_each_article_once(compartment):
    [article] = read_polnear(compartment)
    assert article.id == "city_bridge" and str(article.published) == "2016-05-02" and len(article.attributions) == 3


def test_read_polnear_refuses_a_folder_that_is_not_a_compartment(tmp_path):
    with pytest.raises(ValueError, match="text/ and attributions/"):
        read_polnear(tmp_path)


def test_cli_evaluate_quotes(compartment):
    from eventwire.cli import app

    result = CliRunner().invoke(app, ["evaluate-quotes", str(compartment), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] == 1 and report["all"]["gold"] == 3
    assert report["all"]["hits"] >= 2 and report["quoted"]["recall"] == 1.0
