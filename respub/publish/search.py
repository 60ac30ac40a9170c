"""Search in every language: Pagefind records made from the site's model, one index per language.

Material's own search, under mkdocs-static-i18n, writes one index for every language, does no stemming,
and every page view downloads all of it (SEARCH.md has the measurements). Material keeps the interface
(the search box, results as you type, the keyboard); the answers come from respub's worker
(overrides/assets/respub-search.js, which overrides/main.html names in every page's config) and Pagefind.

- `records` makes the results-to-be from the `Site` (resolutions, translations, registry, positions),
  never from the built HTML: one record per paragraph page (its text, labelled "Operative paragraph 5 ·
  <short title>"), per resolution (its title, body, session, place and date of adoption), per state's
  entry on a reservations page (`/<slug>/reservations/#qa`) and per reservations page (the note), and
  per instrument page (its names in that language). The full text, home and status pages are not
  results: the full text repeats every paragraph.
- `write_bundle` gives them to Pagefind through its Python API (PyPI `pagefind[bin]`,
  `PagefindIndex.add_custom_record`), which writes `pagefind/` with an index per language, stemmed in
  that language and split in fragments: a query loads only the parts it needs. Beside it,
  `pagefind/respub/<lang>.json` holds the reference grammar (respub.publish.references) and the
  paragraph ids, and `pagefind/respub/<lang>/<id>.json` that paragraph in every resolution: a query
  naming a paragraph ("op5") reads one small file and never loads Pagefind.

`bundle_files` makes the whole bundle in memory; the build makes it in a child process while mkdocs
builds the pages and moves it into the site at the end (respub.publish.beside).
"""

from __future__ import annotations

import asyncio
import base64
import html
import json
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from pagefind.service import PagefindService

from respub.ids import MessageKey, ParagraphId
from respub.l10n.translate import Translation
from respub.link.reservations import OPPOSITION, Position, Target
from respub.model import FOOTNOTE_REF, Paragraph, SubParagraph, footnote_ref
from respub.publish.references import grammar
from respub.publish.site import Site
from respub.registry.instruments import Instrument
from respub.render.edition import Edition, instrument_title, local_list, paragraph_label, state_name
from respub.render.reservations import positions_on

BUNDLE = "pagefind"  # the Pagefind bundle's folder, at the site root
DATA_FOLDER = "respub"  # <bundle>/respub/<lang>.json (grammar and ids), <bundle>/respub/<lang>/<id>.json
MATERIAL_INDEX = Path("search") / "search_index.json"
EXCERPT_WORDS = 24
UNUSED = ("pagefind-ui.*", "pagefind-*-ui.*", "pagefind-highlight.js")  # Pagefind's own UI: not published

PARAGRAPH, RESOLUTION, RESERVATION, INSTRUMENT = "paragraph", "resolution", "reservation", "instrument"

# The interface sentences a record repeats, as the pages say them: the msgids of respub/render/reservations.py,
# where the catalogs take them from (not extracted again from here: `MESSAGES` are checked to be in
# locales/site.pot by tests/test_search.py).
RESERVED_BY = ("Reservation:", "Reservations:")  # the marker under a paragraph, singular and plural
RESERVATIONS = "Reservations and positions of states"
NO_POSITION = "No state expressed a reservation or position on this resolution."
ENTIRE = "the entire resolution"
ON_THE_WORDS = "{paragraph}, on the words “{phrase}”"
OPPOSED_TO = "Expressed its opposition to {targets}."
RESERVED_ON = "Reservation on {targets}."
MESSAGES = (*RESERVED_BY, RESERVATIONS, NO_POSITION, ENTIRE, ON_THE_WORDS, OPPOSED_TO, RESERVED_ON)


@dataclass(frozen=True)
class Record:
    """One result-to-be, as it is indexed."""

    url: str  # site-relative, with a leading slash, with an anchor where it leads into a page
    language: str
    kind: str  # PARAGRAPH, RESOLUTION, RESERVATION or INSTRUMENT
    title: str  # the label shown in the results: "Operative paragraph 5 · <short title>"
    content: str  # what is searched
    lead: str = ""  # the text the reference results quote (a paragraph's, without its reservations)
    ids: tuple[str, ...] = ()  # a paragraph's id, then its sub-paragraphs' ("op3", "op3-a")
    resolution: str = ""  # the resolution's slug
    names: tuple[str, ...] = ()  # what the record is called: a query naming it puts it first

    def excerpt(self, words: int = EXCERPT_WORDS) -> str:
        """The start of the record's text, as a reference result quotes it."""
        text = (self.lead or self.content).split()
        return " ".join(text[:words]) + (" …" if len(text) > words else "")

    def meta(self) -> dict[str, str]:
        """Pagefind's metadata for the record: what the worker shows and sorts by."""
        meta = {"title": self.title, "kind": self.kind}
        if self.names:
            meta["names"] = " | ".join(self.names)
        return meta


