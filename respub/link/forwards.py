"""Where a resolution's old URLs lead: paragraphs moved or withdrawn, and slugs it had before.

From the declarations of its metadata (`moved`, `withdrawn`, `previous_slugs`, read by
respub.source.changes), this works out, for one resolution and without looking at any built site:
- every old paragraph page that keeps answering (`/<slug>/op32/`), with the ids it still carries;
- where, in the full text and on a paragraph page, a note with the old id goes (next to the new
  paragraph, or where the withdrawn one stood), so `/<slug>/#op32` still lands;
- the pages answering under each previous slug (every page of the resolution, by the same path).

Rendering is respub.render.moved's; the URL list, respub.publish.contract's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from respub.errors import InputError
from respub.ids import ParagraphId
from respub.model import Change, Paragraph, Resolution


@dataclass(frozen=True)
class Forward:
    """One declared change, placed: `owner` is the paragraph page that carries its note (a current
    paragraph for a sub-paragraph id, else "" when the old id has an old page of its own)."""

    change: Change
    owner: str  # current paragraph id whose page carries the note, or "" (own old page)
    parent: str  # the declared paragraph-level id whose old page carries it, or ""
    before: str  # the current paragraph id next to whose block the full-text note goes
    anchors: tuple[str, ...]  # every id the note answers for: the old id first, then old sub-ids
    after: bool = False  # the note goes after that block (a withdrawn last paragraph), not before

    @property
    def old(self) -> str:
        return self.change.old

    @property
    def moved(self) -> bool:
        return bool(self.change.to)


def _part(identifier: str) -> tuple[str, str]:
    """The part of the resolution an id is in: (part, annex)."""
    parsed = ParagraphId.parse(identifier)
    return parsed.part, parsed.annex


def _order(identifier: str) -> tuple:
    return ParagraphId.parse(identifier).order


def _paragraph_of(resolution: Resolution) -> dict[str, str]:
    """Every current id (paragraph or sub-paragraph) -> its paragraph's id."""
    out: dict[str, str] = {}
    for paragraph in resolution.paragraphs:
        out[paragraph.id] = paragraph.id
        for sub in paragraph.descendants():
            out[sub.id] = paragraph.id
    return out


def _withdrawn_place(old: str, paragraphs: tuple[Paragraph, ...]) -> tuple[str, bool]:
    """Where a withdrawn paragraph's note goes: before the next paragraph of its kind, else after
    the last one of its kind (else after the last paragraph)."""
    same = [p for p in paragraphs if _part(p.id) == _part(old)]
    following = [p for p in same if _order(p.id) > _order(old)]
    if following:
        return following[0].id, False
    return (same or list(paragraphs))[-1].id, True


def _check(resolution: Resolution, current: dict[str, str]) -> None:
    text = resolution.source.path
    for change in resolution.metadata.changes:
        where = change.source
        if change.old in current:
            raise InputError(
                where.path,
                where.line,
                f"{change.old!r} is still in {text}: only an id the text no longer has can be moved or withdrawn",
            )
        if change.to and change.to not in current:
            raise InputError(
                where.path, where.line, f"moved: {change.old!r} -> {change.to!r}: {text} has no {change.to!r}"
            )
    for slug, where in resolution.metadata.previous_slugs:
        if slug == resolution.slug:
            raise InputError(where.path, where.line, f"previous slug {slug!r} is the current slug")


def forwards(resolution: Resolution) -> tuple[Forward, ...]:
    """Every declared change of `resolution`, placed; bad declarations raise InputError."""
    current = _paragraph_of(resolution)
    _check(resolution, current)
    changes = resolution.metadata.changes
    paragraphs = set(current.values())
    page_level = {c.old for c in changes if str(ParagraphId.parse(c.old).top) not in paragraphs}

    def declared_ancestor(old: str) -> str:
        """The nearest declared id above `old` that has an old page of its own, or ""."""
        up = ParagraphId.parse(old).parent
        while up is not None and str(up) not in page_level:
            up = up.parent
        return str(up) if up is not None else ""

    placed: dict[str, Forward] = {}
    # Paragraph-level changes first: a sub-paragraph change may sit on its paragraph's old page.
    for change in sorted(changes, key=lambda c: len(ParagraphId.parse(c.old).subs)):
        top = str(ParagraphId.parse(change.old).top)
        owner = top if top in paragraphs else ""
        parent = "" if owner else declared_ancestor(change.old)
        after = False
        if change.to:
            before = current[change.to]
        elif owner:
            before = owner
        elif parent:
            before, after = placed[parent].before, placed[parent].after
        else:
            before, after = _withdrawn_place(change.old, resolution.paragraphs)
        anchors = [change.old]
        if change.to and not owner:
            declared = {c.old for c in changes}
            for target in current:
                if target.startswith(change.to + "-"):
                    derived = change.old + target[len(change.to) :]
                    if derived not in declared and derived not in anchors:
                        anchors.append(derived)
        placed[change.old] = Forward(change, owner, parent, before, tuple(anchors), after)
    return tuple(placed[c.old] for c in changes)


def old_pages(items: tuple[Forward, ...]) -> tuple[Forward, ...]:
    """The changes with an old page of their own (`/<slug>/op32/`)."""
    return tuple(f for f in items if not f.owner and not f.parent)


def page_anchors(items: tuple[Forward, ...], page_id: str) -> tuple[str, ...]:
    """Every old id on the page of `page_id` (an old id with its own page, or a current paragraph)."""
    out: list[str] = []
    for forward in items:
        if forward.old == page_id or page_id in (forward.owner, forward.parent):
            out.extend(forward.anchors)
    return tuple(out)


def check_previous_slugs(resolutions: Iterable[Resolution]) -> None:
    """A previous slug may not be any resolution's slug, nor another's previous slug."""
    items = list(resolutions)
    current = {r.slug: r for r in items}
    seen: dict[str, str] = {}
    for resolution in items:
        for slug, where in resolution.metadata.previous_slugs:
            if slug in current:
                other = current[slug].metadata.source.path
                raise InputError(where.path, where.line, f"previous slug {slug!r} is the slug of {other}")
            if slug in seen:
                raise InputError(where.path, where.line, f"previous slug {slug!r} is also declared by {seen[slug]}")
            seen[slug] = where.path
