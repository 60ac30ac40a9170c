"""A dirty build (`make serve`) stages again only the resolutions whose pages can have changed.

Rendering every page of a language is most of a preview's rebuild (50 resolutions: seconds), yet a
translator's save changes the messages of one resolution. Each resolution's pages in one language are
made from: the resolution as parsed (text, metadata, where each piece came from), what the link stage
found in it in that language (citations, reservations, the linked texts), the content messages of
its own (their context starts with its slug) and those of no resolution (instrument titles, state
names), the whole interface catalog, the registries, the project's settings and respub's templates.
`inputs` digests all of that per resolution; staging (respub.publish.site.stage) keeps a resolution's
staged pages when its digest is the one recorded when they were written (`Record`, a file beside the
staging folder, removed while staging runs so that an interrupted staging is followed by a full one).

Only a dirty build reuses staged pages: a published build always renders every page.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from respub.render import templating

if TYPE_CHECKING:
    from respub.publish.site import Site


@dataclass(frozen=True)
class Staged:
    """One resolution's staged pages in one language: the digest of their inputs, and their paths."""

    inputs: str
    pages: tuple[str, ...]


Record = dict[str, dict[str, Staged]]  # language -> slug -> Staged


def record_path(target: Path) -> Path:
    return target.with_name(target.name + ".inputs.json")


def take_record(target: Path) -> Record:
    """What the previous staging into `target` recorded, removed until this staging ends ({} if none)."""
    path = record_path(target)
    try:
        data = json.loads(path.read_text("utf-8"))
        return {
            lang: {slug: Staged(entry["inputs"], tuple(entry["pages"])) for slug, entry in resolutions.items()}
            for lang, resolutions in data.items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    finally:
        path.unlink(missing_ok=True)


def write_record(target: Path, record: Record) -> None:
    data = {
        lang: {slug: {"inputs": staged.inputs, "pages": list(staged.pages)} for slug, staged in resolutions.items()}
        for lang, resolutions in record.items()
    }
    record_path(target).write_text(json.dumps(data, sort_keys=True), "utf-8")


def inputs(site: Site, lang: str) -> dict[str, str]:
    """Each resolution's digest (by slug) of everything its pages in `lang` are made from."""
    ui = site.translation(lang)
    slugs = {resolution.slug for resolution in site.resolutions}
    shared = hashlib.sha256()
    for part in (site.project, site.registry, site.states, ui.lang, ui.source_lang, _templates()):
        shared.update(repr(part).encode("utf-8"))
    shared.update(repr([entry for _, entry in _entries(ui.site)]).encode("utf-8"))
    if ui.site is not None:
        shared.update(repr(ui.site.plural_expr).encode("utf-8"))
    own: dict[str, list[Any]] = defaultdict(list)
    for context, entry in _entries(ui.content):
        own[_owner(context, slugs)].append(entry)
    for held in sorted(ui.held_back, key=repr):
        own[_owner(held[1] or "", slugs)].append(held)
    shared.update(repr(own.pop("", [])).encode("utf-8"))
    digests = {}
    for resolution in site.resolutions:
        slug = resolution.slug
        digest = shared.copy()
        parts = (resolution, site.citations[slug], site.positions[slug], site.linked.get((lang, slug)), own[slug])
        for part in parts:
            digest.update(repr(part).encode("utf-8"))
        digests[slug] = digest.hexdigest()
    return digests


def reusable(previous: Mapping[str, Staged], digests: Mapping[str, str], folder: Path) -> dict[str, Staged]:
    """The resolutions whose staged pages under `folder` are still this build's."""
    return {
        slug: staged
        for slug, staged in previous.items()
        if digests.get(slug) == staged.inputs and all((folder / page).is_file() for page in staged.pages)
    }


def _owner(context: str, slugs: set[str]) -> str:
    """The slug of the resolution a message belongs to ("" for none: instruments, states)."""
    prefix = context.split(":", 1)[0]
    return prefix if prefix in slugs else ""


def _entries(catalog: Any) -> Iterable[tuple[str, tuple]]:
    """A catalog's messages (not its header, whose dates no page shows), as comparable values."""
    for message in catalog or ():
        if message.id:
            yield message.context or "", (message.context, message.id, message.string, message.fuzzy)


def _templates() -> tuple[tuple[str, int, int], ...]:
    """respub's page templates, by name, size and date: an edit to one (`make serve` reloads them)
    stages every page again."""
    folder = templating.TEMPLATES
    return tuple((path.name, path.stat().st_size, path.stat().st_mtime_ns) for path in sorted(folder.glob("*.html")))
