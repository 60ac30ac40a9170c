"""Read an adopted resolution's text, as received, into the model.

The input is plain text in the shape assemblies publish resolutions in: a header (title, adoption
line, for the UN the symbol, agenda item and committee reference), the enacting formula ("The General
Assembly,", "The Security Council,", "The European Parliament,"; none in a text of numbered
paragraphs only), unnumbered preambular paragraphs or "– having regard to" citations, lettered
recitals ("A. whereas"), numbered operative paragraphs with (a)/(i) or decimal (7.1, 7.1.2)
sub-paragraphs (or a single unnumbered operative paragraph), a closing line, annexes ("Annex",
"Annex II": a title, unnumbered then numbered paragraphs), footnotes and a reservations note.

Paragraph breaks come from blank lines, or, in a text without any (PDF extractions, web copies),
from the lines themselves: a line opens a paragraph when the line before ends like a paragraph and
the line starts like one (a number, a letter, a dash, a known opener). Real input is messy (see
tests/data/corpus/ and the layouts in tests/data/layouts/): page breaks cut paragraphs, running
headers and footers stand between the pieces, footnote markers are glued to words, lines are
hard-wrapped. This module recovers the structure and raises `InputError` (file and the line where
the problem is) where it cannot, or where the result looks wrong: a paragraph holding the title, the
symbol or a page number, numbering that is not continuous, markers and footnotes that do not match,
annexes out of order, a section heading (not modelled yet), an unnumbered paragraph that does not end
as one or opens with a number ("1) Decides"), sub-paragraphs lettered "a)", two paragraphs with one id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from respub.errors import InputError
from respub.ids import ParagraphId, roman_numeral, roman_value
from respub.model import (
    ANNEX_OPERATIVE,
    ANNEX_PREAMBULAR,
    FOOTNOTE_REF,
    OPERATIVE,
    PREAMBULAR,
    RECITAL,
    Annex,
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
# "The General Assembly" without its comma: only capitalised words (a body's name), nothing else.
_ENACTING_NO_COMMA = re.compile(r"^[“\"«]?\s*(The(?:\s+(?:[A-Z0-9][\w’'.-]*|of|the|on|for|and)){1,8})\s*$")
_SYMBOL_TITLE = re.compile(r"^(\d{1,3}/\d{1,4})\.\s+(.+)$")
_ADOPTED = re.compile(r"(?:\bResolution adopted\b|^(?:Text\s+)?[Aa]dopted by\b).*$", re.IGNORECASE)
_COUNCIL_NUMBER = re.compile(r"^Resolution\s+(\d{1,5}\s*\(\d{4}\))$")
_REFERENCE = re.compile(r"^\[.*\]$")
# "1. Decides …", and "1.Decides …" where an extraction lost the space (a capital letter follows the full stop).
_NUMBERED = re.compile(r"^\s*(\d{1,4})\.(?:\s+(.*)|(?=[A-Z])(.*))?$")
_DECIMAL = re.compile(r"^\s*(\d{1,4}(?:\.\d{1,3})+)\.?\s+(\S.*)$")
_LETTERED = re.compile(r"^\s*\(([a-z]{1,4})\)(?:\s+(.*))?$")
_RECITAL = re.compile(r"^\s*([A-Z]{1,2})\.\s+([a-z].*)$")
_CITATION = re.compile(r"^\s*[–—-]\s+(\S.*)$")  # "- having regard to" too: a hyphen for the dash
_ANNEX = re.compile(r"^\s*(?:Annex|ANNEX)(?:\s+([IVXLC]{1,6}))?\s*$")
# A line of the header that is neither title nor adoption line: dates, "Distr.", session lines.
_HEADER_NOISE = re.compile(
    r"^(?:United Nations|.*\bDistr\.:.*|\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+[A-Z][a-z]+\s+\d{4}|"
    r"\d+(?:st|nd|rd|th)\s.*\bAssembly|[A-Z]{1,2}/RES/\S+(?:\s*\(\d{4}\))?|.*\bAgenda item\b.*)$"
)
# A verb opening an operative paragraph ("Decides", "Also requests"), for texts without blank lines.
# A wrapped line may start with any capitalised word ("Members of the Council"), so only these verbs.
_OPERATIVE_VERBS = (
    "Acknowledges|Adopts|Affirms|Agrees|Appeals|Appreciates|Approves|Authorizes|Calls|Commends|Condemns|"
    "Confirms|Considers|Decides|Declares|Demands|Deplores|Designates|Elects|Emphasizes|Encourages|Endorses|"
    "Establishes|Expresses|Extends|Highlights|Insists|Instructs|Invites|Notes|Proclaims|Reaffirms|Recalls|"
    "Recognizes|Recommends|Regrets|Reiterates|Renews|Requests|Resolves|Stresses|Supports|Takes|Underlines|"
    "Underscores|Urges|Welcomes"
)
_OPERATIVE_OPENER = re.compile(rf"^(?:(?:Also|Further|Again|Strongly|Once again)\s+)?(?:{_OPERATIVE_VERBS})\b", re.I)
_CLOSING = re.compile(r"^\d+(st|nd|rd|th) (?:plenary )?meeting\b", re.IGNORECASE)
_NOTE = re.compile(r"^\(?\*\s*(.*?)\)?\s*$", re.DOTALL)
_FOOTNOTE_BLOCK = re.compile(r"^\s*(?:-{3,}|_{5,})\s*$")
_FOOTNOTE_BODY = re.compile(r"^\s*(?:\[\^(\d+)\]:|(\d{1,3})\s)\s*(.*)$")
# Page furniture on a line of its own: "2/3", "25-15106", "25-15106 (E)", "*2515106*", or several ("25-15106 2/3").
_PAGE_NUMBER = re.compile(r"^\s*(?:(?:\d{1,3}/\d{1,3}|\d{2}-\d{5}(?:\s*\([A-Z]\))?|\*\d{5,}\*)\s*)+$")
_PAGE_NUMBER_INSIDE = re.compile(r"(?<![\w/-])(\d{2}-\d{5}\b|\*\d{7,}\*)")
_RUNNING_SYMBOL = re.compile(r"^\s*[A-Z]{1,2}/RES/(?:\d+/\d+\b|\d+\s*\(\d{4}\)\s*$)")
_TERMINAL = re.compile(r"[,;:.][”\"»’)\]]*$")
_TRAILING_MARKER = re.compile(r"(\[\^\d+\]|\s?\d{1,2})\s*$")
# Words after which a number is a reference ("paragraph 3"), never a footnote marker.
_NUMBERING_WORD = re.compile(
    r"(?:paragraphs?|para\.|articles?|sections?|resolutions?|decisions?|goals?|targets?|chapters?|"
    r"annex(?:es)?|parts?|items?|vol\.|no\.|rules?|objectives?|principles?|phase|level|sessions?|"
    r"protocol|page|pages|and|to|of)\s*$",
    re.IGNORECASE,
)


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
        if mode == "page" and _is_page_line(stripped):  # the next page begins: the text goes on
            mode = "text"
            body.append(line)
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
# Texts without blank lines: recovering the paragraph breaks line by line


def has_blank_line_breaks(lines: list[_Line]) -> bool:
    """True when blank lines separate the text's paragraphs (inside the text, not only around it)."""
    filled = [line.number for line in lines if line.text.strip()]
    if not filled:
        return False
    return any(not line.text.strip() for line in lines if filled[0] < line.number < filled[-1])


