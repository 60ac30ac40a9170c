"""Machine-readable editions: the files to publish beside each resolution's pages.

Per resolution:
- `<slug>/<slug>.akn.xml` in every language: the Akoma Ntoso 3.0 document of that language
  (`respub.publish.akn`), published at `/<slug>/<slug>.akn.xml`, `/fr/<slug>/<slug>.akn.xml`, ...;
- `<slug>/<slug>.json` in the default language only (`/<slug>/<slug>.json`): every language at
  once, as the JSON Schema `resolution.schema.json` describes.

For the whole site:
- `resolutions.json` in every language (`/resolutions.json`, `/fr/resolutions.json`): every
  resolution with its identifiers, languages, translation status, files and their sha256, the
  titles in that language (`resolutions.schema.json`);
- `feed.xml` in every language: an Atom feed of the resolutions (dated with their adoption) and of
  their translations (dated with the catalog's PO-Revision-Date);
- `schemas/resolution.schema.json`, `schemas/resolutions.schema.json` in the default language: the
  JSON Schemas, each with an absolute `$id` under the site's address; every JSON file names its
  schema in `$schema`.

Every URL in the JSON is absolute. Licence and provenance (`licence`, `source_url`) come from the
resolution's metadata, else from the project (mkdocs.yml `extra: licence`, `extra: source_url`).
The build date is SOURCE_DATE_EPOCH's (else the newest input date, never the clock), so the same
input always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator
from lxml import etree

from respub import frbr
from respub.errors import InputError
from respub.l10n.translate import Text
from respub.link.forwards import forwards
from respub.model import Paragraph, Resolution, SubParagraph
from respub.publish.akn import (
    AKN_NS,
    MEDIA_TYPE,
    MULTIPLE_LANGUAGES,
    Context,
    adoption_method,
    akn_bytes,
    eid,
    expression_uri,
    expression_version,
    former_work_uri,
    identity,
    instrument_uri,
    language_code,
    missing_paragraphs,
    mostly_fallback,
    revision_date,
    validation_errors,
    work_uri,
)
from respub.render.edition import Edition, instrument_title, state_name, unofficial_notice
from respub.render.pages import site_identity

if TYPE_CHECKING:  # site.py stages these files: importing it here at run time would be circular
    from respub.publish.site import Site

FORMAT = "respub-resolution"
VERSION = 2
SCHEMA_FILE = "resolution.schema.json"
INDEX_SCHEMA_FILE = "resolutions.schema.json"
SCHEMA_DIR = "schemas"
INDEX = "resolutions.json"
FEED = "feed.xml"
JSON_MEDIA_TYPE = "application/json"
ATOM_NS = "http://www.w3.org/2005/Atom"
_IDENTIFYING = tuple(f"{{{AKN_NS}}}{tag}" for tag in ("FRBRthis", "FRBRuri"))


def akn_path(slug: str) -> str:
    return f"{slug}/{slug}.akn.xml"


def json_path(slug: str) -> str:
    return f"{slug}/{slug}.json"


def schema_path(name: str = SCHEMA_FILE) -> str:
    return f"{SCHEMA_DIR}/{name}"


def export_files(site: Site, lang: str, site_url: str | None = None) -> dict[str, bytes]:
    """The machine-readable files of `lang`, keyed by their path under that language's root."""
    return export_all(site, site_url)[lang]


