"""Read PETRARCH2's verb dictionary (CAMEO.2.0.txt) into flat verb-pattern rows and synsets.

The file has two sections. Before ``####### VERB PATTERNS #######``: synonym sets
(``&LABEL`` followed by ``+MEMBER`` lines). After it: blocks headed ``--- NAME [CODE] ---``,
each listing verbs (``VERB {irregular forms} [code]``, multi-word verbs as ``+CALL_OFF``) and
patterns (``- pre-verb nouns * post-verb nouns (PREP noun) [CODE] # ORIGINAL VERB``). In
PETRARCH2 the patterns of a block apply to every verb of the block, so petrarch_verbs.tsv has
one row per (verb, pattern) plus one row per verb with an empty pattern for its own code.

Decisions:
- ``{...}`` irregular forms are inflections of the verb and are not emitted (a parser
  lemmatizes).
- ``+`` marks the verb word of a multi-word verb; the words after it go to ``particle``, words
  before it to ``particle`` each prefixed with ``<`` (``WIRE_+TAP``: ``tap`` / ``<wire``). A
  multi-word verb without ``+`` takes its first word as the verb (counted).
- ``[A:B]`` is PETRARCH's active:passive code pair: ``code`` is A (``---`` when A is empty, as
  PETRARCH2's convert_code reads ``[:173]``) and ``passive_code`` is B.
- Words are lower-cased; ``_`` joins the words of one phrase and becomes a space; ``{A B}``
  loses its braces (head last); ``&SYNSET`` becomes ``@synset`` (petrarch_synsets.tsv). A
  pattern naming a synset that the file never defines is skipped, as PETRARCH does (counted).
- ``X/Y`` alternatives of plain words (``(BY/WITH SANCTIONS)``) are expanded into one row each;
  PETRARCH2 would have looked for the literal token and never matched.
- A leading post-verb word that is a verb particle (up, down, off, out, away, back, forward,
  aside, together, apart) moves to ``particle``: SET + ``- * OUT VIEWS`` is "set out" with
  object "views".
- Synset plurals (petrarch_synsets.tsv): the regular plural of each member (rule below),
  except for members or labels ending with ``_``.

Columns of petrarch_verbs.tsv (all lower case):
- lemma: the verb; particle: see above; block: the ``--- NAME ---`` block.
- code: the CAMEO code of the pattern, or the verb's own code (its ``[code]``, else the
  block's) on the row with an empty pattern; ``---`` means "no event" and is kept because it
  stops a bare verb from being coded.
- subject / object: noun words before / after the verb, head last.
- preps: ``prep:noun words`` items joined by `` ; ``; ``prep:`` with no noun means any object
  (``(TO)``, ``(FROM ^)``); a ``<`` before the preposition puts the phrase before the verb.
- source: the verb(s) the pattern's comment names, ``|``-joined (where it was first written).
- markers, joined by `` ; ``: ``source=POSITION``/``target=POSITION``/``compound=POSITION``
  where the pattern has ``$``/``+``/``%`` (POSITION is subject, object or prep:PREP; ``^``,
  skip a word, is dropped); ``sequence``: the bare words include function words ("OVER
  MEETING OF +"), a TABARI word sequence that PETRARCH2's noun-list reader kept but could not
  really match; ``shadowed``: the same pattern comes again later in the block with another
  code, and PETRARCH2 keeps the later one; ``later_block``: the verb is listed in an earlier
  block too, and PETRARCH2 attaches it (and its inflections) to the earlier block only.
- passive_code: B of ``[A:B]``, else empty.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tools.petrarch.common import Report, SourceLine, phrase_words, read_source_lines
from tools.petrarch.plurals import plural_phrase

SECTION = "petrarch_verbs.tsv"
SYNSET_SECTION = "petrarch_synsets.tsv"
COLUMNS = ("lemma", "particle", "code", "subject", "object", "preps", "block", "source",
           "markers", "passive_code")
SYNSET_COLUMNS = ("class", "words")

_PATTERNS_START = "####### VERB PATTERNS"
_BLOCK = re.compile(r"^---\s+(\S+)\s*(?:\[([^\]]*)\])?[\s-]*$")
_CODE_AT_END = re.compile(r"\[([^\]]*)\]\s*$")
_CODE_VALUE = re.compile(r"---|\d{2,4}")
_TOKEN = re.compile(r"[(){}*]|[^\s(){}*]+")
_ALTERNATIVES = re.compile(r"(?<![\w/])([A-Z][A-Z-]+(?:/[A-Z][A-Z-]+)+)(?![\w/])")
_LEMMA = re.compile(r"[a-z][a-z'-]*")
_MARKERS = {"$": "source", "+": "target", "%": "compound"}
_SKIP = "^"
#: Words that, right after the verb, make a phrasal verb rather than start its object.
PARTICLES = frozenset({"up", "down", "off", "out", "away", "back", "forward", "aside",
                       "together", "apart"})
#: Function words: bare pattern words of this kind betray a TABARI word sequence.
FUNCTION_WORDS = frozenset({"a", "about", "against", "an", "and", "as", "at", "between", "by",
                            "for", "from", "in", "into", "of", "on", "onto", "or", "over",
                            "than", "that", "the", "to", "toward", "towards", "under", "upon",
                            "will", "with"})


class PatternError(ValueError):
    """A pattern line that cannot be read; the message is the report reason."""


@dataclass(frozen=True)
class Synset:
    """A ``&LABEL`` synonym set; ``plural`` is False when the label ends with ``_``."""

    name: str
    members: tuple[str, ...]
    plural: bool


@dataclass(frozen=True)
class Verb:
    """One verb of a block: lemma, particle words and its own code."""

    lemma: str
    particle: str
    code: str
    passive: str


@dataclass(frozen=True)
class Pattern:
    """One pattern line, flattened (one per expanded alternative)."""

    particle: str
    subject: str
    object: str
    preps: tuple[str, ...]
    markers: tuple[str, ...]
    code: str
    passive: str
    source: str

    def key(self) -> tuple[object, ...]:
        """What PETRARCH2's pattern tree keys on: everything but the codes and the comment."""
        return (self.particle, self.subject, self.object, self.preps, self.markers)


