"""Story read queries: what grouping stored, as the story pages show it."""
from __future__ import annotations

import duckdb

from flashpoint.store.filters import COUNTED
from flashpoint.store.reading import OUTLET, Json, dicts, iso


def stories(con: duckdb.DuckDBPyConnection, limit: int = 50, offset: int = 0) -> Json:
    """A page of stories (articles about the same events), largest first, and how many there
    are; each with its outlets by name, its dates, and what a title is made of: the country
    pairs (``A-B``, in either direction) and CAMEO roots of its counted events."""
    rows = dicts(con.execute(f"""
        WITH docs AS (SELECT DISTINCT story_id, doc_id FROM stories),
        story_events AS (
            SELECT d.story_id,
                   list(least(source_country, target_country) || '-' || greatest(source_country, target_country))
                       FILTER (WHERE source_country IS NOT NULL AND target_country IS NOT NULL) AS pairs,
                   list(cameo_root) AS roots
            FROM docs d JOIN events e ON e.doc_id = d.doc_id WHERE {COUNTED} GROUP BY 1)
        SELECT d.story_id, count(DISTINCT d.doc_id) AS articles,
               list(DISTINCT {OUTLET} ORDER BY {OUTLET}) AS outlets,
               min(a.title) AS title, min(a.published) AS first_published, max(a.published) AS last_published,
               any_value(se.pairs) AS pairs, any_value(se.roots) AS roots, count(*) OVER () AS total
        FROM docs d LEFT JOIN articles a ON a.doc_id = d.doc_id LEFT JOIN story_events se USING (story_id)
        GROUP BY d.story_id ORDER BY articles DESC, first_published DESC NULLS LAST, d.story_id LIMIT ? OFFSET ?""",
                             [limit, offset]))
    total = rows[0]["total"] if rows else _count(con)
    for row in rows:
        del row["total"]
        row["first_published"], row["last_published"] = iso(row["first_published"]), iso(row["last_published"])
        row["pairs"], row["roots"] = row["pairs"] or [], row["roots"] or []
    return {"stories": rows, "total": total}


def _count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(DISTINCT story_id) FROM stories").fetchone()
    return int(row[0]) if row else 0


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> Json | None:
    """A story's articles and events, what each outlet reported that others did not, and its
    quote variants and hedges.

    An event cluster reported by only some of the story's outlets is a cross-outlet
    difference; so is a cluster whose reports disagree on the CAMEO code. Outlets are the
    articles' own, on both sides of that comparison.
    """
    articles = dicts(con.execute(f"""
        SELECT s.*, a.title, {OUTLET} AS outlet, a.published, a.url FROM stories s
        LEFT JOIN articles a ON a.doc_id = s.doc_id WHERE s.story_id = ? ORDER BY outlet, s.doc_id""",
                                 [story_id]))
    if not articles:
        return None
    for row in articles:
        row["published"] = iso(row["published"])
    outlets = sorted({a["outlet"] or a["doc_id"] for a in articles})
    clusters = dicts(con.execute(f"""
        SELECT m.cluster_id, min(m.event_id) FILTER (WHERE m.event_id = m.cluster_id) AS event_id,
               list(DISTINCT {OUTLET} ORDER BY {OUTLET}) AS outlets,
               list(DISTINCT e.cameo) AS codes, min(e.cameo_name) AS cameo_name,
               min(e.source_country) AS source, min(e.target_country) AS target,
               round(avg(e.goldstein), 2) AS goldstein, min(e.sentence) AS sentence,
               list(e.cameo_root) AS roots, min(a.published) AS first_published
        FROM event_mentions m JOIN events e USING (event_id) LEFT JOIN articles a ON a.content_hash = e.content_hash
        WHERE m.doc_id IN (SELECT doc_id FROM stories WHERE story_id = ?)
        GROUP BY 1 ORDER BY 1""", [story_id]))
    for cluster in clusters:
        cluster["first_published"] = iso(cluster["first_published"])
        cluster["missing_from"] = [o for o in outlets if o not in cluster["outlets"]]
        cluster["codes_differ"] = len(cluster["codes"]) > 1
    return {"story_id": story_id, "outlets": outlets, "articles": articles, "clusters": clusters,
            "differences": [c for c in clusters if c["missing_from"] or c["codes_differ"]],
            "quote_variants": quote_variants(con, story_id), "hedges": hedges(con, story_id)}


def quote_variants(con: duckdb.DuckDBPyConnection, story_id: str) -> list[Json]:
    """The story's quotations as each outlet prints them, with the words only that outlet has."""
    rows = dicts(con.execute(f"""
        SELECT v.group_id, v.quote_id, v.doc_id,
               coalesce((SELECT min({OUTLET}) FROM articles a WHERE a.doc_id = v.doc_id), v.outlet, v.doc_id) AS outlet,
               v.text, v.start_char, v.end_char, v.only_words, q.speaker_name, q.speaker_country
        FROM quote_variants v LEFT JOIN quotes q USING (quote_id)
        WHERE v.story_id = ? ORDER BY v.group_id, outlet, v.doc_id, v.start_char""", [story_id]))
    groups: dict[str, Json] = {}
    for row in rows:
        group = groups.setdefault(row["group_id"], {"group_id": row["group_id"], "speaker": None,
                                                    "speaker_country": None, "variants": [], "only_in": {}})
        if row["speaker_name"] and not group["speaker"]:
            group["speaker"], group["speaker_country"] = row["speaker_name"], row["speaker_country"]
        if row["only_words"]:
            group["only_in"][row["outlet"]] = row["only_words"]
        group["variants"].append({k: row[k] for k in ("quote_id", "doc_id", "outlet", "text", "start_char",
                                                      "end_char", "only_words")})
    return [{**g, "only_in": [{"outlet": o, "words": ws} for o, ws in g["only_in"].items()]}
            for g in groups.values()]


def hedges(con: duckdb.DuckDBPyConnection, story_id: str) -> list[Json]:
    """The hedges in the story's articles, each once with the events and quotes it qualifies.

    The sentence comes cut around the hedge (``before``, ``hedge``, ``after``) so templates
    highlight it without trusting article text.
    """
    rows = dicts(con.execute(f"""
        SELECT h.doc_id, coalesce((SELECT min({OUTLET}) FROM articles a WHERE a.doc_id = h.doc_id),
                                  h.doc_id) AS outlet,
               h.start_char, h.end_char, h.text, h.kind, h.sentence,
               coalesce(list({{'id': h.qualifies, 'kind': h.qualifies_kind, 'claim': h.claim}}
                             ORDER BY h.qualifies_kind, h.qualifies) FILTER (WHERE h.qualifies IS NOT NULL),
                        []) AS qualifies
        FROM hedges h WHERE h.doc_id IN (SELECT doc_id FROM stories WHERE story_id = ?)
        GROUP BY ALL ORDER BY outlet, h.doc_id, h.start_char""", [story_id]))
    for row in rows:
        sentence, at = row["sentence"] or "", (row["sentence"] or "").find(row["text"])
        row["context"] = ({"before": sentence[:at], "hedge": row["text"], "after": sentence[at + len(row["text"]):]}
                          if at >= 0 else {"before": sentence, "hedge": "", "after": ""})
    return rows
