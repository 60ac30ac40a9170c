"""Search in every language (respub/publish/search.py, respub/publish/references.py,
overrides/assets/respub-search.js): one Pagefind index per language, made from the site's model; word
forms, references that lead straight to a paragraph, reservations, states and adoption details, and
nothing from another site.

The index is read in Python (Pagefind's fragments are gzip'd JSON); the references are checked in Python
and, with node, in the worker's own JavaScript on the same cases; queries run end to end in Debian's
chromium through material's search box, as a reader types (or pastes) them.
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
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import material
import pytest
from babel.messages.pofile import read_po

from respub.l10n.translate import Translation
from respub.publish import references, search
from respub.publish.localserve import serve
from respub.publish.site import Project, Site, load_resolution, load_site
from respub.render.edition import Edition
from tests.browser import CHROMIUM, missing_tool

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "overrides" / "assets" / "respub-search.js"
CORPUS = Path(__file__).parent / "data" / "corpus"
SLUG = "ipu-145-migration"
LANGUAGES = ("en", "fr", "es", "ar")
FOLDERS = {lang: "" if lang == "en" else lang for lang in LANGUAGES}


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
    """The paragraph pages of `lang` whose indexed text has `word` as a whole word."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    return {
        p["url"] for p in fragments(site, lang) if p["meta"]["kind"] == "paragraph" and pattern.search(p["content"])
    }


def fragment(site: Path, lang: str, page_url: str) -> dict:
    found = [page for page in fragments(site, lang) if page["url"] == page_url]
    assert len(found) == 1, f"{page_url}: {len(found)} records in the {lang} index"
    return found[0]


@pytest.fixture(scope="module")
def model() -> Site:
    """The site's model, as the build loads it."""
    return load_site(Project(ROOT, ROOT / "docs", ROOT / "locales", LANGUAGES))


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


def test_results_are_paragraphs_resolutions_reservations_and_instruments(site: Path) -> None:
    kinds = {page["url"]: page["meta"]["kind"] for page in fragments(site, "fr")}
    assert kinds[url("fr", f"{SLUG}/op5/")] == "paragraph"
    assert kinds[url("fr", "instruments/gcm/")] == "instrument"
    assert kinds[url("fr", f"{SLUG}/reservations/")] == "reservation"
    assert kinds[url("fr", f"{SLUG}/reservations/#qa")] == "reservation"
    assert kinds[url("fr", f"{SLUG}/")] == "resolution"
    assert url("fr", "") not in kinds and url("fr", "status/") not in kinds


def test_the_resolution_is_found_by_its_title_place_and_date_not_by_its_paragraphs(site: Path) -> None:
    """The full text repeats every paragraph: its record holds what a reader says of the resolution."""
    resolution = fragment(site, "fr", url("fr", f"{SLUG}/"))
    assert resolution["meta"]["title"] == "Migrations, développement et traite des personnes"
    assert "Kigali" in resolution["content"] and "15 octobre 2022" in resolution["content"]
    assert "145e Assemblée" in resolution["content"] and "adoptée par consensus" in resolution["content"]
    assert "Prie instamment" not in resolution["content"]


def test_each_state_entry_on_a_reservations_page_is_a_result(site: Path) -> None:
    qatar = fragment(site, "en", f"/{SLUG}/reservations/#qa")
    assert qatar["meta"]["title"] == "Qatar · Migration, development and human trafficking"
    assert qatar["content"] == "Qatar. Reservation on Operative paragraph 5, on the words “labour mobility”."
    hungary = fragment(site, "fr", f"/fr/{SLUG}/reservations/#hu")
    assert hungary["meta"]["names"] == "Hongrie | Hungary", "found by its name in the page language and the text's"
    assert hungary["content"] == "Hongrie. Hungary. Réserve portant sur : l'ensemble de la résolution."
    russia = fragment(site, "en", f"/{SLUG}/reservations/#ru")
    assert "Expressed its opposition to the entire resolution." in russia["content"], russia["content"]


def test_a_paragraph_names_the_states_that_reserved_on_it(site: Path) -> None:
    op5 = fragment(site, "en", f"/{SLUG}/op5/")
    assert op5["content"].endswith("protect and respect the basic rights of migrants; Reservation: Qatar.")
    assert "Réserve : Qatar" in fragment(site, "fr", f"/fr/{SLUG}/op5/")["content"]
    assert "Reservation" not in fragment(site, "en", f"/{SLUG}/op4/")["content"]


def test_the_sentences_records_repeat_are_in_the_catalogs() -> None:
    """The records say what the pages say, with the pages' own messages: each is in the catalog template."""
    with (ROOT / "locales" / "site.pot").open("rb") as template:
        catalog = read_po(template)
    ids = {part for message in catalog for part in (message.id if isinstance(message.id, tuple) else (message.id,))}
    assert set(search.MESSAGES) <= ids, set(search.MESSAGES) - ids


