"""Quotes: what each actor said, with its speaker resolved to a coded actor.

Two pure steps. :func:`quotation_spans` reads the quotation marks of the raw text
(straight and curly, quotes running over paragraphs with a reopening mark); a mark
that cannot be paired is skipped with its quote, never fatal. :func:`extract_quotes`
then attributes each span over the parse:

- direct quotes take the speaker of the nearest cue verb in their sentence
  ('"...," Mr Abe said', 'Chirac replied: "..."', '"...," he told reporters');
- a paragraph of quotation with no cue of its own continues the last speaker;
- partial quotes inside reported speech take the subject of the speech verb that
  governs them ('claiming a "perfect success"');
- indirect speech ('X said that ...') gives the content clause of a cue verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .actors import ActorIndex
from .events import subject_of
from .knowledge import Knowledge
from .nlp import in_spans
from .records import Entity, Quote

OPENERS = {"“": "”", "«": "»", "„": "“"}
CLOSERS = {"”", "»"}
PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[\"“«])")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character of the quoted words
    end: int  # one past the last
    open_mark: int  # offset of the opening mark
    continues: bool = False  # a later paragraph of the same quotation
    direct: bool = True  # a quotation in its own right, not a phrase inside reported speech


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def quotation_spans(text: str) -> list[QuoteSpan]:
    """Spans of quoted words; unpaired marks are dropped with their would-be quote."""
    spans: list[QuoteSpan] = []
    paragraphs = _paragraphs(text)
    carried = False
    for n, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        continued_here = carried
        carried = False
        for i in range(p_start, p_end):
            ch = text[i]
            is_open = ch in OPENERS or (ch == '"' and open_at is None)
            is_close = ch in CLOSERS or (ch == '"' and open_at is not None)
            if is_open and open_at is None:
                open_at = i
            elif is_close and open_at is not None:
                if text[open_at + 1 : i].strip():
                    spans.append(QuoteSpan(open_at + 1, i, open_at, continued_here, _is_direct(text, open_at, i)))
                continued_here = False
                open_at = None
        if open_at is not None:
            # Wire style: an unclosed paragraph of quotation continues after a reopening mark.
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt[0] : nxt[1]].lstrip()[:1] in {'"', "“", "«"}:
                end = p_end
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                spans.append(QuoteSpan(open_at + 1, end, open_at, continued_here))
                carried = True
    return spans


def _is_direct(text: str, open_mark: int, end: int) -> bool:
    """A quote stands alone when nothing of its sentence precedes it, or a colon or comma
    introduces it; otherwise it is a phrase quoted inside the writer's own sentence."""
    line_start = text.rfind("\n", 0, open_mark) + 1
    lead = text[line_start:open_mark].rstrip()
    sent_lead = re.split(r"[.!?][\"”]?\s", lead)[-1] if lead else ""
    return not sent_lead or lead.endswith((".", "!", "?", ":", ",", "\"", "”"))


def _clean(text: str) -> str:
    return text.strip().strip(",").strip()


def _marked(spans: list[QuoteSpan]) -> list[tuple[int, int]]:
    """Character ranges of quotations, their marks included."""
    return [(s.open_mark, s.end + 1) for s in spans]


def speaker_entity(tok: Token, actors: ActorIndex) -> Entity | None:
    """The speaker a subject token names: a person, a pronoun's antecedent, a state or group."""
    mention = actors.at(tok.i)
    if mention is not None and not mention.is_place:
        return mention.entity
    for child in tok.children:
        m = actors.at(child.i)
        if child.dep_ in ("compound", "appos") and m is not None and m.entity.kind == "person":
            return m.entity
    found = actors.resolve(tok)
    if found:
        return found[0]
    if tok.pos_ == "PROPN":
        # A named speaker the actor stage could not code: keep the name, with no code.
        words = [t for t in tok.subtree if t.i <= tok.i and t.pos_ == "PROPN" and t.i >= tok.left_edge.i]
        name = " ".join(t.text for t in words) or tok.text
        known = actors.person_named(name)
        if known is not None:
            return known
        kind = "organisation" if tok.ent_type_ in ("ORG", "NORP") else "person"
        return Entity(None, name, name, None, kind, tok.idx, tok.idx + len(tok.text))
    return None


def _cue_speaker(verb: Token, actors: ActorIndex) -> Entity | None:
    if verb.lemma_.lower() == "quote":  # "Tehran Radio quoted him as saying"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return speaker_entity(obj, actors)
    subj, _ = subject_of(verb)
    return speaker_entity(subj, actors) if subj is not None else None


