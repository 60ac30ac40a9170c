"""Machine-readable editions: Akoma Ntoso 3.0 documents (valid against the official schema) and the
JSON edition (valid against respub/data/resolution.schema.json)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from jsonschema import Draft202012Validator
from lxml import etree

from respub.l10n.i18n import site_languages
from respub.l10n.translate import Translation, load_translation
from respub.model import Resolution, Source, SubParagraph
from respub.publish import export
from respub.publish.akn import (
    AKN_NS,
    BORROWED_MESSAGES,
    XML_LANG,
    akn_bytes,
    eid,
    expression_uri,
    instrument_uri,
    validation_errors,
    work_uri,
)
from respub.publish.export import (
    FEED,
    INDEX,
    INDEX_SCHEMA_FILE,
    SCHEMA_FILE,
    akn_path,
    export_files,
    json_path,
    json_schema,
    resolution_data,
    schema_path,
)
from respub.publish.site import Project, Site, load_site
from respub.render.edition import Edition
from respub.source.parse import parse_resolution
from tests.structure import sample_metadata

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = site_languages(ROOT)
SEED = "ipu-145-migration"
SITE_URL = "https://example.org/"
CORPUS_TEXT = ROOT / "tests" / "data" / "corpus" / "un-ga-A_RES_80_1-en.txt"
NS = {"a": AKN_NS}


@pytest.fixture(scope="module")
def loaded() -> Site:
    return load_site(Project(ROOT, ROOT / "docs", ROOT / "locales", LANGUAGES, SITE_URL))


def edition(site: Site, lang: str, slug: str = SEED) -> Edition:
    return next(e for e in site.editions(lang) if e.slug == slug)


def document(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def eids(root: etree._Element, tag: str) -> list[str]:
    return [element.get("eId") for element in root.iterfind(f".//a:{tag}", NS)]


def own_text(element: etree._Element) -> str:
    """The text of an element's <p> (content or intro), inline elements included."""
    p = element.find("a:content/a:p", NS)
    if p is None:
        p = element.find("a:intro/a:p", NS)
    if p is None:
        p = element.find("a:p", NS)
    return "".join(p.itertext())


@pytest.fixture(scope="module")
def corpus() -> Resolution:
    metadata = sample_metadata(
        slug="un-ga-80-1",
        body="United Nations General Assembly",
        session="80th session",
        place="New York",
        adopted=dt.date(2025, 9, 19),
        adoption="without a vote",
        source=Source("tests/data/corpus/resolution.yml", 1),
        symbol="A/RES/80/1",
    )
    return parse_resolution(CORPUS_TEXT, metadata)


def corpus_edition(site: Site, resolution: Resolution, lang: str) -> Edition:
    """An edition of a resolution the catalogs know nothing of: every text falls back to English."""
    return Edition(resolution, load_translation(ROOT / "locales", lang, "en"), site.registry)


# ---------------------------------------------------------------------------------------------
# Akoma Ntoso


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_akn_document_is_valid_against_the_schema(loaded: Site, lang: str) -> None:
    files = export_files(loaded, lang)
    for resolution in loaded.resolutions:
        data = files[akn_path(resolution.slug)]
        assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<akomaNtoso")
        assert validation_errors(data) == [], f"{lang}/{resolution.slug}"


def test_seed_structure_and_eids(loaded: Site) -> None:
    root = document(akn_bytes(edition(loaded, "en")))
    statement = root.find("a:statement", NS)
    assert statement is not None and statement.get("name") == "resolution"
    resolution = loaded.resolutions[0]
    assert eids(root, "paragraph") == [f"para_{n}" for n in range(1, len(resolution.operative) + 1)]
    assert [c.get("eId") for c in statement.iterfind("a:preamble/a:container", NS)] == [
        f"preamble__container_{n}" for n in range(1, len(resolution.preamble) + 1)
    ]
    assert len(resolution.preamble) + len(resolution.operative) == 55
    formula = statement.find("a:preamble/a:formula", NS)
    assert formula.get("name") == "enactingFormula" and formula.get("eId") == "preamble__formula_1"
    para5 = statement.find("a:mainBody/a:paragraph[@eId='para_5']", NS)
    assert para5.findtext("a:num", namespaces=NS) == "5."
    assert own_text(para5) == resolution.paragraph("op5").text
    pp9 = statement.find("a:preamble/a:container[@eId='preamble__container_9']", NS)
    assert pp9.get("name") == "preambularParagraph"
    assert own_text(pp9) == resolution.paragraph("pp9").text
    assert statement.findtext("a:preface/a:longTitle/a:p/a:docTitle", namespaces=NS) == resolution.title


