"""Score coder output against gold annotations, following ``gold/FORMAT.md``.

The scorer is pure: apart from :func:`load_gold` it does no I/O and loads no model,
so it can be used from tests, benchmarks and the command line alike.

Events and quotes are matched one to one per article by a maximum bipartite
matching that maximises first the number of required gold items matched, then the
total number matched (see :func:`max_matching`). A system item matched to an
optional gold item is therefore neither a hit nor a false alarm, as FORMAT.md
demands, and two records of one gold event give one hit and one false alarm.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "GoldError",
    "format_report",
    "load_gold",
    "calibration",
    "event_labels",
    "max_matching",
    "normalize_quote",
    "score",
]

# Quotation marks of every common style; they are removed before quotes are compared
# so that “curly”, "straight", «guillemet» and „low“ quoting all compare equal.
QUOTE_MARKS = "\"'“”„‟‘’‚‛«»‹›"
_QUOTE_TABLE = str.maketrans("", "", QUOTE_MARKS)
_WHITESPACE = re.compile(r"\s+")

EVIDENCE_WIDTH = 120


# --------------------------------------------------------------------------- gold


class GoldError(ValueError):
    """Unreadable or invalid gold; the message names the file (and line) at fault."""


def load_gold(paths: str | Path | Iterable[str | Path], corpus: str | Path | None = None) -> list[dict]:
    """Load gold articles from folders of ``.json`` files, ``.jsonl`` files or ``.json`` files.

    Gold kept without the article's text (because the text is someone else's) names the
    article by ``id``; its ``text``, and a missing ``title`` or ``published``, are then
    filled in from ``corpus``, a JSON Lines file of articles.

    Gold is hand-written, so every problem is reported as a one-line ``ValueError``
    naming the file (and the line, for JSONL) rather than surfacing later as an
    obscure ``KeyError`` in the middle of scoring.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    articles: list[dict] = []
    seen: dict[str, str] = {}
    texts: dict[str, dict] | None = None
    for raw in paths:
        for article, where in _read_gold_path(Path(raw)):
            if isinstance(article, dict) and "text" not in article and "id" in article:
                if texts is None:
                    texts = _read_corpus(corpus, where)
                source = texts.get(str(article["id"]))
                if source is None:
                    raise GoldError(f"{where}: article {article['id']!r} is not in the corpus {corpus}")
                article = {**article, "text": source.get("text", "")}
                for key in ("title", "published"):
                    if not article.get(key) and source.get(key):
                        article[key] = str(source[key])[:10] if key == "published" else source[key]
            _validate_article(article, where)
            if article["id"] in seen:
                raise GoldError(
                    f"{where}: duplicate article id {article['id']!r} (first seen at {seen[article['id']]})"
                )
            seen[article["id"]] = where
            articles.append(article)
    return articles


def _read_corpus(corpus: str | Path | None, where: str) -> dict[str, dict]:
    """The articles of a JSON Lines corpus by id, for gold kept without its text."""
    if corpus is None:
        raise GoldError(f"{where}: the gold article has no 'text' and no corpus was given to fill it in")
    path = Path(corpus)
    if not path.is_file():
        raise GoldError(f"{where}: the gold article has no 'text' and the corpus {path} is missing")
    return {str(record.get("id")): record for record, _ in _read_jsonl_file(path) if isinstance(record, dict)}


