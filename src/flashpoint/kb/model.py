"""The actor knowledge base's records: countries, organisations, seats and dated office terms.

Everything here is immutable data plus the few date rules that decide what an actor *was* on an
article's date; the loader fills it from the TSV files in ``flashpoint/data/actors``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

#: The sector an office confers while it is held; every other office makes its holder GOV.
OFFICE_SECTOR = {"legislator": "LEG", "opposition": "OPP", "rebel": "REB"}

#: CAMEO's sector for former officials and other notables ("elites"): a person the KB knows but
#: who holds none of the tracked offices on the article's date (Trump in 2022 is USAELI).
ELITE = "ELI"


@dataclass(frozen=True)
class Term:
    """One office held from ``start`` to ``end`` (either open when unknown or ongoing)."""

    office: str
    start: date | None
    end: date | None
    #: the sector a role confers when it is known as a code rather than an office (PETRARCH2's
    #: dated roles: "AFGGOV" -> GOV)
    role_sector: str | None = None

    def covers(self, on: date) -> bool:
        """Whether the term includes ``on``; the end day still counts (hand-overs are same-day)."""
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    @property
    def sector(self) -> str:
        return self.role_sector or OFFICE_SECTOR.get(self.office, "GOV")


@dataclass(frozen=True)
class Person:
    """A person the KB tracks, with every term of every office it lists for them."""

    name: str
    actor: str
    gender: str | None
    terms: tuple[Term, ...]
    aliases: tuple[str, ...] = ()
    surname: str | None = None

    @property
    def country(self) -> str | None:
        """ISO alpha-3 country, or None for officials of international organisations."""
        return None if self.actor.startswith("IGO") else self.actor

    def term_at(self, on: date | None) -> Term | None:
        """The term held on ``on``; with no date, the latest known term (articles lack dates)."""
        if on is None:
            return max(self.terms, key=lambda t: t.start or date.min, default=None)
        held = [t for t in self.terms if t.covers(on)]
        return max(held, key=lambda t: t.start or date.min) if held else None

    def code_at(self, on: date | None) -> tuple[str, str]:
        """(CAMEO actor code, sector) on ``on``: office sector while in office, else elite."""
        term = self.term_at(on)
        if self.country is None:
            return (self.actor, "IGO") if term else (ELITE, ELITE)
        sector = term.sector if term else ELITE
        return self.country + sector, sector

    def last_active(self, on: date | None) -> date:
        """The latest day, up to ``on``, on which the person held an office (ranks namesakes)."""
        limit = on or date.max
        ends = [min(t.end or date.max, limit) for t in self.terms if (t.start or date.min) <= limit]
        return max(ends, default=date.min)


@dataclass(frozen=True)
class Country:
    """A state: code, names, demonyms (with plurals), capitals and the office "leader" means."""

    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    leader_office: str = "president"


@dataclass(frozen=True)
class Org:
    """An IGO, NGO or non-state group: its full actor code and the names it goes by."""

    code: str
    country: str | None
    sector: str
    kind: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Seat:
    """An institution's seat used as a metonym for a state sector ("the Pentagon" -> USAMIL)."""

    phrase: str
    iso3: str
    sector: str


@dataclass
class KnowledgeBase:
    """All actor facts plus the lookups the actor and coreference components need."""

    countries: dict[str, Country]
    people: tuple[Person, ...]
    orgs: tuple[Org, ...]
    seats: tuple[Seat, ...]
    agents: dict[str, str]
    roles: dict[str, str]
    regions: dict[str, str | None]
    #: ship-name prefix -> (ISO3, sector): "USS" -> ("USA", "MIL")
    vessels: dict[str, tuple[str, str]] = field(default_factory=dict)
    _by_actor_office: dict[tuple[str, str], list[Person]] = field(default_factory=dict, repr=False)
    _by_name: dict[str, list[Person]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for person in self.people:
            self._by_name.setdefault(person.name, []).append(person)
            for office in {t.office for t in person.terms}:
                self._by_actor_office.setdefault((person.actor, office), []).append(person)

    @cached_property
    def role_words(self) -> frozenset[str]:
        """The lower-case words of the office titles ("foreign minister": foreign, minister):
        what a title before a name, or a noun naming a person by office, is made of."""
        return frozenset(w for phrase in self.roles for w in phrase.lower().split())

    def country(self, iso3: str | None) -> Country | None:
        return self.countries.get(iso3) if iso3 else None

    def person(self, name: str) -> Person | None:
        """The person with this canonical name (namesakes: the first listed)."""
        found = self._by_name.get(name)
        return found[0] if found else None

    def office_holder(self, actor: str, office: str, on: date | None) -> Person | None:
        """Who held ``office`` for ``actor`` (ISO3 or IGO code) on ``on`` (None: latest holder).

        ``office`` "leader" means the country's leader office (president, prime minister, ...).
        """
        if office == "leader":
            country = self.country(actor)
            office = country.leader_office if country else "secretary_general"
        best: tuple[date, Person] | None = None
        for person in self._by_actor_office.get((actor, office), ()):
            for term in person.terms:
                if term.office != office or (on is not None and not term.covers(on)):
                    continue
                key = term.start or date.min
                if best is None or key > best[0]:
                    best = (key, person)
        return best[1] if best else None
