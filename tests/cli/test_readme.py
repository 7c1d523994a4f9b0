"""The README's "Using it" lines run as written: each names a real command, options it has,
and paths that exist (../shared where it is present)."""
from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import typer

from flashpoint.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _lines() -> list[list[str]]:
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("## Using it", 1)[1].split("```", 2)[1]
    return [shlex.split(line.split("  #", 1)[0]) for line in block.splitlines() if line.startswith("flashpoint ")]


@pytest.mark.parametrize("words", _lines(), ids=lambda words: " ".join(words[:2]))
def test_each_line_parses_and_its_inputs_exist(words: list[str], shared_dir: Path) -> None:
    command = typer.main.get_command(app)
    with command.make_context("flashpoint", words[1:], resilient_parsing=False) as group:
        sub = command.get_command(group, words[1])
        assert sub is not None, words[1]
        context = sub.make_context(words[1], words[2:], parent=group)
    for value in context.params.get("paths") or ([context.params["shared"]] if "shared" in context.params else []):
        assert (ROOT / str(value)).exists(), value
