"""The CAMEO codebook: the data file every event record's labels come from."""
from __future__ import annotations

from importlib import resources

import pytest

from flashpoint.codebook import (
    PLOVER_TYPES,
    codebook,
    demand_code,
    future_code,
    lookup,
    quad_class,
    refusal_code,
)


def test_codebook_rows_carry_names_scores_and_classes():
    row = lookup("163")
    assert row.name.startswith("Impose embargo")
    assert row.goldstein == -8.0
    assert row.quad_class == 4
    assert row.plover_type == "COERCE"
    assert lookup("010").plover_type is None  # PLOVER has no statement type
    assert lookup("0231").plover_type == "REQUEST"


def test_quad_class_follows_gdelt_convention():
    assert [quad_class(r) for r in ("01", "05", "06", "09", "10", "14", "15", "20")] == \
        [1, 1, 2, 2, 3, 3, 4, 4]
    assert all(row.quad_class == quad_class(row.root) for row in codebook().values())


def test_only_current_plover_types_are_used():
    types = {row.plover_type for row in codebook().values()} - {None}
    assert types <= set(PLOVER_TYPES)
    assert "DEMAND" not in types and "FIGHT" not in types


def test_unknown_subcode_falls_back_to_parent_and_garbage_fails():
    assert lookup("1389").code == "138"
    assert "0874" in codebook() and "999" not in codebook()
    with pytest.raises(KeyError):
        lookup("9")


def test_announced_refused_and_demanded_actions_are_recoded():
    assert future_code("073") == "0333"      # will send humanitarian aid -> intent
    assert future_code("190") == "1384"      # will attack -> threat
    assert future_code("1724") == "1324"     # will impose martial law -> threaten to
    assert future_code("111") == "111"       # verbal events stay
    assert refusal_code("085") == "1244"     # will not ease sanctions
    assert refusal_code("190") is None
    assert demand_code("0841") == "1053"     # must release prisoners


def test_data_files_name_their_sources():
    data = resources.files("flashpoint.data")
    assert "CAMEO2PLOVER" in data.joinpath("cameo.tsv").read_text("utf-8")[:1500]
