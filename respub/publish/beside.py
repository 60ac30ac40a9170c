"""The site's files that need only the model, made beside mkdocs' page builds.

The machine-readable editions (respub.publish.export: Akoma Ntoso, JSON, feeds and schemas, each
validated) and the search bundle (respub.publish.search: Pagefind) are made from the `Site`, never
from the built pages. So the hook starts them as soon as it has loaded the Site (`start`), in a child
process that runs on the machine's other core while mkdocs renders every language's pages, and writes
them into the built site once the last language is built (`finish`). What the child found wrong is
raised then, as the same error with the same message, and fails the build: the site is published
with all its files or not at all.

The child is forked: it has the Site the hook loaded, without loading it again. It makes every file
in memory and sends them back through a pipe; it writes nothing, so a build that fails or is stopped
leaves nothing of it behind (the child is daemonic: it ends with the build). Where the platform
cannot fork, `finish` does the work itself.
"""

from __future__ import annotations

import multiprocessing
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from respub.errors import InputError
from respub.publish import search
from respub.publish.export import export_all
from respub.publish.site import Site


@dataclass(frozen=True)
class Files:
    """What the child made: site path -> content, and the number of search records."""

    files: dict[str, bytes]
    records: int


@dataclass(frozen=True)
class Started:
    site: Site
    process: multiprocessing.process.BaseProcess | None  # None: no fork here, `finish` does the work
    connection: Connection | None


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


def start(site: Site) -> Started:
    if "fork" not in multiprocessing.get_all_start_methods():
        return Started(site, None, None)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(site, sending), name="respub-files", daemon=True)
    process.start()
    sending.close()  # the child's end: the parent keeps only its own
    return Started(site, process, receiving)


def _child(site: Site, connection: Connection) -> None:
    try:
        result: tuple = ("done", make(site))
    except InputError as error:
        result = ("input", error.path, error.line, error.message)
    except Exception:  # noqa: BLE001 - reported to the parent, which fails the build with it
        result = ("failed", traceback.format_exc())
    connection.send(result)
    connection.close()


def finish(started: Started, site_dir: Path) -> int:
    """Write the files into the built site; raise what the child raised. The number of search records."""
    made = _result(started)
    for path, data in sorted(made.files.items()):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    search.stub_material_index(site_dir)
    return made.records


def _result(started: Started) -> Files:
    if started.process is None or started.connection is None:
        return make(started.site)
    try:
        result = started.connection.recv()  # before join: the child waits until its files are read
    except EOFError:
        started.process.join()
        code = started.process.exitcode
        result = ("failed", f"the process making the site's files ended without sending them (exit code {code})")
    finally:
        started.connection.close()
        started.process.join()
    if result[0] == "done":
        return result[1]
    if result[0] == "input":
        raise InputError(*result[1:])
    raise RuntimeError(result[1])
