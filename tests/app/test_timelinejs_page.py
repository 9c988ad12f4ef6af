"""`export --to timelinejs-page` in headless Chromium: every dated post is a slide.

The page loads TimelineJS from Knight Lab's CDN with subresource integrity. The network is
not used here: the browser's requests for the CDN files are answered with the same files
from the npm package `@knight-lab/timelinejs` at the pinned version (fetched once with
`npm pack`), and the browser checks them against the page's hashes as it would the CDN's.
Every other request is refused and recorded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from replay_tui.export import ExportOptions, export
from replay_tui.export.timelinejs_page import CDN, SCRIPT, VERSION
from replay_tui.format.read import load_session

from .browser import CHROMIUM, CHROMIUM_ARGS

try:
    from playwright.async_api import Route, async_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    async_playwright = None

ROOT = Path(__file__).resolve().parents[2]
SESSIONS = [
    ROOT / "sessions" / "idf-hamas-2013-10.toml",
    ROOT / "sessions" / "askhamas-2015-03.toml",
]

pytestmark = [
    pytest.mark.skipif(async_playwright is None, reason="playwright is not installed"),
    pytest.mark.skipif(
        not os.access(CHROMIUM, os.X_OK),
        reason="no Chromium to drive (apt-get install chromium; .ci/run does)",
    ),
]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `dist` folder of the npm package at the pinned version."""
    given = os.environ.get("TIMELINEJS_DIST")
    if given:
        return Path(given)
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is needed to fetch @knight-lab/timelinejs (or set TIMELINEJS_DIST)")
    folder = tmp_path_factory.mktemp("timelinejs")
    done = subprocess.run(
        [npm, "pack", f"@knight-lab/timelinejs@{VERSION}", "--silent"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0:
        pytest.skip(f"npm pack @knight-lab/timelinejs@{VERSION} failed: {done.stderr[-300:]}")
    with tarfile.open(folder / done.stdout.strip().splitlines()[-1]) as archive:
        archive.extractall(folder, filter="data")
    return folder / "package" / "dist"


async def slides(
    page_html: str, dist: Path, tamper: bool = False, probed: list[object] | None = None
) -> tuple[list[str], str, list[str]]:
    """Open the page; the ids of its slides, the text of its group labels, and the other
    addresses it asked for. `probed`, when given, receives what the page shows of each
    folded <details> (a post's words behind its warning)."""
    assert async_playwright is not None
    others: list[str] = []

    async def answer(route: Route) -> None:
        url = route.request.url
        if url == "https://replay-tui.invalid/page.html":
            await route.fulfill(body=page_html, content_type="text/html; charset=utf-8")
        elif url.split("?")[0].split("#")[0].startswith(CDN):
            # The two files the page names, and the icon fonts its style sheet names.
            body = (dist / url.split("?")[0].split("#")[0].removeprefix(CDN)).read_bytes()
            if tamper and url == SCRIPT[0]:
                body += b"\n/* changed */"
            kind = {"js": "text/javascript", "css": "text/css"}.get(
                url.rsplit(".", 1)[-1], "application/octet-stream"
            )
            await route.fulfill(
                body=body,
                content_type=kind,
                headers={"Access-Control-Allow-Origin": "*"},
            )
        else:
            others.append(url)
            await route.abort()

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1280, "height": 800})
        await page.route("**/*", answer)
        await page.goto("https://replay-tui.invalid/page.html")
        if not tamper:
            await page.wait_for_selector(".tl-slide-titleslide", state="attached")
            await page.wait_for_selector(".tl-timegroup-message", state="attached")
        else:
            await page.wait_for_load_state("load")
        ids = await page.eval_on_selector_all(".tl-slide", "els => els.map(e => e.id)")
        groups = await page.eval_on_selector_all(
            ".tl-timegroup-message", "els => els.map(e => e.textContent).join(' | ')"
        )
        if probed is not None:
            probed += await page.eval_on_selector_all(
                ".tl-slide details",
                """els => els.map(d => ({open: d.open,
                    summary: d.querySelector('summary').textContent,
                    shown: [...d.querySelectorAll('p')].some(p => p.checkVisibility()),
                    text: [...d.querySelectorAll('p')].map(p => p.textContent).join(' ')}))""",
            )
        await browser.close()
    return ids, groups, others


@pytest.mark.parametrize("session", SESSIONS, ids=lambda p: p.stem)
async def test_every_dated_post_is_a_slide(session: Path, dist: Path) -> None:
    loaded = load_session(session)
    page = export(loaded, "timelinejs-page", ExportOptions())
    document = json.loads(export(loaded, "timelinejs", ExportOptions()))
    ids, groups, others = await slides(page, dist)
    dated = [event["unique_id"] for event in document["events"]]
    assert dated and len(dated) == sum(1 for t in loaded.times if t is not None)
    assert [i for i in ids if i.startswith("post-")] == dated
    assert document["title"]["unique_id"] in ids
    # Rows are labelled by who is in them, not by the session's group keys.
    if session.stem.startswith("idf"):
        assert "Peter Lerner" in groups and "Alqassam Brigades" in groups
        assert "qassam" not in groups.split(" | ")
    # Nothing else: no other TimelineJS (`latest`), no font from Google.
    assert all("knightlab" not in url and "fonts.g" not in url for url in others), others


async def test_a_changed_timelinejs_is_refused(dist: Path) -> None:
    page = export(load_session(SESSIONS[0]), "timelinejs-page", ExportOptions())
    ids, _, _ = await slides(page, dist, tamper=True)
    assert ids == [], "the browser ran a TimelineJS that does not match the page's hash"


async def test_a_posts_words_stay_folded_behind_its_warning_in_the_page(dist: Path) -> None:
    loaded = load_session(SESSIONS[1])  # #AskHamas: its first post behind an editor's warning
    probed: list[object] = []
    await slides(export(loaded, "timelinejs-page", ExportOptions()), dist, probed=probed)
    assert len(probed) == 1
    (folded,) = probed
    assert isinstance(folded, dict)
    assert folded["open"] is False and folded["shown"] is False
    assert folded["summary"] == "Text behind the warning"
    assert "preferred method of execution" in folded["text"]
