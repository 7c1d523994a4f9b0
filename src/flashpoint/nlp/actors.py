"""flashpoint_actors: find every actor mention (named, titled, generic) from the KB.

Why KB-driven matching and not spaCy's NER labels: the small model calls "Petro" a place and
"Trump" an organisation, and it knows nothing about who held an office when. Two PhraseMatchers
(names case-sensitively, generic agents and titles case-insensitively) find the pieces; a single
left-to-right pass over those few pieces joins qualifiers, titles and names into one mention
("US Secretary of State Marco Rubio", "Colombia's defense minister", "Venezuelan troops") and
codes it for the article's date (``doc._.published``). spaCy PERSON entities the KB does not know
still become person mentions. The output is sorted and non-overlapping.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from flashpoint.kb import KnowledgeBase, Person, load_kb
from flashpoint.kb.phrases import NAME_CATEGORIES, Entry, phrase_table
from flashpoint.nlp.mentions import ActorMention

#: Tokens that may sit between a qualifier and its head: possessive markers.
_POSSESSIVE = {"'s", "’s", "'", "’"}
#: Parts of speech allowed as modifiers between a qualifier and its head ("Colombian political
#: mafias", "former President"), at most ``_MAX_MODIFIERS`` of them.
_MODIFIER_POS = {"ADJ", "NOUN", "PROPN"}
_MAX_MODIFIERS = 2
#: Participles that modify a title like adjectives ("acting president", "ousted leader").
_PARTICIPLES = {"VBG", "VBN"}
#: Piece categories that give a following agent, title or name a country.
_QUALIFIERS = {"country", "demonym", "org", "person", "unknown_person", "seat", "capital"}
_PERSONS = {"person", "unknown_person"}


@dataclass
class Piece:
    """A matched stretch of tokens on its way to becoming a mention (possibly merged)."""

    start: int
    end: int
    category: str
    country: str | None = None
    code: str | None = None
    sector: str | None = None
    name: str | None = None
    office: str | None = None
    person: Person | None = None
    kind: str | None = None
    parts: list[str] = field(default_factory=list)


def _inside_compound(doc: Doc, span: Span) -> bool:
    """A name inside a hyphenated compound ("AU" in "Port-au-Prince", "US" in "US-made" is
    not: the hyphen follows it) is part of another name when a hyphen joins it on the left."""
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.text == "-" and not before.whitespace_ and span.start >= 2 and \
        not doc[span.start - 2].whitespace_


#: Nouns a demonym names a language with, which is no actor ("the Russian language").
_LANGUAGE_NOUNS = frozenset({"language", "dialect", "alphabet"})


def _currency(doc: Doc, span: Span) -> bool:
    """Whether a country name only marks a currency ("US $50 million", "HK$ 3 billion")."""
    return span.end < len(doc) and doc[span.end].text == "$" and span.text.isupper() and len(span.text) <= 3


def _stance(doc: Doc, span: Span) -> bool:
    """Whether "opposition" means disapproval, not the political opposition ("voiced opposition
    to the move", "stated their opposition to concessions")."""
    head = doc[span.end - 1]
    return head.lemma_.lower() == "opposition" and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in head.children)


def article_date(doc: Doc) -> date | None:
    """``doc._.published`` as a plain date (a datetime would not compare with term dates)."""
    published = doc._.published
    return published.date() if isinstance(published, datetime) else published


@Language.factory("flashpoint_actors", default_config={"kb_path": ""},
                  requires=["doc.ents", "token.tag", "token.is_sent_start"],
                  assigns=["doc._.actor_mentions"])
def make_actors(nlp: Language, name: str, kb_path: str) -> ActorFinder:
    """spaCy factory of the actor component; the KB is read from ``kb_path`` ("": packaged)."""
    return ActorFinder(nlp, load_kb(kb_path))


