"""A quote names a country by its name, another name, its people or its capital."""
from __future__ import annotations

from flashpoint.analysis.country_names import names_country


def test_names_demonyms_capitals_and_short_codes() -> None:
    assert names_country("Washington will pay for this", "USA")
    assert names_country("the Americans have no right", "USA") and names_country("the US navy", "USA")
    assert names_country("Bogotá answered", "COL") and names_country("Colombian troops", "COL")


def test_other_countries_words_and_lower_case_codes_do_not_count() -> None:
    assert not names_country("Cuba is free", "USA")
    assert not names_country("let us talk", "USA")
    assert not names_country("anything", "XXX")
