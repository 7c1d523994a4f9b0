"""Names and paths made safe for the terminal: one line, no escape sequences, no markup.

A file name, an outlet, a doc_id or a database path is whatever the input says it is. Printed
raw, a newline in it forges an extra output line, an ANSI escape recolours or rewrites the
terminal, a bidi override reverses what follows, a lone surrogate (an undecodable byte in a
file name) crashes the encoder, and ``[/x]`` breaks Rich's markup. ``plain`` shows all of these
as escapes (``\\n``, ``\\x1b``, ``\\u202e``); ``markup_safe`` also escapes Rich's markup, for
text printed inside a markup string.
"""
from __future__ import annotations

import re

from rich.markup import escape

#: C0 and C1 controls, DEL, bidi embeddings, overrides and isolates, lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    return match.group().encode("unicode_escape", "backslashreplace").decode("ascii")


def plain(value: object) -> str:
    """``str(value)`` on one line, with every character that could act on the terminal escaped."""
    return _UNPRINTABLE.sub(_escaped, str(value))


def markup_safe(value: object) -> str:
    """``plain(value)`` with Rich's markup escaped too, for use inside a markup string."""
    return escape(plain(value))
