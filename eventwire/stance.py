"""Stance: where each actor stands on sanctions, dialogue and military action.

Pure function over the article's events and quotes (direct, partial and reported).
An actor supports an issue when it does or demands what the issue names (a SANCTION
event; a demand for "more pressure"; "we can solve this through diplomacy"), opposes
it when it rejects or dismisses it ("pressure will not work"; "military action was
not his first choice"), and is mixed when it does both or hedges ("sanctions are only
half of the key"). Polarity is read per sentence from the clause around the issue word.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .knowledge import Knowledge
from .nlp import ngram_positions
from .records import Entity, Event, Quote, Stance

SUPPORTING_EVENTS = {"REQUEST", "SUPPORT", "AGREE", "THREATEN", "SANCTION", "ASSAULT", "MOBILIZE"}
OPPOSING_EVENTS = {"REJECT"}


def _keyword_hits(tokens: list[Token], runs: dict[tuple[str, ...], list[int]], keywords: list[tuple[str, ...]]) -> list[Token]:
    """The last word of each keyword phrase found in ``tokens`` (``runs``: their n-grams)."""
    return [tokens[i + len(words) - 1] for words in keywords for i in sorted(set(runs.get(words, ())))]


def _runs(tokens: list[Token], kb: Knowledge) -> dict[tuple[str, ...], list[int]]:
    return ngram_positions(tokens, {len(words) for spec in kb.issues.values() for words in spec["keywords"]})


def _governing_verb(tok: Token) -> Token:
    cur = tok
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _polarity(hit: Token, kb: Knowledge, sentence_text: str) -> str:
    negative = set(kb.negative)
    if any(h in sentence_text.lower() for h in kb.hedges):
        return "hedge"
    if any(c.lower_ in ("no",) and c.dep_ == "det" for c in hit.children):
        return "oppose"
    verb = _governing_verb(hit)
    if verb.lemma_.lower() in negative or any(c.dep_ == "neg" for c in verb.children):
        return "oppose"
    if any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in negative for c in verb.children):
        return "oppose"
    return "support"


def _scope(doc: Doc, event: Event) -> list[Token]:
    # Coordinated clauses are other statements: "insisted that X will not work and
    # insisted that the only route is diplomacy" rejects X, not diplomacy.
    head = doc[event._head]
    skip = {t.i for tok in head.subtree for c in tok.children
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
    return [t for t in head.subtree if t.i not in skip]


def code_stances(doc: Doc, events: list[Event], quotes: list[Quote], kb: Knowledge) -> list[Stance]:
    signals: dict[tuple[str, str], dict[str, list[str]]] = {}
    actors: dict[str, Entity] = {}

    def add(entity: Entity, issue: str, polarity: str, evidence: str) -> None:
        if not entity.code:
            return
        slot = signals.setdefault((entity.code, issue), {"support": [], "oppose": [], "hedge": []})
        if evidence not in slot[polarity]:
            slot[polarity].append(evidence)
        best = actors.get(entity.code)
        if best is None or (best.kind == "person" and entity.kind != "person"):
            actors[entity.code] = entity

    for event in events:
        if event._head < 0:
            continue
        scope = _scope(doc, event)
        runs = _runs(scope, kb)
        for issue, spec in kb.issues.items():
            direct = event.event in spec["events"]
            mentioned = _keyword_hits(scope, runs, spec["keywords"])
            if not direct and not mentioned:
                continue
            if event.event in OPPOSING_EVENTS:
                polarity = "oppose"
            elif direct or event.event in SUPPORTING_EVENTS:
                polarity = "support"
            else:
                continue
            for actor in event.actor:
                add(actor, issue, polarity, event.text)
    for quote in quotes:
        if quote.speaker is None:
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        for sent in _sentences(span):
            tokens = list(sent)
            runs = _runs(tokens, kb)
            for issue, spec in kb.issues.items():
                for hit in _keyword_hits(tokens, runs, spec["keywords"]):
                    add(quote.speaker, issue, _polarity(hit, kb, sent.text), sent.text.strip())
    stances = []
    for (code, issue), slot in signals.items():
        if slot["hedge"] or (slot["support"] and slot["oppose"]):
            value = "mixed"
        elif slot["oppose"]:
            value = "oppose"
        else:
            value = "support"
        entity = actors[code]
        name = kb.country_names.get(code, entity.name) if entity.kind in ("person", "group") else entity.name
        actor = Entity(code, name, entity.entity_text, entity.sector, entity.kind, entity.start, entity.end)
        stances.append(Stance(actor, issue, value, slot["support"] + slot["oppose"] + slot["hedge"]))
    return sorted(stances, key=lambda s: (s.actor.code or "", s.issue))


def _sentences(span: Span) -> list[Span]:
    out = []
    for sent in span.sents:
        start, end = max(sent.start, span.start), min(sent.end, span.end)
        if end > start:
            out.append(span.doc[start:end])
    return out
