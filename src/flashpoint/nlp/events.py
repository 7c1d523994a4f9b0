"""flashpoint_events: who did what to whom, coded in CAMEO from the dependency parse.

How a sentence becomes events:

1. **Triggers.** A verb is coded by the most specific row of ``data/lexicon/verbs.tsv`` whose
   conditions hold (:mod:`flashpoint.nlp.triggers`); a light verb ("issued a warning", "launched
   an attack") takes the code of its event-noun object; verbs the lexicon lacks take PETRARCH2's
   verb patterns, whose no-event senses also block ours (:mod:`flashpoint.nlp.patterns`). A
   noun of ``nouns.tsv`` is an event of its own only where the sentence says it happens ("protests
   erupted", "an air strike killed ten", "the clashes included airstrikes"), not in passing.
   Participles used as prepositions ("following the raid") and infinitives of purpose of
   non-force acts ("signed deals to strengthen ties") are no events.
2. **Arguments** (:mod:`flashpoint.nlp.event_args`): the subject (the ``by`` agent of a passive;
   the author of the event a passive force verb happened in: "killed in a junta air strike") and
   the object, else a directional preposition; a place is a party only as the target of force
   used in or on it (the CAMEO convention for attacks on a territory). Coordinated actors fan out,
   one record per dyad; joint acts ("A and B met", "clashes between police and protesters") and
   reciprocals ("blamed each other") go both ways.
3. **Discourse** (:mod:`flashpoint.nlp.discourse`): a target the sentence leaves implicit is read
   from the article as a reader would: the author of an event referred back to ("condemned the
   strikes"), of a criticised thing, the parties of a mediation, the counterpart of the actor's
   latest exchange for threats, demands and force on things; protests with no protester named
   are the people's of the place against its government.
4. **Speech.** A speech verb whose complement holds an event is not itself an event; its
   speaker becomes ``modality.reported_by`` (never the event's source: constraint 3). Events
   inside ``doc._.quotes`` get ``quote_id``; a subjectless or first-person verb in a direct quote
   is the speaker's.
5. **Modality** (:mod:`flashpoint.nlp.modality`): negated events are dropped unless
   ``emit_negated``; future material actions become intent or threat codes; refusals of
   cooperation become rejections; force by crowds is a violent protest.
6. **Constraints** (:mod:`flashpoint.nlp.constraints`): no self-dyad, no state acting on itself,
   no place as a party, the speaker not the actor.
7. **Confidence** (:mod:`flashpoint.nlp.event_select`): a measured score; records below
   ``min_confidence`` are not emitted (``one_per_sentence`` keeps each sentence's best event).
"""
from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from flashpoint.codebook import demand_code, future_code, lookup, refusal_code
from flashpoint.kb import KnowledgeBase, load_kb
from flashpoint.nlp.constraints import violation
from flashpoint.nlp.discourse import FORCE_ROOTS, WORD_ROOTS, Discourse
from flashpoint.nlp.event_args import EventArguments, instrument, is_passive, same_entity, state_countries
from flashpoint.nlp.event_candidate import Candidate
from flashpoint.nlp.event_select import best_of_sentence, confidence, dedupe, is_headline
from flashpoint.nlp.lexicon import LexEntry, Lexicon, lexicon
from flashpoint.nlp.mentions import ActorMention
from flashpoint.nlp.modality import (
    condition_clause,
    is_future,
    is_hypothetical,
    is_negated,
    is_obligation,
    is_ultimatum,
)
from flashpoint.nlp.parties import SCENE_ROOTS, Parties
from flashpoint.nlp.patterns import PatternBook, pattern_book
from flashpoint.nlp.places import gazetteer, is_scene, sentence_place
from flashpoint.nlp.temporal import event_clause, resolve_date
from flashpoint.nlp.triggers import best_entry, content_noun, head_in, verb_lemma
from flashpoint.records import Actor, CodedEvent, EventDate, Location, Modality, QuoteRecord, actor, coded_event
from flashpoint.records import Span as TextSpan
from flashpoint.settings import DEFAULT_MIN_CONFIDENCE

