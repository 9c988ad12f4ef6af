"""Reading wrapped text off the screen: words joined across lines, borders and bars dropped,
so a test can look for a sentence however the terminal's width wrapped it."""

from __future__ import annotations

from collections.abc import Iterable

from replay_tui.ui.app import ReplayApp

from .apps import replay_screen, screen_text

FRAME = str.maketrans(dict.fromkeys("│┃▏▕║", " "))


def flat(text: str | Iterable[str]) -> str:
    """`text` (or lines) as one line of words separated by single spaces."""
    joined = text if isinstance(text, str) else "\n".join(text)
    return " ".join(joined.translate(FRAME).split())


def screen_words(app: ReplayApp) -> str:
    """Everything on screen, flattened."""
    return flat(screen_text(app))


def timeline_words(app: ReplayApp) -> str:
    """Every line laid out in the timeline (on screen or scrolled away), flattened."""
    from replay_tui.ui.widgets.timeline import Timeline

    return flat(replay_screen(app).query_one(Timeline).laid_out_text())
