"""Citations a clerk or a researcher can use: in the page language, honest about translations, and
in the formats reference managers read, each read back here by a real reader of that format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import bibtexparser
import extruct
import pytest
import rispy
from bs4 import BeautifulSoup
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from respub.publish.site import Project, load_site
from tests.conftest import copy_project, read

SLUG = "ipu-145-migration"
ORIGIN = "http://127.0.0.1:8000/"  # the local address the tests build with (no SITE_URL)
LANGUAGES = ("en", "fr", "es", "ar")


def url(lang: str, path: str) -> str:
    return ORIGIN + ("" if lang == "en" else f"{lang}/") + path


def page(site: Path, lang: str, path: str) -> BeautifulSoup:
    return BeautifulSoup(read(site, ("" if lang == "en" else f"/{lang}") + f"/{path}"), "html.parser")


def citation_file(site: Path, lang: str, extension: str) -> str:
    """The text of a citation file offered on op5's page (a data: link), as a download would save it."""
    html = page(site, lang, f"{SLUG}/op5/")
    link = html.select_one(f'#op5 .rp-cite-files a[download$=".{extension}"]')
    assert link is not None, f"no .{extension} citation on the {lang} op5 page"
    assert link["download"] == f"{SLUG}-op5-{lang}.{extension}"
    head, _, data = link["href"].partition(",")
    assert head.startswith("data:") and head.endswith(";charset=utf-8")
    return unquote(data)


