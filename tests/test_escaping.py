"""Markup in any input reaches every page as text: catalogs, metadata and registries.

A copy of the project gets the same payload (an `<img onerror>`, a `<script>`, a quote and an
ampersand) appended to every msgstr of the French catalogs (placeholders kept), to every metadata
field a page shows, to every instrument's titles and place, into an instrument's link, and as a
state's name (an alias the note then uses). The site is built, and every page kind, in English
and in French, is parsed as a browser would: no element or attribute comes from the payload, and
the payload is there as visible text. The build itself refuses markup in a translation
(respub.l10n.validation); to test the escaping behind that, the site is built in this process with
the catalogs' validation bypassed, and a separate test checks that the real build refuses them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from respub.l10n import translate
from respub.l10n.validation import CheckedCatalog, read_catalog
from respub.publish.build import build
from tests.conftest import copy_project
from tests.test_search import fragments

PAYLOAD = '"&<img src=x onerror=alert(1)><script>alert(1)</script>'
SLUG = "ipu-145-migration"
STATE_NAME = f"Qatar{PAYLOAD}"  # a name the registry lists, as the note then writes it
LINK = 'https://example.org/"onmouseover=alert(1)'
# Metadata fields a page shows (slug, dates and languages are checked identifiers, not prose).
METADATA_FIELDS = ("body", "session", "place", "adoption", "short_title")

PAGE_KINDS = {
    "home": "",
    "full text": f"{SLUG}/",
    "paragraph": f"{SLUG}/op5/",
    "reservations": f"{SLUG}/reservations/",
    "instruments": "instruments/",
    "instrument": "instruments/un-charter/",
    "status": "status/",
    "404": "404.html",
}


def _inject_catalog(path: Path) -> None:
    """The payload after every translation, plural forms included; the header stays as it is."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.string, tuple):
            message.string = tuple(form + PAYLOAD if form else form for form in message.string)
        elif message.string:
            message.string = message.string + PAYLOAD
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0)


def _inject_metadata(path: Path) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    for field in METADATA_FIELDS:
        data[field] = f"{data[field]}{PAYLOAD}"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


def _inject_instruments(path: Path) -> None:
    entries = yaml.safe_load(path.read_text("utf-8"))
    for entry in entries:
        entry["title"] = f"{entry['title']}{PAYLOAD}"
        if "fr" in entry.get("titles", {}):
            entry["titles"]["fr"] = f"{entry['titles']['fr']}{PAYLOAD}"
        if "place" in entry:
            entry["place"] = f"{entry['place']}{PAYLOAD}"
        if entry["id"] == "un-charter":
            entry["link"] = LINK
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), "utf-8")


def _inject_state(states: Path, text: Path) -> None:
    """Qatar gets the payload as an alias, and the note names it so: its name is shown as written."""
    data = yaml.safe_load(states.read_text("utf-8"))
    data["QA"]["aliases"] = [STATE_NAME]
    states.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    source = text.read_text("utf-8")
    assert "Qatar on the reference" in source
    text.write_text(source.replace("Qatar on the reference", f"{STATE_NAME} on the reference"), "utf-8")


def _unchecked(path: Path, lang: str) -> CheckedCatalog:
    """A catalog read (syntax checked) but not validated: markup gets through, as if the build's
    validation had missed it, so that the escaping behind it is what is tested."""
    return CheckedCatalog(read_catalog(path, lang), (), frozenset())


@pytest.fixture(scope="module")
def injected_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("injected") / "project")
    for catalog in sorted((project / "locales" / "fr" / "LC_MESSAGES").glob("*.po")):
        _inject_catalog(catalog)
    _inject_metadata(project / "docs" / SLUG / "resolution.yml")
    _inject_instruments(project / "registry" / "instruments.yml")
    _inject_state(project / "registry" / "states.yml", project / "docs" / SLUG / "text.txt")
    return project