@dataclass
class Block:
    """A ``--- NAME [CODE] ---`` block: its verbs and patterns in file order."""

    name: str
    code: str
    passive: str
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class VerbRow:
    """One output row of petrarch_verbs.tsv (field order = column order = sort order)."""

    lemma: str
    particle: str
    block: str
    subject: str
    object: str
    preps: str
    code: str
    markers: str
    passive_code: str
    source: str

    def cells(self) -> tuple[str, ...]:
        return (self.lemma, self.particle, self.code, self.subject, self.object, self.preps,
                self.block, self.source, self.markers, self.passive_code)


def synset_name(label: str) -> str:
    """``&WEAPON`` / ``&AUXVERB1_`` -> ``weapon`` / ``auxverb1``."""
    return label.lstrip("&").rstrip("_").lower()


def _join(*parts: str) -> str:
    """Words of the parts in order, each word once (``call off`` + ``off`` -> ``call off``)."""
    return " ".join(dict.fromkeys(word for part in parts for word in part.split()))


# --- synsets -------------------------------------------------------------------------------


def synset_words(synset: Synset) -> list[str]:
    """Members as lower-case phrases, each followed by its regular plural where PETRARCH makes
    one (not when the member or the label ends with ``_``); duplicates removed, order kept."""
    words: list[str] = []
    for member in synset.members:
        phrase = phrase_words(member)
        forms = [phrase]
        if synset.plural and not member.endswith("_") and phrase:
            forms.append(plural_phrase(phrase) or "")
        words.extend(form for form in forms if form and form not in words)
    return words


def synset_rows(synsets: dict[str, Synset]) -> list[tuple[str, str]]:
    return sorted((name, "|".join(synset_words(s))) for name, s in synsets.items())


# --- patterns ------------------------------------------------------------------------------


def expand_alternatives(text: str) -> list[str]:
    """``(BY/WITH SANCTIONS)`` -> ``(BY SANCTIONS)``, ``(WITH SANCTIONS)`` (every combination).

    Only words of letters and hyphens are split, so model names such as ``F/A-18`` stay whole.
    """
    match = _ALTERNATIVES.search(text)
    if not match:
        return [text]
    head, tail = text[:match.start()], text[match.end():]
    return [expanded for option in match.group(1).split("/")
            for expanded in expand_alternatives(head + option + tail)]


@dataclass
class _Side:
    """The words, prepositional phrases and markers on one side of the verb."""

    position: str
    words: list[str] = field(default_factory=list)
    preps: list[str] = field(default_factory=list)
    markers: list[str] = field(default_factory=list)
    particles: list[str] = field(default_factory=list)
    bare: list[str] = field(default_factory=list)


def _word(token: str, synsets: dict[str, Synset]) -> str:
    if token.startswith("&"):
        name = synset_name(token)
        if name not in synsets:
            raise PatternError(f"undefined synset {token} (PETRARCH skips the pattern)")
        return "@" + name
    return phrase_words(token)


def _closing(tokens: list[str], start: int, close: str) -> int:
    """Index of the bracket closing the one at ``start``; brackets of the same kind don't nest."""
    opening = tokens[start]
    for index in range(start + 1, len(tokens)):
        if tokens[index] == close:
            return index
        if tokens[index] == opening:
            break
    raise PatternError(f"unclosed {opening}")


