"""Tell people from organisations, places and titles in the Phoenix actor entries.

The dictionaries do not say what an entry is, so the converter decides from its codes and
names (the rules are heuristics, documented here and in the generated files' headers):

- A code is *agentive* when it names an actor that can act: its letters 4-6 are a sector of
  the agents dictionary (GOV, MIL, ELI, REB, ...) or it starts with IGO, NGO, IMG or MNC.
  Bare country codes (``AFG``), state-succession codes (``USRARM``, ``AZEUNR``, ``KWTOCC``)
  and territories (``USAGUM``) are not: such entries are countries or territories.
- A person is an entry with a dated agentive role whose primary name is not
  organisation-like, or an undated entry with a single agentive code (not MNC) whose primary
  name is shaped like a person's name and starts with a first name of one of the dated people
  (so that "LAWYERS_WITHOUT_BORDERS_ [NGOJUD]" stays an organisation).
- Organisation-like: after leading titles, the name holds a word of ``ORG_WORDS`` (also
  transliterated ones: jaish, harakat, hizb, ...), one of the English function words and, for,
  from, of, the, with, a digit or one of ``&/:`` (plural org words count: "BATTALIONS").
  Person-shaped: two to five words of letters (with ``.'-``), none of them at, by, in, on, to,
  and not organisation-like.
- Titles: leading words of ``TITLE_WORDS`` or country demonyms ("SOVIET_LEADER_...").
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tools.petrarch.actor_entries import Entry
from tools.petrarch.names import PARTICLES, words_of

COUNTRIES_FILE = "Phoenix.Countries.actors.txt"
PERSON = "person"
ORG = "org"

#: Historical or non-ISO CAMEO country codes -> the ISO alpha-3 code flashpoint uses
#: (successor states, as countries.tsv does for the Soviet Union and Yugoslavia).
CAMEO_TO_ISO = {"ANG": "AGO", "CSK": "CZE", "DDR": "DEU", "FRY": "SRB", "KSV": "XKX",
                "SCG": "SRB", "SUN": "RUS", "TMP": "TLS", "USR": "RUS", "YUG": "SRB"}
#: Code prefixes of actors without a country that can act (IGOs, NGOs, armed groups, firms).
_ACTOR_PREFIXES = ("IGO", "NGO", "IMG", "MNC")

#: Words that make a name an organisation, office or place rather than a person.
ORG_WORDS = frozenset({
    "academy", "administration", "advocates", "agency", "alliance", "area", "army", "assembly",
    "association", "authority", "bank", "battalion", "board", "brigade", "brigades", "brotherhood",
    "bureau", "cabinet", "campaign", "catholic", "cell", "cells", "center", "centre", "chamber",
    "church", "club", "coalition", "command", "commando", "commission", "committee", "community",
    "company", "conference", "congress", "consulate", "corporation", "corps", "council", "court",
    "department", "directorate", "division", "embassy", "faction", "federation", "fellowship",
    "force", "forces", "foundation", "front", "fund", "global", "government", "group", "guard",
    "guards", "headquarters", "inc", "inc.", "initiative", "institute", "institution",
    "international", "islands", "kingdom", "league", "legion", "liberation", "llc", "ltd", "media",
    "militia", "ministry", "mission", "movement", "nation", "national", "nations", "network",
    "nuclei", "office", "organisation", "organization", "panel", "parliament", "partnership",
    "party", "people", "peoples", "police", "press", "program", "programme", "project", "province",
    "radio", "regime", "republic", "resistance", "revolutionary", "rights", "secretariat",
    "security", "senate", "service", "services", "society", "solidarity", "squad", "state",
    "states", "team", "television", "trade", "tribunal", "trust", "union", "unit", "units",
    "university", "voices", "volunteers", "watch", "worldwide", "harakat", "hezb", "hizb", "jabhat",
    "jaish", "jamaat", "jamaah", "jaysh", "jemaah", "jund", "kataeb", "katibat", "laskar",
    "lashkar", "liwa", "majlis", "sipah", "tanzim", "tehreek", "tehrik",
})
#: Leading words that make a phrase a title + name ("PRESIDENT_BARACK_OBAMA").
TITLE_WORDS = frozenset({
    "acting", "admiral", "ambassador", "amir", "archbishop", "ayatollah", "baron", "bishop",
    "brigadier", "bundeskanzler", "captain", "cardinal", "chairman", "chairwoman", "chancellor",
    "chief", "col.", "colonel", "commander", "congressman", "congresswoman", "count", "crown",
    "defence", "defense", "deputy", "dr.", "duke", "emir", "emperor", "envoy", "ex", "ex-president",
    "finance", "foreign", "former", "gen.", "general", "governor", "grand", "imam", "interior",
    "justice", "kanzler", "king", "lady", "late", "leader", "lord", "lt.", "major", "marshal",
    "mayor", "minister", "mr", "mr.", "mrs.", "ms.", "mullah", "opposition", "pm", "pope",
    "premier", "president", "president-elect", "prime", "prince", "princess", "prof.", "professor",
    "queen", "rep.", "representative", "rev.", "reverend", "secretary", "secretary-general", "sen.",
    "senator", "sheikh", "sheik", "shaikh", "speaker", "spokesman", "sultan", "the", "then", "u.n.",
    "u.s.", "un", "us", "vice", "vice-president",
})
#: English function words that no personal name holds ("PRESIDENT_OF_THE_UNITED_STATES");
#: short ones such as "in", "on", "an" are left out, they are Asian name parts too.
ENGLISH_FUNCTION_WORDS = frozenset({"and", "for", "from", "of", "the", "with"})
#: Short function words that rule out a person-shaped name without dates ("JIHAD_IN_SWEDEN").
_SHORT_FUNCTION_WORDS = frozenset({"at", "by", "in", "on", "to"})
_PERSON_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[.'-])*")
_NOT_A_NAME = re.compile(r"[\d&/:]")


def _singular(word: str) -> str:
    """Crude singular, enough to find "battalions" and "ministries" in ORG_WORDS."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@dataclass(frozen=True)