def test_french_citation_says_it_quotes_an_unofficial_translation(site: Path) -> None:
    text = page(site, "fr", f"{SLUG}/op5/").select_one("#op5 details.rp-citation p").get_text()
    assert text.startswith("Union interparlementaire, 145e Assemblée")
    assert "Traduction non officielle" in text
    assert text.endswith(f"texte original : {url('en', f'{SLUG}/op5/')}")
    english = page(site, "en", f"{SLUG}/op5/").select_one("#op5 details.rp-citation p").get_text()
    assert "translation" not in english and english.endswith(url("en", f"{SLUG}/op5/"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_bibtex_file_reads_back(site: Path, lang: str) -> None:
    database = bibtexparser.loads(citation_file(site, lang, "bib"))
    (entry,) = database.entries
    assert entry["ID"] == f"{SLUG}-op5-{lang}"
    assert entry["ENTRYTYPE"] == "misc"
    assert entry["year"] == "2022" and entry["date"] == "2022-10-15"
    assert entry["language"] == lang
    assert entry["url"] == url(lang, f"{SLUG}/op5/")
    if lang == "en":
        assert entry["author"] == "{Inter-Parliamentary Union}"
        assert entry["title"].startswith("Parliamentary impetus to local and regional development")
        assert entry["title"].endswith(", Operative paragraph 5")
        assert "note" not in entry
    else:
        assert entry["note"].endswith(url("en", f"{SLUG}/op5/"))
    if lang == "fr":
        assert entry["author"] == "{Union interparlementaire}"
        assert entry["note"].startswith("Traduction non officielle")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ris_file_reads_back(site: Path, lang: str) -> None:
    (record,) = rispy.loads(citation_file(site, lang, "ris"))
    assert record["type_of_reference"] == "GOVDOC"
    assert record["date"] == "2022/10/15"
    assert record["language"] == lang
    assert record["urls"] == [url(lang, f"{SLUG}/op5/")]
    if lang == "es":
        assert record["authors"] == ["Unión Interparlamentaria"]
        assert record["notes"][0].startswith("Traducción no oficial")
    if lang == "en":
        assert record["authors"] == ["Inter-Parliamentary Union"]
        assert "notes" not in record


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csl_json_file_formats_with_citeproc(site: Path, lang: str) -> None:
    items = json.loads(citation_file(site, lang, "json"))
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(f"{SLUG}-op5-{lang}")]))
    (entry,) = [str(item) for item in bibliography.bibliography()]
    assert items[0]["author"][0]["literal"] in entry
    assert "2022" in entry
    assert items[0]["title"][:40] in entry
    assert items[0]["URL"] == url(lang, f"{SLUG}/op5/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_head_carries_json_ld_legislation_and_citation_meta(site: Path, lang: str) -> None:
    path = ("" if lang == "en" else f"/{lang}") + f"/{SLUG}/op5/"
    html = read(site, path)
    data = extruct.extract(html, base_url=url(lang, f"{SLUG}/op5/"), syntaxes=["json-ld", "dublincore"], uniform=True)
    (legislation,) = [item for item in data["json-ld"] if item.get("@type") == "Legislation"]
    assert legislation["inLanguage"] == lang
    assert legislation["legislationDate"] == "2022-10-15"
    assert legislation["legislationIdentifier"] == f"{SLUG}/op5"
    assert legislation["publisher"]["@type"] == "Organization" and legislation["publisher"]["name"]
    assert legislation["isPartOf"]["url"] == url(lang, f"{SLUG}/")
    assert legislation["url"] == url(lang, f"{SLUG}/op5/")
    if lang == "en":
        assert "translationOfWork" not in legislation
    else:
        assert legislation["translationOfWork"]["url"] == url("en", f"{SLUG}/op5/")
    (dublin_core,) = data["dublincore"]
    elements = {element["name"]: element["content"] for element in dublin_core["elements"]}
    assert elements["DC.language"] == lang and elements["DC.date"] == "2022-10-15"
    meta = {tag["name"]: tag["content"] for tag in BeautifulSoup(html, "html.parser").select("meta[name^=citation_]")}
    assert meta["citation_publication_date"] == "2022/10/15"
    assert meta["citation_language"] == lang
    assert meta["citation_abstract_html_url"] == url(lang, f"{SLUG}/op5/")
    assert meta["citation_author"] == legislation["legislationPassedBy"]["name"]


def test_json_ld_cannot_close_its_script(tmp_path: Path) -> None:
    import datetime as dt

    from respub.render.citation import CitationRecord, json_ld

    record = CitationRecord(
        "k",
        "s/op1",
        "Body</script><script>alert(1)</script>",
        "S",
        "T & <b>",
        "P",
        "X",
        dt.date(2020, 1, 2),
        "en",
        "u",
        "r",
        "",
        True,
        "",
        "pub",
    )
    text = json_ld(record)
    assert "<" not in text and ">" not in text
    assert json.loads(text)["legislationPassedBy"]["name"] == "Body</script><script>alert(1)</script>"


# ---------------------------------------------------------------------------------------------
# Official editions: declared in resolution.yml


@pytest.fixture(scope="module")
def french_official(tmp_path_factory: pytest.TempPathFactory):
    """The project with its French edition declared official (the assembly's own French text)."""
    root = copy_project(tmp_path_factory.mktemp("official") / "project")
    metadata = root / "docs" / SLUG / "resolution.yml"
    metadata.write_text(metadata.read_text("utf-8") + "official_languages: [en, fr]\n", "utf-8")
    shutil.rmtree(root / "docs" / SLUG / "__pycache__", ignore_errors=True)
    project = Project(root, root / "docs", root / "locales", LANGUAGES, ORIGIN)
    return load_site(project)


def rendered(site, lang: str, path: str) -> BeautifulSoup:
    (markdown,) = [p.markdown for p in site.pages(lang) if p.path == path]
    return BeautifulSoup(markdown.split("\n---\n", 1)[1], "html.parser")


def test_declared_official_edition_is_labelled_and_cited_as_official(french_official) -> None:
    french = rendered(french_official, "fr", f"{SLUG}/op5.md")
    notice = french.select_one(".rp-unofficial").get_text()
    assert notice.startswith("Texte officiel") and "non officielle" not in notice
    citation = french.select_one("#op5 details.rp-citation p").get_text()
    assert citation.endswith("Texte officiel.") and "non officielle" not in citation
    spanish = rendered(french_official, "es", f"{SLUG}/op5.md")
    assert "Traducción no oficial" in spanish.select_one("#op5 details.rp-citation p").get_text()
    assert spanish.select_one(".rp-unofficial").get_text().startswith("Traducción no oficial")


def test_official_languages_must_be_a_list_of_codes(tmp_path: Path) -> None:
    from respub.errors import InputError
    from respub.source.metadata import read_metadata

    source = Path(__file__).parent.parent / "docs" / SLUG / "resolution.yml"
    bad = tmp_path / "resolution.yml"
    bad.write_text(source.read_text("utf-8") + "official_languages: French\n", "utf-8")
    with pytest.raises(InputError) as error:
        read_metadata(bad)
    assert "must be a list such as [en, fr]" in str(error.value)
    line = len(source.read_text("utf-8").splitlines()) + 1  # the line added
    assert str(error.value).startswith(f"{bad}:{line}:")
    bad.write_text(source.read_text("utf-8") + "official_languages: [en, French]\n", "utf-8")
    with pytest.raises(InputError, match="'French' must be a language code"):
        read_metadata(bad)
