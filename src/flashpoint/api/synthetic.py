"""Synthetic, schema-valid event and quote records, and a bulk generator.

The monitor is tested, demonstrated and benchmarked on data whose truth is known: the
records here validate against ``schemas/*.schema.json`` and take their labels from the
codebook, so they exercise the same paths as extracted ones. ``bulk_events`` fills the events
table inside DuckDB (one INSERT ... SELECT), which loads a million rows in seconds.
"""
from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Any

import duckdb

from flashpoint.codebook import lookup
from flashpoint.ingest.article import Article
from flashpoint.records import EventRecord, QuoteRecord
from flashpoint.store import Store

#: Country code -> a name for the actors of synthetic events.
COUNTRIES = {"USA": "United States", "COL": "Colombia", "VEN": "Venezuela", "MEX": "Mexico",
             "CUB": "Cuba", "BRA": "Brazil", "CHN": "China", "RUS": "Russia"}


def actor(country: str) -> dict[str, Any]:
    """A resolved state actor of ``country``."""
    name = COUNTRIES.get(country, country)
    return {"name": name, "text": name, "start": None, "end": None, "country": country,
            "code": f"{country}GOV", "sector": "GOV"}


def article(doc_id: str, text: str, published: date, outlet: str = "Example Wire",
            title: str | None = None) -> Article:
    return Article(doc_id=doc_id, text=text, title=title or doc_id, outlet=outlet, published=published)


def event_record(art: Article, source: str | None, target: str | None, cameo: str,
                 sentence: str, trigger: str, day: date | None = None,
                 quote_id: str | None = None, negated: bool = False) -> EventRecord:
    """An event whose sentence (and trigger word within it) is found in the article's text."""
    start = art.text.index(sentence)
    t_start = start + sentence.index(trigger)
    code = lookup(cameo)
    digest = hashlib.sha1(f"{art.doc_id}|{t_start}|{cameo}|{source}|{target}".encode()).hexdigest()
    return {
        "event_id": f"E{digest[:16]}", "doc_id": art.doc_id, "article": art.reference(),
        "sentence": {"start": start, "end": start + len(sentence), "text": sentence},
        "trigger": {"start": t_start, "end": t_start + len(trigger), "text": trigger},
        "source": actor(source) if source else None, "target": actor(target) if target else None,
        "cameo": cameo, "cameo_root": code.root, "cameo_name": code.name,
        "goldstein": code.goldstein, "quad_class": code.quad_class,
        "plover": {"event_type": code.plover_type, "mode": code.plover_mode},
        "date": {"value": (day or art.published).isoformat(), "precision": "day",
                 "text": None if day is None else day.isoformat()},
        "location": None,
        "modality": {"negated": negated, "hypothetical": False, "future": False, "reported_by": None},
        "quote_id": quote_id, "confidence": 0.9,
    }


def quote_record(art: Article, text: str, speaker: str | None, cue: str = "said") -> QuoteRecord:
    """A direct quote of ``text`` (which must occur in the article) by a country's actor."""
    start = art.text.index(text)
    cue_start = art.text.find(cue, start)
    return {"quote_id": f"Q{hashlib.sha1(f'{art.doc_id}|{start}'.encode()).hexdigest()[:16]}",
            "doc_id": art.doc_id, "start": start, "end": start + len(text), "text": text,
            "direct": True, "kind": "direct",
            "cue": {"start": cue_start, "end": cue_start + len(cue), "text": cue} if cue_start >= 0 else None,
            "speaker": actor(speaker) if speaker else None}


def bulk_events(con: duckdb.DuckDBPyConnection, n: int, seed: float = 0.42,
                days: int = 730, first_day: date = date(2024, 1, 1)) -> None:
    """Insert ``n`` random events (8 countries, all roots, ``days`` days) in one statement."""
    codes = ", ".join(f"'{c:02d}'" for c in range(1, 21))
    countries = ", ".join(f"'{c}'" for c in COUNTRIES)
    con.execute("SELECT setseed(?)", [seed])
    con.execute(f"""
        INSERT INTO events
        WITH raw AS (
            SELECT i, [{countries}][1 + (random() * 8)::INT % 8] AS src,
                   [{countries}][1 + (random() * 8)::INT % 8] AS tgt,
                   [{codes}][1 + (random() * 20)::INT % 20] AS root,
                   DATE '{first_day.isoformat()}' + (random() * {days})::INT % {days} AS day
            FROM range(?) t(i))
        SELECT 'B' || i, 'bench', 'bench-' || (i // 20), 'Outlet ' || (i % 7), day, day, 'day',
               src, src, src || 'GOV', tgt, tgt, tgt || 'GOV', root || '0', root, 'synthetic',
               CASE WHEN root::INT >= 14 THEN -7.0 WHEN root::INT >= 10 THEN -3.0 ELSE 3.0 END,
               CASE WHEN root::INT <= 5 THEN 1 WHEN root::INT <= 9 THEN 2
                    WHEN root::INT <= 14 THEN 3 ELSE 4 END,
               'SYNTHETIC', NULL, false, false, false,
               'Synthetic sentence number ' || i || '.', 0, 30, NULL, 0.5,
               json_object('event_id', 'B' || i, 'synthetic', true)
        FROM raw""", [n])



