"""The resolution model: frozen dataclasses that remember where each piece came from.

Every piece of text keeps its `Source` (file and 1-based line) so that any later stage (linking
instruments, reading reservations, checking catalogs) can report `path:line: what is wrong`.

Paragraph ids are the permanent, language-neutral URL contract: `pp1`..`ppN`, `op1`..`opN`,
`op3-a`, `op3-a-ii`, `recital-a`, `op7-1-2`, `annex-18-b`, `annex-pp1`, `annex-ii-3` (respub/ids.py owns
the grammar). They never derive from text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

PREAMBULAR: Literal["preambular"] = "preambular"
OPERATIVE: Literal["operative"] = "operative"
RECITAL: Literal["recital"] = "recital"
ANNEX_PREAMBULAR: Literal["annex-preambular"] = "annex-preambular"
ANNEX_OPERATIVE: Literal["annex-operative"] = "annex-operative"
ParagraphKind = Literal["preambular", "operative", "recital", "annex-preambular", "annex-operative"]
PartKind = Literal["preamble", "recitals", "operative", "annex"]

# A footnote reference inside paragraph text: `[^3]`. It survives translation like a placeholder.
FOOTNOTE_REF = re.compile(r"\[\^(\d+)\]")


def footnote_ref(marker: str) -> str:
    return f"[^{marker}]"


@dataclass(frozen=True)
class Source:
    """Where a piece of input came from: a file and a 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class SubParagraph:
    """A lettered (a) or roman (i) sub-paragraph; `id` is e.g. `op3-a` or `op3-a-ii`."""

    id: str
    label: str  # as printed: "a", "ii"
    text: str
    source: Source
    children: tuple[SubParagraph, ...] = ()

    def walk(self) -> tuple[SubParagraph, ...]:
        """This sub-paragraph and all nested ones, in document order."""
        return (self, *self.descendants())

    def descendants(self) -> tuple[SubParagraph, ...]:
        out: list[SubParagraph] = []
        for child in self.children:
            out.extend(child.walk())
        return tuple(out)


@dataclass(frozen=True)
class Paragraph:
    """A preambular or operative paragraph.

    `text` is the paragraph's own words (for an operative paragraph, without its number). Footnote
    references stay in the text as `[^N]` tokens, so that they survive translation like placeholders.
    """

    id: str
    kind: ParagraphKind
    number: int
    text: str
    source: Source
    children: tuple[SubParagraph, ...] = ()

    def descendants(self) -> tuple[SubParagraph, ...]:
        """Every sub-paragraph, nested ones included, in document order."""
        out: list[SubParagraph] = []
        for sub in self.children:
            out.extend(sub.walk())
        return tuple(out)


@dataclass(frozen=True)
class Footnote:
    marker: str  # "1", "2"...
    text: str
    source: Source


@dataclass(frozen=True)
class Change:
    """A published id that the text no longer has, as declared in metadata (`moved:`, `withdrawn:`).

    `to` is the id it moved to (`op32` -> `op31`); empty when it was withdrawn, with `reason` saying why.
    """

    old: str
    to: str
    reason: str
    source: Source


@dataclass(frozen=True)
class Metadata:
    """What the secretariat declares beside the text (`resolution.yml`)."""

    slug: str
    body: str
    session: str
    place: str
    adopted: dt.date
    adoption: str  # "by consensus", "without a vote", "by a recorded vote of 165 to 7"...
    source_language: str
    source: Source
    short_title: str = ""
    symbol: str = ""
    title: str = ""  # the official title, where the text does not carry it (Security Council texts)
    changes: tuple[Change, ...] = ()  # paragraphs moved or withdrawn since publication
    previous_slugs: tuple[tuple[str, Source], ...] = ()  # slugs this resolution was published under
    # Akoma Ntoso identifiers (respub.frbr: "" means the documented default) and provenance.
    akn_country: str = ""
    akn_actor: str = ""
    akn_number: str = ""
    akn_doctype: str = ""
    akn_subtype: str = ""
    source_url: str = ""  # the official text this one was taken from
    licence: str = ""  # the licence of the published editions ("" means the project's, mkdocs.yml extra:)
    # The languages whose edition is the assembly's own official text (the source language first);
    # every other edition is the publishers' unofficial translation.
    official_languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Annex:
    """An annex: its heading as printed ("Annex", "Annex II"), its title and its own paragraphs.

    `numeral` is the lowercase roman numeral of the annex where a resolution has several ("ii"),
    empty for a single annex; the ids of its paragraphs carry it (`annex-ii-3`)."""

    numeral: str
    heading: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    source: Source


@dataclass(frozen=True)
class Part:
    """A part of the resolution as a reader navigates it: the preamble, the recitals, the operative
    part or one annex, with the annex's heading and title."""

    kind: PartKind
    heading: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    key: str  # "preamble", "recitals", "operative", "annex", "annex-ii": a stable anchor for the part


@dataclass(frozen=True)
class Resolution:
    metadata: Metadata
    title: str
    adoption_line: str
    enacting_formula: str
    preamble: tuple[Paragraph, ...]
    operative: tuple[Paragraph, ...]
    source: Source
    footnotes: tuple[Footnote, ...] = ()
    note: str = ""  # the reservations note, as printed (without its "(*" wrapper)
    note_source: Source | None = None
    number: str = ""  # "80/6" for a UN General Assembly resolution
    reference: str = ""  # "[without reference to a Main Committee (A/80/L.9)]"
    closing: str = ""  # "52nd plenary meeting 1 December 2025"
    header: tuple[str, ...] = field(default=())
    recitals: tuple[Paragraph, ...] = ()
    annexes: tuple[Annex, ...] = ()

    @property
    def slug(self) -> str:
        return self.metadata.slug

    @property
    def short_title(self) -> str:
        return self.metadata.short_title or self.title

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph in document order: preamble, recitals, operative part, annexes."""
        out = self.preamble + self.recitals + self.operative
        for annex in self.annexes:
            out += annex.paragraphs
        return out

    @property
    def parts(self) -> tuple[Part, ...]:
        """The non-empty parts in document order, for navigation and headings."""
        out: list[Part] = []
        if self.preamble:
            out.append(Part("preamble", "", "", self.preamble, "preamble"))
        if self.recitals:
            out.append(Part("recitals", "", "", self.recitals, "recitals"))
        if self.operative:
            out.append(Part("operative", "", "", self.operative, "operative"))
        for annex in self.annexes:
            key = f"annex-{annex.numeral}" if annex.numeral else "annex"
            out.append(Part("annex", annex.heading, annex.title, annex.paragraphs, key))
        return tuple(out)

    def paragraph(self, paragraph_id: str) -> Paragraph | None:
        for paragraph in self.paragraphs:
            if paragraph.id == paragraph_id:
                return paragraph
        return None

    def anchors(self) -> tuple[str, ...]:
        """Every paragraph and sub-paragraph id, in document order."""
        out: list[str] = []
        for paragraph in self.paragraphs:
            out.append(paragraph.id)
            out.extend(sub.id for sub in paragraph.descendants())
        return tuple(out)
