"""Render a resolution edition (one resolution in one language) into Markdown pages for mkdocs.

Paragraph text is never interpreted as Markdown or HTML: every string from a text or a catalog is
HTML-escaped here and placed in raw HTML blocks, so a `<script>` in a translation shows as text.
Links between generated pages are relative, so the same pages work under `/` and `/fr/`.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list

from .instruments import Instrument, Registry, citing_sentence, find_mentions
from .link import Citation, Highlight, annotate
from .model import Paragraph, Resolution, SubParagraph
from .reservations import Position, Target
from .translate import Text, Translation

BABEL_LOCALES = {"en": "en_GB"}  # "15 October 2022", as parliaments write it
OG_LOCALES = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES", "ar": "ar_AR"}  # Open Graph wants a territory
_FOOTNOTE = re.compile(r"\[\^(\d+)\]")


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: `path` is relative to the language's docs folder."""

    path: str
    markdown: str


def babel_locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, lang)


def local_date(date, lang: str) -> str:
    return format_date(date, format="long", locale=babel_locale(lang))


def local_list(items: Iterable[str], lang: str) -> str:
    return format_list(list(items), locale=babel_locale(lang))


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def excerpt(text: str, limit: int = 200) -> str:
    """The start of a text for link previews: no footnote marks, cut at a word, with an ellipsis."""
    text = _FOOTNOTE.sub("", text)
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def front_matter(**fields: str) -> str:
    """YAML front matter, each value HTML-escaped: material prints `page.title` and `description`
    into the page without escaping them, and they may come from a catalog. JSON strings are valid
    YAML scalars, so any text is safe in the YAML too."""
    lines = [f"{key}: {json.dumps(html.escape(value), ensure_ascii=False)}" for key, value in fields.items()]
    # Search is Pagefind's, one index per language (respub.search): material need not index pages.
    lines.append("search: {exclude: true}")
    return "---\n" + "\n".join(lines) + "\n---\n\n"


# ---------------------------------------------------------------------------------------------
# Labels


def paragraph_label(ui: Translation, paragraph_id: str) -> str:
    """'Operative paragraph 3 (a)' in the page language."""
    head, *subs = paragraph_id.split("-")
    number = head[2:]
    if head.startswith("pp"):
        label = ui._("Preambular paragraph {number}").format(number=number)
    else:
        label = ui._("Operative paragraph {number}").format(number=number)
    return label + "".join(f" ({sub})" for sub in subs)


# ---------------------------------------------------------------------------------------------
# The edition: one resolution in one language


@dataclass(frozen=True)
class Edition:
    """One resolution in one language, with what the link stage found in it."""

    resolution: Resolution
    ui: Translation
    registry: Registry | None = None
    citations: tuple[Citation, ...] = ()
    base_url: str = ""  # the absolute URL of this language's root: "https://example.org/fr/"
    positions: tuple[Position, ...] = ()

    def url(self, path: str) -> str:
        """The permanent, absolute URL of `path` ("<slug>/op5/") in this edition's language."""
        return self.base_url + path

    @property
    def lang(self) -> str:
        return self.ui.lang

    @property
    def slug(self) -> str:
        return self.resolution.slug

    def text(self, key: str, msgid: str) -> Text:
        return self.ui.text(f"{self.slug}:{key}", msgid)

    @property
    def title(self) -> Text:
        return self.text("title", self.resolution.title)

    @property
    def short_title(self) -> Text:
        return self.text("short_title", self.resolution.short_title)

    def meta(self, key: str) -> str:
        return self.text(key, getattr(self.resolution.metadata, key)).value

    @cached_property
    def adopted(self) -> str:
        """The adoption date in the page language (computed once: babel's formatting is not free)."""
        return local_date(self.resolution.metadata.adopted, self.lang)

    def citation_context(self) -> str:
        """'Inter-Parliamentary Union, 145th Assembly, Kigali, Rwanda, 15 October 2022'."""
        return self.ui._("{body}, {session}, {place}, {date}").format(
            body=self.meta("body"), session=self.meta("session"), place=self.meta("place"), date=self.adopted
        )


