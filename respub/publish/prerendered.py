"""The pages the hook stages are HTML already: mkdocs need not run them through Markdown.

mkdocs makes pages only from `.md` files, so the staging folder holds `.md` files whose body is the
HTML the templates wrote (respub.render). Python-Markdown would pass that HTML through unchanged, but
only after parsing all of it with its HTML parser: about a sixth of a build's time (measured on
mkdocs 1.6.1, Markdown 3.11.3; FACTS.md). So the hook takes the body before Markdown sees it
(`on_page_markdown`: Markdown then converts an empty string) and gives it back as the page's
content (`on_page_content`), with the table of contents that Markdown's toc extension made from the
same headings: every heading the templates write on a line of its own (`m.section_heading`, and the
few page titles written with attributes: an instrument's, an old address's). A heading inside
another block (an aside's) is not a section of the page.

Nothing else of Markdown's work is lost: mkdocs' link rewriting and anchor checks never looked into
raw HTML, and every staged page names its title in its front matter.

The front matter is read by the hook too (`read_source`, for `on_page_read_source`): every value in
it is JSON (respub.render.edition.front_matter), which `json.loads` reads in a fraction of the time
PyYAML takes over the same lines (about a twentieth of a language build's time at 100 resolutions,
measured with py-spy on mkdocs 1.6.1 and PyYAML 6.0.4; FACTS.md). A page whose front matter is not
all JSON is left to mkdocs.
"""

from __future__ import annotations

import re
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
    """`on_page_markdown`: keep the staged HTML on the page; Markdown gets nothing to convert. The
    front matter `read_source` kept becomes the page's meta."""
    setattr(page, BODY, markdown)
    meta = getattr(page, META, None)
    if meta is not None:
        page.meta = meta
    return ""


def give_body(page: Any) -> str:
    """`on_page_content`: the staged HTML as the page's content, and its table of contents."""
    body = getattr(page, BODY).strip("\n")
    page.toc = table_of_contents(body)
    return body
