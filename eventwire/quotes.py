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
from .nlp import CharSpans, in_spans, sent_of, text_of, tokens_of
from .records import Entity, Quote

OPENERS = {"“": "”", "«": "»", "„": "“"}
CLOSERS = {"”", "»"}
TYPEWRITER_MARKS = {"``", "''"}
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
    """Spans of quoted words; unpaired marks are dropped with their would-be quote.
    Besides curly and straight marks, the typewriter pairs of older wire copy count:
    ``...'' and ''...'' (two apostrophes for a straight mark)."""
    spans: list[QuoteSpan] = []
    paragraphs = _paragraphs(text)
    carried = False
    for n, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        width = 1  # of the opening mark
        continued_here = carried
        carried = False
        i = p_start
        while i < p_end:
            pair = text[i : i + 2]
            mark = 2 if pair in TYPEWRITER_MARKS else 1
            ch = pair if mark == 2 else text[i]
            straight = ch in ('"', "''")
            is_open = ch in OPENERS or ch == "``" or (straight and open_at is None)
            is_close = ch in CLOSERS or (straight and open_at is not None)
            if is_open and open_at is None:
                open_at, width = i, mark
            elif is_close and open_at is not None:
                if text[open_at + width : i].strip():
                    spans.append(QuoteSpan(open_at + width, i, open_at, continued_here, _is_direct(text, open_at, i)))
                continued_here = False
                open_at = None
            i += mark
        if open_at is not None:
            # Wire style: an unclosed paragraph of quotation continues after a reopening mark.
            nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if nxt is not None and text[nxt[0] : nxt[1]].lstrip()[:1] in {'"', "“", "«"} | {m[0] for m in TYPEWRITER_MARKS}:
                end = p_end
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                spans.append(QuoteSpan(open_at + width, end, open_at, continued_here))
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


def _marked(spans: list[QuoteSpan]) -> CharSpans:
    """Character ranges of quotations, their marks included."""
    return CharSpans((s.open_mark, s.end + 1) for s in spans)


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
        start, end = (words[0].idx if words else tok.idx), tok.idx + len(tok.text)
        return Entity(None, name, text_of(tok.doc)[start:end], None, kind, start, end)
    return None


def _cue_offsets(cue: Token | None) -> dict:
    if cue is None:
        return {"_cue_i": -1}
    return {"cue_start": cue.idx, "cue_end": cue.idx + len(cue.text), "_cue_i": cue.i}


def _cue_speaker(verb: Token, actors: ActorIndex) -> Entity | None:
    if verb.lemma_.lower() == "quote":  # "Tehran Radio quoted him as saying"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            return speaker_entity(obj, actors)
    subj, _ = subject_of(verb)
    return _subject_speaker(subj, actors) if subj is not None else None


def _colon_cue(doc: Doc, span: QuoteSpan) -> Token | None:
    """'Cruz continued:' / 'The statement reads:' before a quotation: the verb of the
    clause the colon ends, a speech verb where there is one."""
    before = text_of(doc)[: span.open_mark].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
    if colon is None:
        return None
    verbs = [t for t in sent_of(colon[0]) if t.i < colon[0].i and t.pos_ in ("VERB", "AUX") and t.dep_ != "aux"]
    return verbs[-1] if verbs else None


def _direct_cue(doc: Doc, span: QuoteSpan, marked: CharSpans, cues: frozenset[str]) -> Token | None:
    """The cue verb of a direct quote: outside any quotation, in a sentence the quote touches,
    after the closing mark first, then before the opening mark."""
    first = doc.char_span(span.start, span.end, alignment_mode="expand")
    if first is None:
        return None
    sents = {sent_of(first[0]).start: sent_of(first[0]), sent_of(first[-1]).start: sent_of(first[-1])}
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
    text = text_of(doc)
    quotes: list[Quote] = []
    last_speaker: Entity | None = None
    last_cue: Token | None = None
    last_end = -1
    marked = _marked(spans)
    for span in spans:
        content = _clean(text[span.start : span.end])
        if not content:
            continue
        line_start = text.rfind("\n", 0, span.open_mark) + 1
        lead = text[line_start : span.open_mark].rstrip()
        if span.direct:
            cue = _direct_cue(doc, span, marked, cues) or _colon_cue(doc, span)
            speaker = _cue_speaker(cue, actors) if cue is not None else None
            # A quotation with no cue of its own that opens a paragraph or a sentence right
            # after the last speaker's words goes on in that speaker's voice.
            opens_sentence = not lead or lead.endswith((".", "!", "?", '"', "”"))
            carried = cue is None and opens_sentence and last_end >= 0 and (
                text.count("\n\n", last_end, span.open_mark) <= 2 if not lead else span.open_mark - last_end < 300)
            if cue is None and (span.continues or carried):
                # the second half of a split quote ('"...," he said. "..."') or a paragraph
                # going on with the last speaker's words: attributed by the same cue
                speaker, cue = last_speaker, last_cue
            kind = "direct"
        else:
            cue = _governing_cue(doc, span, cues)
            if cue is None:
                continue  # scare quotes or a title: nobody is quoted
            speaker = _cue_speaker(cue, actors)
            kind = "partial"
        sent = doc.char_span(span.start, span.end, alignment_mode="expand")
        sentence = sent_of(sent[0]).text.strip() if sent is not None else ""
        quotes.append(Quote(content, kind, speaker, cue.text if cue is not None else "", span.start, span.end,
                            sentence, **_cue_offsets(cue)))
        if kind == "direct" and speaker is not None:
            last_speaker, last_end, last_cue = speaker, span.end, cue
    if indirect:
        quotes += _reported(doc, spans, actors, kb)
    return quotes


