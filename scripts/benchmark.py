"""Benchmark the site build: time against plain mkdocs-material, scale, and page weight.

Run with the project's venv (`make bench` does):

    .venv/bin/python scripts/benchmark.py            # full run (about 6 minutes on 2 quiet cores)
    .venv/bin/python scripts/benchmark.py --quick    # 3 runs, 1 and 10 resolutions only (2-3 minutes)
    .venv/bin/python scripts/benchmark.py --write    # also append the figures to BENCHMARKS.md

What it measures (every build is `python -m mkdocs build --strict -q` in a fresh child process):

1. Build-time ratios, in one run. Our real project (hook + mkdocs-static-i18n, 4 languages) against
   the same pages as static Markdown (copied from `.build/docs/` after one real build), with the
   same theme, markdown_extensions, custom_dir, extra_css and search plugin, but no hook:
   - "plain single build": no i18n plugin, one mkdocs build of every language's pages (the default
     language at the root, the others in sub-folders), whose nav gives each language its own
     section holding the nav our hook sets (so every page's sidebar is as large as a stock site's);
     goal: median(ours) / median(plain) <= 1.25;
   - "stock material + i18n": the staged folders as they are (`en/`, `fr/`, ...), with our
     mkdocs-static-i18n settings and the nav our hook sets, no hook: what the same site costs on the
     stock stack; goal: median(ours) / median(stock) <= 0.90.
   Runs alternate after one warm-up each; medians of wall time.
2. Scale. 1, 10 and 100 resolutions x every language, made from the seed and the test corpus under
   new slugs in a temporary copy of the project: pages, seconds, peak memory (ru_maxrss of the
   build's process and the processes it ran, from wait4), and whether time grows linearly with
   the number of pages; goal: 100 resolutions built in <= 90 s. Then one long resolution: a
   synthetic 400-paragraph text in the importer's format (the seed's preamble, its operative
   paragraphs repeated and renumbered up to 400 paragraphs in all, its reservations note) beside
   the seed: the size of a paragraph page and of all the resolution's pages against the seed's;
   goal: its paragraph page no bigger than the seed's.
3. Page weight. What a browser fetches before it can render a paragraph page: its HTML plus every
   stylesheet and synchronous script it links, each gzip-compressed (level 6); goal <= 100 KB
   (1 KB = 1024 bytes), also for the same paragraph in each scale site. Then the search data a
   first query downloads, for the real site and each scale site (lunr's search_index.json, or
   Pagefind's files when the site has them: see `pagefind_query_files`).
4. The translator's preview (not with --quick; alone with --only preview). `mkdocs serve --dirty`
   with RESPUB_PREVIEW set to the second language, as `make serve LOCALE=..` runs it, on 50
   resolutions: the first build until a page is served, then a paragraph's translation and a
   title's saved into the catalog (through babel, as a translator's tool writes it), each timed
   until the served page shows it; goal: a paragraph's translation in <= 5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import re
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib import metadata as importlib_metadata
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "BENCHMARKS.md"
STAGE = ROOT / ".build" / "docs"
SEED = ROOT / "docs" / "ipu-145-migration"
CORPUS = ROOT / "tests" / "data" / "corpus"
PARAGRAPH_PAGE = "ipu-145-migration/op5/"
PLAIN_GOAL = 1.25  # ours / plain single build, each language its own nav section
STOCK_GOAL = 0.90  # ours / stock material + mkdocs-static-i18n on the same pages
SCALE_GOAL = (100, 90.0)  # 100 resolutions x every language in <= 90 s
LONG_PARAGRAPHS = 400
WEIGHT_GOAL_KB = 100.0
KB = 1024
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-static-i18n",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "babel",
    "PyYAML",
    "pagefind",
    "pagefind_bin",
)
# What the project needs besides docs/ to build (the `watch` paths, the hook and custom_dir are added
# from mkdocs.yml itself, so a new folder there is copied too).
PROJECT_PARTS = ("mkdocs.yml", "hooks", "overrides", "locales", "registry", "respub")


# ---------------------------------------------------------------------------------------------
# Output: printed as it goes, kept for BENCHMARKS.md


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def __call__(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)


out = Report()


# ---------------------------------------------------------------------------------------------
# Running one build


@dataclass(frozen=True)
class Build:
    seconds: float  # wall clock
    cpu: float  # user + system time of the build's process
    peak_mb: float
    site: Path


class BuildFailed(RuntimeError):
    pass


def build(project: Path, destination: Path) -> Build:
    """`mkdocs build --strict` of `project` into `destination`, in a fresh child: time and peak RSS."""
    shutil.rmtree(destination, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(destination)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RESPUB_STAGE=str(project / ".build" / "docs"))
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        # This child's usage, with that of the processes it ran and waited for (Pagefind): CPU times
        # add up, ru_maxrss is the largest of them. Not the usage of other builds.
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            log.seek(0)
            tail = "\n".join(log.read().splitlines()[-20:])
            raise BuildFailed(f"build of {project} failed ({child.returncode}):\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds, cpu, usage.ru_maxrss / 1024, destination)  # ru_maxrss is in KiB on Linux


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


# ---------------------------------------------------------------------------------------------
# The project's configuration


def load_config(project: Path) -> dict:
    """mkdocs.yml as mkdocs reads it (with !ENV resolved), as plain data."""
    from mkdocs.utils.yaml import get_yaml_loader

    with open(project / "mkdocs.yml", encoding="utf-8") as file:
        return yaml.load(file, Loader=get_yaml_loader())  # noqa: S506 - mkdocs' own safe loader


def plugin_entries(config: dict) -> list[tuple[str, dict]]:
    entries = []
    for item in config.get("plugins", []):
        if isinstance(item, str):
            entries.append((item, {}))
        else:
            name, options = next(iter(item.items()))
            entries.append((name, options or {}))
    return entries


def languages(config: dict) -> tuple[str, ...]:
    """The built languages, default first, from the i18n plugin's settings."""
    for name, options in plugin_entries(config):
        if name == "i18n":
            built = [lang for lang in options.get("languages", []) if lang.get("build", True)]
            default = [lang["locale"] for lang in built if lang.get("default")]
            others = [lang["locale"] for lang in built if not lang.get("default")]
            return (*default, *others)
    return (config.get("theme", {}).get("language", "en"),)


