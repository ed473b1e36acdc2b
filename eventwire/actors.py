"""Actors: every political actor mention in a parsed article, resolved to a PLOVER code.

Pure functions over a spaCy ``Doc``. :func:`find_actors` returns an
:class:`ActorIndex` that later stages query with :meth:`ActorIndex.resolve`, which
turns the head token of a noun phrase into the actors it denotes.

Resolution order for a person (fallback chain): the words around the name in the
article ("Japanese Prime Minister Shinzo Abe", "Russia's Vladimir Putin", "US
Ambassador Nikki Haley"), then any other mention of the same person in the article
("Mr Abe" shares the first mention's identity), then the people data file with the
role held on the publication date, then the state the story is mostly about
(for people with no title or a state office). Pronouns take the nearest fitting antecedent: "he"/"she" a person within five
sentences, "it"/"its"/"they" a state, organisation or group within two, unless a
nearer subject that cannot be coded (a ship, an unnamed group) is the likelier one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .knowledge import NONSTATE_CODES as NONSTATE
from .knowledge import Knowledge, Name
from .nlp import ent_of, ents_of, in_spans, sent_of, sents_of, tokens_of
from .records import Entity

KIND_PRIORITY = ("person", "organisation", "country", "seat", "capital", "region", "demonym", "adjective", "people")
LOCATIVE_PREPS = {"in", "at", "near", "outside", "around", "across", "inside", "throughout", "into", "within", "via"}
FEMININE_PRONOUNS = {"she", "her", "hers", "herself"}
PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "hers"}
THING_PRONOUNS = {"it", "its"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs"}
QUANTITY_HEADS = {"ten", "tens", "hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "million", "millions",
                  "group", "groups", "number", "crowd", "crowds", "band", "team", "contingent", "some", "many", "most", "all",
                  "one", "two", "three", "several", "members", "member", "unit", "units", "patch", "batch"}
PERSON_REACH = 5  # sentences a personal pronoun may reach back to its antecedent
EXPERT_NOUNS = {"analyst", "expert", "specialist", "researcher", "scholar", "observer", "watcher", "historian", "correspondent"}
SUPRANATIONAL = {"EUR"}  # the EU has an executive of its own: the Commission is EUR GOV
STATE_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
# Group nouns that, named with no owner ("officials said", "rebels attacked", "people in
# Mulanje district"), belong to the state the story is about.
HOME_SECTORS = STATE_SECTORS | {"REB", "CVL", "OPP", "REF"}
NONSTATE_SECTORS = {None, "MIL", "JUD", "LEG", "COP", "REB", "PRM", "SPY", "BUS"}
NAME_LABELS = {"FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"}
ARMED_SECTORS = {"REB", "PRM", "UAF"}
SCOPE_PREPS = {"in", "throughout", "across", "inside", "from"}
LEADING_VERBS = {"head", "lead", "run", "chair", "direct", "found", "co-found", "manage"}
NOT_PERSON_HEADS = {"square", "street", "airport", "avenue", "bridge", "university", "stadium", "hall", "road", "prize"}

_matchers: dict[tuple[int, int], PhraseMatcher] = {}


@dataclass
class Mention:
    start: int  # first token
    end: int  # one past the last token
    entity: Entity
    kind: str
    is_place: bool = False


@dataclass
class ActorIndex:
    doc: Doc
    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)
    kb: Knowledge | None = None
    titles: dict[int, set] = field(default_factory=dict)  # person mention start -> titles given it
    home: str | None = None  # the state the story is mostly about
    several: dict[int, list[Entity]] = field(default_factory=dict)  # "the two leaders" -> both of them

    def at(self, i: int) -> Mention | None:
        return self.by_token.get(i)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def replace(self, old: Mention, new: Mention) -> None:
        """Put ``new`` where ``old`` was: one mention of the words, recoded."""
        self.mentions.remove(old)
        self.add(new)

    def entities(self) -> list[Entity]:
        """Each coded actor of the article once, at its first mention."""
        seen: dict[tuple[str | None, str, str | None], Entity] = {}
        for m in sorted(self.mentions, key=lambda m: m.start):
            if (m.entity.code or m.kind == "person") and not m.is_place and m.kind != "pronoun":
                seen.setdefault((m.entity.code, m.entity.name, m.entity.sector), m.entity)
        return list(seen.values())

    def person_named(self, text: str) -> Entity | None:
        """A person of the article whose name contains ``text`` ('Duale' for 'Aden Duale')."""
        for m in self.mentions:
            if m.entity.kind == "person" and m.kind != "pronoun" and _same_person(text, m.entity.name):
                return m.entity
        return None

    def resolve(self, token: Token, allow_places: bool = False, owner: bool = False, conjuncts: bool = True) -> list[Entity]:
        """The coded actors that the noun phrase headed by ``token`` stands for, and those
        coordinated with it ("Japan and South Korea") unless ``conjuncts`` is off. With
        ``owner``, a thing stands for whoever it belongs to: rejecting "an Indian
        proposal" or "Haiti's efforts" is aimed at India or Haiti."""
        return [_no_state_sector(e) for e in self._resolve_all(token, allow_places, owner, conjuncts)]

    def _resolve_all(self, token: Token, allow_places: bool, owner: bool, conjuncts: bool) -> list[Entity]:
        found: list[Entity] = list(self.several.get(token.i, []))
        for tok in [token, *(token.conjuncts if conjuncts else ())]:
            if tok.i in self.several:
                continue
            ent = self._resolve_one(tok, allow_places, depth=0, owner=owner)
            if ent is not None and all(e.key() != ent.key() for e in found):
                found.append(ent)
                # "French and Egyptian warships": each conjoined nationality is an actor.
                for adj in (c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")):
                    for other in adj.conjuncts:
                        m = self.at(other.i)
                        if m is not None and m.entity.code and m.entity.code != ent.code:
                            found.append(replace(ent, code=m.entity.code, name=m.entity.name))
        return found

    def _resolve_one(self, tok: Token, allow_places: bool, depth: int, owner: bool = False) -> Entity | None:
        if depth > 2:
            return None
        kb = self.kb
        mention = self.at(tok.i)
        if mention is not None and mention.entity.code:
            if mention.is_place and not allow_places:
                return None
            if mention.kind in ("adjective", "demonym") or mention.kind == "country":
                return replace(mention.entity, **_np(tok))
            return mention.entity
        lemma = tok.lemma_.lower()
        group_sector = None
        if kb is not None:
            # Two words first: "military officials" are soldiers, "officials" alone civil servants.
            prev = tok.nbor(-1).lower_ if tok.i > 0 else ""
            group_sector = (kb.groups.get((prev, lemma)) or kb.groups.get((prev, tok.lower_)) or kb.titles.get((prev, lemma))
                            or kb.groups.get((lemma,)) or kb.groups.get((tok.lower_,)) or kb.titles.get((lemma,)))
        # "his Chinese counterpart": the nationality says more than the pronoun. Only
        # nouns for people and bodies take their modifier's code: "Israeli troops" and
        # "Iraq's foreign ministry" are actors, "Zimbabwe's constitution" is not.
        named_body = tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "NORP", "")
        modifiers = sorted(tok.children, key=lambda c: c.dep_ == "poss") if group_sector or named_body or owner else []
        # An organisation or person names the body it modifies whatever the noun:
        # "the Islamic Jihad movement", "al-Qaeda's network", "Arafat's envoys".
        modifiers += [c for c in tok.children if c not in modifiers and (m := self.at(c.i)) is not None
                      and m.kind in ("organisation", "person")]
        # "US Predator attacks", "Israeli F-16 jets": a nationality before a compound noun
        modifiers += [g for c in modifiers if c.dep_ == "compound" and self.at(c.i) is None
                      for g in c.children if g.dep_ in ("compound", "amod") and g not in modifiers]
        for child in modifiers:
            if child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod"):
                m = self.at(child.i)
                if m is not None and m.entity.code and not m.is_place:
                    # "Hezbollah leaders" are fighters' leaders; "Republican lawmakers" lawmakers.
                    armed = m.kind == "organisation" and m.entity.sector in ARMED_SECTORS
                    sector = m.entity.sector if armed else (group_sector or m.entity.sector)
                    if m.entity.kind == "person" and m.entity.sector == "ELI" and sector == "GOV":
                        sector = "ELI"  # a former leader's government is a former government
                    return replace(m.entity, sector=sector, kind="group" if group_sector else m.entity.kind,
                                   **_np(tok))
        if lemma in QUANTITY_HEADS or tok.lower_ in QUANTITY_HEADS:
            # "tens of thousands of students", "a group of Moroccan diplomats"
            for pobj in (c for prep in tok.children if prep.lower_ == "of" for c in prep.children if c.dep_ == "pobj"):
                inner = self._resolve_one(pobj, allow_places, depth + 1)
                if inner is not None:
                    return inner
        for child in tok.children:
            # "rebels in the Ivory Coast", "students throughout Indonesia"
            if child.dep_ == "prep" and child.lower_ in SCOPE_PREPS and (group_sector is not None or tok.pos_ == "NOUN" and tok.tag_ == "NNS"):
                for pobj in child.children:
                    m = self.at(pobj.i) if pobj.dep_ == "pobj" else None
                    if m is None and pobj.dep_ == "pobj":  # "forces in Somalia's Puntland region"
                        m = next((self.at(c.i) for c in pobj.children if c.dep_ in ("poss", "compound") and self.at(c.i)), None)
                    if m is not None and m.entity.code and m.kind in ("country", "capital"):
                        return replace(m.entity, sector=group_sector, kind="group", **_np(tok))
        if group_sector == "SOC" and any(c.dep_ == "amod" and c.lower_ == "international" for c in tok.children) and any(
                c.dep_ == "compound" for c in tok.children):
            # "international media rights organizations", "international aid groups": NGOs
            return Entity("NGO", "non-governmental organisations", _np(tok)["entity_text"], None, "group",
                          *(_np(tok)[k] for k in ("start", "end")))
        owned = any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "from", "for") or self.at(c.i) is not None
                    for c in tok.children)
        capitalised = any(c.dep_ == "amod" and c.text[:1].isupper() for c in tok.children)  # "other Western nations"
        if group_sector in HOME_SECTORS and self.home and not owned and not capitalised and not _modifiers_named(tok, self):
            # "government soldiers", "officials said": the state the story is about
            name = kb.country_names.get(self.home, self.home) if kb else self.home
            return Entity(self.home, name, _np(tok)["entity_text"], group_sector, "group", *(_np(tok)[k] for k in ("start", "end")))
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "for") and group_sector is not None:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        inner = self._resolve_one(pobj, allow_places=True, depth=depth + 1)
                        if inner is not None:
                            return replace(inner, sector=group_sector, kind="group", **_np(tok))
        return None


