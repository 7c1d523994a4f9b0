"""Actor knowledge base: countries, organisations, seats, generic agents and dated office-holders.

``load_kb()`` returns the packaged KB (parsed once); ``KnowledgeBase.office_holder`` answers "who
was Colombia's president on 2026-01-06", ``Person.code_at`` gives a person's CAMEO code on a date.
"""
from __future__ import annotations

from flashpoint.kb.loader import load_kb, load_kb_from, plural_demonyms
from flashpoint.kb.model import ELITE, Country, KnowledgeBase, Org, Person, Seat, Term

__all__ = ["ELITE", "Country", "KnowledgeBase", "Org", "Person", "Seat", "Term", "load_kb",
           "load_kb_from", "plural_demonyms"]
