"""A paragraph's citation as data, and in the formats reference managers read.

Everything here is made from the model and the catalogs (`CitationRecord`), never from HTML:
BibTeX, RIS and CSL-JSON for Zotero, JabRef, EndNote and the like; the `citation_*` and Dublin Core
meta tags that Google Scholar and Zotero read from a page's head; schema.org `Legislation` JSON-LD.
A translation that is not the assembly's own says so in every format, with the original's URL.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from respub.render.edition import Edition, paragraph_label


@dataclass(frozen=True)
class CitationRecord:
    """What a citation of one paragraph in one language says."""

    key: str  # "ipu-145-migration-op5-fr": a citation key, ASCII
    identifier: str  # "ipu-145-migration/op5": the same in every language
    author: str  # the adopting body, an institution: "Inter-Parliamentary Union"
    session: str  # "145th Assembly"
    resolution_title: str
    paragraph: str  # "Operative paragraph 5", in the page language
    place: str
    date: dt.date
    language: str  # "fr"
    url: str  # this paragraph's permanent URL in this language
    resolution_url: str  # the full text in this language
    original_url: str  # the paragraph in the original language ("" in the original itself)
    official: bool  # the assembly's own text (the original, or an edition declared official)
    note: str  # "Unofficial translation; original text: <url>", "Official text" or "" (the original)
    publisher: str  # who publishes this site

    @property
    def title(self) -> str:
        return f"{self.resolution_title}, {self.paragraph}"


def citation_record(edition: Edition, paragraph_id: str, publisher: str) -> CitationRecord:
    slug = edition.slug
    path = f"{slug}/{paragraph_id}/"
    return CitationRecord(
        key=f"{slug}-{paragraph_id}-{edition.lang}",
        identifier=f"{slug}/{paragraph_id}",
        author=edition.meta("body"),
        session=edition.meta("session"),
        resolution_title=edition.title.value,
        paragraph=paragraph_label(edition.ui, paragraph_id),
        place=edition.meta("place"),
        date=edition.resolution.metadata.adopted,
        language=edition.lang,
        url=edition.url(path),
        resolution_url=edition.url(f"{slug}/"),
        original_url="" if edition.is_original else edition.original_url(path),
        official=edition.official,
        note=edition_note(edition, path),
        publisher=publisher,
    )


def edition_note(edition: Edition, path: str) -> str:
    """What a citation says of the edition: nothing for the original; official, or an unofficial
    translation with the original's URL."""
    if edition.is_original:
        return ""
    if edition.official:
        return edition.ui._("Official text")
    return edition.ui._("Unofficial translation; original text: {url}").format(url=edition.original_url(path))


# ---------------------------------------------------------------------------------------------
# BibTeX


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bibtex_value(text: str) -> str:
    """A field value in braces: TeX's special characters escaped, so the text reads back as typed."""
    text = text.replace("\\", "\\textbackslash ").replace("~", "\\textasciitilde ").replace("^", "\\textasciicircum ")
    return "{" + _BIBTEX_SPECIAL.sub(r"\\\1", text) + "}"


def bibtex(record: CitationRecord) -> str:
    """A BibLaTeX/BibTeX `@misc` entry (the author is an institution: double braces keep it whole)."""
    fields = [
        ("author", "{" + _bibtex_value(record.author) + "}"),
        ("title", _bibtex_value(record.title)),
        ("howpublished", _bibtex_value(f"{record.session}, {record.place}")),
        ("date", _bibtex_value(record.date.isoformat())),
        ("year", str(record.date.year)),
        ("month", str(record.date.month)),
        ("language", _bibtex_value(record.language)),
        ("url", _bibtex_value(record.url)),
        ("publisher", _bibtex_value(record.publisher)),
    ]
    note = _note(record)
    if note:
        fields.append(("note", _bibtex_value(note)))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{record.key},\n{body}\n}}\n"


def _note(record: CitationRecord) -> str:
    return record.note


# ---------------------------------------------------------------------------------------------
# RIS


