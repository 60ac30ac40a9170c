"""What the build need not repeat per language, and a sidebar that does not grow with the resolution.

mkdocs-static-i18n builds the site once per language by calling mkdocs' whole `build()` again with the
same config. Each trick below reaches into mkdocs or a plugin; FACTS.md says which version each was
measured on, and tests/test_speed.py fails if the engine changes under it.

1. `SharedEnvironment`: one Jinja environment for every language build of a run (material's templates
   read the language from the page context, not from the environment), and the theme's static files
   listed only by the first build: mkdocs' `Files.add_files_from_theme` walks the theme folders (14.5k
   files, mostly material's icons) and filters every name, per language, only to find the same 46
   assets, which each language build then copies again to the same place in the site.
2. `windowed_nav`: material's sidebar lists every page of the active section, so every paragraph page
   listed every paragraph of its resolution (page size and render time quadratic in paragraphs). A
   paragraph page's sidebar now lists the first and last paragraph of its part, the five either side
   of it, and a link to the full text at this paragraph; a long part the page is not in keeps only its
   first paragraph, all that material shows of a pruned section. Likewise every page listed every
   resolution of the site (build time quadratic in resolutions): with more than 13, the sidebar lists
   the first and last, the five either side of the page's own, and a link to the home page, which
   lists them all.
3. `create_i18n_file`: mkdocs-static-i18n's `reconfigure_files` makes, in every language build, a new
   File for each staged file of every language and again for each alternate (about 22,000 at 100
   resolutions, per language), each through several pathlib objects: a tenth of the build's CPU. The
   same File, made with string operations, for the paths staging writes (`<lang>/.../<name>.<ext>`);
   any other path goes to the plugin's own function.
4. `skip_material_page_indexing`: material's search plugin, for every page, parses it into its index
   (nothing: every staged page excludes itself, see respub.render.edition.front_matter) and then
   strips `data-search-*` attributes from its content with a regular expression (none: the templates
   write none, and any text from a catalog or a resolution is escaped, its quotes too). The site
   searches with Pagefind; material's handler is taken off the page event.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

import jinja2
import mkdocs_static_i18n.folder
from mkdocs.structure.files import File
from mkdocs_static_i18n.config import RE_LOCALE

from respub.ids import _

AROUND = 5  # paragraphs (and resolutions) listed either side of the current one in a windowed sidebar
FULL_TEXT_LINK = "Read in the full text"  # the site catalog's message; its translation comes by nav_translations
# NOTE: In the sidebar of a site with many resolutions, after the few it lists: a link to the home page.
RESOLUTIONS_LINK = _("All resolutions")


class SharedEnvironment:
    """Stands in for `config.theme.get_env`: the first call makes the environment, later calls reuse it.

    From the second call on (the later language builds), the environment lists no theme files, so
    mkdocs' `Files.add_files_from_theme` adds nothing: the first build already copied the theme's
    assets, to the same paths, since mkdocs-static-i18n keeps theme files at the site's root.
    """

    def __init__(self, make_environment: Callable[[], jinja2.Environment]) -> None:
        self._make = make_environment
        self._environment: jinja2.Environment | None = None

    def __call__(self) -> jinja2.Environment:
        if self._environment is None:
            self._environment = self._make()
            return self._environment
        self._environment.list_templates = _no_templates  # type: ignore[method-assign]
        return self._environment


def _no_templates(extensions: Any = None, filter_func: Any = None) -> list[str]:
    return []


def share_environment(theme: Any) -> None:
    """Make every language build of this run use one Jinja environment (see SharedEnvironment).

    Set on the config's own Theme object: `mkdocs serve` loads a new config, hence a new Theme and a
    fresh environment, for every rebuild, so a changed template is always read again.
    """
    if not isinstance(theme.get_env, SharedEnvironment):
        theme.get_env = SharedEnvironment(theme.get_env)


def window(count: int, index: int, around: int = AROUND) -> list[int]:
    """The positions a windowed list shows: the first, the last, and `around` either side of `index`."""
    shown = {0, count - 1, *range(max(0, index - around), min(count, index + around + 1))}
    return sorted(position for position in shown if 0 <= position < count)


def _full_text_url(section: Any, page: Any) -> str | None:
    """The full text at this paragraph: the enclosing section's index page, anchored at the page's id."""
    parent = section.parent
    if parent is None or not parent.children:
        return None
    index = next((item for item in parent.children if getattr(item, "is_index", False)), None)
    if index is None:
        return None
    return f"{index.url}#{PurePosixPath(page.file.src_uri).stem}"


def windowed_nav(
    nav: Any,
    page: Any,
    link_title: str,
    link_class: type,
    around: int = AROUND,
    prune: bool = True,
    resolutions: frozenset[str] = frozenset(),
    home_title: str = RESOLUTIONS_LINK,
    sections: tuple[int, ...] | None = None,
) -> Any:
    """The nav as `page` should show it, so that no sidebar grows with the length of a part.

    - The page's own part, when longer than a window, lists the window (see `window`) and a link to
      the full text at this paragraph.
    - With material's `navigation.prune`, an inactive section is rendered as one link to its first
      child, yet material's template still loops over all its children (printing blank lines): a long
      inactive part keeps only its first child, which renders the same link.
    - The resolutions' sections (those holding the pages of a slug in `resolutions`), when there are
      more than a window of them, are cut to the window around the page's own (around the first on a
      page outside them), followed by a link titled `home_title` to the home page.
    `sections`: `resolution_sections(nav.items, resolutions)`, when the caller has it already (it is
    the same for every page of a language build).
    Returns `nav` itself when nothing is cut; otherwise a shallow copy along the changed sections (the
    shared nav, its sections and pages are never changed; the pages are the nav's own objects, so
    material marks the current one active as before).
    """
    items = _trimmed(nav.items, page, link_title, link_class, around, prune)
    if sections is None:
        sections = resolution_sections(nav.items, resolutions)
    items = _windowed_resolutions(items, sections, home_title, link_class, around)
    if items is nav.items:
        return nav
    result = copy.copy(nav)
    result.items = items
    return result


def _is_long(children: list, around: int) -> bool:
    return len(children) > 2 * around + 3


def _trimmed(items: list, page: Any, link_title: str, link_class: type, around: int, prune: bool) -> list:
    """`items` with the sections the page need not render in full cut; the same list if none is."""
    result = items
    for position, item in enumerate(items):
        replacement = _trimmed_section(item, page, link_title, link_class, around, prune)
        if replacement is not item:
            if result is items:
                result = list(items)
            result[position] = replacement
    return result


def _trimmed_section(item: Any, page: Any, link_title: str, link_class: type, around: int, prune: bool) -> Any:
    if not getattr(item, "is_section", False):
        return item
    children = item.children
    if not item.active:
        if prune and _is_long(children, around):
            return _with_children(item, children[:1])
        return item  # rendered as a link to its first child, or in full without prune: unchanged
    if page.parent is item and _is_long(children, around) and all(getattr(c, "is_page", False) for c in children):
        position = next((i for i, child in enumerate(children) if child is page), None)
        if position is not None:
            shown = [children[i] for i in window(len(children), position, around)]
            url = _full_text_url(item, page)
            if url is not None:
                shown.append(link_class(link_title, url))
            return _with_children(item, shown)
    inner = _trimmed(children, page, link_title, link_class, around, prune)
    return item if inner is children else _with_children(item, inner)


def _with_children(section: Any, children: list) -> Any:
    replacement = copy.copy(section)
    replacement.children = children
    return replacement


def _slug_of(section: Any) -> str | None:
    """The folder of the section's first page (`<lang>/<slug>/index.md` -> slug), if it has pages."""
    child = section.children[0] if section.children else None
    while child is not None and getattr(child, "is_section", False):
        child = child.children[0] if child.children else None
    if child is None or not getattr(child, "is_page", False):
        return None
    parts = child.file.src_uri.split("/")  # a src_uri is a POSIX path (mkdocs)
    return parts[1] if len(parts) > 2 else None


