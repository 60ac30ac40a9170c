"""The URL contract, enforced by the build: published-urls.txt only grows; a URL goes only through a
declaration in metadata, and then still answers, in every language, saying what happened."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator
from mkdocs.config import load_config

from respub.errors import InputError
from respub.link.forwards import forwards
from respub.publish.build import build
from respub.publish.contract import model_urls
from respub.publish.export import json_schema
from respub.publish.site import load_site, project_from_config
from respub.publish.urls import published_urls
from respub.source.metadata import read_metadata
from respub.source.parse import parse_resolution
from tests.conftest import ROOT, copy_project, read

SLUG = "ipu-145-migration"
NEW_SLUG = "ipu-145-migration-development"
DATA = ROOT / "tests" / "data" / "url-contract"
CONTRACT = ROOT / "published-urls.txt"
LANGUAGES = ("en", "fr", "es", "ar")
ROOTS = {"en": "/", "fr": "/fr/", "es": "/es/", "ar": "/ar/"}


def project_with(tmp_path: Path, metadata: str | None = None, corrigendum: bool = False) -> Path:
    """A copy of the project with its URL list, and the seed's metadata or text changed."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(CONTRACT, project / "published-urls.txt")
    folder = project / "docs" / SLUG
    if metadata:
        shutil.copy2(DATA / metadata, folder / "resolution.yml")
    if corrigendum:
        (folder / "text.txt").write_text(corrigendum_text((folder / "text.txt").read_text("utf-8")), "utf-8")
    return project


def corrigendum_text(text: str) -> str:
    """The seed after a corrigendum: the last preambular paragraph (pp24) and operative paragraph
    30 deleted, operative paragraph 31 renumbered 30."""
    pp24 = " Recalling the various resolutions of the Security Council"
    lines = [line.split(pp24)[0] for line in text.split("\n") if not line.startswith("  30. ")]
    return "\n".join(line.replace("  31. ", "  30. ", 1) if line.startswith("  31. ") else line for line in lines)


def load(project: Path):
    """The project's Site as the hook loads it (the About page comes from mkdocs.yml's `extra.about`)."""
    return load_site(project_from_config(project, load_config(str(project / "mkdocs.yml")), LANGUAGES))


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(read(site, url), "html.parser")


def contract() -> list[str]:
    return CONTRACT.read_text("utf-8").split()


# ---------------------------------------------------------------------------------------------
# The list computed from the model is the list read from the built site


def test_the_model_gives_the_built_sites_list(site: Path) -> None:
    from_model = model_urls(load(ROOT))
    assert from_model == published_urls(site)
    assert from_model == contract()


# ---------------------------------------------------------------------------------------------
# Undeclared losses stop the build, naming the URLs and the input


def test_a_deleted_paragraph_stops_the_build(tmp_path: Path) -> None:
    project = project_with(tmp_path)
    text = project / "docs" / SLUG / "text.txt"
    text.write_text("\n".join(line for line in text.read_text("utf-8").split("\n") if not line.startswith("  31. ")))
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists(), "nothing is written"
    assert f"docs/{SLUG}/text.txt:1: 12 published URLs of published-urls.txt would disappear (" in result.stderr
    assert f"/{SLUG}/#op31, /{SLUG}/op31/, /{SLUG}/op31/#op31, /ar/{SLUG}/#op31, /ar/{SLUG}/op31/ and 7 more" in (
        result.stderr
    )
    assert (
        f"this text no longer has op31; if a paragraph really moved or went, declare it in "
        f'{project}/docs/{SLUG}/resolution.yml (`moved: {{op31: <new id>}}` or `withdrawn: {{op31: "why"}}`'
    ) in result.stderr


def test_a_changed_slug_stops_the_build(tmp_path: Path) -> None:
    project = project_with(tmp_path, "slug-changed.yml")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
    under_slug = [url for url in contract() if f"/{SLUG}/" in url and "/instruments/" not in url]
    expected = (
        f"docs/{SLUG}/resolution.yml:1: {len(under_slug)} published URLs of published-urls.txt would disappear "
        f"(/{SLUG}/, /{SLUG}/#op1, /{SLUG}/#op10, /{SLUG}/#op11, /{SLUG}/#op12 and "
    )
    assert expected in result.stderr
    assert f"if this file's new slug '{NEW_SLUG}' replaced it, add `previous_slugs: [{SLUG}]` here" in result.stderr