def _read_gold_path(path: Path) -> list[tuple[Any, str]]:
    """Return ``(object, location)`` pairs for one gold path, in a stable order."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix == ".json" and p.is_file())
        if not files:
            raise GoldError(f"{path}: folder holds no .json gold files")
        return [_read_json_file(p) for p in files]
    if not path.is_file():
        raise GoldError(f"{path}: no such gold file or folder")
    if path.suffix == ".jsonl":
        return _read_jsonl_file(path)
    return [_read_json_file(path)]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file: {exc}") from None


def _read_json_file(path: Path) -> tuple[Any, str]:
    try:
        return json.loads(_read_text(path)), str(path)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from None


def _read_jsonl_file(path: Path) -> list[tuple[Any, str]]:
    records = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            records.append((json.loads(line), where))
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: invalid JSON: {exc.msg}") from None
    return records


def _validate_article(article: Any, where: str) -> None:
    """Check the fields the scorer relies on, so bad gold fails loudly at load time."""
    if not isinstance(article, dict):
        raise GoldError(f"{where}: gold article is not a JSON object")
    for key in ("id", "text"):
        if not isinstance(article.get(key), str):
            raise GoldError(f"{where}: gold article lacks a string {key!r}")
    for section in ("events", "quotes", "stances"):
        if not isinstance(article.get(section, []), list):
            raise GoldError(f"{where}: {section!r} of {article['id']} is not a list")
    for n, event in enumerate(article.get("events", [])):
        if not isinstance(event, dict):
            raise GoldError(f"{where}: event {n} of {article['id']} is not an object")
        for key in ("event", "actor", "recipient"):
            if not isinstance(event.get(key), list) or not event[key]:
                raise GoldError(
                    f"{where}: event {n} of {article['id']} needs a non-empty list {key!r}"
                )
    for n, quote in enumerate(article.get("quotes", [])):
        if not isinstance(quote, dict) or not isinstance(quote.get("text"), str):
            raise GoldError(
                f"{where}: quote {n} of {article['id']} lacks a string 'text'"
            )
        if not quote.get("speaker") and not quote.get("code"):
            raise GoldError(
                f"{where}: quote {n} of {article['id']} has neither 'speaker' nor 'code'"
            )
    for n, stance in enumerate(article.get("stances", [])):
        if not isinstance(stance, dict) or not all(
            isinstance(stance.get(k), str) for k in ("actor", "issue", "stance")
        ):
            raise GoldError(
                f"{where}: stance {n} of {article['id']} needs string 'actor', 'issue', 'stance'"
            )


# ------------------------------------------------------------------------ helpers


def _entity_code(entity: Any) -> str | None:
    """Code of an entity dict; a bare string is taken as the code itself."""
    if isinstance(entity, dict):
        return entity.get("code")
    return entity if isinstance(entity, str) else None


def _entity_codes(entities: Any) -> list[str]:
    """Non-null codes of an entity list; an entity without a code is no code at all."""
    if entities is None:
        return []
    if not isinstance(entities, list):
        entities = [entities]
    return [code for code in map(_entity_code, entities) if code]


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _fold(value: Any) -> str | None:
    """Case-insensitive, space-trimmed form of a name, or None for no name."""
    if not isinstance(value, str) or not value.strip():
        return None
    return _WHITESPACE.sub(" ", value).strip().casefold()


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _prf(hits: int, misses: int, false_alarms: int) -> dict:
    precision = _ratio(hits, hits + false_alarms)
    recall = _ratio(hits, hits + misses)
    if precision is None or recall is None:
        f1 = None
    elif precision + recall == 0:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {
        "hits": hits,
        "misses": misses,
        "false_alarms": false_alarms,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def _accuracy(correct: int, total: int) -> dict:
    return {"correct": correct, "total": total, "accuracy": _ratio(correct, total)}


# ----------------------------------------------------------------------- matching


def max_matching(
    gold: Sequence[dict],
    system: Sequence[dict],
    compatible: Callable[[dict, dict], bool],
    agreement: Callable[[dict, dict], int] | None = None,
    max_agreement: int = 2,
) -> dict[int, int]:
    """Best one-to-one matching gold index -> system index over compatible pairs.

    Matchings are ranked lexicographically by (1) the number of required gold items
    matched, (2) the total number matched, (3) the summed ``agreement`` of the pairs
    (0..``max_agreement`` each, e.g. right date and right location). (1) and (2) are
    FORMAT.md's maximum matching; (3) only picks among equally large matchings, so a
    system is not marked down on dates because an arbitrary tie paired its correctly
    dated event with the wrong one of two otherwise identical gold events. Integer
    weights encode the ranking exactly and an assignment solver finds the optimum.
    """
    size = max(len(gold), len(system))
    if not gold or not system:
        return {}
    per_pair = max_agreement * size + 1  # exceeds any total agreement
    required_bonus = per_pair * (size + 1)  # exceeds any total of per_pair weights
    weights = [[0] * size for _ in range(size)]
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if not compatible(g, s):
                continue
            bonus = min(max(agreement(g, s), 0), max_agreement) if agreement else 0
            weights[i][j] = (
                per_pair + bonus + (0 if g.get("optional") else required_bonus)
            )
    assignment = _max_weight_assignment(weights)
    return {
        i: j
        for i, j in enumerate(assignment)
        if i < len(gold) and j < len(system) and weights[i][j] > 0
    }


def _max_weight_assignment(weights: list[list[int]]) -> list[int]:
    """Row -> column assignment of a square non-negative matrix maximising total weight.

    The Hungarian algorithm with potentials (O(n^3)), run on negated weights. A zero
    weight stands for "not a pair", so a full assignment is as good as any partial
    matching: unmatched rows simply take zero-weight columns.
    """
    n = len(weights)
    infinity = float("inf")
    u = [0] * (n + 1)
    v = [0] * (n + 1)
    column_owner = [0] * (n + 1)  # 1-based row assigned to each column; 0 = none
    way = [0] * (n + 1)
    for row in range(1, n + 1):
        column_owner[0] = row
        current = 0
        min_slack = [infinity] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[current] = True
            owner = column_owner[current]
            delta, next_column = infinity, 0
            for col in range(1, n + 1):
                if used[col]:
                    continue
                slack = -weights[owner - 1][col - 1] - u[owner] - v[col]
                if slack < min_slack[col]:
                    min_slack[col], way[col] = slack, current
                if min_slack[col] < delta:
                    delta, next_column = min_slack[col], col
            for col in range(n + 1):
                if used[col]:
                    u[column_owner[col]] += delta
                    v[col] -= delta
                else:
                    min_slack[col] -= delta
            current = next_column
            if column_owner[current] == 0:
                break
        while current:
            previous = way[current]
            column_owner[current] = column_owner[previous]
            current = previous
    assignment = [0] * n
    for col in range(1, n + 1):
        assignment[column_owner[col] - 1] = col - 1
    return assignment


# ------------------------------------------------------------------------- events


def event_compatible(gold: dict, system: dict) -> bool:
    """FORMAT.md's event match: type, some actor code and some recipient code agree.

    A system event without recipient codes matches only a gold event whose
    recipient list holds null ("no recipient is acceptable").
    """
    if system.get("event") not in _as_list(gold.get("event")):
        return False
    gold_actors = _as_list(gold.get("actor"))
    if not any(code in gold_actors for code in _entity_codes(system.get("actor"))):
        return False
    gold_recipients = _as_list(gold.get("recipient"))
    recipients = _entity_codes(system.get("recipient"))
    if not recipients:
        return None in gold_recipients
    return any(code in gold_recipients for code in recipients)


def _date_ok(gold: dict, system: dict) -> bool:
    return system.get("date") == gold.get("date")


def _location_names(system: dict) -> list[str]:
    loc = system.get("event_loc")
    if isinstance(loc, str):
        loc = {"name": loc}
    if not isinstance(loc, dict):
        return []
    return [
        name for name in (loc.get("name"), loc.get("text")) if isinstance(name, str)
    ]


def _location_ok(gold: dict, system: dict) -> bool:
    wanted = _fold(gold.get("location"))
    return wanted is not None and any(
        _fold(n) == wanted for n in _location_names(system)
    )


def _event_agreement(gold: dict, system: dict) -> int:
    """How many of the scored attributes (date, location) the pair gets right."""
    date_right = bool(gold.get("date")) and _date_ok(gold, system)
    location_right = bool(gold.get("location")) and _location_ok(gold, system)
    return int(date_right) + int(location_right)


def _gold_event_summary(event: dict) -> dict:
    return {
        "event": _as_list(event.get("event")),
        "actor": _as_list(event.get("actor")),
        "recipient": _as_list(event.get("recipient")),
        "evidence": event.get("evidence"),
    }


def _system_event_summary(event: dict) -> dict:
    return {
        "event": event.get("event"),
        "actor": _entity_codes(event.get("actor")),
        "recipient": _entity_codes(event.get("recipient")),
        "event_text": event.get("event_text"),
        "text": event.get("text"),
    }


def _confidence_of(event: dict) -> float:
    value = event.get("confidence")
    return float(value) if isinstance(value, (int, float)) else 0.5


def event_labels(gold: list[dict], system: list[dict]) -> list[bool | None]:
    """For each system event of one article: right (it matches a required gold event),
    wrong (it matches nothing) or None (it matches an optional one, which is neither)."""
    pairs = max_matching(gold, system, event_compatible, _event_agreement, max_agreement=2)
    gold_of = {j: i for i, j in pairs.items()}
    return [None if j in gold_of and gold[gold_of[j]].get("optional") else j in gold_of for j in range(len(system))]


CONFIDENCE_BINS: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def calibration(pairs: Iterable[tuple[float, bool]]) -> dict:
    """How often events are right at each level of confidence: for each bin of
    ``CONFIDENCE_BINS``, the number of scored events and the share that were hits; and
    the same for all events above 0.8, the figure a user filtering on it relies on."""
    pairs = list(pairs)
    bins = []
    for low, high in zip(CONFIDENCE_BINS, CONFIDENCE_BINS[1:]):
        inside = [right for conf, right in pairs if low <= conf < high]
        bins.append({"from": low, "to": min(high, 1.0), "events": len(inside), "precision": _ratio(sum(inside), len(inside))})
    above = [right for conf, right in pairs if conf > 0.8]
    return {"bins": bins, "above_0.8": {"events": len(above), "precision": _ratio(sum(above), len(above))}}


def _score_events(gold: list[dict], system: list[dict]) -> dict:
    """Counts and details for one article's events."""
    pairs = max_matching(
        gold, system, event_compatible, _event_agreement, max_agreement=2
    )
    matched_system = set(pairs.values())
    result = {
        "hits": 0,
        "misses": [],
        "false_alarms": [
            _system_event_summary(s)
            for j, s in enumerate(system)
            if j not in matched_system
        ],
        "dates_correct": 0,
        "dates_total": 0,
        "wrong_dates": [],
        "locations_correct": 0,
        "locations_total": 0,
        "wrong_locations": [],
        # (confidence, right) for each system event that is right or wrong
        "confidences": [
            (_confidence_of(s), right)
            for s, right in zip(system, event_labels(gold, system))
            if right is not None
        ],
    }
    for i, g in enumerate(gold):
        if g.get("optional"):
            continue
        if i not in pairs:
            result["misses"].append(_gold_event_summary(g))
            continue
        result["hits"] += 1
        s = system[pairs[i]]
        if g.get("date"):
            result["dates_total"] += 1
            if _date_ok(g, s):
                result["dates_correct"] += 1
            else:
                result["wrong_dates"].append(
                    {
                        **_gold_event_summary(g),
                        "gold": g["date"],
                        "system": s.get("date"),
                    }
                )
        if g.get("location"):
            result["locations_total"] += 1
            if _location_ok(g, s):
                result["locations_correct"] += 1
            else:
                names = _location_names(s)
                result["wrong_locations"].append(
                    {
                        **_gold_event_summary(g),
                        "gold": g["location"],
                        "system": names[0] if names else None,
                    }
                )
    return result