def _ends_sentence_piece(text: str) -> bool:
    """True when a line ends as a paragraph ends: with , ; : or . (a footnote marker may follow)."""
    stripped = text.rstrip()
    return bool(_TERMINAL.search(stripped) or _TERMINAL.search(_TRAILING_MARKER.sub("", stripped)))


def _opens_paragraph(text: str) -> bool:
    """True when a line can open a paragraph: a number, a letter, a dash, a recital, a known opener."""
    stripped = text.strip()
    if _classify(stripped) is not None or _ANNEX.match(stripped) or _CLOSING.match(stripped):
        return True
    if stripped[:1] in _OPEN_QUOTES or stripped.startswith(("*", "(*")):
        return True
    first = stripped.split(" ", 1)[0].rstrip(",")
    return first in preambular_openers() or bool(_OPERATIVE_OPENER.match(stripped))


def line_chunks(lines: list[_Line]) -> list[list[_Line]]:
    """Paragraph-sized groups of lines in a text without blank lines: a line opens a new group when
    the line before ends a sentence piece and the line itself opens a paragraph; a line in
    lowercase always continues ("Noting" / "that the term ..." in the IPU's PDF)."""
    chunks: list[list[_Line]] = []
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        if chunks and (
            stripped[:1].islower() or not _ends_sentence_piece(chunks[-1][-1].text) or not _opens_paragraph(stripped)
        ):
            chunks[-1].append(line)
        else:
            chunks.append([line])
    return chunks


def header_line_chunks(lines: list[_Line]) -> list[list[_Line]]:
    """The header of a text without blank lines: one group per line, a line in lowercase joining the
    line before ("Adopted by the Security Council at its 5070th meeting," / "on 4 November 2004")."""
    chunks: list[list[_Line]] = []
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        if chunks and stripped[:1].islower():
            chunks[-1].append(line)
        else:
            chunks.append([line])
    return chunks


def _repeated_headers(chunks: list[list[_Line]]) -> set[str]:
    """Running headers and footers: chunks that repeat from page to page (a wrapped header is a chunk
    of two lines), do not end like a paragraph and are no numbered item."""
    seen: dict[str, int] = {}
    for chunk in chunks:
        text = normalize(" ".join(line.text for line in chunk))
        seen[text] = seen.get(text, 0) + 1
    return {text for text, count in seen.items() if count > 1 and _looks_like_header(text)}


def _looks_like_header(text: str) -> bool:
    if _ends_sentence_piece(text) or _classify(text) is not None or _CLOSING.match(text):
        return False
    first = text.split(" ", 1)[0]
    return len(text) >= 8 and first not in preambular_openers()


def drop_running_lines(lines: list[_Line]) -> list[_Line]:
    """The body's lines without page furniture: page and job numbers, running symbols,
    and lines that repeat from page to page (a running header, also wrapped over two lines). A
    repeated line goes only where it stands beside other page furniture, never on its own: the same
    words wrapped the same way can recur inside paragraphs."""
    seen: dict[str, int] = {}
    for line in lines:
        text = normalize(line.text)
        seen[text] = seen.get(text, 0) + 1
    repeated = {text for text, count in seen.items() if count > 1 and _looks_like_header(text)}

    def furniture(index: int) -> bool:
        return 0 <= index < len(lines) and (
            _is_page_line(lines[index].text) or normalize(lines[index].text) in repeated
        )

    kept: list[_Line] = []
    for index, line in enumerate(lines):
        if _is_page_line(line.text):
            continue
        if normalize(line.text) in repeated and (furniture(index - 1) or furniture(index + 1)):
            continue
        kept.append(line)
    return kept


