"""An edition (one resolution in one language) and the small pieces of data every page is made of.

Paragraph text is never interpreted as Markdown or HTML: pages are rendered by the autoescaping
templates of `respub.render.templating`, so a `<script>` in a translation shows as text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from respub.ids import MessageKey, ParagraphId
from respub.l10n.languages import babel_locale
from respub.l10n.messages import resolution_messages
from respub.l10n.translate import Text, Translation
from respub.link.mentions import Citation, LinkedEdition, LinkedText, link_edition
from respub.link.reservations import Position
from respub.model import FOOTNOTE_REF, Resolution
from respub.registry.instruments import Instrument, Registry
from respub.render.fragments import Run, Words, fill, plain_text

# ---------------------------------------------------------------------------------------------
# Formatting in the page language


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: `path` is relative to the language's docs folder."""

    path: str
    markdown: str

    @property
    def title(self) -> str:
        """The page's title as mkdocs reads it from the front matter (HTML-escaped, see
        `front_matter`): every page has one."""
        parsed = read_front_matter(self.markdown)
        assert parsed is not None, f"{self.path}: no front matter"
        return parsed[0]["title"]


def local_date(date, lang: str) -> str:
    return format_date(date, format="long", locale=babel_locale(lang))


def local_list(items: Iterable[str], lang: str) -> str:
    return format_list(list(items), locale=babel_locale(lang))