def test_identification_and_uris(loaded: Site) -> None:
    resolution = loaded.resolutions[0]
    work = "/akn/xx-ipu/statement/deliberation/assembly/2022-10-15/ipu-145-migration"
    assert work_uri(resolution) == work
    assert expression_uri(edition(loaded, "en")) == f"{work}/eng@"
    root = document(akn_bytes(edition(loaded, "en")))
    identification = root.find("a:statement/a:meta/a:identification", NS)
    assert identification.get("source") == "#respub"
    values = {
        f"{level}/{item}": identification.find(f"a:{level}/a:{item}", NS).get("value")
        for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation")
        for item in ("FRBRthis", "FRBRuri")
    }
    assert values == {
        "FRBRWork/FRBRthis": f"{work}/!main",
        "FRBRWork/FRBRuri": work,
        "FRBRExpression/FRBRthis": f"{work}/eng@/!main",
        "FRBRExpression/FRBRuri": f"{work}/eng@",
        "FRBRManifestation/FRBRthis": f"{work}/eng@/!main.xml",
        "FRBRManifestation/FRBRuri": f"{work}/eng@/!main.xml",
    }
    assert identification.find("a:FRBRManifestation/a:FRBRformat", NS).get("value") == "xml"
    assert identification.find("a:FRBRWork/a:FRBRdate", NS).get("date") == "2022-10-15"
    assert identification.find("a:FRBRWork/a:FRBRauthor", NS).get("href") == "#assembly"
    assert identification.find("a:FRBRWork/a:FRBRcountry", NS).get("value") == "xx-ipu"
    assert identification.find("a:FRBRWork/a:FRBRsubtype", NS).get("value") == "deliberation"
    aliases = {a.get("name"): a.get("value") for a in identification.iterfind("a:FRBRWork/a:FRBRalias", NS)}
    assert aliases == {
        "title": resolution.title,
        "formerIri": "/akn/un/statement/resolution/ipu/2022-10-15/ipu-145-migration",
    }
    assert identification.find("a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "eng"
    assert identification.find("a:FRBRExpression/a:FRBRauthoritative", NS).get("value") == "true"
    assert identification.find("a:FRBRExpression/a:FRBRtranslation", NS) is None
    organizations = {o.get("eId"): o.get("showAs") for o in root.iterfind(".//a:references/a:TLCOrganization", NS)}
    assert organizations["assembly"] == "Inter-Parliamentary Union" and "respub" in organizations
    step = root.find("a:statement/a:meta/a:workflow/a:step", NS)
    assert (step.get("date"), step.get("by"), step.get("outcome")) == ("2022-10-15", "#assembly", "#consensus")
    concept = root.find(".//a:references/a:TLCConcept[@eId='consensus']", NS)
    assert concept.get("showAs") == "by consensus"


def test_french_edition_has_french_text_and_fra(loaded: Site) -> None:
    french = edition(loaded, "fr")
    root = document(akn_bytes(french))
    expression = root.find(".//a:identification/a:FRBRExpression", NS)
    assert expression.find("a:FRBRlanguage", NS).get("language") == "fra"
    catalog = (ROOT / "locales/fr/LC_MESSAGES/content.po").read_text("utf-8")
    revised = re.search(r"PO-Revision-Date: (\d{4}-\d{2}-\d{2})", catalog)
    assert expression.find("a:FRBRthis", NS).get("value").endswith(f"/fra@{revised.group(1)}/!main")
    assert expression.find("a:FRBRdate", NS).get("date") == revised.group(1)
    assert expression.find("a:FRBRauthoritative", NS).get("value") == "false"
    translation = expression.find("a:FRBRtranslation", NS)
    assert translation.get("fromLanguage") == "eng" and translation.get("href").endswith("/eng@")
    assert root.find("a:statement/a:mainBody", NS).get(XML_LANG) == "fr"
    op5 = french.text("op5", french.resolution.paragraph("op5").text)
    assert op5.status == "translated" and op5.value.startswith("Prie instamment les parlements")
    para5 = root.find(".//a:mainBody/a:paragraph[@eId='para_5']", NS)
    assert own_text(para5) == op5.value
    assert para5.find("a:content/a:p", NS).get(XML_LANG) is None
    title = root.findtext(".//a:preface/a:longTitle/a:p/a:docTitle", namespaces=NS)
    assert title == french.title.value and title != french.resolution.title


def test_refs_where_the_seed_cites_instruments(loaded: Site) -> None:
    english = edition(loaded, "en")
    root = document(akn_bytes(english))
    citations = loaded.citations[SEED]
    assert citations, "the seed cites instruments"
    for citation in citations:
        element = root.find(f".//*[@eId='{eid(citation.key)}']", NS)
        hrefs = {ref.get("href") for ref in element.iterfind(".//a:ref", NS)}
        assert instrument_uri(loaded.registry.get(citation.instrument_id), base_url=SITE_URL) in hrefs, citation
    pp3 = root.find(".//a:container[@eId='preamble__container_3']/a:p", NS)
    assert [(ref.text, ref.get("href")) for ref in pp3.iterfind("a:ref", NS)] == [
        (
            "Charter of the United Nations",
            "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=I-1&chapter=1",
        ),
        ("Universal Declaration of Human Rights", "/akn/un/statement/deliberation/unga/1948-12-10/217-iii"),
        ("Geneva Conventions", f"{SITE_URL}instruments/geneva-conventions/"),
    ]
    references = {r.get("eId"): r for r in root.iterfind(".//a:references/a:TLCReference", NS)}
    for ref in root.iterfind(".//a:preamble//a:ref", NS):
        assert ref.get("href") in {tlc.get("href") for tlc in references.values()}, ref.get("href")
    assert set(references) >= {citation.instrument_id for citation in citations}
    assert references["udhr"].get("showAs") == "Universal Declaration of Human Rights"
    assert references["udhr"].get("name") == "declaration"
    # the mentions in the French text are linked too, with the same IRIs
    french = document(akn_bytes(edition(loaded, "fr")))
    pp3_fr = french.find(".//a:container[@eId='preamble__container_3']/a:p", NS)
    assert {ref.get("href") for ref in pp3_fr.iterfind("a:ref", NS)} >= {
        "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=I-1&chapter=1",
        "/akn/un/statement/deliberation/unga/1948-12-10/217-iii",
    }


def test_reservations_are_notes_one_per_position(loaded: Site) -> None:
    english = edition(loaded, "en")
    root = document(akn_bytes(english))
    notes = root.find("a:statement/a:meta/a:notes", NS)
    positions = notes.findall("a:note[@refersTo]", NS)
    assert len(positions) == len(english.positions) > 0
    by_state = {note.get("refersTo"): note for note in positions}
    qatar = by_state["#state_qa"]
    assert qatar.get("class") == "reservation"
    assert [ref.get("href") for ref in qatar.iterfind(".//a:ref", NS)] == ["#para_5"]
    assert "labour mobility" in "".join(qatar.itertext())
    assert by_state["#state_ru"].get("class") == "opposition"
    for note in positions:
        for ref in note.iterfind(".//a:ref", NS):
            assert root.find(f".//*[@eId='{ref.get('href')[1:]}']", NS) is not None, ref.get("href")
        code = note.get("refersTo")[1:]
        assert root.find(f".//a:references/a:TLCOrganization[@eId='{code}']", NS) is not None
    printed = root.find("a:statement/a:conclusions/a:container[@name='reservationsNote']/a:p", NS)
    assert printed.text == english.resolution.note and printed.get("class") == "reservations"


def test_corpus_text_with_sub_paragraphs_and_a_footnote(loaded: Site, corpus: Resolution) -> None:
    english = corpus_edition(loaded, corpus, "en")
    data = akn_bytes(english)
    assert validation_errors(data) == []
    root = document(data)
    assert eids(root, "paragraph") == ["para_1", "para_2", "para_3"]
    assert eids(root, "list") == ["para_1__list_1"]
    assert eids(root, "point") == [f"para_1__list_1__point_{label}" for label in "abc"]
    para1 = root.find(".//a:paragraph[@eId='para_1']", NS)
    assert own_text(para1).startswith("Decides, without setting a precedent")
    point_a = para1.find("a:list/a:point[@eId='para_1__list_1__point_a']", NS)
    assert point_a.findtext("a:num", namespaces=NS) == "(a)"
    assert own_text(point_a).startswith("The State of Palestine may submit")
    assert eids(root, "container") == [f"preamble__container_{n}" for n in range(1, 6)]
    # the footnote: an authorialNote where the text marks it, nothing in <meta>
    (note,) = root.iterfind(".//a:authorialNote", NS)
    assert note.get("eId") == "authorialNote_1" and note.get("marker") == "1"
    assert "".join(note.itertext()).strip() == "See resolution 169 (II)."
    assert root.find(".//a:noteRef", NS) is None and root.find(".//a:meta/a:notes/a:note", NS) is None
    assert "[^1]" not in "".join(root.find("a:statement/a:preamble", NS).itertext())
    assert root.findtext(".//a:preface/a:p/a:docNumber", namespaces=NS) == "80/1"
    aliases = {a.get("name"): a.get("value") for a in root.iterfind(".//a:FRBRWork/a:FRBRalias", NS)}
    assert aliases == {
        "title": corpus.title,
        "symbol": "A/RES/80/1",
        "number": "80/1",
        "formerIri": "/akn/un/statement/resolution/unga/2025-09-19/un-ga-80-1",
    }
    assert work_uri(corpus) == "/akn/un/statement/deliberation/unga/2025-09-19/80-1"
    number = root.find(".//a:FRBRWork/a:FRBRnumber", NS)
    assert (number.get("value"), number.get("showAs")) == ("80-1", "80/1")
    assert root.find(".//a:notes/a:note[@refersTo]", NS) is None  # no positions: no position notes


def test_fallback_text_is_marked_english(loaded: Site, corpus: Resolution) -> None:
    spanish = corpus_edition(loaded, corpus, "es")
    data = akn_bytes(spanish)
    assert validation_errors(data) == []
    root = document(data)
    # every message falls back to English: the document says "mul", its IRI keeps the edition's code
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "mul"
    assert "/spa@" in root.find(".//a:FRBRExpression/a:FRBRthis", NS).get("value")
    paragraphs = list(root.iterfind(".//a:mainBody//a:p", NS)) + list(root.iterfind(".//a:preamble//a:p", NS))
    assert paragraphs
    for p in paragraphs:
        assert p.get(XML_LANG) == "en" and p.get("class") == "fallback-missing", etree.tostring(p)
    assert root.find("a:statement/a:mainBody", NS).get(XML_LANG) == "es"


def test_nested_sub_paragraphs(loaded: Site, corpus: Resolution) -> None:
    op1 = corpus.paragraph("op1")
    point_a = op1.children[0]
    romans = tuple(
        SubParagraph(f"{point_a.id}-{label}", label, f"Roman {label};", point_a.source) for label in ("i", "ii")
    )
    nested_a = dataclasses.replace(point_a, children=romans)
    pp2 = corpus.preamble[1]
    pp2_subs = (SubParagraph(f"{pp2.id}-a", "a", "A preambular sub-paragraph,", pp2.source),)
    resolution = dataclasses.replace(
        corpus,
        operative=(dataclasses.replace(op1, children=(nested_a, *op1.children[1:])), *corpus.operative[1:]),
        preamble=(corpus.preamble[0], dataclasses.replace(pp2, children=pp2_subs), *corpus.preamble[2:]),
    )
    data = akn_bytes(corpus_edition(loaded, resolution, "en"))
    assert validation_errors(data) == []
    root = document(data)
    assert eids(root, "point") == [
        "para_1__list_1__point_a",
        "para_1__list_1__point_a__list_1__point_i",
        "para_1__list_1__point_a__list_1__point_ii",
        "para_1__list_1__point_b",
        "para_1__list_1__point_c",
    ]
    roman = root.find(".//a:point[@eId='para_1__list_1__point_a__list_1__point_ii']", NS)
    assert roman.findtext("a:num", namespaces=NS) == "(ii)" and own_text(roman) == "Roman ii;"
    assert eids(root, "item") == ["preamble__container_2__list_1__item_a"]


def test_markup_in_a_translation_stays_text(loaded: Site) -> None:
    english = edition(loaded, "en")
    resolution = english.resolution
    evil = '<script>alert("op5")</script> & <ref href="x">not a link</ref>'
    catalog = Catalog(locale="fr")
    catalog.add(resolution.paragraph("op5").text, evil, context=f"{SEED}:op5")
    ui = Translation("fr", "en", catalog, None)
    data = akn_bytes(Edition(resolution, ui, loaded.registry, loaded.citations[SEED]))
    assert b"<script" not in data and b"&lt;script&gt;" in data
    assert validation_errors(data) == []
    para5 = document(data).find(".//a:paragraph[@eId='para_5']/a:content/a:p", NS)
    assert para5.text == evil and len(para5) == 0


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ("op5", "para_5"),
        ("op3-a", "para_3__list_1__point_a"),
        ("op3-a-ii", "para_3__list_1__point_a__list_1__point_ii"),
        ("pp9", "preamble__container_9"),
        ("pp2-a", "preamble__container_2__list_1__item_a"),
    ],
)
def test_eid_of_a_paragraph_id(anchor: str, expected: str) -> None:
    assert eid(anchor) == expected


