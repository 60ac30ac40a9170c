"""Search in every language (respub/search.py, overrides/assets/respub-search.js): one Pagefind index per
language, word forms, references that lead straight to a paragraph, and nothing from another site.

The index is read in Python (Pagefind's fragments are gzip'd JSON); the references are checked in Python
and, with node, in the worker's own JavaScript on the same cases; a few queries run end to end in Debian's
chromium through material's search box, as a reader types them.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import queue
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from respub.publish import search
from respub.publish.localserve import serve
from tests.browser import CHROMIUM, missing_tool

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "overrides" / "assets" / "respub-search.js"
SLUG = "ipu-145-migration"
LANGUAGES = ("en", "fr", "es", "ar")
FOLDERS = search.language_folders(LANGUAGES, "en")


def home(lang: str) -> str:
    return "/" if lang == "en" else f"/{lang}/"


def url(lang: str, path: str) -> str:
    return f"{home(lang)}{path}"


def fragments(site: Path, lang: str) -> list[dict]:
    """Every page Pagefind indexed for a language, as stored in its fragments."""
    out = []
    for path in sorted((site / search.BUNDLE / "fragment").glob(f"{lang}_*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        out.append(json.loads(data[len(b"pagefind_dcd") :]))
    return out


def pages_with_word(site: Path, lang: str, word: str) -> set[str]:
    """The paragraph pages of `lang` whose text has `word` as a whole word."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    records = search.records(site, {lang: FOLDERS[lang]})
    return {r.url for r in records if r.kind == "paragraph" and pattern.search(r.content)}


# ---------------------------------------------------------------------------------------------
# The index


def test_one_index_per_language(site: Path) -> None:
    entry = json.loads((site / search.BUNDLE / "pagefind-entry.json").read_text("utf-8"))
    assert sorted(entry["languages"]) == sorted(LANGUAGES)
    for lang, index in entry["languages"].items():
        assert index["page_count"] > 50, f"{lang}: {index}"
        assert (site / search.BUNDLE / f"pagefind.{index['hash']}.pf_meta").is_file()
        assert (site / search.BUNDLE / f"wasm.{index['wasm']}.pagefind").is_file()
    assert (site / search.BUNDLE / "pagefind.js").is_file()
    assert not list((site / search.BUNDLE).glob("pagefind-ui.*")), "Pagefind's own UI is not used: not published"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_index_holds_its_language_only(site: Path, lang: str) -> None:
    pages = fragments(site, lang)
    assert pages
    others = [f"/{other}/" for other in LANGUAGES if other != lang and other != "en"]
    for page in pages:
        if lang == "en":
            assert not page["url"].startswith(tuple(others)), page["url"]
        else:
            assert page["url"].startswith(f"/{lang}/"), page["url"]


def test_results_are_paragraph_and_instrument_pages(site: Path) -> None:
    urls = {page["url"] for page in fragments(site, "fr")}
    assert url("fr", f"{SLUG}/op5/") in urls
    assert url("fr", "instruments/gcm/") in urls
    assert url("fr", f"{SLUG}/") not in urls, "the full text repeats every paragraph: not a result"
    assert url("fr", "") not in urls and url("fr", "status/") not in urls