def export_all(site: Site, site_url: str | None = None) -> dict[str, dict[str, bytes]]:
    """Every language's machine-readable files, keyed by language then by path under its root.

    Every language has each resolution's Akoma Ntoso document, `resolutions.json` and `feed.xml`;
    the default language also has each resolution's JSON (all languages in one file) and the
    schemas. `site_url` (absolute, default: the project's) makes every URL absolute.
    """
    root = _site_root(site, site_url)
    languages = site.project.languages
    default = site.project.default_language
    context = akn_context(site)
    files: dict[str, dict[str, bytes]] = {lang: {} for lang in languages}
    by_slug = _by_slug(site)  # each edition made once: what it computes is kept (Edition's cached properties)
    for lang in languages:
        for editions in by_slug.values():
            files[lang][akn_path(editions[lang].slug)] = akn_bytes(editions[lang], context)
    for resolution in site.resolutions:
        files[default][json_path(resolution.slug)] = resolution_json(site, resolution, root, by_slug[resolution.slug])
    for name in (SCHEMA_FILE, INDEX_SCHEMA_FILE):
        files[default][schema_path(name)] = _dump(published_schema(name, root))
    for lang in languages:
        files[lang][INDEX] = _dump(index_data(site, lang, files, root, by_slug))
        files[lang][FEED] = feed_bytes(site, lang, root)
    check_exports(site, files, root)
    # A resolution's previous slugs keep answering with the same files (see respub.render.moved).
    for resolution in site.resolutions:
        for previous, _source in resolution.metadata.previous_slugs:
            for lang_files in files.values():
                for path in (akn_path, json_path):
                    if path(resolution.slug) in lang_files:
                        lang_files[path(previous)] = lang_files[path(resolution.slug)]
    return files


def check_exports(site: Site, files: dict[str, dict[str, bytes]], site_url: str) -> None:
    """The build keeps the promises the editions make, or stops: every Akoma Ntoso document valid
    against the official schema with identifiers in the naming convention's grammar and every
    paragraph, recital and annex paragraph of the text under its eId, every JSON
    file valid against the schema it names (formats checked: absolute URLs, dates)."""
    default = site.project.default_language
    for resolution in site.resolutions:
        where = resolution.metadata.source
        for lang in site.project.languages:
            data = files[lang][akn_path(resolution.slug)]
            problems = validation_errors(data) + _identifier_problems(data) + missing_paragraphs(resolution, data)
            if problems:
                raise InputError(
                    where.path, where.line, f"the {lang} Akoma Ntoso edition would be invalid: {problems[0]}"
                )
        data = json.loads(files[default][json_path(resolution.slug)])
        if problems := _json_problems(data, SCHEMA_FILE, site_url):
            raise InputError(where.path, where.line, f"the JSON edition would be invalid: {problems[0]}")
    for lang in site.project.languages:
        if problems := _json_problems(json.loads(files[lang][INDEX]), INDEX_SCHEMA_FILE, site_url):
            raise InputError(str(site.project.docs), 1, f"{lang}/{INDEX} would be invalid: {problems[0]}")


def _identifier_problems(data: bytes) -> list[str]:
    root = etree.fromstring(data)
    values = [element.get("value") for element in root.iter(*_IDENTIFYING)]
    return [
        f"identifier {value!r} is not in the naming convention's grammar"
        for value in values
        if not frbr.IRI.match(value)
    ]


def _json_problems(data: dict[str, Any], name: str, site_url: str) -> list[str]:
    validator = _validator(name, site_url)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


