"""Events: PLOVER events from trigger words and the dependency parse.

Pure functions over a parsed ``Doc`` plus the article's actors and quotation spans.
The steps, each a function below:

1. :func:`match_triggers` finds trigger phrases of the lexicon (verbs and nouns,
   matched on lemmas, the longest match winning, a verb phrase beating a noun in it).
2. :func:`_event_from_trigger` reads the actor and recipient off the parse
   (subject or passive agent; object, dative, prepositional or clausal recipient),
   and decides whether the trigger reports something done at all: negated triggers,
   the content of demands, proposals and conditions, questions and words inside
   direct quotations are not events; future cooperation becomes AGREE, as the
   PLOVER manual says.
3. :func:`merge_events` keeps one record per real-world event: the headline's events
   fold into the body's, and repeated reports of one event share one record that
   keeps every evidence sentence.
Dates and places are added by the ``when`` and ``where`` stages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .actors import ActorIndex
from .knowledge import Knowledge, TriggerRule
from .nlp import FUTURE_AUX, in_spans, ngram_positions, sent_of, sents_of, tokens_of, word_forms
from .records import QUAD_CODES, Entity, Event, Evidence

GAP_DEPS = {"det", "amod", "advmod", "compound", "nummod", "poss", "case", "npadvmod", "quantmod", "nmod", "punct"}
GAP_POS = {"DET", "ADJ", "ADV", "NUM", "PRON"}
RECIPIENT_PREPS = ("with", "against", "on", "to", "at", "toward", "towards", "from", "between", "over", "into")
NOMINAL_FRAME_PREPS = {"in", "during", "at", "on", "amid"}
# PLOVER: cooperation reported as intended or promised is AGREE; harm announced for
# the future or on a condition is THREATEN. Mobilising stays MOBILIZE.
COOPERATIVE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}
CONFLICT_TO_THREATEN = {"PROTEST", "SANCTION", "COERCE", "ASSAULT"}
REFUSABLE = COOPERATIVE_TO_AGREE | {"AGREE"}
STOPPABLE = {"AID", "COOPERATE", "CONSULT", "AGREE", "SUPPORT"}  # ended, they are sanctions
# Recipients of domestic events that name none, with the sector they are aimed at.
DOMESTIC_TARGETS = {"PROTEST": "GOV", "COERCE": "CVL", "CONCEDE": "CVL"}
VERBAL_FIGHTS = {"clash", "fight", "battle", "spar", "feud", "row", "wrangle", "duel"}
CIVIL_SECTORS = {"GOV", "LEG", "PTY", "JUD", "OPP", "EDU", "JRN", "BUS"}
JOINT_ACTIVITIES = {"exercise", "drill", "game", "manoeuvre", "maneuver", "manoeuvres", "maneuvers", "patrol", "exercises", "drills"}
LEGAL_TEXTS = {"constitution", "law", "charter", "article", "clause", "provision", "code", "statute"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "its", "their", "his"}
ARRESTS = {"arrest", "detain", "jail", "imprison", "hold", "apprehend", "incarcerate", "round"}  # done by a state's police
AGREEMENT_NOUNS = {"agreement", "deal", "accord", "treaty", "pact", "memorandum", "declaration", "communique"}
MEETING_NOUNS = {"talks", "talk", "summit", "meeting", "conference", "session", "consultation", "ministerial"}
ARREST_NOUNS = {"arrest", "detention", "roundup"}  # "led to the arrest of five people in Mosul"
CIRCUMSTANCE_PREPS = {"during", "at", "after", "before", "following", "since", "ahead", "amid"}
FOR_BENEFICIARY_EVENTS = {"SUPPORT", "AID"}  # "support for Ukraine", "aid for Gaza"
OF_TARGET_EVENTS = {"ASSAULT", "COERCE", "SANCTION", "ACCUSE", "REJECT", "THREATEN", "SUPPORT"}
PARTICLES = {"on", "for", "to", "with", "off", "out", "up", "down", "over", "in", "into", "at", "back", "away",
             "against", "from", "about", "by", "through", "fire"}
MODAL_AUX = {"will", "would", "shall", "'ll", "wo", "can", "could", "ca"}
REQUIRES_RECIPIENT = {"COOPERATE", "AID", "SANCTION"}
MAX_GAP = 3


@dataclass(frozen=True)
class TriggerMatch:
    rule: TriggerRule
    head: int  # token index of the verb or head noun
    tokens: tuple[int, ...]


@lru_cache(maxsize=4)
def _trigger_index(kb: Knowledge) -> tuple[dict[str, list[TriggerRule]], dict[str, list[TriggerRule]]]:
    verbs: dict[str, list[TriggerRule]] = {}
    nouns: dict[str, list[TriggerRule]] = {}
    for rule in kb.triggers:
        if rule.pos == "verb":
            verbs.setdefault(rule.words[0], []).append(rule)
        else:
            nouns.setdefault(rule.words[-1], []).append(rule)
    return verbs, nouns


def _word_is(tok: Token, word: str) -> bool:
    return word in word_forms(tok)


def _can_skip(tok: Token) -> bool:
    return (tok.dep_ in GAP_DEPS or tok.pos_ in GAP_POS) and not tok.is_sent_start and tok.text not in {",", ";", ":"}


def _match_verb(doc: Doc, head: Token, rule: TriggerRule) -> tuple[int, ...] | None:
    matched = [head.i]
    pos = head.i
    for word in rule.words[1:]:
        found = None
        for j in range(pos + 1, min(pos + 2 + MAX_GAP, len(doc))):
            if _word_is(doc[j], word):
                found = j
                break
            if not _can_skip(doc[j]) or sent_of(doc[j]) != sent_of(head):
                break
        if found is None:
            return None
        if doc[found].dep_ == "prep" and any(c.ent_type_ in ("DATE", "TIME") for c in doc[found].children):
            return None  # "insisted on Tuesday" is not "insist on"
        matched.append(found)
        pos = found
    return tuple(matched)


def _match_verb_object(head: Token, rule: TriggerRule) -> tuple[int, ...] | None:
    """'give X a grant', 'lifted on Friday a day-old blockade', 'gave $5 million of aid':
    a verb and its object noun, however far apart, when the parse links them."""
    if len(rule.words) != 2 or rule.words[1] in PARTICLES:
        return None
    word = rule.words[1]
    for obj in head.children:
        if obj.dep_ not in ("dobj", "nsubjpass"):
            continue
        for noun in [obj, *obj.conjuncts, *(p for prep in obj.children if prep.lower_ == "of" for p in prep.children if p.dep_ == "pobj")]:
            if _word_is(noun, word):
                return (head.i, noun.i)
    return None


def _is_event_noun(tok: Token, kb: Knowledge) -> bool:
    nouns = _trigger_index(kb)[1]
    return tok.pos_ == "NOUN" and bool(word_forms(tok) & nouns.keys())


def _has_person_object(verb: Token, kb: Knowledge) -> bool:
    """'released two journalists', 'freed Mr Chaudhry': the object is people, not a report."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]  # "allow X to run"
    for obj in objects:
        for tok in [obj, *obj.conjuncts]:
            words = {(tok.lemma_.lower(),), (tok.lower_,)}
            if tok.ent_type_ in ("PERSON", "NORP") or words & (kb.groups.keys() | kb.titles.keys()):
                return True
    return False


