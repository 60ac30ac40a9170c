"""A second resolution goes in by adding a folder, without code changes: a real UN text, with its
footnotes and sub-paragraphs, published beside the seed."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

# The `extended_site` fixture (tests/conftest.py) adds the folders docs/unga-80-1/ (the text as copied from
# the PDF, tests/data/corpus/un-ga-A_RES_80_1-en.rawpdf.txt) and docs/unga-80-6/ to a copy of the project.


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url.strip("/") / "index.html").read_text("utf-8"), "html.parser")


def test_home_lists_every_resolution_newest_first(extended_site: Path) -> None:
    links = [a["href"] for a in page(extended_site, "/").select("li.rp-resolution > a")]
    assert links == ["unga-80-6/", "unga-80-12/", "unga-80-1/", "ep-test/", "ipu-145-migration/"]


def test_sub_paragraphs_are_anchors_on_their_paragraph_page(extended_site: Path) -> None:
    op1 = page(extended_site, "/unga-80-1/op1/")
    assert [li["id"] for li in op1.select("ol.rp-subs > li")] == ["op1-a", "op1-b", "op1-c"]
    assert op1.find(id="op1-a").get_text().startswith("(a) The State of Palestine may submit a pre-recorded")
    full = page(extended_site, "/unga-80-1/")
    assert full.find(id="op1-b") is not None
    # untranslated: the French edition shows the original, labelled and marked as English
    french = page(extended_site, "/fr/unga-80-1/op1/").find(id="op1").select_one(".rp-body")
    assert (french["lang"], french["dir"]) == ("en", "ltr") and french.select_one(".rp-fallback")


def test_footnotes_are_linked_from_their_markers(extended_site: Path) -> None:
    pp2 = page(extended_site, "/unga-80-6/pp2/")
    ref = pp2.find(id="pp2").select_one("sup.rp-fnref a")
    assert (ref.get_text(), ref["href"]) == ("1", "../#fn-1")
    assert pp2.find(id="fn-1").get_text() == "United Nations, Treaty Series, vol. 2187, No. 38544."
    full = page(extended_site, "/unga-80-6/")
    assert [li["id"] for li in full.select("ol.rp-footnotes li")] == [f"fn-{n}" for n in range(1, 11)]
    assert full.select_one("ol.rp-footnotes #fn-9").get_text().endswith("31 July 2013 (S/INF/68).")


def test_instruments_cited_by_the_new_text_list_it(extended_site: Path) -> None:
    rome = page(extended_site, "/instruments/rome-statute/")
    cited = {a["href"].split("/")[2] for a in rome.select("ul.rp-citations a")}
    assert cited == {"unga-80-6"}
    assert "../../unga-80-6/pp2/" in [a["href"] for a in rome.select("ul.rp-citations a")]


def test_annexes_have_their_heading_title_pages_and_anchors(extended_site: Path) -> None:
    full = page(extended_site, "/unga-80-12/")
    headings = [(h["id"], h.get_text()) for h in full.select("h2")]
    assert headings[:4] == [
        ("preamble", "Preamble"),
        ("operative", "Operative part"),
        ("annex-i", "Annex I"),
        ("annex-ii", "Annex II"),
    ]
    assert [p.get_text() for p in full.select("p.rp-annex-title")] == ["Rules", "Guidelines"]
    assert full.find(id="annex-ii-1").select_one("a.rp-num")["href"] == "annex-ii-1/"
    # the closing line stands after the operative part, before the annexes
    closing = full.select_one("p.rp-closing")
    assert closing.find_next("h2")["id"] == "annex-i"
    own = page(extended_site, "/unga-80-12/annex-i-2/")
    assert own.select_one("h1").get_text() == "Paragraph 2 of annex I"
    assert own.find(id="annex-i-2").select_one("a.rp-num").get_text() == "2."
    french = page(extended_site, "/fr/unga-80-12/")
    assert [h.get_text() for h in french.select("h2")][2:4] == ["Annexe I", "Annexe II"]


def test_recitals_are_lettered_as_printed(extended_site: Path) -> None:
    full = page(extended_site, "/ep-test/")
    assert [h["id"] for h in full.select("h2")][:3] == ["preamble", "recitals", "operative"]
    recital = full.find(id="recital-b")
    assert recital.select_one("a.rp-num").get_text() == "B"
    assert recital.select_one(".rp-body").get_text().startswith("whereas earlier action has not been enough;")
    assert page(extended_site, "/ep-test/recital-a/").select_one("h1").get_text() == "Recital A"
