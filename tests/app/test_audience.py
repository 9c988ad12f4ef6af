"""A browser's follower (`follow --audience PID`): no key but help, and it ends with the
presenter's process."""

from __future__ import annotations

import os
import subprocess
import sys

from textual.command import CommandPalette

from replay_tui.format.read import load_session
from replay_tui.ui.app import ReplayApp, build_app
from replay_tui.ui.screens.help import HelpScreen
from replay_tui.user.follow import presence_path

from .apps import SMALL, settings


def audience_app(pid: int) -> ReplayApp:
    loaded = load_session(SMALL)
    return build_app(
        loaded, config=settings(), follow=presence_path(loaded.session.id), audience_of=pid
    )


async def test_a_browser_follower_takes_no_key_but_help() -> None:
    app = audience_app(os.getpid())
    async with app.run_test(size=(100, 30)) as pilot:
        # The palette would list other sessions; q would leave the browser a dead page.
        await pilot.press("ctrl+p", "q", "ctrl+q")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, CommandPalette)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_browser_follower_ends_when_the_presenter_process_ends() -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    app = audience_app(gone.pid)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(100):
            if not app.is_running:
                break
            await pilot.pause(0.05)
        assert not app.is_running
    assert app.return_code == 0