def _match_noun(doc: Doc, head: Token, rule: TriggerRule) -> tuple[int, ...] | None:
    matched = [head.i]
    pos = head.i
    for word in reversed(rule.words[:-1]):
        j = pos - 1
        while j >= 0 and doc[j].text in {"-", "–"}:
            j -= 1
        if j < 0 or not _word_is(doc[j], word):
            return None
        matched.insert(0, j)
        pos = j
    return tuple(matched)


def match_triggers(doc: Doc, kb: Knowledge) -> list[TriggerMatch]:
    """All lexicon triggers in ``doc``, overlaps resolved to the longest (verbs first)."""
    verbs, nouns = _trigger_index(kb)
    found: list[TriggerMatch] = []
    for tok in tokens_of(doc):
        lemma, low = tok.lemma_.lower(), tok.lower_
        if tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            for rule in [r for form in word_forms(tok) for r in verbs.get(form, [])]:
                toks = _match_verb(doc, tok, rule) or _match_verb_object(tok, rule)
                if toks and rule.object == "person" and not _has_person_object(tok, kb):
                    continue
                if toks and rule.object == "none" and any(c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") for c in tok.children):
                    continue  # "students demonstrated in Jakarta", not "demonstrated its resolve"
                if toks:
                    found.append(TriggerMatch(rule, tok.i, toks))
        if tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN"):
            for rule in nouns.get(lemma, []) + (nouns.get(low, []) if low != lemma else []):
                toks = _match_noun(doc, tok, rule)
                if toks:
                    found.append(TriggerMatch(rule, tok.i, toks))
    found.sort(key=lambda m: (-(m.rule.pos == "verb" and len(m.tokens) > 1), -len(m.tokens), m.rule.pos != "verb", m.head))
    chosen: list[TriggerMatch] = []
    used: set[int] = set()
    heads: set[int] = set()
    for m in found:
        span = set(range(min(m.tokens), max(m.tokens) + 1))
        if m.head in heads or m.head in used or (set(m.tokens) & used):
            continue
        chosen.append(m)
        used |= set(m.tokens) if m.rule.pos == "verb" else span
        heads.add(m.head)
    return sorted(chosen, key=lambda m: m.head)


# --- arguments -------------------------------------------------------------------


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The token naming who does ``verb`` and whether it came through a passive agent."""
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj, True
    # The nearest subject before the verb: a dateline parsed as a second subject is farther.
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")
                and not (verb.dep_ == "relcl" and c.lower_ in ("that", "which", "who"))]  # the relative's antecedent, below
    if subjects:
        before = [c for c in subjects if c.i < verb.i]
        return (max(before, key=lambda c: c.i) if before else subjects[0]), False
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None, True
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and verb.head.i != verb.i:
        if verb.dep_ == "advcl" and verb.tag_ not in ("VBG", "VBN") and not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None, False
        return subject_of(verb.head)
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        noun = verb.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "among" and noun.head.head.pos_ in ("AUX", "VERB"):
            # "Canada and Belgium are among countries that have banned ...": who is among them
            subj = next((c for c in noun.head.head.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return subj, False
        return noun, False
    return _subject_left_of(verb), False


def _subject_left_of(verb: Token) -> Token | None:
    """When the parser found no subject (a long fronted phrase can swallow it, as in
    "In a call with Xi, US President Trump on Wednesday insisted"), take the proper
    noun right before the verb, skipping only dates and adverbs."""
    if verb.dep_ not in ("ROOT", "ccomp") or verb.tag_ == "VB":
        return None
    i = verb.i - 1
    while i >= sent_of(verb).start:
        tok = verb.doc[i]
        if tok.pos_ in ("ADV", "ADP", "AUX") or tok.ent_type_ in ("DATE", "TIME") or tok.dep_ == "neg":
            i -= 1
            continue
        return tok if tok.pos_ == "PROPN" else None
    return None


def _pobjs(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    out = []
    for prep in preps:
        for child in tok.children:
            if child.dep_ in ("prep", "dative") and child.lower_ == prep:
                out += [c for c in child.children if c.dep_ == "pobj"]
    return out


def _object_candidates(obj: Token) -> list[Token]:
    """Who an object noun phrase points at: itself ("Russian diplomats"), then whom it
    belongs to or is for ("positions of the Palestinian forces", "an admission by Moscow",
    "an aid programme for Bosnia", "a suspension of air links with Serbia")."""
    out, frontier = [obj], [obj]
    for _ in range(3):  # "part of a military aid programme for Bosnia"
        inner = [t for tok in frontier for t in _pobjs(tok, ("of", "by", "for"))]
        # "vessels operated by the state-run shipping line": whose they are
        inner += [p for tok in frontier for acl in tok.children if acl.dep_ == "acl" and acl.tag_ == "VBN"
                  for agent in acl.children if agent.dep_ == "agent" for p in agent.children if p.dep_ == "pobj"]
        out += inner + [t for tok in frontier for t in _pobjs(tok, RECIPIENT_PREPS)]
        frontier = inner
    return list(dict.fromkeys(out))


def _against_anywhere(head: Token) -> list[Token]:
    """'mobilized reservists for a possible war against Iraq': the target of harm may sit
    deep in the clause, but not in another clause."""
    out = []
    stack = [c for c in head.children if c.dep_ not in ("ccomp", "advcl", "conj", "relcl", "nsubj", "nsubjpass")]
    while stack:
        tok = stack.pop(0)
        if tok.dep_ == "pobj" and tok.head.lower_ == "against":
            out.append(tok)
        stack += [c for c in tok.children if c.dep_ not in ("ccomp", "advcl", "conj", "relcl")]
    return out


def _recipients(head: Token, trigger: set[int], actors: ActorIndex, passive_subject: Token | None, event: str,
                actor: list[Entity] | None = None) -> list[Entity]:
    candidates: list[Token] = []
    if passive_subject is not None:
        candidates += _object_candidates(passive_subject)
        # "the Golbon is sanctioned ... as a vessel operated by X": what the subject is taken for
        candidates += [t for p in _pobjs(head, ("as",)) for t in _object_candidates(p)]
    objects = [c for c in head.children if c.dep_ in ("dobj", "dative", "iobj", "attr", "oprd")]
    datives = [c for c in objects if c.dep_ in ("dative", "iobj")]
    for obj in datives + [o for o in objects if o not in datives]:
        if obj.i in trigger:  # "lodged a protest with X": the recipient hangs off the noun
            candidates += [*_pobjs(obj, RECIPIENT_PREPS), obj, *(_pobjs(obj, ("of",)) if event in OF_TARGET_EVENTS else []),
                           *(_pobjs(obj, ("for",)) if event in FOR_BENEFICIARY_EVENTS else []),
                           # "reiterated its demand that Israel ease ...": the content's subject
                           *(c for k in obj.children if k.dep_ in ("acl", "ccomp") for c in k.children if c.dep_ == "nsubj")]
        else:
            candidates += _object_candidates(obj)
            # "welcomed the announcement that Ukraine had agreed": whom the news is about
            candidates += [c for k in obj.children if k.dep_ == "acl" and any(m.lower_ == "that" for m in k.children)
                           for c in k.children if c.dep_ == "nsubj"]
    candidates += [t for p in _pobjs(head, RECIPIENT_PREPS) for t in _object_candidates(p)]
    for child in head.children:
        if child.dep_ in ("ccomp", "xcomp"):
            # "demanded the UN slap ...", "offered to hand over to Britain ...",
            # "threatened to break relations with Russia": the content names the recipient.
            candidates += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
            for obj in (c for c in child.children if c.dep_ in ("dobj", "dative")):
                candidates += _object_candidates(obj)
            candidates += _pobjs(child, RECIPIENT_PREPS)
    if event == "THREATEN":
        # "threatened to stop talks if the United States goes ahead": whom the condition binds
        for clause in [head, *(c for c in head.children if c.dep_ == "xcomp")]:
            for child in clause.children:
                if child.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in child.children):
                    candidates += [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
    if event in CONFLICT_TO_THREATEN | {"THREATEN", "MOBILIZE"}:
        candidates += _against_anywhere(head)
    if event == "REQUEST":
        # "called for an inclusive government in Syria": what is asked for, and where
        candidates += [t for p in _pobjs(head, ("for",)) for t in _pobjs(p, ("in",))]
    # One meets people, not topics: "discussed China's role" is no meeting with China.
    return _first_other(candidates, actors, actor or [], owner=event != "CONSULT")


def _first_other(candidates: list[Token], actors: ActorIndex, actor: list[Entity], owner: bool = True) -> list[Entity]:
    """The first candidate that names someone other than the actor ("withdraw its troops
    from Lebanon": not 'its', but Lebanon)."""
    own = {e.code for e in actor}
    own_keys = {e.key() for e in actor}
    fallback: list[Entity] = []
    for tok in candidates:
        resolved = actors.resolve(tok, allow_places=True, owner=owner)
        found = [e for e in resolved if e.code not in own]
        if found:
            return found
        if not fallback:  # "Kenyan police arrested Kenyan opposition leaders"
            fallback = [e for e in resolved if e.key() not in own_keys and e.sector]
    return fallback


def _nominal_actor(noun: Token, actors: ActorIndex, kb: Knowledge) -> tuple[list[Entity], Token | None]:
    """Who does what a noun names: its possessor, a nationality adjective, 'by X', or the
    subject of the light verb or clause it sits in. Returns the actors and the clause verb.

    A nationality adjective alone ("U.S. military operations") describes a kind of
    activity more often than an event, so it only counts when the noun also names a
    target ("a U.S. attack on X", "a Chinese protest to Japan")."""
    has_target = bool(_pobjs(noun, ("on", "against", "to", "with", "at")))
    patient = noun.lemma_.lower() in kb.speech.get("patient_nouns", frozenset())
    pair = _hyphen_pair(noun, actors)
    if pair:
        return pair, None  # "China-Japan talks", "Russian-Ukrainian talks": both sides
    meeting = noun.lemma_.lower() in MEETING_NOUNS and not (noun.dep_ == "pobj" and noun.head.lower_ in CIRCUMSTANCE_PREPS)
    for child in sorted(noun.children, key=lambda c: c.dep_ == "poss"):
        convener = meeting and child.dep_ == "compound" and (m := actors.at(child.i)) is not None and m.kind == "organisation"
        if child.dep_ in ("amod", "compound", "nmod") and not has_target and not convener:
            continue  # but "G7 talks", "a NATO summit" are the body's meetings
        if child.dep_ == "poss" and patient:
            continue  # "al-Rufay'i's killing", "Mhlanga's arrest": whose it is suffers it
        if child.dep_ in ("poss", "amod", "compound", "nmod"):
            # "U.S. sanctions" names who sanctions, "Iran sanctions" whom: as a noun
            # modifier only an abbreviation reads as the actor.
            if child.dep_ == "compound" and not _abbreviation(child):
                continue
            found = actors.resolve(child)
            if found:
                return found, None
    for pobj in _pobjs(noun, ("by", "between")):
        # "agreements between Syria's authorities and the SDF": the first side acts, the
        # other (found among the recipients) receives
        found = actors.resolve(pobj, conjuncts=pobj.head.lower_ != "between")
        if found:
            return found, None
    # "an offensive launched by forces in Puntland", "sanctions imposed by the US"; an
    # agreement "signed by" its parties is the signing itself, coded from the verb
    authored = not (_is_event_noun(noun, kb) and noun.lemma_.lower() in AGREEMENT_NOUNS)
    for acl in (c for c in noun.children if authored and c.dep_ == "acl" and word_forms(c) & kb.speech.get("light_verbs", frozenset())):
        for agent in (a for a in acl.children if a.dep_ == "agent"):
            found = [e for p in agent.children if p.dep_ == "pobj" for e in actors.resolve(p)]
            if found:
                return found, None  # "an offensive launched by forces in Puntland"
    parent = noun.head
    if noun.dep_ == "pobj" and parent.lower_ == "of" and parent.head.dep_ in ("dobj", "nsubjpass"):
        noun, parent = parent.head, parent.head.head  # "launched ten days of war games"
    if noun.dep_ in ("dobj", "nsubjpass") and parent.pos_ in ("VERB", "AUX") and word_forms(parent) & kb.speech.get("light_verbs", frozenset()):
        subj, _ = subject_of(parent)
        return (actors.resolve(subj) if subj is not None else []), parent
    if noun.dep_ == "pobj" and parent.lower_ in NOMINAL_FRAME_PREPS and parent.head.pos_ in ("VERB", "AUX"):
        verb = parent.head
        subj, _ = subject_of(verb)
        return (actors.resolve(subj) if subj is not None else []), verb
    return [], None


def _hyphen_pair(noun: Token, actors: ActorIndex) -> list[Entity]:
    """The two sides named by "China-Japan talks" or "Russian-Ukrainian talks", else []."""
    pair = [e for t in noun.subtree if t.i < noun.i and t.dep_ in ("compound", "amod", "nmod")
            and any(n.text == "-" for n in t.doc[max(t.i - 1, 0): t.i + 2]) for e in actors.resolve(t, conjuncts=False)]
    return pair if len({e.code for e in pair}) >= 2 else []


def _abbreviation(tok: Token) -> bool:
    return "." in tok.text or (tok.text.isupper() and len(tok.text) <= 4)


def _is_negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or c.lower_ in ("never", "no") and c.dep_ in ("advmod", "det") for c in tok.children):
        return True
    # "Neither navy will send warships", "No country sent troops": a subject that is none.
    if any(c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ in ("det", "preconj") and d.lower_ in ("no", "neither")
                                                   for d in c.children) for c in tok.children):
        return True
    return tok.dep_ in ("xcomp",) and any(c.dep_ == "neg" for c in tok.head.children)


