"""The whole site's sources: find the resolutions, load the catalogs, render every language's pages.

All input is read and validated here, before mkdocs writes anything, so that bad input stops the
build with `path:line: what is wrong` and leaves no half-written site.
"""

from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from pathlib import Path

from respub import frbr
from respub.errors import InputError
from respub.ids import MessageKey
from respub.l10n.messages import resolution_messages
from respub.l10n.translate import Translation, check_locale_folders, load_translation
from respub.link.forwards import check_previous_slugs, forwards
from respub.link.mentions import Citation, LinkedEdition, citations, link_edition
from respub.link.reservations import Position, read_positions
from respub.model import Part, Resolution
from respub.publish import forked, restage
from respub.registry.instruments import Registry, load_registry
from respub.registry.states import States, load_states
from respub.render.edition import Edition, Page
from respub.render.instruments import instrument_page, instruments_index
from respub.render.moved import forwarded
from respub.render.pages import (
    AboutConfig,
    Progress,
    about_page,
    edition_pages,
    home_page,
    language_overview,
    part_heading,
    progress,
    site_identity,
    status_page,
)
from respub.source.metadata import METADATA_FILE, TEXT_FILE, check_identifiers, check_metadata_files, read_metadata
from respub.source.parse import parse_resolution

SUMMARY_PREFIX = "Translation progress, "


@dataclass(frozen=True)
class Project:
    """Where things are, and which languages the site is built in (default first)."""

    root: Path
    docs: Path
    locales: Path
    languages: tuple[str, ...]
    site_url: str = "/"  # absolute, ending with "/": the permanent address of the default language
    licence: str = ""  # the editions' licence, unless a resolution declares its own (mkdocs.yml extra: licence)
    source_url: str = ""  # where the official texts come from, unless a resolution says (extra: source_url)
    # Every language of mkdocs.yml, when a translator's preview builds fewer (respub.publish.preview):
    # their catalog folders are the site's, not strays.
    configured_languages: tuple[str, ...] = ()
    about: AboutConfig | None = None  # mkdocs.yml `extra.about`: the About page's facts (no page without it)

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def registry(self) -> Path:
        return self.root / "registry" / "instruments.yml"

    @property
    def states(self) -> Path:
        return self.root / "registry" / "states.yml"


def resolution_folders(docs: Path) -> list[Path]:
    """Every folder under docs/ that holds a resolution (a metadata file).

    A metadata file under another name (`resolution.yaml`) is an error: ignoring it would silently
    leave a resolution out of the site.
    """
    for folder in sorted(path for path in docs.iterdir() if path.is_dir()):
        check_metadata_files(folder)
    return sorted(path.parent for path in docs.glob(f"*/{METADATA_FILE}"))


def load_resolution(folder: Path) -> Resolution:
    metadata = read_metadata(folder / METADATA_FILE)
    text = folder / TEXT_FILE
    if not text.exists():
        raise InputError(str(folder / METADATA_FILE), 1, f"no {TEXT_FILE} beside this metadata file")
    resolution = parse_resolution(text, metadata)
    check_identifiers(metadata, resolution.number)
    return resolution


def load_resolutions(docs: Path) -> tuple[Resolution, ...]:
    """All resolutions, newest first; two resolutions may not share a slug.

    A forked child parses the second half of the folders while this process parses the first
    (respub.publish.forked): the first error in folder order is the one reported, as in one process."""
    resolutions = forked.split_map("parsing the texts", load_resolution, resolution_folders(docs))
    seen: dict[str, Resolution] = {}
    for resolution in resolutions:
        if resolution.slug in seen:
            first = seen[resolution.slug].metadata.source.path
            raise InputError(resolution.metadata.source.path, 1, f"slug {resolution.slug!r} is already used by {first}")
        seen[resolution.slug] = resolution
    works: dict[str, Resolution] = {}
    for resolution in resolutions:  # two texts filed under one Akoma Ntoso IRI would be one document
        work = frbr.identity(resolution.metadata, resolution.number).work
        if work in works:
            first = works[work].metadata.source.path
            message = f"its Akoma Ntoso identifier {work} is already {first}'s: set akn_number (see README)"
            raise InputError(resolution.metadata.source.path, 1, message)
        works[work] = resolution
    return tuple(sorted(resolutions, key=lambda r: (r.metadata.adopted, r.slug), reverse=True))


