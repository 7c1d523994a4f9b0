"""Reconcile several outlets' versions of a story: shared and unique events, quote variants, hedges.

Event deduplication. Within one story, two event records are the same event when

- they have the same dyad: source and target actors agree. Two actors agree when both have
  a country and it is the same (GDELT's country-level dyad: "Trump" and "the United
  States" agree), else when both have a name and the names agree (``names_agree``: one
  article's "Korhonen" without a country is another's "Aino Korhonen" of FIN), else when
  both have the same CAMEO code (unnamed agents such as "troops"). An actor the coder could
  not resolve (only its surface text, such as "he") counts as missing, and a missing actor
  only matches a missing actor. And
- they are the same kind of act: the same CAMEO root, or the same QuadClass with adjacent
  roots (11 "disapprove" / 12 "reject" are one act told two ways; 11 / 13 are not), and
- their event dates, when both are known, are at most ``MAX_EVENT_DAYS`` apart.

An event with neither actor identified cannot be told apart from any other act of its kind,
so it is never merged, and not flagged as a single-outlet claim either.

Clusters are the connected components of that relation over all the story's events, repeated
mentions in one article included. This mirrors GDELT, which counts an event once with
NumArticles / NumSources of the reports that mention it. A cluster is named by the event_id of
its earliest report (earliest publication date, then input order, then position), so the id
points at a record that exists. A cluster only one outlet reports, in a story several outlets
cover, is an unconfirmed claim worth flagging.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from flashpoint.analysis.hedges import Hedge, find_hedges
from flashpoint.analysis.links import connected_groups
from flashpoint.analysis.quote_variants import QuoteVariants, align_quotes
from flashpoint.analysis.stories import Story, group_stories
from flashpoint.analysis.words import names_agree
from flashpoint.ingest.article import Article

MAX_EVENT_DAYS = 2


@dataclass(frozen=True)
class EventCluster:
    """One event as reported by the articles of a story; mentions are earliest first."""

    story_id: str
    mentions: tuple[Mapping[str, Any], ...]
    outlets: tuple[str, ...]

    @property
    def id(self) -> str:
        return str(self.mentions[0]["event_id"])

    @property
    def num_articles(self) -> int:
        return len({m["doc_id"] for m in self.mentions})

    @property
    def num_outlets(self) -> int:
        return len(set(self.outlets))


@dataclass(frozen=True)
class Comparison:
    """What ``compare`` found; ``to_json`` gives the documented form (schemas/compare.schema.json)."""

    articles: Mapping[str, Article]
    stories: list[Story]
    events: list[EventCluster]
    quote_variants: list[tuple[str, QuoteVariants]]
    hedges: list[Hedge]

    def outlet(self, doc_id: str) -> str:
        return outlet_of(self.articles, doc_id)

    def story_outlets(self, story: Story) -> list[str]:
        return list(dict.fromkeys(self.outlet(d) for d in story.doc_ids))

    def single_outlet_claims(self) -> list[EventCluster]:
        """Events only one outlet reports, in stories that more than one outlet covers."""
        multi = {s.id for s in self.stories if len(self.story_outlets(s)) > 1}
        return [c for c in self.events
                if c.story_id in multi and c.num_outlets == 1 and _has_actor(c.mentions[0])]

    def to_json(self) -> dict[str, Any]:
        single = {c.id for c in self.single_outlet_claims()}
        hedged: dict[str, list[dict[str, str]]] = {}
        for h in self.hedges:
            if h.qualifies:
                hedged.setdefault(h.qualifies, []).append({"doc_id": h.doc_id, "text": h.text})
        return {
            "stories": [_story_json(self, s) for s in self.stories],
            "events": [{**_cluster_json(self, c), "single_outlet": c.id in single,
                        "hedged_by": [h for m in c.mentions for h in hedged.get(m["event_id"], [])]}
                       for c in self.events],
            "quote_variants": [_variants_json(self, sid, g) for sid, g in self.quote_variants],
            "hedges": [{"doc_id": h.doc_id, "outlet": self.outlet(h.doc_id), "start": h.start,
                        "end": h.end, "text": h.text, "kind": h.kind, "sentence": h.sentence,
                        "qualifies": h.qualifies, "qualifies_kind": h.qualifies_kind, "claim": h.claim}
                       for h in self.hedges],
        }


def outlet_of(articles: Mapping[str, Article], doc_id: str) -> str:
    """The outlet of an article as people name it: its metadata's outlet, else the site of its
    URL, else its file name, else its doc_id (one article, one voice). The store's
    ``reading.OUTLET`` is the same rule in SQL."""
    article = articles.get(doc_id)
    if article is None:
        return doc_id
    return article.outlet or _site(article.url) or PurePath(article.source_path or "").name or doc_id


def _site(url: str | None) -> str:
    """The host of ``url`` without "www.", or "" (no URL, or not one that names a host)."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _published(article: Article | None) -> str | None:
    return article.published.isoformat() if article and article.published else None


