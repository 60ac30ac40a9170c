"""The instrument pages, and the "Instruments cited" list of a paragraph page."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_skeleton

from respub.l10n.translate import Text, Translation
from respub.link.mentions import Citation
from respub.model import FOOTNOTE_REF
from respub.registry.instruments import Instrument, Registry, citing_sentence, find_mentions
from respub.render.edition import (
    Edition,
    Page,
    babel_locale,
    esc,
    front_matter,
    inline,
    instrument_title,
    lang_attrs,
    local_date,
    md_heading,
    paragraph_label,
)

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
        title = inline(edition.lang, instrument_title(edition.ui, instrument))
        items.append(f'<li><a href="{root}instruments/{instrument_id}/">{title}</a></li>')
    return (
        f'<aside class="rp-cited" aria-labelledby="cited"><h2 id="cited">{esc(heading)}</h2>'
        f"<ul>{''.join(items)}</ul></aside>\n\n"
    )


def instrument_page(instrument: Instrument, editions: list[Edition], ui: Translation) -> Page:
    """`/instruments/<id>/`: the instrument, its official link, and every paragraph that cites it."""
    title = instrument_title(ui, instrument)
    parts = [front_matter(title=title.value)]
    parts.append(f'<h1 id="instrument"{lang_attrs(ui.lang, title)}>{esc(title.value)}</h1>\n\n')
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
                f"{esc(label)}</a> · {inline(ui.lang, edition.short_title)}"
                f"<blockquote{lang_attrs(ui.lang, sentence)}>{esc(sentence.value)}</blockquote></li>"
            )
    if items:
        parts.append(f'<ul class="rp-citations">{"".join(items)}</ul>\n')
    else:
        none = ui._("No resolution published here cites this instrument yet.")
        parts.append(f"<p>{esc(none)}</p>\n")
    return Page(f"instruments/{instrument.id}.md", "".join(parts))


def _citing_sentence(edition: Edition, citation: Citation) -> Text:
    """The sentence that cites the instrument, from the translation when it names it there too."""
    paragraph = edition.resolution.paragraph(citation.paragraph_id)
    source = paragraph.text
    if citation.key != citation.paragraph_id:
        source = next(s.text for s in paragraph.descendants() if s.id == citation.key)
    text = edition.text(citation.key, source)
    if text.lang != edition.lang or edition.registry is None:
        return Text(FOOTNOTE_REF.sub("", citation.sentence), edition.resolution.metadata.source_language, "source")
    for mention in find_mentions(text.value, edition.registry, text.lang):
        if mention.instrument_id == citation.instrument_id:
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
            title = inline(ui.lang, instrument_title(ui, instrument))
            items.append(
                f'<li><a href="{instrument.id}/">{title}</a> <span class="rp-count">({esc(cited)})</span></li>'
            )
        parts.append(f'<ul class="rp-instruments">{"".join(items)}</ul>\n\n')
    return Page("instruments/index.md", "".join(parts))
