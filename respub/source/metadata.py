"""Read a resolution folder's `resolution.yml` into `Metadata`, with line numbers in every error."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from respub.errors import InputError
from respub.model import Metadata, Source
from respub.source.changes import CHANGE_KEYS, read_changes
from respub.source.yamlfile import compose

METADATA_FILE = "resolution.yml"
TEXT_FILE = "text.txt"
REQUIRED = ("slug", "body", "session", "place", "adopted", "adoption", "source_language")
OPTIONAL = ("short_title", "symbol")
# Keys whose value is a list (`official_languages: [en, fr]`), read item by item.
LISTS = ("official_languages",)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


def _load_mapping(path: Path) -> tuple[dict[str, tuple[str, int]], int]:
    """Top-level `key: scalar` pairs with their 1-based lines; values kept as the raw strings (a
    list, for the keys in LISTS, as its items joined by single spaces)."""
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
        if key.value not in REQUIRED + OPTIONAL + LISTS:
            known = ", ".join(REQUIRED + OPTIONAL + LISTS + CHANGE_KEYS)
            raise InputError(str(path), line, f"unknown field {key.value!r} (known fields: {known})")
        if key.value in LISTS:
            values[key.value] = (_list_value(path, key.value, value), line)
            continue
        if not isinstance(value, yaml.ScalarNode):
            raise InputError(str(path), line, f"{key.value!r} must be a single value")
        values[key.value] = (str(value.value).strip(), line)
    last_line = node.end_mark.line + 1
    return values, last_line


def _list_value(path: Path, key: str, node: yaml.Node) -> str:
    """A list of words (`[en, fr]`), as its items joined by spaces."""
    if not isinstance(node, yaml.SequenceNode) or not all(
        isinstance(item, yaml.ScalarNode) and str(item.value).strip() for item in node.value
    ):
        line = node.start_mark.line + 1
        raise InputError(str(path), line, f"{key!r} must be a list such as [en, fr]")
    return " ".join(str(item.value).strip() for item in node.value)


def _official_languages(name: str, values: dict[str, tuple[str, int]], source_language: str) -> tuple[str, ...]:
    """The languages whose edition is official: the source language always, and those declared."""
    declared, line = values.get("official_languages", ("", 0))
    languages = [source_language]
    for language in declared.split():
        if not _LANGUAGE.match(language):
            raise InputError(name, line, f"official_languages: {language!r} must be a language code such as 'fr'")
        if language not in languages:
            languages.append(language)
    return tuple(languages)


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
    changes, previous_slugs = read_changes(path)
    return Metadata(
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
        changes=changes,
        previous_slugs=previous_slugs,
        official_languages=_official_languages(name, values, language),
    )
