"""The code stays as the style guide asks: ruff clean and ruff formatted (configuration in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PATHS = ["respub", "hooks", "tests", "scripts"]


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", *PATHS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_code_is_formatted() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", *PATHS], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
