"""Every message eventwire shows a user, in one place, each with a code and a fix.

Library code raises :class:`EventwireError` with one of these; only the edges
(the runner, the CLI) turn it into a line on the screen or an item's ``errors``.
"""

from __future__ import annotations


class Errors:
    E001 = "[E001] {item}: the article text is empty. Give the article body in 'text'."
    E002 = "[E002] {item}: the file is not UTF-8 text ({reason}). Convert it to UTF-8."
    E003 = "[E003] {item}: line {line} is not valid JSON ({reason}). Fix or remove that line."
    E004 = "[E004] {item}: the record has no 'text' field. Each article needs a 'text' string."
    E005 = "[E005] {item}: no such file or folder."
    E006 = "[E006] {item}: '{value}' is not a date eventwire can read; the article is coded without one. Use YYYY-MM-DD, e.g. 2017-09-07."
    E007 = "[E007] {item}: the file holds {kind}, not an article object or a list of them."
    E008 = "[E008] {item}: unsupported input type '{suffix}'. Use .txt, .json or .jsonl, or - for standard input."
    E009 = "[E009] {item}: could not be coded ({reason}). The other articles are unaffected."
    E010 = "[E010] data file {path}: {reason}. Fix the file or remove it from the data path."
    E011 = "[E011] no spaCy English model is installed. Run the README's set-up command (it installs en_core_web_sm)."
    E012 = "[E012] {item}: 'text' must be a string, not {kind}."
    E013 = "[E013] gold {item}: {reason}."
    E014 = "[E014] {option}: '{value}' is not a date in YYYY-MM-DD form. Use e.g. 2017-09-07."
    E015 = "[E015] {option}: '{value}' is not one of {choices}."
    E016 = "[E016] database {path}: {reason}. Give a writable path, or an existing database to read."


class EventwireError(Exception):
    """An error with a user-facing, coded, one-line message."""

    def __init__(self, template: str, **values: object) -> None:
        self.message = template.format(**values)
        super().__init__(self.message)
