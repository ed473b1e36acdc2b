"""PolNeAR: read its attribution annotations and score quotes against them.

PolNeAR (Newell, Margolin and Ruths, 2018) annotates every attribution of a set of
US political news articles in BRAT standoff: a *source* (who), a *cue* ("said",
"according to") and a *content* span, each possibly in several pieces. This module
reads one compartment of it (``data/dev`` or ``data/train``: ``text/*.txt`` and
``attributions/*.ann``, dates from ``../metadata.tsv``) and scores any system's
quotes against it, so eventwire and textacy are measured by the same rules:

- a system quote matches a gold attribution when their content spans overlap by at
  least half of the shorter one; gold and system are paired one to one per article
  by the maximum matching of :mod:`eventwire.evaluate`;
- *all*: every gold attribution and every system quote count;
- *quoted*: the gold attributions whose content lies in quotation marks (four fifths
  of its letters inside a pair of marks), against the system quotes the system
  itself says are in marks (for eventwire, kinds ``direct`` and ``partial``);
- *speakers*: over matched pairs whose gold has a source, the share whose system
  speaker span overlaps it.

Like :mod:`eventwire.evaluate`, the scorer is pure; only :func:`read_polnear` reads.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .evaluate import max_matching

Spans = tuple[tuple[int, int], ...]

OPENING_MARKS = "“«„"
CLOSING_MARKS = "”»"
QUOTED_SHARE = 0.8  # of the content's letters inside quotation marks, for a quoted attribution


@dataclass(frozen=True)
class GoldAttribution:
    content: Spans
    source: Spans = ()
    cue: Spans = ()
    quoted: bool = False


@dataclass
class PolnearArticle:
    id: str
    text: str
    published: date | None
    title: str = ""
    attributions: list[GoldAttribution] = field(default_factory=list)


@dataclass(frozen=True)
class SystemQuote:
    """A quote of any system, reduced to what the scorer needs."""

    start: int
    end: int
    quoted: bool  # the system says its words are in quotation marks
    speaker: tuple[int, int] | None = None  # character span of the speaker's mention


def _spans(field_text: str) -> Spans:
    """'315 448;463 553' -> ((315, 448), (463, 553))."""
    out = []
    for piece in field_text.split(";"):
        start, end = piece.split()
        out.append((int(start), int(end)))
    return tuple(out)


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """The attributions of one BRAT standoff file: its E lines and the T spans they name."""
    spans: dict[str, tuple[str, Spans]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    inside = quoted_mask(text)
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""), ("", ()))[1]
        if not content:
            continue
        source = spans.get(rel.get("Source", ""), ("", ()))[1]
        cue = spans.get(rel.get("Cue", ""), ("", ()))[1]
        out.append(GoldAttribution(content, source, cue, _mostly_quoted(content, text, inside)))
    return out


def quoted_mask(text: str) -> list[bool]:
    """For each character, whether it lies between a pair of quotation marks of its
    paragraph (curly marks pair by direction, straight ones alternately; the typewriter
    marks ``...'' and ''...'' of older copy count as straight ones)."""
    mask = [False] * len(text)
    for para in re.finditer(r"[^\n]+", text):
        open_at = None
        i = para.start()
        while i < para.end():
            ch = text[i : i + 2] if text[i : i + 2] in ("``", "''") else text[i]
            if open_at is None and (ch in OPENING_MARKS or ch in ('"', "``", "''")):
                open_at = i
            elif open_at is not None and (ch in CLOSING_MARKS or ch in ('"', "''")):
                for k in range(open_at, i + len(ch)):
                    mask[k] = True
                open_at = None
            i += len(ch)
    return mask


def _mostly_quoted(spans: Spans, text: str, inside: list[bool]) -> bool:
    letters = [i for s, e in spans for i in range(s, min(e, len(text))) if text[i].isalnum()]
    return bool(letters) and sum(inside[i] for i in letters) >= QUOTED_SHARE * len(letters)


def _published(metadata: Path) -> dict[str, tuple[date | None, str]]:
    out: dict[str, tuple[date | None, str]] = {}
    if not metadata.is_file():
        return out
    with metadata.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                day = date.fromisoformat(row.get("publication_date") or "")
            except ValueError:
                day = None
            out[row.get("filename", "")] = (day, row.get("title") or "")
    return out


def read_polnear(folder: str | Path) -> list[PolnearArticle]:
    """One compartment of PolNeAR: ``folder`` holds ``text/`` and ``attributions/``.
    Raises ValueError when it does not."""
    root = Path(folder)
    texts, anns = root / "text", root / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise ValueError(f"{root} has no text/ and attributions/ folders (expected a PolNeAR compartment such as data/dev)")
    meta = _published(root.parent / "metadata.tsv")
    articles = []
    seen: set[str] = set()
    for ann_path in sorted(anns.glob("*.ann")):
        stem = ann_path.stem.rsplit("_", 1)[0]  # "<article>_<annotator>.ann"
        text_path = texts / f"{stem}.txt"
        if stem in seen or not text_path.is_file():
            continue  # an article annotated twice (for agreement studies) is scored once
        seen.add(stem)
        text = text_path.read_text(encoding="utf-8")
        day, title = meta.get(stem, (None, ""))
        articles.append(PolnearArticle(stem, text, day, title, parse_ann(ann_path.read_text(encoding="utf-8"), text)))
    return articles


def _length(spans: Iterable[tuple[int, int]]) -> int:
    return sum(max(e - s, 0) for s, e in spans)


def _overlap(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def content_match(gold: GoldAttribution, quote: SystemQuote) -> bool:
    system = ((quote.start, quote.end),)
    shorter = min(_length(gold.content), _length(system))
    return shorter > 0 and 2 * _overlap(gold.content, system) >= shorter


def speaker_match(gold: GoldAttribution, quote: SystemQuote) -> bool:
    return quote.speaker is not None and _overlap(gold.source, (quote.speaker,)) > 0


def _prf(hits: int, gold_total: int, system_total: int) -> dict:
    p = hits / system_total if system_total else None
    r = hits / gold_total if gold_total else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"hits": hits, "gold": gold_total, "system": system_total, "precision": p, "recall": r, "f1": f}


def score_attributions(articles: Sequence[PolnearArticle], system: dict[str, list[SystemQuote]]) -> dict:
    """Quote precision, recall and F1 over all attributions and over quoted ones, and
    speaker accuracy, by the rules in this module's docstring."""
    hits = gold_n = sys_n = 0
    q_gold_hits = q_gold = q_sys_hits = q_sys = 0
    spk_right = spk_total = 0
    details = []
    for article in articles:
        gold = article.attributions
        quotes = system.get(article.id, [])
        pairs = max_matching([{"gold": g} for g in gold], [{"quote": q} for q in quotes],
                             lambda g, s: content_match(g["gold"], s["quote"]),
                             lambda g, s: int(speaker_match(g["gold"], s["quote"])), max_agreement=1)
        matched_system = set(pairs.values())
        hits += len(pairs)
        gold_n += len(gold)
        sys_n += len(quotes)
        q_gold += sum(g.quoted for g in gold)
        q_gold_hits += sum(gold[i].quoted for i in pairs)
        q_sys += sum(q.quoted for q in quotes)
        q_sys_hits += sum(quotes[j].quoted for j in matched_system)
        for i, j in pairs.items():
            if gold[i].source:
                spk_total += 1
                right = speaker_match(gold[i], quotes[j])
                spk_right += right
                if not right:
                    details.append(("SPEAKER", article.id, gold[i], quotes[j]))
        details += [("MISS", article.id, g, None) for i, g in enumerate(gold) if i not in pairs]
        details += [("FALSE", article.id, None, q) for j, q in enumerate(quotes) if j not in matched_system]
    quoted = _prf(q_gold_hits, q_gold, q_sys)
    quoted["precision"] = q_sys_hits / q_sys if q_sys else None  # a quoted system quote may match any attribution
    p, r = quoted["precision"], quoted["recall"]
    quoted["f1"] = 2 * p * r / (p + r) if p and r else None
    return {
        "articles": len(articles),
        "all": _prf(hits, gold_n, sys_n),
        "quoted": quoted,
        "speakers": {"correct": spk_right, "total": spk_total, "accuracy": spk_right / spk_total if spk_total else None},
        "details": details,
    }


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_attribution_report(report: dict, texts: dict[str, str] | None = None, show_details: bool = False,
                              name: str = "eventwire") -> str:
    lines = [f"{name}: {report['articles']} articles", "",
             f"{'':16}{'hits':>6}{'gold':>6}{'system':>8}{'P':>8}{'R':>8}{'F1':>8}"]
    for key, label in (("all", "all attributions"), ("quoted", "in quote marks")):
        row = report[key]
        lines.append(f"{label:16}{row['hits']:>6}{row['gold']:>6}{row['system']:>8}"
                     f"{_num(row['precision']):>8}{_num(row['recall']):>8}{_num(row['f1']):>8}")
    spk = report["speakers"]
    lines += ["", f"speakers        {spk['correct']} of {spk['total']} right: {_num(spk['accuracy'])}"]
    if show_details and texts is not None:
        lines.append("")
        for kind, art, gold, quote in report["details"]:
            text = texts.get(art, "")
            gold_text = " | ".join(text[s:e] for s, e in gold.content)[:110] if gold else ""
            quote_text = text[quote.start:quote.end][:110] if quote else ""
            source = " ".join(text[s:e] for s, e in gold.source) if gold else ""
            speaker = text[quote.speaker[0]:quote.speaker[1]] if quote and quote.speaker else "-"
            lines.append(f"{kind:8} {art[:40]:40} gold[{source}] {gold_text!r} system[{speaker}] {quote_text!r}")
    return "\n".join(lines)


def from_eventwire(quotes: Iterable[dict]) -> list[SystemQuote]:
    """eventwire's quotes (as the CLI writes them) as attributions, which PolNeAR counts
    once per cue: the two halves of a split quote ('"...," he said. "..."'), the partial
    quotes of one cue ('to "go vote" and then "go sit there"') and the reported speech
    they lie in are one attribution spanning them."""
    groups: dict[tuple, list[dict]] = {}
    for q in quotes:
        speaker = q.get("speaker") or {}
        key = (q.get("cue_start"), speaker.get("name")) if q.get("cue_start") is not None else (id(q),)
        groups.setdefault(key, []).append(q)
    merged = []
    for members in groups.values():
        first = min(members, key=lambda q: q["start"])
        speaker = first.get("speaker") or {}
        span = (speaker["start"], speaker["end"]) if speaker.get("start") is not None and speaker.get("end") is not None else None
        quoted = all(q.get("kind") in ("direct", "partial") for q in members)
        merged.append(SystemQuote(first["start"], max(q["end"] for q in members), quoted, span))
    return merged
