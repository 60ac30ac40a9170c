"""The build's shortcuts (respub.publish.speed): what they change in the site, and the engine internals
they rely on. If mkdocs, material or mkdocs-static-i18n change under a trick, a test here fails and
names it (FACTS.md says which versions each was measured on)."""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import mkdocs_static_i18n.folder
import mkdocs_static_i18n.plugin
import mkdocs_static_i18n.reconfigure
from bs4 import BeautifulSoup
from material.plugins.search.plugin import SearchIndex, SearchPlugin
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.nav import Link, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from respub.publish import parallel, prerendered, speed
from respub.publish.prerendered import toc_tokens
from respub.publish.site import Project, load_site, stage
from respub.publish.speed import FULL_TEXT_LINK, SharedEnvironment, share_environment, window, windowed_nav
from respub.render.edition import read_front_matter as front_matter
from tests.conftest import BUILD_ENV, ROOT, build_with, copy_project, read

SLUG = "ipu-145-migration"


def sidebar(site: Path, url: str) -> list[tuple[str, str]]:
    """(href, label) of every link in the page's primary navigation."""
    page = BeautifulSoup(read(site, url), "html.parser")
    return [(a["href"], a.get_text(" ", strip=True)) for a in page.select("nav.md-nav--primary a.md-nav__link[href]")]


# What a reader sees


def nav_page(src_uri: str, url: str) -> SimpleNamespace:
    return SimpleNamespace(is_page=True, is_section=False, file=SimpleNamespace(src_uri=src_uri), url=url, active=False)


def site_nav(count: int, current: int | None) -> SimpleNamespace:
    """Home, `count` resolutions (a section each: full text, then a part), Instruments, status."""
    sections = []
    for number in range(count):
        slug = f"res-{number:03d}"
        part = SimpleNamespace(is_section=True, is_page=False, children=[nav_page(f"en/{slug}/op1.md", f"{slug}/op1/")])
        part.active = False
        full_text = nav_page(f"en/{slug}/index.md", f"{slug}/")
        sections.append(
            SimpleNamespace(is_section=True, is_page=False, children=[full_text, part], active=number == current)
        )
    instruments = SimpleNamespace(
        is_section=True, is_page=False, active=False, children=[nav_page("en/instruments/index.md", "instruments/")]
    )
    items = [nav_page("en/index.md", ""), *sections, instruments, nav_page("en/status.md", "status/")]
    return SimpleNamespace(items=items)


def titles(nav: SimpleNamespace) -> list[str]:
    out = []
    for item in nav.items:
        if isinstance(item, Link):
            out.append(f"link {item.title} -> {item.url!r}")
        elif item.is_section:
            out.append(item.children[0].file.src_uri.split("/")[1])
        else:
            out.append(item.file.src_uri)
    return out


def test_many_resolutions_are_windowed_in_every_sidebar() -> None:
    """Every page listed every resolution (build time quadratic in resolutions): past 13, a page lists
    the first and last, five either side of its own, and a link to the home page, which lists them all."""
    slugs = frozenset(f"res-{n:03d}" for n in range(30))
    page = SimpleNamespace(parent=None)
    shown = titles(windowed_nav(site_nav(30, 20), page, "Read in the full text", Link, resolutions=slugs))
    expected = [f"res-{n:03d}" for n in (0, *range(15, 26), 29)]
    assert shown == ["en/index.md", *expected, "link All resolutions -> ''", "instruments", "en/status.md"]
    outside = titles(windowed_nav(site_nav(30, None), page, "x", Link, resolutions=slugs, home_title="Toutes"))
    assert outside[1:9] == [f"res-{n:03d}" for n in (0, 1, 2, 3, 4, 5, 29)] + ["link Toutes -> ''"]
    few = site_nav(13, 3)
    assert windowed_nav(few, page, "x", Link, resolutions=frozenset(f"res-{n:03d}" for n in range(13))) is few


