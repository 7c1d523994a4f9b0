"""flashpoint_coref: point pronouns and descriptions back at the actors they mean.

A deliberately simple salience model, because it is predictable and fast: a third-person pronoun
takes the nearest earlier sentence (up to ``WINDOW`` back) holding a compatible nominal mention,
and there the grammatical subject, else the closest mention (an object pronoun, "him", prefers
a non-subject of its own sentence). Compatibility: he/she -> persons of that gender (or unknown
gender), its and they/their -> states, organisations and groups. "it" is left alone (too often
expletive) except as the subject of what a state or organisation says or decides: "Chile said
it had recalled", "Norway says it is ready" (:func:`reported_it`), news style for a state's own
statements.
Titles without a country ("the president") take the nearest earlier person holding that office
on the article's date; titled descriptions the actor component already identified ("the
Colombian leader") get ``resolved_from`` set to the earlier mention of the same person.
What is still without a country after that ("police said", "President Avril", "the
president") is read as the home country's: the country the article names most
(:func:`setting_country`), the news convention for agents and titles without a nationality.

First-person pronouns are left alone: inside a quotation they mean the quote's speaker, but
quotes are found after this component runs, so the event coder reads them (a first-person
event in a direct quote takes the quote's speaker as its source).
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from datetime import date
from itertools import pairwise

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from flashpoint.kb import KnowledgeBase, Person, load_kb
from flashpoint.nlp.actors import article_date
from flashpoint.nlp.mentions import SUBJECT_DEPS, ActorMention

#: Third-person pronouns and the antecedents they accept: a gender or "group".
PRONOUNS = {
    **dict.fromkeys(("he", "him", "his", "himself"), "m"),
    **dict.fromkeys(("she", "her", "hers", "herself"), "f"),
    **dict.fromkeys(("they", "them", "their", "theirs", "themselves", "its", "itself"), "group"),
}
#: How many sentences back a pronoun or bare title may look for its antecedent.
WINDOW = 3
_GROUP_KINDS = {"state", "igo", "agent"}
_POSSESSIVES = {"his", "her", "its", "their"}
_OBJECT_FORMS = {"him", "them"}
#: Sectors whose unqualified agents are read as the story's home country's (see ``_localise``);
#: elites (analysts, experts) and NGOs are not.
_DOMESTIC = frozenset({"GOV", "MIL", "COP", "REB", "OPP", "CRM", "CVL", "LEG", "JUD", "MED", "BUS",
                       "REF", "LAB", "EDU", "HLH", "PTY", "REL", "ACT"})
_LOCALISED = frozenset({"agent", "person", "description"})


@Language.factory("flashpoint_coref", default_config={"kb_path": ""},
                  requires=["doc._.actor_mentions", "doc.sents", "token.dep"],
                  assigns=["doc._.actor_mentions"])
def make_coref(nlp: Language, name: str, kb_path: str) -> Coreference:
    """spaCy factory of the coreference component; the KB is read from ``kb_path`` ("": packaged)."""
    return Coreference(nlp, load_kb(kb_path))


class Coreference:
    """The spaCy component: adds pronoun mentions and links descriptions, in place."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("PRONOUN", [[{"LOWER": {"IN": sorted(PRONOUNS)}}]])
        self.matcher.add("IT", [[{"LOWER": "it", "DEP": {"IN": sorted(SUBJECT_DEPS)}}]])
        self.it_rule = nlp.vocab.strings["IT"]

    def __call__(self, doc: Doc) -> Doc:
        on = article_date(doc)
        mentions: list[ActorMention] = list(doc._.actor_mentions or [])
        covered = {i for m in mentions for i in range(m.start, m.end)}
        sent_starts = [s.start for s in doc.sents]
        links: dict[int, ActorMention] = {}
        for mention in mentions:
            if mention.kind == "description":
                antecedent = self._for_description(doc, mention, mentions, sent_starts, on)
                if antecedent is not None:
                    links[id(mention)] = antecedent
        pronouns: list[ActorMention] = []
        for match_id, start, _ in self.matcher(doc):
            if start in covered:
                continue
            antecedent = (reported_it(doc, start, mentions) if match_id == self.it_rule
                          else self._for_pronoun(doc, start, mentions, sent_starts))
            if antecedent is not None:
                pronouns.append(_copy(doc, start, start + 1, antecedent))
                links[id(pronouns[-1])] = antecedent
        mentions = sorted(mentions + pronouns, key=lambda m: m.start)
        _possessed_agents(mentions)  # before _localise: "his government" is his country's
        _qualified_agents(doc, mentions)  # "officers from Kenya" are Kenya's
        _appositive_agents(doc, mentions)  # "the Houthis, an Iran-backed rebel group"
        _international_offices(doc, mentions)  # "X, the UN relief coordinator"
        _definite_agents(doc, mentions, sent_starts)  # "the militants": the ones named before
        self._localise(doc, mentions, on, sent_starts)
        for pronoun in pronouns:  # antecedents may just have been localised
            _adopt(pronoun, links[id(pronoun)])
        doc._.actor_mentions = _reindex(mentions, links)
        return doc

    def _localise(self, doc: Doc, mentions: list[ActorMention], on: date | None, sent_starts: list[int]) -> None:
        """Unqualified domestic agents and titles ("police said", "President Avril", "the
        president") belong to the country the story is set in (news convention: a title or
        agent without a nationality is the home country's); bare titles become its office
        holder on the date. Not a named stranger beside a person the sentence calls that
        country's ("President X welcomed South African leader Y": X is someone else's)."""
        home = setting_country(mentions)
        if home is None:
            return
        covered = {i for m in mentions for i in range(m.start, m.end)}
        for m in mentions:
            if (m.country is not None or m.sector not in _DOMESTIC or m.kind not in _LOCALISED
                    or m.code != m.sector):  # "UN troops", "Latin American leaders" stay theirs
                continue
            if any(c.dep_ == "poss" and c.pos_ == "NOUN" and c.i not in covered
                   for c in doc[m.start:m.end].root.children):
                continue  # "the bloc's foreign policy chief" is the bloc's, not the home country's
            if m.kind == "person" and m.name and any(
                    o.kind == "person" and o.country == home and self._qualified(o)
                    and bisect_right(sent_starts, o.start) == bisect_right(sent_starts, m.start)
                    for o in mentions):
                continue
            holder = None
            if m.kind == "description" and m.name is None:
                office = self.kb.roles.get(m.text.lower())
                holder = self.kb.office_holder(home, office, on) if office else None
            m.country, m.code, m.localised = home, home + m.sector, True
            if holder is not None:
                m.name = holder.name
                m.code, m.sector = holder.code_at(on)

    def _qualified(self, mention: ActorMention) -> bool:
        """Whether a mention names its country ("South African leader F.W. de Klerk"): a text
        says so of a person foreign to someone else in the sentence."""
        country = self.kb.country(mention.country)
        text = mention.text.lower()
        return country is not None and any(
            word.lower() in text for word in (country.name, *country.aliases, *country.demonyms))

    def _gender(self, mention: ActorMention) -> str | None:
        person = self.kb.person(mention.name) if mention.name else None
        return person.gender if person else None

    def _compatible(self, want: str, mention: ActorMention) -> bool:
        if mention.kind == "pronoun":
            return False
        if want == "group":
            return mention.kind in _GROUP_KINDS
        is_person = mention.kind == "person" or (mention.kind == "description" and mention.name)
        return bool(is_person) and self._gender(mention) in (want, None)

    def _for_pronoun(self, doc: Doc, start: int, mentions: list[ActorMention],
                     sent_starts: list[int]) -> ActorMention | None:
        token = doc[start]
        want = PRONOUNS[token.lower_]
        candidates = [m for m in mentions if m.end <= start and self._compatible(want, m)]
        if token.lower_ in _OBJECT_FORMS or (token.lower_ == "her" and token.dep_ != "poss"):
            # An object pronoun rarely means its own sentence's subject ("Petro challenged
            # Trump, daring him"): there, take the closest non-subject when there is one.
            sent = token.sent
            local = [m for m in candidates if m.start >= sent.start
                     and doc[m.start:m.end].root.dep_ not in SUBJECT_DEPS]
            if local:
                return local[-1]
        return _most_salient(doc, start, candidates, sent_starts)

    def _for_description(self, doc: Doc, mention: ActorMention, mentions: list[ActorMention],
                         sent_starts: list[int], on: date | None) -> ActorMention | None:
        """Named descriptions link to the last mention of that person; bare titles ("the
        president") to the nearest person holding that office on the date, and take their code."""
        earlier = [m for m in mentions if m.end <= mention.start and m.kind in ("person", "description")]
        if mention.name:
            same = [m for m in earlier if m.name == mention.name]
            return same[-1] if same else None
        if mention.country is not None:  # "the Kenyan president" the KB does not know
            return None
        office = self.kb.roles.get(mention.text.lower())
        holders = [m for m in earlier if m.name and _holds(self.kb.person(m.name), office, on)]
        antecedent = _most_salient(doc, mention.start, holders, sent_starts)
        if antecedent is not None:
            _adopt(mention, antecedent)
        return antecedent


