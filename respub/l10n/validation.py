"""The one validation of a translation catalog, run by the build when it loads catalogs and by `make check`.

Reading is strict and needs nothing but babel (no msgfmt): bad UTF-8, a string that is not closed
or holds an escape babel would not read, anything babel's `read_po(abort_invalid=True)` refuses,
and a `Plural-Forms` header that does not parse or does not match the language stop with
`path:line` (1-based). Then every translated, non-fuzzy message is compared with its source:

- errors (the build stops): markup in a translation; placeholders (`{number}`, `%s`) missing,
  added or renamed; footnote references (`[^1]`) missing or added. Such a translation would
  publish a broken or unsafe page;
- warnings (the build goes on): numbers of the source missing from the translation. The translation
  is held back like a fuzzy one: the page shows the original text, labelled, until it is fixed.
"""

from __future__ import annotations

import gettext
import io
import re
import string
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po, unescape

from respub.errors import InputError

Severity = Literal["error", "warning"]
EntryKey = tuple[str | None, str]  # (context, msgid), the msgid of a plural message being its singular

# A PO string: quotes around characters and the escapes babel reads back (\\ \" \n \t \r).
_KEYWORD_LINE = re.compile(r"^(?:#~\s*)?(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?![\w\[])\s*(.*)$")
_CONTINUATION_LINE = re.compile(r'^(?:#~\s*)?(".*)$')
_GOOD_STRING = re.compile(r'"(?:[^"\\]|\\[\\"ntr])*"')
_ESCAPE = re.compile(r"\\(.?)")
_PLURAL_HEADER = re.compile(r'^"Plural-Forms:', re.IGNORECASE)
_PERCENT = re.compile(r"%\(?[a-z_]*\)?[sd]")
_FOOTNOTE = re.compile(r"\[\^\d+\]")
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>|&[A-Za-z]+;|&#\d+;|\]\([^)]*\)")
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


@dataclass(frozen=True)
class CheckedCatalog:
    """A catalog read and checked: the problems found and the messages held back (warnings)."""

    catalog: Catalog
    problems: tuple[Problem, ...]
    held_back: frozenset[EntryKey]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if problem.severity == "error")


def message_key(message: Message) -> EntryKey:
    return message.context, msgid_text(message.id)


def msgid_text(msgid: str | tuple[str, ...] | list[str]) -> str:
    """The msgid of a message; the singular one for a plural message."""
    return msgid if isinstance(msgid, str) else msgid[0]


# ---------------------------------------------------------------------------------------------
# Reading


