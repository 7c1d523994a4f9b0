"""How confident the coder is in each event, and which of a sentence's records are one event.

Confidence is a score in (0, 1), not a probability: it rises with the specificity of the lexicon
match and with each actor read from the text, and falls for what is known to go wrong more often:
actors inferred from the discourse rather than read in the sentence, statements, nominal events,
hypotheticals, events embedded in reported clauses, headlines (parsed poorly, and restated by
the article's body) and background (an event the sentence dates long before the article: the
news is about now). Its meaning is measured, not assumed: ``flashpoint evaluate`` prints the
precision of each confidence band on the gold sets, and the default threshold of the event
component is set from those bands (see the README, "How good is it").
"""
from __future__ import annotations

from spacy.tokens import Span

from flashpoint.nlp.event_candidate import Candidate
from flashpoint.records import Actor, CodedEvent


def resolved(actor: Actor | None) -> bool:
    """Whether a record's actor is coded (a country or an actor code), not just a name."""
    return bool(actor and (actor.get("country") or actor.get("code")))


#: Ceilings of the score by what the record's actors are (see the module docstring): on the
#: development sets an event without a resolved target was right about one time in ten and
#: one without a resolved source almost never, so neither can reach the default threshold.
NO_TARGET_CAP = 0.3
#: Acts aimed at nobody in particular, complete without a target: resigning, declaring martial
#: law or a curfew, declaring a ceasefire, reducing relations (suspending talks, leaving a bloc:
#: news often leaves the other party unstated).
UNDIRECTED_CODES = frozenset({"0831", "0832", "1723", "1724", "0871", "160"})
NO_SOURCE_CAP = 0.1


def confidence(cand: Candidate, source: Actor | None, target: Actor | None,
               hypothetical: bool, inferred: bool = False, headline: bool = False,
               background: bool = False) -> float:
    """The score of one record of ``cand`` (see the module docstring)."""
    spec = (cand.entry.specificity if cand.entry else 0) + (len(cand.trigger) > 1)
    score = 0.6 + 0.04 * min(spec, 3) - (0.1 if inferred else 0.0)
    if cand.code[:2] == "01":
        score -= 0.2
    if cand.nominal:
        score -= 0.05
    if hypothetical:
        score -= 0.15
    if headline:
        score -= 0.3
    if background:
        score -= 0.2
    score -= 0.08 * min(cand.depth, 3)
    if not resolved(target) and cand.code not in UNDIRECTED_CODES:
        score = min(score, NO_TARGET_CAP)
    if not resolved(source):
        score = min(score, NO_SOURCE_CAP)
    return round(max(0.01, min(0.97, score)), 3)


def dedupe(records: list[CodedEvent]) -> list[CodedEvent]:
    """One record per (source, target, CAMEO root) of a sentence: the most confident one
    ("freed the mayor and members of his council" is one act on one country)."""
    best: dict[tuple[str | None, str | None, str], CodedEvent] = {}
    for record in records:
        key = (_key(record["source"]), _key(record["target"]), record["cameo_root"])
        if key not in best or record["confidence"] > best[key]["confidence"]:
            best[key] = record
    return [r for r in records if any(r is b for b in best.values())]


def best_of_sentence(records: list[CodedEvent]) -> list[CodedEvent]:
    """The sentence's most confident record, alone: a sentence classifier asks for one reading
    of each sentence, and a second record of the same act (the other direction of "A and B
    met", a second target) would count as a second event. Of records as confident, the first
    in the text wins: the first-named direction, the usual convention for symmetric acts."""
    return [max(records, key=lambda r: r["confidence"])] if records else []


def _key(actor: Actor | None) -> str | None:
    if not actor:
        return None
    return actor.get("country") or actor.get("code") or actor.get("text")


#: Longest a headline or caption runs, in words; a longer line without a full stop is body text.
HEADLINE_WORDS = 16
_BULLETS = ("-", "•", "*", "–", "—")


def is_headline(sent: Span) -> bool:
    """A headline, sub-head or caption: a short line of its own with no closing punctuation
    (a bulleted summary line, "- X did Y", is body text)."""
    text = sent.text.strip()
    if not text or text[-1] in ".!?\"'”’)" or text.startswith(_BULLETS):
        return False
    if sum(1 for t in sent if not t.is_punct and not t.is_space) > HEADLINE_WORDS:
        return False
    doc = sent.doc
    end = sent.end_char
    return end >= len(doc.text) or doc.text[end:end + 1] in ("\n", "") or "\n" in doc.text[end:end + 2]
