"""Reporting cues in the parse: which token says "someone said something", and what was said.

A cue is a reporting verb from ``data/lexicon/speech_verbs.tsv`` or the phrase "according to".
Its content is read off the existing dependency parse (never a reparse): the clausal
complement ("said *that ...*"), the object phrase for verbs that take one ("called him *a
liar*", "urged X *to act*"), the clause a parenthetical cue hangs off ("*X did Y*, sources
said") or, for "according to", the rest of its clause.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from flashpoint.datafiles import data_dir, read_tsv

#: Dependents of a cue that hold the reported content in its object-phrase reading.
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "oprd", "prep", "attr", "acomp", "pcomp"})
#: Prepositions that introduce what was said ("described X *as* Y", "accused X *of* Y"), not
#: where or when it was said; "to" only alongside an object ("likened X *to* Y").
_CONTENT_PREPS = frozenset({"as", "for", "of", "on", "about", "against", "to"})
#: What makes an object a statement about it: "called X *a liar*", "described X *as* Y",
#: "accused X *of* Y", "blamed X *for* Y".
_PREDICATES = frozenset({"oprd", "acomp", "attr", "xcomp", "as", "of", "for"})
#: Edge tokens that are not part of what was said.
_EDGE_DEPS = frozenset({"punct", "cc", "mark"})
_SUBJECT_DEPS = ("nsubj", "csubj")
#: A parenthetical cue is short: "sources said", "a source familiar with the talks said".
_PARENTHETICAL_TOKENS = 12
#: Heads a subjectless cue shares its subject with: "..., saying ...", "vowed to *say*",
#: "gathered outside *chanting*" (a participle the parser hangs off a noun or preposition).
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "dobj", "pobj", "prep", "npadvmod"})
_CLIMB_STEPS = 6
_FINITE = frozenset({"VBD", "VBZ", "VBP"})


#: (lemma, is_noun) -> kind ("clause", "object", "addressee" or "noun"): keyed by part of
#: speech too, since "tweet" and "comment" are cues both as verbs and as nouns.
CueWords = Mapping[tuple[str, bool], str]


def cue_words(directory: str | Path | None = None) -> CueWords:
    """The speech cues of lexicon ``directory`` (``speech_verbs.tsv``; None or "": the packaged
    lexicon), read once per process and directory."""
    return _cue_words_cached(data_dir("lexicon", directory))


@lru_cache(maxsize=8)
def _cue_words_cached(directory: Path) -> CueWords:
    rows = read_tsv(directory / "speech_verbs.tsv", ("lemma", "kind"))
    return {(row["lemma"], row["kind"] == "noun"): row["kind"] for row in rows}


def cue_kind(token: Token, words: CueWords) -> str | None:
    """The lexicon kind of ``token`` when it is used as a cue, else None."""
    if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        return "according"
    if token.pos_ not in ("VERB", "NOUN"):
        return None
    return words.get((token.lemma_.lower(), token.pos_ == "NOUN"))


def _span(tokens: list[Token]) -> tuple[int, int] | None:
    """Token range ``[start, end)`` covering the subtrees of ``tokens``, edge punctuation trimmed."""
    if not tokens:
        return None
    start = min(t.left_edge.i for t in tokens)
    end = max(t.right_edge.i for t in tokens) + 1
    return _trim(tokens[0].doc, start, end)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (doc[start].dep_ in _EDGE_DEPS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].dep_ in _EDGE_DEPS or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


class Content(NamedTuple):
    """Token range ``[start, end)`` of what a cue reports; ``clause`` tells a proposition from
    a bare noun phrase ("criticised *the plan*", "discussed *the border*"), which is no
    indirect quote. A proposition is a clause, an infinitive or gerund ("said *that ...*",
    "urged X *to act*"), a small clause ("called *X a liar*", "described *X as Y*"), a charge
    ("accused *X of Y*", "blamed *X for Y*") or a demand ("called *for a ceasefire*")."""

    start: int
    end: int
    clause: bool


def content_tokens(cue: Token, kind: str, sentence: Span, words: CueWords) -> Content | None:
    """What ``cue`` reports, or None when the parse shows no content; ``sentence`` is the
    cue's (passed in: looking it up scans the whole sentence), ``words`` the cue lexicon
    (a cue inside the content is another speaker's)."""
    if kind == "according":
        return _content(_according_content(cue, sentence), True)
    if kind == "noun":
        return None
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    if clauses:
        return _content(_span(clauses), True)
    infinitives = [c for c in cue.rights if c.dep_ == "xcomp"]
    if kind == "addressee" and infinitives:
        return _content(_span(infinitives), True)
    if kind == "object":
        objects = [c for c in cue.rights if c.dep_ in _OBJECT_DEPS
                   and (c.dep_ != "prep" or c.lower_ in _CONTENT_PREPS and not _as_saying(c, words))]
        if any(c.dep_ != "prep" or c.lower_ != "to" for c in objects):
            return _content(_span(objects), _is_proposition(objects))
    if cue.dep_ in ("parataxis", "ccomp") and cue.head is not cue:
        return _content(_parenthetical_content(cue, words), True)
    return None


def _content(bounds: tuple[int, int] | None, clause: bool) -> Content | None:
    return Content(bounds[0], bounds[1], clause) if bounds else None


def _is_proposition(objects: list[Token]) -> bool:
    """Whether a cue's object-phrase content states something (see :class:`Content`)."""
    deps = {c.dep_ if c.dep_ != "prep" else c.lower_ for c in objects}
    verbal = any(c.pos_ in ("VERB", "AUX") and c.dep_ in ("xcomp", "pcomp", "ccomp") or (
        c.dep_ == "prep" and any(g.dep_ == "pcomp" and g.pos_ in ("VERB", "AUX") for g in c.children))
        for c in objects)
    predicated = "dobj" in deps and bool(deps & _PREDICATES)
    return verbal or predicated or "for" in deps


def _as_saying(prep: Token, words: CueWords) -> bool:
    """"cited the ministry *as saying* ...": the content belongs to the inner cue."""
    return prep.lower_ == "as" and any(c.dep_ == "pcomp" and cue_kind(c, words) for c in prep.children)


def _parenthetical_content(cue: Token, words: CueWords) -> tuple[int, int] | None:
    """"X did Y, sources said" / "X, he said, did Y": the clause the cue hangs off; a cue in
    the middle stays inside the span (the content is discontinuous around it). A cue before
    its clause is only parenthetical with words before it, and a parenthetical is a short
    subject-and-verb aside."""
    head = cue.head
    start, end = head.left_edge.i, head.right_edge.i + 1
    if (cue.i < head.i and cue.left_edge.i <= start or cue_kind(head, words) is not None
            or cue.right_edge.i - cue.left_edge.i >= _PARENTHETICAL_TOKENS
            or not any(c.dep_ in _SUBJECT_DEPS for c in cue.children)):
        return None  # "said he would not answer": the cue is the content of another cue
    if cue.right_edge.i + 1 >= end:
        end = cue.left_edge.i
    return _trim(cue.doc, start, end)


def _according_content(according: Token, sent: Span) -> tuple[int, int] | None:
    """The clause "according to X" qualifies, minus the phrase itself (larger side)."""
    head = according.head if according.head is not according else according
    lo, hi = according.left_edge.i, according.right_edge.i + 1
    if head.i == according.i:
        before, after = (sent.start, lo), (hi, sent.end)
    else:
        before, after = (head.left_edge.i, lo), (hi, head.right_edge.i + 1)
    side = before if before[1] - before[0] >= after[1] - after[0] else after
    return _trim(according.doc, *side)


def speaker_token(cue: Token, kind: str, is_actor: Callable[[Token], bool]) -> Token | None:
    """The token naming who speaks: the cue's subject (climbing over participles) or X in
    "according to X" / a passive's "by X" / "quoted X as saying" / "X chanting" (when
    ``is_actor(X)``: not "a campaign claiming"); a relative pronoun is replaced by its noun,
    a document by whoever read or signed it."""
    if kind == "according":
        to = cue.nbor()
        objects = [t for t in to.children if t.dep_ == "pobj"] or [
            t for t in cue.children if t.dep_ == "pobj"]
        return _author(objects[0], is_actor) if objects else None
    token: Token | None = cue
    if kind == "noun":  # "in a statement", "with the words": the verb the noun hangs off
        token = next((a for a in cue.ancestors if a.pos_ in ("VERB", "AUX")), None)
    for _ in range(_CLIMB_STEPS):
        if token is None:
            return None
        for child in token.children:
            if child.dep_ in _SUBJECT_DEPS:
                if child.tag_ in ("WP", "WDT") and token.dep_ == "relcl":
                    return _author(token.head, is_actor)
                return _author(_past_dateline(child), is_actor)
            if child.dep_ == "agent":
                return next((t for t in child.children if t.dep_ == "pobj"), None)
        quoted = _quoted_as_saying(token)
        if quoted is not None:
            return quoted
        if (token is cue or token.dep_ == "conj") and _left_noun(token) is not None:
            return _left_noun(token)
        if token.dep_ == "acl" and is_actor(token.head):
            return token.head  # "protesters chanting", not "a statement saying"
        if token.dep_ not in _CLIMB_DEPS | {"acl"} or token.head is token:
            return _inverted_author(token)
        token = token.head
    return None


def _left_noun(verb: Token) -> Token | None:
    """"..., and Congo's government said", "both Iran and the US characterized": the noun
    right before a subjectless finite verb is its subject, even where the parser hung it
    elsewhere (not before a participle: "fired tear gas, saying")."""
    before = verb.doc[verb.i - 1] if verb.i else None
    if (verb.tag_ in _FINITE and before is not None and before.pos_ in ("NOUN", "PROPN")
            and before.head is not verb):
        return before
    return None


def _quoted_as_saying(token: Token) -> Token | None:
    """"cited the ministry as saying", "quoted X as saying": X speaks, not the citer."""
    if token.dep_ != "pcomp" or token.head.lower_ != "as":
        return None
    return next((c for c in token.head.head.children if c.dep_ == "dobj"), None)


def _author(token: Token, is_actor: Callable[[Token], bool]) -> Token:
    """"the statement read out by Colonel X", "a letter signed by Y", "a statement from the
    ministry": a document speaks for whoever read it out, signed, issued or sent it (an actor
    "led by" someone speaks for itself)."""
    if is_actor(token):
        return token
    for child in token.rights:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB":
            child = next((c for c in child.children if c.dep_ == "agent"), child)
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "from"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return token


def _inverted_author(cue: Token) -> Token | None:
    """'"...," said the statement read out by X': the parser may make the document the
    subject of a clause hanging off the cue; its author is the speaker."""
    for clause in cue.rights:
        by = next((c for c in clause.children if c.dep_ == "agent"), None)
        subjects = [c for c in clause.lefts if c.dep_ in _SUBJECT_DEPS]
        right_after = bool(subjects) and subjects[0].left_edge.i == cue.i + 1
        if clause.dep_ == "ccomp" and by is not None and right_after:
            return next((c for c in by.children if c.dep_ == "pobj"), None)
    return None


def _past_dateline(subject: Token) -> Token:
    """"WASHINGTON, Jan. 5 — President X said": the parser may make the dateline's place the
    subject and the real one its apposition; a date between the two gives that away."""
    for child in subject.rights:
        if child.dep_ == "appos" and any(t.ent_type_ == "DATE" for t in subject.doc[subject.i:child.i]):
            return child
    return subject


def root_subject(root: Token, is_actor: Callable[[Token], bool]) -> Token | None:
    """The subject of the sentence whose root is ``root``: the fallback speaker when the parse
    links a cue to nothing useful (e.g. attaches it inside the quote)."""
    return speaker_token(root, "clause", is_actor)
