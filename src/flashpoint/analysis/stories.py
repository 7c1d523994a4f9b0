"""Group articles from several outlets into stories: the same events, reported close in time.

Method. Two articles are linked when

1. their publication dates (when both are known) are at most ``max_days`` apart,
2. they share a *key*: one of the ``KEYS`` heaviest words of each article's vector (the
   blocking step: only such pairs are compared at all), and
3. their similarity reaches ``threshold``. The similarity is the cosine of their word vectors,
   lowered when the countries their events and quotes involve differ:
   ``cosine * (1 - 0.25 * (1 - jaccard(countries)))`` when both articles have countries, the
   cosine alone otherwise (an extractor that found nothing must not count as disagreement).
   Shared countries never raise the score: on 84 US political articles (PolNeAR dev) a boost
   for sharing "USA" joined 72 of them into one story.

Stories are the connected components of that graph (single link): outlet A may share little
wording with outlet C and still be the same story through outlet B.

Word vectors weigh each word by how rare it is in English at large, not in the batch at hand:
``(1 + log tf) * (9 - zipf)``, where ``zipf`` is the word's Zipf frequency in wordfreq's
large English list (~320,000 words; ``log10`` of its uses per billion words, from 1 for the
rarest listed to 7.7 for "the"; a word outside the list counts as Zipf 1; the table is held
compactly, see ``analysis.zipf``), stop words and numbers dropped, unit length. Versions of
one story share their rare words (names, places, quoted phrases) while unrelated articles share
only common ones. Because an article's vector depends on its own text alone, a link depends
on the two articles alone, so the stories of a set of articles are the same whatever order
they arrive in and however they are batched: ``link_stories`` can attach articles one at a
time as they are ingested, and grouping the whole store from scratch gives the same stories.
(The batch TF-IDF this replaced could not: its weights moved with every article added.)

Cost. Candidates come from an inverted index of keys by day, so an article is compared only
with articles of the date window sharing a key: the cost of grouping grows with the number of
articles times the articles a window holds, not with the square of the store.

The threshold was set on hand-written multi-outlet fixtures and the two seed articles (see
tests/analysis/test_stories.py): the four fixture outlets score 0.53-0.66 with each other and
the two seeds 0.38, while unrelated pairs stay at or below 0.04; 0.2, the threshold of the
batch TF-IDF this replaced, lies well inside that gap and was kept. Limits: undated articles on one topic (polls,
one candidate's taxes) may be joined, which is what the date window is for.
"""
from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flashpoint.analysis.words import words
from flashpoint.analysis.zipf import english
from flashpoint.ingest.article import Article

THRESHOLD = 0.2
MAX_DAYS = 3
COUNTRY_WEIGHT = 0.25
#: Words per article that can make it a candidate of another (the blocking keys).
KEYS = 12
#: Zipf frequency given to a word outside wordfreq's list (rarer than any word in it).
UNLISTED_ZIPF = 1.0
_STOP = frozenset(
    "a an the and or but if of to in on at by for with from as into about over after before "  # noqa: SIM905 (a word list reads best as text)
    "than then that this these those it its is are was were be been being has have had do does "
    "did will would can could should may might must not no he she they we you i him her them "
    "his their our your my me us who whom which what when where why how also said says "
    "there here so such up out more most other some any all one two new".split())

Vector = dict[str, float]


@dataclass(frozen=True)
class Story:
    """Articles about the same events; ``id`` is stable for the same set of articles."""

    id: str
    doc_ids: tuple[str, ...]


def story_vector(text: str) -> Vector:
    """The unit-length word vector of ``text`` (see the module docstring)."""
    counts = Counter(w for w in words(text) if w not in _STOP and not w.isdigit())
    zipf = english().zipf(list(counts), UNLISTED_ZIPF)
    vector = {t: (1 + math.log(c)) * (9.0 - z) for (t, c), z in zip(counts.items(), zipf, strict=True)}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {t: v / norm for t, v in vector.items()}


