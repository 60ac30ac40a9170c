"""mkdocs adapter for respub: a few lines that call tested code in the `respub` package.

- on_config: read and validate every input (texts, metadata, catalogs), refuse a build that would
  drop a published URL (respub.publish.contract), render every language's pages into this build's
  own staging folder (`<folder>/<lang>/`, see respub.publish.staging) and point mkdocs there; set
  the navigation in official order.
  mkdocs-static-i18n re-runs the build once per extra language with the same config: those runs
  find the pages already staged (`i18n.building`).
- on_page_read_source, on_page_markdown, on_page_content: the staged pages are HTML, not parsed again
  as Markdown, and their front matter is JSON, not parsed as YAML (respub.publish.prerendered).
- on_page_context: each page's Atom feed link (page.meta.feed), in its language.
- on_nav: where the resolutions are in the nav, for the windowed sidebar (respub.publish.speed); in a
  dirty build (`make serve`), which pages this language rebuilds (respub.publish.preview, planned in
  on_config from what staging wrote; no children in a dirty rebuild).
- on_post_page: absolute hreflang alternates with x-default; `dir="rtl"` on `<html>` for Arabic.
- on_template_context: each language's 404 page gets its translated body and a language selector
  leading to each language's home page.
- on_post_template: each language keeps its own 404 page.
- on_pre_build (first build): forked children make the machine-readable editions and the search
  indexes from the `Site` on_config loaded (respub.publish.beside; kept on the config object, which
  every language's build shares), and build half the languages (respub.publish.parallel).
- on_post_build (once, after every language): what the children made is moved into the site.
- on_env: compiled templates are shared by the language builds.
- speed (respub.publish.speed): one Jinja environment and one theme walk for all languages, a windowed
  sidebar on paragraph pages (on_page_context), mkdocs-static-i18n's files made without pathlib,
  material's search plugin not called on pages (the site searches with Pagefind).
- on_serve: `mkdocs serve` watches the inputs, not the staging folder.
- on_shutdown (once, when mkdocs ends, whether the build succeeded or not): the staging folder is removed.
"""

from __future__ import annotations

import gc
import html
import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

import mkdocs_static_i18n.plugin
from babel import Locale
from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Link

from respub.errors import InputError
from respub.publish import beside, parallel, prerendered, preview, search, speed
from respub.publish.contract import CONTRACT_FILE, check_contract
from respub.publish.export import feed_url
from respub.publish.postprocess import absolute_alternates, home_alternates, html_direction, language_root
from respub.publish.site import Site, load_site, project_from_config, stage
from respub.publish.staging import remove_staging_folder, staging_folder
from respub.render import templating
from respub.render.pages import not_found_body, site_identity

ROOT = Path(__file__).resolve().parents[1]  # the project: mkdocs.yml names hooks/respub_site.py
SITE = "respub_site"  # the config key holding the Site on_config loaded
SLUGS = "respub_slugs"  # the config key holding the resolutions' slugs (the sidebar's window)
SECTIONS = "respub_sections"  # the config key holding where their sections are in this build's nav
PLAN = "respub_plan"  # the config key holding what a dirty build rebuilds (None: not a dirty build)
LANGUAGES = "respub_languages"  # the config key holding the child that builds half the languages
FILES = "respub_files"  # the config key holding the making of the site's other files, which on_config starts
log = logging.getLogger("mkdocs.hooks.respub_site")


def _languages(config: MkDocsConfig) -> tuple[str, ...]:
    i18n = config.plugins["i18n"]
    default = i18n.default_language
    others = [lang.locale for lang in i18n.config.languages if lang.locale != default and lang.build]
    return (default, *others)


