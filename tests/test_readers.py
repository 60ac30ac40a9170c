"""What readers meet beyond the paragraphs: the 404 page of each language, labels, context."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import read

SLUG = "ipu-145-migration"
DATES = {"fr": "11 novembre 2025", "ar": "11 نوفمبر 2025"}  # unga-80-6's adoption
HEADINGS = {"en": "Page not found", "fr": "Page introuvable", "es": "Página no encontrada", "ar": "الصفحة غير موجودة"}


def not_found(site: Path, lang: str) -> BeautifulSoup:
    path = site / "404.html" if lang == "en" else site / lang / "404.html"
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("lang", list(HEADINGS))
def test_404_page_is_translated_and_helps(site: Path, lang: str) -> None:
    page = not_found(site, lang)
    root = "/" if lang == "en" else f"/{lang}/"
    assert page.html["lang"] == lang
    assert page.select_one("article h1").get_text() == HEADINGS[lang]
    links = [a["href"] for a in page.select("article a")]
    assert root in links and f"{root}{SLUG}/" in links and f"{root}instruments/" in links
    text = page.select_one("article").get_text()
    assert "op1" in text and "op31" in text and "pp24" in text
    assert f"{root}{SLUG}/op1/" in text
    switcher = {a["hreflang"]: a["href"] for a in page.select("a.md-select__link[hreflang]")}
    assert switcher == {"en": "/", "fr": "/fr/", "es": "/es/", "ar": "/ar/"}, "the language switcher must lead home"


ABOUT = {"en": "About this site", "fr": "À propos de ce site", "es": "Acerca de este sitio", "ar": "حول هذا الموقع"}


@pytest.mark.parametrize("lang", list(ABOUT))
def test_about_page_says_who_what_which_editions_how_to_cite_and_licence(site: Path, lang: str) -> None:
    page = BeautifulSoup(read(site, ("" if lang == "en" else f"/{lang}") + "/about/"), "html.parser")
    article = page.select_one("article")
    assert article.h1.get_text() == ABOUT[lang]
    assert [h["id"] for h in article.select("h2")] == ["publisher", "texts", "editions", "cite", "errors", "licence"]
    assert "Respub" in article.get_text()
    (edition,) = article.select("ul.rp-about-editions li")
    assert edition.a["href"] == f"../{SLUG}/"
    if lang == "en":
        assert "not binding law" in article.get_text()
        assert edition.get_text().endswith(
            "official text: English; unofficial translations: French, Spanish and Arabic"
        )
    if lang == "fr":
        assert "traductions non officielles : français, espagnol et arabe" in edition.get_text()
    assert article.select_one('a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert article.select_one('a[href^="mailto:"]')


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_reservations_page_introduces_and_lists_the_states(site: Path, lang: str) -> None:
    page = BeautifulSoup(read(site, ("" if lang == "en" else f"/{lang}") + f"/{SLUG}/reservations/"), "html.parser")
    assert page.select_one("p.rp-intro").get_text()
    listed = [a["href"] for a in page.select("nav.rp-toc a")]
    sections = [f"#{s['id']}" for s in page.select("section.rp-state")]
    assert listed == sections and "#qa" in listed


def test_consensus_is_explained_beside_the_opposition(site: Path) -> None:
    page = BeautifulSoup(read(site, f"/{SLUG}/"), "html.parser")
    assert "Opposed to the resolution: Russian Federation" in page.select_one(".rp-positions").get_text()
    assert page.select_one(".rp-consensus").get_text().startswith("Adopted by consensus: without a vote")


def test_french_status_labels_use_french_punctuation(site: Path) -> None:
    page = BeautifulSoup(read(site, "/fr/status/"), "html.parser")
    labels = [p.get_text() for p in page.select("section.rp-status p")[1:]]
    assert labels and all("\u00a0:" in label for label in labels), labels


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_english_left_untranslated_is_labelled(site: Path, lang: str) -> None:
    """The registry's English place names, and material's English footer, carry lang="en"."""
    page = BeautifulSoup(read(site, f"/{lang}/instruments/un-charter/"), "html.parser")
    facts = dict(zip([dt.get_text() for dt in page.select(".rp-facts dt")], page.select(".rp-facts dd"), strict=True))
    places = [dd for dd in facts.values() if dd.get_text() == "San Francisco"]
    assert places and places[0]["lang"] == "en"
    footer = page.select_one("footer.md-footer")
    assert footer.find_parent(attrs={"lang": "en"}) is not None


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_place_left_untranslated_in_a_header_is_labelled(extended_site: Path, lang: str) -> None:
    """A General Assembly resolution's body, session and place have no translation yet: they show in
    English, marked so ("New York"), in the paragraph header and on the home page; the date is in the
    page's language, unmarked."""
    for url in (f"/{lang}/unga-80-6/op1/", f"/{lang}/unga-80-6/", f"/{lang}/"):
        page = BeautifulSoup(read(extended_site, url), "html.parser")
        lines = [p for p in page.select("p.rp-meta") if "New York" in p.get_text()]
        assert lines, url
        for line in lines:
            spans = line.find_all("span", attrs={"lang": True})
            marked = [(s.get_text(), s["lang"], s["dir"]) for s in spans]
            assert ("New York", "en", "ltr") in marked and all(m[1:] == ("en", "ltr") for m in marked), (url, line)
            assert "United Nations General Assembly" in [m[0] for m in marked]
            date = line.contents[-1]
            assert date.name is None and date.strip(",، ")[-4:].isdigit(), (url, line)  # the date, unmarked
    header = BeautifulSoup(read(extended_site, f"/{lang}/unga-80-6/op1/"), "html.parser").select_one("p.rp-meta")
    assert header.contents[-1].strip(",، ") == DATES[lang]
    seed = BeautifulSoup(read(extended_site, f"/{lang}/{SLUG}/op5/"), "html.parser").select_one("p.rp-meta")
    assert seed.find("span") is None  # every piece translated: plain text


def test_english_status_page_gives_every_language_overview(site: Path) -> None:
    page = BeautifulSoup(read(site, "/status/"), "html.parser")
    rows = {a.get_text(): a["href"] for a in page.select("ul.rp-overview a")}
    assert rows == {"French": "../fr/status/", "Spanish": "../es/status/", "Arabic": "../ar/status/"}
    assert all("translated (" in li.get_text() for li in page.select("ul.rp-overview li"))
