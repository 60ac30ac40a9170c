"""The URL contract, enforced by every build: `published-urls.txt` lists every URL and anchor ever
published; a build that would drop one stops before mkdocs writes anything.

`model_urls(site)` computes, from the loaded model alone (slugs, paragraph ids, languages,
instruments, states, machine-readable files, declared moves), exactly the list that
`respub.publish.urls.published_urls` reads from the built site; `check_contract` compares it with
the committed list and names, for each URL that would go, the input that removed it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from respub.errors import InputError
from respub.ids import ParagraphId
from respub.link.forwards import forwards, old_pages, page_anchors
from respub.model import Resolution
from respub.publish.export import FEED, INDEX, INDEX_SCHEMA_FILE, SCHEMA_FILE, akn_path, json_path, schema_path
from respub.publish.urls import STATE_ANCHOR, is_paragraph_anchor

if TYPE_CHECKING:  # site.py imports export.py, which this module also uses
    from respub.publish.site import Site

CONTRACT_FILE = "published-urls.txt"
SHOWN = 5  # URLs named in a message; the rest are counted
HOW = 'see README, "How to withdraw or move a published URL"'


def _paragraph_anchors(ids) -> list[str]:
    return [i for i in dict.fromkeys(ids) if is_paragraph_anchor(i)]


def resolution_paths(site: Site, resolution: Resolution) -> dict[str, list[str]]:
    """Page path (under a language root, "<slug>/op5/") -> its permanent anchors, for every slug
    the resolution answers under (its own and its previous ones)."""
    items = forwards(resolution)
    notes = [a for f in items for a in f.anchors]
    states = sorted({p.state_code.lower() for p in site.positions[resolution.slug]})
    pages: dict[str, list[str]] = {
        "": _paragraph_anchors([*resolution.anchors(), *notes]),
        "reservations/": [s for s in states if re.fullmatch(STATE_ANCHOR, s)],
    }
    for paragraph in resolution.paragraphs:
        own = [paragraph.id, *(s.id for s in paragraph.descendants()), *page_anchors(items, paragraph.id)]
        pages[f"{paragraph.id}/"] = _paragraph_anchors(own)
    for forward in old_pages(items):
        pages[f"{forward.old}/"] = _paragraph_anchors(page_anchors(items, forward.old))
    slugs = [resolution.slug, *(slug for slug, _source in resolution.metadata.previous_slugs)]
    return {f"{slug}/{path}": anchors for slug in slugs for path, anchors in pages.items()}


def model_urls(site: Site) -> list[str]:
    """Every URL and permanent anchor the build of `site` publishes, sorted (as published_urls)."""
    out: set[str] = set()
    default = site.project.default_language
    pages: dict[str, list[str]] = {"": [], "status/": [], "instruments/": []}
    if site.project.about is not None:
        pages["about/"] = []
    for instrument in site.registry.instruments:
        pages[f"instruments/{instrument.id}/"] = []
    for resolution in site.resolutions:
        pages.update(resolution_paths(site, resolution))
    for lang in site.project.languages:
        root = "/" if lang == default else f"/{lang}/"
        for path, anchors in pages.items():
            out.add(root + path)
            out.update(f"{root}{path}#{anchor}" for anchor in anchors)
        for resolution in site.resolutions:
            for slug in [resolution.slug, *(s for s, _ in resolution.metadata.previous_slugs)]:
                out.add(root + akn_path(slug))
                if lang == default:
                    out.add(root + json_path(slug))
        # The site-wide files (respub.publish.export): the index and the feed per language, the schemas.
        out.update(root + name for name in (INDEX, FEED))
        if lang == default:
            out.update(root + schema_path(name) for name in (SCHEMA_FILE, INDEX_SCHEMA_FILE))
    return sorted(out)


def read_contract(path: Path) -> dict[str, int]:
    """The committed list: URL -> its 1-based line."""
    out: dict[str, int] = {}
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            out.setdefault(line.strip(), number)
    return out


def _segments(site: Site, url: str) -> tuple[str, str]:
    """(first path segment, first segment after the language root) of a URL of the list."""
    parts = url.split("#", 1)[0].strip("/").split("/")
    if parts[0] in site.project.languages[1:]:
        return parts[0], (parts[1] if len(parts) > 1 else "")
    return parts[0], parts[0]


def _cause(site: Site, contract: dict[str, int], url: str) -> tuple[str, int, str]:
    """(path, line, what removed it and what to do) for a URL that would disappear."""
    first, segment = _segments(site, url)
    by_slug = {r.slug: r for r in site.resolutions}
    if segment in by_slug:
        resolution = by_slug[segment]
        meta = resolution.metadata.source.path
        return (
            resolution.source.path,
            1,
            f"this text no longer has {{ids}}; if a paragraph really moved or went, declare it in {meta} "
            + '(`moved: {{{first}: <new id>}}` or `withdrawn: {{{first}: "why"}}`; '
            + HOW
            + ")",
        )
    if segment == "about":
        return "mkdocs.yml", 1, f"the About page is no longer built: put back `extra.about` ({HOW})"
    if segment == "instruments":
        return str(site.project.registry), 1, f"these instruments are no longer in the registry ({HOW})"
    if first == segment and re.fullmatch("[a-z]{2,3}", first) and f"/{first}/status/" in contract:
        return "mkdocs.yml", 1, f"the language {first!r} is no longer built"
    if segment and segment != "status":
        unpublished = [r for r in site.resolutions if f"/{r.slug}/" not in contract]
        if len(unpublished) == 1:
            meta, slug = unpublished[0].metadata.source.path, unpublished[0].slug
            return (
                meta,
                1,
                f"no resolution has the slug {segment!r} any more: if this file's new slug {slug!r} replaced it, "
                f"add `previous_slugs: [{segment}]` here ({HOW})",
            )
        return (
            str(site.project.docs),
            1,
            f"no resolution has the slug {segment!r} any more (folder deleted or slug changed): if a slug changed, "
            f"add `previous_slugs: [{segment}]` to that resolution's metadata ({HOW})",
        )
    return CONTRACT_FILE, contract[url], f"the build no longer makes these pages ({HOW})"


def _lost_ids(urls: list[str]) -> list[str]:
    """The paragraph ids named by `urls` (anchors and paragraph pages), in official order."""
    ids: set[str] = set()
    for url in urls:
        path, _, anchor = url.partition("#")
        last = path.strip("/").split("/")[-1]
        ids.update(i for i in (anchor, last) if is_paragraph_anchor(i))
    return sorted(ids, key=lambda i: ParagraphId.parse(i).order)


def dropped_groups(site: Site, contract: dict[str, int], dropped: list[str]) -> list[tuple[str, int, str]]:
    """One (path, line, message) per input that removed URLs, naming the first few of them."""
    groups: dict[tuple[str, int, str], list[str]] = {}
    for url in dropped:
        groups.setdefault(_cause(site, contract, url), []).append(url)
    out = []
    for (path, line, cause), urls in groups.items():
        shown = ", ".join(urls[:SHOWN]) + (f" and {len(urls) - SHOWN} more" if len(urls) > SHOWN else "")
        plural = "s" if len(urls) > 1 else ""
        ids = _lost_ids(urls)
        cause = cause.format(ids=", ".join(ids), first=ids[0] if ids else "")
        out.append(
            (path, line, f"{len(urls)} published URL{plural} of {CONTRACT_FILE} would disappear ({shown}): {cause}")
        )
    return out


def check_contract(site: Site, contract_file: Path, not_built: Collection[str] = ()) -> None:
    """Stop (InputError) if the build of `site` would drop a URL of `contract_file`.

    A project without the file has published nothing yet: there is nothing to keep. `not_built`: the
    languages a translator's preview leaves out (respub.publish.preview); their URLs are not asked
    of it, since a preview is never published.
    """
    if not contract_file.exists():
        return
    contract = read_contract(contract_file)
    contract = {url: line for url, line in contract.items() if url.strip("/").split("/")[0] not in not_built}
    built = set(model_urls(site))
    default_first = sorted(contract, key=lambda url: _segments(site, url)[0] in site.project.languages[1:])
    dropped = [url for url in default_first if url not in built]
    if not dropped:
        return
    (path, line, message), *others = dropped_groups(site, contract, dropped)
    more = "".join(f"\n{other_path}:{other_line}: {other}" for other_path, other_line, other in others)
    raise InputError(path, line, message + more)
