"""The use cases, each in one place: what the CLI, the API and the report do with articles.

``read_articles``
    files, directories and stdin to Articles (dateline and doc_id resolved by ``ingest``'s
    readers), and the inputs that could not be read.
``ingest`` / ``ingest_record``
    the one ingest path: duplicates (same normalised text) are found first and never
    extracted again, the rest extracted and stored one article at a time. The CLI gives it
    read files, the API one posted JSON object read exactly as a JSON Lines record, so the
    same article gets the same doc_id, date and events either way.
``extract``
    the records of articles, without storing them.
``analyze``
    what the store holds for a batch: each article's records and the batch's dyad summary
    (the store's one dyad definition: clusters counted once, negated and hypothetical
    events left out).
``compare``
    reconcile stored articles across outlets and store the result.
``report``
    the one-file HTML report of a store.
``refresh_alerts``
    compute and store the escalation alerts of the dyads a change touched (``ingest`` and
    ``compare`` call it), so that no page has to compute them.

Extraction is passed in as an ``Extractor`` so that the NLP pipeline is loaded only when an
article actually needs extracting (``pipeline_extractor``), and tests can substitute it.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from threading import Event
from typing import Any

from flashpoint.analysis.alerts import dyad_alerts
from flashpoint.analysis.compare import Comparison
from flashpoint.analysis.compare import compare as reconcile
from flashpoint.analysis.dyads import FREQS
from flashpoint.errors import ExtractionError, InputError
from flashpoint.ingest import Article, read_inputs
from flashpoint.ingest.readers import read_record
from flashpoint.records import EventRecord, Extraction, QuoteRecord
from flashpoint.report import build_report
from flashpoint.settings import Settings
from flashpoint.store import HedgeRow, Mention, QuoteVariant, Store
from flashpoint.store import alerts as alert_table
from flashpoint.store.dyads import daily, dyad_table
from flashpoint.store.reading import Json

#: Articles in, one Extraction per article out, in order (or the ExtractionError that
#: stopped it: over its time budget, cancelled).
Extractor = Callable[[Sequence[Article]], Iterable[Extraction | ExtractionError]]


def pipeline_extractor(settings: Settings | None = None, cancel: Event | None = None) -> Extractor:
    """Extraction by the flashpoint pipeline, loaded on first use (not when the CLI or server
    starts); setting ``cancel`` stops it (see ``flashpoint.runner``)."""
    chosen = settings or Settings()

    def run(articles: Sequence[Article]) -> Iterable[Extraction | ExtractionError]:
        from flashpoint.extract import extract as run_pipeline
        from flashpoint.nlp.pipeline import load_pipeline

        if not articles:
            return iter(())
        return run_pipeline(articles, load_pipeline(chosen), chosen, cancel)

    return run


@dataclass
class Batch:
    """What was read: the articles, and the inputs that failed (each names itself)."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def read_articles(paths: Sequence[str], settings: Settings | None = None,
                  published: date | None = None) -> Batch:
    """All readable articles of ``paths`` (``published`` overrides every date), and the failures."""
    batch = Batch()
    for result in read_inputs(paths, settings, date_override=published):
        if isinstance(result, InputError):
            batch.errors.append(result)
        else:
            batch.articles.append(result)
    return batch


@dataclass
class Ingested:
    """What ``ingest`` did: every distinct article as stored, what it newly stored, and the
    articles whose extraction was stopped (not stored)."""

    articles: list[Article]
    new: list[Extraction]
    errors: list[ExtractionError] = field(default_factory=list)

    @property
    def already_stored(self) -> int:
        return len(self.articles) - len(self.new)


def ingest(store: Store, articles: Iterable[Article], extractor: Extractor) -> Ingested:
    """Store the articles not stored yet, with their events and quotes.

    The duplicate check comes first: an article whose normalised text is stored (or appears
    earlier in ``articles``) is not extracted; it is returned as stored, under the doc_id of
    its first ingest, which is the doc_id its records carry. Each article is stored in its
    own transaction as soon as it is extracted, so an interruption keeps what was done. An
    article whose extraction was stopped (``ExtractionError``, in ``errors``) is not stored
    and not in ``articles``.
    """
    distinct: dict[str, Article] = {}
    for article in articles:
        distinct.setdefault(article.content_hash, article)
    before = _data_version(store)
    stored = store.stored_articles(list(distinct))
    pending = [a for digest, a in distinct.items() if digest not in stored]
    if pending:
        store.prepare_to_write()  # a store another process holds is refused now, not after extraction
    new: list[Extraction] = []
    errors: list[ExtractionError] = []
    for extraction in extractor(pending):
        if isinstance(extraction, ExtractionError):
            errors.append(extraction)
        elif store.save_article(extraction.article, extraction.events, extraction.quotes):
            new.append(extraction)
            stored[extraction.article.content_hash] = extraction.article
    raced = [digest for digest in distinct if digest not in stored]  # stored meanwhile by another writer
    if raced:
        stored |= store.stored_articles(raced)
    if new:
        refresh_alerts(store, dyads_of(e for x in new for e in x.events), before)
    return Ingested([stored[digest] for digest in distinct if digest in stored], new, errors)


