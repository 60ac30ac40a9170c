"""The site in a real browser (Debian's chromium through Playwright), as a reader and a citing author use it.

Pages checked: PAGES in tests/browser.py, in every language. Add a kind of page there (one line) and axe,
the same-origin check and the JavaScript-error check cover it in en, fr, es and ar.
"""

from __future__ import annotations

import io
import re
import unicodedata
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
from tests.conftest import BUILD_ENV, ROOT, build_with, copy_project

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


def switch_language(tab: Tab, lang: str, path: str = f"/{SLUG}/op5/") -> None:
    """Open material's language selector in the header and click the language, as a reader does."""
    page = tab.page
    page.locator("header.md-header .md-select > button").click()
    link = page.locator("header.md-header .md-select__link", has_text=LANGUAGE_NAMES[lang])
    link.click()  # must be visible once the selector is open: Playwright refuses to click a hidden link
    page.wait_for_url(lambda url: urlsplit(url).path == localized(path, lang))
    page.wait_for_load_state("load")


def test_language_selector_keeps_the_paragraph(tab: Tab) -> None:
    tab.open(f"/fr/{SLUG}/op5/")
    for lang in ("es", "ar", "en"):
        switch_language(tab, lang)
        assert tab.path() == localized(f"/{SLUG}/op5/", lang)
        assert html_lang(tab) == lang
        assert_in_view(tab, "#op5")
        assert tab.page.locator("#op5 .rp-body").inner_text().startswith(OP5_STARTS[lang])


def test_language_selector_keeps_the_paragraph_of_the_full_text(tab: Tab) -> None:
    """From `/<slug>/#op5` (a link to the paragraph in the full text), another language opens its full
    text at op5, not at its top; the anchor followed after the page loaded is kept too."""
    tab.open(f"/{SLUG}/#op5")
    for lang in ("fr", "ar"):
        switch_language(tab, lang, f"/{SLUG}/")
        assert urlsplit(tab.page.url).fragment == "op5", tab.page.url
        assert_in_view(tab, "#op5")
    tab.page.evaluate("location.hash = 'op12'")  # as a link within the page, or the reader, does
    switch_language(tab, "es", f"/{SLUG}/")
    assert urlsplit(tab.page.url).fragment == "op12", tab.page.url
    assert_in_view(tab, "#op12")


def test_hreflang_links_stay_in_the_page(tab: Tab) -> None:
    """respub.js hides them from material's language script while it starts, then puts them back."""
    tab.open(f"/fr/{SLUG}/op5/")
    hreflangs = tab.page.eval_on_selector_all(
        'head link[rel="alternate"][hreflang]', "links => links.map(l => l.getAttribute('hreflang'))"
    )
    assert sorted(hreflangs) == sorted([*LANGUAGES, "x-default"])


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


@pytest.mark.parametrize("url", ORIGIN_URLS)
def test_page_loads_only_from_its_own_origin(tab: Tab, loaded, url: str) -> None:
    visit = loaded(url)
    assert visit.status == (404 if url == MISSING else 200)
    assert visit.requests and visit.requests[0] == tab.url(url), f"the page itself was not recorded: {visit.requests}"
    foreign = [request for request in visit.requests if not request.startswith(tab.origin + "/")]
    assert not foreign, f"{url} requested from another origin than {tab.origin}:\n" + "\n".join(foreign)
    assert not visit.errors, f"{url}: JavaScript errors:\n" + "\n".join(visit.errors)
    broken = [failure for failure in visit.failures if failure != f"404 {tab.url(MISSING)}"]
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
        assert f"{localized(f'/{SLUG}/op5/', lang)} " in f"{expected_citation} "
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


# ---------------------------------------------------------------------------------------------
# Print: what a clerk files


def printed(chromium, origin: str, path: str) -> tuple[int, str]:
    """The page printed to A4 PDF by chromium: its number of pages and its text (pypdf)."""
    from pypdf import PdfReader

    page = chromium.new_page()
    try:
        page.goto(origin + path, wait_until="networkidle")
        reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
        return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)
    finally:
        page.close()


