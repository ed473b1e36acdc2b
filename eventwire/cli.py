"""The command line: thin commands over the library (``eventwire --help``)."""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .errors import Errors, EventwireError
from .ingest import parse_published, read_inputs
from .records import EVENT_COLUMNS, event_rows, to_json
from .settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Political event data from English news, coded in PLOVER v2.")


def code_articles(items, settings: Settings):
    """The library's coder, imported at first use: loading spaCy takes a second, which
    ``--version``, ``--help``, ``query`` and ``export`` need not wait for."""
    from .api import code_articles as coder

    return coder(items, settings)


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    version: Annotated[bool, typer.Option("--version", help="Print eventwire's version and exit.", is_eager=True,
                                          callback=_show_version)] = False,
) -> None:
    """Political event data from English news, coded in PLOVER v2: events, quotes and
    stances, each with its evidence."""


def _fail(message: str) -> None:
    typer.echo(f"eventwire: {message}", err=True)
    raise typer.Exit(2)


def _settings(**overrides: object) -> Settings:
    try:
        return Settings.load(**overrides)
    except EventwireError as exc:
        _fail(exc.message)
        raise  # unreachable: _fail exits


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(help="Article files (.txt, .json, .jsonl) or - for standard input.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write JSON Lines here instead of standard output.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for articles that carry none.")] = None,
    min_confidence: Annotated[float, typer.Option(help="Drop events below this confidence (0-1).")] = 0.0,
    indirect_quotes: Annotated[bool, typer.Option(help="Also output reported speech as quotes.")] = False,
    unrealised: Annotated[bool, typer.Option(help="Also output events the text says did not or might happen, with aux_mode negation or hypothetical.")] = False,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Your own actors file (YAML with countries, organisations, people or titles sections); repeatable.")] = None,
    output_format: Annotated[str, typer.Option("--format", help="jsonl: one PLOVER record per article; csv: one row per event, with quad_code and cameo_root.")] = "jsonl",
) -> None:
    """Code articles into events, quotes and stances, one JSON line per article.

    Example: eventwire code examples/article.txt --published 2024-03-14
    """
    if output_format not in ("jsonl", "csv"):
        _fail(Errors.E015.format(option="--format", value=output_format, choices="jsonl, csv"))
    day: date | None = None
    if published:
        day, error = parse_published(published, "--published")
        if error:
            _fail(Errors.E014.format(option="--published", value=published))
    settings = _settings(min_confidence=min_confidence, indirect_quotes=indirect_quotes, actor_files=actors or None,
                         unrealised_events=unrealised)
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    rows = csv.DictWriter(out, fieldnames=EVENT_COLUMNS) if output_format == "csv" else None
    if rows is not None:
        rows.writeheader()
    coded = failed = 0
    try:
        for result in code_articles(read_inputs(inputs, day), settings):
            if rows is not None:
                rows.writerows(event_rows(result))
            else:
                out.write(json.dumps(to_json(result), ensure_ascii=False) + "\n")
            out.flush()
            for error in result.errors:
                typer.echo(f"eventwire: {error}", err=True)
            if result.errors and not result.article.text:
                failed += 1
            else:
                coded += 1
    except EventwireError as exc:
        _fail(exc.message)
    finally:
        if output:
            out.close()
    if coded == 0:
        typer.echo(f"eventwire: nothing could be coded ({failed} item(s) failed).", err=True)
        raise typer.Exit(1)


def _day(value: str | None, option: str) -> date | None:
    if not value:
        return None
    day, error = parse_published(value, option)
    if error or day is None:
        _fail(Errors.E014.format(option=option, value=value))
    return day


