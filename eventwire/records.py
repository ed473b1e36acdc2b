"""The records eventwire produces, defined once, and their one JSON serialisation.

Every stage returns these dataclasses; only :func:`to_json` turns them into the
PLOVER-shaped dicts that the CLI writes, the evaluator scores and the store keeps.
Fields whose names start with an underscore are working state of the pipeline
(token anchors into the parse) and are never serialised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# PLOVER's quad classes. The manual's summary table puts SANCTION under verbal
# conflict while its SANCTION section says material conflict; the spec data in
# shared/plover follows the table, and so do we, so that counts compare.
QUAD_CODES: dict[str, int] = {
    **dict.fromkeys(["AGREE", "CONSULT", "SUPPORT", "CONCEDE"], 1),
    **dict.fromkeys(["COOPERATE", "AID", "RETREAT"], 2),
    **dict.fromkeys(["REQUEST", "ACCUSE", "REJECT", "SANCTION", "THREATEN"], 3),
    **dict.fromkeys(["PROTEST", "MOBILIZE", "COERCE", "ASSAULT"], 4),
}
EVENT_TYPES: tuple[str, ...] = tuple(QUAD_CODES)
ISSUES: tuple[str, ...] = ("sanctions", "dialogue", "military_action")
STANCE_VALUES: tuple[str, ...] = ("support", "oppose", "mixed")
QUOTE_KINDS: tuple[str, ...] = ("direct", "partial", "indirect")


@dataclass
class Article:
    """One news article as read from the input, before any analysis."""

    id: str
    text: str
    title: str = ""
    published: date | None = None
    source: str = ""
    warnings: list[str] = field(default_factory=list)  # problems that did not stop coding


@dataclass
class Rejected:
    """An input item that could not be read as an article, and why."""

    id: str
    error: str
    title: str = ""
    published: date | None = None


@dataclass
class Entity:
    """A political actor: a state, organisation, group or person, coded for PLOVER."""

    code: str | None
    name: str
    entity_text: str
    sector: str | None = None
    kind: str = "country"  # country | organisation | person | group
    start: int | None = None
    end: int | None = None

    def key(self) -> tuple[str | None, str, str | None]:
        return (self.code, self.name, self.sector)

    def to_dict(self) -> dict[str, Any]:
        """The PLOVER JSON of this actor."""
        return entity_json(self)


@dataclass
class Place:
    """Where something happened, as written and as resolved in GeoNames."""

    name: str
    text: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature_class: str | None = None
    resolution: str = "unknown"  # city | admin | country | unknown
    source: str = "sentence"  # sentence | speaker | dateline | actor (where the same person or body was that day)

    def to_dict(self) -> dict[str, Any]:
        """PLOVER's location object."""
        return _public(self)


@dataclass
class Evidence:
    """A sentence that reports an event, with character offsets into the article."""

    text: str
    start: int
    end: int
    event_text: str

    def to_dict(self) -> dict[str, Any]:
        return _public(self)


@dataclass
class Event:
    """One real-world event, coded in PLOVER v2."""

    event: str
    actor: list[Entity]
    recipient: list[Entity]
    event_text: str
    text: str
    start: int
    end: int
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    aux_mode: str | None = None  # PLOVER auxiliary mode: future, historical; negation, hypothetical (with unrealised_events)
    date: str | None = None
    date_source: str = "published"  # text | speech | relative | dateline | published | year (no day given) | none
    event_loc: Place | None = None
    confidence: float = 0.5
    evidence: list[Evidence] = field(default_factory=list)
    id: str = ""
    cameo_root: str | None = None  # the nearest CAMEO root code, for comparison with GDELT/ICEWS
    _head: int = -1  # token index of the trigger head
    _clause: int = -1  # token index of the governing clause's verb
    _sent: int = -1  # index of the sentence in the document
    _headline: bool = False
    _features: dict = field(default_factory=dict)  # how the event was found, for its confidence
    _actor_by_place: bool = False  # no author named: the state where it happened acts (events.attribute_by_place)

    @property
    def quad_code(self) -> int:
        return QUAD_CODES[self.event]

    def to_dict(self) -> dict[str, Any]:
        """The PLOVER JSON of this event, with its evidence."""
        return event_json(self)


@dataclass
class Quote:
    """Something an actor said: its words, its kind, who said it and with which cue."""

    text: str
    kind: str
    speaker: Entity | None
    cue: str
    start: int
    end: int
    sentence: str = ""
    id: str = ""
    cue_start: int | None = None  # character offsets of the cue word (for a split or continued quote, its first part's)
    cue_end: int | None = None
    _cue_i: int = -1  # token index of the cue verb (for a continued quote, its first part's), -1 when there is none

    def to_dict(self) -> dict[str, Any]:
        return quote_json(self)


