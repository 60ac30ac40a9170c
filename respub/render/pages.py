"""Render a resolution edition (one resolution in one language) into Markdown pages for mkdocs.

Paragraph text is never interpreted as Markdown or HTML: every string from a text or a catalog is
HTML-escaped here and placed in raw HTML blocks, so a `<script>` in a translation shows as text.
Links between generated pages are relative, so the same pages work under `/` and `/fr/`.
"""

from __future__ import annotations

from dataclasses import dataclass

from respub.ids import ParagraphId
from respub.l10n.languages import open_graph_locale
from respub.l10n.translate import Text, Translation
from respub.link.mentions import annotate
from respub.model import FOOTNOTE_REF, Paragraph, SubParagraph, footnote_ref
from respub.registry.instruments import find_mentions
from respub.render.edition import (
    Edition,
    Page,
    esc,
    excerpt,
    fallback_label,
    front_matter,
    inline,
    lang_attrs,
    md_heading,
    paragraph_label,
    unofficial_notice,
)
from respub.render.instruments import instruments_cited_html
from respub.render.reservations import (
    highlights,
    reservation_marker_html,
    reservations_page,
    whole_resolution_html,
)

# ---------------------------------------------------------------------------------------------
# Paragraphs


def _body_html(edition: Edition, key: str, text: Text, footnote_href: str) -> str:
    """A paragraph's text as HTML: instrument links, reserved phrases marked, footnote references.

    `footnote_href` leads from the page to the resolution's full text ("" or "../"); the language
    root is one level above it.
    """
    mentions = find_mentions(text.value, edition.registry, text.lang) if edition.registry else ()
    root = footnote_href + "../"
    hrefs = {m.instrument_id: f"{root}instruments/{m.instrument_id}/" for m in mentions}
    annotated = annotate(text.value, mentions, hrefs, highlights(edition, key, text))
    return FOOTNOTE_REF.sub(
        lambda m: f'<sup class="rp-fnref"><a href="{footnote_href}#fn-{m.group(1)}">{m.group(1)}</a></sup>',
        annotated,
    )


def subparagraphs_html(edition: Edition, subs: tuple[SubParagraph, ...], footnote_href: str) -> str:
    if not subs:
        return ""
    items = []
    for sub in subs:
        text = edition.text(sub.id, sub.text)
        body = _body_html(edition, sub.id, text, footnote_href)
        items.append(
            f'<li id="{sub.id}"{lang_attrs(edition.lang, text)}>'
            f'<a class="rp-sub-label" href="#{sub.id}">({sub.label})</a> {body}'
            f"{fallback_label(edition, text)}"
            f"{subparagraphs_html(edition, sub.children, footnote_href)}</li>"
        )
    return f'<ol class="rp-subs">{"".join(items)}</ol>'


