"""Headless Chromium (the Debian package) for checking exported briefs: DOM after scripts, console errors, screenshots.

``python tests/browser.py check BRIEF.html`` prints what the browser saw;
``python tests/browser.py screenshot BRIEF.html OUT.png`` writes a full-width screenshot.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--mute-audio"]


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _run(html: Path, *extra: str, timeout: int = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                               "--virtual-time-budget=3000", *extra, Path(html).resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout)


def render_dom(html: Path) -> tuple[str, list[str]]:
    """The DOM after the page's scripts ran, and the console messages that were errors."""
    done = _run(html, "--dump-dom")
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    errors = [line for line in console if re.search(r"Uncaught|Error|error", line)]
    return done.stdout, errors


def screenshot(html: Path, png: Path, width: int = 1280, height: int = 3000) -> None:
    png.parent.mkdir(parents=True, exist_ok=True)
    _run(html, f"--screenshot={Path(png).resolve()}", f"--window-size={width},{height}", "--hide-scrollbars")


if __name__ == "__main__":
    if not chromium():
        sys.exit("chromium is not installed (apt-get install chromium)")
    if sys.argv[1] == "screenshot":
        screenshot(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        dom, errors = render_dom(Path(sys.argv[2]))
        print(f"{len(dom):,} characters of DOM; console errors: {errors or 'none'}")
