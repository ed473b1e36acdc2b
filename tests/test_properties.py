"""Property-based tests: the whole pipeline over arbitrary text never raises, and every
record's offsets point inside the article with its evidence the text at those offsets.

In CI (the CI variable set) the profile "ci" of conftest.py runs 2,000 examples; locally
"dev" runs 150."""

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.api import code_articles
from eventwire.records import Article, to_json

# Pieces of news text, written for this test, and the characters that break parsers.
PIECES = [
    "Russia", "the United States", "President Emmanuel Macron", "Kim Jong Un", "the United Nations",
    " said ", " told reporters ", " met ", " imposed sanctions on ", " attacked ", " in Geneva ", " on Monday",
    "\"", "“", "”", "‘", "’", "'", "(", ")", "[", "]", " -- ", ".", ",", ":", ";", "\n", "\n\n", " ", "?", "!",
    "WASHINGTON (Reuters) - ", "\u200f", "\u202e", "مرحبا", "שלום", "😀", "\x00", "\x07", "\t", "\r\n", "…",
]
news_like = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
anything = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)
texts = st.one_of(news_like, anything, st.text(alphabet=string.printable, max_size=400))


def check(text: str) -> None:
    [result] = list(code_articles([Article("p", text)]))
    record = to_json(result)
    n = len(text)
    for event in record["events"]:
        assert 0 <= event["start"] <= event["end"] <= n
        assert text[event["start"]:event["end"]] == event["text"]
        for evidence in event["evidence"]:
            assert 0 <= evidence["start"] <= evidence["end"] <= n
            assert text[evidence["start"]:evidence["end"]] == evidence["text"]
        for entity in event["actor"] + event["recipient"]:
            _entity_inside(entity, text)
    for quote in record["quotes"]:
        assert 0 <= quote["start"] <= quote["end"] <= n
        assert quote["text"] in text[quote["start"]:quote["end"]]
        if quote["cue_start"] is not None:
            assert 0 <= quote["cue_start"] <= quote["cue_end"] <= n
        if quote["speaker"]:
            _entity_inside(quote["speaker"], text)
    for entity in record["entities"]:
        _entity_inside(entity, text)


def _entity_inside(entity: dict, text: str) -> None:
    if entity["start"] is None:
        return
    assert 0 <= entity["start"] <= entity["end"] <= len(text)
    assert text[entity["start"]:entity["end"]] == entity["entity_text"]


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example("")
@example("   \n\t  ")
@example("\x00\x01\x02 control characters \x1b[31m red")
@example('He said "it will never end. And then he left (without a word [or a sign.')
@example("“Unbalanced quotation marks,” said Putin. ”Backwards“ too. ' '' ''' \"")
def test_any_text_codes_without_raising_and_offsets_hold(text):
    check(text)


def test_one_sentence_of_ten_thousand_words():
    check("Russia said " + " and ".join(["sanctions"] * 5000) + " on Monday.")


def test_a_long_article():
    paragraph = ('Russia imposed sanctions on Ukraine on Monday. "We will not stop," President Vladimir Putin told '
                 "reporters in Moscow, where talks with China began.\n\n")
    check(paragraph * (200_000 // len(paragraph)))
