"""The list of published URLs and paragraph anchors: the permanent contract, checked by the tests.

`python -m respub.publish.urls SITE_DIR` prints the list for a built site; `make urls` rewrites the committed
list (published-urls.txt) after a change that adds pages. A change that drops one fails the tests.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Ids that are part of the URL contract: paragraphs and sub-paragraphs everywhere, and the states
# (lowercase ISO 3166 codes) on a reservations page.
_PARAGRAPH_ID = re.compile(r'\bid="((?:pp|op)\d+(?:-[a-z]+)*)"')
_STATE_ID = re.compile(r'\bid="([a-z]{2})"')
_SITE_FILES = ("resolutions.json", "feed.xml")


def page_url(site: Path, html_file: Path) -> str:
    relative = html_file.parent.relative_to(site).as_posix()
    return "/" if relative == "." else f"/{relative}/"


def published_urls(site: Path) -> list[str]:
    """Every page URL and every permanent anchor (`/slug/#op5`) of a built site, sorted."""
    out: set[str] = set()
    for html_file in site.rglob("index.html"):
        url = page_url(site, html_file)
        out.add(url)
        text = html_file.read_text("utf-8")
        anchors = _PARAGRAPH_ID.findall(text)
        if url.endswith("/reservations/"):
            anchors += _STATE_ID.findall(text)
        out.update(f"{url}#{anchor}" for anchor in anchors)
    # The machine-readable editions: /<slug>/<slug>.akn.xml per language, /<slug>/<slug>.json.
    for data_file in [*site.rglob("*.akn.xml"), *site.glob("*/*.json"), *site.glob("*/*/*.json")]:
        if data_file.stem.removesuffix(".akn") == data_file.parent.name:
            out.add("/" + data_file.relative_to(site).as_posix())
    # The site-wide files: resolutions.json and feed.xml per language, the JSON Schemas.
    for name in _SITE_FILES:
        out.update("/" + found.relative_to(site).as_posix() for found in [*site.glob(name), *site.glob(f"*/{name}")])
    out.update("/" + found.relative_to(site).as_posix() for found in site.glob("schemas/*.schema.json"))
    return sorted(out)


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    sys.stdout.write("".join(f"{url}\n" for url in published_urls(site)))


if __name__ == "__main__":
    main()
