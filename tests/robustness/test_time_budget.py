"""The per-article time budget and cancellation: the article out of time is one error, the
rest of the batch is processed, in order; a cancelled run stops at its next round."""
from __future__ import annotations

import threading

from flashpoint.errors import ExtractionError
from flashpoint.extract import extract
from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.settings import Settings
from tests.robustness import conftest
from tests.robustness.conftest import ARTICLE

#: Small windows and a tiny budget: the long article needs 70 rounds of SLOW_SECONDS each.
TIGHT = Settings(chunk_chars=100, chunk_context=0, batch_size=1, time_budget=0.3,
                 time_budget_per_million_chars=0)
LONG = "\n\n".join([ARTICLE] * 70)


def test_an_article_over_its_budget_is_one_error_and_the_batch_goes_on(slow_nlp) -> None:
    articles = [Article(doc_id="before", text=ARTICLE), Article(doc_id="long", text=LONG),
                Article(doc_id="after", text=ARTICLE)]
    results = list(extract(articles, slow_nlp, TIGHT))
    assert [type(r) for r in results] == [Extraction, ExtractionError, Extraction]
    assert [r.article.doc_id for r in results if isinstance(r, Extraction)] == ["before", "after"]
    error = results[1]
    assert isinstance(error, ExtractionError) and error.code == "E040" and str(error).startswith("E040 long:")
    # stopped at the first round past its budget, not after all of its 70 windows
    assert len(conftest.SLOW_DOCS) < 40


def test_the_budget_grows_with_the_length(slow_nlp) -> None:
    generous = Settings(chunk_chars=100, chunk_context=0, batch_size=1, time_budget=0.0,
                        time_budget_per_million_chars=1_000_000 / len(LONG) * 60)
    (result,) = extract([Article(doc_id="long", text=LONG)], slow_nlp, generous)
    assert isinstance(result, Extraction)


def test_cancelling_stops_every_unfinished_article(slow_nlp) -> None:
    cancel = threading.Event()
    articles = [Article(doc_id=f"long{i}", text=LONG) for i in range(3)]
    timer = threading.Timer(0.3, cancel.set)
    timer.start()
    results = list(extract(articles, slow_nlp, Settings(chunk_chars=100, chunk_context=0, batch_size=1), cancel))
    timer.cancel()
    assert [getattr(r, "code", None) for r in results] == ["E041"] * 3
    assert len(conftest.SLOW_DOCS) < 20


def test_text_without_letters_never_reaches_the_pipeline(slow_nlp) -> None:
    """63 KB of quote marks (issue 11's example) once cost the models a minute: a window with
    no letter in it holds no event and no quotation, so it is not run at all."""
    conftest.SLOW_DOCS.clear()
    marks = "“”\"‘’'«»„" * 7000
    (result,) = extract([Article(doc_id="marks", text=marks)], slow_nlp, Settings())
    assert isinstance(result, Extraction) and not result.events and not result.quotes
    assert conftest.SLOW_DOCS == []