def _modifiers_named(tok: Token, index: ActorIndex) -> bool:
    """Whether any word before the noun names an actor ("Somali security forces")."""
    return any(index.at(t.i) is not None for t in tok.subtree if t.i < tok.i)


def _no_state_sector(entity: Entity) -> Entity:
    """UN, EU, IGO and NGO bodies and their people are no state's government: their code
    says what they are, and a sector is kept only for their armed, judicial,
    legislative or police arms (peacekeepers, courts, parliaments)."""
    if (entity.code in NONSTATE and entity.code not in SUPRANATIONAL and entity.sector not in NONSTATE_SECTORS
            and entity.kind in ("organisation", "person", "group")):
        return replace(entity, sector=None)
    return entity


def _np(tok: Token) -> dict:
    """The words of the noun phrase headed by ``tok`` as written, with their offsets:
    what an entity object reports as ``entity_text``, ``start`` and ``end``."""
    left = [t for t in tok.lefts if t.dep_ not in ("det", "predet", "punct", "cc", "conj", "prep")]
    start = min([tok.i] + [min(t.left_edge.i, t.i) for t in left])
    span = tok.doc[start : tok.i + 1]
    return {"entity_text": span.text, "start": span.start_char, "end": span.end_char}


def _matcher(nlp_vocab, kb: Knowledge) -> PhraseMatcher:
    key = (id(nlp_vocab), id(kb))
    if key not in _matchers:
        matcher = PhraseMatcher(nlp_vocab, attr="ORTH")
        from spacy.lang.en import English

        surfaces = list(kb.names)
        for surface, tokens in zip(surfaces, English().tokenizer.pipe(surfaces, batch_size=1000)):
            words = [t.text for t in tokens]
            patterns = [Doc(nlp_vocab, words=words)]
            if surface.upper() != surface and len(surface) > 3:  # all-caps headlines
                patterns.append(Doc(nlp_vocab, words=[w.upper() for w in words]))
            matcher.add(surface, patterns)
        _matchers[key] = matcher
    return _matchers[key]


def _is_locative(span: Span) -> bool:
    head = span.root
    # "in Beijing", "at the Kremlin": the place, not the government.
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return True
    return head.dep_ == "appos" and head.head.dep_ == "pobj" and head.head.head.lower_ in LOCATIVE_PREPS


