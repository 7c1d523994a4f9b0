"""flashpoint_events: who did what to whom, coded in CAMEO from the dependency parse.

How a sentence becomes events:

1. **Triggers.** Every verb whose lemma is in ``data/lexicon/verbs.tsv`` and every noun in
   ``nouns.tsv`` is a candidate (one dict lookup a token). The most specific lexicon row whose
   conditions hold (:mod:`flashpoint.nlp.triggers`) gives the code. A light verb ("issued a
   warning", "imposed sanctions", "launched an attack") takes the code of its object noun.
2. **Arguments.** Sources and targets come from :mod:`flashpoint.nlp.event_args`. An unnamed
   target, or an unknown perpetrator, of a protest, force, coercion or violence event is the
   country of the place named as its scene ("marched in Ghana", "a blast near the town of Kumasi
   killed ..."); an "ethnic" people at a named scene is coded by that scene's country.
   Coordinated subjects each act (one record each); a coordinated object is one act on a group,
   so one record, coded with its first conjunct. Records of one trigger with the same pair of
   countries are one event ("freed the mayor and members of his council").
3. **Speech.** A speech verb ("said") whose complement holds an event is not itself an event;
   its speaker becomes ``modality.reported_by`` of the complement's event when the speaker is not
   that event's source. Events inside ``doc._.quotes`` get ``quote_id``; a subjectless or
   first-person event in a quote takes the quote's speaker as source.
4. **Modality** (see :mod:`flashpoint.nlp.modality`): negated events are dropped unless
   ``emit_negated``; future material actions are recoded to intent/threat codes; refusals of
   cooperation ("refused to negotiate") become rejections.
5. **Selection and confidence** (see :mod:`flashpoint.nlp.event_select`): which of a sentence's
   events are emitted, ranked by confidence.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from flashpoint.codebook import demand_code, future_code, lexicon, lookup, refusal_code
from flashpoint.nlp.event_args import EventArguments, same_entity
from flashpoint.nlp.event_candidate import Candidate
from flashpoint.nlp.event_select import confidence, select
from flashpoint.nlp.mentions import ActorMention
from flashpoint.nlp.modality import is_future, is_hypothetical, is_negated, is_obligation, is_ultimatum
from flashpoint.nlp.places import gazetteer, is_scene, sentence_place
from flashpoint.nlp.temporal import event_clause, resolve_date
from flashpoint.nlp.triggers import best_entry, verb_lemma

_REFUSE = frozenset({"refuse", "decline", "reject", "oppose", "resist", "fail"})
#: Roots whose content clause is not an event of its own ("demanded that Israel ease ...").
_CONTAINER_ROOTS = frozenset({"02", "10", "11", "12", "13", "14"})
#: Roots whose unnamed target, or unknown perpetrator, is the country of the place they happen in
#: (protest, force, coercion, violence): CAMEO's convention for domestic unrest and attacks.
_SCENE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
#: Verbal roots: who did these last is whose "remarks" a later sentence refers to.
_VERBAL_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
_SELF = frozenset({"i", "we", "me", "us", "my", "our"})


@Language.factory("flashpoint_events", default_config={"emit_negated": False})
def make_events(nlp: Language, name: str, emit_negated: bool) -> EventCoder:
    """spaCy factory of the event component."""
    return EventCoder(emit_negated=emit_negated)


class EventCoder:
    """The spaCy component: fills ``doc._.events`` (see the module docstring)."""

    def __init__(self, emit_negated: bool = False) -> None:
        self.emit_negated = emit_negated
        self.lex = lexicon()
        self.light = self.lex.classes["light"]
        self.speech = self.lex.classes["speech"]
        #: lemmas that can trigger a verbal event: lexicon verbs and light verbs
        self.verb_lemmas = frozenset(self.lex.verbs) | self.light
        gazetteer()  # load the place names with the pipeline, not on the first article

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


class _SentenceCoder:
    """Codes one sentence; a class only to share the sentence's lookups between helpers."""

    def __init__(self, coder: EventCoder, sent: Span, by_token: dict[int, ActorMention],
                 quotes: list[dict[str, Any]], context: dict[str, ActorMention | None]) -> None:
        self.coder, self.sent, self.by_token, self.quotes = coder, sent, by_token, quotes
        #: the last actor who said or threatened something: whose are "those remarks"
        self.context = context
        self.doc = sent.doc
        self.args = EventArguments(by_token, coder.lex.classes["words"], context)

    # --- triggers ------------------------------------------------------------------------------
    def verb_candidate(self, verb: Token) -> Candidate | None:
        """The event a lexicon verb (or a light verb with an event noun object) triggers."""
        lex = self.coder.lex
        lemma = verb_lemma(verb, self.coder.verb_lemmas)
        entry, prep = best_entry(verb, lex.verbs.get(lemma, ()))
        code = entry.code if entry else None
        trigger = [verb]
        noun_obj = None
        if entry is None or (not entry.conditions and lemma in self.coder.light):
            for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
                n_entry, _ = best_entry(obj, lex.nouns.get(obj.lemma_.lower(), ()))
                if n_entry is not None and (entry is None or lemma in self.coder.light):
                    entry, code, noun_obj = n_entry, n_entry.code, obj
                    trigger = sorted([verb, obj], key=lambda t: t.i)
        if entry is None or code is None:
            return None
        agent = self.args.agent(verb)  # passive, or a participle: "described by the administration"
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        sources = self.args.actors(agent if agent is not None or passive else self.args.subject(verb))
        targets = [None]
        own = frozenset(a.country for a in sources if a is not None and a.country)
        if noun_obj is not None:
            targets = [a for a in self.args.actors(self.args.noun_target(noun_obj), avoid=own)
                       if not same_entity(a, sources)] or [None]
        if targets == [None]:
            targets = self.args.verb_target(verb, prep, sources)
        cand = Candidate(trigger, code, entry, sources, targets, verb,
                         negation_used=any(k == "neg" for k, _ in entry.conditions))
        cand.consumed = {t.i for c in verb.children for t in c.subtree
                         if c.dep_ in ("dobj", "nsubjpass", "xcomp", "prep", "dative", "attr")}
        return cand

    def noun_candidate(self, noun: Token) -> Candidate | None:
        """The event a lexicon noun triggers ("sanctions on Iran", "Trump's threats")."""
        entry, _ = best_entry(noun, self.coder.lex.nouns.get(noun.lemma_.lower(), ()))
        if entry is None:
            return None
        src_tok = self.args.noun_source(noun)
        sources = self.args.actors(src_tok)
        tgt_tok = self.args.noun_target(noun)
        if tgt_tok is None and noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
            tgt_tok = self.args.noun_target(noun.head)
        own = frozenset(a.country for a in sources if a is not None and a.country)
        targets = [a for a in self.args.actors(tgt_tok, avoid=own)
                   if not same_entity(a, sources)] or [None]
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
                subj = self.args.subject(probe) or self.args.agent(probe)
                return (self.args.actors(subj, deep=False)[0] if subj is not None else None), depth
        return None, depth

    def quote_of(self, token: Token) -> dict[str, Any] | None:
        for quote in self.quotes:
            if quote.get("start", -1) <= token.idx < quote.get("end", -1):
                return quote
        return None

    # --- assembly ------------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        nouns = self.coder.lex.nouns
        found: list[Candidate] = []
        consumed: set[int] = set()
        for tok in self.sent:
            if tok.pos_ in ("VERB", "AUX") and verb_lemma(tok, self.coder.verb_lemmas) \
                    in self.coder.verb_lemmas:
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
        # (a clause coordinated with it is not: "signed a truce but officials said ...")
        # nor is a statement about an event noun it takes as object: "stressed its trade
        # with Brazil" is a statement to Brazil
        frames = {a.i for c in found if c.code[:2] != "01"
                  and not (c.nominal and c.anchor.dep_ == "dobj") for a in _governors(c.anchor)}
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
        elif not cand.nominal and cand.code[:2] == "01" and any(
                c.dep_ == "ccomp" and is_obligation(c) for c in anchor.children):
            # "stated that Peru must open its ports": a demand of Peru, whatever the act
            cand.code = demand_code(cand.code)
        return cand

    def events(self) -> list[dict[str, Any]]:
        cands = [c for c in (self.finish(c) for c in self.candidates()) if c is not None]
        for cand in cands:
            if cand.code[:2] in _VERBAL_ROOTS and cand.sources[0] is not None and not cand.nominal:
                self.context["speaker"] = cand.sources[0]
        if not cands:
            return []
        place = sentence_place(self.sent)
        location = place[1] if place else None
        self.place_actor = _place_actor(*place) if place else None
        records: list[dict[str, Any]] = []
        fallback_ok: list[bool] = []
        single_source: list[bool] = []
        for cand in cands:
            date = resolve_date(event_clause(self.sent, cand.anchor), self.doc._.published)
            found = self.records(cand, date, location)
            records.extend(found)
            # an actorless nominal event or statement says nothing on its own
            fallback_ok.extend([not cand.nominal and cand.code[:2] != "01"] * len(found))
            single_source.extend([len(cand.sources) == 1] * len(found))
        return select(records, fallback_ok, single_source)

    def records(self, cand: Candidate, date: dict[str, Any],
                location: dict[str, Any] | None) -> list[dict[str, Any]]:
        anchor = cand.anchor
        quote = self.quote_of(anchor)
        speaker_actor = quote.get("speaker") if quote else None
        if speaker_actor is None and cand.speaker is not None:
            speaker_actor = cand.speaker.as_actor()
        out = []
        dyads: set[tuple[str | None, str | None]] = set()
        row = lookup(cand.code)
        first, last = cand.trigger[0], cand.trigger[-1]
        verb = anchor if not cand.nominal else anchor.head
        for src in cand.sources:
            source = self.record_actor(src)
            if source is None and quote is not None and speaker_actor and self._speaker_is_agent(cand):
                source = speaker_actor
            if source is None and cand.code[:2] in _SCENE_ROOTS:
                source = self.place_actor  # "a blast in Kumasi killed ...": unknown, local
            # coordinated actors fan out: "Russia and China criticized X" and "eased tariffs on
            # Peru, Chile and Bolivia" are one event per dyad, so every dyad's series sees it
            for tgt in cand.targets:
                target = self.record_actor(tgt)
                if target is None and cand.code[:2] in _SCENE_ROOTS:
                    target = self.place_actor  # a domestic protest or attack targets its country
                if source and target and self.place_actor not in (source, target) and \
                        (source.get("name"), source.get("code")) == (target.get("name"), target.get("code")):
                    continue  # an actor acting on itself is a parsing error far more often than news
                dyad = (_polity(source), _polity(target))
                if dyad[0] and dyad[1] and dyad in dyads:
                    continue  # "freed the mayor and members of his council": one act
                dyads.add(dyad)
                reported_by = speaker_actor if speaker_actor and not _same(speaker_actor, source) else None
                hypothetical = is_hypothetical(verb)
                future = is_future(verb) if not cand.nominal else False
                conf = confidence(cand, source, target, hypothetical)
                out.append({
                    "sentence": {"start": self.sent.start_char, "end": self.sent.end_char,
                                 "text": self.sent.text},
                    "trigger": {"start": first.idx, "end": last.idx + len(last.text),
                                "text": self.doc[first.i:last.i + 1].text},
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

    def record_actor(self, mention: ActorMention | None) -> dict[str, Any] | None:
        """The record actor of a mention; an "ethnic" people ("ethnic Hungarians") acting or
        hit at a named scene is coded by the country of that scene (CAMEO codes ethnic groups
        by the state they live in)."""
        if mention is None:
            return None
        if (mention.kind == "state" and mention.start > 0 and self.place_actor is not None
                and self.doc[mention.start - 1].lower_ == "ethnic"
                and self.place_actor["country"] != mention.country):
            return self.place_actor
        return mention.as_actor()

    def _speaker_is_agent(self, cand: Candidate) -> bool:
        """In a quote, a subjectless (imperative) or first-person event is the speaker's."""
        subj = self.args.subject(cand.anchor) if not cand.nominal else self.args.noun_source(cand.anchor)
        return subj is None or subj.lower_ in _SELF


def _place_actor(ent: Span, location: dict[str, Any]) -> dict[str, Any] | None:
    """The country of a named place as an actor (the target of events done *in* it)."""
    if not location.get("country") or not is_scene(ent):
        return None
    return {"name": location["name"], "text": ent.text, "start": ent.start_char, "end": ent.end_char,
            "country": location["country"], "code": location["country"], "sector": None}


def _governors(token: Token) -> list[Token]:
    """The ancestors of ``token`` up to the first coordination: the clauses it is part of."""
    found = []
    while token.head.i != token.i and token.dep_ != "conj":
        token = token.head
        found.append(token)
    return found


def _finite_sibling(token: Token) -> bool:
    """A finite verb conjoined to an infinitive ("called on X to mobilize and deployed troops")
    is a main clause the parser attached too low, not part of the infinitive's content."""
    return token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ") and token.head.tag_ == "VB"



def _polity(actor: dict[str, Any] | None) -> str | None:
    """The country of a record actor, else its actor code (an IGO or NGO): the level at which
    two records of one trigger are the same event."""
    return (actor.get("country") or actor.get("code")) if actor else None


def _same(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Whether two record actors are one (a speaker is not the reporter of their own event)."""
    if not a or not b:
        return False
    return (a.get("name") or a.get("text")) == (b.get("name") or b.get("text")) or (
        bool(a.get("code")) and a.get("code") == b.get("code"))

