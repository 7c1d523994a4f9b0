"""Regular plurals, as PETRARCH generates them for synset members and agent nouns.

PETRARCH documents "add S, IES after Y, ES after SS" (its code adds ES after any S) and applies
it to the last word of a phrase. The converter applies it to the head noun - the last word, or
the word before a preposition ("minister of finance" -> "ministers of finance", where PETRARCH
writes "minister of finances") - with the English rule PETRARCH's approximates, so that no
non-word is generated: consonant + y -> ies ("party" -> "parties"), vowel + y -> s ("envoy" ->
"envoys", where PETRARCH writes "envoies"), ss/x/z/ch/sh/us -> es ("boss" -> "bosses", "box"
-> "boxes", "bus" -> "buses"), any other final s -> no plural (the word is already plural,
"forces", "hostilities", or Greek/Latin, "analysis"), otherwise s.
"""
from __future__ import annotations

_VOWELS = set("aeiou")
_ES_ENDINGS = ("ss", "x", "z", "ch", "sh", "us")
PREPOSITIONS = frozenset({"at", "for", "from", "in", "of", "on", "to", "with"})


def regular_plural(word: str) -> str | None:
    """The regular plural of one lower-case word, or None when it takes none (see above)."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        return word[:-1] + "ies"
    if word.endswith(_ES_ENDINGS):
        return word + "es"
    if word.endswith("s"):
        return None
    return word + "s"


def plural_phrase(phrase: str) -> str | None:
    """The phrase with its head noun made plural: the word before the first preposition that
    follows another word, else the last word."""
    words = phrase.split()
    head = next((i - 1 for i in range(1, len(words)) if words[i] in PREPOSITIONS),
                len(words) - 1)
    plural = regular_plural(words[head])
    if plural is None:
        return None
    return " ".join([*words[:head], plural, *words[head + 1:]])
