"""`replay-tui list [DIR...]`: every session found, bundled, in the user's folder and in DIRs.

A broken file is listed with its first problem, never a reason to hide the good ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from replay_tui.cli.common import add_max_size
from replay_tui.export.common import inert_json
from replay_tui.user.library import scan, user_sessions_dir
from replay_tui.words.sanitize import one_line


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="replay-tui list",
        description="List sessions: bundled ones, the user's sessions folder, and any DIRs given.",
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
    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("id", "title", "dates", "posts", "people", "from"):
        table.add_column(column, justify="right" if column in ("posts", "people") else "left")
    for e in entries:
        if e.ok:
            table.add_row(
                Text(one_line(e.id)),
                Text(one_line(e.title)),
                Text(e.dates or "time unknown"),
                str(e.posts),
                str(e.participants),
                Text(one_line(f"{e.origin}: {e.path}")),
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
    # In a pipe there is no width to fit: keep each session on one line for grep and less.
    console = Console(width=None if sys.stdout.isatty() else 1000)
    console.print(table)
    return 0
