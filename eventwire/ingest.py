"""Ingest: articles from files, folders, web pages, feeds and standard input.

Every reader yields :class:`Article` records, or :class:`Rejected` ones for items it
cannot read; it never raises for a bad item, so one broken line does not stop a batch.
Readers stream: a file of a million lines is read a line at a time.

Accepted inputs:

- ``.txt``: one article, its id the file name;
- ``.jsonl``: one article object a line; ``.json``: one object or a list of them;
- ``.csv``: one article a row, with a header row;
- ``.html``/``.htm``: a web page, whose main text, title and publication date
  trafilatura extracts (menus, breadcrumbs, footers and the like dropped);
- ``.xml``/``.rss``/``.atom``: an RSS or Atom feed, one article an entry, its text the
  entry's content (or summary), or the linked page's with ``fetch=True``;
- an ``http(s)://`` address: a feed or a page, told apart by what comes back;
- a folder: every file of those types in it and its subfolders, hidden ones left out;
- ``-``: standard input, JSON lines when every line is an object, else one article.

Records (JSON objects and CSV rows) name their fields ``text``, ``id``, ``title`` and
``published``; :data:`FIELD_ALIASES` lists the other names understood (``body``,
``date``, ``headline``...), and a :class:`FieldMap` names any other column.
"""

from __future__ import annotations

import csv
import html
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .errors import Errors, EventwireError
from .records import Article, Rejected

# Date layouts seen in news archives besides ISO 8601 (Reuters-21578 writes 26-FEB-1987).
DATE_FORMATS = ("%d-%b-%Y", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%Y/%m/%d", "%d.%m.%Y", "%Y%m%d",
                "%a, %d %b %Y")
# The names under which archives keep each field, tried in order when no mapping is given.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "story"),
    "id": ("id", "article_id", "doc_id", "guid", "url"),
    "title": ("title", "headline", "heading"),
    "published": ("published", "date", "pubdate", "publish_date", "date_publish", "published_at", "datetime"),
}
SUFFIX_KINDS = {".txt": "text", ".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".html": "html", ".htm": "html",
                ".xml": "feed", ".rss": "feed", ".atom": "feed"}
# Feed entries shorter than this are teasers; with fetch=True the linked page is read instead.
TEASER_CHARS = 600
DOWNLOAD_SECONDS = 30
MAX_DOWNLOAD_BYTES = 20_000_000
# Fewer words than this from a page are what trafilatura falls back on (a menu, a button):
# no article.
MIN_PAGE_WORDS = 8


class FieldMap:
    """Which column or key of a record holds each article field (``text=body``)."""

    def __init__(self, mapping: Mapping[str, str] | None = None) -> None:
        self.mapping = dict(mapping or {})
        unknown = set(self.mapping) - set(FIELD_ALIASES)
        if unknown:
            raise EventwireError(Errors.E021, value=sorted(unknown)[0], names=", ".join(FIELD_ALIASES))

    @classmethod
    def parse(cls, options: Iterable[str]) -> FieldMap:
        """From command-line options of the form ``NAME=COLUMN``."""
        mapping = {}
        for option in options:
            name, sep, column = option.partition("=")
            if not sep or not column or name not in FIELD_ALIASES:
                raise EventwireError(Errors.E021, value=option, names=", ".join(FIELD_ALIASES))
            mapping[name] = column
        return cls(mapping)

    def column(self, name: str, keys: Iterable[str]) -> str | None:
        """The key of a record that holds field ``name``, or None."""
        if name in self.mapping:
            return self.mapping[name]
        present = set(keys)
        return next((alias for alias in FIELD_ALIASES[name] if alias in present), None)


NO_MAPPING = FieldMap()


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
        for candidate in (head, text, text[:16]):
            try:
                return datetime.strptime(candidate, layout).date(), None
            except ValueError:
                continue
    return None, Errors.E006.format(item=item, value=value)


