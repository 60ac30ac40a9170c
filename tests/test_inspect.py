"""`make inspect DIR=docs/<folder>`: the structure as the importer read it, or the refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from respub.source.inspect import ends, main

INSPECT = Path(__file__).parent / "data" / "inspect"


def test_prints_the_structure_as_read(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(INSPECT)
    assert main(["annex"]) == 0
    out = capsys.readouterr().out
    assert out == (INSPECT / "annex.out").read_text("utf-8")
    # what the secretariat checks first: every id with its words, the annex, the footnote's holder
    assert "  annex-2-a    l.25    Strengthen cooperation;" in out
    assert "Annex: Political declaration of the high-level meeting on a test subject (5)" in out
    assert "  [^1] in annex-pp2" in out


def test_a_refused_text_prints_the_refusal_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    folder = INSPECT / "refused"
    assert main([str(folder)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"refused: {folder / 'text.txt'}:6: no enacting formula found: expected a line such as "
        "'The General Assembly,' before the preambular paragraphs\n"
    )


def test_warns_about_what_a_person_should_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = Path(__file__).parent / "data" / "corpus"
    (tmp_path / "text.txt").write_bytes((corpus / "ep-TA-5-2003-0307-en.txt").read_bytes())
    (tmp_path / "resolution.yml").write_bytes((INSPECT / "annex" / "resolution.yml").read_bytes())
    assert main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"{tmp_path / 'text.txt'}:6: pp4 has '(1)': a footnote marker whose footnote is missing?" in out
    assert f"{tmp_path / 'text.txt'}:1: no adoption line ('Resolution adopted by ...') in the text" in out


def test_a_folder_without_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "resolution.yml").write_bytes((INSPECT / "annex" / "resolution.yml").read_bytes())
    assert main([str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"{tmp_path}: no text.txt in this folder\n"


def test_ends_keeps_short_texts_whole() -> None:
    assert ends("one two three") == "one two three"
    assert ends(" ".join(str(n) for n in range(20))) == "0 1 2 3 4 5 … 14 15 16 17 18 19"


def test_a_title_given_in_the_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    folder = INSPECT / "council"
    assert main([str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[2] == "Title:     Date of election to fill a vacancy in the International Court of Justice"
    assert out[3] == "Number:    1571 (2004)"
    op1 = "  op1          l.17    Decides that the election to fill … General Assembly at its fifty-ninth session."
    assert op1 in out
    assert out[-2:] == [
        "Warnings (1)",
        f"  {folder / 'resolution.yml'}:1: the title comes from the metadata, not from the text",
    ]
