"""Fit the event confidence model (``eventwire/data/confidence.yaml``) on annotated articles.

    .venv/bin/python eval/fit_confidence.py            # fit, report, write the weights
    .venv/bin/python eval/fit_confidence.py --check    # report only

Each event eventwire outputs on the gold sets is labelled right (it matches a required
gold event) or wrong (it matches nothing); events matching optional gold are left out,
as the scorer leaves them out. A logistic regression over ``event_features`` is fitted
to those labels with an L2 penalty, so that a confidence reads as the rate at which
such events are right. Five-fold cross-validation by article reports how well the
rates hold on articles the fit has not seen. The gold sets read are the seed article,
the PLOVER gold-standard sentences and the VOA event gold, from ``../shared`` beside
the repository.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from datetime import date
from pathlib import Path

import yaml

from eventwire.api import code_articles
from eventwire.evaluate import calibration, event_labels, load_gold
from eventwire.events import event_features
from eventwire.ingest import article_from_record
from eventwire.records import to_json
from eventwire.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD_SETS = [SHARED / "gold" / "dev", SHARED / "corpus" / "plover-gsr" / "gsr-dev.jsonl", REPO / "eval" / "events" / "voa-dev"]
CORPUS = SHARED / "corpus" / "voa" / "voa_stories.jsonl"
OUT = REPO / "eventwire" / "data" / "confidence.yaml"
L2 = 1.0


def labelled_events() -> list[tuple[str, dict[str, float], bool]]:
    """(article id, features, right) for every scored event eventwire outputs on the gold."""
    gold = load_gold([p for p in GOLD_SETS if p.exists()], corpus=CORPUS)
    items = [article_from_record(g, str(g["id"]), None) for g in gold]
    out = []
    for article, coded in zip(gold, code_articles(items, Settings())):
        labels = event_labels(article.get("events", []), to_json(coded)["events"])
        out += [(article["id"], event_features(e), right) for e, right in zip(coded.events, labels) if right is not None]
    return out


def fit(rows: list[tuple[dict[str, float], bool]], l2: float = L2, steps: int = 3000, rate: float = 0.1) -> dict[str, float]:
    names = sorted({k for x, _ in rows for k in x})
    w = dict.fromkeys(["bias", *names], 0.0)
    n = len(rows)
    for _ in range(steps):
        grad = dict.fromkeys(w, 0.0)
        for x, y in rows:
            p = _predict(w, x)
            err = p - (1.0 if y else 0.0)
            grad["bias"] += err
            for k, v in x.items():
                grad[k] += err * v
        for k in w:
            penalty = 0.0 if k == "bias" else l2 * w[k]
            w[k] -= rate * (grad[k] + penalty) / n
    return {k: round(v, 4) for k, v in w.items()}


def _predict(w: dict[str, float], x: dict[str, float]) -> float:
    z = w.get("bias", 0.0) + sum(w.get(k, 0.0) * v for k, v in x.items())
    return 1.0 / (1.0 + math.exp(-z))


def cross_validated(data: list[tuple[str, dict[str, float], bool]], l2: float = L2, folds: int = 5) -> list[tuple[float, bool]]:
    ids = sorted({a for a, _, _ in data})
    random.Random(7).shuffle(ids)
    fold_of = {a: n % folds for n, a in enumerate(ids)}
    out = []
    for k in range(folds):
        train = [(x, y) for a, x, y in data if fold_of[a] != k]
        w = fit(train, l2)
        out += [(_predict(w, x), y) for a, x, y in data if fold_of[a] == k]
    return out


def _table(pairs: list[tuple[float, bool]]) -> str:
    cal = calibration(pairs)
    lines = [f"  {b['from']:.1f}-{b['to']:.1f}  {b['events']:>4} events  right {b['precision'] if b['precision'] is None else round(b['precision'], 3)}"
             for b in cal["bins"] if b["events"]]
    above = cal["above_0.8"]
    lines.append(f"  above 0.8 {above['events']:>4} events  right {above['precision'] if above['precision'] is None else round(above['precision'], 3)}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only; do not write the weights")
    parser.add_argument("--l2", type=float, default=L2, help=f"strength of the L2 penalty (default {L2})")
    args = parser.parse_args()
    if not all(p.exists() for p in GOLD_SETS[:2]):
        print(f"skipped: the gold sets under {SHARED} are not there", file=sys.stderr)
        return 0
    data = labelled_events()
    print(f"{len(data)} scored events, {sum(y for _, _, y in data)} right, from {len({a for a, _, _ in data})} articles")
    print("five-fold cross-validation by article:")
    print(_table(cross_validated(data, args.l2)))
    weights = fit([(x, y) for _, x, y in data], args.l2)
    print("fitted on all:")
    print(_table([(_predict(weights, x), y) for _, x, y in data]))
    if not args.check:
        header = (
            "# Weights of eventwire's event confidence: a logistic model over the features of\n"
            "# eventwire.events.event_features, fitted by eval/fit_confidence.py on the events\n"
            "# eventwire output on annotated articles (right: matches a required gold event;\n"
            "# wrong: matches none). Refit after changing the coder:\n"
            "#   .venv/bin/python eval/fit_confidence.py\n"
        )
        sets = [str(p.relative_to(REPO)) if p.is_relative_to(REPO) else "../shared/" + str(p.relative_to(SHARED)) for p in GOLD_SETS if p.exists()]
        body = {"fitted": date.today().isoformat(), "gold_sets": sets,
                "events": len(data), "weights": weights}
        OUT.write_text(header + yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
        print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
