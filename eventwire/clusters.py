"""Cross-article deduplication: reports of one real-world event form one event cluster.

Wire services, papers and broadcasters report the same meeting, strike or sanction, and
one article can repeat it. Counting each report as an event is the duplication that
makes GDELT-style data noisy; analysts count clusters instead. Two reports are the same
event when they have

- the same event type;
- the same actors and recipients: the same actor codes, with sectors that do not
  contradict (``USA`` with no sector fits ``USA/GOV``; ``USA/COP`` does not), a report
  that names no recipient fitting one that does; for the mutual types (:data:`MUTUAL`:
  "Trump met Obama" is "Obama and Trump met") the two sides are compared as one;
- dates no more than :data:`MAX_DAYS` apart, across the whole cluster (so a cluster does
  not creep along a week of daily protests); and
- compatible places: none given on one side, or the same country and, when both name a
  town, towns at most :data:`MAX_KM` apart.

Reports with no actor code or no date cannot be matched with confidence, so each stays a
cluster of its own. The cluster id is derived from its first report's event id, so it is
the same every time the clusters are rebuilt from the same events.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

MAX_DAYS = 1
MAX_KM = 100.0
# PLOVER types whose two sides act together: who is named first is a matter of style.
MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE"})


@dataclass(frozen=True)
class ClusterEvent:
    """The facts of one stored event that clustering looks at. Actors and recipients are
    written CODE/SECTOR, with an empty sector when none was coded."""

    event_id: str
    article_id: str
    event: str
    actors: list[str]
    recipients: list[str]
    date: date | None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    resolution: str | None = None  # city | admin | country | unknown

    def sides(self) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        actors, recipients = _by_code(self.actors), _by_code(self.recipients)
        if self.event in MUTUAL:
            return _by_code(self.actors + self.recipients), {}
        return actors, recipients


def _by_code(ids: list[str]) -> dict[str, set[str]]:
    """{"USA": {"GOV"}} from ["USA/GOV"]; a code with no sector maps to an empty set."""
    out: dict[str, set[str]] = {}
    for actor in ids or []:
        code, _, sector = actor.partition("/")
        out.setdefault(code, set())
        if sector:
            out[code].add(sector)
    return out


def same_side(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """The same codes, and for each code sectors that share one or are not given."""
    return a.keys() == b.keys() and all(not a[c] or not b[c] or a[c] & b[c] for c in a)


@dataclass
class _Open:
    first: ClusterEvent
    actors: dict[str, set[str]]
    recipients: dict[str, set[str]]  # the first report's that names any
    members: list[str] = field(default_factory=list)
    town: ClusterEvent | None = None  # the first report placed in a town, if any
    country: str | None = None


def km_between(a: ClusterEvent, b: ClusterEvent) -> float:
    """Great-circle distance in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _is_town(e: ClusterEvent) -> bool:
    return e.resolution == "city" and e.lat is not None and e.lon is not None


def _fits(cluster: _Open, e: ClusterEvent) -> bool:
    if e.date is None or cluster.first.date is None or abs((e.date - cluster.first.date).days) > MAX_DAYS:
        return False
    actors, recipients = e.sides()
    if not same_side(actors, cluster.actors):
        return False
    if recipients and cluster.recipients and not same_side(recipients, cluster.recipients):
        return False
    if e.country and cluster.country and e.country != cluster.country:
        return False
    return not (_is_town(e) and cluster.town is not None and km_between(e, cluster.town) > MAX_KM)


def _closeness(cluster: _Open, e: ClusterEvent) -> tuple:
    """How well a report fits a cluster it may join, so that a report with less detail
    (no sector, no recipient) goes to the closest of several candidates, not the oldest."""
    actors, recipients = e.sides()
    return (actors == cluster.actors, recipients == cluster.recipients, e.date == cluster.first.date,
            bool(e.country) and e.country == cluster.country)


def cluster_id(first_event_id: str) -> str:
    return "C" + hashlib.sha256(first_event_id.encode("utf-8")).hexdigest()[:16]


def _cluster_type(events: Iterable[ClusterEvent]) -> Iterator[tuple[str, list[str]]]:
    """Clusters of the events of one type, which come sorted by date."""
    open_clusters: list[_Open] = []
    for e in events:
        if not e.actors or e.date is None:
            yield cluster_id(e.event_id), [e.event_id]
            continue
        # Clusters whose first date is more than a day behind can take no more reports.
        for done in [c for c in open_clusters if (e.date - c.first.date).days > MAX_DAYS]:
            open_clusters.remove(done)
            yield cluster_id(done.first.event_id), done.members
        home = max((c for c in open_clusters if _fits(c, e)), key=lambda c: _closeness(c, e), default=None)
        if home is None:
            home = _Open(e, *e.sides())
            open_clusters.append(home)
        home.members.append(e.event_id)
        home.recipients = home.recipients or e.sides()[1]
        home.country = home.country or e.country
        if home.town is None and _is_town(e):
            home.town = e
    for c in open_clusters:
        yield cluster_id(c.first.event_id), c.members


def cluster_events(events: Iterable[ClusterEvent]) -> Iterator[tuple[str, list[str]]]:
    """(cluster id, event ids) for every event. ``events`` must come sorted by type and
    then by date (undated first), so that only the clusters of the last day or so are open."""
    batch: list[ClusterEvent] = []
    for e in events:
        if batch and e.event != batch[0].event:
            yield from _cluster_type(batch)
            batch = []
        batch.append(e)
    if batch:
        yield from _cluster_type(batch)
