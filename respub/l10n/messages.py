"""The translatable messages of a resolution: one per paragraph, sub-paragraph and metadata field.

Every message has a context `<slug>:<key>` (`ipu-145-migration:op5`, `ipu-145-migration:op3-a`,
`ipu-145-migration:title`), so that two identical sentences stay two messages and a paragraph can
only ever receive its own translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from respub.ids import MessageKey, ParagraphId
from respub.model import Resolution, Source


@dataclass(frozen=True)
class Message:
    context: str
    id: str
    source: Source
    comments: tuple[str, ...] = ()


def context(slug: str, key: str) -> str:
    return MessageKey(slug, key).context


def paragraph_label_en(paragraph_id: str) -> str:
    """'op5' -> 'operative paragraph 5', 'op3-a-ii' -> 'operative paragraph 3 (a) (ii)'."""
    return ParagraphId.parse(paragraph_id).label_en()


def resolution_messages(resolution: Resolution) -> list[Message]:
    """Every string of `resolution` a reader sees, in document order."""
    slug = resolution.slug
    meta = resolution.metadata
    out: list[Message] = []

    def add(key: str, text: str, source: Source, *comments: str) -> None:
        if text:
            out.append(Message(context(slug, key), text, source, tuple(comments)))

    add("title", resolution.title, resolution.source, "The resolution's official title.")
    add("short_title", meta.short_title, meta.source, "A short title, used in navigation and citations.")
    add("body", meta.body, meta.source, "The issuing body.")
    add("session", meta.session, meta.source, "The session at which the resolution was adopted.")
    add("place", meta.place, meta.source, "Where the resolution was adopted.")
    add("adoption", meta.adoption, meta.source, "How it was adopted, after 'Adopted'.")
    add("adoption_line", resolution.adoption_line, resolution.source, "The adoption line under the title.")
    add("formula", resolution.enacting_formula, resolution.source, "The enacting formula.")
    annex_titles = {part.paragraphs[0].id: part for part in resolution.parts if part.title and part.paragraphs}
    for paragraph in resolution.paragraphs:
        if paragraph.id in annex_titles:
            part = annex_titles[paragraph.id]
            add(f"{part.key}:title", part.title, part.paragraphs[0].source, f"The title of the {part.heading}.")
        label = paragraph_label_en(paragraph.id)
        add(paragraph.id, paragraph.text, paragraph.source, f"{label[0].upper()}{label[1:]}.")
        for sub in paragraph.descendants():
            sub_label = paragraph_label_en(sub.id)
            add(sub.id, sub.text, sub.source, f"{sub_label[0].upper()}{sub_label[1:]}.")
    if resolution.note and resolution.note_source:
        add("note", resolution.note, resolution.note_source, "The note on reservations and positions of states.")
    for footnote in resolution.footnotes:
        add(f"fn{footnote.marker}", footnote.text, footnote.source, f"Footnote {footnote.marker}.")
    if resolution.closing:
        add("closing", resolution.closing, resolution.source, "The closing line (meeting and date).")
    return out


NUMBERS_NOTE = "Keep numbers, years and document symbols (2004/110, A/RES/70/1) as they are."


def enriched_messages(
    resolution: Resolution, cited: dict[str, list[str]], reserved: dict[str, list[str]]
) -> list[Message]:
    """`resolution_messages` with, on each paragraph, the instruments it cites and the reservations
    made on it (`cited`/`reserved`: paragraph or sub-paragraph key -> lines of explanation)."""
    out = []
    for message in resolution_messages(resolution):
        key = MessageKey.parse(message.context).key
        extra: list[str] = []
        if key in cited:
            extra.append("Cites: " + "; ".join(cited[key]) + ".")
        if key in reserved:
            extra.append("Reservations: " + "; ".join(reserved[key]) + ".")
        if any(ch.isdigit() for ch in message.id):
            extra.append(NUMBERS_NOTE)
        out.append(Message(message.context, message.id, message.source, message.comments + tuple(extra)))
    return out
