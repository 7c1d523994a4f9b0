"""What every PETRARCH2 dictionary reader shares: source lines, the report, TSV output.

The PETRARCH2 dictionaries are flat ASCII-ish text files where ``#`` starts a comment, blank
lines are skipped and ``_`` joins the words of a phrase. The converter reads them line by line
(keeping line numbers for the report) and writes deterministic TSV files whose header comment
names the source file, the licence and every conversion decision.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

#: Where the dictionaries come from (named in every generated file).
SOURCE_REPO = "openeventdata/petrarch2"
SOURCE_COMMIT = "676801c"
#: The licence text shipped next to the generated files (relative to the data directory).
LICENCE_NAME = "LICENSE.petrarch2"
COMMAND = "python tools/petrarch/convert.py ../shared/reference/petrarch2 src/flashpoint/data"


@dataclass(frozen=True)
class SourceLine:
    """One line of a dictionary: its text without the comment (stripped), and the comment."""

    number: int
    text: str
    comment: str
    raw: str


def read_source_lines(path: Path) -> Iterator[SourceLine]:
    """Yield the lines of a dictionary file with comments split off; blank lines are kept.

    Blank and comment-only lines are yielded too (with empty ``text``) because the actor
    dictionaries use them as entry boundaries. Bytes that are not UTF-8 (a few in the
    Countries file) become U+FFFD so that the caller can drop the names holding them.
    """
    data = path.read_bytes().decode("utf-8", errors="replace")
    for number, raw in enumerate(data.splitlines(), start=1):
        text, _, comment = raw.partition("#")
        yield SourceLine(number, text.strip(), comment.strip(), raw)


def phrase_words(text: str) -> str:
    """A dictionary phrase as lower-case words: ``_`` and runs of blanks become one space."""
    return " ".join(text.replace("_", " ").lower().split())


@dataclass
class Report:
    """Counts of everything the converter kept, repaired or could not use, per output file.

    Nothing is dropped silently: every skipped line or value is counted under a reason, with
    up to three examples (source line numbers), and printed at the end of a run.
    """

    counts: dict[str, Counter[str]] = field(default_factory=dict)
    examples: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, section: str, reason: str, example: str = "", amount: int = 1) -> None:
        self.counts.setdefault(section, Counter())[reason] += amount
        if example:
            shown = self.examples.setdefault((section, reason), [])
            if len(shown) < 3:
                shown.append(example)

    def count(self, section: str, reason: str) -> int:
        return self.counts.get(section, Counter())[reason]

    def lines(self) -> list[str]:
        """The summary as printable lines, sections and reasons in sorted order."""
        out: list[str] = []
        for section in sorted(self.counts):
            out.append(f"{section}:")
            for reason, amount in sorted(self.counts[section].items()):
                examples = self.examples.get((section, reason), [])
                suffix = f"  e.g. {'; '.join(examples)}" if examples else ""
                out.append(f"  {amount:7d}  {reason}{suffix}")
        return out


def header_comment(source_files: Sequence[str], description: Iterable[str]) -> list[str]:
    """The ``#`` header every generated file starts with: provenance, licence, decisions."""
    lines = [
        "GENERATED FILE - do not edit by hand; regenerate with:",
        f"  {COMMAND}",
        f"Source: PETRARCH2 dictionaries, https://github.com/{SOURCE_REPO} commit {SOURCE_COMMIT}:",
        *(f"  {name}" for name in source_files),
        "Licence: MIT, Copyright (c) 2014 Open Event Data; full text in",
        f"  src/flashpoint/data/{LICENCE_NAME}.",
        "",
        *description,
    ]
    return [f"# {line}".rstrip() for line in lines]


def write_tsv(path: Path, header: Sequence[str], columns: Sequence[str],
              rows: Iterable[Sequence[str]]) -> int:
    """Write a TSV file (header comment, column line, rows); return the number of rows.

    Cells must not hold tabs or newlines: the project's readers use ``csv`` with
    ``QUOTE_NONE``, so such a cell would corrupt the row. Rows are written as given; callers
    sort them so that a rerun reproduces the file byte for byte.
    """
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in header:
            handle.write(line + "\n")
        handle.write("\t".join(columns) + "\n")
        for row in rows:
            if len(row) != len(columns) or any(re.search(r"[\t\r\n]", cell) for cell in row):
                raise ValueError(f"{path.name}: malformed row {row!r}")
            handle.write("\t".join(row) + "\n")
            count += 1
    return count
