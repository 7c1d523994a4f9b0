"""Natural-case names and the word lists that tell people from organisations and titles.

The actor dictionaries write every name in upper case with ``_`` between words. Casing rules:

People (``person_name``): every word title-cased, also after a hyphen, a period (initials
"R.K.") and an apostrophe at the second letter ("O'Brien", "D'Escoto"); "Mc" keeps the next
letter capital ("McCain"); Roman numerals stay upper case ("Hussein II"). Name particles are
lower case except as the first word: al, el, bin, ibn, bint, de, del, della, der, di, du, da,
dos, das, van, von, ter, den, y, and the hyphenated Arabic article ("al-Assad", "ul-Haq").
Korean given names keep both capitals ("Ban Ki-Moon").

Organisations (``org_name``): the same, but function words are lower case ("United Nations
Children's Fund"), and words that look like acronyms stay upper case: with a digit, period,
``/`` or ``&``; in parentheses; without a vowel; two- or three-letter words that are not a
common short word ("UN", "ANC"); and a name that is a single word of at most five letters
("NATO", "UNHCR").
"""
from __future__ import annotations

import re

#: Lower-case name particles (not as the first word of a name).
PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "del", "della", "der", "di",
                       "du", "da", "dos", "das", "van", "von", "ter", "den", "y"})
#: Arabic article and connectors written with a hyphen before the next name part.
HYPHEN_PARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "ud-", "ul-")
#: Function words written lower case inside organisation names.
FUNCTION_WORDS = frozenset({"a", "an", "and", "at", "by", "de", "des", "du", "en", "et", "for",
                            "from", "in", "la", "le", "les", "of", "on", "or", "the", "to",
                            "wa", "with", "y"})
#: Ordinary short words that are not acronyms when they occur in organisation names.
COMMON_SHORT_WORDS = FUNCTION_WORDS | PARTICLES | frozenset({
    "abu", "age", "aid", "air", "all", "arm", "art", "bay", "big", "day", "end", "gas", "god",
    "ibn", "inc", "key", "law", "los", "las", "ltd", "man", "men", "net", "new", "non", "oil",
    "one", "pro",
    "red", "san", "sao", "sea", "six", "sun", "ten", "top", "two", "war", "way", "web"})
_ROMAN = frozenset({"ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii"})
_VOWEL = re.compile(r"[aeiouy]")


def _capitalise(word: str) -> str:
    """Title-case one word: capitals at the start, after ``-``, ``.``, ``/`` and an apostrophe
    in first or second position; "Mc" prefix; Roman numerals upper case."""
    lower = word.lower()
    if lower in _ROMAN:
        return word.upper()
    letters = []
    for index, char in enumerate(lower):
        after_break = index == 0 or lower[index - 1] in "-./"
        after_apostrophe = lower[index - 1:index] == "'" and index <= 2
        letters.append(char.upper() if after_break or after_apostrophe else char)
    cased = "".join(letters)
    if re.match(r"Mc[a-z]", cased) and len(cased) > 3:
        cased = "Mc" + cased[2].upper() + cased[3:]
    return cased


def words_of(phrase: str) -> list[str]:
    """A dictionary phrase's words: ``_`` and blanks separate, trailing ``_`` ignored, and an
    unclosed parenthesis ends the phrase ("NIKOLAY_TODOROV (ACTING_" -> NIKOLAY TODOROV)."""
    if "(" in phrase and ")" not in phrase.partition("(")[2]:
        phrase = phrase.partition("(")[0]
    return phrase.replace("_", " ").split()


def person_name(phrase: str) -> str:
    """``BARACK_OBAMA`` -> ``Barack Obama``; ``BASHAR_AL-ASSAD`` -> ``Bashar al-Assad``."""
    out = []
    for index, word in enumerate(words_of(phrase)):
        lower = word.lower()
        if index and lower in PARTICLES:
            out.append(lower)
        elif index and lower.startswith(HYPHEN_PARTICLES) and lower.partition("-")[2]:
            prefix, _, rest = lower.partition("-")
            out.append(f"{prefix}-{_capitalise(rest)}")
        else:
            out.append(_capitalise(word))
    return " ".join(out)


def _looks_like_acronym(word: str, alone: bool) -> bool:
    bare = word.strip("()")
    lower = bare.lower()
    if word.startswith("(") or re.search(r"[\d./&]", bare):
        return True
    if not _VOWEL.search(lower):
        return True
    if alone:
        return len(bare) <= 5
    return 2 <= len(bare) <= 3 and lower not in COMMON_SHORT_WORDS


def org_name(phrase: str) -> str:
    """``UNITED_NATIONS_CHILDREN'S_FUND`` -> ``United Nations Children's Fund``; ``UN_MISSION``
    -> ``UN Mission``; ``NATO`` stays ``NATO``."""
    words = words_of(phrase)
    out = []
    for index, word in enumerate(words):
        lower = word.lower()
        if _looks_like_acronym(word, alone=len(words) == 1):
            out.append(word.upper())
        elif index and lower in FUNCTION_WORDS:
            out.append(lower)
        else:
            out.append(_capitalise(word))
    return " ".join(out)
