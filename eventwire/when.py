"""When: the date each event happened, resolved against the publication date.

Fallback chain, first that answers wins (and ``Event.date_source`` says which):
1. ``text``: a date expression in the event's own clause ("on Thursday", "Sept. 11",
   "yesterday"), weekdays resolved backwards for past tense and forwards for future;
2. ``relative``: "four days after <event>" counts from the date of the clause it
   hangs on;
3. ``speech``: the date of the verb that reports the event ("China said on Thursday
   that it had lodged a protest");
4. ``published``: the publication date (past-tense events with no date of their own).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from .nlp import FUTURE_AUX, ent_of, word_forms
from .records import Event

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july",
                                          "august", "september", "october", "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS.update({"sept": 9})
RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
NUMBER_WORDS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                             "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"])}
DATE_DEPS = {"npadvmod", "tmod", "obl", "advmod", "nmod"}
DATE_PREPS = {"on", "since", "until", "by"}


FUTURE_FRAMES = {"hope", "plan", "expect", "intend", "aim", "want", "seek", "schedule", "set", "due", "prepare", "go"}


def _is_future(tok: Token) -> bool:
    """Whether a clause, or a noun's clause, speaks of what is still to come: "will vote on
    Monday", "hopes to resolve the pause during talks Tuesday", "is set to meet Friday"."""
    for _ in range(4):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in tok.children):
            return True
        if tok.tag_ in ("VBD", "VBN") and tok.dep_ not in ("xcomp", "amod"):
            return False  # a past clause ends the search
        if tok.dep_ == "xcomp" and word_forms(tok.head) & FUTURE_FRAMES:  # "hopes" lemmatised as "hop"
            return True
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _vague_date(words: list[str], published: date) -> date | None:
    """'last week', 'last month', 'last October', 'earlier this month': a day standing for
    a span the text does not narrow (a week before; the first of the month), since
    event data needs a day."""
    if words[:1] == ["last"] and len(words) == 2:
        if words[1] == "week":
            return published - timedelta(days=7)
        if words[1] == "month":
            first = published.replace(day=1) - timedelta(days=1)
            return first.replace(day=1)
        month = MONTHS.get(words[1])
        if month is not None:
            year = published.year if month < published.month else published.year - 1
            return date(year, month, 1)
    if words[-2:] == ["this", "month"] and ("earlier" in words or "early" in words):
        return published.replace(day=1)
    return None


def resolve_date(text: str, published: date, future: bool = False) -> date | None:
    """A date for a short expression such as 'Thursday', 'Sept. 11' or 'yesterday'."""
    words = re.findall(r"[a-z]+|\d+", text.lower())
    if not words:
        return None
    for w in words:
        if w in RELATIVE_DAYS:
            return published + timedelta(days=RELATIVE_DAYS[w])
    vague = _vague_date(words, published)
    if vague is not None:
        return vague
    for w in words:
        if w in WEEKDAYS:
            delta = (WEEKDAYS.index(w) - published.weekday()) % 7
            if future:
                return published + timedelta(days=delta)
            return published - timedelta(days=(published.weekday() - WEEKDAYS.index(w)) % 7)
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    if month is not None:
        day = next((n for n in numbers if 1 <= n <= 31), None)
        year = next((n for n in numbers if n > 1900), None)
        if day is None:
            return None
        try:
            if year is not None:
                return date(year, month, day)
            guess = date(published.year, month, day)
        except ValueError:
            return None
        # Without a year a date is the nearest one in the tense's direction.
        if future and guess < published - timedelta(days=1):
            guess = guess.replace(year=guess.year + 1)
        elif not future and guess > published + timedelta(days=31):
            guess = guess.replace(year=guess.year - 1)
        return guess
    return None


def _date_tokens(verb: Token) -> list[Token]:
    """Date expressions attached to one clause, not descending into other clauses: on
    the verb ("met on Monday"), on the noun that names the event ("Tuesday's talks"), or
    on the occasion or document of the act ("in a Jan. 23 press briefing", "a letter
    dated Feb. 4")."""
    out = []
    for child in verb.children:
        if child.dep_ in DATE_DEPS and child.ent_type_ in ("DATE", "TIME"):
            out.append(child)
        elif child.dep_ == "poss" and child.ent_type_ == "DATE" and verb.pos_ == "NOUN":
            out.append(child)  # "Tuesday's announcement"
        elif child.dep_ == "prep" and child.lower_ in DATE_PREPS:
            out += [c for c in child.children if c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME")]
    if out:
        return out
    occasions = [c for c in verb.children if c.dep_ == "dobj"]
    occasions += [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "during")
                  for p in c.children if p.dep_ == "pobj"]
    for noun in occasions:
        # "in Tuesday's briefing" dates the act; "welcomed Tuesday's announcement" does not
        deps = ("compound", "nmod", "npadvmod") + (("poss",) if noun.dep_ == "pobj" else ())
        out += [c for c in noun.children if c.dep_ in deps and c.ent_type_ == "DATE" and _names_a_day(c)]
    # "sent a letter to Rubio about the scheme dated Feb. 4": the document's date
    dated = [t for t in verb.subtree if t.dep_ == "acl" and t.lower_ == "dated" and _within_phrases(t, verb)]
    out += [d for acl in dated for d in acl.subtree if d.ent_type_ == "DATE" and d.i != acl.i][:1]
    return out


