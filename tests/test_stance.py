def stances(code, text):
    return {(s.actor.code, s.issue): s.stance for s in code(text).stances}


def test_demanding_pressure_supports_sanctions(code):
    assert stances(code, "France demanded more pressure on Iran on Monday.")[("FRA", "sanctions")] == "support"


def test_dismissing_pressure_opposes_it_and_dialogue_is_supported(code):
    text = ("Russian President Vladimir Putin insisted on Tuesday that sanctions on Iran will not work.\n\n"
            '"We can solve this problem through diplomacy," Mr Putin said.')
    found = stances(code, text)
    assert found[("RUS", "sanctions")] == "oppose"
    assert found[("RUS", "dialogue")] == "support"


def test_hedged_support_is_mixed(code):
    text = ("Chinese Foreign Minister Wang Yi said China would support new sanctions against the regime.\n\n"
            '"Sanctions are only half of the answer," Mr Wang said.')
    assert stances(code, text)[("CHN", "sanctions")] == "mixed"


def test_negated_military_option_is_opposed(code):
    text = 'US President Donald Trump said military action against Iran was not his "first choice".'
    assert stances(code, text)[("USA", "military_action")] == "oppose"
