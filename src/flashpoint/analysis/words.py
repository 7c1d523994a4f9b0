"""Word normalisation shared by story grouping and quote alignment.

Outlets typeset the same words differently (curly or straight apostrophes and quote marks,
dashes, case), so texts are compared only after folding those away; otherwise "I’m" and
"I'm" would count as a difference between two outlets.
"""
from __future__ import annotations

import re
import unicodedata

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u0060": "'", "\u00b4": "'",
                       "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                       "\u2013": "-", "\u2014": "-", "\u2212": "-"})
#: A word: letters or digits, maybe joined by apostrophes or hyphens ("I'm", "cease-fire").
WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*")


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
    words_a, words_b = set(words(a)), set(words(b))
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)
