"""The fields of a JSON record, type-checked and cleaned before they become an Article.

A record's known fields have one type each; a value of another type is refused with an error
naming the field (E050), never stored as its Python repr (``['a']`` as a title) or read as
something it is not (``"published": 0`` as 1 January 1970). Every string, the metadata's too,
goes through ``clean_text``: a lone surrogate escape or a control character in any field
cannot reach the store, the terminal or the API.
"""
from __future__ import annotations

from typing import Any

from flashpoint.errors import InputError
from flashpoint.ingest.decode import clean_text

#: Fields holding text (or null); "date" and "published" are the publication date as written.
TEXT_FIELDS = ("text", "title", "url", "outlet", "author", "date", "published")
#: A doc_id longer than this is not an id.
MAX_ID_LENGTH = 200


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type, for messages."""
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
             dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def clean_value(value: Any) -> Any:
    """A parsed JSON value with every string in it (keys too) cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(key): clean_value(item) for key, item in value.items()}
    return value


def text_field(record: dict[str, Any], field: str, where: str) -> str | None:
    """The cleaned string of ``field``, None when absent or null; E050 for any other type."""
    value = record.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        expected = "a string (a date such as 2026-01-06)" if field in ("date", "published") else "a string"
        raise InputError("E050", where, field=field, expected=expected, found=json_type(value))
    return clean_text(value)


def id_field(record: dict[str, Any], where: str) -> str | None:
    """The record's ``id`` as a string (an integer id is written in decimal); E050 otherwise."""
    value = record.get("id")
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or len(value) > MAX_ID_LENGTH:
        raise InputError("E050", where, field="id",
                         expected=f"a string of at most {MAX_ID_LENGTH} characters or an integer",
                         found=json_type(value) if not isinstance(value, str) else f"{len(value):,} characters")
    return clean_text(value)
