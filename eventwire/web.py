"""The web API and dashboard over an event database: ``eventwire serve``.

As in Datasette, one route serves both: every GET answers with JSON, unless the client
asks for ``text/html`` (a browser does), when the same dict is rendered by a template.
Everything here calls the library (:class:`~eventwire.store.Store` for reading,
:func:`~eventwire.api.code_articles` for ``POST /code``, :mod:`eventwire.charts` for the
SVG charts); no page computes anything of its own.

Safety: templates escape everything (an article with ``<script>`` shows it as text);
request bodies above ``max_body`` bytes are refused with 413; the database is opened
read-only unless ``allow_write``, and then only ``POST /code`` writes to it;
``allow_code=False`` turns ``POST /code`` off. No page loads anything from elsewhere.
"""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from . import charts
from .api import code_articles
from .errors import Errors, EventwireError
from .ingest import parse_published
from .records import EVENT_TYPES, QUAD_CODES, Article, to_json
from .settings import Settings
from .store import PERIODS, EventFilters, Store

HERE = Path(__file__).parent
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


def wants_html(request: Request) -> bool:
    """A browser's Accept header puts text/html before JSON; API clients do not ask for it."""
    accept = request.headers.get("accept", "")
    html_at, json_at = accept.find("text/html"), accept.find("application/json")
    return html_at >= 0 and (json_at < 0 or html_at < json_at)


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, whether or not they declare a length."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> dict:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = json.dumps({"detail": f"request body over {self.limit} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


