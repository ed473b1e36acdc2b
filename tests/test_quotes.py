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
