"""The audience view in a real browser: headless Chromium against `--serve`'s server.

The presenter is the app as the CLI builds it, in this process, with the server the CLI
starts; every browser gets a real `replay-tui follow --audience` process, as in class. What
the browser is sent over its websocket is read back (xterm.js draws on a canvas, so the
page has no text to query).
"""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from replay_tui.format.read import load_session
from replay_tui.serve.server import AudienceServer
from replay_tui.ui.app import ReplayApp
from replay_tui.ui.widgets.audience import AudienceBar

from .apps import DATA, SMALL, settings
from .browser import CHROMIUM, CHROMIUM_ARGS

try:
    from playwright.async_api import Browser, Page, async_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    async_playwright = None

pytestmark = [
    pytest.mark.skipif(
        async_playwright is None, reason="playwright is not installed (pip install '.[test]')"
    ),
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason="no Chromium to drive (apt-get install chromium; .ci/run does)",
    ),
]

ESCAPE = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|.)")


class Seen:
    """Everything a page's websockets received, as text without escape sequences."""

    def __init__(self, page: Page) -> None:
        self.chunks: list[str] = []
        page.on("websocket", self._socket)

    def _socket(self, websocket: object) -> None:
        def received(payload: str | bytes) -> None:
            text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
            self.chunks.append(ESCAPE.sub("", text))

        websocket.on("framereceived", received)  # type: ignore[attr-defined]

    def mark(self) -> int:
        return len(self.chunks)

    def text(self, since: int = 0) -> str:
        return "".join(self.chunks[since:])


async def until(check: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


@asynccontextmanager
async def presenting(
    path: Path,
) -> AsyncIterator[tuple[ReplayApp, Pilot[int], AudienceServer, str, Browser]]:
    """The presenter app serving `path` to browsers, its server, the audience's address
    (with the token) and a headless Chromium; the server is stopped at the end."""
    from replay_tui.ui.app import build_app

    loaded = load_session(path)
    server = AudienceServer(str(path), loaded.session.title, host="0.0.0.0", port=0)
    server.start()
    assert server.token is not None
    address = f"http://127.0.0.1:{server.port}/?token={server.token}"
    app = build_app(loaded, config=settings(), audience=server)
    try:
        async with app.run_test(size=(120, 40)) as pilot, async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield app, pilot, server, address, browser
    finally:
        server.stop()


async def test_a_browser_follows_the_presenter_and_is_told_when_it_ends() -> None:
    loaded = load_session(SMALL)
    async with presenting(SMALL) as (app, pilot, server, address, browser):
        token = server.token
        # Refused without the token, whichever address it comes from (here 127.0.0.1).
        page = await browser.new_page()
        response = await page.goto(address.split("?")[0])
        assert response is not None and response.status == 403

        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        seen = Seen(page)
        response = await page.goto(address)
        assert response is not None and response.status == 200
        assert await page.title() == loaded.session.title
        await until(
            lambda: "following Riverside library opening hours" in seen.text(),
            "the session's title in the browser",
        )
        bar = app.screen.query_one(AudienceBar)
        await until(lambda: server.viewers == 1, "one viewer counted")
        await pilot.pause(0.6)
        assert f"?token={token}" in str(bar.visual)
        assert "1 browser watches" in str(bar.visual)

        # The presenter moves; the browser follows.
        mark = seen.mark()
        await pilot.press("right", "right")
        await until(
            lambda: "Saturday afternoon is when working" in seen.text(mark),
            "the browser to show the presenter's second post",
        )

        # A second browser over the cap (here 1) is told so.
        server.web.max_viewers = 1
        second = await browser.new_page()
        response = await second.goto(address)
        assert response is not None and response.status == 503
        assert "The presentation is full" in await second.content()
        server.web.max_viewers = 60

        processes = list(server.web.processes)
        assert processes and all(p.returncode is None for p in processes)
        server.stop()
        await page.locator("#ended").wait_for(state="visible", timeout=10_000)
        assert "The presentation has ended" in await page.locator("#ended").inner_text()
        assert all(p.returncode is not None for p in processes), "a follower is left"
        await browser.close()


async def test_a_browser_shows_a_posts_words_only_once_the_presenter_reveals_them() -> None:
    async with presenting(DATA / "good" / "warned.toml") as (_, pilot, _, address, browser):
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        seen = Seen(page)
        await page.goto(address)
        await until(lambda: "following A town meeting" in seen.text(), "the follower")
        mark = seen.mark()
        await pilot.press("right", "right")
        await until(lambda: "Injury details" in seen.text(mark), "the author's warning")
        assert "injuries in detail" not in seen.text()
        await pilot.press("v")
        await until(lambda: "injuries in detail" in seen.text(mark), "the revealed words")
        await browser.close()