def inline(edition: Edition, text: Text, tag: str = "span", cls: str = "") -> str:
    """A short translated string, marked with its language when it fell back to the source."""
    attrs = f' class="{cls}"' if cls else ""
    if text.lang != edition.lang:
        attrs += f' lang="{text.lang}" dir="ltr"'
    return f"<{tag}{attrs}>{esc(text.value)}</{tag}>"


def fallback_label(edition: Edition, text: Text) -> str:
    if text.status == "missing":
        label = edition.ui._("Not yet translated: original text shown")
    elif text.status == "fuzzy":
        label = edition.ui._("Translation being revised: original text shown")
    else:
        return ""
    return f'<p class="rp-fallback" role="note">{esc(label)}</p>'


def _body_html(edition: Edition, key: str, text: Text, footnote_href: str) -> str:
    """A paragraph's text as HTML: instrument links, reserved phrases marked, footnote references.

    `footnote_href` leads from the page to the resolution's full text ("" or "../"); the language
    root is one level above it.
    """
    mentions = find_mentions(text.value, edition.registry, text.lang) if edition.registry else ()
    root = footnote_href + "../"
    hrefs = {m.instrument_id: f"{root}instruments/{m.instrument_id}/" for m in mentions}
    annotated = annotate(text.value, mentions, hrefs, _highlights(edition, key, text))
    return _FOOTNOTE.sub(
        lambda m: f'<sup class="rp-fnref"><a href="{footnote_href}#fn-{m.group(1)}">{m.group(1)}</a></sup>',
        annotated,
    )


def _highlights(edition: Edition, key: str, text: Text) -> tuple[Highlight, ...]:
    """The phrases states reserved on inside this text, in the text's language."""
    out = []
    for position in edition.positions:
        for target in position.targets:
            if target.paragraph_id == key and target.phrase:
                phrase = edition.text(f"{key}:phrase", target.phrase)
                if phrase.lang == text.lang:
                    title = edition.ui._("Reservation: {state}").format(state=state_name(edition.ui, position).value)
                    out.append(Highlight(phrase.value, title))
    return tuple(out)


def _lang_attrs(edition: Edition, text: Text) -> str:
    return f' lang="{text.lang}" dir="ltr"' if text.lang != edition.lang else ""


def subparagraphs_html(edition: Edition, subs: tuple[SubParagraph, ...], footnote_href: str) -> str:
    if not subs:
        return ""
    items = []
    for sub in subs:
        text = edition.text(sub.id, sub.text)
        body = _body_html(edition, sub.id, text, footnote_href)
        items.append(
            f'<li id="{sub.id}"{_lang_attrs(edition, text)}>'
            f'<a class="rp-sub-label" href="#{sub.id}">({sub.label})</a> {body}'
            f"{fallback_label(edition, text)}"
            f"{subparagraphs_html(edition, sub.children, footnote_href)}</li>"
        )
    return f'<ol class="rp-subs">{"".join(items)}</ol>'


def paragraph_html(edition: Edition, paragraph: Paragraph, own_page: str, footnote_href: str, extra: str = "") -> str:
    """A paragraph with its id, a visible link to its own page, and its sub-paragraphs."""
    text = edition.text(paragraph.id, paragraph.text)
    label = paragraph_label(edition.ui, paragraph.id)
    number = f"{paragraph.number}." if paragraph.kind == "operative" else f"{paragraph.number}"
    body = _body_html(edition, paragraph.id, text, footnote_href)
    subs = subparagraphs_html(edition, paragraph.subparagraphs, footnote_href)
    return (
        f'<div class="rp-para rp-{paragraph.kind}" id="{paragraph.id}">'
        f'<a class="rp-num" href="{own_page}" title="{esc(label)}" aria-label="{esc(label)}">{number}</a>'
        f'<div class="rp-main"><div class="rp-body"{_lang_attrs(edition, text)}>{fallback_label(edition, text)}'
        f"<p>{body}</p>{subs}</div>{extra}{citation_html(edition, paragraph.id)}</div></div>"
    )


def citation_text(edition: Edition, paragraph_id: str) -> str:
    """A full citation of a paragraph in the page language, ending with its permanent URL."""
    return edition.ui._(
        "{body}, {session}, resolution “{title}”, {paragraph}, adopted in {place} on {date}. {url}"
    ).format(
        body=edition.meta("body"),
        session=edition.meta("session"),
        title=edition.title.value,
        paragraph=paragraph_label(edition.ui, paragraph_id),
        place=edition.meta("place"),
        date=edition.adopted,
        url=edition.url(f"{edition.slug}/{paragraph_id}/"),
    )