def _without_furniture(chunks: list[list[_Line]]) -> list[list[_Line]]:
    """Blank-line separated chunks without page furniture (see `drop_running_lines`), wherever it
    stands: alone between the pieces of a paragraph, or glued to one of them."""
    kept = {line.number for line in drop_running_lines([line for chunk in chunks for line in chunk])}
    remaining = [[line for line in chunk if line.number in kept] for chunk in chunks]
    return [chunk for chunk in remaining if chunk]


def _drop_headers(chunks: list[list[_Line]], headers: set[str]) -> list[list[_Line]]:
    """Remove running headers: whole chunks, single lines, and runs of lines that make one up."""
    out: list[list[_Line]] = []
    for chunk in chunks:
        after_annex_heading = bool(out) and bool(_ANNEX.match(out[-1][-1].text))
        if after_annex_heading:  # an annex's title may repeat the resolution's
            out.append(chunk)
            continue
        if normalize(" ".join(line.text for line in chunk)) in headers:
            continue
        kept: list[_Line] = []
        index = 0
        while index < len(chunk):
            width = _header_run(chunk, index, headers)
            if width:
                index += width
                continue
            kept.append(chunk[index])
            index += 1
        if kept:
            out.append(kept)
    return out


def _header_run(chunk: list[_Line], index: int, headers: set[str]) -> int:
    """How many lines from `index` make up a running header (0 if none): one line, or two wrapped."""
    for width in (1, 2, 3):
        if index + width > len(chunk):
            break
        text = normalize(" ".join(line.text for line in chunk[index : index + width]))
        if text in headers:
            return width
    return 0


# ---------------------------------------------------------------------------------------------
# Header: everything before the enacting formula


@dataclass
class _Header:
    title: str = ""
    title_line: int = 0
    adoption_line: str = ""
    number: str = ""
    reference: str = ""
    lines: list[str] = field(default_factory=list)


def _read_header(path: str, chunks: list[list[_Line]], metadata: Metadata, formula_line: int) -> _Header:
    """Title, adoption line, number and reference. Where the text has no title line (a Security
    Council text), the title comes from the metadata; the title may run over several lines."""
    header = _Header()
    run: list[tuple[str, int]] = []  # header lines since the last recognised one: a title candidate
    for chunk in chunks:
        text = normalize(" ".join(line.text for line in chunk))
        symbol_title = _SYMBOL_TITLE.match(text)
        adopted = _ADOPTED.search(text)
        council = _COUNCIL_NUMBER.match(text)
        if symbol_title:
            header.number, header.title = symbol_title.group(1), symbol_title.group(2).strip()
            header.title_line = chunk[0].number
        elif council:
            header.number = council.group(1)
        elif adopted:
            header.adoption_line = normalize(adopted.group(0).replace("*", " "))  # "*": the note's mark
            before = text[: adopted.start()].strip()
            if before and not header.title:
                header.title, header.title_line = before.rstrip("* "), chunk[0].number
            elif run and not header.title:
                header.title, header.title_line = " ".join(t for t, _ in run).rstrip("* "), run[0][1]
        elif _REFERENCE.match(text):
            header.reference = text
        elif _HEADER_NOISE.match(text) or _PAGE_NUMBER.match(text):
            header.lines.append(text)
            run = []
            continue
        else:
            header.lines.append(text)
            run.append((text, chunk[0].number))
            continue
        run = []
    if not header.title and run and not header.adoption_line:
        header.title, header.title_line = " ".join(t for t, _ in run), run[0][1]
    if not header.title and metadata.title:
        header.title = metadata.title
    if not header.title:
        raise InputError(
            path,
            chunks[0][0].number if chunks else formula_line,
            "no title found before the enacting formula: expected '80/6. Title' or 'Title Resolution "
            "adopted by ...', or give the title in resolution.yml ('title: ...')",
        )
    return header


def _find_formula(chunks: list[list[_Line]]) -> tuple[int, str] | None:
    """The index of the chunk opening with the enacting formula, and the formula (comma restored)."""
    for index, chunk in enumerate(chunks):
        first = normalize(chunk[0].text)
        match = _ENACTING.match(first)
        if match:
            return index, match.group(1)
        bare = _ENACTING_NO_COMMA.match(first)
        if bare and len(chunk) == 1 and index + 1 < len(chunks) and _looks_like_body(chunks[index + 1]):
            return index, bare.group(1) + ","
    return None


def _looks_like_body(chunk: list[_Line]) -> bool:
    first = chunk[0].text.strip()
    return first.split(" ", 1)[0].rstrip(",") in preambular_openers() or _classify(first) is not None


def _no_formula(path: str, chunks: list[list[_Line]]) -> InputError:
    """The error for a text without enacting formula, at the first line that reads as a preambular
    paragraph (that is where the formula should stand before), else at the first line."""
    line = chunks[0][0].number if chunks else 1
    for chunk in chunks:
        if _looks_like_body(chunk):
            line = chunk[0].number
            break
    return InputError(
        path,
        line,
        "no enacting formula found: expected a line such as 'The General Assembly,' before the preambular paragraphs",
    )


def _numbered_only_start(chunks: list[list[_Line]]) -> int | None:
    """Where a text of numbered paragraphs only (Council of Europe PACE: "1. The Assembly ...")
    begins: the first chunk opening with "1.", provided no preambular paragraph stands before it."""
    for index, chunk in enumerate(chunks):
        block = _classify(chunk[0].text.strip())
        if block is not None and block.kind == "number" and block.number == 1:
            return index
        if _looks_like_body(chunk):
            return None
    return None


# ---------------------------------------------------------------------------------------------
# Body: blocks, then paragraphs


