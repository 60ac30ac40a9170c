"""Render a resolution edition (one resolution in one language) into Markdown pages for mkdocs.

Paragraph text is never interpreted as Markdown or HTML: Python prepares plain data (the views
below) and the autoescaping templates of `respub.render.templating` write the markup, so a
`<script>` in a translation shows as text. Links between generated pages are relative, so the same
pages work under `/` and `/fr/`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from babel import Locale

from respub.ids import ParagraphId
from respub.l10n.languages import open_graph_locale
from respub.l10n.translate import Text, Translation
from respub.link.mentions import LinkedText
from respub.model import ANNEX_OPERATIVE, OPERATIVE, Footnote, Paragraph, Part, SubParagraph, footnote_ref
from respub.render.citation import (
    CitationFile,
    CitationRecord,
    citation_files,
    citation_record,
    edition_note,
    json_ld,
    meta_tags,
)
from respub.render.edition import (
    Edition,
    FallbackLabel,
    Page,
    babel_locale,
    excerpt,
    fallback_label,
    front_matter,
    local_list,
    paragraph_label,
    unofficial_notice,
)
from respub.render.fragments import Run
from respub.render.instruments import instruments_cited
from respub.render.reservations import (
    Labelled,
    reservation_marker,
    reservations_page,
    reserved_titles,
    whole_resolution,
)
from respub.render.templating import render

# ---------------------------------------------------------------------------------------------
# Paragraphs


@dataclass(frozen=True)
class Body:
    """A paragraph's or sub-paragraph's text with its links, and where those links lead: `root` is
    the language root (for instrument pages), `footnotes` the full text (for the notes)."""

    text: LinkedText
    fallback: FallbackLabel | None  # "Not yet translated: original text shown", or None
    root: str
    footnotes: str
    reserved: Mapping[str, str]  # the title of a reserved phrase, by state code


@dataclass(frozen=True)
class SubParagraphView:
    id: str
    label: str  # as printed: "(a)", "(ii)", "7.1.2"
    body: Body
    children: tuple[SubParagraphView, ...]


@dataclass(frozen=True)
class CitationView:
    """The citation of a paragraph as text, and the labels of the buttons that copy it or the link."""

    text: str
    url: str
    cite: str
    cite_label: str
    cited: str
    copy_link: str
    link_label: str
    linked: str
    summary: str
    files: tuple[CitationFile, ...] = ()  # BibTeX, RIS, CSL-JSON (on the paragraph's own page)
    parts: tuple[tuple[str, bool], ...] = ()  # the text cut around its URLs: (text, is a URL)
    files_label: str = ""


@dataclass(frozen=True)
class ParagraphView:
    id: str
    kind: str  # "preambular", "operative", "recital", "annex-preambular", "annex-operative"
    number: str  # "3." for numbered paragraphs, "3" for preambular ones, "A" for recitals
    label: str  # "Operative paragraph 3"
    own_page: str
    in_full_text: bool
    body: Body
    subs: tuple[SubParagraphView, ...]
    marker: Labelled | None  # the states that reserved on it
    citation: CitationView


def _body(edition: Edition, key: str, footnote_href: str, reserved: Mapping[str, str]) -> Body:
    """`footnote_href` leads from the page to the resolution's full text ("" or "../"); the language
    root is one level above it."""
    linked = edition.linked_text(key)
    return Body(
        linked,
        fallback_label(edition.ui, linked.text),
        footnote_href + "../",
        footnote_href,
        reserved,
    )


def sub_label(sub: SubParagraph) -> str:
    """A sub-paragraph's label as printed: "(a)", "(ii)", or the decimal "7.1.2"."""
    return ParagraphId.parse(sub.id).printed_number if sub.label.isdigit() else f"({sub.label})"


def paragraph_number(paragraph: Paragraph) -> str:
    """A paragraph's number as printed: "5." for a numbered paragraph, "A" for a recital, "3" for a
    preambular paragraph (numbered by position)."""
    printed = ParagraphId.parse(paragraph.id).printed_number
    return f"{printed}." if paragraph.kind in (OPERATIVE, ANNEX_OPERATIVE) else printed


def part_heading(ui: Translation, part: Part) -> str:
    """The heading of a part of the resolution, in the page language."""
    if part.kind == "preamble":
        return ui._("Preamble")
    if part.kind == "recitals":
        return ui._("Recitals")
    if part.kind == "operative":
        return ui._("Operative part")
    if part.key == "annex":
        return ui._("Annex")
    return ui._("Annex {annex}").format(annex=part.key.removeprefix("annex-").upper())


