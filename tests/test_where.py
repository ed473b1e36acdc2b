from datetime import date

import pytest

from eventwire.where import geocode, parse_dateline


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [("MUNICH (Reuters) - Talks began.", "Munich", None),
     ("[VLADIVOSTOK, Russia] Leaders met.", "Vladivostok", None),
     ("TOKYO (Jiji Press) — The cabinet met.", "Tokyo", None),
     ("KUALA LUMPUR, July 24 (KUNA) -- Ministers met.", "Kuala Lumpur", date(2017, 7, 24)),
     ("BAHRAIN, Oct 19 - The king spoke.", "Bahrain", date(2016, 10, 19)),
     ("WASHINGTON, March 3 (Reuters) - Officials said.", "Washington", date(2017, 3, 3)),
     ("WASHINGTON, March 3 Officials said on Friday.", "Washington", date(2017, 3, 3))],
)
def test_dateline_styles(kb, text, place, day):
    found, when = parse_dateline(text, date(2017, 9, 7), kb)
    assert found is not None and found.name == place
    assert when == day


def test_no_dateline_in_plain_text(kb):
    assert parse_dateline("The minister said on Monday that talks would resume.", date(2017, 9, 7), kb) == (None, None)


def test_geocode_prefers_the_article_countries(kb):
    assert geocode("Paris", kb).country == "FRA"
    assert geocode("Paris", kb, prefer={"USA"}).country == "USA"


def test_unknown_place_is_kept_without_coordinates(kb):
    place = geocode("Qwertyville", kb)
    assert (place.name, place.lat, place.resolution) == ("Qwertyville", None, "unknown")


def test_country_level_place(kb):
    place = geocode("Syria", kb)
    assert (place.country, place.resolution) == ("SYR", "country")


def test_event_place_from_its_sentence(code):
    coded = code("Iranian and French ministers held talks in Vienna on Monday.")
    [event] = [e for e in coded.events if e.event == "CONSULT"]
    assert event.event_loc is not None and event.event_loc.name == "Vienna" and event.event_loc.country == "AUT"
