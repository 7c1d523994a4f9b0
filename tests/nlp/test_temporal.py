"""Date expressions resolved against the publication date."""
from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.nlp.temporal import resolve_date

PUB = dt.date(2025, 3, 4)  # a Tuesday


@pytest.mark.parametrize("text,value,precision", [
    ("The talks ended on February 27 in Geneva.", "2025-02-27", "day"),
    ("Troops crossed the border on 2 March 2025.", "2025-03-02", "day"),
    ("Rebels attacked the town on Sunday.", "2025-03-02", "day"),
    ("The minister resigned yesterday.", "2025-03-03", "day"),
    ("Protests spread over the weekend.", "2025-03-01", "week"),
    ("The embassy closed last week.", "2025-02-24", "week"),
    ("Fighting resumed last November.", "2024-11-01", "month"),
    ("The deal was signed in December.", "2024-12-01", "month"),
    ("The accord dates back to the 1980s.", "1980-01-01", "decade"),
    ("Sanctions were first imposed in 2019.", "2019-01-01", "year"),
    ("Talks on March 3-4 failed.", "2025-03-03", "day"),
    ("The strikes began in January last year.", "2024-01-01", "month"),
    ("The talks failed in April of this year.", "2025-04-01", "month"),
])
def test_sentence_dates_resolve_with_precision(text, value, precision):
    date = resolve_date(text, PUB)
    assert (date["value"], date["precision"]) == (value, precision)
    assert date["text"] and date["text"] in text


@pytest.mark.parametrize("text,value", [
    ("Talks will resume in April.", "2025-04-01"),
    ("The envoys will meet on Sunday.", "2025-03-09"),
    ("The leaders will meet in March.", "2025-03-01"),
])
def test_an_announced_event_is_dated_forward(text, value):
    assert resolve_date(text, PUB, future=True)["value"] == value


def test_no_date_falls_back_to_publication_without_text():
    assert resolve_date("The army may strike.", PUB) == \
        {"value": "2025-03-04", "precision": "day", "text": None}


def test_relative_dates_need_a_publication_date():
    assert resolve_date("They met on Friday.", None)["value"] is None
    assert resolve_date("They met on June 2, 2024.", None)["value"] == "2024-06-02"


def test_a_date_in_a_clause_describing_an_actor_is_not_the_events(nlp) -> None:
    import datetime as dt

    doc = nlp.make_doc("Ortega, who led the rebels in the 1980s, accused Costa Rica of spying on Monday.")
    doc._.published = dt.date(2025, 6, 11)
    for _, component in nlp.pipeline:
        doc = component(doc)
    accuse = [e for e in doc._.events if e["cameo_root"] == "11"]
    assert accuse and accuse[0]["date"]["value"] == "2025-06-09"
