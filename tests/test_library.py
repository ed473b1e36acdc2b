"""The Python API of eventwire/__init__.py and the spaCy component."""

import inspect
import json
from datetime import date
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

import eventwire
from eventwire.cli import app
from eventwire.nlp import installed_model
from eventwire.records import EVENT_COLUMNS, to_json
from eventwire.run import ingest
from eventwire.store import Store

pd = pytest.importorskip("pandas", reason="the dataframe extra (pandas) is not installed")

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev"
WIRE = [
    {"id": "a", "published": "2024-03-04", "title": "Talks", "text": "France and Italy held talks in Rome on Monday."},
    {"id": "b", "published": "2024-03-05", "text": 'Russia attacked Ukraine on Tuesday. "We will respond," Ukrainian President '
                                                   'Volodymyr Zelenskiy told reporters in Kyiv.'},
    {"id": "c", "published": "2024-04-02", "text": "Chile imposed sanctions on Peru on Tuesday."},
]


def test_every_public_name_exists_and_says_what_it_does():
    for name in eventwire.__all__:
        value = getattr(eventwire, name)
        if name != "__version__":
            assert inspect.getdoc(value), f"{name} has no docstring"
    assert eventwire.__version__ == __import__("importlib.metadata").metadata.version("eventwire")


def test_code_gives_typed_records_that_convert_to_plover_json():
    result = eventwire.code(WIRE[1]["text"], published="2024-03-05", title="Attack", id="b")
    assert isinstance(result, eventwire.CodedArticle)
    [attack] = [e for e in result.events if e.event == "ASSAULT"]
    assert isinstance(attack, eventwire.Event) and isinstance(attack.actor[0], eventwire.Entity)
    assert (attack.actor[0].code, attack.recipient[0].code, attack.date) == ("RUS", "UKR", "2024-03-05")
    assert result.to_dict() == to_json(result)
    assert attack.to_dict() == result.to_dict()["events"][result.events.index(attack)]
    assert attack.actor[0].to_dict()["code"] == "RUS"
    [quote] = result.quotes
    assert quote.to_dict()["speaker"]["code"] == "UKR" and WIRE[1]["text"][quote.start:quote.end].startswith("We will")
    json.dumps(result.to_dict())  # plain JSON all the way down
    with pytest.raises(eventwire.EventwireError, match=r"\[E006\]"):
        eventwire.code("Talks began.", published="last spring")


def test_code_many_streams_results_in_order_and_reports_bad_items():
    items = [WIRE[0]["text"], WIRE[1], eventwire.Article("c", WIRE[2]["text"], published=date(2024, 4, 2)), "  ", 7]
    results = list(eventwire.code_many(iter(items)))
    assert [r.article.id for r in results] == ["article-1", "b", "c", "article-4", "article-5"]
    assert [bool(r.events) for r in results] == [True, True, True, False, False]
    assert results[3].errors[0].startswith("[E001]") and results[4].errors[0].startswith("[E036]")


def test_code_many_with_workers_gives_what_one_process_gives():
    one = [r.to_dict() for r in eventwire.code_many(WIRE)]
    two = [r.to_dict() for r in eventwire.code_many(WIRE, workers=2)]
    assert one == two


def test_results_make_a_data_frame_with_one_row_per_event():
    results = list(eventwire.code_many(WIRE))
    frame = eventwire.to_dataframe(results)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == sum(len(r.events) for r in results)
    assert set(frame["event"]) >= {"CONSULT", "ASSAULT", "SANCTION"}
    assert str(frame["date"].dtype).startswith("datetime64")


