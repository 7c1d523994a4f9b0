"""A speaker's name as the article gives it: titles dropped, short forms and acronyms completed.

News names a person in full once ("Gen Abdel Fattah al-Burhan", "Foreign Minister Therese
Kayikwamba Wagner") and by a short form later ("Gen Burhan", "Kayikwamba"); an organisation
is spelled out once with its acronym in brackets ("the Philippine Coast Guard (PCG)") and
called by the acronym after that. A reader takes the short form for the full one; so does
:class:`NameBook`, which collects the article's full person names and defined acronyms.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, insort
from functools import lru_cache

from flashpoint.kb import KnowledgeBase

#: Honorifics and ranks that may precede a name, besides the office titles of the KB's roles.
_HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "gen", "general", "lt", "lieutenant",
    "col", "colonel", "maj", "major", "capt", "captain", "cmdr", "commander", "adm", "admiral",
    "brig", "brigadier", "sgt", "sergeant", "marshal", "field", "sen", "senator", "rep",
    "representative", "gov", "governor", "mayor", "judge", "justice", "ambassador", "envoy",
    "special", "spokesman", "spokeswoman", "spokesperson", "sheikh", "imam", "rev", "father",
    "pope", "cardinal", "archbishop", "bishop", "prince", "princess", "deputy", "acting",
    "interim", "former", "minister", "secretary", "mp", "lawmaker", "opposition", "leader",
})
_ARTICLES = frozenset({"the", "a", "an"})
_GENDERED = {"mr": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f"}
#: Lower-case words that may sit inside a name ("Coalition for Change", "bin", "al").
NAME_PARTICLES = frozenset({"of", "for", "the", "and", "de", "da", "del", "di", "du", "des", "la",
                             "le", "al", "el", "bin", "ibn", "van", "von", "der", "y"})
#: "Long Name (ACRONYM)": up to eight name words before an acronym in brackets.
_DEFINED_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*[ \xa0]+(?:(?:of|for|the|and|de|on)[ \xa0]+)?){1,8})"
                              r"\((?P<acronym>[A-Z][A-Za-z]{1,7})\)")
#: How many earlier names a short form is compared with (bounds the work per speaker).
_LOOKBACK = 200


def title_words(kb: KnowledgeBase) -> frozenset[str]:
    """Words of office titles (the KB's roles: "foreign minister", "president") and honorifics."""
    return kb.role_words | _HONORIFICS


@lru_cache(maxsize=4096)
def plain(word: str) -> str:
    """Lower case without accents or final full stop, for comparing names (Vučić ~ Vucic)."""
    folded = unicodedata.normalize("NFKD", word.lower().rstrip("."))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def clean_name(text: str) -> str:
    """Drop a possessive ending and surrounding punctuation from a name."""
    text = text.strip(" ,.;:\"“”‘’()")
    for suffix in ("’s", "'s"):
        text = text.removesuffix(suffix)
    return text.strip(" ,.;:\"“”‘’()")


def proper_name(text: str, titles: frozenset[str] = frozenset()) -> tuple[str, str | None]:
    """The name in an entity's text and the gender its title shows: leading articles and
    lower-case words and, for a person, the ``titles`` (:func:`title_words`) dropped ("Gen
    Burhan" -> "Burhan", "Mrs Smith" -> "Smith", f), trailing common nouns too ("the
    Coalition for Change party" -> "Coalition for Change"): a name is its capitalised words.
    (Organisations, given no titles, keep theirs: "General Motors".)"""
    words = clean_name(text).split()
    gender = None
    while len(words) > 1 and (words[0].islower() or words[0].lower() in _ARTICLES
                              or plain(words[0]) in titles):
        gender = gender or _GENDERED.get(plain(words[0]))
        words.pop(0)
    while len(words) > 1 and words[-1].islower():
        words.pop()
    return " ".join(words), gender


def _keys(word: str) -> set[str]:
    """What a name word is looked up by: itself, and its part after a hyphen (al-Burhan)."""
    folded = plain(word)
    return {folded, folded.rsplit("-", 1)[-1]}


def _same_word(short: str, full: str) -> bool:
    """"Burhan" is "al-Burhan"; "Vucic" is "Vučić"."""
    short, full = plain(short), plain(full)
    return short == full or full.endswith("-" + short)


class NameBook:
    """The article's full person names (by position) and acronym definitions."""

    def __init__(self, text: str) -> None:
        self._acronyms: dict[str, str] = {}
        for match in _DEFINED_ACRONYM.finditer(text):
            expansion = _expansion(match.group(1).split(), match.group("acronym"))
            if expansion:
                self._acronyms.setdefault(match.group("acronym"), expansion)
        #: Every word of every full name (also "burhan" for "al-Burhan") -> (start, name words),
        #: sorted: a short form is compared only with the names sharing its last word.
        self._by_word: dict[str, list[tuple[int, tuple[str, ...]]]] = {}

    def add_person(self, start: int, name: str) -> None:
        """Remember a person's name of two words or more at character ``start``."""
        words = tuple(name.split())
        if len(words) > 1:
            for key in {key for word in words for key in _keys(word)}:
                insort(self._by_word.setdefault(key, []), (start, words))

    def acronym(self, name: str) -> str | None:
        """The spelled-out form the article gives for ``name``, if it is an acronym."""
        return self._acronyms.get(name)

    def full_person_name(self, name: str, before: int) -> str:
        """The nearest longer name before ``before`` that holds every word of ``name``."""
        words = name.split()
        entries = self._by_word.get(plain(words[-1]), []) if words else []
        k = bisect_left(entries, (before,))
        for _, full in reversed(entries[max(0, k - _LOOKBACK):k]):
            if len(full) > len(words) and all(any(_same_word(w, f) for f in full) for w in words):
                return " ".join(full)
        return name


def _expansion(words: list[str], acronym: str) -> str | None:
    """The shortest tail of ``words`` whose initials spell ``acronym`` (with or without the
    initials of little words: "Economic Community of West African States" for both ECOWAS and
    ECWAS), possessive ending dropped; None when none does."""
    letters = acronym.upper()
    for start in range(len(words) - 1, -1, -1):
        tail = words[start:]
        if tail[0].lower() in NAME_PARTICLES:
            continue
        capitals = "".join(w[0] for w in tail if w.lower() not in NAME_PARTICLES).upper()
        every = "".join(w[0] for w in tail).upper()
        if letters in (capitals, every):
            return clean_name(" ".join(tail))
    return None