def test_window_positions() -> None:
    assert window(31, 4) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 30]
    assert window(31, 19) == [0, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 30]
    assert window(31, 30) == [0, 25, 26, 27, 28, 29, 30]
    assert window(400, 200) == [0, *range(195, 206), 399]
    assert window(3, 1) == [0, 1, 2]


def test_paragraph_sidebar_lists_a_window_and_links_the_full_text(site: Path) -> None:
    links = sidebar(site, f"/{SLUG}/op20/")
    paragraphs = [href for href, _ in links if href.startswith("../op") or href == "./"]
    assert paragraphs == ["../op1/", *[f"../op{n}/" for n in range(15, 20)], "./"] + [
        f"../op{n}/" for n in (21, 22, 23, 24, 25, 31)
    ]
    last = links.index(("../op31/", "Operative paragraph 31"))
    assert links[last + 1] == ("../#op20", "Read in the full text")
    french = sidebar(site, f"/fr/{SLUG}/pp3/")
    last = [href for href, _ in french].index("../pp24/")
    assert french[last + 1] == ("../#pp3", "Lire dans le texte intégral")


def test_full_text_and_other_pages_keep_their_sidebar(site: Path) -> None:
    """Only a paragraph page's own part is windowed; a pruned part still shows as a link to its first
    paragraph."""
    for url in (f"/{SLUG}/", "/", f"/{SLUG}/reservations/", "/instruments/"):
        labels = [label for _, label in sidebar(site, url)]
        assert FULL_TEXT_LINK not in labels, url
    links = sidebar(site, f"/{SLUG}/")
    assert ("pp1/", "Preamble") in links and ("op1/", "Operative part") in links


def test_paragraph_page_size_does_not_depend_on_the_part_length(site: Path) -> None:
    """The window has at most 13 paragraphs whatever the part's length (31 operative, 24 preambular)."""
    for url, part in ((f"/{SLUG}/op5/", "../op"), (f"/{SLUG}/op16/", "../op"), (f"/{SLUG}/pp12/", "../pp")):
        paragraphs = [href for href, _ in sidebar(site, url) if href.startswith(part) or href == "./"]
        assert len(paragraphs) <= 13, url


