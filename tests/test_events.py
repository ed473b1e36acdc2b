"""Event coding on sentences written for these tests."""

import pytest


def coded(code, text, **kw):
    return [(e.event, sorted(a.code for a in e.actor), sorted(r.code for r in e.recipient)) for e in code(text, **kw).events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran accused Israel of attacking its embassy.", ("ACCUSE", ["IRN"], ["ISR"])),
        ("The Egyptian embassy was attacked by Libyan troops.", ("ASSAULT", ["LBY"], ["EGY"])),
        ("Japan and South Korea urged China to halt the test.", ("REQUEST", ["KOR"], ["CHN"])),  # one record per state
        ("Beijing lodged a diplomatic protest with Seoul on Monday.", ("ACCUSE", ["CHN"], ["KOR"])),
        ("Chile's protest against Peru was delivered on Friday.", ("ACCUSE", ["CHL"], ["PER"])),
        ("Ruritanian rebels said they will release two Canadian hostages.", None),
        ("Kenya expelled two Somali diplomats on Tuesday.", ("SANCTION", ["KEN"], ["SOM"])),
        ("Syria said it was willing to withdraw its troops from Lebanon.", ("AGREE", ["SYR"], ["LBN"])),
        ("Iran threatened to launch a new offensive unless Baghdad accepted its terms.", ("THREATEN", ["IRN"], ["IRQ"])),
        ("Russia said on Tuesday that Sudan must return the helicopter.", ("REQUEST", ["RUS"], ["SDN"])),
        ("Russia said Sudan has to return the helicopter.", ("REQUEST", ["RUS"], ["SDN"])),
        ("Canada welcomed the announcement that Ukraine had agreed to a ceasefire.", ("AGREE", ["UKR"], [])),
        ("Russia suspended talks with Japan on Monday.", ("SANCTION", ["RUS"], ["JPN"])),
        ("Zimbabwean journalist Tendai Moyo was arrested in Harare on Monday.", ("COERCE", ["ZWE"], ["ZWE"])),
        ("France credited Britain for its constructive role.", ("SUPPORT", ["FRA"], ["GBR"])),
        ("The U.S. envoy spoke with Russian officials on Thursday.", ("CONSULT", ["USA"], ["RUS"])),
        ("Kenya declined to sign the treaty.", ("REJECT", ["KEN"], [])),
        ("China-Japan talks resumed on Monday.", ("CONSULT", ["CHN"], ["JPN"])),
        ("Afghan guerillas attacked a Soviet convoy.", ("ASSAULT", ["AFG"], ["RUS"])),
        ("The UN resolution demands that Israel withdraw.", ("REQUEST", ["UNO"], ["ISR"])),
        ("Serbian President Vojislav Kostunica promised to democratize Serbia.", ("AGREE", ["SRB"], ["SRB"])),
        ("Officials said Vietnam is committed to opening up its economy.", ("AGREE", ["VNM"], [])),
        ("Hamas pledged to continue its attacks.", ("THREATEN", ["PSE"], [])),
        ("The United States called for an inclusive government in Syria.", ("REQUEST", ["USA"], ["SYR"])),
        ("International press freedom organizations condemned the arrest of Zimbabwean journalists.", ("ACCUSE", ["NGO"], ["ZWE"])),
        ("Sudanese rebels have been fighting the Chadian army since April.", ("ASSAULT", ["SDN"], ["TCD"])),
        ("Canada and Belgium are among countries that have banned imports of trophies from Botswana.",
         ("SANCTION", ["BEL"], ["BWA"])),
        ("The United States announced Wednesday it would prohibit all aid to Albanian rebels.", ("SANCTION", ["USA"], ["ALB"])),
        ("The United Nations reiterated its demand that Israel ease restrictions.", ("REQUEST", ["UNO"], ["ISR"])),
        ("The United Nations sent 21 experts to Bosnia on Wednesday to investigate the killings.", ("ACCUSE", ["UNO"], ["BIH"])),
        ("NATO reaffirmed its support for Ukraine on Friday.", ("SUPPORT", ["IGO"], ["UKR"])),
        ("Egyptian police opened fire to disperse demonstrators on Monday.", ("ASSAULT", ["EGY"], ["EGY"])),
        ("President Bush threatened further action against Russia.", ("THREATEN", ["USA"], ["RUS"])),
    ],
)
def test_actor_event_recipient(code, text, expected):
    events = coded(code, text)
    if expected is None:
        assert all(e[1] for e in events)  # nothing coded without a known actor
    else:
        assert expected in events, events