def copy_parts(source: Path, target: Path, config: dict) -> None:
    parts = set(PROJECT_PARTS) | set(config.get("watch", [])) | set(config.get("hooks", []))
    custom_dir = config.get("theme", {}).get("custom_dir")
    if custom_dir:
        parts.add(custom_dir)
    parts.discard(config.get("docs_dir", "docs"))
    for name in sorted(parts):
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns(".pytest_cache"))
        elif path.exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target / name)


# ---------------------------------------------------------------------------------------------
# 1. Build time against a plain mkdocs-material site with the same pages


def default_nav(project: Path, langs: tuple[str, ...]) -> tuple[list, str]:
    """The nav our hook sets for the default language: mkdocs' own config, after the plugins' on_config.

    Should that fail, a flat nav of the default language's staged pages stands in (the same number of
    entries in every page's sidebar, which is what costs build time).
    """
    try:
        from mkdocs.config import load_config as mkdocs_config

        config = mkdocs_config(config_file=str(project / "mkdocs.yml"))
        config = config.plugins.on_config(config)  # runs the hook (it stages the pages again, unchanged)
        if not config.nav:
            raise ValueError("the hook set no nav")
        return list(config.nav), "the nav our hook sets for the default language"
    except Exception as error:  # noqa: BLE001 - whatever went wrong: fall back, and say so
        pages = sorted(path.relative_to(STAGE / langs[0]).as_posix() for path in (STAGE / langs[0]).rglob("*.md"))
        return pages, f"a flat nav of the default language's pages (the hook's nav was not available: {error!r})"


def make_plain_project(
    target: Path, config: dict, langs: tuple[str, ...], nav: list | None, i18n: bool = False
) -> tuple[Path, list]:
    """Static Markdown copies of the staged pages, with our theme settings but no hook (and no i18n).

    Without i18n the default language's pages are at the root and the others in sub-folders; with
    it, the staged folders are copied as they are (`en/`, `fr/`, ...), as the i18n plugin reads them.
    Returns the project and the override templates left out because they need the i18n plugin.
    """
    target.mkdir(parents=True)
    docs = target / "docs"
    default, *others = langs
    if i18n:
        shutil.copytree(STAGE, docs)
    else:
        shutil.copytree(STAGE / default, docs)
        for lang in others:
            shutil.copytree(STAGE / lang, docs / lang)
    custom_dir = config.get("theme", {}).get("custom_dir")
    dropped = []
    if custom_dir:
        shutil.copytree(ROOT / custom_dir, target / custom_dir)
    if custom_dir and not i18n:
        # A template that reads the i18n plugin's variables cannot render without it.
        for path in sorted((target / custom_dir).rglob("*")):
            template = path.suffix in (".html", ".xml", ".js") and path.is_file()
            if template and re.search(r"\bi18n_\w+", path.read_text("utf-8", errors="replace")):
                dropped.append(path.relative_to(target / custom_dir).as_posix())
                path.unlink()
    plain = {key: value for key, value in config.items() if key not in ("hooks", "watch", "nav", "plugins")}
    plain["docs_dir"] = "docs"
    plain["plugins"] = [
        name if not options else {name: options} for name, options in plugin_entries(config) if i18n or name != "i18n"
    ]
    if nav is not None:
        plain["nav"] = nav
    (target / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), "utf-8")
    return target, dropped


def prefixed(item, prefix: str):
    """A nav (or part of one) with every page path under `prefix`."""
    if isinstance(item, str):
        return prefix + item
    if isinstance(item, dict):
        return {key: prefixed(value, prefix) for key, value in item.items()}
    return [prefixed(value, prefix) for value in item]


def nav_per_language(nav: list, langs: tuple[str, ...]) -> list:
    """Each language its own nav section holding the same nav: the default language's pages at the
    root, the others' in their folders, as a single plain build holds them."""
    default, *others = langs
    return [{default: nav}, *({lang: prefixed(nav, f"{lang}/")} for lang in others)]


