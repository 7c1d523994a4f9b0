"""flashpoint_actors on sentences written for these tests and on the real seed articles."""
from __future__ import annotations

from datetime import date, datetime
from itertools import pairwise

import pytest

from flashpoint.nlp.mentions import ActorMention


def mentions(nlp, text: str, day: date | None) -> list[ActorMention]:
    """Run only the actor component, with the article date set as the pipeline does."""
    doc = nlp.make_doc(text)
    doc._.published = day
    for name, proc in nlp.pipeline:
        doc = proc(doc)
        if name == "flashpoint_actors":
            return doc._.actor_mentions
    raise AssertionError("flashpoint_actors is not in the pipeline")


def by_text(found: list[ActorMention]) -> dict[str, ActorMention]:
    return {m.text: m for m in found}


def test_titles_and_names_form_one_person_mention(nlp) -> None:
    found = by_text(mentions(nlp, "US Secretary of State Marco Rubio met Venezuelan President "
                                  "Nicolás Maduro and President Petro.", date(2025, 3, 1)))
    rubio = found["US Secretary of State Marco Rubio"]
    assert (rubio.kind, rubio.name, rubio.code) == ("person", "Marco Rubio", "USAGOV")
    assert found["Venezuelan President Nicolás Maduro"].code == "VENGOV"
    assert found["President Petro"].code == "COLGOV"


def test_kb_surnames_are_people_whatever_spacy_labels_them(nlp) -> None:
    found = by_text(mentions(nlp, "Trump warned Petro.", date(2026, 1, 6)))
    assert found["Trump"].kind == found["Petro"].kind == "person"
    assert (found["Petro"].country, found["Trump"].country) == ("COL", "USA")


def test_a_person_is_coded_for_the_article_date(nlp) -> None:
    text = "Trump criticized the decision."
    assert mentions(nlp, text, date(2019, 6, 1))[0].code == "USAGOV"
    assert mentions(nlp, text, date(2022, 6, 1))[0].code == "USAELI"
    assert mentions(nlp, text, None)[0].code == "USAGOV"


@pytest.mark.parametrize(("day", "holder"), [(date(2023, 3, 1), "Olaf Scholz"),
                                             (date(2025, 9, 1), "Friedrich Merz")])
def test_role_descriptions_resolve_to_the_office_holder(nlp, day: date, holder: str) -> None:
    found = mentions(nlp, "The German leader spoke to Colombia's defense minister.", day)
    leader, minister = found
    assert (leader.text, leader.kind, leader.name, leader.code) == (
        "German leader", "description", holder, "DEUGOV")
    assert (minister.text, minister.country, minister.code) == (
        "Colombia's defense minister", "COL", "COLGOV")


def test_generic_agents_take_a_country_from_their_modifier(nlp) -> None:
    found = by_text(mentions(nlp, "Israeli troops, Venezuela's army, the US Navy, the Colombian "
                                  "government and 30,000 troops moved.", date(2024, 1, 1)))
    assert found["Israeli troops"].code == "ISRMIL"
    assert found["Venezuela's army"].code == "VENMIL"
    assert found["US Navy"].code == "USAMIL"
    assert found["Colombian government"].code == "COLGOV"
    bare = found["troops"]
    assert (bare.code, bare.country, bare.kind) == ("MIL", None, "agent")


def test_capitals_and_seats_stand_for_their_government(nlp) -> None:
    found = by_text(mentions(nlp, "The Kremlin and the Pentagon answered Washington and Bogota.",
                             date(2024, 1, 1)))
    assert {t: m.code for t, m in found.items()} == {
        "Kremlin": "RUSGOV", "Pentagon": "USAMIL", "Washington": "USAGOV", "Bogota": "COLGOV"}
    assert all(m.kind == "state" for m in found.values())


def test_igos_groups_and_regions(nlp) -> None:
    found = by_text(mentions(nlp, "NATO and the FARC criticized Latin American leaders.", None))
    assert (found["NATO"].code, found["NATO"].country, found["NATO"].kind) == ("IGONAT", None, "igo")
    assert (found["FARC"].code, found["FARC"].country) == ("COLREB", "COL")
    assert "USA" not in {m.country for m in found.values()}  # "Latin American" is no USA


