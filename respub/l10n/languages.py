"""Language codes for every place that needs one, from CLDR (babel), so that a language is configuration.

A site language needs: the babel locale for dates and lists, an Open Graph locale (with a territory),
and an ISO 639-2 code for Akoma Ntoso. `respub/data/languages.yml` holds the few choices CLDR does
not settle (the six UN languages' ISO 639-2 codes, British English dates); every other language
follows CLDR's likely subtags and three-letter aliases, and degrades to something valid rather than
failing.
"""

from __future__ import annotations

import functools
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from babel.core import get_global

UNDETERMINED = "und"  # ISO 639-2 for "undetermined"


@functools.cache
def _data() -> MappingProxyType[str, Any]:
    text = resources.files("respub").joinpath("data", "languages.yml").read_text("utf-8")
    return MappingProxyType(yaml.safe_load(text))


def known_language(code: str) -> bool:
    """Whether babel (CLDR) knows `code` as a language (`fr`, `ru`, `pt_BR`)."""
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def babel_locale(lang: str) -> str:
    """The babel locale for dates and lists in `lang`."""
    return _data()["babel_locale"].get(lang, lang)


def open_graph_locale(lang: str) -> str:
    """`language_TERRITORY` as Open Graph wants it: CLDR's likely territory unless data says otherwise."""
    chosen = _data()["open_graph"].get(lang)
    if chosen:
        return chosen
    likely = get_global("likely_subtags").get(lang, "")
    parts = likely.split("_")
    territory = parts[-1] if len(parts) > 1 and parts[-1].isupper() else ""
    return f"{lang}_{territory}" if territory else lang


def iso639_2(lang: str) -> str:
    """The ISO 639-2 code of `lang` ("fr" gives "fra").

    From respub/data/languages.yml, else CLDR's three-letter aliases of the language (the first
    alphabetically when there are several), else the code itself when it already has three
    letters, else "und".
    """
    base = lang.replace("-", "_").split("_")[0].lower()
    chosen = _data()["iso639_2"].get(base)
    if chosen:
        return chosen
    aliases = sorted(
        alias
        for alias, target in get_global("language_aliases").items()
        if target == base and len(alias) == 3 and alias.isalpha()
    )
    if aliases:
        return aliases[0]
    return base if len(base) == 3 and base.isalpha() else UNDETERMINED