def _clause_frame(tok: Token, kb: Knowledge, trigger_heads: Mapping[int, str]) -> tuple[str, Token | None]:
    """How the clause of a trigger is framed, walking up the parse:

    - ``real``: reported as done (or, with a future auxiliary, as going to be done);
    - ``suppress``: wanted, asked for, proposed or required, so not an event of its own
      ("demanded the UN slap an embargo");
    - ``hypothetical``: supposed in a condition ("if talks fail");
    - ``commit``: promised, vowed or declared readiness for ("vowed to fight",
      "willing to withdraw"), coded as AGREE or THREATEN by the committing actor;
    - ``fail``: "failed to reach agreement", a rejection when cooperative.
    """
    intent_verbs = kb.speech.get("intent_verbs", frozenset())
    intent_nouns = kb.speech.get("intent_nouns", frozenset())
    commit_verbs = kb.speech.get("commit_verbs", frozenset())
    commit_adjectives = kb.speech.get("commit_adjectives", frozenset())
    marks = kb.speech.get("conditional_marks", frozenset())
    cues = kb.speech.get("cue_verbs", frozenset())
    report_nouns = kb.speech.get("report_nouns", frozenset())
    asking = kb.speech.get("asking_verbs", frozenset())
    child = tok
    found: tuple[str, Token | None] = ("real", None)  # a commitment or failure, unless an outer frame suppresses it
    for _ in range(8):
        parent = child.head
        if parent.i == child.i:
            break
        plemma = parent.lemma_.lower()
        forms = word_forms(parent) if parent.pos_ in ("VERB", "AUX") else {plemma}  # "hopes" lemmatised as "hop"
        if child.dep_ in ("pobj", "dobj") and parent.lower_ in CIRCUMSTANCE_PREPS:  # "following" is tagged a verb
            return found  # "hopes to resolve the pause during talks Tuesday": the talks are set, not hoped for
        if child.dep_ == "acl" and plemma in report_nouns and any(c.lower_ == "that" for c in child.children):
            # "welcomed the announcement that Ukraine had agreed" reports a fact; "demanded an
            # admission that ..." asks for one, and the walk goes on to find that out.
            grand = parent.head
            if not (parent.dep_ in ("dobj", "pobj") and grand.lemma_.lower() in asking):
                return found
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in child.children):
            return "hypothetical", None
        if child.dep_ == "ccomp" and plemma in cues and _obligation(child):
            return "suppress", None
        if child.dep_ == "xcomp":
            if parent.i in trigger_heads:
                return "suppress", None  # "offered to hand over": the offer is the event
            if found[0] == "real" and plemma == "fail":
                found = ("fail", parent)
            elif found[0] == "real" and (forms & commit_verbs or (parent.pos_ == "ADJ" and plemma in commit_adjectives)):
                found = ("commit", parent)  # "vowed to fight"; "aims to understand what X is willing to give" is not
        if child.dep_ in ("xcomp", "ccomp", "dobj", "pcomp", "advcl") and forms & intent_verbs and parent.pos_ in ("VERB", "AUX"):
            if child.dep_ != "advcl" or any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                return "suppress", None
        if child.dep_ in ("acl", "prep", "pobj", "pcomp", "xcomp") and plemma in intent_nouns and parent.pos_ == "NOUN":
            return "suppress", None
        if child.dep_ == "ccomp" and parent.i in trigger_heads and plemma not in cues:
            return "suppress", None
        child = parent
    return found


