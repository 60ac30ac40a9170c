"""Look at a text before publishing it: `python -m respub.source.inspect docs/<folder>` (`make inspect
DIR=docs/<folder>`).

Prints the structure as the importer read it, one line per paragraph and sub-paragraph (its id, its
line in the text, its first and last words), the annexes, the footnotes with the paragraph that holds
each marker, and warnings: things the importer accepted but a person should look at. A text the
importer refuses prints the refusal (`path:line: what is wrong`) and exits with status 1.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from respub.errors import InputError
from respub.model import FOOTNOTE_REF, Paragraph, Resolution, SubParagraph
from respub.source.metadata import METADATA_FILE, TEXT_FILE, read_metadata
from respub.source.parse import parse_resolution

WORDS = 6  # words shown at each end of a paragraph
LONG_PARAGRAPH = 2500  # characters: longer paragraphs may be two paragraphs whose break was lost
# "1986(1)" / "Court (2)": a footnote marker printed in parentheses whose footnote the copy lost, or
# a reference such as "Article 4(2)": the importer cannot tell, a person can.
_PARENTHESISED_NUMBER = re.compile(r"(?:(?<=\b\d{4})|(?<=[^\W\d_]))\(\d{1,2}\)")
_PART_TITLES = {"preamble": "Preamble", "recitals": "Recitals", "operative": "Operative part"}


def ends(text: str, words: int = WORDS) -> str:
    """The first and last `words` words of a text: 'Recalling its resolution … relevant resolutions,'."""
    pieces = text.split()
    if len(pieces) <= 2 * words:
        return " ".join(pieces)
    return f"{' '.join(pieces[:words])} … {' '.join(pieces[-words:])}"


def _line(item: Paragraph | SubParagraph, depth: int) -> str:
    indent = "  " * (depth + 1)
    return f"{indent}{item.id:<12} l.{item.source.line:<5} {ends(item.text)}"


def _paragraph_lines(paragraph: Paragraph) -> list[str]:
    out = [_line(paragraph, 0)]

    def walk(subs: tuple[SubParagraph, ...], depth: int) -> None:
        for sub in subs:
            out.append(_line(sub, depth))
            walk(sub.children, depth + 1)

    walk(paragraph.children, 1)
    return out


def report(resolution: Resolution) -> str:
    """The structure as the importer read it, as plain text for a terminal."""
    out = [
        f"Title:     {resolution.title}",
        f"Number:    {resolution.number or '-'}",
        f"Adoption:  {resolution.adoption_line or '-'}",
        f"Formula:   {resolution.enacting_formula or '- (numbered paragraphs only)'}",
    ]
    counts = ", ".join(f"{len(part.paragraphs)} {part.key}" for part in resolution.parts)
    out.append(f"Paragraphs: {counts}")
    for part in resolution.parts:
        heading = _PART_TITLES.get(part.kind) or f"{part.heading}: {part.title}"
        out.append("")
        out.append(f"{heading} ({len(part.paragraphs)})")
        for paragraph in part.paragraphs:
            out.extend(_paragraph_lines(paragraph))
    if resolution.closing:
        out += ["", f"Closing:   {resolution.closing}"]
    if resolution.footnotes:
        holders = _marker_holders(resolution)
        out += ["", f"Footnotes ({len(resolution.footnotes)})"]
        for footnote in resolution.footnotes:
            where = holders.get(footnote.marker, "?")
            out.append(f"  [^{footnote.marker}] in {where:<10} l.{footnote.source.line:<5} {ends(footnote.text)}")
    if resolution.note:
        out += ["", f"Note:      {ends(resolution.note)}"]
    found = warnings(resolution)
    out += ["", f"Warnings ({len(found)})" if found else "Warnings: none"]
    out.extend(f"  {warning}" for warning in found)
    return "\n".join(out) + "\n"


def _marker_holders(resolution: Resolution) -> dict[str, str]:
    holders: dict[str, str] = {}
    for paragraph in resolution.paragraphs:
        for item in (paragraph, *paragraph.descendants()):
            for marker in FOOTNOTE_REF.findall(item.text):
                holders[marker] = item.id
    return holders


def warnings(resolution: Resolution) -> list[str]:
    """What the importer accepted but a person should check, as `path:line: what to check`."""
    out: list[str] = []
    path = resolution.source.path
    if resolution.metadata.title and resolution.title == resolution.metadata.title:
        out.append(f"{resolution.metadata.source}: the title comes from the metadata, not from the text")
    if not resolution.adoption_line:
        out.append(f"{path}:1: no adoption line ('Resolution adopted by ...') in the text")
    for paragraph in resolution.paragraphs:
        for item in (paragraph, *paragraph.descendants()):
            where = f"{item.source}: {item.id}"
            for match in _PARENTHESISED_NUMBER.finditer(item.text):
                out.append(f"{where} has '{match.group(0).strip()}': a footnote marker whose footnote is missing?")
            if len(item.text) > LONG_PARAGRAPH:
                out.append(f"{where} is {len(item.text)} characters long: two paragraphs run together?")
    return out


def main(arguments: list[str]) -> int:
    if len(arguments) != 1:
        print("usage: python -m respub.source.inspect docs/<folder>", file=sys.stderr)
        return 2
    folder = Path(arguments[0])
    try:
        metadata = read_metadata(folder / METADATA_FILE)
        resolution = parse_resolution(folder / TEXT_FILE, metadata)
    except InputError as error:
        print(f"refused: {error}", file=sys.stderr)
        return 1
    except FileNotFoundError as error:
        print(f"{folder}: no {Path(error.filename).name} in this folder", file=sys.stderr)
        return 1
    sys.stdout.write(f"{folder / TEXT_FILE}\n\n" + report(resolution))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