@pytest.fixture(scope="module")
def injected(injected_project: Path) -> Path:
    """The injected project built by mkdocs in this process, the catalogs' validation bypassed:
    the build itself refuses markup in a translation (see the test below)."""
    site = injected_project / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(translate, "validate_catalog", _unchecked)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.chdir(injected_project)
        mkdocs_build(load_config(str(injected_project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


def test_the_build_refuses_markup_in_the_catalogs(injected_project: Path, tmp_path: Path) -> None:
    """The first defence: the real build stops on the injected French catalog, with its line."""
    result = build(injected_project, tmp_path / "out")
    assert result.returncode == 1
    assert "locales/fr/LC_MESSAGES/content.po:" in result.stderr
    assert "markup in a translation ('<img src=x onerror=alert(1)>')" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def _page(site: Path, lang: str, url: str) -> BeautifulSoup:
    path = site / ("" if lang == "en" else lang) / url
    if not url.endswith(".html"):
        path = path / "index.html"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _runs(script: Tag) -> bool:
    """A script element that a browser would run, or JSON-LD data that markup could break out of (the
    payload may be in JSON-LD as data: then it is valid JSON with no `<` in it)."""
    if script.get("type") != "application/ld+json":
        return True
    text = script.get_text()
    try:
        json.loads(text)
    except ValueError:
        return True
    return "<" in text


def _injected_elements(page: BeautifulSoup) -> list[Tag]:
    """Elements or attributes the payload would create if it reached the page as markup."""
    found = [img for img in page.find_all("img") if img.get("onerror") is not None or img.get("src") == "x"]
    found += [script for script in page.find_all("script") if "alert(1)" in script.get_text() and _runs(script)]
    found += [tag for tag in page.find_all(True) if any(name.startswith("on") for name in tag.attrs)]
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_injected_markup_is_text_on_every_page(injected: Path, lang: str, kind: str) -> None:
    page = _page(injected, lang, PAGE_KINDS[kind])
    assert _injected_elements(page) == []
    # The English status page only says there is nothing to translate: the payload is in its navigation.
    content = page if kind == "404" or (kind, lang) == ("status", "en") else page.find("article")
    assert PAYLOAD in content.get_text()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_injected_markup_stays_inside_attributes(injected: Path, lang: str) -> None:
    """Quotes in a state's name or the metadata do not end the attribute they are written into."""
    page = _page(injected, lang, f"{SLUG}/op5/")
    citation = page.select_one("button.rp-copy")["data-copy"]
    assert PAYLOAD in citation  # the body, session and place, and in French the translated label
    marked = page.select("mark.rp-reserved")
    if lang == "en":  # French phrases carry the payload too, so they no longer occur in the paragraph
        assert [mark["title"] for mark in marked] == [f"Reservation: {STATE_NAME}"]
    instrument = _page(injected, lang, "instruments/un-charter/")
    assert [a["href"] for a in instrument.select(".rp-facts a")] == [LINK]


def test_translated_sentences_keep_their_links(injected: Path) -> None:
    """A translated sentence with placeholders ("Réserve portant sur : {targets}.") is escaped,
    and its slots still hold the links the page builds."""
    page = _page(injected, "fr", f"{SLUG}/reservations/")
    qatar = page.find("section", id="qa")
    assert qatar is not None
    sentence = qatar.find("p")
    assert [a["href"] for a in sentence.find_all("a")] == ["../op5/"]
    assert sentence.get_text().count(PAYLOAD) >= 2  # the sentence, the paragraph label, the phrase


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_injected_markup_is_text_in_the_search_index(injected: Path, lang: str) -> None:
    """Pagefind builds the excerpts the search box shows as HTML from each record's text: the text is
    stored escaped, so the payload comes back as text in a result, never as an element."""
    contents = [page["content"] for page in fragments(injected, lang)]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in content for content in contents)
    assert not any("<img" in content or "<script" in content for content in contents)
