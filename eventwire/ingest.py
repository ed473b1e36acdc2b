"""Ingest: articles from files and standard input, bad items refused with a reason.

Every reader yields :class:`Article` records, or :class:`Rejected` ones for items it
cannot read; it never raises for a bad item, so one broken line does not stop a batch.
Accepted inputs: ``.txt`` (one article, id from the file name), ``.jsonl`` (one
article object a line), ``.json`` (one object or a list of them) and ``-`` (standard
input: JSON lines when every line is an object, else one plain-text article).
Article objects carry ``text`` and optionally ``id``, ``title`` and ``published``;
gold files of the evaluation sets are article objects too.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import Errors
from .records import Article, Rejected

# Date layouts seen in news archives besides ISO 8601 (Reuters-21578 writes 26-FEB-1987).
DATE_FORMATS = ("%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d", "%d.%m.%Y", "%Y%m%d")


def parse_published(value: Any, item: str) -> tuple[date | None, str | None]:
    """A publication date, or None with the error that says why it was refused."""
    if value in (None, ""):
        return None, None
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]), None
    except ValueError:
        pass
    head = text.split()[0] if " " in text and text[:1].isdigit() and "-" in text.split()[0] else text
    for layout in DATE_FORMATS:
        for candidate in (head, text):
            try:
                return datetime.strptime(candidate, layout).date(), None
            except ValueError:
                continue
    return None, Errors.E006.format(item=item, value=value)


def article_from_record(record: Any, item: str, default_published: date | None = None) -> Article | Rejected:
    if not isinstance(record, dict):
        return Rejected(item, Errors.E007.format(item=item, kind=type(record).__name__))
    art_id = str(record.get("id") or item)
    if "text" not in record:
        return Rejected(art_id, Errors.E004.format(item=item))
    text = record["text"]
    if not isinstance(text, str):
        return Rejected(art_id, Errors.E012.format(item=item, kind=type(text).__name__))
    published, error = parse_published(record.get("published") or record.get("date"), item)
    title = str(record.get("title") or "")
    if not text.strip():
        return Rejected(art_id, Errors.E001.format(item=item), title, published or default_published)
    article = Article(art_id, text, title, published or default_published, item)
    if error:
        # A date that cannot be read is no reason to lose the article: code it without one.
        article.warnings.append(error)
    return article


def _read_text(path: Path) -> tuple[str | None, str | None]:
    try:
        return path.read_bytes().decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, Errors.E002.format(item=path, reason=f"byte {exc.start}")
    except FileNotFoundError:
        return None, Errors.E005.format(item=path)
    except OSError as exc:
        return None, Errors.E009.format(item=path, reason=exc.strerror or type(exc).__name__)


def _from_jsonl(text: str, name: str, published: date | None) -> Iterator[Article | Rejected]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        item = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(item, Errors.E003.format(item=name, line=n, reason=exc.msg))
            continue
        yield article_from_record(record, item, published)


def read_path(source: str, published: date | None = None) -> Iterator[Article | Rejected]:
    """Articles of one input: a file path or ``-`` for standard input."""
    if source == "-":
        text = sys.stdin.read()
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if lines and all(ln.lstrip().startswith("{") for ln in lines):
            yield from _from_jsonl(text, "<stdin>", published)
        elif not text.strip():
            yield Rejected("<stdin>", Errors.E001.format(item="<stdin>"))
        else:
            yield Article("stdin", text, "", published, "<stdin>")
        return
    path = Path(source)
    if path.is_dir():
        for child in sorted(p for p in path.iterdir() if p.suffix in (".txt", ".json", ".jsonl")):
            yield from read_path(str(child), published)
        return
    if not path.exists():
        yield Rejected(str(path), Errors.E005.format(item=path))
        return
    suffix = path.suffix.lower()
    if suffix not in (".txt", ".json", ".jsonl"):
        yield Rejected(str(path), Errors.E008.format(item=path, suffix=suffix or "(none)"))
        return
    text, error = _read_text(path)
    if text is None:
        yield Rejected(str(path), error or "")
        return
    if suffix == ".txt":
        if not text.strip():
            yield Rejected(path.stem, Errors.E001.format(item=path))
        else:
            yield Article(path.stem, text, "", published, str(path))
    elif suffix == ".jsonl":
        yield from _from_jsonl(text, str(path), published)
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Rejected(str(path), Errors.E003.format(item=path, line=exc.lineno, reason=exc.msg))
            return
        records = data if isinstance(data, list) else [data]
        for n, record in enumerate(records):
            yield article_from_record(record, str(path) if len(records) == 1 else f"{path}[{n}]", published)


def read_inputs(sources: Iterable[str], published: date | None = None) -> Iterator[Article | Rejected]:
    """Articles of every input, in order; the ``published`` given here is the default
    for articles that carry no date of their own."""
    for source in sources:
        yield from read_path(source, published)
