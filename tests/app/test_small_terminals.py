"""No crash from the interface at any size: lists and the palette open on a terminal a few
columns wide, and while the terminal is resized under them."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from replay_tui.format.read import load_session
from replay_tui.ui.app import build_app

from .apps import settings

SESSION = Path(__file__).resolve().parents[2] / "sessions" / "idf-hamas-2013-10.toml"


@pytest.mark.parametrize("key", ["C", "ctrl+p", "question_mark", "slash", "F", "a"])
@pytest.mark.parametrize("width", [1, 5])
async def test_dialogs_open_on_a_terminal_a_few_columns_wide(
    tmp_path: Path, key: str, width: int
) -> None:
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "l")
        await pilot.resize_terminal(width, 20)
        await pilot.pause()
        await pilot.press(key, "down", "down")
        await pilot.pause()
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("seed", range(6))
async def test_resizing_with_a_dialog_open_never_crashes(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    app = build_app(load_session(SESSION), config=settings(tmp_path), from_start=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "l", rng.choice(["C", "ctrl+p", "F", "slash"]))
        await pilot.pause()
        for _ in range(20):
            await pilot.resize_terminal(rng.randint(1, 250), rng.randint(1, 80))
            if rng.random() < 0.5:
                await pilot.pause()
        await pilot.pause()
    assert app.return_code in (None, 0)
