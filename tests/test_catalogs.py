"""The translators' workflow and the translated editions, on copies of the real catalogs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import write_po

from respub.l10n.catalogs import check_file, site_template
from respub.l10n.i18n import extract, site_languages, update
from respub.l10n.translate import load_catalog
from respub.publish.build import build
from tests.conftest import ROOT, copy_project

SLUG = "ipu-145-migration"
LANGUAGES = ("fr", "es", "ar")


def read_catalog(path: Path):
    return load_catalog(path, path.parent.parent.name)


def i18n(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "respub.l10n.i18n", "--root", str(root), *args], capture_output=True, text=True
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def test_real_catalogs_are_complete_and_pass_check() -> None:
    result = i18n(ROOT, "check")
    assert result.returncode == 0, result.stdout
    for lang in LANGUAGES:
        assert re.search(rf"^{lang} content: (\d+) translated, 0 fuzzy, 0 untranslated \(of \1\)$", result.stdout, re.M)
        assert re.search(rf"^{lang} site: (\d+) translated, 0 fuzzy, 0 untranslated \(of \1\)$", result.stdout, re.M)
    assert result.stdout.rstrip().endswith("0 errors")


def test_templates_are_up_to_date_with_the_sources(project: Path) -> None:
    before = {p.name: p.read_bytes() for p in (project / "locales").glob("*.pot")}
    extract(project)
    assert {p.name: p.read_bytes() for p in (project / "locales").glob("*.pot")} == before


def test_update_keeps_fuzzes_adds_and_obsoletes(project: Path) -> None:
    text = project / "docs" / SLUG / "text.txt"
    source = text.read_text("utf-8")
    op30 = re.search(r"  30\. (.*)\n", source).group(1)
    changed = source.replace("to facilitate labour mobility", "to facilitate labour and student mobility")
    changed = changed.replace(
        "achieve implementation of this resolution.\n",
        f"achieve implementation of this resolution;\n  32. {op30.replace('transmit', 'send')}\n",
    )
    changed = changed[: changed.index("(* A number of delegations")].rstrip() + "”\n"
    text.write_text(changed, "utf-8")
    extract(project)
    update(project)

    catalog = read_catalog(project / "locales" / "fr" / "LC_MESSAGES" / "content.po")
    op5 = catalog.get(next(m.id for m in catalog if m.context == f"{SLUG}:op5"), context=f"{SLUG}:op5")
    assert op5.fuzzy and op5.string.startswith("Prie instamment les parlements")
    assert "to facilitate labour mobility" in op5.previous_id[0]
    op4 = next(m for m in catalog if m.context == f"{SLUG}:op4")
    assert not op4.fuzzy and op4.string
    op32 = next(m for m in catalog if m.context == f"{SLUG}:op32")
    assert op32.string == "" and not op32.fuzzy  # never op30's translation, although nearly the same
    assert not any(m.context == f"{SLUG}:note" for m in catalog)
    assert any(m.context == f"{SLUG}:note" and m.string for m in catalog.obsolete.values())
    written = (project / "locales" / "fr" / "LC_MESSAGES" / "content.po").read_text("utf-8")
    assert "#| msgid " in written and '#~ msgctxt "ipu-145-migration:note"' in written

    files = {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")}
    extract(project)
    update(project)
    assert {p: p.read_bytes() for p in (project / "locales").rglob("*.po*")} == files


def test_init_starts_a_new_language(project: Path) -> None:
    result = i18n(project, "init", "de")
    assert result.returncode == 0, result.stderr
    catalog = read_catalog(project / "locales" / "de" / "LC_MESSAGES" / "content.po")
    assert str(catalog.locale) == "de" and all(not m.string for m in catalog if m.id)
    assert "add 'de' to the i18n languages in mkdocs.yml" in result.stdout
    assert i18n(project, "init", "de").returncode == 1
    unknown = i18n(project, "init", "xx")
    assert unknown.returncode == 1 and "'xx' is not a language code babel (CLDR) knows" in unknown.stderr
    assert "Traceback" not in unknown.stderr and not (project / "locales" / "xx").exists()


def _edit_fr(project: Path, domain: str, edit) -> Path:
    path = project / "locales" / "fr" / "LC_MESSAGES" / f"{domain}.po"
    catalog = read_catalog(path)
    edit(catalog)
    with open(path, "wb") as file:
        write_po(file, catalog)
    return path


def test_check_reports_markup_numbers_and_placeholders(project: Path) -> None:
    def spoil(catalog) -> None:
        for message in catalog:
            if message.context == f"{SLUG}:pp23":
                message.string = message.string.replace("2004/110", "2004")
            if message.context == f"{SLUG}:op1":
                message.string = "<script>alert(1)</script>"
            if message.id == "Operative paragraph {number}":
                message.string = "Paragraphe du dispositif"

    _edit_fr(project, "content", spoil)
    _edit_fr(project, "site", spoil)
    result = i18n(project, "check", "fr")
    assert result.returncode == 1
    number = r"content\.po:\d+: warning: number 110 of the source is missing from the translation"
    assert re.search(number, result.stdout)
    assert re.search(r"content\.po:\d+: markup in a translation \('<script>'\)", result.stdout)
    assert re.search(r"site\.po:\d+: placeholder \{number\} of the source is missing", result.stdout)
    counts, problems = check_file(project / "locales" / "fr" / "LC_MESSAGES" / "content.po", "fr")
    assert counts.untranslated == 0 and [problem.severity for problem in problems] == ["warning", "error"]
    assert "1 warning (translations held back, the original is shown)\n2 errors" in result.stdout


def test_a_script_in_a_translation_is_refused_by_the_build(project: Path, tmp_path: Path) -> None:
    def inject(catalog) -> None:
        for message in catalog:
            if message.context == f"{SLUG}:op1":
                message.string = "<script>alert('x')</script> Demande <b>gras</b>;"

    path = _edit_fr(project, "content", inject)
    line = next(m.lineno for m in read_catalog(path) if m.context == f"{SLUG}:op1")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert f"{path}:{line}: markup in a translation ('<script>')" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_a_broken_catalog_stops_the_build_with_its_line(project: Path, tmp_path: Path) -> None:
    path = project / "locales" / "es" / "LC_MESSAGES" / "content.po"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 30)
    lines[index] = "msgstr_oops " + lines[index][len("msgstr ") :]
    path.write_text("".join(lines), "utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert f"locales/es/LC_MESSAGES/content.po:{index + 1}: not a valid PO file" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_a_catalog_for_an_unlisted_language_is_reported(project: Path, tmp_path: Path) -> None:
    (project / "locales" / "de" / "LC_MESSAGES").mkdir(parents=True)
    (project / "locales" / "de" / "LC_MESSAGES" / "content.po").write_text('msgid ""\nmsgstr ""\n', "utf-8")
    result = build(project, tmp_path / "out")
    assert result.returncode == 1
    assert (
        "locales/de/LC_MESSAGES/content.po:1: catalog for language 'de', which the site does not build" in result.stderr
    )


def test_site_languages_are_read_from_mkdocs_yml() -> None:
    assert site_languages(ROOT) == ("en", "fr", "es", "ar")


def test_every_interface_string_in_the_code_is_extracted() -> None:
    """A `_()` call inside an f-string is invisible to the extractor: this catches it."""
    extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in site_template(ROOT) if m.id}
    calls = re.compile(r"""(?:\b_|ngettext)\(\s*(["'])(.+?)\1""")
    for path in sorted((ROOT / "respub").glob("*.py")):
        for match in calls.finditer(path.read_text("utf-8")):
            assert match.group(2) in extracted, f"{path.name}: {match.group(2)!r} is not in site.pot"


def test_comments_tell_translators_what_each_paragraph_is() -> None:
    french = {m.context: m for m in read_catalog(ROOT / "locales" / "fr" / "LC_MESSAGES" / "content.po") if m.context}
    pp21 = " ".join(french[f"{SLUG}:pp21"].auto_comments)  # long comments come back as several lines
    assert pp21.startswith("Preambular paragraph 21.")
    assert "Cites: Convention relating to the Status of Refugees; Protocol relating to the Status of Refugees." in pp21
    assert "Reservations: India (reservation)." in pp21
    assert "Keep numbers, years and document symbols" in pp21
    assert "Official title in fr: Convention relative au statut des réfugiés" in pp21
    assert "Reservations: Qatar (reservation, on 'labour mobility')." in " ".join(french[f"{SLUG}:op5"].auto_comments)
    arabic = {m.context: m for m in read_catalog(ROOT / "locales" / "ar" / "LC_MESSAGES" / "content.po") if m.context}
    assert "Official name in ar: الجمهورية العربية السورية" in " ".join(arabic["state:SY"].auto_comments)
    assert french["instrument:un-charter"].string == "Charte des Nations Unies"  # from the registry, official
