"""The pipeline: what the CLI, the API and the tests call to code articles.

One function per level: :func:`code_doc` runs the stages over one parsed article,
:func:`code_articles` streams many through the model in batches (``nlp.pipe``) and
is the only place where a failure of one article is caught, recorded in that
article's ``errors`` and passed over, so a batch always finishes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from spacy.tokens import Doc

from .actors import find_actors
from .errors import Errors, EventwireError
from .events import attribute_by_place, confidence, extract_events, headline_sentences, merge_events, split_joint_actors
from .knowledge import Knowledge, load_knowledge
from .language import other_language
from .nlp import MAX_SENTENCE_TOKENS, SPLIT_SENTENCES, CharSpans, forget_tokens, load_model, sents_of, text_of
from .quotes import extract_quotes, quotation_spans
from .records import Article, CodedArticle, Entity, Rejected, to_json
from .settings import Settings
from .stance import code_stances
from .when import date_events
from .where import parse_dateline, place_events

OUTPUT_QUOTE_KINDS = ("direct", "partial")


def code_doc(doc: Doc, article: Article, kb: Knowledge, settings: Settings) -> CodedArticle:
    """Every stage over one parsed article, in order."""
    try:
        return _stages(doc, article, kb, settings)
    finally:
        forget_tokens(doc)


def _stages(doc: Doc, article: Article, kb: Knowledge, settings: Settings) -> CodedArticle:
    text = text_of(doc)
    spans = quotation_spans(text)
    quoted = CharSpans((s.open_mark, s.end + 1) for s in spans if s.direct)  # events inside are someone's words
    dateline, dateline_date = parse_dateline(text, article.published, kb)
    published = article.published or dateline_date
    actors = find_actors(doc, kb, published, quoted)
    quotes = extract_quotes(doc, spans, actors, kb)
    events = extract_events(doc, actors, kb, quoted, article.title, settings.unrealised_events)
    date_events(doc, events, published)
    headlines = headline_sentences(doc, article.title)
    lead = next((s.start for s in sents_of(doc) if s.start not in headlines and s.text.strip()), None)
    place_events(doc, events, quotes, actors, kb, dateline, lead)
    events = attribute_by_place(events, kb)
    events = merge_events(split_joint_actors(events))
    for event in events:
        event.confidence = confidence(event, kb)
    events = [e for e in events if e.confidence >= settings.min_confidence]
    stances = code_stances(doc, events, quotes, kb)
    for n, event in enumerate(events, 1):
        event.id = f"{article.id}-E{n}"
        event.cameo_root = kb.cameo_root(event.event, event.mode)
    kept = [q for q in quotes if q.kind in OUTPUT_QUOTE_KINDS or settings.indirect_quotes]
    for n, quote in enumerate(kept, 1):
        quote.id = f"{article.id}-Q{n}"
    return CodedArticle(article, events, kept, stances, actors.entities(), [], dateline)


def _failed(item: Article | Rejected, message: str) -> CodedArticle:
    if isinstance(item, Rejected):
        return CodedArticle(Article(item.id, "", item.title, item.published), errors=[message])
    return CodedArticle(item, errors=[message])


def _refusal(article: Article, settings: Settings) -> str | None:
    if len(article.text) > settings.max_chars:
        return Errors.E031.format(item=article.id, size=len(article.text), limit=settings.max_chars)
    language = other_language(article.text)
    return Errors.E029.format(item=article.id, language=language) if language else None


def code_articles(items: Iterable[Article | Rejected], settings: Settings | None = None) -> Iterator[CodedArticle]:
    """Code a stream of articles in input order; rejected inputs come out with their error."""
    settings = settings or Settings()
    kb = load_knowledge(settings)
    nlp = load_model(settings.model)
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    batch: list[Article | Rejected] = []

    def flush() -> Iterator[CodedArticle]:
        # Told before parsing: an article over the limit, or in another language.
        refused = {id(a): _refusal(a, settings) for a in batch if isinstance(a, Article)}
        articles = [a for a in batch if isinstance(a, Article) and not refused[id(a)]]
        docs = iter(nlp.pipe((a.text for a in articles), batch_size=settings.batch_size))
        for item in batch:
            if isinstance(item, Rejected):
                yield _failed(item, item.error)
                continue
            if refused[id(item)]:
                yield _failed(item, refused[id(item)])
                continue
            try:
                doc = next(docs)
                coded = code_doc(doc, item, kb, settings)
                coded.errors += item.warnings
                if doc.user_data.get(SPLIT_SENTENCES):
                    coded.errors.append(Errors.W002.format(item=item.id, count=doc.user_data[SPLIT_SENTENCES],
                                                           tokens=MAX_SENTENCE_TOKENS))
                yield coded
            except EventwireError as exc:
                yield _failed(item, exc.message)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                yield _failed(item, Errors.E009.format(item=item.id, reason=f"{type(exc).__name__}: {exc}"))
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from flush()
    if batch:
        yield from flush()


def resolve_mentions(article: Article, spans: list[tuple[int, int]], settings: Settings | None = None) -> list[Entity | None]:
    """The actor eventwire resolves for each character span of an article: the mention
    covering the span's head, else the noun phrase the span heads ("Iraqi officials")."""
    settings = settings or Settings()
    kb = load_knowledge(settings)
    doc = load_model(settings.model)(article.text)
    quoted = CharSpans((s.open_mark, s.end + 1) for s in quotation_spans(article.text) if s.direct)
    published = article.published or parse_dateline(article.text, None, kb)[1]
    actors = find_actors(doc, kb, published, quoted)
    found: list[Entity | None] = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            found.append(None)
            continue
        # The mention at the phrase's head; else the phrase as a whole ("Iraqi officials");
        # else any mention inside it.
        head = actors.at(span.root.i)
        if head is not None and not head.is_place:
            found.append(head.entity)
            continue
        resolved = actors.resolve(span.root, conjuncts=False)
        inner = next((actors.at(t.i) for t in reversed(span) if actors.at(t.i)), None)
        inside = {actors.at(t.i).entity.code for t in span if actors.at(t.i)}
        resolved.sort(key=lambda e: e.code not in inside)  # "U.S. and [Iraqi officials]"
        found.append(resolved[0] if resolved else (inner.entity if inner is not None else None))
    return found


def code_text(text: str, published: date | str | None = None, title: str = "", article_id: str = "article",
              settings: Settings | None = None) -> dict:
    """Code one article given as a string; returns the JSON-ready dict the CLI writes."""
    day = date.fromisoformat(published) if isinstance(published, str) else published
    return to_json(next(code_articles([Article(article_id, text, title, day)], settings)))
