"""What every sub-command shares: the size option, problems said one to a line, and reading a
session to show, with its errors on standard error."""

from __future__ import annotations

import argparse
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
