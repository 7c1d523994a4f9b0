"""Read PETRARCH2's actor dictionaries (Phoenix.*.actors.txt) into entries with dated roles.

An entry is a primary phrase line (optionally with ``[CODE ...]`` on the same line), its ``+``
synonym lines, and role lines starting with a tab: ``[CODE]`` (default), ``[CODE >YYMMDD]``
(from), ``[CODE <YYMMDD]`` (until), ``[CODE YYMMDD-YYMMDD]`` (between, ends included).

Decisions:
- Six-digit dates are YYMMDD with PETRARCH's century rule (``dstr_to_ordate``: YY <= 30 is
  20YY, else 19YY); eight digits are YYYYMMDD. Any other length, an impossible calendar date or
  a single date without ``<``/``>`` makes the role unreadable: it is dropped and counted.
- Several ``[...]`` on one line are several roles.
- Layout repair: primary lines without codes that directly follow each other (no blank or
  comment line in between) form one entry, the later lines being synonyms. The files
  list a person's variants this way (``LEONID_BREZHNEV_`` / ``SECRETARY_BREZHNEV`` / then the
  dates); PETRARCH2's reader would leave all but the last line uncoded. Counted.
- Names holding bytes that are not UTF-8 (three lines of the Countries file) are dropped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tools.petrarch.common import Report, read_source_lines

_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"---|[A-Z][A-Z0-9]{2,}")
_DATE_RANGE = re.compile(r"(\d+)-(\d+)")


@dataclass(frozen=True)
class Role:
    """A CAMEO actor code, valid from ``start`` to ``end`` (None = open)."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def cell(self) -> str:
        """``CODE:start:end`` with ISO dates and empty open ends."""
        return ":".join((self.code, self.start.isoformat() if self.start else "",
                         self.end.isoformat() if self.end else ""))


@dataclass
class Entry:
    """One actor record: its phrases (primary first), roles, file and line."""

    source: str
    line: int
    names: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)


def petrarch_date(text: str) -> date:
    """YYMMDD (YY <= 30 -> 20YY, else 19YY, as PETRARCH) or YYYYMMDD -> date; ValueError else."""
    if len(text) == 6:
        year = int(text[:2])
        year += 2000 if year <= 30 else 1900
        return date(year, int(text[2:4]), int(text[4:6]))
    if len(text) == 8:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")


def parse_role(content: str) -> Role:
    """The inside of a ``[...]`` role -> Role; ValueError with the reason when unreadable."""
    parts = re.sub(r"([<>])\s+", r"\1", content).split()
    if not parts or not _CODE.fullmatch(parts[0]) or len(parts) > 2:
        raise ValueError(f"not CODE [dates]: [{content}]")
    code = parts[0]
    if len(parts) == 1:
        return Role(code)
    restriction = parts[1]
    if restriction.startswith(">"):
        return Role(code, start=petrarch_date(restriction[1:]))
    if restriction.startswith("<"):
        return Role(code, end=petrarch_date(restriction[1:]))
    span = _DATE_RANGE.fullmatch(restriction)
    if not span:
        raise ValueError(f"date restriction {restriction!r} is not <d, >d or d-d")
    return Role(code, petrarch_date(span.group(1)), petrarch_date(span.group(2)))


def _roles(text: str, entry: Entry, section: str, report: Report, where: str) -> None:
    for content in _BRACKET.findall(text):
        try:
            entry.roles.append(parse_role(content))
        except ValueError as error:
            report.add(section, "unreadable role dropped", f"{where}: {error}")


def _add_name(entry: Entry, name: str, section: str, report: Report, where: str) -> None:
    name = name.strip()
    if "\ufffd" in name:
        report.add(section, "name with non-UTF-8 bytes dropped", where)
    elif name and name not in entry.names:
        entry.names.append(name)


def read_actor_entries(path: Path, section: str, report: Report) -> list[Entry]:
    """All entries of one actor file, in file order (see the module docstring for the rules)."""
    entries: list[Entry] = []
    previous_was_name = False
    for line in read_source_lines(path):
        where = f"{path.name} line {line.number}"
        text = line.text
        if not text:
            previous_was_name = False
            continue
        if text.startswith(("[", "+")):
            if not entries:
                report.add(section, "role or synonym before any entry (skipped)", where)
                continue
            if text.startswith("+"):
                _add_name(entries[-1], text[1:].partition("[")[0], section, report, where)
            _roles(text, entries[-1], section, report, where)
            previous_was_name = text.startswith("+")
            continue
        continues = (previous_was_name and entries and not entries[-1].roles
                     and not _BRACKET.search(text))
        if continues:
            report.add(section, "code-less primary line joined to the entry above as synonym",
                       where)
        else:
            entries.append(Entry(path.name, line.number))
        _add_name(entries[-1], text.partition("[")[0], section, report, where)
        _roles(text, entries[-1], section, report, where)
        previous_was_name = True
    return entries
