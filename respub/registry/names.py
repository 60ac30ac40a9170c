"""How the registries compare names: one rule for finding a name, one for refusing look-alikes.

Names are matched exactly, never fuzzily ("Niger" is not "Nigeria"). The only liberties are the ones
that do not change a name: Unicode NFC, runs of whitespace as one space, typographic apostrophes as
"'". Two names a reader could confuse, differing only in case, may not belong to two entries.
"""

from __future__ import annotations

import unicodedata
from types import MappingProxyType

_APOSTROPHES = MappingProxyType(str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"}))


def plain_apostrophes(text: str) -> str:
    """`text` with typographic apostrophes made plain; one character for one, so positions hold."""
    return text.translate(_APOSTROPHES)


def name_key(name: str) -> str:
    """The form in which a name is looked up: NFC, single spaces, plain apostrophes; case counts."""
    return " ".join(plain_apostrophes(unicodedata.normalize("NFC", name)).split())


def collision_key(name: str) -> str:
    """The form in which two entries' names are compared for collisions: `name_key`, any case."""
    return name_key(name).casefold()