def test_the_url_list_only_grows(site: Path, tmp_path: Path) -> None:
    listed = tmp_path / "published-urls.txt"
    listed.write_text("".join(f"{url}\n" for url in [*contract(), f"/{SLUG}/op99/"]), "utf-8")
    before = listed.read_bytes()
    command = [sys.executable, "-m", "respub.publish.urls", str(site), "--write", str(listed)]
    refused = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode == 1
    assert f"1 published URL would be dropped (/{SLUG}/op99/)" in refused.stderr
    assert listed.read_bytes() == before
    listed.write_text("".join(f"{url}\n" for url in contract()[:-3]), "utf-8")
    accepted = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert accepted.returncode == 0, accepted.stderr
    assert listed.read_text("utf-8").split() == contract()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "still-there.yml",
            "10: 'op5' is still in docs/ipu-145-migration/text.txt: "
            "only an id the text no longer has can be moved or withdrawn",
        ),
        ("no-target.yml", "10: moved: 'op40' -> 'op99': docs/ipu-145-migration/text.txt has no 'op99'"),
        ("not-a-list.yml", "9: 'previous_slugs' must be a list of slugs, e.g. '[old-slug]'"),
        ("twice.yml", "12: 'op40' is already declared on line 10"),
        ("same-slug.yml", "10: previous slug 'ipu-145-migration' is the current slug"),
    ],
)
def test_bad_declarations_say_where(name: str, message: str, at_root: None) -> None:
    path = DATA / "bad" / name
    with pytest.raises(InputError) as error:
        forwards(parse_resolution(Path("docs") / SLUG / "text.txt", read_metadata(path)))
    assert str(error.value) == f"{path}:{message}"


# ---------------------------------------------------------------------------------------------
# A declared corrigendum: op31 became op30, pp24 was withdrawn


@pytest.fixture(scope="module")
def corrigendum(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("corrigendum")
    project = project_with(tmp, "corrigendum.yml", corrigendum=True)
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return project, tmp / "site"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_moved_paragraph_keeps_its_url_in_every_language(corrigendum, lang: str) -> None:
    _, site = corrigendum
    url = f"{ROOTS[lang]}{SLUG}/op31/"
    page = soup(site, url)
    moved = page.select_one(".rp-moved")
    link = moved.select_one("a")
    assert link["href"] == "../op30/"
    assert (site / f"{ROOTS[lang]}{SLUG}/op30/".strip("/") / "index.html").exists()
    assert page.find(id="op31") is not None, "/op31/#op31 still lands"
    said = {
        "en": ("This paragraph has moved", "Operative paragraph 31 of the resolution", "Operative paragraph 30"),
        "fr": ("Ce paragraphe a été déplacé", "Paragraphe 31 du dispositif de la résolution", "Paragraphe 30"),
        "es": ("Este párrafo se ha trasladado", "Párrafo 31 de la parte dispositiva", "Párrafo 30"),
        "ar": ("نُقلت هذه الفقرة", "نُقلت الفقرة 31 من المنطوق", "الفقرة 30 من المنطوق"),
    }[lang]
    assert page.select_one("h1").get_text() == said[0]
    assert said[1] in moved.get_text()
    assert link.get_text().startswith(said[2])
    assert page.html["lang"] == lang


def test_the_full_text_anchor_of_a_moved_paragraph_lands_next_to_it(corrigendum) -> None:
    _, site = corrigendum
    page = soup(site, f"/{SLUG}/")
    note = page.find(id="op31")
    assert "rp-moved-note" in note["class"]
    assert note.get_text(" ", strip=True) == "Operative paragraph 31 has moved. It is now: Operative paragraph 30"
    assert note.a["href"] == "#op30"
    assert note.find_next_sibling("div")["id"] == "op30"
    assert "Invites the IPU Member Parliaments" in page.find(id="op30").get_text()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_withdrawn_paragraph_says_so_with_its_reason(corrigendum, lang: str) -> None:
    _, site = corrigendum
    page = soup(site, f"{ROOTS[lang]}{SLUG}/pp24/")
    moved = page.select_one(".rp-moved")
    assert "Deleted by corrigendum 1 (fictitious, for the tests)." in moved.get_text()
    assert moved.select_one("a")["href"] == "../"
    reason = moved.find("span", string="Deleted by corrigendum 1 (fictitious, for the tests).")
    assert reason.get("lang") == (None if lang == "en" else "en"), "the reason is in the source language"
    full_text = soup(site, f"{ROOTS[lang]}{SLUG}/")
    assert "rp-moved-note" in full_text.find(id="pp24")["class"]
    assert full_text.find(id="pp24").find_previous_sibling("div")["id"] == "pp23", "where pp24 stood"
    assert full_text.find(id="pp24").find_next_sibling("h2")["id"] == "operative"


def test_the_sitemap_and_the_json_list_the_moves(corrigendum) -> None:
    _, site = corrigendum
    base = "http://127.0.0.1:8000/"
    sitemap = ET.parse(site / "sitemap.xml").getroot()
    locations = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {f"{base}{SLUG}/op31/", f"{base}fr/{SLUG}/op31/", f"{base}ar/{SLUG}/pp24/"} <= locations
    data = json.loads((site / SLUG / f"{SLUG}.json").read_text("utf-8"))
    Draft202012Validator(json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER).validate(data)
    assert data["moves"] == [
        {
            "kind": "moved",
            "from": "op31",
            "to": "op30",
            "reason": None,
            "urls": {lang: f"{base}{ROOTS[lang].lstrip('/')}{SLUG}/op31/" for lang in LANGUAGES},
            "to_urls": {lang: f"{base}{ROOTS[lang].lstrip('/')}{SLUG}/#op30" for lang in LANGUAGES},
        },
        {
            "kind": "withdrawn",
            "from": "pp24",
            "to": None,
            "reason": "Deleted by corrigendum 1 (fictitious, for the tests).",
            "urls": {lang: f"{base}{ROOTS[lang].lstrip('/')}{SLUG}/pp24/" for lang in LANGUAGES},
            "to_urls": None,
        },
    ]


def test_after_a_corrigendum_every_published_url_still_answers(corrigendum) -> None:
    project, site = corrigendum
    built = published_urls(site)
    assert set(contract()) <= set(built)
    assert model_urls(load(project)) == built


# ---------------------------------------------------------------------------------------------
# A declared slug change


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("renamed")
    project = project_with(tmp, "slug-changed-declared.yml")
    result = build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return project, tmp / "site"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("old", "new"), [("", ""), ("op5/", "op5/"), ("reservations/", "reservations/")])
