"""PETRARCH2's verb patterns (``data/lexicon/petrarch_verbs.tsv``) matched on the dependency parse.

The field's verb dictionary gives, for about 1,700 verbs in synonym blocks, the verb's own code
and thousands of "verb + subject / object / prepositional phrase" patterns ("STAGE * ATTACK" 190,
"KILL" with subject "EARTHQUAKE" = no event). flashpoint's hand-written lexicon
(``verbs.tsv``) stays first; these patterns fill what it lacks, in this order (see
:func:`PatternBook.match`): a pattern naming words of the verb's arguments, then the verb's own
code. A matching pattern coded ``---`` means "no event" ("fought corruption", "an earthquake
killed"), and so blocks the verb.

How a pattern is read against the parse: its object words must be the head (the last word) and
modifiers of a direct object (or passive subject) of the verb; its subject words likewise of the
subject; a prepositional phrase ``prep:words`` must be a preposition child of the verb or of its
object whose object has those words (``prep:`` alone: any object). Words compare with a token's
text or lemma, lower-cased; ``@class`` stands for the words of a PETRARCH synonym set
(``petrarch_synsets.tsv``). Rows the converter marked as never matched by PETRARCH2 itself
(``sequence``, ``shadowed``, ``later_block``) are not used.

Bare verb codes of very common, many-sensed verbs ("die", "take", "give", "see") are left out
(``BARE_STOPLIST``): PETRARCH2 relied on its patterns to qualify them, and alone they code
ordinary sentences as events ("X died" is no attack by X).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from spacy.tokens import Token

from flashpoint.datafiles import data_dir, read_tsv

#: Very common verbs whose PETRARCH2 block code is not used without a pattern (see above).
BARE_STOPLIST = frozenset({
    "die", "take", "give", "make", "go", "come", "get", "see", "think", "consider", "leave", "join",
    "lead", "serve", "need", "expect", "decide", "break", "pull", "put", "set", "hold", "keep",
    "bring", "turn", "run", "move", "stand", "follow", "look", "find", "show", "know", "want",
    "use", "try", "work", "play", "win", "lose", "pay", "open", "close", "face", "hope", "plan",
    "seek", "start", "begin", "end", "remain", "become", "carry", "draw", "drive", "fall", "hit",
    "let", "live", "mark", "meet", "pass", "point", "raise", "reach", "return", "rise", "send",
    "speak", "spend", "stay", "step", "stop", "talk", "tell", "touch", "wait", "walk", "watch",
    "write",
})
_UNUSED_MARKERS = ("sequence", "shadowed", "later_block")

Words = tuple[frozenset[str], ...]


@dataclass(frozen=True)
class Pattern:
    """One row: the words each argument must hold (alternatives per word) and the code."""

    code: str
    particle: str | None
    subject: Words
    object: Words
    preps: tuple[tuple[str, Words], ...]

    @cached_property
    def cues(self) -> tuple[frozenset[str], ...]:
        """Word sets of which the verb's phrase must hold one each for the pattern to match
        (particle, head words, prepositions): a cheap test before the parse is walked."""
        heads = [w[-1] for w in (self.subject, self.object) if w]
        heads += [frozenset({prep}) for prep, _ in self.preps]
        heads += [w[-1] for _, w in self.preps if w]
        return tuple(heads) + ((frozenset({self.particle}),) if self.particle else ())

    @property
    def specificity(self) -> int:
        """How many words the pattern names (a particle counts as one)."""
        return len(self.subject) + len(self.object) + sum(1 + len(w) for _, w in self.preps) \
            + (self.particle is not None)


@dataclass(frozen=True)
class PatternBook:
    """Patterns by verb lemma, most specific first, and the verbs' own codes."""

    patterns: dict[str, tuple[Pattern, ...]]
    bare: dict[str, str]

    def lemmas(self) -> frozenset[str]:
        return frozenset(self.patterns) | frozenset(self.bare)

    def match(self, verb: Token, lemma: str) -> Pattern | None:
        """The most specific pattern of ``lemma`` that holds at ``verb``, else a pattern-less
        row with the verb's own code (None when neither exists)."""
        patterns = self.patterns.get(lemma, ())
        words = {w for t in verb.subtree for w in (t.lower_, t.lemma_.lower())} if patterns else set()
        for pattern in patterns:
            if all(not words.isdisjoint(cue) for cue in pattern.cues) and _holds(verb, pattern):
                return pattern
        code = self.bare.get(lemma)
        return Pattern(code, None, (), (), ()) if code else None


