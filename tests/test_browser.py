"""The site in a real browser (Debian's chromium through Playwright), as a reader and a citing author use it.

Pages checked: PAGES in tests/browser.py, in every language. Add a kind of page there (one line) and axe,
the same-origin check and the JavaScript-error check cover it in en, fr, es and ar.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from respub.publish.localserve import serve
from tests.browser import (
    LANGUAGES,
    PAGES,
    SLUG,
    Tab,
    Visit,
    axe_violations,
    box,
    describe_violations,
    in_every_language,
    install_node_modules,
    localized,
    missing_tool,
)
from tests.conftest import BUILD_ENV, build_with, copy_project

AXE_URLS = in_every_language(PAGES)  # add a page to PAGES in tests/browser.py
MISSING = "/no-such-page/"  # the host answers with the site's 404.html
ORIGIN_URLS = [*in_every_language(PAGES), MISSING]
BLOCKING_IMPACTS = ("serious", "critical")

# The start of operative paragraph 5 in each language, to know which edition the reader sees.
OP5_STARTS = {
    "en": "Urges parliaments",
    "fr": "Prie instamment les parlements",
    "es": "Insta a los parlamentos",
    "ar": "تحث البرلمانات",
}
LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}


@pytest.fixture(scope="session")
def origin(tmp_path_factory: pytest.TempPathFactory):
    """The site built for, and served at, http://127.0.0.1:<free port>/: its site_url is where it is served,
    as in production, so material's scripts (language selector, sitemap) behave as they will there."""
    work = tmp_path_factory.mktemp("browser")
    project = copy_project(work / "project")
    folder = work / "site"
    with serve(folder) as url:
        result = build_with(project, folder, quiet=True, SITE_URL=f"{url}/", **BUILD_ENV)
        assert result.returncode == 0, result.stderr
        yield url


@pytest.fixture(scope="session")
def tab(chromium, origin: str) -> Tab:
    """One tab for the whole session, desktop-sized."""
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    # Nothing may leave the machine: requests to another origin are recorded, then refused.
    context.route(
        lambda url: not url.startswith(origin),
        lambda route: route.abort("blockedbyclient"),
    )
    yield Tab(context, origin)
    context.close()


@pytest.fixture(scope="session")
def loaded(tab: Tab):
    """Each page of ORIGIN_URLS loaded once, until the network is idle, and checked by axe-core right then;
    the same-origin and accessibility tests read the result (one visit per page instead of two)."""
    axe_missing = install_node_modules()
    visits: dict[str, Visit] = {}

    def load(url: str) -> Visit:
        if url not in visits:
            visit = tab.open(url, wait_until="networkidle")
            if axe_missing is None and url in AXE_URLS:
                visit.axe = axe_violations(tab.page)
            visits[url] = visit
        return visits[url]

    load.axe_missing = axe_missing
    return load


def assert_in_view(tab: Tab, selector: str) -> None:
    """The element is visible, and its top is inside the viewport, below material's sticky header."""
    page = tab.page
    element = page.locator(selector)
    assert element.is_visible(), f"{tab.path()}: {selector} is not visible"
    rect = box(page, selector)
    header = box(page, "header.md-header")
    height = page.evaluate("window.innerHeight")
    assert header["bottom"] - 1 <= rect["top"] < height, (
        f"{tab.path()}: {selector} is not in view: its top is at {rect['top']:.0f}px, "
        f"the header ends at {header['bottom']:.0f}px, the window is {height}px high"
    )


def html_lang(tab: Tab) -> str:
    return tab.page.evaluate("document.documentElement.lang")


# ---------------------------------------------------------------------------------------------
# A cited paragraph: the link lands on it


def test_full_text_link_with_fragment_lands_on_the_paragraph(tab: Tab) -> None:
    tab.open(f"/{SLUG}/#op5")
    assert_in_view(tab, "#op5")
    assert tab.page.evaluate("document.querySelector(':target')?.id") == "op5"
    assert tab.page.locator("#op5 .rp-body").inner_text().startswith(OP5_STARTS["en"])