def _open_store(db: Path, read_only: bool, wait: float = 0.0):
    from .store import Store

    try:
        return Store(db, read_only=read_only, wait=wait, on_wait=lambda line: typer.echo(line, err=True))
    except EventwireError as exc:
        _fail(exc.message)


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Folders (searched recursively), .txt, .json, .jsonl, .csv and .html files, "
                                                      "RSS or Atom feeds (.xml, .rss, .atom), or http(s) addresses of pages or feeds.")],
    db: Annotated[Path, typer.Option("--db", help="The DuckDB event database to add to (created if absent).")] = Path("events.duckdb"),
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for articles that carry none.")] = None,
    field: Annotated[list[str] | None, typer.Option("--field", help="Which JSON key or CSV column holds an article field, "
                                                    "as NAME=COLUMN (NAME: text, id, title, published); repeatable, e.g. --field text=body.")] = None,
    fetch: Annotated[bool, typer.Option(help="For feed entries that carry only a teaser, download and read the linked page.")] = False,
    workers: Annotated[int, typer.Option(min=1, help="Processes coding in parallel on this machine, each loading the model once.")] = 1,
    scheduler: Annotated[str | None, typer.Option(help="Run on a Dask distributed cluster: the scheduler address, tcp://HOST:PORT "
                                                       "(needs the cluster extra).")] = None,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait while another process (another ingest, a server) "
                                                     "holds the database; then stop with a clear message.")] = 3600,
) -> None:
    """Code articles into the event database; rerunning adds only what is new.

    Example: eventwire ingest stories/ --db events.duckdb --workers 2
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from .ingest import FieldMap, count_inputs
    from .run import IngestCounts
    from .run import ingest as run_ingest

    day = _day(published, "--published")
    settings = _settings()
    try:
        fields = FieldMap.parse(field or [])
    except EventwireError as exc:
        _fail(exc.message)
        return
    total = count_inputs(sources)
    store = _open_store(db, read_only=False, wait=wait)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    try:
        with store, Progress(*columns, transient=False, console=Console(stderr=True)) as bar:
            task = bar.add_task("coding", total=total, rate="")
            started = time.perf_counter()

            def show(counts: IngestCounts) -> None:
                elapsed = time.perf_counter() - started
                rate = counts.coded / elapsed if elapsed else 0.0
                bar.update(task, completed=counts.coded + counts.skipped + counts.failed,
                           rate=f"{rate:.1f} articles/s, {counts.skipped} stored already, {counts.failed} failed")

            counts = run_ingest(read_inputs(sources, day, fields, fetch), store, settings, show, workers, scheduler)
    except EventwireError as exc:
        _fail(exc.message)
        return
    typer.echo(f"{counts.coded} articles coded, {counts.skipped} already stored, {counts.failed} failed: {db}", err=True)


def _filters(date_from: str | None, date_to: str | None, actor: str | None, recipient: str | None, event: str | None):
    from .records import EVENT_TYPES
    from .store import EventFilters

    if event and event.upper() not in EVENT_TYPES:
        _fail(Errors.E015.format(option="--event", value=event, choices=", ".join(EVENT_TYPES)))
    return EventFilters(_day(date_from, "--from"), _day(date_to, "--to"), actor, recipient, event)


FROM_OPTION = typer.Option("--from", help="Events on or after this date, YYYY-MM-DD.")
TO_OPTION = typer.Option("--to", help="Events on or before this date, YYYY-MM-DD.")
ACTOR_OPTION = typer.Option(help="Only events with this actor code (e.g. RUS, or a person's code).")
RECIPIENT_OPTION = typer.Option(help="Only events with this recipient code.")
EVENT_OPTION = typer.Option(help="Only events of this PLOVER type (e.g. CONSULT).")
DB_OPTION = typer.Option("--db", help="The DuckDB event database.")


@app.command()
def export(
    db: Annotated[Path, DB_OPTION] = Path("events.duckdb"),
    output_format: Annotated[str, typer.Option("--format", help="jsonl (PLOVER records), csv or parquet (one flat row each).")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="The file to write; standard output if not given (not for parquet).")] = None,
    date_from: Annotated[str | None, FROM_OPTION] = None,
    date_to: Annotated[str | None, TO_OPTION] = None,
    actor: Annotated[str | None, ACTOR_OPTION] = None,
    recipient: Annotated[str | None, RECIPIENT_OPTION] = None,
    event: Annotated[str | None, EVENT_OPTION] = None,
    clusters: Annotated[bool, typer.Option(help="One record per event cluster (the same event reported by several articles), "
                                                "with its report count and sources, instead of one per report.")] = False,
) -> None:
    """Write the database's events as PLOVER records.

    Example: eventwire export --db events.duckdb --format csv -o events.csv --actor RUS --clusters
    """
    filters = _filters(date_from, date_to, actor, recipient, event)
    store = _open_store(db, read_only=True)
    try:
        with store:
            n = store.export(output, output_format, filters, clusters)
    except EventwireError as exc:
        _fail(exc.message)
        return
    typer.echo(f"{n} {'clusters' if clusters else 'events'} written{f' to {output}' if output else ''}.", err=True)


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="An SQL query over the tables articles, entities, events, event_evidence, "
                                            "quotes, stances, errors and event_clusters.")],
    db: Annotated[Path, DB_OPTION] = Path("events.duckdb"),
    output_format: Annotated[str, typer.Option("--format", help="table, csv or jsonl.")] = "table",
) -> None:
    """Run ad hoc SQL over the event database (read-only).

    Example: eventwire query "SELECT event, count(*) FROM events GROUP BY event" --db events.duckdb
    """
    if output_format not in ("table", "csv", "jsonl"):
        _fail(Errors.E015.format(option="--format", value=output_format, choices="table, csv, jsonl"))
    store = _open_store(db, read_only=True)
    try:
        with store:
            columns, rows = store.sql(sql)
            _print_rows(columns, rows, output_format)
    except EventwireError as exc:
        _fail(exc.message)


def _print_rows(columns: list[str], rows, output_format: str) -> None:
    if output_format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif output_format == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=str) + "\n")
    else:
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)


@app.command()
def relations(
    db: Annotated[Path, DB_OPTION] = Path("events.duckdb"),
    period: Annotated[str, typer.Option(help="day, week, month, quarter or year.")] = "month",
    date_from: Annotated[str | None, FROM_OPTION] = None,
    date_to: Annotated[str | None, TO_OPTION] = None,
    actor: Annotated[str | None, ACTOR_OPTION] = None,
    recipient: Annotated[str | None, RECIPIENT_OPTION] = None,
    event: Annotated[str | None, EVENT_OPTION] = None,
    min_events: Annotated[int, typer.Option(help="Leave out dyad-periods with fewer events.")] = 1,
    output_format: Annotated[str, typer.Option("--format", help="table, csv or jsonl.")] = "table",
) -> None:
    """Actor-to-actor dyads over time: events (clusters, not reports) per quad class and net
    cooperation, (cooperative - conflictual) / all, from -1 to 1.

    Example: eventwire relations --db events.duckdb --actor RUS --period month
    """
    if output_format not in ("table", "csv", "jsonl"):
        _fail(Errors.E015.format(option="--format", value=output_format, choices="table, csv, jsonl"))
    filters = _filters(date_from, date_to, actor, recipient, event)
    store = _open_store(db, read_only=True)
    try:
        with store:
            dyads = store.relations(filters, period, min_events)
    except EventwireError as exc:
        _fail(exc.message)
        return
    columns = ["actor", "recipient", "period", "verbal_cooperation", "material_cooperation", "verbal_conflict",
               "material_conflict", "events", "reports", "net_cooperation"]
    _print_rows(columns, ([d[c] for c in columns] for d in dyads), output_format)


@app.command()
def serve(
    db: Annotated[Path, DB_OPTION] = Path("events.duckdb"),
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it to this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_write: Annotated[bool, typer.Option(help="Open the database read-write and store articles coded with POST /code.")] = False,
    code: Annotated[bool, typer.Option("--code/--no-code", help="Offer POST /code and the paste box.")] = True,
    max_body: Annotated[int, typer.Option(help="Refuse request bodies over this many bytes (413).")] = 1_000_000,
) -> None:
    """Serve the event database: a JSON API and, for browsers, the dashboard.

    Example: eventwire serve --db events.duckdb --port 8000
    """
    try:
        import uvicorn

        from .web import create_app
    except ImportError as exc:
        _fail(Errors.E026.format(reason=exc.name or str(exc)))
        return
    try:
        app_ = create_app(db, allow_write=allow_write, allow_code=code, max_body=max_body, settings=_settings())
    except EventwireError as exc:
        _fail(exc.message)
        return
    typer.echo(f"eventwire: serving {db} on http://{host}:{port} ({'read-write' if allow_write else 'read-only'})", err=True)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


@app.command()
def evaluate(
    gold: Annotated[list[str], typer.Argument(help="Gold sets: folders of .json files or .jsonl files.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List every miss, false alarm and wrong value.")] = False,
    min_confidence: Annotated[float, typer.Option(help="Drop events below this confidence (0-1).")] = 0.0,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Your own actors file; repeatable.")] = None,
    corpus: Annotated[Path, typer.Option(help="Where gold kept without article text finds it (JSON lines with id, text).")] = Path(
        "../shared/corpus/voa/voa_stories.jsonl"),
) -> None:
    """Score the coder against gold annotations (rules of shared/gold/FORMAT.md).

    Example: eventwire evaluate ../shared/gold/dev --details
    """
    from .evaluate import format_report, load_gold, score
    from .ingest import article_from_record

    try:
        gold_articles = load_gold([Path(g) for g in gold], corpus=corpus)
    except (ValueError, OSError) as exc:
        _fail(Errors.E013.format(item=" ".join(gold), reason=str(exc).splitlines()[0]))
        return
    settings = _settings(min_confidence=min_confidence, actor_files=actors or None)
    items = [article_from_record(g, str(g.get("id")), None) for g in gold_articles]
    outputs = [to_json(r) for r in code_articles(items, settings)]
    report = score(gold_articles, outputs)
    if as_json:
        typer.echo(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        typer.echo(format_report(report, show_details=details))


@app.command("evaluate-quotes")
def evaluate_quotes(
    compartment: Annotated[Path, typer.Argument(help="A PolNeAR compartment: a folder with text/ and attributions/.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List every miss, false alarm and wrong speaker.")] = False,
    limit: Annotated[int, typer.Option(help="Score only the first N articles (0: all).")] = 0,
) -> None:
    """Score quotes and speakers on PolNeAR attributions (see eventwire/polnear.py).

    Example: eventwire evaluate-quotes ../shared/corpus/polnear/data/dev
    """
    from .polnear import format_attribution_report, from_eventwire, read_polnear, score_attributions
    from .records import Article

    try:
        articles = read_polnear(compartment)
    except (ValueError, OSError) as exc:
        _fail(Errors.E013.format(item=compartment, reason=str(exc).splitlines()[0]))
        return
    articles = articles[:limit] if limit > 0 else articles
    settings = _settings(indirect_quotes=True)
    items = [Article(a.id, a.text, a.title, a.published) for a in articles]
    system = {r.article.id: from_eventwire(to_json(r)["quotes"]) for r in code_articles(items, settings)}
    report = score_attributions(articles, system)
    if as_json:
        report.pop("details")
        typer.echo(json.dumps(report, indent=1))
    else:
        typer.echo(format_attribution_report(report, {a.id: a.text for a in articles}, details))


@app.command("evaluate-5w1h")
def evaluate_5w1h(
    folder: Annotated[Path, typer.Argument(help="The Giveme5W1H folder of annotated JSON articles.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Agreement of the main event's date and place with Giveme5W1H's 'when' and 'where', per story cluster.

    Example: eventwire evaluate-5w1h ../shared/corpus/giveme5w1h
    """
    from .giveme5w1h import (
        format_cluster_report,
        format_event_cluster_report,
        read_giveme5w1h,
        score_clusters,
        score_event_clusters,
    )
    from .records import Article
    from .store import Store

    try:
        articles = read_giveme5w1h(folder)
    except (ValueError, OSError) as exc:
        _fail(Errors.E013.format(item=folder, reason=str(exc).splitlines()[0]))
        return
    items = [Article(a.id, a.text, a.title, a.published) for a in articles]
    outputs = {}
    # Deduplication is the event database's: the articles go through a scratch one.
    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "giveme5w1h.duckdb") as store:
        for result in code_articles(items, _settings()):
            outputs[result.article.id] = to_json(result)
            store.write_record(result.article, outputs[result.article.id], "giveme5w1h")
        store.build_clusters()
        cluster_of = store.event_cluster_ids()
    report = score_clusters(articles, outputs)
    dedup = score_event_clusters(articles, outputs, cluster_of)
    if as_json:
        typer.echo(json.dumps({**report, "event_clusters": dedup}, indent=1))
    else:
        typer.echo(format_cluster_report(report) + "\n\n" + format_event_cluster_report(dedup))