def ratio_benchmark(work: Path, runs: int) -> Path:
    out("## 1. Build time: ours against a plain single build and against stock material + i18n")
    out()
    config = load_config(ROOT)
    langs = languages(config)
    first = build(ROOT, work / "ours-first")  # stages .build/docs/<lang>/ for the plain copies
    pages = count_pages(first.site)
    nav, nav_source = default_nav(ROOT, langs)
    plain, dropped = make_plain_project(work / "plain", config, langs, nav_per_language(nav, langs))
    stock, _ = make_plain_project(work / "stock", config, langs, nav, i18n=True)
    variants = {"ours": ROOT, "plain single build": plain, "stock material + i18n": stock}
    plain_pages = count_pages(build(plain, work / "out-plain").site)
    out(f"ours: `mkdocs build --strict` of {ROOT.name}/ ({', '.join(langs)}): {pages} pages")
    out(f"plain single build: the same {plain_pages} staged pages as static Markdown, no hook, no i18n plugin,")
    out(f"  one nav section per language, each holding {nav_source}")
    out("stock material + i18n: the same staged pages, mkdocs-static-i18n with our settings, the same nav, no hook")
    if dropped:
        out(
            f"  left out of the plain copy of {config['theme']['custom_dir']}/ (they need the i18n plugin): "
            + ", ".join(dropped)
        )
    out(f"{runs} alternating runs per variant after one warm-up each: wall seconds (CPU seconds of the build)")
    out()
    runs_by_variant: dict[str, list[Build]] = {name: [] for name in variants}
    for index, project in enumerate(variants.values()):
        build(project, work / f"warm-{index}")
    ours_site = work / "out-ours"
    for run in range(1, runs + 1):
        row = []
        for name, project in variants.items():
            result = build(project, ours_site if name == "ours" else work / "out-other")
            runs_by_variant[name].append(result)
            row.append(f"{name} {result.seconds:6.3f} ({result.cpu:5.2f})")
        out(f"  run {run}: " + "   ".join(row))
    out()
    wall = {name: statistics.median(r.seconds for r in results) for name, results in runs_by_variant.items()}
    cpu = {name: statistics.median(r.cpu for r in results) for name, results in runs_by_variant.items()}
    for name, results in runs_by_variant.items():
        spread = f"min {min(r.seconds for r in results):.3f}, max {max(r.seconds for r in results):.3f}"
        out(f"  median {name:<22} {wall[name]:6.3f} s wall ({spread}), {cpu[name]:6.3f} s CPU")
    out()
    # On a busy machine wall times measure the other processes more than the build: judge on CPU then.
    busy = os.getloadavg()[0] > (os.cpu_count() or 1)
    basis = "CPU, the machine is busy" if busy else "wall"
    for base, goal in (("plain single build", PLAIN_GOAL), ("stock material + i18n", STOCK_GOAL)):
        ratio_wall, ratio_cpu = wall["ours"] / wall[base], cpu["ours"] / cpu[base]
        verdict = "MET" if (ratio_cpu if busy else ratio_wall) <= goal else "MISSED"
        out(
            f"  ratio ours / {base}: {ratio_wall:.3f} wall, {ratio_cpu:.3f} CPU"
            f"   goal <= {goal:.2f} ({basis}): {verdict}"
        )
    out()
    return ours_site


# ---------------------------------------------------------------------------------------------
# 2. Scale


@dataclass(frozen=True)
class Source:
    stem: str
    text: Path
    metadata: dict


def scale_sources() -> list[Source]:
    """The seed first, then every corpus text; UN texts get UN General Assembly metadata, and every text
    what the corpus's metadata.yml supplies for it (a title the text does not carry)."""
    seed_metadata = yaml.safe_load((SEED / "resolution.yml").read_text("utf-8"))
    sources = [Source("ipu-145-migration", SEED / "text.txt", seed_metadata)]
    supplied = yaml.safe_load((CORPUS / "metadata.yml").read_text("utf-8")) or {}  # what a text lacks
    for text in sorted(CORPUS.glob("*.txt")):
        if text.stem.startswith("un-ga"):
            heading = re.search(r"^\d+/\d+\.\s+(.+)$", text.read_text("utf-8"), re.MULTILINE)
            metadata = {
                "body": "United Nations General Assembly",
                "session": "80th session",
                "place": "New York",
                "adoption": "without a vote",
                "source_language": "en",
                "short_title": heading.group(1).strip() if heading else text.stem,
            }
        else:
            metadata = dict(seed_metadata)
        metadata.update(supplied.get(text.stem, {}))
        sources.append(Source(text.stem, text, metadata))
    return sources


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_scale_project(target: Path, count: int) -> Path:
    """A copy of the project whose docs/ holds `count` resolutions with distinct slugs."""
    target.mkdir(parents=True)
    copy_parts(ROOT, target, load_config(ROOT))
    sources = scale_sources()
    for index in range(count):
        source = sources[index % len(sources)]
        slug = f"bench-{index + 1:03d}-{slugify(source.stem)}"
        metadata = dict(source.metadata)
        metadata.update(
            slug=slug,
            adopted=(dt.date(2020, 1, 1) + dt.timedelta(days=index)).isoformat(),
            short_title=f"{metadata.get('short_title') or source.stem} ({index + 1})",
        )
        folder = target / "docs" / slug
        folder.mkdir(parents=True)
        shutil.copyfile(source.text, folder / "text.txt")
        fields = {key: str(value) for key, value in metadata.items()}
        (folder / "resolution.yml").write_text(yaml.safe_dump(fields, allow_unicode=True, sort_keys=False), "utf-8")
    return target