# ---------------------------------------------------------------------------------------------
# Records, from the model


def language_root(site: Site, lang: str) -> str:
    """Where a language's pages are: "/" for the default language, "/fr/" for the others."""
    return "/" if lang == site.project.default_language else f"/{lang}/"


def records(site: Site) -> Iterator[Record]:
    """Every record, language by language (in the site's order), each language's by URL."""
    for lang in site.project.languages:
        yield from sorted(language_records(site, lang), key=lambda record: record.url)


def language_records(site: Site, lang: str) -> Iterator[Record]:
    root = language_root(site, lang)
    for edition in site.editions(lang):
        yield resolution_record(edition, root)
        for paragraph in edition.resolution.paragraphs:
            yield paragraph_record(edition, paragraph, root)
        yield reservations_record(edition, root)
        for position in edition.positions:
            yield position_record(edition, position, root)
    ui = site.translation(lang)
    for instrument in site.registry.instruments:
        yield instrument_record(instrument, ui, root)


def _words(text: str) -> str:
    """Text as it is searched and quoted: footnote references out, spaces collapsed."""
    return " ".join(FOOTNOTE_REF.sub("", text).split())


def _blocks(*parts: str) -> str:
    """Parts of a record's text in one string, as Pagefind joins the blocks of an HTML page: a full
    stop after a part that ends in a letter or digit, so that the excerpts read as before."""
    return " ".join(part + "." if part[-1].isalnum() else part for part in parts if part)


def paragraph_text(edition: Edition, paragraph: Paragraph) -> str:
    """A paragraph's words in the page language, sub-paragraphs with their labels: "Calls upon States: (a) to act"."""
    parts = [edition.text(paragraph.id, paragraph.text).value]

    def add(subs: tuple[SubParagraph, ...]) -> None:
        for sub in subs:
            parts.extend((f"({sub.label})", edition.text(sub.id, sub.text).value))
            add(sub.children)

    add(paragraph.children)
    return _words(" ".join(parts))


def _footnotes(edition: Edition, paragraph: Paragraph) -> str:
    """The notes a paragraph's text calls, as its page shows them below it."""
    text = " ".join([paragraph.text, *(sub.text for sub in paragraph.descendants())])
    cited = [note for note in edition.resolution.footnotes if footnote_ref(note.marker) in text]
    return _words(" ".join(edition.text(f"fn{note.marker}", note.text).value for note in cited))


def paragraph_record(edition: Edition, paragraph: Paragraph, root: str) -> Record:
    """A paragraph page: its text and notes, and the states that reserved on it ("Reservation: Qatar")."""
    ui = edition.ui
    label = paragraph_label(ui, paragraph.id)
    text, notes = paragraph_text(edition, paragraph), _footnotes(edition, paragraph)
    reserved = positions_on(edition, paragraph.id)
    marker = ""
    if reserved:
        states = local_list([state_name(ui, position).value for position in reserved], edition.lang)
        marker = f"{ui.ngettext(*RESERVED_BY, len(reserved))} {states}"
    return Record(
        url=f"{root}{edition.slug}/{paragraph.id}/",
        language=edition.lang,
        kind=PARAGRAPH,
        title=f"{label} · {edition.short_title.value}",
        content=_blocks(text, notes, marker),
        lead=" ".join(part for part in (text, notes) if part),
        ids=(paragraph.id, *(sub.id for sub in paragraph.descendants())),
        resolution=edition.slug,
    )


def resolution_record(edition: Edition, root: str) -> Record:
    """A resolution (its full text's page): its title, who adopted it, where, when and how."""
    adoption = edition.text("adoption_line", edition.resolution.adoption_line).value
    title, short = edition.title.value, edition.short_title.value
    return Record(
        url=f"{root}{edition.slug}/",
        language=edition.lang,
        kind=RESOLUTION,
        title=short,
        content=_blocks(title, edition.citation_context(), adoption),
        resolution=edition.slug,
        names=tuple(dict.fromkeys((short, title))),
    )


