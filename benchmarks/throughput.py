"""Throughput of a whole ingest, against plain spaCy, in one run on the same cores.

    .venv/bin/python benchmarks/throughput.py [--corpus ../shared/corpus/reuters21578.jsonl]
        [--articles 5000] [--large 20000] [--workers 2]

Measures, over the first ``--articles`` items of the corpus (Reuters-21578 by default,
read from ../shared, which is not part of the repository):

1. plain spaCy: ``nlp.pipe`` of the same model over the same texts, one process: the
   baseline;
2. ``eventwire ingest`` with one worker into a new database: every stage, the storage
   and the reading included; the ratio to the baseline;
3. the same with ``--workers`` worker processes: the scaling from one worker;
4. peak resident memory of whole ingests (each in a fresh process, ``--workers``
   workers) of ``--articles`` and of ``--large`` items: the writer's and the largest
   worker's, and the ratio of the large run's to the small run's.

Rates count articles coded, per second of wall time, from the first article stored to
the last, so that loading models and starting worker processes is left out; the rate
with start-up included is printed beside it. Items with no body text are read and recorded as
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


def spacy_rate(texts: list[str], batch_size: int) -> float:
    import spacy

    from eventwire.nlp import installed_model

    nlp = spacy.load(installed_model())
    list(nlp.pipe(texts[:32], batch_size=batch_size))  # warm-up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return len(texts) / (time.perf_counter() - started)


def ingest_rate(path: Path, db: Path, workers: int) -> tuple[float, float, int]:
    """Articles coded a second: steady (from the first article stored, so that starting
    worker processes and loading their models is left out) and over the whole run."""
    from eventwire.ingest import read_inputs
    from eventwire.run import IngestCounts, ingest
    from eventwire.settings import Settings
    from eventwire.store import Store

    settings = Settings.load()
    with Store(db.with_suffix(".warm.duckdb")) as store:  # loads the model in this process
        ingest(itertools.islice(read_inputs([str(path)]), 8), store, settings)
    first: list[float | int] = []

    def mark(counts: IngestCounts) -> None:
        if not first and counts.coded:
            first.extend((time.perf_counter(), counts.coded))

    started = time.perf_counter()
    with Store(db) as store:
        counts = ingest(read_inputs([str(path)]), store, settings, mark, workers=workers)
    ended = time.perf_counter()
    steady = (counts.coded - first[1]) / (ended - first[0])
    return steady, counts.coded / (ended - started), counts.coded


def peak_memory(path: Path, db: Path, workers: int) -> dict:
    """Peak RSS, in MiB, of an ingest run in a fresh process."""
    code = (
        "import json, resource, sys\n"
        "from eventwire.ingest import read_inputs\nfrom eventwire.run import ingest\nfrom eventwire.store import Store\n"
        f"with Store({str(db)!r}) as s:\n    c = ingest(read_inputs([{str(path)!r}]), s, workers={workers})\n"
        "own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'coded': c.coded, 'writer_mib': round(own), 'largest_worker_mib': round(kids)}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"skipped: {args.corpus} is not there (the shared corpora sit beside the repository)")
    from eventwire.settings import Settings

    batch_size = Settings.load().batch_size
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = corpus_slice(args.corpus, args.articles, folder)
        texts = texts_of(small)
        print(f"corpus: first {args.articles} items of {args.corpus.name}, {len(texts)} with text", flush=True)
        base = spacy_rate(texts, batch_size)
        print(f"plain spaCy nlp.pipe, 1 process: {base:.1f} articles/s", flush=True)
        one, one_all, coded = ingest_rate(small, folder / "one.duckdb", 1)
        print(f"eventwire ingest, 1 worker: {one:.1f} articles/s ({one_all:.1f} with start-up; {coded} coded); "
              f"ratio to spaCy {one / base:.2f}", flush=True)
        many, many_all, _ = ingest_rate(small, folder / "many.duckdb", args.workers)
        print(f"eventwire ingest, {args.workers} workers: {many:.1f} articles/s ({many_all:.1f} with start-up); "
              f"scaling from 1 worker {many / one:.2f} ({many_all / one_all:.2f} with start-up)", flush=True)
        if not args.skip_memory:
            results = {}
            for n in (args.articles, args.large):
                results[n] = peak_memory(corpus_slice(args.corpus, n, folder), folder / f"mem-{n}.duckdb", args.workers)
                print(f"peak memory, {n} items ({results[n]['coded']} coded, {args.workers} workers): "
                      f"writer {results[n]['writer_mib']} MiB, largest worker {results[n]['largest_worker_mib']} MiB", flush=True)
            small_peak, large_peak = results[args.articles], results[args.large]
            print(f"peak memory ratio {args.large} / {args.articles} items: "
                  f"writer {large_peak['writer_mib'] / small_peak['writer_mib']:.2f}, "
                  f"worker {large_peak['largest_worker_mib'] / small_peak['largest_worker_mib']:.2f}", flush=True)
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB peak)")


if __name__ == "__main__":
    main()