@dataclass
class _Block:
    """A piece of body text being assembled: a numbered paragraph ("number"), a decimal
    sub-paragraph ("decimal", 7.1.2), a lettered sub-paragraph ("letter"), a recital ("recital",
    A. whereas), a citation ("citation", – having regard to), an annex heading ("annex") and the
    annex's title ("annex-title"), or plain text ("plain")."""

    line: int
    text: str
    kind: str = "plain"
    number: int | None = None
    label: str | None = None
    path: tuple[int, ...] = ()


def _classify(text: str) -> _Block | None:
    """The block a line opens, if it opens a numbered, lettered, decimal, recital or citation block."""
    decimal = _DECIMAL.match(text)
    if decimal:
        path = tuple(int(part) for part in decimal.group(1).split("."))
        return _Block(0, decimal.group(2), "decimal", number=path[0], path=path)
    numbered = _NUMBERED.match(text)
    if numbered:
        return _Block(0, numbered.group(2) or numbered.group(3) or "", "number", number=int(numbered.group(1)))
    lettered = _LETTERED.match(text)
    if lettered:
        return _Block(0, lettered.group(2) or "", "letter", label=lettered.group(1))
    recital = _RECITAL.match(text)
    if recital:
        return _Block(0, recital.group(2), "recital", label=recital.group(1))
    citation = _CITATION.match(text)
    if citation:
        return _Block(0, citation.group(1), "citation")
    return None


def _blocks(chunks: list[list[_Line]]) -> list[_Block]:
    """Numbered, lettered and plain blocks; a page break's pieces are joined back together."""
    blocks: list[_Block] = []
    for chunk in chunks:
        lines = [line for line in chunk if not _is_page_line(line.text)]
        for index, line in enumerate(lines):
            opened = _classify(line.text)
            if opened is not None:
                opened.line = line.number
                blocks.append(opened)
            elif _ANNEX.match(line.text):
                blocks.append(_Block(line.number, line.text.strip(), "annex"))
            elif blocks and blocks[-1].kind == "annex":
                blocks.append(_Block(line.number, line.text, "annex-title"))
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


def _is_page_line(text: str) -> bool:
    stripped = text.strip()
    return bool(_PAGE_NUMBER.match(stripped) or _RUNNING_SYMBOL.match(stripped))


def _continues(previous: _Block, block: _Block) -> bool:
    """True when `block` is the rest of `previous`, cut by a page break."""
    if previous.kind in ("annex", "annex-title"):
        return False
    if block.text.lstrip()[:1].islower():
        return True
    if _opens_preambular_paragraph(block.text):  # "Recalling that …" after "General provisions": a new paragraph
        return False
    return not _ends_sentence_piece(previous.text) and not _CLOSING.match(block.text.strip())


def _opens_preambular_paragraph(text: str) -> bool:
    """True when `text` opens as a preambular paragraph does: a known opener, then a lowercase word."""
    return _preambular_start().match(text) is not None


def _opening() -> str:
    """The regular expression of a preambular paragraph's start: a known opener, then a lowercase word."""
    return "(?:" + "|".join(re.escape(word) for word in preambular_openers()) + r")\s+[a-z]"


@lru_cache(maxsize=1)
def _preambular_start() -> re.Pattern[str]:
    return re.compile(rf"\s*{_opening()}")


@lru_cache(maxsize=1)
def _merged_preamble_break() -> re.Pattern[str]:
    return re.compile(rf",\s+(?={_opening()})")


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
    parts = _merged_preamble_break().split(text)
    return [part.strip() + "," for part in parts[:-1]] + [parts[-1].strip()]


# ---------------------------------------------------------------------------------------------
# Footnote markers in the text


_YEAR_BEFORE = r"(?<=(?<![\w/.-])(?:1[89]|20)\d\d)"


def _marker_pattern(marker: str, *, glued_to_year: bool = False) -> re.Pattern[str]:
    """A footnote marker as extractions print it: `[^3]`, glued to a word or after punctuation
    ("79/7;1", "assembly,5"), spaced ("Court 1 reaffirms", "verification, 1"), after a year ("of 1990
    3 and"); with `glued_to_year`, glued to a year ("Declarations of 20172"), which is ambiguous."""
    if glued_to_year:
        return re.compile(rf"{_YEAR_BEFORE}{marker}(?=[\s,;.]|$)")
    glued = rf"(?<=[^\W\d_]|[,;:.’”)\]]){marker}(?=[\s,;.]|$)"
    spaced = rf"(?<=[^\W\d_]|[,;:.’”)\]]) {{1,2}}{marker}(?= {{1,2}}[a-z]| *$)"
    after_year = rf"{_YEAR_BEFORE} {marker}(?= [a-z]| *$)"
    before_sentence = rf"(?<=[.;:’”)]) {marker}(?= [A-Z])"  # "Principles. 13 We will"
    return re.compile(rf"\[\^{marker}\]|{glued}|{spaced}|{after_year}|{before_sentence}")


def _find_marker(text: str, marker: str, start: int, *, glued_to_year: bool = False) -> re.Match[str] | None:
    for match in _marker_pattern(marker, glued_to_year=glued_to_year).finditer(text, start):
        if match.group(0).startswith("[^") or not _NUMBERING_WORD.search(text[: match.start()]):
            return match
    return None


def _place_markers(path: str, units: list[list[str]], footnotes: list[Footnote], line: int) -> None:
    """Replace each footnote's marker in the text (units, in document order) by `[^N]`, in order.

    A marker glued to a year ("of 20172") is read as a marker only when the footnotes leave no
    other place for it: no unambiguous marker N stands anywhere after the previous one."""
    position = (0, 0)
    for footnote in footnotes:
        found = _locate(units, footnote.marker, position, glued_to_year=False)
        if found is None:
            found = _locate(units, footnote.marker, position, glued_to_year=True)
        if found is None:
            raise InputError(path, footnote.source.line, f"footnote {footnote.marker} has no marker in the text")
        index, match = found
        text = units[index][0]
        replacement = footnote_ref(footnote.marker)
        units[index][0] = text[: match.start()] + replacement + text[match.end() :]
        position = (index, match.start() + len(replacement))


