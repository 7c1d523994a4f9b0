"""Group articles from several outlets into stories: the same events, reported close in time.

Method. Two articles are linked when

1. their publication dates (when both are known) are at most ``max_days`` apart, and
2. their similarity reaches ``threshold``. The similarity is the cosine of their TF-IDF
   vectors (words as normalised by ``analysis.words``, stop words dropped, smoothed IDF over
   the batch, sub-linear term frequency), lowered when the countries their events and quotes
   involve differ: ``cosine * (1 - 0.25 * (1 - jaccard(countries)))`` when both articles
   have countries, the cosine alone otherwise (an extractor that found nothing must not
   count as disagreement). Shared countries never raise the score: on 84 US political
   articles (PolNeAR dev) a boost for sharing "USA" joined 72 of them into one story.

Stories are the connected components of that graph (single link): outlet A may share little
wording with outlet C and still be the same story through outlet B. TF-IDF over the batch is
enough here because versions of one story share their rare words (names, places, quoted
phrases) while unrelated articles share only common ones; it needs no model and no new
dependency. The threshold was set on hand-written multi-outlet fixtures and the two seed
articles (see tests/analysis/test_stories.py): the seeds score 0.24 alone and 0.33 among
other articles (IDF needs a batch), the fixture outlets 0.27-0.53, unrelated articles < 0.05.
Limits: with only two articles IDF is nearly flat, so two versions that share little
wording may stay apart; undated articles on one topic (polls, one candidate's taxes) reach
0.2-0.27 and may be joined, which is what the date window is for.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flashpoint.analysis.links import connected_groups
from flashpoint.analysis.words import words
from flashpoint.ingest.article import Article

THRESHOLD = 0.2
MAX_DAYS = 3
COUNTRY_WEIGHT = 0.25
_STOP = frozenset(
    "a an the and or but if of to in on at by for with from as into about over after before "  # noqa: SIM905 (a word list reads best as text)
    "than then that this these those it its is are was were be been being has have had do does "
    "did will would can could should may might must not no he she they we you i him her them "
    "his their our your my me us who whom which what when where why how also said says "
    "there here so such up out more most other some any all one two new".split())


@dataclass(frozen=True)
class Story:
    """Articles about the same events; ``id`` is stable for the same set of articles."""

    id: str
    doc_ids: tuple[str, ...]


def _vectors(texts: Sequence[str]) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors (1 + log tf, smoothed idf) of ``texts``."""
    counts = [Counter(w for w in words(text) if w not in _STOP and not w.isdigit()) for text in texts]
    df = Counter(term for count in counts for term in count)
    n = len(texts)
    vectors = []
    for count in counts:
        vector = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in count.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return vectors


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    small, large = (a, b) if len(a) < len(b) else (b, a)
    return sum(v * large.get(t, 0.0) for t, v in small.items())


def countries_by_doc(records: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """Countries of event actors and quote speakers, per doc_id."""
    found: dict[str, set[str]] = {}
    for record in records:
        actors = [record.get("source"), record.get("target"), record.get("speaker")]
        countries = {a["country"] for a in actors if a and a.get("country")}
        found.setdefault(record["doc_id"], set()).update(countries)
    return found


def similarity(vector_a: Mapping[str, float], vector_b: Mapping[str, float],
               countries_a: set[str], countries_b: set[str]) -> float:
    """The link score of two articles (see the module docstring)."""
    cosine = _cosine(vector_a, vector_b)
    if not (countries_a and countries_b):
        return cosine
    jaccard = len(countries_a & countries_b) / len(countries_a | countries_b)
    return cosine * (1 - COUNTRY_WEIGHT * (1 - jaccard))


def _close_in_time(a: Article, b: Article, max_days: int) -> bool:
    return a.published is None or b.published is None or abs((a.published - b.published).days) <= max_days


def story_id(doc_ids: Iterable[str]) -> str:
    """S + a hash of the sorted doc_ids: the same articles give the same story id on every run."""
    return "S" + hashlib.sha1("\x1f".join(sorted(doc_ids)).encode("utf-8")).hexdigest()[:12]


def group_stories(articles: Sequence[Article], records: Iterable[Mapping[str, Any]] = (),
                  threshold: float = THRESHOLD, max_days: int = MAX_DAYS) -> list[Story]:
    """Stories of ``articles``; the countries of the events and quotes in ``records`` can lower a link.

    Stories come in order of their first article in ``articles``; so do their doc_ids.
    """
    vectors = _vectors([a.text for a in articles])
    by_doc = countries_by_doc(records)
    countries = [by_doc.get(a.doc_id, set()) for a in articles]

    def linked(i: int, j: int) -> bool:
        return (_close_in_time(articles[i], articles[j], max_days)
                and similarity(vectors[i], vectors[j], countries[i], countries[j]) >= threshold)

    groups = connected_groups(len(articles), linked)
    return [Story(story_id(ids), tuple(ids)) for ids in ([articles[i].doc_id for i in g] for g in groups)]
