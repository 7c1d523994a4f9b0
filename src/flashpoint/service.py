"""The use cases, each in one place: what the CLI, the API and the report do with articles.

``Reading`` / ``read_articles``
    files, directories and stdin to Articles (dateline and doc_id resolved by ``ingest``'s
    readers), read as they are consumed, and the inputs that could not be read.
``ingest_stream`` / ``ingest`` / ``ingest_record``
    the one ingest path: duplicates (same normalised text) are found first and never
    extracted again, the rest extracted and stored a batch of articles at a time (each article
    atomically). The CLI gives it read files, the API one posted JSON object read exactly as a
    JSON Lines record, so the same article gets the same doc_id, date and events either way.
``extract``
    the records of articles as they are extracted, without storing them.
``analyze``
    what the store holds for a batch: each article's records and the batch's dyad summary
    (the store's one dyad definition: clusters counted once, negated and hypothetical
    events left out).
``compare``
    reconcile stored articles across outlets and store the result.
``report``
    the one-file HTML report of a store.

Everything streams: articles are read, extracted and stored a batch at a time, so memory
stays flat whatever the size of the input. Extraction is passed in as an ``Extractor`` so
that the NLP pipeline is loaded only when an article actually needs extracting
(``pipeline_extractor``), and tests can substitute it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flashpoint.errors import InputError, StoreError
from flashpoint.ingest import Article, read_inputs
from flashpoint.ingest.readers import read_record
from flashpoint.records import Extraction
from flashpoint.settings import Settings
from flashpoint.store import HedgeRow, Mention, QuoteVariant, Store
from flashpoint.store.dyads import dyad_table
from flashpoint.store.reading import Json

if TYPE_CHECKING:
    from flashpoint.analysis.compare import Comparison

#: Articles in, one Extraction per article out, in order, as they are extracted.
Extractor = Callable[[Iterable[Article]], Iterable[Extraction]]


def pipeline_extractor(settings: Settings | None = None) -> Extractor:
    """Extraction by the flashpoint pipeline, loaded when the first article needs it (not when
    the CLI or server starts, nor when every article is already stored)."""
    chosen = settings or Settings()

    def run(articles: Iterable[Article]) -> Iterator[Extraction]:
        pending = iter(articles)
        first = next(pending, None)
        if first is None:
            return
        from flashpoint.extract import extract as run_pipeline
        from flashpoint.nlp.pipeline import load_pipeline

        yield from run_pipeline(chain([first], pending), load_pipeline(chosen), batch_size=chosen.batch_size)

    return run


@dataclass
class Reading:
    """The articles of ``paths``, read as they are consumed (``published`` overrides every
    date); each input that cannot be read goes to ``report`` and is counted in ``failed``."""

    paths: Sequence[str]
    report: Callable[[InputError], object]
    settings: Settings = field(default_factory=Settings)
    published: date | None = None
    failed: int = 0

    def __iter__(self) -> Iterator[Article]:
        for result in read_inputs(self.paths, self.settings, date_override=self.published):
            if isinstance(result, InputError):
                self.failed += 1
                self.report(result)
            else:
                yield result


@dataclass
class Batch:
    """What was read: the articles, and the inputs that failed (each names itself)."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def read_articles(paths: Sequence[str], settings: Settings | None = None,
                  published: date | None = None) -> Batch:
    """All readable articles of ``paths`` at once (``published`` overrides every date), and the failures."""
    batch = Batch()
    batch.articles = list(Reading(paths, batch.errors.append, settings or Settings(), published))
    return batch


@dataclass
class Outcome:
    """What ingesting did with one distinct article."""

    article: Article  # as stored (under the doc_id of its first ingest), or as read when it failed
    new: Extraction | None = None  # its records, when this ingest stored it
    error: StoreError | None = None  # why it could not be stored


def ingest_stream(store: Store, articles: Iterable[Article], extractor: Extractor,
                  batch_size: int | None = None) -> Iterator[Outcome]:
    """Store the articles not stored yet, with their events and quotes, a batch at a time.

    For each batch of ``batch_size`` articles (default: ``Settings.store_batch``) the
    duplicate check comes first: an article whose normalised text is stored (or appears
    earlier in the batch) is not extracted, and comes out as stored, under the doc_id of its
    first ingest, which is the doc_id its records carry. The others are extracted and stored
    together, each article in its own right (one that cannot be stored is reported and the
    rest kept). A batch's outcomes come once it is committed, so an interruption loses at
    most the batch in hand, and nothing reported stored. Duplicates across batches are found
    in the store. Outcomes come in input order, one per distinct article.
    """
    pending, size = iter(articles), batch_size or Settings().store_batch
    while chunk := list(islice(pending, size)):
        distinct: dict[str, Article] = {}
        for article in chunk:
            distinct.setdefault(article.content_hash, article)
        stored = store.stored_articles(list(distinct))
        extractions = list(extractor(a for digest, a in distinct.items() if digest not in stored))
        done: dict[str, Outcome] = {}
        for extraction, saved in zip(extractions, store.save_articles(extractions), strict=True):
            if saved is not False:
                done[extraction.article.content_hash] = (Outcome(extraction.article, error=saved)
                                                         if isinstance(saved, StoreError)
                                                         else Outcome(extraction.article, extraction))
        raced = [d for d in distinct if d not in stored and d not in done]  # stored meanwhile elsewhere
        if raced:
            stored |= store.stored_articles(raced)
        for digest in distinct:
            yield done.get(digest) or Outcome(stored[digest])