def _locate(
    units: list[list[str]], marker: str, position: tuple[int, int], *, glued_to_year: bool
) -> tuple[int, re.Match[str]] | None:
    for index in range(position[0], len(units)):
        start = position[1] if index == position[0] else 0
        match = _find_marker(units[index][0], marker, start, glued_to_year=glued_to_year)
        if match:
            return index, match
    return None


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
        expected = ROMAN[len(children)] if len(children) < len(ROMAN) else "?"
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


def _attach_decimal(path: str, draft: _Draft, block: _Block) -> None:
    """A decimal sub-paragraph (7.1, 7.1.2) under paragraph 7 or sub-paragraph 7.1, in sequence."""
    printed = ".".join(str(n) for n in block.path)
    if block.path[0] != draft.number:
        raise InputError(
            path,
            block.line,
            f"sub-paragraph {printed} stands under paragraph {draft.number}: expected {draft.number}.…",
        )
    siblings = draft.subs
    parent: SubParagraph | None = None
    for depth in block.path[1:-1]:
        if depth != len(siblings) or not siblings:
            raise InputError(path, block.line, f"sub-paragraph {printed} has no parent sub-paragraph before it")
        parent = siblings[-1]
        siblings = list(parent.children)
    expected = len(siblings) + 1
    if block.path[-1] != expected:
        wanted = ".".join(str(n) for n in (*block.path[:-1], expected))
        raise InputError(path, block.line, f"sub-paragraph {printed} where {wanted} was expected")
    owner = ParagraphId.parse(parent.id) if parent else ParagraphId.parse(draft.id)
    sub = SubParagraph(str(owner.child(str(expected))), str(expected), block.text, Source(path, block.line))
    draft.subs[:] = _insert_decimal(draft.subs, block.path[1:], sub)


def _insert_decimal(subs: list[SubParagraph], path: tuple[int, ...], sub: SubParagraph) -> list[SubParagraph]:
    if len(path) == 1:
        return [*subs, sub]
    last = subs[-1]
    children = _insert_decimal(list(last.children), path[1:], sub)
    return [*subs[:-1], SubParagraph(last.id, last.label, last.text, last.source, tuple(children))]


@dataclass
class _Draft:
    kind: str
    number: int
    text: str
    line: int
    subs: list[SubParagraph] = field(default_factory=list)
    label: str = ""  # a recital's letters
    annex: str = ""  # the annex's numeral, where there are several

    @property
    def id(self) -> str:
        return str(self.paragraph_id)

    @property
    def paragraph_id(self) -> ParagraphId:
        if self.kind == PREAMBULAR:
            return ParagraphId.preambular(self.number)
        if self.kind == OPERATIVE:
            return ParagraphId.operative(self.number)
        if self.kind == RECITAL:
            return ParagraphId.recital(self.label)
        return ParagraphId.annex_paragraph(self.number, self.annex, unnumbered=self.kind == ANNEX_PREAMBULAR)


@dataclass
class _AnnexDraft:
    heading: str
    numeral: str
    line: int
    title: str = ""
    drafts: list[_Draft] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for draft in self.drafts if draft.kind == kind)


@dataclass
class _Body:
    drafts: list[_Draft] = field(default_factory=list)
    annexes: list[_AnnexDraft] = field(default_factory=list)
    closing: str = ""
    note: str = ""
    note_line: int = 0

    def count(self, kind: str) -> int:
        return sum(1 for draft in self.drafts if draft.kind == kind)

    def all_drafts(self) -> list[_Draft]:
        out = list(self.drafts)
        for annex in self.annexes:
            out.extend(annex.drafts)
        return out


def _check_annex_order(path: str, block: _Block, numeral: str, before: list[_AnnexDraft]) -> None:
    """Annexes are "Annex" alone, or "Annex I", "Annex II" … in order: each annex's paragraph ids carry
    its numeral (`annex-ii-3`), so a repeated or skipped numeral would give two paragraphs one id."""
    heading = block.text.strip()
    if before and not (numeral and before[-1].numeral):
        raise InputError(
            path,
            block.line,
            f"'{heading}' after '{before[-1].heading}': number the annexes "
            "'Annex I', 'Annex II' … as the official text does",
        )
    if numeral and roman_value(numeral) != len(before) + 1:
        raise InputError(
            path,
            block.line,
            f"'{heading}' where 'Annex {roman_numeral(len(before) + 1).upper()}' was expected: an annex "
            "left out or repeated? text.txt holds every annex, in order",
        )


def _numbering_error(path: str, block: _Block, count: int, what: str) -> InputError:
    expected = count + 1
    verb = "repeats" if (block.number or 0) <= count else "skips"
    return InputError(path, block.line, f"{what} {block.number} {verb} the numbering: expected {expected}")