def article_from_record(record: Any, item: str, default_published: date | None = None,
                        fields: FieldMap = NO_MAPPING, source: str = "") -> Article | Rejected:
    if not isinstance(record, dict):
        return Rejected(item, Errors.E007.format(item=item, kind=json_kind(record)))
    text_key = fields.column("text", record)
    id_key, title_key, date_key = (fields.column(name, record) for name in ("id", "title", "published"))
    art_id = str(record.get(id_key) or item) if id_key else item
    if text_key is None or text_key not in record:
        return Rejected(art_id, Errors.E004.format(item=item))
    text = record[text_key]
    if not isinstance(text, str):
        return Rejected(art_id, Errors.E012.format(item=item, kind=type(text).__name__))
    published, error = parse_published(record.get(date_key) if date_key else None, item)
    title = str(record.get(title_key) or "") if title_key else ""
    if not text.strip():
        return Rejected(art_id, Errors.E001.format(item=item), title, published or default_published)
    article = Article(art_id, text, title, published or default_published, source or item)
    if error:
        # A date that cannot be read is no reason to lose the article: code it without one.
        article.warnings.append(error)
    return article


# Files that are not text, by their first bytes: refused by name, not decoded into noise.
BINARY_SIGNATURES = {
    b"PK\x03\x04": "a zip archive (or an Office document)", b"\x1f\x8b": "a gzip archive", b"BZh": "a bzip2 archive",
    b"\xfd7zXZ\x00": "an xz archive", b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive", b"Rar!": "a RAR archive",
    b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
    b"\x7fELF": "a program", b"\xd0\xcf\x11\xe0": "an old Office document", b"SQLite format 3": "an SQLite database",
}
SNIFF_BYTES = 65536


def sniff_encoding(sample: bytes) -> tuple[str | None, str | None]:
    """The encoding of a file from its first bytes, or None and what the file is instead.

    UTF-8 (with or without a byte-order mark) and UTF-16 (with a mark, or without one when
    every other byte is zero) are read as such; other bytes that are not UTF-8 are read as
    Windows-1252, which agrees with Latin-1 on every printable character and adds the
    curly quotes and dashes news text is full of."""
    for signature, kind in BINARY_SIGNATURES.items():
        if sample.startswith(signature):
            return None, kind
    if len(sample) > 262 and sample[257:262] == b"ustar":
        return None, "a tar archive"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", None
    head = sample[:4096]
    if head and head.count(0) * 3 > len(head):
        if head[1::2].count(0) * 2 > len(head) // 2:
            return "utf-16-le", None
        if head[0::2].count(0) * 2 > len(head) // 2:
            return "utf-16-be", None
        return None, "binary data"
    if b"\x00" in head:
        return None, "binary data"
    try:
        sample.decode("utf-8-sig")
        return "utf-8-sig", None
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and len(sample) >= SNIFF_BYTES:
            return "utf-8-sig", None  # a character cut by the end of the sample
    return "cp1252", None


def _read_text(path: Path) -> tuple[str | None, str | None]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, Errors.E005.format(item=path)
    except OSError as exc:
        return None, Errors.E009.format(item=path, reason=exc.strerror or type(exc).__name__)
    encoding, refused = sniff_encoding(data)
    if encoding is None:
        return None, Errors.E028.format(item=path, kind=refused)
    try:
        return data.decode(encoding, errors="strict" if encoding.startswith("utf") else "replace"), None
    except UnicodeDecodeError as exc:
        return None, Errors.E002.format(item=path, reason=f"byte {exc.start}")


def _jsonl_lines(lines: Iterable[str], name: str, published: date | None, fields: FieldMap) -> Iterator[Article | Rejected]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        item = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(item, Errors.E003.format(item=name, line=n, reason=exc.msg))
            continue
        if not isinstance(record, dict):
            yield Rejected(item, Errors.E030.format(item=name, line=n, kind=json_kind(record)))
            continue
        yield article_from_record(record, item, published, fields, name)


