"""Who is speaking: the words naming a speaker near a quote, and the name they stand for.

A speaker record (schemas/quote.schema.json) keeps the two apart. ``text``/``start``/``end``
are the words near the quote ("he", "the minister", "Gen Burhan", "the PCG", "hundreds of
protesters"); ``name`` is the speaker as the article names them, resolved as a reader would:

- a name in its fullest form in the article (:mod:`speaker_names`): titles dropped, a short
  form completed from an earlier full name, an acronym spelled out where the article defines it;
- a description with a name in apposition takes it ("the minister, John Carter,");
- a pronoun takes the nearest compatible antecedent before what the speaker is reported to
  say: he/she a person of that gender (or of unknown gender), it a singular organisation or
  state, they a plural, else a group; in the nearest sentence holding one, its main subject
  is preferred, and every speaker already attributed counts as one where it was named, so a
  quote sequence keeps its last speaker;
- a definite role noun ("the minister", "the party") takes the nearest earlier proper name
  described by the same noun ("Foreign Minister Badr al-Busaidi", "the Coalition for Change
  party");
- any other speaker is named by its noun phrase, with an "of" complement and coordinated
  phrases ("leaders of the three Sahel nations", "Iran and the US").

Words that cannot speak are no speaker: a dateline ("ABOARD AIR FORCE ONE (AP) —"), a
demonstrative caption subject ("This combination of pictures shows"), the words said
themselves ("The remarks"). The KB identity (country, code, sector) comes from the actor
mention of the words or of their antecedent; the KB's canonical name is not used as the name,
since the article's own form is what a reader looks for.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy
from spacy.tokens import Doc, Span, Token

from flashpoint.kb import KnowledgeBase
from flashpoint.nlp.doc_index import DocIndex
from flashpoint.nlp.mentions import SUBJECT_DEPS, ActorMention
from flashpoint.nlp.speaker_names import NAME_PARTICLES as _NAME_PARTICLES
from flashpoint.nlp.speaker_names import NameBook, clean_name, proper_name, title_words
from flashpoint.records import Actor, actor

_MODIFIER_DEPS = frozenset({"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod"})
_PRONOUNS = {"he": "he", "him": "he", "she": "she", "her": "she", "it": "it", "they": "they",
             "them": "they"}
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_SPEAKING_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET"})
_DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})
_DEFINITE = frozenset({"the", "this", "that"})
#: Nouns for what is said, never the one saying it ("The remarks came as talks resumed").
_UTTERANCE_NOUNS = frozenset({"remark", "comment", "word", "quote", "quotation", "phrase", "slogan"})
_PERSON_KINDS = frozenset({"person", "description"})
#: Generic nouns for an organisation, which news uses for the one just named ("Hamas said
#: ... The group added").
_ORGANISATION_NOUNS = frozenset({"group", "movement", "organisation", "organization", "militia",
                                 "company", "firm", "agency", "alliance", "bloc", "coalition",
                                 "body", "faction", "network", "union", "outfit"})
#: How deep "of" complements and coordinations are followed into a speaker's phrase.
_PHRASE_DEPTH = 3
#: How many earlier referents a pronoun or role noun is compared with (bounds the work).
_LOOKBACK = 80


@dataclass(frozen=True)
class Referent:
    """A noun phrase a later pronoun or role noun may stand for (or a speaker's own)."""

    start: int
    sentence: int
    name: str
    #: True for a person, False for a group (organisation, state, agency), None when unknown.
    person: bool | None
    plural: bool
    #: 2 for a main clause's subject or an attributed speaker, 1 for another subject, 0 else.
    salience: int
    gender: str | None
    #: Lower-case words and lemmas of the phrase and its apposition ("minister", "party").
    words: frozenset[str]
    #: Named by a proper name (an entity), not only described.
    proper: bool
    mention: ActorMention | None


def _speaker(name: str | None, text: str, start: int, end: int, mention: ActorMention | None) -> Actor:
    """A speaker record: the words ``text`` at ``start:end`` naming ``name``, with the KB
    identity (country, code and sector) of its actor mention when the KB names that actor.
    Generic agents ("Iraqi police", "the embassy") keep none for now: the event coder takes a
    quote's speaker as the source of a sourceless event inside the quote (the speaker-as-actor
    error of issue 8), and agent identities there create such events."""
    if mention is None or mention.name is None:
        return actor(name, text, start, end)
    return actor(name, text, start, end, mention.country, mention.code, mention.sector)


class Speakers:
    """Speaker lookups for one Doc; the referent list is built once, on first need."""

    def __init__(self, doc: Doc, text: str, index: DocIndex,
                 inside_quote: Callable[[int], bool], kb: KnowledgeBase) -> None:
        self.doc = doc
        self.text = text  # doc.text, passed in: Doc.text rebuilds the string on every access
        self.index = index
        self.inside_quote = inside_quote
        self.kb = kb
        #: words dropped from the front of a person's name as titles ("Gen", "Foreign Minister")
        self.titles = title_words(kb)
        self._mention_at: dict[int, ActorMention] = {}
        for mention in doc._.actor_mentions or []:
            for i in range(mention.start, mention.end):
                self._mention_at.setdefault(i, mention)
        self._names = [ent for ent in doc.ents if ent.label_ in _NAME_LABELS]  # doc.ents builds Spans
        self._ent_at = {i: ent for ent in self._names for i in range(ent.start, ent.end)}
        self.names = NameBook(text)
        for ent in self._names:
            if ent.label_ == "PERSON":
                self.names.add_person(ent.start_char, proper_name(ent.text, self.titles)[0])
        self._referents: list[Referent] | None = None
        self._starts: list[int] = []
        #: What each speaker made by from_token resolved to, for note().
        self._resolved: dict[tuple[int, int], Referent] = {}

    # -- public -----------------------------------------------------------------------------
    def from_token(self, token: Token, before: int | None = None) -> Actor | None:
        """The speaker named by ``token`` (usually the head of a subject), or None when those
        words cannot speak. Pronouns and role nouns resolve to antecedents before ``before``
        (where the reported words start) as well as before the token itself: the speaker is
        not someone inside what they say."""
        if not self._can_speak(token):
            return None
        self._build()
        phrase = self._phrase(token)
        own = self._describe(token, phrase)
        limit = min(token.idx, before) if before is not None else token.idx
        antecedent = None
        if token.lower_ in _PRONOUNS:
            antecedent = self._antecedent(_PRONOUNS[token.lower_], limit, own.sentence)
        elif self._is_role_noun(token):
            antecedent = self._role_antecedent(token, limit, own.sentence)
        resolved = own if antecedent is None else replace(
            antecedent, start=own.start, sentence=own.sentence, salience=2)
        # An antecedent brings its own identity (or none): coreference may have given the
        # pronoun another actor's.
        mention = antecedent.mention if antecedent else own.mention
        self._resolved[(phrase.start_char, phrase.end_char)] = resolved
        return _speaker(resolved.name, phrase.text, phrase.start_char, phrase.end_char, mention)

    def from_chars(self, name: str, start: int, end: int, text: str | None = None) -> Actor:
        """A speaker named outside the parse (an embedded post's signature line, a transcript
        label), in ``text`` (default: the name itself)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        mention = self._mention_at.get(span.root.i) if span is not None and len(span) else None
        return _speaker(name, name if text is None else text, start, end, mention)

    def note(self, speaker: Actor) -> None:
        """Remember an attributed speaker where it was named: a later "he said" in the same
        quote sequence resolves to it."""
        name, start, end = speaker["name"], speaker["start"], speaker["end"]
        if not name or start is None or end is None or name.lower() in _PRONOUNS:
            return
        self._build()
        referent = self._resolved.get((start, end))
        if referent is None:
            sentence = self.index.sentence_number(self.index.token_at(start).i)
            referent = Referent(start, sentence, name, None, False, 2, None,
                                frozenset(name.lower().split()), True, None)
        assert self._referents is not None
        k = bisect_left(self._starts, referent.start)
        self._starts.insert(k, referent.start)
        self._referents.insert(k, referent)

    def is_actor(self, token: Token) -> bool:
        """Whether ``token`` names someone who can say things: a KB actor, a named entity or
        a personal pronoun (not "a campaign", "T-shirts")."""
        return token.i in self._mention_at or token.i in self._ent_at or token.lower_ in _PRONOUNS

    # -- the words ---------------------------------------------------------------------------
    def _can_speak(self, token: Token) -> bool:
        """Whether ``token`` can name a speaker at all (see the module docstring)."""
        if token.pos_ not in _SPEAKING_POS or self.index.in_dateline(token.idx):
            return False
        if token.lower_ == "it" and token.head.lemma_ == "be":
            return False  # "it is crucial to note that ...": no one
        if token.pos_ == "NOUN" and token.lemma_.lower() in _UTTERANCE_NOUNS:
            return False
        return not (token.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in token.lefts))

    def _phrase(self, token: Token, coordinated: bool = True) -> Span:
        """The words naming the speaker: the entity or noun phrase of ``token``, with an "of"
        complement of a common noun and (when ``coordinated``) coordinated phrases."""
        ent = self._ent_at.get(token.i)
        start = min((c.left_edge.i for c in token.lefts if c.dep_ in _MODIFIER_DEPS), default=token.i)
        if ent is not None:
            start = min(start, ent.start)
        end = max(self._phrase_end(token, coordinated), ent.end if ent is not None else 0)
        while end - 1 > start and (self.doc[end - 1].is_punct or self.doc[end - 1].is_space):
            end -= 1
        return self.doc[start:end]

    def _phrase_end(self, token: Token, coordinated: bool, depth: int = 0) -> int:
        end = token.i + 1
        if depth > _PHRASE_DEPTH:
            return end
        for child in token.rights:
            if child.dep_ == "conj" and coordinated:
                end = max(end, self._phrase_end(child, coordinated, depth + 1))
            elif child.dep_ == "prep" and child.lower_ == "of" and token.pos_ != "PROPN":
                for obj in (c for c in child.rights if c.dep_ == "pobj"):
                    end = max(end, self._phrase_end(obj, coordinated, depth + 1))
        return end

    def _describe(self, token: Token, phrase: Span) -> Referent:
        """The referent the words of ``phrase`` (headed by ``token``) name themselves."""
        salience, sentence = self._salience(token), self.index.sentence_number(token.i)
        coordinated = phrase.end > self._phrase(token, False).end
        mention = self._mention_at.get(token.i)
        ent = self._ent_at.get(token.i) or self._compound_org(token)
        if (mention is not None and ent is not None and ent.label_ == "PERSON"
                and mention.kind not in _PERSON_KINDS and len(ent) > mention.end - mention.start):
            mention = None  # "Therese Kayikwamba Wagner" is no namesake organisation "Wagner"
        words = {w for t in phrase for w in (t.lower_, t.lemma_.lower())}
        after = phrase.end < len(self.doc) and self.doc[phrase.end]
        if after and after.pos_ == "NOUN":  # "the Coalition for Change party"
            words.add(after.lemma_.lower())
        appos = next((c for c in token.rights if c.dep_ == "appos" and c.i in self._ent_at), None)
        if appos is not None:
            words |= {w for t in self._phrase(appos) for w in (t.lower_, t.lemma_.lower())}
            if ent is None or ent.label_ != "PERSON" and self._ent_at[appos.i].label_ == "PERSON":
                token, ent = appos, self._ent_at[appos.i]  # "the minister, John Carter,"
                mention = self._mention_at.get(appos.i) or mention
        person = None if coordinated else self._is_person(token, ent, mention)
        gender = None
        if coordinated:  # "Iran and the US", "the Mali, Burkina Faso and Niger military regimes"
            name = clean_name(phrase.text)
        elif ent is not None or token.pos_ == "PROPN" and _capitalised(phrase):
            name, gender = self._proper_name(ent.text if ent is not None else phrase.text,
                                             person, phrase.start_char)
        else:
            name = clean_name(phrase.text)
        if gender is None and mention is not None and mention.name:
            known = self.kb.person(mention.name)
            gender = known.gender if known else None
        plural = coordinated or token.tag_ in ("NNS", "NNPS")
        return Referent(phrase.start_char, sentence, name, person, plural, salience, gender,
                        frozenset(words), ent is not None, mention)

    def _proper_name(self, written: str, person: bool | None, start: int) -> tuple[str, str | None]:
        """A name in its fullest form: an acronym spelled out, a person's short form completed
        (titles dropped only for a known person: "Defence Ministry" is no "Ministry")."""
        name, gender = proper_name(written, self.titles if person is True else frozenset())
        acronym = self.names.acronym(name)
        if acronym:
            return acronym, gender
        if person is not False:
            untitled = proper_name(written, self.titles)[0]
            full = self.names.full_person_name(untitled, start)
            if full != untitled or person:
                return full, gender
        return name, gender

    def _salience(self, token: Token) -> int:
        """2 for the subject of the sentence's main verb (or of a verb coordinated with it),
        1 for another subject, 0 for anything else."""
        if token.dep_ not in SUBJECT_DEPS:
            return 0
        verb = token.head
        while verb.dep_ == "conj" and verb.head is not verb:
            verb = verb.head
        return 2 if verb == self.index.sentence_root(token) else 1

    def _is_person(self, token: Token, ent: Span | None, mention: ActorMention | None) -> bool | None:
        """Person (a KB person or title, a PERSON entity), group (another KB actor or entity),
        or unknown ("a spokesman", "villagers"); the KB first, as it knows who is who."""
        if mention is not None and mention.kind == "agent":  # "police": a group; "a spokesman": ?
            return False if token.tag_ in ("NNS", "NNPS") else None
        if mention is not None:
            return mention.kind in _PERSON_KINDS
        if ent is not None:
            return ent.label_ == "PERSON"
        return True if token.lemma_.lower() in self.kb.role_words else None

    def _compound_org(self, token: Token) -> Span | None:
        """"the opposition Coalition for Change party": the organisation a generic noun heads."""
        for child in token.lefts:
            ent = self._ent_at.get(child.i)
            if child.dep_ == "compound" and ent is not None and ent.label_ == "ORG":
                return ent
        return None

    def _is_role_noun(self, token: Token) -> bool:
        """"the minister", "the party": a singular definite description with no name of its own."""
        return (token.pos_ == "NOUN" and token.tag_ == "NN" and token.i not in self._ent_at
                and any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.lefts)
                and self._compound_org(token) is None)

    # -- antecedents -------------------------------------------------------------------------
    def _build(self) -> None:
        """Referents in text order: every named entity heading its phrase, and every subject
        an actor mention or office noun shows to be an actor; none inside quotes or headings."""
        if self._referents is not None:
            return
        referents = []
        for token in self._referent_heads():
            if token.dep_ in ("compound", "amod"):
                continue
            if self.inside_quote(token.idx) or self.index.heading(token.idx):
                continue
            named = token.i in self._ent_at and self._ent_at[token.i].root == token
            actor = token.dep_ in SUBJECT_DEPS and (
                token.i in self._mention_at or token.lemma_.lower() in self.kb.role_words
                or self._compound_org(token) is not None)
            if (named or actor) and self._can_speak(token):
                # A coordination is a referent ("they") and so is its first member ("she").
                phrases = {self._phrase(token, False), self._phrase(token)}
                for phrase in sorted(phrases, key=len):
                    referent = self._describe(token, phrase)
                    referents.append(referent)
                    if referent.person and referent.proper:
                        self.names.add_person(referent.start, referent.name)
        self._referents = referents
        self._starts = [r.start for r in referents]

    def _referent_heads(self) -> list[Token]:
        """Entity roots and nominal subjects, in text order (found on arrays: making a Token
        of every word of a long article costs more than all the rest)."""
        pos_dep = self.doc.to_array(["POS", "DEP"]).reshape(-1, 2)
        strings = self.doc.vocab.strings  # a symbol's name gives its id ("NOUN" -> NOUN)
        subjects = [strings[dep] for dep in SUBJECT_DEPS]
        nominal = numpy.isin(pos_dep[:, 0], [strings["NOUN"], strings["PROPN"]]) \
            & numpy.isin(pos_dep[:, 1], subjects)
        heads = {int(i) for i in numpy.flatnonzero(nominal)}
        heads.update(ent.root.i for ent in self._names)
        return [self.doc[i] for i in sorted(heads)]

    def _candidates(self, limit: int) -> list[Referent]:
        """The referents before character ``limit``, nearest first (at most _LOOKBACK)."""
        assert self._referents is not None
        k = bisect_left(self._starts, limit)
        return self._referents[max(0, k - _LOOKBACK):k][::-1]

    def _antecedent(self, pronoun: str, limit: int, sentence: int) -> Referent | None:
        """Nearest sentence with a compatible referent; there the most salient one (the main
        subject, else a subject, else the last). In the pronoun's own sentence only a main
        subject or a speaker counts ("Vucic said after Vucevic resigned that ... He": not
        Vucevic; 'Kenya "regrets ...," it said': not Kenya). "they" tries plurals, then groups."""
        for fits in _FITS[pronoun]:
            best: Referent | None = None
            for referent in self._candidates(limit):
                if not fits(referent) or referent.sentence == sentence and referent.salience < 2:
                    continue
                if best is None:
                    best = referent
                elif referent.sentence != best.sentence:
                    break
                elif referent.salience > best.salience:
                    best = referent
            if best is not None:
                return best
        return None

    def _role_antecedent(self, token: Token, limit: int, sentence: int) -> Referent | None:
        """The nearest earlier proper name described by the same noun; for a generic
        organisation noun ("the group" after "Hamas said"), the organisation "it" would be."""
        noun = token.lemma_.lower()
        described = next((r for r in self._candidates(limit) if r.proper and noun in r.words), None)
        if described is None and noun in _ORGANISATION_NOUNS:
            found = self._antecedent("it", limit, sentence)
            return found if found is not None and found.proper else None
        return described


#: Referents a pronoun may stand for, tried in turn: known persons (or groups) first, then
#: referents of unknown kind ("a spokesman"), then, for a pronoun of the wrong gender (a typo
#: in the article), any person.
_FITS: dict[str, tuple[Callable[[Referent], bool], ...]] = {
    "he": (lambda r: r.person is True and not r.plural and r.gender in ("m", None),
           lambda r: r.person is None and not r.plural,
           lambda r: r.person is True and not r.plural),
    "she": (lambda r: r.person is True and not r.plural and r.gender in ("f", None),
            lambda r: r.person is None and not r.plural,
            lambda r: r.person is True and not r.plural),
    "it": (lambda r: r.person is not True and not r.plural,),
    "they": (lambda r: r.plural, lambda r: r.person is False),
}


def _capitalised(phrase: Span) -> bool:
    """Whether every word of ``phrase`` is capitalised (a name), bar particles and punctuation."""
    return all(t.is_punct or t.text[:1].isupper() or t.lower_ in _NAME_PARTICLES for t in phrase)
