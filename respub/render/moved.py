"""Old URLs that keep answering: pages and notes for paragraphs moved or withdrawn and for slugs
a resolution had before (declared in its metadata; placed by respub.link.forwards).

- `/<slug>/op32/` (moved or withdrawn): a page that says what happened and links the new place;
- `/<slug>/#op32`: a note with the old id next to the paragraph it became (or where it stood);
- `/<previous-slug>/...`: every page of the resolution, by the same path, says where it is now.

Every string goes through the autoescaping templates `moved.html` and `moved-note.html`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from respub.link.forwards import Forward, forwards, old_pages, page_anchors
from respub.render.edition import Edition, Page, front_matter, paragraph_label
from respub.render.templating import render


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class Reason:
    label: str
    text: str
    lang: str  # the reason's language when it is not the page's, else ""


def _reason(edition: Edition, forward: Forward) -> Reason | None:
    if forward.moved:
        return None
    source = edition.resolution.metadata.source_language
    return Reason(edition.ui._("Reason:"), forward.change.reason, "" if source == edition.lang else source)


def _paragraph_of(edition: Edition, identifier: str) -> str:
    for paragraph in edition.resolution.paragraphs:
        if identifier == paragraph.id or any(s.id == identifier for s in paragraph.descendants()):
            return paragraph.id
    return identifier


def _target(edition: Edition, to: str, root: str) -> str:
    """The href of current id `to` from a page `root` below the resolution's folder ("" or "../")."""
    paragraph = _paragraph_of(edition, to)
    return f"{root}{paragraph}/" + ("" if to == paragraph else f"#{to}")


def note_html(edition: Edition, forward: Forward, page_paragraph: str = "") -> str:
    """The note placed in the full text (`page_paragraph` "") or on a paragraph's page."""
    ui = edition.ui
    old = paragraph_label(ui, forward.old)
    link = None
    if forward.moved:
        text = ui._("{old} has moved. It is now:").format(old=old)
        if not page_paragraph or _paragraph_of(edition, forward.change.to) == page_paragraph:
            href = f"#{forward.change.to}"
        else:
            href = _target(edition, forward.change.to, "../")
        link = Link(href, paragraph_label(ui, forward.change.to))
    else:
        text = ui._("{old} has been withdrawn.").format(old=old)
    return render("moved-note.html", text=text, link=link, reason=_reason(edition, forward), anchors=forward.anchors)


def _page(
    path: str, heading: str, text: str, link: Link | None, reason: Reason | None, anchors, edition, search_in: str = ""
) -> Page:
    keep = edition.ui._("This address is kept so that links and citations keep working: please cite the new one.")
    body = render("moved.html", heading=heading, text=text, link=link, reason=reason, keep=keep, anchors=anchors)
    fields = {"search_in": search_in} if search_in else {}
    return Page(path, front_matter(title=heading, description=text, **fields) + body)


def old_paragraph_page(edition: Edition, forward: Forward, items: tuple[Forward, ...]) -> Page:
    """`/<slug>/op32/`: the paragraph moved (link to the new one) or was withdrawn (link to the text)."""
    ui = edition.ui
    old, title = paragraph_label(ui, forward.old), edition.title.value
    anchors = page_anchors(items, forward.old)
    if forward.moved:
        heading = ui._("This paragraph has moved")
        text = ui._("{old} of the resolution “{title}” has moved. It is now:").format(old=old, title=title)
        link = Link(_target(edition, forward.change.to, "../"), paragraph_label(ui, forward.change.to))
    else:
        heading = ui._("This paragraph has been withdrawn")
        text = ui._("{old} of the resolution “{title}” has been withdrawn.").format(old=old, title=title)
        link = Link("../", ui._("Read the resolution"))
    path = f"{edition.slug}/{forward.old}.md"
    return _page(path, heading, text, link, _reason(edition, forward), anchors, edition, edition.slug)


def _anchors_of(page: Page) -> tuple[str, ...]:
    """The permanent ids a generated page carries (paragraphs, sub-paragraphs, states, old ids)."""
    return tuple(dict.fromkeys(re.findall(r'\bid="([a-z][a-z0-9]*(?:-[a-z0-9]+)*)"', page.markdown)))


def previous_slug_page(edition: Edition, previous: str, page: Page) -> Page:
    """The page of `previous`/<same path>: the resolution has a new address; same ids as `page`."""
    ui = edition.ui
    rest = page.path.removeprefix(f"{edition.slug}/").removesuffix(".md")
    depth = "../" if rest == "index" else "../../"
    target = "" if rest == "index" else f"{rest}/"
    heading = ui._("This resolution has moved")
    text = ui._("The resolution “{title}” is now published at a new address:").format(title=edition.title.value)
    link = Link(f"{depth}{edition.slug}/{target}", edition.url(f"{edition.slug}/{target}"))
    keep_ids = tuple(a for a in _anchors_of(page) if a not in ("heading", "title"))
    return _page(f"{previous}/{rest}.md", heading, text, link, None, keep_ids, edition)


def _insert(markdown: str, identifier: str, html: str, after: bool = False) -> str:
    """`html` as its own block, just before the block that opens with the element of id
    `identifier` (or just after it: blocks end at a blank line)."""
    match = re.search(rf'^<[^>\n]*\bid="{re.escape(identifier)}"', markdown, flags=re.MULTILINE)
    if match is None:
        raise ValueError(f"no element with id {identifier!r} to place a note by")
    if not after:
        return markdown[: match.start()] + html + "\n" + markdown[match.start() :]
    end = markdown.find("\n\n", match.start())
    end = len(markdown) if end < 0 else end + 2
    return markdown[:end] + html + "\n" + markdown[end:]


def forwarded(pages: list[Page], edition: Edition) -> list[Page]:
    """The edition's pages with the notes for old ids, its old paragraph pages, and the pages of
    its previous slugs. Without declarations, `pages` unchanged."""
    items = forwards(edition.resolution)
    previous = edition.resolution.metadata.previous_slugs
    if not items and not previous:
        return pages
    full_text = f"{edition.slug}/index.md"
    # Notes placed after a block go in reverse, so that they read in declaration order.
    ordered = [f for f in items if not f.after] + [f for f in reversed(items) if f.after]
    out: list[Page] = []
    for page in pages:
        markdown = page.markdown
        for forward in ordered:
            if page.path == full_text:
                markdown = _insert(markdown, forward.before, note_html(edition, forward), forward.after)
            elif forward.owner and page.path == f"{edition.slug}/{forward.owner}.md":
                markdown = _insert(markdown, forward.owner, note_html(edition, forward, forward.owner))
        out.append(Page(page.path, markdown))
    out.extend(old_paragraph_page(edition, forward, items) for forward in old_pages(items))
    own = [page for page in out if page.path.startswith(f"{edition.slug}/")]
    for slug, _source in previous:
        out.extend(previous_slug_page(edition, slug, page) for page in own)
    return out