def _pick(names: list[Name]) -> Name:
    return sorted(names, key=lambda n: KIND_PRIORITY.index(n.kind) if n.kind in KIND_PRIORITY else 99)[0]


PORTFOLIO_WORDS = {"minister", "ministry", "department"}


def _gazetteer_mentions(doc: Doc, kb: Knowledge, published: date | None) -> list[Mention]:
    matcher = _matcher(doc.vocab, kb)
    spans = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in matcher(doc)]
    out = []
    spans = _join_branches(doc, filter_spans(spans), kb)
    # "the Europe Bridge", "the Iran-Contra affair": a name inside another name is no actor.
    inside_names = {i for e in ents_of(doc) if e.label_ in NAME_LABELS for i in range(e.start, e.end)}
    named = {i for span in spans for i in range(span.start, span.end)}
    for span in spans:
        nxt = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if (nxt is not None and doc[span.end].text == "-" and not doc[span.end - 1].whitespace_
                and nxt.text[:1].isupper() and not any(s.start == nxt.i for s in spans)):
            continue  # "Guinea-Lanta" is a name of its own; "U.S.-Ukraine" still names two states
        e = ent_of(doc[span.start])  # the one entity that can hold the span: entities never overlap
        if e is not None and all(i in inside_names for i in range(span.start, span.end)) and (
                e.label_ in NAME_LABELS and span.end <= e.end and (e.start, e.end) != (span.start, span.end)):
            continue
        if e is not None and (span.text in kb.shared_names or _pick(kb.names[span.label_]).kind == "seat") and (
                e.label_ == "ORG" and e.start < span.start and span.end == e.end and any(
                    doc[i].text[:1].isupper() and not doc[i].is_stop and i not in named for i in range(e.start, span.start))):
            continue  # "World Uyghur Congress" is not the Congress: an unlisted name ends in a generic one
        surface = span.label_
        name = _pick(kb.names[surface])
        if (name.kind == "organisation" and len(span) == 1 and span.end < len(doc)
                and doc[span.end].lemma_.lower() in PORTFOLIO_WORDS):
            continue  # "Serbian Labour Minister": a portfolio, not the Labour party
        if name.kind == "person":
            person = kb.people.get(name.name.lower())
            role = person.role_on(published) if person else None
            ent = Entity(role.code if role else None, name.name, span.text, (role.sector or None) if role else None, "person")
        elif name.kind == "organisation":
            code, sector = name.on(published)
            ent = _no_state_sector(Entity(code, name.name, span.text, sector, "organisation"))
        elif name.kind in ("country", "capital", "seat", "region"):
            ent = Entity(name.code, name.name, span.text, name.sector or "GOV", "country")
        elif name.kind == "people":
            # A people within a state ("Baloch separatists", "the Uyghurs"): the state's
            # code, named as the people; standing alone they are civilians.
            alone = (span.root.dep_ not in ("amod", "compound", "nmod") and span.root.pos_ in ("PROPN", "NOUN")
                     or span.root.tag_ in ("NNS", "NNPS"))
            ent = Entity(name.code, name.name, span.text, "CVL" if alone else None, "country")
        else:
            # A people ("Palestinians") as an actor is its civilians, but "the Russians" of a
            # negotiation are the Russian side, its government; an adjective has no sector.
            sector = None
            if name.kind == "demonym" and span.root.tag_ in ("NNPS", "NNS"):
                sector = "GOV" if span.start > 0 and doc[span.start - 1].lower_ == "the" else "CVL"
            ent = Entity(name.code, name.name, span.text, sector, "country")
        ent.start, ent.end = span.start_char, span.end_char
        is_place = name.kind in ("country", "capital", "region") and _is_locative(span)
        kind = name.kind if name.kind != "people" else ("demonym" if ent.sector else "adjective")
        out.append(Mention(span.start, span.end, ent, kind, is_place))
    return out


NOUN_PHRASE_DEPS = {"amod", "compound", "poss", "nmod", "det", "case", "punct", "cc", "conj", "nummod"}


def _describing(tok: Token) -> list[Token]:
    """A noun with its modifiers and 'of'/'at'/'for' phrases, not the clause around it:
    in "In an interview with VOA, Dodik's lawyer, Anto Nobilo," VOA does not describe him."""
    out = [tok]
    for child in tok.children:
        if child.dep_ in NOUN_PHRASE_DEPS or (child.dep_ == "prep" and child.lower_ in ("of", "at", "for", "from")):
            out += list(child.subtree)
    return out


