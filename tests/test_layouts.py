"""One small text per layout and per defect (tests/data/layouts/): each reads into its exact
structure (layouts/expected/<name>.yml) or stops with its exact message (layouts/refused.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from respub.errors import InputError
from respub.source.parse import parse_resolution
from tests.structure import expected_path, metadata_for, structure

LAYOUTS = Path(__file__).parent / "data" / "layouts"
TEXTS = sorted(LAYOUTS.glob("*.txt"))
REFUSED = yaml.safe_load((LAYOUTS / "refused.yml").read_text("utf-8"))


def read(name: str):
    path = LAYOUTS / name
    return parse_resolution(path, metadata_for(path))


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_layout_reads_into_its_exact_structure(text: Path) -> None:
    expected = yaml.safe_load(expected_path(text, LAYOUTS / "expected").read_text("utf-8"))
    assert structure(parse_resolution(text, metadata_for(text))) == expected


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_defect_stops_at_its_line(name: str) -> None:
    path = LAYOUTS / "refused" / name
    with pytest.raises(InputError) as error:
        parse_resolution(path, metadata_for(path))
    assert str(error.value) == f"{path}:{REFUSED[name]}"


def test_every_layout_has_its_expectation() -> None:
    assert sorted(p.stem for p in (LAYOUTS / "expected").glob("*.yml")) == sorted(p.stem for p in TEXTS)
    assert sorted(p.name for p in (LAYOUTS / "refused").glob("*.txt")) == sorted(REFUSED)


def test_annex_paragraphs_follow_the_operative_part() -> None:
    resolution = read("annex.txt")
    assert [p.id for p in resolution.paragraphs] == ["op1", "annex-pp1", "annex-pp2", "annex-1", "annex-2", "annex-3"]
    assert [(part.kind, part.key) for part in resolution.parts] == [("operative", "operative"), ("annex", "annex")]
    # The annex's title repeats the resolution's title and is not taken for a running header.
    assert resolution.annexes[0].title == resolution.title
    assert resolution.anchors()[-3:] == ("annex-2-a", "annex-2-b", "annex-3")


def test_several_annexes_carry_their_numeral() -> None:
    resolution = read("several-annexes.txt")
    assert [(a.heading, a.title, [p.id for p in a.paragraphs]) for a in resolution.annexes] == [
        ("Annex I", "Rules", ["annex-i-1", "annex-i-2"]),
        ("Annex II", "Guidelines", ["annex-ii-1"]),
    ]


def test_a_wrapped_running_header_is_removed_wherever_it_stands() -> None:
    resolution = read("wrapped-running-header.txt")
    assert resolution.operative[1].text.endswith("any steps that may be necessary;")
    assert resolution.operative[2].text.endswith("to avoid the application of Article 19 of the Charter.")


def test_each_footnote_marker_form() -> None:
    pp = read("footnote-markers.txt").preamble
    assert pp[0].text.endswith("verification,[^1]")  # "verification, 1"
    assert "Declarations of 2017[^2] and" in pp[1].text  # glued to a year: footnote 2 has no other place
    assert "of 1990[^3] and 1995,[^4] and" in pp[1].text  # after a year, after a comma
    assert pp[1].text.endswith("General Assembly,[^5]")  # "Assembly,5"
    assert "Principles.[^6] We note" in pp[2].text  # before a new sentence


def test_paragraph_numbers_past_999_stay_apart() -> None:
    operative = read("four-digit-numbers.txt").operative
    assert [p.id for p in operative[998:]] == ["op999", "op1000", "op1001", "op1002"]
    assert operative[999].text == "Decides item 1000 of the list;"


def test_decimal_sub_paragraphs_nest() -> None:
    op2 = read("decimal-sub-paragraphs.txt").operative[1]
    assert [(s.id, [c.id for c in s.children]) for s in op2.children] == [
        ("op2-1", []),
        ("op2-2", ["op2-2-1", "op2-2-2"]),
        ("op2-3", []),
    ]


def test_pdf_page_furniture_goes_without_blank_lines() -> None:
    resolution = read("no-blank-lines-pdf.txt")
    # page and job numbers, the running symbol line and the wrapped title's second line are gone
    assert resolution.operative[0].text.endswith(
        "cooperation between the United Nations and the regional organization;"
    )
    assert resolution.operative[1].text.endswith("with the bodies of the United Nations system;")
    assert resolution.closing == "45th plenary meeting 10 December 2025"
    # a wrapped line starting with a capital after a comma ("Members and observers") is no new paragraph
    assert resolution.preamble[2].text.endswith(
        "and all States, Members and observers of the organization, to the work of its bodies,"
    )


def test_a_repeated_footer_glued_to_the_paragraphs_goes() -> None:
    operative = read("glued-running-footer.txt").operative
    assert operative[0].text.endswith("for two years and may be re-elected once;")
    assert operative[1].text.endswith("on the measures taken to implement the present resolution.")