def _reported(doc: Doc, spans: list[QuoteSpan], actors: ActorIndex, kb: Knowledge) -> list[Quote]:
    """Reported speech, views and intentions as indirect quotes, one per cue: what a
    speech or belief verb's clause says ("X said that ...", "a poll shows ..."), what an
    intention verb's "to" clause means to do, what is urged of others ("urged supporters
    to monitor ..."), the object of a cue preposition ("called for the repeal ...") or
    verb ("cited derogatory comments"), and the clause "according to X" frames."""
    speech = kb.speech
    clause_cues = speech.get("cue_verbs", frozenset()) | speech.get("belief_verbs", frozenset())
    marked = _marked(spans)
    out = []
    for tok in tokens_of(doc):
        if in_spans(tok.idx, marked):
            continue
        if tok.lower_ == "according":
            source = next((p for prep in tok.children if prep.lower_ == "to" for p in prep.children if p.dep_ == "pobj"), None)
            if source is not None:
                phrase = set(t.i for t in tok.subtree)
                content = [t for t in sent_of(tok) if t.i not in phrase]
                out += _indirect_quote(doc, content, tok, _subject_speaker(source, actors), marked)
            continue
        if tok.text == ":" and tok.i <= HEADLINE_SPEAKER_WORDS:
            out += _headline_attribution(doc, tok, actors, marked)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in speech.get("attribution_nouns", frozenset()):
            out += _nominal_attribution(doc, tok, actors, marked)
            continue
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        content = _reported_content(tok, speech, clause_cues)
        if content:
            subj, _ = subject_of(tok)
            speaker = _subject_speaker(subj, actors) if subj is not None else None
            out += _indirect_quote(doc, content, tok, speaker, marked)
    return out


def _reported_content(verb: Token, speech: dict, clause_cues: frozenset[str]) -> list[Token]:
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if lemma in clause_cues:
        comp = next((c for c in children if c.dep_ == "ccomp"), None)
        if comp is not None:
            return [t for t in comp.subtree if not (t.i == comp.left_edge.i and t.lower_ == "that" and t.dep_ == "mark")]
        if verb.dep_ == "parataxis" and lemma in speech.get("cue_verbs", frozenset()):
            # "Many of the visitors were older, she said, and ...": the cue inside its content
            own = {t.i for t in verb.subtree}
            return [t for t in verb.head.subtree if t.i not in own]
    xcomp = next((c for c in children if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children)), None)
    obj = next((c for c in children if c.dep_ in ("dobj", "dative")), None)
    if lemma in speech.get("urging_verbs", frozenset()) and obj is not None and xcomp is not None:
        return list(obj.subtree) + list(xcomp.subtree)  # "urges supporters to monitor polling places"
    if lemma in speech.get("intention_verbs", frozenset()) and xcomp is not None:
        return list(xcomp.subtree)
    attitude = next((c for c in children if c.dep_ == "acomp" and c.lemma_.lower() in speech.get("attitude_adjectives", ())), None)
    if lemma == "be" and attitude is not None:
        # "Graham is critical of the party", "she is confident that the bill will pass"
        inner = [t for c in attitude.children if c.dep_ in ("prep", "ccomp", "xcomp")
                 for t in (c.subtree if c.dep_ != "prep" else (x for p in c.children for x in p.subtree))]
        if inner:
            return [t for t in inner if not (t.lower_ == "that" and t.dep_ == "mark")]
    prep_cues = speech.get("prep_cues", frozenset())
    particle = next((c.lower_ for c in children if c.dep_ == "prt"), "")
    for prep in (c for c in children if c.dep_ == "prep"):
        if f"{lemma} {prep.lower_}" in prep_cues or f"{lemma} {particle} {prep.lower_}" in prep_cues:
            inner = [t for c in prep.children if c.dep_ in ("pobj", "pcomp") for t in c.subtree]
            if inner:
                return inner
    for clause in (c for c in children if c.dep_ == "advcl"):
        mark = next((m for m in clause.children if m.dep_ == "mark"), None)
        if mark is not None and f"{lemma} {mark.lower_}" in prep_cues:
            return [t for t in clause.subtree if t.i != mark.i]  # "is calling for the US to step up ..."
    if lemma in speech.get("object_cues", frozenset()) and obj is not None and obj.pos_ not in ("PRON",):
        # "shows the incumbent ahead by four points", "called the plan a disaster": the
        # object and what is said of it
        said_of = [t for c in children if c.i > obj.i and (c.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp") or (
                   c.dep_ == "prep" and not any(p.ent_type_ in ("DATE", "TIME") for p in c.children))) for t in c.subtree]
        return list(obj.subtree) + said_of
    return []


