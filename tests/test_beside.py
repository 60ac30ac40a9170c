"""The editions and the search index, made in a child process beside mkdocs' page builds
(respub.publish.beside): the same files as made in the build's own process, and the child's errors
are the build's errors."""

from __future__ import annotations

import multiprocessing
import shutil
from pathlib import Path

import pytest

from respub.errors import InputError
from respub.publish import beside, forked, search
from respub.publish.export import export_all
from respub.publish.site import Project, Site, load_resolutions, load_site
from tests.conftest import ROOT

LANGUAGES = ("en", "fr", "es", "ar")


@pytest.fixture(scope="module")
def model() -> Site:
    return load_site(Project(ROOT, ROOT / "docs", ROOT / "locales", LANGUAGES, "http://127.0.0.1:8000/"))


def written(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_child_writes_every_edition_and_the_search_bundle(model: Site, tmp_path: Path) -> None:
    site = tmp_path / "site"
    count = beside.finish(beside.start(model, site), site)
    assert sorted(tmp_path.iterdir()) == [site], "the child's folder is gone"
    files = written(site)
    exports = export_all(model)
    assert (
        files["ipu-145-migration/ipu-145-migration.akn.xml"]
        == exports["en"]["ipu-145-migration/ipu-145-migration.akn.xml"]
    )
    assert (
        files["fr/ipu-145-migration/ipu-145-migration.akn.xml"]
        == exports["fr"]["ipu-145-migration/ipu-145-migration.akn.xml"]
    )
    assert files["ar/resolutions.json"] == exports["ar"]["resolutions.json"]
    assert "fr/ipu-145-migration/ipu-145-migration.json" not in files  # one JSON, all languages, at the root
    assert "pagefind/pagefind-entry.json" in files and "pagefind/respub/fr/op5.json" in files
    assert count == len(list(search.records(model)))
    assert files == beside.make(model).files  # the same as made in this process


def test_without_fork_the_build_makes_the_same_files_itself(
    model: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forked.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    started = beside.start(model, tmp_path)
    assert started.child.process is None
    beside.finish(started, tmp_path)
    files = written(tmp_path)
    assert "ipu-145-migration/ipu-145-migration.akn.xml" in files and "pagefind/pagefind-entry.json" in files
    assert files == beside.make(model).files


def test_an_edition_the_child_refuses_fails_the_build_with_its_message(
    model: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(site: Site) -> dict:
        raise InputError("docs/ipu-145-migration/text.txt", 12, "op5 is missing from the French Akoma Ntoso edition")

    monkeypatch.setattr(beside, "export_all", refuse)
    started = beside.start(model, tmp_path / "site")
    assert started.child.process is not None  # refused in the child, reported by the parent
    with pytest.raises(InputError) as raised:
        beside.finish(started, tmp_path / "site")
    assert str(raised.value) == "docs/ipu-145-migration/text.txt:12: op5 is missing from the French Akoma Ntoso edition"
    assert not any(tmp_path.iterdir()), "nothing is left when the child failed"


def test_a_crash_in_the_child_is_reported_with_its_traceback(
    model: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(records: list) -> dict:
        raise ValueError("Pagefind answered nonsense")

    monkeypatch.setattr(search, "bundle_files", crash)
    with pytest.raises(RuntimeError, match=r"(?s)search index: Traceback.*ValueError: Pagefind answered nonsense"):
        beside.finish(beside.start(model, tmp_path), tmp_path)


def test_a_child_that_stops_as_mkdocs_does_reports_why_without_a_traceback() -> None:
    from mkdocs.exceptions import Abort

    def strict() -> None:
        raise Abort("Aborted with 1 warnings in strict mode!")

    with pytest.raises(RuntimeError) as raised:
        forked.result(forked.start("building es, ar", strict))
    assert str(raised.value) == "building es, ar: Aborted with 1 warnings in strict mode!"


def test_the_files_go_into_the_site_beside_what_mkdocs_wrote(tmp_path: Path) -> None:
    """A folder the site lacks is moved whole; in one it has, each file joins what is there."""
    made, site = tmp_path / "made", tmp_path / "site"
    for path, text in {
        "pagefind/a/1.pf": "1",
        "pagefind/b.json": "b",
        "fr/res/res.akn.xml": "akn",
        "feed.xml": "f",
    }.items():
        (made / path).parent.mkdir(parents=True, exist_ok=True)
        (made / path).write_text(text)
    for path, text in {"fr/res/index.html": "page", "index.html": "home", "feed.xml": "old"}.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    beside.move_into(made, site)
    found = {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*") if p.is_file()}
    assert found == {
        "pagefind/a/1.pf": "1",
        "pagefind/b.json": "b",
        "fr/res/res.akn.xml": "akn",
        "fr/res/index.html": "page",
        "index.html": "home",
        "feed.xml": "f",
    }
    assert not [p for p in made.rglob("*") if p.is_file()]


def test_the_texts_parse_in_two_processes_and_report_the_first_error_in_folder_order(tmp_path: Path) -> None:
    """load_resolutions parses the second half of the folders in a child (respub.publish.site): an error
    there is the build's error, an error in the first half wins as it would in one process, and no
    child is left behind."""
    docs = tmp_path / "docs"
    seed = ROOT / "docs" / "ipu-145-migration"
    for name in ("ipu-145-migration", "zz-1", "zz-2", "zz-3"):  # the child parses zz-2 and zz-3
        shutil.copytree(seed, docs / name)
    (docs / "zz-3" / "text.txt").unlink()
    with pytest.raises(InputError) as child_error:
        load_resolutions(docs)
    assert child_error.value.path == str(docs / "zz-3" / "resolution.yml")
    assert "no text.txt beside this metadata file" in str(child_error.value)
    (docs / "zz-1" / "text.txt").unlink()
    with pytest.raises(InputError) as first_error:
        load_resolutions(docs)
    assert first_error.value.path == str(docs / "zz-1" / "resolution.yml")
    assert multiprocessing.active_children() == []