def _read_body(path: str, blocks: list[_Block]) -> _Body:
    body = _Body()
    for block in blocks:
        annex = body.annexes[-1] if body.annexes else None
        drafts = annex.drafts if annex else body.drafts
        if block.kind == "annex":
            numeral = (_ANNEX.match(block.text).group(1) or "").lower()
            _check_annex_order(path, block, numeral, body.annexes)
            body.annexes.append(_AnnexDraft(block.text, numeral, block.line))
        elif block.kind == "annex-title":
            annex.title = block.text
        elif block.kind == "number":
            kind = ANNEX_OPERATIVE if annex else OPERATIVE
            count = annex.count(kind) if annex else body.count(kind)
            if block.number != count + 1:
                raise _numbering_error(path, block, count, "paragraph" if annex else "operative paragraph")
            drafts.append(_Draft(kind, count + 1, block.text, block.line, annex=annex.numeral if annex else ""))
        elif block.kind == "decimal":
            if not drafts or drafts[-1].kind not in (OPERATIVE, ANNEX_OPERATIVE):
                raise InputError(path, block.line, "a decimal sub-paragraph stands outside any numbered paragraph")
            _attach_decimal(path, drafts[-1], block)
        elif block.kind == "letter":
            if not drafts:
                raise InputError(path, block.line, f"sub-paragraph ({block.label}) stands outside any paragraph")
            _attach(path, drafts[-1].id, drafts[-1].subs, block)
        elif block.kind == "recital":
            _add_recital(path, body, block)
        elif _CLOSING.match(block.text):
            body.closing = block.text
        elif body.closing and _REFERENCE.match(block.text):  # "[Adopted without a vote.]" (Human Rights Council)
            body.closing += " " + block.text
        elif _NOTE.match(block.text) and block.text.lstrip("(").startswith("*"):
            body.note = _NOTE.match(block.text).group(1).strip()
            body.note_line = block.line
        elif annex:
            if annex.count(ANNEX_OPERATIVE):
                raise _stray(path, block, "the annex's numbered paragraphs")
            if _is_section_heading(block.text):  # not an unnumbered paragraph of the annex
                raise _section_heading(path, block, "before the annex's numbered paragraphs")
            drafts.append(_Draft(ANNEX_PREAMBULAR, annex.count(ANNEX_PREAMBULAR) + 1, block.text, block.line))
            drafts[-1].annex = annex.numeral
        elif body.count(OPERATIVE):
            raise _stray(path, block, "the operative paragraphs")
        elif body.count(RECITAL):
            raise _stray(path, block, "the recitals")
        elif _is_section_heading(block.text):  # "I. General provisions" before paragraph 1: not a preambular paragraph
            raise _section_heading(path, block, "among the preambular paragraphs")
        else:
            for text in split_merged_preamble(block.text):
                body.drafts.append(_Draft(PREAMBULAR, body.count(PREAMBULAR) + 1, text, block.line))
    _check_unnumbered_starts(path, body)
    if not body.count(OPERATIVE):
        _single_operative(path, body, blocks)
    for annex in body.annexes:
        if not annex.drafts:
            raise InputError(path, annex.line, f"{annex.heading} has no paragraphs")
    _check_unread_letters(path, body)
    _check_unnumbered_endings(path, body)
    return body


# "1) Decides …", "(2) Requests …", "1 . Decides", "3 Decides": numbered in a form the importer does
# not read as numbering, so the paragraph would be read as an unnumbered one.
_UNREAD_NUMBER = re.compile(r"^\s*(\(?(\d{1,4})\s*[.):]?)(?=\s|[A-Za-z])")
# "States: a) To ratify …; b) To report …": sub-paragraphs lettered "a)", read as the paragraph's text.
_UNREAD_LETTER = re.compile(r"(?:^|[:;]\s+)([a-z]{1,4})\)\s")


def _check_unnumbered_starts(path: str, body: _Body) -> None:
    """No unnumbered paragraph opens with a number: that is a numbered paragraph whose number the
    importer did not read ("1) Decides", "1 . Decides"), never published as unnumbered."""
    for draft in body.all_drafts():
        unread = _UNREAD_NUMBER.match(draft.text) if draft.kind in (PREAMBULAR, ANNEX_PREAMBULAR) else None
        if unread:
            number, form = unread.group(2), unread.group(1).strip()
            raise InputError(
                path,
                draft.line,
                f"'{_shortened(draft.text)}' looks like paragraph {number} numbered as '{form}', which the "
                f"importer does not read as a number (it reads '{number}.' then a space or the text): write "
                "the numbers so in text.txt, or tell the site's maintainers about this text",
            )


def _check_unread_letters(path: str, body: _Body) -> None:
    """No paragraph's text holds sub-paragraphs lettered "a)" (after a colon or a semicolon): the
    importer reads "(a)" at the start of a line, so they would be published inside their paragraph."""
    for draft in body.all_drafts():
        for text in (draft.text, *(sub.text for top in draft.subs for sub in top.walk())):
            letter = _UNREAD_LETTER.search(text)
            if letter:
                label = letter.group(1)
                raise InputError(
                    path,
                    draft.line,
                    f"in the paragraph from this line, '{_shortened(text[letter.start() :].lstrip(':; '))}' looks "
                    f"like sub-paragraph ({label}) lettered '{label})', which the importer does not read as a "
                    f"sub-paragraph (it reads '({label})' at the start of a line): write the labels so in text.txt, "
                    "or tell the site's maintainers about this text",
                )


def _check_unnumbered_endings(path: str, body: _Body) -> None:
    """An unnumbered paragraph ends as a paragraph does (, ; : or .): one that does not is a heading
    ("General provisions" before paragraph 1) or a paragraph cut short, never published as a
    paragraph of its own."""
    for draft in body.all_drafts():
        if draft.kind in (PREAMBULAR, ANNEX_PREAMBULAR) and not _ends_sentence_piece(draft.text):
            raise InputError(
                path,
                draft.line,
                f"'{_shortened(draft.text)}' does not end as a paragraph does (with a comma, a semicolon, a "
                "colon or a full stop): a section heading, which is not supported yet, or a paragraph cut "
                "short? Correct text.txt if the text lost its punctuation, or tell the site's maintainers "
                "about this text",
            )


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


