"""Publication quality gates on the built files: valid HTML (Nu HTML Checker), internal links and anchors,
the language of untranslated text, and reproducible builds.

Pages checked by the HTML checker: PAGES in tests/browser.py in every language, a few more paragraph pages
and the 404 page; the link and language checks read every page of the site.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
import yaml
from bs4 import BeautifulSoup

from tests.browser import (
    PAGES,
    ROOT,
    SLUG,
    VNU_JAR,
    ensure_node_modules,
    in_every_language,
    missing_tool,
)
from tests.conftest import BUILD_ENV, Built, build_with

VNU_PAGES = [*in_every_language([*PAGES, f"/{SLUG}/pp1/", f"/{SLUG}/pp24/", f"/{SLUG}/op31/"]), "/404.html"]
VNU_ALLOWED = ROOT / "tests" / "data" / "vnu-allowed.yml"
SOURCE_LANGUAGE = "en"  # the language of the adopted texts, shown when a translation is missing


def page_file(site: Path, url: str) -> Path:
    """The file a static host serves for `url` ("/fr/ipu-145-migration/op5/", "/404.html")."""
    path = site / unquote(url).lstrip("/")
    return path / "index.html" if url.endswith("/") else path


# ---------------------------------------------------------------------------------------------
# Valid HTML: the Nu HTML Checker, run once on the sample


class Allowance:
    def __init__(self, entry: dict) -> None:
        missing = {"message", "extract", "reason"} - set(entry)
        assert not missing, f"{VNU_ALLOWED.name}: entry {entry} lacks {sorted(missing)}"
        self.message = re.compile(entry["message"])
        self.extract = entry["extract"]
        self.reason = entry["reason"]

    def allows(self, error: dict) -> bool:
        return bool(self.message.fullmatch(error["message"])) and self.extract in error.get("extract", "")


@pytest.fixture(scope="module")
def vnu(site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """Every error message of the checker, by URL of the sample (and "canary", a file known to be invalid)."""
    ensure_node_modules()
    if shutil.which("java") is None:
        missing_tool("java is not installed: the Nu HTML Checker cannot run")
    canary = tmp_path_factory.mktemp("vnu") / "canary.html"
    canary.write_text('<!doctype html><html lang="en"><title>c</title><p><div id="x"></div><b id="x"></b>', "utf-8")
    files = {page_file(site, url).resolve().as_uri(): url for url in VNU_PAGES}
    files[canary.resolve().as_uri()] = "canary"
    missing = [url for url in VNU_PAGES if not page_file(site, url).is_file()]
    assert not missing, f"pages to check are not in the site: {missing}"
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--skip-non-html"]
    result = subprocess.run([*command, *(urlsplit(uri).path for uri in files)], capture_output=True, text=True)
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu HTML Checker did not answer in JSON (exit {result.returncode}):\n{result.stderr[-2000:]}")
    by_url: dict[str, list[dict]] = defaultdict(list)
    for message in messages:
        if message["type"] in ("error", "non-document-error"):
            uri = Path(urlsplit(message.get("url", "")).path).resolve().as_uri()
            by_url[files.get(uri, message.get("url", "?"))].append(message)
    return by_url


@pytest.fixture(scope="module")
def allowances() -> list[Allowance]:
    return [Allowance(entry) for entry in yaml.safe_load(VNU_ALLOWED.read_text("utf-8"))]


def test_html_checker_runs_and_reports(vnu: dict[str, list[dict]]) -> None:
    """The checker really checked the files: it finds the duplicate id in the canary."""
    canary = " ".join(message["message"] for message in vnu["canary"])
    assert "Duplicate ID" in canary, vnu["canary"]
    unknown = set(vnu) - {*VNU_PAGES, "canary"}
    assert not unknown, f"messages for files that were not asked for: {unknown}"


@pytest.mark.parametrize("url", VNU_PAGES)
def test_html_is_valid(vnu: dict[str, list[dict]], allowances: list[Allowance], url: str) -> None:
    errors = [error for error in vnu.get(url, []) if not any(a.allows(error) for a in allowances)]
    report = [
        f"{url}:{error.get('lastLine', '?')}:{error.get('firstColumn', '?')}: {error['message']}\n"
        f"    {error.get('extract', '').strip()[:200]}"
        for error in errors
    ]
    assert not errors, f"the Nu HTML Checker found {len(errors)} error(s):\n" + "\n".join(report)


def test_every_html_allowance_is_still_needed(vnu: dict[str, list[dict]], allowances: list[Allowance]) -> None:
    errors = [error for url in VNU_PAGES for error in vnu.get(url, [])]
    unused = [a.reason for a in allowances if not any(a.allows(error) for error in errors)]
    assert not unused, f"remove these entries from {VNU_ALLOWED.name}, nothing needs them any more: {unused}"


# ---------------------------------------------------------------------------------------------
# Internal links: every href and src inside the site leads to a file, every #fragment to an id


class LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)
            elif name in ("href", "src") and tag != "base":
                self.links.append((self.getpos()[0], value))


EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")  # a scheme (https:, mailto:, javascript:, data:) or //host


def site_url(site: Path) -> str | None:
    """The site's configured address (mkdocs' site_url), from the home page's canonical link."""
    home = BeautifulSoup(page_file(site, "/").read_text("utf-8"), "html.parser")
    canonical = home.select_one('link[rel="canonical"]')
    return canonical["href"] if canonical else None


