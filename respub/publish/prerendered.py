"""The pages the hook stages are HTML already: mkdocs need not run them through Markdown.

mkdocs makes pages only from `.md` files, so the staging folder holds `.md` files whose body is the
HTML the templates wrote (respub.render). Python-Markdown would pass that HTML through unchanged, but
only after parsing all of it with its HTML parser: about a sixth of a build's time (measured on
mkdocs 1.6.1, Markdown 3.11.3; FACTS.md). So the hook takes the body before Markdown sees it
(`on_page_markdown`) and gives it back as the page's content (`on_page_content`), with the table of
contents that Markdown's toc extension made from the same headings: every heading the templates
write on a line of its own (`m.section_heading`, and the few page titles written with attributes:
an instrument's, an old address's). A heading inside another block (an aside's) is not a section of
the page.

Markdown would then convert an empty string, yet mkdocs' `Page.render` first sets up Python-Markdown
with every configured extension, for every page: 3% of a 100-resolution build's CPU (mkdocs 1.6.1,
Markdown 3.11.3, pymdown-extensions; FACTS.md). `take_body` gives the page a `render` that sets what
`Page.render` sets for an empty string, without Markdown (`render_empty`).

Nothing else of Markdown's work is lost: mkdocs' link rewriting and anchor checks never looked into
raw HTML, and every staged page names its title in its front matter.

The front matter is read by the hook too (`read_source`, for `on_page_read_source`): every value in
it is JSON (respub.render.edition.front_matter), which `json.loads` reads in a fraction of the time
PyYAML takes over the same lines (about a twentieth of a language build's time at 100 resolutions,
measured with py-spy on mkdocs 1.6.1 and PyYAML 6.0.4; FACTS.md). A page whose front matter is not
all JSON is left to mkdocs.
"""

from __future__ import annotations

import logging
import re
from functools import partial
from typing import Any

from markdown.extensions.toc import nest_toc_tokens
from mkdocs.structure.toc import TableOfContents, get_toc

from respub.render.edition import read_front_matter

SECTION_HEADING = re.compile(r'^<h([1-6]) id="([^"]+)">(.*)</h\1>$', re.MULTILINE)
BODY = "respub_body"  # the page attribute holding the staged HTML between the two events
META = "respub_meta"  # the page attribute holding its front matter, read by `read_source`


def toc_tokens(body: str) -> list[dict[str, Any]]:
    """The section headings of `body`, nested as Markdown's toc extension nests them."""
    flat = [
        {"level": int(level), "id": anchor, "name": text, "html": text, "data-toc-label": ""}
        for level, anchor, text in SECTION_HEADING.findall(body)
    ]
    return nest_toc_tokens(flat)


def table_of_contents(body: str) -> TableOfContents:
    return get_toc(toc_tokens(body))


def read_source(page: Any) -> str | None:
    """`on_page_read_source`: the page's body for mkdocs, its front matter kept on the page (mkdocs
    then finds none to parse); None leaves the page to mkdocs."""
    parsed = read_front_matter(page.file.content_string)  # as mkdocs reads it
    if parsed is None:
        return None
    meta, body = parsed
    setattr(page, META, meta)
    return "\n" + body  # a blank first line: no MultiMarkdown metadata either


def take_body(markdown: str, page: Any) -> str:
    """`on_page_markdown`: keep the staged HTML on the page; Markdown gets nothing to convert, so the
    page renders without it (`render_empty`). The front matter `read_source` kept becomes the page's
    meta."""
    setattr(page, BODY, markdown)
    meta = getattr(page, META, None)
    if meta is not None:
        page.meta = meta
    page.render = partial(render_empty, page)  # the instance's own: mkdocs calls `page.render(config, files)`
    return ""


def render_empty(page: Any, config: Any = None, files: Any = None) -> None:
    """What mkdocs' `Page.render` sets on a page whose Markdown is an empty string (Python-Markdown
    returns "" before any extension runs): no content, no headings, no title, no anchors, no links
    (`links_to_anchors` only when mkdocs' anchor validation logs, as in `Page.render`)."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if logging.getLogger(type(page).__module__).getEffectiveLevel() > logging.DEBUG:  # Page.render's `log`
        page.links_to_anchors = {}


def give_body(page: Any) -> str:
    """`on_page_content`: the staged HTML as the page's content, and its table of contents."""
    body = getattr(page, BODY).strip("\n")
    page.toc = table_of_contents(body)
    return body
