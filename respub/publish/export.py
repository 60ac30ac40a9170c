"""Machine-readable editions: the files to publish beside each resolution's pages.

Per resolution:
- `<slug>/<slug>.akn.xml` in every language: the Akoma Ntoso 3.0 document of that language
  (`respub.publish.akn`), published at `/<slug>/<slug>.akn.xml`, `/fr/<slug>/<slug>.akn.xml`, ...;
- `<slug>/<slug>.json` in the default language only (`/<slug>/<slug>.json`): every language at
  once, as the JSON Schema `respub/data/resolution.schema.json` describes: the metadata, every
  paragraph and sub-paragraph with its id, eId, number, kind, text per language with its status
  (source, translated, fuzzy, missing) and its absolute URL per language, the instruments cited, the
  footnotes, the reservations and positions of states, and the note as printed.

`export_files(site, lang)` returns one language's files, keyed by their path under that language's
root; the same input always gives the same bytes.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from respub.l10n.translate import Text
from respub.link.forwards import forwards
from respub.model import Paragraph, Resolution, SubParagraph
from respub.publish.akn import akn_bytes, eid, expression_uri, instrument_uri, work_uri
from respub.render.edition import Edition, instrument_title, state_name

if TYPE_CHECKING:  # site.py stages these files: importing it here at run time would be circular
    from respub.publish.site import Site

FORMAT = "respub-resolution"
VERSION = 1
SCHEMA_FILE = "resolution.schema.json"


def akn_path(slug: str) -> str:
    return f"{slug}/{slug}.akn.xml"


def json_path(slug: str) -> str:
    return f"{slug}/{slug}.json"


def export_files(site: Site, lang: str, site_url: str | None = None) -> dict[str, bytes]:
    """The machine-readable files of `lang`, keyed by their path under that language's root.

    Every language has each resolution's Akoma Ntoso document; the default language also has each
    resolution's JSON (all languages in one file). `site_url` (absolute, default: the project's)
    makes the URLs in the JSON absolute.
    """
    files: dict[str, bytes] = {}
    for edition in site.editions(lang):
        files[akn_path(edition.slug)] = akn_bytes(edition)
    if lang == site.project.default_language:
        for resolution in site.resolutions:
            files[json_path(resolution.slug)] = resolution_json(site, resolution, site_url)
    # A resolution's previous slugs keep answering with the same files (see respub.render.moved).
    for resolution in site.resolutions:
        for previous, _source in resolution.metadata.previous_slugs:
            for path in (akn_path, json_path):
                if path(resolution.slug) in files:
                    files[path(previous)] = files[path(resolution.slug)]
    return files


def resolution_json(site: Site, resolution: Resolution, site_url: str | None = None) -> bytes:
    data = resolution_data(site, resolution, site_url)
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# The data


def _base(site: Site, lang: str, site_url: str | None) -> str:
    """The absolute URL of a language's root: "https://example.org/fr/"."""
    root = site.project.site_url if site_url is None else site_url
    root = root.rstrip("/") + "/"
    return root if lang == site.project.default_language else f"{root}{lang}/"


def _text(text: Text) -> dict[str, str]:
    return {"text": text.value, "lang": text.lang, "status": text.status}


