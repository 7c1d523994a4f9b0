"""The PETRARCH2 dictionary converter (tools/petrarch): each reader on small dictionaries written
here in PETRARCH's formats, the whole conversion on a tiny folder, and - when ../shared holds the
real dictionaries - that rerunning it reproduces the committed data files byte for byte."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools.petrarch import convert
from tools.petrarch.actor_entries import Role, parse_role, petrarch_date, read_actor_entries
from tools.petrarch.actor_kinds import ActorVocabulary
from tools.petrarch.actors import convert_actors
from tools.petrarch.agents import read_agents
from tools.petrarch.common import Report
from tools.petrarch.discards import read_discards
from tools.petrarch.names import org_name, person_name
from tools.petrarch.plurals import PREPOSITIONS, plural_phrase, regular_plural
from tools.petrarch.verbs import read_verb_dictionary, synset_rows, verb_rows

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "flashpoint" / "data"
PETRARCH = ROOT.parent / "shared" / "reference" / "petrarch2"

VERBS = """\
# a comment
####### SYNONYM SETS #######
&WEAPON
+MISSILE
+ROCKET_LAUNCHER
+AMMUNITION_

&AUXVERB_
+WILL
+IS_TO

&ENVOY
+ENVOY
+BOSS
+FORCES

####### VERB PATTERNS #######
---  ATTACK   [190]  ---
ATTACK
+BLOW_UP {+BLEW_UP +BLOWN_UP} [183]
STRIKE {STRUCK STRIKES STRIKING}  # coder note
- * &WEAPON                                  [194]     # FIRE
- * {AIR STRIKE} (AGAINST +)                  [195]     # ATTACK , STRIKE
- &ENVOY * (BY/WITH BOMBS)                    [042:043]
- * (BEFORE COURT)                            [:173]    # APPEAR
- * OUT TALKS                                 [---]
- * OVER MEETING OF $                         [161]
- * &UNDEFINED                                [190]
- * RAID [190]
- * RAID [195]
- * RAID (MISSING                              [190]
~ a (a b ATTACK) SAY = a b 015

---  FIRE   [---]  ---
FIRE
STRIKE
- * PERSONNEL                                 [0874]
"""


def _verb_table(tmp_path: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, str]], Report]:
    path = tmp_path / "CAMEO.txt"
    path.write_text(VERBS, encoding="utf-8")
    report = Report()
    synsets, blocks = read_verb_dictionary(path, report)
    return [row.cells() for row in verb_rows(blocks, report)], synset_rows(synsets), report


def test_every_verb_of_a_block_gets_its_own_code_and_every_pattern(tmp_path: Path) -> None:
    rows, _, _ = _verb_table(tmp_path)
    own = {(r[0], r[1]): r[2] for r in rows if r[6] == "attack" and not any(r[3:6]) and not r[8]}
    assert own == {("attack", ""): "190", ("blow", "up"): "183", ("strike", ""): "190"}
    weapon = [r for r in rows if r[4] == "@weapon"]
    assert {(r[0], r[1], r[2], r[7]) for r in weapon} == {
        ("attack", "", "194", "fire"), ("blow", "up", "194", "fire"), ("strike", "", "194", "fire")}
    assert not any(r[0] in {"blew", "blown", "struck"} for r in rows)


def test_pattern_parts_codes_and_markers(tmp_path: Path) -> None:
    rows = {(r[3], r[4], r[5], r[2], r[8], r[9], r[7], r[1])
            for r in _verb_table(tmp_path)[0] if r[0] == "attack"}
    assert ("", "air strike", "against:", "195", "target=prep:against", "", "attack|strike", "") \
        in rows
    assert ("@envoy", "", "by:bombs", "042", "", "043", "", "") in rows
    assert ("@envoy", "", "with:bombs", "042", "", "043", "", "") in rows
    assert ("", "", "before:court", "---", "", "173", "appear", "") in rows
    assert ("", "talks", "", "---", "", "", "", "out") in rows
    assert ("", "over meeting of", "", "161", "source=object ; sequence", "", "", "") in rows


def test_recoded_pattern_is_shadowed_and_a_repeated_verb_is_later_block(tmp_path: Path) -> None:
    rows = _verb_table(tmp_path)[0]
    raid = {(r[2], r[8]) for r in rows if r[0] == "attack" and r[4] == "raid"}
    assert raid == {("190", "shadowed"), ("195", "")}
    strike_in_fire = {r[8] for r in rows if r[0] == "strike" and r[6] == "fire"}
    fire_in_fire = {r[8] for r in rows if r[0] == "fire" and r[6] == "fire"}
    assert strike_in_fire == {"later_block"} and fire_in_fire == {""}


def test_a_block_code_pair_is_the_default_of_its_verbs(tmp_path: Path) -> None:
    path = tmp_path / "CAMEO.txt"
    path.write_text("####### VERB PATTERNS #######\n---  VISIT   [042:043]  ---\nVISIT\n"
                    "TOUR [044]\n", encoding="utf-8")
    rows = [row.cells() for row in verb_rows(read_verb_dictionary(path, Report())[1], Report())]
    assert [(r[0], r[2], r[9]) for r in rows] == [("tour", "044", ""), ("visit", "042", "043")]


def test_unreadable_patterns_are_counted_not_dropped_silently(tmp_path: Path) -> None:
    rows, _, report = _verb_table(tmp_path)
    reasons = report.counts["petrarch_verbs.tsv"]
    assert reasons["unparsed line: undefined synset &UNDEFINED (PETRARCH skips the pattern)"] == 1
    assert reasons["unparsed line: unclosed ("] == 1
    assert reasons["verb transformation line (~ ...) not converted"] == 1
    assert not any("undefined" in cell for row in rows for cell in row)


def test_synsets_with_plurals_except_after_underscore(tmp_path: Path) -> None:
    synsets = dict(_verb_table(tmp_path)[1])
    assert synsets["weapon"] == "missile|missiles|rocket launcher|rocket launchers|ammunition"
    assert synsets["auxverb"] == "will|is to"
    assert synsets["envoy"] == "envoy|envoys|boss|bosses|forces"


AGENTS = """\
!PERSON! = MAN, MEN, WOMAN
POLICE {} [~COP] # no plural
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
ARMY [~MIL]
HUMAN_RIGHTS_BODY [NGO~]
CONGRESS!PERSON! [~LEG]
ENVIRONMENT_DEPARTMENT [~ENV}
NO_CODE_HERE
"""


def test_agents_plurals_substitutions_and_sectors(tmp_path: Path) -> None:
    path = tmp_path / "agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    report = Report()
    rows = set(read_agents(path, report))
    assert {("police", "COP", "~COP"), ("army", "MIL", "~MIL"), ("armies", "MIL", "~MIL"),
            ("attorney general", "GOV", "~GOVATG"), ("attorneys general", "GOV", "~GOVATG"),
            ("human rights body", "NGO", "NGO~"), ("human rights bodies", "NGO", "NGO~"),
            ("congressman", "LEG", "~LEG"), ("congressmen", "LEG", "~LEG"),
            ("congresswoman", "LEG", "~LEG"), ("environment department", "ENV", "~ENV")} <= rows
    assert not any(phrase in {"polices", "congresswomans"} for phrase, _, _ in rows)
    assert report.counts["agents.petrarch.tsv"]["unparsed line (no PHRASE [CODE])"] == 1


def test_discards_scope_and_word_boundary(tmp_path: Path) -> None:
    path = tmp_path / "discards.txt"
    path.write_text("+ World Golf Championships   # pas\nBASEBALL\nGROUP A_\n", encoding="utf-8")
    assert read_discards(path, Report()) == [("baseball", "sentence", "no"),
                                             ("group a", "sentence", "yes"),
                                             ("world golf championships", "story", "no")]


def test_petrarch_century_rule_and_restrictions() -> None:
    assert petrarch_date("300101") == date(2030, 1, 1)
    assert petrarch_date("310101") == date(1931, 1, 1)
    assert petrarch_date("19280101") == date(1928, 1, 1)
    assert parse_role("USAGOV >090120") == Role("USAGOV", start=date(2009, 1, 20))
    assert parse_role("EGYGOV > 140608").start == date(2014, 6, 8)
    assert parse_role("AFGELI <070723") == Role("AFGELI", end=date(2007, 7, 23))
    assert parse_role("IGOUNO 970101-061231").cell() == "IGOUNO:1997-01-01:2006-12-31"
    for bad in ("KORGOVBUS 2004017-20061201", "USAGOV 19820101", "AFGGOV 100231-110101"):
        with pytest.raises(ValueError):
            parse_role(bad)


@given(st.dates(min_value=date(1931, 1, 1), max_value=date(2030, 12, 31)))
def test_six_digit_dates_round_trip_in_the_petrarch_century_window(day: date) -> None:
    assert petrarch_date(day.strftime("%y%m%d")) == day
    assert petrarch_date(day.strftime("%Y%m%d")) == day


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)
       .filter(lambda w: w not in PREPOSITIONS))
def test_a_regular_plural_extends_the_word_or_there_is_none(word: str) -> None:
    # a preposition is never a phrase's head ("foreign of" has none to pluralise)
    plural = regular_plural(word)
    if plural is None:
        assert word.endswith("s") and not word.endswith(("ss", "us"))
        assert plural_phrase(f"foreign {word}") is None
    else:
        assert plural.endswith("s") and plural[:len(word) - 1] == word[:-1]
        assert plural_phrase(f"foreign {word}") == f"foreign {plural}"


def test_plurals_avoid_non_words() -> None:
    assert [regular_plural(w) for w in ("party", "envoy", "boss", "bus", "forces", "troop")] == [
        "parties", "envoys", "bosses", "buses", None, "troops"]
    assert plural_phrase("minister of finance") == "ministers of finance"
    assert plural_phrase("riot police officer") == "riot police officers"


def test_natural_case_names() -> None:
    assert person_name("BARACK_OBAMA_") == "Barack Obama"
    assert person_name("BASHAR_AL-ASSAD") == "Bashar al-Assad"
    assert person_name("OSAMA_BIN_LADEN") == "Osama bin Laden"
    assert person_name("MIGUEL_D'ESCOTO_BROCKMANN_") == "Miguel D'Escoto Brockmann"
    assert person_name("JOHN_MCCAIN") == "John McCain"
    assert person_name("R.K._PACHAURI_") == "R.K. Pachauri"
    assert person_name("TAUFA'AHAU_TUPOU_IV") == "Taufa'ahau Tupou IV"
    assert person_name("NIKOLAY_TODOROV (ACTING_") == "Nikolay Todorov"
    assert org_name("UNITED_NATIONS_CHILDREN'S_FUND_") == "United Nations Children's Fund"
    assert org_name("UN_MISSION_IN_SUDAN_") == "UN Mission in Sudan"
    assert org_name("NATO_") == "NATO"


@given(st.lists(st.sampled_from(["ABU", "AL-ASSAD", "BIN", "O'NEIL", "MCCAIN", "R.K.", "VAN",
                                 "JOHN", "DE", "II", "KI-MOON"]), min_size=1, max_size=5))
def test_person_names_keep_their_words_and_are_stable(words: list[str]) -> None:
    name = person_name("_".join(words))
    assert len(name.split()) == len(words)
    assert person_name(name.upper().replace(" ", "_")) == name


COUNTRIES_ACTORS = """\
# header comment
AFGHANISTAN_  [AFG]
+AFGHAN_
+KABUL_

HAMID_KARZAI_  # CountryInfo.txt
+KARZAI_
+PRESIDENT_KARZAI_
+HK
+HAMID_KARZAI_GOVERNMENT_
\t[AFGELI 750101-000101]
\t[AFGGOV >011222]
\t[AFGELI]
LEONID_BREZHNEV_  # code-less lines directly followed by more names: one entry
SECRETARY_BREZHNEV
\t[USRELI 19240101-641014]
\t[USRGOV 641014-821110]
GILLIAN_SHEPHARD_ [USAGOV 920411-970502]
KREMLIN_ [RUSGOV]
ARMENIA_
\t[USRARM <900823]
\t[ARM >911221]
"""
INTERNATIONAL_ACTORS = """\
SECRETARY-GENERAL_BAN_KI-MOON
+BAN_KI-MOON
\t[IGOUNO >20070101]
GILLIAN_MELLSOP_\t[IGOUNOKID] #MleH (undated: a person because "Gillian" is a dated person's)
LAWYERS_WITHOUT_BORDERS_ [NGOJUD]
ISLAMIC_ARMY_OF_ADEN_(IAA)_ [YEMREB]
GHOST_ENTRY_
"""


def _vocabulary() -> ActorVocabulary:
    return ActorVocabulary(iso3=frozenset({"AFG", "ARM", "RUS", "YEM", "USA"}),
                           demonyms=frozenset({"afghan", "soviet"}),
                           sectors=frozenset({"GOV", "ELI", "MIL", "REB", "JUD", "IGO"}))


def _actor_tables(tmp_path: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], Report]:
    (tmp_path / "Phoenix.Countries.actors.txt").write_text(COUNTRIES_ACTORS, encoding="utf-8")
    (tmp_path / "Phoenix.International.actors.txt").write_text(INTERNATIONAL_ACTORS,
                                                               encoding="utf-8")
    report = Report()
    files = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt")
    entries = [entry for name in files
               for entry in read_actor_entries(tmp_path / name, "actor files", report)]
    people, orgs = convert_actors(entries, _vocabulary(), frozenset({"government"}), report)
    return people, orgs, report


def test_people_with_dated_roles_countries_and_filtered_aliases(tmp_path: Path) -> None:
    people = {row[0]: row for row in _actor_tables(tmp_path)[0]}
    assert people["Hamid Karzai"] == (
        "Hamid Karzai", "Karzai", "AFG", "",
        "AFGELI::|AFGELI:1975-01-01:2000-01-01|AFGGOV:2001-12-22:")
    assert people["Leonid Brezhnev"][2:] == (
        "RUS", "", "USRELI:1924-01-01:1964-10-14|USRGOV:1964-10-14:1982-11-10")
    assert people["Ban Ki-Moon"][1:] == ("", "", "IGOUNO", "IGOUNO:2007-01-01:")
    assert people["Gillian Mellsop"][3] == "IGOUNOKID"
    assert set(people) == {"Hamid Karzai", "Leonid Brezhnev", "Ban Ki-Moon", "Gillian Mellsop",
                           "Gillian Shephard"}


def test_orgs_and_what_is_not_converted(tmp_path: Path) -> None:
    _, orgs, report = _actor_tables(tmp_path)
    assert orgs == [("NGOJUD", "", "Lawyers Without Borders"),
                    ("YEMREB", "YEM", "Islamic Army of Aden|IAA")]
    skipped = report.counts["actor entries not converted"]
    assert skipped["Phoenix.Countries.actors.txt: country or territory"] == 2
    assert skipped["Phoenix.Countries.actors.txt: national institution (not requested)"] == 1
    assert skipped["Phoenix.International.actors.txt: entry without a code"] == 1
    dropped = report.counts["people.phoenix.tsv"]
    assert dropped["alias with a title dropped"] == 3  # Karzai, Brezhnev, Ban Ki-moon
    assert dropped["one-word alias under 4 letters dropped"] == 1
    assert dropped["alias naming an organisation dropped"] == 1


def _tiny_source(tmp_path: Path) -> tuple[Path, Path]:
    source, data = tmp_path / "petrarch2", tmp_path / "data"
    source.mkdir()
    (data / "actors").mkdir(parents=True)
    (source / "CAMEO.2.0.txt").write_text(VERBS, encoding="utf-8")
    (source / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    (source / "Phoenix.discards.txt").write_text("BASEBALL\n", encoding="utf-8")
    (source / "Phoenix.Countries.actors.txt").write_text(COUNTRIES_ACTORS, encoding="utf-8")
    (source / "Phoenix.International.actors.txt").write_text(INTERNATIONAL_ACTORS,
                                                             encoding="utf-8")
    (source / "Phoenix.MilNonState.actors.txt").write_text("", encoding="utf-8")
    (source / "LICENSE").write_text("The MIT License (MIT)\n\nCopyright (c) 2014 Open Event Data\n",
                                    encoding="utf-8")
    (data / "cameo.tsv").write_text("# codes\ncode\tname\n190\tfight\n194\tartillery\n",
                                    encoding="utf-8")
    (data / "actors" / "countries.tsv").write_text(
        "# countries\niso3\tname\taliases\tdemonyms\tcapitals\tleader\n"
        "AFG\tAfghanistan\t\tAfghan\tKabul\t\nRUS\tRussia\t\tRussian\tMoscow\t\n", encoding="utf-8")
    return source, data


def test_conversion_writes_every_file_with_provenance_and_is_deterministic(tmp_path: Path) -> None:
    source, data = _tiny_source(tmp_path)
    convert.convert(source, data)
    outputs = ["lexicon/petrarch_verbs.tsv", "lexicon/petrarch_synsets.tsv", "lexicon/discards.tsv",
               "actors/agents.petrarch.tsv", "actors/people.phoenix.tsv", "actors/orgs.phoenix.tsv"]
    first = {name: (data / name).read_bytes() for name in outputs}
    for name, content in first.items():
        text = content.decode("utf-8")
        assert "openeventdata/petrarch2 commit 676801c" in text, name
        assert "LICENSE.petrarch2" in text, name
    assert "Copyright (c) 2014 Open Event Data" in (data / "LICENSE.petrarch2").read_text("utf-8")
    convert.convert(source, data)
    assert {name: (data / name).read_bytes() for name in outputs} == first


def test_missing_input_is_a_one_line_error_naming_it(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    source, data = _tiny_source(tmp_path)
    (source / "Phoenix.agents.txt").unlink()
    assert convert.main([str(source), str(data)]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and "Phoenix.agents.txt" in error


@pytest.mark.skipif(not PETRARCH.is_dir(), reason=f"{PETRARCH} not found (needs ../shared)")
def test_rerunning_the_converter_reproduces_the_committed_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "actors").mkdir(parents=True)
    inputs = [Path("cameo.tsv"), Path("actors") / "countries.tsv"]
    for relative in inputs:
        shutil.copy(DATA / relative, data / relative)
    convert.convert(PETRARCH, data)
    generated = sorted(p.relative_to(data) for p in data.rglob("*")
                       if p.is_file() and p.relative_to(data) not in inputs)
    assert len(generated) == 7
    for relative in generated:
        assert (data / relative).read_bytes() == (DATA / relative).read_bytes(), relative
