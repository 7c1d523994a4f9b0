"""flashpoint_events: who did what to whom, coded in CAMEO from the dependency parse.

How a sentence becomes events:

1. **Triggers.** Every verb whose lemma is in ``data/lexicon/verbs.tsv`` and every noun in
   ``nouns.tsv`` is a candidate (one dict lookup a token). The most specific lexicon row whose
   conditions hold (particle, preposition, object class, infinitive complement, negation) gives
   the code. A light verb ("issued a warning", "imposed sanctions", "launched an attack") takes
   the code of its object noun.
2. **Arguments.** Source = subject (through conjunctions, xcomp control, relative and participial
   clauses; the ``by`` agent of a passive); target = direct object (the passive subject), else
   the object of the lexicon's or a directional preposition, else a dative. Nominal events take
   their possessor / "by"/"from" object / actor modifier as source, and "on/against/to" objects as
   target ("sanctions on X", "warnings to Mexico", "Trump's accusations"). Each argument is
   resolved to ``doc._.actor_mentions`` within its noun phrase ("U.S. actions" -> USA), and
   coordinated actors fan out ("Russia and China criticized" -> two events).
3. **Speech.** A speech verb ("said") whose complement holds an event is not itself an event;
   its speaker becomes ``modality.reported_by`` of the complement's event when the speaker is not
   that event's source. Events inside ``doc._.quotes`` get ``quote_id``; a subjectless or
   first-person event in a quote takes the quote's speaker as source.
4. **Modality** (see :mod:`flashpoint.nlp.modality`): negated events are dropped unless
   ``emit_negated``; future material actions are recoded to intent/threat codes; refusals of
   cooperation ("refused to negotiate") become rejections.

Which events a sentence emits.
Article-level event data should be dyads, but a sentence classifier needs the main event of every
news sentence even when its actors are generic ("police", "gunmen"). So, per sentence:

* every event with a resolved source *and* target (country or actor code) is emitted;
* if there is none, only the sentence's best event is emitted: the best non-statement one with a
  resolved source, else the best *verbal, non-statement* event with no resolved actor, its
  confidence capped at ``UNRESOLVED_CAP`` (an actorless "the war" or "observers note", or a bare
  "X said" with no addressee, says nothing about a dyad).

Measured on the shared gold sets: emitting all half-resolved events cost about 0.15 of seed
precision; emitting no actorless event cost about 0.07 macro-F1 on sentence classes and 0.05
type-F1 on PLOVER sentences; bare statements cost 0.04 seed F1 and gave 0.03 sentence-class
macro-F1 (statement is a class there), a trade we take for cleaner event data. An unnamed target of a protest, force, coercion or violence event is the country of
the place named as its scene ("demonstrated in Serbia").

Confidence is a score, not a probability: it rises with the specificity of the lexicon match and
with each resolved actor, and falls for statements, nominal events, hypotheticals and embedded
clauses. It is what ranks events of one sentence against each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from flashpoint.codebook import (LexEntry, demand_code, future_code, lexicon, lookup,
                                 refusal_code)
from flashpoint.nlp.mentions import ActorMention
from flashpoint.nlp.modality import (is_future, is_hypothetical, is_negated, is_obligation,
                                    is_ultimatum)
from flashpoint.nlp.places import is_scene, sentence_place
from flashpoint.nlp.temporal import resolve_date

#: Confidence ceiling of an emitted event whose source is unresolved.
UNRESOLVED_CAP = 0.2
_TARGET_PREPS = ("against", "on", "upon", "to", "toward", "towards", "at", "with", "into", "over",
                 "from", "of", "for", "along", "near", "across")
_NOUN_TARGET_PREPS = frozenset({"against", "on", "upon", "to", "toward", "towards", "at", "with",
                                "into", "of", "over"})
_NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})
_NP_PREPS = frozenset({"of", "on", "against", "to", "toward", "towards", "in", "from"})
_REFUSE = frozenset({"refuse", "decline", "reject", "oppose", "resist", "fail"})
#: Roots whose content clause is not an event of its own ("demanded that Israel ease ...").
_CONTAINER_ROOTS = frozenset({"02", "10", "11", "12", "13", "14"})
#: Roots whose unnamed target is the place they happen in (protest, force, coercion, violence).
_SCENE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
#: Verbal roots: who did these last is whose "remarks" a later sentence refers to.
_VERBAL_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
_ANAPHORIC = frozenset({"this", "that", "these", "those", "the", "such"})
_SELF = frozenset({"i", "we", "me", "us", "my", "our"})


@dataclass
class Candidate:
    """An event found in a sentence before its actors are fanned out into records."""

    trigger: list[Token]
    code: str
    entry: LexEntry | None
    sources: list[ActorMention | None]
    targets: list[ActorMention | None]
    anchor: Token
    nominal: bool = False
    negation_used: bool = False
    speaker: ActorMention | None = None
    depth: int = 0
    consumed: set[int] = field(default_factory=set)


@Language.factory("flashpoint_events", default_config={"emit_negated": False})
def make_events(nlp: Language, name: str, emit_negated: bool) -> "EventCoder":
    return EventCoder(emit_negated=emit_negated)


class EventCoder:
    """The spaCy component: fills ``doc._.events`` (see the module docstring)."""

    def __init__(self, emit_negated: bool = False) -> None:
        self.emit_negated = emit_negated
        self.lex = lexicon()
        self.light = self.lex.classes["light"]
        self.speech = self.lex.classes["speech"]

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[ActorMention] = list(doc._.actor_mentions or [])
        by_token: dict[int, ActorMention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                by_token.setdefault(i, mention)
        quotes = list(doc._.quotes or [])
        events: list[dict[str, Any]] = []
        context: dict[str, ActorMention | None] = {"speaker": None}
        for sent in doc.sents:
            events.extend(_SentenceCoder(self, sent, by_token, quotes, context).events())
        doc._.events = events
        return doc


def _matches(token: Token, entry: LexEntry) -> tuple[bool, Token | None]:
    """Whether ``entry``'s conditions hold at ``token``; also the preposition it named."""
    prep_tok: Token | None = None
    for key, values in entry.conditions:
        if key == "prt":
            ok = any(c.dep_ == "prt" and c.lower_ in values for c in token.children)
        elif key == "prep":
            preps = [c for c in token.children if c.dep_ in ("prep", "dative", "agent", "mark")
                     and c.lower_ in values]
            ok = bool(preps)
            prep_tok = preps[0] if preps else None
        elif key == "pobj":
            ok = prep_tok is not None and any(
                _head_in(c, values) for c in prep_tok.children
                if c.dep_ in ("pobj", "pcomp", "amod", "acomp"))
        elif key == "obj":
            objs = _objects(token)
            ok = bool(objs) if values is None else any(_head_in(o, values) for o in objs)
        elif key == "xcomp":
            ok = any(_head_in(c, values) or any(_head_in(o, values) for o in _objects(c))
                     for c in token.children if c.dep_ in ("xcomp", "ccomp"))
        elif key == "mod":
            mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
            ok = any(m.lemma_.lower() in values or m.lower_ in values
                     for mod in mods for m in (mod, *mod.conjuncts))
        elif key == "neg":
            ok = is_negated(token)
        elif key == "ccomp":
            ok = any(c.dep_ == "ccomp" for c in token.children)
        elif key == "oprd":
            ok = any(c.dep_ in ("oprd", "ccomp") and c.pos_ in ("NOUN", "ADJ") for c in token.children)
        else:
            ok = False
        if not ok:
            return False, None
    return True, prep_tok


