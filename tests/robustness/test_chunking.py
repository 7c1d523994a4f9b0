"""Long articles in chunks: the windows cover the text, offsets map back exactly, and no
event or quote is lost or found twice at a seam."""
from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.chunking import Window, merge, windows
from flashpoint.extract import extract
from flashpoint.ingest import Article
from flashpoint.settings import Settings

#: A story whose paragraphs lean on each other across any seam: a pronoun whose antecedent is
#: in the paragraph before, and a quotation running over two paragraphs (the first has no
#: closing mark, as newspapers print it).
PARAGRAPHS = [
    "Colombian President Gustavo Petro accused the United States of violating Colombia's sovereignty on Tuesday.",
    ("“We will not accept threats from anyone,” he said at a news conference in Bogotá. "
    "“The government will respond with diplomacy and firmness."),
    "“Our sovereignty is not negotiable, and the people of Colombia stand united,” Petro added.",
    "Venezuela's foreign minister condemned the strikes on Wednesday. She said the attacks were illegal.",
    ("U.S. Secretary of State Marco Rubio threatened new sanctions against Caracas. "
    "He told reporters that “all options are on the table.”"),
    "Brazil's president Luiz Inácio Lula da Silva called for talks between Washington and Bogotá.",
]
STORY = "\n\n".join(PARAGRAPHS * 10)


def _events(extraction) -> list[tuple]:
    return sorted((e["event_id"], e["sentence"]["start"], e["trigger"]["start"], e["cameo"],
                   (e["source"] or {}).get("name"), (e["target"] or {}).get("name"), e["quote_id"])
                  for e in extraction.events)


def _quotes(extraction) -> list[tuple]:
    return sorted((q["quote_id"], q["start"], q["end"], q["kind"], (q["speaker"] or {}).get("name"))
                  for q in extraction.quotes)


def test_chunked_records_are_the_whole_docs_records(nlp) -> None:
    """Seams at every kind of place (inside the quotation, between a pronoun and its
    antecedent): the same events and quotes, with the same ids, as one whole Doc."""
    article = Article(doc_id="story", text=STORY)
    (whole,) = extract([article], nlp, Settings(chunk_chars=len(STORY) + 1))
    assert len(whole.events) > 30 and len(whole.quotes) > 30
    for size in (1_200, 1_700, 2_500):
        chosen = Settings(chunk_chars=size, chunk_context=1_000)
        assert len(windows(STORY, size, 1_000)) >= 3
        (chunked,) = extract([article], nlp, chosen)
        assert _events(chunked) == _events(whole), size
        assert _quotes(chunked) == _quotes(whole), size
        for event in chunked.events:
            for span in (event["sentence"], event["trigger"]):
                assert STORY[span["start"]:span["end"]] == span["text"]
            for actor in (event["source"], event["target"]):
                if actor and actor["start"] is not None:
                    assert STORY[actor["start"]:actor["end"]] == actor["text"]
        for quote in chunked.quotes:
            assert STORY[quote["start"]:quote["end"]] == quote["text"]


texts = st.text(alphabet=st.sampled_from("ab .\n"), max_size=3_000)


@settings(max_examples=200)
@given(texts, st.integers(1, 400), st.integers(0, 200))
def test_windows_cover_the_text_once_within_their_size(text: str, size: int, context: int) -> None:
    found = windows(text, size, context)
    assert found[0].own_start == 0 and found[-1].own_end == len(text)
    for before, after in itertools.pairwise(found):
        assert before.own_end == after.own_start
    for window in found:
        assert window.start <= window.own_start <= window.own_end <= window.end
        assert window.own_end - window.own_start <= size
        assert window.own_start - window.start <= context and window.end - window.own_end <= context


def _fake_component(text: str) -> tuple[list[dict], list[dict]]:
    """Events and quotes found without spaCy: an event per sentence (a capital to a full
    stop) holding "x", a quote per '"..."' pair, in the offsets of ``text``."""
    events = [{"sentence": {"start": m.start(), "end": m.end(), "text": m.group()},
               "trigger": {"start": m.start(), "end": m.start() + 1, "text": m.group()[0]},
               "source": None, "target": None, "modality": {"reported_by": None}, "quote_id": None}
              for m in re.finditer(r"[A-Z][^.\n]*x[^.\n]*\.", text)]
    quotes = [{"quote_id": f"q{i}", "start": m.start(), "end": m.end(), "text": m.group(), "cue": None,
               "speaker": None} for i, m in enumerate(re.finditer(r'"[^"\n]*"', text))]
    return events, quotes


sentences = st.lists(st.sampled_from(["Ax b.", "C d.", 'He said "ok x".', "E x.", "\n\n", "\n"]), max_size=300)


@settings(max_examples=200)
@given(sentences, st.integers(20, 300))
def test_merge_keeps_each_record_once_at_its_place(parts: list[str], size: int) -> None:
    """Whatever the seams, merging what each window found gives what one pass over the whole
    text finds, for a component that needs no more context than a sentence (40 characters
    of context, longer than any sentence here)."""
    text = " ".join(parts)
    found = [(w, *_fake_component(text[w.start:w.end])) for w in windows(text, size, 40)]
    events, quotes = merge(found)
    whole_events, whole_quotes = merge([(Window(0, len(text), 0, len(text)), *_fake_component(text))])
    assert events == whole_events
    assert quotes == whole_quotes
    for event in events:
        assert text[event["sentence"]["start"]:event["sentence"]["end"]] == event["sentence"]["text"]
