import json
import subprocess
import sys

from typer.testing import CliRunner

from eventwire.cli import app

from .conftest import REPO, shared_path

runner = CliRunner()


def test_code_writes_one_line_per_input_in_order_and_records_bad_items(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Iran accused Israel of attacking its embassy on Monday.", encoding="utf-8")
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "b1", "text": "Japan and China held talks on Friday."}\nnot json\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(good), str(batch), str(tmp_path / "missing.txt"), "--published", "2020-06-04", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows][:2] == ["good", "b1"]
    assert len(rows) == 4
    assert rows[0]["published"] == "2020-06-04" and rows[0]["errors"] == []
    assert rows[2]["errors"][0].startswith("[E003]") and rows[3]["errors"][0].startswith("[E005]")
    assert set(rows[0]) >= {"id", "title", "published", "events", "quotes", "stances", "entities", "errors"}


def test_exit_status_is_non_zero_only_when_nothing_was_coded(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    result = runner.invoke(app, ["code", str(empty)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_bad_published_option_is_a_one_line_error(tmp_path):
    result = runner.invoke(app, ["code", "-", "--published", "next week"], input="Some text.")
    assert result.exit_code == 2
    assert "[E014]" in result.output


def test_standard_input_is_one_article():
    result = runner.invoke(app, ["code", "-", "--published", "2020-06-04"], input="Russia expelled two British diplomats on Tuesday.")
    assert result.exit_code == 0
    [row] = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert row["id"] == "stdin"


def test_evaluate_on_the_dev_gold_prints_the_scores():
    gold = shared_path("gold", "dev")
    result = runner.invoke(app, ["evaluate", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["events"]["f1"] is not None


def test_python_dash_m_runs_the_cli():
    proc = subprocess.run([sys.executable, "-m", "eventwire", "--help"], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0 and "code" in proc.stdout


def test_csv_has_one_row_per_event_with_quad_and_cameo_codes(tmp_path):
    out = tmp_path / "events.csv"
    text = "Russia expelled two British diplomats on Tuesday. Japan and China held talks on Friday."
    result = runner.invoke(app, ["code", "-", "--published", "2020-06-04", "--format", "csv", "-o", str(out)], input=text)
    assert result.exit_code == 0, result.output
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    by_event = {r["event"]: r for r in rows}
    assert by_event["SANCTION"]["actor_code"] == "RUS" and by_event["SANCTION"]["recipient_code"] == "GBR"
    assert (by_event["SANCTION"]["quad_code"], by_event["SANCTION"]["cameo_root"]) == ("3", "16")
    assert by_event["CONSULT"]["cameo_root"] == "04"
    bad = runner.invoke(app, ["code", "-", "--format", "xml"], input=text)
    assert bad.exit_code == 2 and "[E015]" in bad.output
