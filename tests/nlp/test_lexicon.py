"""The event coder's lexicons: the packaged rows, and a user's lexicon directory."""
from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from flashpoint.codebook import codebook
from flashpoint.errors import PipelineError
from flashpoint.nlp.lexicon import lexicon

PACKAGED = Path(str(resources.files("flashpoint.data") / "lexicon"))


def test_lexicon_covers_every_root_and_uses_listed_codes() -> None:
    lex = lexicon()
    codes = {e.code for entries in (*lex.verbs.values(), *lex.nouns.values()) for e in entries}
    assert {c[:2] for c in codes} == {f"{i:02d}" for i in range(1, 21)}
    assert codes <= set(codebook())
    assert len(codes) >= 150


def test_lexicon_entries_are_most_specific_first() -> None:
    entries = lexicon().verbs["threaten"]
    assert entries[0].specificity >= entries[-1].specificity
    assert entries[-1].code == "130"


@pytest.mark.parametrize("name", ["verbs.tsv", "nouns.tsv", "classes.tsv"])
def test_lexicon_files_name_their_sources(name: str) -> None:
    assert "CAMEO" in (PACKAGED / name).read_text("utf-8")[:600]


def test_the_packaged_lexicon_is_parsed_once_whatever_it_is_called() -> None:
    assert lexicon() is lexicon("") is lexicon(PACKAGED)


def _user_lexicon(tmp_path: Path, verb_row: str) -> Path:
    for name in ("classes.tsv", "nouns.tsv"):
        shutil.copy(PACKAGED / name, tmp_path)
    (tmp_path / "verbs.tsv").write_text(f"# a user's lexicon\nlemma\tcondition\tcode\n{verb_row}\n",
                                        encoding="utf-8")
    return tmp_path


def test_a_user_lexicon_directory_is_read(tmp_path: Path) -> None:
    lex = lexicon(_user_lexicon(tmp_path, "chastise\tobj=@diplomat\t111"))
    [entry] = lex.verbs["chastise"]
    assert entry.code == "111" and "ambassador" in (entry.conditions[0][1] or ())
    assert "threaten" not in lex.verbs


@pytest.mark.parametrize("row, problem", [("chastise\t-\t999", "unknown CAMEO code '999'"),
                                          ("chastise\tobj=@nonsense\t111", "unknown word class '@nonsense'"),
                                          ("chastise\t111", "row 1 has 2 cells")])
def test_a_bad_lexicon_row_is_one_error_naming_the_file(tmp_path: Path, row: str, problem: str) -> None:
    with pytest.raises(PipelineError, match=problem) as caught:
        lexicon(_user_lexicon(tmp_path, row))
    assert caught.value.code == "E011" and caught.value.subject == str(tmp_path.resolve() / "verbs.tsv")


def test_a_missing_lexicon_directory_is_one_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match="E011 .*classes.tsv: cannot read pipeline data"):
        lexicon(tmp_path / "nowhere")