def resolution_sections(items: list, slugs: frozenset[str]) -> tuple[int, ...]:
    """The positions in the nav's top level of the sections holding a resolution's pages."""
    return tuple(i for i, item in enumerate(items) if getattr(item, "is_section", False) and _slug_of(item) in slugs)


def _windowed_resolutions(items: list, positions: tuple[int, ...], title: str, link_class: type, around: int) -> list:
    """`items` (the nav's top level, sections cut or not: same positions) with the resolutions'
    sections at `positions` cut to a window, and a link to the home page after it."""
    if not _is_long(positions, around):
        return items
    current = next((n for n, i in enumerate(positions) if items[i].active), 0)
    shown = {positions[n] for n in window(len(positions), current, around)}
    hidden = set(positions) - shown
    result = [item for i, item in enumerate(items) if i not in hidden]
    home = items[0] if items and getattr(items[0], "is_page", False) else None
    if home is not None:
        last = max(result.index(items[i]) for i in shown)
        result.insert(last + 1, link_class(title, home.url))
    return result


PLUGINS_CREATE_I18N_FILE = mkdocs_static_i18n.folder.create_i18n_file


def _plain(path: str) -> bool:
    """A relative POSIX path that pathlib keeps as it is, in a folder: no empty, `.` or `..` part."""
    parts = path.split("/")
    return len(parts) > 1 and all(part not in ("", ".", "..") for part in parts)