_REFUSE = frozenset({"refuse", "decline", "reject", "oppose", "resist", "fail"})
#: Roots whose content clause is not an event of its own ("demanded that Israel ease ...").
_CONTAINER_ROOTS = frozenset({"02", "10", "11", "12", "13", "14"})
#: Verbal roots: who did these last is whose "remarks" a later sentence refers to.
_VERBAL_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
#: What a nominal event must be the subject of to be an event of its own sentence: verbs of
#: occurrence and effect ("protests erupted", "an air strike killed ten", "sanctions remain"),
#: not a mention in passing ("after the war", "condemned the strikes").
_OCCURRENCE = frozenset({"erupt", "break", "occur", "happen", "continue", "resume", "begin",
                         "start", "escalate", "intensify", "spread", "rage", "flare", "kill",
                         "hit", "strike", "target", "destroy", "damage", "wound", "injure",
                         "leave", "claim", "displace", "remain", "stay", "take"})
#: Prepositions of a verb's circumstances, not of its arguments: an event named there ("amid
#: protests", "during clashes") is an event of its own, not part of the verb's.
_CIRCUMSTANCE_PREPS = frozenset({"amid", "amidst", "during", "after", "before", "despite",
                                 "since", "until", "following"})
#: Prepositions that put an event in the past background of the sentence's news.
_BACKGROUND_PREPS = frozenset({"since", "before", "after", "during"})
#: Participles used as prepositions ("following the raid", "including two drones").
_PREPOSITION_VERBS = frozenset({"follow", "include", "regard", "concern", "exclude"})
#: Verbs whose object is an event that happened ("the clashes included airstrikes").
_CONTAINING = frozenset({"include", "involve", "see", "witness", "feature"})
#: Heads of a subject that stands for a pair of parties ("both sides", "the two countries").
_PAIR_WORDS = frozenset({"both", "two"})
_ANAPHORIC = frozenset({"the", "this", "that", "these", "those", "such"})


#: The condition a matched PETRARCH2 pattern word stands for (it counts towards confidence).
_PATTERN_WORD = ("pattern", None)

@Language.factory("flashpoint_events",
                  default_config={"kb_path": "", "lexicon_path": "", "emit_negated": False,
                                  "min_confidence": DEFAULT_MIN_CONFIDENCE, "one_per_sentence": False},
                  requires=["doc._.actor_mentions", "doc._.quotes", "doc.sents", "doc.ents", "token.dep",
                            "token.tag", "token.lemma"],
                  assigns=["doc._.events"])
def make_events(nlp: Language, name: str, kb_path: str, lexicon_path: str, emit_negated: bool,
                min_confidence: float, one_per_sentence: bool) -> EventCoder:
    """spaCy factory of the event component: the lexicon (verb and noun rows, PETRARCH2
    patterns) and the actor KB (implicit parties) are read from ``lexicon_path`` and
    ``kb_path`` ("": packaged); the other settings are :class:`EventCoder`'s."""
    return EventCoder(lexicon(lexicon_path), pattern_book(lexicon_path), load_kb(kb_path),
                      emit_negated=emit_negated, min_confidence=min_confidence,
                      one_per_sentence=one_per_sentence)


