"""Catalogs are checked by the build exactly as by `make check`, without msgfmt: each bad catalog in
tests/data/bad-catalogs/ stops both with the `path:line: message` its first line announces."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from respub.errors import InputError
from respub.l10n.catalogs import merge
from respub.l10n.translate import load_translation
from respub.l10n.validation import check_catalog, validate_catalog
from respub.publish.build import build
from tests.conftest import ROOT, copy_project

DATA = Path(__file__).parent / "data" / "bad-catalogs"
CATALOGS = sorted(DATA.glob("*.po"))
ERRORS = [path for path in CATALOGS if path.read_text("utf-8").startswith("# error:")]


def expected(path: Path) -> tuple[str, int, str]:
    """(severity, line, message) announced on the file's first line: `# error: LINE: message`."""
    first = path.read_text("utf-8").splitlines()[0]
    match = re.fullmatch(r"# (error|warning): (\d+): (.+)", first)
    assert match, f"{path.name} must start with '# error: LINE: message'"
    return match.group(1), int(match.group(2)), match.group(3)


def where(path: Path) -> tuple[str, str]:
    """`fr-site-markup.po` goes to `locales/fr/LC_MESSAGES/site.po`: (lang, domain)."""
    lang, domain, _ = path.name.split("-", 2)
    return lang, domain


def without_msgfmt() -> dict[str, str]:
    """The environment with a PATH that has no msgfmt: the check must not depend on gettext."""
    return dict(os.environ, PATH="/nonexistent")


def test_the_bad_catalogs_cover_issue_10() -> None:
    names = {path.stem for path in CATALOGS}
    assert {
        "fr-site-markup",
        "fr-site-placeholder-dropped",
        "fr-site-placeholder-renamed",
        "es-content-unterminated",
        "ar-site-plural-forms-broken",
        "ar-site-plural-forms-wrong",
        "fr-content-footnote-dropped",
        "fr-content-number-dropped",
    } <= names


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.stem)
def test_validation_reports_the_announced_problem(path: Path) -> None:
    severity, line, message = expected(path)
    lang, _ = where(path)
    if severity == "error":
        with pytest.raises(InputError) as caught:
            validate_catalog(path, lang)
        assert str(caught.value) == f"{path}:{line}: {message}"
    else:
        checked = validate_catalog(path, lang)
        assert [str(problem) for problem in checked.problems] == [f"{path}:{line}: warning: {message}"]


@pytest.mark.parametrize("path", ERRORS, ids=lambda path: path.stem)
def test_the_build_refuses_a_bad_catalog_with_its_line(path: Path, tmp_path: Path) -> None:
    _, line, message = expected(path)
    lang, domain = where(path)
    project = copy_project(tmp_path / "project")
    target = project / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
    shutil.copyfile(path, target)
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert f"{target}:{line}: {message}" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()

    check = subprocess.run(
        [sys.executable, "-m", "respub.l10n.i18n", "--root", str(project), "check", lang],
        capture_output=True,
        text=True,
        env=without_msgfmt(),
    )
    assert check.returncode == 1
    assert f"  {target}:{line}: {message}\n" in check.stdout
    assert check.stdout.rstrip().endswith("error") or check.stdout.rstrip().endswith("errors")
    assert "Traceback" not in check.stderr


def test_a_held_back_translation_shows_the_original_labelled(tmp_path: Path) -> None:
    """A warning does not stop the build: the translation is held back like a fuzzy one."""
    path = DATA / "fr-content-number-dropped.po"
    locales = tmp_path / "locales"
    (locales / "fr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copyfile(path, locales / "fr" / "LC_MESSAGES" / "content.po")
    french = load_translation(locales, "fr")
    text = french.text("ipu-145-migration:pp23", "Recalling decision 2004/110 of the Commission;")
    assert (text.value, text.lang, text.status) == ("Recalling decision 2004/110 of the Commission;", "en", "fuzzy")
    assert check_catalog(path, "fr").held_back == {
        ("ipu-145-migration:pp23", "Recalling decision 2004/110 of the Commission;")
    }


def test_check_passes_without_msgfmt_on_the_real_catalogs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "respub.l10n.i18n", "--root", str(ROOT), "check"],
        capture_output=True,
        text=True,
        env=without_msgfmt(),
    )
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("0 errors")


def test_merge_keeps_the_msgid_the_translation_was_made_from() -> None:
    """Two source changes before the translator gets to it: `#| msgid` stays the first one (msgmerge)."""
    context = "ipu-145-migration:op5"
    old = Catalog(locale="fr")
    old.add("Urges parliaments", "Prie instamment", context=context)
    template = Catalog()
    template.add("Urges all parliaments", context=context)
    once = merge(template, old)
    assert once.get("Urges all parliaments", context=context).previous_id == ["Urges parliaments"]
    template = Catalog()
    template.add("Urges all national parliaments", context=context)
    twice = merge(template, once).get("Urges all national parliaments", context=context)
    assert twice.fuzzy and twice.string == "Prie instamment"
    assert twice.previous_id == ["Urges parliaments"]
