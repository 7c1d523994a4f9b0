"""Word normalisation shared by story grouping and quote alignment.

Outlets typeset the same words differently (curly or straight apostrophes and quote marks,
dashes, case), so texts are compared only after folding those away; otherwise "I’m" and
"I'm" would count as a difference between two outlets.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                       "\u2013": "-", "\u2014": "-", "\u2212": "-"})
#: A word: letters or digits, maybe joined by apostrophes or hyphens ("I'm", "cease-fire").
WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


#: English function words (articles, pronouns, prepositions, conjunctions, auxiliaries and
#: particles): words that carry grammar, not content. "Only this outlet has: if, to, it" says
#: nothing about how two outlets' quotations differ, so these are never reported as such.
FUNCTION_WORDS = frozenset(
    "a an the this that these those some any each every no all both either neither "  # noqa: SIM905
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs "
    "myself yourself himself herself itself ourselves themselves who whom whose which what "
    "of to in on at by for with from as into onto about over under after before between through "
    "during without within against among upon off out up down than via per "
    "and or but nor so yet if then else because while whereas although though unless until when "
    "where why how whether "
    "be am is are was were been being have has had having do does did done doing "
    "will would shall should can could may might must ought "
    "not n't 's 're 've 'd 'll 'm there here also too very just only even still again ever".split())


def content_words(found: Iterable[str]) -> list[str]:
    """``found`` (normalised words) without function words or numbers alone, in order."""
    return [w for w in found if w not in FUNCTION_WORDS and not w.isdigit()]


def normalise(text: str) -> str:
    """NFKC, straight apostrophes/quotes/dashes, case-folded: the form texts are compared in."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()


def words(text: str) -> list[str]:
    """The normalised words of ``text`` in order ("I’m" → "i'm")."""
    return WORD.findall(normalise(text))


def names_agree(a: str, b: str) -> bool:
    """Whether two names may be one person: the words of one are all in the other.

    "Petro", "Gustavo Petro" and "Gustavo Petro Urrego" agree; "Donald Trump" and "Donald
    Tusk" do not.
    """
    words_a, words_b = _name_words(a), _name_words(b)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    """The words of a name, kept: reconciling a story compares each name with many others."""
    return frozenset(words(name))