def _join_branches(doc: Doc, spans: list[Span], kb: Knowledge) -> list[Span]:
    """'IS-Somalia', 'ISIS-K': an organisation hyphenated to a place is its branch there."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (prev is not None and span.start == prev.end + 1 and doc[prev.end].text == "-" and not doc[prev.end - 1].whitespace_
                and _pick(kb.names[prev.label_]).kind == "organisation"):
            out[-1] = Span(doc, prev.start, span.end, label=prev.label_)
            continue
        out.append(span)
    return out


def _context_tokens(span: Span, kb: Knowledge) -> list[Token]:
    """The words that describe a named person: titles, nationality, possessor, apposition
    ("Abe, Japan's prime minister,", "Xi Jinping, the Chinese president"), and the words
    right before the name when the parser lost them ("IS deputy caliph Abdallah ...")."""
    root = span.root
    # Names coordinated with this one ("Rubio, Waltz and Rep. Van Orden") describe others.
    others = {t.i for c in root.children if c.dep_ in ("conj", "cc") for t in c.subtree}
    tokens = [t for t in root.subtree if t.i < span.start and t.i not in others]
    for child in root.children:  # "Andrew Lebovich of the Dutch think tank Clingendael"
        if child.dep_ == "prep" and child.lower_ in ("of", "at", "from"):
            tokens += list(child.subtree)
    if root.dep_ == "appos":
        tokens += _describing(root.head)
    if root.dep_ == "conj" and (root.head.lemma_.lower(),) in kb.titles and root.head.i < span.start and not any(
            c.dep_ == "det" for c in root.head.children):
        # "Palestinian activist and U.S. resident Mahmoud Khalil": the parser joins the
        # first title to the name as a conjunct, but both titles describe the one person.
        # The first title listed comes first: it is the one that says who the person is.
        tokens = [t for t in _describing(root.head) if t.dep_ not in ("conj", "cc") and t.i < span.start] + tokens
    for child in root.children:
        if child.dep_ == "appos":
            tokens += _describing(child)
        elif child.dep_ == "relcl" and child.lemma_.lower() in LEADING_VERBS:
            # "Chalida Tajaroensuk, who heads Thailand's People's Empowerment Foundation"
            tokens += [t for obj in child.children if obj.dep_ == "dobj" for t in _describing(obj)]
    i = span.start - 1
    while i >= max(sent_of(span).start, span.start - 4) and (span.doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "PART") or span.doc[i].text.isupper()):
        if span.doc[i] not in tokens:
            tokens.append(span.doc[i])
        i -= 1
    return [t for t in tokens if not (span.start <= t.i < span.end)]


@dataclass(frozen=True)
class _Title:
    sector: str
    words: tuple[str, ...]
    at: int  # position among the context tokens
    former: bool


def _title_sector(tokens: list[Token], kb: Knowledge) -> tuple[str | None, bool, tuple[str, ...] | None]:
    """The sector a person's title gives, whether it is a former title, and the title.
    Longer titles win over the words inside them ("foreign minister" over "minister"),
    and a current title over a former one ("Rep. X, former committee chairman")."""
    tokens = sorted(set(tokens), key=lambda t: t.i)
    lemmas = [t.lemma_.lower() for t in tokens]
    lowers = [t.lower_ for t in tokens]
    found: list[_Title] = []
    for n in (3, 2, 1):
        for i in range(len(tokens) - n + 1):
            if any(f.at <= i and i + n <= f.at + len(f.words) for f in found):
                continue
            seq = next((q for q in (tuple(lemmas[i : i + n]), tuple(lowers[i : i + n])) if q in kb.titles), None)
            if seq is not None and n == 1 and tokens[i].dep_ in ("amod", "compound") and tokens[i].head.pos_ == "NOUN" \
                    and tokens[i].head.i > tokens[i].i and (tokens[i].head.lemma_.lower(),) not in kb.titles:
                continue  # "executive committee": a title word modifying another noun titles nobody
            if seq is not None and i > 0 and lowers[i - 1] == "shadow":
                found.append(_Title("OPP", seq, i, False))  # "shadow justice secretary": the opposition's
            elif seq is not None:
                heads = {t.i for t in tokens[i : i + n]}
                # "former US envoy", and "a former senior State Department official",
                # where "former" modifies the title across the words between them
                former = any(w in kb.former for w in lowers[max(0, i - 2) : i]) or any(
                    lowers[k] in kb.former and tokens[k].head.i in heads for k in range(i))
                found.append(_Title(kb.titles[seq], seq, i, former))
    if not found:
        return None, any(w in kb.former for w in lowers), None
    best = next((f for f in found if not f.former), found[0])
    return best.sector, best.former, best.words


def _person_mentions(doc: Doc, kb: Knowledge, taken: set[int]) -> list[Span]:
    spans = []
    for ent in ents_of(doc):
        if ent.label_ != "PERSON" or any(i in taken for i in range(ent.start, ent.end)):
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.lower_ in NOT_PERSON_HEADS:
            continue
        start = ent.start
        # "Rep. Jason Crow" tagged whole: the title belongs to the context, not the name.
        while start < ent.end - 1 and (doc[start].lower_ in kb.honorifics or (doc[start].lower_,) in kb.titles):
            start += 1
        end = ent.end
        if not any(t.text[:1].isupper() for t in doc[start:end]):
            continue  # "salami slicing" tagged as a person
        if end > start and doc[end - 1].text in ("'s", "’s"):
            end -= 1
        if end > start:
            spans.append(Span(doc, start, end, label="PERSON"))
    return spans


def _name_words(name: str) -> list[str]:
    """Words of a name as compared across mentions: 'al-Sudani' and 'Sudani' are one."""
    words = []
    for w in name.lower().replace("’", "'").split():
        for prefix in ("al-", "el-", "ad-", "as-", "ash-", "at-", "az-", "an-", "ar-"):
            if w.startswith(prefix) and len(w) > len(prefix) + 2:
                w = w[len(prefix):]
        words.append(w)
    return words


def _alias_cue(span: Span) -> bool:
    before = span.doc[max(sent_of(span).start, span.start - 3) : span.start].text.lower()
    return before.endswith(("known as", "alias", "nicknamed", "also called", "aka", "a.k.a."))


def _same_person(short: str, full: str) -> bool:
    s, f = _name_words(short), _name_words(full)
    return len(s) < len(f) and all(w in f for w in s) or s == f


def find_actors(doc: Doc, kb: Knowledge, published: date | None = None, quoted: list[tuple[int, int]] | None = None) -> ActorIndex:
    """Find and code every actor mention of ``doc``; pronouns outside quotations included."""
    index = ActorIndex(doc, kb=kb)
    known_people: list[Span] = []
    for m in _gazetteer_mentions(doc, kb, published):
        if m.kind == "person":
            known_people.append(Span(doc, m.start, m.end, label="PERSON"))
        else:
            index.add(m)
    index.home = _home_country(index)
    _shared_names(index, kb)
    _unlisted_organisations(index, kb)  # before people, whose affiliations they may be
    _acronyms(index, kb)
    taken = set(index.by_token) | {i for span in known_people for i in range(span.start, span.end)}
    person_spans = sorted(known_people + _person_mentions(doc, kb, taken), key=lambda s: s.start)
    # Identity of each person: context first, then the article's other mentions, then data.
    clusters: list[dict] = []
    for span in person_spans:
        ctx = _context_tokens(span, kb)
        code, org_code, org_sector = None, None, None
        for t in ctx:
            m = index.at(t.i)
            if m is not None and m.kind == "organisation" and org_sector is None and m.entity.sector:
                org_sector = m.entity.sector  # "of the Montaigne Institute", coded or not
            if m is None or not m.entity.code or m.kind == "person":
                continue
            if t.dep_ == "compound" and t.head.lemma_.lower() in EXPERT_NOUNS:
                continue  # "an Iran analyst" studies Iran
            if m.kind == "organisation" and org_code is None:
                org_code, org_sector = m.entity.code, m.entity.sector  # "a Brookings Institution senior fellow"
            code = code or m.entity.code
        code = org_code or code  # "MSF's head in Sudan" works for MSF
        sector, former, title = _title_sector(ctx, kb)
        if former:
            sector = "ELI"
        if org_sector is not None and org_sector not in ("GOV", "PTY"):
            sector = org_sector  # a think tank's vice president is a scholar, a party's senator a senator
        elif org_sector == "GOV" and sector is None:
            sector = "GOV"  # "director of Malawi's Department of Climate Change
        cluster = next((c for c in clusters if _same_person(span.text, c["name"]) or _same_person(c["name"], span.text)), None)
        if cluster is None and _alias_cue(span):
            # "al-Rufay'i, also known as Abu Khadija": the person just named
            cluster = next((c for c in reversed(clusters) if c["spans"] and sent_of(c["spans"][-1]) == sent_of(span)), None)
        if cluster is None:
            cluster = {"name": span.text, "code": None, "sector": None, "spans": [], "titles": set(), "words": set()}
            clusters.append(cluster)
        cluster["words"] |= {t.lower_ for t in ctx}
        if title:
            cluster["titles"].add(title)
        elif any(t.lower_ in kb.kin for t in ctx):
            cluster["kin"] = True
        if len(span.text.split()) > len(cluster["name"].split()):
            cluster["name"] = span.text
        if code is None and title in kb.title_countries:
            code = kb.title_countries[title]  # "Sen. Jeanne Shaheen"
        if code and not cluster["code"]:
            cluster["code"], cluster["sector"] = code, cluster["sector"] or sector
        elif sector and not cluster["sector"]:
            cluster["sector"] = sector
        cluster["spans"].append(span)
    for cluster in clusters:
        _identify_from_data(cluster, kb, published)
    _share_with_conjuncts(clusters)
    home = index.home
    for n, cluster in enumerate(clusters):
        family = next((c for c in clusters[:n] if c["code"] and _name_words(c["name"])[-1:] == _name_words(cluster["name"])[-1:]
                       and len(cluster["name"].split()) > 1), None)
        if family is not None and not cluster["code"]:
            # "Berisha, his wife, Liri Berisha": a relative belongs to the family's state and,
            # with no title of their own, is ELI when the family's member holds or held office.
            cluster["code"] = family["code"]
            if cluster.get("kin") and not cluster["sector"]:
                cluster["sector"] = "ELI" if family["sector"] in STATE_SECTORS | {"ELI"} else "CVL"
        if not cluster["code"] and home is not None:
            # Someone named with no country, in a story mostly about one state, is most
            # likely of that state. (Scholars, reporters and business people were once
            # left out; on four annotation sets including them is better on each.)
            cluster["code"] = home
        if cluster["code"] in NONSTATE and cluster["code"] not in SUPRANATIONAL and cluster["sector"] == "GOV":
            cluster["sector"] = None  # officials of the UN, the EU or an NGO are no state's government
        for span in cluster["spans"]:
            ent = Entity(cluster["code"], cluster["name"], span.text, cluster["sector"], "person", span.start_char, span.end_char)
            index.add(Mention(span.start, span.end, ent, "person"))
            index.titles[span.start] = cluster["titles"]
    _surnames(index, clusters, kb)
    _services(index)
    _contextual_names(index, kb)
    _definite_descriptions(index, kb)
    _pairs(index, kb)
    _resolve_pronouns(index, quoted or [])
    _owned_bodies(index)
    return index


def _identify_from_data(cluster: dict, kb: Knowledge, published: date | None) -> None:
    """Fill in what the article left open about a person from the people data file, on the
    publication date: their state and sector, and their full name for a bare surname."""
    surnames = _surname_index(kb)
    person = kb.people.get(cluster["name"].lower())
    if person is None and len(cluster["name"].split()) == 1:
        candidates = surnames.get(cluster["name"].lower(), [])
        dated = [p for p in candidates if p.role_on(published) is not None and p.role_on(published).sector not in ("ELI", "")]
        person = dated[0] if len(dated) == 1 else (candidates[0] if len(candidates) == 1 else None)
        states = {r.code for p in candidates for r in p.roles}
        if person is None and len(states) == 1 and not cluster["code"]:
            cluster["code"] = states.pop()  # "President Bush": either Bush, the United States
    role = person.role_on(published) if person is not None else None
    if role is not None:
        cluster["code"] = cluster["code"] or role.code
        if not cluster["sector"]:
            cluster["sector"] = role.sector or None
        elif role.sector == "ELI" and published is not None and any(
                r.end is not None and r.end < published and r.sector == cluster["sector"] and r.code == cluster["code"]
                and _names_past_office(cluster, r) for r in person.roles):
            # "Egyptian President Mohamed Morsi was ousted in 2013", written in 2021: the
            # title is the office held then, and the data says it ended. (A title the data
            # does not know, such as a new office, is taken as current.)
            cluster["sector"] = "ELI"
    if person is not None and len(cluster["name"].split()) == 1:
        cluster["name"] = person.name


def _share_with_conjuncts(clusters: list[dict]) -> None:
    """A person named in one coordination with a placed person ("led by Jim Risch and
    Pete Ricketts"): where the article and the data leave them unplaced, they are of the
    same kind."""
    owner = {i: n for n, c in enumerate(clusters) for span in c["spans"] for i in range(span.start, span.end)}
    for cluster in clusters:
        if cluster["code"] or cluster["sector"] or cluster["titles"]:
            continue
        for span in cluster["spans"]:
            root = span.root
            partners = [c for c in root.children if c.dep_ == "conj"]
            if root.dep_ == "conj":
                partners += [root.head, *(c for c in root.head.children if c.dep_ == "conj" and c.i != root.i)]
            placed = [clusters[owner[t.i]] for t in partners if t.i in owner and clusters[owner[t.i]]["code"]]
            if placed:
                cluster["code"], cluster["sector"] = placed[0]["code"], placed[0]["sector"]
                break


def _title_words(title: str) -> set[str]:
    """The words of an office as the data names it, without its bracketed notes."""
    return {w for w in title.split("(")[0].lower().split() if w not in ("of", "the", "and", "for")}


GENERIC_TITLES = {"leader", "ruler", "strongman", "dictator", "autocrat", "longtime", "long-time"}


def _names_past_office(cluster: dict, role) -> bool:
    """Whether the article's words for a person name ``role``: all the office's words
    are among them ("Egyptian President Mohamed Morsi" for "President"), or every title
    given is a word of the office or a generic one ("President Richard Nixon" for
    "President of the United States", "longtime leader Robert Mugabe")."""
    words = _title_words(role.title)
    if words <= cluster["words"]:
        return True
    return bool(cluster["titles"]) and all(set(t) <= words | GENERIC_TITLES for t in cluster["titles"])


def _shared_names(index: ActorIndex, kb: Knowledge) -> None:
    """'the Senate', 'the Democratic Party' with no state named before them, in a story
    mostly about another state than the one the data gives them, are that state's."""
    home = index.home
    if home is None:
        return
    doc = index.doc
    for m in list(index.mentions):
        if m.kind not in ("organisation", "seat") or doc[m.start:m.end].text not in kb.shared_names:
            continue
        if m.entity.code == home or m.entity.code in NONSTATE:
            continue
        before = [index.at(i) for i in range(max(0, m.start - 2), m.start)]
        if any(b is not None and b.entity.code for b in before):
            continue  # "the U.S. Senate", "Thailand's House of Representatives"
        name = m.entity.name if m.kind == "organisation" else kb.country_names.get(home, home)
        index.replace(m, replace(m, entity=replace(m.entity, code=home, name=name)))


def _owned_bodies(index: ActorIndex) -> None:
    """'Trump and his Cabinet', 'Ruto's cabinet': a body of no stated state belongs to the
    state of whoever owns it, once pronouns are resolved."""
    doc = index.doc
    for m in list(index.mentions):
        if m.kind != "organisation" or m.entity.code:
            continue
        owners = [index.at(c.i) for c in doc[m.start:m.end].root.children if c.dep_ == "poss"]
        if not owners:
            continue
        # "the country's National News Agency": an owner not coded leaves the story's state
        code = next((o.entity.code for o in owners if o is not None and o.entity.code), index.home if m.entity.sector else None)
        if code is not None:
            index.replace(m, replace(m, entity=replace(m.entity, code=code)))


def _home_country(index: ActorIndex) -> str | None:
    """The state an article is mostly about: named in at least a third of its state
    mentions (two fifths before five annotation sets were measured), and at least twice."""
    counts: dict[str, int] = {}
    for m in index.mentions:
        if (m.entity.code and m.kind in ("country", "capital", "seat", "adjective", "demonym") and len(m.entity.code) == 3
                and m.entity.name == index.kb.country_names.get(m.entity.code)):  # not "Baloch": a people, not its state
            counts[m.entity.code] = counts.get(m.entity.code, 0) + 1
    if not counts:
        return None
    code, n = max(counts.items(), key=lambda kv: kv[1])
    if code in NONSTATE:
        return None
    if len(counts) == 1 and len(sents_of(index.doc)) <= SHORT_REPORT_SENTENCES:
        return code  # a one-sentence report naming one state ("... to take place in Haiti") is about it
    return code if n >= 2 and 3 * n >= sum(counts.values()) else None


SHORT_REPORT_SENTENCES = 3  # event-data sentences and wire briefs, as users of sentence-level coding feed them


def _surnames(index: ActorIndex, clusters: list[dict], kb: Knowledge) -> None:
    """Later mentions by one name that the tagger missed or took for a place or a firm
    ('Trump' tagged ORG, 'Modi' tagged GPE, 'Dakin-Grimm' split at its hyphen): a word of
    one person's name. A surname the family shares ('Berisha', after 'Sali Berisha' and
    'his wife, Liri Berisha') is, as news writes it, the first of them to be named."""
    owners: dict[str, dict[int, bool]] = {}  # name word -> {cluster: whether it is the surname}
    for n, cluster in enumerate(clusters):
        words = _name_words(cluster["name"])
        for k, word in enumerate(words):
            if len(word) > 2 and word not in kb.honorifics:
                owners.setdefault(word, {})[n] = owners.get(word, {}).get(n, False) or k == len(words) - 1
    doc = index.doc
    for tok in tokens_of(doc):
        if index.at(tok.i) is not None or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "NOUN", "X", "ADJ"):
            continue
        end = tok.i + 1
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and doc[end + 1].text[:1].isupper():
            end += 2  # a hyphenated name, split by the tokenizer
        text = doc[tok.i:end].text
        words = _name_words(text)
        found = owners.get(words[0]) if len(words) == 1 else None
        if not found or text in kb.names or any(index.at(i) is not None for i in range(tok.i, end)):
            continue
        if len(found) > 1:
            surnamed = [n for n, is_surname in found.items() if is_surname]  # a shared first name says nothing
            if not surnamed:
                continue
            found = {min(surnamed): True}
        cluster = clusters[next(iter(found))]
        span = doc[tok.i:end]
        ent = Entity(cluster["code"], cluster["name"], span.text, cluster["sector"], "person", span.start_char, span.end_char)
        index.add(Mention(tok.i, end, ent, "person"))


