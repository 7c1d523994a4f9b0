"""What story grouping reads from the store: articles not in a story yet, the grouped articles
a new one may join (found by blocking key and date window), and the members of stories.

Grouping itself is ``analysis.stories``; the service (``group_new``) moves between the two.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

import duckdb


class Indexed(NamedTuple):
    """A grouped article as grouping compares it, with the story it is in."""

    doc_id: str
    published: date | None
    vector: dict[str, float]
    countries: list[str]
    story_id: str | None
    keys: list[str]


def grouped_count(con: duckdb.DuckDBPyConnection) -> int:
    """How many articles are grouped: what ``Store.save_grouping`` checks nothing changed by."""
    row = con.execute("SELECT count(*) FROM story_index").fetchone()
    return int(row[0]) if row else 0


def ungrouped(con: duckdb.DuckDBPyConnection, limit: int) -> list[str]:
    """Content hashes of up to ``limit`` stored articles in no story yet, oldest first."""
    rows = con.execute("SELECT content_hash FROM articles a WHERE NOT EXISTS "
                       "(SELECT 1 FROM story_index i WHERE i.content_hash = a.content_hash) "
                       "ORDER BY published NULLS LAST, doc_id, content_hash LIMIT ?", [limit]).fetchall()
    return [digest for (digest,) in rows]


def countries(con: duckdb.DuckDBPyConnection, content_hashes: Sequence[str]) -> dict[str, list[str]]:
    """The countries of each article's event actors and quote speakers, by content hash."""
    rows = con.execute("""
        SELECT content_hash, list(DISTINCT country ORDER BY country) FROM (
            SELECT content_hash, unnest([source_country, target_country]) AS country FROM events
            WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))
            UNION ALL
            SELECT content_hash, speaker_country FROM quotes WHERE content_hash IN (SELECT unnest(?::VARCHAR[])))
        WHERE country IS NOT NULL GROUP BY 1""", [list(content_hashes), list(content_hashes)]).fetchall()
    return {digest: found for digest, found in rows}


def candidates(con: duckdb.DuckDBPyConnection, keys: Sequence[str], start: date | None,
               end: date | None) -> list[Indexed]:
    """Grouped articles with any of ``keys``, undated or published between ``start`` and ``end``
    (any date when either is None): a superset of every new article's candidates."""
    rows = con.execute("""
        SELECT i.doc_id, i.published, i.terms, i.weights, i.countries, s.story_id, i.keys
        FROM story_index i LEFT JOIN stories s ON s.doc_id = i.doc_id
        WHERE (i.published IS NULL OR ?::DATE IS NULL OR ?::DATE IS NULL OR i.published BETWEEN ? AND ?)
          AND list_has_any(i.keys, ?::VARCHAR[])
        ORDER BY i.doc_id""", [start, end, start, end, list(keys)]).fetchall()
    return [Indexed(doc_id, published, dict(zip(terms, weights, strict=True)), found, story, keys)
            for doc_id, published, terms, weights, found, story, keys in rows]


def members(con: duckdb.DuckDBPyConnection, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """The doc_ids of each story."""
    rows = con.execute("SELECT story_id, list(doc_id ORDER BY doc_id) FROM stories "
                       "WHERE story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1", [list(story_ids)]).fetchall()
    return {story: doc_ids for story, doc_ids in rows}


def content_hashes(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> list[str]:
    """The content hashes of grouped articles, by doc_id."""
    rows = con.execute("SELECT content_hash FROM story_index WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                       [list(doc_ids)]).fetchall()
    return [digest for (digest,) in rows]


def stories_of(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> dict[str, list[str]]:
    """The stories holding any of ``doc_ids`` with all their doc_ids, in order of ``doc_ids``."""
    rows = con.execute("""
        SELECT s.story_id, list(DISTINCT s.doc_id ORDER BY s.doc_id) FROM stories s
        JOIN (SELECT story_id, min(w.i) AS first FROM stories
              JOIN (SELECT unnest(?::VARCHAR[]) AS doc_id, generate_subscripts(?::VARCHAR[], 1) AS i) w USING (doc_id)
              GROUP BY 1) f USING (story_id)
        GROUP BY s.story_id, f.first ORDER BY f.first""", [list(doc_ids), list(doc_ids)]).fetchall()
    return {story: ids for story, ids in rows}
