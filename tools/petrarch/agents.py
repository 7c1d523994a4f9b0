"""Read PETRARCH2's agents dictionary (Phoenix.agents.txt): sector nouns -> agent codes.

Lines are ``PHRASE {plural} [CODE] # comment``; ``!NAME! = A, B, C`` defines a substitution set
used as ``CONGRESS!PERSON! [~LEG]``. A code with a leading ``~`` is added after the actor's
code (``~GOVFRM``), one with a trailing ``~`` before it (``NGO~``).

Decisions:
- Every singular and plural form is one row: ``phrase`` lower case, ``_`` and blanks as spaces
  (PETRARCH's "blank = other words may come between" distinction is not kept).
- Plurals: ``{X}`` gives the plural X, ``{}`` means no plural (invariant or plural-only nouns),
  otherwise the regular plural of the last word (rule below).
- ``!SET!`` phrases yield one row per member of the set and no further plural, as in PETRARCH;
  a ``{...}`` on such a line is ignored.
- ``sector`` is the first three letters of the code without ``~``; ``code`` is kept as written.
- A code closed by ``}`` instead of ``]`` (one typo in the source) is read as if closed by ``]``
  and counted.

Columns: phrase (lower case), sector (three letters), code (as written, with its ``~``).
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from tools.petrarch.common import Report, phrase_words, read_source_lines
from tools.petrarch.plurals import plural_phrase

SECTION = "agents.petrarch.tsv"
COLUMNS = ("phrase", "sector", "code")

_SUBSTITUTION_SET = re.compile(r"^!([A-Z]+)!\s*=\s*(.+)$")
_MARKER = re.compile(r"!([A-Z]+)!")
_LINE = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*"
                   r"\[(?P<code>[^\]}]*)(?P<close>[\]}])\s*$")
_CODE = re.compile(r"~?[A-Z]{3,}~?")


def _forms(phrase: str, plural: str | None, sets: dict[str, list[str]],
           report: Report, where: str) -> list[str]:
    """The phrase's singular and plural forms (lower case, spaces)."""
    marker = _MARKER.search(phrase)
    if marker:
        if marker.group(1) not in sets:
            report.add(SECTION, "undefined !SET! marker (line skipped)", where)
            return []
        return [phrase_words(phrase[:marker.start()] + member + phrase[marker.end():])
                for member in sets[marker.group(1)]]
    singular = phrase_words(phrase)
    plural_form = plural_phrase(singular) if plural is None else phrase_words(plural)
    return [singular, plural_form] if plural_form else [singular]


def read_agents(path: Path, report: Report) -> list[tuple[str, str, str]]:
    """Rows (phrase, sector, code), deduplicated and sorted."""
    sets: dict[str, list[str]] = {}
    rows: set[tuple[str, str, str]] = set()
    for line in read_source_lines(path):
        if not line.text:
            continue
        where = f"line {line.number}"
        definition = _SUBSTITUTION_SET.match(line.text)
        if definition:
            sets[definition.group(1)] = [m.strip() for m in definition.group(2).split(",")]
            continue
        match = _LINE.match(line.text)
        if not match or not _CODE.fullmatch(match.group("code").strip()):
            report.add(SECTION, "unparsed line (no PHRASE [CODE])", where)
            continue
        if match.group("close") == "}":
            report.add(SECTION, "code closed by } instead of ] (read anyway)", where)
        code = match.group("code").strip()
        for phrase in _forms(match.group("phrase"), match.group("plural"), sets, report, where):
            rows.add((phrase, code.strip("~")[:3], code))
    codes_per_phrase = Counter(phrase for phrase, _, _ in rows)
    ambiguous = {phrase for phrase, count in codes_per_phrase.items() if count > 1}
    if ambiguous:
        report.add(SECTION, "phrases with several codes (all kept)",
                   ", ".join(sorted(ambiguous)[:3]), len(ambiguous))
    return sorted(rows)