def highlight(text: str, marks: list[tuple[int, int, str, str]], anchors: dict[int, str]) -> Markup:
    """The article text as HTML: each (start, end, class, link) mark wraps its characters
    in a span (a link when it has one), overlapping marks nesting their classes, and an
    anchor opens at each offset of ``anchors`` so that records can link to their sentence."""
    cuts = {0, len(text), *anchors}
    for start, end, _, _ in marks:
        cuts.update((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    bounds = sorted(cuts)
    out = []
    for left, right in zip(bounds, bounds[1:]):
        if left in anchors:
            out.append(Markup('<a class="anchor" id="{}"></a>').format(anchors[left]))
        piece = escape(text[left:right])
        covering = [m for m in marks if m[0] <= left and right <= m[1]]
        if not covering:
            out.append(piece)
            continue
        classes = " ".join(sorted({m[2] for m in covering}))
        link = next((m[3] for m in covering if m[3]), "")
        tag = Markup('<a class="{}" href="{}">{}</a>') if link else Markup('<span class="{}">{}</span>')
        out.append(tag.format(classes, link, piece) if link else tag.format(classes, piece))
    return Markup("").join(out)


def article_marks(article: dict) -> tuple[list[tuple[int, int, str, str]], dict[int, str]]:
    """Highlights of an article view: actors, event triggers and quotes, with anchors at
    each event's, quote's and stance's sentence (the stance's ``anchor`` names it)."""
    text = article["text"]
    marks: list[tuple[int, int, str, str]] = []
    anchors: dict[int, str] = {}
    for entity in article["entities"]:
        if entity["start"] is not None and entity["end"] is not None:
            marks.append((entity["start"], entity["end"], "actor", f"/actors/{entity['code']}" if entity["code"] else ""))
    for event in article["events"]:
        for evidence in event["evidence"]:
            anchors.setdefault(evidence["start"], f"s-{evidence['start']}")
            at = text.find(evidence["event_text"], evidence["start"], evidence["end"]) if evidence["event_text"] else -1
            if at >= 0:
                marks.append((at, at + len(evidence["event_text"]), "trigger", ""))
    for quote in article["quotes"]:
        anchors.setdefault(quote["start"], f"q-{quote['start']}")
        marks.append((quote["start"], quote["end"], "quote", ""))
    for stance in article["stances"]:
        # A stance's evidence is the sentences that show it: link the stance to the first.
        found = [at for at in (text.find(sentence) for sentence in stance.get("evidence") or []) if at >= 0]
        stance["anchor"] = anchors.setdefault(found[0], f"s-{found[0]}") if found else None
    return marks, anchors


def create_app(db: str | Path, allow_write: bool = False, allow_code: bool = True, max_body: int = 1_000_000,
               settings: Settings | None = None) -> FastAPI:
    """The API and dashboard over the event database at ``db``."""
    store = Store(db, read_only=not allow_write)
    settings = settings or Settings.load()
    coding = threading.Lock()  # one article at a time through the model of this process
    templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
    templates.globals.update(quad_names=charts.QUAD_NAMES, quad_colours=charts.QUAD_COLOURS, event_types=EVENT_TYPES,
                             periods=PERIODS, allow_code=allow_code)
    # No /docs or /redoc: FastAPI's pages load Swagger and ReDoc from a CDN, and this server
    # works offline; the OpenAPI document itself is at /openapi.json.
    app = FastAPI(title="eventwire", description="PLOVER event data with its evidence, from an eventwire database.",
                  version="1", docs_url=None, redoc_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(BodyLimit, limit=max_body)
    app.state.store = store

    def respond(request: Request, data: Any, template: str, **page: Any) -> Response:
        if wants_html(request):
            html = templates.get_template(template).render(data=data, request=request, query=dict(request.query_params),
                                                           **page)
            return HTMLResponse(html)
        return JSONResponse(json.loads(json.dumps(data, default=str)))

    def reader() -> Store:
        return store.reader()

    def filters_of(from_: str | None, to: str | None, actor: str | None, recipient: str | None, event: str | None,
                   quad: str | None, q: str | None) -> EventFilters:
        # Every filter arrives as text, for a form left blank sends "quad=": blank means any.
        if event and event.upper() not in EVENT_TYPES:
            raise HTTPException(400, Errors.E015.format(option="event", value=event, choices=", ".join(EVENT_TYPES)))
        if quad and quad not in ("1", "2", "3", "4"):
            raise HTTPException(400, Errors.E015.format(option="quad", value=quad, choices="1, 2, 3, 4"))
        return EventFilters(_day(from_, "from"), _day(to, "to"), actor or None, recipient or None, event or None,
                            int(quad) if quad else None, q or None)

    @app.get("/", summary="Overview of the database")
    def home(request: Request) -> Response:
        with reader() as r:
            data = {"counts": r.summary(), "top_actors": r.actors(limit=12), "timeline": r.timeline(EventFilters())}
        return respond(request, data, "home.html", chart=Markup(charts.timeline_svg(data["timeline"])))

    @app.get("/events", summary="Events, filtered and paged")
    def events(request: Request, from_: str | None = Query(None, alias="from", description="YYYY-MM-DD"),
               to: str | None = Query(None, description="YYYY-MM-DD"), actor: str | None = None,
               recipient: str | None = None, event: str | None = None,
               quad: str | None = Query(None, description="quad class, 1 to 4"),
               q: str | None = Query(None, description="words in the event's sentence"),
               period: str = "month", limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE), offset: int = Query(0, ge=0)) -> Response:
        filters = filters_of(from_, to, actor, recipient, event, quad, q)
        if period not in PERIODS:
            raise HTTPException(400, Errors.E015.format(option="period", value=period, choices=", ".join(PERIODS)))
        with reader() as r:
            total, rows = r.events_page(filters, limit, offset)
            data = {"total": total, "limit": limit, "offset": offset, "events": rows}
            if wants_html(request):
                timeline = r.timeline(filters, period)
        if not wants_html(request):
            return respond(request, data, "events.html")
        params = {k: v for k, v in request.query_params.items() if k != "offset"}
        pages = {"next": f"/events?{urlencode({**params, 'offset': offset + limit})}" if offset + limit < total else None,
                 "previous": f"/events?{urlencode({**params, 'offset': max(0, offset - limit)})}" if offset else None}
        return respond(request, data, "events.html", chart=Markup(charts.timeline_svg(timeline)), pages=pages)

    @app.get("/events/{event_id}", summary="One event with all its evidence")
    def event_page(request: Request, event_id: str) -> Response:
        with reader() as r:
            found = _or_404(r.event(event_id), "event", event_id)
        return respond(request, found, "event.html")

    @app.get("/articles/{article_id}", summary="One article with its events, quotes and stances")
    def article_page(request: Request, article_id: str) -> Response:
        with reader() as r:
            found = _or_404(r.article(article_id), "article", article_id)
        return _article_response(request, found)

    def _article_response(request: Request, found: dict) -> Response:
        marks, anchors = article_marks(found)
        return respond(request, found, "article.html", body=highlight(found["text"], marks, anchors))

    @app.get("/actors", summary="Actors with their event counts")
    def actors(request: Request, q: str | None = None, limit: int = Query(200, ge=1, le=5000)) -> Response:
        with reader() as r:
            data = {"actors": r.actors(q, limit)}
        return respond(request, data, "actors.html")

    @app.get("/actors/{code}", summary="An actor's events, quotes, stances and partners")
    def actor_page(request: Request, code: str) -> Response:
        with reader() as r:
            found = _or_404(r.actor(code), "actor", code)
        return respond(request, found, "actor.html")

    @app.get("/relations", summary="Actor-to-actor dyads over time")
    def relations(request: Request, from_: str | None = Query(None, alias="from"), to: str | None = None,
                  actor: str | None = None, recipient: str | None = None, event: str | None = None,
                  period: str = "month", min_events: int = Query(1, ge=1)) -> Response:
        filters = filters_of(from_, to, actor, recipient, event, None, None)
        with reader() as r:
            try:
                data = {"relations": r.relations(filters, period, min_events)}
            except EventwireError as exc:
                raise HTTPException(400, exc.message) from None
        return respond(request, data, "relations.html")

    @app.get("/network", summary="Who does what to whom: actors and the dyads between them")
    def network(request: Request, from_: str | None = Query(None, alias="from"), to: str | None = None,
                event: str | None = None, quad: str | None = None, top: int = Query(20, ge=2, le=100)) -> Response:
        filters = filters_of(from_, to, None, None, event, quad, None)
        with reader() as r:
            data = r.network(filters, top)
        return respond(request, data, "network.html", chart=Markup(charts.network_svg(data["nodes"], data["edges"])))

    @app.get("/map", summary="Where events happened")
    def event_map(request: Request, from_: str | None = Query(None, alias="from"), to: str | None = None,
                  actor: str | None = None, event: str | None = None, quad: str | None = None) -> Response:
        filters = filters_of(from_, to, actor, None, event, quad, None)
        with reader() as r:
            data = {"places": r.places(filters)}
        return respond(request, data, "map.html", chart=Markup(charts.map_svg(data["places"])))

    @app.get("/quotes", summary="Quotes, by speaker or words")
    def quotes(request: Request, speaker: str | None = Query(None, description="a speaker's name or actor code"),
               q: str | None = None, limit: int = Query(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE), offset: int = Query(0, ge=0)) -> Response:
        with reader() as r:
            total, rows = r.quotes_page(speaker, q, limit, offset)
        return respond(request, {"total": total, "limit": limit, "offset": offset, "quotes": rows}, "quotes.html")

    @app.get("/code", summary="The paste box: a form that codes an article", response_class=HTMLResponse)
    def code_form(request: Request) -> Response:
        if not allow_code:
            raise HTTPException(403, "coding is switched off on this server")
        return respond(request, {"post": "/code", "fields": ["text", "title", "published", "id"]}, "code.html")

    @app.post("/code", summary="Code one article: JSON {text, title?, published?, id?} in, its PLOVER record out")
    async def code(request: Request) -> Response:
        if not allow_code:
            raise HTTPException(403, "coding is switched off on this server")
        raw = await request.body()
        form = request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
        try:
            body = {k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()} if form else json.loads(raw or b"null")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise HTTPException(400, f"the body is not JSON ({exc})") from None
        if not isinstance(body, dict) or not isinstance(body.get("text"), str) or not body["text"].strip():
            raise HTTPException(400, "give the article as a JSON object with a non-empty 'text' string")
        published, error = parse_published(body.get("published"), "published")
        if error:
            raise HTTPException(400, error)
        article = Article(str(body.get("id") or "pasted"), body["text"], str(body.get("title") or ""), published, "web")

        def code_one() -> dict:
            with coding:
                record = to_json(next(code_articles([article], settings)))
                if allow_write:
                    store.write_record(article, record, "web")
                return record

        # In a worker thread: coding takes a CPU second or so, which would stall every
        # other request if it ran on the event loop.
        record = await run_in_threadpool(code_one)
        if form and wants_html(request):
            return _article_response(request, {**record, "text": article.text, "source": "pasted", "coded_here": True})
        return JSONResponse(record)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if wants_html(request):
            html = templates.get_template("error.html").render(status=exc.status_code, detail=exc.detail, request=request)
            return HTMLResponse(html, status_code=exc.status_code)
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg")

    return app


def _or_404(found: dict | None, kind: str, key: str) -> dict:
    if found is None:
        raise HTTPException(404, f"no {kind} {key!r}")
    return found


def _day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    day, error = parse_published(value, name)
    if error or day is None:
        raise HTTPException(400, Errors.E014.format(option=name, value=value))
    return day


__all__ = ["create_app", "highlight", "wants_html", "QUAD_CODES"]
