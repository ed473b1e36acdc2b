"""eventwire and textacy side by side on PolNeAR quote attribution.

Both systems read the same articles, parsed by the same spaCy model, and are scored by
the same rules (eventwire/polnear.py). textacy's ``direct_quotations`` only looks for
quotations in marks, so eventwire is shown twice: with all its attributions, and with
only its quotes in marks. An article on which textacy raises (it does on odd numbers
of quotation marks) is counted as coded with no quotes, as a user would get.

    .venv/bin/pip install textacy==0.13.0      # or: pip install -e ".[bench]"
    .venv/bin/python benchmarks/quotes_vs_textacy.py [../shared/corpus/polnear/data/dev] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eventwire.api import code_articles  # noqa: E402
from eventwire.nlp import installed_model  # noqa: E402
from eventwire.polnear import (  # noqa: E402
    SystemQuote,
    format_attribution_report,
    from_eventwire,
    read_polnear,
    score_attributions,
)
from eventwire.records import Article, to_json  # noqa: E402
from eventwire.settings import Settings  # noqa: E402

QUOTE_CHARS = '"“”'


def textacy_quotes(nlp, text: str) -> tuple[list[SystemQuote], str | None]:
    """textacy's direct quotations of one article, or none and the error it raised."""
    import textacy.extract.triples

    doc = nlp(text)
    try:
        triples = list(textacy.extract.triples.direct_quotations(doc))
    except Exception as exc:  # noqa: BLE001 - what the user would meet is the point
        return [], f"{type(exc).__name__}: {str(exc)[:80]}"
    out = []
    for triple in triples:
        content = triple.content
        speaker = (min(t.idx for t in triple.speaker), max(t.idx + len(t.text) for t in triple.speaker)) if triple.speaker else None
        out.append(SystemQuote(content.start_char, content.end_char, True, speaker))
    return out, None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("compartment", nargs="?", default=str(REPO.parent / "shared" / "corpus" / "polnear" / "data" / "dev"))
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = parser.parse_args()
    try:
        import spacy
        import textacy  # noqa: F401
    except ImportError:
        print("textacy is not installed: .venv/bin/pip install textacy==0.13.0", file=sys.stderr)
        return 2
    if not Path(args.compartment).is_dir():
        print(f"{args.compartment} is absent: the PolNeAR corpus is not next to this checkout", file=sys.stderr)
        return 2
    articles = read_polnear(args.compartment)
    articles = articles[: args.limit] if args.limit > 0 else articles
    texts = {a.id: a.text for a in articles}

    started = time.perf_counter()
    items = [Article(a.id, a.text, a.title, a.published) for a in articles]
    results = list(code_articles(items, Settings(indirect_quotes=True)))
    outputs = {r.article.id: to_json(r)["quotes"] for r in results}
    eventwire_failed = sum(1 for r in results if any(e.startswith("[E") for e in r.errors))
    eventwire_seconds = time.perf_counter() - started
    ours = {k: from_eventwire(v) for k, v in outputs.items()}
    ours_marked = {k: [q for q in v if q.quoted] for k, v in ours.items()}

    nlp = spacy.load(installed_model())
    started = time.perf_counter()
    theirs, failures = {}, {}
    for article in articles:
        theirs[article.id], error = textacy_quotes(nlp, article.text)
        if error:
            failures[article.id] = error
    textacy_seconds = time.perf_counter() - started

    odd = [a.id for a in articles if sum(a.text.count(c) for c in QUOTE_CHARS) % 2]
    print(format_attribution_report(score_attributions(articles, ours), texts, name="eventwire, all attributions"))
    print()
    print(format_attribution_report(score_attributions(articles, ours_marked), texts, name="eventwire, quotes in marks only"))
    print()
    print(format_attribution_report(score_attributions(articles, theirs), texts, name="textacy 0.13 direct_quotations"))
    print()
    print(f"articles with an odd number of double quotation marks: {len(odd)}")
    print(f"articles on which textacy raised an error: {len(failures)}; on which eventwire failed: {eventwire_failed}")
    for art, error in list(failures.items())[:5]:
        print(f"  {art[:50]}: {error}")
    print(f"time: eventwire {eventwire_seconds:.1f} s (whole pipeline), textacy {textacy_seconds:.1f} s (parse and quotes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