def json_kind(value: Any) -> str:
    """How a user would name a JSON value that is not an object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {"list": "a list", "str": "a string"}.get(type(value).__name__, type(value).__name__)


def _open_lines(path: Path) -> Iterator[str] | Rejected:
    """A text file's lines, read lazily in the encoding its first bytes show; a file that
    cannot be opened, or is not text, is refused."""
    try:
        with path.open("rb") as probe:
            sample = probe.read(SNIFF_BYTES)
        encoding, refused = sniff_encoding(sample)
        if encoding is None:
            return Rejected(str(path), Errors.E028.format(item=path, kind=refused))
        handle = path.open(encoding=encoding, errors="strict" if encoding.startswith("utf") else "replace", newline="")
    except OSError as exc:
        return Rejected(str(path), Errors.E009.format(item=path, reason=exc.strerror or type(exc).__name__))

    def lines() -> Iterator[str]:
        with handle:
            yield from handle

    return lines()


def _from_jsonl(path: Path, published: date | None, fields: FieldMap) -> Iterator[Article | Rejected]:
    lines = _open_lines(path)
    if isinstance(lines, Rejected):
        yield lines
        return
    try:
        yield from _jsonl_lines(lines, str(path), published, fields)
    except UnicodeDecodeError as exc:
        yield Rejected(str(path), Errors.E002.format(item=path, reason=f"byte {exc.start} of a line"))


def _from_csv(path: Path, published: date | None, fields: FieldMap) -> Iterator[Article | Rejected]:
    lines = _open_lines(path)
    if isinstance(lines, Rejected):
        yield lines
        return
    csv.field_size_limit(sys.maxsize)
    try:
        rows = csv.DictReader(lines)
        header = rows.fieldnames or []
        text_key = fields.column("text", header)
        if text_key is None or text_key not in header:
            yield Rejected(str(path), Errors.E020.format(item=path, column=fields.mapping.get("text", "text"),
                                                         columns=", ".join(header) or "none", field="text"))
            return
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:  # one malformed row; the reader goes on at the next line
                yield Rejected(f"{path}:{rows.line_num}", Errors.E009.format(item=f"{path}:{rows.line_num}", reason=f"CSV: {exc}"))
                continue
            item = f"{path}:{rows.line_num}"  # the row's last line: a quoted field may span lines
            article = article_from_record(row, item, published, fields, str(path))
            fields_n = len(header) - sum(v is None for k, v in row.items() if k is not None) + len(row.get(None) or [])
            if isinstance(article, Article) and fields_n != len(header):
                article.warnings.append(Errors.W003.format(item=item, count=fields_n, expected=len(header)))
            yield article
    except UnicodeDecodeError as exc:
        yield Rejected(str(path), Errors.E002.format(item=path, reason=f"byte {exc.start} of a row"))


def _strip_title(text: str, title: str) -> str:
    """Extracted page text starts with the headline, which the article carries as its title."""
    first, _, rest = text.partition("\n")
    return rest.lstrip("\n") if title and first.strip() == title.strip() and rest.strip() else text


def article_from_html(page: str | bytes, item: str, published: date | None = None, url: str | None = None) -> Article | Rejected:
    """The main text, title and publication date of a web page."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False, include_tables=False,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # noqa: BLE001 - a page trafilatura cannot read is one bad item
        return Rejected(item, Errors.E009.format(item=item, reason=f"{type(exc).__name__}: {exc}"))
    text = (getattr(found, "text", None) or "") if found is not None else ""
    if len(text.split()) < MIN_PAGE_WORDS:
        return Rejected(item, Errors.E019.format(item=item))
    title = found.title or ""
    day, _ = parse_published(found.date, item)
    return Article(Path(item).stem if url is None else item, _strip_title(text, title), title, day or published, item)


