"""The importer: golden structures for every real text, and a clear error for every bad one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from respub.errors import InputError
from respub.model import OPERATIVE, Paragraph, Source, SubParagraph
from respub.source.metadata import read_metadata
from respub.source.parse import _check_unique_ids, parse_resolution, split_merged_preamble
from tests.structure import expected_path, metadata_for, sample_metadata, structure

DATA = Path(__file__).parent / "data"
CORPUS = sorted((DATA / "corpus").glob("*.txt"))
BAD = yaml.safe_load((DATA / "bad-inputs.yml").read_text("utf-8"))
SEED = Path(__file__).parent.parent / "docs" / "ipu-145-migration"

# The counts in shared/corpus/README.md (logical paragraphs; sub-paragraphs of op1 in 80/1).
README_COUNTS = {
    "un-ga-A_RES_80_1-en": (5, 3, ["op1-a", "op1-b", "op1-c"]),
    "un-ga-A_RES_80_1-en.rawpdf": (5, 3, ["op1-a", "op1-b", "op1-c"]),
    "un-ga-A_RES_80_4-en": (8, 5, []),
    "un-ga-A_RES_80_6-en": (14, 32, []),
    "un-ga-A_RES_80_62-en": (8, 10, []),
    "ipu-145-migration-trafficking": (24, 31, []),
    "un-ga-A_RES_80_53-en": (25, 12, [f"op5-{x}" for x in "abcd"] + [f"op6-{x}" for x in "abcdefgh"]),
    "un-sc-S_RES_1571-en.rawpdf": (3, 1, []),
    "ep-TA-5-2003-0307-en": (7, 2, []),
}


@pytest.mark.parametrize("text", CORPUS, ids=lambda p: p.stem)
def test_structure_matches_golden_file(text: Path) -> None:
    expected = yaml.safe_load(expected_path(text).read_text("utf-8"))
    assert structure(parse_resolution(text, metadata_for(text))) == expected


@pytest.mark.parametrize("text", CORPUS, ids=lambda p: p.stem)
def test_counts_match_the_corpus_readme(text: Path) -> None:
    resolution = parse_resolution(text, metadata_for(text))
    preamble, operative, subs = README_COUNTS[text.stem]
    assert (len(resolution.preamble), len(resolution.operative)) == (preamble, operative)
    assert [s.id for p in resolution.paragraphs for s in p.descendants()] == subs
    assert [p.id for p in resolution.preamble] == [f"pp{n}" for n in range(1, preamble + 1)]
    assert [p.id for p in resolution.operative] == [f"op{n}" for n in range(1, operative + 1)]


def test_the_raw_pdf_text_reads_like_the_clean_one() -> None:
    raw = parse_resolution(DATA / "corpus" / "un-ga-A_RES_80_1-en.rawpdf.txt", sample_metadata())
    clean = parse_resolution(DATA / "corpus" / "un-ga-A_RES_80_1-en.txt", sample_metadata())
    assert [(p.id, p.text) for p in raw.paragraphs] == [(p.id, p.text) for p in clean.paragraphs]
    raw_subs = [(s.id, s.text) for p in raw.paragraphs for s in p.descendants()]
    assert raw_subs == [(s.id, s.text) for p in clean.paragraphs for s in p.descendants()]
    # The page header and the footnote that stood inside op1 (a) are gone from its text.
    assert "25-15106" not in raw_subs[0][1] and "See resolution" not in raw_subs[0][1]
    assert raw.footnotes[0].text == "See resolution 169 (II)."


def test_page_breaks_join_the_pieces_of_a_paragraph() -> None:
    cuba = parse_resolution(DATA / "corpus" / "un-ga-A_RES_80_4-en.txt", sample_metadata())
    assert "51/17 of 12 November 1996, 52/10 of 5 November 1997" in cuba.preamble[5].text
    assert "A/RES/80/4" not in cuba.preamble[5].text
    icc = parse_resolution(DATA / "corpus" / "un-ga-A_RES_80_6-en.txt", sample_metadata())
    assert "other international and regional organizations remain essential" in icc.preamble[7].text
    assert "post-conflict societies" in icc.preamble[4].text


def test_footnote_markers_in_all_their_forms() -> None:
    icc = parse_resolution(DATA / "corpus" / "un-ga-A_RES_80_6-en.txt", sample_metadata())
    assert "Criminal Court[^1] reaffirms" in icc.preamble[1].text  # "Court 1 reaffirms"
    assert "including paragraph 3 of the resolution" in icc.preamble[9].text  # a reference, not a marker
    assert "Relationship Agreement,[^3] which" in icc.preamble[9].text  # "Agreement, 3 which"
    assert icc.footnotes[8].text.endswith("1 August 2012–31 July 2013 (S/INF/68).")  # broken in two
    cuba = parse_resolution(DATA / "corpus" / "un-ga-A_RES_80_4-en.txt", sample_metadata())
    assert cuba.operative[0].text.endswith("resolution 79/7;[^1]")
    asia = parse_resolution(DATA / "corpus" / "un-ga-A_RES_80_62-en.txt", sample_metadata())
    assert "Sustainable Development Goals 5 and 16" in asia.preamble[5].text  # not footnote 5


def test_seed_recovers_lost_preambular_breaks() -> None:
    seed = parse_resolution(SEED / "text.txt", read_metadata(SEED / "resolution.yml"))
    assert seed.preamble[6].text.startswith("Reaffirming also that every State must ensure")
    assert seed.preamble[8].text.startswith("Stressing that war and violence")
    assert seed.preamble[23].text.startswith("Recalling the various resolutions of the Security Council")
    # The title of a recalled IPU resolution is not a new paragraph.
    assert ", Strengthening inter-parliamentary cooperation on migration" in seed.preamble[4].text
    assert seed.title.endswith("human-trafficking and human rights abuses")
    assert seed.adoption_line == "Resolution adopted by consensus"
    assert seed.enacting_formula == "The 145th Assembly of the Inter-Parliamentary Union,"
    assert seed.note.startswith("A number of delegations took the floor")
    assert seed.note.endswith("expressed its opposition to the resolution.")  # no closing quote
    assert seed.preamble[6].source.line == 15 and seed.operative[4].source.line == 51


def test_split_merged_preamble_only_at_known_openers() -> None:
    assert split_merged_preamble("Noting a, Recalling b, Strengthening c,") == [
        "Noting a,",
        "Recalling b, Strengthening c,",
    ]
    assert split_merged_preamble("Noting that A, B and C,") == ["Noting that A, B and C,"]


@pytest.mark.parametrize("name", sorted(BAD["bad-texts"]))
def test_bad_text_stops_with_its_position(name: str) -> None:
    path = DATA / "bad-texts" / name
    with pytest.raises(InputError) as error:
        parse_resolution(path, sample_metadata())
    assert str(error.value) == f"{path}:{BAD['bad-texts'][name]}"


@pytest.mark.parametrize("name", sorted(BAD["bad-metadata"]))
def test_bad_metadata_stops_with_its_position(name: str) -> None:
    path = DATA / "bad-metadata" / name
    with pytest.raises(InputError) as error:
        read_metadata(path)
    assert str(error.value) == f"{path}:{BAD['bad-metadata'][name]}"


def test_every_bad_input_file_has_an_expected_message() -> None:
    for folder in ("bad-texts", "bad-metadata"):
        assert sorted(p.name for p in (DATA / folder).iterdir()) == sorted(BAD[folder])


def test_security_council_text_without_blank_lines() -> None:
    path = DATA / "corpus" / "un-sc-S_RES_1571-en.rawpdf.txt"
    council = parse_resolution(path, metadata_for(path))
    assert council.number == "1571 (2004)"
    assert council.adoption_line == "Adopted by the Security Council at its 5070th meeting, on 4 November 2004"
    assert council.enacting_formula == "The Security Council,"
    assert council.title == "Date of election to fill a vacancy in the International Court of Justice"  # metadata
    # the single unnumbered operative paragraph is op1; its wrapped lines are one paragraph
    assert [p.id for p in council.operative] == ["op1"]
    assert council.operative[0].text.startswith("Decides that the election to fill the vacancy shall take place")
    assert council.preamble[0].text.endswith("taking effect on 11 February 2005,")
    with pytest.raises(InputError) as error:  # without the metadata's title, the text has none
        parse_resolution(path, sample_metadata())
    assert error.value.line == 1 and "title: ..." in error.value.message


def test_european_parliament_citations_are_preambular_paragraphs() -> None:
    path = DATA / "corpus" / "ep-TA-5-2003-0307-en.txt"
    decision = parse_resolution(path, metadata_for(path))
    assert decision.enacting_formula == "The European Parliament,"
    assert decision.title.startswith("European Parliament decision on the request for waiver")
    assert [p.source.line for p in decision.preamble] == list(range(3, 10))
    assert all(p.text.startswith("having ") for p in decision.preamble)  # the dash is the list's, not the text's
    # "1986(1)": the web copy lost this footnote; "Article 4(2)" reads the same, so the text keeps
    # it as printed and `make inspect` warns about it.
    assert decision.preamble[3].text.endswith("10 July 1986(1),")


def test_markdown_extraction_markers_and_page_break() -> None:
    verification = parse_resolution(DATA / "corpus" / "un-ga-A_RES_80_53-en.txt", sample_metadata())
    pp = verification.preamble
    assert pp[0].text.endswith("to verification,[^1]")  # "verification, 1"
    assert "the Secretary-General of 1990[^3] and 1995,[^4] and" in pp[1].text
    assert pp[1].text.endswith("General Assembly,[^5]")  # "assembly,5"
    assert pp[4].text.endswith("verification issues,[^8]")  # "issues,8"
    assert "Group of Scientific and Technical Experts on Nuclear Disarmament Verification, as well" in pp[2].text
    assert verification.operative[0].text.endswith("without prejudice to national positions in future negotiations;")
    assert verification.title == "Establishment of the Group of Scientific and Technical Experts on"  # as extracted


@pytest.mark.parametrize("text", CORPUS, ids=lambda p: p.stem)
def test_the_same_text_without_blank_lines_reads_the_same(text: Path, tmp_path: Path) -> None:
    """Web copies and PDF extractions often have no blank lines: the paragraph breaks then come from
    the lines themselves, and every corpus text must read the same (page footnotes included)."""
    squeezed = tmp_path / text.name
    squeezed.write_text("".join(line for line in text.read_text("utf-8").splitlines(True) if line.strip()), "utf-8")

    def read(path: Path) -> tuple:
        resolution = parse_resolution(path, metadata_for(text))
        paragraphs = [(p.id, p.text, [(s.id, s.text) for s in p.descendants()]) for p in resolution.paragraphs]
        footnotes = [(f.marker, f.text) for f in resolution.footnotes]
        return resolution.title, paragraphs, footnotes, resolution.closing, resolution.note

    assert read(squeezed) == read(text)


def test_two_paragraphs_with_one_id_stop_at_the_second() -> None:
    """The last guard behind the reading rules: no text is published with one id for two paragraphs."""
    first = Paragraph(
        "op1", OPERATIVE, 1, "Decides;", Source("t.txt", 7), (SubParagraph("op1-a", "a", "x;", Source("t.txt", 8)),)
    )
    second = Paragraph("op1", OPERATIVE, 1, "Requests.", Source("t.txt", 12))
    _check_unique_ids("t.txt", [first])
    with pytest.raises(InputError) as error:
        _check_unique_ids("t.txt", [first, second])
    assert str(error.value) == (
        "t.txt:12: this paragraph would have the id op1, which the paragraph at line 7 has already: "
        "tell the site's maintainers about this text"
    )
