"""End to end on the article that defines the job: its gold events, quotes and stances."""

import json

from eventwire.api import code_text
from eventwire.evaluate import score

from .conftest import shared_path


def seed():
    return json.loads(shared_path("gold", "dev", "seed-2017-09-07-vladivostok.json").read_text(encoding="utf-8"))


def test_seed_article_matches_its_gold():
    gold = seed()
    output = code_text(gold["text"], gold["published"], gold["title"], gold["id"])
    report = score([gold], [output])
    assert report["events"]["misses"] == 0, report["details"]
    assert report["events"]["f1"] >= 0.8
    assert report["quotes"]["misses"] == 0
    assert report["speakers"]["accuracy"] == 1.0
    assert report["dates"]["accuracy"] == 1.0
    assert report["stances"]["accuracy"] == 1.0


def test_seed_output_is_verifiable():
    gold = seed()
    output = code_text(gold["text"], gold["published"], gold["title"], gold["id"])
    text = gold["text"]
    for event in output["events"]:
        assert text[event["start"] : event["end"]] == event["text"]
        for ev in event["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
        for entity in event["actor"] + event["recipient"]:
            if entity["entity_text"]:
                assert text[entity["start"] : entity["end"]] == entity["entity_text"]
    for entity in output["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["entity_text"]
    for quote in output["quotes"]:
        assert text[quote["start"] : quote["end"]].strip().strip(",") == quote["text"]
