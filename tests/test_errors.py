"""The error catalogue: codes defined once, messages built from it, one line, picklable."""
from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from flashpoint.errors import CATALOGUE, FlashpointError, InputError, PipelineError, QueryError, StoreError

SRC = Path(__file__).resolve().parents[1] / "src" / "flashpoint"


def test_message_comes_from_the_catalogue_and_names_its_subject() -> None:
    err = InputError("E003", "big.txt", size=6_000_000, limit=5_000_000)
    assert str(err) == "E003 big.txt: 6,000,000 bytes is over the 5,000,000-byte limit"
    assert (err.code, err.subject) == ("E003", "big.txt")


@pytest.mark.parametrize(("kind", "code"), [(InputError, "E020"), (StoreError, "E001"), (QueryError, "E010"),
                                            (PipelineError, "E030"), (InputError, "E099")])
def test_a_class_carries_only_its_own_codes(kind: type[FlashpointError], code: str) -> None:
    with pytest.raises(ValueError, match=code):
        kind(code, "x")


def test_messages_are_one_line_and_survive_pickling() -> None:
    err = StoreError("E020", "/tmp/x.duckdb", reason="IO Error:\n  no such\tfile")
    assert "\n" not in str(err) and str(err).endswith("(IO Error: no such file)")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is StoreError and str(again) == str(err) and again.code == "E020"


def test_every_code_raised_is_in_the_catalogue_and_typed_nowhere_else() -> None:
    raised = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text("utf-8")
        raised |= set(re.findall(r'Error\("(E\d{3})"', text))
        if path.name != "errors.py":
            assert not re.search(r'f?"E\d{3} ', text), f"{path}: a message typed outside the catalogue"
    assert raised and raised <= set(CATALOGUE)
