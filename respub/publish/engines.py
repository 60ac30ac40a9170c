"""The two engines that build the site, and the comparison of their output.

mkdocs 1.6.1 is the last mkdocs 1.x release; ProperDocs (PyPI `properdocs`) continues it and runs the
same plugins and hooks (it aliases every `mkdocs.*` import to `properdocs.*`). The site must build the
same on both: `RESPUB_ENGINE=properdocs` (set by `make test ENGINE=properdocs`) makes every build go
through ProperDocs, and `python -m respub.publish.engines compare` builds with both and diffs.

The one difference by design: material's `<meta name="generator">` names the engine
("mkdocs-1.6.1" / "mkdocs-ProperDocs 1.6.7"); `compare` sets that line aside and reports every other.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ENGINES = ("mkdocs", "properdocs")
ENGINE_VARIABLE = "RESPUB_ENGINE"
CONFIG_FILE = "mkdocs.yml"  # ProperDocs reads it when named with -f (its default name is properdocs.yml)
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def current_engine() -> str:
    """The engine named by RESPUB_ENGINE (default mkdocs); anything else is refused."""
    engine = os.environ.get(ENGINE_VARIABLE, "mkdocs") or "mkdocs"
    if engine not in ENGINES:
        raise SystemExit(f"{ENGINE_VARIABLE}={engine!r}: the site builds with {' or '.join(ENGINES)}")
    return engine


def engine_command(python: str, engine: str, *arguments: str) -> list[str]:
    """`python -m <engine> <arguments> -f mkdocs.yml`: the config file is named, so that ProperDocs
    does not depend on its fallback to the legacy name (which it says it will remove)."""
    return [python, "-m", engine, *arguments, "-f", CONFIG_FILE]


def build_command(destination: Path, quiet: bool = False, python: str = sys.executable, engine: str = "") -> list[str]:
    """The strict build of the project (run in its folder) into `destination`."""
    arguments = ["build", "--strict", "--site-dir", str(destination)]
    if quiet:
        arguments.append("--quiet")
    return engine_command(python, engine or current_engine(), *arguments)


def without_generator(data: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator" content="">', data)


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is in one site only or differs, beyond the generator line (sorted paths)."""
    first_files = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    second_files = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    found = [f"only in {first}: {name}" for name in sorted(first_files - second_files)]
    found += [f"only in {second}: {name}" for name in sorted(second_files - first_files)]
    for name in sorted(first_files & second_files):
        a, b = first / name, second / name
        if filecmp.cmp(a, b, shallow=False):
            continue
        if name.endswith(".html") and without_generator(a.read_bytes()) == without_generator(b.read_bytes()):
            continue
        found.append(f"differs: {name}")
    return found


def build_with(root: Path, python: str, engine: str, destination: Path, epoch: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", SOURCE_DATE_EPOCH=epoch)
    env.pop(ENGINE_VARIABLE, None)
    result = subprocess.run(
        build_command(destination, quiet=True, python=python, engine=engine),
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{engine} build failed:\n{result.stderr[-3000:]}")


def compare(root: Path, properdocs_python: str, mkdocs_python: str = sys.executable) -> list[str]:
    """Build the project with mkdocs and with ProperDocs (same SOURCE_DATE_EPOCH) and diff the sites."""
    with tempfile.TemporaryDirectory(prefix="respub-engines-") as folder:
        sites = Path(folder) / "mkdocs", Path(folder) / "properdocs"
        build_with(root, mkdocs_python, "mkdocs", sites[0], "1700000000")
        build_with(root, properdocs_python, "properdocs", sites[1], "1700000000")
        return differences(*sites)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m respub.publish.engines")
    commands = parser.add_subparsers(dest="command", required=True)
    compare_parser = commands.add_parser("compare", help="build with mkdocs and ProperDocs, diff the two sites")
    compare_parser.add_argument("--other-python", required=True, help="the python of the ProperDocs venv")
    arguments = parser.parse_args(argv)
    root = Path.cwd()
    found = compare(root, arguments.other_python)
    for line in found:
        print(line)
    print(f"mkdocs and ProperDocs: {len(found)} differences beyond the generator line")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