def citation_html(edition: Edition, paragraph_id: str) -> str:
    """The citation as text (it is there without JavaScript), and buttons that copy it or the link.

    The buttons start `hidden`; respub.js shows them when the clipboard can be used, and announces
    the copy in the live region.
    """
    ui = edition.ui
    label = paragraph_label(ui, paragraph_id)
    cite, copy_link = ui._("Cite"), ui._("Copy link")
    # The accessible name starts with the visible text (WCAG 2.5.3), then says which paragraph.
    cite_label, link_label = f"{cite}: {label}", f"{copy_link}: {label}"
    cited, linked = ui._("Citation copied"), ui._("Link copied")
    summary = ui._("Citation")
    text = citation_text(edition, paragraph_id)
    url = edition.url(f"{edition.slug}/{paragraph_id}/")
    return (
        f'<div class="rp-actions">'
        f'<button type="button" class="md-button rp-copy" hidden data-copy="{esc(text)}" data-done="{esc(cited)}" '
        f'aria-label="{esc(cite_label)}">{esc(cite)}</button>'
        f'<button type="button" class="md-button rp-copy" hidden data-copy="{esc(url)}" data-done="{esc(linked)}" '
        f'aria-label="{esc(link_label)}">{esc(copy_link)}</button>'
        f'<span class="rp-announce" role="status" aria-live="polite"></span>'
        f'<details class="rp-citation"><summary>{esc(summary)}</summary><p>{esc(text)}</p></details></div>'
    )


def md_heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with an explicit id (never derived from the text)."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!<>|])", r"\\\1", text)
    return f"{'#' * level} {escaped} {{ #{anchor} }}\n\n"


def unofficial_notice(edition: Edition) -> str:
    if edition.ui.is_source:
        return ""
    notice = edition.ui._(
        "Unofficial translation by the publishers of this site. Only the original {language} text is authoritative."
    ).format(language=Locale.parse(edition.ui.source_lang).get_display_name(babel_locale(edition.lang)))
    return f'<p class="rp-unofficial" role="note">{esc(notice)}</p>\n\n'


def header_html(edition: Edition, resolution_href: str) -> str:
    """The lines a person citing the resolution needs: body, session, place, date, adoption, and
    beside the adoption line the states that reserved on the whole resolution or opposed it."""
    meta = esc(edition.citation_context())
    adoption = inline(edition, edition.text("adoption_line", edition.resolution.adoption_line), "span")
    positions = whole_resolution_html(edition, resolution_href)
    return f'<p class="rp-meta">{meta}</p>\n\n<p class="rp-adoption">{adoption}</p>\n\n{positions}'


# ---------------------------------------------------------------------------------------------
# Pages


def full_text_page(edition: Edition, extra_by_paragraph: dict[str, str] | None = None) -> Page:
    resolution = edition.resolution
    ui = edition.ui
    extra_by_paragraph = extra_by_paragraph or {}
    parts = [
        front_matter(
            title=edition.short_title.value,
            description=excerpt(edition.title.value),
            og_locale=OG_LOCALES.get(edition.lang, edition.lang),
        )
    ]
    parts.append(f'<h1 id="title">{esc(edition.title.value)}</h1>\n\n')
    parts.append(unofficial_notice(edition))
    parts.append(header_html(edition, ""))
    formula = edition.text("formula", resolution.enacting_formula)
    parts.append(f'<p class="rp-formula">{inline(edition, formula)}</p>\n\n')
    for section, anchor, paragraphs in (
        (ui._("Preamble"), "preamble", resolution.preamble),
        (ui._("Operative part"), "operative", resolution.operative),
    ):
        parts.append(md_heading(2, section, anchor))
        for paragraph in paragraphs:
            extra = extra_by_paragraph.get(paragraph.id, "")
            extra = reservation_marker_html(edition, paragraph.id, "")
            parts.append(paragraph_html(edition, paragraph, f"{paragraph.id}/", "", extra) + "\n\n")
    if resolution.closing:
        parts.append(f'<p class="rp-closing">{inline(edition, edition.text("closing", resolution.closing))}</p>\n\n')
    if resolution.footnotes:
        parts.append(md_heading(2, ui._("Notes"), "notes"))
        parts.append(footnotes_html(edition, resolution.footnotes))
    parts.append(downloads_html(edition))
    if resolution.note:
        parts.append(md_heading(2, ui._("Reservations and positions of states"), "note"))
        note = edition.text("note", resolution.note)
        parts.append(
            f'<div class="rp-note"{_lang_attrs(edition, note)}>{fallback_label(edition, note)}'
            f"<p>{esc(note.value)}</p></div>\n\n"
        )
    return Page(f"{edition.slug}/index.md", "".join(parts))


