"""Material's own search against Pagefind, on the same built site and the same queries, in a real browser.

    .venv/bin/python scripts/search_compare.py                 # builds, compares, prints a table
    .venv/bin/python scripts/search_compare.py --markdown      # the same table in Markdown (for SEARCH.md)
    .venv/bin/python scripts/search_compare.py --scale 20      # also: 20 more copies of every paragraph page

How: the site is built once with mkdocs, without respub's search step, and its pages are pointed back at
material's own search worker (respub's theme override names respub's worker in every page's config): that
is material's search as it ships (its plugin's `search_index.json` and its lunr worker). A copy of that same
site, pages as built, then gets the bundle of `respub.publish.search.write_bundle` (made from the site's
model, as the mkdocs hook makes it): the Pagefind variant. Both are served on
127.0.0.1 and driven in Debian's chromium (/usr/bin/chromium, through Playwright): a fresh browser
profile per query opens the language's home page, types the query into material's search box and reads
the result list, exactly as a reader would. "bytes" counts what the search needed, from the page load
to the results: material's index, worker and lunr files, or Pagefind's files and respub's worker
(raw as served, and gzip as a host would compress them; Pagefind's index files are already compressed).

`--scale N` adds N copies of every paragraph page under other slugs (thousands of pages), rebuilds
both indexes (material's by copying its entries, Pagefind's by copying the paragraph records) and
measures what the first query transfers then.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from respub.publish import search  # noqa: E402
from respub.publish.localserve import serve  # noqa: E402
from respub.publish.site import Project, Site, load_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LANGUAGES = ("en", "fr", "es", "ar")
DEFAULT = "en"
FOLDERS = {lang: "" if lang == DEFAULT else lang for lang in LANGUAGES}
RESPUB_WORKER = re.compile(r'("search": ")([^"]*?)assets/respub-search\.js\?[^"]*(")')
SEARCH_PATHS = (  # what search downloads, for either engine
    "/search/",
    "/pagefind/",
    "/assets/javascripts/workers/",
    "/assets/javascripts/lunr/",
    "/assets/respub-search",
)
TOP = 10  # what a reader sees first: material shows ten results, then more on scroll


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    expected: str  # a page path ("/fr/ipu-145-migration/op5/") or "word:<form>" (any paragraph with that form)
    what: str  # "word form", "reference", "instrument"


def queries(slug: str) -> list[Query]:
    def page(lang: str, path: str) -> str:
        return f"/{path}" if lang == DEFAULT else f"/{lang}/{path}"

    return [
        Query("fr", "réfugié", "word:réfugiés", "word form"),
        Query("fr", "nationaux", "word:nationales", "word form"),
        Query("fr", "migrante", "word:migrantes", "word form"),
        Query("es", "migrante", "word:migrantes", "word form"),
        Query("ar", "مهاجر", "word:المهاجرين", "word form"),
        Query("en", "policy", "word:policies", "word form"),
        Query("en", "op5", page("en", f"{slug}/op5/"), "reference"),
        Query("en", "OP 5", page("en", f"{slug}/op5/"), "reference"),
        Query("en", "operative paragraph 5", page("en", f"{slug}/op5/"), "reference"),
        Query("en", "PP21", page("en", f"{slug}/pp21/"), "reference"),
        Query("fr", "paragraphe 5 du dispositif", page("fr", f"{slug}/op5/"), "reference"),
        Query("fr", "alinéa 21 du préambule", page("fr", f"{slug}/pp21/"), "reference"),
        Query("es", "párrafo 5 de la parte dispositiva", page("es", f"{slug}/op5/"), "reference"),
        Query("ar", "الفقرة 5 من المنطوق", page("ar", f"{slug}/op5/"), "reference"),
        Query(
            "en", "Global Compact for Safe, Orderly and Regular Migration", page("en", "instruments/gcm/"), "instrument"
        ),
        Query("fr", "Pacte mondial sur les migrations", page("fr", "instruments/gcm/"), "instrument"),
        Query(
            "es",
            "Convención sobre el Estatuto de los Refugiados",
            page("es", "instruments/refugee-convention-1951/"),
            "instrument",
        ),
        Query("ar", "ميثاق الأمم المتحدة", page("ar", "instruments/un-charter/"), "instrument"),
    ]


# ---------------------------------------------------------------------------------------------
# The two sites


def build_material_site(destination: Path) -> None:
    """mkdocs build --strict, in this process, with respub's search step left out: material's search."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    original = search.bundle_files, search.stub_material_index
    search.bundle_files = lambda records: {}  # respub.publish.beside makes the bundle with these two
    search.stub_material_index = lambda site_dir: None
    try:
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(destination), strict=True)
        build(config)
    finally:
        search.bundle_files, search.stub_material_index = original


