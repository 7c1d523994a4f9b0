"""Which lexicon row a trigger word takes: the conditions of ``verbs.tsv`` / ``nouns.tsv`` rows.

A lemma has several rows, most specific first ("call" + "for" is a demand, bare "call" a
consultation); a row holds when every condition it names (particle, preposition and its object,
object class, infinitive complement, modifier, negation) holds in the parse. Kept apart from the
event coder so the data format of the lexicon is interpreted in one place.
"""
from __future__ import annotations

from collections.abc import Container, Iterable

from spacy.tokens import Token

from flashpoint.nlp.lexicon import LexEntry
from flashpoint.nlp.modality import is_negated


def matches(token: Token, entry: LexEntry) -> tuple[bool, Token | None]:
    """Whether ``entry``'s conditions hold at ``token``; also the preposition it named."""
    prep_tok: Token | None = None
    for key, values in entry.conditions:
        words = values or frozenset()  # what "prt", "prep" and "mod" name (never none of them)
        if key == "prt":
            ok = any(c.dep_ == "prt" and c.lower_ in words for c in token.children)
        elif key == "prep":
            preps = [c for c in token.children if c.dep_ in ("prep", "dative", "agent", "mark")
                     and c.lower_ in words]
            ok = bool(preps)
            prep_tok = preps[0] if preps else None
        elif key == "pobj":
            ok = prep_tok is not None and any(
                head_in(c, values) for c in prep_tok.children
                if c.dep_ in ("pobj", "pcomp", "amod", "acomp"))
        elif key == "obj":
            objs = objects(token)
            ok = bool(objs) if values is None else any(head_in(o, values) for o in objs)
        elif key == "xcomp":
            ok = any(head_in(c, values) or any(head_in(o, values) for o in objects(c))
                     for c in token.children if c.dep_ in ("xcomp", "ccomp"))
        elif key == "mod":
            mods = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
            ok = any(m.lemma_.lower() in words or m.lower_ in words
                     for mod in mods for m in (mod, *mod.conjuncts))
        elif key == "subj":
            subj = subject_of(token)
            ok = subj is not None and head_in(subj, values)
        elif key == "objtype":  # only "person": the object is somebody, not something
            ok = any(_is_person(o) for o in objects(token))
        elif key == "neg":
            ok = is_negated(token)
        elif key == "ccomp":  # with words: what the reported clause calls its subject
            ok = any(c.dep_ == "ccomp" and (values is None or _predicate_in(c, values))
                     for c in token.children)
        elif key == "oprd":
            ok = any(c.dep_ in ("oprd", "ccomp") and c.pos_ in ("NOUN", "ADJ") and head_in(c, values)
                     for c in token.children)
        else:
            ok = False
        if not ok:
            return False, None
    return True, prep_tok


#: Heads that only count what their "of" phrase names ("thousands of protesters").
QUANTITY_HEADS = frozenset({"thousand", "hundred", "dozen", "million", "score", "number", "group",
                            "crowd", "hundreds", "thousands", "dozens", "scores", "millions",
                            # measures and lots: "700 kg of medicine", "a shipment of arms"
                            "ton", "tonne", "kg", "kilogram", "kilo", "barrel", "litre", "liter",
                            "shipment", "consignment", "batch", "load", "amount", "package",
                            "contingent", "detachment"})
#: Heads that stand for the event or condition their "of" phrase names: "a wave of strikes",
#: "a new round of talks", "a state of emergency".
SERIES_HEADS = frozenset({"series", "wave", "round", "spate", "string", "barrage", "volley", "salvo",
                          "flurry", "state"})
#: Spans of time that stand for what they are of when counted ("three days of drills", not
#: "the day of the attack").
DURATION_HEADS = frozenset({"day", "night", "week", "month", "hour"})
_CONTAINER_HEADS = SERIES_HEADS | QUANTITY_HEADS