class EventCoder:
    """The spaCy component: fills ``doc._.events`` (see the module docstring)."""

    def __init__(self, lex: Lexicon, patterns: PatternBook, kb: KnowledgeBase, emit_negated: bool = False,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE, one_per_sentence: bool = False) -> None:
        self.emit_negated = emit_negated
        self.min_confidence = min_confidence
        self.one_per_sentence = one_per_sentence
        self.lex = lex
        self.kb = kb
        self.light = self.lex.classes["light"]
        self.speech = self.lex.classes["speech"]
        self.patterns = patterns
        #: lemmas that can trigger a verbal event: lexicon verbs, light verbs and pattern verbs
        self.verb_lemmas = frozenset(self.lex.verbs) | self.light | self.patterns.lemmas()
        gazetteer()  # load the place names with the pipeline, not on the first article

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[ActorMention] = list(doc._.actor_mentions or [])
        by_token: dict[int, ActorMention] = {}
        for mention in mentions:
            for i in range(mention.start, mention.end):
                by_token.setdefault(i, mention)
        quotes = list(doc._.quotes or [])
        events: list[CodedEvent] = []
        context: dict[str, ActorMention | None] = {"speaker": None}
        discourse = Discourse(mentions, self.kb)
        for sent in doc.sents:
            found = _SentenceCoder(self, sent, by_token, quotes, context, discourse).events()
            for event in found:
                discourse.remember(event["cameo_root"], event["source"], event["target"])
            if self.one_per_sentence:
                found = best_of_sentence(found)
            events.extend(e for e in found if e["confidence"] >= self.min_confidence)
        doc._.events = events
        return doc


