"""Link stage: which instruments each paragraph cites, and paragraph text as HTML with its links.

Which paragraphs cite an instrument is decided on the source text (English), once. In a translation
the mentions found in that language's text become links too; where a translation names an
instrument differently from the registry, the paragraph still lists it under "Instruments cited".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from respub.model import Resolution
from respub.registry.instruments import Mention, Registry, citing_sentence, find_mentions


@dataclass(frozen=True)
class Citation:
    """One paragraph (or sub-paragraph) of one resolution citing one instrument."""

    slug: str
    key: str  # paragraph or sub-paragraph id
    paragraph_id: str
    instrument_id: str
    sentence: str


def resolution_texts(resolution: Resolution) -> list[tuple[str, str, str]]:
    """(key, paragraph id, source text) for every paragraph and sub-paragraph, in order."""
    out = []
    for paragraph in resolution.paragraphs:
        out.append((paragraph.id, paragraph.id, paragraph.text))
        out.extend((sub.id, paragraph.id, sub.text) for sub in paragraph.descendants())
    return out


def citations(resolution: Resolution, registry: Registry) -> tuple[Citation, ...]:
    """Every citation in `resolution`, in document order, one per (key, instrument)."""
    out: list[Citation] = []
    for key, paragraph_id, text in resolution_texts(resolution):
        seen: set[str] = set()
        for mention in find_mentions(text, registry, resolution.metadata.source_language):
            if mention.instrument_id not in seen:
                seen.add(mention.instrument_id)
                out.append(
                    Citation(resolution.slug, key, paragraph_id, mention.instrument_id, citing_sentence(text, mention))
                )
    return tuple(out)


@dataclass(frozen=True)
class Highlight:
    """A phrase to mark inside a paragraph (what a state reserved on)."""

    phrase: str
    title: str  # shown on hover and read by screen readers after the phrase


def annotate(
    text: str,
    mentions: tuple[Mention, ...],
    href: dict[str, str],
    highlights: tuple[Highlight, ...] = (),
) -> str:
    """`text` as safe HTML: mentions become links (`href[instrument_id]`), phrases are marked.

    Everything else is escaped, so a translation can never inject markup.
    """
    spans: list[tuple[int, int, str, str]] = [(m.start, m.end, "a", m.instrument_id) for m in mentions]
    for highlight in highlights:
        start = text.find(highlight.phrase)
        if start >= 0:
            end = start + len(highlight.phrase)
            if not any(s < end and start < e for s, e, _, _ in spans):
                spans.append((start, end, "mark", highlight.title))
    spans.sort()
    out: list[str] = []
    position = 0
    for start, end, tag, value in spans:
        out.append(html.escape(text[position:start], quote=False))
        inner = html.escape(text[start:end], quote=False)
        if tag == "a":
            out.append(f'<a class="rp-instrument" href="{html.escape(href[value])}">{inner}</a>')
        else:
            out.append(f'<mark class="rp-reserved" title="{html.escape(value)}">{inner}</mark>')
        position = end
    out.append(html.escape(text[position:], quote=False))
    return "".join(out)
