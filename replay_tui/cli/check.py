"""`replay-tui check FILE...`: every error and warning of each file, one to a line.

Plain Python, no Textual: it runs in pipes and CI, and exits 1 when a file has an error (or a
warning, with `--strict`)."""

from __future__ import annotations

import argparse
import sys

from replay_tui.cli.common import (
    add_max_size,
    add_session,
    command_parser,
    count,
    read_any,
    say,
    session_file,
)
from replay_tui.format.guard import tally
from replay_tui.format.problems import Problem
from replay_tui.words.sanitize import one_line


def parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "check",
        "Check session files (or platform exports, imported in memory) and report every "
        "error and warning, one per line.",
    )
    add_session(parser, "files", "session files, or ids of bundled or saved sessions", "+")
    parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    add_max_size(parser)
    return parser


def run(options: argparse.Namespace) -> int:
    files = [session_file(f, options.max_size) for f in options.files]
    return check(files, options.strict, options.format, options.max_size)


def check(files: list[str], strict: bool, fmt: str, max_bytes: int) -> int:
    """Check each file; exit 1 on any error (or warning, with --strict), else 0."""
    # Per file, what its report says: not the session, so that a big one is let go before
    # the next file is read.
    results: list[tuple[str, list[Problem], tuple[int, int, int] | None]] = []
    errors = warnings = 0
    complete = True
    for file in files:
        # Frozen: else the collector's first pass after reading goes over every tuple
        # the session holds (0.2 s at a million posts) only to find them all alive.
        loaded, problems = read_any(file, max_bytes=max_bytes, lazy=True, freeze=True)
        found = tally(problems)
        errors += found.errors
        warnings += found.warnings
        complete = complete and found.complete
        counts = None
        if loaded is not None:
            counts = (
                len(loaded.session.posts),
                len(loaded.session.participants),
                len(loaded.session.sources),
            )
        results.append((file, problems, counts))
        del loaded  # the last reference to the session: freed here, not with the next
    failed = errors > 0 or (strict and warnings > 0)
    if fmt == "json":
        import json  # only for --format json: not at every start

        document = {
            "format": "replay-tui-check/1",
            "ok": not failed,
            "errors": errors,
            "warnings": warnings,
            "complete": complete,
            "files": [
                {
                    "file": file,
                    "ok": counts is not None and not (strict and problems),
                    "posts": counts[0] if counts else None,
                    "complete": tally(problems).complete,
                    "problems": [p.as_dict() for p in problems],
                }
                for file, problems, counts in results
            ],
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
        return 1 if failed else 0
    for file, problems, counts in results:
        for problem in problems:
            say(problem, sys.stdout)
        if counts is not None and not problems:
            posts, people, sources = counts
            sys.stdout.write(
                one_line(
                    f"{file}: ok ({count(posts, 'post')}, "
                    f"{count(people, 'participant')}, "
                    f"{count(sources, 'source')})"
                )
                + "\n"
            )
    if len(files) > 1 or errors or warnings:
        sys.stderr.write(
            f"{count(len(files), 'file')} checked: {count(errors, 'error')}"
            + ("" if complete else " or more (reading stopped early)")
            + f", {count(warnings, 'warning')}"
            + (" (--strict: warnings fail)" if strict and warnings and not errors else "")
            + "\n"
        )
    return 1 if failed else 0
