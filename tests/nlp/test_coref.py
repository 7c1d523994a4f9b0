"""flashpoint_coref: pronouns, bare titles and the first-person helper for quotes."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from flashpoint.nlp.coref import setting_country


def resolved(nlp, text: str, day: date | None) -> Doc:
    """Run the pipeline up to and including coreference, with the article date set."""
    doc = nlp.make_doc(text)
    doc._.published = day
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "flashpoint_coref":
            return doc
    raise AssertionError("flashpoint_coref is not in the pipeline")


def pronouns(doc: Doc) -> list[tuple[str, str | None, str | None]]:
    """(pronoun, antecedent text, code) for every pronoun mention."""
    found = doc._.actor_mentions
    return [(m.text, found[m.resolved_from].text, m.code) for m in found if m.kind == "pronoun"]


def test_he_takes_the_previous_subject(nlp) -> None:
    doc = resolved(nlp, "Trump met Petro on Monday. He said the talks went well.", date(2026, 1, 6))
    assert pronouns(doc) == [("He", "Trump", "USAGOV")]


def test_unknown_people_are_antecedents_too(nlp) -> None:
    doc = resolved(nlp, "John Miller met the minister. Later he resigned.", None)
    assert [(p, a) for p, a, _ in pronouns(doc)] == [("he", "John Miller")]


def test_she_needs_a_female_antecedent(nlp) -> None:
    doc = resolved(nlp, "Claudia Sheinbaum met Marco Rubio. Later she rejected the plan.",
                   date(2025, 3, 1))
    assert pronouns(doc) == [("she", "Claudia Sheinbaum", "MEXGOV")]


def test_object_pronoun_skips_its_own_clause_subject(nlp) -> None:
    doc = resolved(nlp, "Petro challenged Trump, daring him to act.", date(2026, 1, 6))
    assert pronouns(doc) == [("him", "Trump", "USAGOV")]


def test_its_means_a_state_and_passes_its_country_to_a_possessed_agent(nlp) -> None:
    doc = resolved(nlp, "Colombia said its army would stay.", date(2026, 1, 6))
    codes = {m.text: m.code for m in doc._.actor_mentions}
    assert codes == {"Colombia": "COL", "its": "COL", "army": "COLMIL"}


def test_descriptions_link_back_to_the_person(nlp) -> None:
    doc = resolved(nlp, "Petro spoke. The Colombian leader was angry. The president left.",
                   date(2026, 1, 6))
    found = doc._.actor_mentions
    leader, president = found[1], found[2]
    assert (leader.text, found[leader.resolved_from].text) == ("Colombian leader", "Petro")
    assert (president.name, president.code) == ("Gustavo Petro", "COLGOV")
    assert president.resolved_from == 1


def test_bare_title_without_antecedent_is_the_home_countrys_office_holder(nlp) -> None:
    doc = resolved(nlp, "Trump spoke. The president left.", date(2022, 6, 1))
    president = doc._.actor_mentions[1]  # Trump is no president in 2022
    assert (president.name, president.code, president.resolved_from) == (
        "Joe Biden", "USAGOV", None)


def test_unqualified_agents_belong_to_the_home_country(nlp) -> None:
    doc = resolved(nlp, "President Juan Pérez declared a curfew in Honduras after police "
                        "clashed with protesters, analysts said.", date(2024, 1, 1))
    codes = {m.text: (m.country, m.code) for m in doc._.actor_mentions}
    assert codes["President Juan Pérez"] == ("HND", "HNDGOV")
    assert codes["police"] == ("HND", "HNDCOP")
    assert codes["protesters"] == ("HND", "HNDCVL")
    assert codes["analysts"] == (None, "ELI")  # elites are not localised


def test_setting_country_is_the_most_named_then_the_first(nlp) -> None:
    found = resolved(nlp, "Haiti and Cuba met. Cuba agreed.", None)._.actor_mentions
    assert setting_country(found) == "CUB"
    assert setting_country(found[:2]) == "HTI"
    assert setting_country([]) is None


def test_seed_pronouns(nlp, seed_paths) -> None:
    doc = resolved(nlp, seed_paths[0].read_text("utf-8"), date(2026, 1, 6))
    found = doc._.actor_mentions
    refs = [(m.text, found[m.resolved_from].name) for m in found if m.kind == "pronoun"]
    assert ("him", "Donald Trump") == refs[0]  # "... response to Trump, daring him"
    assert sum(name == "Gustavo Petro" for _, name in refs) >= 5
    assert all(found[m.resolved_from].start < m.start for m in found if m.resolved_from is not None)


def test_a_titled_stranger_is_not_of_the_country_named_for_the_other_person(nlp) -> None:
    doc = resolved(nlp, "President Jan Kowalczyk welcomed Kenyan leader Amina Odhiambo to the summit.",
                   date(2025, 3, 4))
    by_text = {m.text: m.country for m in doc._.actor_mentions}
    assert by_text["President Jan Kowalczyk"] is None
    assert by_text["Kenyan leader Amina Odhiambo"] == "KEN"


def test_a_titled_stranger_is_of_the_country_the_story_is_set_in(nlp) -> None:
    doc = resolved(nlp, "Unrest spread across Haiti. President Jan Kowalczyk declared a curfew.",
                   date(2025, 3, 4))
    assert {m.text: m.country for m in doc._.actor_mentions}["President Jan Kowalczyk"] == "HTI"


def test_people_from_a_group_of_a_country_are_of_that_country(nlp) -> None:
    doc = resolved(nlp, "Doctors from two Swedish charities arrived in Kenya.", date(2025, 3, 4))
    doctors = next(m for m in doc._.actor_mentions if m.text == "Doctors")
    assert doctors.country == "SWE"


def test_an_office_of_an_international_body_beats_the_persons_country(nlp) -> None:
    doc = resolved(nlp, "Rafael Grossi, the head of the IAEA, arrived in Tehran.", date(2025, 3, 4))
    grossi = next(m for m in doc._.actor_mentions if m.text == "Rafael Grossi")
    assert (grossi.country, grossi.code) == (None, "IGOIAEA")


def test_people_localised_to_the_home_country_are_marked_so(nlp) -> None:
    """A scene named later may say better where they are (``Parties.record_actor``)."""
    doc = resolved(nlp, "Russian missiles killed 23 people.", date(2025, 3, 4))
    people = next(m for m in doc._.actor_mentions if m.text == "people")
    assert people.localised and people.country == "RUS"


def test_a_title_of_a_body_is_not_the_home_countrys_and_takes_the_name_after_it(nlp) -> None:
    doc = resolved(nlp, "The bloc's foreign policy chief, Kaja Kallas, criticised China's support for Russia.",
                   date(2025, 3, 4))
    by_text = {m.text: m for m in doc._.actor_mentions}
    assert by_text["Kaja Kallas"].code == by_text["chief"].code == "IGOEEC"
    alone = resolved(nlp, "The bloc's foreign policy chief criticised China.", date(2025, 3, 4))
    assert next(m for m in alone._.actor_mentions if m.text == "chief").country is None


def test_a_titled_person_of_a_country_is_of_that_country(nlp) -> None:
    doc = resolved(nlp, "King Hassan of Morocco said he would host a meeting of Israeli and Palestinian leaders.",
                   date(2000, 1, 1))
    hassan = next(m for m in doc._.actor_mentions if m.text == "King Hassan")
    assert hassan.country == "MAR"
