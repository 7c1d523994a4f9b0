"""The packaged TSV data files (lexicons, codebooks, the KB) read by one rule.

Every file under ``flashpoint/data`` is tab-separated text whose ``#`` lines name its
sources; blank lines are skipped; the first other line is a header naming the columns,
unless the caller names them (files of two obvious columns have none). One reader means one
answer to "what is a comment, what is a header" for every data file.
"""
from __future__ import annotations

from collections.abc import Sequence
from importlib import resources


def tsv_rows(name: str, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """Rows of ``flashpoint/data/<name>`` as dicts keyed by the header (or ``columns``)."""
    return parse_tsv(resources.files("flashpoint.data").joinpath(name).read_text("utf-8"), name, columns)


def parse_tsv(text: str, name: str, columns: Sequence[str] | None = None) -> list[dict[str, str]]:
    """The rows of TSV ``text`` (see the module docstring), cells stripped; a row of the wrong
    width is a ValueError naming ``name`` and the row, never a silently shifted column."""
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = list(columns) if columns is not None else lines.pop(0).split("\t")
    rows = []
    for number, line in enumerate(lines, start=1):
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != len(header):
            raise ValueError(f"{name}: row {number} has {len(cells)} cells, expected {len(header)}")
        rows.append(dict(zip(header, cells, strict=True)))
    return rows
