"""CAMEO code -> name, Goldstein score, QuadClass and PLOVER type/mode.

The table is data (``data/cameo.tsv``, built once from the published codebooks named in its
header) so that a correction to a code is a one-line data change, not a code change. Every
event record gets its labels from :func:`lookup`, so all outputs agree on them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flashpoint.datafiles import tsv_rows

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
    return {row["code"]: CameoCode(row["code"], row["root"], row["name"], float(row["goldstein"]),
                                   int(row["quad_class"]), row["plover_type"] or None,
                                   row["plover_mode"] or None)
            for row in tsv_rows("cameo.tsv")}


def lookup(code: str) -> CameoCode:
    """The row of ``code``; an unknown sub-code falls back to its nearest listed parent."""
    table = codebook()
    probe = code
    while probe and probe not in table:
        probe = probe[:-1]
    if len(probe) < 2:
        raise KeyError(f"unknown CAMEO code {code!r}")
    return table[probe]


# --- intent and refusal: how a promised or refused action is coded --------------------------

#: Material cooperation (06-08) promised for the future is an expression of intent (03x).
_INTENT = {"06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
           "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
           "08": "035", "081": "0351", "082": "0352", "084": "0353", "0841": "0353",
           "0842": "0353", "085": "0354", "086": "0355", "087": "0356", "0871": "0356",
           "0874": "0356", "04": "036", "045": "039", "046": "036", "05": "032", "057": "031"}
#: Material conflict announced for the future is a threat (13x).
_THREAT = {"14": "133", "15": "138", "16": "131", "162": "1311", "163": "1312", "161": "1313",
           "164": "134", "165": "135", "166": "136", "17": "137", "172": "132", "1721": "1321",
           "1722": "1322", "1723": "1323", "1724": "1324", "173": "137",
           "174": "136", "191": "1381", "192": "1382", "18": "1383", "19": "1384", "20": "1385"}
#: Cooperation refused ("refused to negotiate") is a rejection (12x).
_REFUSAL = {"03": "120", "04": "125", "05": "120", "06": "121", "061": "1211", "062": "1212",
            "063": "1213", "064": "1214", "07": "122", "08": "124", "081": "1241", "0841": "1243",
            "085": "1244", "086": "1245", "087": "1246", "02": "120", "10": "120"}


#: An action someone says another "must" take is a demand for it (10x).
_DEMAND = {"03": "100", "04": "106", "045": "108", "046": "106", "05": "102", "06": "101",
           "061": "1011", "062": "1012", "063": "1013", "064": "1014", "07": "103", "071": "1031",
           "072": "1032", "073": "1033", "074": "1034", "08": "105", "081": "1051", "082": "1052",
           "083": "104", "0831": "1041", "0832": "1042", "084": "1053", "085": "1054", "086": "1055",
           "087": "1056", "0871": "1056", "0874": "1056"}


def _most_specific(code: str, table: dict[str, str]) -> str | None:
    probe = code
    while len(probe) >= 2:
        if probe in table:
            return table[probe]
        probe = probe[:-1]
    return None


def future_code(code: str) -> str:
    """The code of ``code`` when it is only announced: 06-08 -> intent 03x, 14-20 -> threat 13x."""
    return _most_specific(code, _INTENT if code[:2] in ("04", "05", "06", "07", "08")
                          else _THREAT if int(code[:2]) >= 14 else {}) or code


def demand_code(code: str) -> str:
    """The demand code for requiring action ``code`` of someone ("Iraq must allow ...")."""
    return _most_specific(code, _DEMAND) or "100"


def refusal_code(code: str) -> str | None:
    """The rejection code for refusing cooperation ``code`` (None when refusal has no code)."""
    return _most_specific(code, _REFUSAL)