def internal_path(href: str, base: str, own: str | None) -> str | None:
    """The site path (with "#fragment") that `href` on the page at `base` leads to, or None if it leaves the site."""
    if own and href.startswith(own):
        href = "/" + href[len(own) :]
    elif EXTERNAL.match(href):
        return None
    url = urlsplit(urljoin("http://site" + base, href))
    return unquote(url.path) + (f"#{unquote(url.fragment)}" if url.fragment else "")


def broken_links(site: Path) -> tuple[list[str], int]:
    """Internal hrefs and srcs (of every page and of sitemap.xml) that lead to no file or to no such id,
    and how many internal links were checked."""
    own = site_url(site)
    pages: dict[str, LinksAndIds] = {}
    for file in sorted(site.rglob("*.html")):
        parser = LinksAndIds()
        parser.feed(file.read_text("utf-8"))
        pages[file.relative_to(site).as_posix()] = parser
    sources = {name: parser.links for name, parser in pages.items()}
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        xml = sitemap.read_text("utf-8")
        sources["sitemap.xml"] = [
            (xml.count("\n", 0, m.start()) + 1, m.group(1)) for m in re.finditer(r'(?:<loc>|href=")([^<"]+)', xml)
        ]
    broken, checked = [], 0
    for name, links in sources.items():
        # 404.html is served for any missing path: its links must work from anywhere, so resolve them deep down.
        if name == "404.html":
            base = "/a/missing/page/"
        elif name.endswith("index.html"):
            base = "/" + name.removesuffix("index.html")
        else:
            base = "/" + name
        for line, href in links:
            target = internal_path(href, base, own)
            if target is None:
                continue
            checked += 1
            path, _, fragment = target.partition("#")
            file = site / path.lstrip("/")
            if file.is_dir():
                file = file / "index.html"  # a static host redirects /x to /x/
            if not file.is_file():
                broken.append(f"{name}:{line}: {href} -> {path}: no such file")
            elif fragment:
                ids = pages.get(file.relative_to(site).as_posix())
                if ids is None or fragment not in ids.ids:
                    broken.append(f"{name}:{line}: {href} -> {path}: no element with id {fragment!r}")
    return broken, checked


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    broken, checked = broken_links(site)
    assert checked > 1000, f"only {checked} internal links found: is the site complete?"
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:40])