def downloads_html(edition: Edition) -> str:
    """Links to the machine-readable editions of the resolution, and to the reservations page."""
    ui = edition.ui
    heading = ui._("Machine-readable editions")
    akn = ui._("Akoma Ntoso 3.0 XML (this language)")
    data = ui._("JSON (all languages)")
    reservations = ui._("Reservations and positions of states, state by state")
    default_root = "../" if edition.ui.is_source else "../../"
    return (
        f'<p class="rp-links"><a href="reservations/">{esc(reservations)}</a></p>\n\n'
        f'<p class="rp-downloads">{esc(heading)}: <a href="{edition.slug}.akn.xml" type="application/akn+xml">'
        f'{esc(akn)}</a> · <a href="{default_root}{edition.slug}/{edition.slug}.json" type="application/json">'
        f"{esc(data)}</a></p>\n\n"
    )


def footnotes_html(edition: Edition, footnotes) -> str:
    items = []
    for footnote in footnotes:
        text = edition.text(f"fn{footnote.marker}", footnote.text)
        items.append(
            f'<li id="fn-{footnote.marker}" value="{footnote.marker}"{_lang_attrs(edition, text)}>'
            f"{esc(text.value)}</li>"
        )
    return f'<ol class="rp-footnotes">{"".join(items)}</ol>\n\n'


def paragraph_page(edition: Edition, index: int, extra: str = "", aside: str = "") -> Page:
    """`/<slug>/<id>/`: one paragraph, with what a person citing it needs."""
    resolution = edition.resolution
    paragraphs = resolution.paragraphs
    paragraph = paragraphs[index]
    ui = edition.ui
    label = paragraph_label(ui, paragraph.id)
    start = edition.text(paragraph.id, paragraph.text).value
    parts = [
        front_matter(
            title=label,
            html_title=f"{label} · {edition.short_title.value}",
            description=excerpt(start),
            og_locale=OG_LOCALES.get(edition.lang, edition.lang),
        )
    ]
    parts.append(
        f'<h1 id="heading">{esc(label)}</h1>\n\n'
        f'<p class="rp-context"><a href="../">{inline(edition, edition.title)}</a></p>\n\n'
    )
    parts.append(unofficial_notice(edition))
    parts.append(header_html(edition, "../"))
    extra = reservation_marker_html(edition, paragraph.id, "../")
    parts.append(paragraph_html(edition, paragraph, "./", "../", extra) + "\n\n")
    cited = [fn for fn in resolution.footnotes if f"[^{fn.marker}]" in _all_text(paragraph)]
    if cited:
        parts.append(footnotes_html(edition, cited))
    parts.append(aside)
    nav = []
    if index > 0:
        previous = paragraphs[index - 1]
        nav.append(
            f'<a class="rp-prev" rel="prev" href="../{previous.id}/">{esc(paragraph_label(ui, previous.id))}</a>'
        )
    in_full = ui._("Read in the full text")
    nav.append(f'<a class="rp-in-full" href="../#{paragraph.id}">{esc(in_full)}</a>')
    if index + 1 < len(paragraphs):
        following = paragraphs[index + 1]
        nav.append(
            f'<a class="rp-next" rel="next" href="../{following.id}/">{esc(paragraph_label(ui, following.id))}</a>'
        )
    pager_label = ui._("Paragraphs")
    parts.append(f'<nav class="rp-pager" aria-label="{esc(pager_label)}">{" ".join(nav)}</nav>\n')
    return Page(f"{edition.slug}/{paragraph.id}.md", "".join(parts))


