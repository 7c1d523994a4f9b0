"""The DuckDB store: the schema and its migrations, the one writer, and every read query.

``Store`` opens (and upgrades) a database and writes to it; the read queries behind the API,
the dashboard, the report and ``analyze`` are the modules ``events``, ``quotes``, ``dyads``,
``stories`` and ``network``, each a set of functions of a cursor (``Store.cursor()``).
Importing the store never loads the NLP pipeline.
"""
from __future__ import annotations

from flashpoint.settings import DEFAULT_DB
from flashpoint.store.database import Store
from flashpoint.store.rows import Grouped, HedgeRow, Mention, QuoteVariant
from flashpoint.store.schema import SCHEMA_VERSION

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Grouped", "HedgeRow", "Mention", "QuoteVariant", "Store"]
