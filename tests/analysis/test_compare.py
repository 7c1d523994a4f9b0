"""Cross-outlet reconciliation on records built by hand (the rules), then on the seeds (the pipeline)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest

from flashpoint.analysis.compare import compare, same_event
from flashpoint.analysis.hedges import find_hedges, sentence_extent
from flashpoint.analysis.quote_variants import align_quotes, same_words
from flashpoint.analysis.words import words
from flashpoint.codebook import quad_class
from flashpoint.extract import extract
from flashpoint.ingest import Article, read_inputs
from flashpoint.records import schema
from flashpoint.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "outlets.jsonl"
FIN = {"name": "Finland", "country": "FIN"}
RUS = {"name": "Russia", "country": "RUS"}
KORHONEN = {"name": "Aino Korhonen", "country": "FIN"}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {a.doc_id: a for a in read_inputs([str(FIXTURES)])}


def event(articles: dict[str, Article], event_id: str, doc_id: str, snippet: str, source: dict | None,
          target: dict | None, cameo: str, day: str | None = None) -> dict[str, Any]:
    """An event record whose sentence is the one holding ``snippet`` in the fixture article."""
    text = articles[doc_id].text
    start = text.index(snippet)
    left, right = sentence_extent(text, start, start + len(snippet))
    return {"event_id": event_id, "doc_id": doc_id, "source": source, "target": target,
            "cameo": cameo, "cameo_root": cameo[:2], "quad_class": quad_class(cameo[:2]),
            "sentence": {"start": left, "end": right, "text": text[left:right]},
            "date": {"value": day, "precision": "day" if day else None, "text": None}}


def quote(articles: dict[str, Article] | None, quote_id: str, doc_id: str, text: str,
          speaker: dict | None, start: int | None = None) -> dict[str, Any]:
    """A quote record; its offsets are found in the fixture article when ``articles`` is given."""
    start = articles[doc_id].text.index(text) if articles else start or 0
    return {"quote_id": quote_id, "doc_id": doc_id, "start": start, "end": start + len(text),
            "text": text, "direct": True, "cue": None, "speaker": speaker}


@pytest.fixture(scope="module")
def records(articles) -> tuple[list[dict], list[dict]]:
    """What a perfect extractor would give on the Finland fixtures (input order: euro-3 first)."""
    e = lambda *args, **kw: event(articles, *args, **kw)
    events = [
        e("E-euro-reject", "euro-3", "Russia rejected Finland", RUS, FIN, "120"),
        e("E-euro-accuse", "euro-3", "had called the jamming a provocation", FIN, RUS, "111"),
        e("E-north-summon", "north-1", "Finland summoned the Russian ambassador", FIN, RUS, "112"),
        e("E-north-deny", "north-1", "Russia denied any involvement", RUS, FIN, "120"),
        e("E-baltic-summon", "baltic-7", "Finland on Monday summoned", FIN, RUS, "112"),
        e("E-baltic-reject", "baltic-7", "Moscow rejected the accusation", RUS, FIN, "120"),
        e("E-wire-border", "wire-9", "also closed two border crossings", FIN, RUS, "172"),
        e("E-wire-deny", "wire-9", "is said to have denied", RUS, FIN, "120"),
        e("E-markets", "markets-1", "raised its policy interest rate", {"name": "Bank of Japan",
          "country": "JPN"}, None, "0233"),
        e("E-north-unknown", "north-1", "Foreign Minister Aino Korhonen said", None, None, "010"),
        e("E-baltic-unknown", "baltic-7", "Korhonen told reporters", None, None, "010"),
    ]
    quotes = [
        quote(articles, "Q-north", "north-1", "This is a deliberate provocation and we will not tolerate it.", KORHONEN),
        quote(articles, "Q-baltic", "baltic-7", "This is a deliberate and dangerous provocation,", KORHONEN),
        quote(articles, "Q-euro", "euro-3", "We will not tolerate it.", KORHONEN),
        quote(articles, "Q-wire", "wire-9", "a deliberate provocation", {"name": "Korhonen", "country": "FIN"}),
    ]
    return events, quotes


@pytest.fixture(scope="module")
def report(articles, records) -> dict[str, Any]:
    events, quotes = records
    order = ["euro-3", "north-1", "baltic-7", "wire-9", "markets-1", "senate-4", "north-2"]
    return compare([articles[d] for d in order], events, quotes).to_json()


def _cluster(report: dict, event_id: str) -> dict:
    return next(c for c in report["events"] if event_id in {m["event_id"] for m in c["mentions"]})


# --- the deduplication rule ---------------------------------------------------------------

def _bare(source, target, cameo: str, day: str | None = None) -> dict[str, Any]:
    return {"source": source, "target": target, "cameo": cameo, "cameo_root": cameo[:2],
            "quad_class": quad_class(cameo[:2]), "date": {"value": day}}


def test_same_dyad_and_root_is_one_event() -> None:
    assert same_event(_bare(FIN, RUS, "112"), _bare(FIN, RUS, "111"))


def test_adjacent_roots_of_one_quad_class_merge_but_distant_ones_do_not() -> None:
    assert same_event(_bare(FIN, RUS, "111"), _bare(FIN, RUS, "120"))      # disapprove / reject
    assert not same_event(_bare(FIN, RUS, "111"), _bare(FIN, RUS, "130"))  # disapprove / threaten
    assert not same_event(_bare(FIN, RUS, "140"), _bare(FIN, RUS, "150"))  # 14 and 15: other quads


def test_direction_dates_and_missing_actors_keep_events_apart() -> None:
    assert not same_event(_bare(FIN, RUS, "112"), _bare(RUS, FIN, "112"))
    assert not same_event(_bare(FIN, RUS, "112", "2026-03-02"), _bare(FIN, RUS, "112", "2026-03-09"))
    assert same_event(_bare(FIN, RUS, "112", "2026-03-02"), _bare(FIN, RUS, "112"))
    assert not same_event(_bare(None, None, "010"), _bare(None, None, "010"))
    assert same_event(_bare(FIN, None, "112"), _bare(FIN, {"text": "he"}, "112"))  # "he": unresolved


def test_actors_agree_by_country_else_name_else_code() -> None:
    korhonen = {"name": "Korhonen", "country": None, "code": None}
    assert same_event(_bare(korhonen, None, "010"), _bare({**KORHONEN, "code": "FINGOV"}, None, "010"))
    assert same_event(_bare({"name": "Donald Trump", "country": "USA"}, FIN, "112"),
                      _bare({"name": "United States", "country": "USA"}, FIN, "112"))
    assert not same_event(_bare({"name": "Donald Trump"}, FIN, "112"), _bare({"name": "Donald Tusk"}, FIN, "112"))
    troops = {"name": None, "text": "troops", "code": "MIL"}
    assert same_event(_bare(RUS, troops, "150"), _bare(RUS, {**troops, "text": "soldiers"}, "150"))


# --- stories and clusters over the four-outlet fixture -------------------------------------

def test_report_matches_the_documented_schema(report) -> None:
    jsonschema.validate(report, schema("compare"))


def test_stories_keep_the_unrelated_articles_apart(report) -> None:
    stories = {frozenset(s["articles"]) for s in report["stories"]}
    assert frozenset({"euro-3", "north-1", "baltic-7", "wire-9"}) in stories
    assert frozenset({"markets-1"}) in stories and frozenset({"senate-4"}) in stories


def test_an_event_reported_by_three_outlets_is_one_cluster_named_by_its_earliest_report(report) -> None:
    summon = _cluster(report, "E-baltic-summon")
    assert {m["event_id"] for m in summon["mentions"]} == {"E-north-summon", "E-baltic-summon", "E-euro-accuse"}
    assert (summon["num_articles"], summon["num_outlets"]) == (3, 3)
    # euro-3 came first in the input, but north-1 was published a day earlier
    assert summon["event_id"] == "E-north-summon"
    assert summon["first_report"] == {"doc_id": "north-1", "outlet": "Northern Wire", "published": "2026-03-02"}
    assert summon["mentions"][0]["sentence"]["text"].startswith("Helsinki, March 2, 2026")


def test_the_denial_is_counted_once_across_four_outlets(report) -> None:
    deny = _cluster(report, "E-wire-deny")
    assert (deny["num_articles"], deny["num_outlets"]) == (4, 4)
    assert not deny["single_outlet"]


def test_only_the_claim_one_outlet_makes_is_flagged(report) -> None:
    flagged = {c["event_id"] for c in report["events"] if c["single_outlet"]}
    assert flagged == {"E-wire-border"}  # not the one-outlet markets story, not actor-less events


def test_actorless_events_stay_separate(report) -> None:
    assert _cluster(report, "E-north-unknown")["num_articles"] == 1
    assert _cluster(report, "E-baltic-unknown")["event_id"] == "E-baltic-unknown"


def test_store_keeps_one_row_per_mention_and_replaces_on_rerun(tmp_path, articles, records) -> None:
    events, quotes = records
    comparison = compare(list(articles.values()), events, quotes)
    stories = {s.id: s.doc_ids for s in comparison.stories}
    mentions = [(c.id, m["event_id"], m["doc_id"], o) for c in comparison.events
                for m, o in zip(c.mentions, c.outlets, strict=True)]
    with Store(tmp_path / "fp.duckdb") as store:
        store.save_stories(stories, mentions)
        store.save_stories(stories, mentions)
        rows = store.con.execute("SELECT count(*), count(DISTINCT cluster_id) FROM event_mentions").fetchone()
        assert rows == (len(events), len(comparison.events))
        assert store.con.execute("SELECT count(*) FROM stories").fetchone()[0] == len(articles)
        outlets = store.con.execute("SELECT count(DISTINCT outlet) FROM event_mentions "
                                    "WHERE cluster_id = 'E-north-summon'").fetchone()[0]
        assert outlets == 3
        store.save_stories({"s": ["x", "y"]}, [("c", "e1", "x", None)])
        store.save_stories({"s": ["z"]}, [("c", "e2", "z", None)])
        assert store.con.execute("SELECT doc_id FROM stories WHERE story_id = 's'").fetchall() == [("z",)]
        assert store.con.execute("SELECT event_id FROM event_mentions WHERE cluster_id = 'c'").fetchall() == [("e2",)]


# --- quote variants ---------------------------------------------------------------------------

def test_four_outlets_quote_aligned_and_only_one_has_dangerous(report) -> None:
    (group,) = report["quote_variants"]
    assert {v["doc_id"] for v in group["variants"]} == {"north-1", "baltic-7", "euro-3", "wire-9"}
    assert group["only_in"] == [{"doc_id": "baltic-7", "outlet": "Baltic Times Online", "words": ["dangerous"]}]


PETRO = {"name": "Gustavo Petro", "country": "COL"}


def test_split_quote_aligns_with_merged_quote_and_coward_is_only_in_one() -> None:
    quotes = [
        quote(None, "a1", "A", "Come get me", PETRO, 10),
        quote(None, "a2", "A", "I\u2019m waiting for you here. Don't threaten me, I'll wait for you right here "
                               "if you want to.", PETRO, 40),
        quote(None, "b1", "B", "Come get me, coward! I'm waiting for you here.", {"name": "Petro"}, 5),
    ]
    (group,) = align_quotes(quotes)
    assert [v["quote_id"] for v in group.variants] == ["a1", "a2", "b1"]
    only = dict(group.only_in)
    assert only["B"] == ("coward",)
    assert "i'm" not in only["A"] and "threaten" in only["A"]


def test_stock_phrase_or_other_speaker_does_not_align() -> None:
    trump = {"name": "Donald Trump", "country": "USA"}
    assert not align_quotes([
        quote(None, "a", "A", "sick man who likes making cocaine and selling it to the United States", trump),
        quote(None, "b", "B", "facilitating cocaine production and allowing drugs to be sent to the United States", trump),
    ])
    assert not align_quotes([quote(None, "a", "A", "We will not tolerate it.", KORHONEN),
                             quote(None, "b", "B", "We will not tolerate it.", PETRO)])


def test_speaker_names_agree_when_one_is_part_of_the_other() -> None:
    full = {"name": "Gustavo Petro Urrego", "country": "COL"}
    (group,) = align_quotes([quote(None, "a", "A", "We will not tolerate it.", full),
                             quote(None, "b", "B", "We will not tolerate it.", {"name": "Petro"}),
                             quote(None, "c", "C", "We will not tolerate it.", None)])
    assert group.speaker == full and len(group.variants) == 3


def test_quotes_of_one_article_alone_are_not_variants() -> None:
    assert not align_quotes([quote(None, "a", "A", "Come get me", PETRO, 0),
                             quote(None, "b", "A", "Come get me", PETRO, 50)])


def test_near_identical_wording_aligns() -> None:
    assert same_words(words("I am waiting for you here"), words("I'm waiting for you here"))
    assert not same_words(["coward"], ["coward"])


def test_quotes_sharing_only_grammar_are_not_one_quotation() -> None:
    """The similarity floor: what two quotes share must hold content words."""
    assert not same_words(words("we will not"), words("and we will not, said the minister, accept this"))
    assert not same_words(words("We will not!"), words("we will not"))
    assert same_words(words("Come get me"), words("Come get me, coward!"))


# --- hedges -------------------------------------------------------------------------------------

def test_hedges_qualify_the_events_and_quotes_of_their_sentence(report) -> None:
    by_text = {}
    for hedge in report["hedges"]:
        by_text.setdefault(hedge["text"].casefold(), set()).add(hedge["qualifies"])
    assert by_text["allegedly"] == {None}  # no event or quote was built in that sentence
    assert by_text["offered no evidence"] == {"E-baltic-reject"}
    assert by_text["is said to"] == {"E-wire-deny"}
    assert by_text["unfounded"] == {None} and by_text["claims"] == {None}


def test_hedge_before_a_quote_qualifies_the_quote_across_its_inner_full_stops() -> None:
    text = ("Colombia\u2019s President Gustavo Petro appears to taunt U.S. President Donald Trump, saying, "
            "\u201cCome get me, coward! I\u2019m waiting for you here.\u201d Later he left.")
    content = "Come get me, coward! I\u2019m waiting for you here."
    q = quote(None, "q", "B", content, PETRO, text.index(content))
    (hedge,) = find_hedges("B", text, [], [q])
    assert (hedge.text, hedge.kind, hedge.qualifies) == ("appears to", "appearance", "q")
    assert not find_hedges("B", "Later he left. He was allegedly seen.", [], [
        quote(None, "q2", "B", "Later he left.", PETRO, 0)])[0].qualifies


# --- the seeds, through the pipeline ----------------------------------------------------------

@pytest.fixture(scope="module")
def seed_report(seed_paths, nlp) -> dict[str, Any]:
    seeds = list(read_inputs([str(p) for p in seed_paths]))
    extractions = list(extract(seeds, nlp))
    return compare(seeds, [e for x in extractions for e in x.events],
                   [q for x in extractions for q in x.quotes]).to_json()


def test_seeds_are_one_story_with_their_hedges(seed_report) -> None:
    jsonschema.validate(seed_report, schema("compare"))
    (story,) = seed_report["stories"]
    assert len(story["articles"]) == 2
    hedges = {(h["doc_id"][:3], h["text"]) for h in seed_report["hedges"]}
    assert {("000", "without presenting evidence"), ("001", "appears to")} <= hedges


def test_seeds_coward_is_only_in_the_tweet_version(seed_report) -> None:
    petro = [g for g in seed_report["quote_variants"]
             if "come get me" in " ".join(words(" ".join(v["text"] for v in g["variants"])))]
    assert petro, "the 'Come get me' quote should be aligned across the two seeds"
    only = {o["doc_id"][:3]: o["words"] for o in petro[0]["only_in"]}
    assert only["001"] == ["coward"]
