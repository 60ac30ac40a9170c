"""The list of published URLs and paragraph anchors of a built site: the permanent contract.

Every build checks it (respub.publish.contract computes the same list from the model, before mkdocs
writes anything). `python -m respub.publish.urls SITE_DIR` prints the list of a built site;
`python -m respub.publish.urls SITE_DIR --write published-urls.txt` (`make urls`) rewrites the
committed list after a change that adds pages, and refuses to drop any URL of it: a URL leaves the
site only through a declaration in metadata, and then it still answers (so it stays listed).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from respub.ids import ParagraphId

# Ids that are part of the URL contract: paragraphs and sub-paragraphs everywhere (every shape of
# respub.ids), and the states (lowercase ISO 3166 codes) on a reservations page.
STATE_ANCHOR = r"[a-z]{2}"
_ID = re.compile(r'\bid="([a-z][a-z0-9-]*)"')
_STATE_ID = re.compile(rf'\bid="({STATE_ANCHOR})"')


def is_paragraph_anchor(identifier: str) -> bool:
    return ParagraphId.is_valid(identifier)


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
        anchors = [i for i in _ID.findall(text) if is_paragraph_anchor(i)]
        if url.endswith("/reservations/"):
            anchors += _STATE_ID.findall(text)
        out.update(f"{url}#{anchor}" for anchor in anchors)
    # The machine-readable editions: /<slug>/<slug>.akn.xml per language, /<slug>/<slug>.json.
    for data_file in [*site.rglob("*.akn.xml"), *site.glob("*/*.json"), *site.glob("*/*/*.json")]:
        if data_file.stem.removesuffix(".akn") == data_file.parent.name:
            out.add("/" + data_file.relative_to(site).as_posix())
    return sorted(out)


def updated_list(previous: list[str], built: list[str]) -> list[str]:
    """The new committed list: the built site's, which must hold every URL of `previous`."""
    dropped = sorted(set(previous) - set(built))
    if dropped:
        shown = ", ".join(dropped[:5]) + (f" and {len(dropped) - 5} more" if len(dropped) > 5 else "")
        raise ValueError(
            f"{len(dropped)} published URL{'s' if len(dropped) > 1 else ''} would be dropped ({shown}): "
            "a published URL is permanent; declare a moved or withdrawn paragraph or a previous slug in the "
            'resolution\'s metadata (README, "How to withdraw or move a published URL") and build again'
        )
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The published URLs of a built site.")
    parser.add_argument("site", nargs="?", default="site", type=Path)
    parser.add_argument("--write", type=Path, help="update this list (only ever adds URLs)")
    args = parser.parse_args(argv)
    built = published_urls(args.site)
    if not args.write:
        sys.stdout.write("".join(f"{url}\n" for url in built))
        return 0
    previous = args.write.read_text("utf-8").split() if args.write.exists() else []
    try:
        urls = updated_list(previous, built)
    except ValueError as error:
        print(f"{args.write}:1: {error}; {args.write} is unchanged", file=sys.stderr)
        return 1
    args.write.write_text("".join(f"{url}\n" for url in urls), "utf-8")
    print(f"{args.write}: {len(urls)} URLs ({len(set(urls) - set(previous))} new)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
