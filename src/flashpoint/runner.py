"""Run the pipeline over articles: in chunks, in bounded rounds, within a time budget.

Articles are cut into windows (``chunking``) and the windows go through ``nlp.pipe`` in
rounds of at most ``Settings.batch_size`` Docs and ``ROUND_CHARS`` characters, in input
order. Between rounds, and only there, the run looks at the clock:

- an article gets ``Settings.time_budget`` seconds plus ``time_budget_per_million_chars``
  per million characters, counted from its first round; one that is still unfinished when
  its time is up is dropped with an ``ExtractionError`` (E040) and the run goes on with the
  next article;
- ``cancel`` (a ``threading.Event`` set by whoever waits for the result: a request that
  timed out, a client that went away) stops the run: every article not finished yet gets
  E041.

A round holds at most ``ROUND_CHARS`` characters (or one window), so the time between two
looks at the clock is bounded whatever the input: the budget can be overrun by one round
(a few seconds), not more.
Articles are read from ``articles`` only as rounds need them, so memory stays flat. A window
with no letter in it (quote marks, digits, punctuation) is done without the pipeline.
"""
from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from threading import Event

from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.chunking import Found, Window, merge, windows
from flashpoint.errors import ExtractionError
from flashpoint.ingest.article import Article
from flashpoint.settings import Settings

#: Characters of one round: enough Docs for spaCy's batching to pay, a few seconds of work.
ROUND_CHARS = 50_000
#: A letter of any script: a window without one is not run through the pipeline (a page of
#: quote marks or digits would cost the models seconds and can hold no event).
_WORD = re.compile(r"[^\W\d_]")


@dataclass
class Extracted:
    """What the components found in an article, in article offsets (see ``chunking.merge``)."""

    article: Article
    events: list[Found]
    quotes: list[Found]


@dataclass
class _Article:
    """An article on its way through the rounds: windows waiting, windows done."""

    article: Article
    waiting: deque[Window]
    budget: float
    done: list[tuple[Window, list[Found], list[Found]]] = field(default_factory=list)
    deadline: float | None = None
    failed: ExtractionError | None = None

    @property
    def finished(self) -> bool:
        """Failed, or every window through the pipeline (rounds run one at a time)."""
        return self.failed is not None or not self.waiting

    def result(self) -> Extracted | ExtractionError:
        if self.failed is not None:
            return self.failed
        events, quotes = merge(self.done)
        return Extracted(self.article, events, quotes)


def article_budget(article: Article, settings: Settings) -> float:
    """Seconds ``article`` may take: a base, plus an allowance per million characters."""
    return settings.time_budget + len(article.text) / 1_000_000 * settings.time_budget_per_million_chars


def _doc(nlp: Language, article: Article, window: Window) -> Doc:
    """The Doc of one window, with the article's date and id set before any component runs."""
    doc = nlp.make_doc(article.text[window.start:window.end])
    doc._.published = article.published
    doc._.doc_id = article.doc_id
    return doc


class _Rounds:
    """The articles in flight, in input order, and the next round's windows."""

    def __init__(self, articles: Iterable[Article], nlp: Language, settings: Settings) -> None:
        self.feed = iter(articles)
        self.settings = settings
        self.queue: deque[_Article] = deque()
        # Each window's text, context included, must stay under spaCy's length limit (E088).
        self.context = min(settings.chunk_context, nlp.max_length // 4)
        self.size = max(1, min(settings.chunk_chars, nlp.max_length - 2 * self.context - 1))
        self.round_chars = max(ROUND_CHARS, self.size)
        self.waiting_chars = 0  # of the windows not yet in a round
        self.exhausted = False

    def _fill(self) -> None:
        """Read articles until a full round is waiting (or there are no more)."""
        while not self.exhausted and self.waiting_chars < self.round_chars:
            article = next(self.feed, None)
            if article is None:
                self.exhausted = True
                return
            found = windows(article.text, self.size, self.context)
            item = _Article(article, deque(), article_budget(article, self.settings))
            for window in found:
                if _WORD.search(article.text, window.start, window.end):
                    item.waiting.append(window)
                    self.waiting_chars += window.end - window.start
                else:  # no letter, no word: nothing an event or a quotation could be made of
                    item.done.append((window, [], []))
            self.queue.append(item)

    def next_round(self) -> list[tuple[_Article, Window]]:
        """Up to ``batch_size`` windows and ``round_chars`` characters (at least one window),
        taken from the articles in input order."""
        self._fill()
        chosen: list[tuple[_Article, Window]] = []
        chars = 0
        for item in self.queue:
            while item.waiting:
                length = item.waiting[0].end - item.waiting[0].start
                if len(chosen) >= self.settings.batch_size or (chosen and chars + length > self.round_chars):
                    return chosen
                chosen.append((item, item.waiting.popleft()))
                chars += length
                self.waiting_chars -= length
        return chosen

    def check_clock(self, round_: list[tuple[_Article, Window]], cancel: Event | None) -> None:
        """Fail the round's articles that are out of time, or all of them when cancelled;
        their windows still waiting are dropped."""
        now = time.monotonic()
        for item, _ in round_:
            if item.failed is not None:
                continue
            if cancel is not None and cancel.is_set():
                item.failed = ExtractionError("E041", item.article.doc_id, reason="the caller stopped waiting")
            elif item.deadline is None:
                item.deadline = now + item.budget
            elif now > item.deadline:
                item.failed = ExtractionError("E040", item.article.doc_id, limit=round(item.budget, 1))
            if item.failed is not None:
                self.waiting_chars -= sum(w.end - w.start for w in item.waiting)
                item.waiting.clear()

    def finished(self) -> Iterator[_Article]:
        """The articles at the head of the queue that are done, in input order."""
        while self.queue and self.queue[0].finished:
            yield self.queue.popleft()


def run(articles: Iterable[Article], nlp: Language, settings: Settings | None = None,
        cancel: Event | None = None) -> Iterator[Extracted | ExtractionError]:
    """What the pipeline finds in each article, or why it stopped, in input order."""
    rounds = _Rounds(articles, nlp, settings or Settings())
    while round_ := rounds.next_round():
        rounds.check_clock(round_, cancel)
        todo = [(item, window) for item, window in round_ if item.failed is None]
        docs = nlp.pipe((_doc(nlp, item.article, window) for item, window in todo),
                        batch_size=max(1, len(todo)))
        for (item, window), doc in zip(todo, docs, strict=True):
            item.done.append((window, doc._.events or [], doc._.quotes or []))
        for item in rounds.finished():
            yield item.result()
    for item in rounds.finished():  # articles that needed no round (no letter in them)
        yield item.result()
