"""Read a resolution folder's `resolution.yml` into `Metadata`, with line numbers in every error."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from respub import frbr
from respub.errors import InputError
from respub.model import Metadata, Source
from respub.source.changes import CHANGE_KEYS, read_changes
from respub.source.yamlfile import compose

METADATA_FILE = "resolution.yml"
TEXT_FILE = "text.txt"
REQUIRED = ("slug", "body", "session", "place", "adopted", "adoption", "source_language")
IDENTIFIERS = ("akn_country", "akn_actor", "akn_number", "akn_doctype", "akn_subtype")
OPTIONAL = ("short_title", "symbol", "title", *IDENTIFIERS, "source_url", "licence")
_URL = re.compile(r"^https?://[^\s/]+\S*$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _load_mapping(path: Path) -> tuple[dict[str, tuple[str, int]], int]:
    """Top-level `key: scalar` pairs with their 1-based lines; values kept as the raw strings."""
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(str(path), 1, f"not valid UTF-8: {error.reason}") from None
    try:
        node = compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise InputError(str(path), line, f"not valid YAML: {getattr(error, 'problem', error)}") from None
    if node is None:
        raise InputError(str(path), 1, "the metadata file is empty")
    if not isinstance(node, yaml.MappingNode):
        raise InputError(str(path), node.start_mark.line + 1, "expected 'key: value' lines")
    values: dict[str, tuple[str, int]] = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        if key.value in CHANGE_KEYS:  # structured: read by respub.source.changes
            continue
        if not isinstance(value, yaml.ScalarNode):
            raise InputError(str(path), line, f"{key.value!r} must be a single value")
        if key.value not in REQUIRED + OPTIONAL:
            known = ", ".join(REQUIRED + OPTIONAL + CHANGE_KEYS)
            raise InputError(str(path), line, f"unknown field {key.value!r} (known fields: {known})")
        values[key.value] = (str(value.value).strip(), line)
    last_line = node.end_mark.line + 1
    return values, last_line


def read_metadata(path: Path) -> Metadata:
    """The metadata in `path`, validated: every field present, a real date, a well-formed slug."""
    values, last_line = _load_mapping(path)
    name = str(path)
    for key in REQUIRED:
        if not values.get(key, ("", 0))[0]:
            line = values.get(key, ("", last_line))[1]
            raise InputError(name, line, f"missing field {key!r} (required: {', '.join(REQUIRED)})")
    slug, line = values["slug"]
    if not _SLUG.match(slug):
        raise InputError(name, line, f"slug {slug!r} must be lowercase ASCII letters, digits and hyphens")
    language, line = values["source_language"]
    if not _LANGUAGE.match(language):
        raise InputError(name, line, f"source_language {language!r} must be a language code such as 'en'")
    adopted_text, line = values["adopted"]
    try:
        adopted = dt.date.fromisoformat(adopted_text)
    except ValueError:
        raise InputError(name, line, f"adopted {adopted_text!r} is not a date: write it as YYYY-MM-DD") from None
    for key in ("source_url", "licence"):
        value, line = values.get(key, ("", 0))
        if key == "source_url" and value and not _URL.match(value):
            raise InputError(name, line, f"source_url {value!r} must be an absolute http(s) URL")
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
