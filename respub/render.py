"""Render a resolution edition (one resolution in one language) into Markdown pages for mkdocs.

Paragraph text is never interpreted as Markdown or HTML: every string from a text or a catalog is
HTML-escaped here and placed in raw HTML blocks, so a `<script>` in a translation shows as text.
Links between generated pages are relative, so the same pages work under `/` and `/fr/`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from babel.dates import format_date
from babel.lists import format_list

from .model import Paragraph, Resolution, SubParagraph
from .translate import Text, Translation

BABEL_LOCALES = {"en": "en_GB"}  # "15 October 2022", as parliaments write it
_FOOTNOTE = re.compile(r"\[\^(\d+)\]")


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: `path` is relative to the language's docs folder."""

    path: str
    markdown: str


# An annotator turns a paragraph's (translated) text into safe HTML: it must escape everything it
# does not mark up itself. The linking stage (instruments, reserved phrases) supplies one.
Annotator = Callable[[str, str, str], str]  # (paragraph id, text, lang) -> HTML


def plain_annotator(paragraph_id: str, text: str, lang: str) -> str:
    return html.escape(text, quote=False)


def babel_locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, lang)


def local_date(date, lang: str) -> str:
    return format_date(date, format="long", locale=babel_locale(lang))


def local_list(items: Iterable[str], lang: str) -> str:
    return format_list(list(items), locale=babel_locale(lang))


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def front_matter(**fields: str) -> str:
    """YAML front matter; JSON strings are valid YAML scalars, so any text is safe."""
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
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
    resolution: Resolution
    ui: Translation
    annotate: Annotator = plain_annotator

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

    @property
    def adopted(self) -> str:
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
    annotated = edition.annotate(key, text.value, text.lang)
    return _FOOTNOTE.sub(
        lambda m: f'<sup class="rp-fnref"><a href="{footnote_href}#fn-{m.group(1)}">{m.group(1)}</a></sup>',
        annotated,
    )


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
        f'<div class="rp-body"{_lang_attrs(edition, text)}>{fallback_label(edition, text)}'
        f"<p>{body}</p>{subs}</div>{extra}</div>"
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
    ).format(language=edition.ui._("English"))
    return f'<p class="rp-unofficial" role="note">{esc(notice)}</p>\n\n'


def header_html(edition: Edition) -> str:
    """The lines a person citing the resolution needs: body, session, place, date, adoption."""
    meta = esc(edition.citation_context())
    adoption = inline(edition, edition.text("adoption_line", edition.resolution.adoption_line), "span")
    return f'<p class="rp-meta">{meta}</p>\n\n<p class="rp-adoption">{adoption}</p>\n\n'


# ---------------------------------------------------------------------------------------------
# Pages


def full_text_page(edition: Edition, extra_by_paragraph: dict[str, str] | None = None) -> Page:
    resolution = edition.resolution
    ui = edition.ui
    extra_by_paragraph = extra_by_paragraph or {}
    parts = [front_matter(title=edition.short_title.value)]
    parts.append(f'<h1 id="title">{esc(edition.title.value)}</h1>\n\n')
    parts.append(unofficial_notice(edition))
    parts.append(header_html(edition))
    formula = edition.text("formula", resolution.enacting_formula)
    parts.append(f'<p class="rp-formula">{inline(edition, formula)}</p>\n\n')
    for section, anchor, paragraphs in (
        (ui._("Preamble"), "preamble", resolution.preamble),
        (ui._("Operative part"), "operative", resolution.operative),
    ):
        parts.append(md_heading(2, section, anchor))
        for paragraph in paragraphs:
            extra = extra_by_paragraph.get(paragraph.id, "")
            parts.append(paragraph_html(edition, paragraph, f"{paragraph.id}/", "", extra) + "\n\n")
    if resolution.closing:
        parts.append(f'<p class="rp-closing">{inline(edition, edition.text("closing", resolution.closing))}</p>\n\n')
    if resolution.footnotes:
        parts.append(md_heading(2, ui._("Notes"), "notes"))
        parts.append(footnotes_html(edition, resolution.footnotes))
    if resolution.note:
        parts.append(md_heading(2, ui._("Reservations and positions of states"), "note"))
        note = edition.text("note", resolution.note)
        parts.append(
            f'<div class="rp-note"{_lang_attrs(edition, note)}>{fallback_label(edition, note)}'
            f"<p>{esc(note.value)}</p></div>\n\n"
        )
    return Page(f"{edition.slug}/index.md", "".join(parts))


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
    parts = [front_matter(title=label, html_title=f"{label} · {edition.short_title.value}")]
    parts.append(
        f'<h1 id="heading">{esc(label)}</h1>\n\n'
        f'<p class="rp-context"><a href="../">{inline(edition, edition.title)}</a></p>\n\n'
    )
    parts.append(unofficial_notice(edition))
    parts.append(header_html(edition))
    parts.append(paragraph_html(edition, paragraph, "./", "../", extra) + "\n\n")
    cited = [fn for fn in resolution.footnotes if f"[^{fn.marker}]" in _all_text(paragraph)]
    if cited:
        parts.append(footnotes_html(edition, cited))
    parts.append(aside)
    nav = []
    if index > 0:
        previous = paragraphs[index - 1]
        nav.append(
            f'<a class="rp-prev" rel="prev" href="../{previous.id}/">← {esc(paragraph_label(ui, previous.id))}</a>'
        )
    in_full = ui._("Read in the full text")
    nav.append(f'<a class="rp-in-full" href="../#{paragraph.id}">{esc(in_full)}</a>')
    if index + 1 < len(paragraphs):
        following = paragraphs[index + 1]
        nav.append(
            f'<a class="rp-next" rel="next" href="../{following.id}/">{esc(paragraph_label(ui, following.id))} →</a>'
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
    pages = [full_text_page(edition)]
    pages.extend(paragraph_page(edition, index) for index in range(len(edition.resolution.paragraphs)))
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
        parts.append(f"<p>{esc(ui._('This is the original text: there is nothing to translate.'))}</p>\n")
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