def subparagraph_views(
    edition: Edition, subs: tuple[SubParagraph, ...], footnote_href: str, reserved: Mapping[str, str]
) -> tuple[SubParagraphView, ...]:
    return tuple(
        SubParagraphView(
            sub.id,
            sub_label(sub),
            _body(edition, sub.id, footnote_href, reserved),
            subparagraph_views(edition, sub.children, footnote_href, reserved),
        )
        for sub in subs
    )


def paragraph_view(
    edition: Edition,
    paragraph: Paragraph,
    own_page: str,
    footnote_href: str,
    in_full_text: bool = False,
    files: tuple[CitationFile, ...] = (),
) -> ParagraphView:
    """A paragraph with its id, a visible link to its own page, its sub-paragraphs, the states that
    reserved on it and its citation.

    In the full text (`in_full_text`) the citation buttons stay quiet until the reader points at or
    tabs into the paragraph (see respub.css); on its own page they are always shown.
    """
    reserved = reserved_titles(edition)
    return ParagraphView(
        id=paragraph.id,
        kind=paragraph.kind,
        number=paragraph_number(paragraph),
        label=paragraph_label(edition.ui, paragraph.id),
        own_page=own_page,
        in_full_text=in_full_text,
        body=_body(edition, paragraph.id, footnote_href, reserved),
        subs=subparagraph_views(edition, paragraph.children, footnote_href, reserved),
        marker=reservation_marker(edition, paragraph.id, footnote_href),
        citation=citation_view(edition, paragraph.id, files),
    )


def citation_text(edition: Edition, paragraph_id: str) -> str:
    """A full citation of a paragraph in the page language, with its permanent URL; a translation
    says whether it is official, and an unofficial one gives the original's URL."""
    path = f"{edition.slug}/{paragraph_id}/"
    text = edition.ui._(
        "{body}, {session}, resolution “{title}”, {paragraph}, adopted in {place} on {date}. {url}"
    ).format(
        body=edition.meta("body"),
        session=edition.meta("session"),
        title=edition.title.value,
        paragraph=paragraph_label(edition.ui, paragraph_id),
        place=edition.meta("place"),
        date=edition.adopted,
        url=edition.url(path),
    )
    if edition.is_original:
        return text
    note = edition.ui._("Official text.") if edition.official else edition_note(edition, path)
    return f"{text} {note}"


_URL = re.compile(r"(https?://\S+)")


def url_parts(text: str) -> tuple[tuple[str, bool], ...]:
    """`text` cut around its URLs, so a page can isolate each URL's direction (in Arabic, a URL
    shown in running text would otherwise have its punctuation moved)."""
    return tuple((part, index % 2 == 1) for index, part in enumerate(_URL.split(text)) if part)


def citation_view(edition: Edition, paragraph_id: str, files: tuple[CitationFile, ...] = ()) -> CitationView:
    """The citation as text (it is there without JavaScript), buttons that copy it or the link, and
    (on the paragraph's own page) the files reference managers import."""
    ui = edition.ui
    label = paragraph_label(ui, paragraph_id)
    cite, copy_link = ui._("Cite"), ui._("Copy link")
    # The accessible name starts with the visible text (WCAG 2.5.3), then says which paragraph.
    text = citation_text(edition, paragraph_id)
    return CitationView(
        text=text,
        url=edition.url(f"{edition.slug}/{paragraph_id}/"),
        cite=cite,
        cite_label=f"{cite}: {label}",
        cited=ui._("Citation copied"),
        copy_link=copy_link,
        link_label=f"{copy_link}: {label}",
        linked=ui._("Link copied"),
        summary=ui._("Citation"),
        files=files,
        parts=url_parts(text),
        files_label=ui._("Download the citation") if files else "",
    )


@dataclass(frozen=True)
class Header:
    """The lines a person citing the resolution needs: body, session, place, date, adoption, and
    beside the adoption line the states that reserved on the whole resolution or opposed it."""

    context: Run
    adoption: Text
    positions: tuple[Labelled, ...]
    explanation: str = ""  # what "by consensus" means beside states' reservations or opposition


def header(edition: Edition, resolution_href: str) -> Header:
    adoption = edition.text("adoption_line", edition.resolution.adoption_line)
    positions = whole_resolution(edition, resolution_href)
    explanation = ""
    if positions and "consensus" in edition.resolution.metadata.adoption:
        explanation = edition.ui._(
            "Adopted by consensus: without a vote, no delegation blocking the adoption. States may still "
            "record reservations on parts of the text or their opposition to it; these are listed here."
        )
    return Header(edition.context_line(), adoption, positions, explanation)


