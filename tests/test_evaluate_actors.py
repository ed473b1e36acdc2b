import json

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.evaluate import score_actor_mentions

from .conftest import REPO


def test_scores_code_and_sector_and_skips_unknown_codes():
    gold = [{"article": "a", "start": 0, "end": 5, "code": "USA", "sector": "GOV", "kind": "country"},
            {"article": "a", "start": 6, "end": 9, "code": "IRN", "sector": "MIL", "kind": "group"},
            {"article": "a", "start": 10, "end": 12, "code": None, "sector": None, "kind": "person"}]
    system = [{"code": "USA", "sector": "GOV"}, {"code": "IRN", "sector": "GOV"}, None]
    report = score_actor_mentions(gold, system)
    assert report["mentions"] == 2
    assert report["codes"]["accuracy"] == 1.0
    assert report["sectors"]["accuracy"] == 0.5


def test_command_on_annotations_of_the_example_article(tmp_path):
    text = (REPO / "examples" / "article.txt").read_text(encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "ex", "published": "2024-03-14", "text": text}) + "\n", encoding="utf-8")

    def at(words, code, sector, kind, nth=0):
        start = -1
        for _ in range(nth + 1):
            start = text.index(words, start + 1)
        return {"article": "ex", "start": start, "end": start + len(words), "code": code, "sector": sector, "kind": kind}

    gold = [at("Hakan Fidan", "TUR", "GOV", "person"), at("Fidan", "TUR", "GOV", "person", nth=1),
            at("Greece", "GRC", "GOV", "country"), at("Athens", "GRC", "GOV", "country"),
            at("Turkish officials", "TUR", "GOV", "group"), at("European Union", "EUR", None, "organisation")]
    annotations = tmp_path / "gold.jsonl"
    annotations.write_text("\n".join(json.dumps(g) for g in gold), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-actors", str(annotations), "--corpus", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["mentions"] == 6
    assert report["codes"]["accuracy"] == 1.0