def _speed_up(config: MkDocsConfig) -> None:
    """Every language build: skip what mkdocs and material would redo for nothing (respub.publish.speed)."""
    speed.share_environment(config.theme)
    speed.use_fast_i18n_files()
    speed.skip_material_page_indexing(config.plugins)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins["i18n"]
    _speed_up(config)
    if i18n.building:
        return config
    root = Path(config.config_file_path).resolve().parent  # absolute: messages name files fully
    templating.environment.cache_clear()  # templates read again by every build (`mkdocs serve`)
    try:
        configured = _preview(config)  # first: a translator's preview builds fewer languages
        project = project_from_config(root, config, _languages(config), configured)
        site = load_site(project)
        check_contract(site, root / CONTRACT_FILE, not_built=set(configured) - set(project.languages))
    except InputError as error:
        raise PluginError(str(error)) from None
    target = staging_folder(root)
    config[SLUGS] = frozenset(resolution.slug for resolution in site.resolutions)  # for the sidebar
    config[parallel.ELSEWHERE] = parallel.split(project.languages)  # the child's half, if any
    parallel.install(mkdocs_static_i18n.plugin)
    staged = stage(site, target, reuse=preview.dirty_build())  # a dirty build renders only what changed
    config[SITE] = site
    root_path = urlsplit(project.site_url).path or "/"
    config.extra["respub_not_found"] = {
        lang: not_found_body(
            site.editions(lang), site.translation(lang), language_root(root_path, lang, project.default_language)
        )
        for lang in project.languages
    }
    config.docs_dir = str(target)
    config.nav = site.nav()
    for language in i18n.config.languages:
        if language.locale not in project.languages:
            continue
        language.nav_translations = site.nav_translations(language.locale) | _window_link(site, language.locale)
        if language.locale != project.default_language:
            name, description = site_identity(site.translation(language.locale))
            language.site_name, language.site_description = html.escape(name), html.escape(description)
            log.info(site.summary(language.locale))
    config[PLAN] = _plan(config, project.languages, staged.titles) if preview.dirty_build() else None
    if config[PLAN] is not None and config[PLAN].previous:
        config[parallel.ELSEWHERE] = ()  # a few pages to rebuild: no child, one process builds them all
    return config


def _plan(config: MkDocsConfig, languages: tuple[str, ...], titles: dict[str, dict[str, str]]) -> preview.Plan:
    """A dirty build (`make serve`): rebuild only what changed (respub.publish.preview)."""
    preview.quiet_dirty_warning()
    common = preview.settings_digest(Path(config.config_file_path), _overrides(config), Path(__file__))
    settings = {
        language.locale: [language.nav_translations, language.site_name, language.site_description]
        for language in config.plugins["i18n"].config.languages
        if language.locale in languages
    }
    digests = {lang: preview.language_digest(lang, titles, settings[lang], common) for lang in languages}
    return preview.plan(preview.take_record(Path(config.site_dir)), digests, titles)


def _overrides(config: MkDocsConfig) -> Path | None:
    custom = config.theme.custom_dir
    return Path(custom) if custom else None


def _window_link(site: Site, lang: str) -> dict[str, str]:
    """The windowed sidebar's link titles, translated like the nav's titles (see on_page_context)."""
    ui = site.translation(lang)
    return {link: html.escape(ui._(link)) for link in (speed.FULL_TEXT_LINK, speed.RESOLUTIONS_LINK)}


def on_page_context(context, page, config: MkDocsConfig, nav):
    """A paragraph page's sidebar lists a window of its part, not every paragraph (respub.publish.speed);
    every page links its language's Atom feed (overrides/main.html prints page.meta.feed)."""
    i18n = config.plugins["i18n"]
    page.meta.setdefault("feed", feed_url(config.site_url or "/", i18n.current_language, i18n.default_language))
    titles = config.plugins["i18n"].current_language_config.nav_translations or {}
    title = titles.get(speed.FULL_TEXT_LINK, speed.FULL_TEXT_LINK)
    prune = "navigation.prune" in config.theme.get("features", [])
    home = titles.get(speed.RESOLUTIONS_LINK, speed.RESOLUTIONS_LINK)
    sections = config[SECTIONS]
    context["nav"] = speed.windowed_nav(nav, page, title, Link, prune=prune, home_title=home, sections=sections)
    return context


@event_priority(-150)  # last: the nav every page's context gets
def on_nav(nav, config: MkDocsConfig, files):
    """Where the resolutions' sections are in this language's nav: found once, for every page's sidebar.
    A dirty build (`make serve`): which pages this language rebuilds (respub.publish.preview)."""
    config[SECTIONS] = speed.resolution_sections(nav.items, config[SLUGS])
    if config.get(PLAN) is not None:
        preview.mark_pages(files.documentation_pages(), config.plugins["i18n"].current_language, config[PLAN])
    return nav


def _preview(config: MkDocsConfig) -> tuple[str, ...]:
    """`make serve LOCALE=fr`: build only the default language and French (respub.publish.preview).

    Returns every configured language (their catalog folders stay the site's).
    """
    i18n = config.plugins["i18n"]
    configured = tuple(language.locale for language in i18n.config.languages if language.build)
    try:
        kept = preview.preview_languages(os.environ, configured, i18n.default_language)
    except ValueError as error:
        raise PluginError(str(error)) from None
    if kept is not None:
        preview.limit_builds(i18n.config.languages, kept)
        log.info(f"Preview: building {', '.join(kept)} only ({preview.PREVIEW_VARIABLE})")
    return configured