def test_the_reservations_page_holds_the_note_as_adopted(site: Path) -> None:
    page = fragment(site, "fr", f"/fr/{SLUG}/reservations/")
    assert (
        page["meta"]["title"] == "Réserves et positions des États · Migrations, développement et traite des personnes"
    )
    assert "Plusieurs délégations ont pris la parole pour exprimer leurs réserves" in page["content"]


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


def test_paragraph_record_keeps_the_sub_paragraphs_and_the_notes(tmp_path: Path) -> None:
    """A UN text with lettered sub-paragraphs and a footnote: what its paragraph pages show is indexed."""
    folder = tmp_path / "unga-80-1"
    folder.mkdir()
    (folder / "text.txt").write_bytes((CORPUS / "un-ga-A_RES_80_1-en.rawpdf.txt").read_bytes())
    (folder / "resolution.yml").write_text(
        "slug: unga-80-1\nbody: United Nations General Assembly\nsession: 80th session\nplace: New York\n"
        "adopted: 2025-09-19\nadoption: without a vote\nsource_language: en\n",
        "utf-8",
    )
    resolution = load_resolution(folder)
    edition = Edition(resolution, Translation("en", "en", None, None))
    op1 = search.paragraph_record(edition, resolution.paragraph("op1"), "/")
    assert op1.url == "/unga-80-1/op1/" and op1.ids == ("op1", "op1-a", "op1-b", "op1-c")
    assert op1.title.startswith("Operative paragraph 1 · ")
    assert re.search(r"\(a\) The State of Palestine may submit a pre-?recorded statement", op1.content), op1.content
    assert "(b) The State of Palestine may deliver" in op1.content
    pp1 = search.paragraph_record(edition, resolution.paragraph("pp1"), "/")
    assert "[^1]" not in pp1.content and "Headquarters of the United Nations are prevented" in pp1.content
    assert pp1.content.endswith(" See resolution 169 (II).")
    assert pp1.excerpt().endswith(" …") and len(pp1.excerpt().split()) == search.EXCERPT_WORDS + 1


def test_paragraph_records_hold_what_the_paragraph_pages_show(site: Path) -> None:
    """The records are made from the model, not read back from the pages: they must still say the same."""
    for lang in ("en", "fr"):
        for page in fragments(site, lang):
            if page["meta"]["kind"] != "paragraph":
                continue
            html = (site / page["url"].strip("/") / "index.html").read_text("utf-8")
            body = re.search(r'<div class="rp-body"[^>]*>(.*?)</div>', html, re.S).group(1)
            body = re.sub(r'<p class="rp-fallback".*?</p>', "", body)
            blocks = re.sub(r"<(?:p|li|ol)\b[^>]*>", " ", body)
            shown = " ".join(unescape(re.sub(r"<[^>]+>", "", blocks)).split())
            indexed = " ".join(page["content"].split())
            assert indexed.startswith(shown), f"{page['url']}:\n{shown}\n{indexed}"


def test_references_have_one_small_file_per_paragraph(site: Path) -> None:
    for lang in LANGUAGES:
        data = json.loads((site / search.BUNDLE / search.DATA_FOLDER / f"{lang}.json").read_text("utf-8"))
        assert data["references"] == [list(p) for p in references.patterns(lang)]
        assert data["groups"] == {"reference": 1, "number": 2, "subparagraphs": 3}
        assert "op5" in data["paragraphs"] and "pp21" in data["paragraphs"]
        entries = json.loads((site / search.BUNDLE / search.DATA_FOLDER / lang / "op5.json").read_text("utf-8"))
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


def test_the_search_partial_is_materials_own_but_for_the_dialog_name() -> None:
    """overrides/partials/search.html copies material's partial to name the dialog: a material update
    that changes the partial must be carried over, not hidden by the copy."""
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text("utf-8")
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text("utf-8")
    strip = lambda text: text.split("-#}\n", 1)[1]  # noqa: E731 (each file's own comment)
    dialog = '<div class="md-search" data-md-component="search" role="dialog"'
    named = f"{dialog} aria-label=\"{{{{ lang.t('search.placeholder') }}}}\">"
    assert strip(ours) == strip(theirs).replace(f"{dialog}>", named)


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


def test_the_config_block_is_materials_own_but_for_the_worker() -> None:
    """overrides/main.html writes material's config block itself, to name respub's worker: the rest of the
    block must stay material's, so that a material update that changes it is carried over."""
    theirs = (Path(material.__file__).parent / "templates" / "base.html").read_text("utf-8")
    ours = (ROOT / "overrides" / "main.html").read_text("utf-8")
    block = re.compile(r"\{% block config %\}(.*?)\{% endblock %\}", re.S)
    material_block, our_block = block.search(theirs).group(1), block.search(ours).group(1)
    material_worker = re.search(r'"search": "[^"]+" \| url,', material_block).group(0)
    without_worker = re.sub(r"\n *\{%- set _.worker.*?(?=\n *<script id=\"__config\")", "", our_block, flags=re.S)
    without_worker = without_worker.replace('"search": _.worker,', material_worker)
    without_worker = without_worker.replace(' | tojson | replace("\\\\u0026", "&") -}}', " | tojson -}}")
    assert without_worker == material_block