def reported_it(doc: Doc, start: int, mentions: list[ActorMention]) -> ActorMention | None:
    """The state or organisation whose statement or decision "it" is the subject of: "it" heads
    a clause complement ("said it would", "announced it had") of a verb whose subject is that
    group; None otherwise (expletive "it is likely")."""
    clause = doc[start].head
    if clause.dep_ != "ccomp":
        return None
    for subj in (c for c in clause.head.children if c.dep_ in SUBJECT_DEPS):
        found = [m for m in mentions if m.start <= subj.i < m.end
                 and (m.kind in ("state", "igo") or (m.kind == "agent" and m.code))]
        if found:
            return found[0]
    return None


def setting_country(mentions: list[ActorMention]) -> str | None:
    """The country an article is about: the most often named one (ties: the first named).
    (Requiring a clear margin over the next country was tried: leaving agents uncoded in
    two-country stories lost more right events than it saved wrong ones on the dev set.)"""
    named = [m.country for m in mentions if m.country and m.kind != "pronoun"]
    if not named:
        return None
    counts = Counter(named)
    return max(counts, key=lambda c: (counts[c], -named.index(c)))


def _holds(person: Person | None, office: str | None, on: date | None) -> bool:
    """Whether ``person`` holds ``office`` on the date ("leader": any government office)."""
    term = person.term_at(on) if person else None
    return term is not None and (term.office == office or (office == "leader" and term.sector == "GOV"))