def test_interface_strings_borrowed_from_render_are_still_in_the_template() -> None:
    """akn.py looks these up by value: if render.py rewords one, the documents must follow."""
    with open(ROOT / "locales" / "site.pot", "rb") as file:
        template = read_po(file)
    for msgid in BORROWED_MESSAGES:
        assert template.get(msgid) is not None, msgid


# ---------------------------------------------------------------------------------------------
# JSON


def test_json_validates_and_holds_every_paragraph_in_every_language(loaded: Site) -> None:
    files = export_files(loaded, LANGUAGES[0])
    data = json.loads(files[json_path(SEED)])
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, "\n".join(errors[:20])
    assert data["slug"] == SEED and data["languages"] == list(LANGUAGES)
    assert len(data["paragraphs"]) == 55
    for paragraph in data["paragraphs"]:
        assert set(paragraph["text"]) == set(LANGUAGES), paragraph["id"]
        assert set(paragraph["urls"]) == set(LANGUAGES)
        assert paragraph["text"]["en"]["status"] == "source"
    op5 = next(p for p in data["paragraphs"] if p["id"] == "op5")
    assert op5 == {**op5, "eid": "para_5", "kind": "operative", "number": 5}
    assert op5["urls"]["fr"] == f"{SITE_URL}fr/{SEED}/op5/"
    assert op5["urls"]["en"] == f"{SITE_URL}{SEED}/op5/"
    assert op5["text"]["fr"]["lang"] == "fr" and op5["text"]["fr"]["status"] == "translated"
    assert data["akn"]["expressions"]["fr"]["url"] == f"{SITE_URL}fr/{SEED}/{SEED}.akn.xml"
    pp3 = next(p for p in data["paragraphs"] if p["id"] == "pp3")
    assert pp3["instruments"] == ["un-charter", "udhr", "geneva-conventions"]
    udhr = next(i for i in data["instruments"] if i["id"] == "udhr")
    assert "pp3" in udhr["cited_in"] and set(udhr["title"]) == set(LANGUAGES)
    reservations = {p["state_code"]: p for p in data["reservations"]}
    assert len(data["reservations"]) == len(loaded.positions[SEED])
    assert reservations["QA"]["kind"] == "reservation"
    assert reservations["QA"]["targets"] == [{"paragraph_id": "op5", "eid": "para_5", "phrase": "labour mobility"}]
    assert reservations["RU"]["kind"] == "opposition"
    assert reservations["HU"]["targets"] == [{"paragraph_id": None, "eid": None, "phrase": None}]


