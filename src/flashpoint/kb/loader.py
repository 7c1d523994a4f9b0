"""Read the actor KB from its TSV files (``flashpoint/data/actors``, or a user's directory).

The files are plain TSV with ``#`` comment headers naming their sources, so that facts can be
reviewed and corrected without touching code. A KB is parsed once per process and directory:
every component built with the same KB shares it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from flashpoint.datafiles import data_dir, read_tsv
from flashpoint.kb.model import Country, KnowledgeBase, Org, Person, Seat, Term

#: Demonym endings that do not take a plural "s" ("Chinese", "French", "Swiss").
_NO_PLURAL = ("ese", "sh", "ch", "s", "x", "z")


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _date(cell: str) -> date | None:
    return date.fromisoformat(cell) if cell else None


def plural_demonyms(demonyms: tuple[str, ...]) -> tuple[str, ...]:
    """Adjectives plus their regular plural nouns ("Colombian" -> "Colombians")."""
    plurals = tuple(d + "s" for d in demonyms if not d.endswith(_NO_PLURAL))
    return demonyms + plurals


def _countries(path: Path) -> dict[str, Country]:
    return {
        row["iso3"]: Country(row["iso3"], row["name"], _split(row["aliases"]),
                             plural_demonyms(_split(row["demonyms"])), _split(row["capitals"]),
                             row["leader"] or "president")
        for row in read_tsv(path)
    }


@dataclass
class _PersonRows:
    """What the rows of one person say so far (their terms, aliases and surname merged)."""

    gender: str | None
    terms: list[Term] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    surname: str | None = None


def _people(path: Path) -> tuple[Person, ...]:
    """Rows grouped by (name, actor): one Person with all terms, aliases and surname merged."""
    grouped: dict[tuple[str, str], _PersonRows] = {}
    for row in read_tsv(path):
        entry = grouped.setdefault((row["name"], row["actor"]), _PersonRows(row["gender"] or None))
        entry.terms.append(Term(row["office"], _date(row["start"]), _date(row["end"])))
        entry.aliases.extend(a for a in _split(row["aliases"]) if a not in entry.aliases)
        if row["surname"] or entry.surname is None:
            entry.surname = row["surname"] or row["name"].split()[-1]
    return tuple(
        Person(name, actor, e.gender, tuple(e.terms), tuple(e.aliases),
               None if e.surname == "-" else e.surname)
        for (name, actor), e in grouped.items()
    )


#: Role-code sectors of PETRARCH2's actor dictionaries that name no kind of actor flashpoint
#: codes (multinational companies are businesses, not parties to political events here).
_SKIPPED_ORG_SECTORS = frozenset({"MNC", "BUS"})


def _phoenix_people(path: Path, known: set[str]) -> tuple[Person, ...]:
    """People of PETRARCH2's Phoenix dictionaries (``people.phoenix.tsv``) the hand-curated
    table does not list: their dated roles become terms whose sector is the role's. Only
    several-word names and aliases are kept: a single word ("Burns", "Gul") is too often an
    ordinary word or another person."""
    people = []
    for row in read_tsv(path):
        name = row["name"]
        actor = row["country"] or row["actor"]
        if name in known or len(name.split()) < 2 or not actor:
            continue
        terms = tuple(_phoenix_term(role) for role in _split(row["roles"]))
        aliases = tuple(a for a in _split(row["aliases"]) if len(a.split()) >= 2)
        people.append(Person(name, actor, None, tuple(t for t in terms if t is not None),
                             aliases, surname=None))
    return tuple(people)


def _phoenix_term(role: str) -> Term | None:
    """``CODE:start:end`` -> a term; a role with no dates (the entry's default code) is none."""
    code, _, dates = role.partition(":")
    start, _, end = dates.partition(":")
    if not start and not end:
        return None
    return Term("role", _date(start), _date(end), role_sector=code[3:6] or None)


def _phoenix_orgs(path: Path, known: set[str]) -> tuple[Org, ...]:
    """Groups and international bodies of PETRARCH2's dictionaries not in ``orgs.tsv``."""
    orgs = []
    for row in read_tsv(path):
        code = row["code"]
        sector = code[3:6] if row["country"] else code[:3]
        names = tuple(n for n in _split(row["names"]) if n not in known and len(n) > 3)
        if not names or sector in _SKIPPED_ORG_SECTORS or code[:3] in _SKIPPED_ORG_SECTORS:
            continue
        kind = "igo" if code.startswith("IGO") else "agent"
        orgs.append(Org(code, row["country"] or None, sector or "GOV", kind, names))
    return tuple(orgs)


def load_kb_from(directory: Path) -> KnowledgeBase:
    """Build a KnowledgeBase from a directory holding the actor TSV files: the hand-curated
    tables first, then the people and groups PETRARCH2's actor dictionaries add
    (``*.phoenix.tsv``, when present). Its agents dictionary (``agents.petrarch.tsv``) is not
    used: as actors, its thousands of nouns made more false events than true ones on the
    development set (precision 0.65 -> 0.61 on the news set at equal recall)."""
    people = _people(directory / "people.tsv")
    orgs = tuple(Org(r["code"], r["country"] or None, r["sector"], r["kind"], _split(r["names"]))
                 for r in read_tsv(directory / "orgs.tsv"))
    agents = {r["phrase"]: r["sector"] for r in read_tsv(directory / "agents.tsv")}
    roles = {r["phrase"]: r["office"] for r in read_tsv(directory / "roles.tsv")}
    if (directory / "people.phoenix.tsv").exists():
        known = {n for p in people for n in (p.name, *p.aliases)}
        people += _phoenix_people(directory / "people.phoenix.tsv", known)
        orgs += _phoenix_orgs(directory / "orgs.phoenix.tsv", {n for o in orgs for n in o.names})
    return KnowledgeBase(
        countries=_countries(directory / "countries.tsv"),
        people=people,
        orgs=orgs,
        seats=tuple(Seat(r["phrase"], r["iso3"], r["sector"]) for r in read_tsv(directory / "seats.tsv")),
        agents=agents,
        roles=roles,
        regions={r["phrase"]: r["code"] or None for r in read_tsv(directory / "regions.tsv")},
        vessels={r["prefix"]: (r["iso3"], r["sector"]) for r in read_tsv(directory / "vessels.tsv")},
    )


def load_kb(directory: str | Path | None = None) -> KnowledgeBase:
    """The KB of ``directory`` (None or "": the packaged one), parsed once per process and
    directory: the components of one pipeline, and of every pipeline built with that KB,
    share one copy."""
    return _load_kb_cached(data_dir("actors", directory))


@lru_cache(maxsize=8)
def _load_kb_cached(directory: Path) -> KnowledgeBase:
    return load_kb_from(directory)
