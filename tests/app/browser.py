"""How the browser tests and `scripts/serve_screenshots.py` start headless Chromium:
Debian's `chromium` through playwright's `executable_path`, with nothing that reaches the
network on its own."""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