def test_json_of_the_corpus_text_with_sub_paragraphs(loaded: Site, corpus: Resolution) -> None:
    site = dataclasses.replace(
        loaded,
        resolutions=(corpus,),
        citations={corpus.slug: ()},
        positions={corpus.slug: ()},
    )
    data = resolution_data(site, corpus, "https://example.org/sub/")
    validator = Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(data))
    op1 = next(p for p in data["paragraphs"] if p["id"] == "op1")
    assert [(s["id"], s["eid"], s["label"]) for s in op1["subparagraphs"]] == [
        (f"op1-{label}", f"para_1__list_1__point_{label}", label) for label in "abc"
    ]
    assert op1["subparagraphs"][0]["urls"]["ar"] == "https://example.org/sub/ar/un-ga-80-1/op1/#op1-a"
    assert op1["subparagraphs"][0]["text"]["fr"]["status"] == "missing"
    assert op1["subparagraphs"][0]["text"]["fr"]["lang"] == "en"
    assert data["footnotes"][0]["marker"] == "1" and data["reservations"] == [] and data["note"] is None


def test_files_per_language_and_reproducible(loaded: Site) -> None:
    default, *others = LANGUAGES
    first = {lang: export_files(loaded, lang) for lang in LANGUAGES}
    slugs = [resolution.slug for resolution in loaded.resolutions]
    site_files = {INDEX, FEED}
    schemas = {schema_path(SCHEMA_FILE), schema_path(INDEX_SCHEMA_FILE)}
    assert set(first[default]) == {akn_path(s) for s in slugs} | {json_path(s) for s in slugs} | site_files | schemas
    for lang in others:
        assert set(first[lang]) == {akn_path(slug) for slug in slugs} | site_files
    assert akn_path(SEED) == f"{SEED}/{SEED}.akn.xml" and json_path(SEED) == f"{SEED}/{SEED}.json"
    assert {lang: export_files(loaded, lang) for lang in LANGUAGES} == first
    for files in first.values():
        for data in files.values():
            data.decode("utf-8")
            assert data.endswith(b"\n")


