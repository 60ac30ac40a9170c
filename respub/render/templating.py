"""The project's own Jinja environment: every page body and fragment is rendered by a template here.

Autoescaping is on for every template, so any string from a text, a catalog, a registry or metadata
reaches HTML as text, whatever the page kind: safety by construction, not by remembering to call an
escape function. Python prepares plain data; the templates under `templates/` decide the markup.
Undefined variables are errors (`StrictUndefined`), so a template typo fails the build, not the page.

Strings are escaped as the standard library escapes them (`html.escape`: `&quot;`, `&#x27;`), the
site's escaping since its first pages, so that moving markup into templates changed no byte. The
`text` filter escapes for element content only (`<`, `>`, `&`; quotes stay as typed, as paragraph
text always was): it is still an escape, never a way to let markup through.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup


def _escape(value: object) -> object:
    """Every `{{ value }}` passes here first: strings become escaped markup (numbers are safe as they
    are, and macro output is already markup)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value, quote=True))
    return value


def text_content(value: str) -> Markup:
    """`value` escaped for element content: `<`, `>` and `&` (quotes need no escaping there)."""
    return Markup(html.escape(value, quote=False))


TEMPLATES = Path(__file__).parent / "templates"  # the package's page templates (PackageLoader below)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One environment per process (compiled templates are cached; it holds no per-build state).

    Templates are not checked for changes on every render (a `stat` each: a tenth of the rendering
    time); the hook calls `environment.cache_clear()` at the start of every build, so `mkdocs serve`
    reads an edited template again."""
    env = Environment(
        loader=PackageLoader("respub", "render/templates"),
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_escape,
    )
    env.filters["text"] = text_content
    return env


def render(template: str, **context: object) -> str:
    """Render `templates/<template>` with `context`; every string in it is escaped."""
    return environment().get_template(template).render(**context)
