"""Latency of the HTTP API, measured from a second process over loopback.

    .venv/bin/python benchmarks/api_latency.py --db reuters.duckdb [--requests 500]
        [--seconds 120] [--clients 1] [--code-share 0]

Starts ``eventwire serve`` on the database in a process of its own, waits until it
answers, then sends ``GET /events`` requests from this process: a fixed, seeded mix of
the filters an analyst uses (none, an actor, a recipient, an event type, a quad class,
a date range, words, later pages), with ``--clients`` threads at once, until
``--requests`` have been answered or ``--seconds`` have passed. With ``--code-share``, that
share of the requests are ``POST /code`` of a short article instead. Prints the count,
the errors (any answer other than 200; server errors, 5xx, counted apart) and the 50th,
95th and 99th percentile and largest latency, and the server's memory: sampled twice a
second, its resident size after the first quarter of the run, after half and at the
end, and its peak, so that growth under load shows.

Build a database of the Reuters corpus to measure on with:

    .venv/bin/eventwire ingest ../shared/corpus/reuters21578.jsonl --db reuters.duckdb --workers 2
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
STORY = ("Japan and South Korea held talks in Tokyo on Monday on North Korea's missile tests, "
         "the foreign ministry said. \"We agreed to keep pressing Pyongyang,\" the minister told reporters.")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queries(db: Path, n: int, seed: int = 0) -> list[str]:
    """``n`` /events addresses drawn from the filters analysts use, with values found in the database."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    actors = [r[0] for r in con.execute("SELECT unnest(actor_codes) AS c, count(*) FROM events GROUP BY c ORDER BY 2 DESC LIMIT 30").fetchall()]
    recipients = [r[0] for r in con.execute("SELECT unnest(recipient_codes) AS c, count(*) FROM events GROUP BY c ORDER BY 2 DESC LIMIT 30").fetchall()]
    types = [r[0] for r in con.execute("SELECT DISTINCT event FROM events").fetchall()]
    first, last = con.execute("SELECT min(date), max(date) FROM events").fetchone()
    con.close()
    rng = random.Random(seed)
    words = ["talks", "oil", "trade", "minister", "strike", "bank", "tariff", "aid", "government", "war"]
    out = []
    for _ in range(n):
        params: dict[str, object] = {}
        kind = rng.randrange(8)
        if kind == 1 and actors:
            params["actor"] = rng.choice(actors)
        elif kind == 2 and recipients:
            params["recipient"] = rng.choice(recipients)
        elif kind == 3 and types:
            params["event"] = rng.choice(types)
        elif kind == 4:
            params["quad"] = rng.randint(1, 4)
        elif kind == 5 and first and last:
            start = first.toordinal() + rng.randrange(max(1, last.toordinal() - first.toordinal()))
            params["from"] = str(first.fromordinal(start))
            params["to"] = str(first.fromordinal(start + 14))
        elif kind == 6:
            params["q"] = rng.choice(words)
        elif kind == 7:
            params["offset"] = rng.choice([50, 100, 500, 1000])
        out.append("/events" + (f"?{urlencode(params)}" if params else ""))
    return out


def serve(db: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the server stopped: {proc.stderr.read()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/openapi.json")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not answer within 60 s")


def status_mib(pid: int, field: str) -> float | None:
    """A memory figure of a process from /proc: VmRSS (resident now) or VmHWM (peak)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--code-share", type=float, default=0.0)
    args = parser.parse_args()
    if not args.db.exists():
        sys.exit(f"skipped: no database at {args.db} (see the docstring to build one)")
    port = free_port()
    paths = queries(args.db, args.requests)
    rng = random.Random(1)
    plan = [("POST", "/code") if rng.random() < args.code_share else ("GET", p) for p in paths]
    proc = serve(args.db, port)
    results: list[tuple[str, float, int]] = []
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds
    todo = iter(plan)

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.monotonic() < stop:
            with lock:
                job = next(todo, None)
            if job is None:
                return
            method, path = job
            body = json.dumps({"text": STORY, "published": "2024-05-06"}) if method == "POST" else None
            began = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers={"content-type": "application/json"} if body else {})
                response = conn.getresponse()
                response.read()
                status = response.status
            except OSError:
                status = 0
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            with lock:
                results.append((method, time.perf_counter() - began, status))

    samples: list[tuple[float, float]] = []  # (seconds into the run, resident MiB)
    running = threading.Event()

    def sample() -> None:
        while not running.wait(0.5):
            size = status_mib(proc.pid, "VmRSS")
            if size is not None:
                samples.append((time.perf_counter() - began, size))

    try:
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        began = time.perf_counter()
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - began
        running.set()
        sampler.join()
        rss = status_mib(proc.pid, "VmHWM")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    for method in sorted({m for m, _, _ in results}):
        times = sorted(t * 1000 for m, t, _ in results if m == method)
        errors = sum(1 for m, _, s in results if m == method and s != 200)
        server_errors = sum(1 for m, _, s in results if m == method and (s >= 500 or s == 0))
        cuts = statistics.quantiles(times, n=100) if len(times) > 1 else times * 99
        label = "GET /events" if method == "GET" else "POST /code"
        print(f"{label}: {len(times)} requests, {errors} errors ({errors / len(times):.1%}, {server_errors} 5xx or "
              f"no answer); "
              f"p50 {cuts[49]:.1f} ms, p95 {cuts[94]:.1f} ms, p99 {cuts[98]:.1f} ms, max {times[-1]:.1f} ms")
    print(f"{len(results)} requests in {elapsed:.1f} s from {args.clients} client(s); "
          f"server peak memory {rss:.0f} MiB" if rss else "")
    if samples:
        at = [min(samples, key=lambda s: abs(s[0] - elapsed * share))[1] for share in (0.25, 0.5, 1.0)]
        print(f"server resident memory after 1/4 of the run {at[0]:.0f} MiB, after 1/2 {at[1]:.0f} MiB, "
              f"at the end {at[2]:.0f} MiB ({len(samples)} samples)")


if __name__ == "__main__":
    main()
