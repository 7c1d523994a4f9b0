"""Modality of an event trigger: negated, hypothetical, future — read from the dependency parse.

What the event component does with them (the policy lives here so it is documented once):

* **Negated** events ("did not threaten", "never attacked") did not happen, so they are *not
  emitted* by default: counting them would put conflict into dyads that had none. The component
  option ``emit_negated=True`` emits them with ``modality.negated = true``. A negation that is part
  of a lexicon pattern ("would not rule out strikes" = a threat) is consumed by the pattern and the
  event is emitted as positive. Denials are events of their own (016 "deny").
* **Hypothetical** events (conditionals "if they bomb ...", modal "could/might/may") are emitted
  with ``hypothetical = true`` and lower confidence: a conditional threat is still a threat.
* **Future / intent** ("will send", "would send", "plans to", "vowed to") is emitted with
  ``future = true``; material codes are recoded to what was actually done, an announcement:
  cooperation 06-08 -> intent 03x, conflict 14-20 -> threat 13x (``codebook.future_code``).
  A future action made conditional with "unless" is a threat (13x, 139 for demands).
* **Refusals**: a negated future of cooperation ("will not lift the ban") is a rejection (12x,
  ``codebook.refusal_code``), as is cooperation under "refused/failed to".
* **Obligation**: "X said Y must release Z" is X demanding of Y (10x, ``codebook.demand_code``).
"""
from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "wo"})
_HYPO_AUX = frozenset({"could", "might", "may", "should", "can"})
_COND_MARKS = frozenset({"if", "unless", "whether"})
_IF_UNLESS = frozenset({"if", "unless"})
_UNLESS = frozenset({"unless"})
_INTENT_HEADS = frozenset({"promise", "pledge", "vow", "plan", "intend", "aim", "want", "seek",
                           "prepare", "expect", "hope", "offer", "agree", "decide", "threaten",
                           "ready", "willing", "prepared", "determined", "set", "swear"})
_OBLIGATION_AUX = frozenset({"must", "should", "ought"})


def _aux(token: Token) -> list[Token]:
    return [c for c in token.children if c.dep_ in ("aux", "auxpass")]


def is_negated(token: Token) -> bool:
    """A ``neg`` child on the verb, or on its auxiliary ("did not", "will never")."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ == "never"):
            return True
    return any(c.dep_ == "neg" for a in _aux(token) for c in a.children)


def is_obligation(token: Token) -> bool:
    """A "must/should" clause: in news, someone demanding that its subject act (also "must be
    ready to mediate": the obligation sits on the copula of the adjective)."""
    if any(a.lower_ in _OBLIGATION_AUX for a in _aux(token)):
        return True
    head = token.head
    return token.dep_ == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head is not head \
        and is_obligation(head.head)


def _conditions(verb: Token, marks: frozenset[str]) -> Iterator[Token]:
    """The adverbial clauses of ``verb`` opened by one of ``marks``."""
    return (c for c in verb.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children))


def is_ultimatum(token: Token) -> bool:
    """A future action under an "unless" clause ("will withdraw unless ..."): a threat."""
    return next(_conditions(token, _UNLESS), None) is not None


def condition_clause(token: Token) -> Token | None:
    """The verb of the if/unless clause that ``token``'s act, or the act it announces, hangs
    on ("threatened to stop the talks if the United States deploys missiles"): a threat is
    aimed at whoever must meet the condition."""
    verbs = (token, *(c for c in token.children if c.dep_ == "xcomp"))
    return next((clause for verb in verbs for clause in _conditions(verb, _IF_UNLESS)), None)


def is_hypothetical(token: Token) -> bool:
    """Inside an if/unless clause, or under a modal of possibility (could, might, may)."""
    if any(a.lower_ in _HYPO_AUX - {"should"} for a in _aux(token)):
        return True
    probe = token
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in _COND_MARKS for c in probe.children):
            return True
        if probe.dep_ not in ("xcomp", "conj", "ccomp") or probe.head is probe:
            break
        probe = probe.head
    return False


def is_future(token: Token) -> bool:
    """will/would/shall, "going to", or the complement of an intent verb ("vowed to send")."""
    if any(a.lower_ in _FUTURE_AUX for a in _aux(token)):
        return True
    head = token.head
    if token.dep_ == "xcomp" and head is not token:
        if head.lemma_.lower() in _INTENT_HEADS:
            return True
        if head.lower_ == "going" and any(a.lemma_ == "be" for a in _aux(head)):
            return True
        return is_future(head)
    return False