@dataclass(frozen=True)
class FootnoteView:
    marker: str
    text: Text


def footnote_views(edition: Edition, footnotes: tuple[Footnote, ...] | list[Footnote]) -> tuple[FootnoteView, ...]:
    return tuple(FootnoteView(fn.marker, edition.linked_text(f"fn{fn.marker}").text) for fn in footnotes)


# ---------------------------------------------------------------------------------------------
# Pages


@dataclass(frozen=True)
class Section:
    """A part of the full text: the preamble, the recitals, the operative part (followed by the
    closing line) or an annex (with its title)."""

    heading: str
    anchor: str
    paragraphs: tuple[ParagraphView, ...]
    title: Text | None = None  # an annex's title
    closing: Text | None = None  # the closing line, after the operative part and before any annex


def full_text_page(edition: Edition) -> Page:
    resolution = edition.resolution
    ui = edition.ui
    closing = edition.text("closing", resolution.closing) if resolution.closing else None
    sections = tuple(
        Section(
            part_heading(ui, part),
            part.key,
            tuple(paragraph_view(edition, p, f"{p.id}/", "", True) for p in part.paragraphs),
            edition.text(f"{part.key}:title", part.title) if part.title else None,
            closing if part.kind == "operative" else None,
        )
        for part in resolution.parts
    )
    note = edition.linked_text("note").text if resolution.note else None
    body = render(
        "full_text.html",
        lang=edition.lang,
        title=edition.title,
        notice=unofficial_notice(edition),
        header=header(edition, ""),
        formula=edition.text("formula", resolution.enacting_formula),
        sections=sections,
        notes_heading=ui._("Notes") if resolution.footnotes else "",
        footnotes=footnote_views(edition, resolution.footnotes),
        downloads=downloads(edition),
        note_heading=ui._("Reservations and positions of states") if note else "",
        note=note,
        note_fallback=fallback_label(ui, note) if note else "",
    )
    matter = front_matter(
        title=edition.short_title.value,
        description=excerpt(edition.title.value),
        og_locale=open_graph_locale(edition.lang),
        akn=edition.akn_url,
        search_in=edition.slug,
    )
    return Page(f"{edition.slug}/index.md", matter + body)


@dataclass(frozen=True)
class Downloads:
    """Links to the machine-readable editions of the resolution, and to the reservations page."""

    heading: str
    akn_href: str
    akn: str
    data_href: str
    data: str
    reservations: str


def downloads(edition: Edition) -> Downloads:
    ui = edition.ui
    default_root = "../" if edition.ui.is_source else "../../"
    return Downloads(
        heading=ui._("Machine-readable editions"),
        akn_href=f"{edition.slug}.akn.xml",
        akn=ui._("Akoma Ntoso 3.0 XML (this language)"),
        data_href=f"{default_root}{edition.slug}/{edition.slug}.json",
        data=ui._("JSON (all languages)"),
        reservations=ui._("Reservations and positions of states, state by state"),
    )


def paragraph_page(edition: Edition, index: int) -> Page:
    """`/<slug>/<id>/`: one paragraph, with what a person citing it needs."""
    resolution = edition.resolution
    paragraphs = resolution.paragraphs
    paragraph = paragraphs[index]
    ui = edition.ui
    label = paragraph_label(ui, paragraph.id)
    cited = [fn for fn in resolution.footnotes if footnote_ref(fn.marker) in _all_text(paragraph)]
    previous = paragraphs[index - 1] if index > 0 else None
    following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    record = citation_record(edition, paragraph.id, edition.publisher)
    body = render(
        "paragraph.html",
        lang=edition.lang,
        label=label,
        title=edition.title,
        notice=unofficial_notice(edition),
        header=header(edition, "../"),
        paragraph=paragraph_view(edition, paragraph, "./", "../", files=citation_files(record)),
        footnotes=footnote_views(edition, cited),
        cited=instruments_cited(edition, paragraph.id, "../../"),
        previous=_neighbour(ui, previous),
        in_full=ui._("Read in the full text"),
        following=_neighbour(ui, following),
        pager_label=ui._("Paragraphs"),
    )
    matter = front_matter(
        head={"citation_meta": escaped_meta_tags(record), "json_ld": json_ld(record)},
        title=label,
        html_title=f"{label} · {edition.short_title.value}",
        description=excerpt(edition.linked_text(paragraph.id).text.value),
        og_locale=open_graph_locale(edition.lang),
        akn=edition.akn_url,
        search_in=edition.slug,
    )
    return Page(f"{edition.slug}/{paragraph.id}.md", matter + body)