def test_a_paragraph_is_labelled_and_indexed_by_its_text_only(site: Path) -> None:
    page = next(p for p in fragments(site, "fr") if p["url"] == url("fr", f"{SLUG}/op5/"))
    html = (site / "fr" / SLUG / "op5" / "index.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    heading = re.search(r'<h1 id="heading">(.*?)</h1>', html).group(1)
    assert page["meta"]["title"] == title.rsplit(" - ", 1)[0]  # "<label> · <short title>", without the site's name
    assert page["meta"]["title"].startswith(f"{heading} · ")
    assert page["content"].startswith("Prie instamment les parlements")
    assert "Citer" not in page["content"] and "127.0.0.1" not in page["content"], "citation tools are not text"
    assert page["meta"]["kind"] == "paragraph"


def test_paragraph_record_keeps_the_text_and_the_sub_paragraph_ids() -> None:
    page = (
        "<html><head><title>Operative paragraph 3 · Short - Site</title></head><body>"
        '<div class="md-header__topic"><span class="md-ellipsis">Site</span></div><article>'
        '<h1 id="heading">Operative paragraph 3</h1><p class="rp-meta">Kigali, 15 October 2022</p>'
        '<div class="rp-para rp-operative" id="op3"><a class="rp-num" href="./">3.</a><div class="rp-main">'
        '<div class="rp-body"><p class="rp-fallback">Not yet translated</p><p>Calls upon <a href="#">States</a>:'
        '</p><ol class="rp-subs"><li id="op3-a"><a class="rp-sub-label" href="#op3-a">(a)</a> to act'
        '<ol class="rp-subs"><li id="op3-a-i"><a href="#op3-a-i">(i)</a> now</li></ol></li>'
        '<li id="op3-b"><a href="#op3-b">(b)</a> to report</li></ol></div>'
        '<div class="rp-actions"><button>Cite</button></div></div></div>'
        '<ol class="rp-footnotes"><li id="fn-1">A note.</li></ol></article></body></html>'
    )
    record = search.paragraph_record(page, f"/{SLUG}/op3/", "en")
    assert record.title == "Operative paragraph 3 · Short"
    assert record.content == "Calls upon States: (a) to act (i) now (b) to report\nA note."
    assert record.ids == ("op3", "op3-a", "op3-a-i", "op3-b")
    assert record.resolution == SLUG and record.kind == "paragraph"


def test_references_have_one_small_file_per_paragraph(site: Path) -> None:
    for lang in LANGUAGES:
        data = json.loads((site / search.BUNDLE / search.REFERENCES_FOLDER / f"{lang}.json").read_text("utf-8"))
        assert data["references"] == [list(p) for p in search.patterns(lang)]
        assert "op5" in data["paragraphs"] and "pp21" in data["paragraphs"]
        entries = json.loads((site / search.BUNDLE / search.REFERENCES_FOLDER / lang / "op5.json").read_text("utf-8"))
        assert [entry["url"] for entry in entries] == [url(lang, f"{SLUG}/op5/")]
        assert entries[0]["resolution"] == SLUG and entries[0]["ids"][0] == "op5"
        assert entries[0]["title"].endswith(" · " + entries[0]["title"].split(" · ", 1)[1])


def test_every_page_uses_the_worker_in_its_language(site: Path) -> None:
    for lang in LANGUAGES:
        html = (site / FOLDERS[lang] / SLUG / "op5" / "index.html").read_text("utf-8")
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html).group(1))
        assert config["search"].endswith(f"assets/respub-search.js?lang={lang}&in={SLUG}"), config["search"]
    instrument = (site / "fr" / "instruments" / "gcm" / "index.html").read_text("utf-8")
    assert 'assets/respub-search.js?lang=fr"' in instrument
    assert (site / "assets" / "respub-search.js").is_file()
    leftover = [p for p in site.rglob("*.html") if "/workers/search." in p.read_text("utf-8")]
    assert not leftover, f"pages still on material's search worker: {leftover[:5]}"


def test_search_dialog_is_named_in_the_page_language(site: Path) -> None:
    for path, name in (("index.html", "Search"), ("fr/index.html", "Rechercher")):
        html = (site / path).read_text("utf-8")
        assert f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{name}">' in html
    assert search.label_dialog(search.label_dialog(html)) == search.label_dialog(html)


