"""Instruments and reservations as a reader meets them on the built pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from respub.l10n.i18n import site_languages
from respub.publish.export import export_files
from respub.publish.site import Project, load_site
from respub.registry.instruments import Registry
from tests.conftest import ROOT, read

SLUG = "ipu-145-migration"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(read(site, url), "html.parser")


def test_mentions_link_to_instrument_pages(site: Path) -> None:
    page = soup(site, f"/{SLUG}/pp21/")
    links = [(a.get_text(), a["href"]) for a in page.find(id="pp21").select("a.rp-instrument")]
    assert links == [
        ("1951 Convention relating to the Status of Refugees", "../../instruments/refugee-convention-1951/"),
        ("1967 Protocol", "../../instruments/refugee-protocol-1967/"),
    ]
    cited = [a["href"] for a in page.select("aside.rp-cited a")]
    assert cited == ["../../instruments/refugee-convention-1951/", "../../instruments/refugee-protocol-1967/"]
    # In the full text, links go one level less up; the IPU title in pp9 is one link, not the Charter in it.
    full = soup(site, f"/{SLUG}/")
    pp9 = [a["href"] for a in full.find(id="pp9").select("a.rp-instrument")]
    assert pp9 == ["../instruments/ipu-144-war-in-ukraine/"]
    assert full.find(id="op1").select("a.rp-instrument") == []


def test_instrument_page_lists_every_citing_paragraph(site: Path) -> None:
    page = soup(site, "/instruments/trafficking-protocol/")
    assert (
        page.select_one("h1").get_text().startswith("Protocol to Prevent, Suppress and Punish Trafficking in Persons")
    )
    items = page.select("ul.rp-citations li")
    assert [li.a["href"] for li in items] == [f"../../{SLUG}/pp22/", f"../../{SLUG}/op2/", f"../../{SLUG}/op26/"]
    assert "Protocol to Prevent" in items[0].blockquote.get_text()
    assert page.select_one(".rp-facts a")["href"].startswith("https://treaties.un.org/")
    french = soup(site, "/fr/instruments/trafficking-protocol/")
    quote = french.select("ul.rp-citations blockquote")[1]
    assert not quote.has_attr("lang") and "Protocole" in quote.get_text()


def test_instruments_index_groups_by_kind_with_counts(site: Path) -> None:
    page = soup(site, "/instruments/")
    assert "Conventions" in [h.get_text() for h in page.select("h2")]
    gcm = next(li for li in page.select("ul.rp-instruments li") if li.a["href"] == "gcm/")
    assert gcm.select_one(".rp-count").get_text() == "(cited 3 times)"
    listed = [li.a["href"] for li in page.select("ul.rp-instruments li")]
    assert "rome-statute/" not in listed, "an instrument no text cites is listed to readers"
    assert "not cited" not in page.get_text()
    protocol = soup(site, "/instruments/trafficking-protocol/")
    assert "Protocol" in [dd.get_text() for dd in protocol.select(".rp-facts dd")], "Kind: is not singular"


def test_reservation_markers_and_highlight(site: Path) -> None:
    page = soup(site, f"/{SLUG}/op5/")
    marker = page.find(id="op5").select_one(".rp-reserved-by")
    assert [(a.get_text(), a["href"]) for a in marker.select("a")] == [("Qatar", "../reservations/#qa")]
    mark = page.find(id="op5").select_one("mark.rp-reserved")
    assert mark.get_text() == "labour mobility" and mark["title"] == "Reservation: Qatar"
    full = soup(site, f"/{SLUG}/")
    pp9 = [a.get_text() for a in full.find(id="pp9").select(".rp-reserved-by a")]
    assert pp9 == ["Kazakhstan", "Syrian Arab Republic"]
    assert full.find(id="pp1").select_one(".rp-reserved-by") is None
    positions = full.select_one(".rp-positions").get_text(" ", strip=True)
    assert positions == (
        "Reservations on the entire resolution: Hungary and Indonesia Opposed to the resolution: Russian Federation"
    )
    assert soup(site, f"/{SLUG}/op20/").select_one(".rp-positions") is not None  # on every paragraph page
    french = soup(site, f"/fr/{SLUG}/op5/")
    assert french.find(id="op5").select_one("mark.rp-reserved").get_text() == "mobilité de la main-d'œuvre"


def test_reservations_page_has_one_anchor_per_state(site: Path) -> None:
    page = soup(site, f"/{SLUG}/reservations/")
    states = {s["id"]: s for s in page.select("section.rp-state")}
    assert sorted(states) == ["cz", "hu", "id", "in", "kz", "qa", "ru", "sy", "tr"]
    assert [a["href"] for a in states["kz"].select("a")] == ["../pp9/", "../pp10/", "../op9/"]
    assert states["qa"].p.get_text() == "Reservation on Operative paragraph 5, on the words “labour mobility”."
    assert states["ru"].select_one("p").get_text() == "Expressed its opposition to the entire resolution."
    assert states["tr"].h2.get_text() == "Türkiye" and states["cz"].h2.get_text() == "Czech Republic"
    arabic = soup(site, f"/ar/{SLUG}/reservations/")
    assert arabic.find(id="sy").h2.get_text() == "الجمهورية العربية السورية"


def test_instrument_dates_are_written_in_the_page_language(site: Path) -> None:
    def adopted(url: str) -> str:
        facts = soup(site, url).select_one("dl.rp-facts")
        return [dd.get_text() for dt, dd in zip(facts.select("dt"), facts.select("dd"), strict=True)][1]

    assert adopted("/instruments/ipu-118-migrant-workers/") == "April 2008"
    assert adopted("/fr/instruments/ipu-118-migrant-workers/") == "avril 2008"
    assert adopted("/es/instruments/refugee-convention-1951/") == "28 de julio de 1951"


def test_mentions_are_found_once_when_the_site_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """The link stage finds mentions for the source and each translation when the site is loaded;
    rendering every page and writing every export only reads what it found."""
    calls: list[str] = []
    real = Registry.matcher  # every search for mentions asks the registry for its language's matcher

    def counting(registry: Registry, lang: str):
        calls.append(lang)
        return real(registry, lang)

    monkeypatch.setattr(Registry, "matcher", counting)
    languages = site_languages(ROOT)
    site = load_site(Project(ROOT, ROOT / "docs", ROOT / "locales", languages, "https://example.org/"))
    assert set(calls) == set(languages)  # the source text and every translation
    found = len(calls)
    for lang in languages:
        assert site.pages(lang) and export_files(site, lang)
    assert len(calls) == found