def scale_benchmark(work: Path, sizes: tuple[int, ...]) -> dict[int, Path]:
    langs = languages(load_config(ROOT))
    out(f"## 2. Scale: resolutions x {len(langs)} languages (seed + corpus under new slugs)")
    out()
    out("each size: its first build in a fresh copy of the project (staging its pages included), one child process")
    out()
    out(f"  {'resolutions':>11} {'pages':>7} {'wall s':>8} {'CPU s':>8} {'wall s/1000 pages':>18} {'peak MB':>8}")
    rows = []
    sites = {}
    for count in sizes:
        project = make_scale_project(work / f"scale-{count}", count)
        result = build(project, work / f"scale-{count}-site")
        pages = count_pages(result.site)
        rows.append((count, pages, result.seconds))
        sites[count] = result.site
        per_thousand = result.seconds / pages * 1000
        out(
            f"  {count:>11} {pages:>7} {result.seconds:>8.2f} {result.cpu:>8.2f} {per_thousand:>18.2f}"
            f" {result.peak_mb:>8.1f}"
        )
    out()
    count, limit = SCALE_GOAL
    for size, _, seconds in rows:
        if size == count:
            verdict = "MET" if seconds <= limit else "MISSED"
            out(f"  {count} resolutions x {len(langs)} languages in {seconds:.1f} s   goal <= {limit:.0f} s: {verdict}")
            out()
    if len(rows) >= 3:
        # Fixed start-up cost (imports, theme) makes small sites dear per page: compare the marginal
        # cost of each step up instead.
        (_, p1, t1), (_, p2, t2), (_, p3, t3) = rows[-3:]
        low = (t2 - t1) / (p2 - p1) * 1000
        high = (t3 - t2) / (p3 - p2) * 1000
        growth = high / low
        out(
            f"  marginal s/1000 pages: {rows[-3][0]}->{rows[-2][0]} resolutions {low:.2f}, "
            f"{rows[-2][0]}->{rows[-1][0]} resolutions {high:.2f} (x{growth:.2f})"
        )
        if growth <= 1.25:
            out("  time grows linearly with pages (marginal cost per page roughly constant)")
        else:
            out(f"  time grows FASTER than linearly: each page costs x{growth:.2f} more in the larger site")
    elif len(rows) == 2:
        (_, p1, t1), (_, p2, t2) = rows
        out(
            f"  marginal s/1000 pages {rows[0][0]}->{rows[1][0]} resolutions: {(t2 - t1) / (p2 - p1) * 1000:.2f}"
            " (a third size is needed to judge linearity: run without --quick)"
        )
    out()
    return sites


PREVIEW_SIZE = 50  # resolutions in the preview test
PREVIEW_GOAL = 5.0  # seconds from a catalog save to the page showing it ("within a few seconds")


