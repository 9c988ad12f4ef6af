"""`replay-tui [FILE]`: open a session, or the picker, in the terminal UI.

The file is read and checked here, before any App exists, so a broken file ends with a clear
message and exit 1 rather than a half-drawn screen. A large JSON file opens on its preview
while it is checked. Only then is Textual imported.
"""

from __future__ import annotations

import argparse

from replay_tui import __version__
from replay_tui.cli.common import add_max_size, cannot_open, read_for_ui
from replay_tui.format.preview import preview as read_preview


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="replay-tui",
        description=(
            "Replay a curated social-media exchange in the terminal, post by post. "
            "With no arguments, pick one of the sessions found by `replay-tui list`."
        ),
        epilog=(
            "sub-commands: check FILE..., schema, list [DIR...], export FILE --to FORMAT, "
            "follow [FILE|SESSION_ID], import INPUT... [-o OUT]  "
            "(see replay-tui CMD --help)"
        ),
    )
    parser.add_argument(
        "file",
        nargs="?",
        help=(
            "a session file (.toml or .json) to open, or a platform export "
            "(see replay-tui import --help), imported in memory"
        ),
    )
    parser.add_argument(
        "--from-start", action="store_true", help="start at the first post, not where you left off"
    )
    parser.add_argument("--version", action="version", version=f"replay-tui {__version__}")
    add_max_size(parser)
    return parser


def run(options: argparse.Namespace) -> int:
    return open_session(options.file, options.from_start, options.max_size)


def open_session(file: str | None, from_start: bool, max_bytes: int) -> int:
    """Open a session (or the picker) in the terminal UI.

    A large JSON file opens on its preview while it is checked (`format.preview`); any
    other file is checked first, so a broken one never starts the app."""
    loaded = None
    preview = None
    if file is not None:
        preview = read_preview(file, max_bytes=max_bytes)
        if preview is None:
            loaded = read_for_ui(file, max_bytes)
            if loaded is None:
                return 1
    from replay_tui.ui.app import run_app  # Textual is imported only once a session is read

    code, problems = run_app(
        loaded=loaded, preview=preview, from_start=from_start, max_bytes=max_bytes
    )
    if problems and file is not None:
        cannot_open(file, problems)
    return code
