"""Read the actor KB from its TSV files (``flashpoint/data/actors``), once per process.

The files are plain TSV with ``#`` comment headers naming their sources, so that facts can be
reviewed and corrected without touching code.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

from flashpoint.kb.model import Country, KnowledgeBase, Org, Person, Seat, Term

#: Demonym endings that do not take a plural "s" ("Chinese", "French", "Swiss").
_NO_PLURAL = ("ese", "sh", "ch", "s", "x", "z")


def _rows(path: Path) -> Iterator[dict[str, str]]:
    """TSV rows as dicts keyed by the header line; comment lines are skipped."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {key: (value or "").strip() for key, value in row.items()}


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
        for row in _rows(path)
    }


def _people(path: Path) -> tuple[Person, ...]:
    """Rows grouped by (name, actor): one Person with all terms, aliases and surname merged."""
    grouped: dict[tuple[str, str], dict] = {}
    for row in _rows(path):
        entry = grouped.setdefault((row["name"], row["actor"]), {
            "gender": row["gender"] or None, "terms": [], "aliases": [], "surname": None})
        entry["terms"].append(Term(row["office"], _date(row["start"]), _date(row["end"])))
        entry["aliases"].extend(a for a in _split(row["aliases"]) if a not in entry["aliases"])
        if row["surname"] or entry["surname"] is None:
            entry["surname"] = row["surname"] or row["name"].split()[-1]
    return tuple(
        Person(name, actor, e["gender"], tuple(e["terms"]), tuple(e["aliases"]),
               None if e["surname"] == "-" else e["surname"])
        for (name, actor), e in grouped.items()
    )


def load_kb_from(directory: Path) -> KnowledgeBase:
    """Build a KnowledgeBase from a directory holding the actor TSV files."""
    return KnowledgeBase(
        countries=_countries(directory / "countries.tsv"),
        people=_people(directory / "people.tsv"),
        orgs=tuple(Org(r["code"], r["country"] or None, r["sector"], r["kind"], _split(r["names"]))
                   for r in _rows(directory / "orgs.tsv")),
        seats=tuple(Seat(r["phrase"], r["iso3"], r["sector"]) for r in _rows(directory / "seats.tsv")),
        agents={r["phrase"]: r["sector"] for r in _rows(directory / "agents.tsv")},
        roles={r["phrase"]: r["office"] for r in _rows(directory / "roles.tsv")},
        regions={r["phrase"]: r["code"] or None for r in _rows(directory / "regions.tsv")},
        vessels={r["prefix"]: (r["iso3"], r["sector"]) for r in _rows(directory / "vessels.tsv")},
    )


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The packaged knowledge base, parsed once per process."""
    directory = Path(str(resources.files("flashpoint.data") / "actors"))
    return load_kb_from(directory)
