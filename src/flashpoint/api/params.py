"""Query parameters several routes share, with their limits and descriptions."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from flashpoint.analysis.dyads import FREQS, Freq

Limit = Annotated[int, Query(ge=1, le=500, description="Page size (1-500).")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]
FreqQuery = Annotated[Freq, Query(description=f"One of {', '.join(FREQS)}.")]
Format = Annotated[Literal["html", "json"], Query(description="html (default) or json.")]
