"""A resolution's structure as plain data, for the golden files in tests/data/expected/.

Regenerate a golden file only after reading the difference: `python -m tests.structure FILE...`
writes tests/data/expected/<name>.yml for each text (`--into DIR` writes into DIR instead: the
layouts' structures go into tests/data/layouts/expected/).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from pathlib import Path

import yaml

from respub.model import Metadata, Resolution, Source
from respub.source.parse import parse_resolution

EXPECTED = Path(__file__).parent / "data" / "expected"
# Beside the texts, metadata.yml holds what resolution.yml would supply for a text that does not
# carry it (the Security Council text has no title line): <file stem>: {field: value}.
METADATA = "metadata.yml"


def sample_metadata(**changes) -> Metadata:
    """Metadata for a test text; pass fields to change (slug=..., adopted=...)."""
    metadata = Metadata(
        slug="test",
        body="Test body",
        session="Test session",
        place="Test place",
        adopted=dt.date(2000, 1, 1),
        adoption="by consensus",
        source_language="en",
        source=Source("m", 1),
    )
    return dataclasses.replace(metadata, **changes)


def structure(resolution: Resolution) -> dict:
    """What a reader would check: the header, every paragraph's id, line, whole text and footnotes."""

    def describe(item) -> dict:
        text = item.text
        out = {"id": item.id, "line": item.source.line, "text": text}
        markers = re.findall(r"\[\^(\d+)\]", text)
        if markers:
            out["footnotes"] = markers
        return out

    paragraphs = []
    for paragraph in resolution.paragraphs:
        entry = describe(paragraph)
        if paragraph.children:
            entry["subparagraphs"] = [describe(sub) for sub in paragraph.descendants()]
        paragraphs.append(entry)
    return {
        "title": resolution.title,
        "number": resolution.number,
        "adoption_line": resolution.adoption_line,
        "reference": resolution.reference,
        "enacting_formula": resolution.enacting_formula,
        "recitals": len(resolution.recitals),
        "closing": resolution.closing,
        "preambular": len(resolution.preamble),
        "operative": len(resolution.operative),
        "paragraphs": paragraphs,
        "footnotes": {f.marker: f.text for f in resolution.footnotes},
        "note": resolution.note,
        "annexes": [
            {"heading": a.heading, "title": a.title, "paragraphs": [p.id for p in a.paragraphs]}
            for a in resolution.annexes
        ],
    }


def expected_path(text: Path, folder: Path = EXPECTED) -> Path:
    return folder / (text.stem + ".yml")


def metadata_for(text: Path) -> Metadata:
    """The sample metadata, with what corpus-metadata.yml supplies for this text."""
    path = text.parent / METADATA
    supplied = (yaml.safe_load(path.read_text("utf-8")) or {}) if path.exists() else {}
    return sample_metadata(**supplied.get(text.stem, {}))


def main(arguments: list[str]) -> None:
    folder = EXPECTED
    if arguments[:1] == ["--into"]:
        folder, arguments = Path(arguments[1]), arguments[2:]
    folder.mkdir(parents=True, exist_ok=True)
    for name in arguments:
        path = Path(name)
        data = structure(parse_resolution(path, metadata_for(path)))
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
        expected_path(path, folder).write_text(text, "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
