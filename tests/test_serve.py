"""`mkdocs serve` (what `make serve` runs): a change to a text shows up, and nothing rebuilds in a loop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import copy_project

SLUG = "ipu-145-migration"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_a_text_changes_and_then_stays_still(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    docs_before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with open(log, "w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}/{SLUG}/op5/"
    try:
        assert wait_for(lambda: "labour mobility" in fetch(url), 60), log.read_text()
        text = project / "docs" / SLUG / "text.txt"
        text.write_text(text.read_text("utf-8").replace("labour mobility", "labour and student mobility"), "utf-8")
        assert wait_for(lambda: "labour and student mobility" in fetch(url), 60), log.read_text()
        time.sleep(6)
        # One build at start, exactly one for the change: staging the changed page must not trigger more.
        assert log.read_text().count("Documentation built") == 2, log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
    changed = [
        p for p in (project / "docs").rglob("*") if p.is_file() and p != text and docs_before.get(p) != p.read_bytes()
    ]
    assert changed == [] and sorted(p for p in (project / "docs").rglob("*") if p.is_file()) == sorted(docs_before)
