"""`make serve LOCALE=fr`: the translator's preview builds the default language and French only."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from respub.publish import preview
from respub.publish.build import build
from respub.publish.contract import CONTRACT_FILE
from respub.publish.engines import current_engine, differences, engine_command
from respub.publish.preview import PREVIEW_VARIABLE, RECORD, preview_languages
from tests.conftest import ROOT, copy_project, edit_catalog

LANGUAGES = ("en", "fr", "es", "ar")


def test_preview_languages() -> None:
    assert preview_languages({}, LANGUAGES, "en") is None
    assert preview_languages({PREVIEW_VARIABLE: ""}, LANGUAGES, "en") is None
    assert preview_languages({PREVIEW_VARIABLE: "fr"}, LANGUAGES, "en") == ("en", "fr")
    assert preview_languages({PREVIEW_VARIABLE: "en"}, LANGUAGES, "en") == ("en",)
    with pytest.raises(ValueError, match="no language 'pt' .*en, fr, es, ar"):
        preview_languages({PREVIEW_VARIABLE: "pt"}, LANGUAGES, "en")


def test_preview_builds_only_the_default_language_and_the_one_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path / "project")
    shutil.copy(ROOT / CONTRACT_FILE, project / CONTRACT_FILE)  # the published URLs: es and ar too
    monkeypatch.setenv(PREVIEW_VARIABLE, "fr")
    monkeypatch.setenv("RESPUB_STAGE", str(tmp_path / "stage"))  # kept by the hook: its folders are looked at
    result = build(project, tmp_path / "site", quiet=True)
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert (site / "ipu-145-migration" / "op5" / "index.html").is_file()
    assert (site / "fr" / "ipu-145-migration" / "op5" / "index.html").is_file()
    assert not (site / "es").exists() and not (site / "ar").exists()
    languages = {path.name for path in site.iterdir() if path.is_dir() and len(path.name) == 2}
    assert languages == {"fr"}
    assert sorted(path.name for path in (tmp_path / "stage").iterdir()) == ["en", "fr"]


def test_preview_of_a_language_the_site_lacks_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv(PREVIEW_VARIABLE, "pt")
    result = build(project, tmp_path / "site", quiet=True)
    assert result.returncode != 0
    assert "RESPUB_PREVIEW=pt: the site has no language 'pt' (languages in mkdocs.yml: en, fr, es, ar)" in result.stderr
    assert not (tmp_path / "site").exists()


def _dirty_build(project: Path, site: Path) -> None:
    command = engine_command(
        sys.executable, current_engine(), "build", "--dirty", "--strict", "--quiet", "--site-dir", str(site)
    )
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def _pages(site: Path) -> dict[str, int]:
    """Every HTML page of the site and when it was written."""
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns for path in site.rglob("*.html")}


def _html_differences(first: Path, second: Path) -> list[str]:
    return [line for line in differences(first, second) if line.endswith(".html")]


def _retranslate(project: Path, context: str, change: Callable[[str], str]) -> None:
    def edit(catalog) -> None:
        message = next(m for m in catalog if m.context == context)
        message.string = change(message.string)

    edit_catalog(project, "fr", "content", edit)


def test_a_dirty_rebuild_rebuilds_what_changed_and_gives_the_full_build_s_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make serve` (mkdocs' --dirty): a translation saved rebuilds its pages only; a title saved
    rebuilds that language's pages (their sidebars list it); either way every page is the page a
    full build makes."""
    project = copy_project(tmp_path / "project")
    shutil.copy(ROOT / CONTRACT_FILE, project / CONTRACT_FILE)
    monkeypatch.setenv(PREVIEW_VARIABLE, "fr")
    monkeypatch.setenv("RESPUB_STAGE", str(tmp_path / "stage"))  # `mkdocs serve` keeps its folder between builds
    site = tmp_path / "site"
    _dirty_build(project, site)
    assert (site / RECORD).is_file()
    first = _pages(site)

    _retranslate(
        project, "ipu-145-migration:op5", lambda text: "Prie INSTAMMENT" + text.removeprefix("Prie instamment")
    )
    _dirty_build(project, site)
    second = _pages(site)
    rebuilt = {page for page, written in second.items() if first.get(page) != written}
    resolution = "fr/ipu-145-migration"
    assert {f"{resolution}/op5/index.html", f"{resolution}/index.html"} <= rebuilt
    assert len(rebuilt) < 6, sorted(rebuilt)  # and the 404 pages, which every build writes
    assert "Prie INSTAMMENT les parlements" in (site / resolution / "op5" / "index.html").read_text("utf-8")
    full = tmp_path / "full"
    assert build(project, full, quiet=True).returncode == 0
    assert _html_differences(site, full) == []

    _retranslate(project, "ipu-145-migration:short_title", lambda text: "Titre revu : " + text)
    _dirty_build(project, site)
    third = _pages(site)
    rebuilt = {page for page, written in third.items() if second[page] != written}
    assert {page for page in third if page.startswith("fr/")} <= rebuilt
    assert not {page for page in rebuilt if page.startswith("ipu-145-migration/")}, "English pages are unchanged"
    assert "Titre revu : " in (site / resolution / "op6" / "index.html").read_text("utf-8")  # in the sidebar
    shutil.rmtree(full)
    assert build(project, full, quiet=True).returncode == 0
    assert _html_differences(site, full) == []

    # An interface string: in every page's body (the paragraph pager), not only in the sidebar.
    edit_catalog(project, "fr", "site", _reworded("Read in the full text", "Lire dans le texte intégral (revu)"))
    _dirty_build(project, site)
    pager = 'class="rp-in-full" href="../#op6">Lire dans le texte intégral (revu)</a>'
    assert pager in (site / resolution / "op6" / "index.html").read_text("utf-8")
    # A text: its resolution's pages, in every language.
    text = project / "docs" / "ipu-145-migration" / "text.txt"
    text.write_text(text.read_text("utf-8").replace("labour mobility", "labour and student mobility"), "utf-8")
    _dirty_build(project, site)
    assert "labour and student mobility" in (site / "ipu-145-migration" / "op5" / "index.html").read_text("utf-8")
    shutil.rmtree(full)
    assert build(project, full, quiet=True).returncode == 0
    assert _html_differences(site, full) == []