def _prep_phrase(inner: list[str], side: _Side, synsets: dict[str, Synset]) -> None:
    words = [t for t in inner if t not in "{}"]
    if not words or words[0] in _MARKERS or words[0] == _SKIP:
        raise PatternError("prepositional phrase without a preposition")
    prep = _word(words[0], synsets)
    nouns: list[str] = []
    for token in words[1:]:
        if token in _MARKERS:
            side.markers.append(f"{_MARKERS[token]}=prep:{prep}")
        elif token != _SKIP:
            nouns.append(_word(token, synsets))
    prefix = "<" if side.position == "subject" else ""
    side.preps.append(f"{prefix}{prep}:{' '.join(nouns)}")


def _parse_side(tokens: list[str], position: str, synsets: dict[str, Synset]) -> _Side:
    side = _Side(position)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token == "(":
            end = _closing(tokens, index, ")")
            _prep_phrase(tokens[index + 1:end], side, synsets)
            index = end
        elif token == "{":
            end = _closing(tokens, index, "}")
            inner = tokens[index + 1:end]
            if any(t in _MARKERS or t in "()" for t in inner):
                raise PatternError("marker or bracket inside {...}")
            side.words.extend(_word(t, synsets) for t in inner)
            index = end
        elif token in ")}":
            raise PatternError(f"unbalanced {token}")
        elif token in _MARKERS:
            side.markers.append(f"{_MARKERS[token]}={position}")
        elif token != _SKIP:
            word = _word(token, synsets)
            nothing_yet = not side.words and not side.preps
            if position == "object" and nothing_yet and word in PARTICLES:
                side.particles.append(word)
            else:
                side.words.append(word)
                side.bare.append(word)
        index += 1
    return side


def _split_code(text: str) -> tuple[str, str, str]:
    """Pattern text -> (body, active code, passive code)."""
    match = _CODE_AT_END.search(text)
    if not match:
        raise PatternError("no [code] at the end")
    active, _, passive = (part.strip() for part in match.group(1).partition(":"))
    active = active or "---"
    if not _CODE_VALUE.fullmatch(active) or (passive and not _CODE_VALUE.fullmatch(passive)):
        raise PatternError(f"malformed code [{match.group(1)}]")
    return text[:match.start()], active, passive


def pattern_source(comment: str) -> str:
    """The original verb(s) named in a pattern's comment: ``SET_UP , FORGE`` -> ``set up|forge``.

    Only leading upper-case words of each comma-separated part count, so coder notes such as
    ``<ab 02 Dec 2005>`` are left out.
    """
    verbs: list[str] = []
    for part in comment.split(","):
        words = list(itertools.takewhile(lambda w: re.fullmatch(r"[A-Z][A-Z_-]*", w),
                                         part.split()))
        verb = phrase_words(" ".join(words))
        if verb and verb not in verbs:
            verbs.append(verb)
    return "|".join(verbs)


def parse_pattern(text: str, comment: str, synsets: dict[str, Synset]) -> list[Pattern]:
    """One pattern line (without the leading ``-``) -> its flattened patterns.

    Raises PatternError with the reason when the line cannot be read.
    """
    body, active, passive = _split_code(text)
    body = re.sub(r"_?\*_?", " * ", body)
    source = pattern_source(comment)
    patterns = []
    for variant in expand_alternatives(body):
        tokens = _TOKEN.findall(variant)
        if tokens.count("*") != 1:
            raise PatternError("not exactly one * (verb position)")
        star = tokens.index("*")
        pre = _parse_side(tokens[:star], "subject", synsets)
        post = _parse_side(tokens[star + 1:], "object", synsets)
        markers = list(dict.fromkeys(pre.markers + post.markers))
        if FUNCTION_WORDS.intersection(pre.bare + post.bare):
            markers.append("sequence")
        patterns.append(Pattern(
            particle=" ".join(post.particles), subject=" ".join(pre.words),
            object=" ".join(post.words), preps=tuple(pre.preps + post.preps),
            markers=tuple(markers), code=active, passive=passive, source=source))
    return patterns


# --- verbs ---------------------------------------------------------------------------------


def parse_verb(text: str, block: Block, report: Report, where: str) -> Verb:
    """A verb line -> Verb; ``{...}`` forms are dropped, ``[code]`` overrides the block's.

    A verb's own code may be an active:passive pair like a pattern's (``[:110]``).
    """
    code, passive = block.code, block.passive
    if _CODE_AT_END.search(text):
        text, code, passive = _split_code(text)
    words = text.partition("{")[0].split()
    if len(words) != 1:
        raise PatternError("verb line without exactly one verb before {...}")
    token = words[0]
    if "+" in token:
        before, _, after = token.partition("+")
        pre = [w for w in before.split("_") if w]
        lemma, *post = after.split("_")
    else:
        lemma, *post = token.split("_")
        pre = []
        if post:
            report.add(SECTION, "multi-word verb without + (first word taken as the verb)", where)
    lemma = lemma.lower()
    if not _LEMMA.fullmatch(lemma):
        raise PatternError(f"verb {token!r} is not a word")
    particle = _join(" ".join("<" + word for word in pre).lower(), " ".join(post).lower())
    return Verb(lemma, particle, code, passive)


