"""The event coder's lexicons: verb and noun rows that give CAMEO codes, and word classes.

Read from a lexicon directory (``flashpoint/data/lexicon``, or a user's own passed through
the pipeline config as ``lexicon_path``): ``verbs.tsv`` and ``nouns.tsv`` (lemma, conditions
on the dependency parse, CAMEO code) and ``classes.tsv`` (the word classes conditions name
as ``@class``). How a row's conditions are read against a parse is :mod:`triggers`' job.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flashpoint.codebook import lookup
from flashpoint.datafiles import data_dir, read_tsv
from flashpoint.errors import PipelineError

#: A condition of a row: its key ("prep", "obj", ...) and the words it allows (None: any).
Condition = tuple[str, frozenset[str] | None]


@dataclass(frozen=True)
class LexEntry:
    """One lexicon row: its conditions on the dependency parse and the CAMEO code it yields."""

    lemma: str
    conditions: tuple[Condition, ...]
    code: str

    @property
    def specificity(self) -> int:
        return len(self.conditions)


@dataclass(frozen=True)
class Lexicon:
    """Verb and noun entries indexed by lemma (one dict lookup a token), plus word classes."""

    verbs: dict[str, tuple[LexEntry, ...]]
    nouns: dict[str, tuple[LexEntry, ...]]
    classes: dict[str, frozenset[str]]


def _condition(item: str, classes: dict[str, frozenset[str]]) -> Condition:
    key, _, value = item.partition("=")
    if not value:
        return key, None
    words: set[str] = set()
    for word in value.split("|"):
        if word.startswith("@") and word[1:] not in classes:
            raise KeyError(f"unknown word class {word!r}")
        words |= classes[word[1:]] if word.startswith("@") else {word}
    return key, frozenset(words)


def _entries(path: Path, classes: dict[str, frozenset[str]]) -> dict[str, tuple[LexEntry, ...]]:
    index: dict[str, list[LexEntry]] = {}
    for row in read_tsv(path):
        lemma, cond, code = row["lemma"], row["condition"], row["code"]
        try:
            lookup(code)  # fail loudly on a code the codebook does not know
            conds = () if cond == "-" else tuple(_condition(c, classes) for c in cond.split())
        except KeyError as error:
            raise PipelineError("E011", str(path), reason=f"{lemma}: {error.args[0]}") from error
        index.setdefault(lemma, []).append(LexEntry(lemma, conds, code))
    return {k: tuple(sorted(v, key=lambda e: -e.specificity)) for k, v in index.items()}


def lexicon(directory: str | Path | None = None) -> Lexicon:
    """The verb/noun lexicons of ``directory`` (None or "": the packaged one), parsed once
    per process and directory."""
    return _lexicon_cached(data_dir("lexicon", directory))


@lru_cache(maxsize=8)
def _lexicon_cached(directory: Path) -> Lexicon:
    classes = {row["class"]: frozenset(row["lemmas"].split()) for row in read_tsv(directory / "classes.tsv")}
    return Lexicon(_entries(directory / "verbs.tsv", classes), _entries(directory / "nouns.tsv", classes),
                   classes)