def test_a_stored_corpus_reads_as_data_frames(tmp_path):
    db = tmp_path / "events.duckdb"
    with Store(db) as store:
        ingest((eventwire.Article(w["id"], w["text"], w.get("title", ""), date.fromisoformat(w["published"])) for w in WIRE), store)
    with eventwire.load_db(db) as events_db:
        events = events_db.events()
        assert len(events) == events_db.sql("SELECT count(*) AS n FROM events")["n"][0] >= 3
        assert list(events.columns)[: len(EVENT_COLUMNS)] == list(EVENT_COLUMNS)
        assert set(events_db.events(actor="RUS")["event"]) == {"ASSAULT"}
        assert len(events_db.events(start="2024-04-01")) == 1
        assert events_db.quotes()["speaker_code"].tolist() == ["UKR"]
        assert {"RUS", "UKR", "FRA", "CHL", "PER"} <= set(events_db.actors()["code"])
        relations = events_db.relations(period="month")
        assert {"actor", "recipient", "period", "net_cooperation"} <= set(relations.columns)
        assert set(events_db.events(clusters=True).columns) >= {"cluster_id", "reports"}


def test_the_spacy_component_sets_events_quotes_stances_and_actors():
    nlp = spacy.load(installed_model())
    nlp.add_pipe("eventwire")
    assert nlp.pipe_names.index("eventwire_sentences") < nlp.pipe_names.index("parser")
    doc = nlp.make_doc(WIRE[1]["text"])
    doc._.published = "2024-03-05"
    doc = nlp(doc)
    assert [e.event for e in doc._.events] == ["ASSAULT"] and doc._.events[0].date == "2024-03-05"
    assert doc._.quotes[0].speaker.code == "UKR"
    assert {ent.text: ent._.actor.code for ent in doc.ents if ent._.actor}.items() >= {"Russia": "RUS", "Ukraine": "UKR"}.items()
    assert doc._.eventwire.to_dict()["events"][0]["event"] == "ASSAULT"


@pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold/dev is not there")
def test_the_spacy_component_gives_the_command_lines_events_on_the_dev_gold():
    nlp = spacy.load(installed_model())
    nlp.add_pipe("eventwire")
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        result = CliRunner().invoke(app, ["code", str(path)])
        assert result.exit_code == 0, result.output
        cli = json.loads(result.stdout.splitlines()[0])
        doc = nlp.make_doc(gold["text"])
        doc._.published, doc._.title, doc._.article_id = gold["published"], gold["title"], gold["id"]
        doc = nlp(doc)
        assert cli["events"], path.name
        assert [e.to_dict() for e in doc._.events] == cli["events"]
        assert [q.to_dict() for q in doc._.quotes] == cli["quotes"]
        assert [s.to_dict() for s in doc._.stances] == cli["stances"]


def test_settings_layer_defaults_the_user_file_and_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_CONFIG", raising=False)
    for name in ("MIN_CONFIDENCE", "BATCH_SIZE", "MODEL"):
        monkeypatch.delenv(f"EVENTWIRE_{name}", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert eventwire.Settings.load().min_confidence == 0.0  # no user file: the packaged default
    (tmp_path / "eventwire").mkdir()
    (tmp_path / "eventwire" / "settings.yaml").write_text("min_confidence: 0.6\nbatch_size: 4\n", encoding="utf-8")
    assert (eventwire.Settings.load().min_confidence, eventwire.Settings.load().batch_size) == (0.6, 4)
    monkeypatch.setenv("EVENTWIRE_MIN_CONFIDENCE", "0.7")
    assert eventwire.Settings.load().min_confidence == 0.7  # the environment over the file
    assert eventwire.Settings.load(min_confidence=0.9).min_confidence == 0.9  # the caller over both
    (tmp_path / "eventwire" / "settings.yaml").write_text("min_confidense: 0.6\n", encoding="utf-8")
    with pytest.raises(eventwire.EventwireError, match=r"\[E010\].*min_confidense"):
        eventwire.Settings.load()


def test_a_pipeline_with_the_component_saves_and_loads(tmp_path):
    nlp = spacy.load(installed_model())
    nlp.add_pipe("eventwire", config={"min_confidence": 0.3})
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names and loaded.get_pipe("eventwire").settings.min_confidence == 0.3
    assert [e.event for e in loaded("Chile imposed sanctions on Peru on Tuesday.")._.events] == ["SANCTION"]
