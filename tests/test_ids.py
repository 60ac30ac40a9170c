"""The id grammar (respub.ids): every shape of the URL contract parses, formats back, orders, labels
and maps to its Akoma Ntoso eId; anything else is refused."""

from __future__ import annotations

import pytest

from respub.ids import MessageKey, ParagraphId, roman_numeral, roman_value

SHAPES = {
    # id: (English label, Akoma Ntoso eId)
    "pp12": ("Preambular paragraph 12", "preamble__container_12"),
    "op5": ("Operative paragraph 5", "para_5"),
    "op3-a": ("Operative paragraph 3 (a)", "para_3__list_1__point_a"),
    "op3-a-ii": ("Operative paragraph 3 (a) (ii)", "para_3__list_1__point_a__list_1__point_ii"),
    "op7-1-2": ("Operative paragraph 7.1.2", "para_7__list_1__point_1__list_1__point_2"),
    "op1234": ("Operative paragraph 1234", "para_1234"),
    "recital-a": ("Recital A", "preamble__recital_a"),
    "recital-aa": ("Recital AA", "preamble__recital_aa"),
    "annex-18": ("Paragraph 18 of the annex", "att_1__para_18"),
    "annex-18-b": ("Paragraph 18 (b) of the annex", "att_1__para_18__list_1__point_b"),
    "annex-pp1": ("Preambular paragraph 1 of the annex", "att_1__preamble__container_1"),
    "annex-ii-3": ("Paragraph 3 of annex II", "att_2__para_3"),
    "annex-iv-pp2": ("Preambular paragraph 2 of annex IV", "att_4__preamble__container_2"),
}


@pytest.mark.parametrize("text", SHAPES)
def test_every_shape_round_trips(text: str) -> None:
    assert str(ParagraphId.parse(text)) == text


@pytest.mark.parametrize(("text", "expected"), SHAPES.items())
def test_labels_and_eids(text: str, expected: tuple[str, str]) -> None:
    pid = ParagraphId.parse(text)
    message, args = pid.label_message()
    assert (message.format(**args), pid.akn_eid) == expected


@pytest.mark.parametrize(
    "text", ["", "op", "op0", "op05", "pp-1", "OP5", "op5-", "op5--a", "annex", "annex--3", "recital-1", "op5 ", "x5"]
)
def test_refuses_what_is_not_an_id(text: str) -> None:
    assert not ParagraphId.is_valid(text)
    with pytest.raises(ValueError, match="not a paragraph id"):
        ParagraphId.parse(text)


def test_annex_paragraph_with_a_roman_sub_paragraph_is_not_an_annex_number() -> None:
    pid = ParagraphId.parse("annex-1-i")
    assert (pid.part, pid.annex, pid.number, pid.subs) == ("annex", "", "1", ("i",))


def test_document_order() -> None:
    ids = [
        "annex-ii-1",
        "op10",
        "annex-2",
        "pp2",
        "op2-b",
        "annex-pp1",
        "recital-b",
        "op2",
        "op2-a",
        "pp10",
        "recital-a",
    ]
    ordered = sorted(ids, key=lambda t: ParagraphId.parse(t).order)
    assert ordered == [
        "pp2", "pp10", "recital-a", "recital-b", "op2", "op2-a", "op2-b", "op10", "annex-pp1", "annex-2", "annex-ii-1"
    ]  # fmt: skip


def test_parent_top_and_child() -> None:
    pid = ParagraphId.parse("op3-a-ii")
    assert str(pid.parent) == "op3-a"
    assert str(pid.top) == "op3"
    assert ParagraphId.parse("op3").parent is None
    assert str(ParagraphId.parse("annex-18").child("b")) == "annex-18-b"


def test_message_keys() -> None:
    key = MessageKey.parse("ipu-145-migration:op5:phrase")
    assert (key.scope, key.key, str(key.paragraph)) == ("ipu-145-migration", "op5:phrase", "op5")
    assert MessageKey.parse("ipu-145-migration:title").paragraph is None
    assert MessageKey.state("QA").context == "state:QA"
    assert MessageKey.instrument("udhr").context == "instrument:udhr"
    with pytest.raises(ValueError):
        MessageKey.parse("no-context")


def test_constructors_for_the_importer() -> None:
    assert str(ParagraphId.recital("AB")) == "recital-ab"
    assert str(ParagraphId.annex_paragraph(18)) == "annex-18"
    assert str(ParagraphId.annex_paragraph(3, "II")) == "annex-ii-3"
    assert str(ParagraphId.annex_paragraph(1, unnumbered=True)) == "annex-pp1"
    assert str(ParagraphId.annex_paragraph(2, "iv", unnumbered=True)) == "annex-iv-pp2"
    assert str(ParagraphId.operative(1000).child("1").child("2")) == "op1000-1-2"


def test_roman_numerals_round_trip() -> None:
    assert [roman_numeral(n) for n in (1, 4, 9, 14, 40, 90, 399)] == ["i", "iv", "ix", "xiv", "xl", "xc", "cccxcix"]
    assert all(roman_value(roman_numeral(n)) == n for n in range(1, 400))
