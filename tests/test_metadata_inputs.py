"""Metadata mistakes a secretariat makes stop the real build with `path:line`, never a traceback."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from respub.l10n.translate import Text, load_translation
from respub.publish.build import build
from respub.render.edition import fallback_label
from respub.render.templating import environment
from respub.source.metadata import read_metadata
from tests.conftest import ROOT, copy_project

SLUG = "ipu-145-migration"


def test_an_unknown_source_language_stops_the_build_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    metadata = project / "docs" / SLUG / "resolution.yml"
    lines = metadata.read_text("utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith("source_language:"))
    lines[number - 1] = "source_language: xx\n"
    metadata.write_text("".join(lines), "utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert f"{metadata}:{number}: source_language 'xx' is not a language code babel (CLDR) knows" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_a_resolution_yaml_file_is_reported_not_ignored(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    folder = project / "docs" / SLUG
    (folder / "resolution.yml").rename(folder / "resolution.yaml")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    wrong = folder / "resolution.yaml"
    assert f"{wrong}:1: the metadata file must be named resolution.yml: rename resolution.yaml" in result.stderr


def test_a_metadata_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "resolution.yml"
    path.write_bytes(b"\xef\xbb\xbf" + (ROOT / "docs" / SLUG / "resolution.yml").read_bytes())
    assert read_metadata(path).slug == SLUG


def _label_html(ui, text: Text) -> BeautifulSoup:
    """The fallback label as the page templates write it."""
    macros = environment().get_template("_macros.html").module
    return BeautifulSoup(str(macros.fallback(fallback_label(ui, text))), "html.parser").p


def test_the_fallback_label_is_marked_with_its_own_language() -> None:
    """In Arabic, the label above English text is Arabic: marked lang="ar" inside the lang="en" text."""
    arabic = load_translation(ROOT / "locales", "ar")
    label = _label_html(arabic, Text("Urges", "en", "missing"))
    assert (label["lang"], label["dir"]) == ("ar", "rtl")
    english_label = "Not yet translated: original text shown"
    assert label.get_text() == arabic.gettext(english_label) != english_label
    russian = load_translation(ROOT / "locales", "ru")  # no catalog: the label is English, like the text
    plain = _label_html(russian, Text("Urges", "en", "missing"))
    assert plain.get_text() == english_label and not plain.has_attr("lang")
    assert fallback_label(arabic, Text("يحث", "ar", "translated")) is None
