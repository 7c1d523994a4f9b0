"""JSON as input: parsed within limits, and only real JSON.

Python's parser recurses once per nesting level (``[`` x 100,000 raises RecursionError, not a
parse error) and accepts ``NaN`` and ``Infinity``, which are not JSON and which nothing
downstream can store or serve. Here nesting is measured before parsing, in C-speed passes
over the text, and those constants are refused; both become ``JSONProblem`` with the words
the E005 message shows.
"""
from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

#: Deepest nesting a record may have: a list of records holding metadata objects needs a few
#: levels; no article needs dozens.
MAX_JSON_DEPTH = 64
#: A JSON string (escapes included), removed before brackets are counted.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class JSONProblem(ValueError):
    """Why a JSON text is refused, in words for the E005 message."""


def nesting_depth(text: str) -> int:
    """How deep the arrays and objects of ``text`` nest (brackets inside strings ignored)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _refuse_constant(name: str) -> Any:
    raise JSONProblem(f"{name} is not valid JSON")


def load_json(text: str) -> Any:
    """The value of ``text``; ``JSONProblem`` when it is not JSON or nests too deeply."""
    if nesting_depth(text) > MAX_JSON_DEPTH:
        raise JSONProblem(f"nested deeper than {MAX_JSON_DEPTH} levels")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        place = f"line {err.lineno}" if "\n" in text.strip() else f"column {err.colno}"
        raise JSONProblem(f"{err.msg} at {place}") from err