# ------------------------------------------------------------------------- quotes


def normalize_quote(text: Any) -> str:
    """Fold a quote for comparison: quotation marks removed, whitespace runs to one space,
    leading/trailing punctuation and spaces stripped. Case is kept, as FORMAT.md folds
    only whitespace and quotation-mark styles.
    """
    if not isinstance(text, str):
        return ""
    folded = _WHITESPACE.sub(" ", text.translate(_QUOTE_TABLE))
    start, end = 0, len(folded)
    while start < end and _is_edge_junk(folded[start]):
        start += 1
    while end > start and _is_edge_junk(folded[end - 1]):
        end -= 1
    return folded[start:end]


def _is_edge_junk(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def quote_compatible(gold: dict, system: dict) -> bool:
    """One folded text contains the other; an empty text matches nothing."""
    g, s = normalize_quote(gold.get("text")), normalize_quote(system.get("text"))
    return bool(g) and bool(s) and (g in s or s in g)


def _system_speaker(system: dict) -> tuple[str | None, str | None]:
    """(name, code) of a system quote's speaker; a bare string is taken as the name."""
    speaker = system.get("speaker")
    if isinstance(speaker, dict):
        return speaker.get("name"), speaker.get("code")
    if isinstance(speaker, str):
        return speaker, None
    return None, None


def speaker_ok(gold: dict, system: dict) -> bool:
    """Collective speakers are judged by code, named people by canonical name."""
    name, code = _system_speaker(system)
    if gold.get("collective"):
        return code is not None and code == gold.get("code")
    wanted = _fold(gold.get("speaker"))
    return wanted is not None and _fold(name) == wanted


def _score_quotes(gold: list[dict], system: list[dict]) -> dict:
    """Counts and details for one article's quotes."""
    pairs = max_matching(
        gold,
        system,
        quote_compatible,
        lambda g, s: int(speaker_ok(g, s)),
        max_agreement=1,
    )
    matched_system = set(pairs.values())
    result = {
        "hits": sum(
            1 for i, g in enumerate(gold) if i in pairs and not g.get("optional")
        ),
        "misses": [
            {"text": g.get("text"), "speaker": g.get("speaker"), "code": g.get("code")}
            for i, g in enumerate(gold)
            if i not in pairs and not g.get("optional")
        ],
        "false_alarms": [
            {
                "text": s.get("text"),
                "speaker": _system_speaker(s)[0],
                "code": _system_speaker(s)[1],
            }
            for j, s in enumerate(system)
            if j not in matched_system
        ],
        "speakers_correct": 0,
        "speakers_total": 0,
        "wrong_speakers": [],
    }
    for i, j in sorted(pairs.items()):
        g, s = gold[i], system[j]
        result["speakers_total"] += 1
        if speaker_ok(g, s):
            result["speakers_correct"] += 1
            continue
        name, code = _system_speaker(s)
        collective = bool(g.get("collective"))
        result["wrong_speakers"].append(
            {
                "text": g.get("text"),
                "collective": collective,
                "gold": g.get("code") if collective else g.get("speaker"),
                "system": code if collective else name,
            }
        )
    return result


# ------------------------------------------------------------------------ stances


def _system_stance_table(system: list[dict]) -> dict[tuple[str, str], Any]:
    """First stance the system gives for each (actor code, issue) pair."""
    table: dict[tuple[str, str], Any] = {}
    for stance in system:
        if not isinstance(stance, dict):
            continue
        key = (_entity_code(stance.get("actor")), stance.get("issue"))
        table.setdefault(key, stance.get("stance"))
    return table


def _score_stances(gold: list[dict], system: list[dict]) -> dict:
    table = _system_stance_table(system)
    correct, wrong = 0, []
    for g in gold:
        got = table.get((g.get("actor"), g.get("issue")))
        if got == g.get("stance"):
            correct += 1
        else:
            wrong.append(
                {
                    "actor": g.get("actor"),
                    "issue": g.get("issue"),
                    "gold": g.get("stance"),
                    "system": got,
                }
            )
    return {"correct": correct, "total": len(gold), "wrong": wrong}


# ------------------------------------------------------------------------ scoring


def _index_outputs(system_outputs: list[dict]) -> dict[str, dict]:
    """Outputs by article id; a repeated id is a coder bug, so it is refused."""
    by_id: dict[str, dict] = {}
    for output in system_outputs:
        article_id = output.get("id")
        if article_id in by_id:
            raise ValueError(f"system output has article id {article_id!r} twice")
        by_id[article_id] = output
    return by_id


def _list_field(record: dict | None, key: str) -> list:
    if record is None:
        return []
    return [item for item in _as_list(record.get(key)) if isinstance(item, dict)]


def score(gold_articles: list[dict], system_outputs: list[dict]) -> dict:
    """Score system outputs against gold, matched by article ``id``, micro-averaged.

    A gold article without output counts all its required items as misses. Outputs
    whose id is not in the gold are listed under ``unscored_outputs`` and otherwise
    ignored, since there is nothing to score them against.
    """
    outputs = _index_outputs(system_outputs)
    totals = dict.fromkeys(
        (
            "event_hits", "event_misses", "event_false_alarms",
            "dates_correct", "dates_total", "locations_correct", "locations_total",
            "quote_hits", "quote_misses", "quote_false_alarms",
            "speakers_correct", "speakers_total", "stances_correct", "stances_total",
        ),
        0,
    )  # fmt: skip
    details = []
    confidences: list[tuple[float, bool]] = []
    for article in gold_articles:
        output = outputs.get(article["id"])
        events = _score_events(
            _list_field(article, "events"), _list_field(output, "events")
        )
        quotes = _score_quotes(
            _list_field(article, "quotes"), _list_field(output, "quotes")
        )
        stances = _score_stances(
            _list_field(article, "stances"), _list_field(output, "stances")
        )
        confidences += events["confidences"]
        totals["event_hits"] += events["hits"]
        totals["event_misses"] += len(events["misses"])
        totals["event_false_alarms"] += len(events["false_alarms"])
        for key in (
            "dates_correct",
            "dates_total",
            "locations_correct",
            "locations_total",
        ):
            totals[key] += events[key]
        totals["quote_hits"] += quotes["hits"]
        totals["quote_misses"] += len(quotes["misses"])
        totals["quote_false_alarms"] += len(quotes["false_alarms"])
        totals["speakers_correct"] += quotes["speakers_correct"]
        totals["speakers_total"] += quotes["speakers_total"]
        totals["stances_correct"] += stances["correct"]
        totals["stances_total"] += stances["total"]
        details.append(
            {
                "id": article["id"],
                "missing_output": output is None,
                "event_misses": events["misses"],
                "event_false_alarms": events["false_alarms"],
                "wrong_dates": events["wrong_dates"],
                "wrong_locations": events["wrong_locations"],
                "quote_misses": quotes["misses"],
                "quote_false_alarms": quotes["false_alarms"],
                "wrong_speakers": quotes["wrong_speakers"],
                "wrong_stances": stances["wrong"],
            }
        )
    gold_ids = {article["id"] for article in gold_articles}
    return {
        "articles": len(gold_articles),
        "events": _prf(
            totals["event_hits"], totals["event_misses"], totals["event_false_alarms"]
        ),
        "dates": _accuracy(totals["dates_correct"], totals["dates_total"]),
        "locations": _accuracy(totals["locations_correct"], totals["locations_total"]),
        "quotes": _prf(
            totals["quote_hits"], totals["quote_misses"], totals["quote_false_alarms"]
        ),
        "speakers": _accuracy(totals["speakers_correct"], totals["speakers_total"]),
        "stances": _accuracy(totals["stances_correct"], totals["stances_total"]),
        "calibration": calibration(confidences),
        "unscored_outputs": [i for i in outputs if i not in gold_ids],
        "details": details,
    }


# ------------------------------------------------------------------------ report


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _clip(text: Any, width: int = EVIDENCE_WIDTH) -> str:
    """One-line, length-limited rendering so each detail stays on its own line."""
    flat = _WHITESPACE.sub(" ", text).strip() if isinstance(text, str) else ""
    return flat if len(flat) <= width else flat[: width - 3].rstrip() + "..."


def _codes(values: Iterable[Any]) -> str:
    return "|".join("-" if v is None else str(v) for v in values) or "-"


def event_label(summary: dict) -> str:
    """``REQUEST JPN->RUS|PRK|-``: types, actor codes, recipient codes (``-`` = none)."""
    return f"{_codes(_as_list(summary.get('event')))} {_codes(summary.get('actor', []))}->{_codes(summary.get('recipient', []))}"


def _detail_lines(detail: dict) -> list[str]:
    aid = detail["id"]
    lines = []
    if detail["missing_output"]:
        lines.append(f"NOOUT  {aid}  no system output for this article")
    for m in detail["event_misses"]:
        lines.append(f'MISS   {aid}  {event_label(m)}  "{_clip(m["evidence"])}"')
    for f in detail["event_false_alarms"]:
        lines.append(
            f'FALSE  {aid}  {event_label(f)}  "{_clip(f["event_text"], 40)}" in "{_clip(f["text"])}"'
        )
    for d in detail["wrong_dates"]:
        lines.append(
            f"DATE   {aid}  {event_label(d)}  gold {d['gold']} system {d['system'] or '-'}"
        )
    for d in detail["wrong_locations"]:
        lines.append(
            f"LOC    {aid}  {event_label(d)}  gold {d['gold']} system {d['system'] or '-'}"
        )
    for q in detail["quote_misses"]:
        lines.append(
            f'QMISS  {aid}  {q["speaker"] or q["code"] or "-"}  "{_clip(q["text"])}"'
        )
    for q in detail["quote_false_alarms"]:
        lines.append(
            f'QFALSE {aid}  {q["speaker"] or q["code"] or "-"}  "{_clip(q["text"])}"'
        )
    for s in detail["wrong_speakers"]:
        lines.append(
            f'SPKR   {aid}  "{_clip(s["text"], 60)}"  gold {s["gold"]} system {s["system"] or "-"}'
        )
    for s in detail["wrong_stances"]:
        lines.append(
            f"STANCE {aid}  {s['actor']} {s['issue']}  gold {s['gold']} system {s['system'] or '-'}"
        )
    return lines


def format_report(report: dict, show_details: bool = False) -> str:
    """Compact table of a :func:`score` report, optionally with one line per error."""
    lines = [f"articles  {report['articles']}", ""]
    lines.append(f"{'':10}{'hits':>6}{'miss':>6}{'false':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for name in ("events", "quotes"):
        r = report[name]
        lines.append(
            f"{name:10}{r['hits']:>6}{r['misses']:>6}{r['false_alarms']:>6}"
            f"{_num(r['precision']):>8}{_num(r['recall']):>8}{_num(r['f1']):>8}"
        )
    lines.append("")
    lines.append(f"{'':10}{'correct':>8}{'total':>6}{'acc':>8}")
    for name in ("dates", "locations", "speakers", "stances"):
        r = report[name]
        lines.append(
            f"{name:10}{r['correct']:>8}{r['total']:>6}{_num(r['accuracy']):>8}"
        )
    cal = report.get("calibration")
    if cal and any(b["events"] for b in cal["bins"]):
        lines.append("")
        lines.append(f"{'confidence':14}{'events':>7}{'right':>8}")
        for b in cal["bins"]:
            if b["events"]:
                lines.append(f"{b['from']:.1f}-{b['to']:.1f}{'':7}{b['events']:>7}{_num(b['precision']):>8}")
        above = cal["above_0.8"]
        lines.append(f"{'above 0.8':14}{above['events']:>7}{_num(above['precision']):>8}")
    if report.get("unscored_outputs"):
        lines.append("")
        lines.append(
            f"unscored outputs (id not in gold): {', '.join(map(str, report['unscored_outputs']))}"
        )
    if show_details:
        detail_lines = [
            line for detail in report["details"] for line in _detail_lines(detail)
        ]
        if detail_lines:
            lines.append("")
            lines.extend(detail_lines)
    return "\n".join(lines)


# ------------------------------------------------------------------ actor mentions


def load_actor_annotations(path: str | Path) -> list[dict]:
    """Actor mention annotations: JSON lines of ``article``, ``start``, ``end``, ``name``,
    ``code``, ``sector``, ``kind`` (offsets into the article's text, no copied text)."""
    path = Path(path)
    rows = []
    for n, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{n}: invalid JSON: {exc.msg}") from None
        if not isinstance(row, dict) or any(k not in row for k in ("article", "start", "end", "code")):
            raise GoldError(f"{path}:{n}: an annotation needs article, start, end and code")
        rows.append(row)
    return rows


def score_actor_mentions(gold: list[dict], system: list[dict | None]) -> dict:
    """Code and sector accuracy of the actor resolved for each annotated mention.

    ``system`` holds, in the order of ``gold``, the entity dict (``code``, ``sector``,
    ``name``) that the coder gives the mention, or None. Mentions annotated with no code
    (the annotator could not tell) are not scored. Sector accuracy is over all scored
    mentions: a wrong code counts its sector wrong too.
    """
    by_kind: dict[str, list[int]] = {}
    wrong: list[dict] = []
    code_ok = sector_ok = total = 0
    for gold_row, entity in zip(gold, system):
        if gold_row.get("code") is None:
            continue
        total += 1
        got_code = entity.get("code") if entity else None
        got_sector = entity.get("sector") if entity else None
        c_ok = got_code == gold_row["code"]
        s_ok = c_ok and (got_sector or None) == (gold_row.get("sector") or None)
        code_ok += c_ok
        sector_ok += s_ok
        slot = by_kind.setdefault(str(gold_row.get("kind")), [0, 0, 0])
        slot[0] += 1
        slot[1] += c_ok
        slot[2] += s_ok
        if not s_ok:
            wrong.append({**gold_row, "system_code": got_code, "system_sector": got_sector,
                          "system_name": entity.get("name") if entity else None})
    return {
        "mentions": total,
        "codes": _accuracy(code_ok, total),
        "sectors": _accuracy(sector_ok, total),
        "by_kind": {k: {"mentions": v[0], "code_accuracy": _ratio(v[1], v[0]), "sector_accuracy": _ratio(v[2], v[0])}
                    for k, v in sorted(by_kind.items())},
        "wrong": wrong,
    }


def format_actor_report(report: dict, texts: dict[str, str] | None = None, show_details: bool = False) -> str:
    lines = [f"mentions  {report['mentions']}", "", "           correct total     acc"]
    for key in ("codes", "sectors"):
        acc = report[key]
        lines.append(f"{key:<10} {acc['correct']:>7} {acc['total']:>5} {_num(acc['accuracy']):>7}")
    lines.append("")
    for kind, row in report["by_kind"].items():
        lines.append(f"{kind:<13} n={row['mentions']:<4} code {_num(row['code_accuracy'])}  sector {_num(row['sector_accuracy'])}")
    if show_details:
        lines.append("")
        for row in report["wrong"]:
            text = (texts or {}).get(str(row["article"]), "")[row["start"] : row["end"]]
            lines.append(f"WRONG  {row['article']}  {text!r:<30} gold {row['code']}/{row.get('sector')}"
                         f"  system {row['system_code']}/{row['system_sector']} ({row['system_name']})")
    return "\n".join(lines)
