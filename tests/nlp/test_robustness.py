"""The whole pipeline on scrambled news-like text: no component may crash on odd input.

One crash inside ``nlp.pipe`` would stop a whole batch, so every component must survive
unbalanced quotes, lone demonyms, bare titles, stray line breaks and the like.
"""
from __future__ import annotations

import random

import jsonschema

from flashpoint.extract import extract
from flashpoint.ingest import Article
from flashpoint.records import schema

PIECES = [
    "President", "Trump", "Petro", "said", "he", "she", "they", "“", "”", '"', "'", "‘", "’", "«", "»",
    "Colombian", "American", "and", ",", ".", ":", "—", "\n", "\n\n", "the", "US", "U.S.", "troops",
    "accused", "threatened", "sanctions", "on", "Colombia", "Venezuela", "Russia", "China", "of",
    "minister", "Hungarian", "Romanian", "officials", "according", "to", "@handle", "January 5, 2026",
    "I", "we", "me", "warned", "Secretary", "of State", "Marco", "Rubio", "(", ")", "pic.twitter.com/x",
]


def test_scrambled_texts_do_not_crash_and_offsets_hold(nlp) -> None:
    rng = random.Random(20260105)
    texts = [" ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60))) for _ in range(150)]
    articles = [Article(doc_id=f"fuzz-{i}", text=t) for i, t in enumerate(texts)]
    extractions = list(extract(articles, nlp))
    assert len(extractions) == len(articles)
    for extraction in extractions:
        text = extraction.article.text
        for event in extraction.events:
            jsonschema.validate(event, schema("event"))
            assert text[event["sentence"]["start"]:event["sentence"]["end"]] == event["sentence"]["text"]
        for quote in extraction.quotes:
            jsonschema.validate(quote, schema("quote"))
            assert text[quote["start"]:quote["end"]] == quote["text"]