# --- the whole file ------------------------------------------------------------------------


def _read_synset_section(lines: Iterator[SourceLine], report: Report) -> dict[str, Synset]:
    members: dict[str, list[str]] = {}
    plural: dict[str, bool] = {}
    current = ""
    for line in lines:
        if line.raw.startswith(_PATTERNS_START):
            break
        if not line.text:
            continue
        if line.text.startswith("&"):
            current = synset_name(line.text.split()[0])
            plural[current] = not line.text.split()[0].endswith("_")
            members.setdefault(current, [])
        elif line.text.startswith("+") and current:
            members[current].append(line.text[1:].strip())
        else:
            report.add(SYNSET_SECTION, "line outside a synset (skipped)", f"line {line.number}")
    return {name: Synset(name, tuple(words), plural[name]) for name, words in members.items()}


def read_verb_dictionary(path: Path, report: Report) -> tuple[dict[str, Synset], list[Block]]:
    """Parse CAMEO.2.0.txt into its synsets and verb blocks, counting what cannot be read."""
    lines = read_source_lines(path)
    synsets = _read_synset_section(lines, report)
    blocks: list[Block] = []
    for line in lines:
        if not line.text:
            continue
        where = f"line {line.number}"
        header = _BLOCK.match(line.text)
        try:
            if header:
                _, code, passive = _split_code(f"[{header.group(2) or '---'}]")
                blocks.append(Block(header.group(1).lower(), code, passive))
            elif line.text.startswith("~"):
                report.add(SECTION, "verb transformation line (~ ...) not converted", where)
            elif not blocks:
                raise PatternError("line before the first block")
            elif line.text.startswith("-"):
                found = parse_pattern(line.text[1:], line.comment, synsets)
                blocks[-1].patterns.extend(found)
                if len(found) > 1:
                    report.add(SECTION, "X/Y alternatives expanded (extra rows per verb)",
                               where, len(found) - 1)
            else:
                blocks[-1].verbs.append(parse_verb(line.text, blocks[-1], report, where))
        except PatternError as error:
            report.add(SECTION, f"unparsed line: {error}", where)
    return synsets, blocks


def _merge_patterns(block: Block, report: Report) -> list[Pattern]:
    """Duplicates merged (sources joined); earlier codes of a re-coded pattern marked shadowed."""
    merged: dict[tuple[object, ...], Pattern] = {}
    last_code: dict[tuple[object, ...], tuple[str, str]] = {}
    for pattern in block.patterns:
        full_key = (*pattern.key(), pattern.code, pattern.passive)
        last_code[pattern.key()] = (pattern.code, pattern.passive)
        if full_key in merged:
            report.add(SECTION, "duplicate pattern in a block merged", block.name)
            old = merged[full_key]
            sources = dict.fromkeys((old.source + "|" + pattern.source).strip("|").split("|"))
            merged[full_key] = replace(old, source="|".join(s for s in sources if s))
        else:
            merged[full_key] = pattern
    result = []
    for pattern in merged.values():
        if last_code[pattern.key()] != (pattern.code, pattern.passive):
            report.add(SECTION, "pattern re-coded later in its block (marked shadowed)", block.name)
            pattern = replace(pattern, markers=(*pattern.markers, "shadowed"))
        result.append(pattern)
    return result


def verb_rows(blocks: Iterable[Block], report: Report) -> list[VerbRow]:
    """Flatten blocks to rows: each verb with its own code, then with every block pattern."""
    first_block: dict[tuple[str, str], str] = {}
    rows: set[VerbRow] = set()
    for block in blocks:
        patterns = _merge_patterns(block, report)
        for verb in dict.fromkeys(block.verbs):
            owner = first_block.setdefault((verb.lemma, verb.particle), block.name)
            shadow = ("later_block",) if owner != block.name else ()
            if shadow:
                report.add(SECTION, "verb listed again in a later block (rows marked later_block)",
                           f"{verb.lemma} {verb.particle}".strip() + f" in {block.name}")
            rows.add(VerbRow(verb.lemma, verb.particle, block.name, "", "", "", verb.code,
                             " ; ".join(shadow), verb.passive, ""))
            for p in patterns:
                rows.add(VerbRow(verb.lemma, _join(verb.particle, p.particle), block.name,
                                 p.subject, p.object, " ; ".join(p.preps), p.code,
                                 " ; ".join(p.markers + shadow), p.passive, p.source))
    return sorted(rows)