def _words(text: str, synsets: dict[str, frozenset[str]]) -> Words:
    """Pattern words as alternatives: ``@class`` expands to the synset, multi-word members
    contribute their last word (the head)."""
    out = []
    for word in text.split():
        if word.startswith("@"):
            members = synsets.get(word[1:], frozenset())
            out.append(frozenset(m.split()[-1] for m in members))
        else:
            out.append(frozenset({word, _singular(word)}))
    return tuple(out)


def _singular(word: str) -> str:
    """The singular a lemmatiser gives a regular plural ("warrants" -> "warrant"), so a
    pattern written with a plural matches either number."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def pattern_book(directory: str | Path | None = None) -> PatternBook:
    """The PETRARCH2 patterns of lexicon ``directory`` (None or "": the packaged one), parsed
    once per process and directory."""
    return _pattern_book_cached(data_dir("lexicon", directory))


@lru_cache(maxsize=8)
def _pattern_book_cached(directory: Path) -> PatternBook:
    synsets = {r["class"]: frozenset(r["words"].split("|"))
               for r in read_tsv(directory / "petrarch_synsets.tsv")}
    patterns: dict[str, list[Pattern]] = {}
    bare: dict[str, str] = {}
    for row in read_tsv(directory / "petrarch_verbs.tsv"):
        if any(m in row["markers"] for m in _UNUSED_MARKERS) or row["particle"].startswith("<"):
            continue
        lemma = row["lemma"]
        preps = tuple((p.split(":", 1)[0].lstrip("<"), _words(p.split(":", 1)[1], synsets))
                      for p in row["preps"].split(" ; ") if p)
        pattern = Pattern(row["code"], row["particle"] or None, _words(row["subject"], synsets),
                          _words(row["object"], synsets), preps)
        if pattern.specificity == 0:
            if row["code"] != "---" and lemma not in BARE_STOPLIST:
                bare.setdefault(lemma, row["code"])
            continue
        patterns.setdefault(lemma, []).append(pattern)
    ordered = {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in patterns.items()}
    return PatternBook(ordered, bare)


def _has(token: Token, word: frozenset[str]) -> bool:
    return token.lower_ in word or token.lemma_.lower() in word


def _phrase_holds(head: Token, words: Words) -> bool:
    """The phrase headed by ``head`` has the pattern's head word and every modifier word."""
    if not words or not _has(head, words[-1]):
        return not words
    rest = [t for t in head.subtree if t is not head]
    return all(any(_has(t, w) for t in rest) for w in words[:-1])


def _holds(verb: Token, pattern: Pattern) -> bool:
    if pattern.particle is not None and not any(
            c.dep_ == "prt" and c.lower_ == pattern.particle for c in verb.children):
        return False
    if pattern.subject and not any(_phrase_holds(c, pattern.subject) for c in verb.children
                                   if c.dep_ in ("nsubj", "agent", "csubj")):
        return False
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    if pattern.object and not any(_phrase_holds(o, pattern.object) for o in objects):
        return False
    owners = [verb, *objects]
    return all(any(_prep_holds(p, prep, words) for o in owners for p in o.children)
               for prep, words in pattern.preps)


def _prep_holds(child: Token, prep: str, words: Words) -> bool:
    if child.dep_ not in ("prep", "agent", "dative") or child.lower_ != prep:
        return False
    pobjs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
    return bool(pobjs) and (not words or any(_phrase_holds(g, words) for g in pobjs))