def test_link_checker_finds_what_is_broken(tmp_path: Path) -> None:
    """The checker itself, on a made-up site."""
    for name, html in {
        "index.html": '<link rel="canonical" href="https://example.org/"><a href="fr/">fr</a>'
        '<a href="https://example.org/fr/slug/#op5">abs</a><a href="https://other.org/x">ext</a>'
        '<a href="//cdn.example/x.js">ext</a><a href="mailto:a@b.c">m</a><a href="javascript:void(0)">j</a>'
        '<img src="data:,x">',
        "fr/index.html": '<a href="slug/#op5">ok</a><a href="slug/#op6">bad id</a><a href="slug">no slash</a>'
        '<script src="../assets/app.js"></script><a href="../es/">missing</a>',
        "fr/slug/index.html": '<div id="op5"></div><a name="legacy"></a><a href="#legacy">ok</a>'
        '<a href="op5/">missing</a><a href="../../assets/x%20y.css?v=1">ok</a>',
        "404.html": '<a href="/fr/">ok</a><a href="fr/">relative: breaks at /a/b/</a>',
        "assets/app.js": "",
        "assets/x y.css": "",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(html, "utf-8")
    broken, checked = broken_links(tmp_path)
    assert sorted(broken) == [
        "404.html:1: fr/ -> /a/missing/page/fr/: no such file",
        "fr/index.html:1: ../es/ -> /es/: no such file",
        "fr/index.html:1: slug/#op6 -> /fr/slug/: no element with id 'op6'",
        "fr/slug/index.html:1: op5/ -> /fr/slug/op5/: no such file",
    ]
    assert checked == 13


# ---------------------------------------------------------------------------------------------
# The language of untranslated text: a paragraph shown in the original carries lang="en"


def has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


TEXTS = f"//*[{has_class('rp-body')}] | //*[{has_class('rp-subs')}]/li"  # paragraph bodies, sub-paragraphs
FALLBACK_LABEL = f"p[{has_class('rp-fallback')}]"  # "Not yet translated: original text shown"


def fallback_languages(site: Path) -> tuple[list[str], int, int]:
    """Problems, and how many fallback / translated texts were seen on pages not in the source language."""
    problems, fallbacks, translated = [], 0, 0
    for file in sorted(site.rglob("*.html")):
        html = file.read_bytes()
        if b"rp-body" not in html:
            continue
        page = lxml.html.document_fromstring(html)
        page_lang = page.get("lang")
        for element in page.xpath(TEXTS):
            anchor = next(iter(element.xpath("ancestor-or-self::*[@id][1]/@id")), "?")
            where = f"{file.relative_to(site)}: {element.tag} in #{anchor}"
            lang = next(iter(element.xpath("ancestor-or-self::*[@lang][1]/@lang")), None)
            if element.xpath(FALLBACK_LABEL):
                fallbacks += 1
                if element.get("lang") != SOURCE_LANGUAGE:
                    problems.append(f"{where}: shows the original text but has lang={element.get('lang')!r}")
            elif page_lang != SOURCE_LANGUAGE:
                translated += 1
                if lang != page_lang:
                    problems.append(f"{where}: translated text, but its language is {lang!r}")
    return problems, fallbacks, translated


def test_language_check_finds_what_is_wrong(tmp_path: Path) -> None:
    """The check itself, on a made-up French page."""
    page = tmp_path / "fr" / "r" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<html lang="fr"><body>'
        '<div class="rp-para" id="op1"><div class="rp-main"><div class="rp-body" lang="en" dir="ltr">'
        '<p class="rp-fallback">x</p><p>English</p><ol class="rp-subs"><li id="op1-a">traduit, mais dans lang=en</li>'
        '<li id="op1-b" lang="en"><p class="rp-fallback">x</p>English</li></ol></div></div></div>'
        '<div class="rp-para" id="op2"><div class="rp-body"><p class="rp-fallback">x</p><p>English</p></div></div>'
        '<div class="rp-para" id="op3"><div class="rp-body"><p>Français</p></div></div></body></html>',
        "utf-8",
    )
    problems, fallbacks, translated = fallback_languages(tmp_path)
    assert problems == [
        "fr/r/index.html: li in #op1-a: translated text, but its language is 'en'",
        "fr/r/index.html: div in #op2: shows the original text but has lang=None",
    ]
    assert (fallbacks, translated) == (3, 2)