def wait_until(condition, what: str, log: Path, limit: float = 600.0) -> float:
    """Seconds until `condition()` holds (polled every 50 ms)."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > limit:
            raise BuildFailed(f"preview: {what} did not happen in {limit:.0f} s:\n{log.read_text()[-3000:]}")
        time.sleep(0.05)
    return time.perf_counter() - start


def translate(project: Path, lang: str, context: str, msgid: str, text: str) -> None:
    """Save `text` as `lang`'s translation of one content message, as a translator's tool would."""
    from babel.messages.pofile import read_po, write_po

    path = project / "locales" / lang / "LC_MESSAGES" / "content.po"
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    catalog.add(msgid, text, context=context)
    with open(path, "wb") as handle:
        write_po(handle, catalog, width=0)


def preview_benchmark(work: Path, count: int = PREVIEW_SIZE) -> None:
    """`make serve LOCALE=<second language>` on `count` resolutions: from a catalog save to the page
    showing it, through the server (it holds a request while it builds)."""
    sys.path.insert(0, str(ROOT))
    from respub.l10n.messages import resolution_messages
    from respub.publish import localserve
    from respub.publish.site import load_resolution

    langs = languages(load_config(ROOT))
    lang = langs[1]
    out(f"## 4. Translator's preview: `make serve LOCALE={lang}` with {count} resolutions")
    out()
    project = make_scale_project(work / f"preview-{count}", count)
    folder = sorted((project / "docs").iterdir())[count // 2]
    resolution = load_resolution(folder)
    messages = {m.context.split(":", 1)[1]: m for m in resolution_messages(resolution)}
    paragraph = next(key for key in messages if key.startswith("op"))
    log = work / "preview.log"
    port = localserve.free_port()
    page = f"http://127.0.0.1:{port}/{lang}/{resolution.slug}/{paragraph}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dirty", "-a", f"127.0.0.1:{port}"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", RESPUB_PREVIEW=lang)
    with open(log, "w") as output:
        server = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        first = wait_until(lambda: "</html>" in localserve.fetch(page, 300), "the first build", log)
        out(f"  first build, {lang} and {langs[0]}, until the page is served: {first:.1f} s")
        for n, (key, what) in enumerate(((paragraph, "a paragraph's translation"), ("short_title", "a title"))):
            marker = f"Preview check {n} {time.time_ns()}"
            # The source text follows the marker: the build holds back a translation that drops a
            # number or a footnote mark of the source.
            translate(project, lang, messages[key].context, messages[key].id, f"{marker} {messages[key].id}")
            seconds = wait_until(lambda m=marker: m in localserve.fetch(page, 300), f"{what} to show", log)
            rebuilt = "its pages" if key == paragraph else f"every {lang} page (sidebars)"
            verdict = (
                f"   goal <= {PREVIEW_GOAL:.0f} s: {'MET' if seconds <= PREVIEW_GOAL else 'MISSED'}" if n == 0 else ""
            )
            out(f"  {what} saved -> shown on the page: {seconds:.1f} s (rebuilds {rebuilt}){verdict}")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
    out()


def long_text(paragraphs: int) -> str:
    """A resolution of `paragraphs` paragraphs in the importer's format, made from the seed's text:
    its heading and preamble, its operative paragraphs repeated and renumbered, its closing note."""
    lines = (SEED / "text.txt").read_text("utf-8").splitlines()
    numbered = re.compile(r"^(\s*)(\d+)\. (.*)$")
    first = next(i for i, line in enumerate(lines) if numbered.match(line))
    last = max(i for i, line in enumerate(lines) if numbered.match(line))
    operative = [numbered.match(line) for line in lines[first : last + 1]]
    if not all(operative):
        raise ValueError("the seed's operative part is not one numbered paragraph per line")
    count = paragraphs - len(parsed(SEED).preamble)
    body = [
        f"{operative[i % len(operative)].group(1)}{i + 1}. {operative[i % len(operative)].group(3)}"
        for i in range(count)
    ]
    return "\n".join([*lines[:first], *body, *lines[last + 1 :]]) + "\n"


def parsed(folder: Path):
    """The resolution in `folder` as the importer reads it (this checkout's respub, not the installed one)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from respub.publish.site import load_resolution

    return load_resolution(folder)


def resolution_pages(site: Path, slug: str) -> tuple[int, int, int]:
    """(paragraph pages, their bytes, bytes of every page of the resolution) in the default language."""
    folder = site / slug
    paragraph_pages = [p for p in folder.glob("*/index.html") if re.fullmatch(r"(pp|op)\d+", p.parent.name)]
    every = sum(p.stat().st_size for p in folder.rglob("*.html"))
    return len(paragraph_pages), sum(p.stat().st_size for p in paragraph_pages), every


def long_resolution_benchmark(work: Path) -> None:
    """The seed beside a synthetic 400-paragraph resolution: page sizes (issue 9's question too)."""
    out(f"## 2b. A {LONG_PARAGRAPHS}-paragraph resolution beside the seed")
    out()
    project = work / "long"
    project.mkdir(parents=True)
    copy_parts(ROOT, project, load_config(ROOT))
    shutil.copytree(SEED, project / "docs" / SEED.name)
    seed_slug = SEED.name
    # Same slug length and title as the seed, so that URLs and titles weigh the same on both pages.
    slug = "ipu-400-migration" if len("ipu-400-migration") == len(seed_slug) else "long-400"
    folder = project / "docs" / slug
    folder.mkdir()
    (folder / "text.txt").write_text(long_text(LONG_PARAGRAPHS), "utf-8")
    metadata = yaml.safe_load((SEED / "resolution.yml").read_text("utf-8"))
    metadata["slug"] = slug
    (folder / "resolution.yml").write_text(yaml.safe_dump(metadata, allow_unicode=True, sort_keys=False), "utf-8")
    long = parsed(folder)
    if len(long.preamble) + len(long.operative) != LONG_PARAGRAPHS:
        raise ValueError(f"the synthetic text has {len(long.preamble)} + {len(long.operative)} paragraphs")
    result = build(project, work / "long-site")
    site = result.site
    out(f"build of the seed + the {LONG_PARAGRAPHS}-paragraph text, every language: {result.seconds:.1f} s wall")
    out()
    out(f"  {'default language':<34} {'paragraph pages':>15} {'KB':>8} {'KB/paragraph':>13} {'all its pages KB':>17}")
    for name in (seed_slug, slug):
        count, paragraph_bytes, every = resolution_pages(site, name)
        out(
            f"  /{name + '/':<33} {count:>15} {paragraph_bytes / KB:>8.1f} {paragraph_bytes / count / KB:>13.2f}"
            f" {every / KB:>17.1f}"
        )
    out()
    out("  one paragraph page, the same paragraph (same text, same place in its part) in both:")
    sizes = {}
    for name in (seed_slug, slug):
        for paragraph in ("op5", "op16"):
            page = site / name / paragraph / "index.html"
            sizes[(name, paragraph)] = page.stat().st_size
            out(f"    /{name}/{paragraph}/: {page.stat().st_size / KB:.2f} KB ({page.stat().st_size} bytes)")
    largest = {
        name: max(
            (p.stat().st_size, p.parent.name)
            for p in (site / name).glob("*/index.html")
            if re.fullmatch(r"(pp|op)\d+", p.parent.name)
        )
        for name in (seed_slug, slug)
    }
    for name, (size, paragraph) in largest.items():
        out(f"    largest paragraph page of /{name}/: {paragraph}, {size / KB:.2f} KB ({size} bytes)")
    worst = max(sizes[(slug, p)] - sizes[(seed_slug, p)] for p in ("op5", "op16"))
    verdict = "MET" if largest[slug][0] <= largest[seed_slug][0] else "MISSED"
    out(
        f"  the {LONG_PARAGRAPHS}-paragraph resolution's largest paragraph page against the seed's: "
        f"{largest[slug][0] - largest[seed_slug][0]:+d} bytes (same paragraph: at most {worst:+d} bytes)"
        f"   goal: no bigger: {verdict}"
    )
    out()


# ---------------------------------------------------------------------------------------------
# 3. Page weight


class CriticalAssets(HTMLParser):
    """Stylesheets and synchronous scripts: what the browser must fetch before it renders."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.skipped: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "link" and attributes.get("href"):
            rels = (attributes.get("rel") or "").lower().split()
            if "stylesheet" in rels and "alternate" not in rels and "disabled" not in attributes:
                if (attributes.get("media") or "all").strip().lower() in ("all", "screen", ""):
                    self.assets.append(attributes["href"])
                else:
                    self.skipped.append(f"{attributes['href']} (media {attributes['media']})")
            elif "preload" in rels or "icon" in rels or "modulepreload" in rels:
                self.skipped.append(f"{attributes['href']} (rel {attributes.get('rel')})")
        elif tag == "script" and attributes.get("src"):
            lazy = "async" in attributes or "defer" in attributes or attributes.get("type") == "module"
            (self.skipped if lazy else self.assets).append(attributes["src"])


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def resolve(site: Path, page_dir: Path, href: str) -> Path | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    base = site if parts.path.startswith("/") else page_dir
    return (base / parts.path.lstrip("/")).resolve()


def page_weight(site: Path, scale_sites: dict[int, Path]) -> float:
    out("## 3. Page weight")
    out()
    page_dir = site / PARAGRAPH_PAGE
    html = (page_dir / "index.html").read_bytes()
    parser = CriticalAssets()
    parser.feed(html.decode("utf-8"))
    out(f"first render of /{PARAGRAPH_PAGE}: the HTML and what it links synchronously, gzip -6")
    out()
    out(f"  {'file':<58} {'raw KB':>8} {'gzip KB':>8}")
    files = [(f"/{PARAGRAPH_PAGE}index.html", html)]
    for href in parser.assets:
        path = resolve(site, page_dir, href)
        if path is None or not path.is_file():
            out(f"  {href}: external or missing, not counted")
            continue
        files.append(("/" + path.relative_to(site.resolve()).as_posix(), path.read_bytes()))
    total = 0
    for name, data in files:
        size = gzip_size(data)
        total += size
        out(f"  {name:<58} {len(data) / KB:>8.1f} {size / KB:>8.1f}")
    verdict = "MET" if total / KB <= WEIGHT_GOAL_KB else "MISSED"
    out(
        f"  {'total':<58} {sum(len(d) for _, d in files) / KB:>8.1f} {total / KB:>8.1f}"
        f"   goal <= {WEIGHT_GOAL_KB:.0f} KB: {verdict}"
    )
    if parser.skipped:
        out(f"  not counted (not render-blocking): {', '.join(parser.skipped)}")
    # The same paragraph in the scale sites: the assets are the same, the HTML grows with the nav.
    assets = total - gzip_size(html)
    seed = f"bench-001-{slugify(scale_sources()[0].stem)}/{PARAGRAPH_PAGE.split('/', 1)[1]}"
    for count, scale_site in scale_sites.items():
        page = scale_site / seed / "index.html"
        if page.is_file():
            data = page.read_bytes()
            weight = (assets + gzip_size(data)) / KB
            verdict = "MET" if weight <= WEIGHT_GOAL_KB else "MISSED"
            out(
                f"  in the {count}-resolution site, /{seed}index.html: {len(data) / KB:.1f} KB raw,"
                f" {gzip_size(data) / KB:.1f} KB gzip; with the same assets {weight:.1f} KB: {verdict}"
            )
    out()
    return total / KB


# The search index a first query downloads.


def cbor_decode(data: bytes, offset: int = 0):
    """A minimal CBOR decoder (definite lengths), enough for Pagefind's .pf_meta."""
    initial = data[offset]
    major, info = initial >> 5, initial & 0x1F
    offset += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[offset : offset + size], "big")
        offset += size
    else:
        raise ValueError(f"unsupported CBOR item {initial:#x}")
    if major == 0:
        return value, offset
    if major == 1:
        return -1 - value, offset
    if major in (2, 3):
        raw = data[offset : offset + value]
        return (raw if major == 2 else raw.decode("utf-8")), offset + value
    if major == 4:
        items = []
        for _ in range(value):
            item, offset = cbor_decode(data, offset)
            items.append(item)
        return items, offset
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, offset = cbor_decode(data, offset)
            mapping[key], offset = cbor_decode(data, offset)
        return mapping, offset
    if major == 6:
        return cbor_decode(data, offset)
    if major == 7:
        if info == 25:
            return struct.unpack(">e", value.to_bytes(2, "big"))[0], offset
        if info == 26:
            return struct.unpack(">f", value.to_bytes(4, "big"))[0], offset
        if info == 27:
            return struct.unpack(">d", value.to_bytes(8, "big"))[0], offset
        return {20: False, 21: True, 22: None}.get(value), offset
    raise ValueError(f"unsupported CBOR major type {major}")


