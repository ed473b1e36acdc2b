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
