"""A language is configuration: Russian (a UN language the project does not ship) added to mkdocs.yml
and started with `make init LOCALE=ru` gives a /ru/ edition, English fallbacks labelled, no code change."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from respub.publish.build import publish
from tests.conftest import copy_project

SLUG = "ipu-145-migration"
RUSSIAN = "        - locale: ru\n          name: Русский\n          build: true\n"


@pytest.fixture(scope="module")
def russian_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    project = copy_project(tmp_path_factory.mktemp("russian") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    arabic = text.index("        - locale: ar\n")
    end = text.index("build: true\n", arabic) + len("build: true\n")
    config.write_text(text[:end] + RUSSIAN + text[end:], "utf-8")
    init = subprocess.run(
        [sys.executable, "-m", "respub.l10n.i18n", "--root", str(project), "init", "ru"],
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stderr
    printed, errors = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(errors):
        code = publish(project)  # what `make site` runs
    assert code == 0, errors.getvalue()
    return project / "site", printed.getvalue()


def test_the_russian_edition_is_built_with_labelled_english_fallbacks(russian_site) -> None:
    site, _ = russian_site
    page = BeautifulSoup((site / "ru" / SLUG / "op5" / "index.html").read_text("utf-8"), "html.parser")
    assert page.html["lang"] == "ru"
    body = page.find(id="op5").select_one(".rp-body")
    assert body["lang"] == "en"
    assert body.select_one(".rp-fallback").get_text() == "Not yet translated: original text shown"
    assert body.select_one("p:not(.rp-fallback)").get_text().startswith("Urges parliaments")
    notice = page.select_one(".rp-unofficial")
    assert notice is not None and "Unofficial translation" in notice.get_text()


def test_the_russian_exports_and_search_index_exist(russian_site) -> None:
    site, _ = russian_site
    akn = (site / "ru" / SLUG / f"{SLUG}.akn.xml").read_text("utf-8")
    assert re.search(r'<FRBRthis value="[^"]*/rus@[^"]*"/>', akn)  # the Russian expression, ISO 639-2
    assert '<FRBRlanguage language="mul"/>' in akn  # mostly English fallbacks as yet
    indexes = {path.name for path in (site / "pagefind").glob("pagefind.*.pf_meta")}
    assert any(name.startswith("pagefind.ru") for name in indexes), indexes


def test_make_site_prints_each_languages_translation_summary(russian_site) -> None:
    _, printed = russian_site
    summaries = re.findall(r"^Translation progress, (\w+): (\d+)/(\d+) messages translated", printed, re.M)
    assert [lang for lang, _, _ in summaries] == ["fr", "es", "ar", "ru"]
    assert all(done == total for lang, done, total in summaries if lang != "ru")
    assert [(done, total) for lang, done, total in summaries if lang == "ru"][0][0] == "0"
