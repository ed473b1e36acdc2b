"""Throughput of a whole ingest, against plain spaCy, in one run on the same cores.

    .venv/bin/python benchmarks/throughput.py [--corpus ../shared/corpus/reuters21578.jsonl]
        [--articles 5000] [--large 20000] [--workers 2]

Measures, over the first ``--articles`` items of the corpus (Reuters-21578 by default,
read from ../shared, which is not part of the repository):

1. plain spaCy: ``nlp.pipe`` of the same model over the same texts, one process: the
   baseline;
2. ``eventwire ingest`` with one worker into a new database: every stage, the storage
   and the reading included; the ratio to the baseline. The two take turns, a block of
   ``--block`` items each, so that drift in the machine's speed hits both alike;
3. the same with ``--workers`` worker processes: the scaling from one worker;
4. peak resident memory of whole ingests (each in a fresh process, ``--workers``
   workers) of ``--articles`` and of ``--large`` items: the writer's and the largest
   worker's, and the ratio of the large run's to the small run's.

Rates count the articles with text handled (coded, or passed over as a repeat of one
coded already) per second of wall time, loading models left out; for the run with
several workers, from the first batch stored, with the rate counting the start of the
worker processes printed beside it. Items with no body text are read and recorded as
errors in both ingests and are not counted as coded.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "reuters21578.jsonl"
sys.path.insert(0, str(ROOT))


def corpus_slice(corpus: Path, n: int, folder: Path) -> Path:
    """The first n lines of the corpus, as a JSONL file the ingest reads."""
    out = folder / f"first-{n}.jsonl"
    with corpus.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, n))
    return out


def texts_of(path: Path) -> list[str]:
    from eventwire.ingest import read_inputs
    from eventwire.records import Article

    return [a.text for a in read_inputs([str(path)]) if isinstance(a, Article)]


def interleaved_rates(path: Path, db: Path, block: int) -> tuple[float, float, int]:
    """Articles a second of plain spaCy and of the one-worker ingest, timed block by block
    in turn over the same texts, so that both see the machine in the same state (a shared
    machine's speed drifts by more than the difference measured)."""
    import spacy

    from eventwire.ingest import read_inputs
    from eventwire.nlp import installed_model
    from eventwire.records import Article
    from eventwire.run import ingest
    from eventwire.settings import Settings
    from eventwire.store import Store

    settings = Settings.load()
    nlp = spacy.load(installed_model())
    with Store(db.with_suffix(".warm.duckdb")) as store:  # loads eventwire's model and data in this process
        ingest(itertools.islice(read_inputs([str(path)]), 32), store, settings)
    list(nlp.pipe([a.text for a in itertools.islice(read_inputs([str(path)]), 32) if isinstance(a, Article)]))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    spacy_seconds = ingest_seconds = 0.0
    texts = coded = 0
    with Store(db) as store:
        for start in range(0, len(lines), block):
            part = path.with_suffix(f".{start}.jsonl")
            part.write_text("".join(lines[start:start + block]), encoding="utf-8")
            block_texts = [a.text for a in read_inputs([str(part)]) if isinstance(a, Article)]
            began = time.perf_counter()
            for _ in nlp.pipe(block_texts, batch_size=settings.batch_size):
                pass
            spacy_seconds += time.perf_counter() - began
            began = time.perf_counter()
            counts = ingest(read_inputs([str(part)]), store, settings, cluster=start + block >= len(lines))
            ingest_seconds += time.perf_counter() - began
            texts += len(block_texts)
            coded += counts.coded
    # Both rates count the texts handled; the ingest codes fewer when some repeat another.
    return texts / spacy_seconds, texts / ingest_seconds, coded


def ingest_rate(path: Path, db: Path, workers: int) -> tuple[float, float]:
    """Articles handled a second by an ingest with ``workers`` processes: steady (from the
    first batch stored, so that starting the worker processes and loading their models is
    left out) and over the whole run."""
    from eventwire.ingest import read_inputs
    from eventwire.run import IngestCounts, ingest
    from eventwire.settings import Settings
    from eventwire.store import Store

    settings = Settings.load()
    first: list[float] = []

    def mark(counts: IngestCounts) -> None:
        if not first and counts.coded:
            first.extend((time.perf_counter(), counts.coded + counts.skipped))

    started = time.perf_counter()
    with Store(db) as store:
        counts = ingest(read_inputs([str(path)]), store, settings, mark, workers=workers)
    ended = time.perf_counter()
    handled = counts.coded + counts.skipped
    return (handled - first[1]) / (ended - first[0]), handled / (ended - started)


MEMORY_PROBE = """
import json, sys, threading, time
from pathlib import Path
from eventwire.ingest import read_inputs
from eventwire.run import ingest
from eventwire.store import Store

def mib(pid, field):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0

def children(pid):
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out

peak = {"worker": 0.0, "total": 0.0}
done = threading.Event()

def sample():
    me = Path("/proc/self").resolve().name
    while not done.wait(0.25):
        kids = children(me)
        sizes = [mib(k, "VmRSS") for k in kids]
        peak["worker"] = max([peak["worker"], *sizes])
        peak["total"] = max(peak["total"], mib(me, "VmRSS") + sum(sizes))

threading.Thread(target=sample, daemon=True).start()
with Store(sys.argv[2]) as s:
    c = ingest(read_inputs([sys.argv[1]]), s, workers=int(sys.argv[3]))
done.set()
print(json.dumps({"coded": c.coded, "writer_mib": round(mib("self", "VmHWM")),
                  "largest_worker_mib": round(peak["worker"]), "all_mib": round(peak["total"])}))
"""


def peak_memory(path: Path, db: Path, workers: int) -> dict:
    """Peak resident memory, in MiB, of an ingest run in a fresh process: the writer's own
    high-water mark (/proc VmHWM, which starts afresh with the process, unlike getrusage's
    ru_maxrss, which keeps the high-water mark of the process that started it), and,
    sampled four times a second, the largest worker's and the sum of all."""
    out = subprocess.run([sys.executable, "-c", MEMORY_PROBE, str(path), str(db), str(workers)],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--block", type=int, default=500, help="items a turn when timing spaCy and the ingest in turn")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--only-memory", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"skipped: {args.corpus} is not there (the shared corpora sit beside the repository)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = corpus_slice(args.corpus, args.articles, folder)
        texts = texts_of(small)
        print(f"corpus: first {args.articles} items of {args.corpus.name}, {len(texts)} with text", flush=True)
        if not args.only_memory:
            base, one, coded = interleaved_rates(small, folder / "one.duckdb", args.block)
            print(f"plain spaCy nlp.pipe, 1 process: {base:.1f} articles/s", flush=True)
            print(f"eventwire ingest, 1 worker: {one:.1f} articles/s ({coded} coded); ratio to spaCy {one / base:.2f}",
                  flush=True)
            many, many_all = ingest_rate(small, folder / "many.duckdb", args.workers)
            print(f"eventwire ingest, {args.workers} workers: {many:.1f} articles/s ({many_all:.1f} counting the start "
                  f"of the worker processes); scaling from 1 worker {many / one:.2f}", flush=True)
        if not args.skip_memory:
            results = {}
            for n in (args.articles, args.large):
                results[n] = peak_memory(corpus_slice(args.corpus, n, folder), folder / f"mem-{n}.duckdb", args.workers)
                print(f"peak memory, {n} items ({results[n]['coded']} coded, {args.workers} workers): "
                      f"writer {results[n]['writer_mib']} MiB, largest worker {results[n]['largest_worker_mib']} MiB, "
                      f"all processes {results[n]['all_mib']} MiB", flush=True)
            small_peak, large_peak = results[args.articles], results[args.large]
            ratios = ", ".join(f"{name} {large_peak[key] / small_peak[key]:.2f}" for name, key in
                               (("writer", "writer_mib"), ("worker", "largest_worker_mib"), ("all", "all_mib")))
            print(f"peak memory ratio {args.large} / {args.articles} items: {ratios}", flush=True)
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB peak)")


if __name__ == "__main__":
    main()
