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
from dataclasses import dataclass, field

from babel.dates import format_date
from babel.lists import format_list

from .instruments import Instrument, Registry, citing_sentence, find_mentions
from .link import Citation, Highlight, annotate
from .model import Paragraph, Resolution, SubParagraph
from .translate import Text, Translation

BABEL_LOCALES = {"en": "en_GB"}  # "15 October 2022", as parliaments write it
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
    """One resolution in one language, with what the link stage found in it."""

    resolution: Resolution
    ui: Translation
    registry: Registry | None = None
    citations: tuple[Citation, ...] = ()
    highlights: dict[str, tuple[Highlight, ...]] = field(default_factory=dict)

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
    """A paragraph's text as HTML: instrument links, reserved phrases marked, footnote references.

    `footnote_href` leads from the page to the resolution's full text ("" or "../"); the language
    root is one level above it.
    """
    mentions = find_mentions(text.value, edition.registry, text.lang) if edition.registry else ()
    root = footnote_href + "../"
    hrefs = {m.instrument_id: f"{root}instruments/{m.instrument_id}/" for m in mentions}
    highlights = edition.highlights.get(key, ()) if text.lang == edition.resolution.metadata.source_language else ()
    annotated = annotate(text.value, mentions, hrefs, highlights)
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
    facts = [f"<dt>{esc(ui._('Kind'))}</dt><dd>{esc(kind_label(ui, instrument.kind))}</dd>"]
    if instrument.adopted:
        facts.append(f"<dt>{esc(ui._('Adopted'))}</dt><dd>{esc(_partial_date(instrument.adopted, ui.lang))}</dd>")
    if instrument.place:
        facts.append(f"<dt>{esc(ui._('Place'))}</dt><dd>{esc(instrument.place)}</dd>")
    if instrument.link:
        official = ui._("Official text")
        facts.append(f'<dt>{esc(official)}</dt><dd><a href="{esc(instrument.link)}">{esc(instrument.link)}</a></dd>')
    if ui.lang != "en":
        facts.append(f'<dt>{esc(ui._("English title"))}</dt><dd lang="en" dir="ltr">{esc(instrument.title)}</dd>')
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
        parts.append(f"<p>{esc(ui._('No resolution published here cites this instrument yet.'))}</p>\n")
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
    if text.lang == edition.lang and edition.registry is not None:
        for mention in find_mentions(text.value, edition.registry, text.lang):
            if mention.instrument_id == citation.instrument_id:
                return Text(_FOOTNOTE.sub("", citing_sentence(text.value, mention)), text.lang, "translated")
    return Text(_FOOTNOTE.sub("", citation.sentence), edition.resolution.metadata.source_language, "source")


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
