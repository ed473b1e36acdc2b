from datetime import date

import pytest

from eventwire.api import code_articles
from eventwire.errors import EventwireError
from eventwire.knowledge import load_knowledge
from eventwire.records import Article
from eventwire.settings import Settings


def test_packaged_data_loads_and_covers_all_event_types(kb):
    assert {r.event for r in kb.triggers} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert kb.country_names["KOS"] and kb.country_names["PSE"]


def test_people_roles_are_dated(kb):
    putin = kb.people["vladimir putin"]
    assert putin.role_on(date(2010, 1, 1)).title.lower().startswith("prime")
    assert putin.role_on(date(2017, 9, 7)).code == "RUS"


def test_a_user_file_extends_the_lexicon(tmp_path):
    (tmp_path / "triggers.yaml").write_text(
        "triggers:\n  - event: ASSAULT\n    mode: null\n    context: null\n    note: test\n    verbs: [zorch]\n    nouns: []\n",
        encoding="utf-8")
    settings = Settings.load(extra_data=str(tmp_path))
    text = "Iran zorched Iraq on Monday."
    [result] = code_articles([Article("x", text, "", date(2020, 1, 1))], settings)
    assert [(e.event, e.actor[0].code, e.recipient[0].code) for e in result.events] == [("ASSAULT", "IRN", "IRQ")]


def test_a_broken_user_file_is_refused_with_a_reason(tmp_path):
    (tmp_path / "triggers.yaml").write_text("triggers:\n  - event: EXPLODE\n    verbs: [boom]\n", encoding="utf-8")
    with pytest.raises(EventwireError, match=r"\[E010\].*unknown event type 'EXPLODE'"):
        load_knowledge(Settings.load(extra_data=str(tmp_path)))


def test_an_actors_file_adds_people_and_organisations(tmp_path):
    path = tmp_path / "my_actors.yaml"
    path.write_text(
        "people:\n  - name: Zara Quill\n    roles:\n      - {code: NOR, sector: GOV, title: Foreign Minister, from: 2020-01-01, to: null}\n"
        "organisations:\n  - name: Northern Fjord Front\n    code: NOR\n    sector: REB\n    aliases: [Northern Fjord Front, NFF]\n",
        encoding="utf-8")
    settings = Settings.load(actor_files=[str(path)])
    text = "Zara Quill condemned the NFF on Monday."
    [result] = code_articles([Article("x", text, "", date(2021, 5, 6))], settings)
    [event] = result.events
    assert (event.event, event.actor[0].name, event.actor[0].code, event.recipient[0].sector) == ("ACCUSE", "Zara Quill", "NOR", "REB")


def test_cli_actors_option(tmp_path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    path = tmp_path / "my_actors.yaml"
    path.write_text("people:\n  - name: Zara Quill\n    roles:\n      - {code: NOR, sector: GOV, from: 2020-01-01}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", "-", "--published", "2021-05-06", "--actors", str(path)],
                                input="Zara Quill met Swedish officials in Oslo on Monday.")
    assert result.exit_code == 0
    assert '"code": "NOR"' in result.stdout