def escaped_meta_tags(record: CitationRecord) -> list[list[str]]:
    """The citation meta tags, their content HTML-escaped for the attribute material's template prints."""
    return [[name, html.escape(content)] for name, content in meta_tags(record)]


def _neighbour(ui: Translation, paragraph: Paragraph | None) -> tuple[str, str] | None:
    """(href, label) of the previous or next paragraph's page."""
    if paragraph is None:
        return None
    return f"../{paragraph.id}/", paragraph_label(ui, paragraph.id)


def _all_text(paragraph: Paragraph) -> str:
    return " ".join([paragraph.text, *(sub.text for sub in paragraph.descendants())])


@dataclass(frozen=True)
class ResolutionItem:
    href: str
    title: Text
    context: Run


def home_page(editions: list[Edition], ui: Translation) -> Page:
    """The home page: every resolution with its title, body, session and date."""
    heading = ui._("Resolutions")
    body = render(
        "home.html",
        lang=ui.lang,
        heading=heading,
        intro=ui._("Adopted texts, paragraph by paragraph, with permanent links to cite."),
        resolutions=[ResolutionItem(f"{e.slug}/", e.title, e.context_line()) for e in editions],
    )
    return Page("index.md", front_matter(title=heading) + body)


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


@dataclass(frozen=True)
class StatusKey:
    """A key still to translate: linked to its paragraph when it is one (`href`), else shown as code."""

    href: str
    label: str


def _status_keys(edition: Edition, keys: tuple[str, ...]) -> tuple[StatusKey, ...]:
    paragraph_ids = {p.id for p in edition.resolution.paragraphs}
    out = []
    for key in keys:
        head = str(ParagraphId.parse(key).top) if ParagraphId.is_valid(key) else key
        if head in paragraph_ids:
            href = f"../{edition.slug}/{head}/" + (f"#{key}" if key != head else "")
            out.append(StatusKey(href, paragraph_label(edition.ui, key)))
        else:
            out.append(StatusKey("", key))
    return tuple(out)


@dataclass(frozen=True)
class StatusRow:
    slug: str
    short_title: Text
    total: int
    translated: int
    percent: int
    summary: str
    missing: tuple[StatusKey, ...]
    fuzzy: tuple[StatusKey, ...]


def _with_colon(ui: Translation, label: str) -> str:
    """The label and its colon in the language's own punctuation (French: a non-breaking space before it)."""
    # NOTE: a label followed by its value, e.g. "Not yet translated: op5, op6".
    return ui._("{label}:").format(label=label)


@dataclass(frozen=True)
class LanguageProgress:
    """One language's line on the original language's status page: for translators and their leads."""

    href: str  # that language's status page
    name: str  # its name, in the page language
    summary: str


def language_overview(ui: Translation, others: Mapping[str, list[Progress]]) -> tuple[LanguageProgress, ...]:
    """Every translated language's progress (all resolutions together), for the original's status page."""
    rows = []
    for lang, progresses in others.items():
        translated = sum(p.translated for p in progresses)
        total = sum(p.total for p in progresses)
        percent = 100 * translated // total if total else 100
        summary = ui._("{translated} of {total} translated ({percent}%)").format(
            translated=translated, total=total, percent=percent
        )
        name = Locale.parse(lang).get_display_name(babel_locale(ui.lang))
        rows.append(LanguageProgress(f"../{lang}/status/", name, summary))
    return tuple(rows)


def status_page(
    editions: list[Edition],
    progresses: list[Progress],
    ui: Translation,
    overview: tuple[LanguageProgress, ...] = (),
) -> Page:
    """`/<lang>/status/`: progress per resolution, with the untranslated and fuzzy paragraphs linked;
    in the original language, the `overview` of every translation."""
    heading = ui._("Translation status")
    original = ui._("This is the original text: there is nothing to translate.") if ui.is_source else ""
    rows = []
    if not ui.is_source:
        for edition, state in zip(editions, progresses, strict=True):
            percent = 100 * state.translated // state.total if state.total else 100
            summary = ui._("{translated} of {total} translated ({percent}%)").format(
                translated=state.translated, total=state.total, percent=percent
            )
            rows.append(
                StatusRow(
                    edition.slug,
                    edition.short_title,
                    state.total,
                    state.translated,
                    percent,
                    summary,
                    _status_keys(edition, state.missing),
                    _status_keys(edition, state.fuzzy),
                )
            )
    body = render(
        "status.html",
        lang=ui.lang,
        heading=heading,
        original=original,
        rows=rows,
        overview=overview,
        overview_heading=ui._("Translations") if overview else "",
        missing_label=_with_colon(ui, ui._("Not yet translated")) if rows else "",
        fuzzy_label=_with_colon(ui, ui._("Translation being revised")) if rows else "",
    )
    return Page("status.md", front_matter(title=heading) + body)


