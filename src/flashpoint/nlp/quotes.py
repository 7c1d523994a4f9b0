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
from bisect import bisect_right
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from flashpoint.nlp.attribution import Speakers
from flashpoint.nlp.quote_marks import LabelledLine, Post, QuoteSpan, find_labelled_lines, find_posts, find_quote_spans
from flashpoint.nlp.speech_cues import content_tokens, cue_kind, root_subject, speaker_token

#: A capitalised quote this long, or one ending a sentence, is an utterance; a lower-case one
#: is a fragment (partial or scare quote) unless it has at least _LONG_FRAGMENT_WORDS.
_UTTERANCE_WORDS = 4
_LONG_FRAGMENT_WORDS = 15
#: A reported clause whose characters are at least this share quoted is a direct quote.
_MOSTLY_QUOTED = 0.5

#: The most characters between the halves of a split quote ('," he said, "').
_SPLIT_GAP = 300
#: A quote ending in one of these may be continued by the next one.
_CONTINUING_END = frozenset(",;:—–-")
_SENTENCE_END = frozenset(".!?")

#: Links at the end of an embedded post are not part of what was said.
_LINK = re.compile(r"(?:\s*(?:pic\.twitter\.com|https?://)\S*)+\s*$")

#: A dash and a name after a quote, ending the line: '“...” ― Martha Aguilar, Houston'.
_SIGNED = re.compile(r"[ \t\xa0]*(?P<dash>[―—–]|--)[ \t\xa0]*"
                     r"(?P<name>[A-Z][\w.’'-]*(?:[ \xa0][A-Z][\w.’'-]*){0,3})[ \t\xa0]*(?:[,(][^\n]*)?$",
                     re.MULTILINE)

Record = dict[str, Any]