def ris(record: CitationRecord) -> str:
    """An RIS record of type GOVDOC (a government or intergovernmental document)."""
    lines = [
        ("TY", "GOVDOC"),
        ("AU", record.author),
        ("TI", record.title),
        ("T2", record.resolution_title),
        ("SE", record.paragraph),
        ("C1", record.session),
        ("CY", record.place),
        ("DA", record.date.strftime("%Y/%m/%d")),
        ("PY", str(record.date.year)),
        ("LA", record.language),
        ("PB", record.publisher),
        ("UR", record.url),
        ("ID", record.key),
    ]
    note = _note(record)
    if note:
        lines.append(("N1", note))
    lines.append(("ER", ""))
    # One line per tag: a value never spans lines in RIS.
    return "".join(f"{tag}  - {' '.join(value.split())}".rstrip() + "\n" for tag, value in lines)


# ---------------------------------------------------------------------------------------------
# CSL-JSON


def csl_json(record: CitationRecord) -> str:
    """A CSL-JSON list with one item of type `legislation`, as citeproc processors read it."""
    item = {
        "id": record.key,
        "type": "legislation",
        "title": record.title,
        "container-title": record.resolution_title,
        "section": record.paragraph,
        "author": [{"literal": record.author}],
        "authority": record.author,
        "event-title": record.session,
        "event-place": record.place,
        "issued": {"date-parts": [[record.date.year, record.date.month, record.date.day]]},
        "language": record.language,
        "publisher": record.publisher,
        "URL": record.url,
    }
    note = _note(record)
    if note:
        item["note"] = note
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# Files to download, as data: links (no extra URL to publish: the citation travels with its page)


@dataclass(frozen=True)
class CitationFile:
    label: str  # "BibTeX"
    filename: str  # "ipu-145-migration-op5-fr.bib"
    href: str  # a data: URL


def citation_files(record: CitationRecord) -> tuple[CitationFile, ...]:
    formats = (
        ("BibTeX", "bib", "application/x-bibtex", bibtex(record)),
        ("RIS", "ris", "application/x-research-info-systems", ris(record)),
        ("CSL-JSON", "json", "application/vnd.citationstyles.csl+json", csl_json(record)),
    )
    return tuple(
        CitationFile(label, f"{record.key}.{extension}", f"data:{mime};charset=utf-8,{quote(text, safe='')}")
        for label, extension, mime, text in formats
    )


# ---------------------------------------------------------------------------------------------
# In the page's head: meta tags and JSON-LD


def meta_tags(record: CitationRecord) -> list[list[str]]:
    """(name, content) pairs: Highwire Press `citation_*` tags (Google Scholar, Zotero) and Dublin Core."""
    tags = [
        ["citation_title", record.title],
        ["citation_author", record.author],
        ["citation_publication_date", record.date.strftime("%Y/%m/%d")],
        ["citation_date", record.date.strftime("%Y/%m/%d")],
        ["citation_conference_title", record.session],
        ["citation_language", record.language],
        ["citation_publisher", record.publisher],
        ["citation_abstract_html_url", record.url],
        ["DC.title", record.title],
        ["DC.creator", record.author],
        ["DC.date", record.date.isoformat()],
        ["DC.language", record.language],
        ["DC.publisher", record.publisher],
        ["DC.identifier", record.url],
        ["DC.type", "Text"],
    ]
    if record.note:
        tags.append(["DC.description", _note(record)])
    if record.original_url:
        tags.append(["DC.source", record.original_url])
    return tags


def json_ld(record: CitationRecord) -> str:
    """schema.org `Legislation` for the paragraph, part of the resolution, as a `<script>` body.

    `<`, `>` and `&` are written as JSON escapes, so no text can close the script element."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": record.url,
        "url": record.url,
        "name": record.title,
        "legislationIdentifier": record.identifier,
        "legislationType": "Resolution",
        "legislationDate": record.date.isoformat(),
        "inLanguage": record.language,
        "legislationPassedBy": {"@type": "Organization", "name": record.author},
        "publisher": {"@type": "Organization", "name": record.publisher},
        "isPartOf": {
            "@type": "Legislation",
            "@id": record.resolution_url,
            "url": record.resolution_url,
            "name": record.resolution_title,
        },
    }
    if record.original_url:
        data["translationOfWork"] = {"@type": "Legislation", "@id": record.original_url, "url": record.original_url}
    if record.note:
        data["description"] = _note(record)
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
