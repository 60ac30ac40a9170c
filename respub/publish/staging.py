"""Where one build stages the rendered Markdown pages for mkdocs (see hooks/respub_site.py).

Each build gets its own folder, so two builds of the same project (a `make serve` running while the
tests build, two test workers) never write into each other's pages:

- `RESPUB_STAGE=<folder>` (relative to the project, or absolute): the caller's folder, used as it is and
  left in place afterwards (the caller owns it: `scripts/benchmark.py` reads the staged pages);
- otherwise `.build/stage-<process id>/` under the project, which belongs to this mkdocs process (all
  the rebuilds of one `mkdocs serve` share it) and is removed when mkdocs ends.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from respub.publish import restage

STAGE_VARIABLE = "RESPUB_STAGE"


def staging_folder(root: Path) -> Path:
    """The folder the build of the project at `root`, in this process, stages its pages into."""
    chosen = os.environ.get(STAGE_VARIABLE)
    if chosen:
        return root / chosen
    return root / ".build" / f"stage-{os.getpid()}"


def remove_staging_folder(root: Path) -> None:
    """Remove this process's own staging folder; a folder chosen with RESPUB_STAGE is the caller's to keep."""
    if not os.environ.get(STAGE_VARIABLE):
        folder = staging_folder(root)
        shutil.rmtree(folder, ignore_errors=True)
        restage.record_path(folder).unlink(missing_ok=True)