def test_paragraph_page_shows_its_paragraph(tab: Tab) -> None:
    visit = tab.open(f"/fr/{SLUG}/op5/")
    assert visit.status == 200
    assert html_lang(tab) == "fr"
    assert_in_view(tab, "#op5")
    assert tab.page.locator("#op5 .rp-body").inner_text().startswith(OP5_STARTS["fr"])


def switch_language(tab: Tab, lang: str) -> None:
    """Open material's language selector in the header and click the language, as a reader does."""
    page = tab.page
    page.locator("header.md-header .md-select > button").click()
    link = page.locator("header.md-header .md-select__link", has_text=LANGUAGE_NAMES[lang])
    link.click()  # must be visible once the selector is open: Playwright refuses to click a hidden link
    page.wait_for_url(lambda url: urlsplit(url).path == localized(f"/{SLUG}/op5/", lang))
    page.wait_for_load_state("load")


def test_language_selector_keeps_the_paragraph(tab: Tab) -> None:
    tab.open(f"/fr/{SLUG}/op5/")
    for lang in ("es", "ar", "en"):
        switch_language(tab, lang)
        assert tab.path() == localized(f"/{SLUG}/op5/", lang)
        assert html_lang(tab) == lang
        assert_in_view(tab, "#op5")
        assert tab.page.locator("#op5 .rp-body").inner_text().startswith(OP5_STARTS[lang])


# ---------------------------------------------------------------------------------------------
# Arabic reads right to left


@pytest.mark.parametrize("url", [localized(path, "ar") for path in PAGES])
def test_arabic_pages_are_right_to_left(tab: Tab, url: str) -> None:
    tab.open(url)
    assert html_lang(tab) == "ar"
    page = tab.page
    assert page.evaluate("document.body.closest('[dir]')?.getAttribute('dir')") == "rtl", f"{url}: no dir=rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"


@pytest.mark.parametrize(
    ("url", "paragraphs"),
    [(f"/{SLUG}/op5/", ["op5"]), (f"/{SLUG}/", ["pp1", "pp24", "op5", "op31"])],
)
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_paragraph_number_sits_on_the_reading_side(tab: Tab, url: str, paragraphs: list[str], lang: str) -> None:
    """The number starts the line: right of the text in Arabic, left of it in English."""
    tab.open(localized(url, lang))
    for paragraph in paragraphs:
        number = box(tab.page, f"#{paragraph} > .rp-num")
        text = box(tab.page, f"#{paragraph} .rp-body")
        assert number["width"] > 0 and text["width"] > 0
        where = (
            f"{tab.path()} #{paragraph}: number at {number['left']:.0f}-{number['right']:.0f}px, "
            f"text at {text['left']:.0f}-{text['right']:.0f}px"
        )
        if lang == "ar":
            assert number["left"] >= text["right"] - 1, f"the number is not right of the text: {where}"
        else:
            assert number["right"] <= text["left"] + 1, f"the number is not left of the text: {where}"


# ---------------------------------------------------------------------------------------------
# Privacy and robustness: nothing from elsewhere, nothing broken


def is_materials_sitemap_probe(failure: str, origin: str) -> bool:
    """Material's alternate-language script fetches `sitemap.xml` beside each `link rel=alternate`
    (`/fr/<slug>/op5/sitemap.xml`), which i18n never writes; on a miss it falls back to the link itself."""
    status, url = failure.split(" ", 1)
    return status == "404" and url.startswith(origin) and url.endswith("/sitemap.xml")


