"""Giveme5W1H: how often eventwire's main event has the annotated 'when' and 'where'.

The Giveme5W1H gold standard (Hamborg et al., 2019) is a set of news articles in story
clusters (``category``: several outlets reporting one event), each annotated with
phrases answering who, what, when, where, why and how. This module reads its JSON files
and compares, article by article:

- the *main event*: the event eventwire reports most often (most evidence sentences),
  the earlier one on a tie; an article with no event has none;
- *when* agrees when the main event's date equals a date annotated for the article
  (the gold's ``parsed`` values);
- *where* agrees when the main event's place name or text and an annotated 'where'
  phrase contain one another, ignoring case.

Only :func:`read_giveme5w1h` reads; the rest is pure.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass
class FiveW1HArticle:
    id: str
    cluster: str
    text: str
    title: str
    published: date | None
    when: list[str] = field(default_factory=list)  # annotated dates, YYYY-MM-DD
    where: list[str] = field(default_factory=list)  # annotated place phrases


def _annotated(record: dict, key: str) -> list[dict]:
    return [a for a in ((record.get("fiveWoneH") or {}).get(key) or {}).get("annotated") or [] if isinstance(a, dict)]


def read_giveme5w1h(folder: str | Path) -> list[FiveW1HArticle]:
    """Every article of the folder's JSON files; a file that is not one is skipped."""
    root = Path(folder)
    if not root.is_dir():
        raise ValueError(f"{root} is not a folder of Giveme5W1H JSON files")
    out = []
    for path in sorted(root.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(record, dict) or not record.get("text"):
            continue
        try:
            published = date.fromisoformat(str(record.get("date_publish") or "")[:10])
        except ValueError:
            published = None
        when = [str(a["parsed"])[:10] for a in _annotated(record, "when") if a.get("parsed")]
        where = [str(a["text"]) for a in _annotated(record, "where") if a.get("text")]
        out.append(FiveW1HArticle(str(record.get("dId") or path.stem), str(record.get("category") or "?"),
                                  str(record["text"]), str(record.get("title") or ""), published, when, where))
    return out


def main_event(events: list[dict]) -> dict | None:
    """The event an article reports most often, the earlier one on a tie."""
    if not events:
        return None
    return min(events, key=lambda e: (-len(e.get("evidence") or []), e.get("start", 0)))


def _place_names(event: dict) -> list[str]:
    loc = event.get("event_loc") or {}
    return [str(v).lower() for v in (loc.get("name"), loc.get("text")) if v]


def when_agrees(article: FiveW1HArticle, event: dict | None) -> bool:
    return event is not None and bool(event.get("date")) and event["date"] in article.when


def where_agrees(article: FiveW1HArticle, event: dict | None) -> bool:
    if event is None:
        return False
    names = _place_names(event)
    return any(n in w.lower() or w.lower() in n for n in names for w in article.where)


def score_clusters(articles: Iterable[FiveW1HArticle], outputs: dict[str, dict]) -> dict:
    """Agreement per story cluster and overall, over the articles with a 'when' or
    'where' annotation."""
    clusters: dict[str, dict] = {}
    for article in articles:
        event = main_event((outputs.get(article.id) or {}).get("events") or [])
        row = clusters.setdefault(article.cluster, {"articles": 0, "when": [0, 0], "where": [0, 0]})
        row["articles"] += 1
        if article.when:
            row["when"][1] += 1
            row["when"][0] += when_agrees(article, event)
        if article.where:
            row["where"][1] += 1
            row["where"][0] += where_agrees(article, event)
    total = {"articles": sum(r["articles"] for r in clusters.values()),
             "when": [sum(r["when"][i] for r in clusters.values()) for i in (0, 1)],
             "where": [sum(r["where"][i] for r in clusters.values()) for i in (0, 1)]}
    return {"clusters": dict(sorted(clusters.items())), "all": total}


def format_cluster_report(report: dict) -> str:
    def cell(pair: list[int]) -> str:
        right, total = pair
        return f"{right:>3}/{total:<3} {right / total:.2f}" if total else "  -         "

    lines = [f"{'story cluster':24}{'articles':>9}  {'when agrees':>14}  {'where agrees':>14}"]
    for name, row in [*report["clusters"].items(), ("all", report["all"])]:
        lines.append(f"{name[:24]:24}{row['articles']:>9}  {cell(row['when']):>14}  {cell(row['where']):>14}")
    return "\n".join(lines)
