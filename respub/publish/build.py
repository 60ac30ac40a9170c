"""`make site`: build the whole site aside, then swap it into `site/` only if the build succeeded.

A failed build (bad input, a `--strict` warning) leaves the previous `site/` untouched. The build is
reproducible: SOURCE_DATE_EPOCH defaults to the last commit's time, so two builds of the same input
give byte-identical folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from respub.publish.engines import build_command

ROOT = Path(__file__).resolve().parents[2]


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
    """Run `mkdocs build --strict` (or ProperDocs: respub.publish.engines) into `destination`; output captured."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=source_date_epoch(root))
    env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")  # ProperDocs' name for the same switch
    return subprocess.run(build_command(destination, quiet), cwd=root, env=env, capture_output=True, text=True)


def publish(root: Path = ROOT) -> int:
    aside = root / ".build" / "site-new"
    old = root / ".build" / "site-old"
    site = root / "site"
    shutil.rmtree(aside, ignore_errors=True)
    result = build(root, aside)
    errors = [line for line in result.stderr.splitlines() if line.startswith(("ERROR", "WARNING"))]
    if result.returncode != 0:
        shutil.rmtree(aside, ignore_errors=True)
        print("The site was NOT built; site/ is unchanged.", file=sys.stderr)
        for line in errors or result.stderr.splitlines()[-15:]:
            print(line, file=sys.stderr)
        return 1
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    aside.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    pages = sum(1 for _ in site.rglob("index.html"))
    print(f"Site built in {site} ({pages} pages).")
    print("Open it with live reload while you edit texts, catalogs or templates:")
    print("    make serve     (then browse http://127.0.0.1:8000/)")
    print("Or serve the built folder as it is:  python3 -m http.server -d site 8000")
    return 0


def main() -> None:
    sys.exit(publish())


if __name__ == "__main__":
    main()