def reservations_record(edition: Edition, root: str) -> Record:
    """A reservations page: the note as adopted (or that there is none)."""
    ui = edition.ui
    heading = ui._(RESERVATIONS)
    text = edition.text("note", edition.resolution.note).value if edition.positions else ui._(NO_POSITION)
    return Record(
        url=f"{root}{edition.slug}/reservations/",
        language=edition.lang,
        kind=RESERVATION,
        title=f"{heading} · {edition.short_title.value}",
        content=_blocks(heading, _words(text)),
        resolution=edition.slug,
    )


def target_text(edition: Edition, target: Target) -> str:
    """What a position is about, as the reservations page says it (without its link)."""
    ui = edition.ui
    if target.entire:
        return ui._(ENTIRE)
    label = paragraph_label(ui, target.paragraph_id)
    if not target.phrase:
        return label
    phrase = edition.text(MessageKey.phrase(edition.slug, target.paragraph_id).key, target.phrase).value
    return ui._(ON_THE_WORDS).format(paragraph=label, phrase=phrase)


def position_record(edition: Edition, position: Position, root: str) -> Record:
    """A state's entry on the reservations page (`#qa`): its name, and what it reserved on or opposed."""
    ui = edition.ui
    name = state_name(ui, position).value
    targets = local_list([target_text(edition, target) for target in position.targets], edition.lang)
    if position.kind == OPPOSITION:
        what = ui._(OPPOSED_TO).format(targets=targets)
    else:
        what = ui._(RESERVED_ON).format(targets=targets)
    names = tuple(dict.fromkeys((name, position.name)))
    return Record(
        url=f"{root}{edition.slug}/reservations/#{position.state_code.lower()}",
        language=edition.lang,
        kind=RESERVATION,
        title=f"{name} · {edition.short_title.value}",
        content=_blocks(*names, what),
        lead=what,
        resolution=edition.slug,
        names=names,
    )


def instrument_record(instrument: Instrument, ui: Translation, root: str) -> Record:
    """An instrument page: its title in the page language, its English title, its other names.

    The names also go into the index's metadata: the worker puts the instrument first when the query
    names it (see `named` in overrides/assets/respub-search.js).
    """
    title = " ".join(instrument_title(ui, instrument).value.split())  # as one line: "Objectif 10 : ..."
    shown = [title] if ui.lang == "en" else [title, " ".join(instrument.title.split())]  # the page shows both
    others = [*instrument.names(ui.lang), *instrument.short_names(ui.lang)]
    if ui.lang != "en":
        others += instrument.names("en")
    names = shown + [name for name in others if name not in shown]
    return Record(
        url=f"{root}instruments/{instrument.id}/",
        language=ui.lang,
        kind=INSTRUMENT,
        title=title,
        content=_blocks(*names),
        names=tuple(names),
    )


# ---------------------------------------------------------------------------------------------
# The bundle: Pagefind's index, and respub's files beside it


def reference_files(records: Iterable[Record]) -> dict[str, list[dict]]:
    """`<lang>/<paragraph id>.json` -> that paragraph in every resolution, for the worker's references.

    A reference ("op5") fetches one small file: its entries (one per resolution) carry the page's URL,
    label, first words and sub-paragraph ids.
    """
    files: dict[str, list[dict]] = {}
    for record in records:
        if record.kind != PARAGRAPH:
            continue
        entry = {
            "url": record.url,
            "title": record.title,
            "excerpt": record.excerpt(),
            "resolution": record.resolution,
            "ids": list(record.ids),
        }
        files.setdefault(f"{record.language}/{record.ids[0]}.json", []).append(entry)
    for entries in files.values():
        entries.sort(key=lambda entry: (entry["resolution"], entry["url"]))
    return files


def worker_data(lang: str, records: Iterable[Record] = ()) -> dict:
    """What the worker reads first, for one language: the reference grammar, and which paragraph ids exist."""
    ids = {record.ids[0] for record in records if record.kind == PARAGRAPH and record.language == lang}
    return {**grammar(lang), "paragraphs": sorted(ids, key=lambda i: ParagraphId.parse(i).order)}


def data_files(records: list[Record]) -> dict[str, str]:
    """respub's files in the bundle (path under `<bundle>/respub/` -> JSON text)."""
    files = {path: entries for path, entries in reference_files(records).items()}
    for lang in sorted({record.language for record in records}):
        files[f"{lang}.json"] = worker_data(lang, records)
    return {path: json.dumps(data, ensure_ascii=False, sort_keys=True) for path, data in sorted(files.items())}