@dataclass
class Stance:
    """Where an actor stands on an issue, with the statements and events that show it."""

    actor: Entity
    issue: str
    stance: str
    evidence: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return stance_json(self)


@dataclass
class CodedArticle:
    """Everything eventwire found in one article, or why it could not be coded."""

    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dateline: Place | None = None

    def to_dict(self) -> dict[str, Any]:
        """The article's PLOVER record: what every output of eventwire carries (:func:`to_json`)."""
        return to_json(self)


def _public(obj: Any) -> dict[str, Any]:
    return {k: v for k, v in obj.__dict__.items() if not k.startswith("_")}


def entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "code": entity.code,
        "sector": entity.sector,
        "entity_text": entity.entity_text,
        "name": entity.name,
        "kind": entity.kind,
        "start": entity.start,
        "end": entity.end,
    }


def place_json(place: Place | None) -> dict[str, Any] | None:
    return None if place is None else _public(place)


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "aux_mode": event.aux_mode,
        "actor": [entity_json(e) for e in event.actor],
        "recipient": [entity_json(e) for e in event.recipient],
        "date": event.date,
        "date_source": event.date_source,
        "event_loc": place_json(event.event_loc),
        "event_text": event.event_text,
        "text": event.text,
        "start": event.start,
        "end": event.end,
        "quad_code": event.quad_code,
        "cameo_root": event.cameo_root,
        "confidence": round(event.confidence, 3),
        "evidence": [_public(e) for e in event.evidence],
    }


def quote_json(quote: Quote) -> dict[str, Any]:
    return {
        "id": quote.id,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": None if quote.speaker is None else entity_json(quote.speaker),
        "cue": quote.cue,
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "start": quote.start,
        "end": quote.end,
        "sentence": quote.sentence,
    }


def stance_json(stance: Stance) -> dict[str, Any]:
    return {
        "actor": entity_json(stance.actor),
        "issue": stance.issue,
        "stance": stance.stance,
        "evidence": list(stance.evidence),
    }


def to_json(coded: CodedArticle) -> dict[str, Any]:
    """The one serialisation of a coded article: what every output of eventwire carries."""
    art = coded.article
    return {
        "id": art.id,
        "title": art.title,
        "published": art.published.isoformat() if art.published else None,
        "events": [event_json(e) for e in coded.events],
        "quotes": [quote_json(q) for q in coded.quotes],
        "stances": [stance_json(s) for s in coded.stances],
        "entities": [entity_json(e) for e in coded.entities],
        "dateline": place_json(coded.dateline),
        "errors": list(coded.errors),
    }


EVENT_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "published", "date", "date_source", "event", "mode", "context", "quad_code", "cameo_root",
    "actor_code", "actor_sector", "actor_name", "recipient_code", "recipient_sector", "recipient_name",
    "location", "location_country", "latitude", "longitude", "confidence", "event_text", "text", "start", "end",
)


def event_row(event: dict[str, Any], article_id: str, published: str | None) -> dict[str, Any]:
    """One flat row of an event's PLOVER record, for CSV and data frames: several actors
    or recipients are joined with ';' in the order the record lists them."""
    loc = event.get("event_loc") or {}
    return {
        "id": event["id"],
        "article_id": article_id,
        "published": published,
        "date": event["date"],
        "date_source": event["date_source"],
        "event": event["event"],
        "mode": event["mode"],
        "context": ";".join(event["context"]),
        "quad_code": event["quad_code"],
        "cameo_root": event["cameo_root"],
        "actor_code": ";".join(e["code"] or "" for e in event["actor"]),
        "actor_sector": ";".join(e["sector"] or "" for e in event["actor"]),
        "actor_name": ";".join(e["name"] for e in event["actor"]),
        "recipient_code": ";".join(e["code"] or "" for e in event["recipient"]),
        "recipient_sector": ";".join(e["sector"] or "" for e in event["recipient"]),
        "recipient_name": ";".join(e["name"] for e in event["recipient"]),
        "location": loc.get("name"),
        "location_country": loc.get("country"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "confidence": event["confidence"],
        "event_text": event["event_text"],
        "text": event["text"],
        "start": event["start"],
        "end": event["end"],
    }


def event_rows(coded: CodedArticle) -> list[dict[str, Any]]:
    """The flat rows (:func:`event_row`) of an article's events."""
    art = coded.article
    published = art.published.isoformat() if art.published else None
    return [event_row(event_json(e), art.id, published) for e in coded.events]