def test_material_search_index_holds_no_page(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert index["docs"] == [] and index["config"]["lang"] == ["en", "fr", "es", "ar"]


def test_theme_assets_are_copied_once_at_the_root(site: Path) -> None:
    """mkdocs-static-i18n puts theme files at the site's root for every language: the later languages'
    copies were redundant, and no language has its own."""
    assert (site / "assets" / "javascripts").is_dir()
    for lang in ("fr", "es", "ar"):
        assert not (site / lang / "assets").exists()


def table_of_contents(site: Path, url: str) -> list[tuple[str, str]]:
    page = BeautifulSoup(read(site, url), "html.parser")
    return [(a["href"], a.get_text(" ", strip=True)) for a in page.select("nav.md-nav--secondary a.md-nav__link")]


def test_pages_keep_their_table_of_contents_without_markdown(site: Path) -> None:
    """The staged HTML skips Markdown (respub.publish.prerendered): the section headings still make the
    page's "On this page" list and its skip link, in every language; an aside's heading does not."""
    assert table_of_contents(site, f"{SLUG}/") == [
        ("#preamble", "Preamble"),
        ("#operative", "Operative part"),
        ("#note", "Reservations and positions of states"),
    ]
    assert table_of_contents(site, f"fr/{SLUG}/") == [
        ("#preamble", "Préambule"),
        ("#operative", "Dispositif"),
        ("#note", "Réserves et positions des États"),
    ]
    assert [href for href, _ in table_of_contents(site, "about/")][:6] == [
        "#publisher",
        "#texts",
        "#editions",
        "#cite",
        "#errors",
        "#licence",
    ]
    assert table_of_contents(site, f"{SLUG}/op5/") == []  # its one heading is the title; "cited" is an aside's
    skip = BeautifulSoup(read(site, "instruments/udhr/"), "html.parser").select_one("a.md-skip")
    assert skip["href"] == "#instrument"  # the skip link lands on the page's title, before the facts


def test_built_pages_hold_the_staged_html_and_no_markdown_syntax(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text("utf-8")
        assert "{ #" not in text and "\\-" not in text, path


def test_toc_tokens_nest_as_markdowns_toc_extension_does() -> None:
    body = (
        '<h1 id="title">A &amp; B</h1>\n\n<p>x</p>\n\n<h2 id="one">One</h2>\n'
        '<aside><h2 id="aside">Not a section</h2></aside>\n<h3 id="sub">Sub</h3>\n<h2 id="two">Two</h2>\n'
    )
    tokens = toc_tokens(body)
    assert [(t["id"], t["name"]) for t in tokens] == [("title", "A &amp; B")]
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in tokens[0]["children"]] == [
        ("one", ["sub"]),
        ("two", []),
    ]


def test_languages_built_in_two_processes_give_the_same_site(site: Path, tmp_path: Path) -> None:
    """respub.publish.parallel: a child builds es and ar while this process builds en and fr; the site
    is byte for byte the one a single process builds (RESPUB_PARALLEL=0), sitemap included."""
    project = copy_project(tmp_path / "project")
    alone = tmp_path / "alone"
    result = build_with(project, alone, quiet=True, **BUILD_ENV, RESPUB_PARALLEL="0")
    assert result.returncode == 0, result.stderr

    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    ours, theirs = files(site), files(alone)
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []


def test_sitemap_lists_every_page_of_every_language_once(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    locs = [loc.removeprefix("http://127.0.0.1:8000/") for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    assert len(locs) == len(set(locs))
    pages = {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    pages = {"" if page == "./" else page for page in pages if not page.startswith(("assets/", "pagefind/"))}
    assert set(locs) == pages
    assert {loc.split("/")[0] for loc in locs} >= {"fr", "es", "ar", SLUG}


def test_split_keeps_the_default_language_and_the_first_half_here() -> None:
    assert parallel.split(("en", "fr", "es", "ar"), {}) in ((), ("es", "ar"))  # () on a one-core machine
    assert parallel.split(("en", "fr", "es", "ar"), {"RESPUB_PARALLEL": "0"}) == ()
    assert parallel.split(("en",), {}) == ()


# The engine internals the tricks rely on


def test_i18n_builds_each_other_language_through_its_module_build_and_its_flags() -> None:
    """parallel: mkdocs-static-i18n's loop calls the `build` its module imported, once per language
    after setting `current_language`, with `building` set; mkdocs cleans the site folder through
    `utils.clean_directory` after every plugin's on_config and on_pre_build (where the child starts)."""
    loop = inspect.getsource(mkdocs_static_i18n.plugin.I18n.on_post_build)
    assert "self.building = True" in loop and "self.current_language = locale" in loop
    assert "build(config, dirty=dirty)" in loop and "utils.clean_directory = lambda x: x" in loop
    assert mkdocs_static_i18n.plugin.build in (mkdocs_build.build, parallel.build_unless_elsewhere)
    source = inspect.getsource(mkdocs_build.build)
    steps = ["plugins.on_config(", "plugins.on_pre_build(", "utils.clean_directory(config.site_dir)", "get_files("]
    assert [source.index(step) for step in steps] == sorted(source.index(step) for step in steps)
    assert "i18n_alternates" in inspect.getsource(mkdocs_static_i18n.plugin.I18n.on_page_context) or (
        "i18n_alternates" in inspect.getsource(mkdocs_static_i18n.plugin.I18n.on_template_context)
    )


def test_mkdocs_hands_the_markdown_to_plugins_before_rendering_and_the_content_after() -> None:
    """prerendered: on_page_markdown takes the staged HTML before Markdown, on_page_content gives it
    back after `Page.render`, which set the table of contents the hook then replaces."""
    source = inspect.getsource(mkdocs_build._populate_page)
    order = [source.index(step) for step in ("on_page_markdown(", "page.render(", "on_page_content(")]
    assert order == sorted(order)
    render = inspect.getsource(Page.render)
    assert "self.content = md.convert(self.markdown)" in render and "self.toc = get_toc(" in render
    assert "page.render(config, files)" in source  # the page's own attribute: take_body sets it


def _rendered(page: Page) -> dict:
    return {
        "content": page.content,
        "toc": [(item.title, item.url) for item in page.toc],
        "title": page._title_from_render,
        "anchors": page.present_anchor_ids,
        "links": page.links_to_anchors,
    }


def test_a_staged_page_renders_without_markdown_what_markdown_makes_of_nothing() -> None:
    """prerendered.render_empty sets what mkdocs' Page.render, with every configured Markdown extension,
    sets for the empty string take_body leaves; take_body makes it the page's render."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    file = File("en/index.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    files = Files([file])
    by_mkdocs, by_hook = Page(None, file, config), Page(None, file, config)
    by_mkdocs.markdown = ""
    by_mkdocs.render(config, files)
    assert prerendered.take_body("<p>staged</p>", by_hook) == ""
    by_hook.render(config, files)
    assert (
        _rendered(by_hook)
        == _rendered(by_mkdocs)
        == {"content": "", "toc": [], "title": None, "anchors": set(), "links": {}}
    )


def test_build_gets_the_environment_from_the_theme_and_lists_theme_files_through_it() -> None:
    source = inspect.getsource(mkdocs_build.build)
    assert "env = config.theme.get_env()" in source
    assert "files.add_files_from_theme(env, config)" in source
    assert "env.list_templates(filter_func=filter)" in inspect.getsource(Files.add_files_from_theme)


def test_shared_environment_is_made_once_and_lists_nothing_the_second_time() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    share_environment(config.theme)
    share_environment(config.theme)  # idempotent: one wrapper
    assert isinstance(config.theme.get_env, SharedEnvironment)
    first = config.theme.get_env()
    assert isinstance(first, jinja2.Environment) and first.filters["url"]
    theme_files = Files([])
    theme_files.add_files_from_theme(first, config)
    assert "assets/javascripts/bundle.a5f9d56c.min.js" in {f.src_uri for f in theme_files}
    second = config.theme.get_env()
    assert second is first
    later = Files([])
    later.add_files_from_theme(second, config)
    assert len(later) == 0


def test_theme_has_no_translations_bound_to_the_environment() -> None:
    """mkdocs installs a theme's gettext translations into the environment; one shared environment
    for every language is right only because material translates through its own partials."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    for folder in config.theme.dirs:
        assert not list(Path(folder).glob("locales/*/LC_MESSAGES/*.mo")), folder


def test_material_search_skips_pages_excluded_in_their_front_matter() -> None:
    """Every staged page says `search: {"exclude": true}` (the site searches with Pagefind), which material's
    search plugin honours before parsing the page: no trick is needed for it."""
    assert 'search.get("exclude")' in inspect.getsource(SearchIndex.add_entry_from_context)
    languages = ("en", "fr", "es", "ar")
    model = load_site(Project(ROOT, ROOT / "docs", ROOT / "locales", languages, "http://127.0.0.1:8000/"))
    staged = [page.markdown for lang in languages for page in model.pages(lang)]
    assert staged and all('search: {"exclude": true}' in markdown for markdown in staged)


def test_material_search_is_not_called_on_pages_and_would_change_nothing(extended_site: Path) -> None:
    """speed.skip_material_page_indexing takes material's search plugin off the page event, and only
    it; that handler indexed the page (excluded: test above) and stripped `data-search-*` attributes,
    which no built page holds, hostile translations included."""
    source = inspect.getsource(SearchPlugin.on_page_context)
    assert "self.search_index.add_entry_from_context(page)" in source and 'r"\\s?data-search-\\w+=' in source
    config = load_config(str(ROOT / "mkdocs.yml"))
    before = list(config.plugins.events["page_context"])
    speed.skip_material_page_indexing(config.plugins)
    after = config.plugins.events["page_context"]
    removed = [handler for handler in before if handler not in after]
    assert removed == [config.plugins["material/search"].on_page_context]
    assert len(after) == len(before) - 1 >= 1
    pages = list(extended_site.rglob("*.html"))
    assert len(pages) > 500
    assert not [page for page in pages if "data-search-" in page.read_text("utf-8")]


def _i18n_file_state(file: File) -> tuple[dict, dict]:
    """Everything a File made for mkdocs-static-i18n holds; its alternates by identity (itself)."""
    attributes = dict(vars(file))
    alternates = attributes.pop("alternates")
    return attributes, {lang: alternate is file for lang, alternate in alternates.items()}


def test_i18n_files_made_without_pathlib_equal_the_plugins(tmp_path: Path) -> None:
    """speed.create_i18n_file gives the File the plugin's own function gives, attribute for attribute,
    for every staged file of the seed in every language's build, and for paths staging never writes."""
    languages = ["en", "fr", "es", "ar"]
    model = load_site(Project(ROOT, ROOT / "docs", ROOT / "locales", tuple(languages), "http://127.0.0.1:8000/"))
    stage(model, tmp_path / "stage")
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.docs_dir = str(tmp_path / "stage")
    files = list(get_files(config))
    assert len(files) > 300
    odd = ["index.md", "assets/site.css", "en/README.md", "fr/guide/README.md", "pt-BR/page.md", "zz/x.md", "en/a/b.md"]
    files += [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in odd]
    files += [File("en/plain.md", config.docs_dir, config.site_dir, False)]
    for current in languages:
        for file in files:
            ours = speed.create_i18n_file(file, current, "en", languages, config)
            plugins = speed.PLUGINS_CREATE_I18N_FILE(file, current, "en", languages, config)
            assert _i18n_file_state(ours) == _i18n_file_state(plugins), (current, file.src_uri)


def test_i18n_reads_its_file_maker_from_its_folder_module_on_every_call() -> None:
    """use_fast_i18n_files replaces `mkdocs_static_i18n.folder.create_i18n_file`: the plugin must look
    it up there when it reconfigures the files, not keep its own reference."""
    source = inspect.getsource(mkdocs_static_i18n.reconfigure.ExtendedPlugin.reconfigure_files)
    assert "create_i18n_file = folder.create_i18n_file" in source
    assert speed.PLUGINS_CREATE_I18N_FILE.__module__ == "mkdocs_static_i18n.folder"  # the plugin's own
    speed.use_fast_i18n_files()
    assert mkdocs_static_i18n.folder.create_i18n_file is speed.create_i18n_file


def test_nav_structures_are_what_windowed_nav_copies() -> None:
    section = Section("Operative part", [])
    assert section.active is False and section.parent is None
    link = Link("Read in the full text", "ipu-145-migration/#op5")
    assert (link.title, link.url, link.children, link.is_section, link.active) == (
        "Read in the full text",
        "ipu-145-migration/#op5",
        None,
        False,
        False,
    )


def test_the_hook_reads_every_staged_front_matter_as_mkdocs_would(extended_site: Path) -> None:
    """The hook reads the staged pages' front matter as JSON (respub.publish.prerendered.read_source):
    for every page of every language, with the corpus's resolutions too, it is what mkdocs' own
    YAML reading gives, and the body is the same; a front matter that is not JSON is left to mkdocs."""
    languages = ("en", "fr", "es", "ar")
    staged = []
    for root in (ROOT, extended_site.parent / "project"):  # the extended project: hostile translations
        model = load_site(Project(root, root / "docs", root / "locales", languages, "http://127.0.0.1:8000/"))
        staged += [page.markdown for lang in languages for page in model.pages(lang)]
    assert len(staged) > 500
    for markdown in staged:
        body, meta = get_data(markdown)
        ours = front_matter(markdown)
        assert ours is not None and ours[0] == meta and ours[1].lstrip("\n") == body
    assert front_matter("---\nsearch: {exclude: true}\n---\n\n<h1>x</h1>") is None  # YAML, not JSON: mkdocs reads it
    assert front_matter("<h1>x</h1>") is None