def on_pre_build(config: MkDocsConfig) -> None:
    """Once every plugin's on_config has run for the first build, the work beside it starts: a child
    makes the editions and the search index (respub.publish.beside), another builds half the
    languages while this process builds the others (respub.publish.parallel). Not in on_config:
    reading the config (as the benchmark does) starts nothing."""
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    if config[PLAN] is not None and config[PLAN].previous:
        return  # a dirty rebuild: the editions and the search index are the first build's
    config[FILES] = beside.start(config[SITE], Path(config.site_dir))
    if config[parallel.ELSEWHERE]:
        config[LANGUAGES] = parallel.start(config, config[parallel.ELSEWHERE])


def on_page_read_source(page, config: MkDocsConfig) -> str | None:
    """The staged page's front matter is JSON: read here, not by PyYAML (respub.publish.prerendered)."""
    return prerendered.read_source(page)


@event_priority(100)  # first: no other handler need read the HTML as Markdown
def on_page_markdown(markdown: str, page, config: MkDocsConfig, files) -> str:
    """The staged pages are HTML already: Markdown need not parse them (respub.publish.prerendered)."""
    return prerendered.take_body(markdown, page)


@event_priority(100)
def on_page_content(html_content: str, page, config: MkDocsConfig, files) -> str:
    return prerendered.give_body(page)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    i18n = config.plugins["i18n"]
    output = absolute_alternates(output, page.canonical_url, i18n.default_language)
    return html_direction(output, Locale.parse(i18n.current_language).text_direction)


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page of each language: its translated body (made in on_config), and a language
    selector that leads to each language's home page."""
    if template_name != "404.html":
        return context
    i18n = config.plugins["i18n"]
    context["not_found"] = config.extra["respub_not_found"][i18n.current_language]
    root_path = urlsplit(config.site_url or "/").path or "/"
    # mkdocs-static-i18n sets the selector's entries as an attribute of config.extra, which Jinja
    # reads before the item: replace the attribute.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    config.extra.alternate = home_alternates(alternates, root_path, i18n.default_language)
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Keep the default language's root 404.html; give every other language its own /<lang>/404.html.

    mkdocs-static-i18n builds each language into the same site folder, so without this the last
    language built overwrites the root 404 page.
    """
    i18n = config.plugins["i18n"]
    if template_name != "404.html" or i18n.current_language == i18n.default_language:
        return output
    root_404 = Path(config.site_dir) / "404.html"
    language_404 = Path(config.site_dir) / i18n.current_language / "404.html"
    language_404.parent.mkdir(parents=True, exist_ok=True)
    language_404.write_text(output, "utf-8")
    return root_404.read_text("utf-8") if root_404.exists() else output


@event_priority(-110)  # after mkdocs-static-i18n's on_post_build (-100), which builds the other languages
def on_post_build(config: MkDocsConfig) -> None:
    """Once every language is built: one Pagefind search index per language (respub.publish.search)."""
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    site_dir = Path(config.site_dir)
    try:
        if config.get(LANGUAGES) is not None:
            parallel.finish(config[LANGUAGES], site_dir)
        if config.get(FILES) is not None:
            count = beside.finish(config[FILES], site_dir)
            log.info(f"Search: {count} records indexed with Pagefind, one index per language")
        else:
            search.stub_material_index(site_dir)
            log.info("Dirty rebuild: pages rebuilt where they changed; the editions and search index are unchanged")
    except InputError as error:
        raise PluginError(str(error)) from None
    except RuntimeError as error:
        raise PluginError(str(error)) from None
    if config[PLAN] is not None:
        preview.write_record(site_dir, config[PLAN].digests)


def on_env(env, config: MkDocsConfig, files):
    """Compile material's templates once, not once per language: mkdocs-static-i18n rebuilds the
    site per language with a new Jinja environment; a bytecode cache on disk (keyed by each
    template's source) lets the later builds reuse the compiled templates."""
    cache = Path(config.config_file_path).parent / ".build" / "jinja"
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(cache))
    return env


def on_serve(server, config: MkDocsConfig, builder):
    """Watch the inputs (mkdocs.yml `watch`), not the staging folder the hook writes itself:
    otherwise every rebuild that stages a changed page triggers one more rebuild."""
    server.unwatch(config.docs_dir)
    return server


def on_shutdown() -> None:
    """The staged pages belong to this mkdocs process: removed when it ends (mkdocs calls this after
    `build`, failed or not, and when `serve` stops). Then the process ends: `gc.freeze()` spares
    Python's exit a last collection over the build's objects (2 s of 100 s at 100 resolutions;
    FACTS.md)."""
    remove_staging_folder(ROOT)
    gc.freeze()
