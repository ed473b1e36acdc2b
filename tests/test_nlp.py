def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_names_do_not_break_sentences(nlp):
    text = 'Mr Abe spoke alongside South Korea\'s Moon Jae In at a forum in Vladivostok.'
    assert len(sentences(nlp, text)) == 1


def test_paragraphs_always_start_sentences(nlp):
    sents = sentences(nlp, "Headline without a full stop\n\nThe minister resigned on Monday.")
    assert sents == ["Headline without a full stop", "The minister resigned on Monday."]


def test_closing_quote_stays_with_its_sentence(nlp):
    sents = sentences(nlp, '"We will not give in." The crowd cheered.\n\n"Never," he said.')
    assert sents[0] == '"We will not give in."'
    assert sents[-1] == '"Never," he said.'
