"""Property-based tests: the whole pipeline over arbitrary text never raises, and every
record's offsets point inside the article with its evidence the text at those offsets.

In CI (the CI variable set) the profile "ci" of conftest.py runs 2,000 examples; locally
"dev" runs 150."""

import string

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.api import code_articles
from eventwire.records import Article, CodedArticle, to_json
from eventwire.settings import Settings

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
    check_record(result, text)


def check_record(result: CodedArticle, text: str) -> None:
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


# Paragraphs of a long, varied article, with an unbalanced quotation mark, a right-to-left
# name and emoji among them.
LONG_ARTICLE = [
    'Russia imposed sanctions on Ukraine on Monday {n}. "We will not stop," President Vladimir Putin told '
    "reporters in Moscow, where talks with China began.",
    "The United Nations said {n} aid trucks reached Gaza on Tuesday, while Israel and Egypt held talks in Cairo.",
    '“Protesters marched in Nairobi (about {n} of them) and police fired tear gas, witnesses said.',
    "Kim Jong Un met South Korea's president at the border 😀 on Friday; مرحبا, said one aide, and left.",
    "Germany sent {n} troops to Lithuania, the defence ministry said in a statement [without giving a date.",
]


def long_article(chars: int) -> str:
    paragraphs, size, n = [], 0, 0
    while size < chars:
        paragraph = LONG_ARTICLE[n % len(LONG_ARTICLE)].format(n=n) + "\n\n"
        paragraphs.append(paragraph)
        size += len(paragraph)
        n += 1
    return "".join(paragraphs)[:chars]


def test_an_article_of_a_million_characters_is_coded():
    text = long_article(1_000_000)  # the default limit, max_chars
    [result] = list(code_articles([Article("long", text)]))
    assert not [e for e in result.errors if e.startswith("[E")]
    assert len({e.event for e in result.events}) >= 4 and sum(len(e.evidence) for e in result.events) > 1000
    check_record(result, text)


def test_an_article_over_the_limit_is_refused_by_name():
    settings = Settings(max_chars=5_000)
    coded, refused = code_articles([Article("fits", long_article(5_000)), Article("big", long_article(5_001))], settings)
    assert not coded.errors and coded.events
    assert refused.errors == ["[E031] big: the text is 5,001 characters long, over the limit of 5,000; not coded. "
                              "Split the article, or raise max_chars in the settings."]
    assert not refused.events
