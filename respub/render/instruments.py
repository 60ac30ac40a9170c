"""The instrument pages, and the "Instruments cited" list of a paragraph page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_skeleton

from respub.l10n.translate import Text, Translation
from respub.link.mentions import Citation
from respub.model import FOOTNOTE_REF
from respub.registry.instruments import Instrument, Registry, citing_sentence
from respub.render.edition import (
    Edition,
    Page,
    babel_locale,
    front_matter,
    instrument_title,
    local_date,
    paragraph_label,
)
from respub.render.templating import render

# ---------------------------------------------------------------------------------------------
# Instruments


def kind_name(ui: Translation, kind: str) -> str:
    """One instrument's kind, singular ("Kind: Protocol"), in the page language."""
    # NOTE: the kind of one instrument, after "Kind:" on its page.
    names = {
        "agenda": ui._("Agenda"),
        "agreement": ui._("Agreement"),
        "charter": ui._("Charter"),
        "compact": ui._("Compact"),
        "convention": ui._("Convention"),
        "covenant": ui._("Covenant"),
        "declaration": ui._("Declaration"),
        "framework": ui._("Framework"),
        "goals": ui._("Goals"),
        "ipu-resolution": ui._("IPU resolution"),
        "objective": ui._("Objective"),
        "plan-of-action": ui._("Plan of action"),
        "protocol": ui._("Protocol"),
        "statute": ui._("Statute"),
        "un-decision": ui._("UN decision"),
        "un-resolution": ui._("UN resolution"),
    }
    return names.get(kind, kind)


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


@dataclass(frozen=True)
class Entry:
    """A linked line of a list: an instrument, or a paragraph citing one."""

    href: str
    title: Text  # the instrument's title, or the paragraph's resolution's short title
    label: str = ""  # the paragraph's label, or how often the instrument is cited
    quote: Text | None = None  # the sentence that cites the instrument


@dataclass(frozen=True)
class Cited:
    """The "Instruments cited" list of a paragraph page."""

    heading: str
    entries: tuple[Entry, ...]


def instruments_cited(edition: Edition, paragraph_id: str, root: str) -> Cited | None:
    """The instruments a paragraph cites (in the source text), linked to their pages under `root`."""
    heading = edition.ui._("Instruments cited")
    ids: list[str] = []
    for citation in edition.citations:
        if citation.paragraph_id == paragraph_id and citation.instrument_id not in ids:
            ids.append(citation.instrument_id)
    if not ids or edition.registry is None:
        return None
    entries = tuple(
        Entry(f"{root}instruments/{instrument_id}/", instrument_title(edition.ui, edition.registry.get(instrument_id)))
        for instrument_id in ids
    )
    return Cited(heading, entries)


def instrument_page(instrument: Instrument, editions: list[Edition], ui: Translation) -> Page:
    """`/instruments/<id>/`: the instrument, its official link, and every paragraph that cites it."""
    title = instrument_title(ui, instrument)
    kind, adopted, place, english = ui._("Kind"), ui._("Adopted"), ui._("Place"), ui._("English title")
    # Each fact as a Text: a place name the registry gives in English is marked as English.
    facts = [(kind, Text(kind_name(ui, instrument.kind), ui.lang, "translated"))]
    if instrument.adopted:
        facts.append((adopted, Text(_partial_date(instrument.adopted, ui.lang), ui.lang, "translated")))
    if instrument.place:
        facts.append((place, Text(instrument.place, ui.source_lang, "source")))
    citing = []
    for edition in editions:
        for citation in edition.citations:
            if citation.instrument_id != instrument.id:
                continue
            anchor = "#" + citation.key if citation.key != citation.paragraph_id else ""
            citing.append(
                Entry(
                    f"../../{edition.slug}/{citation.paragraph_id}/{anchor}",
                    edition.short_title,
                    paragraph_label(ui, citation.key),
                    _citing_sentence(edition, citation),
                )
            )
    body = render(
        "instrument.html",
        lang=ui.lang,
        title=title,
        facts=facts,
        link=instrument.link,
        official=ui._("Official text") if instrument.link else "",
        english_label=english if ui.lang != "en" else "",
        english=instrument.title,
        heading=ui._("Cited in"),
        citing=citing,
        nothing=ui._("No resolution published here cites this instrument yet.") if not citing else "",
    )
    return Page(f"instruments/{instrument.id}.md", front_matter(title=title.value) + body)


def _citing_sentence(edition: Edition, citation: Citation) -> Text:
    """The sentence that cites the instrument, from the translation when it names it there too."""
    linked = edition.linked_text(citation.key)
    text = linked.text
    if text.lang != edition.lang or edition.registry is None:
        return Text(FOOTNOTE_REF.sub("", citation.sentence), edition.resolution.metadata.source_language, "source")
    mention = linked.mention_of(citation.instrument_id)
    if mention is not None:
        return Text(FOOTNOTE_REF.sub("", citing_sentence(text.value, mention)), text.lang, "translated")
    # The translation names the instrument in words the registry does not know: quote it whole.
    return Text(FOOTNOTE_REF.sub("", text.value), text.lang, "translated")


def _partial_date(value: str, lang: str) -> str:
    """A registry date in the page language: '1951-07-28' in full, '2008-04' as month and year
    ("avril 2008"), '2008' as it is."""
    if len(value) == 7:
        year, month = value.split("-")
        return format_skeleton("yMMMM", dt.date(int(year), int(month), 1), locale=babel_locale(lang))
    if len(value) == 4:
        return value
    return local_date(dt.date.fromisoformat(value), lang)


@dataclass(frozen=True)
class Kind:
    """A kind of instrument on the index: its heading, anchor and instruments."""

    heading: str
    anchor: str
    entries: tuple[Entry, ...]


def instruments_index(registry: Registry, editions: list[Edition], ui: Translation) -> Page:
    """`/instruments/`: every instrument, grouped by kind, with how often it is cited."""
    heading = ui._("Instruments")
    counts: dict[str, int] = {}
    for edition in editions:
        for citation in edition.citations:
            counts[citation.instrument_id] = counts.get(citation.instrument_id, 0) + 1
    kinds = sorted({i.kind for i in registry.instruments}, key=lambda kind: kind_label(ui, kind))
    groups = []
    for kind in kinds:
        entries = []
        for instrument in sorted(
            (i for i in registry.instruments if i.kind == kind), key=lambda i: instrument_title(ui, i).value
        ):
            count = counts.get(instrument.id, 0)
            if not count:
                continue  # in the registry for a future text: a reader has nothing to follow there yet
            cited = ui.ngettext("cited once", "cited {count} times", count).format(count=count)
            entries.append(Entry(f"{instrument.id}/", instrument_title(ui, instrument), cited))
        if entries:
            groups.append(Kind(kind_label(ui, kind), f"kind-{kind}", tuple(entries)))
    body = render("instruments.html", lang=ui.lang, heading=heading, kinds=groups)
    return Page("instruments/index.md", front_matter(title=heading) + body)
