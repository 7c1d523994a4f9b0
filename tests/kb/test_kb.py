"""The actor KB: its data files load, name their sources, and answer dated office questions."""
from __future__ import annotations

import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from flashpoint.errors import PipelineError
from flashpoint.kb import ELITE, load_kb, load_kb_from, plural_demonyms
from flashpoint.kb.phrases import phrase_table, variants

DATA = Path(str(resources.files("flashpoint.data") / "actors"))


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("name", ["countries", "seats", "orgs", "people", "agents", "roles", "regions"])
def test_every_data_file_names_its_sources(name: str) -> None:
    header = [line for line in (DATA / f"{name}.tsv").read_text("utf-8").splitlines()
              if line.startswith("#")]
    assert any("source" in line.lower() for line in header)


def test_countries_cover_un_members_with_iso_codes(kb) -> None:
    assert len(kb.countries) >= 195  # 193 members + 2 observers
    assert all(len(code) == 3 and code.isupper() for code in kb.countries)
    for code in ("USA", "COL", "VEN", "MEX", "PSE", "VAT", "SSD", "TLS"):
        assert code in kb.countries
    usa = kb.countries["USA"]
    assert {"U.S.", "US", "America", "USA"} <= set(usa.aliases)
    assert "Washington" in usa.capitals and "Americans" in usa.demonyms


def test_regular_plurals_are_derived_but_not_for_chinese() -> None:
    assert plural_demonyms(("Colombian", "Chinese")) == ("Colombian", "Chinese", "Colombians")


def test_office_holders_follow_the_date(kb) -> None:
    assert kb.office_holder("COL", "president", date(2026, 1, 6)).name == "Gustavo Petro"
    assert kb.office_holder("COL", "president", date(2020, 1, 1)).name == "Iván Duque"
    assert kb.office_holder("DEU", "leader", date(2023, 3, 1)).name == "Olaf Scholz"
    assert kb.office_holder("DEU", "leader", date(2025, 9, 1)).name == "Friedrich Merz"
    assert kb.office_holder("USA", "foreign_minister", date(2025, 2, 1)).name == "Marco Rubio"
    assert kb.office_holder("MEX", "president", date(2024, 10, 1)).name == "Claudia Sheinbaum"
    assert kb.office_holder("VEN", "president", date(2026, 1, 6)).name == "Delcy Rodríguez"
    assert kb.office_holder("KIR", "president", date(2026, 1, 6)).name == "Taneti Maamau"
    assert kb.office_holder("KIR", "president", date(1990, 1, 1)) is None  # before any term


def test_a_person_is_coded_for_the_date(kb) -> None:
    trump = kb.person("Donald Trump")
    assert trump.code_at(date(2019, 6, 1)) == ("USAGOV", "GOV")
    assert trump.code_at(date(2022, 6, 1)) == ("USA" + ELITE, ELITE)
    assert trump.code_at(date(2026, 1, 6)) == ("USAGOV", "GOV")
    assert trump.code_at(None) == ("USAGOV", "GOV")  # no date: latest term
    assert kb.person("Nicolás Maduro").code_at(date(2026, 1, 6))[0] == "VENELI"
    assert kb.person("Marco Rubio").code_at(date(2020, 1, 1)) == ("USALEG", "LEG")


def test_igo_officials_and_igos_have_no_country(kb) -> None:
    assert kb.person("António Guterres").code_at(date(2023, 1, 1)) == ("IGOUNO", "IGO")
    igos = [o for o in kb.orgs if o.kind == "igo"]
    assert igos and all(o.code.startswith("IGO") and o.country is None for o in igos)
    assert {"NATO", "UN", "OAS", "IMF"} <= {n for o in igos for n in o.names}


def test_armed_groups_have_country_and_sector(kb) -> None:
    by_name = {n: o for o in kb.orgs for n in o.names}
    assert (by_name["FARC"].code, by_name["FARC"].country) == ("COLREB", "COL")
    assert by_name["Hezbollah"].sector == "REB"


def test_spellings_without_accents_match_too() -> None:
    assert {"Bogotá", "Bogota"} <= variants("Bogotá")
    assert "Quai d’Orsay" in variants("Quai d'Orsay")
    names, words = phrase_table(load_kb())
    assert {e.category for e in names["Petro"]} == {"surname"}
    assert names["Nicolas Maduro"][0].person.name == "Nicolás Maduro"
    assert words["defense minister"][0].office == "defense_minister"


def test_people_rows_are_consistent(tmp_path: Path) -> None:
    """The hand-curated tables only: PETRARCH2's people have dated roles, not offices or genders."""
    for table in DATA.glob("*.tsv"):
        if ".phoenix." not in table.name:
            shutil.copy(table, tmp_path)
    kb = load_kb_from(tmp_path)
    offices = {"president", "vice_president", "prime_minister", "foreign_minister",
               "defense_minister", "monarch", "crown_prince", "supreme_leader",
               "secretary_general", "legislator", "opposition", "rebel"}
    org_codes = {o.code for o in kb.orgs}
    for person in kb.people:
        assert person.actor in kb.countries or person.actor in org_codes, person.name
        assert person.gender in ("m", "f"), person.name
        for term in person.terms:
            assert term.office in offices, person.name
            assert term.start is None or term.end is None or term.start <= term.end, person.name
    assert {c.leader_office for c in kb.countries.values()} <= offices
    assert set(kb.roles.values()) <= offices | {"leader"}


def test_a_kb_is_parsed_once_per_directory(tmp_path: Path) -> None:
    assert load_kb() is load_kb("") is load_kb(DATA)
    for table in DATA.glob("*.tsv"):
        if ".phoenix." not in table.name:
            shutil.copy(table, tmp_path)
    assert load_kb(tmp_path) is load_kb(str(tmp_path)) is not load_kb()


def test_a_kb_directory_without_its_tables_is_one_error_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match="E011 .*people.tsv: cannot read pipeline data"):
        load_kb(tmp_path)


def test_role_words_are_the_words_of_the_office_titles(kb) -> None:
    assert {"minister", "foreign", "president"} <= kb.role_words
