"""Find quoted stretches of text by scanning characters, before and independent of the parse.

News uses every quoting style ("..", “..”, ‘..’, «..», „..“) and the parser knows none of them,
so quote boundaries come from one linear pass over the characters. Two rules keep a typo
local: a quote never runs past the end of its paragraph unless the text is hard-wrapped and
closes it on the next line, and a paragraph that opens with a quote mark while one is still
open (the news convention for a quote that goes on) starts a new quote. So one unbalanced mark
costs at most the rest of its paragraph, never the article.

Single quotes are only looked for outside double quotes (inside they are nested quotes of the
same speaker) and a right single quote followed by a letter is an apostrophe (I’m, Petro’s).
Embedded social-media posts are found by their signature line ("— Name (@handle) date"),
transcript lines by their label ("PENCE: Well, look, ...").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

#: Opening mark -> closing marks that may end it. "”" opens only where it cannot close.
_DOUBLE = {'"': '"”', "“": '”"', "„": '“”"', "«": "»", "”": '”"'}
_SINGLE = {"‘": "’'", "'": "'’", "‹": "›"}
#: "PENCE: Well, look, ..." -- a transcript line, or a headline "Poll: voters ...".
_LABELLED = re.compile(r"^(?P<label>[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]*){0,3}):[ \t]+(?P<body>\S[^\n]*)$",
                       re.MULTILINE)
#: Line labels that name a part of the page, not a speaker.
_NOT_SPEAKERS = frozenset({"note", "update", "editor's note", "editor’s note", "photo", "image",
                           "video", "watch", "listen", "read more", "related", "correction",
                           "credit", "caption", "tags", "share", "source", "sources", "see also"})
#: Lines longer than this are paragraphs, not hard-wrapped lines.
_WRAP_WIDTH = 100
_SIGNATURE = re.compile(r"^[ \t]*[—–-]{1,2}[ \t]*(?P<name>[^\n()@]{2,80}?)[ \t]*\(@\w{1,30}\)[^\n]*$",
                        re.MULTILINE)


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted content ``[start, end)`` (marks excluded), whether a closing mark was found, and
    whether it goes on from a quote left open at the end of the previous paragraph."""

    start: int
    end: int
    closed: bool = True
    continues: bool = False


@dataclass(frozen=True)
class LabelledLine:
    """A line "LABEL: words": the label is the speaker, the rest of the line what was said."""

    label: str
    label_start: int
    start: int
    end: int


@dataclass(frozen=True)
class Post:
    """An embedded post: its text lines and the author named on its signature line."""

    start: int
    end: int
    author: str
    author_start: int
    author_end: int


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _opens(text: str, i: int) -> bool:
    """An ambiguous mark opens when it is not glued to a preceding word and text follows it."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word(before) and not after.isspace()


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _wrapped_close(text: str, i: int, closers: str) -> bool:
    """True when a single newline at ``i`` only wraps a short line and the next line's first
    quote mark closes the quote (glued to the word before it)."""
    if i - text.rfind("\n", 0, i) > _WRAP_WIDTH:
        return False
    nxt = i + 1
    if nxt >= len(text) or text[nxt] == "\n":
        return False
    for j in range(nxt, _line_end(text, nxt)):
        if text[j] in _DOUBLE or text[j] in _SINGLE:
            return text[j] in closers and not _opens(text, j)
    return False


def _can_open(text: str, i: int) -> bool:
    """Whether the mark at ``i`` starts a quote when none is open."""
    ch = text[i]
    after = text[i + 1] if i + 1 < len(text) else " "
    if ch in "“„«":
        return True
    if ch == '"':
        return not after.isspace()
    if ch in "”‘‹":
        return _opens(text, i)
    return ch == "'" and _opens(text, i) and _is_word(after)


def _closes(text: str, i: int, opener: str) -> bool:
    """Whether the mark at ``i`` ends the quote opened by ``opener``."""
    ch = text[i]
    closers = _DOUBLE.get(opener) or _SINGLE[opener]
    if ch not in closers:
        return False
    if opener in _SINGLE:  # I’m, don’t, Petro’s: an apostrophe, not a closing mark
        return not (i + 1 < len(text) and _is_word(text[i + 1]))
    return True


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All outermost quotes of ``text`` in order; see the module docstring for the rules.

    Two apostrophes ('' as some newspapers' archives print a double quote) count as one
    double mark: scanned as '"' plus a zero-width filler, so offsets stay the text's."""
    if "''" not in text:
        return _scan(text)
    spans = _scan(text.replace("''", '"\u200b'))
    shifted = (QuoteSpan(s.start + (text[s.start - 1:s.start + 1] == "''"), s.end, s.closed, s.continues)
               for s in spans)
    return [s for s in shifted if text[s.start:s.end].strip()]


def _scan(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    opener, start, continues, continue_at = "", 0, False, -1
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if not opener:
            if (ch in _DOUBLE or ch in _SINGLE) and _can_open(text, i):
                opener, start, continues = ch, i + 1, i == continue_at
        elif ch == "\n" and not _wrapped_close(text, i, _DOUBLE.get(opener) or _SINGLE[opener]):
            spans.append(QuoteSpan(start, i, closed=False, continues=continues))
            if opener in _DOUBLE and text[i + 1:i + 2] in _DOUBLE:
                continue_at = i + 1
            opener = ""
        elif _closes(text, i, opener):
            spans.append(QuoteSpan(start, i, continues=continues))
            opener = ""
        elif opener in _SINGLE and ch in "“„«\"" and _can_open(text, i):
            opener = ""  # the single mark was an apostrophe after all: rescan this mark
            continue
        elif opener == "“" and ch == "“":
            spans.append(QuoteSpan(start, i, closed=False, continues=continues))
            start, continues = i + 1, False
        i += 1
    if opener:
        spans.append(QuoteSpan(start, n, closed=False, continues=continues))
    return [s for s in spans if _keep(text, s)]


def _keep(text: str, span: QuoteSpan) -> bool:
    """Drop empty quotes and unclosed single quotes (almost always stray apostrophes)."""
    if not text[span.start:span.end].strip():
        return False
    opener = text[span.start - 1] if span.start else ""
    return span.closed or opener not in _SINGLE


def find_posts(text: str) -> list[Post]:
    """Embedded posts: the line(s) above each signature line, back to the previous blank line."""
    posts = []
    for m in _SIGNATURE.finditer(text):
        end = m.start() - 1
        if end <= 0:
            continue
        start = text.rfind("\n", 0, end) + 1
        name = m.group("name").strip()
        name_start = m.start("name") + m.group("name").find(name)
        posts.append(Post(start, end, name, name_start, name_start + len(name)))
    return posts


def find_labelled_lines(text: str) -> list[LabelledLine]:
    """Lines opened by a capitalised label and a colon (transcripts, "Source: claim" headlines)."""
    return [LabelledLine(m.group("label"), m.start("label"), m.start("body"), m.end("body"))
            for m in _LABELLED.finditer(text) if m.group("label").lower() not in _NOT_SPEAKERS]
