"""The HTTP API and the dashboard pages, through FastAPI's test client, on a database
built here from articles written for these tests."""

import pytest

pytest.importorskip("fastapi", reason="the web stack (FastAPI) is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.web import create_app, highlight  # noqa: E402

from .web_corpus import build_db  # noqa: E402

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_db(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def test_events_filter_and_page(client):
    body = client.get("/events").json()
    assert body["total"] >= 4 and len(body["events"]) == body["total"]
    sanctions = client.get("/events", params={"event": "SANCTION", "actor": "USA"}).json()
    assert sanctions["total"] == 2 and {e["article_id"] for e in sanctions["events"]} == {"sanctions-1", "sanctions-2"}
    assert client.get("/events", params={"recipient": "RUS", "from": "2024-03-01", "to": "2024-03-31"}).json()["total"] == 2
    assert client.get("/events", params={"from": "2024-04-01"}).json()["total"] == body["total"] - 2
    assert client.get("/events", params={"quad": 4}).json()["total"] >= 1
    assert client.get("/events", params={"q": "Oslo"}).json()["events"][0]["event"] == "CONSULT"
    page = client.get("/events", params={"limit": 1, "offset": 1}).json()
    assert len(page["events"]) == 1 and page["events"][0]["id"] == body["events"][1]["id"]
    assert client.get("/events", params={"event": "BOMB"}).status_code == 400
    assert client.get("/events", params={"from": "yesterday"}).status_code == 400


def test_one_event_with_its_evidence_and_other_reports(client):
    first = client.get("/events", params={"event": "SANCTION"}).json()["events"][0]
    event = client.get(f"/events/{first['id']}").json()
    assert event["evidence"] and event["evidence"][0]["text"] in client.get(f"/articles/{event['article_id']}").json()["text"]
    assert event["cluster"]["reports"] == 2 and len(event["cluster"]["others"]) == 1
    assert client.get("/events/no-such-event").status_code == 404


def test_article_record_and_page(client):
    article = client.get("/articles/sanctions-1").json()
    assert article["text"].startswith("The United States") and article["events"] and article["quotes"]
    quote = article["quotes"][0]
    assert quote["text"] in article["text"][quote["start"]:quote["end"]]
    page = client.get("/articles/sanctions-1", headers=HTML)
    assert page.headers["content-type"].startswith("text/html")
    assert 'class="trigger"' in page.text and 'class="quote"' in page.text and 'href="/actors/USA"' in page.text
    assert f'id="s-{article["events"][0]["start"]}"' in page.text
    assert article["stances"] and article["stances"][0]["evidence"]
    assert page.text.count(">evidence</a>") == len(article["stances"])  # each stance links to its sentence
    assert client.get("/articles/nothing").status_code == 404
    assert client.get("/articles/nothing", headers=HTML).headers["content-type"].startswith("text/html")


def test_article_text_is_escaped(client):
    page = client.get("/articles/script-1", headers=HTML).text
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#39;title&#39;)" in page


def test_actors_relations_quotes_network_map(client):
    actors = client.get("/actors").json()["actors"]
    usa = next(a for a in actors if a["code"] == "USA")
    assert usa["as_actor"] >= 2 and usa["quotes"] >= 1
    profile = client.get("/actors/usa").json()
    assert profile["as_actor_total"] >= 2 and profile["partners"][0]["code"] == "RUS"
    assert client.get("/actors/XXX").status_code == 404
    dyads = client.get("/relations", params={"actor": "USA"}).json()["relations"]
    assert dyads[0]["recipient"] == "RUS" and dyads[0]["events"] == 1 and dyads[0]["reports"] == 2
    quotes = client.get("/quotes", params={"speaker": "Blinken"}).json()
    assert quotes["total"] == 1 and quotes["quotes"][0]["text"].startswith("These measures")
    assert client.get("/quotes", params={"q": "war ends"}).json()["total"] == 1
    network = client.get("/network").json()
    assert {"USA", "RUS"} <= {n["code"] for n in network["nodes"]}
    assert any(e["actor"] == "USA" and e["recipient"] == "RUS" for e in network["edges"])
    places = client.get("/map").json()["places"]
    assert "Oslo" in {p["name"] for p in places}
    for path in ("/", "/events", "/actors", "/actors/USA", "/relations", "/quotes", "/network", "/map", "/code"):
        page = client.get(path, headers=HTML)
        assert page.status_code == 200, path
        assert ("<svg" in page.text) == (path in ("/", "/events", "/network", "/map")), path
        assert 'src="http' not in page.text and 'href="http' not in page.text, f"{path} loads from elsewhere"


def test_openapi_document(client):
    spec = client.get("/openapi.json").json()
    assert {"/code", "/events", "/events/{event_id}", "/articles/{article_id}", "/actors", "/relations", "/quotes"} <= set(spec["paths"])


def test_post_code_returns_the_record_and_stores_only_when_allowed(db, tmp_path):
    story = {"text": "Japan and South Korea held talks in Tokyo on Monday.", "published": "2024-05-06", "id": "pasted-1"}
    with TestClient(create_app(db)) as c:
        record = c.post("/code", json=story).json()
        assert record["id"] == "pasted-1" and record["events"][0]["event"] == "CONSULT"
        assert c.get("/articles/pasted-1").status_code == 404  # read-only: coded, not stored
        form = c.post("/code", data={"text": story["text"], "title": "<b>Talks</b>"}, headers=HTML)
        assert form.status_code == 200 and 'class="trigger"' in form.text and "&lt;b&gt;Talks" in form.text
        assert c.post("/code", json={"text": "  "}).status_code == 400
        assert c.post("/code", content=b"not json", headers={"content-type": "application/json"}).status_code == 400
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    with TestClient(create_app(copy, allow_write=True)) as c:
        c.post("/code", json=story)
        assert c.get("/articles/pasted-1").json()["events"]


def test_limits_and_switches(db):
    with TestClient(create_app(db, max_body=1000, allow_code=False)) as c:
        assert c.post("/code", json={"text": "x" * 5000}).status_code == 413
        assert c.post("/code", json={"text": "Talks began."}).status_code == 403
        assert c.get("/code", headers=HTML).status_code == 403
    with TestClient(create_app(db, max_body=1000)) as c:
        def chunks():
            for _ in range(10):
                yield b"x" * 500  # no content-length: the body is counted as it arrives

        assert c.post("/code", content=chunks(), headers={"content-type": "application/json"}).status_code == 413


def test_highlight_nests_marks_and_escapes():
    text = 'Kim said "no <deal>" today.'
    html = highlight(text, [(0, 3, "actor", "/actors/PRK"), (9, 20, "quote", ""), (13, 19, "trigger", "")], {9: "q-9"})
    assert '<a class="actor" href="/actors/PRK">Kim</a>' in html
    assert '<a class="anchor" id="q-9"></a>' in html
    assert '<span class="quote trigger">&lt;deal&gt;</span>' in html
