"""Read an adopted resolution's text, as received, into the model.

The input is plain text in the shape resolutions are published in: a header (title, adoption line,
for the UN the symbol, agenda item and committee reference), the enacting formula ("The General
Assembly,"), unnumbered preambular paragraphs, numbered operative paragraphs with (a)/(i)
sub-paragraphs, then a closing line, footnotes and a reservations note. Real input is messy (see
shared/corpus/README.md): page breaks cut paragraphs, running page headers stand between the pieces,
footnote markers are glued to words, lines are hard-wrapped. This module recovers the structure and
raises `InputError` (with file and line) where it cannot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from respub.errors import InputError
from respub.ids import ParagraphId
from respub.model import (
    OPERATIVE,
    PREAMBULAR,
    Footnote,
    Metadata,
    Paragraph,
    Resolution,
    Source,
    SubParagraph,
    footnote_ref,
)

ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")

_OPEN_QUOTES = '“"«'
_CLOSE_QUOTES = '”"»'
_ENACTING = re.compile(r"^[“\"«]?\s*(The\s.{3,160}?,)\s*$")
_SYMBOL_TITLE = re.compile(r"^(\d{1,3}/\d{1,4})\.\s+(.+)$")
_ADOPTED = re.compile(r"\bResolution adopted\b.*$", re.IGNORECASE)
_REFERENCE = re.compile(r"^\[.*\]$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\.(?:\s+(.*))?$")
_LETTERED = re.compile(r"^\s*\(([a-z]{1,4})\)(?:\s+(.*))?$")
_CLOSING = re.compile(r"^\d+(st|nd|rd|th) plenary meeting\b", re.IGNORECASE)
_NOTE = re.compile(r"^\(?\*\s*(.*?)\)?\s*$", re.DOTALL)
_FOOTNOTE_BLOCK = re.compile(r"^\s*(?:-{3,}|_{5,})\s*$")
_FOOTNOTE_BODY = re.compile(r"^\s*(?:\[\^(\d+)\]:|(\d{1,3})\s)\s*(.*)$")
_PAGE_NUMBER = re.compile(r"^\s*(\d{1,3}/\d{1,3}|\d{2}-\d{5}(\s*\([A-Z]\))?|\*\d{5,}\*)\s*$")
_RUNNING_SYMBOL = re.compile(r"^\s*[A-Z]{1,2}/RES/\d+/\d+\b")
_TERMINAL = re.compile(r"[,;:.][”\"»’)\]]*$")
_TRAILING_MARKER = re.compile(r"(\[\^\d+\]|\s?\d{1,2})\s*$")
# Words after which a number is a reference ("paragraph 3"), never a footnote marker.
_NUMBERING_WORD = re.compile(
    r"(?:paragraphs?|para\.|articles?|sections?|resolutions?|decisions?|goals?|targets?|chapters?|"
    r"annex(?:es)?|parts?|items?|vol\.|no\.|rules?|objectives?|principles?|phase|level|sessions?|"
    r"protocol|page|pages|and|to|of)\s*$",
    re.IGNORECASE,
)


@dataclass
class _Block:
    """A piece of body text being assembled: a numbered paragraph, a sub-paragraph or plain text."""

    line: int
    text: str
    number: int | None = None
    label: str | None = None
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Line:
    number: int
    text: str


# ---------------------------------------------------------------------------------------------
# Reading the file


def read_text(path: Path) -> str:
    """The file as text, or an InputError naming the line of the first undecodable byte."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            str(path), line, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(str(path), 1, "the file is empty: expected the text of an adopted resolution")
    return text


def _split_footnotes(path: str, lines: list[_Line]) -> tuple[list[_Line], list[Footnote]]:
    """Separate footnote bodies (after `---`, or under a `_____` page rule) from the text."""
    body: list[_Line] = []
    notes: list[tuple[str, list[str], int]] = []  # marker, text pieces, line
    mode = "text"  # "text" | "end" (after ---, to the end) | "page" (a page's footnotes)
    previous_blank = True
    for line in lines:
        stripped = line.text.strip()
        if mode == "text" and _FOOTNOTE_BLOCK.match(line.text):
            mode = "end" if stripped.startswith("-") else "page"
            previous_blank = True
            continue
        if mode == "text":
            body.append(line)
            continue
        if not stripped:
            previous_blank = True
            continue
        match = _FOOTNOTE_BODY.match(line.text)
        expected = str(int(notes[-1][0]) + 1) if notes else "1"
        if match and (match.group(1) or match.group(2)) == expected:
            notes.append((expected, [match.group(3).strip()], line.number))
        elif notes and (mode == "end" or not previous_blank):
            # A continuation: "[^2013]: (S/INF/68)." is the end of note 9 broken in two.
            notes[-1][1].append(_continuation(match, stripped))
        elif mode == "page":
            mode = "text"
            body.append(line)
        else:
            raise InputError(path, line.number, f"expected footnote {expected} here, found {stripped!r}")
        previous_blank = False
    footnotes = [Footnote(marker, normalize(" ".join(parts)), Source(path, number)) for marker, parts, number in notes]
    return body, footnotes