def content_noun(token: Token) -> Token:
    """What a noun phrase is about: the "of" object of a series or quantity head ("a wave of
    strikes": strikes) or of a counted span of time, else the noun itself."""
    lemma = token.lemma_.lower()
    if lemma not in _CONTAINER_HEADS and not (lemma in DURATION_HEADS and any(
            c.dep_ == "nummod" or c.lower_ in ("several", "few") for c in token.children)):
        return token
    inner = next((g for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                  for g in p.children if g.dep_ == "pobj"), None)
    return token if inner is None else content_noun(inner)


def _predicate_in(clause: Token, values: frozenset[str]) -> bool:
    """Whether a copular clause says its subject is one of ``values`` ("the sanctions were
    illegal", "the strike was a crime")."""
    if clause.lemma_ != "be":
        return False
    return any(c.dep_ in ("acomp", "attr") and head_in(c, values) for c in clause.children)


def head_in(token: Token, values: frozenset[str] | None) -> bool:
    """Whether a phrase headed by ``token`` is of a lexicon class (its head or a modifier, or
    what a quantity or series head counts: "thousands of protesters", "a wave of strikes")."""
    if values is None:
        return True
    if token.lemma_.lower() in values or token.lower_ in values or any(
            c.dep_ in ("compound", "amod") and c.lemma_.lower() in values for c in token.children):
        return True
    if "dollar" in values and any(c.tag_ == "$" for c in token.children):
        return True  # "$50 million" is money whatever the currency sign
    inner = content_noun(token)
    return inner is not token and head_in(inner, values)


#: Nouns that name people (released, detained, expelled ... only people are).
PERSON_NOUNS = frozenset({
    "people", "person", "man", "men", "woman", "women", "child", "children", "civilian", "citizen",
    "national", "hostage", "prisoner", "detainee", "captive", "activist", "journalist", "dissident",
    "soldier", "officer", "official", "worker", "student", "protester", "demonstrator", "leader",
    "member", "opponent", "suspect", "diplomat", "envoy", "ambassador", "fighter", "militant",
    "rebel", "crew", "sailor", "fisherman", "migrant", "refugee", "tourist",
})


def _is_person(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "NORP", "GPE", "ORG") or \
        token.lemma_.lower() in PERSON_NOUNS or token.lower_ in PERSON_NOUNS


def subject_of(token: Token) -> Token | None:
    """The active subject of a verb, or of the verb it is coordinated with."""
    for probe in (token, token.head if token.dep_ == "conj" else token):
        subj = next((c for c in probe.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
    return None


def objects(token: Token) -> list[Token]:
    """Direct objects of a verb (the passive subject counts as its object)."""
    objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    return [o for obj in objs for o in (obj, *obj.conjuncts)]


def best_entry(token: Token, entries: Iterable[LexEntry]) -> tuple[LexEntry | None, Token | None]:
    """The first (most specific) row of ``entries`` that holds at ``token``, and its preposition."""
    for entry in entries:  # sorted most specific first
        ok, prep = matches(token, entry)
        if ok:
            return entry, prep
    return None, None



#: Regular inflections by tag, undone when the tagger's lemma is not a lexicon verb ("staged"
#: lemmatised as "stag"): the word minus each suffix, plus each ending.
_INFLECTIONS = {"VBD": (("d", ""), ("ed", ""), ("ied", "y")), "VBN": (("d", ""), ("ed", ""), ("ied", "y")),
                "VBZ": (("s", ""), ("es", ""), ("ies", "y")), "VBG": (("ing", "e"), ("ing", ""))}


def verb_lemma(token: Token, known: Container[str]) -> str:
    """The lexicon lemma of a verb: the tagger's lemma, else a regular base form of the word that
    the lexicon knows (a wrong lemma would silently lose the event)."""
    lemma = token.lemma_.lower()
    if lemma in known:
        return lemma
    word = token.lower_
    for suffix, ending in _INFLECTIONS.get(token.tag_, ()):
        if word.endswith(suffix) and word[:-len(suffix)] + ending in known:
            return word[:-len(suffix)] + ending
    return lemma