def _all_text(paragraph: Paragraph) -> str:
    return " ".join([paragraph.text, *(sub.text for sub in paragraph.all_subparagraphs())])


def home_page(editions: list[Edition], ui: Translation) -> Page:
    """The home page: every resolution with its title, body, session and date."""
    heading = ui._("Resolutions")
    intro = ui._("Adopted texts, paragraph by paragraph, with permanent links to cite.")
    parts = [front_matter(title=heading)]
    parts.append(f'<h1 id="resolutions">{esc(heading)}</h1>\n\n')
    parts.append(f"<p>{esc(intro)}</p>\n\n")
    items = []
    for edition in editions:
        title = inline(edition, edition.title)
        items.append(
            f'<li class="rp-resolution"><a href="{edition.slug}/">{title}</a>'
            f'<p class="rp-meta">{esc(edition.citation_context())}</p></li>'
        )
    parts.append(f'<ul class="rp-resolutions">{"".join(items)}</ul>\n')
    return Page("index.md", "".join(parts))


def edition_pages(edition: Edition) -> list[Page]:
    pages = [full_text_page(edition), reservations_page(edition)]
    for index, paragraph in enumerate(edition.resolution.paragraphs):
        aside = instruments_cited_html(edition, paragraph.id, "../../")
        pages.append(paragraph_page(edition, index, aside=aside))
    return pages


# ---------------------------------------------------------------------------------------------
# Translation status


@dataclass(frozen=True)
class Progress:
    """How much of one resolution a language has: counts, and the paragraphs still to do."""

    translated: int
    total: int
    missing: tuple[str, ...]  # paragraph ids (and other keys) with no translation
    fuzzy: tuple[str, ...]


def progress(edition: Edition, keys_and_texts: list[tuple[str, str]]) -> Progress:
    missing, fuzzy = [], []
    for key, text in keys_and_texts:
        status = edition.text(key, text).status
        if status == "missing":
            missing.append(key)
        elif status == "fuzzy":
            fuzzy.append(key)
    total = len(keys_and_texts)
    return Progress(total - len(missing) - len(fuzzy), total, tuple(missing), tuple(fuzzy))


def _status_links(edition: Edition, keys: tuple[str, ...]) -> str:
    paragraph_ids = {p.id for p in edition.resolution.paragraphs}
    links = []
    for key in keys:
        head = key.split("-")[0]
        if head in paragraph_ids:
            href = f"../{edition.slug}/{head}/" + (f"#{key}" if key != head else "")
            links.append(f'<a href="{href}">{esc(paragraph_label(edition.ui, key))}</a>')
        else:
            links.append(f"<code>{esc(key)}</code>")
    return ", ".join(links)


def status_page(editions: list[Edition], progresses: list[Progress], ui: Translation) -> Page:
    """`/<lang>/status/`: progress per resolution, with the untranslated and fuzzy paragraphs linked."""
    heading = ui._("Translation status")
    parts = [front_matter(title=heading), f'<h1 id="status">{esc(heading)}</h1>\n\n']
    if ui.is_source:
        original = ui._("This is the original text: there is nothing to translate.")
        parts.append(f"<p>{esc(original)}</p>\n")
        return Page("status.md", "".join(parts))
    rows = []
    for edition, state in zip(editions, progresses, strict=True):
        percent = 100 * state.translated // state.total if state.total else 100
        summary = ui._("{translated} of {total} translated ({percent}%)").format(
            translated=state.translated, total=state.total, percent=percent
        )
        missing_label = ui._("Not yet translated")
        fuzzy_label = ui._("Translation being revised")
        rows.append(
            f'<section class="rp-status"><h2 id="{edition.slug}">{inline(edition, edition.short_title)}</h2>'
            f'<p><progress max="{state.total}" value="{state.translated}">{percent}%</progress> {esc(summary)}</p>'
            f"<p>{esc(missing_label)}: {_status_links(edition, state.missing) or '—'}</p>"
            f"<p>{esc(fuzzy_label)}: {_status_links(edition, state.fuzzy) or '—'}</p></section>"
        )
    parts.append("\n\n".join(rows) + "\n")
    return Page("status.md", "".join(parts))