def create_i18n_file(
    file: File, current_language: str, default_language: str, all_languages: list, config: Any
) -> File:
    """mkdocs-static-i18n's `folder.create_i18n_file` (1.3.1), for a file in a folder: the same File
    with the same attributes (tests/test_speed.py compares them on every staged file)."""
    src_uri, dest_uri = file.src_uri, file.dest_uri
    if not (_plain(src_uri) and _plain(dest_uri)) or dest_uri.endswith("README.html") or os.sep != "/":
        return PLUGINS_CREATE_I18N_FILE(file, current_language, default_language, all_languages, config)
    new = File.__new__(File)
    new.src_uri = src_uri
    new.src_dir = config.docs_dir
    new.dest_dir = dest_uri  # sic: the plugin passes the file's dest_path as the dest_dir
    new.use_directory_urls = config.use_directory_urls
    new.dest_uri = dest_uri
    new.inclusion = file.inclusion
    folder, rest = src_uri.split("/", 1)
    localized = folder in all_languages or RE_LOCALE.match(folder) is not None
    locale = folder if localized else default_language
    dest_folder, dest_rest = dest_uri.split("/", 1)
    if locale != current_language:
        if dest_folder == locale:
            new.dest_uri = f"{current_language}/{dest_rest}"
        elif current_language != default_language:
            new.dest_uri = f"{current_language}/{dest_uri}"
    elif locale == default_language and dest_folder == locale:
        new.dest_uri = dest_rest
    new.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, new.dest_uri))
    new.name  # noqa: B018 -- the plugin reads it (cached, as in its File); mkdocs names README "index" itself
    new.url = new._get_url(config.use_directory_urls)
    new.alternates = {current_language: new}
    new.locale = locale
    new.locale_alternate_of = current_language
    new.localization = folder if localized else None
    new.norm_src_uri = rest if localized else src_uri
    return new


def use_fast_i18n_files() -> None:
    """Make mkdocs-static-i18n's `reconfigure_files` use `create_i18n_file` (it reads the function from
    its `folder` module on every call)."""
    mkdocs_static_i18n.folder.create_i18n_file = create_i18n_file


def skip_material_page_indexing(plugins: Any) -> None:
    """Take material's search plugin's `on_page_context` off mkdocs' list of page-context handlers
    (see trick 4). mkdocs-static-i18n's language builds share the config, hence the list."""
    handlers = plugins.events["page_context"]
    handlers[:] = [handler for handler in handlers if _name(handler) != MATERIAL_SEARCH_PAGE_HANDLER]


MATERIAL_SEARCH_PAGE_HANDLER = ("material.plugins.search.plugin", "SearchPlugin.on_page_context")


def _name(handler: Any) -> tuple[str, str]:
    return getattr(handler, "__module__", ""), getattr(handler, "__qualname__", "")