def _unlisted_organisations(index: ActorIndex, kb: Knowledge) -> None:
    """Organisations the data files do not list, coded from their own words: the state
    named in them ('Spanish National Research Council', 'Indian Express') and the kind of
    body their last word names (council, university, express, assembly...)."""
    doc = index.doc
    for ent in ents_of(doc):
        if ent.label_ != "ORG":
            continue
        inner = [index.at(i) for i in range(ent.start, ent.end)]
        if any(m is not None and m.kind not in ("adjective", "country", "demonym", "capital", "region") for m in inner):
            continue
        if all(m is not None or doc[ent.start + k].lower_ == "the" for k, m in enumerate(inner)):
            continue  # a state the tagger took for an organisation
        start = ent.start + (1 if doc[ent.start].lower_ == "the" else 0)
        before = index.at(start - 1) if start > 0 else None
        if before is not None and before.kind == "adjective" and before.end == start:
            start = before.start  # "Spanish [National Research Council]"
            inner.insert(0, before)
        end = ent.end - (1 if doc[ent.end - 1].text in ("'s", "’s") else 0)
        if end <= start:
            continue
        span = doc[start:end]
        code = next((m.entity.code for m in inner if m is not None and m.entity.code), None)
        sector = _organisation_sector(span, kb)
        if end - start > 1 and doc[start].lower_ in ("international", "global", "world") and sector not in ("BUS", "JRN"):
            # "International Diabetes Federation", "World Uyghur Congress": bodies that
            # say they are international are NGOs, whichever people they speak for.
            code, sector = "NGO", sector if sector in ("MED", "EDU", "REL") else None
        owner = index.at(start - 2) if start >= 2 and doc[start - 1].text in ("'s", "’s") else None
        if owner is not None and owner.kind == "organisation":
            code, sector = owner.entity.code, owner.entity.sector or sector  # "VOA's Bosnian Service"
        elif owner is not None and owner.entity.code and owner.kind in ("country", "capital", "region") and code is None:
            code = owner.entity.code  # "Egypt's General Intelligence Service"
        if code is None:
            code = _located_in(span, index)  # "the Foreign Policy Institute, a think tank in Ankara"
        owned = any(c.dep_ == "poss" for c in span.root.children)  # "his Cabinet": the owner's, see _owned_bodies
        if code is None and sector is not None and index.home and not owned:
            code = index.home  # "the Department of Management Affairs" in a Malawi story; "Rice University" in a Texas one
        if code is None and sector is None:
            continue
        entity = Entity(code, span.text, span.text, sector, "organisation", span.start_char, span.end_char)
        index.add(Mention(span.start, span.end, entity, "organisation"))


