"""Turn classified Phoenix actor entries into people.phoenix.tsv and orgs.phoenix.tsv rows.

people.phoenix.tsv columns:
- name: the primary phrase in natural case, unless it carries a title and a synonym without
  one ends in the same word ("SECRETARY-GENERAL_BAN_KI-MOON" -> "Ban Ki-Moon").
- aliases: the other phrases, ``|``-joined, minus titled ones (leading title words or a
  country demonym, "PRESIDENT_KARZAI", or a description with a title or organisation word
  before another name of the entry: flashpoint composes titles itself), one word under four
  letters, one word that is a common English word (any word of PETRARCH's verb or agents
  dictionaries), and organisation-like ones ("OBAMA_ADMINISTRATION").
- country: ISO 3166-1 alpha-3 of the current role's code: its first three letters when
  countries.tsv lists them, or the successor state of a historical CAMEO code (ANG AGO, CSK
  CZE, DDR DEU, FRY SRB, KSV XKX, SCG SRB, SUN RUS, TMP TLS, USR RUS, YUG SRB).
- actor: the current role's code when it names no country (IGO..., NGO..., IMG..., MNC...,
  regions such as AFR, EUR, MEA, SAS, territories missing from countries.tsv); else empty.
- roles: every role as ``CODE:start:end`` (ISO dates, open ends empty; ``CODE::`` is the
  entry's default code, used when no dated role applies), ``|``-joined, chronological.
The current role is the one with the latest end (open ends latest), then the latest start;
bare three-letter codes that name no country (``[ELI]``) count only when nothing else is there.
Entries with the same name and the same country (or actor code) are merged into one row.

orgs.phoenix.tsv columns: code (of the current role), country (as for people; empty for IGOs,
NGOs, MNCs, IMGs, regions), names (natural case, ``|``-joined; a parenthesised acronym
"ISLAMIC_ARMY_OF_ADEN_(IAA)_" becomes a name of its own). Entries with the same code and first
name are merged.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from tools.petrarch.actor_entries import Entry, Role
from tools.petrarch.actor_kinds import ORG, ORG_WORDS, PERSON, TITLE_WORDS, ActorVocabulary, Classifier
from tools.petrarch.common import Report
from tools.petrarch.names import org_name, person_name, words_of

PEOPLE_SECTION = "people.phoenix.tsv"
ORGS_SECTION = "orgs.phoenix.tsv"
SKIPPED_SECTION = "actor entries not converted"
PEOPLE_COLUMNS = ("name", "aliases", "country", "actor", "roles")
ORG_COLUMNS = ("code", "country", "names")


@dataclass
class Person:
    """A person assembled from one or more entries with the same name and country/actor."""

    name: str
    country: str
    actor: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def cells(self) -> tuple[str, ...]:
        roles = sorted(dict.fromkeys(self.roles),
                       key=lambda r: (r.start or date.min, r.end or date.max, r.code))
        return (self.name, "|".join(self.aliases), self.country, self.actor,
                "|".join(role.cell() for role in roles))


def current_role(roles: Sequence[Role], vocabulary: ActorVocabulary) -> Role:
    """The role naming the entry now (see the module docstring)."""
    real = [r for r in roles if len(r.code) > 3 or vocabulary.country(r.code)] or list(roles)
    return max(enumerate(real),
               key=lambda item: (item[1].end or date.max, item[1].start or date.min, item[0]))[1]


def _last_word(phrase: str) -> str:
    words = words_of(phrase)
    return words[-1].lower() if words else ""


def titled(phrase: str, names: Sequence[str], vocabulary: ActorVocabulary) -> bool:
    """A title or description before a name: leading title words ("PRESIDENT_KARZAI"), or
    leading words holding a title or organisation word before another name of the entry
    ("UNITED_NATIONS_SECRETARY_GENERAL_BAN_KI-MOON" before "BAN_KI-MOON")."""
    if vocabulary.is_titled(phrase):
        return True
    words = [w.lower() for w in words_of(phrase)]
    for other in names:
        tail = [w.lower() for w in words_of(other)]
        if 0 < len(tail) < len(words) and words[-len(tail):] == tail:
            head = words[:-len(tail)]
            if any(w in TITLE_WORDS or w in ORG_WORDS or w in vocabulary.demonyms for w in head):
                return True
    return False


def person_display_name(entry: Entry, vocabulary: ActorVocabulary) -> str:
    primary = entry.names[0]
    if titled(primary, entry.names, vocabulary):
        for phrase in entry.names[1:]:
            if not titled(phrase, entry.names, vocabulary) \
                    and _last_word(phrase) == _last_word(primary):
                return person_name(phrase)
    return person_name(primary)


def person_aliases(entry: Entry, name: str, vocabulary: ActorVocabulary,
                   common_words: frozenset[str], report: Report) -> list[str]:
    """The entry's other phrases that can stand for the person alone (see module docstring)."""
    aliases: list[str] = []
    for phrase in entry.names:
        alias = person_name(phrase)
        words = words_of(phrase)
        if alias == name or alias in aliases:
            continue
        if titled(phrase, entry.names, vocabulary):
            report.add(PEOPLE_SECTION, "alias with a title dropped", alias)
        elif len(words) == 1 and len(words[0]) < 4:
            report.add(PEOPLE_SECTION, "one-word alias under 4 letters dropped", alias)
        elif len(words) == 1 and words[0].lower() in common_words:
            report.add(PEOPLE_SECTION, "one-word alias that is a common word dropped", alias)
        elif vocabulary.org_like(phrase):
            report.add(PEOPLE_SECTION, "alias naming an organisation dropped", alias)
        else:
            aliases.append(alias)
    return aliases


