"""The publication quality gates' harness: which pages they check, the built site served on 127.0.0.1,
Debian's chromium driven by Playwright, and the npm tools (axe-core, the Nu HTML Checker).

Used by tests/test_browser.py and tests/test_quality.py. To put a new kind of page under every gate
(axe, the same-origin check, the HTML checker), add its English path to PAGES below: one line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import exclusive

ROOT = Path(__file__).resolve().parent.parent
SLUG = "ipu-145-migration"
LANGUAGES = ("en", "fr", "es", "ar")  # en is the default language, built at the site root

# Every kind of published page, as its English path; each gate checks it in every language.
PAGES = [
    "/",
    f"/{SLUG}/",
    f"/{SLUG}/op5/",
    f"/{SLUG}/reservations/",
    "/instruments/",
    "/instruments/gcm/",
    "/status/",
]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def localized(path: str, lang: str) -> str:
    """`/ipu-145-migration/op5/` in `lang`: the default language at the root, the others under /<lang>/."""
    return path if lang == LANGUAGES[0] else f"/{lang}{path}"


def in_every_language(paths: Iterable[str]) -> list[str]:
    return [localized(path, lang) for path in paths for lang in LANGUAGES]


def missing_tool(reason: str) -> None:
    """Skip on a developer's machine without the tool; fail on CI, which installs every tool."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must install it: see .ci/run)")
    pytest.skip(reason)


def install_node_modules() -> str | None:
    """Install the pinned npm tools (package-lock.json) when node_modules lacks them, as on a fresh clone.
    None when they are there; else why they cannot be."""
    if AXE_JS.is_file() and VNU_JAR.is_file():
        return None
    if shutil.which("npm") is None:
        return "npm is not installed: cannot install axe-core and vnu-jar"
    lock = ROOT / ".build" / "npm-ci.lock"
    lock.parent.mkdir(exist_ok=True)
    with exclusive(lock):  # one `npm ci` at a time: pytest -n runs several workers
        if AXE_JS.is_file() and VNU_JAR.is_file():
            return None
        # --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; the system's java is used.
        result = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, capture_output=True, text=True
        )
    assert result.returncode == 0, f"npm ci failed:\n{result.stdout}\n{result.stderr}"
    assert AXE_JS.is_file() and VNU_JAR.is_file(), "npm ci did not install axe-core and vnu-jar"
    return None


def ensure_node_modules() -> None:
    reason = install_node_modules()
    if reason:
        missing_tool(reason)


# ---------------------------------------------------------------------------------------------
# One browser tab, reused: it records what each visit requested


@dataclass
class Visit:
    """What the browser did while showing one page."""

    url: str
    status: int | None
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # "404 http://..." for responses >= 400
    errors: list[str] = field(default_factory=list)  # uncaught JavaScript errors
    axe: list[dict] | None = None  # axe-core's violations, when it was run


class Tab:
    """A Playwright page on the served site. Every request of the browser context (page, workers) is recorded."""

    def __init__(self, context, origin: str) -> None:
        self.context = context
        self.origin = origin
        self.page = context.new_page()
        self.visit: Visit | None = None
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        self.page.on("pageerror", self._on_error)

    def _on_request(self, request) -> None:
        if self.visit is not None:
            self.visit.requests.append(request.url)

    def _on_response(self, response) -> None:
        if self.visit is not None and response.status >= 400:
            self.visit.failures.append(f"{response.status} {response.url}")

    def _on_error(self, error) -> None:
        if self.visit is not None:
            self.visit.errors.append(str(error))

    def url(self, path: str) -> str:
        return self.origin + path

    def open(self, path: str, wait_until: str = "load") -> Visit:
        """Show `path` (site-relative, may carry a #fragment) as a reader would, starting from a blank tab."""
        self.visit = None
        self.page.goto("about:blank")  # ends the previous page and its workers
        self.visit = Visit(path, None)
        response = self.page.goto(self.url(path), wait_until=wait_until)
        self.visit.status = response.status if response else None
        return self.visit

    def path(self) -> str:
        """The path (and fragment) the tab shows now."""
        parts = urlsplit(self.page.url)
        assert f"{parts.scheme}://{parts.netloc}" == self.origin, f"the tab left the site: {self.page.url}"
        return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def box(page, selector: str) -> dict:
    """The element's bounding box in CSS pixels, relative to the viewport."""
    element = page.locator(selector)
    assert element.count() == 1, f"{page.url}: expected one {selector!r}, found {element.count()}"
    return element.evaluate(
        "e => { const r = e.getBoundingClientRect(); return {left: r.left, right: r.right,"
        " top: r.top, bottom: r.bottom, width: r.width, height: r.height}; }"
    )


# ---------------------------------------------------------------------------------------------
# axe-core


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
  }));
}"""


def axe_violations(page) -> list[dict]:
    """Run axe-core (the pinned npm copy) on the page the tab shows; its violations, as plain data."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(AXE_RUN)


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{url}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            for summary in (node["summary"] or "").splitlines():
                lines.append(f"        {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)
