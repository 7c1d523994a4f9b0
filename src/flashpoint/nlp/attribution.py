"""Who is speaking: turn the token that names a speaker into the record's speaker dict.

The actor mentions (KB entities, plus pronouns and descriptions that coreference resolved)
come first, because they carry the KB name, country and code. Where no mention covers the
speaker the span itself still is the speaker (a PERSON entity, "a campaign operative",
"sources"): an unlinked speaker is better than none. A "he"/"she" that no mention resolves
falls back to the nearest preceding named subject, the usual antecedent in news prose.
Offsets are always those of the words near the quote (the pronoun's own), the name the
resolved one.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Any

from spacy.tokens import Doc, Span, Token

from flashpoint.nlp.mentions import ActorMention

#: Pronouns that name one person and so can be resolved to the previous named subject.
_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
_PERSONAL = frozenset({"he", "she", "him", "her"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: A line shorter than this with no final punctuation is a heading, not prose.
_HEADING_WORDS = 15
_SENTENCE_END = frozenset('.!?:"”’')


def _actor(name: str | None, span_text: str, start: int, end: int) -> dict[str, Any]:
    return {"name": name, "text": span_text, "start": start, "end": end,
            "country": None, "code": None, "sector": None}


class Speakers:
    """Speaker lookups for one Doc; indexes are built once, on first use."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.doc = doc
        self.text = text  # doc.text, passed in: Doc.text rebuilds the string on every access
        self._mention_at: dict[int, ActorMention] = {}
        for mention in doc._.actor_mentions or []:
            for i in range(mention.start, mention.end):
                self._mention_at.setdefault(i, mention)
        self._ent_at = {i: ent for ent in doc.ents if ent.label_ in _NAME_LABELS
                        for i in range(ent.start, ent.end)}
        self._named: list[tuple[int, str]] | None = None
        self._noted: list[tuple[int, str]] = []

    def note(self, speaker: dict[str, Any]) -> None:
        """Remember a named speaker, so a later "he said" can resolve to it."""
        if speaker.get("name") and speaker.get("start") is not None:
            self._noted.append((speaker["start"], speaker["name"]))

    def from_token(self, token: Token) -> dict[str, Any]:
        """The speaker named by ``token`` (usually the head of a subject)."""
        mention = self._mention_at.get(token.i)
        if mention is not None and mention.name:
            return mention.as_actor()
        span = self._ent_at.get(token.i)
        if span is None and token.pos_ == "NOUN":  # "the minister, John Carter, said"
            named = next((c for c in token.rights if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                return self.from_token(named)
        span = span or self._chunk(token)
        name = _clean_name(span.text)
        if token.lower_ in _PERSONAL:
            name = self.antecedent(token.idx) or name
        return _actor(name, span.text, span.start_char, span.end_char)

    def from_chars(self, name: str, start: int, end: int) -> dict[str, Any]:
        """A speaker named outside the parse (an embedded post's signature line)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            mention = self._mention_at.get(span.root.i)
            if mention is not None and mention.name:
                return {**mention.as_actor(), "text": name, "start": start, "end": end}
        return _actor(name, name, start, end)

    def antecedent(self, char: int) -> str | None:
        """The nearest named subject (or named actor mention) before character ``char``."""
        if self._named is None:
            self._named = self._named_subjects()
        k = bisect_left(self._named, (char, ""))
        best = self._named[k - 1] if k else None
        for start, name in self._noted:
            if start < char and (best is None or start > best[0]):
                best = (start, name)
        return best[1] if best else None

    def _chunk(self, token: Token) -> Span:
        """The noun phrase ``token`` heads, up to the head: "a campaign operative"."""
        start = min((c.left_edge.i for c in token.lefts if c.dep_ in _MODIFIER_DEPS), default=token.i)
        return self.doc[start:token.i + 1]

    def _named_subjects(self) -> list[tuple[int, str]]:
        named = {m.start_char: m.name for m in self.doc._.actor_mentions or []
                 if m.name and m.kind == "person"}
        for token in self.doc:
            is_subject = token.dep_ in _SUBJECT_DEPS or (
                token.dep_ == "poss" and token.head.dep_ in _SUBJECT_DEPS)
            if is_subject and token.pos_ == "PROPN" and not _in_heading(self.text, token.idx):
                ent = self._ent_at.get(token.i)
                if ent is None or ent.label_ != "NORP":
                    named.setdefault(token.idx, _clean_name(ent.text if ent else token.text))
        return sorted(named.items())


def _in_heading(text: str, char: int) -> bool:
    """Whether ``char`` sits on a short line without final punctuation (a section heading)."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    line = text[start:len(text) if end < 0 else end].rstrip()
    return len(line.split()) < _HEADING_WORDS and line[-1:] not in _SENTENCE_END


def _clean_name(text: str) -> str:
    """Drop a possessive ending and surrounding punctuation from a name."""
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text.strip(" ,.;:\"“”‘’")