def _within_phrases(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` hangs from ``verb`` through its objects and prepositions only."""
    tok = tok.head
    while tok.i != verb.i:
        if tok.dep_ not in ("dobj", "dative", "prep", "pobj", "compound", "appos"):
            return False
        tok = tok.head
    return True


def _names_a_day(tok: Token) -> bool:
    """'Jan. 23', 'Tuesday': a day, not 'annual' or 'recent'."""
    text = _date_text(tok).lower()
    return any(w in text for w in WEEKDAYS) or (any(m in re.findall(r"[a-z]+", text) for m in MONTHS)
                                                 and bool(re.search(r"\d", text)))


def _date_text(tok: Token) -> str:
    if tok.ent_iob_ != "O":
        ent = ent_of(tok)
        if ent is not None:
            return ent.text
    return " ".join(t.text for t in tok.subtree)


def _offset_days(clause: Token) -> int | None:
    """'four days after ...' on an adverbial clause: how many days before or after its host."""
    mark = next((c.lower_ for c in clause.children if c.dep_ in ("mark", "prep") and c.lower_ in ("after", "before")), None)
    if mark is None:
        return None
    for child in clause.children:
        if child.dep_ == "npadvmod" and child.lemma_.lower() in ("day", "week"):
            n = next((c for c in child.children if c.dep_ == "nummod"), None)
            if n is None:
                continue
            count = int(n.text) if n.text.isdigit() else NUMBER_WORDS.get(n.lower_)
            if count is None:
                continue
            days = count * (7 if child.lemma_.lower() == "week" else 1)
            # The clause happened `days` before the host when the host is "after" it.
            return -days if mark == "after" else days
    return None


def clause_date(verb: Token, published: date, depth: int = 0) -> tuple[date | None, str]:
    """The date of a clause and how it was found."""
    for tok in _date_tokens(verb):
        found = resolve_date(_date_text(tok), published, _is_future(verb))
        if found is not None:
            return found, "text"
    if depth > 4 or verb.head.i == verb.i:
        return None, "none"
    offset = _offset_days(verb) if verb.dep_ == "advcl" else None
    host, how = clause_date(verb.head, published, depth + 1)
    if offset is not None:
        return (host or published) + timedelta(days=offset), "relative"
    if host is not None and verb.dep_ in ("ccomp", "xcomp", "conj", "advcl", "acl", "pcomp", "pobj", "prep", "dobj"):
        return host, "speech" if how == "text" else how
    return None, "none"


def _years(verb: Token) -> list[int]:
    """Years a clause is placed in ("in 2013", "in March 2019")."""
    tokens = _date_tokens(verb) + [c for p in verb.children if p.dep_ == "prep" and p.lower_ in ("in", "during")
                                   for c in p.subtree if c.ent_type_ == "DATE"]
    return [int(t.text) for t in tokens if t.text.isdigit() and len(t.text) == 4 and 1000 < int(t.text) < 2200]


LATER = re.compile(r"^(\w+)\s+(day|week)s?\s+later$")


def _days_later(verb: Token) -> int | None:
    """'Two days later, the army attacked': how many days after the last date told."""
    for tok in _date_tokens(verb):
        m = LATER.match(_date_text(tok).lower().strip())
        if m:
            count = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1))
            if count is not None:
                return count * (7 if m.group(2) == "week" else 1)
    return None


HISTORICAL_DAYS = 365  # older than this, on the story's own date, an event is history


def date_events(doc: Doc, events: list[Event], published: date | None) -> None:
    """Give each event its date in place; without a publication date only explicit dates."""
    last: date | None = None  # the last date the text gave, for "two days later"
    for event in sorted(events, key=lambda e: e.start):
        if published is None:
            event.date, event.date_source = None, "none"
            continue
        found, how = None, "none"
        for anchor in dict.fromkeys([event._head, event._clause]):
            if anchor >= 0:
                found, how = clause_date(doc[anchor], published)
                if found is not None:
                    break
        later = _days_later(doc[event._clause]) if found is None and event._clause >= 0 else None
        if later is not None and last is not None:
            found, how = last + timedelta(days=later), "relative"
        if found is None:
            found, how = published, "published"
        elif how in ("text", "relative"):
            last = found
        event.date, event.date_source = found.isoformat(), how
        years = [year for a in (event._head, event._clause) if a >= 0 for year in _years(doc[a])]
        if event.aux_mode is None and ((published - found).days > HISTORICAL_DAYS or any(y < published.year for y in years)):
            # PLOVER's mode for events the story recalls from the past ("In 2013, Egypt
            # expelled ..."): a year alone gives no date, but it tells the event is history.
            event.aux_mode = "historical"
        if how == "published" and years and all(y != published.year for y in years):
            event.date, event.date_source = None, "year"  # "In 2013, ...": not the publication date
