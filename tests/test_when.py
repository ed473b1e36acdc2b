from datetime import date

import pytest

from eventwire.when import resolve_date

THURSDAY = date(2017, 9, 7)


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [("Thursday", False, date(2017, 9, 7)), ("Wednesday", False, date(2017, 9, 6)), ("Friday", False, date(2017, 9, 1)),
     ("Monday", True, date(2017, 9, 11)), ("yesterday", False, date(2017, 9, 6)), ("tomorrow", True, date(2017, 9, 8)),
     ("September 11", True, date(2017, 9, 11)), ("Sept. 1", False, date(2017, 9, 1)), ("Feb. 13", False, date(2017, 2, 13)),
     ("Dec 30", False, date(2016, 12, 30)), ("March 3, 2015", False, date(2015, 3, 3)), ("last year", False, None),
     ("last week", False, date(2017, 8, 31)), ("last month", False, date(2017, 8, 1)),
     ("last October", False, date(2016, 10, 1)), ("last March", False, date(2017, 3, 1)),
     ("earlier this month", False, date(2017, 9, 1))],
)
def test_resolve_date(text, future, expected):
    assert resolve_date(text, THURSDAY, future) == expected


def test_weekday_and_relative_dates_in_context(code):
    text = ("Ruritania's army attacked Freedonia on Tuesday, officials said.\n\n"
            "Japan will host talks with China on Monday.\n\n"
            "The protest came three days after Russia expelled two Polish diplomats.")
    coded = code(text)
    dates = {e.event: e.date for e in coded.events}
    assert dates.get("AGREE") == "2017-09-11"  # future hosting of talks is an intention
    assert dates.get("SANCTION") == "2017-09-04"


def test_events_of_earlier_years_are_historical_and_not_given_the_publication_date(code):
    events = code("In 2013, Egypt expelled the Turkish ambassador. On Monday Egypt expelled two Libyan diplomats.",
                  published=date(2021, 3, 9)).events
    old = next(e for e in events if "2013" in e.text)
    new = next(e for e in events if "Monday" in e.text)
    assert (old.aux_mode, old.date, old.date_source) == ("historical", None, "year")
    assert (new.aux_mode, new.date) == (None, "2021-03-08")


def test_dates_on_the_event_noun_and_its_document(code):
    text = ("Eight U.S. senators sent a letter to the Chinese ambassador about the contract dated Feb. 4.\n\n"
            "U.S. officials welcomed Tuesday's announcement that Ukraine had agreed to a truce.")
    events = {e.event_text: e.date for e in code(text).events}
    assert events.get("sent a letter") == "2017-02-04", events
    assert events.get("agreed") == "2017-09-05", events


def test_a_weekday_ahead_when_the_clause_looks_ahead(code):
    text = "The minister said on Thursday the government hopes to settle the dispute during talks Tuesday with Chinese officials."
    [talks] = [e for e in code(text).events if e.event == "CONSULT"]
    assert talks.date == "2017-09-12"


def test_days_later_counts_from_the_last_date_told(code):
    text = "Russian forces attacked the Ukrainian town of Izium on Monday.\n\nTwo days later, Ukrainian troops attacked Russian positions."
    dates = sorted((e.start, e.date) for e in code(text).events)
    assert [d for _, d in dates] == ["2017-09-04", "2017-09-06"]
