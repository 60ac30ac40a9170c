"""The instrument registry and the search for citations of its instruments in paragraph text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from respub.errors import InputError
from respub.model import Metadata, Resolution, Source
from respub.registry.instruments import (
    KINDS,
    Mention,
    Registry,
    citing_sentence,
    find_mentions,
    load_registry,
)
from respub.source.metadata import read_metadata
from respub.source.parse import parse_resolution

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "instruments"
CORPUS = ROOT / "tests" / "data" / "corpus"
SEED = ROOT / "docs" / "ipu-145-migration"
BAD = sorted((DATA / "bad").glob("*.yml"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(ROOT / "registry" / "instruments.yml")


def mentions(text: str, registry: Registry, lang: str = "en") -> list[tuple[str, str]]:
    return [(m.instrument_id, m.text) for m in find_mentions(text, registry, lang)]


def texts(resolution: Resolution) -> dict[str, str]:
    """Every paragraph and sub-paragraph text by id."""
    out: dict[str, str] = {}
    for paragraph in resolution.paragraphs:
        out[paragraph.id] = paragraph.text
        out.update((sub.id, sub.text) for sub in paragraph.descendants())
    return out


def expected_mentions(data: dict[str, list[list[str]]] | None) -> dict[str, list[tuple[str, str]]]:
    return {key: [(pair[0], pair[1]) for pair in pairs] for key, pairs in (data or {}).items()}


def found_mentions(resolution: Resolution, registry: Registry) -> dict[str, list[tuple[str, str]]]:
    found = {key: mentions(text, registry) for key, text in texts(resolution).items()}
    return {key: pairs for key, pairs in found.items() if pairs}


# ---------------------------------------------------------------------------------------------
# The registry file


def test_the_registry_is_valid_and_covers_the_seed_resolution(registry: Registry) -> None:
    ids = [instrument.id for instrument in registry]
    assert len(ids) == len(set(ids))
    assert all(instrument.kind in KINDS for instrument in registry)
    cited = {
        pair[0]
        for pairs in yaml.safe_load((DATA / "expected-ipu-145-migration.yml").read_text()).values()
        for pair in pairs
    }
    assert cited <= set(ids)
    assert {
        "un-charter",
        "udhr",
        "geneva-conventions",
        "gcm",
        "gcm-objective-10",
        "gcr",
        "untoc",
        "trafficking-protocol",
        "refugee-convention-1951",
        "refugee-protocol-1967",
        "agenda-2030",
        "sdgs",
        "chr-decision-2004-110",
        "global-plan-of-action-trafficking",
        "rome-statute",
    } <= set(ids)


def test_each_instrument_remembers_its_line(registry: Registry) -> None:
    lines = (ROOT / "registry" / "instruments.yml").read_text("utf-8").splitlines()
    for instrument in registry:
        assert lines[instrument.source.line - 1] == f"- id: {instrument.id}"
        assert instrument.source.path == registry.path


def test_title_falls_back_to_english(registry: Registry) -> None:
    assert registry.title("gcm", "fr") == "Pacte mondial pour des migrations sûres, ordonnées et régulières"
    assert registry.title("gcm") == "Global Compact for Safe, Orderly and Regular Migration"
    assert registry.title("ipu-118-migrant-workers", "ar") == (
        "Migrant workers, people trafficking, xenophobia and human rights"
    )
    assert registry.get("no-such-instrument") is None
    with pytest.raises(KeyError):
        registry.title("no-such-instrument")


def test_hard_wrapped_titles_are_read_as_one_line(registry: Registry) -> None:
    protocol = registry.get("trafficking-protocol")
    assert protocol is not None
    assert protocol.title == (
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, "
        "supplementing the United Nations Convention against Transnational Organized Crime"
    )
    assert protocol.part_of == ""
    assert registry.get("gcm-objective-10").part_of == "gcm"


@pytest.mark.parametrize("path", BAD, ids=lambda path: path.stem)
def test_a_bad_registry_fails_with_its_line_and_reason(path: Path) -> None:
    first_line = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    expected = re.fullmatch(r"# error: (\d+): (.+)", first_line)
    assert expected, f"{path.name} must start with '# error: LINE: message'"
    with pytest.raises(InputError) as caught:
        load_registry(path)
    assert str(caught.value) == f"{path}:{expected.group(1)}: {expected.group(2)}"
    assert caught.value.line == int(expected.group(1))


def test_the_bad_files_cover_the_required_cases() -> None:
    names = {path.stem for path in BAD}
    assert {
        "alias-collision",
        "duplicate-id",
        "unknown-kind",
        "missing-title",
        "bad-date",
        "not-yaml",
    } <= names


def test_a_registry_file_that_does_not_exist_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_registry(tmp_path / "instruments.yml")


# ---------------------------------------------------------------------------------------------
# The seed resolution and the corpus, paragraph by paragraph


def test_seed_resolution_cites_exactly_what_the_expected_file_lists(registry: Registry) -> None:
    resolution = parse_resolution(SEED / "text.txt", read_metadata(SEED / "resolution.yml"))
    expected = expected_mentions(yaml.safe_load((DATA / "expected-ipu-145-migration.yml").read_text("utf-8")))
    assert set(expected) <= set(texts(resolution)), "the expected file names a paragraph the text lacks"
    assert found_mentions(resolution, registry) == expected


CORPUS_EXPECTED = yaml.safe_load((DATA / "expected-corpus.yml").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(CORPUS_EXPECTED))
def test_corpus_text_cites_exactly_what_the_expected_file_lists(name: str, registry: Registry) -> None:
    metadata = Metadata("corpus", "General Assembly", "80", "New York", dt.date(2025, 1, 1), "", "en", Source(name, 1))
    resolution = parse_resolution(CORPUS / name, metadata)
    assert found_mentions(resolution, registry) == expected_mentions(CORPUS_EXPECTED[name])


def test_the_report_of_the_icc_cites_the_rome_statute(registry: Registry) -> None:
    expected = expected_mentions(CORPUS_EXPECTED["un-ga-A_RES_80_6-en.txt"])
    assert expected["pp2"][0] == ("rome-statute", "Rome Statute of the International Criminal Court")
    assert (
        "icc-privileges-immunities",
        "Agreement on the Privileges and Immunities of the International Criminal Court",
    ) in expected["op3"]


# ---------------------------------------------------------------------------------------------
# Matching rules


def test_longest_match_wins_over_a_title_nested_in_it(registry: Registry) -> None:
    text = (
        "recalling the subsequent IPU resolution Peaceful resolution of the war in Ukraine, respecting "
        "international law, the Charter of the United Nations and territorial integrity (adopted at the "
        "144th Assembly)"
    )
    assert [m for m, _ in mentions(text, registry)] == ["ipu-144-war-in-ukraine"]
    assert mentions("their commitment outlined in Objective 10 of the Global Compact for Migration and", registry) == [
        ("gcm-objective-10", "Objective 10 of the Global Compact for Migration")
    ]


def test_longest_match_wins_even_when_a_shorter_one_starts_earlier(tmp_path: Path) -> None:
    path = tmp_path / "instruments.yml"
    path.write_text(
        "- {id: short, kind: convention, title: Alpha Beta}\n- {id: long, kind: convention, title: Beta Gamma Delta}\n",
        "utf-8",
    )
    assert mentions("the Alpha Beta Gamma Delta text", load_registry(path)) == [("long", "Beta Gamma Delta")]


def test_mentions_are_whole_words(registry: Registry) -> None:
    assert mentions("the Protocols relating to the Status of Refugees", registry) == []
    assert mentions("its 1967 Protocols and the Rome Statutes", registry) == []
    assert mentions("the preRome Statute era and the Rome Statute-based system", registry) == []
    assert mentions("the 1967 Protocol; the Rome Statute.", registry) == [
        ("refugee-protocol-1967", "1967 Protocol"),
        ("rome-statute", "Rome Statute"),
    ]


def test_matching_is_case_sensitive(registry: Registry) -> None:
    assert mentions("the rome statute and the united nations charter", registry) == []
    assert mentions("the sustainable development goals", registry) == []


def test_mentions_never_overlap(registry: Registry) -> None:
    for path in [SEED / "text.txt", *sorted(CORPUS.glob("*.txt"))]:
        for line in path.read_text("utf-8").splitlines():
            found = find_mentions(line, registry)
            for before, after in zip(found, found[1:], strict=False):
                assert before.end <= after.start
            for mention in found:
                assert line[mention.start : mention.end] == mention.text


def test_compound_mentions_yield_each_instrument(registry: Registry) -> None:
    assert mentions("the 1951 Convention relating to the Status of Refugees and its 1967 Protocol,", registry) == [
        ("refugee-convention-1951", "1951 Convention relating to the Status of Refugees"),
        ("refugee-protocol-1967", "1967 Protocol"),
    ]
    text = (
        "the United Nations Convention against Transnational Organized Crime, and its Protocol to Prevent, "
        "Suppress and Punish Trafficking in Persons, Especially Women and Children"
    )
    assert mentions(text, registry) == [
        ("untoc", "United Nations Convention against Transnational Organized Crime"),
        (
            "trafficking-protocol",
            "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children",
        ),
    ]


def test_the_article_is_never_part_of_the_link(registry: Registry) -> None:
    text = "The Charter of the United Nations and the Universal Declaration of Human Rights"
    found = find_mentions(text, registry)
    assert [(m.start, m.text) for m in found] == [
        (4, "Charter of the United Nations"),
        (42, "Universal Declaration of Human Rights"),
    ]


def test_short_forms_need_the_article_and_no_longer_title(registry: Registry) -> None:
    assert mentions("The Charter and the provisions of the Charter;", registry) == [
        ("un-charter", "Charter"),
        ("un-charter", "Charter"),
    ]
    assert mentions("the African Charter, a Charter, Charter principles", registry) == []
    assert mentions("the Charter of the Organization of American States", registry) == []
    assert (
        mentions(
            "the Relationship Agreement between the United Nations and the International Atomic Energy Agency",
            registry,
        )
        == []
    )
    assert mentions("recalling the 1951 Convention and the Universal Declaration", registry) == [
        ("refugee-convention-1951", "1951 Convention"),
        ("udhr", "Universal Declaration"),
    ]


def test_punctuation_variants_of_a_name(registry: Registry) -> None:
    for text in (
        "Global Compact for Safe, Orderly and Regular Migration",
        "Global Compact for Safe, Orderly, and Regular Migration",
        "Global Compact for Safe,  Orderly and\nRegular Migration",
    ):
        assert [m for m, _ in mentions(text, registry)] == ["gcm"]


def test_an_instrument_the_registry_does_not_know_stays_plain(registry: Registry) -> None:
    assert mentions("Recalling the Convention against Torture and the Global Compact", registry) == []
    assert mentions("the International Covenant on Civil and Political Rights", registry) == []
    assert mentions("", registry) == []


def test_never_inside_a_footnote_token(registry: Registry) -> None:
    assert mentions("the Rome Statute[^1] and its[^1967] Protocol", registry) == [("rome-statute", "Rome Statute")]
    assert mentions("the Relationship Agreement,[^3] which", registry) == [
        ("icc-relationship-agreement", "Relationship Agreement")
    ]


def test_each_language_uses_its_own_names(registry: Registry) -> None:
    french = (
        "Réaffirmant la Charte des Nations Unies et la Déclaration universelle des droits de l'homme, "
        "conformément à la Charte, mais pas la Charte de l’Organisation des États américains,"
    )
    assert mentions(french, registry, "fr") == [
        ("un-charter", "Charte des Nations Unies"),
        ("udhr", "Déclaration universelle des droits de l'homme"),
        ("un-charter", "Charte"),
    ]
    assert mentions("la Agenda 2030 para el Desarrollo Sostenible y el Estatuto de Roma", registry, "es") == [
        ("agenda-2030", "Agenda 2030 para el Desarrollo Sostenible"),
        ("rome-statute", "Estatuto de Roma"),
    ]
    arabic = "إذ تعيد تأكيد ميثاق الأمم المتحدة والإعلان العالمي لحقوق الإنسان"
    assert mentions(arabic, registry, "ar") == [
        ("un-charter", "ميثاق الأمم المتحدة"),
        ("udhr", "الإعلان العالمي لحقوق الإنسان"),
    ]
    assert mentions("the Charter of the United Nations", registry, "fr") == []


def test_a_language_the_registry_names_nothing_in_finds_nothing(registry: Registry) -> None:
    """A new site language (Russian) needs no code: its texts simply cite nothing until named."""
    assert find_mentions("Устав Организации Объединенных Наций", registry, "ru") == ()
    assert find_mentions("Charter of the United Nations", registry, "ru") == ()


def test_the_pattern_is_built_once_per_registry_and_language(registry: Registry) -> None:
    assert registry.matcher("en") is registry.matcher("en")
    assert registry.matcher("fr") is not registry.matcher("en")
    again = load_registry(Path(registry.path))
    assert again == registry
    assert again.matcher("en") is not registry.matcher("en")


# ---------------------------------------------------------------------------------------------
# The citing sentence


def test_citing_sentence_is_the_clause_between_semicolons(registry: Registry) -> None:
    resolution = parse_resolution(SEED / "text.txt", read_metadata(SEED / "resolution.yml"))
    pp9 = resolution.paragraph("pp9").text
    (mention,) = find_mentions(pp9, registry)
    assert citing_sentence(pp9, mention) == (
        "and recalling the subsequent IPU resolution Peaceful resolution of the war in Ukraine, respecting "
        "international law, the Charter of the United Nations and territorial integrity (adopted at the "
        "144th Assembly, Nusa Dua, March 2022), which addresses the migration and displacement that has "
        "resulted from that war"
    )
    op16 = resolution.paragraph("op16").text
    (objective,) = find_mentions(op16, registry)
    assert citing_sentence(op16, objective).startswith("and strengthening national law enforcement capabilities")
    assert citing_sentence(op16, objective).endswith("relevant international conventions and treaties")


def test_citing_sentence_of_a_one_clause_paragraph_is_the_paragraph(registry: Registry) -> None:
    text = "Recalling the Global Compact on Refugees, endorsed by the United Nations General Assembly,"
    (mention,) = find_mentions(text, registry)
    assert citing_sentence(text, mention) == text.rstrip(",")


def test_citing_sentence_leaves_out_footnote_tokens_and_stops_at_a_sentence_end(registry: Registry) -> None:
    text = "Notes the Rome Statute of the International Criminal Court,[^1] as amended. It also recalls."
    (mention,) = find_mentions(text, registry)
    assert citing_sentence(text, mention) == "Notes the Rome Statute of the International Criminal Court, as amended"
    with pytest.raises(ValueError):
        citing_sentence("another text", mention)
    text = "It recalls resolution 58/318. Rome Statute of the International Criminal Court, article 12."
    (mention,) = find_mentions(text, registry)
    assert citing_sentence(text, mention) == "Rome Statute of the International Criminal Court, article 12."


def test_mention_is_a_plain_value() -> None:
    assert Mention(0, 3, "udhr", "abc") == Mention(0, 3, "udhr", "abc")
