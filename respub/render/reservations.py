"""Reservations and positions of states: markers on paragraphs, marked phrases, the state page.

Translated sentences with placeholders ("Reservation on {targets}.") become fragments
(`respub.render.fragments`): the templates escape their text and write the links.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from respub.ids import MessageKey, ParagraphId
from respub.l10n.translate import Text
from respub.link.reservations import Position, Target
from respub.render.edition import (
    Edition,
    Page,
    babel_locale,
    front_matter,
    paragraph_label,
    state_name,
    unofficial_notice,
)
from respub.render.fragments import Fragment, Link, Phrase, Run, fill, listing
from respub.render.templating import render

# ---------------------------------------------------------------------------------------------
# Reservations and positions of states


def reserved_titles(edition: Edition) -> Mapping[str, str]:
    """The title of a phrase a state reserved on, by the state's ISO code: "Reservation: India"."""
    ui = edition.ui
    return {
        position.state_code: ui._("Reservation: {state}").format(state=state_name(ui, position).value)
        for position in edition.positions
    }


def _state_links(edition: Edition, positions: list[Position], page: str) -> Run:
    names = [Link(f"{page}#{p.state_code.lower()}", Phrase(state_name(edition.ui, p))) for p in positions]
    return listing(names, babel_locale(edition.lang))


def positions_on(edition: Edition, paragraph_id: str) -> list[Position]:
    """The states that made a reservation on this paragraph or one of its sub-paragraphs."""
    return [
        p
        for p in edition.positions
        if any(t.paragraph_id and str(ParagraphId.parse(t.paragraph_id).top) == paragraph_id for t in p.targets)
    ]


@dataclass(frozen=True)
class Labelled:
    """A label and the states it introduces: "Reservations:" India and Qatar."""

    label: str
    states: Run


def reservation_marker(edition: Edition, paragraph_id: str, resolution_href: str) -> Labelled | None:
    """A marker under a paragraph naming the states that reserved on it, linked to their entries."""
    positions = positions_on(edition, paragraph_id)
    if not positions:
        return None
    label = edition.ui.ngettext("Reservation:", "Reservations:", len(positions))
    return Labelled(label, _state_links(edition, positions, f"{resolution_href}reservations/"))


def whole_resolution(edition: Edition, resolution_href: str) -> tuple[Labelled, ...]:
    """Reservations on the entire resolution and opposition, shown beside the adoption line."""
    page = f"{resolution_href}reservations/"
    entire = [p for p in edition.positions if p.kind == "reservation" and any(t.entire for t in p.targets)]
    opposed = [p for p in edition.positions if p.kind == "opposition"]
    lines = []
    if entire:
        label = edition.ui._("Reservations on the entire resolution:")
        lines.append(Labelled(label, _state_links(edition, entire, page)))
    if opposed:
        label = edition.ui._("Opposed to the resolution:")
        lines.append(Labelled(label, _state_links(edition, opposed, page)))
    return tuple(lines)


def _target(edition: Edition, target: Target) -> Fragment:
    ui = edition.ui
    if target.entire:
        return ui._("the entire resolution")
    head = str(ParagraphId.parse(target.paragraph_id).top)
    anchor = f"#{target.paragraph_id}" if target.paragraph_id != head else ""
    link = Link(f"../{head}/{anchor}", paragraph_label(ui, target.paragraph_id))
    if not target.phrase:
        return link
    phrase = edition.text(MessageKey.phrase(edition.slug, target.paragraph_id).key, target.phrase)
    return fill(ui._("{paragraph}, on the words “{phrase}”"), paragraph=link, phrase=Phrase(phrase))


def reservations_page(edition: Edition) -> Page:
    """`/<slug>/reservations/`: every state's position (anchor = lowercase ISO code), with links."""
    ui = edition.ui
    heading = ui._("Reservations and positions of states")
    positions = sorted(edition.positions, key=lambda p: state_name(ui, p).value)
    body = render(
        "reservations.html",
        lang=edition.lang,
        heading=heading,
        title=edition.title,
        notice=unofficial_notice(edition),
        entries=[_entry(edition, position) for position in positions],
        intro=ui._(
            "When a resolution is adopted, states may record reservations on parts of it or their opposition "
            "to it. Each state's position is given below, with links to the paragraphs concerned, then the "
            "note as the resolution records it."
        ),
        contents_label=ui._("States"),
        nothing=ui._("No state expressed a reservation or position on this resolution."),
        note=_note(edition),
    )
    matter = front_matter(
        title=heading,
        html_title=f"{heading} · {edition.short_title.value}",
        akn=edition.akn_url,
        search_in=edition.slug,
    )
    return Page(f"{edition.slug}/reservations.md", matter + body)


@dataclass(frozen=True)
class StateEntry:
    """One state's entry on the reservations page: its anchor, name and what it said."""

    anchor: str  # the lowercase ISO code
    name: Text
    what: Run


def _entry(edition: Edition, position: Position) -> StateEntry:
    ui = edition.ui
    targets = listing([_target(edition, t) for t in position.targets], babel_locale(edition.lang))
    if position.kind == "opposition":
        what = fill(ui._("Expressed its opposition to {targets}."), targets=targets)
    else:
        what = fill(ui._("Reservation on {targets}."), targets=targets)
    return StateEntry(position.state_code.lower(), state_name(ui, position), what)


@dataclass(frozen=True)
class Note:
    """The reservations note as the resolution adopted it, under its heading."""

    heading: str
    text: Text


def _note(edition: Edition) -> Note:
    return Note(edition.ui._("The note as adopted"), edition.text("note", edition.resolution.note))