def resolution_data(site: Site, resolution: Resolution, site_url: str | None = None) -> dict[str, Any]:
    """One resolution in every language, as `resolution.schema.json` describes it."""
    languages = site.project.languages
    slug = resolution.slug
    editions = {lang: next(e for e in site.editions(lang) if e.slug == slug) for lang in languages}
    bases = {lang: _base(site, lang, site_url) for lang in languages}
    meta = resolution.metadata
    citations = site.citations.get(slug, ())

    def per_language(key: str, msgid: str) -> dict[str, dict[str, str]] | None:
        if not msgid:
            return None
        return {lang: _text(edition.text(key, msgid)) for lang, edition in editions.items()}

    def urls(path: str) -> dict[str, str]:
        return {lang: bases[lang] + path for lang in languages}

    def cited(key: str, whole_paragraph: bool) -> list[str]:
        out: list[str] = []
        for citation in citations:
            hit = citation.paragraph_id == key if whole_paragraph else citation.key == key
            if hit and citation.instrument_id not in out:
                out.append(citation.instrument_id)
        return out

    def sub_data(paragraph: Paragraph, sub: SubParagraph) -> dict[str, Any]:
        return {
            "id": sub.id,
            "eid": eid(sub.id),
            "label": sub.label,
            "text": per_language(sub.id, sub.text),
            "urls": urls(f"{slug}/{paragraph.id}/#{sub.id}"),
            "instruments": cited(sub.id, whole_paragraph=False),
            "subparagraphs": [sub_data(paragraph, child) for child in sub.children],
        }

    paragraphs = [
        {
            "id": paragraph.id,
            "eid": eid(paragraph.id),
            "kind": paragraph.kind,
            "number": paragraph.number,
            "text": per_language(paragraph.id, paragraph.text),
            "urls": urls(f"{slug}/{paragraph.id}/"),
            "instruments": cited(paragraph.id, whole_paragraph=True),
            "subparagraphs": [sub_data(paragraph, sub) for sub in paragraph.children],
        }
        for paragraph in resolution.paragraphs
    ]
    data = {
        "format": FORMAT,
        "version": VERSION,
        "slug": slug,
        "source_language": meta.source_language,
        "languages": list(languages),
        "metadata": {
            "body": meta.body,
            "session": meta.session,
            "place": meta.place,
            "adopted": meta.adopted.isoformat(),
            "adoption": meta.adoption,
            "short_title": meta.short_title or None,
            "symbol": meta.symbol or None,
            "number": resolution.number or None,
        },
        "title": per_language("title", resolution.title),
        "short_title": per_language("short_title", resolution.short_title),
        "adoption_line": per_language("adoption_line", resolution.adoption_line),
        "enacting_formula": per_language("formula", resolution.enacting_formula),
        "closing": per_language("closing", resolution.closing),
        "urls": urls(f"{slug}/"),
        "akn": {
            "work": work_uri(resolution),
            "expressions": {
                lang: {"uri": expression_uri(resolution, lang), "url": bases[lang] + f"{slug}/{slug}.akn.xml"}
                for lang in languages
            },
        },
        "paragraphs": paragraphs,
        "footnotes": [
            {"marker": footnote.marker, "text": per_language(f"fn{footnote.marker}", footnote.text)}
            for footnote in resolution.footnotes
        ],
        "instruments": _instruments(site, editions, citations),
        "reservations": _reservations(editions, bases, slug),
        "note": per_language("note", resolution.note),
    }
    moves = _moves(resolution, urls)
    if moves:  # only when metadata declares some: the file of a resolution without is unchanged
        data["moves"] = moves
    return data


def _moves(resolution: Resolution, urls) -> list[dict[str, Any]]:
    """The declared moves: old paragraph ids and previous slugs, with the URLs that keep answering."""
    slug = resolution.slug
    out: list[dict[str, Any]] = []
    for forward in forwards(resolution):
        change = forward.change
        page = f"{slug}/{change.old}/" if not (forward.owner or forward.parent) else f"{slug}/#{change.old}"
        out.append(
            {
                "kind": "moved" if change.to else "withdrawn",
                "from": change.old,
                "to": change.to or None,
                "reason": change.reason or None,
                "urls": urls(page),
                "to_urls": urls(f"{slug}/#{change.to}") if change.to else None,
            }
        )
    for previous, _source in resolution.metadata.previous_slugs:
        out.append(
            {
                "kind": "slug",
                "from": previous,
                "to": slug,
                "reason": None,
                "urls": urls(f"{previous}/"),
                "to_urls": urls(f"{slug}/"),
            }
        )
    return out


def _instruments(site: Site, editions: dict[str, Edition], citations) -> list[dict[str, Any]]:
    """Every instrument the resolution cites, in order of first citation."""
    cited_in: dict[str, list[str]] = {}
    for citation in citations:
        keys = cited_in.setdefault(citation.instrument_id, [])
        if citation.key not in keys:
            keys.append(citation.key)
    out = []
    for instrument_id, keys in cited_in.items():
        instrument = site.registry.get(instrument_id)
        out.append(
            {
                "id": instrument.id,
                "kind": instrument.kind,
                "title": {lang: _text(instrument_title(e.ui, instrument)) for lang, e in editions.items()},
                "akn": instrument_uri(instrument),
                "adopted": instrument.adopted or None,
                "link": instrument.link or None,
                "cited_in": keys,
            }
        )
    return out


def _reservations(editions: dict[str, Edition], bases: dict[str, str], slug: str) -> list[dict[str, Any]]:
    """Every state's position, in the note's order."""
    source = next(iter(editions.values()))
    out = []
    for position in source.positions:
        out.append(
            {
                "state_code": position.state_code,
                "name": position.name,
                "state_name": {lang: _text(state_name(e.ui, position)) for lang, e in editions.items()},
                "kind": position.kind,
                "targets": [
                    {
                        "paragraph_id": target.paragraph_id,
                        "eid": eid(target.paragraph_id) if target.paragraph_id else None,
                        "phrase": target.phrase or None,
                    }
                    for target in position.targets
                ],
                "urls": {lang: f"{bases[lang]}{slug}/reservations/#{position.state_code.lower()}" for lang in editions},
            }
        )
    return out


# ---------------------------------------------------------------------------------------------
# The schema


@lru_cache(maxsize=1)
def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON edition."""
    return json.loads(resources.files("respub").joinpath("data", SCHEMA_FILE).read_text("utf-8"))