def test_material_index_is_not_downloaded_with_every_page(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert index["docs"] == []
    assert index["config"]["separator"], "material's on-page highlighting reads the separator"
    assert (site / "search" / "search_index.json").stat().st_size < 1000


def test_no_third_party_url_in_the_search_assets(site: Path) -> None:
    assets = [site / "assets" / "respub-search.js", *sorted((site / search.BUNDLE).glob("*.js*"))]
    for asset in assets:
        text = asset.read_text("utf-8")
        for found in re.findall(r"(?:https?:)?//[\w.-]+\.[a-z]{2,}", text):
            # Pagefind parses relative URLs against a dummy base; nothing is requested from it.
            assert found == "https://example.com", f"{asset.name}: {found}"


def test_index_is_reproducible(site: Path, tmp_path: Path) -> None:
    records = list(search.records(site, FOLDERS))
    for run in ("a", "b"):
        search.write_index(records, tmp_path / run)
    files = {
        run: {p.relative_to(tmp_path / run): p.read_bytes() for p in (tmp_path / run).rglob("*") if p.is_file()}
        for run in ("a", "b")
    }
    assert files["a"] == files["b"]


# ---------------------------------------------------------------------------------------------
# References, in Python and in the worker's JavaScript

REFERENCES = [
    # lang, query, paragraph id (None: no reference), rest of the query
    ("en", "op5", "op5", ""),
    ("en", "OP 5", "op5", ""),
    ("en", "Op.5", "op5", ""),
    ("en", "operative paragraph 5", "op5", ""),
    ("en", "Operative para. 12", "op12", ""),
    ("en", "paragraph 5", "op5", ""),
    ("en", "PP21", "pp21", ""),
    ("en", "pp 21", "pp21", ""),
    ("en", "preambular paragraph 21", "pp21", ""),
    ("en", "paragraph 21 of the preamble", "pp21", ""),
    ("en", "op3(a)", "op3-a", ""),
    ("en", "op 3 (a) (ii)", "op3-a-ii", ""),
    ("en", "op3-a", "op3-a", ""),
    ("en", "op5 migrants", "op5", "migrants"),
    ("en", "children op5", "op5", "children"),
    ("en", "op5x", None, ""),
    ("en", "top5", None, ""),
    ("en", "policy", None, ""),
    ("en", "2030 Agenda", None, ""),
    ("fr", "paragraphe 5 du dispositif", "op5", ""),
    ("fr", "Paragraphe 5 du dispositif", "op5", ""),
    ("fr", "paragraphe 5", "op5", ""),
    ("fr", "alinéa 21 du préambule", "pp21", ""),
    ("fr", "alinea 21 du preambule", "pp21", ""),
    ("fr", "alinéa 21", "pp21", ""),
    ("fr", "paragraphe 21 du préambule", "pp21", ""),
    ("fr", "op5", "op5", ""),
    ("fr", "operative paragraph 5", "op5", ""),
    ("fr", "réfugiés paragraphe 3 du dispositif", "op3", "réfugiés"),
    ("es", "párrafo 5 de la parte dispositiva", "op5", ""),
    ("es", "parrafo 5", "op5", ""),
    ("es", "párrafo 21 del preámbulo", "pp21", ""),
    ("es", "PP21", "pp21", ""),
    ("ar", "الفقرة 5 من المنطوق", "op5", ""),
    ("ar", "الفقرة ٥ من المنطوق", "op5", ""),
    ("ar", "الفقرة 5", "op5", ""),
    ("ar", "فقرة 5", "op5", ""),
    ("ar", "الفقرة 21 من الديباجة", "pp21", ""),
    ("ar", "op5", "op5", ""),
    ("ar", "المهاجرين الفقرة 5 من المنطوق", "op5", "المهاجرين"),
    ("ar", "مهاجر", None, ""),
]


@pytest.mark.parametrize(("lang", "query", "expected", "rest"), REFERENCES)
def test_reference_queries_name_the_paragraph(lang: str, query: str, expected: str | None, rest: str) -> None:
    reference = search.resolve(query, lang)
    if expected is None:
        assert reference is None, reference
    else:
        assert reference is not None, f"{query!r} names no paragraph in {lang}"
        assert (reference.id, reference.page, reference.rest) == (expected, expected.split("-")[0], rest)


def test_worker_resolves_references_like_python(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        missing_tool("node is not installed: the worker's JavaScript resolver is checked in the browser test only")
    cases = [[lang, query] for lang, query, _, _ in REFERENCES]
    script = tmp_path / "resolve.js"
    script.write_text(
        "const { resolve } = require(process.argv[2]);\n"
        "const data = JSON.parse(require('fs').readFileSync(process.argv[3], 'utf-8'));\n"
        "const out = data.cases.map(([lang, q]) => resolve(q, data.patterns[lang]));\n"
        "process.stdout.write(JSON.stringify(out));\n",
        "utf-8",
    )
    data = tmp_path / "cases.json"
    patterns = {lang: search.worker_data(lang)["references"] for lang in LANGUAGES}
    data.write_text(json.dumps({"cases": cases, "patterns": patterns}, ensure_ascii=False), "utf-8")
    result = subprocess.run([node, str(script), str(WORKER), str(data)], capture_output=True, text=True, check=True)
    javascript = json.loads(result.stdout)
    for (lang, query, _, _), js in zip(REFERENCES, javascript, strict=True):
        python = search.resolve(query, lang)
        expected = None if python is None else {"id": python.id, "page": python.page, "rest": python.rest}
        assert js == expected, f"{lang} {query!r}: JavaScript {js}, Python {expected}"


def test_normalize_folds_accents_arabic_marks_and_digits() -> None:
    assert search.normalize("Alinéa 21 du Préambule") == "alinea 21 du preambule"
    assert search.normalize("الفقرة ٥") == "الفقرة 5"
    assert search.normalize("إِلْغَاء") == "الغاء"


# ---------------------------------------------------------------------------------------------
# End to end, in the browser: material's search box, respub's worker, Pagefind


class Browser:
    """Playwright's sync API in a thread of its own: it works whether or not another test module keeps a
    Playwright session open in the main thread (sync_playwright cannot nest in one thread)."""

    def __init__(self) -> None:
        self.jobs: queue.Queue = queue.Queue()
        started: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._run, args=(started,), name="search-browser", daemon=True)
        self.thread.start()
        error = started.get(timeout=120)
        if error is not None:
            raise error

    def _run(self, started: queue.Queue) -> None:
        try:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(10_000)
        except BaseException as error:  # handed to the test's thread
            started.put(error)
            return
        started.put(None)
        while (job := self.jobs.get()) is not None:
            function, answer = job
            try:
                answer.put((True, function(page)))
            except BaseException as error:  # handed to the test's thread
                answer.put((False, error))
        browser.close()
        playwright.stop()

    def run(self, function):
        """`function(page)` in the browser's thread; its result, or its exception."""
        answer: queue.Queue = queue.Queue()
        self.jobs.put((function, answer))
        ok, value = answer.get(timeout=120)
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self.jobs.put(None)
        self.thread.join(30)


class Searcher:
    """One browser tab on the served site; `query` types into material's search box and reads the results."""

    def __init__(self, browser: Browser, origin: str) -> None:
        self.browser = browser
        self.origin = origin
        self.requests: list[str] = []  # what the browser requested during the last query (page and workers)
        self.errors: list[str] = []  # uncaught JavaScript errors, the worker's included

        def listen(page) -> None:
            page.context.on("request", lambda request: self.requests.append(request.url))
            page.on("pageerror", lambda error: self.errors.append(str(error)))

        browser.run(listen)

    def run(self, function):
        return self.browser.run(function)

    def query(self, path: str, text: str) -> list[dict]:
        return self.run(lambda page: self._query(page, path, text))

    def _query(self, page, path: str, text: str) -> list[dict]:
        if urlsplit(page.url).path != path:
            page.goto(self.origin + path)
        box = page.locator("input.md-search__input")
        box.click()
        page.eval_on_selector(".md-search-result__list", "list => list.replaceChildren()")  # earlier results
        self.requests.clear()
        box.fill(text)
        box.press("End")  # material reads the query on keyup
        try:
            page.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0")
        except Exception as error:
            raise AssertionError(f"no result for {text!r} on {path}; JavaScript errors: {self.errors}") from error
        assert not self.errors, self.errors
        return page.eval_on_selector_all(
            ".md-search-result__item > a:first-child",
            "els => els.map(a => ({href: a.getAttribute('href'), title: a.querySelector('h1, h2').textContent,"
            " marks: [...a.querySelectorAll('mark')].map(m => m.textContent)}))",
        )


@pytest.fixture(scope="module")
def searcher(site: Path) -> Iterator[Searcher]:
    if not CHROMIUM.exists():
        missing_tool(f"Debian's chromium is not installed at {CHROMIUM}: search in the browser not checked")
    if importlib.util.find_spec("playwright") is None:
        missing_tool("playwright is not installed (requirements.txt): search in the browser not checked")
    with serve(site) as origin:
        browser = Browser()
        try:
            yield Searcher(browser, origin)
        finally:
            browser.close()


def paths(results: list[dict]) -> list[str]:
    return [
        urlsplit(result["href"]).path + (f"#{urlsplit(result['href']).fragment}" if "#" in result["href"] else "")
        for result in results
    ]


@pytest.mark.parametrize(
    ("lang", "query", "form"),
    [
        ("fr", "réfugié", "réfugiés"),
        ("fr", "nationaux", "nationales"),
        ("fr", "migrante", "migrantes"),
        ("es", "migrante", "migrantes"),
        ("ar", "مهاجر", "المهاجرين"),
        ("en", "policy", "policies"),
    ],
)
def test_word_forms_find_their_page(searcher: Searcher, site: Path, lang: str, query: str, form: str) -> None:
    expected = pages_with_word(site, lang, form)
    assert expected, f"no {lang} paragraph has {form!r}: the test's text changed"
    results = searcher.query(home(lang), query)
    found = paths(results)
    assert set(found[:10]) & expected, f"{query!r} ({lang}) does not find {form!r} ({sorted(expected)}): {found}"
    assert all(result["marks"] for result in results[:3]), "the matching words are highlighted"


def test_french_search_returns_french_pages_only(searcher: Searcher) -> None:
    results = paths(searcher.query("/fr/", "migration"))
    assert results
    assert all(path.startswith("/fr/") for path in results), results


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("fr", "paragraphe 5 du dispositif", f"{SLUG}/op5/"),
        ("ar", "الفقرة 5 من المنطوق", f"{SLUG}/op5/"),
        ("en", "PP21", f"{SLUG}/pp21/"),
        ("fr", "Pacte mondial sur les migrations", "instruments/gcm/"),
    ],
)
def test_references_and_instrument_names_come_first(searcher: Searcher, lang: str, query: str, expected: str) -> None:
    results = searcher.query(home(lang), query)
    assert paths(results)[0] == url(lang, expected), paths(results)


