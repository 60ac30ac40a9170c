"""The translators' workflow on gettext catalogs: extract, update (merge), init and check.

Two domains: `content` (resolutions, instrument titles, state names: every message has a context)
and `site` (the interface strings of respub/ and overrides/). Templates are `locales/<domain>.pot`,
translations `locales/<lang>/LC_MESSAGES/<domain>.po`.

Merging is done here, not with babel's `Catalog.update()`: babel fuzzy-matches across contexts, so a
new paragraph could receive another paragraph's translation. For a legal text a paragraph may only
keep its own translation: matched by context, marked fuzzy when its source changed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import escape, write_po

from respub.errors import InputError
from respub.l10n.messages import Message as SourceMessage
from respub.l10n.validation import EntryKey, Problem, check_catalog, is_translated, message_key, msgid_text

PROJECT = "respub"
# babel's date for the template header: fixed, so that extracting twice changes nothing.
EPOCH = dt.datetime(2022, 10, 15, tzinfo=dt.UTC)


HEADER_COMMENT = (
    "# Translations of the respub site (https://www.gettext.org/ PO format).\n"
    "# Edit with Poedit, Weblate or a text editor; then run `make check`."
)


def template_path(locales: Path, domain: str) -> Path:
    return locales / f"{domain}.pot"


def new_catalog(locale: str | None = None) -> Catalog:
    catalog = Catalog(
        locale=locale,
        project=PROJECT,
        version="1",
        copyright_holder="respub",
        msgid_bugs_address="",
        creation_date=EPOCH,
        revision_date=EPOCH,
        last_translator="respub translators",
        language_team=f"{locale} translators" if locale else "LANGUAGE",
        fuzzy=False,
        header_comment=HEADER_COMMENT,
    )
    return catalog


# ---------------------------------------------------------------------------------------------
# Extract


def content_template(messages: Iterable[SourceMessage]) -> Catalog:
    catalog = new_catalog()
    for message in messages:
        catalog.add(
            message.id,
            context=message.context,
            auto_comments=message.comments,
            locations=[(message.source.path, message.source.line)],
        )
    return catalog


def site_template(root: Path) -> Catalog:
    """Interface strings: calls of `_` in respub/*.py and in the overrides/ templates (jinja2)."""
    catalog = new_catalog()
    methods = [("respub/**.py", "python"), ("overrides/**.html", "jinja2")]
    options = {"overrides/**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for filename, _lineno, msgid, comments, context in extract_from_dir(
        root,
        method_map=methods,
        options_map=options,
        keywords={"_": None, "gettext": None, "ui_text": None, "ngettext": (1, 2)},
        comment_tags=("NOTE:",),
        strip_comment_tags=True,
    ):
        # No line numbers: they would change the templates (and every .po) whenever code moves.
        catalog.add(msgid, locations=[(filename, None)], auto_comments=comments, context=context)
    return catalog


def relative_locations(catalog: Catalog, root: Path) -> None:
    """Locations relative to the project, so templates do not depend on where it is checked out."""
    for message in catalog:
        message.locations = [(_relative(path, root), line) for path, line in message.locations]


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


# ---------------------------------------------------------------------------------------------
# Writing files only when they change


def po_bytes(catalog: Catalog, omit_header: bool = False) -> bytes:
    """The catalog as a .po file, one line per string.

    babel wraps `#| msgid` comments into lines that no tool can read back, so the previous source of
    a fuzzy message is written here, on one line, before its `msgctxt`.
    """
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, omit_header=omit_header, include_previous=False, sort_output=False)
    text = buffer.getvalue().decode("utf-8")
    for message in catalog:
        if message.previous_id and message.context:
            previous = f"#| msgid {escape(_key(message.previous_id))}\n"
            anchor = f"msgctxt {escape(message.context)}\n"
            text = text.replace(anchor, previous + anchor, 1)
    return text.encode("utf-8")


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless it already holds exactly that; True when written."""
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


# ---------------------------------------------------------------------------------------------
# Update: merge a template into a translation, by context


def merge(
    template: Catalog,
    old: Catalog,
    language_comments: dict[str, tuple[str, ...]] | None = None,
    first_translations: dict[str, str] | None = None,
) -> Catalog:
    """A new translation catalog for `template`, keeping `old`'s translations where they belong.

    - same context and source: kept as it is (fuzzy stays fuzzy);
    - same context, changed source: kept, marked fuzzy, the previous source in `#| msgid`;
    - no message with that context: new and empty (never another message's translation), or, for
      official titles and names the registries know in this language, that official text;
    - in `old` but gone from the template: kept as obsolete (`#~`), so no work is lost.
    Messages without context (the interface) match by source only.
    """
    language_comments = language_comments or {}
    first_translations = first_translations or {}
    merged = new_catalog(str(old.locale) if old.locale else None)
    merged.mime_headers = old.mime_headers  # the translator's header stays as it is...
    merged.project, merged.version = PROJECT, "1"  # ...but names the project the same way everywhere
    merged.msgid_bugs_address = ""
    merged.header_comment = HEADER_COMMENT
    by_context = {m.context: m for m in old if m.id and m.context}
    by_id = {m.id: m for m in old if m.id and not m.context}
    used: set[tuple[str, str | None]] = set()
    for message in template:
        if not message.id:
            continue
        previous = by_context.get(message.context) if message.context else by_id.get(message.id)
        comments = list(message.auto_comments) + list(language_comments.get(message.context or "", ()))
        new = Message(
            message.id,
            string="",
            locations=message.locations,
            auto_comments=comments,
            context=message.context,
        )
        if previous is not None:
            used.add((_key(previous.id), previous.context))
            new.string = previous.string
            new.user_comments = list(previous.user_comments)
            if previous.id == message.id:
                new.flags = set(previous.flags)
                new.previous_id = list(previous.previous_id) if previous.fuzzy else []
            elif previous.string:
                new.flags = set(previous.flags) | {"fuzzy"}
                # As GNU msgmerge: the source the translation was made from, even after two changes.
                already = previous.fuzzy and previous.previous_id
                new.previous_id = list(previous.previous_id) if already else [_key(previous.id)]
        if not new.string and message.context in first_translations:
            new.string = first_translations[message.context]
        merged[message.id] = new  # babel keys it by (id, context)
    for message in old:
        if message.id and (_key(message.id), message.context) not in used and message.string:
            merged.obsolete[_obsolete_key(message)] = message
    for key, message in old.obsolete.items():
        if merged.get(message.id, context=message.context) is None:
            merged.obsolete.setdefault(key, message)
    return merged


def _key(msgid) -> str:
    return msgid_text(msgid)


def _obsolete_key(message: Message) -> str | tuple[str, str]:
    """How a catalog keys a message: its msgid, with its context when it has one."""
    return (_key(message.id), message.context) if message.context else _key(message.id)


# ---------------------------------------------------------------------------------------------
# Check (the validation itself is respub.l10n.validation, shared with the build)


@dataclass(frozen=True)
class Counts:
    translated: int
    fuzzy: int  # fuzzy, or held back by the validation: the original text is shown
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated


def counts(catalog: Catalog, held_back: frozenset[EntryKey] = frozenset()) -> Counts:
    translated = fuzzy = untranslated = 0
    for message in catalog:
        if not message.id:
            continue
        if not is_translated(message):
            untranslated += 1
        elif message.fuzzy or message_key(message) in held_back:
            fuzzy += 1
        else:
            translated += 1
    return Counts(translated, fuzzy, untranslated)


def check_file(path: Path, lang: str) -> tuple[Counts, list[Problem]]:
    """Counts and problems of one .po file, as the build sees them; a syntax error is a problem, not a crash."""
    try:
        checked = check_catalog(path, lang)
    except InputError as error:
        return Counts(0, 0, 0), [Problem(error.path, error.line, error.message)]
    return counts(checked.catalog, checked.held_back), list(checked.problems)


def init_catalog(template: Catalog, lang: str) -> Catalog:
    """A new, empty translation of `template` for `lang`, with the language's plural forms from babel."""
    catalog = new_catalog(lang)
    for message in template:
        if message.id:
            catalog.add(
                message.id, locations=message.locations, auto_comments=message.auto_comments, context=message.context
            )
    return catalog
