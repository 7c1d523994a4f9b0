"""What the robustness tests share: articles, and pipelines cheap enough to run on megabytes.

The chunking, the rounds and the time budget do not depend on what the components find, so
most tests here run a blank English pipeline (tokenizer only) or one with a component that
just sleeps; the real pipeline is used where what it finds matters (seams, the CLI).
"""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.nlp.extensions import register_extensions
from tests.api.conftest import client, db, monitor_db  # noqa: F401  (the API tests' store and client)

ARTICLE = "Colombia accused Venezuela of border incursions on Monday."


@Language.component("robustness_slow")
def _slow(doc: Doc) -> Doc:
    """Sleeps a little per Doc and counts the Docs: time passes, and we can see when it stops."""
    time.sleep(SLOW_SECONDS)
    SLOW_DOCS.append(len(doc.text))
    return doc


SLOW_SECONDS = 0.05
SLOW_DOCS: list[int] = []


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    """A tokenizer-only English pipeline: chunking and rounds without the cost of the models."""
    register_extensions()
    return spacy.blank("en")


@pytest.fixture()
def slow_nlp() -> Iterator[Language]:
    """A blank pipeline whose one component sleeps ``SLOW_SECONDS`` per Doc (and counts them)."""
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("robustness_slow")
    SLOW_DOCS.clear()
    yield nlp
    SLOW_DOCS.clear()
