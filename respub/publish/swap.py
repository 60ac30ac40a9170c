"""Publishing a built site into `site/` safely: one build at a time, atomic steps, recovery.

The swap is four steps, each one atomic (a rename) or harmless to interrupt (deleting a folder
nobody serves):

1. `mark_ready`: the finished build `.build/site-<pid>` becomes `.build/site-new`: a folder of that
   name is always a complete site;
2. `retire_current`: `site/` becomes `.build/site-old`;
3. `promote_ready`: `.build/site-new` becomes `site/`;
4. `drop_retired`: `.build/site-old` is deleted.

A build killed anywhere leaves one of a few states, and `recover` (run by the next build before
anything else, holding the lock) turns each into a complete `site/`: if `site/` is missing, the
complete new site is promoted, else the previous one is restored; leftovers are removed.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

BUILD_DIR = Path(".build")
LOCK_FILE = "lock"
SITE = "site"
READY = "site-new"
RETIRED = "site-old"
# A build's own folders: its site, staging, and beside its site the children's (`.site-<pid>-files-*`).
_PER_PROCESS = re.compile(r"^\.?(?:site|stage|docs)-(\d+)(?:[-.].*)?$")
POLL_SECONDS = 0.2


class Busy(Exception):
    """Another build holds the lock for longer than this one may wait."""


def _holder(lock_file) -> str:
    lock_file.seek(0)
    pid = lock_file.read().strip()
    return f"pid {pid}" if pid else "another process"


@contextmanager
def build_lock(root: Path, wait_seconds: float, say: Callable[[str], None]) -> Iterator[None]:
    """Hold `.build/lock` (an OS lock: released when this process ends, however it ends).

    If another build holds it, say so once and wait up to `wait_seconds`, then raise `Busy`.
    """
    folder = root / BUILD_DIR
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK_FILE, "a+", encoding="utf-8") as lock_file:
        deadline = time.monotonic() + wait_seconds
        told = False
        while True:
            try:
                fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(lock_file)
                if time.monotonic() >= deadline:
                    raise Busy(
                        f"another build ({holder}) still holds {BUILD_DIR / LOCK_FILE} after {wait_seconds:g} s; "
                        "run `make site` again when it has finished"
                    ) from None
                if not told:
                    say(f"Another build of this site is running ({holder}): waiting for it (up to {wait_seconds:g} s)")
                    told = True
                time.sleep(POLL_SECONDS)
        try:
            lock_file.seek(0)
            lock_file.truncate()
            lock_file.write(f"{os.getpid()}\n")
            lock_file.flush()
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def build_folder(root: Path) -> Path:
    """This build's own output folder, `.build/site-<pid>` (empty)."""
    folder = root / BUILD_DIR / f"site-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    return folder


# ---------------------------------------------------------------------------------------------
# The steps


def mark_ready(root: Path, built: Path) -> None:
    ready = root / BUILD_DIR / READY
    shutil.rmtree(ready, ignore_errors=True)
    built.rename(ready)


def retire_current(root: Path) -> None:
    retired = root / BUILD_DIR / RETIRED
    shutil.rmtree(retired, ignore_errors=True)
    if (root / SITE).exists():
        (root / SITE).rename(retired)


def promote_ready(root: Path) -> None:
    (root / BUILD_DIR / READY).rename(root / SITE)


def drop_retired(root: Path) -> None:
    shutil.rmtree(root / BUILD_DIR / RETIRED, ignore_errors=True)


def steps(root: Path, built: Path) -> list[Callable[[], None]]:
    """The swap, step by step (a test interrupts it between any two)."""
    return [
        lambda: mark_ready(root, built),
        lambda: retire_current(root),
        lambda: promote_ready(root),
        lambda: drop_retired(root),
    ]


def swap_in(root: Path, built: Path) -> Path:
    """Make the complete site in `built` the published `site/`."""
    for step in steps(root, built):
        step()
    return root / SITE


# ---------------------------------------------------------------------------------------------
# Recovery


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(root: Path) -> list[str]:
    """Repair what an interrupted build left (call it holding the lock); returns what was done."""
    site, ready, retired = root / SITE, root / BUILD_DIR / READY, root / BUILD_DIR / RETIRED
    done: list[str] = []
    if not site.exists() and ready.exists():
        ready.rename(site)
        done.append(f"An interrupted build had finished: its complete site is now {SITE}/.")
    elif not site.exists() and retired.exists():
        retired.rename(site)
        done.append(f"An interrupted build had moved {SITE}/ aside: the previous site is restored.")
    for leftover in (ready, retired):
        shutil.rmtree(leftover, ignore_errors=True)
    folder = root / BUILD_DIR
    if folder.is_dir():
        for path in folder.iterdir():
            match = _PER_PROCESS.match(path.name)
            if match and not _alive(int(match.group(1))):
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
    return done