def test_fallback_text_is_marked_english_in_the_site(site: Path) -> None:
    problems, _, translated = fallback_languages(site)
    assert translated > 0, "no translated paragraph found: the check saw nothing"
    assert not problems, "\n".join(problems[:30])


def test_fallback_text_is_marked_english_when_translations_are_missing(extended_site: Path) -> None:
    """The `extended` scenario (tests/conftest.py): French op5 untranslated, op6 fuzzy, and two UN resolutions
    that nobody translated, with sub-paragraphs."""
    problems, fallbacks, translated = fallback_languages(extended_site)
    page = BeautifulSoup(page_file(extended_site, f"/fr/{SLUG}/").read_text("utf-8"), "html.parser")
    for paragraph in ("op5", "op6"):
        assert page.select_one(f"#{paragraph} .rp-body > p.rp-fallback"), f"French {paragraph} is not a fallback"
    subs = page_file(extended_site, "/es/unga-80-1/").read_text("utf-8")
    assert 'class="rp-subs"' in subs and "rp-fallback" in subs, "the untranslated sub-paragraphs are not fallbacks"
    assert fallbacks > 50 and translated > 50, (fallbacks, translated)
    assert not problems, "\n".join(problems[:30])


# ---------------------------------------------------------------------------------------------
# Reproducible builds


def first_difference(a: bytes, b: bytes) -> str:
    try:
        lines_a, lines_b = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"    binary, {len(a)} and {len(b)} bytes, first difference at byte {at}"
    diff = list(difflib.unified_diff(lines_a, lines_b, lineterm="", n=0))[2:8]
    return "\n".join(f"    {line[:200]}" for line in diff)


@pytest.fixture(scope="module")
def two_builds(built: Built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same input built twice with the same SOURCE_DATE_EPOCH, into different folders, with different
    hash seeds (set and dict orders must not leak into the output): the session's site, and one more."""
    assert BUILD_ENV["SOURCE_DATE_EPOCH"] == "1700000000"  # 2023-11-14 22:13:20 UTC
    second = tmp_path_factory.mktemp("reproducible") / "second"
    result = build_with(built.project, second, quiet=True, **dict(BUILD_ENV, PYTHONHASHSEED="2"))
    assert result.returncode == 0, result.stderr
    return built.site, second


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = two_builds
    files = [{p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} for out in two_builds]
    only_first, only_second = sorted(files[0] - files[1]), sorted(files[1] - files[0])
    different = sorted(
        name for name in files[0] & files[1] if (first / name).read_bytes() != (second / name).read_bytes()
    )
    report = []
    if only_first or only_second:
        report.append(f"only in the first build ({len(only_first)}): {only_first[:10]}")
        report.append(f"only in the second build ({len(only_second)}): {only_second[:10]}")
    if different:
        report.append(f"{len(different)} file(s) in both builds differ: {different[:10]}")
        report += [
            f"{name}:\n{first_difference((first / name).read_bytes(), (second / name).read_bytes())}"
            for name in different[:3]
        ]
    assert not report, "two builds of the same input differ:\n" + "\n".join(report)


def test_build_date_comes_from_source_date_epoch(two_builds: tuple[Path, Path]) -> None:
    """The sitemap's dates are the source's date, not the day of the build."""
    sitemap = (two_builds[0] / "sitemap.xml").read_text("utf-8")
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap))
    assert dates and dates <= {"2023-11-14"}, f"sitemap dates not taken from SOURCE_DATE_EPOCH: {sorted(dates)}"
