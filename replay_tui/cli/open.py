"""`replay-tui [FILE]`: open a session, or the picker, in the terminal UI.

The file is read and checked here, before any App exists, so a broken file ends with a clear
message and exit 1 rather than a half-drawn screen; only a large JSON file is checked in
the app, on its preview (`opening`). Every file opens on the preview of its title card, the
replay screen following. Only then is Textual imported.
"""

from __future__ import annotations

import argparse
import os
import sys

from replay_tui import __version__
from replay_tui.cli.common import (
    add_max_size,
    add_session,
    cannot_open,
    command_parser,
    no_such_session,
    read_for_ui,
    session_file,
)
from replay_tui.format.preview import Head, Preview
from replay_tui.format.preview import preview as read_preview
from replay_tui.format.read import LoadedSession
from replay_tui.serve import (
    DEFAULT_FONT_SIZE,
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_VIEWERS,
    FONT_SIZES,
)
from replay_tui.words.sanitize import one_line


def parser() -> argparse.ArgumentParser:
    parser = command_parser(
        None,
        "Replay a curated social-media exchange in the terminal, post by post. With no "
        "arguments, pick one of the sessions found by `replay-tui list`.",
        "sub-commands: check FILE..., schema, list [DIR...], export FILE --to FORMAT, "
        "follow [FILE|SESSION_ID], import INPUT... [-o OUT]  (see replay-tui CMD --help)",
    )
    add_session(
        parser,
        "file",
        "a session file (.toml or .json), the id of a bundled or saved session (replay-tui "
        "list shows them), or a platform export (see replay-tui import --help), imported in "
        "memory",
        "?",
    )
    parser.add_argument(
        "--from-start", action="store_true", help="open at the title card, not where you left off"
    )
    parser.add_argument("--version", action="version", version=f"replay-tui {__version__}")
    add_max_size(parser)
    serving = parser.add_argument_group(
        "the audience in web browsers",
        "With --serve, present FILE here and serve what `replay-tui follow` shows to web "
        "browsers (one process per browser). On 127.0.0.1 only this machine can watch; on "
        "any other address the address shown carries a token, and requests without it are "
        "refused. The presenter's screen shows the address and how many browsers watch.",
    )
    serving.add_argument(
        "--serve", action="store_true", help="serve the audience view to web browsers"
    )
    serving.add_argument(
        "--host",
        default=DEFAULT_HOST,
        metavar="ADDR",
        help=f"the address to listen on (default {DEFAULT_HOST}; 0.0.0.0: every network)",
    )
    serving.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}; 0: any free"
    )
    serving.add_argument(
        "--font-size",
        type=_font_size,
        default=DEFAULT_FONT_SIZE,
        metavar="N",
        help=f"the browsers' font size in pixels (default {DEFAULT_FONT_SIZE})",
    )
    serving.add_argument(
        "--viewers",
        type=_viewers,
        default=DEFAULT_VIEWERS,
        metavar="N",
        help=f"the most browsers that may watch at once (default {DEFAULT_VIEWERS})",
    )
    return parser


def _bounded(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be between {low} and {high}")
    return value


def _port(text: str) -> int:
    return _bounded(text, 0, 65535, "the port")


def _font_size(text: str) -> int:
    return _bounded(text, FONT_SIZES.start, FONT_SIZES.stop - 1, "the font size")


def _viewers(text: str) -> int:
    return _bounded(text, 1, 1000, "the number of viewers")


def run(options: argparse.Namespace) -> int:
    if options.file is not None:
        options.file = session_file(options.file, options.max_size)
        if no_such_session(options.file):
            return 1
    if options.serve:
        if options.file is None:
            sys.stderr.write("replay-tui: --serve needs a session FILE (or a session id)\n")
            return 2
        return serve(options)
    return open_session(options.file, options.from_start, options.max_size)


def serve(options: argparse.Namespace) -> int:
    """Present a session here and serve its audience view to browsers until the presenter
    quits; then every browser says the presentation ended and no follower is left."""
    loaded = read_for_ui(options.file, options.max_size)
    if loaded is None:
        return 1
    from replay_tui.serve.server import AudienceServer, ServeError

    server = AudienceServer(
        loaded.file,
        loaded.session.title,
        host=options.host,
        port=options.port,
        max_viewers=options.viewers,
        font_size=options.font_size,
    )
    try:
        server.start()
    except ServeError as exc:
        sys.stderr.write(one_line(f"replay-tui: cannot serve the audience view: {exc}") + "\n")
        return 1
    # Said before the screen opens, so that it stays in the terminal's scrollback.
    sys.stdout.write(f"replay-tui: the audience view is at {server.url}\n")
    sys.stdout.flush()
    from replay_tui.ui.app import run_app

    try:
        code, _ = run_app(
            loaded=loaded,
            from_start=options.from_start,
            max_bytes=options.max_size,
            audience=server,
        )
    finally:
        server.stop()
    return code


def open_session(file: str | None, from_start: bool, max_bytes: int) -> int:
    """Open a session (or the picker) in the terminal UI."""
    loaded = None
    preview = None
    if file is not None:
        opened = opening(file, max_bytes)
        if opened is None:
            return 1
        loaded, preview = opened
    from replay_tui.ui.app import run_app  # Textual is imported only once a session is read

    code, problems = run_app(
        loaded=loaded, preview=preview, from_start=from_start, max_bytes=max_bytes
    )
    if problems and file is not None:
        cannot_open(file, problems)
    return code


def opening(file: str, max_bytes: int) -> tuple[LoadedSession | None, Preview] | None:
    """What the app opens `file` with: the preview of its title card, which the app shows
    first, and the session when checked here (None: the app checks it, on the preview).

    Every file opens on its preview, the replay screen following (`ui/screens/loading.py`):
    the title is on screen before the replay screen's modules and widgets are made. A large
    JSON file is checked in the app, while its preview shows (`format.preview`); any other
    file is checked here first, so a broken one never starts the app (said on stderr, and
    None returned)."""
    preview = read_preview(file, max_bytes=max_bytes)
    if preview is not None:
        return None, preview
    loaded = read_for_ui(file, max_bytes)
    if loaded is None:
        return None
    session = loaded.session
    head = Head(
        title=session.title,
        summary=session.summary,
        participants=session.participants,
        sources=session.sources,
        chapters=session.chapters,
    )
    return loaded, Preview(file, os.path.getsize(file), head)