def org_names(entry: Entry) -> list[str]:
    """Names in natural case; a parenthesised acronym becomes a name of its own."""
    names: list[str] = []
    for phrase in entry.names:
        acronyms = re.findall(r"\(([^)]*)\)", phrase)
        bare = re.sub(r"\([^)]*\)", " ", phrase)
        for name in [org_name(bare), *(org_name(a) for a in acronyms)]:
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
    return names


def convert_actors(entries: Iterable[Entry], vocabulary: ActorVocabulary,
                   common_words: frozenset[str], report: Report
                   ) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """People rows and organisation rows, merged and sorted."""
    entries = list(entries)
    classifier = Classifier(entries, vocabulary)
    people: dict[tuple[str, str, str], Person] = {}
    orgs: dict[tuple[str, str], tuple[str, str, list[str]]] = {}
    for entry in entries:
        kind = classifier.kind(entry)
        where = f"{entry.source} line {entry.line}"
        roles = [r for r in entry.roles if r.code != "---"]
        if kind == PERSON:
            role = current_role(roles, vocabulary)
            country = vocabulary.country(role.code)
            name = person_display_name(entry, vocabulary)
            key = (name, country, "" if country else role.code)
            if key in people:
                report.add(PEOPLE_SECTION, "entry merged into an earlier one (same name)", where)
            person = people.setdefault(key, Person(*key))
            person.aliases.extend(a for a in person_aliases(entry, name, vocabulary,
                                                            common_words, report)
                                  if a not in person.aliases)
            person.roles.extend(entry.roles)
        elif kind == ORG:
            role = current_role(roles, vocabulary)
            if len({r.code for r in roles}) > 1:
                report.add(ORGS_SECTION, "organisation with several codes (current kept)", where)
            names = org_names(entry)
            key = (role.code, names[0])
            if key in orgs:
                report.add(ORGS_SECTION, "entry merged into an earlier one (same code, name)",
                           where)
            _, _, known = orgs.setdefault(key, (role.code, vocabulary.country(role.code), []))
            known.extend(n for n in names if n not in known)
        else:
            report.add(SKIPPED_SECTION, f"{entry.source}: {kind}", where)
    people_rows = sorted(person.cells() for person in people.values())
    org_rows = sorted((code, country, "|".join(names)) for code, country, names in orgs.values())
    return people_rows, org_rows
