"""Read PETRARCH2's discard list (Phoenix.discards.txt): phrases that stop coding.

A line is a phrase; with a leading ``+`` the whole story is not coded when the phrase occurs,
otherwise only the sentence. A trailing ``_`` means the match must end at a word boundary
(otherwise the phrase is a stem: "BASEBALL" also matches "BASEBALLS"). Matching is
case-insensitive.

Decisions: phrases are lower-cased with blanks collapsed (interior ``_`` become spaces).

Columns: phrase; scope (``story`` for ``+`` lines, else ``sentence``); whole_word (``yes`` for
a trailing ``_``: the match must end at a blank or punctuation; ``no``: a stem).
"""
from __future__ import annotations

from pathlib import Path

from tools.petrarch.common import Report, phrase_words, read_source_lines

SECTION = "discards.tsv"
COLUMNS = ("phrase", "scope", "whole_word")


def read_discards(path: Path, report: Report) -> list[tuple[str, str, str]]:
    """Rows (phrase, scope, whole_word), deduplicated and sorted."""
    rows: set[tuple[str, str, str]] = set()
    for line in read_source_lines(path):
        if not line.text:
            continue
        text = line.text
        scope = "story" if text.startswith("+") else "sentence"
        text = text.lstrip("+").strip()
        whole_word = "yes" if text.endswith("_") else "no"
        phrase = phrase_words(text)
        if not phrase:
            report.add(SECTION, "empty phrase (skipped)", f"line {line.number}")
            continue
        row = (phrase, scope, whole_word)
        if row in rows:
            report.add(SECTION, "duplicate line merged", f"line {line.number}")
        rows.add(row)
    return sorted(rows)
