"""Kill an ingest again and again at random moments, then check that nothing was lost or doubled.

    .venv/bin/python scripts/kill_and_resume.py [--kills 10] [--articles 600] [--source FILE] [--seed 7]

An uninterrupted ingest of the same input into a second database is the reference. Then
`eventwire ingest` is started on the test database and killed with SIGKILL (the whole
process group, workers included) after a random delay drawn over what is left of a run
(every other one after start-up): during start-up, while articles are coded and
written, or while event clusters are built.
A run that ends before its kill counts as a finished run, not a kill, and the loop goes
on until the asked number of kills has happened. Each run uses one or two worker
processes, chosen at random. A last run goes to the end; then every table of the two
databases is compared: the same articles (none lost), each stored once (none doubled),
and the same events, evidence, quotes, stances, entities, errors and clusters.

The input is --source (any file `eventwire ingest` reads), or else a synthetic wire of
--articles short items written by this script, with a few bad lines among them.
Exits 1 when any check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

# What the two databases must agree on: each query's result, compared as a whole.
CHECKS = {
    "articles": "SELECT count(*), count(DISTINCT id), count(DISTINCT key) FROM articles",
    "article ids": "SELECT list(id ORDER BY id) FROM articles",
    "events": "SELECT count(*), count(DISTINCT event_id) FROM events",
    "events per article": "SELECT list(n ORDER BY article_key) FROM (SELECT article_key, count(*) n FROM events GROUP BY 1)",
    "event records": "SELECT list(event_id || event ORDER BY event_id) FROM events",
    "evidence": "SELECT count(*) FROM event_evidence",
    "quotes": "SELECT count(*), count(DISTINCT quote_id) FROM quotes",
    "stances": "SELECT count(*) FROM stances",
    "entities": "SELECT count(*) FROM entities",
    "errors": "SELECT count(*), count(DISTINCT item) FROM errors",
    "event clusters": "SELECT count(DISTINCT cluster_id), count(*) FROM event_clusters",
}

PAIRS = [("France", "Italy", "Rome"), ("Japan", "South Korea", "Seoul"), ("Kenya", "Uganda", "Nairobi"),
         ("Chile", "Peru", "Lima"), ("Poland", "Ukraine", "Warsaw"), ("Egypt", "Sudan", "Cairo")]
ACTS = ["held talks with", "criticised", "signed a trade agreement with", "sent aid to", "expelled diplomats of",
        "imposed sanctions on"]


def synthetic_wire(n: int, path: Path) -> None:
    """Short wire items of a few sentences, with a bad line every 97 items."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            a, b, city = PAIRS[i % len(PAIRS)]
            act = ACTS[(i // len(PAIRS)) % len(ACTS)]
            text = (f"{a} {act} {b} in {city} on Monday, officials said in statement {i}. "
                    f"\"We will answer,\" the foreign minister of {b} told reporters on Tuesday.")
            out.write(json.dumps({"id": f"w{i}", "published": f"2024-03-{1 + i % 28:02d}", "text": text}) + "\n")
            if i % 97 == 50:
                out.write("{this line is not JSON\n")


def ingest_command(source: Path, db: Path, workers: int) -> list[str]:
    return [sys.executable, "-m", "eventwire", "ingest", str(source), "--db", str(db), "--workers", str(workers)]


def timed_run(command: list[str]) -> float:
    start = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"the run failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return time.monotonic() - start


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def snapshot(db: Path) -> dict[str, object]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {name: con.execute(query).fetchone() for name, query in CHECKS.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--articles", type=int, default=600, help="size of the synthetic wire (without --source)")
    parser.add_argument("--source", type=Path, help="input to ingest instead of the synthetic wire")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-runs", type=int, default=60, help="give up after this many runs")
    parser.add_argument("--workdir", type=Path, help="keep the databases here (default: a temporary folder)")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    with tempfile.TemporaryDirectory() as scratch:
        work = args.workdir or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        source = args.source
        if source is None:
            source = work / "wire.jsonl"
            synthetic_wire(args.articles, source)
        reference, tested = work / "reference.duckdb", work / "killed.duckdb"
        for db in (reference, tested):
            for path in (db, Path(f"{db}.wal")):
                path.unlink(missing_ok=True)

        full = timed_run(ingest_command(source, reference, 1))
        startup = timed_run(ingest_command(source, reference, 1))  # everything stored: start-up, skip, clusters
        total = stored(reference)
        print(f"reference: {total} articles in {full:.1f} s; a run with nothing to code takes {startup:.1f} s")

        kills = finished = 0
        for run in range(1, args.max_runs + 1):
            if kills >= args.kills:
                break
            before = stored(tested)
            left = startup + (full - startup) * (total - before) / max(total, 1)
            # Every other kill falls after start-up, while articles are being written.
            delay = rng.uniform(0.2 if run % 2 else min(startup, left - 0.2), left)
            workers = rng.choice((1, 2))
            proc = subprocess.Popen(ingest_command(source, tested, workers), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True, start_new_session=True)
            try:
                proc.wait(timeout=delay)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                kills += 1
                print(f"run {run}: {workers} worker(s), killed after {delay:.1f} s; stored {before} -> {stored(tested)}")
                continue
            if proc.returncode != 0:
                print(f"run {run}: failed with {proc.returncode}: {proc.stderr.read().strip()[-500:]}")
                return 1
            finished += 1
            print(f"run {run}: {workers} worker(s), finished within {delay:.1f} s; stored {before} -> {stored(tested)}")
        if kills < args.kills:
            print(f"only {kills} kills in {args.max_runs} runs")
            return 1

        timed_run(ingest_command(source, tested, 1))  # the last run goes to the end
        want, got = snapshot(reference), snapshot(tested)
        failed = [name for name in CHECKS if want[name] != got[name]]
        for name in CHECKS:
            shown = "(same)" if name in ("article ids", "event records", "events per article") and name not in failed else got[name]
            print(f"{'DIFFERS' if name in failed else 'same   '} {name}: {shown}" + (f" (reference {want[name]})" if name in failed else ""))
        articles, distinct, _ = got["articles"]
        print(f"{kills} kills, {finished} runs finished before their kill; "
              f"{total - distinct} articles lost, {articles - distinct} doubled; {len(failed)} checks differ")
        return 1 if failed or articles != distinct or distinct != total else 0


if __name__ == "__main__":
    sys.exit(main())