def _obligation(verb: Token) -> bool:
    """'Sudan must return the helicopter': a clause of what someone has to do."""
    if any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in verb.children):
        return True
    return verb.lemma_ in ("have", "need") and any(c.dep_ == "xcomp" for c in verb.children)


def _conditional_threat(tok: Token) -> bool:
    """'will withdraw its force unless ...': a conditional promise of harm is a threat."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children) for c in tok.children)


def _future(tok: Token) -> bool:
    """Whether a clause tells of something still to come ("will host talks")."""
    future_aux = [c for c in tok.children if c.dep_ == "aux" and c.lower_ in FUTURE_AUX]
    if future_aux:
        # "announced that it would cease military aid": a decision made known is the
        # event itself, not an intention.
        clause = tok
        while clause.dep_ == "conj" and clause.head.i != clause.i:
            clause = clause.head  # "... it would prohibit all aid and would deny entry"
        decided = clause.dep_ == "ccomp" and bool(word_forms(clause.head) & DECISION_VERBS)
        return not (decided and all(c.lower_ == "would" for c in future_aux))
    if tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return _future(tok.head)  # "will visit Senegal to mediate": the purpose is as future
    if any(c.dep_ == "aux" and c.lower_ == "going" for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and tok.head.dep_ != "ROOT" and _future(tok.head)


DECISION_VERBS = {"announce", "decide", "confirm", "order", "rule"}


def _contexts(rule: TriggerRule, sent: Span, kb: Knowledge) -> list[str]:
    found = [rule.context] if rule.context else []
    runs = ngram_positions(tokens_of(sent.doc)[sent.start : sent.end],
                           {len(words) for phrases in kb.context_words.values() for words in phrases})
    for context, phrases in kb.context_words.items():
        if context not in found and any(words in runs for words in phrases):
            found.append(context)
    return found[:3]


def _evidence(doc: Doc, sent: Span, tokens: tuple[int, ...]) -> Evidence:
    text = sent.text.strip()
    start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
    trigger = doc[min(tokens) : max(tokens) + 1].text
    return Evidence(text, start, start + len(text), trigger)


def _trigger_features(match: TriggerMatch, event_type: str, direct_actor: bool, headline: bool, framed: bool) -> dict[str, float]:
    """What the trigger and the parse say about how sure an event is (see :func:`confidence`)."""
    return {
        "multiword": float(len(match.tokens) > 1),
        "verb": float(match.rule.pos == "verb"),
        "direct_actor": float(direct_actor),
        "headline": float(headline),
        "retyped": float(event_type != match.rule.event),  # negated, future or framed into another type
        "framed": float(framed),  # found through a frame: echo, obligation, dismissal, stopping
    }


def event_features(event: Event) -> dict[str, float]:
    """The features of an event's confidence: how its trigger was found and what the
    record ended up with (recipient, merged reports, kind of actor)."""
    own = {a.code for a in event.actor}
    return {
        **event._features,
        "recipient": float(bool(event.recipient)),
        "needs_recipient": float(event.event in REQUIRES_RECIPIENT and not event.recipient),
        "reports": float(min(len(event.evidence), 3) - 1),
        "pronoun_actor": float(any(a.entity_text.lower() in PRONOUNS for a in event.actor)),
        "inferred_actor": float(any(not a.entity_text for a in event.actor)),
        "person_actor": float(any(a.kind == "person" for a in event.actor)),
        "domestic": float(bool(event.recipient) and {r.code for r in event.recipient} <= own),
        "future": float(event.aux_mode == "future"),
        "material": float(event.quad_code in (2, 4)),
        "conflict": float(event.quad_code in (3, 4)),
    }


def confidence(event: Event, kb: Knowledge) -> float:
    """The probability that a careful coder would code this event as it stands: a
    logistic model over :func:`event_features` whose weights (``data/confidence.yaml``)
    were fitted on annotated articles, so that confidences can be read as rates."""
    weights = kb.confidence_weights
    if not weights:
        return 0.5
    z = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in event_features(event).items())
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def _make_event(doc, match, event_type, actor, recipients, clause, kb, headline, direct_actor, aux_mode, framed=False) -> Event:
    sent = sent_of(doc[match.head])
    ev = _evidence(doc, sent, match.tokens)
    actor_keys = {e.key() for e in actor}
    recipients = [r for r in recipients if r.key() not in actor_keys or len(actor) > 1]
    return Event(
        event=event_type, actor=actor, recipient=recipients, event_text=ev.event_text, text=ev.text,
        start=ev.start, end=ev.end, mode=match.rule.mode if event_type == match.rule.event else None,
        context=_contexts(match.rule, sent, kb), aux_mode=aux_mode,
        evidence=[ev], _head=match.head, _clause=clause.i, _sent=sent.start, _headline=headline,
        _features=_trigger_features(match, event_type, direct_actor, headline, framed),
    )


def _negation_mode(tok: Token) -> str | None:
    """None when not negated; 'refuse' for 'will not accept', 'not' for 'did not agree'."""
    if not _is_negated(tok):
        return None
    if any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in tok.children):
        return "refuse"
    return "not"


def _event_from_trigger(doc: Doc, match: TriggerMatch, actors: ActorIndex, kb: Knowledge, heads: Mapping[int, str],
                        headline: bool, unrealised: bool = False) -> list[Event]:
    """The events one trigger reports. Events said not to happen or only supposed (a
    condition, a question) are dropped, or with ``unrealised`` kept with PLOVER's
    auxiliary mode 'negation' or 'hypothetical'."""
    head = doc[match.head]
    unreal = None
    if sent_of(head).text.rstrip().endswith("?"):
        unreal = "hypothetical"
    if match.rule.event == "ACCUSE" and match.rule.pos == "verb" and any(
            c.dep_ == "prep" and c.lower_ in ("into", "onto") for c in head.children):
        return []  # "the cyclone slammed into Mozambique": a blow, not criticism
    frame, framer = _clause_frame(head, kb, heads)
    if frame == "suppress":
        return []
    if frame == "hypothetical":
        unreal, frame = "hypothetical", "real"
    if match.rule.event == "REQUEST" and _aim_of_protest(head, heads):
        return []
    clause = head
    direct_actor = True
    if match.rule.pos == "verb":
        subj, passive = subject_of(head)
        # "US drone attacks killed ...": an event noun as subject stands for its author.
        actor = actors.resolve(subj, owner=_is_event_noun(subj, kb)) if subj is not None else []
        if subj is not None and subj.lemma_.lower() in LEGAL_TEXTS and QUAD_CODES[match.rule.event] <= 2:
            actor = []  # "Zimbabwe's Constitution guarantees the right ...": a law's wording, not an act
        passive_subject = next((c for c in head.children if c.dep_ == "nsubjpass"), None) if passive else None
        recipients = _recipients(head, set(match.tokens), actors, passive_subject, match.rule.event, actor)
        if not recipients and head.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children):
            # "sent 21 personnel to Bosnia to investigate": where the purpose is pursued
            recipients = _first_other(_pobjs(head.head, ("to", "into", "in")), actors, actor)
        direct_actor = subj is not None and subj.head.i == head.i
        if not actor and head.dep_ == "acl" and head.head.dep_ in ("dobj", "pobj"):
            # "issued a declaration demanding that ...": the declaration's issuer demands.
            subj, _ = subject_of(head.head.head if head.head.dep_ == "dobj" else head.head.head.head)
            actor = actors.resolve(subj) if subj is not None else []
        if not actor and passive and word_forms(head) & kb.speech.get("pledge_verbs", frozenset()):
            actor = actors.resolve(passive_subject) if passive_subject is not None else []  # "Vietnam is committed to ..."
        if not actor and passive and subj is None and match.rule.event == "SANCTION":
            # "Geza was expelled from the Zanu PF party", "was expelled from Russia": the body
            # or state left expels
            bodies = [e for p in _pobjs(head, ("from",)) for e in actors.resolve(p, allow_places=True)]
            if bodies:
                actor, direct_actor = bodies[:1], False
                recipients = [r for r in recipients if r.key() != bodies[0].key()]
        if not actor and passive and subj is None and match.rule.event == "COERCE" and word_forms(head) & ARRESTS:
            # "he was arrested for taking photos": arrests are made by the state's police.
            states = [r.code for r in recipients if r.code and r.code in kb.country_names]
            if states:
                actor = [Entity(states[0], kb.country_names[states[0]], "", "COP", "country")]
                direct_actor = False
    else:
        rejecter = head.head.head if head.dep_ == "pobj" else head.head
        if head.dep_ in ("dobj", "pobj") and heads.get(rejecter.i) == "REJECT":
            return []  # "reneged on his commitment", "rejected the talks": what is refused is no event
        actor, verb = _nominal_actor(head, actors, kb)
        circumstance = head.dep_ in ("pobj", "dobj") and head.head.lower_ in CIRCUMSTANCE_PREPS
        if verb is not None:
            clause = verb
            if frame == "real" and not circumstance:
                frame, framer = _clause_frame(verb, kb, heads)
            if frame == "suppress":
                return []
            if frame == "hypothetical":
                unreal, frame = "hypothetical", "real"
        recipients = []
        # "an invasion of X" names the target; "a deployment of missiles", "a meeting of
        # ministers", "the release of prisoners" name a theme or the participants.
        preps = RECIPIENT_PREPS + (("of",) if match.rule.event in OF_TARGET_EVENTS else ()) + (
            ("for",) if match.rule.event in FOR_BENEFICIARY_EVENTS else ())
        candidates = [t for p in _pobjs(head, preps) for t in (_object_candidates(p) if p.head.lower_ == "of" else [p])]
        if head.lemma_.lower() in kb.speech.get("patient_nouns", frozenset()):
            candidates = [c for c in head.children if c.dep_ == "poss"] + candidates
        candidates += [c for k in head.children if k.dep_ in ("acl", "ccomp") for c in k.children if c.dep_ == "nsubj"]
        recipients = _first_other(candidates, actors, actor)
        if not recipients and _hyphen_pair(head, actors):
            actor, recipients = actor[:1], actor[1:]  # "China-Japan talks": one side meets the other
        if not recipients and verb is not None and match.rule.event == "CONSULT":
            recipients = _recipients(verb, {head.i}, actors, None, match.rule.event, actor)
        direct_actor = False
    event_type = match.rule.event
    stopper = head.head if head.dep_ in ("dobj", "nsubjpass") else None
    stopped = False
    if (match.rule.pos == "noun" and event_type in STOPPABLE and stopper is not None
            and stopper.lemma_.lower() in kb.speech.get("stop_verbs", frozenset())):
        # "would cease military aid to Ukraine", "suspended talks with Iran": ending
        # cooperation is a sanction by whoever ends it.
        subj, _ = subject_of(stopper)
        actor = actors.resolve(subj) if subj is not None else actor
        recipients = recipients or _recipients(stopper, {head.i}, actors, None, "SANCTION", actor)
        clause, event_type, match = stopper, "SANCTION", TriggerMatch(match.rule, match.head, tuple(sorted({stopper.i, *match.tokens})))
        stopped = True
    if not actor and event_type == "PROTEST":
        verb = head if match.rule.pos == "verb" else head.head if head.dep_ == "dobj" else None
        protesters = subject_of(verb)[0] if verb is not None else None
        if protesters is not None and protesters.pos_ == "NOUN":  # "Islamic fundamentalists", not "he"
            actor = _protesters_home(verb, actors)
    by_place = not actor and (_unattributed(head, event_type, kb) if match.rule.pos == "verb"
                              else event_type == "COERCE" and head.lemma_.lower() in ARREST_NOUNS)
    if not actor and not by_place:
        return []
    aux_mode = None
    # "made no arrests", "reached no agreement": a noun trigger is negated by its own "no" too.
    negation = _negation_mode(clause) or (_negation_mode(head) if clause.i != head.i else None)
    if negation is not None:
        if negation == "refuse" and event_type in REFUSABLE:
            event_type = "REJECT"  # "will not accept", "won't allow": a refusal
        else:
            unreal = unreal or "negation"
    elif frame == "fail":
        if event_type not in REFUSABLE:
            return []
        event_type = "REJECT"
    elif _conditional_threat(clause) and event_type not in ("AGREE", "REQUEST", "CONSULT", "SUPPORT"):
        aux_mode, event_type = "future", "THREATEN"  # "will withdraw its force unless ..."
    elif frame == "commit" and framer is not None and framer.lemma_.lower() == "prepare" and event_type == "ASSAULT":
        event_type = "MOBILIZE"  # "the army prepared to resume shelling": readying an attack
    elif frame == "commit" or _future(clause):
        aux_mode = "future"
        if event_type in COOPERATIVE_TO_AGREE:
            event_type = "AGREE"
        elif event_type in CONFLICT_TO_THREATEN:
            event_type = "THREATEN"
    if event_type == "AGREE" and match.rule.pos == "verb" and any(
            QUAD_CODES.get(heads.get(t.i, ""), 0) == 4 for c in head.children if c.dep_ == "xcomp"
            for t in [c, *(o for o in c.children if o.dep_ == "dobj")]):
        event_type = "THREATEN"  # "pledged to continue its attacks": a pledge of force is a threat
    if event_type == "THREATEN" and head.lemma_.lower() == "warn" and not _pobjs(head, ("against", "to")) \
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in head.children):
        return []  # "warned in July of a possible IS resurgence": a warning of a danger, not a threat
    if event_type == "PROTEST" and all(a.sector == "GOV" for a in actor):
        event_type = "ACCUSE"  # a government's protest is diplomatic, not a demonstration
    if event_type == "ASSAULT" and head.lemma_.lower() in VERBAL_FIGHTS and all(a.sector in CIVIL_SECTORS for a in actor):
        event_type = "ACCUSE"  # "ministers clash over ...": a war of words
    if event_type == "MOBILIZE" and len({a.code for a in actor}) > 1 and head.lemma_.lower() in JOINT_ACTIVITIES:
        event_type = "COOPERATE"  # manoeuvres of several states together are cooperation
    # a protest or curfew threatened is aimed where it would be carried out
    domestic = event_type if event_type in DOMESTIC_TARGETS else match.rule.event if event_type == "THREATEN" else None
    if not recipients and domestic in DOMESTIC_TARGETS:
        recipients = _domestic_recipient(clause, actors, actor, DOMESTIC_TARGETS[domestic])
    if not recipients and event_type == "ASSAULT":
        recipients = _civilians_targeted(clause, actors, actor)
    if unreal is not None:
        if not unrealised:
            return []
        aux_mode = unreal
    events = [_make_event(doc, match, event_type, actor, recipients, clause, kb, headline, direct_actor, aux_mode,
                          framed=stopped or frame == "commit")]
    events[0]._actor_by_place = by_place
    # "Abe echoed South Korea's demand": who echoes a demand makes it too.
    if match.rule.pos == "noun" and head.dep_ == "dobj" and head.head.lemma_.lower() in kb.speech.get("echo_verbs", ()):
        echo = head.head
        subj, _ = subject_of(echo)
        echo_actor = actors.resolve(subj) if subj is not None else []
        if echo_actor and {e.key() for e in echo_actor} != {e.key() for e in actor} and not _is_negated(echo):
            echo_match = TriggerMatch(match.rule, echo.i, tuple(sorted({echo.i, *match.tokens})))
            events.append(_make_event(doc, echo_match, event_type, echo_actor, recipients, echo, kb, headline, True, aux_mode,
                                      framed=True))
    return events


PLACE_ACTOR_SECTORS = {"ASSAULT": None, "COERCE": "COP"}  # sector of the state that acts where no one is named


def _unattributed(verb: Token, event_type: str, kb: Knowledge) -> bool:
    """'was arrested in Lebanon', 'a roadside bombing near Samarra killed one U.S.
    soldier': force or an arrest with no author named, whose author a coder takes to be
    the state where it happened (see :func:`attribute_by_place`)."""
    if event_type not in PLACE_ACTOR_SECTORS:
        return False
    if event_type == "COERCE" and not word_forms(verb) & ARRESTS:
        return False
    subj, passive = subject_of(verb)
    if subj is None:
        return any(c.dep_ == "nsubjpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)
    return event_type == "ASSAULT" and not passive and (_is_event_noun(subj, kb) or subj.lemma_.lower() in WEAPONS)


WEAPONS = {"bomb", "mine", "shell", "rocket", "missile", "explosion", "blast", "device", "grenade", "mortar", "drone"}


def attribute_by_place(events: list[Event], kb: Knowledge) -> list[Event]:
    """Events whose place is known stand for the state there where the text names no one:
    an attack or arrest with no named author is that state's (events with no place are
    dropped); an attack or aid for no one named ("fired shells at targets in Jericho",
    "treated 385 survivors in Sudan") is aimed at it."""
    kept = []
    for event in events:
        loc = event.event_loc
        state = loc.country if loc is not None and loc.source == "sentence" and loc.country in kb.country_names else None
        if event._actor_by_place and not event.actor:
            if state is None:
                continue
            event.actor = [Entity(state, kb.country_names[state], "", PLACE_ACTOR_SECTORS.get(event.event), "country")]
        elif event.event in ("ASSAULT", "AID") and not event.recipient and state and state not in {a.code for a in event.actor}:
            event.recipient = [Entity(state, kb.country_names[state], "", None, "country")]
        kept.append(event)
    return kept


PROTEST_AIMS = {"PROTEST", "COERCE"}  # a hunger strike, a march or a blockade "to demand ..."


def _aim_of_protest(head: Token, heads: Mapping[int, str]) -> bool:
    """'staged demonstrations to demand reforms', 'demonstrated calling for independence',
    'blocked roads to press their demands': the demand is what the protest is for, part
    of the protest event rather than a request of its own."""
    if head.dep_ not in ("advcl", "xcomp", "conj"):
        return False
    parent = head.head
    if head.dep_ == "conj":  # "demonstrated and demanded", not "condemned the arrest and urged"
        return heads.get(parent.i) == "PROTEST"
    acts = [parent, *(c for c in parent.children if c.dep_ in ("dobj", "nsubj"))]
    return any(heads.get(t.i) in PROTEST_AIMS for t in acts)


def _protesters_home(clause: Token, actors: ActorIndex) -> list[Entity]:
    """'Islamic fundamentalists continued their hunger strike to demand the resignation of
    Algerian President ...': protesters of no stated nationality are coded to the one
    state their clause names, where it names only one."""
    if actors.kb is None:
        return []
    codes = {m.entity.code for t in clause.subtree if (m := actors.at(t.i)) is not None}
    codes = {c for c in codes if c in actors.kb.country_names}
    if len(codes) != 1:
        return []
    code = codes.pop()
    return [Entity(code, actors.kb.country_names[code], "", "CVL", "country")]


def _domestic_recipient(clause: Token, actors: ActorIndex, actor: list[Entity], sector: str) -> list[Entity]:
    """Protests, curfews and concessions with no one named are aimed at home: protesters at
    their government, a curfew at the population. Where the sentence places the event in
    another country ("rioted at a jail in northern Israel"), that country is the target."""
    for tok in clause.subtree:
        m = actors.at(tok.i)
        if m is not None and m.is_place and m.entity.code and m.entity.code not in {a.code for a in actor}:
            return [replace(m.entity, sector=sector, kind="country")]
    codes = {a.code for a in actor if a.code}
    if len(codes) != 1:
        return []
    code = codes.pop()
    name = next(a.name for a in actor if a.code == code)
    if actor[0].kind in ("person", "group"):
        name = actors.kb.country_names.get(code, name) if actors.kb else name
    return [Entity(code, name, "", sector, "country")]


def _civilians_targeted(clause: Token, actors: ActorIndex, actor: list[Entity]) -> list[Entity]:
    """'police opened fire to disperse demonstrators': force used on people of no stated
    nationality, in the clause or its purpose, is used on the actor's own civilians."""
    codes = {a.code for a in actor if a.code}
    if len(codes) != 1 or actors.kb is None:
        return []
    clauses = [clause, *(c for c in clause.children if c.dep_ in ("advcl", "xcomp"))]
    for verb in clauses:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [s for c in verb.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]  # "allow X to run"
    for obj in objects:
            sector = actors.kb.groups.get((obj.lemma_.lower(),)) or actors.kb.groups.get((obj.lower_,))
            if actors.at(obj.i) is None and sector == "CVL" and not any(
                    c.dep_ in ("poss", "prep") for c in obj.children):
                code = codes.pop()
                return [Entity(code, actors.kb.country_names.get(code, code), "", "CVL", "country")]
    return []


