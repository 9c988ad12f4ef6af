"""`replay-tui list [DIR...]`: every session found, bundled, in the user's folder and in DIRs.

A broken file is listed with its first problem, never a reason to hide the good ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from replay_tui.cli.common import add_max_size, command_parser
from replay_tui.export.common import inert_json
from replay_tui.user.library import Entry, scan, user_sessions_dir
from replay_tui.words.sanitize import one_line


def parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "list", "List sessions: bundled ones, the user's sessions folder, and any DIRs given."
    )
    parser.add_argument("dirs", nargs="*", metavar="DIR")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_max_size(parser)
    return parser


def run(options: argparse.Namespace) -> int:
    dirs: list[str] = options.dirs
    fmt: str = options.format
    max_bytes: int = options.max_size
    for folder in dirs:
        if not Path(folder).is_dir():
            sys.stderr.write(one_line(f"replay-tui list: {folder}: no such folder") + "\n")
            return 2
    entries = scan([Path(d) for d in dirs], max_bytes=max_bytes)
    if fmt == "json":
        rows = [
            {
                "path": str(e.path),
                "origin": e.origin,
                "ok": e.ok,
                "id": e.id,
                "title": e.title,
                "dates": e.dates,
                "posts": e.posts,
                "participants": e.participants,
                "error": e.problem.as_dict() if e.problem else None,
            }
            for e in entries
        ]
        # Names and titles from the disk: the same data, with nothing left that could act
        # on a terminal.
        sys.stdout.write(inert_json(json.dumps(rows, indent=2, ensure_ascii=False)) + "\n")
        return 0
    if not entries:
        sys.stdout.write(
            one_line(
                f"No sessions found. Put .toml or .json session files in {user_sessions_dir()} "
                "or name a folder: replay-tui list DIR"
            )
            + "\n"
        )
        return 0
    # In a pipe there is no width to fit: keep each session on one line for grep and less.
    console = Console(width=None if sys.stdout.isatty() else 1000)
    console.print(table_of(entries, console.width))
    return 0


WIDE_ENOUGH_FOR_PATHS = 120
"""Narrower than this, the last column gives where a session comes from without its path:
a session opens by its id (`replay-tui ID`), and ids are never cut."""


def table_of(entries: list[Entry], width: int) -> Table:
    """The sessions as a table for `width` columns. An id is what users type, so its column
    is never cut or wrapped; the title wraps, and narrow terminals drop the paths."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    widest_id = max((cell_len(one_line(e.id)) for e in entries), default=2)
    table.add_column("id", no_wrap=True, min_width=widest_id)
    table.add_column("title", ratio=1, min_width=12)
    table.add_column("dates", no_wrap=width >= WIDE_ENOUGH_FOR_PATHS)
    table.add_column("posts", justify="right", no_wrap=True)
    table.add_column("people", justify="right", no_wrap=True)
    paths = width >= WIDE_ENOUGH_FOR_PATHS
    table.add_column("from", overflow="fold")
    for e in entries:
        where = Text(one_line(f"{e.origin}: {e.path}" if paths else e.origin))
        if e.ok:
            table.add_row(
                Text(one_line(e.id)),
                Text(one_line(e.title)),
                Text(e.dates or "time unknown"),
                str(e.posts),
                str(e.participants),
                where,
            )
        else:
            problem = e.problem
            table.add_row(
                Text(one_line(e.id)),
                Text(one_line("cannot open: " + (problem.message if problem else "?")), "red"),
                Text(f"line {problem.line}" if problem and problem.line else ""),
                "",
                "",
                Text(one_line(f"{e.origin}: {e.path}")),
            )
    return table
