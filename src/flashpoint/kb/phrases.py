"""Surface forms of every KB name, keyed for spaCy's PhraseMatcher.

Names are matched case-sensitively ("US" the country, not "us"); generic agents and office titles
case-insensitively ("Army", "army"). Each surface form maps to every entry it may denote, so the
actor component can pick among namesakes with the article's date and context.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from flashpoint.kb.model import KnowledgeBase, Org, Person

#: Entry categories matched case-sensitively (proper names).
NAME_CATEGORIES = ("country", "demonym", "capital", "seat", "org", "person", "surname", "region")


@dataclass(frozen=True)
class Entry:
    """What one matched phrase may mean: a category plus the facts needed to code it."""

    category: str
    iso3: str | None = None
    sector: str | None = None
    office: str | None = None
    person: Person | None = None
    org: Org | None = None
    code: str | None = None  # a region's CAMEO code (LAM, MEA, ...)


def variants(text: str) -> set[str]:
    """The text plus its accent-free and straight/curly-apostrophe spellings ("Bogotá", "Bogota")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    forms = {text, plain}
    return forms | {f.replace("'", "’") for f in forms} | {f.replace("’", "'") for f in forms}


def _name_entries(kb: KnowledgeBase) -> list[tuple[str, Entry]]:
    pairs: list[tuple[str, Entry]] = []
    for c in kb.countries.values():
        pairs += [(n, Entry("country", c.iso3)) for n in (c.name, *c.aliases)]
        pairs += [(n, Entry("demonym", c.iso3)) for n in c.demonyms]
        pairs += [(n, Entry("capital", c.iso3, "GOV")) for n in c.capitals]
    pairs += [(s.phrase, Entry("seat", s.iso3, s.sector)) for s in kb.seats]
    pairs += [(n, Entry("org", o.country, o.sector, org=o)) for o in kb.orgs for n in o.names]
    for p in kb.people:
        pairs += [(n, Entry("person", p.country, person=p)) for n in (p.name, *p.aliases)]
        if p.surname:
            pairs.append((p.surname, Entry("surname", p.country, person=p)))
    pairs += [(r, Entry("region", code=code)) for r, code in kb.regions.items()]
    return pairs


def phrase_table(kb: KnowledgeBase) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    """(case-sensitive name forms, lower-cased agent/title forms) -> the entries they denote."""
    names: dict[str, list[Entry]] = {}
    for text, entry in _name_entries(kb):
        for form in variants(text):
            bucket = names.setdefault(form, [])
            if entry not in bucket:
                bucket.append(entry)
    words: dict[str, list[Entry]] = {}
    for phrase, sector in kb.agents.items():
        words.setdefault(phrase.lower(), []).append(Entry("agent", sector=sector))
    for phrase, office in kb.roles.items():
        words.setdefault(phrase.lower(), []).append(Entry("role", sector="GOV", office=office))
    return names, words