def _most_salient(doc: Doc, start: int, candidates: list[ActorMention],
                  sent_starts: list[int]) -> ActorMention | None:
    """Nearest sentence with a candidate (within WINDOW); there its subject, else the closest."""
    here = bisect_right(sent_starts, start) - 1
    by_sentence: dict[int, list[ActorMention]] = {}
    for m in candidates:
        sent = bisect_right(sent_starts, m.start) - 1
        if here - sent <= WINDOW:
            by_sentence.setdefault(sent, []).append(m)
    if not by_sentence:
        return None
    nearest = by_sentence[max(by_sentence)]
    subjects = [m for m in nearest if doc[m.start:m.end].root.dep_ in SUBJECT_DEPS]
    return (subjects or nearest)[-1]


def _copy(doc: Doc, start: int, end: int, antecedent: ActorMention) -> ActorMention:
    """A pronoun mention carrying its antecedent's identity."""
    span = doc[start:end]
    pronoun = ActorMention(start, end, span.start_char, span.end_char, span.text, kind="pronoun")
    _adopt(pronoun, antecedent)
    return pronoun


def _adopt(mention: ActorMention, antecedent: ActorMention) -> None:
    """Give ``mention`` the identity (name, country, code, sector) of its antecedent."""
    for attr in ("name", "country", "code", "sector"):
        setattr(mention, attr, getattr(antecedent, attr))


def _possessed_agents(mentions: list[ActorMention]) -> None:
    """"his government" -> the government of his country: a resolved possessive pronoun gives
    the generic agent right after it the pronoun's country."""
    for pronoun, agent in pairwise(mentions):
        if (pronoun.kind == "pronoun" and pronoun.text.lower() in _POSSESSIVES and pronoun.code
                and agent.kind == "agent" and agent.country is None and agent.start - pronoun.end <= 2):
            agent.country = pronoun.country
            agent.code = pronoun.country + (agent.sector or "") if pronoun.country else pronoun.code


