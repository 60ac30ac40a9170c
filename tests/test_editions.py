"""The language editions as readers see them: translated pages, honest fallbacks, alternates, RTL."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from respub.l10n.translate import load_translation
from tests.conftest import ROOT, read

SLUG = "ipu-145-migration"
LANGUAGES = ("en", "fr", "es", "ar")


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(read(site, url), "html.parser")


@pytest.mark.parametrize(
    "url",
    [
        f"/fr/{SLUG}/",
        f"/fr/{SLUG}/op5/",
        f"/fr/{SLUG}/pp9/",
        f"/fr/{SLUG}/reservations/",
        "/fr/instruments/gcm/",
        "/fr/instruments/",
        "/fr/",
    ],
)
def test_pseudo_locale_every_string_goes_through_the_catalogs(pseudo_site: Path, url: str) -> None:
    page = soup(pseudo_site, url)
    article = page.select_one("article")
    for node in article.find_all(string=True):
        if node.parent.name in ("script", "style") or node.find_parent(["code", "dd"]):
            continue
        # URLs, and babel's locale data in the page language (dates such as "15 octobre 2022", the
        # name of the original's language, "anglais"), are not catalog strings.
        text = re.sub(r"https?://\S+|\b\d{1,2} \w+ \d{4}\b|\banglais\b|^ et $", "", str(node))
        assert text == text.upper(), f"{url}: {node!r} did not come from the catalogs"
    assert "PARLIAMENTARY RESOLUTIONS" in page.title.get_text()
    labels = " ".join(a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary .md-nav__link"))
    assert labels == labels.upper() and "INSTRUMENTS" in labels
    if f"/{SLUG}/" in url:
        assert "PREAMBLE" in labels and "OPERATIVE PART" in labels


def test_pseudo_locale_labels_and_citations(pseudo_site: Path) -> None:
    page = soup(pseudo_site, f"/fr/{SLUG}/op5/")
    assert page.select_one("h1").get_text() == "OPERATIVE PARAGRAPH 5"
    assert page.select_one("details.rp-citation p").get_text().startswith("INTER-PARLIAMENTARY UNION, 145TH ASSEMBLY")
    assert page.select_one("mark.rp-reserved").get_text() == "LABOUR MOBILITY"
    assert page.select_one(".rp-reserved-by a").get_text() == "QATAR"


def test_french_edition_reads_in_french(site: Path) -> None:
    page = soup(site, f"/fr/{SLUG}/op5/")
    ui = load_translation(ROOT / "locales", "fr")
    assert page.select_one("html")["lang"] == "fr"
    assert page.select_one("h1").get_text() == "Paragraphe 5 du dispositif"
    assert not page.find(id="op5").select_one(".rp-body").has_attr("lang")  # French, like the page
    assert page.find(id="op5").select_one(".rp-body p").get_text().startswith("Prie instamment les parlements")
    assert "15 octobre 2022" in page.select_one(".rp-meta").get_text()
    assert page.select_one(".rp-unofficial").get_text() == ui._(
        "Unofficial translation by the publishers of this site. Only the original {language} text is authoritative."
    ).format(language="anglais")
    full = soup(site, f"/fr/{SLUG}/")
    assert "Hongrie et Indonésie" in full.select_one(".rp-positions").get_text()
    assert "15 de octubre de 2022" in soup(site, f"/es/{SLUG}/").select_one(".rp-meta").get_text()


def test_every_language_has_the_same_ids(site: Path) -> None:
    ids = {
        lang: [
            d["id"]
            for d in soup(site, f"/{lang}/{SLUG}/" if lang != "en" else f"/{SLUG}/").select("[id^=op], [id^=pp]")
        ]
        for lang in LANGUAGES
    }
    assert ids["fr"] == ids["en"] == ids["es"] == ids["ar"]


def test_alternates_are_absolute_with_x_default(site: Path) -> None:
    page = soup(site, f"/es/{SLUG}/op5/")
    links = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}
    base = "http://127.0.0.1:8000/"
    assert links == {
        "en": f"{base}{SLUG}/op5/",
        "fr": f"{base}fr/{SLUG}/op5/",
        "es": f"{base}es/{SLUG}/op5/",
        "ar": f"{base}ar/{SLUG}/op5/",
        "x-default": f"{base}{SLUG}/op5/",
    }
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    url = next(u for u in sitemap.findall("s:url", ns) if u.find("s:loc", ns).text == f"{base}fr/{SLUG}/op5/")
    alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
    assert alternates == links


def test_language_switcher_keeps_the_paragraph(site: Path) -> None:
    page = soup(site, f"/fr/{SLUG}/op5/")
    switcher = {a["hreflang"]: a["href"] for a in page.select(".md-select__link[hreflang]")}
    assert switcher["ar"].endswith(f"ar/{SLUG}/op5/") and switcher["en"].endswith(f"{SLUG}/op5/")


def test_arabic_is_right_to_left(site: Path) -> None:
    html = read(site, f"/ar/{SLUG}/op5/")
    assert re.search(r'<body[^>]*dir="rtl"', html)
    assert soup(site, f"/ar/{SLUG}/op5/").select_one("h1").get_text() == "الفقرة 5 من المنطوق"


def test_missing_and_fuzzy_translations_fall_back_visibly(extended_site: Path) -> None:
    """French op5 is untranslated and op6 fuzzy in the `extended` scenario (tests/conftest.py)."""
    ui = load_translation(ROOT / "locales", "fr")
    page = soup(extended_site, f"/fr/{SLUG}/")
    op5, op6 = page.find(id="op5").select_one(".rp-body"), page.find(id="op6").select_one(".rp-body")
    assert (op5["lang"], op5["dir"]) == ("en", "ltr") and (op6["lang"], op6["dir"]) == ("en", "ltr")
    assert op5.select_one("p:not(.rp-fallback)").get_text().startswith("Urges parliaments")
    assert op5.select_one(".rp-fallback").get_text() == ui._("Not yet translated: original text shown")
    assert op6.select_one(".rp-fallback").get_text() == ui._("Translation being revised: original text shown")
    assert not page.find(id="op4").select_one(".rp-body").has_attr("lang")
    status = soup(extended_site, "/fr/status/")
    links = [a["href"] for a in status.select(".rp-status a")]
    assert f"../{SLUG}/op5/" in links and f"../{SLUG}/op6/" in links


def test_status_pages_show_progress(site: Path) -> None:
    for lang in ("fr", "es", "ar"):
        progress = soup(site, f"/{lang}/status/").select_one("progress")
        assert progress["value"] == progress["max"]


def test_link_previews_speak_the_page_language(site: Path) -> None:
    page = soup(site, f"/fr/{SLUG}/op5/")
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")}
    assert meta["og:title"] == "Paragraphe 5 du dispositif · Migrations, développement et traite des personnes"
    assert meta["og:description"].startswith("Prie instamment les parlements") and meta["og:description"].endswith("…")
    assert meta["og:url"] == f"http://127.0.0.1:8000/fr/{SLUG}/op5/" == page.select_one('link[rel="canonical"]')["href"]
    assert meta["og:locale"] == "fr_FR" and meta["twitter:card"] == "summary"
    assert meta["twitter:title"] == meta["og:title"] and meta["description"] == meta["og:description"]
    english = soup(site, f"/{SLUG}/op5/")
    assert english.select_one('meta[property="og:title"]')["content"].startswith("Operative paragraph 5 · ")
