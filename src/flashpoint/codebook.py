"""CAMEO code -> name, Goldstein score, QuadClass and PLOVER type/mode.

The table is data (``data/cameo.tsv``, built once from the published codebooks named in its
header) so that a correction to a code is a one-line data change, not a code change. Every
event record gets its labels from :func:`lookup`, so all outputs agree on them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: The 16 current PLOVER event types (PLOVER_structured_codebook_updated.csv).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
                "ACCUSE", "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE",
                "SANCTION", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class CameoCode:
    """One row of the codebook."""

    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None


def quad_class(root: str) -> int:
    """GDELT QuadClass of a root: 01-05 verbal coop, 06-09 material coop, 10-14, 15-20."""
    value = int(root)
    return 1 if value <= 5 else 2 if value <= 9 else 3 if value <= 14 else 4


@lru_cache(maxsize=1)
def codebook() -> dict[str, CameoCode]:
    """All codes of ``data/cameo.tsv`` by code string (loaded once)."""
    text = resources.files("flashpoint.data").joinpath("cameo.tsv").read_text("utf-8")
    table: dict[str, CameoCode] = {}
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    for line in rows[1:]:
        code, root, name, goldstein, quad, ptype, pmode = line.split("\t")
        table[code] = CameoCode(code, root, name, float(goldstein), int(quad),
                                ptype or None, pmode or None)
    return table


def lookup(code: str) -> CameoCode:
    """The row of ``code``; an unknown sub-code falls back to its nearest listed parent."""
    table = codebook()
    probe = code
    while probe and probe not in table:
        probe = probe[:-1]
    if len(probe) < 2:
        raise KeyError(f"unknown CAMEO code {code!r}")
    return table[probe]


def is_code(code: str) -> bool:
    """True when ``code`` is listed in the codebook."""
    return code in codebook()