def read_catalog(path: Path, lang: str) -> Catalog:
    """Read a .po file strictly: any syntax or header problem raises InputError with `path:line` (1-based)."""
    data = path.read_bytes()
    name = str(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(name, line, "not valid UTF-8: save the catalog as UTF-8") from None
    _check_strings(name, text)
    try:
        catalog = read_po(io.BytesIO(data), locale=lang, abort_invalid=True)
    except PoFileError as error:
        # babel counts lines from 0; people (and editors) count from 1.
        message = str(error).rsplit(" on ", 1)[0]
        raise InputError(name, error.lineno + 1, f"not a valid PO file: {message}") from None
    except ValueError as error:  # a header babel cannot read, such as "nplurals=six"
        raise InputError(name, _header_line(text), f"not a valid PO header: {error}") from None
    _check_plural_forms(name, text, catalog, lang)
    _check_duplicates(name, text, catalog)
    _read_previous_ids(catalog)
    return catalog


def _check_strings(path: str, text: str) -> None:
    """Every keyword followed by one quoted string, closed, with only the escapes babel reads back.

    babel reads `msgstr "abc` as "ab" (it drops the last character as if it were the quote),
    `msgstr abc"` as "bc", and `\\q` as a backslash and a q: each would publish a text the
    translator did not write.
    """
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        keyword = _KEYWORD_LINE.match(line)
        if keyword:
            if not keyword.group(2).startswith('"'):
                raise InputError(
                    path,
                    number,
                    f'expected a string in quotes after {keyword.group(1)}: write {keyword.group(1)} "..."',
                )
            _check_string(path, number, keyword.group(2).rstrip())
        elif continuation := _CONTINUATION_LINE.match(line):
            _check_string(path, number, continuation.group(1).rstrip())


def _check_string(path: str, number: int, string: str) -> None:
    good = _GOOD_STRING.match(string)
    if good and good.end() == len(string):
        return
    if good:
        raise InputError(path, number, 'text after the closing quote: write one "..." string per line')
    bad_escape = next((m for m in _ESCAPE.finditer(string) if m.group(1) not in '\\"ntr'), None)
    if bad_escape and bad_escape.end() < len(string):
        raise InputError(
            path, number, f"unknown escape {bad_escape.group(0)!r} in a string: write \\\\ for a backslash"
        )
    raise InputError(path, number, 'string not closed: it must end with a " on the same line')


def _check_duplicates(path: str, text: str, catalog: Catalog) -> None:
    """The same message twice: babel silently keeps the first one, so the translator's later one is lost.

    Every `msgid` line starts a message babel kept, unless an earlier one has the same key.
    """
    kept = {message.lineno for message in catalog}
    lines = text.splitlines()
    header = next((n for n, line in enumerate(lines, start=1) if line.startswith("msgid ")), 0)
    if header and lines[header - 1].rstrip() == 'msgid ""':
        kept.add(header)  # the header: babel keeps it apart from the messages
    for number, line in enumerate(lines, start=1):
        if line.startswith("msgid ") and number not in kept:
            raise InputError(
                path, number, "this message is already given earlier in the file (same msgctxt and msgid): keep one"
            )


def _header_line(text: str) -> int:
    """The line of the Plural-Forms header, else 1."""
    for number, line in enumerate(text.splitlines(), start=1):
        if _PLURAL_HEADER.match(line.strip()):
            return number
    return 1


def _check_plural_forms(path: str, text: str, catalog: Catalog, lang: str) -> None:
    """The header's plural rule must compile and group numbers as the language does (CLDR via babel).

    Grouping is compared on the counts a page shows (0 to 999), so the long-standing gettext rules
    (French `nplurals=2; plural=(n > 1)`) stay valid beside CLDR's, whose extra French and Spanish
    form only starts at a million.
    """
    if not any(_PLURAL_HEADER.match(line.strip()) for line in text.splitlines()):
        return
    line = _header_line(text)
    try:
        rule = gettext.c2py(catalog.plural_expr)
    except (ValueError, SyntaxError) as error:
        raise InputError(path, line, f"Plural-Forms: the plural expression does not parse ({error})") from None
    expected = get_plural(lang)
    language_rule = gettext.c2py(expected.plural_expr)
    header_to_language: dict[int, int] = {}
    language_to_header: dict[int, int] = {}
    for count in range(1000):
        form, language_form = rule(count), language_rule(count)
        if not 0 <= form < catalog.num_plurals:
            raise InputError(
                path, line, f"Plural-Forms: the expression gives form {form} for n={count}, beyond nplurals"
            )
        if header_to_language.setdefault(form, language_form) != language_form or (
            language_to_header.setdefault(language_form, form) != form
        ):
            raise InputError(
                path,
                line,
                f"Plural-Forms: nplurals={catalog.num_plurals}; plural={catalog.plural_expr} does not match "
                f"the plural forms of {lang} (it differs at n={count}): write 'Plural-Forms: {expected.plural_forms}'",
            )


def _read_previous_ids(catalog: Catalog) -> None:
    """babel reads `#| msgid "..."` (the source a fuzzy translation was made for) as a user comment."""
    for message in catalog:
        previous = [c for c in message.user_comments if c.startswith("| msgid ")]
        if previous:
            message.previous_id = [unescape(previous[0][len("| msgid ") :])]
            message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]


# ---------------------------------------------------------------------------------------------
# Checking


