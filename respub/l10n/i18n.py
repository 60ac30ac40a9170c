"""The translators' command line: `python -m respub.l10n.i18n extract|update|init LANG|check [LANG...]`.

extract  rebuild locales/content.pot and locales/site.pot from the resolutions and the code;
update   merge them into every language's .po (by context; see respub.l10n.catalogs.merge);
init     start a new language from the templates;
check    per language: translated / fuzzy / untranslated counts, warnings and errors (exit 1 on errors),
         exactly as the build checks the catalogs (respub.l10n.validation; no msgfmt needed).
Files are rewritten only when their content changes: running a command twice changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

try:
    from mkdocs.utils import yaml_load
except ModuleNotFoundError:  # ProperDocs' venv (respub.publish.engines): the same loader under its own name
    from properdocs.utils import yaml_load

from respub.errors import InputError
from respub.l10n.catalog_sources import content_messages, known_translations
from respub.l10n.catalogs import (
    check_file,
    content_template,
    init_catalog,
    merge,
    po_bytes,
    relative_locations,
    site_template,
    template_path,
    write_if_changed,
)
from respub.l10n.languages import known_language
from respub.l10n.translate import DOMAINS, catalog_path, load_catalog
from respub.publish.site import Project, Site, load_site

ROOT = Path(__file__).resolve().parents[2]


def site_languages(root: Path) -> tuple[str, ...]:
    """The languages mkdocs.yml builds, default first."""
    with open(root / "mkdocs.yml", encoding="utf-8") as file:
        config = yaml_load(file)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    languages = [lang for lang in i18n["languages"] if lang.get("build", True)]
    languages.sort(key=lambda lang: not lang.get("default", False))
    return tuple(lang["locale"] for lang in languages)


def load(root: Path) -> Site:
    languages = site_languages(root)
    return load_site(Project(root, root / "docs", root / "locales", languages))


def templates(root: Path) -> dict[str, Catalog]:
    catalogs = {"content": content_template(content_messages(load(root))), "site": site_template(root)}
    for catalog in catalogs.values():
        relative_locations(catalog, root)
    return catalogs


def extract(root: Path) -> int:
    for domain, catalog in templates(root).items():
        path = template_path(root / "locales", domain)
        changed = write_if_changed(path, po_bytes(catalog))
        print(f"{path.relative_to(root)}: {len(catalog)} messages{' (written)' if changed else ' (unchanged)'}")
    return 0


def _read_template(root: Path, domain: str) -> Catalog:
    path = template_path(root / "locales", domain)
    if not path.exists():
        raise InputError(str(path), 1, "no template: run `make extract` first")
    with open(path, "rb") as file:
        return read_po(file)


def update(root: Path) -> int:
    languages = site_languages(root)[1:]
    site = load(root)
    for domain in DOMAINS:
        template = _read_template(root, domain)
        for lang in languages:
            path = catalog_path(root / "locales", lang, domain)
            old = load_catalog(path, lang) if path.exists() else init_catalog(template, lang)
            comments, first = known_translations(site, lang) if domain == "content" else ({}, {})
            merged = merge(template, old, comments, first)
            changed = write_if_changed(path, po_bytes(merged))
            print(f"{path.relative_to(root)}: {'updated' if changed else 'unchanged'}")
    return 0


def init(root: Path, lang: str) -> int:
    if not known_language(lang):
        print(f"{lang!r} is not a language code babel (CLDR) knows: write one such as 'ru' or 'pt_BR'", file=sys.stderr)
        return 1
    for domain in DOMAINS:
        path = catalog_path(root / "locales", lang, domain)
        if path.exists():
            print(f"{path.relative_to(root)} already exists: use `make update`", file=sys.stderr)
            return 1
        write_if_changed(path, po_bytes(init_catalog(_read_template(root, domain), lang)))
        print(f"{path.relative_to(root)}: created")
    if lang not in site_languages(root):
        print(f"Now add '{lang}' to the i18n languages in mkdocs.yml so that the site builds it.")
    return 0


def check(root: Path, languages: list[str]) -> int:
    languages = languages or list(site_languages(root)[1:])
    errors = warnings = 0
    for lang in languages:
        for domain in DOMAINS:
            path = catalog_path(root / "locales", lang, domain)
            if not path.exists():
                print(f"{path.relative_to(root)}: missing (run `make init LOCALE={lang}`)")
                errors += 1
                continue
            counts, problems = check_file(path, lang)
            print(
                f"{lang} {domain}: {counts.translated} translated, {counts.fuzzy} fuzzy, "
                f"{counts.untranslated} untranslated (of {counts.total})"
            )
            for problem in problems:
                print(f"  {problem}")
            errors += sum(1 for problem in problems if problem.severity == "error")
            warnings += sum(1 for problem in problems if problem.severity == "warning")
    print(f"{warnings} warning{'s' if warnings != 1 else ''} (translations held back, the original is shown)")
    print(f"{errors} error{'s' if errors != 1 else ''}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m respub.l10n.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help="rebuild the templates (.pot)")
    commands.add_parser("update", help="merge the templates into every language's .po")
    init_parser = commands.add_parser("init", help="start a new language")
    init_parser.add_argument("lang")
    check_parser = commands.add_parser("check", help="counts and errors per language")
    check_parser.add_argument("languages", nargs="*")
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            code = extract(args.root)
        elif args.command == "update":
            code = update(args.root)
        elif args.command == "init":
            code = init(args.root, args.lang)
        else:
            code = check(args.root, args.languages)
    except InputError as error:
        print(error, file=sys.stderr)
        code = 1
    sys.exit(code)


if __name__ == "__main__":
    main()