def use_material_worker(site: Path) -> None:
    """Point every page's config back at material's own search worker (in the build's assets)."""
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    for page in site.rglob("*.html"):
        text = page.read_text("utf-8")
        page.write_text(RESPUB_WORKER.sub(rf"\g<1>\g<2>assets/javascripts/workers/{worker}\g<3>", text), "utf-8")


def model() -> Site:
    return load_site(Project(ROOT, ROOT / "docs", ROOT / "locales", LANGUAGES))


def pagefind_site(material: Path, destination: Path, records: list[search.Record]) -> int:
    """A copy of the built site (its pages still on respub's worker) with the search bundle of `records`."""
    shutil.copytree(material, destination)
    count = search.write_bundle(records, destination / search.BUNDLE)
    search.stub_material_index(destination)
    return count


def scaled_records(records: list[search.Record], copies: int, slug: str) -> list[search.Record]:
    """The records, and `copies` copies of every paragraph record under other slugs (as `scale` copies pages)."""
    extra = [
        replace(record, url=record.url.replace(f"/{slug}/", f"/{slug}-copy{n}/"), resolution=f"{slug}-copy{n}")
        for n in range(1, copies + 1)
        for record in records
        if record.kind == search.PARAGRAPH and record.resolution == slug
    ]
    return records + extra


def find_slug(site: Path) -> str:
    return sorted(p.parent.parent.name for p in site.glob("*/op5/index.html"))[0]


def word_pages(records: list[search.Record], lang: str, form: str) -> set[str]:
    """The paragraph pages of a language whose text has `form` as a whole word."""
    pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)", re.IGNORECASE)
    return {r.url for r in records if r.language == lang and r.kind == "paragraph" and pattern.search(r.lead)}


def scale(site: Path, copies: int, slug: str) -> None:
    """Add `copies` copies of every paragraph page (every language) under other slugs, and to material's index."""
    folders = FOLDERS
    index_path = site / search.MATERIAL_INDEX
    index = json.loads(index_path.read_text("utf-8")) if index_path.exists() else None
    extra = []
    for n in range(1, copies + 1):
        other = f"{slug}-copy{n}"
        for folder in folders.values():
            source = (site / folder / slug) if folder else site / slug
            target = source.parent / other
            for page in source.glob("*/index.html"):
                (target / page.parent.name).mkdir(parents=True, exist_ok=True)
                shutil.copy2(page, target / page.parent.name / "index.html")
        if index is not None:
            for doc in index["docs"]:
                if f"{slug}/" in doc["location"] and re.search(r"/(?:op|pp)\d+/", doc["location"]):
                    extra.append(dict(doc, location=doc["location"].replace(f"{slug}/", f"{other}/")))
    if index is not None:
        index["docs"].extend(extra)
        index_path.write_text(json.dumps(index, ensure_ascii=False), "utf-8")


# ---------------------------------------------------------------------------------------------
# Serving and querying


@dataclass
class Outcome:
    results: list[str]  # result page paths, in order
    count: str  # material's "N matching documents" line
    raw: int  # bytes the search transferred, as served
    gz: int  # the same, gzip-compressed where that makes it smaller
    files: int
    page_load_raw: int  # of which before any query (at page load)
    seconds: float  # from the last keystroke to the first results on screen


