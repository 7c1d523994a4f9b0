"""What earlier sentences of an article tell a later one about who acts on whom.

A sentence often leaves a party implicit that the article has already named, and an expert
coder fills it in from the context. Three such readings are made here, each from the text only:

* **Event anaphora.** "Cambodia condemned *the air strikes*", "the Taliban rejected *these
  claims*": the object is an earlier event, so the target is that event's source — the actor of
  the most recent earlier event of the same family (force for "strikes", words for "claims").
* **The author of a thing.** "Opposition leaders denounced the martial law declaration",
  "Kobakhidze rejected the decision": a criticism, rejection or endorsement of a thing with no
  author named is aimed at whoever the article last showed acting, other than the critic.
* **The counterpart.** "Trump said he would not rule out military strikes": a threat, a show
  of force or a demand with no stated target is aimed at the other side of the latest exchange
  the actor's country took part in.
* **Mediation.** "The talks were mediated by Qatar": a mediator acts on the pair of parties.
* **Reciprocals.** "Both blamed each other", "the two countries accused each other": the group
  is the last pair of actors the article set against each other, else its two principal parties;
  the event is coded in both directions.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from flashpoint.kb import KnowledgeBase
from flashpoint.nlp.mentions import ActorMention
from flashpoint.records import Actor, actor

#: Root families an event noun can refer back to.
FORCE_ROOTS = frozenset({"15", "17", "18", "19", "20"})
WORD_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
#: How many of the latest events the author of a criticised thing is looked for in.
RECENT_EVENTS = 6
#: A principal party must be named at least this often; the second at least this share of the
#: first's mentions, so an article about one country with a passing mention of another has none.
MIN_PARTY_MENTIONS = 2
MIN_SECOND_SHARE = 0.25


@dataclass
class Discourse:
    """Article-level memory, filled sentence by sentence by the event coder."""

    mentions: list[ActorMention]
    #: the KB the article's actors come from (a country's name)
    kb: KnowledgeBase
    #: (root, source actor) of every emitted event, in text order
    history: list[tuple[str, Actor]] = field(default_factory=list)
    #: the last two actors of different countries coordinated or set against each other
    last_pair: tuple[Actor, Actor] | None = None
    #: (source, target) of every emitted event with both actors of different countries
    dyads: list[tuple[Actor, Actor]] = field(default_factory=list)

    def __post_init__(self) -> None:
        named = [m.country for m in self.mentions if m.country and m.kind != "pronoun"]
        counts = Counter(named)
        ranked = sorted(counts, key=lambda c: (-counts[c], named.index(c)))
        #: countries by how often the article names them
        self.ranked: tuple[str, ...] = tuple(ranked)
        self.parties: tuple[str, ...] = ()
        if len(ranked) >= 2 and counts[ranked[1]] >= MIN_PARTY_MENTIONS \
                and counts[ranked[1]] >= MIN_SECOND_SHARE * counts[ranked[0]] \
                and (len(ranked) == 2 or counts[ranked[2]] < counts[ranked[1]]):
            self.parties = (ranked[0], ranked[1])

    # -- reading ----------------------------------------------------------------------------
    def country_actor(self, iso3: str | None) -> Actor | None:
        """A country as a record actor with no span of its own (an implicit party)."""
        country = self.kb.country(iso3)
        if country is None:
            return None
        return actor(country.name, None, country=country.iso3, code=country.iso3)

    def referent_of(self, family: frozenset[str], source: Actor | None) -> Actor | None:
        """The source of the latest earlier event of ``family`` by another actor than
        ``source`` (nobody condemns their own strikes)."""
        for root, earlier in reversed(self.history):
            if root in family and _other(earlier, source):
                return earlier
        return None

    def responsible(self, source: Actor | None, window: int = RECENT_EVENTS) -> Actor | None:
        """Who is behind the thing a criticism, rejection or praise is about ("condemned the
        martial law declaration", "rejected the decision"): the latest earlier actor, among the
        last ``window`` events, other than the critic (another country, or another actor of
        the critic's country)."""
        if source is None:
            return None
        return next((earlier for _, earlier in list(reversed(self.history))[:window]
                     if _other(earlier, source)), None)

    def counterpart(self, source: Actor | None, window: int = RECENT_EVENTS) -> Actor | None:
        """The other side of the latest dyad the source took part in (as either side), among
        the last ``window`` dyads: whom a threat, a show of force or repression with no stated
        target is aimed at in an exchange between two parties. A party is matched by country
        in an international dyad and by its actor code in a domestic one (police and
        protesters are both of one country)."""
        if source is None or not source.get("country"):
            return None
        for first, second in list(reversed(self.dyads))[:window]:
            if _same_party(first, source, first.get("country") == second.get("country")):
                return second
            if _same_party(second, source, first.get("country") == second.get("country")):
                return first
        return None

    def pair(self) -> tuple[Actor, Actor] | None:
        """The two actors a reciprocal ("each other", "both sides") refers to."""
        if self.last_pair is not None:
            return self.last_pair
        if self.parties:
            a, b = (self.country_actor(c) for c in self.parties)
            if a is not None and b is not None:
                return a, b
        return None

    def home_actor(self, sector: str, country: str | None = None) -> Actor | None:
        """An unnamed sector of a country (its civilians, its government): of ``country``, else
        of the article's most named country ("protests erupted" are its people's)."""
        iso3 = country or (self.ranked[0] if self.ranked else None)
        state = self.kb.country(iso3)
        if state is None or not sector:
            return self.country_actor(iso3)
        # a sector of the country, not the country: no name
        return actor(None, None, country=state.iso3, code=state.iso3 + sector, sector=sector)

    # -- writing ----------------------------------------------------------------------------
    def remember(self, root: str, source: Actor | None, target: Actor | None) -> None:
        """Record an emitted event: its source for anaphora, its dyad as the last pair (an
        unidentified attacker is nobody a later sentence can refer back to)."""
        if source is not None and source.get("country") and source.get("sector") != "UAF":
            self.history.append((root, source))
            if target is not None and target.get("country") and _other(target, source):
                self.dyads.append((source, target))
                if target.get("country") != source.get("country"):
                    self.last_pair = (source, target)

    def coordinated(self, actors: list[Actor]) -> None:
        """Remember a coordination of actors of different countries ("Thailand and Cambodia")."""
        distinct = {a.get("country"): a for a in actors if a and a.get("country")}
        if len(distinct) == 2:
            first, second = distinct.values()
            self.last_pair = (first, second)


def _other(actor: Actor, than: Actor | None) -> bool:
    """Whether ``actor`` is another party than ``than``: another country, or another sector of
    the same country (the opposition and the president of one state are two parties)."""
    if than is None:
        return True
    if actor.get("country") != than.get("country"):
        return True
    return actor.get("code") != than.get("code") and actor.get("sector") != than.get("sector")


def _same_party(actor: Actor, source: Actor | None, domestic: bool) -> bool:
    """Whether ``actor`` is the source's party: its country, or in a domestic dyad its code."""
    if source is None or actor.get("country") != source.get("country"):
        return False
    return not domestic or actor.get("code") == source.get("code")