@dataclass(frozen=True)
class Site:
    project: Project
    resolutions: tuple[Resolution, ...]
    translations: tuple[Translation, ...]
    registry: Registry
    citations: dict[str, tuple[Citation, ...]]  # by resolution slug
    positions: dict[str, tuple[Position, ...]]  # by resolution slug
    states: States
    linked: dict[tuple[str, str], LinkedEdition]  # by (language, resolution slug): the link stage's result

    def editions(self, lang: str) -> list[Edition]:
        ui = self.translation(lang)
        base = self.project.site_url + ("" if lang == self.project.default_language else f"{lang}/")
        return [
            Edition(
                r,
                ui,
                self.registry,
                self.citations[r.slug],
                base_url=base,
                positions=self.positions[r.slug],
                linked_texts=self.linked.get((lang, r.slug)),  # linked on first use if not linked yet
                original_base_url=self.project.site_url,
                publisher=site_identity(ui)[0],
            )
            for r in self.resolutions
        ]

    def pages(self, lang: str, skip: frozenset[str] = frozenset()) -> list[Page]:
        """Every page of `lang`, but those of the resolutions whose slug is in `skip`."""
        ui = self.translation(lang)
        editions = self.editions(lang)
        pages = [home_page(editions, ui)]
        for edition in editions:
            if edition.slug not in skip:
                pages.extend(self.resolution_pages(edition))
        pages.append(instruments_index(self.registry, editions, ui))
        pages.extend(instrument_page(instrument, editions, ui) for instrument in self.registry.instruments)
        overview = ()
        if ui.is_source:
            others = {other: [self.progress(e) for e in self.editions(other)] for other in self.project.languages[1:]}
            overview = language_overview(ui, others)
        pages.append(status_page(editions, [self.progress(edition) for edition in editions], ui, overview))
        if self.project.about is not None:
            every = [self.editions(other) for other in self.project.languages]
            by_resolution = [[language[i] for language in every] for i in range(len(editions))]
            pages.append(about_page(editions, by_resolution, ui, self.project.about))
        return pages

    @staticmethod
    def resolution_pages(edition: Edition) -> list[Page]:
        """One resolution's pages in one language, and those at its old addresses."""
        return forwarded(edition_pages(edition), edition)

    def progress(self, edition: Edition) -> Progress:
        pairs = [(MessageKey.parse(m.context).key, m.id) for m in resolution_messages(edition.resolution)]
        return progress(edition, pairs)

    def summary(self, lang: str) -> str:
        """One line for the build log (`make site` prints it): how complete this language's edition is."""
        ui = self.translation(lang)
        progresses = [self.progress(Edition(resolution, ui)) for resolution in self.resolutions]
        translated = sum(p.translated for p in progresses)
        total = sum(p.total for p in progresses)
        fuzzy = sum(len(p.fuzzy) for p in progresses)
        return (
            f"{SUMMARY_PREFIX}{lang}: {translated}/{total} messages translated, {fuzzy} fuzzy or held back, "
            f"{total - translated - fuzzy} untranslated"
        )

    def translation(self, lang: str) -> Translation:
        return next(t for t in self.translations if t.lang == lang)

    def nav(self) -> list:
        """mkdocs `nav`, in official order (op2 before op10); titles translated by `nav_translations`."""
        items: list = ["index.md"]
        for resolution in self.resolutions:
            slug = resolution.slug
            items.append(
                {
                    resolution.short_title: [
                        f"{slug}/index.md",
                        *(
                            {_nav_key(part): [f"{slug}/{p.id}.md" for p in part.paragraphs]}
                            for part in resolution.parts
                        ),
                        f"{slug}/reservations.md",
                    ]
                }
            )
        items.append({"Instruments": ["instruments/index.md"]})
        items.append("status.md")
        if self.project.about is not None:
            items.append("about.md")
        return items

    def nav_translations(self, lang: str) -> dict[str, str]:
        """Section titles per language, HTML-escaped: material prints nav titles as they are."""
        return {key: html.escape(value) for key, value in self._nav_titles(lang).items()}

    def _nav_titles(self, lang: str) -> dict[str, str]:
        ui = self.translation(lang)
        out = {"Instruments": ui._("Instruments")}
        for resolution in self.resolutions:
            edition = Edition(resolution, ui)
            out[resolution.short_title] = edition.short_title.value
            for part in resolution.parts:
                out[_nav_key(part)] = part_heading(ui, part)
        return out


def _nav_key(part: Part) -> str:
    """The English nav title of a part, which `nav_translations` maps to the page language."""
    keys = {"preamble": "Preamble", "recitals": "Recitals", "operative": "Operative part", "annex": "Annex"}
    return keys[part.key] if part.key in keys else f"Annex {part.key.removeprefix('annex-').upper()}"


ABOUT_FIELDS = ("publisher", "contact", "contact_label", "licence_name", "licence_url")


def project_from_config(root: Path, config, languages: tuple[str, ...], configured: tuple[str, ...] = ()) -> Project:
    """The project as mkdocs.yml describes it (`config`: mkdocs' loaded configuration): site_url, and
    `extra` (licence, source_url, about). `languages` are the ones built, default first; `configured`
    every language of mkdocs.yml when a translator's preview builds fewer."""
    extra = config.extra or {}
    return Project(
        root,
        root / "docs",
        root / "locales",
        languages,
        (config.site_url or "/").rstrip("/") + "/",
        licence=str(extra.get("licence") or ""),
        source_url=str(extra.get("source_url") or ""),
        configured_languages=configured,
        about=about_config(dict(extra), config.config_file_path),
    )