class ActorFinder:
    """The spaCy component: ``doc._.actor_mentions`` from the KB, dated by ``doc._.published``."""

    def __init__(self, nlp: Language, kb: KnowledgeBase) -> None:
        self.kb = kb
        names, words = phrase_table(kb)
        self.entries: dict[str, list[Entry]] = {}
        self.names = self._matcher(nlp, names, "ORTH", "N:")
        self.words = self._matcher(nlp, words, "LOWER", "W:")

    def _matcher(self, nlp: Language, table: dict[str, list[Entry]], attr: str,
                 prefix: str) -> PhraseMatcher:
        matcher = PhraseMatcher(nlp.vocab, attr=attr)
        for form in sorted(table):
            self.entries[prefix + form] = table[form]
            matcher.add(prefix + form, [nlp.make_doc(form)])
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        on = article_date(doc)
        atoms = self._atoms(doc)
        countries = {e.iso3 for span in atoms for e in self._entries(span) if e.iso3}
        pieces = self._compose(doc, atoms, on, countries)
        doc._.actor_mentions = [self._mention(doc, p) for p in self._standalone(doc, pieces, on)]
        return doc

    # -- finding ---------------------------------------------------------------------------
    def _entries(self, span: Span) -> list[Entry]:
        if span.label_.startswith("VESSEL:"):
            iso3, sector = self.kb.vessels[span.label_[7:]]
            return [Entry("vessel", iso3, sector)]
        return self.entries.get(span.label_, [])

    def _atoms(self, doc: Doc) -> list[Span]:
        """Longest non-overlapping KB matches plus spaCy PERSON entities the KB lacks."""
        vocab = doc.vocab.strings
        spans = [Span(doc, s, e, label=vocab[m]) for m, s, e in self.names(doc) + self.words(doc)]
        atoms = [a for a in filter_spans(spans)
                 if not _inside_compound(doc, a) and not _currency(doc, a) and not _stance(doc, a)]
        matched = {i for a in atoms for i in range(a.start, a.end)}
        atoms = [self._namesake(doc, a, matched) for a in atoms]
        named = [a for a in atoms if a.label_ != "PERSON"
                 and self._entries(a)[0].category in NAME_CATEGORIES]
        for ent in (_without_title(e) for e in doc.ents):
            clash = [a for a in named if a.start < ent.end and ent.start < a.end]
            if ent.label_ != "PERSON" or any(
                    self._entries(a)[0].category != "surname" or len(a) >= len(ent) for a in clash):
                continue  # a KB name wins unless it is a bare surname inside a longer name
            start = max([a.end for a in atoms if a.start < ent.end and ent.start < a.end],
                        default=ent.start)
            if (start < ent.end and not doc[ent.end - 1].is_punct
                    and not any(c.isdigit() for c in doc[start:ent.end].text)):  # "F-16s"
                atoms = [a for a in atoms if not (a.start < ent.end and start < a.end)]
                atoms.append(Span(doc, start, ent.end, label="PERSON"))
        vessels = self._vessels(doc)
        atoms = [a for a in atoms if not any(v.start < a.end and a.start < v.end for v in vessels)]
        atoms += vessels
        return sorted(atoms + self._bare_surnames(doc, atoms), key=lambda a: a.start)

    def _vessels(self, doc: Doc) -> list[Span]:
        """Named ships ("USS Carney", "BRP Sierra Madre", "CCG 5901"): a navy or coast-guard
        prefix followed by a capitalised name or a hull number (the model may call them people)."""
        found = []
        for token in doc:
            hull = _HULL_NUMBER.fullmatch(token.text)
            if hull and hull.group(1) in self.kb.vessels:  # "CCG5201", written as one word
                found.append(Span(doc, token.i, token.i + 1, label="VESSEL:" + hull.group(1)))
                continue
            if token.text not in self.kb.vessels:
                continue
            end = token.i + 1
            while end < len(doc) and (doc[end].text[:1].isupper() or doc[end].like_num) \
                    and not doc[end].is_sent_start and end - token.i <= 3:
                end += 1
            if end > token.i + 1:
                found.append(Span(doc, token.i, end, label="VESSEL:" + token.text))
        return found

    def _bare_surnames(self, doc: Doc, atoms: list[Span]) -> list[Span]:
        """Later bare surnames of people named in full ("Sánchez" after "Pedro Sánchez"), which
        neither the KB (ambiguous surname) nor the model may have marked; ``_piece`` links them."""
        people = [a for a in atoms if len(a) > 1 and (a.label_ == "PERSON"
                                                     or self._entries(a)[0].category == "person")]
        # any name after the first may be the one used later ("Kayikwamba" after "Therese
        # Kayikwamba Wagner", "López" after "Andrés Manuel López Obrador")
        surnames = {t.text: a.end for a in people for t in reversed(a[1:]) if t.is_title}
        if not surnames:
            return []
        covered = {i for a in atoms for i in range(a.start, a.end)}
        return [Span(doc, t.i, t.i + 1, label="PERSON") for t in doc
                if t.text in surnames and surnames[t.text] <= t.i and t.i not in covered
                and t.pos_ == "PROPN"]

    def _namesake(self, doc: Doc, atom: Span, matched: set[int]) -> Span:
        """A KB surname right after an unmatched capitalised name ("Iván Márquez") is someone
        else with that surname: an unknown person, not the KB's."""
        before = doc[atom.start - 1] if atom.start > 0 and atom.start - 1 not in matched else None
        if (before is not None and self._entries(atom)[0].category == "surname"
                and before.pos_ == "PROPN" and before.is_title and not before.is_sent_start
                and before.lower_.rstrip(".") not in _TITLE_ABBREVIATIONS):
            return Span(doc, atom.start - 1, atom.end, label="PERSON")
        return atom

    # -- composing -------------------------------------------------------------------------
    def _compose(self, doc: Doc, atoms: list[Span], on: date | None,
                 countries: set[str]) -> list[Piece]:
        out: list[Piece] = []
        seen: dict[str, Piece] = {}
        for atom in atoms:
            piece = self._piece(atom, on, countries, seen)
            if piece is None:
                continue
            if out and self._attaches(doc, out[-1], piece):
                piece = self._merge(out.pop(), piece, on)
            elif out and self._of_country(doc, out[-1], piece):  # "the President of Colombia"
                head = out.pop()
                piece = replace(self._merge(piece, head, on), start=head.start, end=piece.end)
            if piece.category in _PERSONS and piece.name and piece.name.split():
                seen[doc[piece.end - 1].text] = piece
                for surname in piece.name.split()[1:]:
                    seen.setdefault(surname, piece)
            out.append(piece)
        return out

    def _piece(self, atom: Span, on: date | None, countries: set[str],
               seen: dict[str, Piece]) -> Piece | None:
        """Resolve one atom to one meaning (namesakes: by date, then by countries in the text)."""
        if atom.label_ == "PERSON":
            earlier = seen.get(atom.text) if len(atom) == 1 else None
            if earlier:
                return replace(earlier, start=atom.start, end=atom.end, parts=["unknown_person"])
            return Piece(atom.start, atom.end, "unknown_person", name=atom.text,
                         parts=["unknown_person"])
        entries = self._entries(atom)
        first = entries[0]
        if first.category == "vessel":
            return Piece(atom.start, atom.end, "vessel", first.iso3, (first.iso3 or "") + (first.sector or ""),
                         first.sector, atom.text, parts=["vessel"])
        if first.category == "region":  # an actor only when it qualifies an agent or a title
            return Piece(atom.start, atom.end, "region", code=first.code) if first.code else None
        if first.category in ("person", "surname"):
            earlier = seen.get(atom.text) if first.category == "surname" else None
            if earlier:  # the person this text already named in full
                return replace(earlier, start=atom.start, end=atom.end, parts=["person"])
            person = self._pick(entries, on, countries)
            code, sector = person.code_at(on)
            return Piece(atom.start, atom.end, "person", person.country, code, sector, person.name,
                         person=person, parts=["person"])
        piece = Piece(atom.start, atom.end, first.category, first.iso3, sector=first.sector,
                      office=first.office, parts=[first.category])
        if first.org:
            piece.code, piece.name, piece.kind = first.org.code, first.org.names[0], first.org.kind
        elif first.category in ("country", "demonym"):
            country = self.kb.country(first.iso3)
            piece.code, piece.name = first.iso3, country.name if country else None
        elif first.category in ("capital", "seat"):
            piece.code = (first.iso3 or "") + (first.sector or "")
            country = self.kb.country(first.iso3)
            piece.name = country.name if country else None
        return piece

    @staticmethod
    def _pick(entries: list[Entry], on: date | None, countries: set[str]) -> Person:
        """Among namesakes prefer: in office on the date, named country in the text, most recent."""
        people = [e.person for e in entries if e.person]
        return max(people, key=lambda p: (p.term_at(on) is not None if on else True,
                                          p.country in countries, p.last_active(on)))

    @staticmethod
    def _gap_ok(doc: Doc, start: int, end: int, possessive: bool) -> bool:
        """Whether tokens [start, end) can sit inside one actor phrase (possessive, modifiers)."""
        gap = list(doc[start:end])
        if possessive and gap and gap[0].text in _POSSESSIVE:
            gap = gap[1:]
        return len(gap) <= _MAX_MODIFIERS and all(
            t.pos_ in _MODIFIER_POS or t.tag_ in _PARTICIPLES for t in gap)

    def _attaches(self, doc: Doc, prev: Piece, piece: Piece) -> bool:
        """Whether ``piece`` heads a phrase that ``prev`` modifies or titles."""
        if piece.category in ("agent", "role"):
            modifier = prev.category in _QUALIFIERS or prev.category in ("agent", "role", "region")
            return modifier and self._gap_ok(doc, prev.end, piece.start, possessive=True)
        if piece.category in _PERSONS and prev.category not in _PERSONS:
            if prev.category in ("agent", "role", "demonym"):
                return self._gap_ok(doc, prev.end, piece.start, possessive=False)
            return (prev.category == "country" and prev.end < piece.start
                    and doc[prev.end].text in _POSSESSIVE  # "Colombia's Petro", not "in Colombia Petro"
                    and self._gap_ok(doc, prev.end, piece.start, possessive=True))
        return False

    @staticmethod
    def _of_country(doc: Doc, head: Piece, piece: Piece) -> bool:
        """Whether ``piece`` is a country after "of" qualifying a bare title or agent before it."""
        gap = [t.lower_ for t in doc[head.end:piece.start]]
        return (piece.category == "country" and head.category in ("agent", "role")
                and head.parts == [head.category] and gap in (["of"], ["of", "the"]))

    def _merge(self, prev: Piece, piece: Piece, on: date | None) -> Piece:
        """One piece for "qualifier + head" or "title + name", keeping the head's category."""
        merged = replace(piece, start=prev.start, parts=prev.parts + piece.parts)
        if piece.category in _PERSONS:
            if piece.person is None:  # unknown name: the title says who they are
                merged.country, merged.sector = prev.country, prev.sector
                merged.code = prev.code or (prev.country or "") + (prev.sector or "") or None
            elif (prev.code or "").startswith("IGO") and not (piece.code or "").startswith("IGO"):
                # "U.N. mediator Diego Cordovez": the text's office of an international body wins
                # over the nationality the knowledge base gives the person
                merged.country, merged.code, merged.sector = None, prev.code, prev.sector
            return merged
        if prev.category == "region":  # "Latin American leaders": LAMGOV, no one office holder
            return replace(merged, code=(prev.code or "") + (merged.sector or ""), office=None)
        merged.country = prev.country
        if prev.category in ("agent", "role") and prev.sector not in (None, "GOV"):
            merged.sector, merged.office = prev.sector, None  # "rebel leader": a rebel, not an office
        org_code = prev.code if prev.category == "org" else None
        if piece.category == "role" and merged.office:
            return self._describe(merged, org_code or prev.country, on)
        merged.code = org_code or ((merged.country or "") + (merged.sector or ""))
        return merged

    def _describe(self, piece: Piece, actor: str | None, on: date | None) -> Piece:
        """A title with a country: the office holder on the date, else the country's office."""
        holder = self.kb.office_holder(actor, piece.office, on) if actor and piece.office else None
        if holder:
            code, sector = holder.code_at(on)
            return replace(piece, name=holder.name, code=code, sector=sector, person=holder,
                           country=holder.country)
        office_code = actor + "GOV" if actor and len(actor) == 3 else actor  # IGO codes stay as they are
        return replace(piece, name=None, code=office_code or "GOV", sector="GOV")

    # -- finishing -------------------------------------------------------------------------
    def _standalone(self, doc: Doc, pieces: list[Piece], on: date | None) -> list[Piece]:
        """Decide lone demonyms: a coordinated modifier ("Hungarian and Romanian officials" ->
        HUNGOV), else the state or the unlisted noun phrase it modifies (``_demonym_phrase``)."""
        kept: list[Piece] = []
        for i, piece in enumerate(pieces):
            if (kept and kept[-1].end > piece.start) or piece.category == "region":
                continue  # consumed by the demonym before it; a region alone is no actor
            if piece.parts != ["demonym"]:
                kept.append(piece)
                continue
            nxt = doc[piece.end] if piece.end < len(doc) else None
            head = pieces[i + 1] if i + 1 < len(pieces) else None
            if head and head.parts == ["demonym"] and head.start == piece.end:
                # "Bosnian Serbs": a people of the first state
                kept.append(replace(piece, end=head.end, category="agent", sector=None))
            elif (nxt is not None and (nxt.pos_ == "CCONJ" or nxt.text == ",") and head
                    and head.parts[:1] in (["demonym"], ["country"]) and head.category in ("agent", "role")):
                alike = replace(head, start=piece.start, end=piece.end, country=piece.country,
                                code=(piece.country or "") + (head.sector or ""), person=None, name=None)
                kept.append(self._describe(alike, piece.country, on) if head.office else alike)
            elif doc[min(piece.end, len(doc) - 1)].lemma_.lower() not in _LANGUAGE_NOUNS:
                kept.append(self._demonym_phrase(doc, piece, head))  # not "the Russian language"
        return kept

    @staticmethod
    def _demonym_phrase(doc: Doc, piece: Piece, head: Piece | None) -> Piece:
        """A lone demonym: the state itself ("the Israelis"), or, before an unlisted noun phrase
        ("Palestinian prisoners", "an Indian proposal"), that phrase as the country's actor —
        CAMEO codes such phrases with the country alone."""
        limit = min(piece.end + _MAX_MODIFIERS + 1, head.start if head else len(doc))
        end = piece.end
        for token in doc[piece.end:limit]:
            if token.pos_ not in _MODIFIER_POS:
                break
            if token.pos_ != "ADJ":
                end = token.i + 1
        if end == piece.end:
            return replace(piece, category="country")
        return replace(piece, end=end, category="agent", sector=None)

    @staticmethod
    def _mention(doc: Doc, piece: Piece) -> ActorMention:
        span = doc[piece.start:piece.end]
        kind = piece.kind or {"person": "person", "unknown_person": "person", "agent": "agent",
                              "vessel": "agent",
                              "role": "description"}.get(piece.category, "state")
        return ActorMention(piece.start, piece.end, span.start_char, span.end_char, span.text,
                            name=piece.name, country=piece.country, code=piece.code or piece.sector,
                            sector=piece.sector, kind=kind)


#: A ship prefix and hull number written as one word ("CCG5201").
_HULL_NUMBER = re.compile(r"([A-Z]{2,5})(\d{2,5})")
#: Abbreviated titles the model folds into a person's name ("Gen Burhan", "Lt. Col. Smith"):
#: the name is what follows, so a known surname there is still found in the knowledge base.
_TITLE_ABBREVIATIONS = frozenset({"gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "brig",
                                  "cmdr", "dr", "mr", "mrs", "ms", "prof", "sen", "rep", "gov"})


def _without_title(ent: Span) -> Span:
    """A PERSON entity without the abbreviated titles it starts with."""
    start = ent.start
    while start < ent.end - 1 and ent.doc[start].lower_.rstrip(".") in _TITLE_ABBREVIATIONS:
        start += 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label=ent.label)
