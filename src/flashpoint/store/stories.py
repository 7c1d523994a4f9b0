"""Story read queries: what grouping stored, as the story pages show it."""
from __future__ import annotations

import duckdb

from flashpoint.store.reading import Json, dicts, iso


def stories(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[Json]:
    """Stories (articles about the same events) with their outlets and sizes, largest first."""
    rows = dicts(con.execute("""
        SELECT s.story_id, count(DISTINCT s.doc_id) AS articles,
               list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
               min(a.title) AS title, min(a.published) AS first_published
        FROM stories s LEFT JOIN articles a ON a.doc_id = s.doc_id
        GROUP BY 1 ORDER BY articles DESC, story_id LIMIT ?""", [limit]))
    for row in rows:
        row["first_published"] = iso(row["first_published"])
    return rows


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> Json | None:
    """A story's articles and events, what each outlet reported that others did not, and its
    quote variants and hedges.

    An event cluster reported by only some of the story's outlets is a cross-outlet
    difference; so is a cluster whose reports disagree on the CAMEO code. Outlets are the
    articles' own, on both sides of that comparison.
    """
    articles = dicts(con.execute("""
        SELECT s.*, a.title, a.outlet, a.published, a.url FROM stories s
        LEFT JOIN articles a ON a.doc_id = s.doc_id WHERE s.story_id = ? ORDER BY a.outlet, s.doc_id""",
                                 [story_id]))
    if not articles:
        return None
    for row in articles:
        row["published"] = iso(row["published"])
    outlets = sorted({a["outlet"] or a["doc_id"] for a in articles})
    clusters = dicts(con.execute("""
        SELECT m.cluster_id,
               list(DISTINCT coalesce(a.outlet, m.doc_id) ORDER BY coalesce(a.outlet, m.doc_id)) AS outlets,
               list(DISTINCT e.cameo) AS codes, min(e.cameo_name) AS cameo_name,
               min(e.source_country) AS source, min(e.target_country) AS target,
               round(avg(e.goldstein), 2) AS goldstein, min(e.sentence) AS sentence
        FROM event_mentions m JOIN events e USING (event_id) LEFT JOIN articles a ON a.doc_id = m.doc_id
        WHERE m.doc_id IN (SELECT doc_id FROM stories WHERE story_id = ?)
        GROUP BY 1 ORDER BY 1""", [story_id]))
    for cluster in clusters:
        cluster["missing_from"] = [o for o in outlets if o not in cluster["outlets"]]
        cluster["codes_differ"] = len(cluster["codes"]) > 1
    return {"story_id": story_id, "outlets": outlets, "articles": articles, "clusters": clusters,
            "differences": [c for c in clusters if c["missing_from"] or c["codes_differ"]],
            "quote_variants": quote_variants(con, story_id), "hedges": hedges(con, story_id)}


def quote_variants(con: duckdb.DuckDBPyConnection, story_id: str) -> list[Json]:
    """The story's quotations as each outlet prints them, with the words only that outlet has."""
    rows = dicts(con.execute("""
        SELECT v.group_id, v.quote_id, v.doc_id, coalesce(v.outlet, v.doc_id) AS outlet, v.text,
               v.start_char, v.end_char, v.only_words, q.speaker_name, q.speaker_country
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
    rows = dicts(con.execute("""
        SELECT h.doc_id, coalesce((SELECT min(a.outlet) FROM articles a WHERE a.doc_id = h.doc_id),
                                  h.doc_id) AS outlet,
               h.start_char, h.end_char, h.text, h.kind, h.sentence,
               coalesce(list({'id': h.qualifies, 'kind': h.qualifies_kind, 'claim': h.claim}
                             ORDER BY h.qualifies_kind, h.qualifies) FILTER (WHERE h.qualifies IS NOT NULL),
                        []) AS qualifies
        FROM hedges h WHERE h.doc_id IN (SELECT doc_id FROM stories WHERE story_id = ?)
        GROUP BY ALL ORDER BY outlet, h.doc_id, h.start_char""", [story_id]))
    for row in rows:
        sentence, at = row["sentence"] or "", (row["sentence"] or "").find(row["text"])
        row["context"] = ({"before": sentence[:at], "hedge": row["text"], "after": sentence[at + len(row["text"]):]}
                          if at >= 0 else {"before": sentence, "hedge": "", "after": ""})
    return rows
