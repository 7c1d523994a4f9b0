"""Polling intervals as people write them: ``15m``, ``1h30m``, ``90s``, ``2d`` or plain seconds."""
from __future__ import annotations

import re

UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86_400}
_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")
_WHOLE = re.compile(r"(?:\d+(?:\.\d+)?[smhd])+")


def parse_interval(text: str) -> float:
    """Seconds in ``text``; ``ValueError`` naming it when it is not an interval above zero."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    elif _WHOLE.fullmatch(value):
        seconds = sum(float(n) * UNIT_SECONDS[unit] for n, unit in _PART.findall(value))
    else:
        raise ValueError(f"{text!r} is not an interval (examples: 15m, 1h30m, 90s, 2d)")
    if seconds <= 0:
        raise ValueError(f"{text!r}: the interval must be above zero")
    return seconds


def format_interval(seconds: float) -> str:
    """The shortest whole-unit form (``900`` -> ``15m``), for messages."""
    for unit in ("d", "h", "m"):
        if seconds >= UNIT_SECONDS[unit] and seconds % UNIT_SECONDS[unit] == 0:
            return f"{int(seconds // UNIT_SECONDS[unit])}{unit}"
    return f"{seconds:.15g}s"