class ActorVocabulary:
    """What classification needs from elsewhere: countries.tsv and the agents dictionary."""

    iso3: frozenset[str]
    demonyms: frozenset[str]
    sectors: frozenset[str]

    def country(self, code: str) -> str:
        """ISO alpha-3 of a CAMEO code's country prefix, or "" when it names no country."""
        prefix = code[:3]
        return prefix if prefix in self.iso3 else CAMEO_TO_ISO.get(prefix, "")

    def agentive(self, code: str) -> bool:
        return code.startswith(_ACTOR_PREFIXES) or code[3:6] in self.sectors \
            or (len(code) == 3 and code in self.sectors)

    def strip_titles(self, words: list[str]) -> list[str]:
        """Leading title words (and demonyms: "SOVIET_LEADER_...") removed."""
        index = 0
        while index < len(words) and (words[index].lower() in TITLE_WORDS
                                      or words[index].lower() in self.demonyms
                                      or words[index].lower().startswith("ex-")):
            index += 1
        return words[index:]

    def is_titled(self, phrase: str) -> bool:
        words = words_of(phrase)
        return 0 < len(self.strip_titles(words)) < len(words)

    def org_like(self, phrase: str) -> bool:
        words = self.strip_titles(words_of(phrase))
        if not words or any(_NOT_A_NAME.search(word) for word in words):
            return True
        return any(_singular(w.lower()) in ORG_WORDS or w.lower() in ENGLISH_FUNCTION_WORDS
                   for w in words)

    def person_shaped(self, phrase: str) -> bool:
        words = self.strip_titles(words_of(phrase))
        return (2 <= len(words) <= 5 and all(_PERSON_WORD.fullmatch(w) for w in words)
                and not any(w.lower() in _SHORT_FUNCTION_WORDS for w in words)
                and not self.org_like(phrase))

    def first_word(self, phrase: str) -> str:
        words = self.strip_titles(words_of(phrase))
        return words[0].lower() if words else ""


class Classifier:
    """Classifies entries; built over all entries to learn the first names of dated people."""

    def __init__(self, entries: Iterable[Entry], vocabulary: ActorVocabulary) -> None:
        self.vocabulary = vocabulary
        self.first_names = frozenset(
            self.vocabulary.first_word(phrase)
            for entry in entries if self._dated_person(entry)
            for phrase in entry.names
            if len(words_of(phrase)) > 1 and not vocabulary.org_like(phrase)
            and self.vocabulary.first_word(phrase) not in PARTICLES)

    def _dated_person(self, entry: Entry) -> bool:
        return (bool(entry.names)
                and any(r.dated and self.vocabulary.agentive(r.code) for r in entry.roles)
                and not self.vocabulary.org_like(entry.names[0]))

    def kind(self, entry: Entry) -> str:
        """``person``, ``org`` or the reason why the entry is not converted."""
        roles = [r for r in entry.roles if r.code != "---"]
        if not entry.names:
            return "entry without a readable name"
        if not roles:
            return "entry without a code" if not entry.roles else "null code only"
        if not any(self.vocabulary.agentive(r.code) for r in roles):
            if entry.source == COUNTRIES_FILE:
                return "country or territory"
            return ORG
        if self._dated_person(entry):
            return PERSON
        codes = {r.code for r in roles}
        if (len(codes) == 1 and not any(r.dated for r in roles)
                and not roles[0].code.startswith("MNC")
                and self.vocabulary.person_shaped(entry.names[0])
                and self.vocabulary.first_word(entry.names[0]) in self.first_names):
            return PERSON
        if entry.source == COUNTRIES_FILE:
            return "national institution (not requested)"
        return ORG