@dataclass
class Ingested:
    """What ``ingest`` did: every distinct article as stored, what it newly stored, what failed."""

    articles: list[Article]
    new: list[Extraction]
    failed: list[StoreError] = field(default_factory=list)

    @property
    def already_stored(self) -> int:
        return len(self.articles) - len(self.new)


def ingest(store: Store, articles: Iterable[Article], extractor: Extractor) -> Ingested:
    """``ingest_stream``, collected: for callers that show the batch afterwards (analyze,
    compare, the API). Articles that could not be stored are in ``failed``, not ``articles``."""
    result = Ingested([], [])
    for outcome in ingest_stream(store, articles, extractor):
        if outcome.error is not None:
            result.failed.append(outcome.error)
            continue
        result.articles.append(outcome.article)
        if outcome.new is not None:
            result.new.append(outcome.new)
    return result


@dataclass
class IngestedRecord:
    """The API's answer: the article as stored, whether this call stored it, and its records."""

    article: Article
    stored: bool
    extraction: Extraction


def ingest_record(store: Store, record: Mapping[str, Any], extractor: Extractor,
                  where: str = "POST /api/articles") -> IngestedRecord:
    """Ingest one JSON object (``id``, ``text``, ``title``, ``url``, ``outlet``, ``published``),
    read exactly as a line of a JSON Lines file would be; an InputError when it has no text,
    the StoreError when it could not be stored."""
    (outcome,) = ingest_stream(store, [read_record(record, where)], extractor)
    if outcome.error is not None:
        raise outcome.error
    extraction = outcome.new or store.extraction(outcome.article)
    return IngestedRecord(outcome.article, outcome.new is not None, extraction)


def extract(articles: Iterable[Article], extractor: Extractor) -> Iterator[Extraction]:
    """The records of ``articles``, an article at a time as they are extracted, without storing."""
    yield from extractor(articles)


@dataclass
class Analysis:
    """What the store holds for a batch: each article's records, and the batch's dyads."""

    extractions: list[Extraction]
    dyads: list[Json]


def analyze(store: Store, articles: Sequence[Article], max_dyads: int = 50) -> Analysis:
    """The stored records of ``articles`` (as ``ingest`` returned them) and their dyad summary."""
    with store.cursor() as con:
        dyads = dyad_table(con, limit=max_dyads, doc_ids=[a.doc_id for a in articles])
    return Analysis([store.extraction(a) for a in articles], dyads)


def compare(store: Store, articles: Sequence[Article]) -> Comparison:
    """Reconcile stored articles (as ``ingest`` returned them) from their stored events and
    quotes, nothing re-extracted, and store the stories, event clusters, quote variants and
    hedges found.

    A quote group is named by the quote_id of its first variant, as a cluster by its first
    event: the id is stable across runs and points at a stored record.
    """
    from flashpoint.analysis.compare import compare as reconcile

    doc_ids = [a.doc_id for a in articles]
    comparison = reconcile(articles, list(store.event_records(doc_ids)), list(store.quote_records(doc_ids)))
    mentions = [Mention(c.id, m["event_id"], m["doc_id"], outlet)
                for c in comparison.events for m, outlet in zip(c.mentions, c.outlets, strict=True)]
    variants = [QuoteVariant(group.variants[0]["quote_id"], story_id, v["quote_id"], v["doc_id"],
                             comparison.outlet(v["doc_id"]), v["text"], v["start"], v["end"],
                             list(dict(group.only_in).get(v["doc_id"], ())))
                for story_id, group in comparison.quote_variants for v in group.variants]
    hedges = [HedgeRow(h.doc_id, h.start, h.end, h.text, h.kind, h.sentence, h.qualifies, h.qualifies_kind,
                       h.claim) for h in comparison.hedges]
    store.save_stories({s.id: s.doc_ids for s in comparison.stories}, mentions, variants, hedges)
    return comparison


def report(store: Store, output: str | Path, max_dyads: int = 10) -> Path:
    """Write the one-file HTML report of ``store`` to ``output``."""
    from flashpoint.report import build_report

    path = Path(output)
    path.write_text(build_report(store, max_dyads), encoding="utf-8")
    return path