def pagefind_payload(path: Path) -> bytes:
    """A Pagefind data file, decompressed, without its `pagefind_dcd` signature."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.removeprefix(b"pagefind_dcd")


def _is_chunk_list(item) -> bool:
    """[[from, to, hash], ...]: the index chunks' word ranges in a decoded .pf_meta."""
    return (
        isinstance(item, list)
        and bool(item)
        and isinstance(item[0], list)
        and len(item[0]) == 3
        and all(isinstance(part, str) for part in item[0])
    )


def search_worker(site: Path) -> Path | None:
    """The search worker material starts on the home page (`search` in its `__config`)."""
    page_dir = site
    found = re.search(r'<script id="__config"[^>]*>(.*?)</script>', (site / "index.html").read_text("utf-8"), re.S)
    if not found:
        return None
    worker = json.loads(found.group(1)).get("search")
    path = resolve(site, page_dir, worker) if worker else None
    return path if path and path.is_file() else None


def worker_files(worker_text: str, folder: Path, lang: str) -> list[Path]:
    """Files of the Pagefind folder that the worker's string literals name, `${lang}` filled in.

    A name that needs anything else (`${reference.page}`) is fetched only for some queries: left out.
    """
    found: dict[Path, None] = {}
    for literal in re.findall(r"[`\"']([\w${}./-]+)[`\"']", worker_text):
        name = literal.replace("${lang}", lang)
        path = folder / name
        if "${" not in name and "." in name and path.is_file():
            found[path] = None
    return list(found)


