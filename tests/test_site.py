"""The English edition as a reader sees it: built pages, their ids, links and text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import lxml.html
from bs4 import BeautifulSoup

from respub.publish.build import build
from respub.publish.urls import published_urls
from tests.conftest import ROOT, Built, copy_project, read

SLUG = "ipu-145-migration"
URL_LIST = ROOT / "published-urls.txt"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(read(site, url), "html.parser")


def test_home_lists_the_resolution(site: Path) -> None:
    page = soup(site, "/")
    item = page.select_one("li.rp-resolution")
    assert item.a["href"] == f"{SLUG}/"
    assert item.a.get_text().startswith("Parliamentary impetus to local and regional development")
    assert item.select_one(".rp-meta").get_text() == (
        "Inter-Parliamentary Union, 145th Assembly, Kigali, Rwanda, 15 October 2022"
    )


def test_full_text_has_every_paragraph_with_its_anchor_and_link(site: Path) -> None:
    page = soup(site, f"/{SLUG}/")
    paragraphs = page.select("div.rp-para")
    ids = [p["id"] for p in paragraphs]
    assert ids == [f"pp{n}" for n in range(1, 25)] + [f"op{n}" for n in range(1, 32)]
    op5 = page.find(id="op5")
    assert op5.select_one("a.rp-num")["href"] == "op5/"
    assert op5.select_one("a.rp-num").get_text() == "5."
    assert op5.select_one("a.rp-num")["aria-label"] == "Operative paragraph 5"
    assert "labour mobility and skills training" in op5.get_text()
    assert page.find(id="pp9").get_text().count("Stressing that war and violence") == 1
    assert page.select_one("h1").get_text().endswith("human-trafficking and human rights abuses")
    assert page.select_one(".rp-adoption").get_text() == "Resolution adopted by consensus"
    assert page.select_one(".rp-formula").get_text() == "The 145th Assembly of the Inter-Parliamentary Union,"
    assert [h["id"] for h in page.select("h2")] == ["preamble", "operative", "note"]
    assert "Hungary and Indonesia on the entire resolution" in page.select_one(".rp-note").get_text()


def test_paragraph_page_has_what_a_citation_needs(site: Path) -> None:
    page = soup(site, f"/{SLUG}/op5/")
    assert page.select_one("h1").get_text() == "Operative paragraph 5"
    assert page.title.get_text().startswith("Operative paragraph 5 · Migration, development and human trafficking")
    assert page.select_one(".rp-context a").get_text().startswith("Parliamentary impetus")
    assert page.select_one(".rp-meta").get_text() == (
        "Inter-Parliamentary Union, 145th Assembly, Kigali, Rwanda, 15 October 2022"
    )
    assert page.find(id="op5").select_one(".rp-body").get_text().startswith("Urges parliaments")
    assert page.select_one("a.rp-prev")["href"] == "../op4/"
    assert page.select_one("a.rp-next")["href"] == "../op6/"
    assert page.select_one("a.rp-in-full")["href"] == "../#op5"
    first = soup(site, f"/{SLUG}/pp1/")
    assert first.select_one("a.rp-prev") is None and first.select_one("a.rp-next")["href"] == "../pp2/"
    last_preambular = soup(site, f"/{SLUG}/pp24/")
    assert last_preambular.select_one("a.rp-next")["href"] == "../op1/"


def test_navigation_is_in_official_order(site: Path) -> None:
    page = soup(site, f"/{SLUG}/op5/")
    links = [a["href"] for a in page.select("nav.md-nav--primary a.md-nav__link[href]")]
    order = [href for href in links if href.startswith("../op") or href == "./"]
    # The sidebar shows a window of the part (respub.publish.speed): the first paragraph, five either
    # side of this one, the last, then the full text at this paragraph.
    assert order == [
        "../op1/",
        "../op2/",
        "../op3/",
        "../op4/",
        "./",
        "../op6/",
        "../op7/",
        "../op8/",
        "../op9/",
        "../op10/",
        "../op31/",
    ]
    labels = [s.get_text(" ", strip=True) for s in page.select("nav.md-nav--primary .md-nav__link")]
    assert any(label.startswith("Preamble") for label in labels)
    assert any(label.startswith("Operative part") for label in labels)


def test_published_urls_are_all_still_there(site: Path) -> None:
    committed = URL_LIST.read_text("utf-8").split()
    built = published_urls(site)
    dropped = sorted(set(committed) - set(built))
    assert not dropped, f"a published URL or anchor would disappear: {dropped[:20]}"
    added = sorted(set(built) - set(committed))
    assert not added, f"new URLs: run `make urls` and commit published-urls.txt: {added[:20]}"


def test_no_request_leaves_the_site(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 300, f"only {len(pages)} pages: the check would see almost nothing"
    for html_file in pages:  # lxml: BeautifulSoup takes seconds on every page of the site
        page = lxml.html.fromstring(html_file.read_bytes())
        for tag in page.xpath("//script[@src] | //link[@href] | //img[@src] | //iframe[@src]"):
            url = tag.get("src") or tag.get("href")
            if tag.tag == "link" and tag.get("rel") in ("alternate", "canonical"):
                continue
            assert not url.startswith(("http:", "https:", "//")), f"{html_file}: {url}"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_nothing_is_written_into_docs_and_the_staged_pages_are_removed(built: Built) -> None:
    """The build read docs/ without writing there, and removed the pages it staged for mkdocs."""
    assert files(built.project / "docs") == files(ROOT / "docs")
    leftovers = sorted(p.name for p in (built.project / ".build").iterdir() if p.name != "jinja")
    assert leftovers == [], f"the build left its staging folder behind: {leftovers}"


def test_bad_input_stops_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    text = project / "docs" / SLUG / "text.txt"
    text.write_text(text.read_text("utf-8").replace("  4. Calls on parliaments", "  5. Calls on parliaments"), "utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert f"docs/{SLUG}/text.txt:50: operative paragraph 5 skips the numbering: expected 4" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_make_site_swaps_only_after_success(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "previous.html").write_text("previous", "utf-8")
    metadata = project / "docs" / SLUG / "resolution.yml"
    metadata.write_text(metadata.read_text("utf-8").replace("2022-10-15", "2022-10-45"), "utf-8")
    script = (
        "import sys; from pathlib import Path; from respub.publish.build import publish; "
        "sys.exit(publish(Path(sys.argv[1])))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(project)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "resolution.yml:7: adopted '2022-10-45' is not a date" in result.stderr
    assert (project / "site" / "previous.html").read_text("utf-8") == "previous"