def test_a_previous_slug_answers_in_every_language(renamed, lang: str, old: str, new: str) -> None:
    _, site = renamed
    page = soup(site, f"{ROOTS[lang]}{SLUG}/{old}")
    link = page.select_one(".rp-moved a")
    depth = "../" if not old else "../../"
    assert link["href"] == f"{depth}{NEW_SLUG}/{new}"
    assert link.get_text() == f"http://127.0.0.1:8000/{ROOTS[lang].lstrip('/')}{NEW_SLUG}/{new}"
    heading = {"en": "This resolution has moved", "fr": "Cette résolution a changé d’adresse"}.get(lang)
    if heading:
        assert page.select_one("h1").get_text() == heading
    assert (site / ROOTS[lang].strip("/") / NEW_SLUG / new / "index.html").exists()


def test_a_previous_slug_keeps_its_anchors_and_files(renamed) -> None:
    project, site = renamed
    assert soup(site, f"/{SLUG}/").find(id="op5") is not None
    assert soup(site, f"/fr/{SLUG}/reservations/").find(id="qa") is not None
    assert (site / SLUG / f"{SLUG}.json").read_bytes() == (site / NEW_SLUG / f"{NEW_SLUG}.json").read_bytes()
    assert (site / "ar" / SLUG / f"{SLUG}.akn.xml").exists()
    data = json.loads((site / NEW_SLUG / f"{NEW_SLUG}.json").read_text("utf-8"))
    assert data["moves"][0]["kind"] == "slug" and data["moves"][0]["from"] == SLUG
    built = published_urls(site)
    assert set(contract()) <= set(built)
    assert model_urls(load(project)) == built


# ---------------------------------------------------------------------------------------------
# In a real browser


@pytest.fixture(scope="module")
def corrigendum_tab(corrigendum, chromium):
    from respub.publish.localserve import serve
    from tests.browser import Tab

    _, site = corrigendum
    with serve(site) as origin:
        context = chromium.new_context(viewport={"width": 1280, "height": 800})
        context.set_default_timeout(10_000)
        context.route(lambda url: not url.startswith(origin), lambda route: route.abort("blockedbyclient"))
        yield Tab(context, origin)
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_moved_paragraphs_old_url_works_in_a_browser(corrigendum_tab, lang: str) -> None:
    tab = corrigendum_tab
    visit = tab.open(f"{ROOTS[lang]}{SLUG}/op31/")
    assert visit.status == 200
    assert tab.page.locator("h1").is_visible()
    tab.page.locator(".rp-moved a").click()
    tab.page.wait_for_url(lambda url: url.endswith(f"{ROOTS[lang]}{SLUG}/op30/"))
    assert "149" in tab.page.locator("#op30 .rp-body").inner_text(), "the former op31 (by the 149th Assembly)"
    tab.open(f"{ROOTS[lang]}{SLUG}/#op31")
    assert tab.page.evaluate("document.querySelector(':target')?.id") == "op31"
    assert tab.page.locator("#op31").is_visible()
    top = tab.page.locator("#op31").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < tab.page.evaluate("window.innerHeight"), "the old anchor is in view"
    tab.page.locator("#op31 a").click()
    assert tab.page.evaluate("document.querySelector(':target')?.id") == "op30"
    assert not visit.errors and not visit.failures


