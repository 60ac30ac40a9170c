"""The test harness keeps its promises: no check is skipped silently on CI, and the shared scenario
builds are taken one at a time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import missing_tool
from tests.conftest import ROOT, exclusive

TESTS = ROOT / "tests"


def test_a_missing_tool_skips_on_a_developers_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        missing_tool("chromium is not installed")


def test_a_missing_tool_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"chromium is not installed \(CI must install it"):
        missing_tool("chromium is not installed")


def skips(path: Path) -> list[str]:
    """Where a test module skips on its own: pytest.skip(...), pytest.importorskip(...), skip marks."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr in ("skip", "skipif", "importorskip"):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.attr}")
    return found


def test_every_skip_goes_through_missing_tool() -> None:
    """Only tests/browser.py's missing_tool may skip, because it fails instead when CI is set."""
    found = [skip for path in sorted(TESTS.glob("*.py")) if path.name != "browser.py" for skip in skips(path)]
    found = [skip for skip in found if not skip.startswith("tests/test_harness.py")]
    assert found == [], "skip through tests.browser.missing_tool, which fails on CI:\n" + "\n".join(found)


HOLD = """
import sys
from pathlib import Path
from tests.conftest import exclusive
with exclusive(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.readline()
"""


TRY = "import fcntl, sys; fcntl.flock(open(sys.argv[1]), fcntl.LOCK_EX | fcntl.LOCK_NB)"


def test_the_scenario_lock_is_held_by_one_process_at_a_time(tmp_path: Path) -> None:
    """While another process holds the lock of a scenario build, this one cannot take it."""
    lock = tmp_path / "scenario.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(lock)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "held\n"
        taker = subprocess.run([sys.executable, "-c", TRY, str(lock)], capture_output=True, text=True)
        assert taker.returncode != 0 and "BlockingIOError" in taker.stderr
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    with exclusive(lock):  # released: this process takes it at once
        pass
