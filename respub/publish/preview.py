"""The translators' preview: `make serve LOCALE=fr` builds the default language and French only.

`mkdocs serve` rebuilds the whole site on every save; with four languages and fifty resolutions that is
tens of seconds. RESPUB_PREVIEW=<locale> (set by `make serve LOCALE=<locale>`) keeps the default
language, which every other language falls back on, and the language being translated, and turns the
others' `build` off in mkdocs-static-i18n's settings for this run only (their catalog folders are
still the site's, not strays). `make site` and the tests never set it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

PREVIEW_VARIABLE = "RESPUB_PREVIEW"


def preview_languages(environ: Mapping[str, str], configured: Iterable[str], default: str) -> tuple[str, ...] | None:
    """The languages a preview builds (default first), or None when no preview is asked for.

    A language the site does not have is refused, with the ones it has.
    """
    asked = environ.get(PREVIEW_VARIABLE, "").strip()
    if not asked:
        return None
    known = list(configured)
    if asked not in known:
        raise ValueError(
            f"{PREVIEW_VARIABLE}={asked}: the site has no language {asked!r} "
            f"(languages in mkdocs.yml: {', '.join(known)})"
        )
    return (default,) if asked == default else (default, asked)


def limit_builds(language_settings: Iterable[Any], keep: Iterable[str]) -> None:
    """Turn off mkdocs-static-i18n's `build` for every language not kept (settings of this run only)."""
    kept = set(keep)
    for language in language_settings:
        language.build = language.locale in kept