def _head_in(token: Token, values: frozenset[str] | None) -> bool:
    if values is None:
        return True
    return token.lemma_.lower() in values or token.lower_ in values or any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in values for c in token.children)


def _objects(token: Token) -> list[Token]:
    """Direct objects of a verb (the passive subject counts as its object)."""
    objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    return [o for obj in objs for o in (obj, *obj.conjuncts)]


def _best(token: Token, entries: Iterable[LexEntry]) -> tuple[LexEntry | None, Token | None]:
    for entry in entries:  # sorted most specific first
        ok, prep = _matches(token, entry)
        if ok:
            return entry, prep
    return None, None


class _SentenceCoder:
    """Codes one sentence; a class only to share the sentence's lookups between helpers."""

    def __init__(self, coder: EventCoder, sent: Span, by_token: dict[int, ActorMention],
                 quotes: list[dict[str, Any]], context: dict[str, ActorMention | None]) -> None:
        self.coder, self.sent, self.by_token, self.quotes = coder, sent, by_token, quotes
        #: the last actor who said or threatened something: whose are "those remarks"
        self.context = context
        self.doc = sent.doc

    # --- actors --------------------------------------------------------------------------------
    def actors(self, token: Token | None, deep: bool = True,
               avoid: frozenset[str] = frozenset()) -> list[ActorMention | None]:
        """Actor mentions a noun phrase headed by ``token`` stands for (conjuncts fan out)."""
        if token is None:
            return [None]
        if token.tag_ in ("WDT", "WP") and token.head.dep_ in ("relcl", "acl"):
            token = token.head.head
        found: list[ActorMention | None] = []
        for head in (token, *token.conjuncts):
            mention = self._np_actor(head, deep, avoid)
            if mention is not None and mention not in found:
                found.append(mention)
        return found or [None]

    def _np_actor(self, head: Token, deep: bool, avoid: frozenset[str]) -> ActorMention | None:
        """The actor a noun phrase names: its head, else the nearest modifier or "of"/"on"
        object that is an actor, a state or person before a generic agent ("military")."""
        if head.i in self.by_token:
            return self.by_token[head.i]
        frontier, seen = [head], []
        for _ in range(5 if deep else 2):
            nxt = []
            for tok in frontier:
                for child in tok.children:
                    hop = child.dep_ in _NP_DEPS or (deep and child.dep_ == "prep"
                                                     and child.lower_ in _NP_PREPS)
                    if child.dep_ == "pobj" and tok.dep_ == "prep":
                        hop = True
                    if not hop:
                        continue
                    if child.i in self.by_token:
                        seen.append(self.by_token[child.i])
                    else:
                        nxt.append(child)
            frontier = nxt
        ranked = sorted(seen, key=lambda m: (not m.country, m.country in avoid))
        return ranked[0] if ranked else None

    def subject(self, verb: Token) -> Token | None:
        """The subject token of ``verb``, inherited through conj/xcomp/relcl/acl."""
        probe = verb
        for _ in range(4):
            subj = [c for c in probe.children if c.dep_ in ("nsubj", "csubj")]
            if subj:
                return subj[0]
            if probe.dep_ in ("relcl", "acl") and probe.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return probe.head
            if probe.dep_ not in ("conj", "xcomp", "advcl") or probe.head is probe:
                return None
            probe = probe.head
        return None

    def agent(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None

    def verb_target(self, verb: Token, prep: Token | None,
                    sources: list[ActorMention | None] = ()) -> list[ActorMention | None]:
        """Object, else passive subject or dative, else a directional prepositional object:
        the first of these that names an actor ("send companies to Venezuela" -> Venezuela)."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
        heads = list(objs)
        preps = [prep] if prep is not None else []
        preps += sorted((c for c in verb.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS),
                        key=lambda c: _TARGET_PREPS.index(c.lower_))
        heads += [g for p in preps for g in p.children if g.dep_ == "pobj"]
        heads += [g for o in objs for p in o.children if p.dep_ == "prep"
                  and p.lower_ in _TARGET_PREPS for g in p.children if g.dep_ == "pobj"]
        heads += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children
                  if g.dep_ in ("nsubj", "nsubjpass")]  # "warned that the Colombian leader ..."
        own = frozenset(a.country for a in sources if a is not None and a.country)
        found = [[a for a in self.actors(head, avoid=own) if not _same_entity(a, sources)] or [None]
                 for head in heads]
        for comp in (c for c in verb.children if c.dep_ == "xcomp"):
            found.append(self.verb_target(comp, None, sources))  # "threatened to cut ties with X"
        for actors in found:  # another country first: "send its companies to Venezuela"
            if any(a is not None and a.country and a.country not in own for a in actors):
                return actors
        for actors in found:
            if any(a is not None and a.country for a in actors):
                return actors
        return next((actors for actors in found if actors != [None]), self.earlier_words(objs, sources))

    def earlier_words(self, objs: list[Token], sources: list[ActorMention | None]
                      ) -> list[ActorMention | None]:
        """ "condemned those remarks": the words of the last actor who spoke or threatened."""
        speaker = self.context["speaker"]
        for obj in objs:
            if obj.lemma_.lower() in self.coder.lex.classes["words"] and speaker is not None \
                    and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in obj.children) \
                    and not _same_entity(speaker, sources):
                return [speaker]
        return [None]

    # --- triggers ------------------------------------------------------------------------------
    def verb_candidate(self, verb: Token) -> Candidate | None:
        lex = self.coder.lex
        lemma = verb.lemma_.lower()
        entry, prep = _best(verb, lex.verbs.get(lemma, ()))
        code = entry.code if entry else None
        trigger = [verb]
        noun_obj = None
        if entry is None or (not entry.conditions and lemma in self.coder.light):
            for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
                n_entry, _ = _best(obj, lex.nouns.get(obj.lemma_.lower(), ()))
                if n_entry is not None and (entry is None or lemma in self.coder.light):
                    entry, code, noun_obj = n_entry, n_entry.code, obj
                    trigger = sorted([verb, obj], key=lambda t: t.i)
        if entry is None or code is None:
            return None
        agent = self.agent(verb)  # passive, or a participle: "described by the administration"
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        sources = self.actors(agent if agent is not None or passive else self.subject(verb))
        targets = [None]
        own = frozenset(a.country for a in sources if a is not None and a.country)
        if noun_obj is not None:
            targets = [a for a in self.actors(self.noun_target(noun_obj), avoid=own)
                       if not _same_entity(a, sources)] or [None]
        if targets == [None]:
            targets = self.verb_target(verb, prep, sources)
        cand = Candidate(trigger, code, entry, sources, targets, verb,
                         negation_used=any(k == "neg" for k, _ in entry.conditions))
        cand.consumed = {t.i for c in verb.children for t in c.subtree
                         if c.dep_ in ("dobj", "nsubjpass", "xcomp", "prep", "dative", "attr")}
        return cand

    def noun_target(self, noun: Token) -> Token | None:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in _NOUN_TARGET_PREPS:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        return None

    def noun_source(self, noun: Token) -> Token | None:
        for child in noun.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        for child in noun.children:
            if child.dep_ in ("compound", "amod") and child.i in self.by_token:
                return child
        head = noun.head
        if noun.dep_ == "conj" and head.pos_ == "NOUN":
            return self.noun_source(head)
        if noun.dep_ == "pobj" and head.lower_ in ("including", "like", "such"):
            return self.noun_source(head.head)
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if noun.dep_ in ("attr", "pobj") and head.pos_ in ("AUX", "VERB") and head.lemma_ == "be":
            return self.subject(head)
        return None

    def noun_candidate(self, noun: Token) -> Candidate | None:
        entry, _ = _best(noun, self.coder.lex.nouns.get(noun.lemma_.lower(), ()))
        if entry is None:
            return None
        src_tok = self.noun_source(noun)
        sources = self.actors(src_tok)
        tgt_tok = self.noun_target(noun)
        if tgt_tok is None and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
            tgt_tok = self.noun_target(noun.head)
        own = frozenset(a.country for a in sources if a is not None and a.country)
        targets = [a for a in self.actors(tgt_tok, avoid=own)
                   if not _same_entity(a, sources)] or [None]
        if tgt_tok is None or targets == [None]:
            mods = [c for c in noun.children if c.dep_ in ("compound", "amod") and c.i in self.by_token
                    and self.by_token[c.i] not in sources]
            targets = [self.by_token[mods[0].i]] if mods else [None]
        return Candidate([noun], entry.code, entry, sources, targets, noun, nominal=True)

    # --- modality and speech -------------------------------------------------------------------
    def reported(self, verb: Token) -> tuple[ActorMention | None, int]:
        """The speaker of the speech verb governing ``verb`` (if any) and the clause depth."""
        depth, probe = 0, verb
        while probe.head is not probe and probe.dep_ in ("ccomp", "xcomp", "conj", "advcl",
                                                        "relcl", "acl", "dobj", "pobj", "prep"):
            if probe.dep_ in ("ccomp", "advcl", "relcl", "acl"):
                depth += 1
            probe = probe.head
            if probe.lemma_.lower() in self.coder.speech and probe.pos_ == "VERB":
                subj = self.subject(probe) or self.agent(probe)
                return (self.actors(subj, deep=False)[0] if subj is not None else None), depth
        return None, depth

    def quote_of(self, token: Token) -> dict[str, Any] | None:
        for quote in self.quotes:
            if quote.get("start", -1) <= token.idx < quote.get("end", -1):
                return quote
        return None

    # --- assembly ------------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        verbs, nouns = self.coder.lex.verbs, self.coder.lex.nouns
        found: list[Candidate] = []
        consumed: set[int] = set()
        for tok in self.sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") and (lemma in verbs or lemma in self.coder.light):
                cand = self.verb_candidate(tok)
                if cand is not None:
                    found.append(cand)
                    consumed |= {t.i for t in cand.trigger}
        for cand in found:
            if cand.code[:2] != "01":
                consumed |= cand.consumed
        hedges = self.coder.lex.classes["hedge"]
        for tok in self.sent:
            if tok.pos_ != "NOUN" or tok.lemma_.lower() not in nouns or tok.i in consumed:
                continue
            if any(a.lemma_.lower() in hedges for a in list(tok.ancestors)[:3]):
                continue  # "fears of US military intervention" is no intervention
            cand = self.noun_candidate(tok)
            if cand is not None and cand.code[:2] != "01":
                found.append(cand)
                consumed |= {t.i for c in tok.children if c.dep_ == "prep" for t in c.subtree}
        # a statement or bare promise whose complement holds an event is that event's frame
        frames = {a.i for c in found if c.code[:2] != "01" for a in c.anchor.ancestors}
        found = [c for c in found if not ((c.code[:2] == "01" or c.code == "030")
                                          and c.anchor.i in frames)]
        # what is demanded, alleged, refused, threatened or protested for has not happened
        containers = {c.anchor.i for c in found if c.code[:2] in _CONTAINER_ROOTS}
        return [c for c in found if not (any(a.i in containers for a in c.anchor.ancestors)
                                         and not _finite_sibling(c.anchor))]

    def finish(self, cand: Candidate) -> Candidate | None:
        """Apply modality to a candidate's code; None when the event is not emitted."""
        anchor = cand.anchor
        verb = anchor if not cand.nominal else anchor.head
        if not cand.negation_used and not cand.nominal and is_negated(anchor):
            refusal = refusal_code(cand.code) if is_future(anchor) else None
            if refusal is not None:  # "will not lift the ban": a refusal, which is an event
                cand.code, cand.negation_used = refusal, True
            elif not self.coder.emit_negated:
                return None
        head = anchor.head
        if not cand.nominal and anchor.dep_ == "xcomp" and head.lemma_.lower() in _REFUSE:
            cand.code = refusal_code(cand.code) or cand.code
        elif is_future(verb) and not cand.nominal:
            cand.code = future_code(cand.code)
            if is_ultimatum(verb) and cand.code[:2] not in ("13", "01"):
                cand.code = "139" if cand.code[:2] in ("10", "02") else "130"
        cand.speaker, cand.depth = self.reported(anchor)
        if not cand.nominal and is_obligation(verb) and cand.code[:2] not in ("01", "02", "10"):
            # "X said Y must release Z": X demands of Y
            cand.code = demand_code(cand.code)
            cand.sources, cand.targets = [cand.speaker], cand.sources
            cand.speaker = None
        return cand

    def events(self) -> list[dict[str, Any]]:
        cands = [c for c in (self.finish(c) for c in self.candidates()) if c is not None]
        for cand in cands:
            if cand.code[:2] in _VERBAL_ROOTS and cand.sources[0] is not None and not cand.nominal:
                self.context["speaker"] = cand.sources[0]
        if not cands:
            return []
        date = resolve_date(self.sent.text, self.doc._.published)
        place = sentence_place(self.sent)
        location = place[1] if place else None
        self.place_actor = _place_actor(*place) if place else None
        records: list[dict[str, Any]] = []
        fallback_ok: list[bool] = []
        for cand in cands:
            found = self.records(cand, date, location)
            records.extend(found)
            # an actorless nominal event or statement says nothing on its own
            fallback_ok.extend([not cand.nominal and cand.code[:2] != "01"] * len(found))
        return _select(records, fallback_ok)

    def records(self, cand: Candidate, date: dict[str, Any],
                location: dict[str, Any] | None) -> list[dict[str, Any]]:
        anchor = cand.anchor
        quote = self.quote_of(anchor)
        speaker_actor = quote.get("speaker") if quote else None
        if speaker_actor is None and cand.speaker is not None:
            speaker_actor = cand.speaker.as_actor()
        out = []
        row = lookup(cand.code)
        first, last = cand.trigger[0], cand.trigger[-1]
        verb = anchor if not cand.nominal else anchor.head
        for src in cand.sources:
            source = src.as_actor() if src is not None else None
            if source is None and quote is not None and speaker_actor and self._speaker_is_agent(cand):
                source = speaker_actor
            for tgt in cand.targets:
                target = tgt.as_actor() if tgt is not None else None
                if target is None and cand.code[:2] in _SCENE_ROOTS:
                    target = self.place_actor  # a domestic protest or attack targets its country
                if source and target and (source.get("name"), source.get("code")) == \
                        (target.get("name"), target.get("code")):
                    continue  # an actor acting on itself is a parsing error far more often than news
                reported_by = speaker_actor if speaker_actor and not _same(speaker_actor, source) else None
                hypothetical = is_hypothetical(verb)
                future = is_future(verb) if not cand.nominal else False
                conf = _confidence(cand, source, target, hypothetical)
                out.append({
                    "sentence": {"start": self.sent.start_char, "end": self.sent.end_char,
                                 "text": self.sent.text},
                    "trigger": {"start": first.idx, "end": last.idx + len(last.text),
                                "text": self.doc.text[first.idx:last.idx + len(last.text)]},
                    "source": source, "target": target,
                    "cameo": row.code, "cameo_root": row.root, "cameo_name": row.name,
                    "goldstein": row.goldstein, "quad_class": row.quad_class,
                    "plover": {"event_type": row.plover_type, "mode": row.plover_mode},
                    "date": dict(date), "location": location,
                    "modality": {"negated": is_negated(anchor) and not cand.negation_used,
                                 "hypothetical": hypothetical, "future": future,
                                 "reported_by": reported_by},
                    "quote_id": quote.get("quote_id") if quote else None,
                    "confidence": conf,
                })
        return out

    def _speaker_is_agent(self, cand: Candidate) -> bool:
        """In a quote, a subjectless (imperative) or first-person event is the speaker's."""
        subj = self.subject(cand.anchor) if not cand.nominal else self.noun_source(cand.anchor)
        return subj is None or subj.lower_ in _SELF


def _place_actor(ent: Span, location: dict[str, Any]) -> dict[str, Any] | None:
    """The country of a named place as an actor (the target of events done *in* it)."""
    if not location.get("country") or not is_scene(ent):
        return None
    return {"name": location["name"], "text": ent.text, "start": ent.start_char, "end": ent.end_char,
            "country": location["country"], "code": location["country"], "sector": None}


def _finite_sibling(token: Token) -> bool:
    """A finite verb conjoined to an infinitive ("called on X to mobilize and deployed troops")
    is a main clause the parser attached too low, not part of the infinitive's content."""
    return token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ") and token.head.tag_ == "VB"


def _select(records: list[dict[str, Any]], fallback_ok: list[bool]) -> list[dict[str, Any]]:
    """The events a sentence emits (see "Which events a sentence emits" in the module doc)."""
    full = [r for r in records if _resolved(r["source"]) and _resolved(r["target"])]
    if full or not records:
        return full
    sourced = [r for r in records if _resolved(r["source"]) and r["cameo_root"] != "01"]
    pool = sourced or [r for r, ok in zip(records, fallback_ok) if ok]
    if not pool:
        return []
    best = max(pool, key=lambda r: r["confidence"])
    if not sourced:
        best["confidence"] = min(best["confidence"], UNRESOLVED_CAP)
    return [best]


def _same_entity(actor: ActorMention | None, others: Iterable[ActorMention | None]) -> bool:
    """The same actor as one of ``others`` (same mention, or same name and code)."""
    if actor is None:
        return False
    return any(o is not None and (o is actor or (o.name, o.code) == (actor.name, actor.code))
               for o in others)


def _resolved(actor: dict[str, Any] | None) -> bool:
    return bool(actor and (actor.get("country") or actor.get("code")))


def _same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b:
        return False
    return (a.get("name") or a.get("text")) == (b.get("name") or b.get("text")) or (
        bool(a.get("code")) and a.get("code") == b.get("code"))


def _confidence(cand: Candidate, source: dict[str, Any] | None, target: dict[str, Any] | None,
                hypothetical: bool) -> float:
    spec = (cand.entry.specificity if cand.entry else 0) + (len(cand.trigger) > 1)
    score = 0.4 + 0.08 * min(spec, 3) + 0.15 * _resolved(source) + 0.12 * _resolved(target)
    if cand.code[:2] == "01":
        score -= 0.25
    if cand.nominal:
        score -= 0.05
    if hypothetical:
        score -= 0.15
    score -= 0.08 * min(cand.depth, 3)
    return round(max(0.05, min(0.97, score)), 3)