def paragraph_html(
    edition: Edition,
    paragraph: Paragraph,
    own_page: str,
    footnote_href: str,
    extra: str = "",
    in_full_text: bool = False,
) -> str:
    """A paragraph with its id, a visible link to its own page, and its sub-paragraphs.

    In the full text (`in_full_text`) the citation buttons stay quiet until the reader points at or
    tabs into the paragraph (see respub.css); on its own page they are always shown.
    """
    text = edition.text(paragraph.id, paragraph.text)
    label = paragraph_label(edition.ui, paragraph.id)
    number = f"{paragraph.number}." if paragraph.kind == "operative" else f"{paragraph.number}"
    body = _body_html(edition, paragraph.id, text, footnote_href)
    subs = subparagraphs_html(edition, paragraph.children, footnote_href)
    return (
        f'<div class="rp-para rp-{paragraph.kind}{" rp-in-full-text" if in_full_text else ""}" id="{paragraph.id}">'
        f'<a class="rp-num" href="{own_page}" title="{esc(label)}" aria-label="{esc(label)}">{number}</a>'
        f'<div class="rp-main"><div class="rp-body"{lang_attrs(edition.lang, text)}>{fallback_label(edition, text)}'
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


def header_html(edition: Edition, resolution_href: str) -> str:
    """The lines a person citing the resolution needs: body, session, place, date, adoption, and
    beside the adoption line the states that reserved on the whole resolution or opposed it."""
    meta = esc(edition.citation_context())
    adoption = inline(edition.lang, edition.text("adoption_line", edition.resolution.adoption_line), "span")
    positions = whole_resolution_html(edition, resolution_href)
    return f'<p class="rp-meta">{meta}</p>\n\n<p class="rp-adoption">{adoption}</p>\n\n{positions}'


# ---------------------------------------------------------------------------------------------
# Pages


def full_text_page(edition: Edition) -> Page:
    resolution = edition.resolution
    ui = edition.ui
    parts = [
        front_matter(
            title=edition.short_title.value,
            description=excerpt(edition.title.value),
            og_locale=open_graph_locale(edition.lang),
        )
    ]
    parts.append(f'<h1 id="title">{esc(edition.title.value)}</h1>\n\n')
    parts.append(unofficial_notice(edition))
    parts.append(header_html(edition, ""))
    formula = edition.text("formula", resolution.enacting_formula)
    parts.append(f'<p class="rp-formula">{inline(edition.lang, formula)}</p>\n\n')
    for section, anchor, paragraphs in (
        (ui._("Preamble"), "preamble", resolution.preamble),
        (ui._("Operative part"), "operative", resolution.operative),
    ):
        parts.append(md_heading(2, section, anchor))
        for paragraph in paragraphs:
            extra = reservation_marker_html(edition, paragraph.id, "")
            html = paragraph_html(edition, paragraph, f"{paragraph.id}/", "", extra, in_full_text=True)
            parts.append(html + "\n\n")
    if resolution.closing:
        parts.append(
            f'<p class="rp-closing">{inline(edition.lang, edition.text("closing", resolution.closing))}</p>\n\n'
        )
    if resolution.footnotes:
        parts.append(md_heading(2, ui._("Notes"), "notes"))
        parts.append(footnotes_html(edition, resolution.footnotes))
    parts.append(downloads_html(edition))
    if resolution.note:
        parts.append(md_heading(2, ui._("Reservations and positions of states"), "note"))
        note = edition.text("note", resolution.note)
        parts.append(
            f'<div class="rp-note"{lang_attrs(edition.lang, note)}>{fallback_label(edition, note)}'
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
            f'<li id="fn-{footnote.marker}" value="{footnote.marker}"{lang_attrs(edition.lang, text)}>'
            f"{esc(text.value)}</li>"
        )
    return f'<ol class="rp-footnotes">{"".join(items)}</ol>\n\n'


def paragraph_page(edition: Edition, index: int) -> Page:
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
            og_locale=open_graph_locale(edition.lang),
        )
    ]
    parts.append(
        f'<h1 id="heading">{esc(label)}</h1>\n\n'
        f'<p class="rp-context"><a href="../">{inline(edition.lang, edition.title)}</a></p>\n\n'
    )
    parts.append(unofficial_notice(edition))
    parts.append(header_html(edition, "../"))
    extra = reservation_marker_html(edition, paragraph.id, "../")
    parts.append(paragraph_html(edition, paragraph, "./", "../", extra) + "\n\n")
    cited = [fn for fn in resolution.footnotes if footnote_ref(fn.marker) in _all_text(paragraph)]
    if cited:
        parts.append(footnotes_html(edition, cited))
    parts.append(instruments_cited_html(edition, paragraph.id, "../../"))
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
    return " ".join([paragraph.text, *(sub.text for sub in paragraph.descendants())])


def home_page(editions: list[Edition], ui: Translation) -> Page:
    """The home page: every resolution with its title, body, session and date."""
    heading = ui._("Resolutions")
    intro = ui._("Adopted texts, paragraph by paragraph, with permanent links to cite.")
    parts = [front_matter(title=heading)]
    parts.append(f'<h1 id="resolutions">{esc(heading)}</h1>\n\n')
    parts.append(f"<p>{esc(intro)}</p>\n\n")
    items = []
    for edition in editions:
        title = inline(edition.lang, edition.title)
        items.append(
            f'<li class="rp-resolution"><a href="{edition.slug}/">{title}</a>'
            f'<p class="rp-meta">{esc(edition.citation_context())}</p></li>'
        )
    parts.append(f'<ul class="rp-resolutions">{"".join(items)}</ul>\n')
    return Page("index.md", "".join(parts))


def edition_pages(edition: Edition) -> list[Page]:
    pages = [full_text_page(edition), reservations_page(edition)]
    pages.extend(paragraph_page(edition, index) for index in range(len(edition.resolution.paragraphs)))
    return pages


def site_identity(ui: Translation) -> tuple[str, str]:
    """The site's name and description in the page language (mkdocs.yml holds the English ones)."""
    # NOTE: the site's name, shown in the header and the browser tab.
    name = ui._("Parliamentary resolutions")
    description = ui._("Adopted resolutions, paragraph by paragraph, with permanent links to cite.")
    return name, description


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
        head = str(ParagraphId.parse(key).top) if ParagraphId.is_valid(key) else key
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
            f'<section class="rp-status"><h2 id="{edition.slug}">{inline(edition.lang, edition.short_title)}</h2>'
            f'<p><progress max="{state.total}" value="{state.translated}">{percent}%</progress> {esc(summary)}</p>'
            f"<p>{esc(missing_label)}: {_status_links(edition, state.missing) or '—'}</p>"
            f"<p>{esc(fuzzy_label)}: {_status_links(edition, state.fuzzy) or '—'}</p></section>"
        )
    parts.append("\n\n".join(rows) + "\n")
    return Page("status.md", "".join(parts))