NOMINAL_CONTENT_PREPS = {"about", "of", "on", "for", "against", "over", "regarding"}


def _nominal_attribution(doc: Doc, noun: Token, actors: ActorIndex, marked: list[tuple[int, int]]) -> list[Quote]:
    """"Trump's claim that there have been thousands of shootings", "her comments about
    the ruling": who says it is the owner (or "by X", or the subject of "made", "issued"),
    what is said the noun's "that" clause or its about/of/on phrase."""
    content = next(([t for t in c.subtree if not (t.lower_ == "that" and t.dep_ == "mark")]
                    for c in noun.children if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" for m in c.children)), [])
    if not content:
        content = next(([t for p in c.children if p.dep_ in ("pobj", "pcomp") for t in p.subtree]
                        for c in noun.children if c.dep_ == "prep" and c.lower_ in NOMINAL_CONTENT_PREPS), [])
    if not content:
        return []
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((p for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")
                      for p in c.children if p.dep_ == "pobj"), None)
    if owner is None and noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX"):
        owner, _ = subject_of(noun.head)  # "made comments about", "issued a warning of"
    if owner is None:
        return []
    return _indirect_quote(doc, content, noun, _subject_speaker(owner, actors), marked)


HEADLINE_SPEAKER_WORDS = 4


def _headline_attribution(doc: Doc, colon: Token, actors: ActorIndex, marked: list[tuple[int, int]]) -> list[Quote]:
    """'Graham: Trump's rhetoric destroying GOP's chance': a headline that opens with a
    short name and a colon gives that speaker's words."""
    line_start = text_of(doc).rfind("\n", 0, colon.idx) + 1
    line_end = text_of(doc).find("\n", colon.idx)
    line_end = len(text_of(doc)) if line_end < 0 else line_end
    name = doc.char_span(line_start, colon.idx, alignment_mode="contract")
    if name is None or not 0 < len(name) <= HEADLINE_SPEAKER_WORDS or not all(t.text[:1].isupper() for t in name if t.is_alpha):
        return []
    content = [t for t in tokens_of(doc) if colon.idx < t.idx < line_end]
    root = max(name, key=lambda t: t.i if t.pos_ in ("PROPN", "NOUN") else -1)
    return _indirect_quote(doc, content, colon, _subject_speaker(root, actors), marked) if len(content) >= 3 else []


def _subject_speaker(subj: Token, actors: ActorIndex) -> Entity | None:
    """The speaker a subject names; one the actor stage cannot code ("sources", "a
    Bloomberg poll") is kept by its words, with no code."""
    found = speaker_entity(subj, actors)
    if found is not None:
        return found
    if subj.pos_ not in ("NOUN", "PROPN", "PRON") or subj.lower_ in ("it", "there", "that", "which", "who", "this"):
        return None
    words = [t for t in subj.subtree if t.i <= subj.i and t.dep_ not in ("punct",)]
    name = " ".join(t.text for t in words) or subj.text
    start, end = (words[0].idx if words else subj.idx), subj.idx + len(subj.text)
    return Entity(None, name, text_of(subj.doc)[start:end], None, "group", start, end)


def _indirect_quote(doc: Doc, content: list[Token], cue: Token, speaker: Entity | None,
                    marked: list[tuple[int, int]]) -> list[Quote]:
    tokens = sorted(content, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    if speaker is None or not tokens or in_spans(tokens[0].idx, marked):
        return []  # no one to attribute it to, or a direct quotation, extracted as such
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return [Quote(_clean(text_of(doc)[start:end]), "indirect", speaker, cue.text, start, end, sent_of(cue).text.strip(),
                  **_cue_offsets(cue))]
