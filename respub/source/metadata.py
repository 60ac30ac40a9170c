"""Read a resolution folder's `resolution.yml` into `Metadata`, with line numbers in every error."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from respub import frbr
from respub.errors import InputError
from respub.l10n.languages import known_language
from respub.model import Metadata, Source
from respub.source.changes import CHANGE_KEYS, read_changes
from respub.source.yamlfile import YamlFile, line_of, read_yaml

METADATA_FILE = "resolution.yml"
WRONG_NAMES = ("resolution.yaml", "resolution.YML", "resolution.YAML", "Resolution.yml")
TEXT_FILE = "text.txt"
REQUIRED = ("slug", "body", "session", "place", "adopted", "adoption", "source_language")
IDENTIFIERS = ("akn_country", "akn_actor", "akn_number", "akn_doctype", "akn_subtype")
OPTIONAL = ("short_title", "symbol", "title", *IDENTIFIERS, "source_url", "licence")
_URL = re.compile(r"^https?://[^\s/]+\S*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _load_mapping(path: Path) -> tuple[YamlFile, dict[str, tuple[str, int]], int]:
    """Top-level `key: scalar` pairs with their 1-based lines; values kept as the raw strings."""
    doc = read_yaml(path)
    if doc.root is None:
        doc.fail(1, "the metadata file is empty")
    fields = doc.fields(doc.root, REQUIRED + OPTIONAL + CHANGE_KEYS, "expected 'key: value' lines")
    values = {
        key: (doc.scalar(value, f"{key!r} must be a single value"), line_of(value))
        for key, value in fields.items()
        if key not in CHANGE_KEYS  # structured: read by respub.source.changes
    }
    return doc, values, doc.root.end_mark.line + 1


def check_metadata_files(folder: Path) -> None:
    """A metadata file under a name the site does not read is an error, not something to ignore."""
    for wrong in WRONG_NAMES:
        if (folder / wrong).exists():
            message = f"the metadata file must be named {METADATA_FILE}: rename {wrong} to {METADATA_FILE}"
            raise InputError(str(folder / wrong), 1, message)


def read_metadata(path: Path) -> Metadata:
    """The metadata in `path`, validated: every field present, a real date, a well-formed slug."""
    doc, values, last_line = _load_mapping(path)
    for key in REQUIRED:
        if not values.get(key, ("", 0))[0]:
            line = values.get(key, ("", last_line))[1]
            doc.fail(line, f"missing field {key!r} (required: {', '.join(REQUIRED)})")
    slug, line = values["slug"]
    if not _SLUG.match(slug):
        doc.fail(line, f"slug {slug!r} must be lowercase ASCII letters, digits and hyphens")
    language, line = values["source_language"]
    if not _LANGUAGE.match(language) or not known_language(language):
        doc.fail(
            line, f"source_language {language!r} is not a language code babel (CLDR) knows: write one such as 'en'"
        )
    adopted_text, line = values["adopted"]
    try:
        adopted = dt.date.fromisoformat(adopted_text)
    except ValueError:
        doc.fail(line, f"adopted {adopted_text!r} is not a date: write it as YYYY-MM-DD")
    name = doc.path
    source_url, line = values.get("source_url", ("", 0))
    if source_url and not _URL.match(source_url):
        doc.fail(line, f"source_url {source_url!r} must be an absolute http(s) URL")
    changes, previous_slugs = read_changes(path)
    metadata = Metadata(
        slug=slug,
        body=values["body"][0],
        session=values["session"][0],
        place=values["place"][0],
        adopted=adopted,
        adoption=values["adoption"][0],
        source_language=language,
        source=Source(name, 1),
        short_title=values.get("short_title", ("", 0))[0],
        symbol=values.get("symbol", ("", 0))[0],
        title=values.get("title", ("", 0))[0],
        changes=changes,
        previous_slugs=previous_slugs,
        **{key: values.get(key, ("", 0))[0] for key in (*IDENTIFIERS, "source_url", "licence")},
    )
    return metadata


def check_identifiers(metadata: Metadata, printed_number: str = "") -> None:
    """The Akoma Ntoso identifiers must be derivable and well formed: say which field to add or fix.

    Called once the text is read: a UN General Assembly text's printed number ("80/6.") gives defaults.
    """
    try:
        frbr.identity(metadata, printed_number)
    except ValueError as error:
        field, _, message = str(error).partition(": ")
        path = Path(metadata.source.path)
        lines = path.read_text("utf-8").splitlines() if path.exists() else []
        line = next((n for n, text in enumerate(lines, 1) if text.startswith(f"{field}:")), len(lines) or 1)
        raise InputError(str(path), line, f"{field}: {message}") from None