@lru_cache(maxsize=4)
def _validator(name: str, site_url: str) -> Draft202012Validator:
    """A validator of the published schema with its local references (`#/$defs/...`) written out in
    place: the same checks, without resolving a reference at every value (most of the validation's
    time on a large site)."""
    schema = published_schema(name, site_url)
    return Draft202012Validator(
        {**_inlined(schema, schema.get("$defs", {})), "$defs": schema.get("$defs", {})},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


_ANNOTATIONS = frozenset({"description", "title", "$comment", "examples"})


def _inlined(node: Any, definitions: dict[str, Any], expanding: tuple[str, ...] = ()) -> Any:
    """`node` with each `{"$ref": "#/$defs/x"}` replaced by the definition, except a definition's
    reference to itself (`subparagraph`), which stays a reference; a reference beside other
    assertions becomes an `allOf`."""
    if isinstance(node, list):
        return [_inlined(item, definitions, expanding) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    name = reference.removeprefix("#/$defs/") if isinstance(reference, str) else ""
    if not (reference and reference.startswith("#/$defs/") and name in definitions) or name in expanding:
        return {key: _inlined(value, definitions, expanding) for key, value in node.items() if key != "$defs"}
    out = {key: _inlined(value, definitions, expanding) for key, value in node.items() if key not in ("$ref", "$defs")}
    target = _inlined(definitions[name], definitions, (*expanding, name))
    if set(out) <= _ANNOTATIONS:
        return {**target, **out} if isinstance(target, dict) else target
    return {**out, "allOf": [*out.get("allOf", []), target]}


def _dump(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def resolution_json(
    site: Site, resolution: Resolution, site_url: str | None = None, editions: dict[str, Edition] | None = None
) -> bytes:
    return _dump(resolution_data(site, resolution, site_url, editions))


def _site_root(site: Site, site_url: str | None) -> str:
    root = (site.project.site_url if site_url is None else site_url).rstrip("/") + "/"
    if not root.startswith(("http://", "https://")):
        raise ValueError(f"the machine-readable editions need the site's absolute address (site_url), not {root!r}")
    return root


# ---------------------------------------------------------------------------------------------
# Dates and provenance


def build_date(site: Site) -> dt.date:
    """SOURCE_DATE_EPOCH's day (UTC), else the newest adoption or catalog revision date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except ValueError:
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    dates = [resolution.metadata.adopted for resolution in site.resolutions]
    dates += [d for d in (revision_date(site.translation(lang)) for lang in site.project.languages) if d]
    return max(dates)


def akn_context(site: Site) -> Context:
    name, _description = site_identity(site.translation(site.project.default_language))
    published = tuple((resolution.slug, work_uri(resolution)) for resolution in site.resolutions)
    return Context(generated=build_date(site), published=published, site_name=name)


def licence(site: Site, resolution: Resolution) -> str | None:
    return resolution.metadata.licence or site.project.licence or None


def source_url(site: Site, resolution: Resolution) -> str | None:
    return resolution.metadata.source_url or site.project.source_url or None


# ---------------------------------------------------------------------------------------------
# The data


def _base(site: Site, lang: str, site_url: str | None) -> str:
    """The absolute URL of a language's root: "https://example.org/fr/"."""
    root = _site_root(site, site_url)
    return root if lang == site.project.default_language else f"{root}{lang}/"


def _by_slug(site: Site) -> dict[str, dict[str, Edition]]:
    """Every resolution's editions, by slug then language (each language's editions made once)."""
    by_slug: dict[str, dict[str, Edition]] = {resolution.slug: {} for resolution in site.resolutions}
    for lang in site.project.languages:
        for edition in site.editions(lang):
            by_slug[edition.slug][lang] = edition
    return by_slug


def _expression(edition: Edition, url: str) -> dict[str, Any]:
    """One language's Akoma Ntoso expression: IRI, file, language as filed, version date."""
    return {
        "uri": expression_uri(edition),
        "url": url,
        "language": MULTIPLE_LANGUAGES if mostly_fallback(edition) else language_code(edition.lang),
        "version": expression_version(edition) or None,
    }


def _akn(editions: dict[str, Edition], resolution: Resolution, bases: dict[str, str]) -> dict[str, Any]:
    parts = identity(resolution)
    slug = resolution.slug
    return {
        "work": parts.work,
        "number": parts.number,
        "number_shown": parts.shown,
        "former_work": former_work_uri(resolution),
        "expressions": {lang: _expression(edition, bases[lang] + akn_path(slug)) for lang, edition in editions.items()},
    }


def _text(text: Text) -> dict[str, str]:
    return {"text": text.value, "lang": text.lang, "status": text.status}


def resolution_data(
    site: Site, resolution: Resolution, site_url: str | None = None, editions: dict[str, Edition] | None = None
) -> dict[str, Any]:
    """One resolution in every language, as `resolution.schema.json` describes it (`editions`: its
    editions by language, made here when not given)."""
    languages = site.project.languages
    slug = resolution.slug
    editions = editions if editions is not None else _by_slug(site)[slug]
    root = _site_root(site, site_url)
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
        "$schema": root + schema_path(SCHEMA_FILE),
        "format": FORMAT,
        "version": VERSION,
        "generated": build_date(site).isoformat(),
        "licence": licence(site, resolution),
        "source_url": source_url(site, resolution),
        "slug": slug,
        "source_language": meta.source_language,
        "languages": list(languages),
        "metadata": {
            "body": meta.body,
            "session": meta.session,
            "place": meta.place,
            "adopted": meta.adopted.isoformat(),
            "adoption": meta.adoption,
            "adoption_method": adoption_method(meta.adoption),
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
        "akn": _akn(editions, resolution, bases),
        "paragraphs": paragraphs,
        "footnotes": [
            {"marker": footnote.marker, "text": per_language(f"fn{footnote.marker}", footnote.text)}
            for footnote in resolution.footnotes
        ],
        "instruments": _instruments(site, editions, citations, bases[site.project.default_language]),
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


def _instruments(site: Site, editions: dict[str, Edition], citations, root: str) -> list[dict[str, Any]]:
    """Every instrument the resolution cites, in order of first citation."""
    cited_in: dict[str, list[str]] = {}
    for citation in citations:
        keys = cited_in.setdefault(citation.instrument_id, [])
        if citation.key not in keys:
            keys.append(citation.key)
    context = akn_context(site)
    out = []
    for instrument_id, keys in cited_in.items():
        instrument = site.registry.get(instrument_id)
        identifier = instrument_uri(instrument, context, root)
        symbol_link = f"https://undocs.org/{instrument.symbol}" if instrument.symbol else None
        out.append(
            {
                "id": instrument.id,
                "kind": instrument.kind,
                "title": {lang: _text(instrument_title(e.ui, instrument)) for lang, e in editions.items()},
                "akn": identifier if identifier.startswith("/akn/") else None,
                "identifier": identifier if identifier.startswith("/akn/") else _absolute(identifier, root),
                "symbol": instrument.symbol or None,
                "adopted": instrument.adopted or None,
                "link": instrument.link or symbol_link,
                "url": f"{root}instruments/{instrument.id}/",
                "cited_in": keys,
            }
        )
    return out


def _absolute(url: str, root: str) -> str:
    return url if url.startswith(("http://", "https://")) else root + url.lstrip("/")


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
# The index: resolutions.json


def _file(url: str, data: bytes, media_type: str) -> dict[str, Any]:
    return {"url": url, "media_type": media_type, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _status(edition: Edition) -> dict[str, Any]:
    """How much of the resolution this language shows translated, and since when."""
    counts = edition.status_counts
    revised = revision_date(edition.ui)
    return {
        "status": "source"
        if edition.ui.is_source
        else ("mostly-fallback" if mostly_fallback(edition) else "translation"),
        "messages": sum(counts.values()),
        "translated": counts["translated"] + counts["source"],
        "fuzzy": counts["fuzzy"],
        "missing": counts["missing"],
        "revised": revised.isoformat() if revised and not edition.ui.is_source else None,
    }


def index_data(
    site: Site,
    lang: str,
    files: dict[str, dict[str, bytes]],
    site_url: str,
    by_slug: dict[str, dict[str, Edition]] | None = None,
) -> dict[str, Any]:
    """`resolutions.json` of `lang`: every resolution, its identifiers, languages, files and checksums.

    `by_slug`: every resolution's editions by language (see `_by_slug`), made here when not given."""
    root = _site_root(site, site_url)
    default = site.project.default_language
    bases = {language: _base(site, language, root) for language in site.project.languages}
    by_slug = by_slug if by_slug is not None else _by_slug(site)
    entries = []
    for resolution in site.resolutions:
        slug = resolution.slug
        editions = by_slug[slug]
        edition = editions[lang]
        metadata = resolution.metadata
        languages = {}
        for language, other in editions.items():
            data = files[language][akn_path(slug)]
            languages[language] = {
                **_status(other),
                "url": bases[language] + f"{slug}/",
                "akn": _expression(other, bases[language] + akn_path(slug)),
                "files": [_file(bases[language] + akn_path(slug), data, MEDIA_TYPE)],
            }
        json_file = _file(bases[default] + json_path(slug), files[default][json_path(slug)], JSON_MEDIA_TYPE)
        parts = identity(resolution)
        entries.append(
            {
                "slug": slug,
                "title": _text(edition.title),
                "short_title": _text(edition.short_title),
                "body": metadata.body,
                "adopted": metadata.adopted.isoformat(),
                "adoption_method": adoption_method(metadata.adoption),
                "symbol": metadata.symbol or None,
                "number": resolution.number or None,
                "source_language": metadata.source_language,
                "work": parts.work,
                "number_shown": parts.shown,
                "url": bases[lang] + f"{slug}/",
                "json": json_file,
                "licence": licence(site, resolution),
                "source_url": source_url(site, resolution),
                "languages": languages,
            }
        )
    return {
        "$schema": root + schema_path(INDEX_SCHEMA_FILE),
        "format": "respub-resolutions",
        "version": 1,
        "generated": build_date(site).isoformat(),
        "language": lang,
        "languages": list(site.project.languages),
        "url": bases[lang] + INDEX,
        "feed": bases[lang] + FEED,
        "resolutions": entries,
    }


# ---------------------------------------------------------------------------------------------
# The Atom feed


def feed_url(site_url: str, lang: str, default_language: str) -> str:
    """The absolute URL of a language's feed: "https://example.org/fr/feed.xml"."""
    root = site_url.rstrip("/") + "/"
    return f"{root}{FEED}" if lang == default_language else f"{root}{lang}/{FEED}"


def _atom(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM_NS}}}{tag}", **attributes)
    if text:
        element.text = text
    return element


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def feed_entries(site: Site, lang: str) -> list[tuple[dt.date, str, Edition]]:
    """(date, kind, edition), newest first: each adoption, and each translation's last revision."""
    entries: list[tuple[dt.date, str, Edition]] = []
    for edition in site.editions(lang):
        entries.append((edition.resolution.metadata.adopted, "adoption", edition))
        revised = revision_date(edition.ui)
        if revised and not edition.ui.is_source and not mostly_fallback(edition):
            entries.append((revised, "translation", edition))
    return sorted(entries, key=lambda entry: (entry[0], entry[1], entry[2].slug), reverse=True)


def feed_bytes(site: Site, lang: str, site_url: str) -> bytes:
    """The Atom feed (RFC 4287) of `lang`: the resolutions, then their translations' updates."""
    root = _site_root(site, site_url)
    base = _base(site, lang, root)
    ui = site.translation(lang)
    name, description = site_identity(ui)
    entries = feed_entries(site, lang)
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    url = feed_url(root, lang, site.project.default_language)
    _atom(feed, "id", url)
    _atom(feed, "title", name)
    _atom(feed, "subtitle", description)
    _atom(feed, "updated", _timestamp(max((e[0] for e in entries), default=build_date(site))))
    _atom(feed, "link", rel="self", type="application/atom+xml", href=url)
    _atom(feed, "link", rel="alternate", type="text/html", href=base)
    _atom(_atom(feed, "author"), "name", name)
    for date, kind, edition in entries:
        page = edition.url(f"{edition.slug}/")
        entry = _atom(feed, "entry")
        _atom(entry, "id", f"{page}#{kind}-{date.isoformat()}")
        _atom(entry, "title", edition.short_title.value)
        _atom(entry, "updated", _timestamp(date))
        if kind == "adoption":
            _atom(entry, "published", _timestamp(date))
        _atom(entry, "link", rel="alternate", type="text/html", href=page)
        _atom(entry, "link", rel="alternate", type=MEDIA_TYPE, href=edition.url(akn_path(edition.slug)))
        _atom(entry, "category", term=kind)
        summary = edition.citation_context() if kind == "adoption" else unofficial_notice(edition)
        _atom(entry, "summary", summary)
    return etree.tostring(feed, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# ---------------------------------------------------------------------------------------------
# The schema


@lru_cache(maxsize=2)
def json_schema(name: str = SCHEMA_FILE) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) as the package holds it: the JSON edition's, or the index's."""
    return json.loads(resources.files("respub").joinpath("data", name).read_text("utf-8"))


def published_schema(name: str, site_url: str) -> dict[str, Any]:
    """The schema as published on the site: its `$id` is its absolute address there."""
    return {
        "$schema": json_schema(name)["$schema"],
        "$id": site_url + schema_path(name),
        **{key: value for key, value in json_schema(name).items() if key not in ("$schema", "$id")},
    }
