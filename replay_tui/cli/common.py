"""What every sub-command shares: the size option, problems said one to a line, and reading a
session to show, with its errors on standard error."""

from __future__ import annotations

import argparse
import os
import re
import sys
from typing import TextIO

from replay_tui.format.problems import Problem
from replay_tui.format.read import DEFAULT_MAX_BYTES, LoadedSession, parse_size, read_session
from replay_tui.words.sanitize import one_line


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_max_size(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="refuse files larger than this before reading them (default 512M; e.g. 2G)",
    )


def say(problem: Problem, out: TextIO) -> None:
    out.write(one_line(str(problem)) + "\n")


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def read_for_ui(file: str, max_bytes: int) -> LoadedSession | None:
    """Read a session to show; on errors, say them on stderr and return None."""
    loaded, problems = read_session(file, max_bytes=max_bytes, freeze=True)
    if loaded is None:
        cannot_open(file, problems)
    return loaded


def cannot_open(file: str, problems: list[Problem]) -> None:
    for problem in problems:
        if problem.severity == "error":
            say(problem, sys.stderr)
    sys.stderr.write(
        one_line(
            f"replay-tui: cannot open {file}; fix the errors above "
            f"(replay-tui check {file} lists them all)"
        )
        + "\n"
    )


SESSION_ID = re.compile(r"[A-Za-z0-9-]+")
"""What a session id looks like (the format's `Slug`): a word that is no file name."""


def session_file(target: str, max_bytes: int) -> str:
    """`target` as given, when it is a file (or cannot be a session id); else the file of the
    bundled or user session with that id (`replay-tui idf-hamas-2013-10`); `target` again
    when there is none, for the reader to say it is missing."""
    if os.path.exists(target) or SESSION_ID.fullmatch(target) is None:
        return target
    from replay_tui.user.library import find_session

    found = find_session(target, max_bytes=max_bytes)
    return str(found) if found is not None else target


def no_such_session(target: str) -> bool:
    """Say so, when `target` is neither a file nor the id of a session in the library."""
    if os.path.exists(target) or SESSION_ID.fullmatch(target) is None:
        return False
    sys.stderr.write(
        one_line(
            f"replay-tui: {target} is neither a file nor the id of a bundled or saved "
            "session; `replay-tui list` shows the ids"
        )
        + "\n"
    )
    return True