def _from_html(path: Path, published: date | None) -> Iterator[Article | Rejected]:
    try:
        page = path.read_bytes()
    except OSError as exc:
        yield Rejected(str(path), Errors.E009.format(item=path, reason=exc.strerror or type(exc).__name__))
        return
    encoding, refused = sniff_encoding(page[:SNIFF_BYTES])
    if encoding is None:
        yield Rejected(str(path), Errors.E028.format(item=path, kind=refused))
        return
    # trafilatura reads the page's own charset declaration; UTF-16 it is given decoded.
    yield article_from_html(page.decode(encoding) if encoding.startswith("utf-16") else page, str(path), published)


BLOCK_END = re.compile(r"</(?:p|div|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def fragment_text(fragment: str) -> str:
    """Plain text of a feed entry's HTML: paragraphs kept as lines, tags and entities gone."""
    text = html.unescape(TAG.sub("", BLOCK_END.sub("\n", fragment)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
    return None


def articles_from_feed(data: str | bytes, name: str, published: date | None = None,
                       fetch: bool = False) -> Iterator[Article | Rejected]:
    """One article per feed entry; a feed that cannot be parsed is one rejected item."""
    import feedparser

    feed = feedparser.parse(data)
    # feedparser reads what it can of broken XML; a broken feed with nothing in its entries is no feed.
    empty = not any(e.get("title") or e.get("summary") or e.get("content") or e.get("link") for e in feed.entries)
    if not feed.entries or (feed.get("bozo") and empty):
        reason = str(feed.get("bozo_exception") or "no entries").splitlines()[0]
        yield Rejected(name, Errors.E017.format(item=name, reason=reason))
        return
    for n, entry in enumerate(feed.entries, 1):
        item = f"{name}#{n}"
        art_id = str(entry.get("id") or entry.get("link") or item)
        title = fragment_text(entry.get("title", ""))
        content = entry.get("content") or []
        text = fragment_text(content[0].get("value", "") if content else entry.get("summary", ""))
        day = _entry_date(entry) or published
        link = entry.get("link", "")
        if fetch and link.startswith(("http://", "https://")) and len(text) < TEASER_CHARS:
            page = _download(link)
            if isinstance(page, str):
                found = article_from_html(page, link, day, url=link)
                if isinstance(found, Article):
                    yield Article(art_id, found.text, title or found.title, day or found.published, link)
                    continue
        if not text.strip():
            yield Rejected(art_id, Errors.E001.format(item=item), title, day)
        else:
            yield Article(art_id, text, title, day, name)


def _download(url: str) -> str | Rejected:
    """A page or feed the user named, as text. Plain urllib with a time and size limit:
    trafilatura's fetcher refuses private addresses, which a user's own intranet feed is."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "eventwire"})
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_SECONDS) as response:
            data = response.read(MAX_DOWNLOAD_BYTES + 1)
            charset = response.headers.get_content_charset() or "utf-8"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return Rejected(url, Errors.E018.format(item=url, reason=str(getattr(exc, "reason", exc))))
    if len(data) > MAX_DOWNLOAD_BYTES:
        return Rejected(url, Errors.E018.format(item=url, reason=f"more than {MAX_DOWNLOAD_BYTES} bytes"))
    return data.decode(charset, errors="replace")


def looks_like_feed(head: str) -> bool:
    start = head.lstrip()[:1000].lower()
    return start.startswith("<?xml") and ("<rss" in start or "<feed" in start or "<rdf" in start) or start.startswith(("<rss", "<feed"))


def _from_url(url: str, published: date | None, fetch: bool) -> Iterator[Article | Rejected]:
    page = _download(url)
    if isinstance(page, Rejected):
        yield page
    elif looks_like_feed(page):
        yield from articles_from_feed(page, url, published, fetch)
    else:
        yield article_from_html(page, url, published, url=url)


def _from_stdin(published: date | None, fields: FieldMap) -> Iterator[Article | Rejected]:
    text = sys.stdin.read()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        yield from _jsonl_lines(text.splitlines(), "<stdin>", published, fields)
    elif not text.strip():
        yield Rejected("<stdin>", Errors.E001.format(item="<stdin>"))
    else:
        yield Article("stdin", text, "", published, "<stdin>")


def input_files(folder: Path) -> Iterator[Path]:
    """The article files of a folder and its subfolders, in name order, hidden ones left out."""
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if path.is_file() and path.suffix.lower() in SUFFIX_KINDS and not any(p.startswith(".") for p in parts):
            yield path


def read_path(source: str, published: date | None = None, fields: FieldMap = NO_MAPPING,
              fetch: bool = False) -> Iterator[Article | Rejected]:
    """Articles of one input: a file, a folder, an address or ``-`` for standard input."""
    if source == "-":
        yield from _from_stdin(published, fields)
        return
    if source.startswith(("http://", "https://")):
        yield from _from_url(source, published, fetch)
        return
    path = Path(source)
    if path.is_dir():
        for child in input_files(path):
            yield from read_path(str(child), published, fields, fetch)
        return
    if not path.exists():
        yield Rejected(str(path), Errors.E005.format(item=path))
        return
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    if kind is None:
        yield Rejected(str(path), Errors.E008.format(item=path, suffix=path.suffix or "(none)"))
    elif kind == "jsonl":
        yield from _from_jsonl(path, published, fields)
    elif kind == "csv":
        yield from _from_csv(path, published, fields)
    elif kind == "html":
        yield from _from_html(path, published)
    elif kind == "feed":
        try:
            data = path.read_bytes()
        except OSError as exc:
            yield Rejected(str(path), Errors.E009.format(item=path, reason=exc.strerror or type(exc).__name__))
            return
        yield from articles_from_feed(data, str(path), published, fetch)
    else:
        text, error = _read_text(path)
        if text is None:
            yield Rejected(str(path), error or "")
        elif kind == "text":
            yield Article(path.stem, text, "", published, str(path)) if text.strip() else Rejected(
                path.stem, Errors.E001.format(item=path))
        else:
            yield from _from_json(text, path, published, fields)


def _from_json(text: str, path: Path, published: date | None, fields: FieldMap) -> Iterator[Article | Rejected]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(str(path), Errors.E003.format(item=path, line=exc.lineno, reason=exc.msg))
        return
    records = data if isinstance(data, list) else [data]
    for n, record in enumerate(records):
        yield article_from_record(record, str(path) if len(records) == 1 else f"{path}[{n}]", published, fields, str(path))


def read_inputs(sources: Iterable[str], published: date | None = None, fields: FieldMap = NO_MAPPING,
                fetch: bool = False) -> Iterator[Article | Rejected]:
    """Articles of every input, in order; the ``published`` given here is the default
    for articles that carry no date of their own."""
    for source in sources:
        yield from read_path(source, published, fields, fetch)


def count_inputs(sources: Iterable[str]) -> int | None:
    """About how many items the inputs hold, for a progress bar's ETA; None when it cannot
    be told without downloading (addresses, standard input). Counting reads each file once
    more, line by line, which costs little beside coding."""
    total = 0
    for source in sources:
        if source == "-" or source.startswith(("http://", "https://")):
            return None
        path = Path(source)
        paths = list(input_files(path)) if path.is_dir() else [path]
        for file in paths:
            kind = SUFFIX_KINDS.get(file.suffix.lower())
            try:
                if kind in ("jsonl", "csv"):
                    with file.open("rb") as handle:
                        lines = sum(1 for line in handle if line.strip())
                    total += max(lines - (kind == "csv"), 0)
                elif kind == "json":
                    data = json.loads(file.read_bytes())
                    total += len(data) if isinstance(data, list) else 1
                elif kind == "feed":
                    data = file.read_bytes()
                    total += max(data.count(b"<item") + data.count(b"<entry"), 1)
                else:
                    total += 1
            except (OSError, ValueError):
                total += 1
    return total
