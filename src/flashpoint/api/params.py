"""Query parameters several routes share, with their limits and descriptions."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from flashpoint.analysis.dyads import FREQS, Freq

Limit = Annotated[int, Query(ge=1, le=500, description="Page size (1-500).")]
#: Far beyond any store, and within DuckDB's BIGINT with any page size added.
MAX_OFFSET = 2**62
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip (at most 2^62).")]
FreqQuery = Annotated[Freq, Query(description=f"One of {', '.join(FREQS)}.")]
Format = Annotated[Literal["html", "json"], Query(description="html (default) or json.")]
