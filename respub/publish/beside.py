"""The site's files that need only the model, made beside mkdocs' page builds.

The machine-readable editions (respub.publish.export: Akoma Ntoso, JSON, feeds and schemas, each
validated) and the search bundle (respub.publish.search: Pagefind) are made from the `Site`, never
from the built pages. So the hook starts them as soon as it has loaded the Site (`start`), in a
forked child process (respub.publish.forked) that runs on the machine's other core while mkdocs
renders every language's pages, and writes them into the built site once the last language is built
(`finish`). What the child found wrong is raised then, as the same error with the same message, and
fails the build: the site is published with all its files or not at all. The child writes the files
into a folder of its own beside the site's (writing thousands of small files is seconds on a large
site: done on the other core too); `finish` moves them into the site and removes the folder, whether
the child succeeded or not.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from respub.publish import forked, search
from respub.publish.export import export_all
from respub.publish.site import Site

WHAT = "the machine-readable editions and the search index"


@dataclass(frozen=True)
class Files:
    """What the child made: site path -> content, and the number of search records."""

    files: dict[str, bytes]
    records: int


def make(site: Site) -> Files:
    """Every language's editions at their place in the site (the default language's at the root),
    then the search bundle under `pagefind/`."""
    default = site.project.default_language
    files: dict[str, bytes] = {}
    for lang, exports in export_all(site).items():
        prefix = "" if lang == default else f"{lang}/"
        files.update({f"{prefix}{path}": data for path, data in exports.items()})
    records = list(search.records(site))
    files.update({f"{search.BUNDLE}/{path}": data for path, data in search.bundle_files(records).items()})
    return Files(files, len(records))


@dataclass(frozen=True)
class Started:
    folder: Path
    child: forked.Child[int]


def start(site: Site, site_dir: Path) -> Started:
    folder = site_dir.parent / f".{site_dir.name}-files-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    return Started(folder, forked.start(WHAT, lambda: write(make(site), folder)))


def write(made: Files, folder: Path) -> int:
    """The files under `folder`; the number of search records."""
    for path, data in sorted(made.files.items()):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return made.records


def finish(started: Started, site_dir: Path) -> int:
    """Move the files into the built site; raise what the child raised. The number of search records."""
    try:
        records = forked.result(started.child)
        move_into(started.folder, site_dir)
    finally:
        shutil.rmtree(started.folder, ignore_errors=True)
    search.stub_material_index(site_dir)
    return records


def move_into(source: Path, target: Path) -> None:
    """Every file under `source` to the same place under `target`: a folder the site lacks is moved
    whole (the search bundle's thousands of files are one rename), the others file by file."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        destination = target / path.name
        if path.is_dir() and destination.is_dir():
            move_into(path, destination)
        else:
            os.replace(path, destination)