def site_identity(ui: Translation) -> tuple[str, str]:
    """The site's name and description in the page language (mkdocs.yml holds the English ones)."""
    # NOTE: the site's name, shown in the header and the browser tab.
    name = ui._("Parliamentary resolutions")
    description = ui._("Adopted resolutions, paragraph by paragraph, with permanent links to cite.")
    return name, description


# ---------------------------------------------------------------------------------------------
# Instruments


def kind_label(ui: Translation, kind: str) -> str:
    """The heading for a kind of instrument, in the page language."""
    labels = {
        "agenda": ui._("Agendas"),
        "agreement": ui._("Agreements"),
        "charter": ui._("Charters"),
        "compact": ui._("Compacts"),
        "convention": ui._("Conventions"),
        "covenant": ui._("Covenants"),
        "declaration": ui._("Declarations"),
        "framework": ui._("Frameworks"),
        "goals": ui._("Goals"),
        "ipu-resolution": ui._("IPU resolutions"),
        "objective": ui._("Objectives"),
        "plan-of-action": ui._("Plans of action"),
        "protocol": ui._("Protocols"),
        "statute": ui._("Statutes"),
        "un-decision": ui._("UN decisions"),
        "un-resolution": ui._("UN resolutions"),
    }
    return labels.get(kind, kind)


def instrument_title(ui: Translation, instrument: Instrument) -> Text:
    """The title in the page language: the catalog, else the registry's official title, else English."""
    text = ui.text(f"instrument:{instrument.id}", instrument.title)
    if text.status != "translated" and dict(instrument.titles).get(ui.lang):
        return Text(dict(instrument.titles)[ui.lang], ui.lang, "translated")
    return text


def _span(ui: Translation, text: Text, cls: str = "") -> str:
    attrs = f' class="{cls}"' if cls else ""
    if text.lang != ui.lang:
        attrs += f' lang="{text.lang}" dir="ltr"'
    return f"<span{attrs}>{esc(text.value)}</span>"


def instruments_cited_html(edition: Edition, paragraph_id: str, root: str) -> str:
    """The "Instruments cited" list of a paragraph page."""
    ids: list[str] = []
    for citation in edition.citations:
        if citation.paragraph_id == paragraph_id and citation.instrument_id not in ids:
            ids.append(citation.instrument_id)
    if not ids or edition.registry is None:
        return ""
    heading = edition.ui._("Instruments cited")
    items = []
    for instrument_id in ids:
        instrument = edition.registry.get(instrument_id)
        title = _span(edition.ui, instrument_title(edition.ui, instrument))
        items.append(f'<li><a href="{root}instruments/{instrument_id}/">{title}</a></li>')
    return (
        f'<aside class="rp-cited" aria-labelledby="cited"><h2 id="cited">{esc(heading)}</h2>'
        f"<ul>{''.join(items)}</ul></aside>\n\n"
    )


def instrument_page(instrument: Instrument, editions: list[Edition], ui: Translation) -> Page:
    """`/instruments/<id>/`: the instrument, its official link, and every paragraph that cites it."""
    title = instrument_title(ui, instrument)
    parts = [front_matter(title=title.value)]
    parts.append(f'<h1 id="instrument"{_lang_attrs_ui(ui, title)}>{esc(title.value)}</h1>\n\n')
    kind, adopted, place, english = ui._("Kind"), ui._("Adopted"), ui._("Place"), ui._("English title")
    facts = [f"<dt>{esc(kind)}</dt><dd>{esc(kind_label(ui, instrument.kind))}</dd>"]
    if instrument.adopted:
        facts.append(f"<dt>{esc(adopted)}</dt><dd>{esc(_partial_date(instrument.adopted, ui.lang))}</dd>")
    if instrument.place:
        facts.append(f"<dt>{esc(place)}</dt><dd>{esc(instrument.place)}</dd>")
    if instrument.link:
        official = ui._("Official text")
        facts.append(f'<dt>{esc(official)}</dt><dd><a href="{esc(instrument.link)}">{esc(instrument.link)}</a></dd>')
    if ui.lang != "en":
        facts.append(f'<dt>{esc(english)}</dt><dd lang="en" dir="ltr">{esc(instrument.title)}</dd>')
    parts.append(f'<dl class="rp-facts">{"".join(facts)}</dl>\n\n')
    heading = ui._("Cited in")
    parts.append(md_heading(2, heading, "cited-in"))
    items = []
    for edition in editions:
        for citation in edition.citations:
            if citation.instrument_id != instrument.id:
                continue
            label = paragraph_label(ui, citation.key)
            sentence = _citing_sentence(edition, citation)
            items.append(
                f'<li><a href="../../{edition.slug}/{citation.paragraph_id}/'
                f'{"#" + citation.key if citation.key != citation.paragraph_id else ""}">'
                f"{esc(label)}</a> · {_span(ui, edition.short_title)}"
                f"<blockquote{_lang_attrs_ui(ui, sentence)}>{esc(sentence.value)}</blockquote></li>"
            )
    if items:
        parts.append(f'<ul class="rp-citations">{"".join(items)}</ul>\n')
    else:
        none = ui._("No resolution published here cites this instrument yet.")
        parts.append(f"<p>{esc(none)}</p>\n")
    return Page(f"instruments/{instrument.id}.md", "".join(parts))


