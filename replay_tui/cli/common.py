"""What every sub-command shares: the size option, problems said one to a line, and reading a
session to show, with its errors on standard error.

`read_any` is how `replay-tui FILE`, `check`, `export` and `follow` read a file: a session is
read as one; a platform export (a twarc2 collection, an account archive, …) is imported in
memory (`replay_tui.imports`) and checked like a session, so it opens as one."""

from __future__ import annotations

import argparse
import gc
import os
import re
import stat
import sys
from typing import TextIO

from replay_tui.format.problems import Problem
from replay_tui.format.read import (
    DEFAULT_MAX_BYTES,
    EXTENSIONS,
    FREEZE_BYTES,
    LoadedSession,
    parse_size,
    read_session,
)
from replay_tui.words.sanitize import one_line


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def command_parser(
    command: str | None, description: str, epilog: str | None = None
) -> argparse.ArgumentParser:
    """The parser of `replay-tui COMMAND` (None: of `replay-tui` itself). A description or
    epilog with line breaks of its own (tables of formats, examples) keeps them as written;
    one paragraph is wrapped to the terminal's width."""
    laid_out = "\n" in description + (epilog or "")
    layout = argparse.RawDescriptionHelpFormatter if laid_out else argparse.HelpFormatter
    return argparse.ArgumentParser(
        prog="replay-tui" if command is None else f"replay-tui {command}",
        description=description,
        epilog=epilog,
        formatter_class=layout,
    )


def add_session(
    parser: argparse.ArgumentParser, dest: str, help: str, nargs: str | None = None
) -> None:
    """The positional argument naming a session: a file, or the id `replay-tui list` shows."""
    parser.add_argument(dest, nargs=nargs, metavar="FILE|SESSION_ID", help=help)


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


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """True when `a` and `b` name one existing file (a link, `./x`, another spelling): an
    output that is an input would replace what the user gave to read."""
    try:
        return os.path.exists(a) and os.path.exists(b) and os.path.samefile(a, b)
    except OSError:
        return False


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def read_for_ui(file: str, max_bytes: int) -> LoadedSession | None:
    """Read a session to show; on errors, say them on stderr and return None."""
    loaded, problems = read_any(file, max_bytes=max_bytes, freeze=True)
    if loaded is None:
        cannot_open(file, problems)
    return loaded


_SESSION_HEAD = re.compile(rb'"format"\s*:\s*"replay-tui/|^\s*format\s*=\s*["\']replay-tui/', re.M)


def read_any(
    file: str, *, max_bytes: int = DEFAULT_MAX_BYTES, freeze: bool = False, lazy: bool = False
) -> tuple[LoadedSession | None, list[Problem]]:
    """`read_session`, or for a platform export, its import checked as a session: the
    import's own problems (records skipped) first, then the checker's."""
    if not _maybe_export(file):
        return read_session(file, max_bytes=max_bytes, freeze=freeze, lazy=lazy)
    from replay_tui.imports import (  # only for a file that may be an export
        ImportOptions,
        ImportRefused,
        detect,
        formats_read,
        import_paths,
    )

    fmt = detect(file)
    if fmt is None:
        if os.path.splitext(file)[1].lower() in EXTENSIONS:
            return read_session(file, max_bytes=max_bytes, freeze=freeze, lazy=lazy)
        return None, [
            Problem(
                "error",
                "unknown-extension",
                "this is neither a session (.toml or .json) nor an export replay-tui "
                f"recognises from its content ({formats_read()}); if it is one of these, "
                "`replay-tui import FILE --format NAME` reads it as that format and names "
                "the lines it cannot read",
                file=file,
            )
        ]
    if os.path.isfile(file) and os.path.getsize(file) > max_bytes:
        return read_session(file, max_bytes=max_bytes)  # says it is too large, and how to go on
    from replay_tui.format.check import check_session

    try:
        result = import_paths([file], ImportOptions(), fmt)
    except ImportRefused as exc:
        return None, [Problem("error", "unreadable", str(exc), file=file)]
    loaded, problems = check_session(result.session, file)
    problems = result.problems + problems
    if loaded is not None:
        loaded.warnings = [p for p in problems if p.severity == "warning"]
        if freeze and os.path.isfile(file) and os.path.getsize(file) >= FREEZE_BYTES:
            gc.collect()
            gc.freeze()  # as read_session does for a large session, and for the same reason
    return loaded, problems


def _maybe_export(file: str) -> bool:
    """False for what is certainly a session (its head says so) or cannot be opened (the
    session reader then says why); True for anything that may be an export."""
    if os.path.isdir(file):
        return True
    try:
        if not stat.S_ISREG(os.stat(file).st_mode):
            return False  # a pipe or a device: never opened; the session reader says why
        with open(file, "rb") as handle:
            head = handle.read(65536)
    except OSError:
        return False
    return _SESSION_HEAD.search(head) is None


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
