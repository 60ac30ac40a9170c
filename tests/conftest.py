"""Shared fixtures: the site is built once per test session, like a user would build it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from respub.publish.build import build
from respub.publish.engines import current_engine
from respub.registry.states import STATES_FILE, States, load_states

if current_engine() == "properdocs":
    # In ProperDocs' venv there is no `mkdocs` package: what the tests import from mkdocs, material or
    # mkdocs-static-i18n resolves to ProperDocs, as it does when the `properdocs` command runs the build.
    import properdocs.replacement  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "locales", "registry", "hooks", "overrides", "respub")


def copy_project(target: Path) -> Path:
    """A copy of the project's inputs, to break on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    destination = tmp_path_factory.mktemp("site") / "site"
    result = build(ROOT, destination)
    assert result.returncode == 0, result.stderr
    return destination


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in messages are relative to the repository, as when respub runs there."""
    monkeypatch.chdir(ROOT)


@pytest.fixture
def states(at_root: None) -> States:
    """The real registry of states, loaded as the build loads it (its path in messages as written)."""
    return load_states(Path(STATES_FILE))


def read(site: Path, url: str) -> str:
    """The HTML of the page at `url` ("/ipu-145-migration/op5/")."""
    return (site / url.strip("/") / "index.html").read_text("utf-8")