def flat(text: str) -> str:
    """PDF text without its line breaks (a URL or a sentence may wrap) and ligatures ("ﬃ" as "ffi")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_full_text_prints_compact_with_numbers_ids_reservations_and_address(chromium, origin: str) -> None:
    pages, text = printed(chromium, origin, f"/{SLUG}/")
    assert pages <= 9, f"the full text prints on {pages} A4 pages (it printed on 22 before the print stylesheet)"
    assert "#op31" in text and "#pp1" in text and "31." in text
    assert "Reservations: Kazakhstan and Syrian Arab Republic" in text
    assert "Hungary and Indonesia on the entire resolution" in text
    for screen_only in ("Cite", "Copy link", "Machine-readable editions", "Skip to content"):
        assert screen_only not in text, f"{screen_only!r} is printed"
    assert flat(f"{origin}/{SLUG}/") in flat(text)
    assert "Parliamentary resolutions" in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_paragraph_page_prints_its_citation_without_buttons(chromium, origin: str, lang: str) -> None:
    pages, text = printed(chromium, origin, localized(f"/{SLUG}/op5/", lang))
    assert pages == 1
    assert OP5_STARTS[lang] in text
    assert "Citation" not in text
    for screen_only in ("Copy link", "Copier le lien", "BibTeX", "Read in the full text", "Lire dans le texte"):
        assert screen_only not in text, f"{screen_only!r} is printed"
    expected = "resolution“Parliamentaryimpetus" if lang == "en" else "résolution«Impulsionparlementaire"
    assert expected in flat(text), "the paragraph's citation is not printed"
    assert flat(origin + localized(f"/{SLUG}/op5/", lang)) in flat(text)
    if lang == "fr":
        assert "nonofficielle" in flat(text) and flat(origin + f"/{SLUG}/op5/") in flat(text)


@pytest.mark.parametrize("path", [p for p in PAGES if p not in (f"/{SLUG}/", f"/{SLUG}/op5/")])
def test_every_page_kind_prints_its_address_without_navigation(chromium, origin: str, path: str) -> None:
    pages, text = printed(chromium, origin, path)
    assert pages <= 4
    assert flat(origin + path) in flat(text)
    assert "Parliamentary resolutions ·" in text
    assert "Skip to content" not in text


# ---------------------------------------------------------------------------------------------
# Keyboard, Arabic, tap targets


@pytest.mark.parametrize("path", ["/", f"/{SLUG}/op5/", f"/fr/{SLUG}/reservations/"])
def test_skip_link_leads_to_the_start_of_the_content(tab: Tab, path: str) -> None:
    tab.open(path)
    page = tab.page
    page.keyboard.press("Tab")
    skip = page.evaluate(
        "[document.activeElement.classList.contains('md-skip'), document.activeElement.getAttribute('href')]"
    )
    assert skip[0], f"{path}: the first Tab does not reach a skip link"
    first_heading = page.evaluate("document.querySelector('article h1').id")
    assert skip[1] == f"#{first_heading}", f"{path}: the skip link leads to {skip[1]}, not to the page's heading"


def test_cite_on_op5_is_a_few_tab_presses_away(tab: Tab) -> None:
    tab.open(f"/{SLUG}/op5/")
    page = tab.page
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    presses = 0
    while not page.evaluate("document.activeElement.classList.contains('rp-copy')"):
        presses += 1
        assert presses <= 12, "Cite is not reached in 12 Tab presses after the skip link (it took 54 before)"
        page.keyboard.press("Tab")


def test_arabic_citation_isolates_its_url_and_adoption_is_upright(tab: Tab) -> None:
    tab.open(f"/ar/{SLUG}/op5/")
    page = tab.page
    urls = page.locator("#op5 details.rp-citation p bdi[dir=ltr]").all_text_contents()
    assert urls and urls[0] == tab.url(f"/ar/{SLUG}/op5/")
    assert urls[-1] == tab.url(f"/{SLUG}/op5/"), "the original's URL is not given"
    style = "getComputedStyle(document.querySelector('.rp-adoption')).fontStyle"
    assert page.evaluate(style) == "normal"
    tab.open(f"/{SLUG}/op5/")
    assert page.evaluate(style) == "italic"


def test_citation_tools_are_big_enough_to_tap_on_a_phone(chromium, origin: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(origin + f"/{SLUG}/op5/")
        for selector in ("#op5 button.rp-copy >> nth=0", "#op5 button.rp-copy >> nth=1", "#op5 details summary"):
            size = page.locator(selector).bounding_box()
            assert size["width"] >= 24 and size["height"] >= 24, f"{selector} is {size['width']}×{size['height']} px"
    finally:
        context.close()


def test_language_menu_marks_the_current_language(tab: Tab) -> None:
    for lang in ("en", "ar"):
        tab.open(localized(f"/{SLUG}/", lang))
        current = tab.page.locator('header.md-header .md-select__link[aria-current="true"]')
        assert current.count() == 1 and current.get_attribute("hreflang") == lang


# ---------------------------------------------------------------------------------------------
# WCAG 2.2 AA on a phone, every page kind in every language (target size included)

WCAG22_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_ALLOWED = ROOT / "tests" / "data" / "axe-allowed.yml"
AXE_WCAG22 = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
  }));
}"""


@pytest.fixture(scope="session")
def phone(chromium, origin: str):
    reason = install_node_modules()
    if reason:
        missing_tool(reason)
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


def test_wcag22_on_a_phone(phone, origin: str) -> None:
    import yaml

    from tests.browser import AXE_JS

    page = phone
    allowed = yaml.safe_load(AXE_ALLOWED.read_text("utf-8")) or []
    used: set[int] = set()
    failures = []
    for url in AXE_URLS + [f"/{lang}/about/" if lang != "en" else "/about/" for lang in LANGUAGES]:
        page.goto(origin + url, wait_until="load")
        page.add_script_tag(path=str(AXE_JS))
        for violation in page.evaluate(AXE_WCAG22, WCAG22_TAGS):
            blocking = violation["impact"] in BLOCKING_IMPACTS or violation["id"] == "target-size"
            nodes = []
            for node in violation["nodes"]:
                match = next(
                    (
                        i
                        for i, entry in enumerate(allowed)
                        if entry["id"] == violation["id"] and entry["target"] in node["target"]
                    ),
                    None,
                )
                if match is None or blocking:
                    nodes.append(node)
                else:
                    used.add(match)
            if nodes:
                failures.append(describe_violations(url, [{**violation, "nodes": nodes}]))
    assert not failures, "\n".join(failures)
    unused = [entry for i, entry in enumerate(allowed) if i not in used]
    assert not unused, f"entries of {AXE_ALLOWED.name} that nothing needs any more: {unused}"


@pytest.mark.parametrize("path", [f"/{SLUG}/", "/instruments/gcm/"])
def test_phone_first_screen_is_not_all_title(chromium, origin: str, path: str) -> None:
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(origin + path)
        heading = page.locator("article h1").bounding_box()
        assert heading["height"] <= 844 * 0.3, f"the title takes {heading['height']:.0f}px of an 844px screen"
    finally:
        context.close()
