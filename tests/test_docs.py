"""The documentation: its code runs, it builds without warnings, and nothing public is
left out of it (a command, an option, a setting, a public name, an output field, a data file)."""

import dataclasses
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import eventwire
from eventwire.records import EVENT_COLUMNS
from eventwire.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
FENCE = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)


def run_page(page: Path, workdir: Path) -> None:
    """Run a page's ```sh and ```python blocks in order, in ``workdir`` (with the
    repository's examples), as a reader would: shell commands one by one, Python blocks
    in one namespace. Blocks marked ```bash (installing) or ```text are shown, not run."""
    (workdir / "examples").symlink_to(ROOT / "examples")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "MPLBACKEND": "Agg"}
    namespace = {"__name__": "__main__"}
    cwd = os.getcwd()
    os.chdir(workdir)
    try:
        for language, block in FENCE.findall(page.read_text(encoding="utf-8")):
            if language == "sh":
                for command in filter(None, (line.strip() for line in block.splitlines())):
                    done = subprocess.run(command, shell=True, cwd=workdir, env=env, capture_output=True, text=True, timeout=600)
                    assert done.returncode == 0, f"{page.name}: `{command}` failed:\n{done.stderr[-2000:]}"
            elif language == "python":
                exec(compile(block, f"{page.name} block", "exec"), namespace)  # noqa: S102 - the page's own code
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("page", ["index.md", "tutorial.md", "extending.md"])
def test_the_pages_code_runs(page, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    pytest.importorskip("pandas", reason="the dataframe extra (pandas) is not installed")
    if page == "tutorial.md":
        pytest.importorskip("matplotlib", reason="the docs extra (matplotlib) is not installed")
    run_page(DOCS / page, tmp_path)
    if page == "tutorial.md":
        assert (tmp_path / "events-over-time.png").stat().st_size > 10_000


def test_the_docs_build_without_warnings(tmp_path):
    pytest.importorskip("mkdocs", reason="the docs extra (mkdocs) is not installed")
    done = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-d", str(tmp_path / "site")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    assert (tmp_path / "site" / "reference" / "api" / "index.html").exists()


def test_the_command_line_reference_is_up_to_date():
    sys.path.insert(0, str(DOCS))
    try:
        from gen_cli import PAGE, render
    finally:
        sys.path.remove(str(DOCS))
    assert PAGE.read_text(encoding="utf-8") == render(), "run: .venv/bin/python docs/gen_cli.py"


def test_every_option_has_help_and_every_command_an_example():
    import typer

    from eventwire.cli import app

    for name, command in typer.main.get_command(app).commands.items():
        assert command.help and command.help.strip(), name
        for param in command.params:
            assert param.name == "help" or (param.help or "").strip(), f"{name} {param.name} has no help"


def test_every_public_name_is_in_the_api_reference():
    page = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
    for name in eventwire.__all__:
        if name != "__version__":
            assert f"eventwire.{name}" in page, f"eventwire.{name} is not in docs/reference/api.md"


def test_every_setting_is_documented():
    page = (DOCS / "reference" / "settings.md").read_text(encoding="utf-8")
    for field in dataclasses.fields(Settings):
        assert f"`{field.name}`" in page and f"EVENTWIRE_{field.name.upper()}" in page, field.name


def test_every_output_field_and_data_file_is_documented(code):
    schema = (DOCS / "reference" / "schema.md").read_text(encoding="utf-8")
    record = code('Chile imposed sanctions on Peru on Tuesday. "It is unjust," Peru said.').to_dict()
    fields = set(record) | set(record["events"][0]) | set(record["events"][0]["evidence"][0]) | set(record["quotes"][0])
    fields |= set(record["events"][0]["actor"][0]) | set(record["stances"][0] if record["stances"] else {})
    fields |= set(EVENT_COLUMNS)
    for name in sorted(fields):
        assert f"`{name}`" in schema, f"output field {name} is not in docs/reference/schema.md"
    data = (DOCS / "reference" / "data.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "eventwire" / "data").iterdir()):
        assert f"`{path.name}`" in data, f"{path.name} is not in docs/reference/data.md"
