"""What runs inside each measured process of the benchmark (`bench/run.py` starts them).

Every measurement that involves start-up happens in a fresh interpreter, so imports, file
reads and allocation count the same way for replay-tui and for its floor. Each mode prints
one line of JSON on stdout for `measure.py` to read (but `bare-tty`, which runs until killed):

    open FILE              replay-tui, headless (run_test): report the first frame that
                           shows the session's title, and the first that shows the
                           replay screen (the file checked, keys working)
    bare TITLE             a bare Textual app (one Static) in the same harness
    bare-tty TITLE         the same bare app in a real terminal (measure.py drives it in
                           tmux)
    step FILE              replay-tui headless: key-to-frame latency of each kind of step,
                           a search through the UI, then search and filter through the
                           core API
    ui-search FILE         replay-tui headless: a search through the UI right after opening
    ui-filter FILE         replay-tui headless: a hashtag filter through the UI (F, the
                           tag, apply) right after opening
    burst FILE [N]         replay-tui headless: N (40) presses of → at once as soon as the
                           replay screen is drawn, to the frame that shows the Nth post

How a frame is seen: frames.py. The steps, searches and filters: stepping.py. Each
process ends normally once it has printed its result; `measure.py` reads that line.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from frames import first_frame

READY_MARK = "Title card"
"""The replay screen's header at the title card: the session is checked and keys work."""


def cli_app(path: str) -> Any:
    """replay-tui as `replay-tui FILE --from-start` builds it (`cli.open.opening`): on the
    preview of its title card, a large JSON file checked in the app, any other first."""
    from replay_tui.cli.open import opening
    from replay_tui.format.read import DEFAULT_MAX_BYTES
    from replay_tui.ui.app import build_app

    opened = opening(path, DEFAULT_MAX_BYTES)
    if opened is None:
        raise SystemExit(f"{path} does not open")
    loaded, preview = opened
    app = build_app(loaded, preview=preview, from_start=True)
    gc.freeze()  # as `run_app` does before it runs the app
    return app


def open_app(path: str) -> None:
    """replay-tui as `replay-tui FILE --from-start` opens a file, headless, to the frame that
    shows the title and the one that shows the replay screen."""
    app = cli_app(path)
    title = app.preview.head.title if app.loaded is None else app.loaded.session.title
    asyncio.run(first_frame(app, title, ready=READY_MARK))


def bare_app_class(title: str) -> Any:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(title, markup=False)

    return Bare


def bare(title: str) -> None:
    asyncio.run(first_frame(bare_app_class(title)(), title))


def bare_tty(title: str) -> None:
    bare_app_class(title)().run()


def main(argv: list[str]) -> None:
    mode, *rest = argv
    if mode == "open":
        open_app(rest[0])
    elif mode == "bare":
        bare(rest[0])
    elif mode == "bare-tty":
        bare_tty(rest[0])
    elif mode == "ui-search":
        from stepping import ui_search_cold

        ui_search_cold(rest[0])
    elif mode == "ui-filter":
        from stepping import ui_filter_cold

        ui_filter_cold(rest[0])
    elif mode == "burst":
        from stepping import BURST, burst

        burst(rest[0], int(rest[1]) if len(rest) > 1 else BURST)
    elif mode == "step":
        from stepping import step

        step(rest[0], int(rest[1]) if len(rest) > 1 else 100)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