def excerpt(text: str, limit: int = 200) -> str:
    """The start of a text for link previews: no footnote marks, cut at a word, with an ellipsis."""
    text = FOOTNOTE_REF.sub("", text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def front_matter(head: Mapping[str, object] | None = None, **fields: str) -> str:
    """YAML front matter, each value HTML-escaped: material prints `page.title` and `description`
    into the page without escaping them, and they may come from a catalog. Every value is written
    in JSON, which YAML reads the same, so any text is safe in the YAML too, and the hook reads it
    as JSON (respub.publish.prerendered.read_source).

    `head` holds values that overrides/main.html prints into the page's head as they are: their
    maker has escaped them for where they go (`respub.render.citation`)."""
    lines = [f"{key}: {json.dumps(html.escape(value), ensure_ascii=False)}" for key, value in fields.items()]
    lines.extend(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in (head or {}).items())
    # Search is Pagefind's, one index per language (respub.publish.search): material need not index pages.
    lines.append('search: {"exclude": true}')
    return "---\n" + "\n".join(lines) + "\n---\n\n"


FENCE = "---\n"


def read_front_matter(text: str) -> tuple[dict[str, Any], str] | None:
    """What `front_matter` wrote, and the body after it; None when the text does not start with a
    front matter whose every line is `key: <JSON>`."""
    if not text.startswith(FENCE):
        return None
    head, fence, body = text[len(FENCE) :].partition("\n" + FENCE)
    if not fence:
        return None
    meta: dict[str, Any] = {}
    for line in head.splitlines():
        key, separator, value = line.partition(": ")
        if not separator:
            return None
        try:
            meta[key] = json.loads(value)
        except ValueError:
            return None
    return meta, body


# ---------------------------------------------------------------------------------------------
# Labels


def paragraph_label(ui: Translation, paragraph_id: str) -> str:
    """'Operative paragraph 3 (a)' in the page language."""
    message, args = ParagraphId.parse(paragraph_id).label_message()
    return ui._(message).format(**args)


# ---------------------------------------------------------------------------------------------
# The edition


@dataclass(frozen=True)
class Edition:
    """One resolution in one language, with what the link stage found in it."""

    resolution: Resolution
    ui: Translation
    registry: Registry | None = None
    citations: tuple[Citation, ...] = ()
    base_url: str = ""  # the absolute URL of this language's root: "https://example.org/fr/"
    positions: tuple[Position, ...] = ()
    # What the link stage found in every text (respub.link.mentions.link_edition): computed once per
    # resolution and language by the site; found here on first use when the edition is built alone.
    linked_texts: LinkedEdition | None = None
    original_base_url: str = ""  # the absolute URL of the original language's root
    publisher: str = ""  # who publishes the site, as citations name it (the site's name)

    @cached_property
    def linked(self) -> LinkedEdition:
        if self.linked_texts is not None:
            return self.linked_texts
        return link_edition(self.resolution, self.ui, self.registry, self.positions)

    def linked_text(self, key: str) -> LinkedText:
        """The text of `key` in this edition ("op5", "op3-a", "fn1", "note", ...), with its links."""
        return self.linked[key]

    def url(self, path: str) -> str:
        """The permanent, absolute URL of `path` ("<slug>/op5/") in this edition's language."""
        return self.base_url + path

    def original_url(self, path: str) -> str:
        """The permanent URL of `path` in the original language."""
        return self.original_base_url + path

    @property
    def is_original(self) -> bool:
        return self.ui.is_source

    @property
    def official(self) -> bool:
        """The original, or an edition the resolution's metadata declares official (the assembly's own)."""
        metadata = self.resolution.metadata
        return self.is_original or self.lang in (metadata.official_languages or (metadata.source_language,))

    @property
    def lang(self) -> str:
        return self.ui.lang

    @property
    def akn_url(self) -> str:
        """The absolute URL of this edition's Akoma Ntoso document (respub.publish.export.akn_path)."""
        return self.url(f"{self.slug}/{self.slug}.akn.xml")

    @property
    def slug(self) -> str:
        return self.resolution.slug

    def text(self, key: str, msgid: str) -> Text:
        return self.ui.text(MessageKey(self.slug, key).context, msgid)

    @property
    def title(self) -> Text:
        return self.text("title", self.resolution.title)

    @property
    def short_title(self) -> Text:
        return self.text("short_title", self.resolution.short_title)

    def meta(self, key: str) -> str:
        return self.text(key, getattr(self.resolution.metadata, key)).value

    @cached_property
    def status_counts(self) -> dict[str, int]:
        """How many of the resolution's messages this edition shows translated, fuzzy, missing or as
        the source; counted once (the editions and every language's index ask for it)."""
        counts = {"translated": 0, "fuzzy": 0, "missing": 0, "source": 0}
        for message in resolution_messages(self.resolution):
            counts[self.text(MessageKey.parse(message.context).key, message.id).status] += 1
        return counts

    @property
    def translated_share(self) -> float:
        """The share of the resolution's messages this edition shows translated (1.0 for the source)."""
        total = sum(self.status_counts.values())
        return 1.0 if self.ui.is_source or not total else self.status_counts["translated"] / total

    @cached_property
    def adopted(self) -> str:
        """The adoption date in the page language (computed once: babel's formatting is not free)."""
        return local_date(self.resolution.metadata.adopted, self.lang)

    def citation_context(self) -> str:
        """'Inter-Parliamentary Union, 145th Assembly, Kigali, Rwanda, 15 October 2022'."""
        return plain_text(self.context_line())

    def context_line(self) -> Run:
        """`citation_context` for a page: a body, session or place shown in the source language (not
        yet translated: "New York" on an Arabic page) is marked with its language."""
        metadata = self.resolution.metadata
        words = {key: Words(self.text(key, getattr(metadata, key))) for key in ("body", "session", "place")}
        return fill(self.ui._("{body}, {session}, {place}, {date}"), **words, date=self.adopted)


@dataclass(frozen=True)
class FallbackLabel:
    """What a reader is told above a text shown in the original, and the language the label itself
    is in, set only where it differs from that text's (in Arabic: an Arabic label above English text)."""

    value: str
    lang: str = ""
    dir: str = ""


def fallback_label(ui: Translation, text: Text) -> FallbackLabel | None:
    """The label above a text shown in the original; None when it is translated."""
    if text.status == "missing":
        label = ui.ui_text("Not yet translated: original text shown")
    elif text.status == "fuzzy":
        label = ui.ui_text("Translation being revised: original text shown")
    else:
        return None
    if label.lang == text.lang:
        return FallbackLabel(label.value)
    return FallbackLabel(label.value, label.lang, Locale.parse(label.lang).text_direction)


def instrument_title(ui: Translation, instrument: Instrument) -> Text:
    """The title in the page language: the catalog, else the registry's official title, else English."""
    text = ui.text(MessageKey.instrument(instrument.id).context, instrument.title)
    if text.status != "translated" and dict(instrument.titles).get(ui.lang):
        return Text(dict(instrument.titles)[ui.lang], ui.lang, "translated")
    return text


def state_name(ui: Translation, position: Position) -> Text:
    """The state's name in the page language (catalog), as the text names it in the source."""
    return ui.text(MessageKey.state(position.state_code).context, position.name)


def unofficial_notice(edition: Edition) -> str:
    """The notice on every page of a translated edition ("" in the original language); an edition the
    metadata declares official says so instead."""
    if edition.ui.is_source:
        return ""
    if edition.official:
        return edition.ui._("Official text: this {language} edition is the assembly's own.").format(
            language=Locale.parse(edition.lang).get_display_name(babel_locale(edition.lang))
        )
    return edition.ui._(
        "Unofficial translation by the publishers of this site. Only the original {language} text is authoritative."
    ).format(language=Locale.parse(edition.ui.source_lang).get_display_name(babel_locale(edition.lang)))