@pytest.mark.parametrize("url", ORIGIN_URLS)
def test_page_loads_only_from_its_own_origin(tab: Tab, loaded, url: str) -> None:
    visit = loaded(url)
    assert visit.status == (404 if url == MISSING else 200)
    assert visit.requests and visit.requests[0] == tab.url(url), f"the page itself was not recorded: {visit.requests}"
    foreign = [request for request in visit.requests if not request.startswith(tab.origin + "/")]
    assert not foreign, f"{url} requested from another origin than {tab.origin}:\n" + "\n".join(foreign)
    assert not visit.errors, f"{url}: JavaScript errors:\n" + "\n".join(visit.errors)
    broken = [
        failure
        for failure in visit.failures
        if not is_materials_sitemap_probe(failure, tab.origin) and failure != f"404 {tab.url(MISSING)}"
    ]
    assert not broken, f"{url}: failed requests:\n" + "\n".join(broken)


def test_harness_records_and_blocks_a_foreign_request(tab: Tab) -> None:
    """What the same-origin check relies on: a request elsewhere is recorded, and never leaves the machine."""
    visit = tab.open(f"/{SLUG}/op5/")
    font = "https://fonts.googleapis.com/css?family=Roboto"
    with tab.page.expect_event("requestfailed") as failed:
        tab.page.evaluate("url => { new Image().src = url; }", font)
    assert failed.value.url == font and "BLOCKED_BY_CLIENT" in (failed.value.failure or "")
    assert font in visit.requests


def test_missing_page_gets_the_default_language_404(tab: Tab) -> None:
    visit = tab.open(MISSING)
    assert visit.status == 404
    assert html_lang(tab) == LANGUAGES[0], "the root 404.html is not in the default language"
    assert tab.page.evaluate("getComputedStyle(document.querySelector('article')).direction") == "ltr"
    assert tab.page.locator("article h1").is_visible()


# ---------------------------------------------------------------------------------------------
# Accessibility: axe-core


@pytest.mark.parametrize("url", AXE_URLS)
def test_no_serious_accessibility_violation(loaded, url: str) -> None:
    if loaded.axe_missing:
        missing_tool(loaded.axe_missing)
    visit = loaded(url)
    assert visit.status == 200 and visit.axe is not None
    violations = [v for v in visit.axe if v["impact"] in BLOCKING_IMPACTS]
    assert not violations, "axe-core found serious or critical violations:\n" + describe_violations(url, violations)


# ---------------------------------------------------------------------------------------------
# Citation: the buttons copy the right text and say so


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cite_and_copy_link_buttons_fill_the_clipboard(chromium, origin: str, lang: str) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    # Headless chromium has no system clipboard to read back: record what the page writes to it.
    context.add_init_script(
        "window.__copied = [];"
        "Object.defineProperty(navigator, 'clipboard', {value: {writeText: (text) =>"
        " { window.__copied.push(text); return Promise.resolve(); }}});"
    )
    page = context.new_page()
    try:
        page.goto(origin + localized(f"/{SLUG}/op5/", lang))
        cite, copy_link = page.locator("#op5 button.rp-copy").all()
        expected_citation = page.locator("#op5 details.rp-citation p").text_content()
        cite.focus()
        page.keyboard.press("Enter")  # from the keyboard, as well as with a click
        page.wait_for_function("document.querySelector('#op5 .rp-announce').textContent !== ''")
        assert page.evaluate("window.__copied") == [expected_citation]
        assert page.locator("#op5 .rp-announce").inner_text() == cite.get_attribute("data-done")
        assert expected_citation.endswith(f"{localized(f'/{SLUG}/op5/', lang)}")
        copy_link.click()
        page.wait_for_function(
            "(done) => document.querySelector('#op5 .rp-announce').textContent === done",
            arg=copy_link.get_attribute("data-done"),
        )
        assert page.evaluate("window.__copied[1]") == page.evaluate("location.href")
    finally:
        context.close()


def test_citation_is_text_without_javascript(chromium, origin: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(origin + f"/{SLUG}/op5/")
        assert page.locator("#op5 button.rp-copy").first.is_hidden()
        page.locator("#op5 details.rp-citation summary").click()
        assert (
            page.locator("#op5 details.rp-citation p")
            .inner_text()
            .startswith("Inter-Parliamentary Union, 145th Assembly, resolution “Parliamentary impetus")
        )
    finally:
        context.close()
