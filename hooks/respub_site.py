"""mkdocs adapter for respub: a few lines that call tested code in the `respub` package.

- on_config: read and validate every input (texts, metadata, catalogs), render every language's
  pages into `.build/docs/<lang>/` and point mkdocs there; set the navigation in official order.
  mkdocs-static-i18n re-runs the build once per extra language with the same config: those runs
  find the pages already staged (`i18n.building`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from respub.errors import InputError
from respub.site import Project, load_site, stage

STAGE = Path(".build") / "docs"


def _languages(config: MkDocsConfig) -> tuple[str, ...]:
    i18n = config.plugins["i18n"]
    default = i18n.default_language
    others = [lang.locale for lang in i18n.config.languages if lang.locale != default and lang.build]
    return (default, *others)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n = config.plugins["i18n"]
    if i18n.building:
        return config
    root = Path(config.config_file_path).parent
    project = Project(root, root / "docs", root / "locales", _languages(config))
    try:
        site = load_site(project)
    except InputError as error:
        raise PluginError(str(error)) from None
    target = root / STAGE
    stage(site, target)
    config.docs_dir = str(target)
    config.nav = site.nav()
    for language in i18n.config.languages:
        language.nav_translations = site.nav_translations(language.locale)
    return config
