"""Packaging: a wheel built from a clean checkout installs into a fresh virtual
environment, offline, and codes the bundled example with its packaged data."""

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run(list(command), cwd=cwd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout[-1500:]}\n{done.stderr[-1500:]}"
    return done


def test_a_wheel_from_a_clean_checkout_installs_and_codes_offline(tmp_path):
    pytest.importorskip("build", reason="the test extra (build) is not installed")
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode != 0:
        pytest.skip("not a git checkout: no clean copy to build from")
    checkout = tmp_path / "checkout"
    run("git", "clone", "--quiet", "--no-local", str(ROOT), str(checkout))
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(checkout))
    [wheel] = (tmp_path / "dist").glob("eventwire-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for packaged in ("eventwire/data/triggers.yaml", "eventwire/data/plover_v2.json", "eventwire/templates/base.html",
                     "eventwire/static/style.css", "eventwire/py.typed"):
        assert packaged in names, f"{packaged} is not in the wheel"

    # A fresh environment; the dependencies come from this one's site-packages as a plain
    # path (so its editable eventwire is not seen), the wheel from the file, no index.
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", str(venv))
    python = venv / "bin" / "python"
    site = Path(run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    run(str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", str(wheel))

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "article.txt").write_text((ROOT / "examples" / "article.txt").read_text(encoding="utf-8"), encoding="utf-8")
    where = run(str(python), "-c", "import eventwire; print(eventwire.__file__)", cwd=elsewhere).stdout
    assert str(site) in where, where
    version = run(str(venv / "bin" / "eventwire"), "--version", cwd=elsewhere).stdout
    assert version.strip() == f"eventwire {wheel.name.split('-')[1]}"
    coded = run(str(venv / "bin" / "eventwire"), "code", "article.txt", "--published", "2024-03-14", cwd=elsewhere).stdout
    record = json.loads(coded.splitlines()[0])
    assert record["events"] and not [e for e in record["errors"] if e.startswith("[E")]
    component = run(str(python), "-c", "import spacy; from eventwire.nlp import installed_model; nlp = spacy.load(installed_model()); "
                    "nlp.add_pipe('eventwire'); print(len(nlp(open('article.txt').read())._.events))", cwd=elsewhere).stdout
    assert int(component) == len(record["events"])