DEFAULT_RESULTS = 5  # results a query shows, hence fragments it loads, when the worker does not say


def fragment_text(path: Path) -> str:
    """The text of a Pagefind fragment (gzip'd JSON after a 12-byte signature)."""
    return json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :]).get("content", "")


def pagefind_query_files(site: Path, lang: str, word: str) -> list[tuple[str, int, str, bool]]:
    """(file, bytes on the wire, why, counted in the total) for a first query of `word` in `lang`.

    Counted: the search worker named in the page's `__config`; the files of `pagefind/` it names
    (its loader pagefind.js, its own data); pagefind-worker.js, unless Pagefind already runs inside
    a worker (it starts its own only in a window); the entry file, the language's wasm and .pf_meta;
    the index chunk(s) whose word range covers the word's stem; one fragment per result shown: for
    respub's worker, which loads every result, each fragment whose text holds the stem (an estimate:
    Pagefind matches by stem), else MAX_RESULTS in the worker (or 5) at the median fragment size.
    Listed, not counted: Pagefind's
    default UI, which a site that uses material's search box does not load.
    """
    folder = site / "pagefind"
    wire: list[tuple[str, int, str, bool]] = []

    def add(path: Path, why: str, compressed_on_disk: bool, counted: bool = True) -> None:
        data = path.read_bytes()
        size = len(data) if compressed_on_disk else gzip_size(data)  # .pf_* and wasm files ship gzipped
        wire.append((path.relative_to(site).as_posix(), size, why, counted))

    worker = search_worker(site)
    worker_text = worker.read_text("utf-8", errors="replace") if worker else ""
    own_worker = worker is not None and "pagefind" in worker_text
    if worker is not None and own_worker:
        add(worker, "the search worker named in the page's __config", False)
    named = worker_files(worker_text, folder, lang)
    for path in named:
        add(path, "fetched by the search worker", False)
    if not any(path.name == "pagefind.js" for path in named):
        add(folder / "pagefind.js", "Pagefind's loader", False)
    if (folder / "pagefind-worker.js").exists():
        if own_worker:
            wire.append(("pagefind/pagefind-worker.js", 0, "not loaded: Pagefind runs inside the search worker", False))
        else:
            add(folder / "pagefind-worker.js", "Pagefind's web worker (started by its loader)", False)
    entry_path = folder / "pagefind-entry.json"
    add(entry_path, "entry: languages and their hashes", False)
    entry = json.loads(entry_path.read_text("utf-8"))
    languages_ = entry.get("languages", {})
    info = languages_.get(lang) or next(iter(languages_.values()))
    wasm = folder / f"wasm.{info.get('wasm') or 'unknown'}.pagefind"
    if not wasm.exists():
        wasm = folder / "wasm.unknown.pagefind"
    add(wasm, "search engine (wasm)", True)
    meta_path = folder / f"pagefind.{info['hash']}.pf_meta"
    add(meta_path, f"page list and index chunk ranges ({info.get('page_count', '?')} pages)", True)
    meta, _ = cbor_decode(pagefind_payload(meta_path))
    chunks = next((item for item in meta[1:] if _is_chunk_list(item)), [])
    # Pagefind looks words up by their stem ('migration' -> 'migrat'): load every chunk whose range
    # [from, to] holds a word starting with that prefix.
    stem = word[:6]
    for start, end, chunk_hash in chunks:
        if start <= stem + "\uffff" and end >= stem:
            add(folder / "index" / f"{chunk_hash}.pf_index", f"index chunk {start!r}..{end!r} of {len(chunks)}", True)
    fragments = sorted((folder / "fragment").glob(f"{lang}_*.pf_fragment")) or sorted(
        (folder / "fragment").glob("*.pf_fragment")
    )
    if fragments:
        declared = re.search(r"\bMAX_RESULTS\s*=\s*(\d+)", worker_text)
        if own_worker and not declared:
            # respub's worker loads every result (material counts what it is given): the fragments
            # whose text holds the word's stem, at their own sizes.
            found = [path for path in fragments if stem in fragment_text(path).lower()]
            why = f"one per result: every page whose text holds {stem!r}"
            wire.append(
                (
                    f"pagefind/fragment/{lang}_*.pf_fragment x {len(found)}",
                    sum(path.stat().st_size for path in found),
                    why,
                    True,
                )
            )
        else:
            shown = min(int(declared.group(1)) if declared else DEFAULT_RESULTS, len(fragments))
            source = "MAX_RESULTS in the worker" if declared else "Pagefind UI's default"
            median = int(statistics.median(path.stat().st_size for path in fragments))
            why = f"one per result shown ({source}), median size {median} bytes"
            wire.append((f"pagefind/fragment/{lang}_*.pf_fragment x {shown}", median * shown, why, True))
    for name in ("pagefind-ui.js", "pagefind-ui.css"):
        if (folder / name).exists():
            add(folder / name, "Pagefind's default UI, if a page used it (not counted)", False, counted=False)
    return wire