class _SentenceCoder:
    """Codes one sentence; a class only to share the sentence's lookups between helpers."""

    def __init__(self, coder: EventCoder, sent: Span, by_token: dict[int, ActorMention],
                 quotes: list[QuoteRecord], context: dict[str, ActorMention | None],
                 discourse: Discourse) -> None:
        self.coder, self.sent, self.by_token, self.quotes = coder, sent, by_token, quotes
        self.discourse = discourse
        #: the last actor who said or threatened something: whose are "those remarks"
        self.context = context
        self.doc = sent.doc
        classes = coder.lex.classes
        self.args = EventArguments(by_token, classes["words"], context, classes["response"],
                                   frozenset(discourse.ranked))
        #: objects that parties share rather than author ("signed an agreement", "held talks")
        self.joint_objects = classes["agreement"] | classes["talks"] | classes["ceasefire"] \
            | classes["relations"] | classes["exchanged"]

    # --- triggers ------------------------------------------------------------------------------
    def verb_candidate(self, verb: Token) -> Candidate | None:
        """The event a lexicon verb (or a light verb with an event noun object) triggers."""
        lex = self.coder.lex
        lemma = verb_lemma(verb, self.coder.verb_lemmas)
        entry, prep = best_entry(verb, lex.verbs.get(lemma, ()))
        trigger = [verb]
        noun_obj: Token | None = None
        noun_prep: Token | None = None
        naming = any(c.dep_ == "oprd" for c in verb.children)  # "called the deployment a threat"
        if (entry is None or (not entry.conditions and lemma in self.coder.light)) and not naming:
            # a light verb takes the code of its event-noun object ("issued a warning",
            # "announced the deployment of troops"), not when it only names it
            for obj in (content_noun(c) for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
                n_entry, n_prep = self._noun_entry(obj)
                if n_entry is not None:
                    entry, noun_obj, noun_prep = n_entry, obj, n_prep
                    trigger = sorted([verb, obj], key=lambda t: t.i)
                    break
        if noun_obj is None and (entry is None or not entry.conditions):
            # the field's patterns: a sense that is no event blocks ours ("fought corruption",
            # "an earthquake killed"); for verbs our lexicon lacks they give the code
            pattern = self.coder.patterns.match(verb, lemma)
            if pattern is not None and pattern.code == "---" and pattern.specificity:
                return None
            if pattern is not None and pattern.code != "---" and pattern.specificity \
                    and lemma not in lex.verbs:
                entry = LexEntry(lemma, (_PATTERN_WORD,) * min(pattern.specificity, 3),
                                 pattern.code)
        code = entry.code if entry else None
        if entry is None or code is None:
            return None
        agent = self.args.agent(verb)  # passive, or a participle: "described by the administration"
        passive = is_passive(verb)
        if passive and agent is None and lemma in lex.classes["self_passive"]:
            # "Vietnam is committed to opening up": the one committed commits itself
            agent = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        subject = agent if agent is not None or passive else self.args.subject(verb)
        sources = self.args.actors(subject)
        cause = self._cause(verb) if passive and code[:2] in FORCE_ROOTS and (
            agent is None or self._is_event_noun(agent)) else None  # "killed by Russian shelling"
        if cause is not None:  # "killed in a junta air strike": the strike's author, not a
            sources = self.args.actors(self.args.noun_source(cause))  # place ("in Baghdad")
        if subject is not None and code[:2] not in FORCE_ROOTS and self._is_event_noun(subject):
            # "the Maduro capture emboldened threats": an event is no actor, and its
            # participants ("Maduro") did not do what it caused; force it caused is its author's
            sources = [None]
        targets: list[ActorMention | None] = [None]
        own = frozenset(a.country for a in sources if a is not None and a.country)
        if noun_obj is not None:  # "announced the deployment of troops to Poland"
            aimed = next((g for g in noun_prep.children if g.dep_ == "pobj"), None) \
                if noun_prep is not None else None
            targets = [a for a in self.args.actors(aimed or self.args.noun_target(noun_obj, own),
                                                   avoid=own)
                       if not same_entity(a, sources) and not instrument(a, state_countries(sources))] or [None]
        if targets == [None]:
            targets = self.args.verb_target(verb, prep, sources,
                                            warns=code[:2] in ("10", "11", "12", "13"),
                                            force=code[:2] in SCENE_ROOTS)
        if targets == [None] and code[:2] == "14":
            targets = self._protested(verb, sources)
        if cause is not None:  # the cause's author is the source, not a target
            targets = [t for t in targets if t is None or t not in sources] or [None]
        parties = self.args.between(verb) if sources == [None] and targets == [None] else []
        if len(parties) >= 2:  # "as fighting between the army and the rebels raged" (a verb)
            sources = parties
        cand = Candidate(trigger, code, entry, sources, targets, verb,
                         negation_used=any(k == "neg" for k, _ in entry.conditions))
        cand.reciprocal = len(parties) >= 2
        if lemma in self.coder.lex.classes["reciprocal"] and len({a.country for a in sources if a}) >= 2:
            # "Russia and Ukraine swapped prisoners": each gives to the other; what is exchanged
            # (people guessed to be one side's) is no party
            cand.targets, cand.reciprocal = [None], True
        if cand.targets == [None]:
            self._implicit_parties(cand, verb, noun_obj)
        if cause is not None and sources == [None]:
            cand.source_refers = FORCE_ROOTS
        device = cause if cause is not None else subject
        cand.unclaimed_device = sources == [None] and code[:2] in FORCE_ROOTS and device is not None \
            and head_in(device, lex.classes["device"])
        cand.consumed = {t.i for c in verb.children for t in c.subtree
                         if c.dep_ in ("dobj", "nsubjpass", "xcomp", "prep", "dative", "attr")
                         and c.lower_ not in _CIRCUMSTANCE_PREPS}
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
        parties = self.args.between(noun)
        if sources == [None] and len(parties) >= 2:
            # "fighting between government forces and M23 rebels", "talks between Iran and
            # the US": the parties act on each other (a joint act, coded both ways)
            sources, targets = parties, [None]
        cand = Candidate([noun], entry.code, entry, sources, targets, noun, nominal=True)
        cand.reciprocal = len(parties) >= 2
        return cand

    def _ongoing_protest(self, noun: Token) -> bool:
        """Protests are news wherever they are named ("amid protests rocking the country", "a
        seventh night of protests"), except as past background ("since the protests")."""
        entry, _ = best_entry(noun, self.coder.lex.nouns.get(noun.lemma_.lower(), ()))
        if entry is None or entry.code[:2] != "14":
            return False
        return not (noun.dep_ == "pobj" and noun.head.lower_ in _BACKGROUND_PREPS)

    def _implicit_parties(self, cand: Candidate, verb: Token, noun_obj: Token | None) -> None:
        """Mark what the discourse must fill in: "each other", a pair subject ("both sides"),
        an earlier event as object ("condemned the strikes")."""
        objs = [o for o in verb.children if o.dep_ in ("dobj", "pobj", "prep")]
        words = {t.lower_ for o in objs for t in o.subtree}
        cand.reciprocal = cand.reciprocal or {"each", "other"} <= words or {"one", "another"} <= words
        subj = self.args.subject(verb)
        generic = all(s is None or s.kind == "agent" for s in cand.sources)
        if subj is not None and generic and (
                subj.lower_ in _PAIR_WORDS or any(c.lower_ in _PAIR_WORDS
                                                    for c in subj.children if c.dep_ in ("det", "nummod", "predet"))):
            cand.reciprocal_subject = True  # "both sides", "the two leaders"
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")
                    and c is not noun_obj):
            family = self._event_family(obj)
            if family is not None:
                cand.refers = family
            if obj.pos_ == "NOUN" and not any(t.i in self.by_token for t in obj.subtree) \
                    and obj.lemma_.lower() not in self.joint_objects:
                cand.thing_object = True

    def _protested(self, verb: Token, sources: list[ActorMention | None]) -> list[ActorMention | None]:
        """Whom a protest is against when its purpose says so ("began a hunger strike to
        protest Sweden's decision", "marched to demand the president's resignation")."""
        verbs = self.coder.lex.verbs
        for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp")
                       and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
                       and any(e.code[:2] in _PROTEST_PURPOSES for e in verbs.get(c.lemma_.lower(), ()))):
            found: list[ActorMention | None] = [
                t for t in self.args.verb_target(clause, None, sources)
                if t and not any(s and violation(s.as_actor(), t.as_actor()) for s in sources)]
            if found:  # not one a constraint would drop ("Hungarian teachers" are Hungary's)
                return found
        return [None]

    def _cause(self, verb: Token) -> Token | None:
        """The event noun a passive verb happened "in" or "by" ("were killed in an air strike",
        "by Russian shelling")."""
        for prep in (c for v in (verb, *verb.conjuncts) for c in v.children
                     if c.dep_ in ("prep", "agent") and c.lower_ in ("in", "by", "during")):
            for pobj in (g for g in prep.children if g.dep_ in ("pobj", "pcomp")):
                if self._is_event_noun(pobj) or (pobj.tag_ == "VBG" and any(
                        e.code[:2] in FORCE_ROOTS for e in self.coder.lex.verbs.get(pobj.lemma_.lower(), ()))):
                    return pobj
        return None

    def _noun_entry(self, noun: Token) -> tuple[LexEntry | None, Token | None]:
        """The noun lexicon's row for an event noun, or for the event noun modifying a general
        head ("a mediation effort", "a peace mission"), and the preposition its row named
        ("withdrawal from the bloc": the bloc is whom it is aimed at)."""
        nouns = self.coder.lex.nouns
        entry, prep = best_entry(noun, nouns.get(noun.lemma_.lower(), ()))
        if entry is not None:
            return entry, prep
        modifier = next((c for c in noun.children if c.dep_ == "compound"
                         and c.lemma_.lower() in nouns), None)
        if modifier is None:
            return None, None
        return best_entry(modifier, nouns[modifier.lemma_.lower()])

    def _is_event_noun(self, token: Token) -> bool:
        """Whether a noun names an event of the lexicon (a capture, strike, statement)."""
        return token.pos_ == "NOUN" and token.lemma_.lower() in self.coder.lex.nouns

    def _event_family(self, noun: Token) -> frozenset[str] | None:
        """The root family of an anaphoric event noun with no actor of its own ("the air
        strikes", "these claims", "those remarks"); None for anything else."""
        if not any(c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in noun.children):
            return None
        if any(t.i in self.by_token for t in noun.subtree):
            return None
        entry, _ = best_entry(noun, self.coder.lex.nouns.get(noun.lemma_.lower(), ()))
        if entry is not None:
            return FORCE_ROOTS if entry.code[:2] in FORCE_ROOTS or entry.code[:2] == "19" \
                else WORD_ROOTS
        if noun.lemma_.lower() in self.coder.lex.classes["words"]:
            return WORD_ROOTS
        return None

    # --- modality and speech -------------------------------------------------------------------
    def reported(self, verb: Token) -> tuple[ActorMention | None, int]:
        """The speaker of the speech verb governing ``verb`` (if any) and the clause depth."""
        depth, probe = 0, verb
        while probe.head is not probe and probe.dep_ in ("ccomp", "xcomp", "conj", "advcl", "relcl",
                                                        "acl", "dobj", "pobj", "prep", "acomp") \
                and probe.lower_ not in _CIRCUMSTANCE_PREPS:
            if probe.dep_ in ("ccomp", "advcl", "relcl", "acl"):
                depth += 1
            probe = probe.head
            if probe.lemma_.lower() in self.coder.speech and probe.pos_ == "VERB":
                subj = self.args.subject(probe) or self.args.agent(probe)
                return (self.args.actors(subj, deep=False)[0] if subj is not None else None), depth
        return None, depth

    def quote_of(self, token: Token) -> QuoteRecord | None:
        """The quote ``token`` is in, if any."""
        return next((q for q in self.quotes if q["start"] <= token.idx < q["end"]), None)

    # --- assembly ------------------------------------------------------------------------------
    def candidates(self) -> list[Candidate]:
        nouns = self.coder.lex.nouns
        found: list[Candidate] = []
        consumed: set[int] = set()
        for tok in self.sent:
            if tok.tag_ == "VBG" and (tok.dep_ == "prep" or tok.lemma_ in _PREPOSITION_VERBS):
                continue  # "following the operation", "including threats": a preposition
            if tok.pos_ in ("VERB", "AUX") and verb_lemma(tok, self.coder.verb_lemmas) \
                    in self.coder.verb_lemmas:
                cand = self.verb_candidate(tok)
                if cand is not None and _purpose(tok) and cand.code[:2] not in FORCE_ROOTS:
                    continue  # "signed deals to strengthen ties": an aim; "sent jets to bomb"
                    # is the bombing itself
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
            if not (_occurs(tok) or self.args.answers(tok) or is_headline(self.sent)
                    or self._ongoing_protest(tok)):
                continue
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
        return [c for c in found if not (_contained(c.anchor, containers)
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
        if cand.code[:2] == "13" and not any(cand.targets) and not cand.nominal and (
                condition := condition_clause(verb)) is not None:
            # "threatened to stop the talks if the United States deploys": aimed at the US
            cand.targets = [t for t in self.args.actors(self.args.subject(condition))
                            if not same_entity(t, cand.sources)] or [None]
        if not cand.nominal and is_obligation(verb) and cand.code[:2] not in ("01", "02", "10"):
            # "X said Y must release Z": X demands of Y
            cand.code = demand_code(cand.code)
            cand.sources, cand.targets = [cand.speaker], cand.sources
            cand.speaker = None
        elif not cand.nominal and cand.code[:2] == "01" and (obligation := next(
                (c for c in anchor.children if c.dep_ == "ccomp" and is_obligation(c)), None)):
            # "stated that Peru must open its ports": a demand of Peru, whatever the act
            cand.code = demand_code(cand.code)
            if not any(cand.targets):
                cand.targets = self.args.actors(self.args.subject(obligation))
        return cand

    def events(self) -> list[CodedEvent]:
        """The sentence's event records (every candidate that passes the constraints)."""
        cands = [c for c in (self.finish(c) for c in self.candidates()) if c is not None]
        for cand in cands:
            if cand.code[:2] in _VERBAL_ROOTS and cand.sources[0] is not None and not cand.nominal:
                self.context["speaker"] = cand.sources[0]
        if not cands:
            return []
        place = sentence_place(self.sent)
        location = place[1] if place else None
        # the scene's country is a party only if it is a town's we can trust (not a namesake)
        place_actor = _place_actor(*place) if place and (
            place[1].get("country") in self.args.countries
            or self.args.town_country(place[0].text) is not None) else None
        parties = Parties(self.args, self.discourse, self.doc, place_actor)
        records: list[CodedEvent] = []
        for cand in cands:
            date = resolve_date(event_clause(self.sent, cand.anchor), self.doc._.published,
                                future=not cand.nominal and is_future(cand.anchor))
            records.extend(self.records(cand, date, location, parties))
        return dedupe(records)

    def records(self, cand: Candidate, date: EventDate, location: Location | None,
                parties: Parties) -> list[CodedEvent]:
        """One record per dyad of ``cand`` (its ``parties``): coordinated actors fan out ("Russia
        and China criticized X", "eased tariffs on Peru, Chile and Bolivia" are one event per
        dyad, so every dyad's series sees it); reciprocal and joint acts go both ways."""
        anchor = cand.anchor
        quote = self.quote_of(anchor)
        speaker_actor = quote["speaker"] if quote else None
        if speaker_actor is None and cand.speaker is not None:
            speaker_actor = cand.speaker.as_actor()
        sources = parties.sources(cand, quote, speaker_actor)
        dyads = parties.dyads(cand, sources)
        self.discourse.coordinated([s for s in sources if s])
        out = []
        first, last = cand.trigger[0], cand.trigger[-1]
        verb = anchor if not cand.nominal else anchor.head
        hypothetical = is_hypothetical(verb)
        future = is_future(verb) if not cand.nominal else False
        headline = is_headline(self.sent)
        for source, target, inferred in dyads:
            reported_by = speaker_actor if speaker_actor and not _same(speaker_actor, source) else None
            if target is not None and violation(source, target) is not None:
                # the act happened, only not to itself: force or protest in its own country
                # falls on the people there ("imposed a curfew in the town of X"), anything
                # else keeps no target ("promised to democratize Serbia")
                target, inferred = parties.own_people(source, target, cand.code), False
            if violation(source, target, reported_by) is not None:
                continue
            conf = confidence(cand, source, target, hypothetical, inferred=inferred,
                              headline=headline, background=is_background(date, self.doc._.published))
            out.append(coded_event(
                sentence=TextSpan(start=self.sent.start_char, end=self.sent.end_char, text=self.sent.text),
                trigger=TextSpan(start=first.idx, end=last.idx + len(last.text),
                                 text=self.doc[first.i:last.i + 1].text),
                source=source, target=target,
                cameo=lookup(crowd_code(cand.code, source)).code,  # an unlisted sub-code: its parent
                date=date.copy(), location=location,
                modality=Modality(negated=is_negated(anchor) and not cand.negation_used,
                                  hypothetical=hypothetical, future=future, reported_by=reported_by),
                quote_id=quote["quote_id"] if quote else None, confidence=conf))
        return out

def _place_actor(ent: Span, location: Location) -> Actor | None:
    """The country of a named place as an actor (the target of events done *in* it)."""
    country = location.get("country")
    if not country or not is_scene(ent):
        return None
    return actor(location.get("name"), ent.text, ent.start_char, ent.end_char, country, country)


#: Sectors of crowds and civilians: force they use is a violent protest, not war.
_CROWD_SECTORS = frozenset({"CVL", "OPP", "EDU", "LAB"})
#: Roots of the lexicon verbs of a protest's purpose clause ("to protest X", "to demand",
#: "to denounce", "to reject"): their object is whom the protest is against.
_PROTEST_PURPOSES = frozenset({"10", "11", "12", "14"})


def crowd_code(code: str, source: Actor | None) -> str:
    """Force used by protesters, students, workers or civilians ("protesters stormed the
    parliament", "set fire to the building") is CAMEO 145, violent protest, not coercion or
    military force (17-20)."""
    if code[:2] in ("17", "18", "19", "20") and source and source.get("sector") in _CROWD_SECTORS:
        return "145"
    return code


#: How long before the article an event must be dated to be background, not news.
BACKGROUND_DAYS = 90


def is_background(date: EventDate, published: dt.date | None) -> bool:
    """Whether the sentence dates the event long before the article ("seized the capital in
    2014", "since 2021"): CAMEO data records what happens now, not history retold."""
    value = date["value"]
    if published is None or not date["text"] or not value:
        return False
    return (published - dt.date.fromisoformat(value)).days > BACKGROUND_DAYS


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose: "to" + verb attached as a clause modifier ("signed deals to
    strengthen ties", "a mission to restore order")."""
    return verb.dep_ in ("advcl", "acl") and verb.tag_ == "VB" and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _occurs(noun: Token) -> bool:
    """Whether a nominal event is said to happen in its sentence: the subject of a verb of
    occurrence or effect (see ``_OCCURRENCE``), or coordinated with one that is."""
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        noun = noun.head
    if noun.dep_ == "attr":  # "X has been a vocal critic of Y": predicated of X
        return True
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _CONTAINING:
        return True  # "clashes which included Pakistani airstrikes"
    if noun.dep_ == "pobj" and noun.head.lower_ == "on" and noun.head.head.lemma_ == "be":
        return True  # "the Navy was on standby", "police were on alert"
    return noun.dep_ in ("nsubj", "nsubjpass") and verb_lemma(noun.head, _OCCURRENCE) in _OCCURRENCE


def _governors(token: Token) -> list[Token]:
    """The ancestors of ``token`` up to the first coordination or subject: the clauses it is
    part of ("Representatives of A and B, mediated by Qatar, agreed": the agreement is not a
    statement about the mediation in its subject)."""
    found = []
    while token.head.i != token.i and token.dep_ not in ("conj", "nsubj", "csubj"):
        token = token.head
        found.append(token)
    return found


def _contained(token: Token, containers: set[int]) -> bool:
    """Whether ``token`` is in the content of a demand, allegation, refusal or threat. A
    participle clause beside it is an act of its own, not its content ("rejected the claims,
    accusing Pakistan of lying" is an accusation)."""
    while token.head.i != token.i:
        if token.dep_ == "advcl" and (token.tag_ == "VBG" or _circumstance(token)):
            return False
        token = token.head
        if token.i in containers:
            return True
    return False


#: Subordinators of a clause that says what else happened, not what was demanded or protested.
_CIRCUMSTANCE_MARKS = frozenset({"as", "while", "when", "after", "before", "since", "whereas"})


def _circumstance(clause: Token) -> bool:
    """A finite clause with its own subject telling what else happened ("protested as police
    used tear gas"): an act of its own."""
    return clause.tag_ in ("VBD", "VBZ", "VBP") and any(
        c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE_MARKS for c in clause.children) and any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)


def _finite_sibling(token: Token) -> bool:
    """A finite verb conjoined to an infinitive ("called on X to mobilize and deployed troops")
    is a main clause the parser attached too low, not part of the infinitive's content."""
    return token.dep_ == "conj" and token.tag_ in ("VBD", "VBZ") and token.head.tag_ == "VB"


def _same(a: Actor | None, b: Actor | None) -> bool:
    """Whether two record actors are one (a speaker is not the reporter of their own event)."""
    if not a or not b:
        return False
    return (a.get("name") or a.get("text")) == (b.get("name") or b.get("text")) or (
        bool(a.get("code")) and a.get("code") == b.get("code"))