@app.command("evaluate-actors")
def evaluate_actors(
    annotations: Annotated[Path, typer.Argument(help="Actor mention annotations (JSON lines of article, start, end, code, sector).")],
    corpus: Annotated[Path, typer.Option(help="The articles the offsets point into (JSON lines with id, text, published).")] = Path(
        "../shared/corpus/voa/voa_stories.jsonl"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details", help="List every wrongly coded mention.")] = False,
    actors: Annotated[list[Path] | None, typer.Option("--actors", help="Your own actors file; repeatable.")] = None,
) -> None:
    """Score actor resolution: code and sector accuracy on annotated mentions.

    Example: eventwire evaluate-actors eval/actors/voa-actors.jsonl --details
    """
    from .api import resolve_mentions
    from .evaluate import format_actor_report, load_actor_annotations, score_actor_mentions
    from .ingest import read_path
    from .records import Article, entity_json

    try:
        gold = load_actor_annotations(annotations)
    except (ValueError, OSError) as exc:
        _fail(Errors.E013.format(item=annotations, reason=str(exc).splitlines()[0]))
        return
    wanted = {str(g["article"]) for g in gold}
    articles = {a.id: a for a in read_path(str(corpus)) if isinstance(a, Article) and a.id in wanted}
    missing = wanted - set(articles)
    if missing:
        _fail(Errors.E013.format(item=corpus, reason=f"articles {sorted(missing)[:5]} are not in the corpus"))
    settings = _settings(actor_files=actors or None)
    system: list[dict | None] = [None] * len(gold)
    for art_id, article in articles.items():
        rows = [i for i, g in enumerate(gold) if str(g["article"]) == art_id]
        for i, entity in zip(rows, resolve_mentions(article, [(gold[i]["start"], gold[i]["end"]) for i in rows], settings)):
            system[i] = entity_json(entity) if entity is not None else None
    report = score_actor_mentions(gold, system)
    if as_json:
        typer.echo(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        typer.echo(format_actor_report(report, {k: a.text for k, a in articles.items()}, details))


def main() -> None:
    app()
