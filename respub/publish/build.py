"""`make site`: build the whole site aside, then swap it into `site/` only if the build succeeded.

A failed build (bad input, a `--strict` warning) leaves the previous `site/` untouched. The build is
reproducible: SOURCE_DATE_EPOCH defaults to the last commit's time, so two builds of the same input
give byte-identical folders.

Safety (see respub.publish.swap):
- one `make site` at a time: a second one waits for the lock `.build/lock` (up to a timeout, saying
  so), then builds; the OS releases the lock when a build dies;
- every build has its own folders: the hook stages pages into a fresh `.build/stage-<pid>-*`
  (RESPUB_STAGE) and mkdocs writes into `.build/site-<pid>`, so tests, `make serve` and a running
  build never share a temporary folder;
- the swap into `site/` is a few atomic renames; a build killed between two of them leaves a state
  the next build repairs before anything else (`swap.recover`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from respub.publish import swap
from respub.publish.engines import build_command
from respub.publish.site import SUMMARY_PREFIX

ROOT = Path(__file__).resolve().parents[2]
STAGE_VARIABLE = "RESPUB_STAGE"  # where the hook stages the generated pages (see hooks/respub_site.py)
WAIT_VARIABLE = "RESPUB_BUILD_WAIT"  # seconds a second `make site` waits for the first (default below)
DEFAULT_WAIT = 900.0


def source_date_epoch(root: Path) -> str:
    """SOURCE_DATE_EPOCH from the environment, else the last commit's time, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
        return out.stdout.strip() or "0"
    except (OSError, subprocess.CalledProcessError):
        return "0"


def build(root: Path, destination: Path, quiet: bool = False) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` (or ProperDocs: respub.publish.engines) into `destination`; output captured.

    The pages are staged in a folder of this build's own (removed afterwards), unless the caller
    chose one with RESPUB_STAGE.
    """
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=source_date_epoch(root))
    env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")  # ProperDocs' name for the same switch
    command = build_command(destination, quiet)
    if env.get(STAGE_VARIABLE):
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    build_dir = root / swap.BUILD_DIR
    build_dir.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f"stage-{os.getpid()}-", dir=build_dir))
    try:
        env[STAGE_VARIABLE] = str(stage)
        return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _wait_seconds() -> float:
    try:
        return float(os.environ.get(WAIT_VARIABLE, DEFAULT_WAIT))
    except ValueError:
        return DEFAULT_WAIT


def translation_summaries(log: str) -> list[str]:
    """The per-language translation summaries the hook logged (respub.publish.site.Site.summary)."""
    return [line[line.index(SUMMARY_PREFIX) :] for line in log.splitlines() if SUMMARY_PREFIX in line]


def publish(root: Path = ROOT) -> int:
    """Build into `.build/site-<pid>` and swap the result into `site/`; one build at a time."""
    try:
        with swap.build_lock(root, _wait_seconds(), lambda message: print(message, file=sys.stderr)):
            return _publish_locked(root)
    except swap.Busy as busy:
        print(f"The site was NOT built; site/ is unchanged: {busy}", file=sys.stderr)
        return 1


def _publish_locked(root: Path) -> int:
    for message in swap.recover(root):
        print(message, file=sys.stderr)
    aside = swap.build_folder(root)
    result = build(root, aside)
    errors = [line for line in result.stderr.splitlines() if line.startswith(("ERROR", "WARNING"))]
    if result.returncode != 0:
        shutil.rmtree(aside, ignore_errors=True)
        print("The site was NOT built; site/ is unchanged.", file=sys.stderr)
        for line in errors or result.stderr.splitlines()[-15:]:
            print(line, file=sys.stderr)
        return 1
    site = swap.swap_in(root, aside)
    pages = sum(1 for _ in site.rglob("index.html"))
    print(f"Site built in {site} ({pages} pages).")
    for summary in translation_summaries(result.stderr):
        print(summary)
    print("Open it with live reload while you edit texts, catalogs or templates:")
    print("    make serve     (then browse http://127.0.0.1:8000/)")
    print("Or serve the built folder as it is:  python3 -m http.server -d site 8000")
    return 0


def main() -> None:
    sys.exit(publish())


if __name__ == "__main__":
    main()
