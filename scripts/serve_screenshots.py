"""Screenshots of the audience view in a browser, from the real thing.

    python scripts/serve_screenshots.py [--out screenshots] [--session FILE]

The presenter is the app as `replay-tui FILE --serve` builds it (headless, 120×40) with the
server that command starts, on 127.0.0.1 (so that no token or address of this machine ends
up in a picture); headless Chromium (`/usr/bin/chromium`, driven by playwright) opens the
audience's address at 1280×800 with the served default font. Saved: the browser on the
session's fifth post, a reply to a reply, under the post it answers (`serve-browser.png`),
the presenter's screen with the line that says where the audience is (`serve-presenter.svg`,
and a PNG through `scripts/screenshots.py`'s converter), and the browser once the presenter
has quit (`serve-ended.png`). Settings,
positions and presenter files go to a temporary folder, as in `scripts/screenshots.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def _shoot(session: Path, out: Path) -> list[Path]:
    from playwright.async_api import async_playwright

    from replay_tui.format.read import load_session
    from replay_tui.serve.server import AudienceServer
    from replay_tui.ui.app import build_app
    from replay_tui.user.config import Config
    from tests.app.browser import CHROMIUM, CHROMIUM_ARGS

    loaded = load_session(session)
    server = AudienceServer(str(session), loaded.session.title, port=0)
    server.start()
    config = Config(Path(os.environ["XDG_CONFIG_HOME"]) / "replay-tui" / "config.toml")
    app = build_app(loaded, config=config, from_start=True, audience=server)
    shots = []
    try:
        async with app.run_test(size=(120, 40)) as pilot, async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1280, "height": 800})
            await page.goto(server.url)
            await page.wait_for_selector("body.-first-byte")
            await pilot.press("right", "right", "right", "right", "right")
            # The follower polls the presenter file five times a second; let it settle.
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                await pilot.pause(0.1)
            shots.append(out / "serve-browser.png")
            await page.screenshot(path=str(shots[-1]))
            shots.append(out / "serve-presenter.svg")
            app.save_screenshot(filename=shots[-1].name, path=str(out))
            server.stop()
            await page.wait_for_selector("body.-closed")
            await page.wait_for_timeout(500)
            shots.append(out / "serve-ended.png")
            await page.screenshot(path=str(shots[-1]))
            await browser.close()
    finally:
        server.stop()
    return shots


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument(
        "--session", type=Path, default=ROOT / "sessions" / "idf-hamas-2013-10.toml"
    )
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from screenshots import _png

    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="replay-tui-serve-shots-") as home:
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
            os.environ[name] = str(Path(home) / name.lower())
        runtime = Path(home) / "run"
        runtime.mkdir(mode=0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        shots = asyncio.run(_shoot(options.session.resolve(), options.out))
    for shot in shots:
        png = _png(shot) if shot.suffix == ".svg" else None
        print(shot.name + (f" + {png.name}" if png else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