def _lang_attrs_ui(ui: Translation, text: Text) -> str:
    return f' lang="{text.lang}" dir="ltr"' if text.lang != ui.lang else ""


def _citing_sentence(edition: Edition, citation: Citation) -> Text:
    """The sentence that cites the instrument, from the translation when it names it there too."""
    paragraph = edition.resolution.paragraph(citation.paragraph_id)
    source = paragraph.text
    if citation.key != citation.paragraph_id:
        source = next(s.text for s in paragraph.all_subparagraphs() if s.id == citation.key)
    text = edition.text(citation.key, source)
    if text.lang != edition.lang or edition.registry is None:
        return Text(_FOOTNOTE.sub("", citation.sentence), edition.resolution.metadata.source_language, "source")
    for mention in find_mentions(text.value, edition.registry, text.lang):
        if mention.instrument_id == citation.instrument_id:
            return Text(_FOOTNOTE.sub("", citing_sentence(text.value, mention)), text.lang, "translated")
    # The translation names the instrument in words the registry does not know: quote it whole.
    return Text(_FOOTNOTE.sub("", text.value), text.lang, "translated")


def _partial_date(value: str, lang: str) -> str:
    """'1951-07-28' as a local date; '2008-04' and '2008' as they are (babel needs a day)."""
    try:
        return local_date(dt.date.fromisoformat(value), lang)
    except ValueError:
        return value


def instruments_index(registry: Registry, editions: list[Edition], ui: Translation) -> Page:
    """`/instruments/`: every instrument, grouped by kind, with how often it is cited."""
    heading = ui._("Instruments")
    parts = [front_matter(title=heading), f'<h1 id="instruments">{esc(heading)}</h1>\n\n']
    counts: dict[str, int] = {}
    for edition in editions:
        for citation in edition.citations:
            counts[citation.instrument_id] = counts.get(citation.instrument_id, 0) + 1
    kinds = sorted({i.kind for i in registry.instruments}, key=lambda kind: kind_label(ui, kind))
    for kind in kinds:
        parts.append(md_heading(2, kind_label(ui, kind), f"kind-{kind}"))
        items = []
        for instrument in sorted(
            (i for i in registry.instruments if i.kind == kind), key=lambda i: instrument_title(ui, i).value
        ):
            count = counts.get(instrument.id, 0)
            if count:
                cited = ui.ngettext("cited once", "cited {count} times", count).format(count=count)
            else:
                cited = ui._("not cited yet")
            title = _span(ui, instrument_title(ui, instrument))
            items.append(
                f'<li><a href="{instrument.id}/">{title}</a> <span class="rp-count">({esc(cited)})</span></li>'
            )
        parts.append(f'<ul class="rp-instruments">{"".join(items)}</ul>\n\n')
    return Page("instruments/index.md", "".join(parts))


# ---------------------------------------------------------------------------------------------
# Reservations and positions of states


def state_name(ui: Translation, position: Position) -> Text:
    """The state's name in the page language (catalog), as the text names it in the source."""
    return ui.text(f"state:{position.state_code}", position.name)


def _state_links(edition: Edition, positions: list[Position], page: str) -> str:
    names = [
        f'<a href="{page}#{p.state_code.lower()}">{_span(edition.ui, state_name(edition.ui, p))}</a>' for p in positions
    ]
    return local_list(names, edition.lang) if names else ""