@dataclass
class IngestedRecord:
    """The API's answer: the article as stored, whether this call stored it, and its records."""

    article: Article
    stored: bool
    extraction: Extraction


def ingest_record(store: Store, record: Mapping[str, Any], extractor: Extractor,
                  where: str = "POST /api/articles") -> IngestedRecord:
    """Ingest one JSON object (``id``, ``text``, ``title``, ``url``, ``outlet``, ``published``),
    read exactly as a line of a JSON Lines file would be; an InputError when it cannot be
    read (no text, a field of the wrong type) or its extraction was stopped."""
    result = ingest(store, [read_record(record, where)], extractor)
    if result.errors:
        raise result.errors[0]
    article = result.articles[0]
    extraction = result.new[0] if result.new else store.extraction(article)
    return IngestedRecord(article, bool(result.new), extraction)


@dataclass
class Extracted:
    """The records of a batch, without storing them, and the articles whose extraction stopped."""

    events: list[EventRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    errors: list[ExtractionError] = field(default_factory=list)


def extract(articles: Sequence[Article], extractor: Extractor) -> Extracted:
    """The event and quote records of ``articles``, in order, without storing anything."""
    result = Extracted()
    for extraction in extractor(articles):
        if isinstance(extraction, ExtractionError):
            result.errors.append(extraction)
        else:
            result.events.extend(extraction.events)
            result.quotes.extend(extraction.quotes)
    return result


@dataclass
class Analysis:
    """What the store holds for a batch: each article's records, and the batch's dyads."""

    extractions: list[Extraction]
    dyads: list[Json]


def analyze(store: Store, articles: Sequence[Article], max_dyads: int = 50) -> Analysis:
    """The stored records of ``articles`` (as ``ingest`` returned them) and their dyad summary,
    events with an actor of no known country included (as "?" dyads), not silently left out."""
    with store.cursor() as con:
        dyads = dyad_table(con, limit=max_dyads, doc_ids=[a.doc_id for a in articles], unknown=True)
    return Analysis([store.extraction(a) for a in articles], dyads)


def compare(store: Store, articles: Sequence[Article]) -> Comparison:
    """Reconcile stored articles (as ``ingest`` returned them) from their stored events and
    quotes, nothing re-extracted, and store the stories, event clusters, quote variants and
    hedges found.

    A quote group is named by the quote_id of its first variant, as a cluster by its first
    event: the id is stable across runs and points at a stored record.
    """
    doc_ids = [a.doc_id for a in articles]
    before = _data_version(store)
    events = list(store.event_records(doc_ids))
    comparison = reconcile(articles, events, list(store.quote_records(doc_ids)))
    mentions = [Mention(c.id, m["event_id"], m["doc_id"], outlet)
                for c in comparison.events for m, outlet in zip(c.mentions, c.outlets, strict=True)]
    variants = [QuoteVariant(group.variants[0]["quote_id"], story_id, v["quote_id"], v["doc_id"],
                             comparison.outlet(v["doc_id"]), v["text"], v["start"], v["end"],
                             list(dict(group.only_in).get(v["doc_id"], ())))
                for story_id, group in comparison.quote_variants for v in group.variants]
    hedges = [HedgeRow(h.doc_id, h.start, h.end, h.text, h.kind, h.sentence, h.qualifies, h.qualifies_kind,
                       h.claim) for h in comparison.hedges]
    store.save_stories({s.id: s.doc_ids for s in comparison.stories}, mentions, variants, hedges)
    refresh_alerts(store, dyads_of(events), before)
    return comparison


def dyads_of(events: Iterable[EventRecord]) -> set[tuple[str, str]]:
    """The directed country dyads of ``events``."""
    return {(e["source"]["country"], e["target"]["country"]) for e in events
            if e["source"] and e["target"] and e["source"]["country"] and e["target"]["country"]}


def _data_version(store: Store) -> alert_table.DataVersion:
    with store.cursor() as con:
        return alert_table.data_version(con)


def refresh_alerts(store: Store, dyads: Collection[tuple[str, str]] | None = None,
                   before: alert_table.DataVersion | None = None) -> None:
    """Compute and store the alerts, per day and per week, of ``dyads`` after a change.

    ``before`` is the data version before the change: when the stored alerts were not
    current for it (or ``dyads`` is None), every dyad is recomputed, so that the alerts
    stored are always those of the whole data.
    """
    with store.cursor() as con:
        version = alert_table.data_version(con)
        if dyads is not None and alert_table.stored_version(con) != before:
            dyads = None
        days = daily(con, dyads)
    rows = [(freq, a.source, a.target, a.period, a.rule, a.value, a.baseline, a.threshold, a.strength,
             a.severity, a.message) for freq in FREQS for a in dyad_alerts(days, freq)]
    store.save_alerts(rows, version, None if dyads is None else sorted(dyads))


def report(store: Store, output: str | Path, max_dyads: int = 10) -> Path:
    """Write the one-file HTML report of ``store`` to ``output``."""
    path = Path(output)
    path.write_text(build_report(store, max_dyads), encoding="utf-8")
    return path