def test_index_is_reproducible(model: Site, tmp_path: Path) -> None:
    records = list(search.records(model))
    for run in ("a", "b"):
        search.write_bundle(records, tmp_path / run)
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
    reference = references.resolve(query, lang)
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
    grammars = {lang: references.grammar(lang) for lang in LANGUAGES}
    data.write_text(json.dumps({"cases": cases, "patterns": grammars}, ensure_ascii=False), "utf-8")
    result = subprocess.run([node, str(script), str(WORKER), str(data)], capture_output=True, text=True, check=True)
    javascript = json.loads(result.stdout)
    for (lang, query, _, _), js in zip(REFERENCES, javascript, strict=True):
        python = references.resolve(query, lang)
        expected = None if python is None else {"id": python.id, "page": python.page, "rest": python.rest}
        assert js == expected, f"{lang} {query!r}: JavaScript {js}, Python {expected}"


def test_normalize_folds_accents_arabic_marks_and_digits() -> None:
    assert references.normalize("Alinéa 21 du Préambule") == "alinea 21 du preambule"
    assert references.normalize("الفقرة ٥") == "الفقرة 5"
    assert references.normalize("إِلْغَاء") == "الغاء"


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

    def paste(self, path: str, text: str) -> dict:
        return self.run(lambda page: self._paste(page, path, text))

    def _paste(self, page, path: str, text: str) -> dict:
        """Paste `text` into the search box (no key pressed), then scroll the results to their end (material
        shows ten, then four more each time the list is scrolled to its end); the count material shows and
        every result's address."""
        page.goto(self.origin + path)
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_timeout(200)  # material reads the box when it gets the focus: that is over
        box.evaluate(
            "(box, text) => { box.value = text;"
            " box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: text})) }",
            text,
        )
        try:
            page.wait_for_function("() => document.querySelector('.md-search-result__list').children.length > 0")
        except Exception as error:
            raise AssertionError(
                f"pasting {text!r} on {path} shows no result; JavaScript errors: {self.errors}"
            ) from error
        items = "items => items.length"
        shown, still = 0, 0
        while still < 10:  # until ten scrolls show nothing more
            # material renders four more each time the list *reaches* its end: leave the end, then go back
            page.eval_on_selector(".md-search__scrollwrap", "wrap => wrap.scrollTo(0, 0)")
            page.wait_for_timeout(50)
            page.eval_on_selector(".md-search__scrollwrap", "wrap => wrap.scrollTo(0, wrap.scrollHeight)")
            page.wait_for_timeout(100)
            now = page.eval_on_selector_all(".md-search-result__item", items)
            shown, still = now, (still + 1 if now == shown else 0)
        assert not self.errors, self.errors
        return {
            "count": page.text_content(".md-search-result__meta"),
            "hrefs": page.eval_on_selector_all(
                ".md-search-result__item > a:first-child", "links => links.map(a => a.getAttribute('href'))"
            ),
        }


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


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("en", "Qatar", f"/{SLUG}/reservations/#qa"),
        ("en", "Hungary", f"/{SLUG}/reservations/#hu"),
        ("fr", "Hongrie", f"/fr/{SLUG}/reservations/#hu"),
        ("es", "Federación de Rusia", f"/es/{SLUG}/reservations/#ru"),
    ],
)
def test_a_state_leads_to_its_reservation(searcher: Searcher, lang: str, query: str, expected: str) -> None:
    found = paths(searcher.query(home(lang), query))
    assert found[0] == expected, found


def test_a_state_finds_the_paragraph_it_reserved_on(searcher: Searcher) -> None:
    found = paths(searcher.query("/", "Qatar"))
    assert f"/{SLUG}/op5/" in found, found


@pytest.mark.parametrize(("lang", "query"), [("en", "Kigali"), ("fr", "Kigali"), ("en", "2022"), ("ar", "كيغالي")])
def test_the_place_and_date_of_adoption_find_the_resolution(searcher: Searcher, lang: str, query: str) -> None:
    found = paths(searcher.query(home(lang), query))
    assert url(lang, f"{SLUG}/") in found, found


def test_a_french_reader_finds_the_reservations(searcher: Searcher) -> None:
    found = paths(searcher.query("/fr/", "réserve"))
    on_the_page = [path for path in found if path.startswith(f"/fr/{SLUG}/reservations/")]
    assert on_the_page, found
    assert all(path.startswith("/fr/") for path in found), found


def test_a_pasted_query_searches_and_the_count_is_true(searcher: Searcher) -> None:
    """No key pressed (a paste with the mouse): the results come; material says how many, and there are
    that many: more than the twenty the worker used to stop at."""
    result = searcher.paste("/", "migration")
    count = re.search(r"\d+", result["count"] or "")
    assert count, result["count"]
    assert int(count.group()) == len(result["hrefs"]), result
    assert len(result["hrefs"]) > 20, len(result["hrefs"])
    assert len(set(result["hrefs"])) == len(result["hrefs"]), "each result once"
