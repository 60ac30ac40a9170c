"""Translations from gettext catalogs, with an honest status for every string.

`locales/<lang>/LC_MESSAGES/content.po` holds the resolutions, instrument titles and state names
(messages with a context), `site.po` the interface. A missing or fuzzy translation falls back to
the source text, and says so, so that the page can label it and mark its language.
"""

from __future__ import annotations

import gettext
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, unescape

from respub.errors import InputError

DOMAINS = ("content", "site")
Status = Literal["source", "translated", "fuzzy", "missing"]


@dataclass(frozen=True)
class Text:
    """A string to show, in `lang`, with how it came to be in that language."""

    value: str
    lang: str
    status: Status

    @property
    def is_fallback(self) -> bool:
        return self.status in ("fuzzy", "missing")


def catalog_path(locales: Path, lang: str, domain: str) -> Path:
    return locales / lang / "LC_MESSAGES" / f"{domain}.po"


def load_catalog(path: Path, lang: str) -> Catalog:
    """Read a .po file strictly: any syntax error stops with `path:line` (1-based)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(str(path), line, "not valid UTF-8: save the catalog as UTF-8") from None
    try:
        catalog = read_po(io.BytesIO(data), locale=lang, abort_invalid=True)
    except PoFileError as error:
        # babel counts lines from 0; people (and editors) count from 1.
        message = str(error).rsplit(" on ", 1)[0]
        raise InputError(str(path), error.lineno + 1, f"not a valid PO file: {message}") from None
    _read_previous_ids(catalog)
    return catalog


def _read_previous_ids(catalog: Catalog) -> None:
    """babel reads `#| msgid "..."` (the source a fuzzy translation was made for) as a user comment."""
    for message in catalog:
        previous = [c for c in message.user_comments if c.startswith("| msgid ")]
        if previous:
            message.previous_id = [unescape(previous[0][len("| msgid ") :])]
            message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]


@dataclass(frozen=True)
class Translation:
    """One language's catalogs (`None` for the source language)."""

    lang: str
    source_lang: str
    content: Catalog | None
    site: Catalog | None

    @property
    def is_source(self) -> bool:
        return self.lang == self.source_lang

    def text(self, context: str, msgid: str) -> Text:
        """The translation of a content message, or its source text with a fallback status."""
        if self.is_source or not msgid:
            return Text(msgid, self.source_lang, "source")
        message = self.content.get(msgid, context=context) if self.content else None
        if message is None or not message.string:
            return Text(msgid, self.source_lang, "missing")
        if message.fuzzy:
            return Text(msgid, self.source_lang, "fuzzy")
        return Text(str(message.string), self.lang, "translated")

    def gettext(self, msgid: str) -> str:
        """An interface string; falls back to English silently (the interface is not the record)."""
        if self.is_source or self.site is None:
            return msgid
        message = self.site.get(msgid)
        if message is None or not message.string or message.fuzzy:
            return msgid
        return str(message.string)

    _ = gettext

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """An interface string with a number, in the right plural form of the language."""
        english = singular if count == 1 else plural
        if self.is_source or self.site is None:
            return english
        message = self.site.get(singular)
        if message is None or message.fuzzy or not isinstance(message.string, tuple):
            return english
        index = gettext.c2py(self.site.plural_expr)(count)
        forms = message.string
        return forms[index] if index < len(forms) and forms[index] else english


def load_translation(locales: Path, lang: str, source_lang: str = "en") -> Translation:
    if lang == source_lang:
        return Translation(lang, source_lang, None, None)
    catalogs: dict[str, Catalog | None] = {}
    for domain in DOMAINS:
        path = catalog_path(locales, lang, domain)
        catalogs[domain] = load_catalog(path, lang) if path.exists() else None
    return Translation(lang, source_lang, catalogs["content"], catalogs["site"])


def check_locale_folders(locales: Path, languages: tuple[str, ...]) -> None:
    """A catalog for a language the site does not list is an error, not something to ignore."""
    if not locales.is_dir():
        return
    for folder in sorted(locales.iterdir()):
        if folder.is_dir() and folder.name not in languages:
            po_files = sorted(folder.rglob("*.po"))
            if po_files:
                raise InputError(
                    str(po_files[0]),
                    1,
                    f"catalog for language {folder.name!r}, which the site does not build "
                    f"(languages in mkdocs.yml: {', '.join(languages)}); add the language or remove the folder",
                )
