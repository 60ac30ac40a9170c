"""Translations from gettext catalogs, with an honest status for every string.

`locales/<lang>/LC_MESSAGES/content.po` holds the resolutions, instrument titles and state names
(messages with a context), `site.po` the interface. A missing or fuzzy translation falls back to
the source text, and says so, so that the page can label it and mark its language.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from babel.messages.catalog import Catalog

from respub.errors import InputError
from respub.l10n.validation import read_catalog, validate_catalog

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
    return read_catalog(path, lang)


@dataclass(frozen=True)
class Translation:
    """One language's catalogs (`None` for the source language)."""

    lang: str
    source_lang: str
    content: Catalog | None
    site: Catalog | None
    # (domain, context, msgid) of translations the validation held back: shown as fuzzy ones are.
    held_back: frozenset[tuple[str, str | None, str]] = frozenset()

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
        if message.fuzzy or ("content", context, msgid) in self.held_back:
            return Text(msgid, self.source_lang, "fuzzy")
        return Text(str(message.string), self.lang, "translated")

    def ui_text(self, msgid: str) -> Text:
        """An interface string with the language it is really in (English where not translated)."""
        if self.is_source or self.site is None:
            return Text(msgid, self.source_lang, "source")
        message = self.site.get(msgid)
        if message is None or not message.string:
            return Text(msgid, self.source_lang, "missing")
        if message.fuzzy or ("site", None, msgid) in self.held_back:
            return Text(msgid, self.source_lang, "fuzzy")
        return Text(str(message.string), self.lang, "translated")

    def gettext(self, msgid: str) -> str:
        """An interface string; falls back to English silently (the interface is not the record)."""
        return self.ui_text(msgid).value

    _ = gettext

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """An interface string with a number, in the right plural form of the language."""
        english = singular if count == 1 else plural
        if self.is_source or self.site is None:
            return english
        message = self.site.get(singular)
        if message is None or message.fuzzy or not isinstance(message.string, tuple):
            return english
        if ("site", None, singular) in self.held_back:
            return english
        index = gettext.c2py(self.site.plural_expr)(count)
        forms = message.string
        return forms[index] if index < len(forms) and forms[index] else english


def load_translation(locales: Path, lang: str, source_lang: str = "en") -> Translation:
    """One language's catalogs, validated as `make check` validates them: errors stop with `path:line`."""
    if lang == source_lang:
        return Translation(lang, source_lang, None, None)
    catalogs: dict[str, Catalog | None] = {}
    held_back: set[tuple[str, str | None, str]] = set()
    for domain in DOMAINS:
        path = catalog_path(locales, lang, domain)
        if not path.exists():
            catalogs[domain] = None
            continue
        checked = validate_catalog(path, lang)
        catalogs[domain] = checked.catalog
        held_back.update((domain, context, msgid) for context, msgid in checked.held_back)
    return Translation(lang, source_lang, catalogs["content"], catalogs["site"], frozenset(held_back))


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
