"""flashpoint_quotes: direct and indirect quotes with their cues and speakers.

Two passes over one parse. The cue pass reads every reporting cue's content off the parse
(indirect speech, and partial quotes embedded in it: *warned that the leader "should be
careful"* is one quote whose content is the whole clause). The quote pass takes every quoted
stretch found by character scanning that the cue pass did not absorb and looks for its cue in
the sentences around its marks, so speakers before, after or between split quotes all work.
A quote with no cue of its own that opens a paragraph continues the previous speaker; a short
one with no cue is a scare quote and gets no speaker.

Kinds: "direct" (a quoted utterance), "partial" (a few quoted words, or a reported clause that
contains some), "scare" (quoted words nobody is said to have said), "indirect", "embedded"
(quoted inside an embedded social-media post).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from functools import cache, partial
from itertools import pairwise

from spacy.language import Language
from spacy.tokens import Doc, Token

from flashpoint.kb import KnowledgeBase, load_kb
from flashpoint.nlp.attribution import Speakers
from flashpoint.nlp.doc_index import DocIndex
from flashpoint.nlp.quote_marks import LabelledLine, Post, QuoteSpan, find_labelled_lines, find_posts, find_quote_spans
from flashpoint.nlp.speaker_names import NAME_PARTICLES, plain
from flashpoint.nlp.speech_cues import (
    CueWords,
    content_tokens,
    cue_kind,
    cue_words,
    root_subject,
    speaker_token,
)
from flashpoint.records import Actor, QuoteKind, QuoteRecord, quote_record
from flashpoint.records import Span as TextSpan

#: A capitalised quote this long, or one ending a sentence, is an utterance; a lower-case one
#: is a fragment (partial or scare quote) unless it has at least _LONG_FRAGMENT_WORDS.
_UTTERANCE_WORDS = 4
_LONG_FRAGMENT_WORDS = 15
#: A reported clause whose characters are at least this share quoted is a direct quote.
_MOSTLY_QUOTED = 0.5

#: The most characters between the halves of a split quote ('," he said, "').
_SPLIT_GAP = 300
#: The most characters between a cue and the quote that directly follows it ('said: "').
_CUE_GAP = 8
#: Word counts of a name or heading in quote marks (see _is_label).
_LABEL_WORDS = (2, 10)
#: How many heads up from its first word a quote's clause is looked for.
_CLIMB_OUT = 12
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
#: A quote ending in one of these may be continued by the next one.
_CONTINUING_END = frozenset(",;:—–-")
_SENTENCE_END = frozenset(".!?")
_MARKS_AND_SPACE = "\"“”‘’'«»„‹› \t\xa0"

#: Links at the end of an embedded post are not part of what was said.
_LINK = re.compile(r"(?:\s*(?:pic\.twitter\.com|https?://)\S*)+\s*$")

#: A dash and a name after a quote, ending the line: '“...” ― Martha Aguilar, Houston'.
_SIGNED = re.compile(r"[ \t\xa0]*(?P<dash>[―—–]|--)[ \t\xa0]*"
                     r"(?P<name>[A-Z][\w.’'-]*(?:[ \xa0][A-Z][\w.’'-]*){0,3})[ \t\xa0]*(?:[,(][^\n]*)?$",
                     re.MULTILINE)

@Language.factory("flashpoint_quotes", default_config={"kb_path": "", "lexicon_path": ""},
                  requires=["doc._.actor_mentions", "doc.sents", "doc.ents", "token.dep", "token.tag",
                            "token.lemma"],
                  assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str, kb_path: str, lexicon_path: str) -> QuoteFinder:
    """spaCy factory of the quote component: the actor KB (speaker names and titles) and the
    lexicon (its speech cues) are read from ``kb_path`` and ``lexicon_path`` ("": packaged)."""
    return QuoteFinder(load_kb(kb_path), cue_words(lexicon_path))


def _inside_quote(starts: list[int], spans: list[QuoteSpan], char: int) -> bool:
    """Whether ``char`` is inside one of ``spans`` (sorted; ``starts`` are their starts)."""
    k = bisect_right(starts, char)
    return bool(k) and char < spans[k - 1].end


class QuoteFinder:
    """Fill ``doc._.quotes`` with quote records (see schemas/quote.schema.json)."""

    def __init__(self, kb: KnowledgeBase, cues: CueWords) -> None:
        self.kb = kb
        self.cues = cues

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = _Extraction(doc, self.kb, self.cues).run()
        return doc


class _Extraction:
    """State for one Doc: the quote spans, the cues used, the records made so far.

    Nothing it holds refers back to it (no bound method of its own, no closure over ``self``
    in the caches or in ``speakers``): with such a cycle it, and the Doc it holds, are freed
    only by Python's full garbage collection, which comes rarely in a process holding a
    loaded pipeline, so an extraction run kept about 2,000 articles' Docs alive (80 MB).
    """

    def __init__(self, doc: Doc, kb: KnowledgeBase, cue_lexicon: CueWords) -> None:
        self.doc = doc
        self.cue_lexicon = cue_lexicon
        self.text = doc.text
        self.index = index = DocIndex(doc, self.text)
        self.spans = find_quote_spans(self.text)
        self.starts = [s.start for s in self.spans]
        self.ends = [s.end for s in self.spans]
        self.posts = find_posts(self.text)
        self.post_starts = [p.start for p in self.posts]
        self._inside_quote = inside = partial(_inside_quote, self.starts, self.spans)
        self.speakers = speakers = Speakers(doc, self.text, index, inside, kb)
        self.records: list[QuoteRecord] = []
        self.record_bounds: set[tuple[int, int]] = set()
        #: (end, order, speaker) of the records with a speaker, sorted: the previous speaker.
        self.spoken: list[tuple[int, int, Actor]] = []
        self.absorbed: set[QuoteSpan] = set()
        #: the last direct quote and its cue (or signing dash): a split quote's first half
        self.last_direct: tuple[QuoteRecord, Token | TextSpan | None] | None = None
        self.cues = [(token, kind) for token in doc if (kind := cue_kind(token, cue_lexicon))]
        outside = [(t, k) for t, k in self.cues if not self._inside_quote(t.idx)]
        #: Cues outside quotes by part of speech, in text order: the candidates for a quote.
        self.verb_cues = [(t, k) for t, k in outside if k != "noun"]
        self.noun_cues = [(t, k) for t, k in outside if k == "noun"]
        self.verb_cue_chars = [t.idx for t, _ in self.verb_cues]
        self.noun_cue_chars = [t.idx for t, _ in self.noun_cues]
        # One parse walk per cue, however many quotes ask about it.
        self.content_tokens = cache(lambda cue, kind: content_tokens(cue, kind, index.sentence(cue), cue_lexicon))
        self.speaker_token = cache(lambda cue, kind: speaker_token(cue, kind, speakers.is_actor))

    def run(self) -> list[QuoteRecord]:
        for token, kind in self.cues:
            self._from_cue(token, kind)
        for span in self.spans:
            if span not in self.absorbed and not self._is_label(span):
                self._from_quote(span)
        for post in self.posts:
            k = bisect_left(self.starts, post.start)
            if k == len(self.spans) or self.spans[k].start >= post.end:
                self._from_bare_post(post)
        self.records.sort(key=lambda r: (r["start"], r["end"]))
        self._add_labelled_lines()
        self.records.sort(key=lambda r: (r["start"], r["end"]))
        self._speak_on()
        for n, record in enumerate(self.records, 1):
            record["quote_id"] = f"q{n}"
        return self.records

    def _speak_on(self) -> None:
        """A quote left open at a paragraph end goes on in the next paragraph's quote: without
        a cue of its own it takes that part's speaker (the cue usually comes at the end)."""
        by_start = {r["start"]: r for r in self.records}
        for before, after in pairwise(self.spans):
            first, then = by_start.get(before.start), by_start.get(after.start)
            speaker = then["speaker"] if then else None
            if after.continues and first and speaker and not first["cue"]:
                first["speaker"] = speaker.copy()

    # -- cue pass -------------------------------------------------------------------------
    def _from_cue(self, cue: Token, kind: str) -> None:
        content = self._content(cue, kind)
        if content is None:
            return
        start, end, quotes, clause = content
        if not quotes and not clause:
            return  # "criticised the plan": a noun phrase is no indirect quote
        quoted = sum(s.end - s.start for s in quotes)
        if any(self._is_utterance(s, cue) and (quoted >= _MOSTLY_QUOTED * (end - start)
                                          or self.text[s.start:s.start + 1].isupper()) for s in quotes):
            return  # a direct quote (a quoted sentence): the quote pass owns it
        who = self.speaker_token(cue, kind)
        if who is None or self._inside_quote(who.idx):
            return
        speaker = self.speakers.from_token(who, start)
        if speaker is None:
            return
        self.absorbed.update(quotes)
        self._add(start, end, "partial" if quotes else "indirect", cue, speaker)

    def _content(self, cue: Token, kind: str) -> tuple[int, int, list[QuoteSpan], bool] | None:
        """Characters of what ``cue`` reports, the quotes in them and whether it is a clause;
        a quote the clause cuts is still said whole, so the span stretches to cover it."""
        bounds = self.content_tokens(cue, kind)
        if bounds is None or self._inside_quote(cue.idx):
            return None
        last = self.doc[bounds.end - 1]
        start, end = self.doc[bounds.start].idx, last.idx + len(last)
        nearby = self.spans[bisect_left(self.ends, start):bisect_right(self.starts, end)]
        quotes = [s for s in nearby if not self._is_label(s)
                  and not self.index.crosses_line(min(s.start, start), max(s.end, end))]
        if quotes:  # marks included: the record is a clause that contains quotes
            start = min(start, quotes[0].start - 1)
            end = max(end, quotes[-1].end + quotes[-1].closed)
        return start, end, quotes, bounds.clause

    # -- quote pass -----------------------------------------------------------------------
    def _from_quote(self, span: QuoteSpan) -> None:
        cue, kind = self._nearest_cue(span)
        speaker = None
        if cue is not None:
            who = self.speaker_token(cue, kind)
            if who is None or self._inside_quote(who.idx):
                who = root_subject(self.index.sentence_root(cue), self.speakers.is_actor)
            if who is not None and not self._inside_quote(who.idx):
                speaker = self.speakers.from_token(who, self._reported_from(span))
        post = self._post_of(span)
        if speaker is None and post is not None:
            speaker = self.speakers.from_chars(post.author, post.author_start, post.author_end)
        utterance = self._is_utterance(span, cue)
        if (cue is not None and not utterance and post is None
                and self._reported_clause(span, cue, kind, speaker)):
            return
        last = self.last_direct
        if post is None and last is not None and self._extends_last(span, cue):
            extended = last[0]
            extended["end"], extended["text"] = span.end, self.text[extended["start"]:span.end]
            extended["speaker"] = extended["speaker"] or speaker
            return
        signed = self._signature_after(span) if cue is None and post is None else None
        mark: Token | TextSpan | None = cue  # the cue, or the dash that signs the quote
        if signed is not None:
            mark, speaker = signed
        if speaker is None and mark is None and post is None:
            if utterance and self._opens_paragraph(span):
                speaker = self._previous_speaker(span.start)
            else:
                speaker = self._continued_speaker(span)
        quote_kind: QuoteKind
        if post is not None:
            quote_kind = "embedded"
        elif mark is None and speaker is None:
            quote_kind = "direct" if utterance else "scare"
        else:
            quote_kind = "direct" if utterance else "partial"
        record = self._add(span.start, span.end, quote_kind, mark, speaker)
        self.last_direct = (record, mark) if record and quote_kind == "direct" else None

    def _reported_clause(self, span: QuoteSpan, cue: Token, kind: str,
                         speaker: Actor | None) -> bool:
        """A few quoted words inside what a cue reports ("stressed the need to act under
        “constant attack”"): the record is the reported phrase. Any cue may take its object
        here, since the quote marks already show that speech is reported."""
        content = self._content(cue, "object" if kind == "clause" else kind)
        if content is None or not (content[0] <= span.start and span.end <= content[1]):
            return False
        self.absorbed.update(content[2])
        self._add(content[0], content[1], "partial", cue, speaker)
        return True

    def _extends_last(self, span: QuoteSpan, cue: Token | None) -> bool:
        """A split quote: '"A," he said, "B."' or '"A," he said. "B."' is one quote from the
        start of A to the end of B, as long as B has no other cue, the paragraph goes on and
        B starts where a sentence or clause may (not inside narrative: 'the summit had "B"')."""
        if self.last_direct is None:
            return False
        record, last_cue = self.last_direct
        if span.start - record["end"] > _SPLIT_GAP:
            return False
        gap = self.text[record["end"]:span.start]
        return ("\n" not in gap and (cue is None or cue == last_cue)
                and _last_char(record["text"]) in _CONTINUING_END
                and _last_char(gap) in _CONTINUING_END | _SENTENCE_END)

    def _signature_after(self, span: QuoteSpan) -> tuple[TextSpan, Actor] | None:
        """'“...” ― Martha Aguilar': a dash and a name closing the quote's line sign it."""
        match = _SIGNED.match(self.text, span.end + span.closed)
        if match is None:
            return None
        dash = TextSpan(start=match.start("dash"), end=match.end("dash"), text=match.group("dash"))
        name = match.group("name")
        return dash, self.speakers.from_chars(name, match.start("name"), match.end("name"))

    def _from_bare_post(self, post: Post) -> None:
        """A post with no quote marks: the whole post (links dropped) is its author's."""
        body = _LINK.sub("", self.text[post.start:post.end]).rstrip()
        stripped = body.lstrip()
        if stripped:
            start = post.start + len(body) - len(stripped)
            speaker = self.speakers.from_chars(post.author, post.author_start, post.author_end)
            self._add(start, post.start + len(body), "embedded", None, speaker)

    def _add_labelled_lines(self) -> None:
        """"PENCE: Well, look, ..." is Pence's unless a record (sorted by start) already covers
        part of the line: the furthest end among the records starting before a line's end
        tells whether one reaches into it."""
        starts = [r["start"] for r in self.records]
        reach = [r["end"] for r in self.records]
        for i in range(1, len(reach)):
            reach[i] = max(reach[i], reach[i - 1])
        for line in find_labelled_lines(self.text):
            k = bisect_left(starts, line.end)
            if (not k or reach[k - 1] <= line.start) and self._names_someone(line):
                self._from_labelled_line(line)

    def _names_someone(self, line: LabelledLine) -> bool:
        """A transcript label in capitals ("PENCE:") or a name ("Maria Lopez:"), not a word
        of the page ("Read:", "Poll:", "Watch:")."""
        if line.label.isupper():
            return True
        first = self.index.token_at(line.label_start)
        return first.pos_ == "PROPN" or first.ent_type_ in ("PERSON", "ORG")

    def _from_labelled_line(self, line: LabelledLine) -> None:
        label_end = line.label_start + len(line.label)
        name = line.label.title() if line.label.isupper() else line.label
        speaker = self.speakers.from_chars(name, line.label_start, label_end, text=line.label)
        self._add(line.start, line.end, "direct", None, speaker)

    def _nearest_cue(self, span: QuoteSpan) -> tuple[Token | None, str]:
        """The cue closest to the quote marks, outside any quote, in the sentences the quote
        starts and ends in; verbs beat nouns ("with the words")."""
        frame = self._frame(span)
        if frame is None:
            return None, ""
        for cues, chars in ((self.verb_cues, self.verb_cue_chars),
                            (self.noun_cues, self.noun_cue_chars)):
            before, after = bisect_left(chars, span.start), bisect_left(chars, span.end)
            found = []  # (distance, index) of the nearest cue before and after the quote
            if before and chars[before - 1] >= frame[0]:
                found.append((span.start - chars[before - 1], before - 1))
            if after < len(chars) and chars[after] < frame[1]:
                found.append((chars[after] - span.end, after))
            if found:
                return cues[min(found)[1]]
        return None, ""

    def _reported_from(self, span: QuoteSpan) -> int:
        """Where the words reported with a quote start: the start of its sentence, or of the
        quote when it opens the sentence (a speaker is looked for before that)."""
        frame = self._frame(span)
        return min(frame[0], span.start) if frame else span.start

    def _frame(self, span: QuoteSpan) -> tuple[int, int] | None:
        """Characters of the sentences the quote starts and ends in, and of the next one on
        the line when the quote ends in a comma ('"...," Brig. Gen. X said': the parser may
        cut the sentence at an abbreviation)."""
        if not len(self.doc):
            return None
        start = self.index.sentence(self.index.token_at(max(span.start - 1, 0)))
        end = self.index.sentence(self.index.token_at(max(span.end - 1, span.start)))
        if self.text[span.end - 1:span.end] == "," and end.end < len(self.doc):
            following = self.index.sentence(self.doc[end.end])
            if not self.index.crosses_line(span.end, following.start_char):
                end = following
        return start.start_char, end[-1].idx + len(end[-1])

    def _post_of(self, span: QuoteSpan) -> Post | None:
        k = bisect_right(self.post_starts, span.start)
        return self.posts[k - 1] if k and span.start < self.posts[k - 1].end else None

    def _is_utterance(self, span: QuoteSpan, cue: Token | None = None) -> bool:
        """A full utterance rather than a few quoted words: a capitalised sentence, a long
        stretch, or whatever directly follows its cue ('said: "we will not pay"')."""
        words = self.text[span.start:span.end].split()
        if len(words) >= _LONG_FRAGMENT_WORDS:
            return True
        if cue is not None and 0 <= span.start - cue.idx - len(cue) <= _CUE_GAP \
                and not self.text[cue.idx + len(cue):span.start - 1].strip(" ,:"):
            return True
        return words[0][:1].isupper() and (len(words) >= _UTTERANCE_WORDS or words[-1][-1:] in ".!?,")

    def _is_label(self, span: QuoteSpan) -> bool:
        """A name, title or heading in quote marks ("Alliance of Sahel States", ‘CRITICAL
        PHASE’), which nobody is said to have said: two to ten capitalised words (particles
        aside), no sentence inside, not an imperative or a pronoun's clause ("Arrest him."),
        and not introduced as words said ('shouted: "Free Ana Duarte."')."""
        if self.text[max(span.start - 3, 0):span.start - 1].rstrip()[-1:] in (":", ","):
            return False
        words = self.text[span.start:span.end].rstrip(".,;:!? ").split()
        if not _LABEL_WORDS[0] <= len(words) <= _LABEL_WORDS[1]:
            return False
        if any(w[-1] in ".!?;:" for w in words[:-1]) or not all(
                w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words):
            return False
        first = self.index.token_at(span.start)
        return first.pos_ not in ("VERB", "AUX", "PRON")

    def _opens_paragraph(self, span: QuoteSpan) -> bool:
        """Whether the quote opens its paragraph (or goes on from the previous one)."""
        return span.continues or self.index.text_start(span.start) >= span.start - 1

    def _previous_speaker(self, char: int) -> Actor | None:
        """The speaker of the record ending last at or before ``char`` (first added on ties)."""
        previous = self._previous_spoken(char)
        return previous[1].copy() if previous else None

    def _previous_spoken(self, char: int) -> tuple[int, Actor] | None:
        """End and speaker of the record with a speaker ending last at or before ``char``."""
        k = bisect_right(self.spoken, char, key=lambda entry: entry[0])
        if not k:
            return None
        last_end = self.spoken[k - 1][0]
        first = bisect_left(self.spoken, last_end, key=lambda entry: entry[0])
        return last_end, self.spoken[first][2]

    def _continued_speaker(self, span: QuoteSpan) -> Actor | None:
        """A quote with no cue in a clause whose subject is the speaker of the quote before it,
        in this paragraph or the one before ('He thanked them for talks held "in a friendly
        atmosphere"' after the minister's quote): the quote sequence goes on. The subject
        alone is not enough: many scare quotes sit in clauses with an actor as subject."""
        previous = self._previous_spoken(span.start)
        if previous is None or span.start - previous[0] > _SPLIT_GAP * 4:
            return None
        if len(_PARAGRAPH_BREAK.findall(self.text, previous[0], span.start)) > 1:
            return None
        subject = self._clause_subject(span)
        if subject is None or not self.speakers.is_actor(subject):
            return None
        speaker = self.speakers.from_token(subject, self._reported_from(span))
        if speaker is None or not _same_speaker(speaker, previous[1]):
            return None
        return speaker

    def _clause_subject(self, span: QuoteSpan) -> Token | None:
        """The subject of the clause the quoted words are part of, outside the quote."""
        if not len(self.doc):
            return None
        token = self.index.token_at(span.start)
        for _ in range(_CLIMB_OUT):
            if not self._inside_quote(token.idx) or token.head is token:
                break
            token = token.head
        if self._inside_quote(token.idx):
            return None
        who = self.speaker_token(token, "clause")
        return None if who is None or self._inside_quote(who.idx) else who

    def _add(self, start: int, end: int, kind: QuoteKind, cue: Token | TextSpan | None,
             speaker: Actor | None) -> QuoteRecord | None:
        if (start, end) in self.record_bounds:
            return None
        self.record_bounds.add((start, end))
        if speaker is not None:
            self.speakers.note(speaker)
            insort(self.spoken, (end, len(self.records), speaker), key=lambda entry: entry[:2])
        record = quote_record(quote_id="", doc_id=self.doc._.doc_id or "", start=start, end=end,
                              text=self.text[start:end], kind=kind,
                              cue=_cue_record(self.text, cue) if isinstance(cue, Token) else cue,
                              speaker=speaker)
        self.records.append(record)
        return record


def _cue_record(text: str, cue: Token) -> TextSpan:
    """The cue's characters; "according" stands for the whole phrase "according to"."""
    last = cue.nbor() if cue.lower_ == "according" else cue
    end = last.idx + len(last)
    return TextSpan(start=cue.idx, end=end, text=text[cue.idx:end])


def _last_char(text: str) -> str:
    """The last character of ``text`` that is neither a space nor a quote mark: where
    '...,’”' or '... said. ‘‘' really ends."""
    return text.rstrip(_MARKS_AND_SPACE)[-1:]


def _same_speaker(one: Actor, other: Actor) -> bool:
    """Whether two speaker records name the same speaker (their last names agree)."""
    first, second = (one["name"] or "").split(), (other["name"] or "").split()
    return bool(first and second) and plain(first[-1]) == plain(second[-1])
