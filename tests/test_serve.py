"""`mkdocs serve` (what `make serve` runs): a change to a text shows up, and nothing rebuilds in a loop.

No fixed sleeps: the test waits for events it can observe (the served page changing, lines in the
server's log), each with a timeout.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from respub.publish import localserve
from respub.publish.preview import DIRTY_WARNING
from tests.conftest import copy_project, edit_catalog

SLUG = "ipu-145-migration"
TIMEOUT = 90  # seconds for one build on a loaded machine
BUILT = "Documentation built"
DETECTED = "Detected file changes"  # mkdocs logs it when a watched file changes, before it rebuilds
# `mkdocs serve ...`, stopped by Ctrl-C (SIGINT) even when started by a process that ignores SIGINT, as
# pytest-xdist's workers do (a child inherits the ignoring, and Python then installs no handler).
SERVE = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "runpy.run_module('mkdocs', run_name='__main__', alter_sys=True)"
)


def fetch(url: str) -> str:
    """The page, once the server has finished any build in progress (it holds requests until then)."""
    return localserve.fetch(url, TIMEOUT)


def wait_for(condition: Callable[[], bool], what: str, log: Path) -> None:
    """Poll `condition` until it holds; fail with the server's log after TIMEOUT seconds."""
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}; the server's log:\n{log.read_text()}"
        time.sleep(0.2)


def files(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def watched_paths(log: str) -> list[str]:
    found = re.search(r"Watching paths for changes: (.*)", log)
    assert found, f"the server did not say what it watches:\n{log}"
    return re.findall(r"'([^']*)'", found[1])


def stop(server: subprocess.Popen) -> None:
    """Ctrl-C: mkdocs shuts down cleanly and the hook removes its staging folder."""
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
        raise AssertionError("mkdocs serve did not stop on Ctrl-C (SIGINT)") from None


def test_serve_rebuilds_when_a_text_changes_and_then_stays_still(tmp_path: Path) -> None:
    """As `make serve LOCALE=fr` runs it: a dirty build, which rebuilds what a save changed."""
    project = copy_project(tmp_path / "project")
    docs_before = files(project / "docs")
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{(port := localserve.free_port())}/{SLUG}/op5/"
    french = url.replace(f"/{SLUG}/op5/", f"/fr/{SLUG}/op6/")
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-c", SERVE, "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", RESPUB_PREVIEW="fr"),
        )
    text = project / "docs" / SLUG / "text.txt"
    try:
        wait_for(lambda: "labour mobility" in fetch(url), "the first build", log)
        watched = watched_paths(log.read_text())
        assert {"docs", "locales", "registry", "respub", "overrides", "mkdocs.yml"} <= set(watched), watched
        assert not [path for path in watched if ".build" in path], f"the staging folder is watched: {watched}"

        text.write_text(text.read_text("utf-8").replace("labour mobility", "labour and student mobility"), "utf-8")
        wait_for(lambda: "labour and student mobility" in fetch(url), "the change to show", log)
        # One build at start, exactly one for the change. Staging the changed pages must not trigger
        # another: had it, mkdocs would have noticed during the build and logged it as the build ended.
        output = log.read_text()
        assert (output.count(BUILT), output.count(DETECTED)) == (2, 1), output
        assert "Engage les parlements" in fetch(french)

        edit_catalog(project, "fr", "content", _louder_op6)
        wait_for(lambda: "Engage INSTAMMENT les parlements" in fetch(french), "a translation saved to show", log)
        assert "labour and student mobility" in fetch(url)
        assert DIRTY_WARNING not in log.read_text(), "mkdocs warns that a dirty build's navigation is wrong: not ours"
    finally:
        stop(server)
    changed = [path for path, data in files(project / "docs").items() if path != text and docs_before.get(path) != data]
    assert changed == [] and sorted(files(project / "docs")) == sorted(docs_before)
    staged = [path.name for path in (project / ".build").iterdir() if path.name.startswith("stage-")]
    assert staged == [], f"the server left its staging folder behind: {staged}"


def _louder_op6(catalog) -> None:
    message = next(m for m in catalog if m.context == f"{SLUG}:op6")
    message.string = message.string.replace("Engage les parlements", "Engage INSTAMMENT les parlements")