def _story_json(comparison: Comparison, story: Story) -> dict[str, Any]:
    dates = [day for d in story.doc_ids if (day := comparison.articles[d].published)]
    return {"id": story.id, "articles": list(story.doc_ids), "outlets": comparison.story_outlets(story),
            "first_published": min(dates).isoformat() if dates else None}


def _cluster_json(comparison: Comparison, cluster: EventCluster) -> dict[str, Any]:
    first = cluster.mentions[0]
    source, target = first.get("source") or {}, first.get("target") or {}
    return {
        "event_id": cluster.id, "story_id": cluster.story_id,
        "cameo": first.get("cameo"), "cameo_root": first.get("cameo_root"),
        "quad_class": first.get("quad_class"),
        "source": source.get("name"), "source_country": source.get("country"),
        "target": target.get("name"), "target_country": target.get("country"),
        "mentions": [{"event_id": m["event_id"], "doc_id": m["doc_id"], "outlet": outlet,
                      "sentence": m.get("sentence")} for m, outlet in zip(cluster.mentions, cluster.outlets, strict=True)],
        "num_articles": cluster.num_articles, "num_outlets": cluster.num_outlets,
        "first_report": {"doc_id": first["doc_id"], "outlet": cluster.outlets[0],
                         "published": _published(comparison.articles.get(first["doc_id"]))},
    }


def _variants_json(comparison: Comparison, story_id: str, group: QuoteVariants) -> dict[str, Any]:
    return {
        "story_id": story_id, "speaker": dict(group.speaker) if group.speaker else None,
        "variants": [{**v, "outlet": comparison.outlet(v["doc_id"])} for v in group.variants],
        "only_in": [{"doc_id": d, "outlet": comparison.outlet(d), "words": list(ws)} for d, ws in group.only_in],
    }


def _known(actor: Mapping[str, Any] | None) -> bool:
    return bool(actor and (actor.get("country") or actor.get("name") or actor.get("code")))


