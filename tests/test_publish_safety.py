"""`make site` never publishes a broken site: one build at a time, per-build folders, and a swap
that the next build repairs wherever the previous one was killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from respub.publish import swap
from respub.publish.urls import published_urls
from tests.conftest import ROOT, copy_project

PUBLISH = (
    "import sys; from pathlib import Path; from respub.publish.build import publish; "
    "sys.exit(publish(Path(sys.argv[1])))"
)
HOLD = (
    "import fcntl, os, sys, time; f = open(sys.argv[1], 'a+'); fcntl.flock(f, fcntl.LOCK_EX); "
    "f.seek(0); f.truncate(); f.write(f'{os.getpid()}\\n'); f.flush(); print('locked', flush=True); "
    "time.sleep(float(sys.argv[2]))"
)


def a_site(folder: Path, label: str) -> dict[str, str]:
    """A small complete site whose every file says which build made it."""
    files = {"index.html": f"home {label}", "fr/index.html": f"accueil {label}", "a/op5/index.html": f"op5 {label}"}
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, "utf-8")
    return files


def contents(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# ---------------------------------------------------------------------------------------------
# The swap, interrupted between any two steps


@pytest.mark.parametrize("previous", [True, False], ids=["over-a-site", "first-site"])
@pytest.mark.parametrize("done", range(5), ids=lambda n: f"killed-after-{n}-steps")
def test_a_swap_killed_anywhere_is_repaired_by_the_next_build(tmp_path: Path, done: int, previous: bool) -> None:
    old = a_site(tmp_path / "site", "old") if previous else None
    built = tmp_path / ".build" / f"site-{dead_pid()}"
    new = a_site(built, "new")
    stale_stage = tmp_path / ".build" / f"stage-{dead_pid()}-x1y2"
    stale_stage.mkdir()
    (tmp_path / ".build" / f"stage-{dead_pid()}.inputs.json").write_text("{}")  # a killed `make serve`'s record
    for child in ("languages", "files"):  # what the build's children write beside its site
        (tmp_path / ".build" / f".site-{dead_pid()}-{child}-{dead_pid()}").mkdir()
    for step in swap.steps(tmp_path, built)[:done]:
        step()  # then the build is killed: nothing else runs
    swap.recover(tmp_path)
    if done >= 2 or (done == 1 and not previous):
        assert contents(tmp_path / "site") == new, "the complete new site is published"
    elif previous:
        assert contents(tmp_path / "site") == old, "the previous site is kept, whole"
    else:
        assert not (tmp_path / "site").exists(), "no site was ever complete: none is shown"
    assert sorted(p.name for p in (tmp_path / ".build").iterdir()) == [], "no leftovers"


def test_recovery_leaves_a_running_builds_folders_alone(tmp_path: Path) -> None:
    a_site(tmp_path / "site", "current")
    running = tmp_path / ".build" / f"docs-{os.getpid()}"
    running.mkdir(parents=True)
    swap.recover(tmp_path)
    assert running.is_dir()


# ---------------------------------------------------------------------------------------------
# The lock


def hold_lock(root: Path, seconds: float) -> subprocess.Popen[str]:
    (root / ".build").mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root / ".build" / "lock"), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_build_stops_clearly_when_the_first_takes_too_long(tmp_path: Path) -> None:
    holder = hold_lock(tmp_path, 30)
    said: list[str] = []
    try:
        with pytest.raises(swap.Busy) as busy, swap.build_lock(tmp_path, 0.5, said.append):
            pytest.fail("the lock is held by another process")
    finally:
        holder.kill()
        holder.wait()
    assert str(busy.value) == (
        f"another build (pid {holder.pid}) still holds .build/lock after 0.5 s; "
        "run `make site` again when it has finished"
    )
    assert said == [f"Another build of this site is running (pid {holder.pid}): waiting for it (up to 0.5 s)"]


def test_a_second_build_waits_for_the_first(tmp_path: Path) -> None:
    holder = hold_lock(tmp_path, 1.0)
    said: list[str] = []
    start = time.monotonic()
    with swap.build_lock(tmp_path, 30, said.append):
        waited = time.monotonic() - start
        assert (tmp_path / ".build" / "lock").read_text("utf-8") == f"{os.getpid()}\n"
    holder.wait()
    assert waited >= 0.5
    assert len(said) == 1 and "waiting for it" in said[0]


def test_a_killed_build_releases_the_lock(tmp_path: Path) -> None:
    holder = hold_lock(tmp_path, 30)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    with swap.build_lock(tmp_path, 0, lambda message: pytest.fail(message)):
        pass


# ---------------------------------------------------------------------------------------------
# Real builds


def start_publish(project: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", PUBLISH, str(project)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, **env),
        start_new_session=True,
    )


def test_two_builds_started_together_publish_a_complete_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    a_site(project / "site", "old")
    first = start_publish(project)
    time.sleep(0.4)
    second = start_publish(project)
    time.sleep(0.4)
    impatient = start_publish(project, RESPUB_BUILD_WAIT="0")
    refused_out, refused_err = impatient.communicate(timeout=600)
    first_out, first_err = first.communicate(timeout=900)
    second_out, second_err = second.communicate(timeout=900)
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert "Another build of this site is running (pid " in second_err
    assert impatient.returncode == 1
    assert "The site was NOT built; site/ is unchanged: another build (pid " in refused_err
    assert "Traceback" not in first_err + second_err + refused_err
    urls = published_urls(project / "site")
    assert urls == (ROOT / "published-urls.txt").read_text("utf-8").split(), "site/ is whole"
    assert not (project / "site" / "a").exists(), "nothing of the old site is left"
    leftovers = sorted(p.name for p in (project / ".build").iterdir())
    assert leftovers == ["jinja", "lock"], "every build removed its own folders"


def test_a_build_killed_while_building_leaves_the_site_and_the_next_cleans_up(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    old = a_site(project / "site", "old")
    build = start_publish(project)
    deadline = time.monotonic() + 300
    while not list((project / ".build").glob("stage-*/en/*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert contents(project / "site") == old
    assert list((project / ".build").glob("stage-*")), "the killed build left its staging folder"
    time.sleep(0.5)  # the killed mkdocs child is gone with its process group
    swap.recover(project)
    leftovers = sorted(p.name for p in (project / ".build").iterdir() if p.name not in ("jinja", "lock"))
    assert leftovers == []
    assert contents(project / "site") == old