# ---------------------------------------------------------------------------------------------
# Page not found


@dataclass(frozen=True)
class NotFoundItem:
    href: str
    title: str
    hint: str  # "paragraphs op1 to op31 and pp1 to pp24: /ipu-145-migration/op5/"


def not_found_body(editions: list[Edition], ui: Translation, root: str) -> str:
    """The body of a language's 404 page: a translated heading, links to the resolutions with the
    range of their paragraph ids, and the search box. `root` is the language's root path ("/fr/")."""
    items = []
    for edition in editions:
        resolution = edition.resolution
        hint = ui._("operative paragraphs op1 to op{operative}, preambular paragraphs pp1 to pp{preambular}").format(
            operative=len(resolution.operative), preambular=len(resolution.preamble)
        )
        example = f"{root}{edition.slug}/op1/"
        items.append(NotFoundItem(f"{root}{edition.slug}/", edition.short_title.value, f"{hint} ({example})"))
    return render(
        "not_found.html",
        heading=ui._("Page not found"),
        lead=ui._("There is no page at this address. Each paragraph has its own page; start from here:"),
        home=root,
        home_label=ui._("Resolutions"),
        resolutions=items,
        instruments=f"{root}instruments/",
        instruments_label=ui._("Instruments"),
        search=ui._("Or search every resolution with the search box at the top of the page."),
    )


# ---------------------------------------------------------------------------------------------
# About


@dataclass(frozen=True)
class AboutConfig:
    """The facts the About page states, from mkdocs.yml `extra.about` (respub.publish.site.about_config)."""

    publisher: str
    contact: str  # a mailto: or https: URL
    contact_label: str  # the address as shown
    licence_name: str
    licence_url: str


@dataclass(frozen=True)
class EditionStatus:
    href: str
    title: str
    status: str


def edition_status(edition: Edition, editions_of: list[Edition]) -> str:
    """ "Official in English; unofficial translations: French, Spanish, Arabic", in the page language."""
    ui = edition.ui
    names = {e.lang: Locale.parse(e.lang).get_display_name(babel_locale(ui.lang)) for e in editions_of}
    official = [names[e.lang] for e in editions_of if e.official]
    unofficial = [names[e.lang] for e in editions_of if not e.official]
    text = ui._("official text: {languages}").format(languages=local_list(official, ui.lang))
    if not unofficial:
        return text
    others = ui._("unofficial translations: {languages}").format(languages=local_list(unofficial, ui.lang))
    return ui._("{official}; {unofficial}").format(official=text, unofficial=others)


def about_page(editions: list[Edition], all_editions: list[list[Edition]], ui: Translation, about: AboutConfig) -> Page:
    """`/about/`: `all_editions[i]` is the i-th resolution in every language the site builds."""
    heading = ui._("About this site")
    items = [
        EditionStatus(f"../{edition.slug}/", edition.short_title.value, edition_status(edition, others))
        for edition, others in zip(editions, all_editions, strict=True)
    ]
    body = render(
        "about.html",
        heading=heading,
        publisher_heading=ui._("Who publishes it"),
        publisher=ui._("This site is published by {publisher}.").format(publisher=about.publisher),
        texts_heading=ui._("What the texts are"),
        texts=ui._(
            "The texts are resolutions adopted by parliamentary assemblies. A resolution states the position "
            "of the assembly that adopted it and of the parliaments it calls on; it is not binding law. Each text "
            "is published as adopted, with the reservations and positions of states recorded with it."
        ),
        editions_heading=ui._("Official editions and unofficial translations"),
        editions=items,
        cite_heading=ui._("How to cite"),
        cite=ui._(
            "Every paragraph has its own page with a permanent address. Its Cite button copies a citation "
            "that names the assembly, the session, the resolution, the paragraph and the date of adoption, and "
            "says when the wording is an unofficial translation, with the address of the original. The same "
            "citation can be downloaded as BibTeX, RIS or CSL-JSON for reference managers."
        ),
        errors_heading=ui._("How to report an error"),
        errors=ui._(
            "If you find an error in a text, a translation or a citation, please tell us, with the page's address:"
        ),
        contact=about.contact,
        contact_label=about.contact_label,
        licence_heading=ui._("Licence"),
        licence=ui._("The translations, the data and the pages of this site may be reused under the licence"),
        licence_name=about.licence_name,
        licence_url=about.licence_url,
    )
    return Page("about.md", front_matter(title=heading) + body)
