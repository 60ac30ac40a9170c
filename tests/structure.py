"""A resolution's structure as plain data, for the golden files in tests/data/expected/.

Regenerate a golden file only after reading the difference: `python -m tests.structure FILE...`
writes tests/data/expected/<name>.yml for each text.
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
    """What a reader would check: the header, every paragraph's id, line, start, end and footnotes."""

    def describe(item) -> dict:
        text = item.text
        out = {"id": item.id, "line": item.source.line, "start": text[:50], "end": text[-40:]}
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
        "closing": resolution.closing,
        "preambular": len(resolution.preamble),
        "operative": len(resolution.operative),
        "paragraphs": paragraphs,
        "footnotes": {f.marker: f.text for f in resolution.footnotes},
        "note": resolution.note,
    }


def expected_path(text: Path) -> Path:
    return EXPECTED / (text.stem + ".yml")


def main(paths: list[str]) -> None:
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for name in paths:
        path = Path(name)
        data = structure(parse_resolution(path, sample_metadata()))
        expected_path(path).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
