"""Write docs/reference/cli.md from the commands' own help: their docstrings and the
help, type and default of each argument and option, as ``eventwire COMMAND --help``
shows them. Run after changing a command:

    .venv/bin/python docs/gen_cli.py

tests/test_docs.py fails while the page and the commands disagree.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import typer

PAGE = Path(__file__).parent / "reference" / "cli.md"


def _type_name(annotation: object) -> str:
    text = str(annotation) if getattr(annotation, "__args__", None) else getattr(annotation, "__name__", str(annotation))
    return text.replace("pathlib.", "").replace("typing.", "").replace("Path", "path")


def _param_row(param: object) -> str:
    argument = param.param_type_name == "argument"
    if argument:
        name = f"`{param.name.upper()}`" + (" ..." if param.nargs == -1 else "")
    else:
        name = ", ".join(f"`{o}`" for o in param.opts + param.secondary_opts)
    kind = "flag" if getattr(param, "is_flag", False) else _type_name(param.type_descriptor.annotation)
    default = param.default
    shown = "" if default in (None, (), []) or argument else f"`{default}`"
    help_text = " ".join((getattr(param, "help", None) or "").split())
    required = " (required)" if param.required else ""
    return f"| {name} | {kind} | {shown} | {help_text}{required} |"


def render() -> str:
    from eventwire.cli import app

    group = typer.main.get_command(app)
    lines = [
        "# Command line",
        "",
        "<!-- Written by docs/gen_cli.py from the commands' help; do not edit by hand. -->",
        "",
        inspect.cleandoc(group.help or ""),
        "",
        "Every command takes `--help`. `eventwire --version` prints the version.",
        "",
    ]
    for name, command in group.commands.items():
        lines += [f"## eventwire {name}", "", inspect.cleandoc(command.help or ""), ""]
        rows = [_param_row(p) for p in command.params if p.name != "help"]
        if rows:
            lines += ["| argument or option | type | default | what it does |", "| --- | --- | --- | --- |", *rows, ""]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}", file=sys.stderr)
