"""Shared fixtures: each scenario's site is built once per test run, like a user would build it.

Every build works on its own copy of the project in a temporary folder (`copy_project`): nothing is
built in the repository, so a `make serve` running beside the tests, or two test runs, never collide.
A scenario (the project as it is, or the project with more resolutions and unfinished translations...)
is built once per run even with `pytest -n 2`: the first xdist worker that needs it builds it under a
lock in the folder the workers of the run share; the others wait for it and read the same files.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from respub.l10n.catalogs import po_bytes
from respub.l10n.translate import load_catalog
from respub.publish.build import build
from respub.publish.engines import current_engine
from respub.registry.states import STATES_FILE, States, load_states

if current_engine() == "properdocs":
    # In ProperDocs' venv there is no `mkdocs` package: what the tests import from mkdocs, material or
    # mkdocs-static-i18n resolves to ProperDocs, as it does when the `properdocs` command runs the build.
    import properdocs.replacement  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "locales", "registry", "hooks", "overrides", "respub")
CORPUS = ROOT / "tests" / "data" / "corpus"
LAYOUTS = ROOT / "tests" / "data" / "layouts"
SLUG = "ipu-145-migration"
# Builds of copies have no git history to take the date from: every scenario is built as of this date
# (2023-11-14 22:13:20 UTC), with a fixed hash seed, so that a second build can be compared byte for byte.
BUILD_ENV = {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "1"}


@dataclass(frozen=True)
class Built:
    """A scenario's project copy and the site built from it."""

    project: Path
    site: Path


def copy_project(target: Path) -> Path:
    """A copy of the project's inputs, to build or to break on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def build_with(project: Path, destination: Path, quiet: bool = False, **env: str) -> subprocess.CompletedProcess[str]:
    """`build` (respub.publish.build) of `project` with these environment variables set for the build."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        return build(project, destination, quiet=quiet)


@contextlib.contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file `lock` (every process of the run that asks for it waits)."""
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that every xdist worker sees (each worker's own basetemp is inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def build_scenario(tmp_path_factory: pytest.TempPathFactory, name: str, prepare: Callable[[Path], None]) -> Built:
    """The site of scenario `name`: a copy of the project changed by `prepare`, built once per test run."""
    folder = run_folder(tmp_path_factory) / f"scenario-{name}"
    built = Built(folder / "project", folder / "site")
    with exclusive(folder.with_name(f"{folder.name}.lock")):
        done = folder / "built"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            prepare(copy_project(built.project))
            result = build_with(built.project, built.site, quiet=True, **BUILD_ENV)
            assert result.returncode == 0, f"scenario {name!r} did not build:\n{result.stderr[-5000:]}"
            done.touch()
    return built


# ---------------------------------------------------------------------------------------------
# The scenarios


def as_it_is(project: Path) -> None:
    """The project exactly as it is in the repository."""


def edit_catalog(project: Path, lang: str, domain: str, edit: Callable[[object], None]) -> None:
    """Rewrite `lang`'s catalog `domain` (content, site) after `edit(catalog)` changed it."""
    path = project / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
    catalog = load_catalog(path, lang)
    edit(catalog)
    path.write_bytes(po_bytes(catalog))


UN_METADATA = """slug: {slug}
body: United Nations General Assembly
session: 80th session
place: New York
adopted: {date}
adoption: without a vote
source_language: en
"""
# The resolutions added by the `extended` scenario: slug, text, date of adoption, extra metadata.
UN_RESOLUTIONS = (
    ("unga-80-1", CORPUS / "un-ga-A_RES_80_1-en.rawpdf.txt", "2025-09-19", ""),
    ("unga-80-6", CORPUS / "un-ga-A_RES_80_6-en.txt", "2025-11-11", ""),
    ("unga-80-12", LAYOUTS / "several-annexes.txt", "2025-10-01", ""),
    ("ep-test", LAYOUTS / "recitals.txt", "2023-03-15", "akn_country: xx-test\nakn_actor: parliament\n"),
)


def extended(project: Path) -> None:
    """Resolutions nobody translated (footnotes, sub-paragraphs, annexes, recitals), beside the seed,
    whose French catalog has op5 untranslated and op6 fuzzy. (Markup typed into a translation is
    refused by the build: tests/test_catalogs.py; the escaping behind it: tests/test_escaping.py.)"""
    for slug, text, date, extra in UN_RESOLUTIONS:
        folder = project / "docs" / slug
        folder.mkdir()
        shutil.copy(text, folder / "text.txt")
        (folder / "resolution.yml").write_text(UN_METADATA.format(slug=slug, date=date) + extra, "utf-8")

    def unfinished(catalog) -> None:
        for message in catalog:
            if message.context == f"{SLUG}:op5":
                message.string = ""
            if message.context == f"{SLUG}:op6":
                message.flags.add("fuzzy")

    edit_catalog(project, "fr", "content", unfinished)


PROTECTED = re.compile(r"(\{[a-z_]+\}|\[\^\d+\])")


def pseudo(text: str) -> str:
    """The pseudo-translation: capitals, except placeholders, which must survive as they are."""
    return "".join(part if PROTECTED.fullmatch(part) else part.upper() for part in PROTECTED.split(text))


def pseudo_french(project: Path) -> None:
    """French catalogs in which every translation is its source in capitals."""

    def capitals(catalog) -> None:
        for message in catalog:
            if isinstance(message.id, tuple | list):
                message.string = tuple(pseudo(message.id[min(i, 1)]) for i in range(catalog.num_plurals))
            elif message.id:
                message.string = pseudo(message.id)
            message.flags.discard("fuzzy")

    for domain in ("content", "site"):
        edit_catalog(project, "fr", domain, capitals)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The project as it is, built (BUILD_ENV)."""
    return build_scenario(tmp_path_factory, "site", as_it_is)


@pytest.fixture(scope="session")
def site(built: Built) -> Path:
    return built.site


@pytest.fixture(scope="session")
def extended_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `extended` scenario's site: more resolutions, unfinished and hostile French translations."""
    return build_scenario(tmp_path_factory, "extended", extended).site


@pytest.fixture(scope="session")
def pseudo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with French catalogs in which every translation is its source in capitals."""
    return build_scenario(tmp_path_factory, "pseudo", pseudo_french).site


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


@pytest.fixture(scope="session")
def chromium():
    """One Playwright session per test process, shared by every module: sync_playwright cannot be
    started twice in one thread, and xdist runs several modules in one worker."""
    from tests.browser import CHROMIUM, launch, missing_tool

    if not CHROMIUM.exists():
        missing_tool(f"Debian's chromium is not installed at {CHROMIUM}: browser checks skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()