#: (source, target, CAMEO code, sentence, trigger) of an ordinary day, then of the escalation.
_CALM = [("USA", "COL", "040", "Washington held talks with Bogota on trade.", "held talks"),
         ("COL", "USA", "051", "Colombia praised the United States for its support.", "praised"),
         ("USA", "VEN", "112", "Washington accused Caracas of fraud.", "accused")]
_ESCALATION = [("USA", "COL", "138", "Trump threatened to strike targets in Colombia.", "threatened"),
               ("COL", "USA", "111", "Petro criticized the threats from Washington.", "criticized"),
               ("USA", "COL", "190", "US forces attacked a boat off the Colombian coast.", "attacked")]


def populate(save, days: int = 45, first_day: date = date(2026, 1, 1), calm_days: int = 38) -> None:
    """A small monitor history: ``calm_days`` ordinary days, then an escalation.

    ``save(article, events, quotes)`` is ``Store.save_article``. One article carries HTML in
    its title, text and quote, to show that every view escapes what comes from articles.
    """
    for n in range(days):
        day = first_day + timedelta(days=n)
        rows = _CALM if n < calm_days else _CALM + _ESCALATION
        hostile = "<script>alert('x')</script> Officials said \"<b>we will respond</b>\"."
        sentences = [row[3] for row in rows] + ([hostile] if n == days - 1 else [])
        text = " ".join([f"Bogota, {day:%B} {day.day}, {day.year}."] + sentences)
        art = article(f"demo-{day.isoformat()}", text, day,
                      title=f"<i>Day</i> {n + 1}" if n == days - 1 else f"Day {n + 1}")
        quotes = [quote_record(art, "<b>we will respond</b>", "COL")] if n == days - 1 else []
        events = [event_record(art, src, tgt, code, sentence, trigger)
                  for src, tgt, code, sentence, trigger in rows]
        if quotes:
            events.append(event_record(art, "COL", "USA", "130", hostile, "respond",
                                       quote_id=quotes[0]["quote_id"]))
        save(art, events, quotes)


def link_story(store: Store) -> None:
    """Make the last two days of ``populate`` one story told by two outlets.

    The day before is re-attributed to "Wire B"; the attack both days report becomes one
    cluster, every other event of the last day is reported by its outlet only. Wire B also
    prints the last day's quote its own way, with a word only it has ("cowards") and, like
    the quote, markup that every view must escape, after a hedge ("allegedly"); that sentence
    is appended to its text so the stored offsets point at it.
    """
    first, last = "demo-2026-02-13", "demo-2026-02-14"
    said = ' Officials allegedly said "we will respond, cowards</blockquote><script>alert(\'v\')</script>".'
    (text,) = store.con.execute("SELECT text FROM articles WHERE doc_id = ?", [first]).fetchone()
    store.con.execute("UPDATE articles SET outlet = 'Wire B', text = ? WHERE doc_id = ?", [text + said, first])
    ids = dict(store.con.execute("SELECT doc_id || cameo, event_id FROM events WHERE doc_id IN (?, ?)",
                                 [first, last]).fetchall())
    mentions = [(event_id, event_id, last, None) for key, event_id in ids.items() if key.startswith(last)]
    mentions.append((ids[last + "190"], ids[first + "190"], first, None))
    quote_id, quoted, start, end = store.con.execute(
        "SELECT quote_id, text, start_char, end_char FROM quotes WHERE doc_id = ?", [last]).fetchone()
    theirs = said[said.index('"') + 1:-2]
    at = len(text) + said.index(theirs)
    hedge = len(text) + said.index("allegedly")
    store.save_stories(
        {"s1": [last, first]}, mentions,
        [(quote_id, "s1", quote_id, last, "Example Wire", quoted, start, end, []),
         (quote_id, "s1", "Q-wire-b", first, "Wire B", theirs, at, at + len(theirs), ["cowards"])],
        [(first, hedge, hedge + len("allegedly"), "allegedly", "uncertainty", said.strip(), "Q-wire-b",
          "quote", theirs)])
