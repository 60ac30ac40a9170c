"""Two engines: the site builds on mkdocs 1.6.1 and on ProperDocs, and both give the same site.

`make test ENGINE=properdocs` runs the publishing tests with every build going through ProperDocs
(RESPUB_ENGINE); the comparison builds with both venvs and diffs the sites.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from respub.publish.engines import compare, current_engine, differences
from tests.conftest import ROOT, read

DATA = ROOT / "tests" / "data" / "engines"
PROPERDOCS_PYTHON = ROOT / ".venv-properdocs" / "bin" / "python"


def test_the_site_is_built_by_the_engine_asked_for(site: Path) -> None:
    generator = re.search(r'<meta name="generator" content="([^"]*)">', read(site, "/ipu-145-migration/op5/"))
    assert generator is not None
    if current_engine() == "properdocs":
        assert generator.group(1).startswith("mkdocs-ProperDocs 1.6."), generator.group(1)
    else:
        assert generator.group(1).startswith("mkdocs-1.6.1,"), generator.group(1)


def test_only_the_generator_line_may_differ() -> None:
    assert differences(DATA / "mkdocs", DATA / "properdocs") == []
    assert differences(DATA / "mkdocs", DATA / "changed") == ["differs: index.html"]


@pytest.mark.skipif(current_engine() != "mkdocs", reason="the comparison runs once, in the default engine's run")
def test_mkdocs_and_properdocs_build_the_same_site() -> None:
    if not PROPERDOCS_PYTHON.exists():
        reason = f"no {PROPERDOCS_PYTHON.parent.parent.name}: run `make venv-properdocs`"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must: see .ci/run)")
        pytest.skip(reason)
    assert compare(ROOT, str(PROPERDOCS_PYTHON)) == []