def test_negation_is_not_the_event(code):
    assert not [e for e in coded(code, "France did not agree to the Italian proposal.") if e[0] == "AGREE"]


@pytest.mark.parametrize("text", [
    "Police closed the street but made no arrests.",  # the noun's own "no"
    "The two sides reached no agreement on Monday.",
    "No talks were held between Chile and Peru on Monday.",  # a subject that is none
    "Neither navy will send warships within 20 miles of the line.",
    "No country sent troops to Mali on Monday.",
])
def test_what_no_one_did_is_no_event(code, text):
    assert coded(code, text) == []


def test_refusal_is_reject(code):
    events = coded(code, "Syria says it will not accept any more refugees.")
    assert [e for e in events if e[:2] == ("REJECT", ["SYR"])], events
    assert not [e for e in events if e[0] == "AGREE"], events


def test_demanded_content_is_not_an_event_of_its_own(code):
    events = coded(code, "The United States demanded the United Nations slap an oil embargo on Pyongyang.")
    assert events == [("REQUEST", ["USA"], ["UNO"])]


def test_questions_and_conditions_are_not_events(code):
    assert coded(code, "Will Turkey attack Syria?") == []
    assert not [e for e in coded(code, "If Greece attacks Turkey, the alliance will respond.") if e[0] == "ASSAULT"]


def test_future_cooperation_is_agree(code):
    assert ("AGREE", ["JPN"], ["CHN"]) in coded(code, "Japan will host talks with China next month.")


def test_echoing_a_demand_makes_it(code):
    events = coded(code, "Germany on Monday echoed France's demand for new sanctions on Iran.")
    assert {e[1][0] for e in events if e[0] == "REQUEST"} == {"DEU", "FRA"}


def test_nominal_event_in_a_fronted_phrase(code):
    events = coded(code, "In a phone call with his Kenyan counterpart, Ugandan President Yoweri Museveni on Monday praised the deal.")
    assert ("CONSULT", ["UGA"], ["KEN"]) in events


def test_one_record_per_event_with_all_evidence(code):
    text = ("Egypt and Sudan sign border deal\n\n"
            "Egypt and Sudan signed a border agreement on Monday.\n\n"
            "The agreement, signed by Egypt and Sudan in Cairo, ends a long dispute.")
    result = code(text, title="Egypt and Sudan sign border deal")
    signs = [e for e in result.events if e.event in ("SUPPORT", "AGREE")]
    assert len(signs) == 1
    assert len(signs[0].evidence) >= 2


def test_every_event_carries_its_evidence_offsets(code):
    text = "Officials said on Monday.\n\nIran accused Israel of attacking its embassy in Damascus."
    result = code(text)
    for event in result.events:
        assert text[event.start : event.end] == event.text
        assert event.event_text in event.text
        assert 0 <= event.confidence <= 1
        assert event.quad_code in (1, 2, 3, 4)


def test_contexts_come_from_the_sentence(code):
    [event] = [e for e in code("North Korea staged a nuclear test on Sunday.").events if e.event == "MOBILIZE"]
    assert "cbrn" in event.context


def test_a_war_of_words_is_not_an_assault(code):
    events = code("Ruritanian ministers clashed with Greek officials over the border plan on Monday.\n\nGreece said nothing.").events
    assert not [e for e in events if e.event == "ASSAULT"]


def test_talks_reported_twice_from_both_sides_are_one_event(code):
    text = "Turkish Foreign Minister Hakan Fidan held talks with his Greek counterpart in Geneva on Tuesday, the first meeting between the two governments in a year."
    consults = [e for e in code(text).events if e.event in ("CONSULT", "AGREE")]
    assert len(consults) == 1


