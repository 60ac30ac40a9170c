"""Inline content built from translated sentences, as data a template turns into markup.

A translated sentence with placeholders ("Reservation on {targets}.") is never filled with markup:
`fill` splits the translated message on its placeholders into literal text and slots, each slot a
fragment (text, a link, a phrase in its own language, a list), and the `fragment` macro of
`_macros.html` escapes the text and writes the markup. A translator's `<img>` stays text.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from babel.lists import format_list

from respub.l10n.translate import Text


@dataclass(frozen=True)
class Link:
    """`content` as a link to `href`."""

    href: str
    content: Fragment
    kind: Literal["link"] = "link"


@dataclass(frozen=True)
class Phrase:
    """A translated string in a `<span>`, marked with its language when it fell back to the source."""

    text: Text
    kind: Literal["phrase"] = "phrase"


@dataclass(frozen=True)
class Words:
    """A translated value inside a sentence (a place, a body's name): plain text when it is in the
    page's language, in a `<span>` marked with its own language when it fell back to the source."""

    text: Text
    kind: Literal["words"] = "words"


@dataclass(frozen=True)
class Run:
    """Fragments one after the other."""

    parts: tuple[Fragment, ...]
    kind: Literal["run"] = "run"


Fragment = str | Link | Phrase | Words | Run


def fill(message: str, **slots: Fragment) -> Run:
    """`message` ("{paragraph}, on the words “{phrase}”") with each placeholder replaced by its slot.

    Only plain `{name}` placeholders are supported; the catalogs' checks keep translations to the
    msgid's placeholders, and a slot missing here is a programming error (KeyError)."""
    parts: list[Fragment] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(message):
        if literal:
            parts.append(literal)
        if name is not None:
            parts.append(slots[name])
    return Run(tuple(parts))


_SLOT = re.compile(r"\x00(\d+)\x00")


def listing(items: Sequence[Fragment], locale: str) -> Run:
    """`items` as a list in the language of `locale` ("a, b and c", "a, b et c"), each item kept whole."""
    if not items:
        return Run(())
    joined = format_list([f"\x00{index}\x00" for index in range(len(items))], locale=locale)
    parts: list[Fragment] = []
    for index, piece in enumerate(_SLOT.split(joined)):
        if index % 2:
            parts.append(items[int(piece)])
        elif piece:
            parts.append(piece)
    return Run(tuple(parts))


def plain_text(fragment: Fragment) -> str:
    """The fragment's words without markup, for a citation, a feed or a search record."""
    if isinstance(fragment, str):
        return fragment
    if isinstance(fragment, Link):
        return plain_text(fragment.content)
    if isinstance(fragment, (Phrase, Words)):
        return fragment.text.value
    return "".join(plain_text(part) for part in fragment.parts)