def positions_on(edition: Edition, paragraph_id: str) -> list[Position]:
    """The states that made a reservation on this paragraph or one of its sub-paragraphs."""
    return [
        p
        for p in edition.positions
        if any(t.paragraph_id and t.paragraph_id.split("-")[0] == paragraph_id for t in p.targets)
    ]


def reservation_marker_html(edition: Edition, paragraph_id: str, resolution_href: str) -> str:
    """A marker under a paragraph naming the states that reserved on it, linked to their entries."""
    positions = positions_on(edition, paragraph_id)
    if not positions:
        return ""
    label = edition.ui.ngettext("Reservation:", "Reservations:", len(positions))
    links = _state_links(edition, positions, f"{resolution_href}reservations/")
    return f'<p class="rp-reserved-by"><span class="rp-flag">{esc(label)}</span> {links}</p>'


def whole_resolution_html(edition: Edition, resolution_href: str) -> str:
    """Reservations on the entire resolution and opposition, shown beside the adoption line."""
    page = f"{resolution_href}reservations/"
    entire = [p for p in edition.positions if p.kind == "reservation" and any(t.entire for t in p.targets)]
    opposed = [p for p in edition.positions if p.kind == "opposition"]
    lines = []
    if entire:
        label = edition.ui._("Reservations on the entire resolution:")
        lines.append(f"<span>{esc(label)} {_state_links(edition, entire, page)}</span>")
    if opposed:
        label = edition.ui._("Opposed to the resolution:")
        lines.append(f"<span>{esc(label)} {_state_links(edition, opposed, page)}</span>")
    if not lines:
        return ""
    return f'<p class="rp-positions">{"<br>".join(lines)}</p>\n\n'


def _target_html(edition: Edition, target: Target) -> str:
    ui = edition.ui
    if target.entire:
        return esc(ui._("the entire resolution"))
    head = target.paragraph_id.split("-")[0]
    anchor = f"#{target.paragraph_id}" if target.paragraph_id != head else ""
    link = f'<a href="../{head}/{anchor}">{esc(paragraph_label(ui, target.paragraph_id))}</a>'
    if not target.phrase:
        return link
    phrase = edition.text(f"{target.paragraph_id}:phrase", target.phrase)
    return ui._("{paragraph}, on the words “{phrase}”").format(paragraph=link, phrase=_span(ui, phrase))


def reservations_page(edition: Edition) -> Page:
    """`/<slug>/reservations/`: every state's position (anchor = lowercase ISO code), with links."""
    ui = edition.ui
    heading = ui._("Reservations and positions of states")
    parts = [front_matter(title=heading, html_title=f"{heading} · {edition.short_title.value}")]
    parts.append(f'<h1 id="heading">{esc(heading)}</h1>\n\n')
    parts.append(f'<p class="rp-context"><a href="../">{inline(edition, edition.title)}</a></p>\n\n')
    parts.append(unofficial_notice(edition))
    if not edition.positions:
        none = ui._("No state expressed a reservation or position on this resolution.")
        parts.append(f"<p>{esc(none)}</p>\n")
        return Page(f"{edition.slug}/reservations.md", "".join(parts))
    entries = []
    for position in sorted(edition.positions, key=lambda p: state_name(ui, p).value):
        name = state_name(ui, position)
        targets = local_list([_target_html(edition, t) for t in position.targets], edition.lang)
        if position.kind == "opposition":
            what = ui._("Expressed its opposition to {targets}.").format(targets=targets)
        else:
            what = ui._("Reservation on {targets}.").format(targets=targets)
        entries.append(
            f'<section class="rp-state" id="{position.state_code.lower()}">'
            f"<h2{_lang_attrs_ui(ui, name)}>{esc(name.value)}</h2><p>{what}</p></section>"
        )
    parts.append("\n\n".join(entries) + "\n\n")
    note_heading = ui._("The note as adopted")
    parts.append(md_heading(2, note_heading, "note"))
    note = edition.text("note", edition.resolution.note)
    parts.append(f'<blockquote class="rp-note"{_lang_attrs(edition, note)}>{esc(note.value)}</blockquote>\n')
    return Page(f"{edition.slug}/reservations.md", "".join(parts))
