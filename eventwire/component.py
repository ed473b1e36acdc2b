"""eventwire as a spaCy pipeline component: ``nlp.add_pipe("eventwire")``.

spaCy finds the factory through the ``spacy_factories`` entry point of the installed
package, so nothing needs importing first. The component runs every stage of
:func:`eventwire.api.code_doc` over the parsed doc and sets:

- ``doc._.events``, ``doc._.quotes``, ``doc._.stances``, ``doc._.actors``: the typed
  records (:mod:`eventwire.records`), each with ``to_dict()`` for PLOVER JSON;
- ``doc._.eventwire``: the whole :class:`~eventwire.records.CodedArticle`;
- ``span._.actor`` on any span (``doc.ents`` included): the actor eventwire resolved
  for those words (code, sector, canonical name), or None.

What the article says about itself is read from ``doc._.published`` (a date or
``YYYY-MM-DD``), ``doc._.title`` and ``doc._.article_id``, set on the doc before the
pipeline runs: ``doc = nlp.make_doc(text); doc._.published = "2017-09-07"; doc = nlp(doc)``.

The component needs a parser and named entities before it, as in ``en_core_web_sm``;
where the pipeline has a parser it also puts eventwire's sentence rules
(``eventwire_sentences``) before it, as the command line does, so that both give the
same events.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from .api import code_doc
from .errors import Errors, EventwireError
from .ingest import parse_published
from .knowledge import load_knowledge
from .nlp import eventwire_sentences  # noqa: F401 - registers the sentence component
from .records import Article, CodedArticle, Entity
from .settings import Settings

DOC_ATTRIBUTES = ("events", "quotes", "stances", "actors", "eventwire", "published", "title", "article_id")


class EventwireComponent:
    """Codes each doc in the pipeline; see the module's description."""

    def __init__(self, nlp: Language, name: str, settings: Settings) -> None:
        self.name = name
        self.settings = settings
        self.kb = load_knowledge(settings)
        for attribute in DOC_ATTRIBUTES:
            if not Doc.has_extension(attribute):
                Doc.set_extension(attribute, default=None)
        if not Span.has_extension("actor"):
            Span.set_extension("actor", getter=span_actor)
        if "parser" in nlp.pipe_names and "eventwire_sentences" not in nlp.pipe_names:
            nlp.add_pipe("eventwire_sentences", before="parser")

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.published
        if isinstance(published, str):
            published, error = parse_published(published, "doc._.published")
            if error:
                raise EventwireError(error)
        article = Article(str(doc._.article_id or "doc"), doc.text, str(doc._.title or ""),
                          published if isinstance(published, date) else None)
        coded: CodedArticle = code_doc(doc, article, self.kb, self.settings)
        doc._.eventwire = coded
        doc._.events, doc._.quotes, doc._.stances, doc._.actors = coded.events, coded.quotes, coded.stances, coded.entities
        return doc


def span_actor(span: Span) -> Entity | None:
    """The actor resolved for a span's words: the mention the span covers exactly, else
    the one at its last word (a name's head), else None."""
    coded: CodedArticle | None = span.doc._.eventwire
    if coded is None:
        return None
    exact = next((e for e in coded.entities if (e.start, e.end) == (span.start_char, span.end_char)), None)
    if exact is not None:
        return exact
    last = span[-1].idx if len(span) else span.start_char
    return next((e for e in coded.entities if e.start is not None and e.start <= last < e.end), None)


@Language.factory(
    "eventwire",
    default_config={"min_confidence": 0.0, "indirect_quotes": False, "unrealised_events": False, "extra_data": []},
    requires=["token.dep", "token.lemma", "doc.ents"],
    assigns=["doc._.events", "doc._.quotes", "doc._.stances", "doc._.actors", "doc._.eventwire"],
)
def make_eventwire(nlp: Language, name: str, min_confidence: float, indirect_quotes: bool, unrealised_events: bool,
                   extra_data: list[str]) -> EventwireComponent:
    """The factory: the config overrides eventwire's settings (packaged defaults, then the
    user's file and environment, as everywhere)."""
    if nlp.lang != "en":
        raise EventwireError(Errors.E035, lang=nlp.lang)
    settings = Settings.load(min_confidence=min_confidence or None, indirect_quotes=indirect_quotes or None,
                             unrealised_events=unrealised_events or None, extra_data=extra_data or None)
    return EventwireComponent(nlp, name, settings)
