from eventwire.quotes import quotation_spans


def quoted(text):
    return [text[s.start : s.end] for s in quotation_spans(text)]


def test_straight_and_curly_marks():
    assert quoted('He said "yes" and “no”.') == ["yes", "no"]


def test_unbalanced_mark_skips_only_its_quote():
    text = 'The "deal is off, a source said.\n\nLater "we agreed" came the reply.'
    assert quoted(text) == ["we agreed"]


def test_quote_running_over_paragraphs():
    text = '"First paragraph of the speech.\n\n"Second paragraph," she said.'
    spans = quotation_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["First paragraph of the speech.", "Second paragraph,"]
    assert spans[1].continues


def speakers(coded):
    return [(q.kind, q.speaker.name if q.speaker else None, q.text) for q in coded.quotes]


def test_quote_then_cue_and_short_name(code):
    text = ('Japanese Prime Minister Shinzo Abe spoke in Tokyo.\n\n'
            '"We must stand together against this threat," Mr Abe said.')
    [(kind, name, _)] = speakers(code(text))
    assert (kind, name) == ("direct", "Shinzo Abe")


def test_cue_then_quote(code):
    text = 'French President Jacques Chirac replied: "France will not accept this ultimatum from anyone."'
    [(kind, name, words)] = speakers(code(text))
    assert (kind, name) == ("direct", "Jacques Chirac")
    assert words.startswith("France will not accept")


def test_pronoun_speaker_and_uncued_paragraph_continue_the_speaker(code):
    text = ('Chinese Foreign Minister Wang Yi met reporters on Monday.\n\n'
            '"We oppose any unilateral move that raises tension," he told a press conference.\n\n'
            '"The door to talks remains open."')
    coded = code(text)
    assert [s[1] for s in speakers(coded)] == ["Wang Yi", "Wang Yi"]
    assert coded.quotes[0].speaker.code == "CHN"


def test_partial_quote_takes_the_speaker_of_its_speech_verb(code):
    text = 'The Ruritanian government claimed a "total victory" over the rebels on Sunday.'
    coded = code(text)
    [quote] = coded.quotes
    assert quote.kind == "partial" and quote.text == "total victory"


def test_split_quote_keeps_both_halves(code):
    text = '"We are ready," Mr Blinken said, "to meet them at any time and any place they choose."'
    coded = code(text)
    assert len(coded.quotes) == 2
    names = {q.speaker.name for q in coded.quotes if q.speaker}
    assert len(names) == 1 and names.pop().endswith("Blinken")


def test_typewriter_quotation_marks():
    text = "''We will not back down,'' the senator said. He called the plan ``a disaster'' on Friday."
    assert quoted(text) == ["We will not back down,", "a disaster"]


def test_second_half_of_a_split_quote_shares_the_cue(code):
    text = ('Senator Jane Roe spoke after the vote.\n\n'
            '"We lost today," Ms Roe said. "But the fight for this bill is far from over."')
    first, second = code(text).quotes
    assert second.speaker is not None and second.speaker.name == first.speaker.name
    assert (second.cue_start, second.cue_end) == (first.cue_start, first.cue_end)
    assert text[first.cue_start:first.cue_end] == "said"


def test_colon_before_a_quotation_paragraph_names_the_speaker(code):
    text = 'The ministry statement reads:\n\n"All foreign journalists must register with the authorities by Monday."'
    [quote] = code(text).quotes
    assert quote.speaker is not None and "statement" in quote.speaker.name
    assert quote.cue == "reads"


def reported(nlp, kb, text):
    from eventwire.api import code_doc
    from eventwire.records import Article
    from eventwire.settings import Settings

    coded = code_doc(nlp(text), Article("t", text, "", None), kb, Settings(indirect_quotes=True))
    return [(q.kind, q.cue, q.text) for q in coded.quotes]


def test_reported_speech_views_and_intentions(nlp, kb):
    cases = {
        "According to the ministry, the border will reopen next week.": ("According", "the border will reopen next week"),
        "Crime has fallen sharply this year, police said on Tuesday.": ("said", "Crime has fallen sharply this year"),
        "The governor urged residents to leave the coast before the storm.": ("urged", "residents to leave the coast before the storm"),
        "The opposition called for an inquiry into the contracts.": ("called", "an inquiry into the contracts"),
        "A new poll shows the incumbent ahead by four points.": ("shows", "the incumbent ahead by four points"),
        "The union has vowed to renegotiate the contract this year.": ("vowed", "to renegotiate the contract this year"),
        "Her comments about the ruling drew criticism.": ("comments", "the ruling"),
    }
    for text, (cue, content) in cases.items():
        found = reported(nlp, kb, text)
        assert ("indirect", cue, content) in found, (text, found)


def test_reported_speech_is_not_output_by_default(code):
    assert code("Crime has fallen sharply this year, police said on Tuesday.").quotes == []
