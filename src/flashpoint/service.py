"""The use cases, each in one place: what the CLI, the API and the report do with articles.

``Reading`` / ``read_articles``
    files, directories and stdin to Articles (dateline and doc_id resolved by ``ingest``'s
    readers), read as they are consumed, and the inputs that could not be read.
``ingest_stream`` / ``ingest`` / ``ingest_record``
    the one ingest path: duplicates (same normalised text) are found first and never
    extracted again, the rest extracted and stored a batch of articles at a time (each
    article atomically), then grouped into stories. The CLI gives it read files, the API one
    posted JSON object read exactly as a JSON Lines record, so the same article gets the same
    doc_id, date and events either way.
``ingest_dataset`` / ``extract_dataset``
    backfills: a Parquet dataset extracted on a Dask cluster, and its loading through ``ingest``.
``watch``
    feeds polled, new article pages fetched and ingested (``flashpoint watch``, ``serve --watch``).
``extract``
    the records of articles as they are extracted, without storing them.
``analyze``
    what the store holds for a batch: each article's records and the batch's dyad summary
    (the store's one dyad definition: clusters counted once, negated and hypothetical
    events left out).
``group_new`` / ``regroup``
    stories built as articles arrive: every ingest attaches its new articles to stories (or
    opens new ones) and reconciles the stories it changed; ``regroup`` rebuilds them all.
``compare``
    the store's stories of some articles, reconciled across outlets.
``report``
    the one-file HTML report of a store.
``refresh_alerts``
    compute and store the escalation alerts of the dyads a change touched (``ingest``,
    ``compare`` and ``regroup`` call it), so that no page has to compute them.

Everything streams: articles are read, extracted and stored a batch at a time, so memory
stays flat whatever the size of the input. Extraction is passed in as an ``Extractor`` so
that the NLP pipeline is loaded only when an article actually needs extracting
(``pipeline_extractor``; ``workers`` processes for ``--workers``), and tests can substitute
it. Feeds, Dask, the pipeline and the report are imported only by the use cases that need
them, so that commands whose articles are all stored start without them.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain, islice
from pathlib import Path
from threading import Event
from typing import TYPE_CHECKING, Any

from flashpoint.analysis.alerts import dyad_alerts
from flashpoint.analysis.compare import Comparison
from flashpoint.analysis.compare import reconcile as reconcile_stories
from flashpoint.analysis.dyads import FREQS
from flashpoint.analysis.stories import Story
from flashpoint.errors import ExtractionError, InputError, StoreError
from flashpoint.ingest import Article, read_inputs
from flashpoint.ingest.readers import read_record
from flashpoint.memory import release_freed
from flashpoint.records import EventRecord, Extraction
from flashpoint.settings import Settings
from flashpoint.store import Grouped, HedgeRow, Mention, QuoteVariant, Store
from flashpoint.store import alerts as alert_table
from flashpoint.store import grouping as story_groups
from flashpoint.store.dyads import daily, dyad_table
from flashpoint.store.reading import Json

if TYPE_CHECKING:
    from flashpoint.feeds import FetchPolicy, PollSummary
    from flashpoint.scale.cluster import PartitionResult

#: Articles in, one Extraction per article out, in input order (or the ExtractionError that
#: stopped it: over its time budget, cancelled), as they are extracted: an extractor reads
#: its articles as it needs them, so a stream of any length can go through one extractor.
Extractor = Callable[[Iterable[Article]], Iterable[Extraction | ExtractionError]]


def pipeline_extractor(settings: Settings | None = None, cancel: Event | None = None, workers: int = 1,
                       apart: bool = False) -> Extractor:
    """Extraction by the flashpoint pipeline, loaded when the first article needs it (not when
    the CLI or server starts, nor when every article is stored already); setting ``cancel``
    stops it (see ``flashpoint.runner``). With ``workers`` > 1, by that many processes, each
    loading the pipeline once (``scale.pool``).

    ``apart``: even one worker is a process of its own. For a caller with work of its own on
    every result (``ingest_stream`` stores and groups them): on a second core that work runs
    while the next articles are extracted, instead of after them, so ingest keeps the pace of
    extraction alone. Without a spare core it would only add the cost of the process."""
    chosen = settings or Settings()

    def run(articles: Iterable[Article]) -> Iterator[Extraction | ExtractionError]:
        pending = iter(articles)
        first = next(pending, None)
        if first is None:
            return
        stream = chain([first], pending)
        if workers > 1 or apart:
            from flashpoint.scale.pool import extract_parallel

            yield from extract_parallel(stream, chosen, workers)
            return
        from flashpoint.extract import extract as run_pipeline
        from flashpoint.nlp.pipeline import load_pipeline

        yield from run_pipeline(stream, load_pipeline(chosen), chosen, cancel)

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
    error: ExtractionError | StoreError | None = None  # why it was not stored


#: Chunks of input read ahead of the one being stored, at most: bounds the memory of a long
#: run of articles stored already while the extractor looks for the next one to extract. An
#: extractor reads ahead a round (``runner``) or its workers' chunks (``scale.pool``): far less.
READ_AHEAD_CHUNKS = 16


@dataclass
class _Chunk:
    """``store_batch`` consecutive articles of the input on their way to the store: the
    distinct ones, those stored already, and the extraction results as they come in."""

    distinct: dict[str, Article]
    stored: dict[str, Article]
    waiting: set[str]  # content hashes still to be extracted
    results: dict[str, Extraction | ExtractionError] = field(default_factory=dict)


class _Feed:
    """The input cut into chunks, each chunk's duplicates found before anything is extracted,
    the articles to extract handed to the extractor as it asks for them, and each chunk
    stored once its articles are extracted (with what that changed, for the alerts)."""

    def __init__(self, store: Store, articles: Iterable[Article], size: int) -> None:
        self.store = store
        self.input = iter(articles)
        self.size = size
        self.chunks: deque[_Chunk] = deque()  # read, not stored yet, in input order
        self.todo: deque[Article] = deque()  # to hand to the extractor
        self.before: alert_table.DataVersion | None = None  # before the first write
        self.dyads: set[tuple[str, str]] = set()  # the dyads the writes touched

    def read(self) -> bool:
        """Read the next chunk; False at the end of the input. An article whose text is
        stored, or is being extracted for an earlier chunk, is not extracted again."""
        chunk = list(islice(self.input, self.size))
        if not chunk:
            return False
        distinct: dict[str, Article] = {}
        for article in chunk:
            distinct.setdefault(article.content_hash, article)
        in_flight = {digest for earlier in self.chunks for digest in (*earlier.waiting, *earlier.results)}
        stored = self.store.stored_articles([d for d in distinct if d not in in_flight])
        waiting = {d for d in distinct if d not in stored and d not in in_flight}
        self.chunks.append(_Chunk(distinct, stored, waiting))
        self.todo.extend(a for d, a in distinct.items() if d in waiting)
        return True

    def articles(self) -> Iterator[Article]:
        """What the extractor reads: the articles to extract, reading chunks as needed (up to
        ``READ_AHEAD_CHUNKS`` not stored yet; past that the extractor's input ends here)."""
        while self.todo or (len(self.chunks) < READ_AHEAD_CHUNKS and self.read()):
            if self.todo:
                yield self.todo.popleft()

    def take(self, result: Extraction | ExtractionError) -> None:
        """File an extractor's result with its chunk. An error names its article by doc_id:
        results come in input order, so it is the first article of that doc_id still waiting."""
        for chunk in self.chunks:
            digest = result.article.content_hash if isinstance(result, Extraction) else next(
                (d for d, a in chunk.distinct.items() if d in chunk.waiting and a.doc_id == result.subject), None)
            if digest in chunk.waiting:
                chunk.waiting.discard(digest)
                chunk.results[digest] = result
                return

    def finish(self) -> None:
        """The extractor has ended: what it was to extract and gave no result for is left out."""
        for chunk in self.chunks:
            chunk.waiting.clear()
        self.todo.clear()

    def store_ready(self) -> Iterator[Outcome]:
        """Store the chunks at the head whose articles are all extracted, each as one batch
        (each article atomically); an outcome per distinct article."""
        while self.chunks and not self.chunks[0].waiting:
            chunk = self.chunks.popleft()
            extracted = [x for x in chunk.results.values() if isinstance(x, Extraction)]
            done = {digest: Outcome(chunk.distinct[digest], error=error) for digest, error in chunk.results.items()
                    if isinstance(error, ExtractionError)}
            if extracted:
                self.before = self.before or _data_version(self.store)
                for extraction, saved in zip(extracted, self.store.save_articles(extracted), strict=True):
                    if saved is not False:  # False: another writer stored it meanwhile (looked up below)
                        done[extraction.article.content_hash] = Outcome(
                            extraction.article, error=saved) if isinstance(saved, StoreError) else Outcome(
                            extraction.article, extraction)
                new = [o.new for o in done.values() if o.new is not None]
                self.dyads |= dyads_of(e for x in new for e in x.events)
            raced = [digest for digest in chunk.distinct if digest not in chunk.stored and digest not in done]
            if raced:
                chunk.stored |= self.store.stored_articles(raced)
            yield from (done.get(digest) or Outcome(chunk.stored[digest]) for digest in chunk.distinct
                        if digest in done or digest in chunk.stored)


def ingest_stream(store: Store, articles: Iterable[Article], extractor: Extractor,
                  batch_size: int | None = None) -> Iterator[Outcome]:
    """Store the articles not stored yet, with their events and quotes, a batch at a time.

    The input is read in chunks of ``batch_size`` articles (default: ``Settings.store_batch``)
    and the duplicate check comes first: an article whose normalised text is stored (or
    appears earlier in the input) is not extracted, and comes out as stored, under the doc_id
    of its first ingest, which is the doc_id its records carry. The others stream through one
    extractor (a pool of workers is started once, not per chunk); each chunk's articles are
    stored together as soon as they are all extracted, each article in its own right (one
    that cannot be stored, or whose extraction was stopped, comes out with its error and the
    rest are kept). A chunk's outcomes come once it is committed, so an interruption loses at
    most the chunks in hand, and nothing reported stored. Outcomes come in input order, one
    per distinct article.

    The new articles are attached to stories when the stream ends (``group_new``, a
    transaction per ``GROUP_CHUNK`` articles), as the alerts of the dyads it touched are
    refreshed then, not as it goes:

    - memory: with the extraction in a process of its own (``pipeline_extractor(apart=True)``),
      a grouping during the stream ran beside the NLP's working memory, so the two peaks
      added up: on the bench corpus a 10,000-article ingest peaked 11-12% above a
      1,000-article one (832-838 against 752 MB, both processes); grouping at the end,
      +3% (771 against 746-750 MB; see the README);
    - work: each grouping reconciles every story it changes as a whole, and refreshing the
      alerts reads the dyads' whole history, so doing either per chunk would redo it for
      every chunk;
    - nothing is lost to readers: a store being written is held by the writing process
      alone (another process cannot open it, even read-only), and a stream the server runs
      (a posted batch, a feed page) is short.

    The stories are the same either way (links depend on the two articles alone). An
    interrupted run leaves the articles it stored for the next ingest, or ``compare``, to
    group; meanwhile the stored alerts' version is not the data's, so the pages compute
    alerts from the data (``dashboard.views.alerts``) and the next refresh recomputes every
    dyad.
    """
    feed = _Feed(store, articles, batch_size or Settings().store_batch)
    while feed.chunks or feed.read():
        if feed.chunks[0].waiting:
            store.prepare_to_write()  # a store another process holds is refused now, not after extraction
            for result in extractor(feed.articles()):
                feed.take(result)
                yield from feed.store_ready()
            feed.finish()
        yield from feed.store_ready()
    if feed.before is not None:  # something was written
        feed.dyads |= _story_dyads(store, group_new(store))
        refresh_alerts(store, feed.dyads, feed.before)


@dataclass
class Ingested:
    """What ``ingest`` did: every distinct article as stored, what it newly stored, and the
    articles that could not be stored (extraction stopped, or a failed write)."""

    articles: list[Article]
    new: list[Extraction]
    errors: list[ExtractionError | StoreError] = field(default_factory=list)

    @property
    def already_stored(self) -> int:
        return len(self.articles) - len(self.new)


def ingest(store: Store, articles: Iterable[Article], extractor: Extractor) -> Ingested:
    """``ingest_stream``, collected: for callers that show the batch afterwards (analyze,
    compare, the API, feeds). An article that could not be stored (its error in ``errors``)
    is not in ``articles``."""
    result = Ingested([], [])
    for outcome in ingest_stream(store, articles, extractor):
        if outcome.error is not None:
            result.errors.append(outcome.error)
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
    read exactly as a line of a JSON Lines file would be; an InputError when it cannot be
    read (no text, a field of the wrong type) or its extraction was stopped, the StoreError
    when it could not be stored."""
    (outcome,) = ingest_stream(store, [read_record(record, where)], extractor)
    if outcome.error is not None:
        raise outcome.error
    extraction = outcome.new or store.extraction(outcome.article)
    return IngestedRecord(outcome.article, outcome.new is not None, extraction)


@dataclass
class DatasetIngested:
    """What ``ingest_dataset`` did: articles newly stored, and those the store already held."""

    new: int = 0
    already_stored: int = 0


def ingest_dataset(store: Store, dataset: Path) -> DatasetIngested:
    """Store a Parquet dataset written by ``extract_dataset`` (``ingest --from-parquet``).

    The records were extracted on the cluster, so the "extractor" hands back the dataset's
    own; everything else is ``ingest``'s, a partition at a time: duplicates first, one
    transaction per article, stories updated.
    """
    from flashpoint.scale.dataset import dataset_partitions

    result = DatasetIngested()
    for partition in dataset_partitions(dataset):
        extracted = {x.article.content_hash: x for x in reversed(partition)}  # the first of duplicates wins

        def recorded(articles: Iterable[Article], extracted: dict[str, Extraction] = extracted) -> list[Extraction]:
            return [extracted[a.content_hash] for a in articles]

        ingested = ingest(store, [x.article for x in partition], recorded)
        result.new += len(ingested.new)
        result.already_stored += ingested.already_stored
    return result


def extract(articles: Iterable[Article], extractor: Extractor) -> Iterator[Extraction | ExtractionError]:
    """The records of ``articles`` (or why an article's extraction stopped), an article at a
    time as they are extracted, in order, without storing anything."""
    yield from extractor(articles)


def extract_dataset(paths: Sequence[str], out: Path, scheduler: str, workers: int, settings: Settings | None = None,
                    published: date | None = None) -> list[PartitionResult]:
    """Extract ``paths`` on a Dask cluster into the Parquet dataset ``out`` (``extract --dask``).

    ``scheduler`` is an address, or ``"local"`` for a LocalCluster of ``workers`` processes.
    One result per partition; paths that do not exist come first, as a result named ``inputs``.
    """
    from flashpoint.scale.cluster import dask_client, extract_to_dataset

    with dask_client(scheduler, workers) as client:
        return extract_to_dataset(paths, out, client, settings or Settings(), published)


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
    """The stories of the store that hold ``articles`` (as ``ingest`` returned them), reconciled
    from their stored events and quotes, nothing re-extracted.

    Ingest keeps the stories current (``group_new``), so this groups nothing but what an older
    store still holds ungrouped, and reads the rest: a story here is the store's story, with
    every article of it, whichever ingest brought them. The result is what ingest stored for
    those stories (tables stories, event_mentions, quote_variants, hedges).
    """
    before = _data_version(store)
    refresh_alerts(store, _story_dyads(store, group_new(store)), before)
    with store.cursor() as con:
        found = story_groups.stories_of(con, [a.doc_id for a in articles])
    doc_ids = [d for ids in found.values() for d in ids]
    with store.cursor() as con:
        members = store.stored_articles(story_groups.content_hashes(con, doc_ids))
    by_doc = {a.doc_id: a for a in members.values()}
    stories = [Story(story, tuple(_in_story_order(ids, by_doc))) for story, ids in found.items()]
    return reconcile_stories(stories, [by_doc[d] for s in stories for d in s.doc_ids],
                             list(store.event_records(doc_ids)), list(store.quote_records(doc_ids)))


def _in_story_order(doc_ids: Iterable[str], articles: Mapping[str, Article]) -> list[str]:
    """A story's articles oldest first (then by doc_id): one order however the story was built."""
    return sorted(set(doc_ids), key=lambda d: (articles[d].published or date.max, d))


def _rows(comparison: Comparison) -> tuple[list[Mention], list[QuoteVariant], list[HedgeRow]]:
    """A reconciliation's event clusters, quote variants and hedges as the store's rows.

    A quote group is named by the quote_id of its first variant, as a cluster by its first
    event: the id is stable across runs and points at a stored record.
    """
    mentions = [Mention(c.id, m["event_id"], m["doc_id"], outlet)
                for c in comparison.events for m, outlet in zip(c.mentions, c.outlets, strict=True)]
    variants = [QuoteVariant(group.variants[0]["quote_id"], story_id, v["quote_id"], v["doc_id"],
                             comparison.outlet(v["doc_id"]), v["text"], v["start"], v["end"],
                             list(dict(group.only_in).get(v["doc_id"], ())))
                for story_id, group in comparison.quote_variants for v in group.variants]
    hedges = [HedgeRow(h.doc_id, h.start, h.end, h.text, h.kind, h.sentence, h.qualifies, h.qualifies_kind,
                       h.claim) for h in comparison.hedges]
    return mentions, variants, hedges


#: Articles grouped per transaction: a backfill commits its stories as it goes, and memory
#: holds this many articles (with their candidates) whatever the size of the store.
GROUP_CHUNK = 1000
#: Articles whose stories are reconciled together (see ``_reconciled``).
RECONCILE_BATCH = 100


def _reconciled(store: Store, stories: Sequence[Story], articles: Mapping[str, Article],
                new: Sequence[Article]) -> tuple[list[Mention], list[QuoteVariant], list[HedgeRow]]:
    """The rows of ``stories`` reconciled, and the hedges of the ``new`` articles.

    The stories are independent, so they are reconciled a batch of about ``RECONCILE_BATCH``
    articles at a time, with those articles' events and quotes only. All the records of a
    grouping (1,000 new articles and their stories) came to 44 MB of small objects, freed
    at once between the NLP's batches; the allocator kept much of that memory for good, so
    a 10,000-article ingest of the bench corpus peaked at 705 MB, and at 675 MB so (1,000
    articles: 645-648 MB either way).
    """
    mentions: list[Mention] = []
    variants: list[QuoteVariant] = []
    hedges: list[HedgeRow] = []
    for batch in _batches(stories, RECONCILE_BATCH):
        doc_ids = [d for s in batch for d in s.doc_ids]
        members = set(doc_ids)
        comparison = reconcile_stories(batch, [articles[d] for d in doc_ids], list(store.event_records(doc_ids)),
                                       list(store.quote_records(doc_ids)),
                                       hedged=[a for a in new if a.doc_id in members])
        batch_mentions, batch_variants, batch_hedges = _rows(comparison)
        mentions += batch_mentions
        variants += batch_variants
        hedges += batch_hedges
    return mentions, variants, hedges


def _batches(stories: Sequence[Story], size: int) -> Iterator[list[Story]]:
    """Consecutive stories in batches of at most ``size`` articles (a story larger than that
    in a batch of its own)."""
    batch: list[Story] = []
    held = 0
    for story in stories:
        if batch and held + len(story.doc_ids) > size:
            yield batch
            batch, held = [], 0
        batch.append(story)
        held += len(story.doc_ids)
    if batch:
        yield batch


def group_new(store: Store, chunk: int = GROUP_CHUNK) -> list[str]:
    """Put every stored article that is in no story yet into one: it joins the stories of the
    articles it links to (``analysis.stories``; candidates from the blocking keys, never all
    pairs) or opens its own. The stories changed are reconciled again (event clusters, quote
    variants) and the new articles' hedges found; nothing else in the store is recomputed.

    ``ingest`` calls this once it has stored its articles, so every ingest path (CLI, API,
    watch, Parquet) groups what it stored; an article left ungrouped (an interrupted run, a
    store of an earlier release) is grouped by the next ingest that stores something, or by
    ``compare``. Two groupings at once (the server's watch and a posted article, or two
    processes) never both write: the one that finds the store changed under it reads again.
    Returns the ids of the stories opened or changed.
    """
    touched: list[str] = []
    while True:
        with store.cursor() as con:
            before = story_groups.grouped_count(con)
            hashes = story_groups.ungrouped(con, chunk)
            countries = story_groups.countries(con, hashes)
        if not hashes:
            return touched
        touched += _group_chunk(store, hashes, countries, before)
        release_freed()  # else each chunk would leave the process larger: see ``memory``


def _group_chunk(store: Store, hashes: Sequence[str], countries: Mapping[str, Sequence[str]],
                 before: int) -> list[str]:
    """Group the ungrouped articles ``hashes`` (``group_new``); the ids of the stories opened
    or changed, none when the store's grouping changed since ``before`` (read again then)."""
    from flashpoint.analysis.stories import MAX_DAYS, Member, link_stories, story_id

    pending = store.stored_articles(hashes)
    new = [Member.of(pending[h], set(countries.get(h, ()))) for h in hashes]
    days = [m.published for m in new]
    window = timedelta(days=MAX_DAYS)
    start, end = (None, None) if None in days else (min(filter(None, days)) - window,
                                                    max(filter(None, days)) + window)
    with store.cursor() as con:
        known = [Member(i.doc_id, i.published, i.vector, set(i.countries), i.story_id, i.keys)
                 for i in story_groups.candidates(con, sorted({k for m in new for k in m.keys}), start, end)]
    links = link_stories(new, known)
    with store.cursor() as con:
        absorbed = story_groups.members(con, sorted({s for _, old in links for s in old}))
        earlier = store.stored_articles(story_groups.content_hashes(con, [d for ids in absorbed.values()
                                                                          for d in ids]))
    articles = {a.doc_id: a for a in [*earlier.values(), *pending.values()]}
    stories = [Story(story_id(ids), tuple(ids)) for ids in
               (_in_story_order([*new_ids, *(d for s in old for d in absorbed[s])], articles)
                for new_ids, old in links)]
    grouped = [Grouped(h, m.doc_id, m.published, m.vector, sorted(m.countries), m.keys)
               for h, m in zip(hashes, new, strict=True)]
    mentions, variants, hedges = _reconciled(store, stories, articles, [pending[h] for h in hashes])
    saved = store.save_grouping(grouped, {s.id: s.doc_ids for s in stories}, mentions, variants, hedges, before)
    return [s.id for s in stories] if saved else []


def regroup(store: Store) -> list[str]:
    """Forget every story and group the whole store from scratch (the same stories as grouping
    the articles as they arrived: links depend on the two articles alone)."""
    store.clear_grouping()
    touched = group_new(store)
    refresh_alerts(store)
    return touched


def watch(store: Store, feeds: Sequence[str], extractor: Extractor, *, every: float, once: bool = False,
          policy: FetchPolicy | None = None, stop: Event | None = None) -> PollSummary:
    """Poll ``feeds`` every ``every`` seconds and ingest each new article page (``flashpoint
    watch``, ``serve --watch``) until ``stop`` is set; ``once`` polls once. The last poll's summary.

    Each page goes through ``ingest``, like a posted article (in the server, ``extractor``
    takes turns with the requests). The URLs ingested and the feeds' validators are kept in
    the store, so a new run fetches nothing twice.
    """
    from flashpoint.feeds import Backoff, Fetcher, KeptValidators
    from flashpoint.feeds import watch as poll_feeds
    from flashpoint.store.feeds import FeedState

    def sink(article: Article) -> None:
        result = ingest(store, [article], extractor)
        if result.errors:
            raise result.errors[0]  # the page is logged as failed and retried later

    state = FeedState(store)
    with Fetcher(policy) as fetcher:
        return poll_feeds(feeds, sink, state, every=every, once=once, validators=KeptValidators(state),
                          fetcher=fetcher, backoff=Backoff(base=every), stop=stop)


def dyads_of(events: Iterable[EventRecord]) -> set[tuple[str, str]]:
    """The directed country dyads of ``events``."""
    return {(e["source"]["country"], e["target"]["country"]) for e in events
            if e["source"] and e["target"] and e["source"]["country"] and e["target"]["country"]}


def _story_dyads(store: Store, story_ids: Sequence[str]) -> set[tuple[str, str]]:
    """The dyads of the events of some stories (their clusters change when stories do)."""
    if not story_ids:
        return set()
    with store.cursor() as con:
        return alert_table.story_dyads(con, story_ids)


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
        if version == alert_table.stored_version(con) and dyads is not None:
            return  # nothing changed since they were computed
        days = daily(con, None if dyads is None else sorted(dyads))
    rows = [(freq, a.source, a.target, a.period, a.rule, a.value, a.baseline, a.threshold, a.strength,
             a.severity, a.message) for freq in FREQS for a in dyad_alerts(days, freq)]
    store.save_alerts(rows, version, None if dyads is None else sorted(dyads))


def report(store: Store, output: str | Path, max_dyads: int = 10) -> Path:
    """Write the one-file HTML report of ``store`` to ``output``."""
    from flashpoint.report import build_report

    path = Path(output)
    path.write_text(build_report(store, max_dyads), encoding="utf-8")
    return path
