"""Faults: an ingest killed again and again, two ingests at once, a disk that refuses writes."""

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from kill_and_resume import synthetic_wire  # noqa: E402


def ingest_command(source: Path, db: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "eventwire", "ingest", str(source), "--db", str(db), *options]


def stored_ids(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return [r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()]


def test_ten_kills_at_random_moments_lose_and_double_nothing(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "kill_and_resume.py"), "--kills", "10", "--articles", "300",
                           "--seed", "3", "--workdir", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "10 kills" in done.stdout and "0 articles lost, 0 doubled; 0 checks differ" in done.stdout


def test_a_second_ingest_waits_for_the_first_or_stops_clearly(tmp_path):
    first_src, second_src = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    synthetic_wire(150, first_src)
    second_src.write_text('{"id": "late", "text": "Peru and Chile held talks in Lima on Friday."}\n', encoding="utf-8")
    db = tmp_path / "events.duckdb"
    first = subprocess.Popen(ingest_command(first_src, db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not db.exists() and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
    refused = subprocess.run(ingest_command(second_src, db, "--wait", "0"), capture_output=True, text=True, timeout=120)
    waited = subprocess.run(ingest_command(second_src, db), capture_output=True, text=True, timeout=300)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert refused.returncode == 2 and "[E032]" in refused.stderr and f"PID {first.pid}" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert waited.returncode == 0 and "waiting up to" in waited.stderr, waited.stderr
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == 151 and "late" in ids


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs a file-size limit to stand in for a full disk")
def test_a_disk_that_refuses_writes_is_one_clear_error_and_the_rerun_completes(tmp_path):
    src, db = tmp_path / "wire.jsonl", tmp_path / "events.duckdb"
    synthetic_wire(300, src)

    def small_disk() -> None:  # writes past 300 kB fail as on a full disk (EFBIG instead of ENOSPC)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    full = subprocess.run(ingest_command(src, db), capture_output=True, text=True, preexec_fn=small_disk, timeout=300)
    assert full.returncode == 2 and "[E033]" in full.stderr and "Traceback" not in full.stderr, full.stderr
    kept = stored_ids(db)
    assert 0 < len(kept) < 300
    rerun = subprocess.run(ingest_command(src, db), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0 and f"{len(kept)} already stored" in rerun.stderr
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == 300


def test_a_database_path_that_cannot_be_a_file_is_one_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    for path in (tmp_path / "notes.txt" / "events.duckdb", tmp_path):
        with pytest.raises(EventwireError, match=r"\[E016\]"):
            Store(path)
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(EventwireError, match=r"\[E016\]"):
            Store(locked / "events.duckdb")