# "II. Implementation", "B. Follow-up": a section heading, which the model has no place for yet.
_SECTION_HEADING = re.compile(r"^(?:[IVXLC]+|[A-Z])\.\s+\S[^\n]{0,100}$")


def _is_section_heading(text: str) -> bool:
    return bool(_SECTION_HEADING.match(text)) and not text.rstrip().endswith((".", ",", ";", ":"))


def _section_heading(path: str, block: _Block, where: str) -> InputError:
    return InputError(
        path,
        block.line,
        f"'{block.text.strip()}' looks like a section heading {where}: sections within a part "
        "are not supported yet, and the text is not published without its headings. Leave this part "
        "out of text.txt until they are, or tell the site's maintainers about this text",
    )


def _stray(path: str, block: _Block, after: str) -> InputError:
    if _is_section_heading(block.text):
        return _section_heading(path, block, f"after {after}")
    return InputError(
        path,
        block.line,
        f"unnumbered text after {after}: expected a numbered paragraph, "
        "a sub-paragraph such as (a), the closing line or the reservations note",
    )


def _add_recital(path: str, body: _Body, block: _Block) -> None:
    if body.count(OPERATIVE) or body.annexes:
        raise InputError(path, block.line, f"recital {block.label} stands after the operative paragraphs")
    count = body.count(RECITAL)
    expected = _letters(count + 1)
    if (block.label or "").lower() != expected:
        raise InputError(path, block.line, f"recital {block.label} where {expected.upper()} was expected")
    body.drafts.append(_Draft(RECITAL, count + 1, block.text, block.line, label=expected))