def keys_of(vector: Mapping[str, float], count: int = KEYS) -> list[str]:
    """The ``count`` heaviest words of a vector (ties by the word, so the choice is stable)."""
    return [t for t, _ in sorted(vector.items(), key=lambda item: (-item[1], item[0]))[:count]]


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


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


def story_id(doc_ids: Iterable[str]) -> str:
    """S + a hash of the sorted doc_ids: the same articles give the same story id on every run."""
    return "S" + hashlib.sha1("\x1f".join(sorted(doc_ids)).encode("utf-8")).hexdigest()[:12]


@dataclass
class Member:
    """An article as grouping sees it: its date, vector, countries, and its story if it has one."""

    doc_id: str
    published: date | None
    vector: Vector
    countries: set[str] = field(default_factory=set)
    story: str | None = None
    #: Its blocking keys (``keys_of(vector)``), computed unless the store kept them.
    keys: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.keys = self.keys or keys_of(self.vector)

    @classmethod
    def of(cls, article: Article, countries: set[str] | None = None) -> Member:
        return cls(article.doc_id, article.published, story_vector(article.text), countries or set())


class KeyIndex:
    """Members by key and day, for the blocking step; undated members under the day None."""

    def __init__(self, max_days: int = MAX_DAYS) -> None:
        self.max_days = max_days
        self._postings: dict[str, dict[date | None, list[Member]]] = {}

    def add(self, member: Member) -> None:
        for key in member.keys:
            self._postings.setdefault(key, {}).setdefault(member.published, []).append(member)

    def candidates(self, member: Member) -> Iterator[Member]:
        """Each indexed member sharing a key with ``member`` within the date window, once."""
        seen: set[int] = set()
        for key in member.keys:
            by_day = self._postings.get(key, {})
            if member.published is None:
                days: Iterable[date | None] = list(by_day)
            else:
                window = (member.published + timedelta(days=d) for d in range(-self.max_days, self.max_days + 1))
                days = [None, *window]
            for day in days:
                for other in by_day.get(day, ()):
                    if id(other) not in seen:
                        seen.add(id(other))
                        yield other


def link_stories(new: Sequence[Member], known: Iterable[Member] = (), threshold: float = THRESHOLD,
                 max_days: int = MAX_DAYS) -> list[tuple[list[str], set[str]]]:
    """Attach ``new`` articles to the stories of ``known`` ones (the candidates the store found
    for them, each with its ``story``) or to each other.

    Returns one entry per story that gained articles: the new doc_ids in it, in input order,
    and the ids of the known stories it absorbs (a new article can bridge two of them).
    """
    index = KeyIndex(max_days)
    for member in known:
        index.add(member)
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def node(member: Member) -> str:
        return f"story:{member.story}" if member.story else f"doc:{member.doc_id}"

    for member in new:
        mine = root(node(member))
        for other in index.candidates(member):
            theirs = root(node(other))
            if theirs != mine and similarity(member.vector, other.vector, member.countries,
                                             other.countries) >= threshold:
                mine, joined = min(mine, theirs), max(mine, theirs)
                parent[joined] = mine
        index.add(member)
    grouped: dict[str, tuple[list[str], set[str]]] = {}
    for member in new:
        grouped.setdefault(root(node(member)), ([], set()))[0].append(member.doc_id)
    for name in list(parent):
        if name.startswith("story:") and root(name) in grouped:
            grouped[root(name)][1].add(name.removeprefix("story:"))
    return list(grouped.values())


def group_stories(articles: Sequence[Article], records: Iterable[Mapping[str, Any]] = (),
                  threshold: float = THRESHOLD, max_days: int = MAX_DAYS) -> list[Story]:
    """Stories of ``articles``; the countries of the events and quotes in ``records`` can lower a link.

    Stories come in order of their first article in ``articles``; so do their doc_ids.
    """
    by_doc = countries_by_doc(records)
    members = [Member.of(a, by_doc.get(a.doc_id)) for a in articles]
    return [Story(story_id(ids), tuple(ids)) for ids, _ in link_stories(members, (), threshold, max_days)]
