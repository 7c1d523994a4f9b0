"""Structural constraints on an event's two actors, kept in one place because every rule of the
coder must respect them (error classes 1-3 of the coder's accuracy issue).

1. **No self-dyad.** The same mention on both sides, or the same actor (same name, or the same
   actor code), is a parsing error far more often than news: no event. A *domestic* dyad
   (source and target of one country) needs two different actors of that country: a state or
   its government acting on the bare country itself is no dyad ("Kenya ... Kenya"), while
   police -> protesters (COP -> OPP), army -> rebels (MIL -> REB) or a president -> the
   opposition are.
2. **Places are not parties.** A place named as the scene of an event ("the raid in Caracas",
   "delegations met in Istanbul") is its location, never its source: arguments are read from
   the subject, object and directional phrases only (:mod:`flashpoint.nlp.event_args`), and a
   capital is an actor only as its government's voice ("Washington said", "Moscow imposed").
   A place may still be the *target* of force used on it ("fired into Cambodia", "troops in
   Mali"): the CAMEO convention for attacks on and deployments to a territory.
3. **The speaker is not the actor.** "X did Y, Z said": the reported clause is the event and Z
   is ``modality.reported_by``; this is enforced where speech frames are read
   (:mod:`flashpoint.nlp.events`), and here only as "a reporter is never its own event's source".
"""
from __future__ import annotations

from flashpoint.records import Actor


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Whether two record actors are one and the same (mention, name or full actor code)."""
    if not a or not b:
        return False
    if a.get("start") is not None and (a.get("start"), a.get("end")) == (b.get("start"), b.get("end")):
        return True
    if a.get("name") and a.get("name") == b.get("name"):
        return True
    return bool(a.get("code")) and a.get("code") == b.get("code") and not (
        a.get("name") and b.get("name"))  # two named people of one government may act on each other


def domestic_ok(source: Actor, target: Actor) -> bool:
    """A same-country dyad is an event only between two different actors of that country: the
    bare state never acts on itself or its own government, nor a government on itself, unless
    they are two named officials ("the president accused the prime minister")."""
    country = source.get("country")
    if not country or country != target.get("country"):
        return True
    codes = {source.get("code"), target.get("code")}
    if not codes <= {country, country + "GOV"}:
        return True  # police, army, rebels, protesters, opposition: a domestic dyad
    if country in codes:
        return False
    return bool(source.get("name") and target.get("name") and source["name"] != target["name"])


def violation(source: Actor | None, target: Actor | None,
              reported_by: Actor | None = None) -> str | None:
    """Why a (source, target) pair cannot be an event, or None when it can."""
    if source is not None and reported_by is not None and same_actor(source, reported_by) \
            and source.get("start") == reported_by.get("start"):
        return "speaker as actor"
    if source is None or target is None:
        return None
    if same_actor(source, target):
        return "self-dyad"
    if not domestic_ok(source, target):
        return "state acting on itself"
    return None

