"""Tests for the gold scorer; all gold and system records are small hand-made examples."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.evaluate import (
    GoldError,
    format_report,
    load_gold,
    max_matching,
    normalize_quote,
    score,
)

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


# ----------------------------------------------------------------------- builders


def ent(code, name=None):
    return {
        "code": code,
        "name": name or code,
        "entity_text": name or code,
        "sector": None,
    }


def _wrap(value):
    return value if isinstance(value, list) else [value]


def gev(event, actor, recipient, evidence="evidence", **extra):
    """Gold event; single strings are wrapped in lists for brevity."""
    return {
        "event": _wrap(event),
        "actor": _wrap(actor),
        "recipient": _wrap(recipient),
        "evidence": evidence,
        **extra,
    }


def sev(
    event,
    actor,
    recipient=None,
    date=None,
    loc=None,
    text="sentence",
    event_text="trigger",
):
    """System event as the coder serialises it."""
    return {
        "event": event,
        "actor": [ent(actor)],
        "recipient": [ent(recipient)] if recipient else [],
        "date": date,
        "event_loc": loc,
        "text": text,
        "event_text": event_text,
    }


def gart(article_id="a1", events=(), quotes=(), stances=()):
    return {
        "id": article_id,
        "title": "",
        "published": "2021-03-04",
        "text": "body",
        "events": list(events),
        "quotes": list(quotes),
        "stances": list(stances),
    }


def sart(article_id="a1", events=(), quotes=(), stances=()):
    return {
        "id": article_id,
        "events": list(events),
        "quotes": list(quotes),
        "stances": list(stances),
    }


def counts(block):
    return block["hits"], block["misses"], block["false_alarms"]


# ------------------------------------------------------------------------- events


def test_perfect_match():
    gold = [
        gart(
            events=[
                gev("ACCUSE", "FRA", "ITA"),
                gev("CONSULT", ["ITA", "FRA"], ["FRA", "ITA"]),
            ]
        )
    ]
    system = [sart(events=[sev("CONSULT", "ITA", "FRA"), sev("ACCUSE", "FRA", "ITA")])]
    report = score(gold, system)
    assert counts(report["events"]) == (2, 0, 0)
    assert (
        report["events"]["precision"]
        == report["events"]["recall"]
        == report["events"]["f1"]
        == 1.0
    )
    assert report["articles"] == 1
    json.dumps(report)  # plain JSON-serialisable


def test_miss_and_false_alarm():
    gold = [gart(events=[gev("ACCUSE", "FRA", "ITA", evidence="France blamed Italy")])]
    system = [
        sart(
            events=[
                sev(
                    "ACCUSE", "ITA", "FRA", text="Italy hit back", event_text="hit back"
                )
            ]
        )
    ]
    report = score(gold, system)
    assert counts(report["events"]) == (0, 1, 1)
    assert report["events"]["precision"] == 0.0
    assert report["events"]["f1"] == 0.0
    detail = report["details"][0]
    assert detail["event_misses"][0]["evidence"] == "France blamed Italy"
    assert detail["event_false_alarms"][0]["event_text"] == "hit back"
    assert detail["event_false_alarms"][0]["actor"] == ["ITA"]


def test_wrong_type_or_actor_does_not_match():
    gold = [gart(events=[gev(["ACCUSE", "REJECT"], ["FRA", "BEL"], "ITA")])]
    assert counts(
        score(gold, [sart(events=[sev("REJECT", "BEL", "ITA")])])["events"]
    ) == (1, 0, 0)
    assert counts(
        score(gold, [sart(events=[sev("THREATEN", "FRA", "ITA")])])["events"]
    ) == (0, 1, 1)
    assert counts(
        score(gold, [sart(events=[sev("ACCUSE", "DEU", "ITA")])])["events"]
    ) == (0, 1, 1)


def test_optional_gold_event_is_neither_hit_nor_false_alarm():
    gold = [
        gart(
            events=[
                gev("ACCUSE", "FRA", "ITA"),
                gev("REJECT", "ITA", "FRA", optional=True),
            ]
        )
    ]
    with_optional = score(
        gold, [sart(events=[sev("ACCUSE", "FRA", "ITA"), sev("REJECT", "ITA", "FRA")])]
    )
    without_optional = score(gold, [sart(events=[sev("ACCUSE", "FRA", "ITA")])])
    assert counts(with_optional["events"]) == (1, 0, 0)
    assert counts(without_optional["events"]) == (1, 0, 0)
    assert without_optional["details"][0]["event_misses"] == []


def test_null_recipient_rule():
    no_recipient_ok = [gart(events=[gev("MOBILIZE", "PRK", [None, "KOR"])])]
    recipient_needed = [gart(events=[gev("MOBILIZE", "PRK", ["KOR"])])]
    bare = [sart(events=[sev("MOBILIZE", "PRK")])]
    with_recipient = [sart(events=[sev("MOBILIZE", "PRK", "KOR")])]
    assert counts(score(no_recipient_ok, bare)["events"]) == (1, 0, 0)
    assert counts(score(no_recipient_ok, with_recipient)["events"]) == (1, 0, 0)
    assert counts(score(recipient_needed, bare)["events"]) == (0, 1, 1)
    # A recipient outside the list does not fall back to the null rule.
    assert counts(
        score(no_recipient_ok, [sart(events=[sev("MOBILIZE", "PRK", "JPN")])])["events"]
    ) == (0, 1, 1)


def test_any_actor_or_recipient_code_can_match():
    gold = [gart(events=[gev("CONSULT", "DEU", "POL")])]
    event = sev("CONSULT", "AUT", "CZE")
    event["actor"].append(ent("DEU"))
    event["recipient"].insert(0, ent("POL"))
    assert counts(score(gold, [sart(events=[event])])["events"]) == (1, 0, 0)


def test_duplicate_system_event_counts_one_hit_and_one_false_alarm():
    gold = [gart(events=[gev("ACCUSE", "FRA", "ITA")])]
    system = [sart(events=[sev("ACCUSE", "FRA", "ITA"), sev("ACCUSE", "FRA", "ITA")])]
    assert counts(score(gold, system)["events"]) == (1, 0, 1)


def test_maximum_matching_beats_greedy_order():
    # Greedy in system order would give the first system event to the broad gold
    # event and leave the second system event with nothing: 1 hit, 1 miss, 1 false alarm.
    gold = [
        gart(
            events=[
                gev("REQUEST", "JPN", ["RUS", "PRK"]),
                gev("REQUEST", "JPN", ["RUS"]),
            ]
        )
    ]
    system = [sart(events=[sev("REQUEST", "JPN", "RUS"), sev("REQUEST", "JPN", "PRK")])]
    assert counts(score(gold, system)["events"]) == (2, 0, 0)


def test_required_gold_wins_over_optional_gold_listed_first():
    gold = [
        gart(
            events=[
                gev("SUPPORT", "CHN", ["UNO", None], optional=True),
                gev("SUPPORT", "CHN", ["UNO"]),
            ]
        )
    ]
    assert counts(
        score(gold, [sart(events=[sev("SUPPORT", "CHN", "UNO")])])["events"]
    ) == (1, 0, 0)


def test_date_and_location_accuracy_denominators():
    gold = [
        gart(
            events=[
                gev("ACCUSE", "FRA", "ITA", date="2021-03-01", location="Nice"),
                gev("REJECT", "ITA", "FRA", date="2021-03-02"),
                gev(
                    "CONSULT", "FRA", "DEU"
                ),  # no date, no location: outside both totals
                gev(
                    "THREATEN", "FRA", "ITA", date="2021-03-03", location="Rome"
                ),  # missed: outside totals
            ]
        )
    ]
    system = [
        sart(
            events=[
                sev(
                    "ACCUSE",
                    "FRA",
                    "ITA",
                    date="2021-03-01",
                    loc={"name": "Nice, France", "text": "NICE"},
                ),
                sev(
                    "REJECT",
                    "ITA",
                    "FRA",
                    date="2021-03-04",
                    loc={"name": "Rome", "text": "Rome"},
                ),
                sev("CONSULT", "FRA", "DEU", date="2021-03-04"),
            ]
        )
    ]
    report = score(gold, system)
    assert counts(report["events"]) == (3, 1, 0)
    assert report["dates"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert report["locations"] == {"correct": 1, "total": 1, "accuracy": 1.0}
    wrong = report["details"][0]["wrong_dates"]
    assert [(w["gold"], w["system"]) for w in wrong] == [("2021-03-02", "2021-03-04")]


def test_wrong_or_missing_location_and_null_date():
    gold = [
        gart(events=[gev("ACCUSE", "FRA", "ITA", date="2021-03-01", location="Nice")])
    ]
    report = score(gold, [sart(events=[sev("ACCUSE", "FRA", "ITA")])])
    assert report["dates"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert report["locations"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    report = score(
        gold,
        [
            sart(
                events=[
                    sev("ACCUSE", "FRA", "ITA", loc={"name": "Lyon", "text": "Lyon"})
                ]
            )
        ],
    )
    assert report["details"][0]["wrong_locations"][0]["system"] == "Lyon"


def test_tie_between_equal_matchings_goes_to_right_date():
    # Both system events match both gold events; only the pairing decides the dates.
    gold = [
        gart(
            events=[
                gev("ACCUSE", "FRA", "ITA", date="2021-03-01"),
                gev("ACCUSE", "FRA", "ITA", date="2021-03-02"),
            ]
        )
    ]
    system = [
        sart(
            events=[
                sev("ACCUSE", "FRA", "ITA", date="2021-03-02"),
                sev("ACCUSE", "FRA", "ITA", date="2021-03-01"),
            ]
        )
    ]
    assert score(gold, system)["dates"]["accuracy"] == 1.0


# ------------------------------------------------------------------------- quotes


def gq(text, speaker, code, **extra):
    return {"text": text, "speaker": speaker, "code": code, "kind": "direct", **extra}


def sq(text, name=None, code=None):
    return {
        "text": text,
        "kind": "direct",
        "speaker": {"name": name, "code": code} if name or code else None,
    }


def test_normalize_quote_folds_marks_whitespace_and_edge_punctuation():
    assert normalize_quote("  “We  will\n\tnot   yield,” ") == "We will not yield"
    assert (
        normalize_quote("«it’s over»") == normalize_quote('"it\'s over"') == "its over"
    )
    assert normalize_quote("„Enough.“") == "Enough"
    assert normalize_quote(None) == ""


def test_quote_containment_both_ways_with_mixed_marks_and_whitespace():
    gold = [
        gart(
            quotes=[
                gq("We can't wait for the harvest any longer", "Ana Ruiz", "ESP"),
                gq("the border stays open", "Lena Berg", "SWE"),
            ]
        )
    ]
    system = [
        sart(
            quotes=[
                # system text inside gold text, curly apostrophe, extra whitespace
                sq("“We can’t   wait\nfor the harvest,”", "Ana Ruiz", "ESP"),
                # gold text inside system text
                sq("Berg said: ‘the border stays open for now’.", "Lena Berg", "SWE"),
            ]
        )
    ]
    report = score(gold, system)
    assert counts(report["quotes"]) == (2, 0, 0)
    assert report["quotes"]["f1"] == 1.0


def test_quote_case_is_not_folded_and_empty_text_never_matches():
    gold = [gart(quotes=[gq("the border stays open", "Lena Berg", "SWE")])]
    assert counts(
        score(gold, [sart(quotes=[sq("THE BORDER STAYS OPEN", "Lena Berg")])])["quotes"]
    ) == (0, 1, 1)
    assert counts(score(gold, [sart(quotes=[sq("“ ”", "Lena Berg")])])["quotes"]) == (
        0,
        1,
        1,
    )


def test_optional_quote_and_speaker_accuracy_for_person_and_collective():
    gold = [
        gart(
            quotes=[
                gq("prices will fall next year", "Ana Ruiz", "ESP"),
                gq("no new taxes this term", "Ana Ruiz", "ESP"),
                gq(
                    "a historic mistake", "Spain", "ESP", collective=True, optional=True
                ),
                gq("we reject the proposal outright", "Sweden", "SWE", collective=True),
            ]
        )
    ]
    system = [
        sart(
            quotes=[
                sq(
                    "prices will fall next year", "ana ruiz", "ESP"
                ),  # right, case-insensitive
                sq(
                    "no new taxes this term", "Ruiz", "ESP"
                ),  # wrong: not the canonical name
                sq(
                    "a historic mistake", "Spanish government", "ESP"
                ),  # optional, right code
                sq(
                    "we reject the proposal outright", "Swedish ministry", "NOR"
                ),  # wrong code
            ]
        )
    ]
    report = score(gold, system)
    assert counts(report["quotes"]) == (3, 0, 0)
    assert report["speakers"] == {"correct": 2, "total": 4, "accuracy": 0.5}
    wrong = report["details"][0]["wrong_speakers"]
    assert [(w["gold"], w["system"]) for w in wrong] == [
        ("Ana Ruiz", "Ruiz"),
        ("SWE", "NOR"),
    ]


def test_quote_without_speaker_is_a_wrong_speaker():
    gold = [gart(quotes=[gq("prices will fall next year", "Ana Ruiz", "ESP")])]
    report = score(gold, [sart(quotes=[sq("prices will fall next year")])])
    assert report["speakers"] == {"correct": 0, "total": 1, "accuracy": 0.0}


# ------------------------------------------------------------------------ stances


def test_stance_accuracy_with_wrong_missing_and_repeated_stances():
    gold = [
        gart(
            stances=[
                {"actor": "FRA", "issue": "sanctions", "stance": "support"},
                {"actor": "ITA", "issue": "sanctions", "stance": "oppose"},
                {"actor": "FRA", "issue": "dialogue", "stance": "mixed"},
                {"actor": "DEU", "issue": "military_action", "stance": "oppose"},
            ]
        )
    ]
    system = [
        sart(
            stances=[
                {"actor": ent("FRA"), "issue": "sanctions", "stance": "support"},
                {
                    "actor": ent("FRA"),
                    "issue": "sanctions",
                    "stance": "oppose",
                },  # second: ignored
                {"actor": ent("ITA"), "issue": "sanctions", "stance": "mixed"},  # wrong
                {
                    "actor": ent("FRA"),
                    "issue": "military_action",
                    "stance": "mixed",
                },  # other issue
                {"actor": ent("DEU"), "issue": "military_action", "stance": "oppose"},
            ]
        )
    ]
    report = score(gold, system)
    assert report["stances"] == {"correct": 2, "total": 4, "accuracy": 0.5}
    wrong = report["details"][0]["wrong_stances"]
    assert [(w["actor"], w["issue"], w["system"]) for w in wrong] == [
        ("ITA", "sanctions", "mixed"),
        ("FRA", "dialogue", None),
    ]


# ---------------------------------------------------------------- whole gold sets


def test_micro_average_over_two_articles():
    gold = [
        gart("a1", events=[gev("ACCUSE", "FRA", "ITA")]),
        gart(
            "a2",
            events=[
                gev("ACCUSE", "FRA", "ITA"),
                gev("REJECT", "ITA", "FRA"),
                gev("CONSULT", "FRA", "DEU"),
            ],
        ),
    ]
    system = [
        sart(
            "a2", events=[sev("CONSULT", "FRA", "DEU"), sev("THREATEN", "DEU", "FRA")]
        ),
        sart("a1", events=[sev("ACCUSE", "FRA", "ITA")]),
    ]
    report = score(gold, system)
    assert counts(report["events"]) == (2, 2, 1)
    assert report["events"]["precision"] == pytest.approx(2 / 3)
    assert report["events"]["recall"] == pytest.approx(2 / 4)
    assert report["events"]["f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert [d["id"] for d in report["details"]] == ["a1", "a2"]


def test_article_missing_from_system_output():
    gold = [
        gart("a1", events=[gev("ACCUSE", "FRA", "ITA")]),
        gart(
            "a2",
            events=[
                gev("REJECT", "ITA", "FRA"),
                gev("CONSULT", "FRA", "DEU"),
                gev("SUPPORT", "DEU", "FRA", optional=True),
            ],
            quotes=[
                gq("we stand firm", "Ana Ruiz", "ESP"),
                gq("no comment", "Lena Berg", "SWE", optional=True),
            ],
            stances=[{"actor": "ITA", "issue": "dialogue", "stance": "oppose"}],
        ),
    ]
    report = score(gold, [sart("a1", events=[sev("ACCUSE", "FRA", "ITA")]), sart("zz")])
    assert counts(report["events"]) == (1, 2, 0)
    assert counts(report["quotes"]) == (0, 1, 0)
    assert report["stances"] == {"correct": 0, "total": 1, "accuracy": 0.0}
    assert report["details"][1]["missing_output"] is True
    assert report["unscored_outputs"] == ["zz"]


def test_empty_scores_give_none_not_a_crash():
    report = score([gart()], [])
    assert report["events"]["precision"] is None
    assert report["events"]["recall"] is None
    assert report["events"]["f1"] is None
    assert report["dates"]["accuracy"] is None
    assert report["speakers"]["accuracy"] is None
    assert report["stances"]["accuracy"] is None
    assert "-" in format_report(report)


def test_repeated_system_article_id_is_refused():
    with pytest.raises(ValueError, match="a1"):
        score([gart("a1")], [sart("a1"), sart("a1")])


# ------------------------------------------------------------------------- report


def test_format_report_table_and_details():
    gold = [
        gart(
            "art-7",
            events=[
                gev(
                    "REQUEST",
                    "JPN",
                    ["RUS", "PRK", None],
                    evidence="Tokyo urged Moscow to act",
                    date="2021-03-01",
                ),
                gev("ACCUSE", "CHN", "KOR", date="2021-03-02"),
            ],
            quotes=[gq("the talks must resume", "Ana Ruiz", "ESP")],
            stances=[{"actor": "JPN", "issue": "sanctions", "stance": "support"}],
        )
    ]
    system = [
        sart(
            "art-7",
            events=[
                sev("ACCUSE", "CHN", "KOR", date="2021-03-05"),
                sev(
                    "ACCUSE",
                    "CHN",
                    "USA",
                    text="Beijing blamed Washington.",
                    event_text="blamed",
                ),
            ],
            quotes=[sq("the talks must resume", "Ruiz", "ESP")],
        )
    ]
    report = score(gold, system)
    text = format_report(report)
    assert (
        "events" in text and "0.500" in text and "dates" in text and "stances" in text
    )
    assert "MISS" not in text
    lines = format_report(report, show_details=True).splitlines()
    assert 'MISS   art-7  REQUEST JPN->RUS|PRK|-  "Tokyo urged Moscow to act"' in lines
    assert (
        'FALSE  art-7  ACCUSE CHN->USA  "blamed" in "Beijing blamed Washington."'
        in lines
    )
    assert "DATE   art-7  ACCUSE CHN->KOR  gold 2021-03-02 system 2021-03-05" in lines
    assert any(
        line.startswith("SPKR   art-7") and "gold Ana Ruiz system Ruiz" in line
        for line in lines
    )
    assert "STANCE art-7  JPN sanctions  gold support system -" in lines


# ---------------------------------------------------------------------- load_gold


def test_load_gold_folder_sorted_by_name(tmp_path):
    for name in ("b.json", "a.json"):
        (tmp_path / name).write_text(json.dumps(gart(name[0])), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not gold", encoding="utf-8")
    assert [a["id"] for a in load_gold([tmp_path])] == ["a", "b"]
    assert [a["id"] for a in load_gold(tmp_path / "b.json")] == ["b"]


def test_load_gold_jsonl_skips_blank_lines(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(
        json.dumps(gart("x")) + "\n\n" + json.dumps(gart("y")) + "\n", encoding="utf-8"
    )
    assert [a["id"] for a in load_gold([str(path)])] == ["x", "y"]


def test_load_gold_bad_jsonl_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(gart("x")) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: invalid JSON") as caught:
        load_gold([path])
    assert "\n" not in str(caught.value)


def test_load_gold_rejects_missing_fields_and_duplicates(tmp_path):
    no_text = gart("x")
    del no_text["text"]
    path = tmp_path / "gold.jsonl"
    path.write_text(
        json.dumps(gart("w")) + "\n" + json.dumps(no_text) + "\n", encoding="utf-8"
    )
    with pytest.raises(GoldError, match=r"gold\.jsonl:2: .*'text'"):
        load_gold([path])
    no_id = gart()
    del no_id["id"]
    (tmp_path / "noid.json").write_text(json.dumps(no_id), encoding="utf-8")
    with pytest.raises(ValueError, match=r"noid\.json: .*'id'"):
        load_gold([tmp_path / "noid.json"])
    bad_event = gart(
        "e", events=[{"event": "ACCUSE", "actor": ["FRA"], "recipient": ["ITA"]}]
    )
    (tmp_path / "ev.json").write_text(json.dumps(bad_event), encoding="utf-8")
    with pytest.raises(ValueError, match=r"ev\.json: event 0"):
        load_gold([tmp_path / "ev.json"])
    (tmp_path / "d.json").write_text(json.dumps(gart("w")), encoding="utf-8")
    with pytest.raises(ValueError, match="duplicate article id 'w'"):
        load_gold([path.with_name("d.json"), tmp_path / "d.json"])


def test_load_gold_unreadable_paths(tmp_path):
    with pytest.raises(ValueError, match="no such gold file"):
        load_gold([tmp_path / "absent.jsonl"])
    (tmp_path / "broken.json").write_text('{"id": "x",\n "text": }', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.json:2: invalid JSON"):
        load_gold([tmp_path / "broken.json"])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ValueError, match="no .json gold files"):
        load_gold([empty])


# ------------------------------------------------------------ matching properties


def _brute_force_best(compat, optional, agree):
    """Best (required matched, total matched, agreement) over every matching."""
    n_gold, n_sys = len(compat), len(compat[0]) if compat else 0
    best = (0, 0, 0)
    for choice in itertools.product(*[[None, *range(n_sys)] for _ in range(n_gold)]):
        used = [j for j in choice if j is not None]
        if len(used) != len(set(used)):
            continue
        if any(j is not None and not compat[i][j] for i, j in enumerate(choice)):
            continue
        pairs = [(i, j) for i, j in enumerate(choice) if j is not None]
        best = max(
            best,
            (
                sum(not optional[i] for i, _ in pairs),
                len(pairs),
                sum(agree[i][j] for i, j in pairs),
            ),
        )
    return best


@st.composite
def matching_problems(draw):
    n_gold = draw(st.integers(0, 4))
    n_sys = draw(st.integers(0, 4))
    compat = [[draw(st.booleans()) for _ in range(n_sys)] for _ in range(n_gold)]
    agree = [[draw(st.integers(0, 2)) for _ in range(n_sys)] for _ in range(n_gold)]
    optional = [draw(st.booleans()) for _ in range(n_gold)]
    return compat, optional, agree


@settings(max_examples=300, deadline=None)
@given(matching_problems())
def test_max_matching_is_lexicographically_optimal(problem):
    compat, optional, agree = problem
    gold = [{"i": i, "optional": opt} for i, opt in enumerate(optional)]
    system = [{"j": j} for j in range(len(compat[0]) if compat else 0)]
    pairs = max_matching(
        gold,
        system,
        lambda g, s: compat[g["i"]][s["j"]],
        lambda g, s: agree[g["i"]][s["j"]],
        max_agreement=2,
    )
    assert len(set(pairs.values())) == len(pairs)
    assert all(compat[i][j] for i, j in pairs.items())
    got = (
        sum(not optional[i] for i in pairs),
        len(pairs),
        sum(agree[i][j] for i, j in pairs.items()),
    )
    assert got == _brute_force_best(compat, optional, agree)


# ---------------------------------------------------------------- real gold sets


def _system_from_gold(article):
    """A system output that states each gold event, quote and stance in one acceptable way."""

    def event(g):
        recipient = g["recipient"][0]
        loc = g.get("location")
        return {
            "event": g["event"][0],
            "actor": [ent(g["actor"][0])],
            "recipient": [] if recipient is None else [ent(recipient)],
            "date": g.get("date"),
            "event_loc": {"name": loc, "text": loc} if loc else None,
            "text": g.get("evidence"),
            "event_text": None,
        }

    return {
        "id": article["id"],
        "events": [event(g) for g in article.get("events", [])],
        "quotes": [
            {
                "text": q["text"],
                "kind": q.get("kind"),
                "speaker": {"name": q.get("speaker"), "code": q.get("code")},
            }
            for q in article.get("quotes", [])
        ],
        "stances": [
            {"actor": ent(s["actor"]), "issue": s["issue"], "stance": s["stance"]}
            for s in article.get("stances", [])
        ],
    }


@pytest.mark.parametrize("relative", ["gold/dev", "corpus/plover-gsr/gsr-dev.jsonl"])
def test_real_gold_scored_against_itself(relative):
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared gold {path} is not available in this checkout")
    gold = load_gold([path])
    assert gold, f"no gold articles in {path}"
    report = score(gold, [_system_from_gold(a) for a in gold])
    assert report["events"]["recall"] == 1.0
    assert report["events"]["precision"] == 1.0
    assert report["dates"]["accuracy"] in (1.0, None)
    assert report["locations"]["accuracy"] in (1.0, None)
    assert report["quotes"]["recall"] in (1.0, None)
    assert report["speakers"]["accuracy"] in (1.0, None)
    assert report["stances"]["accuracy"] in (1.0, None)


def test_gold_kept_without_text_takes_it_from_the_corpus(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "text": "Ruritania expelled two diplomats.", "title": "Expulsion",
                                  "published": "2024-05-02T10:00:00Z"}) + "\n", encoding="utf-8")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a1.json").write_text(json.dumps({"id": "a1", "events": []}), encoding="utf-8")
    [article] = load_gold(gold, corpus=corpus)
    assert article["text"] == "Ruritania expelled two diplomats."
    assert (article["title"], article["published"]) == ("Expulsion", "2024-05-02")
    (gold / "a2.json").write_text(json.dumps({"id": "a2", "events": []}), encoding="utf-8")
    with pytest.raises(ValueError, match="not in the corpus"):
        load_gold(gold, corpus=corpus)
    with pytest.raises(ValueError, match="no corpus"):
        load_gold(gold)


def test_calibration_counts_how_often_each_confidence_band_is_right():
    from eventwire.evaluate import calibration

    report = calibration([(0.95, True), (0.85, True), (0.85, False), (0.3, False), (0.55, True)])
    above = report["above_0.8"]
    assert (above["events"], round(above["precision"], 3)) == (3, 0.667)
    band = next(b for b in report["bins"] if b["from"] == 0.8)
    assert (band["events"], band["precision"]) == (2, 0.5)
    assert sum(b["events"] for b in report["bins"]) == 5
