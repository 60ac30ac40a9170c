"""The translators' preview: `make serve LOCALE=fr` builds the default language and French only.

A translator's save must show in seconds, even with fifty resolutions. Two things here do that: fewer
languages (this part), and rebuilding only what a save changed (the dirty build, below).
RESPUB_PREVIEW=<locale> (set by `make serve LOCALE=<locale>`) keeps the default
language, which every other language falls back on, and the language being translated, and turns the
others' `build` off in mkdocs-static-i18n's settings for this run only (their catalog folders are
still the site's, not strays). `make site` and the tests never set it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build

PREVIEW_VARIABLE = "RESPUB_PREVIEW"


def preview_languages(environ: Mapping[str, str], configured: Iterable[str], default: str) -> tuple[str, ...] | None:
    """The languages a preview builds (default first), or None when no preview is asked for.

    A language the site does not have is refused, with the ones it has.
    """
    asked = environ.get(PREVIEW_VARIABLE, "").strip()
    if not asked:
        return None
    known = list(configured)
    if asked not in known:
        raise ValueError(
            f"{PREVIEW_VARIABLE}={asked}: the site has no language {asked!r} "
            f"(languages in mkdocs.yml: {', '.join(known)})"
        )
    return (default,) if asked == default else (default, asked)


def limit_builds(language_settings: Iterable[Any], keep: Iterable[str]) -> None:
    """Turn off mkdocs-static-i18n's `build` for every language not kept (settings of this run only)."""
    kept = set(keep)
    for language in language_settings:
        language.build = language.locale in kept


# ---------------------------------------------------------------------------------------------
# Rebuilding only what changed: `mkdocs serve --dirty` (what `make serve` runs)
#
# mkdocs' dirty build skips every page whose source file is older than its output. On its own that
# breaks our sidebars: a page not read again has no title (mkdocs 1.6 `Page.title` is None until the
# page is read), and a page not rebuilt keeps the old title of a neighbour a translator just changed.
# So a dirty build here is planned by the hook (`Plan`), from what staging wrote:
# - each language's *settings* (every staged page's title, the section titles, the site's name and
#   description, mkdocs.yml, the theme overrides) are digested; when a language's digest is the one
#   recorded by the previous build in the same site folder (RECORD), only the pages whose staged file
#   changed are rebuilt (staging writes only what changed: their files are newer than their output),
#   and the others keep their title for the sidebars (`mark_pages`);
# - otherwise every page of the language is rebuilt.
# The record is taken out of the site folder when a build starts and written back when it ends, so a
# failed or interrupted build is followed by a full one. Outside a dirty build nothing here is used.

RECORD = "respub-preview.json"  # in the served site folder: the digests its pages were built with
DIRTY_WARNING = "A 'dirty' build is being performed"  # mkdocs' warning, which the plan makes untrue


def dirty_build(argv: Sequence[str] = sys.argv) -> bool:
    """Whether mkdocs was asked for a dirty build. mkdocs tells no hook; mkdocs-static-i18n reads the
    command line for the same reason (its later language builds)."""
    return "--dirty" in argv or "--dirtyreload" in argv


@dataclass(frozen=True)
class Plan:
    """What a dirty build rebuilds: every page of a language not in `unchanged`; in the others,
    only the pages whose staged file changed. `titles`: every staged page's title, by language then
    path under the language's folder. `digests`: each built language's, recorded when the build ends."""

    previous: bool  # the site folder holds the build this one updates (its record was found)
    unchanged: frozenset[str]
    titles: Mapping[str, Mapping[str, str]]
    digests: Mapping[str, str]


def settings_digest(config_file: Path, theme_folder: Path | None, hook: Path) -> str:
    """mkdocs.yml, the theme overrides and the hook (`mkdocs serve` loads it again for every build): a
    change to any of them rebuilds every page."""
    digest = hashlib.sha256(config_file.read_bytes() + b"\0" + hook.read_bytes())
    if theme_folder is not None and theme_folder.is_dir():
        for path in sorted(theme_folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(theme_folder).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def language_digest(
    lang: str, titles: Mapping[str, Mapping[str, str]], settings: Mapping[str, Any], common: str
) -> str:
    """What every page of `lang` shows besides its own body: the sidebar's and the footer's titles
    (this language's), which pages exist in every language (the language selector and the hreflang
    links), the language's settings (section titles, site name and description), and the `common`
    digest (settings_digest)."""
    pages = {other: sorted(paths) for other, paths in titles.items()}
    data = {"lang": lang, "titles": titles.get(lang, {}), "pages": pages, "settings": settings, "common": common}
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def take_record(site_dir: Path) -> dict[str, str] | None:
    """The previous build's digests, removed from the site folder (None when there is none)."""
    path = site_dir / RECORD
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    finally:
        path.unlink(missing_ok=True)
    return record if isinstance(record, dict) else None


def write_record(site_dir: Path, digests: Mapping[str, str]) -> None:
    (site_dir / RECORD).write_text(json.dumps(dict(digests), sort_keys=True), "utf-8")


def plan(
    previous: Mapping[str, str] | None, digests: Mapping[str, str], titles: Mapping[str, Mapping[str, str]]
) -> Plan:
    unchanged = frozenset(lang for lang, digest in digests.items() if previous and previous.get(lang) == digest)
    return Plan(previous is not None, unchanged, titles, dict(digests))


def _always_modified() -> bool:
    return True


def mark_pages(files: Iterable[Any], lang: str, plan: Plan) -> None:
    """Before mkdocs reads this language's pages (`on_nav`): a language not unchanged has every page
    rebuilt; in an unchanged one, the pages mkdocs will not read keep their title (the sidebars of
    the pages it rebuilds list them)."""
    titles = plan.titles.get(lang, {})
    for file in files:
        page = file.page
        if page is None:
            continue
        if lang not in plan.unchanged:
            file.is_modified = _always_modified  # this build's own decision, not the files' dates
            continue
        title = titles.get(file.src_uri.split("/", 1)[-1])
        if title is not None and page.markdown is None:
            page.markdown, page.meta = "", {"title": title}  # mkdocs reads the page again if it changed


class QuietDirtyWarning(logging.Filter):
    """mkdocs warns that a dirty build has inaccurate navigation: not so with a plan."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def quiet_dirty_warning() -> None:
    logger = mkdocs_build.log  # "mkdocs.commands.build", or ProperDocs' own name for it
    if not any(isinstance(existing, QuietDirtyWarning) for existing in logger.filters):
        logger.addFilter(QuietDirtyWarning())