ACRONYM_SKIPS = {"of", "and", "for", "the", "on", "in", "&", "de", "des", "du", "la", "le"}


def _acronyms(index: ActorIndex, kb: Knowledge) -> None:
    """'the NCP' after 'the National Congress Party', 'the BIA' after 'the Board of
    Immigration Appeals': capitals that spell the initials of an organisation already
    named in the article stand for it, whether or not it was given in brackets."""
    doc = index.doc
    named: dict[str, Mention] = {}
    for m in sorted(index.mentions, key=lambda m: m.start):
        if m.kind != "organisation":
            continue
        words = [t.text for t in doc[m.start:m.end] if t.lower_ not in ACRONYM_SKIPS and t.text[:1].isalpha()]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            named.setdefault("".join(w[0] for w in words), m)
    for tok in tokens_of(doc):
        if not (2 <= len(tok.text) <= 6 and tok.text.isupper() and tok.text.isalpha()) or index.at(tok.i) is not None:
            continue
        m = named.get(tok.text)
        if m is None or m.start > tok.i or tok.text in kb.names:
            continue
        ent = replace(m.entity, entity_text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
        index.add(Mention(tok.i, tok.i + 1, ent, "organisation"))


def _located_in(span: Span, index: ActorIndex) -> str | None:
    """The state of the place an organisation is said to be in: "... Studies in Hawaii",
    "the Foreign Policy Institute, a think tank in Ankara", "a Beirut-based group"."""
    tokens = list(span)
    for tok in span:
        tokens += [t for c in tok.children if c.dep_ == "appos" for t in c.subtree]
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        # The parser often hangs the appositive on the person the organisation describes.
        tokens += [t for c in sent_of(span) if c.dep_ == "appos" and c.left_edge.i == span.end + 1 for t in c.subtree]
    for tok in tokens:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at") and not (span.start <= prep.i < span.end):
                for pobj in prep.children:
                    m = index.at(pobj.i)
                    if pobj.dep_ == "pobj" and m is not None and m.kind in ("capital", "country", "region") and m.entity.code:
                        return m.entity.code
        if tok.lower_ == "based" and tok.i > 0 and tok.nbor(-1).text == "-":
            m = index.at(tok.i - 2)
            if m is not None and m.kind in ("capital", "country", "region") and m.entity.code:
                return m.entity.code
    return None


def _organisation_sector(span: Span, kb: Knowledge) -> str | None:
    words = [t.lemma_.lower() for t in span]
    for n in (2, 1):
        for i in range(len(words) - n, -1, -1):
            seq = tuple(words[i : i + n])
            if seq in kb.organisation_words:
                return kb.organisation_words[seq]
    return None


BODY_NOUNS = {("group",), ("organization",), ("organisation",), ("alliance",), ("bloc",), ("movement",), ("militia",),
              ("coalition",), ("agency",), ("body",)}
PAIR_PEOPLE = {"leader", "president", "minister", "premier", "counterpart", "man", "woman", "official", "envoy"}
PAIR_STATES = {"country", "nation", "side", "government", "state", "neighbour", "neighbor", "capital", "ally", "rival"}


def _in_subject(tok: Token) -> bool:
    for _ in range(4):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if tok.head.i == tok.i or tok.dep_ not in ("amod", "compound", "poss", "nmod", "conj", "appos", "pobj", "prep"):
            return False
        tok = tok.head
    return False


def _pairs(index: ActorIndex, kb: Knowledge) -> None:
    """'the two leaders', 'both countries': the last two people or states named before."""
    doc = index.doc
    for tok in tokens_of(doc):
        lemma = tok.lemma_.lower()
        if tok.tag_ not in ("NNS", "NNPS") or (lemma not in PAIR_PEOPLE and lemma not in PAIR_STATES):
            continue
        if not any(c.lower_ in ("two", "both") for c in tok.children):
            continue
        people = lemma in PAIR_PEOPLE
        # "The EU urged both sides ...": the one speaking to the pair is not of it.
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        speaker = {t.i for c in (verb.children if verb is not None else ()) if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        seen: list[Entity] = []
        for m in sorted(index.mentions, key=lambda m: -m.start):
            if m.start >= tok.i or m.is_place or not m.entity.code or m.kind == "pronoun" or m.start in speaker:
                continue
            if (m.entity.kind == "person") != people or m.kind == "adjective" and people:
                continue
            if all(e.code != m.entity.code or (people and e.name != m.entity.name) for e in seen):
                seen.append(m.entity)
            if len(seen) == 2:
                break
        if len(seen) == 2:
            index.several[tok.i] = [replace(e, entity_text=doc[tok.left_edge.i : tok.i + 1].text,
                                            start=doc[tok.left_edge.i].idx, end=tok.idx + len(tok.text)) for e in reversed(seen)]


def _services(index: ActorIndex) -> None:
    """'VOA's Russian Service', 'VOA Somali', 'BBC Persian': a language service of an
    outlet is the outlet, not the nation its language names."""
    doc = index.doc
    for m in list(index.mentions):
        if m.kind != "organisation" or m.end >= len(doc):
            continue
        j = m.end + (1 if doc[m.end].text in ("'s", "’s") else 0)
        nxt = index.at(j) if j < len(doc) else None
        if nxt is None or nxt.kind not in ("adjective", "demonym"):
            continue
        end = nxt.end + (1 if nxt.end < len(doc) and doc[nxt.end].lower_ in ("service", "desk", "section") else 0)
        span = doc[m.start:end]
        ent = replace(m.entity, entity_text=span.text, start=span.start_char, end=span.end_char)
        index.add(Mention(m.start, end, ent, "organisation"))


def _contextual_names(index: ActorIndex, kb: Knowledge) -> None:
    """'the North' is North Korea where the article speaks of either Korea."""
    doc = index.doc
    present = {m.entity.code for m in index.mentions if m.entity.code}
    for entry in kb.contextual:
        if not entry["requires"] & present:
            continue
        for tok in tokens_of(doc):
            if tok.text != entry["text"] or tok.i == 0 or doc[tok.i - 1].lower_ != "the" or index.at(tok.i):
                continue
            if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
                continue  # "the North Atlantic"
            ent = Entity(entry["code"], entry["name"], tok.text, "GOV", "country", tok.idx, tok.idx + len(tok.text))
            index.add(Mention(tok.i, tok.i + 1, ent, "country"))


def _definite_descriptions(index: ActorIndex, kb: Knowledge) -> None:
    """'the president' is the person last introduced with that title; 'the ministry' and
    'the government' belong to the state last named as an actor (within three sentences)."""
    doc = index.doc
    sents = {i: n for n, s in enumerate(sents_of(doc)) for i in range(s.start, s.end)}
    # The mentions this looks back at, by start; what it adds itself is of kind "title",
    # which it never looks for, so the list stays as it is.
    ordered = sorted(index.mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]

    def before(i: int, sentences: int | None = None) -> Iterator[Mention]:
        """Mentions starting before token i, nearest first, within so many sentences."""
        for k in range(bisect_left(starts, i) - 1, -1, -1):
            if sentences is not None and sents[i] - sents[ordered[k].start] > sentences:
                return
            yield ordered[k]

    for tok in tokens_of(doc):
        if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ in ("NNS", "NNPS") or index.at(tok.i) is not None:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue  # "the President Olaf Brandt" is a name with its title
        lefts = list(tok.lefts)
        if not lefts or lefts[0].lower_ != "the" or any(index.at(c.i) for c in lefts):
            continue
        words = tuple(t.lemma_.lower() for t in doc[lefts[0].i + 1 : tok.i + 1])
        if words in BODY_NOUNS:
            # "the group", "the bloc": the organisation last named, within three sentences
            body = next((m for m in before(tok.i, 3) if m.kind == "organisation" and m.entity.code), None)
            if body is not None:
                span = doc[lefts[0].i + 1 : tok.i + 1]
                index.add(Mention(span.start, span.end, replace(body.entity, entity_text=span.text, start=span.start_char,
                                                                end=span.end_char), "title"))
            continue
        if words in kb.titles:
            for m in before(tok.i):
                if m.kind == "person" and words in index.titles.get(m.start, ()):
                    ent = replace(m.entity, entity_text=doc[lefts[0].i + 1 : tok.i + 1].text,
                                  start=doc[lefts[0].i + 1].idx, end=tok.idx + len(tok.text))
                    index.add(Mention(lefts[0].i + 1, tok.i + 1, ent, "title"))
                    break
        elif words in kb.groups and kb.groups[words] in ("GOV", "MIL", "LEG", "JUD", "COP"):
            # States named as actors first; a nationality adjective ("the Danish
            # ambassador") only where no state was named.
            recent = [m for m in before(tok.i, 3) if not m.is_place and m.kind in ("country", "capital", "seat", "adjective")]
            # The state of the last subject first: "Iran summoned the Danish ambassador.
            # The ministry said ..." is Iran's ministry.
            for m in sorted(recent, key=lambda m: not _in_subject(doc[m.start])):
                name = kb.country_names.get(m.entity.code or "", m.entity.name)
                span = doc[lefts[0].i + 1 : tok.i + 1]
                ent = Entity(m.entity.code, name, span.text, kb.groups[words], "group", span.start_char, span.end_char)
                index.add(Mention(span.start, span.end, ent, "title"))
                break


_surname_cache: dict[int, dict[str, list]] = {}


def _surname_index(kb: Knowledge) -> dict[str, list]:
    if id(kb) not in _surname_cache:
        out: dict[str, list] = {}
        for person in {p.name: p for p in kb.people.values()}.values():
            out.setdefault(person.name.split()[-1].lower(), []).append(person)
        _surname_cache[id(kb)] = out
    return _surname_cache[id(kb)]


def _nearest_uncoded_subject(index: ActorIndex, pronoun: Token, sents: dict[int, int]) -> int:
    """Token index of the nearest subject before ``pronoun`` (this or the previous
    sentence) that names something eventwire cannot code, such as a ship or an unnamed
    group: "it" and "they" more likely refer to it than to any actor further back."""
    doc = pronoun.doc
    for i in range(pronoun.i - 1, -1, -1):
        tok = doc[i]
        if sents[pronoun.i] - sents[i] > 1:
            break
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN") and tok.head.i != pronoun.head.i:
            if index.at(tok.i) is None and not index.resolve(tok):
                return tok.i
            return -1
    return -1


def _resolve_pronouns(index: ActorIndex, quoted: list[tuple[int, int]]) -> None:
    doc = index.doc
    sents = {i: n for n, s in enumerate(sents_of(doc)) for i in range(s.start, s.end)}
    ordered = sorted(index.mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    gender: dict[str, str] = {}  # a person once called "he" is not later "she"
    for tok in tokens_of(doc):
        low = tok.lower_
        if low not in PERSON_PRONOUNS and low not in THING_PRONOUNS and low not in PLURAL_PRONOUNS:
            continue
        pronoun_gender = "f" if low in FEMININE_PRONOUNS else "m" if low in PERSON_PRONOUNS else None
        if tok.dep_ == "expl" or in_spans(tok.idx, quoted) or index.at(tok.i):
            continue
        want_person = low in PERSON_PRONOUNS
        antecedent = None
        options: list[Mention] = []  # fitting plural antecedents, nearest first
        blocker = -1 if want_person else _nearest_uncoded_subject(index, tok, sents)
        for k in range(bisect_left(starts, tok.i) - 1, -1, -1):  # nearest first
            m = ordered[k]
            if m.start < blocker:
                break  # "the insurgent group has not lived up to its commitment": not ours
            # "he" reaches back further than "it": news names a person once, then says "he".
            if sents[tok.i] - sents[m.start] > (PERSON_REACH if want_person else 2):
                break
            if m.is_place or not m.entity.code and not want_person:
                continue
            if in_spans(doc[m.start].idx, quoted):
                continue
            is_person = m.entity.kind == "person"
            if low in PLURAL_PRONOUNS:
                # "they" are a state, a people or a group: "Fijian rebels said they ..."
                if not is_person and m.entity.code:
                    options.append(m)
            elif is_person == want_person and m.kind not in ("adjective", "demonym"):
                if pronoun_gender and gender.get(m.entity.name, pronoun_gender) != pronoun_gender:
                    continue
                antecedent = m
                break
        if options:
            # A subject "they" continues the last subject ("The G7 statement said the group
            # was concerned about China's build-up. They called on China ..."): the nearest
            # antecedent in subject position, else the nearest.
            subjects = [m for m in options if _in_subject(doc[m.start])] if tok.dep_ in ("nsubj", "nsubjpass") else []
            antecedent = (subjects or options)[0]
        if antecedent is not None:
            if pronoun_gender and antecedent.entity.kind == "person":
                gender.setdefault(antecedent.entity.name, pronoun_gender)
            ent = replace(antecedent.entity, entity_text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))
            mention = Mention(tok.i, tok.i + 1, ent, "pronoun")
            index.add(mention)
            k = bisect_right(starts, mention.start)
            starts.insert(k, mention.start)
            ordered.insert(k, mention)