@Language.factory("flashpoint_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


class QuoteFinder:
    """Fill ``doc._.quotes`` with quote records (see schemas/quote.schema.json)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = _Extraction(doc).run()
        return doc


class _Extraction:
    """State for one Doc: the quote spans, the cues used, the records made so far."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.spans = find_quote_spans(self.text)
        self.starts = [s.start for s in self.spans]
        self.posts = find_posts(self.text)
        self.speakers = Speakers(doc, self.text)
        self.records: list[Record] = []
        self.absorbed: set[QuoteSpan] = set()
        self.last_direct: tuple[Record, Token | None] | None = None

    def run(self) -> list[Record]:
        cues = [(token, kind) for token in self.doc if (kind := cue_kind(token))]
        for token, kind in cues:
            self._from_cue(token, kind)
        for span in self.spans:
            if span not in self.absorbed:
                self._from_quote(span)
        for post in self.posts:
            if not any(post.start <= s.start < post.end for s in self.spans):
                self._from_bare_post(post)
        for line in find_labelled_lines(self.text):
            self._from_labelled_line(line)
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
            if after.continues and first and then and not first["cue"] and then["speaker"]:
                first["speaker"] = dict(then["speaker"])

    # -- cue pass -------------------------------------------------------------------------
    def _from_cue(self, cue: Token, kind: str) -> None:
        content = self._content(cue, kind)
        if content is None:
            return
        start, end, quotes = content
        quoted = sum(s.end - s.start for s in quotes)
        if any(self._is_utterance(s, cue) and (quoted >= _MOSTLY_QUOTED * (end - start)
                                          or self.text[s.start:s.start + 1].isupper()) for s in quotes):
            return  # a direct quote (a quoted sentence): the quote pass owns it
        who = speaker_token(cue, kind)
        if who is None or self._inside_quote(who.idx):
            return
        self.absorbed.update(quotes)
        self._add(start, end, "partial" if quotes else "indirect", cue, self.speakers.from_token(who))

    def _content(self, cue: Token, kind: str) -> tuple[int, int, list[QuoteSpan]] | None:
        """Characters of what ``cue`` reports and the quotes in them; a quote the clause cuts
        is still said whole, so the span stretches to cover it."""
        bounds = content_tokens(cue, kind)
        if bounds is None or self._inside_quote(cue.idx):
            return None
        last = self.doc[bounds[1] - 1]
        start, end = self.doc[bounds[0]].idx, last.idx + len(last)
        quotes = [s for s in self.spans if s.start <= end and s.end >= start
                  and "\n" not in self.text[min(s.start, start):max(s.end, end)]]
        if quotes:  # marks included: the record is a clause that contains quotes
            start = min(start, quotes[0].start - 1)
            end = max(end, quotes[-1].end + quotes[-1].closed)
        return start, end, quotes

    # -- quote pass -----------------------------------------------------------------------
    def _from_quote(self, span: QuoteSpan) -> None:
        cue, kind = self._nearest_cue(span)
        speaker = None
        if cue is not None:
            who = speaker_token(cue, kind)
            if who is None or self._inside_quote(who.idx):
                who = root_subject(cue)
            if who is not None and not self._inside_quote(who.idx):
                speaker = self.speakers.from_token(who)
        post = self._post_of(span)
        if speaker is None and post is not None:
            speaker = self.speakers.from_chars(post.author, post.author_start, post.author_end)
        utterance = self._is_utterance(span, cue)
        if (cue is not None and not utterance and post is None
                and self._reported_clause(span, cue, kind, speaker)):
            return
        if post is None and self._extends_last(span, cue):
            record = self.last_direct[0]
            record["end"], record["text"] = span.end, self.text[record["start"]:span.end]
            record["speaker"] = record["speaker"] or speaker
            return
        signed = self._signature_after(span) if cue is None and post is None else None
        if signed is not None:
            cue, speaker = signed
        if speaker is None and cue is None and post is None and utterance and self._opens_paragraph(span):
            speaker = self._previous_speaker(span.start)
        if post is not None:
            quote_kind = "embedded"
        elif cue is None and speaker is None:
            quote_kind = "direct" if utterance else "scare"
        else:
            quote_kind = "direct" if utterance else "partial"
        record = self._add(span.start, span.end, quote_kind, cue, speaker)
        self.last_direct = (record, cue) if record and quote_kind == "direct" else None

    def _reported_clause(self, span: QuoteSpan, cue: Token, kind: str,
                         speaker: Record | None) -> bool:
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
        gap = self.text[record["end"]:span.start]
        return ("\n" not in gap and len(gap) <= _SPLIT_GAP and (cue is None or cue == last_cue)
                and record["text"].rstrip()[-1:] in _CONTINUING_END
                and gap[:-1].rstrip()[-1:] in _CONTINUING_END | _SENTENCE_END)

    def _signature_after(self, span: QuoteSpan) -> tuple[Record, Record] | None:
        """'“...” ― Martha Aguilar': a dash and a name closing the quote's line sign it."""
        match = _SIGNED.match(self.text, span.end + span.closed)
        if match is None:
            return None
        dash = {"start": match.start("dash"), "end": match.end("dash"), "text": match.group("dash")}
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

    def _from_labelled_line(self, line: LabelledLine) -> None:
        """"PENCE: Well, look, ..." is Pence's unless a record already covers the line."""
        if any(r["start"] < line.end and r["end"] > line.start for r in self.records):
            return
        label_end = line.label_start + len(line.label)
        name = line.label.title() if line.label.isupper() else line.label
        speaker = {**self.speakers.from_chars(name, line.label_start, label_end), "text": line.label}
        self._add(line.start, line.end, "direct", None, speaker)

    def _nearest_cue(self, span: QuoteSpan) -> tuple[Token | None, str]:
        """The cue closest to the quote marks, outside any quote, in the sentences the quote
        starts and ends in; verbs beat nouns ("with the words")."""
        frame = self._frame(span)
        if frame is None:
            return None, ""
        best: tuple[int, int, Token, str] | None = None
        for token in frame:
            if self._inside_quote(token.idx):
                continue
            kind = cue_kind(token)
            if kind is None:
                continue
            distance = span.start - token.idx if token.idx < span.start else token.idx - span.end
            key = (kind == "noun", distance, token, kind)
            if best is None or key[:2] < best[:2]:
                best = key
        return (best[2], best[3]) if best else (None, "")

    def _frame(self, span: QuoteSpan) -> Span | None:
        first = self.doc.char_span(max(span.start - 1, 0), span.start, alignment_mode="expand")
        last = self.doc.char_span(max(span.end - 1, span.start), span.end, alignment_mode="expand")
        if first is None or last is None:
            return None
        return self.doc[first.sent.start:last.sent.end]

    def _inside_quote(self, char: int) -> bool:
        k = bisect_right(self.starts, char)
        return bool(k) and char < self.spans[k - 1].end

    def _post_of(self, span: QuoteSpan) -> Post | None:
        return next((p for p in self.posts if p.start <= span.start < p.end), None)

    def _is_utterance(self, span: QuoteSpan, cue: Token | None = None) -> bool:
        """A full utterance rather than a few quoted words: a capitalised sentence, a long
        stretch, or whatever directly follows its cue ('said: "we will not pay"')."""
        words = self.text[span.start:span.end].split()
        if len(words) >= _LONG_FRAGMENT_WORDS:
            return True
        between = self.text[cue.idx + len(cue):span.start - 1] if cue is not None else "-"
        if cue is not None and cue.idx < span.start and not between.strip(" ,:"):
            return True
        return words[0][:1].isupper() and (len(words) >= _UTTERANCE_WORDS or words[-1][-1:] in ".!?,")

    def _opens_paragraph(self, span: QuoteSpan) -> bool:
        """Whether the quote opens its paragraph (or goes on from the previous one)."""
        line_start = self.text.rfind("\n", 0, span.start) + 1
        return span.continues or not self.text[line_start:span.start - 1].strip()

    def _previous_speaker(self, char: int) -> Record | None:
        earlier = [r for r in self.records if r["end"] <= char and r["speaker"]]
        return dict(max(earlier, key=lambda r: r["end"])["speaker"]) if earlier else None

    def _add(self, start: int, end: int, kind: str, cue: Token | Record | None,
             speaker: Record | None) -> Record | None:
        if any(r["start"] == start and r["end"] == end for r in self.records):
            return None
        if speaker is not None:
            self.speakers.note(speaker)
        record = {
            "quote_id": "",
            "start": start,
            "end": end,
            "text": self.text[start:end],
            "direct": kind != "indirect",
            "kind": kind,
            "cue": _cue_record(self.text, cue) if isinstance(cue, Token) else cue,
            "speaker": speaker,
        }
        self.records.append(record)
        return record


def _cue_record(text: str, cue: Token) -> Record:
    """The cue's characters; "according" stands for the whole phrase "according to"."""
    last = cue.nbor() if cue.lower_ == "according" else cue
    end = last.idx + len(last)
    return {"start": cue.idx, "end": end, "text": text[cue.idx:end]}