def _qualified_agents(doc: Doc, mentions: list[ActorMention]) -> None:
    """A generic agent with a "from"/"of" country, or a group of one, after it ("police officers
    from Kenya", "delegations of Armenia", "doctors from two American aid groups") belongs to that
    country, not to the story's home country; so does a titled person "of" a country ("King
    Hassan of Morocco")."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if m.kind not in ("agent", "person") or m.country is not None:
            continue
        root = doc[m.start:m.end].root
        preps = ("from", "of", "in") if m.kind == "agent" else ("of",)
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in preps):
            owner = next((by_token[g.i] for g in prep.children
                          if g.dep_ == "pobj" and g.i in by_token), None)
            if owner is not None and owner.kind in ("state", "agent") and owner.country:
                m.country = owner.country
                m.code = owner.country + (m.sector or "")
                break


def _appositive_agents(doc: Doc, mentions: list[ActorMention]) -> None:
    """A generic agent in apposition to a named actor describes it ("the Houthis, an
    Iranian-backed rebel group, ..."): it takes that actor's identity; so does a bare title
    followed by the name of the person holding it."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if m.kind == "description" and m.country is None:
            # "the bloc's foreign policy chief, Kaja Kallas": the title is the person named
            person = next((by_token[c.i] for c in doc[m.start:m.end].root.children
                           if c.dep_ == "appos" and c.i in by_token), None)
            if person is not None and person.kind == "person" and person.code:
                _adopt(m, person)
        if m.kind not in ("agent", "person") or m.country is not None:
            continue
        root = doc[m.start:m.end].root
        probe = root if root.dep_ == "appos" else None
        while probe is None and root.head is not root and root.dep_ in ("compound", "amod"):
            root = root.head
            probe = root if root.dep_ == "appos" else None
        named = by_token.get(probe.head.i) if probe is not None else None
        if named is not None and named is not m and named.kind != "pronoun" and named.code \
                and not (m.code and named.country is None):  # a coded person keeps their code
            _adopt(m, named)


def _international_offices(doc: Doc, mentions: list[ActorMention]) -> None:
    """A person in apposition to an office of an international body ("Kenzo Oshima, the United
    Nations relief coordinator", "Rafael Grossi, the head of the IAEA") acts for that body, not
    for the country the knowledge base gives the person: the text's role wins."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if m.kind != "person":
            continue
        for office in (c for c in doc[m.end - 1].children if c.dep_ == "appos"):
            near = [c for c in office.children if c.dep_ in ("compound", "poss", "nmod")]
            near += [g for p in office.children if p.dep_ == "prep" and p.lower_ == "of"
                     for g in p.children if g.dep_ == "pobj"]
            body = next((by_token[t.i] for t in near if t.i in by_token
                         and by_token[t.i].kind == "igo"), None)
            if body is not None and body.code:
                m.country, m.code, m.sector = None, body.code, body.sector
                break


def _definite_agents(doc: Doc, mentions: list[ActorMention], sent_starts: list[int]) -> None:
    """A definite generic agent with no qualifier ("the militants", "the rebels") means the
    actor of that sector the article named last (within the pronoun window), not an agent of
    the story's home country."""
    for i, m in enumerate(mentions):
        if m.kind != "agent" or m.country is not None or not m.sector or m.start == 0 \
                or doc[m.start - 1].lower_ != "the":
            continue
        earlier = [e for e in mentions[:i] if e.sector == m.sector and e.country
                   and e.kind != "pronoun"]
        antecedent = _most_salient(doc, m.start, earlier, sent_starts)
        if antecedent is not None:  # its country and code; a person's name is not the group's
            m.country, m.code = antecedent.country, antecedent.code
            if antecedent.kind == "agent":
                m.name = antecedent.name


def _reindex(mentions: list[ActorMention], links: dict[int, ActorMention]) -> list[ActorMention]:
    """Set ``resolved_from`` to list indices after sorting (links are kept by identity)."""
    index = {id(m): i for i, m in enumerate(mentions)}
    for m in mentions:
        if id(m) in links:
            m.resolved_from = index[id(links[id(m)])]
    return mentions
