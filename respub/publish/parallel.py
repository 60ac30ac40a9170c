"""The language builds, split between two processes: the machine's two cores each build half.

mkdocs-static-i18n builds the default language, then, in its `on_post_build`, every other language one
after the other (`build(config)` per language, in one process): on a machine with several cores, all
but one wait. Here, once the hook has staged every language's pages (`on_config` of the first build),
a forked child builds the second half of the languages into a folder of its own, while this process
builds the default language and the first half, as before. mkdocs-static-i18n's loop skips the
child's languages (`build_unless_elsewhere` stands in for the `build` it calls), and the hook's
`on_post_build` waits for the child and moves its languages' folders into the site (`finish`).

Every language build still sees every language's staged pages, so its alternates (hreflang, the
language selector, the sitemap) are the same as in one process. The child writes only into its own
folder; each language's pages live under `<site>/<lang>/`, which only that language's build writes.
What goes wrong in the child (a strict-mode warning, an error) fails the build, with its message.
FACTS.md says what this relies on in mkdocs and mkdocs-static-i18n, and tests/test_speed.py fails if
it changes.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import shutil
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build

from respub.publish import forked

ELSEWHERE = "respub_languages_elsewhere"  # config key: the languages the child builds
VARIABLE = "RESPUB_PARALLEL"  # "0": build every language in this process


@dataclass(frozen=True)
class Started:
    languages: tuple[str, ...]
    folder: Path
    child: forked.Child[None]


def split(languages: Sequence[str], environ: Mapping[str, str] = os.environ) -> tuple[str, ...]:
    """The languages the child builds: the second half of those after the default (which comes first),
    none when there is no other core, no fork, or RESPUB_PARALLEL=0."""
    others = list(languages[1:])
    cores = os.cpu_count() or 1
    if not others or cores < 2 or environ.get(VARIABLE) == "0":
        return ()
    if not forked.can_fork():
        return ()
    return tuple(others[len(others) // 2 :] if len(others) > 1 else others)


def start(config: Any, languages: tuple[str, ...]) -> Started:
    """Fork the child that builds `languages` into a folder beside the site's (see `finish`)."""
    site_dir = Path(config.site_dir)
    folder = site_dir.parent / f".{site_dir.name}-languages-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    child = forked.start(f"building {', '.join(languages)}", lambda: _build(config, languages, folder))
    return Started(languages, folder, child)


def _build(config: Any, languages: tuple[str, ...], folder: Path) -> None:
    """In the child: build each language as mkdocs-static-i18n's loop would, into `folder`."""
    i18n = config.plugins["i18n"]
    i18n.building = True  # as in the plugin's loop: the hook and the plugin act as for a later language
    mkdocs_utils.clean_directory = lambda directory: directory  # one folder for both languages
    mkdocs_build.log.addFilter(_inner_build_messages)  # as the plugin's loop does
    config.site_dir = str(folder)
    for lang in languages:
        i18n.current_language = lang
        mkdocs_build.build(config)


def _inner_build_messages(record: logging.LogRecord) -> bool:
    """mkdocs' own messages for each inner build, which mkdocs-static-i18n's loop silences too: the
    build (`mkdocs serve` counts its "Documentation built") is the outer one."""
    message = record.getMessage()
    return not message.startswith(("Documentation built in", "Building documentation to directory"))


def build_unless_elsewhere(config: Any, dirty: bool = False, **options: Any) -> None:
    """mkdocs-static-i18n's `build`: skipped for a language the child builds."""
    if config.plugins["i18n"].current_language in (config.get(ELSEWHERE) or ()):
        return
    mkdocs_build.build(config, dirty=dirty, **options)


def install(plugin_module: Any) -> None:
    """Make mkdocs-static-i18n's loop call `build_unless_elsewhere` (it calls the `build` it imported)."""
    plugin_module.build = build_unless_elsewhere


def finish(started: Started, site_dir: Path) -> None:
    """Wait for the child; move its languages' folders into the site, or raise what it reported."""
    try:
        forked.result(started.child)
        for lang in started.languages:
            target = site_dir / lang
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(started.folder / lang), str(target))
        join_sitemaps(site_dir, started.folder)
    finally:
        shutil.rmtree(started.folder, ignore_errors=True)


SITEMAP = "sitemap.xml"
_URLSET = re.compile(r"(?s)(<urlset[^>]*>)(.*)(\n</urlset>)")


def join_sitemaps(site_dir: Path, folder: Path) -> None:
    """The sitemap of every language: each process's last build wrote the sitemap of the languages it
    built (mkdocs-static-i18n lists those it has seen); the child's URLs follow this process's, in the
    order one process would have written them (mkdocs.yml's). The `.gz` copy as mkdocs writes it."""
    ours, theirs = site_dir / SITEMAP, folder / SITEMAP
    if not (ours.is_file() and theirs.is_file()):
        return
    head, entries, tail = _URLSET.search(ours.read_text("utf-8")).groups()
    more = _URLSET.search(theirs.read_text("utf-8")).group(2)
    text = ours.read_text("utf-8").replace(head + entries + tail, head + entries + more + tail, 1)
    ours.write_text(text, "utf-8")
    mtime = max(_gzip_mtime(path.with_name(SITEMAP + ".gz")) for path in (ours, theirs))
    gz_path = site_dir / (SITEMAP + ".gz")
    with (
        open(gz_path, "wb") as handle,
        gzip.GzipFile(fileobj=handle, filename=str(gz_path), mode="wb", mtime=mtime) as gz,
    ):
        gz.write(text.encode("utf-8"))


def _gzip_mtime(path: Path) -> int:
    """The modification time in a gzip file's header (0 when there is no such file)."""
    if not path.is_file():
        return 0
    return struct.unpack("<I", path.read_bytes()[4:8])[0]