def _direct_cue(doc: Doc, span: QuoteSpan, spans: list[QuoteSpan], cues: frozenset[str]) -> Token | None:
    """The cue verb of a direct quote: outside any quotation, in a sentence the quote touches,
    after the closing mark first, then before the opening mark."""
    first = doc.char_span(span.start, span.end, alignment_mode="expand")
    if first is None:
        return None
    sents = {first[0].sent.start: first[0].sent, first[-1].sent.start: first[-1].sent}
    marked = _marked(spans)
    after, before = [], []
    for sent in sents.values():
        for tok in sent:
            if tok.lemma_.lower() in cues and tok.pos_ in ("VERB", "AUX") and not in_spans(tok.idx, marked):
                (after if tok.idx >= span.end else before).append(tok)
    if after:
        return min(after, key=lambda t: t.idx - span.end)
    if before:
        return max(before, key=lambda t: t.idx)
    return None


def _governing_cue(doc: Doc, span: QuoteSpan, cues: frozenset[str]) -> Token | None:
    inner = doc.char_span(span.start, span.end, alignment_mode="expand")
    if inner is None:
        return None
    tok = inner.root
    for _ in range(10):
        if tok.lemma_.lower() in cues and tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def extract_quotes(doc: Doc, spans: list[QuoteSpan], actors: ActorIndex, kb: Knowledge, indirect: bool = True) -> list[Quote]:
    """Every quotation of the article with its kind, cue and speaker."""
    cues = kb.speech.get("cue_verbs", frozenset())
    text = doc.text
    quotes: list[Quote] = []
    last_speaker: Entity | None = None
    last_end = -1
    for span in spans:
        content = _clean(text[span.start : span.end])
        if not content:
            continue
        line_start = text.rfind("\n", 0, span.open_mark) + 1
        lead = text[line_start : span.open_mark].rstrip()
        if span.direct:
            cue = _direct_cue(doc, span, spans, cues)
            speaker = _cue_speaker(cue, actors) if cue is not None else None
            # A quotation with no cue of its own that opens a paragraph or a sentence right
            # after the last speaker's words goes on in that speaker's voice.
            opens_sentence = not lead or lead.endswith((".", "!", "?", '"', "”"))
            carried = cue is None and opens_sentence and last_end >= 0 and (
                text.count("\n\n", last_end, span.open_mark) <= 2 if not lead else span.open_mark - last_end < 300)
            if cue is None and (span.continues or carried):
                speaker = last_speaker
            kind = "direct"
        else:
            cue = _governing_cue(doc, span, cues)
            if cue is None:
                continue  # scare quotes or a title: nobody is quoted
            speaker = _cue_speaker(cue, actors)
            kind = "partial"
        sent = doc.char_span(span.start, span.end, alignment_mode="expand")
        sentence = sent[0].sent.text.strip() if sent is not None else ""
        quotes.append(Quote(content, kind, speaker, cue.text if cue is not None else "", span.start, span.end,
                            sentence, _cue_i=cue.i if cue is not None else -1))
        if kind == "direct" and speaker is not None:
            last_speaker, last_end = speaker, span.end
    if indirect:
        quotes += _indirect(doc, spans, actors, cues)
    return quotes


def _indirect(doc: Doc, spans: list[QuoteSpan], actors: ActorIndex, cues: frozenset[str]) -> list[Quote]:
    out = []
    marked = _marked(spans)
    for verb in doc:
        if verb.lemma_.lower() not in cues or verb.pos_ != "VERB" or in_spans(verb.idx, marked):
            continue
        for comp in verb.children:
            if comp.dep_ != "ccomp" or comp.i < verb.i:
                continue
            sub = list(comp.subtree)
            if any(in_spans(t.idx, marked) for t in sub[:1]):
                continue
            start = sub[0].idx
            if sub[0].lower_ == "that" and sub[0].dep_ == "mark" and len(sub) > 1:
                start = sub[1].idx
            end = sub[-1].idx + len(sub[-1].text)
            speaker = _cue_speaker(verb, actors)
            if speaker is None or len(sub) < 4:
                continue
            out.append(Quote(_clean(doc.text[start:end]), "indirect", speaker, verb.text, start, end,
                             verb.sent.text.strip(), _cue_i=verb.i))
    return out
