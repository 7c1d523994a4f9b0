"""Who an event's parties are, once its trigger and arguments are read (step 3 of
:mod:`flashpoint.nlp.events`): the record actors of its mentions (people localised to the
scene), the source a convention gives where the sentence names none, targets completed from the
scene and then from the discourse, and joint or reciprocal acts fanned out both ways.

Kept apart from trigger coding: these rules read the sentence's place and the article's
discourse, not the parse of one clause, and each is a convention of CAMEO or ICEWS.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from flashpoint.nlp.constraints import same_actor
from flashpoint.nlp.discourse import FORCE_ROOTS, Discourse
from flashpoint.nlp.event_args import STATE_SECTORS, EventArguments, is_passive
from flashpoint.nlp.event_candidate import Candidate
from flashpoint.nlp.mentions import ActorMention
from flashpoint.nlp.triggers import QUANTITY_HEADS
from flashpoint.records import Actor, QuoteRecord

#: Roots whose unnamed target, or unknown perpetrator, is the country of the place they happen in
#: (protest, force, coercion, violence): CAMEO's convention for domestic unrest and attacks.
SCENE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
#: Threats of such acts (repression 137, military force 138), aimed where they would happen.
_SCENE_THREATS = frozenset({"137", "138"})
_SELF = frozenset({"i", "we", "me", "us", "my", "our"})
#: Codes of acts that coordinated parties do jointly, each to the other ("A and B met",
#: "signed a deal", "agreed to a ceasefire", "clashed"): CAMEO codes both directions. Mediation,
#: aid and withdrawals are not among them: "Qatar and Turkey mediated" act on third parties.
_JOINT_CODES = frozenset({"030", "031", "036", "040", "041", "043", "044", "046", "050", "057",
                          "060", "061", "062", "0871", "190", "193"})
#: Sectors of armed state and non-state forces.
_ARMED_SECTORS = frozenset({"MIL", "COP", "REB", "SPY", "UAF"})
#: Prepositions naming what force is aimed at ("strikes on Odesa", "fired at Goma").
_AIMED_PREPS = frozenset({"on", "at", "into", "against"})
#: Prepositions naming where force lands ("bombs on X", "fired into X").
_PLACE_PREPS = frozenset({"on", "into", "at", "near", "in"})
#: Codes of mediating between parties ("mediated the talks", "brokered a truce").
_MEDIATION_CODES = frozenset({"045", "039"})
#: Roots of acts always aimed at someone, whose unstated target is the actor's counterpart.
_AIMED_ROOTS = frozenset({"10", "11", "12", "13", "15", "16"})
#: Roots of condemning a situation, whose target is the state it is in.
_CONDEMNING_ROOTS = frozenset({"11", "12"})
#: Roots of acts on a thing whose author is their target (criticise, reject, praise it).
_ON_THINGS_ROOTS = frozenset({"05", "11", "12"})
#: Codes of a state's measures on a population: a curfew, a state of emergency or martial law,
#: imposed (172x), threatened (132x) or eased (081x).
_POPULATION_MEASURES = frozenset({"1723", "1724", "1323", "1324", "0813", "0814"})


class Parties:
    """The parties of the events of one sentence, given its scene (``place_actor``: the
    country of the place it names, when that is a party at all)."""

    def __init__(self, args: EventArguments, discourse: Discourse, doc: Doc, place_actor: Actor | None) -> None:
        self.args, self.discourse, self.doc, self.place_actor = args, discourse, doc, place_actor

    def sources(self, cand: Candidate, quote: QuoteRecord | None, speaker: Actor | None) -> list[Actor | None]:
        """The record actors acting in ``cand``; where the sentence names none, the one a
        convention or the discourse gives: a direct quote's speaker, the people of the place
        for a protest, the arresting state, the author of the event referred to, an
        unidentified attacker for a bomb nobody claims, the pair of a reciprocal subject."""
        anchor = cand.anchor
        sources = [self.record_actor(s) for s in cand.sources]
        if all(s is None for s in sources) and quote is not None and quote["direct"] \
                and speaker and self._speaker_is_agent(cand):
            sources = [speaker]
        root = cand.code[:2]
        if root == "14" and all(s is None for s in sources) and (
                cand.nominal or self._crowd_subject(anchor)):
            # "protests erupted", "thousands marched in Tel Aviv": the people of the place
            place_country = self.place_actor["country"] if self.place_actor else None
            sources = [self.discourse.home_actor("CVL", place_country)]
        if cand.nominal and root == "16" and all(s is None for s in sources) \
                and speaker and speaker.get("sector") == "GOV":
            # "Trump insisted that sanctions on Venezuelan oil remained": a state policy with no
            # author named, asserted by a government's own officials, is their state's
            sources = [self.discourse.country_actor(speaker.get("country"))]
        if cand.code.startswith("173") and all(s is None for s in sources) \
                and (cand.nominal or is_passive(anchor)):  # not "Arrest him!", a demand
            sources = [self._arresting_state(cand)]
        if cand.source_refers is not None and all(s is None for s in sources):
            # "civilians were killed in an airstrike": by whoever carried out the strikes
            sources = [self.discourse.referent_of(cand.source_refers, None)]
        if cand.unclaimed_device and all(s is None for s in sources) and self.place_actor is not None:
            # "a car bomb killed a journalist in Beirut": an unidentified attacker of the country
            # it went off in (the ICEWS convention)
            sources = [self.discourse.home_actor("UAF", self.place_actor["country"])]
        if cand.reciprocal_subject:  # "both blamed each other": the pair the article set up
            pair = self.discourse.pair()
            sources = list(pair) if pair else [None]
        return sources

    def dyads(self, cand: Candidate, sources: list[Actor | None]) -> list[tuple[Actor | None, Actor | None, bool]]:
        """(source, target, inferred) pairs of a candidate, targets completed from the text
        (the scene of force), then from the discourse (see :mod:`flashpoint.nlp.discourse`)."""
        root = cand.code[:2]
        targets = [None if root == "01" and t is not None and t.sector == "MED"
                   else self.record_actor(t) for t in cand.targets]  # "told reporters": no party
        distinct = {(s.get("code"), s.get("country")) for s in sources if s and s.get("code")}
        if targets == [None] and (
                (cand.reciprocal and len(distinct) >= 2)
                or (len(distinct) >= 2 and cand.code in _JOINT_CODES
                    and not (cand.thing_object and root in FORCE_ROOTS))):
            # "Thailand and Cambodia accused each other", "Armenia and Azerbaijan signed a deal",
            # "clashes between police and protesters": each party acts on the other
            return [(s, t, False) for s in sources for t in sources
                    if s and t and not same_actor(s, t)]
        if cand.reciprocal_subject and len(sources) == 2 and targets == [None]:
            return [(sources[0], sources[1], True), (sources[1], sources[0], True)]
        guessed = [t is not None and t.localised and t.sector == "CVL" for t in cand.targets]
        pairs: list[tuple[Actor | None, Actor | None, bool]] = []
        for source in sources:
            for target, victims in zip(targets, guessed, strict=True):
                if victims and root in FORCE_ROOTS and target and source \
                        and target.get("country") == source.get("country"):
                    target = self._other_side(source) or target
                if target is None and _scene_act(cand.code) and source is not None:
                    # force used (or threatened) in a place, or on it ("shelled the city of
                    # Kherson", "threatened attacks in Israel"), is used on its country
                    target = self.place_actor or self._object_place(cand.anchor)
                if target is not None:
                    pairs.append((source, target, False))
                    continue
                implicit = self._implicit_target(cand, source)
                if implicit is None and root == "14" and source is not None \
                        and source.get("sector") not in STATE_SECTORS | {None}:
                    # people protesting with no one named protest their own government
                    implicit = self.discourse.home_actor("GOV", source.get("country"))
                pairs.append((source, implicit, implicit is not None))
        return pairs

    def _implicit_target(self, cand: Candidate, source: Actor | None) -> Actor | None:
        """The target the discourse supplies when the sentence names none (see
        :mod:`flashpoint.nlp.discourse`): the author of an event referred back to, the parties
        of a mediation, the author of a criticised thing."""
        root = cand.code[:2]
        if cand.refers is not None:
            found = self.discourse.referent_of(cand.refers, source)
            if found is not None:
                return found
        if root in _CONDEMNING_ROOTS:
            scene = self._object_scene(cand.anchor)
            if scene is not None:  # "condemned the violence in Haiti": Haiti is criticised
                return scene
        if cand.code in _MEDIATION_CODES:
            named = [n for t in cand.anchor.subtree if t.pos_ in ("NOUN", "VERB")
                     for n in self.args.between(t) if n is not None]
            if named:  # "emerged as mediators between Israel and Hamas"
                return named[0].as_actor()
            mediators = [s for s in cand.sources if s is not None]
            pair = self.discourse.pair()
            return next((p for p in pair or () if not same_actor(p, source)
                         and not any(m.country == p.get("country") for m in mediators)), None)
        if cand.thing_object and root in _ON_THINGS_ROOTS:
            return self.discourse.responsible(source)
        if cand.code in _POPULATION_MEASURES and source is not None and source.get("country"):
            # "threatened to impose a curfew in Algiers", "lifted martial law": such a measure
            # falls on the people of the place it covers, else on the state's own people
            covered = self.place_actor["country"] if self.place_actor else None
            return self.discourse.home_actor("CVL", covered or source["country"])
        if root in FORCE_ROOTS and source is not None and source["sector"] in _ARMED_SECTORS \
                and self._unknown_place(cand.anchor):
            # "the military dropped bombs on Nyaung Kone": armed forces striking a named place
            # the gazetteer does not know strike in their own country (a domestic dyad)
            return self.discourse.home_actor("", source["country"])
        if cand.code.startswith("175") and source is not None and source.get("country") \
                and source.get("sector") in ("COP", "GOV") and not any(
                    c.dep_ == "prep" and c.lower_ in _AIMED_PREPS for c in cand.anchor.children):
            # "authorities used tear gas": police repression falls on the state's own people
            # (not what it was aimed "at": "fired water cannon at one of the boats")
            return self.discourse.home_actor("CVL", source["country"])
        if root in _AIMED_ROOTS or (cand.thing_object and root in FORCE_ROOTS):
            # "hit 28 sites": force on things is aimed at whoever the actor is fighting
            found = self.discourse.counterpart(source)
            if found is None and root in _AIMED_ROOTS and source is not None and source.get("country") is None \
                    and (source.get("code") or "").startswith("IGO") and cand.thing_object:
                # "the EU demands a rerun of the vote": a body's words about a thing of the story
                found = self.discourse.home_actor("")
            return found
        return None

    def _object_scene(self, verb: Token) -> Actor | None:
        """The state a criticised situation is "in" ("the levels of violence in Haiti")."""
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            for token in obj.subtree:
                mention = self.args.by_token.get(token.i)
                if token.dep_ == "pobj" and token.head.lower_ == "in" and mention is not None \
                        and mention.country and mention.code == mention.country:  # a country, not its capital
                    return self.discourse.country_actor(mention.country)
        return None

    def _object_place(self, verb: Token) -> Actor | None:
        """The country of a place the gazetteer knows, named in the object of a verb or of
        force's "on/at/into/against" ("the city of Kherson", "Kyiv's suburbs", "strikes on
        Odesa")."""
        aimed = [g for p in verb.children if p.dep_ == "prep" and p.lower_ in _AIMED_PREPS
                 for g in p.children if g.dep_ == "pobj"]
        for obj in [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")] + aimed:
            for token in obj.subtree:
                country = self.args.town_country(token.text) \
                    if token.pos_ == "PROPN" and token.i not in self.args.by_token else None
                if country is not None:
                    return self.discourse.country_actor(country)
        return None

    def _crowd_subject(self, verb: Token) -> bool:
        """A subject that is a crowd of nobody named ("thousands", "hundreds of people")."""
        subj = self.args.subject(verb)
        return subj is not None and subj.lemma_.lower() in QUANTITY_HEADS | {"people", "crowd"}

    def _unknown_place(self, verb: Token) -> bool:
        """Whether force is aimed at a named place no actor or gazetteer entry covers ("on
        Nyaung Kone village", "into Kyar Si")."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                names = [t for t in pobj.subtree if t.pos_ == "PROPN"]
                if names and not any(t.i in self.args.by_token for t in names):
                    return True
        return False

    def _other_side(self, source: Actor) -> Actor | None:
        """The people of the other country of the exchange the source is in, if there is one:
        "Pakistan's airstrikes killed 10 people" in a story of Pakistan and Afghanistan killed
        Afghans, though the text names no nationality (the story's home country was a guess)."""
        country = source.get("country")
        other = self.discourse.counterpart(source)
        if other is None or other.get("country") == country:
            pair = self.discourse.pair()
            other = next((p for p in pair or () if p.get("country") != country), None)
        return self.discourse.home_actor("CVL", other["country"]) if other and other.get("country") else None

    def own_people(self, source: Actor | None, target: Actor, code: str) -> Actor | None:
        """The civilians of the source's own country when a scene act lands on it, else None."""
        country = source.get("country") if source else None
        if _scene_act(code) and country and target.get("country") == country:
            return self.discourse.home_actor("CVL", country)
        return None

    def _arresting_state(self, cand: Candidate) -> Actor | None:
        """Who made an arrest the sentence gives no agent for ("seven people were arrested"):
        arrests are a state's police acting, of the place they happen in, else of the country the
        article is about when those arrested are its people (not "a US citizen was detained":
        a foreign national is more often held abroad)."""
        country = self.place_actor["country"] if self.place_actor else None
        if country is None:
            home = self.discourse.ranked[0] if self.discourse.ranked else None
            country = next((t.country for t in cand.targets if t is not None and t.country == home
                            and t.kind in ("agent", "person")), None)
        return self.discourse.home_actor("COP", country) if country else None

    def record_actor(self, mention: ActorMention | None) -> Actor | None:
        """The record actor of a mention; an "ethnic" people ("ethnic Hungarians") acting or
        hit at a named scene is coded by the country of that scene (CAMEO codes ethnic groups
        by the state they live in), and so are people the text gives no nationality ("killed
        23 people in Kharkiv": Ukrainians, whatever country the story is mostly about)."""
        if mention is None:
            return None
        scene = self.place_actor["country"] if self.place_actor else None
        if scene is None or scene == mention.country:
            return mention.as_actor()
        if mention.kind == "state" and mention.start > 0 and self.doc[mention.start - 1].lower_ == "ethnic":
            return self.place_actor
        if mention.localised and mention.sector == "CVL":
            return replace(mention, country=scene, code=scene + "CVL").as_actor()
        return mention.as_actor()

    def _speaker_is_agent(self, cand: Candidate) -> bool:
        """In a direct quote, a subjectless (imperative) or first-person verb, or an event noun
        of the first person ("it is my appeal"), is the speaker's; a reported clause's events
        are never the reporter's (constraint 3)."""
        if cand.nominal:
            owner = self.args.noun_source(cand.anchor)
            return owner is not None and owner.lower_ in _SELF
        subj = self.args.subject(cand.anchor)
        return subj is None or subj.lower_ in _SELF


def _scene_act(code: str) -> bool:
    """Whether an act of ``code`` lands on the place it happens in (force, protest, repression
    and threats of force)."""
    return code[:2] in SCENE_ROOTS or code[:3] in _SCENE_THREATS
