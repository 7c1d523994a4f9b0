"""An event as a row of GDELT 2.0's event table: its 61 columns, in order, by its conventions.

GDELT's readers (and their code) expect its exact columns: ``GLOBALEVENTID`` an integer;
``SQLDATE`` YYYYMMDD, ``MonthYear`` YYYYMM, ``Year`` and ``FractionDate`` (the year plus the
day of the year over 365, 4 decimals, as GDELT computes it: 15 Jan 2013 is 2013.0411); actor names in capitals; CAMEO country codes (ISO alpha-3) in
``Actor*CountryCode`` but FIPS 10-4 codes in the ``*Geo_CountryCode`` columns (the table
``data/fips.tsv``, its source named there); ``ActionGeo_Type`` 1 for a country, 3 for a US
place, 4 for a place elsewhere. Our integer id is stable: the first 52 bits of the SHA-1 of
the event_id (exact in a double, so spreadsheets keep it). An actor the knowledge base has no
name for is named by its words in the text. Columns we do not compute (tone, ethnicity,
religion, actor geography, ADM codes, feature ids, DATEADDED, IsRootEvent) are left empty,
never made up.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from flashpoint.datafiles import tsv_rows

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
#: The 61 columns of a GDELT 2.0 event record, in GDELT's order.
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL")


@lru_cache(maxsize=1)
def fips_codes() -> dict[str, str]:
    """ISO 3166-1 alpha-3 -> FIPS 10-4 (``data/fips.tsv``)."""
    return {row["iso3"]: row["fips"] for row in tsv_rows("fips.tsv")}


def event_number(event_id: str) -> int:
    """A stable integer id for GLOBALEVENTID (52 bits of the SHA-1 of the event_id)."""
    return int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:13], 16)


def _dates(value: str | None) -> dict[str, Any]:
    if not value:
        return {"SQLDATE": None, "MonthYear": None, "Year": None, "FractionDate": None}
    day = date.fromisoformat(value[:10])
    return {"SQLDATE": int(day.strftime("%Y%m%d")), "MonthYear": int(day.strftime("%Y%m")), "Year": day.year,
            "FractionDate": round(day.year + day.timetuple().tm_yday / 365, 4)}


def _actor(prefix: str, actor: Mapping[str, Any] | None) -> dict[str, Any]:
    actor = actor or {}
    name = actor.get("name") or actor.get("text")
    return {f"{prefix}Code": actor.get("code"), f"{prefix}Name": name.upper() if name else None,
            f"{prefix}CountryCode": actor.get("country"), f"{prefix}Type1Code": actor.get("sector")}


def _action_geo(location: Mapping[str, Any] | None) -> dict[str, Any]:
    location = location or {}
    country = location.get("country")
    if not (location.get("name") or country):
        return {}
    place = location.get("lat") is not None
    kind = (3 if country == "USA" else 4) if place else 1
    return {"ActionGeo_Type": kind, "ActionGeo_FullName": location.get("name"),
            "ActionGeo_CountryCode": fips_codes().get(country or ""),
            "ActionGeo_Lat": location.get("lat"), "ActionGeo_Long": location.get("lon")}


def gdelt_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """The event in GDELT 2.0's 61 columns, in order (None for what we do not know)."""
    article = event.get("article") or {}
    day = (event.get("date") or {}).get("value") or article.get("published")
    cameo = str(event["cameo"])
    filled = {"GLOBALEVENTID": event_number(str(event["event_id"])), **_dates(day),
              **_actor("Actor1", event.get("source")), **_actor("Actor2", event.get("target")),
              "EventCode": cameo, "EventBaseCode": cameo[:3], "EventRootCode": event["cameo_root"],
              "QuadClass": event["quad_class"], "GoldsteinScale": event["goldstein"],
              "NumMentions": event.get("num_mentions", 1), "NumSources": event.get("num_sources", 1),
              "NumArticles": event.get("num_articles", 1), **_action_geo(event.get("location")),
              "SOURCEURL": article.get("url") or event["doc_id"]}
    return {column: filled.get(column) for column in COLUMNS}
