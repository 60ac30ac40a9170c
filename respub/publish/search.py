"""Search in every language: one Pagefind index per language, and references that lead straight to a paragraph.

Material's own search, under mkdocs-static-i18n, writes one index for every language, does no stemming,
and every page view downloads all of it (SEARCH.md has the measurements). This module replaces its
engine and keeps its interface (the search box in the header, results as you type, the keyboard):

- `records` reads the built site: one record per paragraph page (`/<slug>/op5/`: the paragraph's text,
  labelled "Operative paragraph 5 · <short title>") and per instrument page (its names in that
  language); the full text, the home and status pages stay out, so that a result is a paragraph.
- `write_index` gives them to Pagefind (PyPI `pagefind[bin]`), which writes `pagefind/` with an index
  per language, stemmed in that language, split in fragments: a query loads only the parts it needs.
- `REFERENCES` are the ways a reader cites a paragraph ("op5", "paragraphe 5 du dispositif",
  "الفقرة 5 من المنطوق"), as data; `resolve` applies them. The worker in the browser
  (overrides/assets/respub-search.js) applies the same data, written to `pagefind/respub/<lang>.json`,
  and reads the paragraph from `pagefind/respub/<lang>/<id>.json` (`write_references`).
- `adapt_pages` points material at that worker (the `__config` of each page names material's search
  worker) and `stub_material_index` empties material's own index, which every page would otherwise
  download.

`publish_search` does all of it; the mkdocs hook calls it once, after the last language is built.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import lxml.html

from respub.registry.instruments import Registry

BUNDLE = "pagefind"  # the Pagefind bundle's folder, at the site root
REFERENCES_FOLDER = "respub"  # <bundle>/respub/<lang>.json (worker_data), <bundle>/respub/<lang>/<id>.json
EXCERPT_WORDS = 24
WORKER = "assets/respub-search.js"  # overrides/assets/respub-search.js, copied by mkdocs
MATERIAL_INDEX = Path("search") / "search_index.json"

_PARAGRAPH_PAGE = re.compile(r"^(?:pp|op)\d+$")
_SUB_ID = re.compile(r"^(?:pp|op)\d+(?:-[a-z]+)+$")
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_SITE_NAME = re.compile(r'<div class="md-header__topic">\s*<span class="md-ellipsis">(.*?)</span>', re.S)
_HTML_LANG = re.compile(r"<html[^>]*\slang=\"([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\"")
_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")>')
_SEARCH_BOX_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="([^"]*)"')
_MATERIAL_WORKER = re.compile(r'("search": ")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js(")')

# ---------------------------------------------------------------------------------------------
# References: how readers cite a paragraph, per language, as data
#
# Each pattern is matched against the normalized query (`normalize`: lowercase, accents and Arabic
# vowel marks removed, Arabic-Indic digits as ASCII). `{n}` stands for the paragraph number and its
# optional sub-paragraphs: "5", "3 (a)", "3(a)(ii)", "3-a". Patterns are tried in order, first the
# language's own, then the English ones, then the abbreviations every language uses; the first match
# wins, so a specific form ("paragraph 21 of the preamble") comes before a general one ("paragraph 5").
# They are written in the subset of regular expressions that Python and JavaScript read alike.

NUMBER = r"([0-9]{1,4})((?:\s*\(\s*[a-z]{1,5}\s*\)|-[a-z]{1,5})*)"
START = r"(?:^|\s)"
END = r"(?=$|[\s,;:.!?])"

REFERENCES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("pp", r"preambular\s+(?:paragraph|para\.?|par\.?)\s*{n}"),
        ("pp", r"(?:paragraph|para\.?|par\.?)\s*{n}\s+of\s+the\s+preamble"),
        ("op", r"operative\s+(?:paragraph|para\.?|par\.?)\s*{n}"),
        ("op", r"(?:paragraph|para\.?|par\.?)\s*{n}\s+of\s+the\s+operative\s+part"),
        ("op", r"(?:paragraph|para\.?|§)\s*{n}"),
    ),
    "fr": (
        ("pp", r"(?:alinea|paragraphe)\s*{n}\s+du\s+preambule"),
        ("pp", r"(?:alinea|paragraphe)\s+(?:du\s+)?preambul(?:e|aire)\s*{n}"),
        ("pp", r"alinea\s*{n}"),
        ("op", r"paragraphe\s*{n}\s+du\s+dispositif"),
        ("op", r"paragraphe\s+(?:du\s+)?dispositif\s*{n}"),
        ("op", r"(?:paragraphe|§)\s*{n}"),
    ),
    "es": (
        ("pp", r"(?:parrafo|apartado)\s*{n}\s+del\s+preambulo"),
        ("pp", r"(?:parrafo|apartado)\s+(?:del\s+)?preambul(?:o|ar)\s*{n}"),
        ("op", r"(?:parrafo|apartado)\s*{n}\s+de\s+la\s+parte\s+dispositiva"),
        ("op", r"(?:parrafo|apartado)\s+dispositivo\s*{n}"),
        ("op", r"(?:parrafo|§)\s*{n}"),
    ),
    "ar": (
        ("pp", r"(?:ال)?فقر[ةه]\s*{n}\s+من\s+(?:ال)?ديباج[ةه]"),
        ("pp", r"(?:ال)?فقر[ةه]\s+(?:من\s+)?(?:ال)?ديباج[ةه]\s*{n}"),
        ("op", r"(?:ال)?فقر[ةه]\s*{n}\s+من\s+(?:ال)?منطوق"),
        ("op", r"(?:ال)?فقر[ةه]\s*{n}"),
    ),
    # The paragraph ids themselves, as every language's readers write them: op5, OP 5, pp21, op3(a).
    "*": (
        ("pp", r"pp\s*[.-]?\s*{n}"),
        ("op", r"op\s*[.-]?\s*{n}"),
    ),
}

_ARABIC_INDIC = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")} | {
    ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")
}
_TATWEEL = "\u0640"


def _fold(char: str) -> str:
    """One character as the patterns see it (the worker's `fold` does the same)."""
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M") and c != _TATWEEL)
    return kept.lower().translate(_ARABIC_INDIC)


def normalize(query: str) -> str:
    return "".join(_fold(c) for c in query)


def patterns(lang: str) -> list[tuple[str, str]]:
    """The expanded patterns for a language: its own, then English, then the ids."""
    languages = [lang] + (["en"] if lang != "en" else []) + ["*"]
    out = []
    for language in languages:
        for kind, template in REFERENCES.get(language, ()):
            out.append((kind, START + "(" + template.replace("{n}", NUMBER) + ")" + END))
    return out


@dataclass(frozen=True)
class Reference:
    """A paragraph named in a query: `id` is its anchor ("op3-a"), `page` its page ("op3")."""

    id: str
    page: str
    rest: str  # the query without the reference, as typed: more words to look for in that paragraph


def resolve(query: str, lang: str) -> Reference | None:
    """The paragraph a query names ("op5", "paragraphe 5 du dispositif"), or None."""
    folded, origin = [], []
    for index, char in enumerate(query):
        for c in _fold(char):
            folded.append(c)
            origin.append(index)
    text = "".join(folded)
    for kind, pattern in patterns(lang):
        match = re.search(pattern, text)
        if not match:
            continue
        number = int(match.group(2))
        subs = re.findall(r"[a-z]+", match.group(3))
        page = f"{kind}{number}"
        start, end = match.start(1), match.end(1)
        original_start = origin[start]
        original_end = origin[end] if end < len(origin) else len(query)
        rest = " ".join((query[:original_start] + " " + query[original_end:]).split())
        return Reference("-".join([page, *subs]), page, rest)
    return None


def worker_data(lang: str, records: Iterable[Record] = ()) -> dict:
    """What the browser's worker reads first, for one language: its patterns, and which paragraph ids exist."""
    ids = {record.ids[0] for record in records if record.kind == "paragraph" and record.language == lang}
    return {"references": [list(p) for p in patterns(lang)], "paragraphs": sorted(ids, key=_id_order)}


def _id_order(paragraph_id: str) -> tuple[str, int]:
    return paragraph_id[:2], int(paragraph_id[2:])


# ---------------------------------------------------------------------------------------------
# Records: what is indexed, read from the built site


@dataclass(frozen=True)
class Record:
    """One result-to-be: a paragraph page or an instrument page, as it is indexed."""

    url: str  # site-relative, with a leading slash: "/fr/ipu-145-migration/op5/"
    language: str
    kind: str  # "paragraph" or "instrument"
    title: str  # the label shown in the results: "Operative paragraph 5 · <short title>"
    content: str  # what is searched: paragraphs separated by newlines
    ids: tuple[str, ...] = ()  # a paragraph's id, then its sub-paragraphs' ("op3", "op3-a")
    resolution: str = ""  # a paragraph's resolution (its slug)
    names: tuple[str, ...] = ()  # an instrument's names in the page language (and in English)

    def excerpt(self, words: int = EXCERPT_WORDS) -> str:
        text = " ".join(self.content.split())
        cut = text.split(" ")[:words]
        return " ".join(cut) + (" …" if len(cut) < len(text.split(" ")) else "")


def language_folders(languages: Iterable[str], default_language: str) -> dict[str, str]:
    """language -> its folder under the site ("" for the default language, at the root)."""
    return {lang: "" if lang == default_language else lang for lang in languages}


_BLOCKS = {"p", "div", "li", "ol", "ul", "dl", "dt", "dd", "br", "blockquote", "h1", "h2", "h3", "aside", "section"}


def _text(element) -> str:
    """An element's text, words separated where blocks meet ("(a) text" "(b) text"), inline markup joined."""
    for block in element.iter(*_BLOCKS):
        block.tail = " " + (block.tail or "")
        block.text = " " + (block.text or "")
    return " ".join("".join(element.itertext()).split())


def _class(name: str) -> str:
    """An XPath test for an element having class `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _title(page: str, site_name: str = "") -> str:
    """The page's `<title>` without the site's name: "Operative paragraph 5 · <short title>".

    main.html writes it as "<label> · <short title> - <site name>"; the site's name is the one in the
    page's header when `site_name` is not given.
    """
    match = _TITLE.search(page)
    title = " ".join(html.unescape(match.group(1)).split()) if match else ""
    if not site_name:
        header = _SITE_NAME.search(page)
        site_name = " ".join(html.unescape(header.group(1)).split()) if header else ""
    suffix = f" - {site_name}"
    return title[: -len(suffix)] if site_name and title.endswith(suffix) else title


def _article(page: str) -> lxml.html.HtmlElement:
    """The page's content (material's `<article>`), parsed; the rest of the page is never indexed."""
    start, end = page.find("<article"), page.find("</article>")
    return lxml.html.fragment_fromstring(
        page[start : end + len("</article>")] if 0 <= start < end else page, create_parent="div"
    )


def paragraph_record(page: str, url: str, lang: str, site_name: str = "") -> Record | None:
    """The record of a paragraph page: the paragraph's text (sub-paragraphs and notes included), labelled.

    Only the text is indexed (`.rp-body` and the page's notes): not the page's header, the citation
    tools, the reservations or the links to other paragraphs, which every page repeats.
    """
    article = _article(page)
    found = article.xpath(f".//div[{_class('rp-para')}]")
    if not found:
        return None
    paragraph = found[0]
    for element in paragraph.xpath(f".//*[{_class('rp-fallback')}]"):
        element.drop_tree()
    parts = [_text(body) for body in paragraph.xpath(f".//*[{_class('rp-body')}]")]
    parts += [_text(notes) for notes in article.xpath(f".//ol[{_class('rp-footnotes')}]")]
    ids = [paragraph.get("id", "")] + [i for i in paragraph.xpath(".//@id") if _SUB_ID.match(i)]
    slug = url.strip("/").split("/")[-2]
    content = "\n".join(p for p in parts if p)
    return Record(url, lang, "paragraph", _title(page, site_name), content, tuple(ids), slug)


def instrument_record(page: str, url: str, lang: str, names: Iterable[str] = ()) -> Record | None:
    """The record of an instrument page: its title in the page language, its English title, its other names.

    The names also go into the index's metadata ("names", separated by " | "): the worker puts the
    instrument first when the query names it (see `names` in overrides/assets/respub-search.js).
    """
    article = _article(page)
    heading = article.xpath(".//h1")
    if not heading:
        return None
    title = _text(heading[0])
    content = [title]
    content += [_text(dd) for dd in article.xpath(f".//dl[{_class('rp-facts')}]/dd[@lang='en']")]
    content += [name for name in names if name not in content]
    return Record(url, lang, "instrument", title, "\n".join(content), names=tuple(content))


def _instrument_names(registry: Registry | None, instrument_id: str, lang: str) -> list[str]:
    if registry is None:
        return []
    instrument = registry.get(instrument_id)
    if instrument is None:
        return []
    names = list(instrument.names(lang)) + list(instrument.short_names(lang))
    if lang != "en":
        names += list(instrument.names("en"))
    return names


def records(site: Path, folders: Mapping[str, str], registry: Registry | None = None) -> Iterator[Record]:
    """Every record of a built site, language by language, in a stable order."""
    others = {folder for folder in folders.values() if folder}
    for lang, folder in folders.items():
        base = site / folder if folder else site
        for html_file in sorted(base.glob("*/*/index.html")):
            parts = html_file.relative_to(base).parts
            if not folder and parts[0] in others:
                continue
            section, name = parts[0], parts[1]
            url = "/" + "/".join(p for p in (folder, section, name) if p) + "/"
            page = html_file.read_text("utf-8")
            if section == "instruments":
                record = instrument_record(page, url, lang, _instrument_names(registry, name, lang))
            elif _PARAGRAPH_PAGE.match(name):
                record = paragraph_record(page, url, lang)
            else:
                record = None
            if record is not None:
                yield record


# ---------------------------------------------------------------------------------------------
# Writing the index and pointing material at the worker


def record_page(record: Record) -> str:
    """A record as the small HTML page Pagefind indexes: its text, and its label and kind as metadata.

    No Pagefind filters: Pagefind 1.5.2 writes a filter's values in a different order on every run,
    and the build must be reproducible. References are looked up in respub's own files instead
    (`write_references`).
    """
    esc = html.escape
    meta = {"title": record.title, "kind": record.kind}
    if record.names:
        meta["names"] = " | ".join(record.names)
    tags = "".join(f'<span data-pagefind-meta="{esc(f"{key}:{value}")}"></span>' for key, value in sorted(meta.items()))
    paragraphs = "".join(f"<p>{esc(part)}</p>" for part in record.content.split("\n") if part)
    return (
        f'<!doctype html><html lang="{esc(record.language)}"><head><meta charset="utf-8"><title></title></head>'
        f"<body>{tags}{paragraphs}</body></html>\n"
    )


def write_references(records: Iterable[Record], output: Path) -> int:
    """`<output>/<lang>/<paragraph id>.json`: that paragraph in every resolution, for the worker's references.

    A reference ("op5") fetches one small file: its entries (one per resolution) carry the page's URL,
    label, first words and sub-paragraph ids. The number of files written.
    """
    by_file: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        if record.kind != "paragraph":
            continue
        entry = {
            "url": record.url,
            "title": record.title,
            "excerpt": record.excerpt(),
            "resolution": record.resolution,
            "ids": list(record.ids),
        }
        by_file.setdefault((record.language, record.ids[0]), []).append(entry)
    for (lang, paragraph_id), entries in sorted(by_file.items()):
        path = output / lang / f"{paragraph_id}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        entries.sort(key=lambda entry: (entry["resolution"], entry["url"]))
        path.write_text(json.dumps(entries, ensure_ascii=False, sort_keys=True), "utf-8")
    return len(by_file)


def write_index(records: Iterable[Record], site: Path) -> int:
    """Run Pagefind over the records; its bundle goes to `site/pagefind/`, with respub's files. The number of records.

    Each record becomes a small page in a scratch folder, at its URL, and the Pagefind binary (from the
    `pagefind[bin]` wheel) indexes that folder: one index per `<html lang>`. Two runs over the same
    records give the same files (the languages in `pagefind-entry.json` are put in order).
    """
    records = list(records)
    output = (site / BUNDLE).resolve()
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="respub-search-") as scratch:
        for record in records:
            page = Path(scratch, *record.url.strip("/").split("/"), "index.html")
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(record_page(record), "utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", scratch, "--output-path", str(output), "--quiet"]
        result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        if "No module named pagefind" in result.stderr:
            raise RuntimeError("Pagefind is not installed: pip install -r requirements.txt (or make site)")
        raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stdout}{result.stderr}".strip())
    for unused in ("pagefind-ui.*", "pagefind-*-ui.*", "pagefind-highlight.js"):
        for path in output.glob(unused):
            path.unlink()
    entry = output / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text("utf-8")), ensure_ascii=False, sort_keys=True), "utf-8")
    write_references(records, output / REFERENCES_FOLDER)
    for lang in sorted({record.language for record in records}):
        data = json.dumps(worker_data(lang, records), ensure_ascii=False, sort_keys=True)
        (output / REFERENCES_FOLDER / f"{lang}.json").write_text(data, "utf-8")
    return len(records)


def use_worker(page: str, resolution: str = "") -> str:
    """Point a page's material config (`<script id="__config">`) at respub's worker, in the page's language.

    The worker's address carries the language (`?lang=fr`) and, on a resolution's pages, its slug
    (`&in=<slug>`): "op5" then leads to that resolution's paragraph first.
    """
    lang = _HTML_LANG.search(page)
    config = _CONFIG.search(page)
    if not lang or not config:
        return page
    query = f"?lang={lang.group(1)}" + (f"&in={resolution}" if resolution else "")
    worker = f"\\g<1>\\g<2>{WORKER}{query}\\g<3>"
    text = _MATERIAL_WORKER.sub(worker, config.group(2), count=1)
    return page[: config.start(2)] + text + page[config.end(2) :]


def label_dialog(page: str) -> str:
    """Name material's search dialog after its search box ("Rechercher"): a dialog needs a name (axe's
    aria-dialog-name), and material 9.8.2 gives it none. Left alone if it has one."""
    dialog = _SEARCH_DIALOG.search(page)
    box = _SEARCH_BOX_LABEL.search(page)
    if not dialog or not box:
        return page
    return page[: dialog.end(1)] + f' aria-label="{box.group(1)}"' + page[dialog.end(1) :]


def adapt_pages(site: Path, folders: Mapping[str, str]) -> int:
    """`use_worker` and `label_dialog` on every page of the site; the number of pages changed."""
    languages = {folder for folder in folders.values() if folder}
    pages = sorted(site.rglob("*.html"))
    slugs = {page.parent.parent.name for page in pages if _PARAGRAPH_PAGE.match(page.parent.name)}
    changed = 0
    for html_file in pages:
        parts = html_file.relative_to(site).parts
        if parts[0] == BUNDLE:
            continue
        inside = parts[1:] if parts[0] in languages else parts
        resolution = inside[0] if len(inside) > 1 and inside[0] in slugs else ""
        page = html_file.read_text("utf-8")
        new = label_dialog(use_worker(page, resolution))
        if new != page:
            html_file.write_text(new, "utf-8")
            changed += 1
    return changed


def stub_material_index(site: Path) -> None:
    """Keep material's index settings (its on-page highlighting reads them), drop its documents."""
    path = site / MATERIAL_INDEX
    if path.is_file():
        index = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps({"config": index.get("config", {}), "docs": []}, sort_keys=True), "utf-8")


def publish_search(site: Path, languages: Iterable[str], default: str, registry: Registry | None = None) -> int:
    """Index the built site per language and point its pages at respub's worker; the number of records."""
    folders = language_folders(languages, default)
    count = write_index(records(site, folders, registry), site)
    adapt_pages(site, folders)
    stub_material_index(site)
    return count