def _continuation(match: re.Match[str] | None, stripped: str) -> str:
    if match and match.group(1):  # "[^2013]: rest" was "2013 rest"
        return f"{match.group(1)} {match.group(3).strip()}"
    return stripped


def _chunks(lines: list[_Line]) -> list[list[_Line]]:
    """Blank-line separated groups of lines."""
    chunks: list[list[_Line]] = []
    current: list[_Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    return chunks


# ---------------------------------------------------------------------------------------------
# Normalizing text


def normalize(text: str) -> str:
    """One line of clean text: joined hard wraps, plain hyphens, no PDF hyphen-space artefacts."""
    text = text.replace("\u2011", "-").replace("\u00ad", "").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    # "post- conflict" -> "post-conflict", but keep "pre- and post-war".
    text = re.sub(r"(\w)- (?!and\b|or\b|to\b)([a-z])", r"\1-\2", text)
    return text


# ---------------------------------------------------------------------------------------------
# Header: everything before the enacting formula


@dataclass
class _Header:
    title: str = ""
    adoption_line: str = ""
    number: str = ""
    reference: str = ""
    lines: list[str] = field(default_factory=list)


def _read_header(path: str, chunks: list[list[_Line]]) -> _Header:
    header = _Header()
    for chunk in chunks:
        text = normalize(" ".join(line.text for line in chunk))
        symbol_title = _SYMBOL_TITLE.match(text)
        adopted = _ADOPTED.search(text)
        if symbol_title:
            header.number, header.title = symbol_title.group(1), symbol_title.group(2).strip()
        elif adopted:
            header.adoption_line = adopted.group(0).rstrip("* ")
            before = text[: adopted.start()].strip()
            if before and not header.title:
                header.title = before.rstrip("* ")
        elif _REFERENCE.match(text):
            header.reference = text
        else:
            header.lines.append(text)
    if not header.title:
        raise InputError(
            path,
            chunks[0][0].number if chunks else 1,
            "no title found before the enacting formula: expected '80/6. Title' or 'Title Resolution adopted by ...'",
        )
    return header


# ---------------------------------------------------------------------------------------------
# Body: blocks, then paragraphs


def _is_running_header(text: str, title: str) -> bool:
    stripped = text.strip()
    return bool(_PAGE_NUMBER.match(stripped) or _RUNNING_SYMBOL.match(stripped) or (title and stripped == title))


def _blocks(chunks: list[list[_Line]], title: str) -> list[_Block]:
    """Numbered, lettered and plain blocks; a page break's pieces are joined back together."""
    blocks: list[_Block] = []
    for chunk in chunks:
        lines = [line for line in chunk if not _is_running_header(line.text, title)]
        for index, line in enumerate(lines):
            numbered = _NUMBERED.match(line.text)
            lettered = _LETTERED.match(line.text)
            if numbered:
                blocks.append(_Block(line.number, numbered.group(2) or "", number=int(numbered.group(1))))
            elif lettered:
                blocks.append(_Block(line.number, lettered.group(2) or "", label=lettered.group(1)))
            elif index == 0:
                block = _Block(line.number, line.text)
                if blocks and _continues(blocks[-1], block):
                    blocks[-1].text += " " + line.text
                else:
                    blocks.append(block)
            else:
                blocks[-1].text += " " + line.text
    for block in blocks:
        block.text = normalize(block.text)
    return blocks


def _continues(previous: _Block, block: _Block) -> bool:
    """True when `block` is the rest of `previous`, cut by a page break."""
    if block.text.lstrip()[:1].islower():
        return True
    end = _TRAILING_MARKER.sub("", previous.text.rstrip())
    return not _TERMINAL.search(end) and not _CLOSING.match(block.text.strip())


@lru_cache(maxsize=1)
def preambular_openers() -> tuple[str, ...]:
    """The openers in data/preambular-openers.txt, longest first."""
    text = resources.files("respub").joinpath("data/preambular-openers.txt").read_text("utf-8")
    words = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(sorted(words, key=len, reverse=True))


def split_merged_preamble(text: str) -> list[str]:
    """Recover preambular paragraphs that lost their break: "..., Reaffirming also that ...".

    Only a known opener after a comma starts a new paragraph, so the recalled title "...,
    Strengthening inter-parliamentary cooperation..." stays inside its paragraph.
    """
    openers = "|".join(re.escape(word) for word in preambular_openers())
    pattern = re.compile(rf",\s+(?=(?:{openers})\s+[a-z])")
    parts = pattern.split(text)
    return [part.strip() + "," for part in parts[:-1]] + [parts[-1].strip()]


# ---------------------------------------------------------------------------------------------
# Footnote markers in the text


def _marker_pattern(marker: str) -> re.Pattern[str]:
    glued = rf"(?<=[^\W\d_]|[,;:.’”)\]]){marker}(?=[\s,;.]|$)"
    spaced = rf"(?<=[^\W\d_]|[,;:.’”)\]]) {{1,2}}{marker}(?= {{1,2}}[a-z]| *$)"
    return re.compile(rf"\[\^{marker}\]|{glued}|{spaced}")


def _find_marker(text: str, marker: str, start: int) -> re.Match[str] | None:
    for match in _marker_pattern(marker).finditer(text, start):
        if match.group(0).startswith("[^") or not _NUMBERING_WORD.search(text[: match.start()]):
            return match
    return None


def _place_markers(path: str, units: list[list[str]], footnotes: list[Footnote], line: int) -> None:
    """Replace each footnote's marker in the text (units, in document order) by `[^N]`, in order."""
    position = (0, 0)
    for footnote in footnotes:
        found = False
        for index in range(position[0], len(units)):
            start = position[1] if index == position[0] else 0
            match = _find_marker(units[index][0], footnote.marker, start)
            if match:
                text = units[index][0]
                replacement = footnote_ref(footnote.marker)
                units[index][0] = text[: match.start()] + replacement + text[match.end() :]
                position = (index, match.start() + len(replacement))
                found = True
                break
        if not found:
            raise InputError(path, footnote.source.line, f"footnote {footnote.marker} has no marker in the text")


# ---------------------------------------------------------------------------------------------
# Building paragraphs


def _roman_child(label: str, siblings: list[SubParagraph]) -> bool:
    """(i) after (h) is a letter; (i) after (a) is a roman sub-point of (a)."""
    if label not in ROMAN:
        return False
    if not siblings:
        return False
    expected_letter = chr(ord(siblings[-1].label[-1]) + 1) if len(siblings[-1].label) == 1 else ""
    return label != expected_letter


def _attach(path: str, paragraph_id: str, subs: list[SubParagraph], block: _Block) -> None:
    label = block.label or ""
    if _roman_child(label, subs):
        parent = subs[-1]
        children = parent.children
        expected = ROMAN[len(children)]
        if label != expected:
            raise InputError(path, block.line, f"sub-paragraph ({label}) where ({expected}) was expected")
        child = SubParagraph(
            str(ParagraphId.parse(parent.id).child(label)), label, block.text, Source(path, block.line)
        )
        subs[-1] = SubParagraph(parent.id, parent.label, parent.text, parent.source, children + (child,))
        return
    expected = chr(ord("a") + len(subs))
    if label != expected:
        raise InputError(path, block.line, f"sub-paragraph ({label}) where ({expected}) was expected")
    subs.append(
        SubParagraph(str(ParagraphId.parse(paragraph_id).child(label)), label, block.text, Source(path, block.line))
    )


@dataclass
class _Draft:
    kind: str
    number: int
    text: str
    line: int
    subs: list[SubParagraph] = field(default_factory=list)

    @property
    def id(self) -> str:
        pid = ParagraphId.preambular(self.number) if self.kind == PREAMBULAR else ParagraphId.operative(self.number)
        return str(pid)


@dataclass
class _Body:
    drafts: list[_Draft] = field(default_factory=list)
    closing: str = ""
    note: str = ""
    note_line: int = 0


def _read_body(path: str, blocks: list[_Block]) -> _Body:
    body = _Body()
    preamble_count = 0
    operative_count = 0
    for block in blocks:
        if block.number is not None:
            if block.number != operative_count + 1:
                expected = operative_count + 1
                what = "repeats" if block.number <= operative_count else "skips"
                raise InputError(
                    path,
                    block.line,
                    f"operative paragraph {block.number} {what} the numbering: expected {expected}",
                )
            operative_count += 1
            body.drafts.append(_Draft(OPERATIVE, operative_count, block.text, block.line))
        elif block.label is not None:
            if not body.drafts:
                raise InputError(path, block.line, f"sub-paragraph ({block.label}) stands outside any paragraph")
            _attach(path, body.drafts[-1].id, body.drafts[-1].subs, block)
        elif _CLOSING.match(block.text):
            body.closing = block.text
        elif _NOTE.match(block.text) and block.text.lstrip("(").startswith("*"):
            body.note = _NOTE.match(block.text).group(1).strip()
            body.note_line = block.line
        elif operative_count:
            raise InputError(
                path,
                block.line,
                "unnumbered text after the operative paragraphs: expected a numbered paragraph, "
                "a sub-paragraph such as (a), the closing line or the reservations note",
            )
        else:
            for text in split_merged_preamble(block.text):
                preamble_count += 1
                body.drafts.append(_Draft(PREAMBULAR, preamble_count, text, block.line))
    if not operative_count:
        raise InputError(path, blocks[-1].line if blocks else 1, "no numbered operative paragraph found")
    return body


def _strip_quotes(text: str) -> str:
    return text.rstrip().rstrip(_CLOSE_QUOTES).rstrip()


# ---------------------------------------------------------------------------------------------
# Entry point


def parse_resolution(path: Path, metadata: Metadata) -> Resolution:
    """Parse the adopted text at `path` into a Resolution described by `metadata`."""
    name = str(path)
    text = read_text(path)
    lines = [_Line(number, line.rstrip()) for number, line in enumerate(text.split("\n"), start=1)]
    lines, footnotes = _split_footnotes(name, lines)
    chunks = _chunks(lines)
    formula_index = next(
        (index for index, chunk in enumerate(chunks) if _ENACTING.match(normalize(chunk[0].text))), None
    )
    if formula_index is None:
        raise InputError(
            name,
            chunks[0][0].number,
            "no enacting formula found: expected a line such as 'The General Assembly,' before the "
            "preambular paragraphs",
        )
    formula_chunk = chunks[formula_index]
    formula = _ENACTING.match(normalize(formula_chunk[0].text)).group(1)
    header = _read_header(name, chunks[:formula_index])
    body_chunks = chunks[formula_index + 1 :]
    if len(formula_chunk) > 1:
        body_chunks.insert(0, formula_chunk[1:])
    blocks = _blocks(body_chunks, header.title)
    if blocks:
        blocks[-1].text = _strip_quotes(blocks[-1].text)
    body = _read_body(name, blocks)

    units = _text_units(body)
    _place_markers(name, units, footnotes, formula_chunk[0].number)
    paragraphs = _finish(name, body, units)

    return Resolution(
        metadata=metadata,
        title=header.title,
        adoption_line=header.adoption_line,
        enacting_formula=formula,
        preamble=tuple(p for p in paragraphs if p.kind == PREAMBULAR),
        operative=tuple(p for p in paragraphs if p.kind == OPERATIVE),
        source=Source(name, 1),
        footnotes=tuple(footnotes),
        note=body.note,
        note_source=Source(name, body.note_line) if body.note else None,
        number=header.number,
        reference=header.reference,
        closing=body.closing,
        header=tuple(header.lines),
    )


def _text_units(body: _Body) -> list[list[str]]:
    """Every piece of paragraph text in document order, as mutable one-element lists."""
    units: list[list[str]] = []
    for draft in body.drafts:
        units.append([draft.text])
        for sub in draft.subs:
            units.extend([s.text] for s in sub.walk())
    return units


def _finish(path: str, body: _Body, units: list[list[str]]) -> list[Paragraph]:
    """Freeze the drafts, taking their (marker-bearing) text from `units`."""
    texts = iter(unit[0] for unit in units)
    paragraphs: list[Paragraph] = []
    for draft in body.drafts:
        text = next(texts)
        subs = tuple(_refill(sub, texts) for sub in draft.subs)
        paragraphs.append(Paragraph(draft.id, draft.kind, draft.number, text, Source(path, draft.line), subs))
    return paragraphs


def _refill(sub: SubParagraph, texts) -> SubParagraph:
    text = next(texts)
    children = tuple(_refill(child, texts) for child in sub.children)
    return SubParagraph(sub.id, sub.label, text, sub.source, children)
