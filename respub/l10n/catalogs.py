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
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import escape, write_po

from respub.errors import InputError
from respub.l10n.messages import Message as SourceMessage
from respub.l10n.translate import load_catalog

PROJECT = "respub"
# babel's date for the template header: fixed, so that extracting twice changes nothing.
EPOCH = dt.datetime(2022, 10, 15, tzinfo=dt.UTC)
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "ar": ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"),
}


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
        keywords={"_": None, "gettext": None, "ngettext": (1, 2)},
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
                new.previous_id = [_key(previous.id)]
        if not new.string and message.context in first_translations:
            new.string = first_translations[message.context]
        merged[message.id] = new  # babel keys it by (id, context)
    for message in old:
        if message.id and (_key(message.id), message.context) not in used and message.string:
            merged.obsolete[merged._key_for(message.id, message.context)] = message
    for key, message in old.obsolete.items():
        if merged.get(message.id, context=message.context) is None:
            merged.obsolete.setdefault(key, message)
    return merged


def _key(msgid) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


# ---------------------------------------------------------------------------------------------
# Check


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Counts:
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}|%\(?[a-z_]*\)?[sd]|\[\^\d+\]")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&[A-Za-z]+;|&#\d+;|\]\([^)]*\)")
_DIGITS = re.compile(r"\d+")


def _is_translated(message: Message) -> bool:
    """A plural message is translated only when every form is."""
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def counts(catalog: Catalog) -> Counts:
    translated = fuzzy = untranslated = 0
    for message in catalog:
        if not message.id:
            continue
        if not _is_translated(message):
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return Counts(translated, fuzzy, untranslated)


def message_lines(path: Path) -> dict[tuple[str | None, str], int]:
    """The 1-based line of each message's `msgid` in a .po file (babel keeps none)."""
    lines: dict[tuple[str | None, str], int] = {}
    catalog = load_catalog(path, "en")
    text = path.read_text("utf-8").splitlines()
    msgid_lines = [number for number, line in enumerate(text, start=1) if line.startswith("msgid ")]
    real = [m for m in catalog if m.id]
    # The header is the first msgid; messages follow in file order.
    for message, number in zip(real, msgid_lines[1:], strict=False):
        lines[(message.context, _key(message.id))] = number
    return lines


def check_message(message: Message) -> list[str]:
    """What is wrong with one translation: markup, placeholders, numbers of the source missing."""
    if not message.id or not _is_translated(message) or message.fuzzy:
        return []
    if isinstance(message.string, tuple | list):
        # A plural form may leave the number out ("cited once"): only markup and unknown
        # placeholders are errors there.
        plural = message.id[1] if isinstance(message.id, tuple | list) else _key(message.id)
        return sorted({p for form in message.string for p in _check_text(plural, str(form), plural_form=True)})
    return _check_text(_key(message.id), str(message.string))


def _check_text(source: str, translation: str, plural_form: bool = False) -> list[str]:
    problems = []
    markup = _MARKUP.search(translation)
    if markup:
        problems.append(f"markup in a translation ({markup.group(0)!r}): translations are shown as plain text")
    missing = Counter(_PLACEHOLDER.findall(source)) - Counter(_PLACEHOLDER.findall(translation))
    extra = Counter(_PLACEHOLDER.findall(translation)) - Counter(_PLACEHOLDER.findall(source))
    if missing and not plural_form:
        problems.append(f"placeholder {', '.join(sorted(missing))} of the source is missing")
    if extra:
        problems.append(f"placeholder {', '.join(sorted(extra))} is not in the source")
    missing_numbers = Counter(_DIGITS.findall(source)) - Counter(_DIGITS.findall(translation))
    if missing_numbers and not plural_form:
        problems.append(
            f"number {', '.join(sorted(missing_numbers))} of the source is missing from the translation "
            "(numbers, years and symbols stay as they are)"
        )
    return problems


def check_catalog(path: Path, lang: str) -> tuple[Counts, list[Problem]]:
    """Counts and problems of one .po file; a syntax error is a problem, not a crash."""
    try:
        catalog = load_catalog(path, lang)
    except InputError as error:
        return Counts(0, 0, 0), [Problem(error.path, error.line, error.message)]
    lines = message_lines(path)
    problems = []
    for message in catalog:
        for text in check_message(message):
            line = lines.get((message.context, _key(message.id)), 1)
            problems.append(Problem(str(path), line, text))
    return counts(catalog), problems


def init_catalog(template: Catalog, lang: str) -> Catalog:
    """A new, empty translation of `template` for `lang`."""
    Locale.parse(lang)  # an unknown language code stops here, with babel's message
    catalog = new_catalog(lang)
    if lang in PLURAL_FORMS:
        nplurals, expr = PLURAL_FORMS[lang].split(";", 1)
        catalog._num_plurals = int(nplurals.split("=")[1])
        catalog._plural_expr = expr.strip().removeprefix("plural=").rstrip(";")
    for message in template:
        if message.id:
            catalog.add(
                message.id, locations=message.locations, auto_comments=message.auto_comments, context=message.context
            )
    return catalog
