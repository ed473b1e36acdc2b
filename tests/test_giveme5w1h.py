"""The Giveme5W1H reader and agreement measure, on records written for this test."""

import json

import pytest

from eventwire.giveme5w1h import main_event, read_giveme5w1h, score_clusters, when_agrees, where_agrees


def record(did, cluster, when, where):
    return {"dId": did, "category": cluster, "date_publish": "2016-11-09 00:00:00", "title": "Bridge closed",
            "text": "The council closed the bridge in Leeds on Monday.",
            "fiveWoneH": {"when": {"annotated": [{"text": "on Monday", "parsed": when}] if when else []},
                          "where": {"annotated": [{"text": where}] if where else []}}}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(record("a", "bridge", "2016-11-07", "in Leeds")), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(record("b", "bridge", None, "Leeds city centre")), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    return tmp_path


def test_reads_articles_and_skips_broken_files(folder):
    articles = read_giveme5w1h(folder)
    assert [(a.id, a.cluster, a.when, a.where) for a in articles] == [
        ("a", "bridge", ["2016-11-07"], ["in Leeds"]), ("b", "bridge", [], ["Leeds city centre"])]
    assert str(articles[0].published) == "2016-11-09"


def test_main_event_is_the_most_reported_then_the_earliest():
    events = [{"start": 50, "evidence": [1]}, {"start": 90, "evidence": [1, 2]}, {"start": 10, "evidence": [1]}]
    assert main_event(events)["start"] == 90
    assert main_event(events[::2])["start"] == 10
    assert main_event([]) is None


def test_agreement_per_cluster(folder):
    articles = read_giveme5w1h(folder)
    event = {"date": "2016-11-07", "event_loc": {"name": "Leeds", "text": "Leeds"}, "evidence": [1], "start": 0}
    assert when_agrees(articles[0], event) and where_agrees(articles[1], event)
    assert not where_agrees(articles[0], {**event, "event_loc": {"name": "York", "text": "York"}})
    report = score_clusters(articles, {"a": {"events": [event]}, "b": {"events": []}})
    assert report["clusters"]["bridge"] == {"articles": 2, "when": [1, 1], "where": [1, 2]}
    assert report["all"]["where"] == [1, 2]


def test_story_main_events_in_one_event_cluster():
    from eventwire.giveme5w1h import FiveW1HArticle, score_event_clusters

    arts = [FiveW1HArticle(i, story, "", "", None) for i, story in (("a", "s"), ("b", "s"), ("c", "s"), ("d", "t"), ("e", "t"))]
    ev = {i: {"events": [{"id": f"{i}-E1", "start": 0, "evidence": [1]}]} for i in "abcde"}
    ev["c"] = {"events": []}  # no main event: not counted against the story
    report = score_event_clusters(arts, ev, {"a-E1": "C1", "b-E1": "C1", "d-E1": "C2", "e-E1": "C1"})
    assert report["stories"]["s"] == {"articles": 3, "with_main_event": 2, "largest_cluster": 2, "one_cluster": True,
                                      "mostly": True}
    assert not report["stories"]["t"]["one_cluster"] and not report["stories"]["t"]["mostly"]
    assert (report["one_cluster"], report["mostly"], report["merged"]) == (1, 1, 1)  # C1 joins s and t