def about_config(extra: object, config_path: str) -> AboutConfig | None:
    """mkdocs.yml `extra.about` (every field required), or None when the site has no About page."""
    if not isinstance(extra, dict) or "about" not in extra:
        return None
    about = extra["about"]
    missing = [key for key in ABOUT_FIELDS if not isinstance(about, dict) or not str(about.get(key, "")).strip()]
    if missing:
        raise InputError(
            config_path, 1, f"extra.about: missing {', '.join(missing)} (required: {', '.join(ABOUT_FIELDS)})"
        )
    return AboutConfig(**{key: str(about[key]).strip() for key in ABOUT_FIELDS})


def load_site(project: Project) -> Site:
    check_locale_folders(project.locales, project.configured_languages or project.languages)
    resolutions = load_resolutions(project.docs)
    if not resolutions:
        raise InputError(str(project.docs), 1, f"no resolution found: add a folder with {METADATA_FILE}")
    check_previous_slugs(resolutions)
    for resolution in resolutions:
        forwards(resolution)  # the declarations of moved and withdrawn paragraphs are checked here
    translations = tuple(
        load_translation(project.locales, lang, project.default_language) for lang in project.languages
    )
    registry = load_registry(project.registry)
    cited = {resolution.slug: citations(resolution, registry) for resolution in resolutions}
    states = load_states(project.states)
    positions = {resolution.slug: read_positions(resolution, states) for resolution in resolutions}
    linked = {
        (ui.lang, resolution.slug): link_edition(resolution, ui, registry, positions[resolution.slug])
        for ui in translations
        for resolution in resolutions
    }
    return Site(project, resolutions, translations, registry, cited, positions, states, linked)


@dataclass(frozen=True)
class Staged:
    """What staging wrote: the number of files written (unchanged ones are not), and every staged
    page's title by language and path under the language's folder (the sidebar's titles)."""

    written: int
    titles: dict[str, dict[str, str]]


def stage(site: Site, target: Path, reuse: bool = False) -> Staged:
    """Write every language's pages under `target/<lang>/`, touching only files that changed.

    Writing only what changed keeps `mkdocs serve` from rebuilding in a loop when it watches the
    staged folder, and lets a dirty build rebuild only the pages that changed (respub.publish.preview).
    `reuse` (a dirty build): a resolution whose inputs are those its staged pages were made from is
    not rendered again (respub.publish.restage). The second half of the languages is rendered and
    written by a forked child, on the machine's other core (respub.publish.forked), while this
    process does the first half.
    """
    languages = site.project.languages
    if target.exists():
        for stale in (path for path in target.iterdir() if path.name not in languages):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    previous = restage.take_record(target) if reuse else {}

    def staged(lang: str) -> tuple[int, dict[str, str], dict[str, restage.Staged]]:
        return stage_language(site, target, lang, previous.get(lang, {}) if reuse else None)

    results = forked.split_map("staging the pages", staged, languages)
    if reuse:
        restage.write_record(target, {lang: record for lang, (_, _, record) in zip(languages, results, strict=True)})
    titles = {lang: page_titles for lang, (_, page_titles, _) in zip(languages, results, strict=True)}
    return Staged(sum(written for written, _, _ in results), titles)


def stage_language(
    site: Site, target: Path, lang: str, previous: dict[str, restage.Staged] | None = None
) -> tuple[int, dict[str, str], dict[str, restage.Staged]]:
    """`lang`'s pages under `target/<lang>/`, only those that changed; stale files removed.

    `previous` (a dirty build): what the last staging wrote per resolution; a resolution whose
    inputs are the same keeps its staged pages. Returns the number of files written, each page's
    title by path, and what was staged per resolution (None unless `previous` is given)."""
    folder = target / lang
    digests = restage.inputs(site, lang) if previous is not None else {}
    kept = restage.reusable(previous, digests, folder) if previous is not None else {}
    editions = [edition for edition in site.editions(lang) if edition.slug not in kept]
    by_resolution = {edition.slug: site.resolution_pages(edition) for edition in editions}
    pages = site.pages(lang, skip=frozenset(site_slugs(site))) + [p for ps in by_resolution.values() for p in ps]
    wanted = {folder / page.path: page.markdown for page in pages}
    kept_paths = {folder / path for staged in kept.values() for path in staged.pages}
    written = 0
    folders: set[Path] = set()
    for path, text in wanted.items():
        if path.exists() and path.read_text("utf-8") == text:
            continue
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_text(text, "utf-8")
        written += 1
    if folder.exists():
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted and path not in kept_paths:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    titles = {page.path: page.title for page in pages}
    titles |= {path.relative_to(folder).as_posix(): Page("", path.read_text("utf-8")).title for path in kept_paths}
    record = dict(kept) | {
        slug: restage.Staged(digests[slug], tuple(page.path for page in resolution_pages))
        for slug, resolution_pages in by_resolution.items()
        if previous is not None
    }
    return written, titles, record


def site_slugs(site: Site) -> list[str]:
    return [resolution.slug for resolution in site.resolutions]
