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


def score_event_clusters(articles: Iterable[FiveW1HArticle], outputs: dict[str, dict],
                         cluster_of: dict[str, str]) -> dict:
    """Whether each story's main event comes out as one cross-article event cluster.

    A story's articles each have a main event (:func:`main_event`), and each event a
    cluster (``cluster_of``: event id to cluster id). A story is *one cluster* when the
    main events of all its articles that have one fall into the same cluster and there
    are at least two of them; *mostly* when one cluster holds at least half of them (and
    two or more). ``merged`` counts clusters that join main events of different stories,
    the deduplication's false merges."""
    by_story: dict[str, list[str | None]] = {}
    stories_of_cluster: dict[str, set[str]] = {}
    for article in articles:
        event = main_event((outputs.get(article.id) or {}).get("events") or [])
        cid = cluster_of.get(event["id"]) if event else None
        by_story.setdefault(article.cluster, []).append(cid)
        if cid:
            stories_of_cluster.setdefault(cid, set()).add(article.cluster)
    stories = {}
    for story, cids in sorted(by_story.items()):
        found = [c for c in cids if c]
        top = max((found.count(c) for c in set(found)), default=0)
        stories[story] = {"articles": len(cids), "with_main_event": len(found), "largest_cluster": top,
                          "one_cluster": len(found) >= 2 and top == len(found),
                          "mostly": top >= 2 and 2 * top >= len(found)}
    many = [s for s in stories.values() if s["articles"] >= 2]
    return {"stories": stories, "multi_article_stories": len(many),
            "one_cluster": sum(s["one_cluster"] for s in many), "mostly": sum(s["mostly"] for s in many),
            "merged": sum(len(v) > 1 for v in stories_of_cluster.values())}


def format_event_cluster_report(report: dict) -> str:
    lines = [f"{'story cluster':24}{'articles':>9}{'main events':>13}{'in largest':>12}"]
    for name, row in report["stories"].items():
        lines.append(f"{name[:24]:24}{row['articles']:>9}{row['with_main_event']:>13}{row['largest_cluster']:>12}")
    lines.append(f"stories of 2+ articles: {report['multi_article_stories']}; main event one cluster: {report['one_cluster']}; "
                 f"at least half in one cluster: {report['mostly']}; clusters joining two stories: {report['merged']}")
    return "\n".join(lines)


def format_cluster_report(report: dict) -> str:
    def cell(pair: list[int]) -> str:
        right, total = pair
        return f"{right:>3}/{total:<3} {right / total:.2f}" if total else "  -         "

    lines = [f"{'story cluster':24}{'articles':>9}  {'when agrees':>14}  {'where agrees':>14}"]
    for name, row in [*report["clusters"].items(), ("all", report["all"])]:
        lines.append(f"{name[:24]:24}{row['articles']:>9}  {cell(row['when']):>14}  {cell(row['where']):>14}")
    return "\n".join(lines)
