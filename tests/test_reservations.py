"""Reading reservations notes: the seed, the note's grammar, and notes that must be refused."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml

from respub.errors import InputError
from respub.link.reservations import OPPOSITION, RESERVATION, Position, Target, read_positions
from respub.model import Metadata, Resolution, Source
from respub.registry.states import States
from respub.source.metadata import read_metadata
from respub.source.parse import parse_resolution
from tests.structure import sample_metadata

ROOT = Path(__file__).resolve().parents[1]
DATA = Path("tests/data/reservations")
SEED = Path("docs/ipu-145-migration")
SAMPLE = DATA / "sample.txt"
SAMPLE_NOTE_LINE = 19


pytestmark = pytest.mark.usefixtures("at_root")


@pytest.fixture
def seed() -> Resolution:
    return parse_resolution(SEED / "text.txt", read_metadata(SEED / "resolution.yml"))


def _metadata() -> Metadata:
    return sample_metadata(
        slug="reservations-sample",
        body="Inter-Parliamentary Union",
        session="145th Assembly",
        place="Kigali, Rwanda",
        adopted=dt.date(2022, 10, 15),
        source=Source("tests/data/reservations/resolution.yml", 1),
    )


def _sample(note: str) -> Resolution:
    """The sample resolution (pp1-pp3, op1-op3, op2 (a), (b) (i), (ii)) with another note."""
    resolution = parse_resolution(SAMPLE, _metadata())
    return dataclasses.replace(resolution, note=note)


def _record(position: Position) -> dict:
    targets = [
        {"paragraph": target.paragraph_id, **({"phrase": target.phrase} if target.phrase else {})}
        for target in position.targets
    ]
    return {
        "state": position.state_code,
        "name": position.name,
        "kind": position.kind,
        "line": position.source.line,
        "targets": targets,
    }


def _read(note: str, states: States) -> list[tuple[str, str, str, tuple[Target, ...]]]:
    return [(p.state_code, p.name, p.kind, p.targets) for p in read_positions(_sample(note), states)]


# ---------------------------------------------------------------------------------------------
# The seed


def test_seed_records_are_exactly_the_expected_file(seed: Resolution, states: States) -> None:
    expected = yaml.safe_load((ROOT / DATA / "expected-ipu-145-migration.yml").read_text("utf-8"))
    positions = read_positions(seed, states)
    assert {position.source.path for position in positions} == {expected["source"]}
    assert [_record(position) for position in positions] == expected["positions"]


def test_seed_reservations_land_on_what_each_state_objected_to(seed: Resolution, states: States) -> None:
    """Each reservation points at a paragraph whose content explains it: the ids are right."""
    by_state = {position.state_code: position for position in read_positions(seed, states)}

    def text(paragraph_id: str) -> str:
        return seed.paragraph(paragraph_id).text

    def paragraphs(code: str) -> list[str]:
        return [target.paragraph_id for target in by_state[code].targets]

    # The Czech Republic has not endorsed the Global Compacts that op3 urges States to endorse.
    assert paragraphs("CZ") == ["op3"]
    assert "Global Compact for Migration" in text("op3") and "Global Compact on Refugees" in text("op3")
    # India is not a party to the 1951 Refugee Convention that pp21 invokes.
    assert paragraphs("IN") == ["pp21"]
    assert "1951 Convention relating to the Status of Refugees" in text("pp21")
    # Kazakhstan and Syria object to the paragraphs condemning the Russian Federation.
    assert paragraphs("KZ") == ["pp9", "pp10", "op9"]
    assert all("Russian Federation" in text(paragraph_id) for paragraph_id in paragraphs("KZ"))
    assert "war of aggression unleashed by the Russian Federation" in text("pp9")
    assert "aggression of the Russian Federation against Ukraine" in text("pp10")
    assert "Russian Federation’s forced displacement" in text("op9")
    assert paragraphs("SY") == ["pp9"]
    # Qatar objects to labour mobility, and op5 is where the resolution calls for it.
    assert by_state["QA"].targets == (Target("op5", "labour mobility"),)
    assert "to facilitate labour mobility" in text("op5")
    # Türkiye objects to pp19 on the exploitation of migrants for political purposes.
    assert paragraphs("TR") == ["pp19"]
    assert "exploitation" in text("pp19") and "for political and economic purposes" in text("pp19")
    # Hungary and Indonesia on the whole text; the Russian Federation opposed it.
    for code in ("HU", "ID"):
        assert by_state[code].kind == RESERVATION and by_state[code].targets == (Target(None),)
    assert by_state["RU"].kind == OPPOSITION and by_state["RU"].targets == (Target(None),)
    assert all(target.entire for target in by_state["RU"].targets)


def test_seed_names_are_kept_as_written(seed: Resolution, states: States) -> None:
    positions = read_positions(seed, states)
    czech = next(position for position in positions if position.state_code == "CZ")
    assert czech.name == "Czech Republic"  # the note's name, not the registry's "Czechia"
    assert states.get(czech.state_code).name == "Czechia"


# ---------------------------------------------------------------------------------------------
# The grammar


def test_empty_note_gives_no_positions(states: States) -> None:
    assert read_positions(_sample(""), states) == ()
    assert read_positions(_sample("   "), states) == ()


def test_paragraph_lists_and_sub_paragraphs(states: States) -> None:
    note = (
        "Some delegations expressed reservations: Qatar on operative paragraphs 1, 2 and 3, "
        "India on operative paragraph 2 (a) and preambular paragraph 1, "
        "Cuba on operative paragraph 2 (b) (ii), Chile on operative paragraph 2(b)(i)."
    )
    assert _read(note, states) == [
        ("QA", "Qatar", RESERVATION, (Target("op1"), Target("op2"), Target("op3"))),
        ("IN", "India", RESERVATION, (Target("op2-a"), Target("pp1"))),
        ("CU", "Cuba", RESERVATION, (Target("op2-b-ii"),)),
        ("CL", "Chile", RESERVATION, (Target("op2-b-i"),)),
    ]


def test_sibling_sub_paragraphs_without_repeating_the_number(states: States) -> None:
    note = (
        "Some delegations expressed reservations: Qatar on operative paragraph 2 (a) and (b), "
        "India on operative paragraph 2 (b) (i) and (ii) and operative paragraph 3."
    )
    assert _read(note, states) == [
        ("QA", "Qatar", RESERVATION, (Target("op2-a"), Target("op2-b"))),
        ("IN", "India", RESERVATION, (Target("op2-b-i"), Target("op2-b-ii"), Target("op3"))),
    ]


def test_phrases_inside_paragraphs(states: States) -> None:
    note = (
        "Some delegations expressed reservations: Qatar on the words “labour mobility” in operative "
        "paragraph 1, Oman on the phrase 'sharing intelligence' in operative paragraph 2 (b), "
        "Egypt on the reference to the “sovereign right of States” in preambular paragraph 1 and "
        "Peru on the reference to Labour Mobility in operative paragraph 1."
    )
    assert _read(note, states) == [
        ("QA", "Qatar", RESERVATION, (Target("op1", "labour mobility"),)),
        ("OM", "Oman", RESERVATION, (Target("op2-b", "sharing intelligence"),)),
        ("EG", "Egypt", RESERVATION, (Target("pp1", "sovereign right of States"),)),
        ("PE", "Peru", RESERVATION, (Target("op1", "Labour Mobility"),)),
    ]


def test_dashes_semicolons_and_shared_targets(states: States) -> None:
    note = (
        "Reservations were expressed: – Qatar on operative paragraph 1 - Hungary, Poland and "
        "Indonesia on the entire resolution — Chile on the resolution as a whole; Peru on "
        "preambular paragraph 2."
    )
    assert _read(note, states) == [
        ("QA", "Qatar", RESERVATION, (Target("op1"),)),
        ("HU", "Hungary", RESERVATION, (Target(None),)),
        ("PL", "Poland", RESERVATION, (Target(None),)),
        ("ID", "Indonesia", RESERVATION, (Target(None),)),
        ("CL", "Chile", RESERVATION, (Target(None),)),
        ("PE", "Peru", RESERVATION, (Target("pp2"),)),
    ]


def test_statements_of_opposition_and_reservation(states: States) -> None:
    note = (
        "The Russian Federation expressed its opposition to the resolution. Cuba and the "
        "Bolivarian Republic of Venezuela opposed operative paragraph 3. The delegation of India "
        "expressed reservations on preambular paragraph 1."
    )
    assert _read(note, states) == [
        ("RU", "Russian Federation", OPPOSITION, (Target(None),)),
        ("CU", "Cuba", OPPOSITION, (Target("op3"),)),
        ("VE", "Bolivarian Republic of Venezuela", OPPOSITION, (Target("op3"),)),
        ("IN", "India", RESERVATION, (Target("pp1"),)),
    ]


def test_states_are_found_by_the_longest_known_name(states: States) -> None:
    note = (
        "Some delegations expressed reservations: Trinidad and Tobago on operative paragraph 1, "
        "Niger and Nigeria on operative paragraph 3, Guinea-Bissau and Guinea on preambular "
        "paragraph 1, Dominica and the Dominican Republic on preambular paragraph 2."
    )
    assert [(code, name) for code, name, _, _ in _read(note, states)] == [
        ("TT", "Trinidad and Tobago"),
        ("NE", "Niger"),
        ("NG", "Nigeria"),
        ("GW", "Guinea-Bissau"),
        ("GN", "Guinea"),
        ("DM", "Dominica"),
        ("DO", "Dominican Republic"),
    ]


def test_aliases_are_kept_as_written(states: States) -> None:
    note = (
        "Some delegations expressed reservations: Turkey on operative paragraph 1, Côte d’Ivoire on "
        "operative paragraph 3 and The former Yugoslav Republic of Macedonia on preambular paragraph 3."
    )
    assert [(code, name) for code, name, _, _ in _read(note, states)] == [
        ("TR", "Turkey"),
        ("CI", "Côte d’Ivoire"),
        ("MK", "The former Yugoslav Republic of Macedonia"),
    ]


def test_positions_carry_the_note_source(states: States) -> None:
    positions = read_positions(_sample("Hungary opposed the resolution."), states)
    assert [str(position.source) for position in positions] == [f"{SAMPLE}:{SAMPLE_NOTE_LINE}"]


# ---------------------------------------------------------------------------------------------
# Notes that must be refused


def _bad_cases() -> list[tuple[str, int, str]]:
    expected = yaml.safe_load((ROOT / DATA / "bad" / "expected.yml").read_text("utf-8"))
    return [(name, case["line"], case["message"]) for name, case in sorted(expected.items())]


def test_every_bad_note_has_an_expected_error() -> None:
    files = sorted(path.name for path in (ROOT / DATA / "bad").glob("*.txt"))
    assert files == [name for name, _, _ in _bad_cases()]


@pytest.mark.parametrize(("name", "line", "message"), _bad_cases())
def test_bad_note_fails_with_its_line_and_message(name: str, line: int, message: str, states: States) -> None:
    path = DATA / "bad" / name
    resolution = parse_resolution(path, _metadata())
    with pytest.raises(InputError) as caught:
        read_positions(resolution, states)
    assert str(caught.value) == f"{path}:{line}: {message}"


# ---------------------------------------------------------------------------------------------
# Recitals and annexes (European Parliament recitals, UN annexed declarations)

LAYOUTS = Path("tests/data/layouts")


def _layout(name: str, note: str) -> Resolution:
    """A layout text (recitals.txt: recitals A, B; annex.txt: annex-pp1, annex-pp2, annex-1..3 with
    annex-2-a, annex-2-b; several-annexes.txt: annex-i-1, annex-i-2, annex-ii-1) with a note."""
    resolution = parse_resolution(LAYOUTS / name, _metadata())
    return dataclasses.replace(resolution, note=note)


def _read_layout(name: str, note: str, states: States) -> list[tuple[str, tuple[Target, ...]]]:
    return [(p.state_code, p.targets) for p in read_positions(_layout(name, note), states)]


def test_recitals_are_cited_by_their_letter(states: States) -> None:
    note = (
        "Some delegations expressed reservations: Hungary on recital A, "
        "Poland on recitals A and B and operative paragraph 2."
    )
    assert _read_layout("recitals.txt", note, states) == [
        ("HU", (Target("recital-a"),)),
        ("PL", (Target("recital-a"), Target("recital-b"), Target("op2"))),
    ]


def test_paragraphs_of_the_annex(states: States) -> None:
    note = (
        "Some delegations expressed reservations: Qatar on paragraph 2 (b) of the annex, "
        "India on preambular paragraph 2 of the annex and operative paragraph 1, "
        "Cuba on the words “report on progress” in paragraph 2 (b) of the annex."
    )
    assert _read_layout("annex.txt", note, states) == [
        ("QA", (Target("annex-2-b"),)),
        ("IN", (Target("annex-pp2"), Target("op1"))),
        ("CU", (Target("annex-2-b", "report on progress"),)),
    ]


def test_paragraphs_of_a_numbered_annex(states: States) -> None:
    note = "Cuba expressed reservations on paragraph 1 of annex II and paragraphs 1 and 2 of annex I."
    assert _read_layout("several-annexes.txt", note, states) == [
        ("CU", (Target("annex-ii-1"), Target("annex-i-1"), Target("annex-i-2"))),
    ]


@pytest.mark.parametrize(
    ("name", "target", "message"),
    [
        ("annex.txt", "paragraph 5 of the annex", "paragraph 5 of the annex does not exist (the resolution has 3)"),
        ("annex.txt", "paragraph 2 (c) of the annex", "paragraph 2 (c) of the annex does not exist"),
        ("annex.txt", "paragraph 1 of annex II", "annex II does not exist (the resolution has a single annex"),
        (
            "several-annexes.txt",
            "paragraph 1 of the annex",
            "'the annex' is ambiguous: the resolution has annexes I, II",
        ),
        ("recitals.txt", "paragraph 1 of the annex", "the resolution has no annex"),
        ("recitals.txt", "recital C", "recital C does not exist (the resolution has 2)"),
        ("recitals.txt", "paragraph 2", "'paragraph 2' names no part: write 'preambular paragraph 2'"),
    ],
)
def test_a_recital_or_annex_paragraph_that_does_not_exist_is_refused(
    name: str, target: str, message: str, states: States
) -> None:
    resolution = _layout(name, f"Some delegations expressed reservations: Qatar on {target}.")
    with pytest.raises(InputError) as caught:
        read_positions(resolution, states)
    assert f": Qatar: {message}" in str(caught.value)