def test_result_is_labelled_enter_opens_it_with_the_words_highlighted(searcher: Searcher) -> None:
    results = searcher.query(url("fr", f"{SLUG}/op1/"), "nationaux")
    assert re.match(r".+ · .+", results[0]["title"]), results[0]["title"]

    def enter(page) -> str:
        page.locator("input.md-search__input").press("Enter")
        page.wait_for_url(re.compile(r"\?h="))
        page.wait_for_selector("article mark[data-md-highlight]")
        return page.url

    assert urlsplit(searcher.run(enter)).path == paths(results)[0]


def test_a_reference_does_not_load_the_index(searcher: Searcher) -> None:
    searcher.run(lambda page: page.goto("about:blank"))
    results = searcher.query("/ar/", "op5")
    assert paths(results) == [url("ar", f"{SLUG}/op5/")]
    loaded = [urlsplit(u).path for u in searcher.requests if "/pagefind/" in u]
    assert loaded == ["/pagefind/respub/ar.json", "/pagefind/respub/ar/op5.json"], loaded


def test_search_requests_stay_on_the_site(searcher: Searcher) -> None:
    """A first query in a fresh page: Pagefind, its index for the language, respub's data; all from the site."""
    searcher.run(lambda page: page.goto("about:blank"))
    searcher.query("/es/", "trata")
    outside = [u for u in searcher.requests if not u.startswith(searcher.origin)]
    assert not outside, outside
    assert any(u.endswith("/pagefind/wasm.es.pagefind") for u in searcher.requests), searcher.requests
    assert not any("/wasm.fr." in u or "/wasm.en." in u for u in searcher.requests), "only the language's index"