def _pledges(doc: Doc, actors: ActorIndex, kb: Knowledge, quoted: list[tuple[int, int]], headline_sents: set[int],
             heads: Mapping[int, str]) -> list[Event]:
    """'Kostunica promised to democratize Serbia', 'Vietnam is committed to opening up
    the economy': a pledge to do something no trigger names is PLOVER's AGREE (an
    expressed intent to cooperate or change policy). Pledges of named events are coded
    through their trigger instead (see the 'commit' frame)."""
    pledge_verbs = kb.speech.get("pledge_verbs", frozenset())
    pledge_adjectives = kb.speech.get("pledge_adjectives", frozenset())
    out = []
    for tok in tokens_of(doc):
        pledging = tok.pos_ == "VERB" and word_forms(tok) & pledge_verbs or tok.pos_ == "ADJ" and tok.lemma_.lower() in pledge_adjectives
        if not pledging or in_spans(tok.idx, quoted) or tok.i in heads or _is_negated(tok):
            continue
        content = [c for c in tok.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        content += [g for p in tok.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children if g.dep_ == "pcomp"]
        if not content or any(t.i in heads for c in content for t in c.subtree) or word_forms(content[0]) & kb.conflict_verbs:
            continue  # a pledge to fight is a threat, which only a trigger may code
        clause = tok.head if tok.pos_ == "ADJ" and tok.dep_ == "acomp" else tok
        if _clause_frame(clause, kb, heads)[0] == "suppress" or sent_of(clause).text.rstrip().endswith("?"):
            continue
        subj, _ = subject_of(clause)
        subj = subj if subj is not None else next((c for c in clause.children if c.dep_ == "nsubjpass"), None)  # "is committed to"
        actor = actors.resolve(subj) if subj is not None else []
        if not actor:
            continue
        recipients = _recipients(content[0], set(), actors, None, "AGREE", actor)
        rule = TriggerRule("AGREE", None, None, (tok.lemma_,), "verb")
        match = TriggerMatch(rule, tok.i, (tok.i, content[0].i))
        out.append(_make_event(doc, match, "AGREE", actor, recipients, clause, kb, sent_of(clause).start in headline_sents, True,
                               "future", framed=True))
    return out


def _obligations(doc: Doc, actors: ActorIndex, kb: Knowledge, quoted: list[tuple[int, int]], headline_sents: set[int]) -> list[Event]:
    """'Russia said Sudan must return the helicopter': stating what another actor must do
    is a demand (REQUEST) of the speaker on that actor."""
    cues = kb.speech.get("cue_verbs", frozenset())
    out = []
    for verb in tokens_of(doc):
        if verb.lemma_.lower() not in cues or verb.pos_ != "VERB" or in_spans(verb.idx, quoted):
            continue
        for comp in verb.children:
            if comp.dep_ != "ccomp" or not _obligation(comp) or _is_negated(comp):
                continue
            speaker, _ = subject_of(verb)
            target = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            actor = actors.resolve(speaker) if speaker is not None else []
            recipients = actors.resolve(target, allow_places=True) if target is not None else []
            if not actor or not recipients:
                continue
            aux = next((c for c in comp.children if c.dep_ == "aux" or c.lemma_ in ("have", "need")), None)
            rule = TriggerRule("REQUEST", "change", None, (verb.lemma_,), "verb")
            match = TriggerMatch(rule, verb.i, (verb.i, aux.i if aux is not None else comp.i))
            out.append(_make_event(doc, match, "REQUEST", actor, recipients, verb, kb, sent_of(verb).start in headline_sents, True, None,
                                   framed=True))
    return out


def _dismissals(doc: Doc, actors: ActorIndex, kb: Knowledge, quoted: list[tuple[int, int]], headline_sents: set[int]) -> list[Event]:
    """'X insisted that pressure will not work': a speaker dismissing a policy rejects it."""
    cues = kb.speech.get("cue_verbs", frozenset())
    dismiss = kb.speech.get("dismissals", frozenset())
    policy_words = {w for spec in kb.issues.values() for words in spec["keywords"] for w in words[-1:]}
    out = []
    for verb in tokens_of(doc):
        if verb.lemma_.lower() not in cues or in_spans(verb.idx, quoted) or verb.pos_ != "VERB":
            continue
        for comp in verb.children:
            if comp.dep_ != "ccomp":
                continue
            preds = [comp, *[c for c in comp.children if c.dep_ == "acomp"]]
            hit = next((p for p in preds if p.lemma_.lower() in dismiss), None)
            if hit is None:
                continue
            needs_negation = hit.pos_ in ("VERB", "AUX")
            if needs_negation and not _is_negated(comp):
                continue
            subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.lemma_.lower() not in policy_words:
                continue
            speaker, _ = subject_of(verb)
            actor = actors.resolve(speaker) if speaker is not None else []
            if not actor:
                continue
            rule = TriggerRule("REJECT", "change", None, (verb.lemma_,), "verb")
            match = TriggerMatch(rule, verb.i, (verb.i, comp.i))
            out.append(_make_event(doc, match, "REJECT", actor, [], verb, kb, sent_of(verb).start in headline_sents, True, None,
                                   framed=True))
    return out


def headline_sentences(doc: Doc, title: str) -> set[int]:
    """Sentence starts of the headline and other lines before the article's first full sentence."""
    out: set[int] = set()
    title_norm = " ".join(title.split()).lower()
    for sent in sents_of(doc):
        text = " ".join(sent.text.split())
        if not text:
            continue
        if text.lower() == title_norm or (text[-1] not in ".!?\"”'’" and len(text.split()) <= 20):
            out.add(sent.start)
            continue
        break
    return out


def extract_events(doc: Doc, actors: ActorIndex, kb: Knowledge, quoted: list[tuple[int, int]], title: str = "",
                   unrealised: bool = False) -> list[Event]:
    """Every event the article reports, one record per trigger, before merging; with
    ``unrealised``, also those it says did not happen or only might (see _event_from_trigger)."""
    headlines = headline_sentences(doc, title)
    matches = [m for m in match_triggers(doc, kb) if not in_spans(doc[m.head].idx, quoted)]
    heads = {m.head: m.rule.event for m in matches}  # trigger heads and the event each proposes
    events: list[Event] = []
    for match in matches:
        headline = sent_of(doc[match.head]).start in headlines
        events += _event_from_trigger(doc, match, actors, kb, heads, headline, unrealised)
    events += _dismissals(doc, actors, kb, quoted, headlines)
    events += _obligations(doc, actors, kb, quoted, headlines)
    events += _pledges(doc, actors, kb, quoted, headlines, heads)
    return events


def _codes(entities: list[Entity]) -> frozenset[str]:
    return frozenset(e.code for e in entities if e.code)


SYMMETRIC_EVENTS = {"CONSULT", "COOPERATE"}


UNREAL_MODES = {"negation", "hypothetical"}


def _same_event(a: Event, b: Event) -> bool:
    if a.event != b.event:
        return False
    if a.aux_mode != b.aux_mode and {a.aux_mode, b.aux_mode} & UNREAL_MODES:
        return False  # "France did not agree" is no report of "France agreed"
    if a.event in SYMMETRIC_EVENTS and _codes(a.actor + a.recipient) == _codes(b.actor + b.recipient):
        return True  # "Turkey held talks with Greece" and "the talks between the two governments"
    if _codes(a.actor) != _codes(b.actor):
        return False
    ra, rb = _codes(a.recipient), _codes(b.recipient)
    return ra == rb or not ra or not rb


DATE_RANK = {"text": 0, "relative": 1, "speech": 2, "dateline": 3, "published": 4, "none": 5}


def _absorb(into: Event, other: Event) -> None:
    held = {(e.start, e.event_text) for e in into.evidence}
    for ev in other.evidence:
        if (ev.start, ev.event_text) not in held:
            held.add((ev.start, ev.event_text))
            into.evidence.append(ev)
    if not into.recipient and other.recipient:
        into.recipient = other.recipient
    if DATE_RANK.get(other.date_source, 9) < DATE_RANK.get(into.date_source, 9):
        into.date, into.date_source = other.date, other.date_source
    if into.event_loc is None and other.event_loc is not None:
        into.event_loc = other.event_loc
    for c in other.context:
        if c not in into.context:
            into.context.append(c)


# what two sides can only do with each other ("disagreed", "failed to reach agreement")
RECIPROCAL_WORDS = {"disagree", "disagreed", "disagreement", "agreement", "agreements", "deal", "accord", "treaty", "pact",
                    "clash", "clashed", "feud", "quarrel", "quarrelled", "dispute", "negotiate", "negotiated", "talks"}


def split_joint_actors(events: list[Event]) -> list[Event]:
    """'Canada and Belgium have banned trophy imports': one record per acting state, as
    dyadic event data counts them. Meetings, cooperation and agreements between the
    actors themselves stay one record."""
    out = []
    for event in events:
        codes = list(dict.fromkeys(a.code for a in event.actor if a.code))
        mutual = bool(RECIPROCAL_WORDS & {w.strip(".,").lower() for w in event.event_text.split()})
        if len(codes) < 2 or mutual or event.event in SYMMETRIC_EVENTS | {"AGREE"} or set(codes) & _codes(event.recipient):
            out.append(event)
            continue
        for code in codes:
            out.append(replace(event, actor=[a for a in event.actor if a.code == code], evidence=list(event.evidence),
                               context=list(event.context)))
    return out


def merge_events(events: list[Event]) -> list[Event]:
    """One record per real-world event: duplicates in the body merge, keeping all evidence;
    a headline event folds into every body event of its type that shares an actor."""
    body = [e for e in events if not e._headline]
    heads = [e for e in events if e._headline]
    merged: list[Event] = []
    for ev in sorted(body, key=lambda e: e.start):
        twin = next((m for m in merged if _same_event(m, ev)), None)
        if twin is None:
            merged.append(replace(ev, evidence=list(ev.evidence), context=list(ev.context)))
        else:
            _absorb(twin, ev)
    for ev in heads:
        hosts = [m for m in merged if m.event == ev.event and _codes(m.actor) & _codes(ev.actor)
                 and (m.aux_mode in UNREAL_MODES) == (ev.aux_mode in UNREAL_MODES)]
        for host in hosts:
            host.evidence.insert(0, ev.evidence[0])
        if not hosts:
            merged.append(ev)
    return sorted(merged, key=lambda e: e.start)