def _reworded(msgid: str, text: str) -> Callable[[object], None]:
    def edit(catalog) -> None:
        catalog[msgid].string = text

    return edit


def test_every_setting_a_page_shows_changes_the_digest(tmp_path: Path) -> None:
    """mkdocs.yml, the theme overrides and the hook: an edit to any of them rebuilds every page."""
    config, hook, overrides = tmp_path / "mkdocs.yml", tmp_path / "hook.py", tmp_path / "overrides"
    config.write_text("site_name: x\n")
    hook.write_text("# hook\n")
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "footer.html").write_text("<footer></footer>")
    seen = {preview.settings_digest(config, overrides, hook)}
    for path, text in ((config, "site_name: y\n"), (hook, "# hook, edited\n"), (overrides / "main.html", "{% x %}")):
        path.write_text(text)
        seen.add(preview.settings_digest(config, overrides, hook))
    assert len(seen) == 4

    titles = {"en": {"index.md": "Home"}, "fr": {"index.md": "Accueil"}}
    first = preview.language_digest("fr", titles, ["fr nav"], "common")
    assert preview.language_digest("fr", titles, ["fr nav"], "common") == first
    assert preview.language_digest("fr", titles | {"fr": {"index.md": "Accueil !"}}, ["fr nav"], "common") != first
    assert (
        preview.language_digest("fr", titles | {"en": {"index.md": "Home", "new.md": "New"}}, ["fr nav"], "common")
        != first
    )
    assert preview.language_digest("fr", titles | {"en": {"index.md": "Start"}}, ["fr nav"], "common") == first
    assert preview.language_digest("fr", titles, ["fr nav, edited"], "common") != first
    assert preview.language_digest("fr", titles, ["fr nav"], "other") != first

    digests = {"en": "a", "fr": "b"}
    assert preview.plan(None, digests, titles) == preview.Plan(False, frozenset(), titles, digests)
    assert preview.plan({"en": "a", "fr": "old"}, digests, titles).unchanged == {"en"}