def run_query(browser, origin: str, lang: str, text: str, settle: float = 0.4) -> Outcome:
    """A fresh profile opens the language's home page, types `text` into the search box, reads the results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    finished: list = []
    context.on("requestfinished", lambda request: finished.append(request))
    page = context.new_page()
    home = "/" if lang == DEFAULT else f"/{lang}/"
    page.goto(origin + home)
    page.wait_for_load_state("networkidle")
    at_load = len(finished)
    start = time.monotonic()
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(text)
    box.press("End")  # material reads the query on keyup
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__list').children.length > 0"
        " || /\\d|^No|^Aucun|^Ningún|^لا/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=60000,
    )
    seconds = time.monotonic() - start  # until the first results show
    page.wait_for_load_state("networkidle")
    time.sleep(settle)
    hrefs: list[str] = []
    for _ in range(50):  # material renders ten results, then more as the list is scrolled
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item > a:first-child", "els => els.map(e => e.getAttribute('href'))"
        )
        page.eval_on_selector(".md-search__scrollwrap", "e => e.scrollTo(0, e.scrollHeight)")
        page.wait_for_timeout(100)
        if len(hrefs) == page.eval_on_selector_all(".md-search-result__item", "els => els.length"):
            break
    count = page.text_content(".md-search-result__meta") or ""
    raw = gz = files = load_raw = 0
    for i, request in enumerate(finished):
        path = urlsplit(request.url).path
        if not any(part in path for part in SEARCH_PATHS):
            continue
        response = request.response()
        body = response.body() if response else b""
        files += 1
        raw += len(body)
        gz += min(len(body), len(gzip.compress(body, 6)))
        if i < at_load:
            load_raw += len(body)
    context.close()
    results = [urlsplit(href).path for href in hrefs]
    return Outcome(results, " ".join(count.split()), raw, gz, files, load_raw, seconds)


def language_of(path: str) -> str:
    first = path.strip("/").split("/")[0]
    return first if first in LANGUAGES else DEFAULT


# ---------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = ""
    with contextlib.suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "")
    system = f"{platform.system()} {platform.release()}"
    return f"{system}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    parser.add_argument("--scale", type=int, default=0, help="also measure with N copies of every paragraph page")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    work = args.keep or Path(tempfile.mkdtemp(prefix="search-compare-"))
    material, pagefind = work / "material", work / "pagefind"
    shutil.rmtree(material, ignore_errors=True)
    shutil.rmtree(pagefind, ignore_errors=True)
    t = time.monotonic()
    build_material_site(material)
    build_seconds = time.monotonic() - t
    t = time.monotonic()
    all_records = list(search.records(model()))
    records = pagefind_site(material, pagefind, all_records)
    index_seconds = time.monotonic() - t
    use_material_worker(material)
    slug = find_slug(material)
    pages = sum(1 for _ in material.rglob("index.html"))

    rows = []
    with sync_playwright() as playwright, serve(material) as material_origin, serve(pagefind) as pagefind_origin:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        version = browser.version
        for query in queries(slug):
            if query.expected.startswith("word:"):
                expected = word_pages(all_records, query.lang, query.expected[5:])
            else:
                expected = {query.expected}
            for engine, origin in (("material", material_origin), ("pagefind", pagefind_origin)):
                outcome = run_query(browser, origin, query.lang, query.text)
                rank = next((i + 1 for i, path in enumerate(outcome.results) if path in expected), None)
                foreign = sum(1 for path in outcome.results[:TOP] if language_of(path) != query.lang)
                rows.append((query, engine, rank, foreign, outcome))
        scaled = []
        if args.scale:
            big_material, big_pagefind = work / "material-scaled", work / "pagefind-scaled"
            shutil.rmtree(big_material, ignore_errors=True)
            shutil.rmtree(big_pagefind, ignore_errors=True)
            shutil.copytree(material, big_material)
            scale(big_material, args.scale, slug)
            shutil.copytree(pagefind, big_pagefind)  # its pages on respub's worker
            scale(big_pagefind, args.scale, slug)
            big_records = search.write_bundle(
                scaled_records(all_records, args.scale, slug), big_pagefind / search.BUNDLE
            )
            big_pages = sum(1 for _ in big_material.rglob("index.html"))
            for query in (Query("fr", "nationaux", "", ""), Query("fr", "paragraphe 5 du dispositif", "", "")):
                with serve(big_material) as m, serve(big_pagefind) as p:
                    for engine, origin in (("material", m), ("pagefind", p)):
                        outcome = run_query(browser, origin, query.lang, query.text, settle=1.0)
                        scaled.append((query, engine, outcome))
        browser.close()

    today = dt.date.today().isoformat()
    print(f"Search comparison, {today}, {machine()}, Chromium {version}")
    print(
        f"Site: {pages} pages ({slug}, {', '.join(LANGUAGES)}); mkdocs build {build_seconds:.1f} s; "
        f"Pagefind step {index_seconds:.1f} s ({records} records)"
    )
    header = (
        "query",
        "lang",
        "engine",
        "found",
        "rank",
        "other languages in top 10",
        "results",
        "first query KiB raw",
        "KiB gzip",
        "files",
        "of which at page load KiB",
    )
    table = []
    for query, engine, rank, foreign, outcome in rows:
        found = "yes" if rank else "no"
        table.append(
            (
                query.text,
                query.lang,
                engine,
                found,
                str(rank or "-"),
                str(foreign),
                outcome.count,
                kb(outcome.raw),
                kb(outcome.gz),
                str(outcome.files),
                kb(outcome.page_load_raw),
            )
        )
    print_table(header, table, args.markdown)
    if args.scale:
        print()
        print(f"Scaled: {args.scale} more copies of every paragraph page: {big_pages} pages, {big_records} records")
        header = (
            "query",
            "lang",
            "engine",
            "results",
            "first query KiB raw",
            "KiB gzip",
            "files",
            "of which at page load KiB",
            "seconds to results",
        )
        table = [
            (
                q.text,
                q.lang,
                engine,
                o.count,
                kb(o.raw),
                kb(o.gz),
                str(o.files),
                kb(o.page_load_raw),
                f"{o.seconds:.1f}",
            )
            for q, engine, o in scaled
        ]
        print_table(header, table, args.markdown)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]], markdown: bool) -> None:
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            print("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