def is_translated(message: Message) -> bool:
    """A plural message is translated only when every form is."""
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def check_message(message: Message) -> list[tuple[Severity, str]]:
    """What is wrong with one published translation (fuzzy and empty ones are not published)."""
    if not message.id or not is_translated(message) or message.fuzzy:
        return []
    if isinstance(message.string, tuple | list):
        # A plural form may leave the number out ("cited once"): only markup and unknown
        # placeholders are problems there.
        plural = message.id[1] if isinstance(message.id, tuple | list) else msgid_text(message.id)
        found = {p for form in message.string for p in _check_text(plural, str(form), plural_form=True)}
        return sorted(found)
    return _check_text(msgid_text(message.id), str(message.string))


def _check_text(source: str, translation: str, plural_form: bool = False) -> list[tuple[Severity, str]]:
    problems: list[tuple[Severity, str]] = []
    markup = _MARKUP.search(translation)
    if markup:
        problems.append(
            ("error", f"markup in a translation ({markup.group(0)!r}): remove it, translations are plain text")
        )
    source_fields, translation_fields = _fields(source), _fields(translation)
    if translation_fields is None and source_fields is not None:
        problems.append(("error", "a lone '{' or '}' in a translation: keep the source's {placeholders} as they are"))
    elif source_fields is not None:
        problems += _compare("placeholder", source_fields, translation_fields or [], plural_form)
    problems += _compare("placeholder", _PERCENT.findall(source), _PERCENT.findall(translation), plural_form)
    problems += _compare("footnote reference", _FOOTNOTE.findall(source), _FOOTNOTE.findall(translation), plural_form)
    missing_numbers = Counter(_DIGITS.findall(_FOOTNOTE.sub("", source))) - Counter(
        _DIGITS.findall(_FOOTNOTE.sub("", translation))
    )
    if missing_numbers and not plural_form:
        problems.append(
            (
                "warning",
                f"number {', '.join(sorted(missing_numbers))} of the source is missing from the translation "
                "(numbers, years and symbols stay as they are); the original text is shown until it is fixed",
            )
        )
    return problems


def _fields(text: str) -> list[str] | None:
    """The `{...}` fields of a text as `str.format` reads them (`{number}`, `{0}`, `{count:d}`), or
    None when `str.format` would fail on the text (a lone brace)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    fields = []
    for _, name, spec, conversion in parsed:
        if name is not None:
            fields.append("{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return fields


def _compare(what: str, source: list[str], translation: list[str], plural_form: bool) -> list[tuple[Severity, str]]:
    """Tokens (placeholders, footnote references) of the source that the translation lost or invented."""
    missing = Counter(source) - Counter(translation)
    extra = Counter(translation) - Counter(source)
    if missing and extra and not plural_form:
        return [
            (
                "error",
                f"{what} {', '.join(sorted(extra))} is not in the source, which has {', '.join(sorted(missing))}: "
                f"keep {'it' if len(missing) == 1 else 'them'} exactly as in the source",
            )
        ]
    problems: list[tuple[Severity, str]] = []
    if missing and not plural_form:
        problems.append(("error", f"{what} {', '.join(sorted(missing))} of the source is missing"))
    if extra:
        problems.append(("error", f"{what} {', '.join(sorted(extra))} is not in the source"))
    return problems


def check_catalog(path: Path, lang: str) -> CheckedCatalog:
    """Read `path` strictly and check every message; syntax and header problems raise InputError."""
    catalog = read_catalog(path, lang)
    problems: list[Problem] = []
    held_back: set[EntryKey] = set()
    for message in catalog:
        found = check_message(message)
        for severity, text in found:
            problems.append(Problem(str(path), message.lineno or 1, text, severity))
        if found:
            held_back.add(message_key(message))
    return CheckedCatalog(catalog, tuple(problems), frozenset(held_back))


def validate_catalog(path: Path, lang: str) -> CheckedCatalog:
    """`check_catalog` as the build runs it: any error raises InputError naming every error."""
    checked = check_catalog(path, lang)
    errors = checked.errors
    if errors:
        first, *others = errors
        more = f" (and {len(others)} more in this catalog: `make check` lists them)" if others else ""
        raise InputError(first.path, first.line, first.message + more)
    return checked