class _Service(PagefindService):
    """Pagefind's backing service (the `pagefind[bin]` wheel's binary, `--service`), read without a pause.

    Two things of pagefind 1.5.2's `PagefindService` are replaced, the messages staying the wheel's own:
    - its reader sleeps 0.1 s before reading each answer, so every record costs 0.1 s however the records
      are sent (measured: 30 records, 3.0 s; the site's 372, 37 s). This reader waits on the pipe;
    - its pipe holds at most 2 MiB, and the index comes back as one message (`get_files`, base64): the
      limit here is 1 GiB. `write_files` is not used: the service answers it before its last file is
      on disk, and ending the service then has left `wasm.unknown.pagefind` or `pagefind-entry.json`
      empty (seen twice in eight runs).
    """

    PIPE_LIMIT = 2**30

    async def launch(self) -> _Service:
        self._backend = await asyncio.create_subprocess_exec(
            self._bin,
            "--service",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            limit=self.PIPE_LIMIT,
        )
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        try:
            while True:
                output = await self._backend.stdout.readuntil(b",")
                response = json.loads(base64.b64decode(output[:-1]))
                if response is not None:
                    self._answer(response)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as error:
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(RuntimeError(f"the Pagefind service stopped answering: {error}"))

    def _answer(self, response: dict) -> None:
        payload = response.get("payload") or {}
        message_id = response.get("message_id")
        if message_id is None and payload.get("original_message"):
            message_id = json.loads(payload["original_message"]).get("message_id")
        future = self._responses.get(message_id)
        if future is None or future.done():
            return
        if payload.get("type") == "Error":
            future.set_exception(RuntimeError(payload.get("message", "Pagefind failed")))
        else:
            future.set_result(payload)


async def pagefind_files(records: list[Record]) -> dict[str, bytes]:
    """Pagefind's index of the records: path in the bundle -> content. The records are sent one after
    the other, in order, so that two runs give the same files."""
    try:
        service = await _Service().launch()
    except FileNotFoundError:
        raise RuntimeError("Pagefind is not installed: pip install -r requirements.txt (or make site)") from None
    try:
        index = await service.create_index()
        for record in records:
            # Pagefind keeps a custom record's text as it is and builds its excerpts from it, which the
            # search box shows as HTML: the text goes in escaped, as Pagefind's own HTML indexer stores it.
            await index.add_custom_record(
                url=record.url,
                content=html.escape(record.content, quote=False),
                language=record.language,
                meta=record.meta(),
            )
        files = await index.get_files()
    finally:
        await service.close()
    return {file["path"]: file["content"] for file in files}


def index_files(records: list[Record]) -> dict[str, bytes]:
    """`pagefind_files`, run in a thread of its own: the caller's thread may already run an event loop
    (an application embedding the build, Playwright's sync API in the tests), where `asyncio.run` fails."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, pagefind_files(records)).result()


def _published(path: str) -> bool:
    """Pagefind's own search interface (its UI scripts and styles, its highlighter) is not used."""
    return not any(fnmatch(path, pattern) for pattern in UNUSED)


def bundle_files(records: list[Record]) -> dict[str, bytes]:
    """The search bundle (the site's `pagefind/`): Pagefind's index, one per language, and respub's
    files, path -> content. Two runs over the same records give the same files."""
    files = {path: data for path, data in index_files(records).items() if _published(path)}
    entry = json.loads(files["pagefind-entry.json"])  # its languages in a stable order
    files["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, sort_keys=True).encode("utf-8")
    for name, text in data_files(records).items():
        files[f"{DATA_FOLDER}/{name}"] = text.encode("utf-8")
    return files


def write_files(files: dict[str, bytes], output: Path) -> None:
    shutil.rmtree(output, ignore_errors=True)
    for name, data in sorted(files.items()):
        path = output / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def write_bundle(records: Iterable[Record], output: Path) -> int:
    """The search bundle of `records` in `output`; the number of records."""
    records = list(records)
    write_files(bundle_files(records), output)
    return len(records)


def stub_material_index(site_dir: Path) -> None:
    """Keep material's index settings (its on-page highlighting reads them), drop its documents."""
    path = site_dir / MATERIAL_INDEX
    if path.is_file():
        index = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps({"config": index.get("config", {}), "docs": []}, sort_keys=True), "utf-8")
