"""Synthetic, schema-valid event and quote records, and a small monitor history.

The monitor is tested and demonstrated on data whose truth is known: the records here are
built by the constructors of ``flashpoint.records`` (so they validate against
``schemas/*.schema.json`` and take their labels from the codebook) and exercise the same
paths as extracted ones.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta

from flashpoint.ingest.article import Article
from flashpoint.records import Actor, EventRecord, QuoteRecord, actor, article_ref, event_record, quote_record
from flashpoint.store import HedgeRow, Mention, QuoteVariant, Store

#: Country code -> a name for the actors of synthetic events.
COUNTRIES = {"USA": "United States", "COL": "Colombia", "VEN": "Venezuela", "MEX": "Mexico",
             "CUB": "Cuba", "BRA": "Brazil", "CHN": "China", "RUS": "Russia"}


def state(country: str) -> Actor:
    """A resolved state actor of ``country``."""
    name = COUNTRIES.get(country, country)
    return actor(name, name, country=country, code=f"{country}GOV", sector="GOV")


def article(doc_id: str, text: str, published: date, outlet: str = "Example Wire",
            title: str | None = None) -> Article:
    return Article(doc_id=doc_id, text=text, title=title or doc_id, outlet=outlet, published=published)


def synthetic_event(art: Article, source: str | None, target: str | None, cameo: str,
                    sentence: str, trigger: str, day: date | None = None,
                    quote_id: str | None = None, negated: bool = False) -> EventRecord:
    """An event whose sentence (and trigger word within it) is found in the article's text."""
    start = art.text.index(sentence)
    t_start = start + sentence.index(trigger)
    digest = hashlib.sha1(f"{art.doc_id}|{t_start}|{cameo}|{source}|{target}".encode()).hexdigest()
    published = day or art.published
    return event_record(
        event_id=f"E{digest[:16]}", doc_id=art.doc_id, article=article_ref(art),
        sentence={"start": start, "end": start + len(sentence), "text": sentence},
        trigger={"start": t_start, "end": t_start + len(trigger), "text": trigger},
        source=state(source) if source else None, target=state(target) if target else None,
        cameo=cameo,
        date={"value": published.isoformat() if published else None, "precision": "day",
              "text": None if day is None else day.isoformat()},
        modality={"negated": negated, "hypothetical": False, "future": False, "reported_by": None},
        confidence=0.9, quote_id=quote_id)


def synthetic_quote(art: Article, text: str, speaker: str | None, cue: str = "said") -> QuoteRecord:
    """A direct quote of ``text`` (which must occur in the article) by a country's actor."""
    start = art.text.index(text)
    cue_start = art.text.find(cue, start)
    return quote_record(
        quote_id=f"Q{hashlib.sha1(f'{art.doc_id}|{start}'.encode()).hexdigest()[:16]}",
        doc_id=art.doc_id, start=start, end=start + len(text), text=text, kind="direct",
        cue={"start": cue_start, "end": cue_start + len(cue), "text": cue} if cue_start >= 0 else None,
        speaker=state(speaker) if speaker else None)


#: (source, target, CAMEO code, sentence, trigger) of an ordinary day, then of the escalation.
_CALM = [("USA", "COL", "040", "Washington held talks with Bogota on trade.", "held talks"),
         ("COL", "USA", "051", "Colombia praised the United States for its support.", "praised"),
         ("USA", "VEN", "112", "Washington accused Caracas of fraud.", "accused")]
_ESCALATION = [("USA", "COL", "138", "Trump threatened to strike targets in Colombia.", "threatened"),
               ("COL", "USA", "111", "Petro criticized the threats from Washington.", "criticized"),
               ("USA", "COL", "190", "US forces attacked a boat off the Colombian coast.", "attacked")]


Save = Callable[[Article, Sequence[EventRecord], Sequence[QuoteRecord]], bool]


def populate(save: Save, days: int = 45, first_day: date = date(2026, 1, 1), calm_days: int = 38) -> None:
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
        quotes = [synthetic_quote(art, "<b>we will respond</b>", "COL")] if n == days - 1 else []
        events = [synthetic_event(art, src, tgt, code, sentence, trigger)
                  for src, tgt, code, sentence, trigger in rows]
        if quotes:
            events.append(synthetic_event(art, "COL", "USA", "130", hostile, "respond",
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
    mentions = [Mention(event_id, event_id, last, None) for key, event_id in ids.items() if key.startswith(last)]
    mentions.append(Mention(ids[last + "190"], ids[first + "190"], first, None))
    quote_id, quoted, start, end = store.con.execute(
        "SELECT quote_id, text, start_char, end_char FROM quotes WHERE doc_id = ?", [last]).fetchone()
    theirs = said[said.index('"') + 1:-2]
    at = len(text) + said.index(theirs)
    hedge = len(text) + said.index("allegedly")
    store.save_stories(
        {"s1": [last, first]}, mentions,
        [QuoteVariant(quote_id, "s1", quote_id, last, "Example Wire", quoted, start, end, []),
         QuoteVariant(quote_id, "s1", "Q-wire-b", first, "Wire B", theirs, at, at + len(theirs), ["cowards"])],
        [HedgeRow(first, hedge, hedge + len("allegedly"), "allegedly", "uncertainty", said.strip(), "Q-wire-b",
                  "quote", theirs)])
