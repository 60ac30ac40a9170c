"""The registry of states: the real file, lookups by name and code, and bad registries."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from respub.errors import InputError
from respub.registry.states import STATES_FILE, States, load_states

ROOT = Path(__file__).resolve().parents[1]
BAD = Path("tests/data/states/bad")
# Every state named in the seed's reservations note, by the name the note uses.
SEED_STATES = {
    "Czech Republic": "CZ",
    "India": "IN",
    "Kazakhstan": "KZ",
    "Qatar": "QA",
    "Syrian Arab Republic": "SY",
    "Türkiye": "TR",
    "Hungary": "HU",
    "Indonesia": "ID",
    "Russian Federation": "RU",
}


pytestmark = pytest.mark.usefixtures("at_root")


def test_registry_lists_the_member_and_observer_states(states: States) -> None:
    assert len(states) == 195  # 193 Member States, the Holy See and the State of Palestine
    codes = [state.code for state in states]
    assert codes == sorted(codes)
    assert states.get("VA").name == "Holy See"
    assert states.get("PS").name == "State of Palestine"


def test_registry_file_keys_survive_a_plain_yaml_reader() -> None:
    """Norway's code must stay the string 'NO' for any YAML reader, not become False."""
    data = yaml.safe_load((ROOT / STATES_FILE).read_text("utf-8"))
    assert all(isinstance(code, str) for code in data)
    assert data["NO"]["name"] == "Norway"


def test_seed_states_have_official_names_in_every_language(states: States) -> None:
    for name, code in SEED_STATES.items():
        state = states.find(name)
        assert state is not None and state.code == code, name
        assert {language for language, _ in state.names} == {"fr", "es", "ar"}, name


def test_official_names_as_the_un_writes_them(states: States) -> None:
    assert states.get("CZ").name == "Czechia"
    assert states.get("RU").name_in("fr") == "Fédération de Russie"
    assert states.get("SY").name_in("fr") == "République arabe syrienne"
    assert states.get("CZ").name_in("fr") == "Tchéquie"
    assert states.get("SY").name_in("ar") == "الجمهورية العربية السورية"
    assert states.get("TR").name_in("es") == "Türkiye"
    assert states.get("IR").name == "Iran (Islamic Republic of)"


def test_find_matches_official_names_and_aliases_exactly(states: States) -> None:
    assert states.find("Czechia").code == "CZ"
    assert states.find("Czech Republic").code == "CZ"
    assert states.find("Turkey").code == "TR"
    assert states.find("Swaziland").code == "SZ"
    assert states.find("  Russian \n Federation ").code == "RU"  # whitespace does not count
    assert states.find("Côte d’Ivoire").code == "CI"  # nor does the kind of apostrophe


def test_find_never_guesses(states: States) -> None:
    assert states.find("Niger").code == "NE"
    assert states.find("Nigeria").code == "NG"
    assert states.find("russian federation") is None  # case counts
    assert states.find("Russian Federations") is None
    assert states.find("Korea") is None  # two states could be meant
    assert states.find("Congo").code == "CG"  # the official name, never the Democratic Republic
    assert states.find("Atlantis") is None


def test_get_accepts_the_code_in_either_case(states: States) -> None:
    assert states.get("cz") is states.get("CZ")
    assert states.get("CZ").anchor == "cz"
    assert states.get("XX") is None


def test_name_in_falls_back_to_english(states: States) -> None:
    netherlands = states.get("NL")
    assert netherlands.name_in("fr") == "Pays-Bas (Royaume des)"
    assert netherlands.name_in("ar") == "Netherlands (Kingdom of the)"  # not known for certain
    assert netherlands.name_in("en") == "Netherlands (Kingdom of the)"
    assert states.name_in("nl", "es") == "Países Bajos (Reino de los)"
    with pytest.raises(KeyError):
        states.name_in("XX", "fr")


def test_no_name_belongs_to_two_states(states: States) -> None:
    names = states.english_names()
    assert len(names) == len(set(names))


def test_small_registry_reads_fields_and_lines() -> None:
    states = load_states(Path("tests/data/states/good.yml"))
    czechia, netherlands = states
    assert (czechia.code, czechia.name, czechia.aliases) == ("CZ", "Czechia", ("Czech Republic",))
    assert czechia.names == (("ar", "تشيكيا"), ("es", "Chequia"), ("fr", "Tchéquie"))
    assert str(czechia.source) == "tests/data/states/good.yml:2"
    assert netherlands.aliases == ("Netherlands", "Kingdom of the Netherlands")  # spaces tidied
    assert states.find("Kingdom of the Netherlands") is netherlands


def _bad_cases() -> list[tuple[str, int, str]]:
    expected = yaml.safe_load((ROOT / BAD / "expected.yml").read_text("utf-8"))
    return [(name, case["line"], case["message"]) for name, case in sorted(expected.items())]


def test_every_bad_registry_has_an_expected_error() -> None:
    files = sorted(path.name for path in (ROOT / BAD).glob("*.yml") if path.name != "expected.yml")
    assert files == [name for name, _, _ in _bad_cases()]


@pytest.mark.parametrize(("name", "line", "message"), _bad_cases())
def test_bad_registry_fails_with_its_line_and_message(name: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_states(BAD / name)
    assert str(caught.value) == f"{BAD / name}:{line}: {message}"
