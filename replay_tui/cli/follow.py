"""`replay-tui follow [FILE|SESSION_ID]`: show what a presenter on this machine shows."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from replay_tui.cli.common import add_max_size, add_session, command_parser, read_for_ui
from replay_tui.format.read import DEFAULT_MAX_BYTES
from replay_tui.user.follow import FollowError, presence_path, runtime_folder, wait_for_presenter
from replay_tui.words.sanitize import one_line


def parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "follow",
        (
            "Show what a presenter shows: follow a replay-tui running in another terminal on\n"
            "this machine. Keep the presenter (with its notes, P) on a laptop and project the\n"
            "follower: it moves when the presenter moves and mirrors the focus view, guess mode\n"
            "and revealed content warnings, never the presenter notes. It takes no keys but\n"
            "? and q."
        ),
        (
            "which presenter:\n"
            "  replay-tui follow             the presenter started last; waits for one if none\n"
            "                                runs yet\n"
            "  replay-tui follow FILE        open FILE now, follow whoever presents its session\n"
            "  replay-tui follow SESSION_ID  wait for a presenter of that session (the id is\n"
            "                                in `replay-tui list`)\n\n"
            "Every replay-tui that opens a session is a presenter: it writes its position to\n"
            "<runtime folder>/replay-tui/presenters/<session id>.json ($XDG_RUNTIME_DIR on\n"
            "Linux), one file per session, readable only by you, removed when it closes. Two\n"
            "presenters of different sessions do not disturb each other; of the same session,\n"
            "the follower shows whichever moved last."
        ),
    )
    add_session(
        parser,
        "target",
        "a session file (.toml or .json) or a session id; default: the latest presenter",
        "?",
    )
    parser.add_argument(
        "--audience",
        type=int,
        metavar="PID",
        help=(
            "run as a browser's view for `replay-tui FILE --serve` (whose process id is PID):"
            " no command palette, no key but ?, nothing saved; ends when PID ends"
        ),
    )
    add_max_size(parser)
    return parser


def run(options: argparse.Namespace) -> int:
    return follow(options.target, options.max_size, audience=options.audience)


def follow(
    target: str | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    *,
    wait: float | None = None,
    audience: int | None = None,
) -> int:
    """Follow a presenter (see `replay-tui follow --help`); the session is read and checked
    here, before any App, like `replay-tui FILE`. `wait` bounds the wait for a presenter (in
    seconds; None waits until ctrl+c). `audience` is the process id of a presenter that
    serves this follower to a browser."""
    try:
        folder = runtime_folder()
    except FollowError as exc:
        sys.stderr.write(one_line(f"replay-tui follow: {exc}") + "\n")
        return 1
    # A session id is letters, digits and '-' only; anything else names a file.
    is_file = target is not None and (
        Path(target).is_file() or re.fullmatch(r"[A-Za-z0-9-]+", target) is None
    )
    if target is not None and is_file:
        loaded = read_for_ui(target, max_bytes)
        if loaded is None:
            return 1
    else:
        presence = wait_for_presenter(target, folder=folder, timeout=0)
        if presence is None:
            whose = f" of the session {target!r}" if target else ""
            sys.stderr.write(
                one_line(
                    f"replay-tui follow: waiting for a presenter{whose}: open the session "
                    "with `replay-tui FILE` in another terminal on this machine (ctrl+c stops)"
                )
                + "\n"
            )
            if target is not None and _unknown_id(target, max_bytes):
                # A mistyped id would wait for ever in silence; a presenter may still open a
                # file with that id from elsewhere, so this is a hint, not a refusal.
                sys.stderr.write(
                    one_line(
                        f"replay-tui follow: no bundled or saved session has the id {target!r}"
                        "; check it with `replay-tui list` (a presenter may still open a "
                        "file with that id from another folder)"
                    )
                    + "\n"
                )
            presence = wait_for_presenter(target, folder=folder, timeout=wait)
        if presence is None:
            sys.stderr.write("replay-tui follow: no presenter started\n")
            return 1
        loaded = read_for_ui(presence.file, max_bytes)
        if loaded is None:
            return 1
        if loaded.session.id != presence.session:
            sys.stderr.write(
                one_line(
                    f"replay-tui follow: {presence.file} now holds the session "
                    f"{loaded.session.id!r}, not {presence.session!r} as the presenter opened it"
                )
                + "\n"
            )
            return 1
    from replay_tui.ui.app import run_app  # Textual is imported only once a session is read

    code, _ = run_app(
        loaded=loaded,
        max_bytes=max_bytes,
        follow=presence_path(loaded.session.id, folder),
        audience_of=audience,
    )
    return code


def _unknown_id(session_id: str, max_bytes: int) -> bool:
    """True when no bundled or user session has this id."""
    from replay_tui.user.library import find_session

    return find_session(session_id, max_bytes=max_bytes) is None