@pytest.mark.parametrize("name", ["annex.txt", "several-annexes.txt", "recitals.txt", "decimal-sub-paragraphs.txt"])
def test_json_of_the_new_shapes_follows_the_schema(loaded: Site, name: str) -> None:
    layout = ROOT / "tests" / "data" / "layouts" / name
    metadata = sample_metadata(slug="shape", akn_country="xx-test", akn_actor="assembly")
    resolution = parse_resolution(layout, metadata)
    site = dataclasses.replace(loaded, resolutions=(resolution,), citations={"shape": ()}, positions={"shape": ()})
    data = resolution_data(site, resolution, SITE_URL)
    validator = Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(data)] == []
    assert [p["id"] for p in data["paragraphs"]] == [p.id for p in resolution.paragraphs]
    assert [p["eid"] for p in data["paragraphs"]] == [eid(p.id) for p in resolution.paragraphs]


def _broken_copies(data: dict) -> list[dict]:
    """The JSON edition with one value made invalid at each depth: top level, a paragraph, a nested
    sub-paragraph (the schema's recursive definition), a language map, a URL."""
    deep = next(n for n, p in enumerate(data["paragraphs"]) if any(s["subparagraphs"] for s in p["subparagraphs"]))

    def nested(d: dict) -> dict:
        outer = next(s for s in d["paragraphs"][deep]["subparagraphs"] if s["subparagraphs"])
        return outer["subparagraphs"][0]

    copies = []
    for change in (
        lambda d: d.__setitem__("slug", "Not A Slug"),
        lambda d: d["paragraphs"][0].__setitem__("eid", 7),
        lambda d: nested(d)["text"].__setitem__("xx-bad", {}),
        lambda d: nested(d).__setitem__("unexpected", 1),
        lambda d: d["paragraphs"][-1]["urls"].__setitem__("en", "not a url"),
    ):
        copy = json.loads(json.dumps(data))
        change(copy)
        copies.append(copy)
    return copies


def test_the_build_check_finds_what_the_published_schema_finds(loaded: Site) -> None:
    """The build validates with local references written out (export._validator, for speed): it
    must report exactly the errors the published schema reports, at every depth."""
    layout = ROOT / "tests" / "data" / "layouts" / "decimal-sub-paragraphs.txt"
    metadata = sample_metadata(slug="shape", akn_country="xx-test", akn_actor="assembly")
    resolution = parse_resolution(layout, metadata)
    site = dataclasses.replace(loaded, resolutions=(resolution,), citations={"shape": ()}, positions={"shape": ()})
    data = resolution_data(site, resolution, SITE_URL)
    published = Draft202012Validator(
        export.published_schema(SCHEMA_FILE, SITE_URL), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for broken in _broken_copies(data):
        expected = sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in published.iter_errors(broken))
        assert expected, "each copy is invalid"
        assert sorted(export._json_problems(broken, SCHEMA_FILE, SITE_URL)) == expected
    assert export._json_problems(data, SCHEMA_FILE, SITE_URL) == []
