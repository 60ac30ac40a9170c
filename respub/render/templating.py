"""The project's own Jinja environment: every page body and fragment is rendered by a template here.

Autoescaping is on for every template, so any string from a text, a catalog, a registry or metadata
reaches HTML as text, whatever the page kind: safety by construction, not by remembering to call an
escape function. Python prepares plain data; the templates under `templates/` decide the markup.
Undefined variables are errors (`StrictUndefined`), so a template typo fails the build, not the page.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined


@lru_cache(maxsize=1)
def environment() -> Environment:
    """One environment per process (compiled templates are cached; it holds no per-build state)."""
    return Environment(
        loader=PackageLoader("respub", "render/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(template: str, **context: object) -> str:
    """Render `templates/<template>` with `context`; every string in it is escaped."""
    return environment().get_template(template).render(**context)