def search_weight(sites: dict[str, Path], lang: str) -> None:
    out("search data a first query downloads (gzip -6 unless already compressed on disk)")
    out()
    for label, site in sites.items():
        if (site / "pagefind").is_dir():
            files = pagefind_query_files(site, lang, "migration")
            out(f"  {label}: Pagefind, a first query for 'migration' in '{lang}'")
            for name, size, why, _ in files:
                out(f"    {name:<52} {size / KB:>8.1f} KB  {why}")
            total = sum(size for _, size, _, counted in files if counted)
            out(f"    {'total (counted files)':<52} {total / KB:>8.1f} KB")
            continue
        index = site / "search" / "search_index.json"
        if not index.exists():
            out(f"  {label}: no search index found")
            continue
        data = index.read_bytes()
        worker = search_worker(site)
        worker_size = gzip_size(worker.read_bytes()) if worker else 0
        out(
            f"  {label}: lunr, search/search_index.json (every language's pages in one file, fetched whole):"
            f" {len(data) / KB:.1f} KB raw, {gzip_size(data) / KB:.1f} KB gzip"
            + (f"; plus its worker {worker.name}: {worker_size / KB:.1f} KB gzip" if worker else "")
        )
    out()


# ---------------------------------------------------------------------------------------------
# Header and main


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def version(package: str) -> str:
    try:
        return importlib_metadata.version(package)
    except importlib_metadata.PackageNotFoundError:
        return "not installed"


def git_commit() -> str:
    try:
        result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
        return result.stdout.strip() + (" (with uncommitted changes)" if dirty.strip() else "")
    except OSError:
        return "unknown"


def header(mode: str) -> str:
    now = dt.datetime.now(dt.UTC)
    out(f"respub benchmark, {mode}")
    out(f"date: {now:%Y-%m-%d %H:%M} UTC   commit: {git_commit()}")
    out(
        f"machine: {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}"
    )
    out(f"python: {platform.python_version()} ({sys.executable})")
    load = os.getloadavg()[0]
    busy = "  (busy: other processes share the cores, wall times are inflated)" if load > 0.5 else ""
    out(f"load average (1 min) at start: {load:.2f}{busy}")
    out("packages: " + ", ".join(f"{name} {version(name)}" for name in PACKAGES))
    out()
    return f"{now:%Y-%m-%d %H:%M} UTC, {platform.machine()}, {cpu_model()}, {os.cpu_count()} cores"


BENCHMARKS_INTRO = """# Benchmarks

Figures from `scripts/benchmark.py` (`make bench`; `--quick` for a short run, `--write` to append
a section here). Each section is one run, as printed, with the machine it ran on.
"""


def write_section(title: str) -> None:
    text = BENCHMARKS.read_text("utf-8") if BENCHMARKS.exists() else BENCHMARKS_INTRO
    section = f"\n## {title}\n\n```text\n" + "\n".join(out.lines).rstrip() + "\n```\n"
    BENCHMARKS.write_text(text.rstrip("\n") + "\n" + section, "utf-8")
    print(f"\nappended to {BENCHMARKS}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs per variant, sizes 1 and 10 only")
    parser.add_argument("--write", action="store_true", help="append the figures to BENCHMARKS.md")
    parser.add_argument("--runs", type=int, help="timed runs per variant for the ratio (default 5, 3 with --quick)")
    parser.add_argument("--sizes", help="resolution counts for the scale test (default 1,10,100; 1,10 with --quick)")
    parser.add_argument(
        "--only",
        choices=("ratio", "scale", "preview"),
        help="run one part: the build-time ratios, the scale test, or the translator's preview",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 5)
    sizes = (
        tuple(int(n) for n in args.sizes.split(","))
        if args.sizes
        else (1, 10)
        if args.quick
        else (1, 10, SCALE_GOAL[0])
    )
    started = time.perf_counter()
    title = header("quick" if args.quick else "full")
    with tempfile.TemporaryDirectory(prefix="respub-bench-") as tmp:
        work = Path(tmp)
        try:
            if args.only == "scale":
                scale_benchmark(work, sizes)
                return 0
            if args.only == "preview":
                preview_benchmark(work)
                return 0
            ours_site = ratio_benchmark(work, runs)
            if args.only == "ratio":
                return 0
            scale_sites = scale_benchmark(work, sizes)
            long_resolution_benchmark(work)
            page_weight(ours_site, scale_sites)
            lang = languages(load_config(ROOT))[0]
            search_weight(
                {"real site": ours_site, **{f"{n}-resolution site": site for n, site in scale_sites.items()}}, lang
            )
            if not args.quick:
                preview_benchmark(work)
        except BuildFailed as error:
            print(error, file=sys.stderr)
            return 1
    load = os.getloadavg()[0]
    out(f"benchmark took {time.perf_counter() - started:.0f} s; load average (1 min) at the end: {load:.2f}")
    if args.write:
        write_section(("Quick run, " if args.quick else "") + title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