# ---------------------------------------------------------------------------------------------
# Sub-paragraphs: where the notes and old ids go (rendered pages, without mkdocs)


def test_sub_paragraph_ids_follow_their_declarations(at_root: None) -> None:
    from respub.l10n.translate import load_translation
    from respub.render.edition import Edition
    from respub.render.moved import forwarded
    from respub.render.pages import edition_pages

    metadata = read_metadata(DATA / "sub-paragraphs.yml")
    resolution = parse_resolution(ROOT / "tests" / "data" / "corpus" / "un-ga-A_RES_80_1-en.txt", metadata)
    edition = Edition(resolution, load_translation(ROOT / "locales", "en", "en"))
    pages = {
        page.path: BeautifulSoup(page.markdown, "html.parser") for page in forwarded(edition_pages(edition), edition)
    }
    assert {"un-80-1/op9.md", "un-80-1/op5.md"} <= set(pages)
    assert not {"un-80-1/op1-d.md", "un-80-1/op5-a.md"} & set(pages), "sub-paragraphs have no page"
    old_op9 = pages["un-80-1/op9.md"]
    assert [span["id"] for span in old_op9.select(".rp-moved span[id]")] == ["op9", "op9-a", "op9-b", "op9-c"]
    assert old_op9.select_one(".rp-moved a")["href"] == "../op1/"
    old_op5 = pages["un-80-1/op5.md"]
    assert [span["id"] for span in old_op5.select(".rp-moved span[id]")] == ["op5", "op5-a"]
    full = pages["un-80-1/index.md"]
    notes = [note["id"] for note in full.select(".rp-moved-note")]
    assert notes == ["op9", "op1-d", "op5", "op5-a"]
    assert full.find(id="op9").find_next_sibling("div", class_="rp-para")["id"] == "op1"
    assert [s["id"] for s in full.find(id="op9").select("span[id]")] == ["op9-a", "op9-b", "op9-c"]
    assert full.find(id="op1-d").a["href"] == "#op1-c"
    assert full.find(id="op5").find_previous_sibling("div", class_="rp-para")["id"] == "op3"
    assert "Gone with it (test)." in full.find(id="op5-a").get_text()
    op1 = pages["un-80-1/op1.md"]
    assert op1.find(id="op1-d").a["href"] == "#op1-c", "the sub-paragraph's old anchor lands on its paragraph's page"


# ---------------------------------------------------------------------------------------------
# The pages that keep old URLs pass the site's quality gates: links and anchors, valid HTML

KEPT = {
    "corrigendum": [f"/{SLUG}/", f"/{SLUG}/op31/", f"/{SLUG}/pp24/"],
    "renamed": [f"/{SLUG}/", f"/{SLUG}/op5/", f"/{SLUG}/reservations/"],
}


@pytest.mark.parametrize("which", KEPT)
def test_kept_urls_have_working_links_and_valid_html(request: pytest.FixtureRequest, which: str) -> None:
    import yaml

    from tests.browser import ensure_node_modules, missing_tool
    from tests.test_quality import VNU_ALLOWED, VNU_JAR, Allowance, broken_links, page_file

    _, site = request.getfixturevalue(which)
    broken, checked = broken_links(site)
    assert checked > 1000
    assert not broken, "\n".join(broken[:20])
    ensure_node_modules()
    if shutil.which("java") is None:
        missing_tool("java is not installed: the Nu HTML Checker cannot run")
    files = [str(page_file(site, f"{ROOTS[lang]}{url.lstrip('/')}")) for url in KEPT[which] for lang in LANGUAGES]
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *files]
    messages = json.loads(subprocess.run(command, capture_output=True, text=True).stdout)["messages"]
    allowed = [Allowance(entry) for entry in yaml.safe_load(VNU_ALLOWED.read_text("utf-8"))]
    errors = [m for m in messages if m["type"] == "error" and not any(a.allows(m) for a in allowed)]
    assert not errors, errors[:5]
