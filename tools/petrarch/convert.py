"""Convert PETRARCH2's dictionaries into flashpoint's own data files, deterministically.

Usage (from the repository root; ``make data`` runs exactly this)::

    python tools/petrarch/convert.py ../shared/reference/petrarch2 src/flashpoint/data

Reads (from the PETRARCH2 folder, openeventdata/petrarch2 commit 676801c, MIT licence):
CAMEO.2.0.txt, Phoenix.agents.txt, Phoenix.discards.txt and the three actor files
Phoenix.Countries / International / MilNonState.actors.txt; and from the data directory:
actors/countries.tsv (which three-letter codes are countries, demonyms) and cameo.tsv (verb
rows whose code it does not know are counted in the report).

Writes (under the data directory):
  lexicon/petrarch_verbs.tsv     verb patterns, one row per (verb, pattern)      (verbs.py)
  lexicon/petrarch_synsets.tsv   the &SYNSET word classes with plurals            (verbs.py)
  lexicon/discards.tsv           phrases that stop coding a sentence or story     (discards.py)
  actors/agents.petrarch.tsv     sector nouns -> agent codes                      (agents.py)
  actors/people.phoenix.tsv      people with dated roles                          (actors.py)
  actors/orgs.phoenix.tsv        organisations of the International/MilNonState files
  LICENSE.petrarch2              PETRARCH2's MIT licence

Every decision is documented in the docstring of the module that makes it; the same text is
the header comment of the generated file, followed by the file's conversion report (what was
skipped, repaired or merged, with counts). Rows are sorted, so a rerun on the same input
reproduces every file byte for byte. Nothing is dropped silently: the full report is printed.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

if not __package__:  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tools.petrarch import actor_entries, actor_kinds, actors, agents, discards, names, plurals, verbs
from tools.petrarch.common import LICENCE_NAME, Report, header_comment, write_tsv

VERB_FILE = "CAMEO.2.0.txt"
AGENT_FILE = "Phoenix.agents.txt"
DISCARD_FILE = "Phoenix.discards.txt"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
ACTOR_REPORT_SECTIONS = ("actor files", actors.SKIPPED_SECTION)


class InputError(Exception):
    """A missing or unreadable input; the message names it."""


@dataclass(frozen=True)
class Output:
    """One generated TSV file: where, from which sources, documented by which modules."""

    path: str
    sources: Sequence[str]
    modules: Sequence[ModuleType]
    columns: Sequence[str]
    report_sections: Sequence[str]


def _docstring_lines(module: ModuleType) -> list[str]:
    return [line.rstrip() for line in (module.__doc__ or "").strip().splitlines()] + [""]


def _header(output: Output, report: Report) -> list[str]:
    description: list[str] = []
    for module in output.modules:
        description.extend(_docstring_lines(module))
    description.append("Conversion report (counts; examples are source lines or values):")
    section_report = Report({s: report.counts[s] for s in output.report_sections
                             if s in report.counts}, report.examples)
    description.extend(section_report.lines() or ["  nothing skipped or repaired"])
    description.append("")
    description.append("Columns: " + ", ".join(output.columns))
    return header_comment(output.sources, description)


def _require(path: Path) -> Path:
    if not path.is_file():
        raise InputError(f"{path}: input file not found")
    return path


def read_vocabulary(countries_tsv: Path, sectors: frozenset[str]) -> actor_kinds.ActorVocabulary:
    """Country codes and demonyms of the project's countries.tsv, plus the agent sectors."""
    with _require(countries_tsv).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader((line for line in handle if not line.startswith("#")),
                                   delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or "iso3" not in rows[0]:
        raise InputError(f"{countries_tsv}: no iso3 column")
    return actor_kinds.ActorVocabulary(
        iso3=frozenset(row["iso3"] for row in rows),
        demonyms=frozenset(d.strip().lower() for row in rows
                           for d in (row.get("demonyms") or "").split("|") if d.strip()),
        sectors=sectors)


def _check_codes(rows: Sequence[verbs.VerbRow], cameo_tsv: Path, report: Report) -> None:
    """Count rows whose code the project's CAMEO codebook does not know (they are kept)."""
    known = {line.split("\t", 1)[0] for line in cameo_tsv.read_text("utf-8").splitlines()
             if line and not line.startswith("#")} | {"---"}
    for row in rows:
        for code in {row.code, row.passive_code} - known - {""}:
            report.add(verbs.SECTION, "code not in cameo.tsv (row kept)", code)


def common_words(synsets: dict[str, verbs.Synset], verb_rows: Sequence[verbs.VerbRow],
                 agent_rows: Sequence[tuple[str, str, str]]) -> frozenset[str]:
    """Every plain word of the verb and agents dictionaries: what counts as a common English
    word when filtering one-word aliases of people."""
    words: set[str] = set()
    for synset in synsets.values():
        for phrase in verbs.synset_words(synset):
            words.update(phrase.split())
    for row in verb_rows:
        words.update((row.lemma, *row.particle.split(), *row.subject.split(), *row.object.split()))
    for phrase, _, _ in agent_rows:
        words.update(phrase.split())
    return frozenset(word for word in words if word.isalpha())


def convert(source: Path, data: Path) -> Report:
    """Read every dictionary under ``source`` and (re)write all outputs under ``data``."""
    if not source.is_dir():
        raise InputError(f"{source}: PETRARCH2 dictionary folder not found")
    report = Report()
    synsets, blocks = verbs.read_verb_dictionary(_require(source / VERB_FILE), report)
    verb_rows = verbs.verb_rows(blocks, report)
    _check_codes(verb_rows, _require(data / "cameo.tsv"), report)
    agent_rows = agents.read_agents(_require(source / AGENT_FILE), report)
    discard_rows = discards.read_discards(_require(source / DISCARD_FILE), report)
    entries = [entry for name in ACTOR_FILES
               for entry in actor_entries.read_actor_entries(_require(source / name),
                                                             ACTOR_REPORT_SECTIONS[0], report)]
    vocabulary = read_vocabulary(data / "actors" / "countries.tsv",
                                 frozenset(sector for _, sector, _ in agent_rows))
    people_rows, org_rows = actors.convert_actors(
        entries, vocabulary, common_words(synsets, verb_rows, agent_rows), report)

    actor_modules = (actors, actor_kinds, actor_entries, names)
    outputs = [
        (Output("lexicon/petrarch_verbs.tsv", [VERB_FILE], [verbs], verbs.COLUMNS,
                [verbs.SECTION]), [row.cells() for row in verb_rows]),
        (Output("lexicon/petrarch_synsets.tsv", [VERB_FILE], [verbs, plurals], verbs.SYNSET_COLUMNS,
                [verbs.SYNSET_SECTION]), verbs.synset_rows(synsets)),
        (Output("lexicon/discards.tsv", [DISCARD_FILE], [discards], discards.COLUMNS,
                [discards.SECTION]), discard_rows),
        (Output("actors/agents.petrarch.tsv", [AGENT_FILE], [agents, plurals], agents.COLUMNS,
                [agents.SECTION]), agent_rows),
        (Output("actors/people.phoenix.tsv", ACTOR_FILES, actor_modules, actors.PEOPLE_COLUMNS,
                [actors.PEOPLE_SECTION, *ACTOR_REPORT_SECTIONS]), people_rows),
        (Output("actors/orgs.phoenix.tsv", ACTOR_FILES[1:], actor_modules, actors.ORG_COLUMNS,
                [actors.ORGS_SECTION, *ACTOR_REPORT_SECTIONS]), org_rows),
    ]
    for output, rows in outputs:
        count = write_tsv(data / output.path, _header(output, report), output.columns, rows)
        report.add("rows written", output.path, amount=count)
    licence = _require(source / "LICENSE").read_text(encoding="utf-8")
    (data / LICENCE_NAME).write_text(
        "PETRARCH2 dictionaries (https://github.com/openeventdata/petrarch2, commit 676801c),\n"
        "converted into flashpoint data files by tools/petrarch/convert.py. Their licence:\n\n"
        + licence, encoding="utf-8")
    return report


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the PETRARCH2 dictionary folder")
    parser.add_argument("data", type=Path, help="flashpoint's data directory (src/flashpoint/data)")
    args = parser.parse_args(argv)
    try:
        report = convert(args.source, args.data)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
