"""`make serve LOCALE=fr`: the translator's preview builds the default language and French only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from respub.publish.build import build
from respub.publish.contract import CONTRACT_FILE
from respub.publish.preview import PREVIEW_VARIABLE, preview_languages
from tests.conftest import ROOT, copy_project

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
