"""Reservations and positions of states: markers on paragraphs, highlighted phrases, the state page."""

from __future__ import annotations

from respub.ids import MessageKey, ParagraphId
from respub.l10n.translate import Text
from respub.link.mentions import Highlight
from respub.link.reservations import Position, Target
from respub.render.edition import (
    Edition,
    Page,
    esc,
    front_matter,
    inline,
    lang_attrs,
    local_list,
    md_heading,
    paragraph_label,
    state_name,
    unofficial_notice,
)

# ---------------------------------------------------------------------------------------------
# Reservations and positions of states


def highlights(edition: Edition, key: str, text: Text) -> tuple[Highlight, ...]:
    """The phrases states reserved on inside this text, in the text's language."""
    out = []
    for position in edition.positions:
        for target in position.targets:
            if target.paragraph_id == key and target.phrase:
                phrase = edition.text(MessageKey.phrase(edition.slug, key).key, target.phrase)
                if phrase.lang == text.lang:
                    title = edition.ui._("Reservation: {state}").format(state=state_name(edition.ui, position).value)
                    out.append(Highlight(phrase.value, title))
    return tuple(out)


def _state_links(edition: Edition, positions: list[Position], page: str) -> str:
    names = [
        f'<a href="{page}#{p.state_code.lower()}">{inline(edition.lang, state_name(edition.ui, p))}</a>'
        for p in positions
    ]
    return local_list(names, edition.lang) if names else ""


def positions_on(edition: Edition, paragraph_id: str) -> list[Position]:
    """The states that made a reservation on this paragraph or one of its sub-paragraphs."""
    return [
        p
        for p in edition.positions
        if any(t.paragraph_id and str(ParagraphId.parse(t.paragraph_id).top) == paragraph_id for t in p.targets)
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
    phrase = edition.text(MessageKey.phrase(edition.slug, target.paragraph_id).key, target.phrase)
    return ui._("{paragraph}, on the words “{phrase}”").format(paragraph=link, phrase=inline(ui.lang, phrase))


def reservations_page(edition: Edition) -> Page:
    """`/<slug>/reservations/`: every state's position (anchor = lowercase ISO code), with links."""
    ui = edition.ui
    heading = ui._("Reservations and positions of states")
    parts = [front_matter(title=heading, html_title=f"{heading} · {edition.short_title.value}")]
    parts.append(f'<h1 id="heading">{esc(heading)}</h1>\n\n')
    parts.append(f'<p class="rp-context"><a href="../">{inline(edition.lang, edition.title)}</a></p>\n\n')
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
            f"<h2{lang_attrs(ui.lang, name)}>{esc(name.value)}</h2><p>{what}</p></section>"
        )
    parts.append("\n\n".join(entries) + "\n\n")
    note_heading = ui._("The note as adopted")
    parts.append(md_heading(2, note_heading, "note"))
    note = edition.text("note", edition.resolution.note)
    parts.append(f'<blockquote class="rp-note"{lang_attrs(edition.lang, note)}>{esc(note.value)}</blockquote>\n')
    return Page(f"{edition.slug}/reservations.md", "".join(parts))
