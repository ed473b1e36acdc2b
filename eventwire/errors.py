"""Every message eventwire shows a user, in one place, each with a code and a fix.

Library code raises :class:`EventwireError` with one of these; only the edges
(the runner, the CLI) turn it into a line on the screen or an item's ``errors``.
"""

from __future__ import annotations


class Errors:
    E001 = "[E001] {item}: the article text is empty. Give the article body in 'text'."
    E002 = "[E002] {item}: the file is not valid in the encoding it starts in ({reason}). Convert it to UTF-8."
    E003 = "[E003] {item}: line {line} is not valid JSON ({reason}). Fix or remove that line."
    E004 = "[E004] {item}: the record has no 'text' field. Each article needs a 'text' string."
    E005 = "[E005] {item}: no such file or folder."
    E006 = "[E006] {item}: '{value}' is not a date eventwire can read; the article is coded without one. Use YYYY-MM-DD, e.g. 2017-09-07."
    E007 = "[E007] {item}: the file holds {kind}, not an article object or a list of them."
    E008 = "[E008] {item}: unsupported input type '{suffix}'. Use .txt, .json, .jsonl, .csv, .html, a feed (.xml, .rss, .atom), a URL, or - for standard input."
    E009 = "[E009] {item}: could not be coded ({reason}). The other articles are unaffected."
    E010 = "[E010] data file {path}: {reason}. Fix the file or remove it from the data path."
    E011 = "[E011] no spaCy English model is installed. Run the README's set-up command (it installs en_core_web_sm)."
    E012 = "[E012] {item}: 'text' must be a string, not {kind}."
    E013 = "[E013] gold {item}: {reason}."
    E014 = "[E014] {option}: '{value}' is not a date in YYYY-MM-DD form. Use e.g. 2017-09-07."
    E015 = "[E015] {option}: '{value}' is not one of {choices}."
    E016 = "[E016] database {path}: {reason}. Give a writable path, or an existing database to read."
    E017 = "[E017] {item}: not a feed eventwire can read ({reason}). Give an RSS or Atom feed."
    E018 = "[E018] {item}: could not be downloaded ({reason}). Check the address, or save the page and give the file."
    E019 = "[E019] {item}: no article text found in the page. Give the article's own page, not an index or a login page."
    E020 = "[E020] {item}: no column '{column}' (the columns are {columns}). Name the right one with --field {field}=COLUMN."
    E021 = "[E021] --field '{value}': expected NAME=COLUMN with NAME one of {names}."
    E022 = "[E022] --scheduler needs Dask distributed, which is not installed. Install the cluster extra: pip install 'eventwire[cluster]'."
    E023 = "[E023] the Dask scheduler at {address} could not be reached ({reason}). Start it, or leave out --scheduler to run here."
    E024 = "[E024] a worker failed on {count} articles ({reason}); they are recorded as errors and the run goes on."
    E025 = "[E025] the query failed: {reason}."
    E026 = "[E026] serve needs the web stack, which is not installed ({reason}). Run the README's set-up command."
    E027 = ("[E027] the worker processes stopped ({reason}). What is stored is kept: run again to resume. A script that "
            "ingests with workers must start from an `if __name__ == '__main__':` block.")
    E028 = "[E028] {item}: not a text file but {kind}. Give articles as text, JSON, CSV, HTML or a feed; unpack archives first."
    E029 = "[E029] {item}: written in {language}, not English; skipped. eventwire codes English news."
    E030 = "[E030] {item}: line {line} holds {kind}, not an article object. Each line must be one JSON object with a 'text'."
    E031 = ("[E031] {item}: the text is {size:,} characters long, over the limit of {limit:,}; not coded. Split the "
            "article, or raise max_chars in the settings.")
    E032 = ("[E032] database {path}: in use by another process{holder}, which holds it until it ends. Wait for it "
            "(ingest waits with --wait SECONDS), or give another database.")
    E033 = ("[E033] database {path}: could not write ({reason}). What was stored before is kept: free space or fix "
            "the path, then run again to resume.")
    E034 = "[E034] tables as DataFrames need pandas, which is not installed. Install the extra: pip install 'eventwire[dataframe]'."
    E035 = "[E035] the eventwire component codes English; this pipeline's language is '{lang}'. Add it to an English pipeline such as en_core_web_sm."
    E036 = "[E036] {item}: {kind} is not an article. Give a text, a mapping with 'text' (and 'id', 'title', 'published'), or an Article."
    W003 = "[W003] {item}: the row has {count} field(s), the header {expected}; its text may be wrong. Quote fields that hold commas."
    W002 = "[W002] {item}: {count} runs of over {tokens} words with no sentence end were split into sentences of that length."


class EventwireError(Exception):
    """An error with a user-facing, coded, one-line message."""

    def __init__(self, template: str, **values: object) -> None:
        self.message = template.format(**values)
        super().__init__(self.message)