def test_unknown_people_get_their_title_country(nlp) -> None:
    found = mentions(nlp, "Mexican journalist Juan Pérez was detained. Pérez was released.",
                     date(2024, 1, 1))
    assert [(m.text, m.kind, m.country, m.code) for m in found] == [
        ("Mexican journalist Juan Pérez", "person", "MEX", "MEXMED"),
        ("Pérez", "person", "MEX", "MEXMED")]


def test_coordinated_demonyms_share_the_head(nlp) -> None:
    found = mentions(nlp, "Senior Hungarian and Romanian officials agreed.", None)
    assert [m.code for m in found] == ["HUNGOV", "ROUGOV"]


def test_a_surname_after_another_first_name_is_not_the_kb_person(nlp) -> None:
    found = mentions(nlp, "Colombian rebel leader Andrés Márquez spoke.", date(2024, 1, 1))
    assert [(m.name, m.code) for m in found] == [("Andrés Márquez", "COLREB")]


def test_seed_actors(nlp, seed_paths) -> None:
    found = mentions(nlp, seed_paths[0].read_text("utf-8"), date(2026, 1, 6))
    named = {m.name: m for m in found if m.kind == "person"}
    assert named["Gustavo Petro"].code == "COLGOV"
    assert named["Donald Trump"].code == "USAGOV"
    assert named["Nicolás Maduro"].country == "VEN"
    texts = {m.text: m for m in found}
    assert texts["Colombian leader"].name == "Gustavo Petro"
    assert texts["Colombia's defense minister"].code == "COLGOV"
    assert texts["Washington"].code == "USAGOV"
    assert texts["Russia"].code == "RUS" and texts["China"].code == "CHN"
    assert texts["troops"].sector == "MIL"
    other = by_text(mentions(nlp, seed_paths[1].read_text("utf-8"), date(2026, 1, 5)))
    assert other["US Secretary of State Marco Rubio"].code == "USAGOV"
    assert other["President Claudia Sheinbaum"].code == "MEXGOV"


def test_mentions_are_sorted_and_disjoint(nlp, seed_paths) -> None:
    for path in seed_paths:
        found = mentions(nlp, path.read_text("utf-8"), date(2026, 1, 6))
        assert all(a.end <= b.start for a, b in pairwise(found))
        assert all(m.text == path.read_text("utf-8")[m.start_char:m.end_char] for m in found)


def test_postposed_country_and_datetime_dates(nlp) -> None:
    found = mentions(nlp, "The President of Colombia met the army of the United States.",
                     datetime(2024, 2, 1, 12, 0))
    assert [(m.text, m.name, m.code) for m in found] == [
        ("President of Colombia", "Gustavo Petro", "COLGOV"),
        ("army of the United States", None, "USAMIL")]


def test_regions_qualify_agents_with_cameo_region_codes(nlp) -> None:
    found = by_text(mentions(nlp, "Latin American leaders and Western diplomats met in Washington.",
                             None))
    assert (found["Latin American leaders"].code, found["Latin American leaders"].country) == (
        "LAMGOV", None)
    assert found["Western diplomats"].code == "WSTGOV"
    assert found["Washington"].code == "USAGOV"


def test_a_country_code_before_a_dollar_sign_is_a_currency_not_an_actor(nlp) -> None:
    found = by_text(mentions(nlp, "The minister misused US $50 million. Saudi Arabia gave Egypt $2 billion.",
                             date(2025, 3, 4)))
    assert "US" not in found
    assert found["Egypt"].country == "EGY"


def test_opposition_to_something_is_a_stance_not_the_political_opposition(nlp) -> None:
    found = mentions(nlp, "Ministers stated their opposition to the plan. The opposition boycotted the vote.",
                     date(2025, 3, 4))
    assert [(m.text, m.start) for m in found if m.sector == "OPP"] == [("opposition", 9)]


def test_an_international_bodys_title_before_a_name_beats_the_persons_nationality(nlp) -> None:
    found = by_text(mentions(nlp, "Rebel leaders met U.N. mediator Diego Cordovez.", date(1988, 3, 4)))
    assert (found["U.N. mediator Diego Cordovez"].country, found["U.N. mediator Diego Cordovez"].code) \
        == (None, "IGOUNO")


def test_a_language_named_by_its_peoples_adjective_is_no_actor(nlp) -> None:
    found = by_text(mentions(nlp, "Kyiv restricted the use of the Russian language in schools.", date(2025, 3, 4)))
    assert "Russian language" not in found and "Russian" not in found
