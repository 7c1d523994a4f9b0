"""The one reader of the packaged TSV data files."""
from __future__ import annotations

import pytest

from flashpoint.datafiles import parse_tsv, tsv_rows


def test_comments_and_blank_lines_are_skipped_and_the_header_names_the_columns() -> None:
    text = "# source: somewhere\ncode\tname\n\n01\t Make statement \n# a note\n02\tAppeal\n"
    assert parse_tsv(text, "x.tsv") == [{"code": "01", "name": "Make statement"}, {"code": "02", "name": "Appeal"}]


def test_columns_given_by_the_caller_and_a_short_row_refused() -> None:
    assert parse_tsv("allegedly\tuncertainty\n", "h.tsv", ("pattern", "kind")) == [
        {"pattern": "allegedly", "kind": "uncertainty"}]
    with pytest.raises(ValueError, match="h.tsv: row 2 has 1 cells"):
        parse_tsv("a\tb\nc\n", "h.tsv", ("pattern", "kind"))


def test_packaged_files_read() -> None:
    assert tsv_rows("cameo.tsv")[0]["code"] == "01"
    assert {row["kind"] for row in tsv_rows("lexicon/hedges.tsv", ("pattern", "kind"))} >= {"evidence"}