def _letters(position: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (recitals run past Z as AA, AB ...)."""
    out = ""
    while position:
        position, rest = divmod(position - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _single_operative(path: str, body: _Body, blocks: list[_Block]) -> None:
    """No numbered paragraph: a single unnumbered operative paragraph is the one paragraph that ends
    with a full stop (Security Council: "Decides that ..."); it must be the last before the annexes."""
    ending = [draft for draft in body.drafts if draft.kind == PREAMBULAR and _ends_with_full_stop(draft.text)]
    last_line = blocks[-1].line if blocks else 1
    if not ending:
        raise InputError(
            path,
            last_line,
            "no operative paragraph found: expected numbered paragraphs ('1. Decides ...') or a single "
            "unnumbered paragraph ending with a full stop",
        )
    first = ending[0]
    if first is not body.drafts[-1]:
        raise InputError(
            path,
            first.line,
            "this unnumbered paragraph ends with a full stop but more paragraphs follow it: is it the "
            "operative paragraph? Number the operative paragraphs or end the preambular one with a comma",
        )
    body.drafts[-1] = _Draft(OPERATIVE, 1, first.text, first.line, first.subs)


def _ends_with_full_stop(text: str) -> bool:
    return bool(re.search(r"\.[”\"»’)\]]*$", FOOTNOTE_REF.sub("", _TRAILING_MARKER.sub("", text)).rstrip()))


def _strip_quotes(text: str) -> str:
    return text.rstrip().rstrip(_CLOSE_QUOTES).rstrip()


# ---------------------------------------------------------------------------------------------
# Entry point


@dataclass
class _Layout:
    """The text cut in two at the enacting formula (or where numbered paragraphs begin)."""

    header: list[list[_Line]]
    body: list[list[_Line]]
    formula: str
    formula_line: int


def _split_layout(path: str, lines: list[_Line]) -> _Layout:
    """Find the enacting formula and cut the text into header and body chunks, with or without blank
    lines between paragraphs."""
    if has_blank_line_breaks(lines):
        chunks = _chunks(lines)
        found = _find_formula(chunks)
        if found is not None:
            index, formula = found
            body = chunks[index + 1 :]
            if len(chunks[index]) > 1:
                body.insert(0, chunks[index][1:])
            return _Layout(chunks[:index], _without_furniture(body), formula, chunks[index][0].number)
        start = _numbered_only_start(chunks)
        if start is None:
            raise _no_formula(path, chunks)
        return _Layout(chunks[:start], _without_furniture(chunks[start:]), "", chunks[start][0].number)
    filled = [line for line in lines if line.text.strip()]
    singles = [[line] for line in filled]
    found = _find_formula(singles)
    if found is not None:
        index, formula = found
        body = line_chunks(drop_running_lines(filled[index + 1 :]))
        return _Layout(header_line_chunks(filled[:index]), body, formula, filled[index].number)
    start = _numbered_only_start(singles)
    if start is None:
        raise _no_formula(path, singles)
    body = line_chunks(drop_running_lines(filled[start:]))
    return _Layout(header_line_chunks(filled[:start]), body, "", filled[start].number)


def parse_resolution(path: Path, metadata: Metadata) -> Resolution:
    """Parse the adopted text at `path` into a Resolution described by `metadata`."""
    name = str(path)
    text = read_text(path)
    lines = [_Line(number, line.rstrip()) for number, line in enumerate(text.split("\n"), start=1)]
    lines, footnotes = _split_footnotes(name, lines)
    layout = _split_layout(name, lines)
    header = _read_header(name, layout.header, metadata, layout.formula_line)
    repeated = _repeated_headers(layout.body) if has_blank_line_breaks(lines) else set()
    body_chunks = _drop_headers(layout.body, repeated | {normalize(header.title)})
    blocks = _blocks(body_chunks)
    if blocks:
        blocks[-1].text = _strip_quotes(blocks[-1].text)
    body = _read_body(name, blocks)

    units = _text_units(body)
    _place_markers(name, units, footnotes, layout.formula_line)
    paragraphs = _finish(name, body.all_drafts(), units)
    _check_paragraphs(name, paragraphs, header, metadata)
    _check_unique_ids(name, paragraphs)
    _check_markers(name, paragraphs, footnotes)
    annexes = tuple(
        Annex(
            annex.numeral,
            annex.heading,
            annex.title,
            tuple(p for p in paragraphs if p.kind in (ANNEX_PREAMBULAR, ANNEX_OPERATIVE) and _in_annex(p, annex)),
            Source(name, annex.line),
        )
        for annex in body.annexes
    )
    return Resolution(
        metadata=metadata,
        title=header.title,
        adoption_line=header.adoption_line,
        enacting_formula=layout.formula,
        preamble=tuple(p for p in paragraphs if p.kind == PREAMBULAR),
        operative=tuple(p for p in paragraphs if p.kind == OPERATIVE),
        recitals=tuple(p for p in paragraphs if p.kind == RECITAL),
        annexes=annexes,
        source=Source(name, 1),
        footnotes=tuple(footnotes),
        note=body.note,
        note_source=Source(name, body.note_line) if body.note else None,
        number=header.number,
        reference=header.reference,
        closing=body.closing,
        header=tuple(header.lines),
    )


def _in_annex(paragraph: Paragraph, annex: _AnnexDraft) -> bool:
    return ParagraphId.parse(paragraph.id).annex == annex.numeral


def _check_paragraphs(path: str, paragraphs: list[Paragraph], header: _Header, metadata: Metadata) -> None:
    """Flag a paragraph that holds what only a page header or footer holds: the document's title
    (outside quotation marks), its symbol, or a page or job number."""
    general_assembly = f"A/RES/{header.number}" if re.fullmatch(r"\d+/\d+", header.number) else ""
    symbols = [s for s in (metadata.symbol, general_assembly) if s]
    for paragraph in paragraphs:
        for item in (paragraph, *paragraph.descendants()):
            problem = _header_inside(item.text, header.title, symbols)
            if problem:
                raise InputError(
                    path,
                    item.source.line,
                    f"{item.id} holds {problem}: a running page header or footer glued to the paragraph? "
                    "Remove it from the text (or separate it from the paragraph with a blank line)",
                )


def _check_unique_ids(path: str, paragraphs: list[Paragraph]) -> None:
    """Every paragraph and sub-paragraph has an id of its own: it is its page's address and anchor.
    The reading rules above keep them apart; this is the last guard, should one of them be wrong."""
    seen: dict[str, int] = {}
    for paragraph in paragraphs:
        for item in (paragraph, *paragraph.descendants()):
            if item.id in seen:
                raise InputError(
                    path,
                    item.source.line,
                    f"this paragraph would have the id {item.id}, which the paragraph at line {seen[item.id]} "
                    "has already: tell the site's maintainers about this text",
                )
            seen[item.id] = item.source.line


def _check_markers(path: str, paragraphs: list[Paragraph], footnotes: list[Footnote]) -> None:
    """Every `[^N]` in the text has its footnote body (bodies without markers stop earlier)."""
    markers = {footnote.marker for footnote in footnotes}
    for paragraph in paragraphs:
        for item in (paragraph, *paragraph.descendants()):
            for marker in FOOTNOTE_REF.findall(item.text):
                if marker not in markers:
                    raise InputError(
                        path,
                        item.source.line,
                        f"footnote marker [^{marker}] in {item.id} has no footnote: add '[^{marker}]: …' after "
                        "the '---' line at the end of the text, or remove the marker",
                    )


def _header_inside(text: str, title: str, symbols: list[str]) -> str:
    plain = FOOTNOTE_REF.sub("", text).rstrip()
    if len(title) >= 20:
        for match in re.finditer(re.escape(title), plain):
            before = plain[: match.start()].rstrip()
            # A title cited in a sentence stands after a word ("renamed it the ...") or in quotes; a
            # page header glued to a paragraph stands at its start, its end or after a full stop.
            if not before or match.end() == len(plain) or before[-1] in ";:.":
                return f"the document's title ({title[:40]}…)"
    for symbol in symbols:
        if re.search(rf"(?<![\w/]){re.escape(symbol)}(?![\w/])", plain):
            return f"the document's symbol {symbol}"
    page = _PAGE_NUMBER_INSIDE.search(plain)
    if page:
        return f"what looks like a page or job number ({page.group(0)})"
    return ""


def _text_units(body: _Body) -> list[list[str]]:
    """Every piece of paragraph text in document order, as mutable one-element lists."""
    units: list[list[str]] = []
    for draft in body.all_drafts():
        units.append([draft.text])
        for sub in draft.subs:
            units.extend([s.text] for s in sub.walk())
    return units


def _finish(path: str, drafts: list[_Draft], units: list[list[str]]) -> list[Paragraph]:
    """Freeze the drafts, taking their (marker-bearing) text from `units`."""
    texts = iter(unit[0] for unit in units)
    paragraphs: list[Paragraph] = []
    for draft in drafts:
        text = next(texts)
        subs = tuple(_refill(sub, texts) for sub in draft.subs)
        paragraphs.append(Paragraph(draft.id, draft.kind, draft.number, text, Source(path, draft.line), subs))
    return paragraphs


def _refill(sub: SubParagraph, texts) -> SubParagraph:
    text = next(texts)
    children = tuple(_refill(child, texts) for child in sub.children)
    return SubParagraph(sub.id, sub.label, text, sub.source, children)