def same_actor(a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> bool:
    """Whether two event actors are the same party (see the module docstring)."""
    if a is None or b is None or not (_known(a) and _known(b)):
        return _known(a) == _known(b)
    for field in ("country", "name", "code"):
        if a.get(field) and b.get(field):
            return names_agree(a[field], b[field]) if field == "name" else a[field] == b[field]
    return False


def _event_date(event: Mapping[str, Any]) -> date | None:
    value = (event.get("date") or {}).get("value")
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _has_actor(event: Mapping[str, Any]) -> bool:
    return _known(event.get("source")) or _known(event.get("target"))


def _adjacent_roots(root: str) -> bool:
    return root.isascii() and root.isdigit()


def same_event(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """The deduplication rule of the module docstring."""
    if not (_has_actor(a) and _has_actor(b)):
        return False
    if not (same_actor(a.get("source"), b.get("source")) and same_actor(a.get("target"), b.get("target"))):
        return False
    root_a, root_b = str(a.get("cameo_root")), str(b.get("cameo_root"))
    if root_a != root_b and not (a.get("quad_class") == b.get("quad_class")
                                 and _adjacent_roots(root_a) and _adjacent_roots(root_b)
                                 and abs(int(root_a) - int(root_b)) == 1):
        return False
    day_a, day_b = _event_date(a), _event_date(b)
    return day_a is None or day_b is None or abs((day_a - day_b).days) <= MAX_EVENT_DAYS


def event_keys(event: Mapping[str, Any]) -> list[tuple[object, ...]] | None:
    """Blocking keys of ``same_event`` (see ``links.connected_groups``): two events it can
    join share one. They need an identified actor, actors identified on the same sides (a
    missing actor only matches a missing one), the same root or adjacent roots of one
    QuadClass (roots r and r + 1 share (QuadClass, r)), and dates at most
    ``MAX_EVENT_DAYS`` apart: days fall in periods of ``MAX_EVENT_DAYS + 1`` days, and
    two such days lie in one period or two consecutive ones, which share a key. An undated
    event may be the same as one of any date: None, compared with every event."""
    if not _has_actor(event):
        return []
    day = _event_date(event)
    if day is None:
        return None
    sides = (_known(event.get("source")), _known(event.get("target")))
    root = str(event.get("cameo_root"))
    acts: list[tuple[object, ...]] = [(root,)]
    if _adjacent_roots(root):
        quad = event.get("quad_class")
        acts += [(quad, int(root) - 1), (quad, int(root))]
    period = day.toordinal() // (MAX_EVENT_DAYS + 1)
    return [(sides, act, pair) for act in acts for pair in (period - 1, period)]


def cluster_events(story: Story, events: Sequence[Mapping[str, Any]],
                   articles: Mapping[str, Article]) -> list[EventCluster]:
    """The deduplicated events of one story (``events`` may hold other stories' events too)."""
    order = {doc_id: i for i, doc_id in enumerate(story.doc_ids)}

    def report_key(event: Mapping[str, Any]) -> tuple[date, int, int]:
        published = articles[event["doc_id"]].published
        return (published or date.max, order[event["doc_id"]], (event.get("sentence") or {}).get("start", 0))

    mine = sorted((e for e in events if e["doc_id"] in order), key=report_key)
    found = connected_groups(len(mine), lambda i, j: same_event(mine[i], mine[j]), lambda i: event_keys(mine[i]))
    groups = [[mine[i] for i in g] for g in found]
    return [EventCluster(story.id, tuple(ms), tuple(outlet_of(articles, m["doc_id"]) for m in ms))
            for ms in groups]


def compare(articles: Sequence[Article], events: Sequence[Mapping[str, Any]],
            quotes: Sequence[Mapping[str, Any]]) -> Comparison:
    """Stories, deduplicated events, aligned quotes and hedges of a batch of articles."""
    return reconcile(group_stories(articles, [*events, *quotes]), articles, events, quotes)


def reconcile(stories: Sequence[Story], articles: Sequence[Article], events: Sequence[Mapping[str, Any]],
              quotes: Sequence[Mapping[str, Any]], hedged: Sequence[Article] | None = None) -> Comparison:
    """Deduplicated events and aligned quotes of ``stories`` (their ``articles`` with their
    ``events`` and ``quotes``), and the hedges of ``hedged`` (default: every article).

    Incremental grouping reconciles the stories an ingest changed, and finds the hedges of the
    new articles only: a hedge belongs to its article, whatever story it is in.
    """
    by_id = {a.doc_id: a for a in articles}
    events_of, quotes_of = _by_doc(events), _by_doc(quotes)
    clusters = [c for s in stories
                for c in cluster_events(s, [e for d in s.doc_ids for e in events_of.get(d, [])], by_id)]
    variants = [(s.id, group) for s in stories
                for group in align_quotes([q for d in s.doc_ids for q in quotes_of.get(d, [])])]
    hedges = [h for a in (articles if hedged is None else hedged)
              for h in find_hedges(a.doc_id, a.text, events_of.get(a.doc_id, []), quotes_of.get(a.doc_id, []))]
    return Comparison(by_id, list(stories), clusters, variants, hedges)


def _by_doc(records: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for record in records:
        grouped.setdefault(record["doc_id"], []).append(record)
    return grouped
