"""Link stage: which instruments each paragraph cites, and each text of an edition with its links.

Which paragraphs cite an instrument is decided on the source text (English), once. In a translation
the mentions found in that language's text become links too; where a translation names an
instrument differently from the registry, the paragraph still lists it under "Instruments cited".

`link_edition` finds, once per resolution and language, the instrument mentions, the phrases states
reserved on and the footnote references of every text that pages and exports enrich. Renderers and
exports only read its result: a `LinkedText` is the text cut into plain `Segment`s (text, instrument
link, reserved phrase, footnote reference) that a template or an XML writer turns into markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from respub.ids import MessageKey
from respub.l10n.translate import Text, Translation
from respub.link.reservations import Position
from respub.model import FOOTNOTE_REF, Resolution
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


# ---------------------------------------------------------------------------------------------
# Linked texts

SegmentKind = Literal["text", "instrument", "reserved", "footnote"]


@dataclass(frozen=True)
class Segment:
    """A run of a text: plain, a mention of an instrument, a phrase a state reserved on, or a
    footnote reference. `target` is the instrument id, the state's ISO code or the footnote marker."""

    kind: SegmentKind
    text: str
    target: str = ""


@dataclass(frozen=True)
class LinkedText:
    """One text of an edition (a paragraph in the page language, or its fallback) and its links."""

    text: Text
    mentions: tuple[Mention, ...]
    segments: tuple[Segment, ...]

    @property
    def instruments(self) -> tuple[str, ...]:
        """The instruments this text names, in order of first mention."""
        return tuple(dict.fromkeys(mention.instrument_id for mention in self.mentions))

    def mention_of(self, instrument_id: str) -> Mention | None:
        return next((m for m in self.mentions if m.instrument_id == instrument_id), None)


@dataclass(frozen=True)
class LinkedEdition:
    """Every enriched text of one resolution in one language, by key ("op5", "op3-a", "title",
    "formula", "closing", "fn1", "note")."""

    texts: Mapping[str, LinkedText]

    def __getitem__(self, key: str) -> LinkedText:
        return self.texts[key]

    @property
    def instruments(self) -> tuple[str, ...]:
        """Every instrument named in any of the texts, in document order."""
        return tuple(dict.fromkeys(i for linked in self.texts.values() for i in linked.instruments))


def linked_keys(resolution: Resolution) -> list[tuple[str, str]]:
    """(key, source text) of every text that carries links: the title, the enacting formula, every
    paragraph and sub-paragraph, the closing formula, the footnotes and the note."""
    keys = [("title", resolution.title), ("formula", resolution.enacting_formula)]
    keys.extend((key, text) for key, _paragraph_id, text in resolution_texts(resolution))
    keys.append(("closing", resolution.closing))
    keys.extend((f"fn{footnote.marker}", footnote.text) for footnote in resolution.footnotes)
    keys.append(("note", resolution.note))
    return keys


def link_edition(
    resolution: Resolution, ui: Translation, registry: Registry | None, positions: tuple[Position, ...]
) -> LinkedEdition:
    """Find the links of every text of `resolution` in `ui`'s language, once."""
    texts = {}
    for key, msgid in linked_keys(resolution):
        text = ui.text(MessageKey(resolution.slug, key).context, msgid)
        texts[key] = link_text(text, _mentions(text, registry), _highlights(resolution, ui, key, text, positions))
    return LinkedEdition(MappingProxyType(texts))


def _mentions(text: Text, registry: Registry | None) -> tuple[Mention, ...]:
    if registry is None:  # a language the registry names nothing in simply finds nothing
        return ()
    return find_mentions(text.value, registry, text.lang)


def _highlights(
    resolution: Resolution, ui: Translation, key: str, text: Text, positions: tuple[Position, ...]
) -> tuple[tuple[str, str], ...]:
    """(phrase, state code) for each phrase a state reserved on in this text, in the text's language."""
    out = []
    for position in positions:
        for target in position.targets:
            if target.paragraph_id == key and target.phrase:
                phrase = ui.text(MessageKey.phrase(resolution.slug, key).context, target.phrase)
                if phrase.lang == text.lang:
                    out.append((phrase.value, position.state_code))
    return tuple(out)


def link_text(text: Text, mentions: tuple[Mention, ...], highlights: tuple[tuple[str, str], ...] = ()) -> LinkedText:
    """Cut `text` into segments: mentions, then each highlighted phrase's first occurrence that
    overlaps nothing already taken, and footnote references in what stays plain."""
    value = text.value
    footnotes = [token.span() for token in FOOTNOTE_REF.finditer(value)]
    spans: list[tuple[int, int, SegmentKind, str]] = [(m.start, m.end, "instrument", m.instrument_id) for m in mentions]
    for phrase, state_code in highlights:
        start = value.find(phrase)
        if start < 0:
            continue
        end = start + len(phrase)
        taken = [(s, e) for s, e, _, _ in spans] + footnotes
        if not any(s < end and start < e for s, e in taken):
            spans.append((start, end, "reserved", state_code))
    spans.extend((start, end, "footnote", FOOTNOTE_REF.match(value, start).group(1)) for start, end in footnotes)
    segments: list[Segment] = []
    position = 0
    for start, end, kind, target in sorted(spans):
        if start > position:
            segments.append(Segment("text", value[position:start]))
        segments.append(Segment(kind, value[start:end], target))
        position = end
    if position < len(value):
        segments.append(Segment("text", value[position:]))
    return LinkedText(text, mentions, tuple(segments))