def test_a_reported_fact_is_coded_but_a_demanded_admission_is_not(code):
    assert not [e for e in coded(code, "Poland demanded an admission by Moscow that Soviet forces murdered prisoners.")
                if e[0] == "ASSAULT"]


def test_whose_killing_or_arrest_it_is_suffers_it(code):
    events = coded(code, "Amnesty condemned Iran's arrest of the journalists. Iraq confirmed the Syrian's killing.")
    assert not [e for e in events if e[0] in ("ASSAULT", "COERCE") and e[1] == ["SYR"]]


def test_a_warning_of_a_danger_is_no_threat(code):
    assert not [e for e in coded(code, "U.S. officials warned in July of a possible resurgence of violence.") if e[0] == "THREATEN"]
    assert ("THREATEN", ["RUS"], ["USA"]) in coded(code, "Russia warned the United States against deploying missiles.")


def test_discussing_a_state_is_no_meeting_with_it(code):
    assert ("CONSULT", ["JPN"], []) in coded(code, "Japanese ministers discussed China's role in regional security.")


def test_confidence_is_a_probability_that_rises_with_a_named_recipient(code, kb):
    from dataclasses import replace

    from eventwire.events import confidence

    [event] = [e for e in code("Russia expelled two British diplomats on Monday.").events if e.event == "SANCTION"]
    alone = replace(event, recipient=[])
    assert 0.0 < confidence(alone, kb) < confidence(event, kb) < 1.0


def test_the_group_is_the_organisation_last_named(code):
    text = ("NATO issued a statement on Friday. The statement said the group remained concerned about the build-up. "
            "They called on Russia to withdraw its troops.")
    assert ("REQUEST", ["IGO"], ["RUS"]) in coded(code, text)


def test_hopes_and_aims_frame_what_they_govern_but_not_its_circumstances(code):
    assert not [e for e in coded(code, "Rubio said he hopes a ceasefire between Russia and Ukraine could take place.")
                if e[0] == "RETREAT"]
    assert not [e for e in coded(code, "France aims to understand what concessions Ukraine might be willing to make.")
                if e[0] == "AGREE"]
    assert ("CONSULT", ["USA"], ["UKR"]) in coded(
        code, "The United States hopes to resolve the dispute during talks Tuesday with Ukrainian officials.")


def test_only_arrests_are_assumed_to_be_the_state_s(code):
    assert not [e for e in coded(code, "Syrian President Bashar al-Assad was ousted in December.") if e[0] == "COERCE"]


def test_fighting_corruption_is_no_attack(code):
    assert not [e for e in coded(code, "Kenya is fighting corruption.") if e[0] == "ASSAULT"]


def test_a_pledge_to_fight_is_no_agreement(code):
    assert not [e for e in coded(code, "Iran vowed to fight until the end.") if e[0] == "AGREE"]


def test_a_constitution_guaranteeing_a_right_is_no_agreement(code):
    assert coded(code, "Zimbabwe's Constitution guarantees the right to freedom of expression.") == []


def test_unrealised_events_only_on_request(nlp, kb):
    from eventwire.api import code_doc
    from eventwire.records import Article
    from eventwire.settings import Settings

    text = "France did not agree to the Italian proposal. Will China attack Taiwan? Germany sent troops to Lithuania."
    article = Article("t", text, "", None)
    default = code_doc(nlp(text), article, kb, Settings())
    assert {e.aux_mode for e in default.events} <= {None, "future"}
    assert [e.event for e in default.events] == ["MOBILIZE"]
    unrealised = code_doc(nlp(text), article, kb, Settings(unrealised_events=True))
    modes = {(e.event, e.actor[0].code, e.aux_mode) for e in unrealised.events}
    assert ("AGREE", "FRA", "negation") in modes
    assert any(code == "CHN" and mode == "hypothetical" for _, code, mode in modes)
    assert ("MOBILIZE", "DEU", None) in modes
