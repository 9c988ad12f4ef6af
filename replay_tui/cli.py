"""The `replay-tui` command: argument parsing and the sub-commands that need no screen.

`check`, `schema`, `list` and `export` are plain Python and never import Textual (a test
proves it), so they start fast and run in pipes and CI. Opening a session loads and checks
the file here, before any App exists, so a broken file ends with a clear message and exit 1
rather than a half-drawn screen. Only then is the UI imported.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from replay_tui import __version__
from replay_tui.format.problems import Problem
from replay_tui.format.read import DEFAULT_MAX_BYTES, LoadedSession, parse_size, read_session
from replay_tui.words.sanitize import one_line

if TYPE_CHECKING:
    import argparse

# argparse, json and pathlib are imported where they are used: `replay-tui check FILE`
# needs none of them, and starts measurably faster without them (bench/run.py compares
# the whole process with a bare msgspec decode, and at 1,000 posts the start is most of it).

COMMANDS = ("check", "schema", "list", "export", "follow")


def _size(text: str) -> int:
    import argparse

    try:
        return parse_size(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_max_size(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="refuse files larger than this before reading them (default 512M; e.g. 2G)",
    )


def _parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="replay-tui",
        description=(
            "Replay a curated social-media exchange in the terminal, post by post. "
            "With no arguments, pick one of the sessions found by `replay-tui list`."
        ),
        epilog=(
            "sub-commands: check FILE..., schema, list [DIR...], export FILE --to FORMAT, "
            "follow [FILE|SESSION_ID]  "
            "(see replay-tui CMD --help)"
        ),
    )
    parser.add_argument("file", nargs="?", help="a session file (.toml or .json) to open")
    parser.add_argument(
        "--from-start", action="store_true", help="start at the first post, not where you left off"
    )
    parser.add_argument("--version", action="version", version=f"replay-tui {__version__}")
    _add_max_size(parser)
    return parser


def _command_parser(command: str) -> argparse.ArgumentParser:
    import argparse

    if command == "check":
        parser = argparse.ArgumentParser(
            prog="replay-tui check",
            description="Check session files and report every error and warning, one per line.",
        )
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--strict", action="store_true", help="warnings fail the check too")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        _add_max_size(parser)
    elif command == "schema":
        parser = argparse.ArgumentParser(
            prog="replay-tui schema",
            description="Print the JSON Schema of the session format (for editors and checks).",
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    elif command == "export":
        parser = _export_parser()
    elif command == "follow":
        parser = _follow_parser()
    else:
        parser = argparse.ArgumentParser(
            prog="replay-tui list",
            description=(
                "List sessions: bundled ones, the user's sessions folder, and any DIRs given."
            ),
        )
        parser.add_argument("dirs", nargs="*", metavar="DIR")
        parser.add_argument("--format", choices=("text", "json"), default="text")
        _add_max_size(parser)
    return parser


EXPORT_FORMATS = ("markdown", "html", "timelinejs", "text", "json")
"""The names `--to` takes; the same as `export.FORMATS`, written out so that `--help` does not
import the exporters."""


def _format_name(text: str) -> str:
    import argparse

    name = text.strip().lower()
    if name in EXPORT_FORMATS:
        return name
    if name.isdigit():
        raise argparse.ArgumentTypeError(
            f"--to names the format ({', '.join(EXPORT_FORMATS)}); to end the slice at post "
            f"{name}, use --until {name}"
        )
    raise argparse.ArgumentTypeError(
        f"unknown format {text!r}: choose one of {', '.join(EXPORT_FORMATS)}"
    )


def _post_number(text: str) -> int:
    import argparse

    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a post number: posts are numbered from 1, as the replay shows them"
        )
    return number


def _export_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="replay-tui export",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Export a session, or part of it, for use outside the replayer.\n\n"
            "formats (--to):\n"
            "  markdown    a handout: posts with honest times, sources, context and press\n"
            "  html        the same handout as one self-contained page, readable when printed\n"
            "  timelinejs  a TimelineJS3 JSON document (posts with no known time are listed\n"
            "              on its title slide instead of being given a date)\n"
            "  text        a plain transcript for screen readers and pipes\n"
            "  json        the session in its own format, with derived values beside it"
        ),
        epilog=(
            "--to always names the format. A slice is --from N and --until M: post numbers as\n"
            "the replay shows them (1 is the first post), both included; either may be left\n"
            "out. --bookmarks-only keeps only the posts bookmarked in the replayer (within the\n"
            "slice, if one is given). Media with a content warning is shown by its warning\n"
            "only, in every format, unless --reveal-sensitive is given.\n\n"
            "examples:\n"
            "  replay-tui export idf.toml --to html -o handout.html\n"
            "  replay-tui export idf.toml --to markdown --from 2 --until 5\n"
            "  replay-tui export idf.toml --to text | less"
        ),
    )
    parser.add_argument("file", metavar="FILE", help="the session file (.toml or .json)")
    parser.add_argument(
        "--to",
        dest="format",
        required=True,
        type=_format_name,
        metavar="FORMAT",
        help="the format: " + ", ".join(EXPORT_FORMATS),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write to OUT (replaced atomically) instead of stdout; - is stdout",
    )
    parser.add_argument(
        "--from", dest="first", type=_post_number, metavar="N", help="start at post N (1-based)"
    )
    parser.add_argument(
        "--until", dest="last", type=_post_number, metavar="M", help="end at post M (included)"
    )
    parser.add_argument(
        "--bookmarks-only", action="store_true", help="only the posts bookmarked in the replayer"
    )
    parser.add_argument(
        "--reveal-sensitive",
        action="store_true",
        help="include descriptions of media that carry a content warning",
    )
    parser.add_argument(
        "--presenter-notes",
        action="store_true",
        help="include the session's presenter notes (left out by default)",
    )
    _add_max_size(parser)
    return parser


def _follow_parser() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="replay-tui follow",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Show what a presenter shows: follow a replay-tui running in another terminal on\n"
            "this machine. Keep the presenter (with its notes, P) on a laptop and project the\n"
            "follower: it moves when the presenter moves and mirrors the focus view, guess mode\n"
            "and revealed content warnings, never the presenter notes. It takes no keys but\n"
            "? and q."
        ),
        epilog=(
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
    parser.add_argument(
        "target",
        nargs="?",
        metavar="FILE|SESSION_ID",
        help="a session file (.toml or .json) or a session id; default: the latest presenter",
    )
    _add_max_size(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            command = args[0]
            if command == "check" and args[1:] and not any(a.startswith("-") for a in args[1:]):
                # Only files: what argparse would make of them, without importing it (and
                # gettext, locale and shutil with it) for the commonest call.
                return cmd_check(args[1:], False, "text", DEFAULT_MAX_BYTES)
            options = _command_parser(command).parse_args(args[1:])
            if command == "check":
                return cmd_check(options.files, options.strict, options.format, options.max_size)
            if command == "schema":
                return cmd_schema(options.output)
            if command == "export":
                if (
                    options.first is not None
                    and options.last is not None
                    and options.first > options.last
                ):
                    _export_parser().error(
                        f"--from {options.first} is after --until {options.last}: "
                        "a slice runs forward"
                    )
                return cmd_export(
                    options.file,
                    options.format,
                    options.output,
                    first=options.first,
                    last=options.last,
                    bookmarks_only=options.bookmarks_only,
                    reveal_sensitive=options.reveal_sensitive,
                    presenter_notes=options.presenter_notes,
                    max_bytes=options.max_size,
                )
            if command == "follow":
                return cmd_follow(options.target, options.max_size)
            return cmd_list(options.dirs, options.format, options.max_size)
        options = _parser().parse_args(args)
        return cmd_open(options.file, options.from_start, options.max_size)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`); that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


_ending: list[object] | None = None
"""Under `run`: what is never to be freed, because the process ends first (see there)."""


def run() -> NoReturn:
    """What the `replay-tui` command runs (through `__main__.run`): `main`, then end the
    process with `os._exit` once stdout and stderr are flushed.

    A normal exit frees every object one by one before the process ends: after checking a
    million posts that is a tenth of a second or more of pure waste, since the kernel takes
    the memory back at once anyway (mypy ends the same way). `cmd_check` keeps the last
    session it read in `_ending` for that reason (freeing it on return would cost as much).
    Nothing needs the teardown: replay-tui registers no atexit handler and has written its
    files (`store.write_atomic`) before `main` returns; the app has restored the terminal
    by the time `run_app` returns, and a worker thread still running then (a search index
    being built) is work nobody waits for. `main` itself stays an ordinary function, for
    callers (the tests) that go on after it.
    """
    global _ending
    _ending = []
    try:
        code = main()
    except SystemExit as exc:
        code = _exit_status(exc.code)
    os._exit(_flushed(code))


def _exit_status(code: object) -> int:
    """The status `sys.exit(code)` ends a process with."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"{code}\n")
    return 1


def _flushed(code: int) -> int:
    """Flush stdout and stderr; the exit status, 120 as Python's own exit gives if output
    could not be written. A reader that went away (`| head`) is no error of ours."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None or stream.closed:
            continue
        try:
            stream.flush()
        except BrokenPipeError:
            pass
        except (OSError, ValueError):
            code = 120
    return code


def _say(problem: Problem, out: TextIO) -> None:
    out.write(one_line(str(problem)) + "\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def cmd_check(files: list[str], strict: bool, fmt: str, max_bytes: int) -> int:
    """Check each file; exit 1 on any error (or warning, with --strict), else 0."""
    # Per file, what its report says: not the session, so that a big one is let go before
    # the next file is read.
    results: list[tuple[str, list[Problem], tuple[int, int, int] | None]] = []
    errors = warnings = 0
    loaded: LoadedSession | None = None
    # Checking makes millions of objects and no reference cycle: the collector would only
    # rescan them (and `read_session` would spend a full collection on freezing a big
    # session out of its sight, for a process that lets the session go right after).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for file in files:
            loaded = None
            loaded, problems = read_session(file, max_bytes=max_bytes, lazy=True)
            errors += sum(p.severity == "error" for p in problems)
            warnings += sum(p.severity == "warning" for p in problems)
            counts = None
            if loaded is not None:
                s = loaded.session
                counts = (len(s.posts), len(s.participants), len(s.sources))
            results.append((file, problems, counts))
    finally:
        if _ending is not None:
            # The process ends right after (see `run`): the last session is never freed,
            # and the collector stays off rather than make a first pass over it.
            _ending.append(loaded)
        else:
            loaded = None
            if collecting:
                gc.enable()
    failed = errors > 0 or (strict and warnings > 0)
    if fmt == "json":
        import json

        document = {
            "format": "replay-tui-check/1",
            "ok": not failed,
            "errors": errors,
            "warnings": warnings,
            "files": [
                {
                    "file": file,
                    "ok": counts is not None and not (strict and problems),
                    "posts": counts[0] if counts else None,
                    "problems": [p.as_dict() for p in problems],
                }
                for file, problems, counts in results
            ],
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
        return 1 if failed else 0
    for file, problems, counts in results:
        for problem in problems:
            _say(problem, sys.stdout)
        if counts is not None and not problems:
            posts, people, sources = counts
            sys.stdout.write(
                one_line(
                    f"{file}: ok ({_count(posts, 'post')}, "
                    f"{_count(people, 'participant')}, "
                    f"{_count(sources, 'source')})"
                )
                + "\n"
            )
    if len(files) > 1 or errors or warnings:
        sys.stderr.write(
            f"{_count(len(files), 'file')} checked: {_count(errors, 'error')}, "
            f"{_count(warnings, 'warning')}"
            + (" (--strict: warnings fail)" if strict and warnings and not errors else "")
            + "\n"
        )
    return 1 if failed else 0


def cmd_schema(output: str | None) -> int:
    import json
    from pathlib import Path

    from replay_tui.format.model import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return 0
    from replay_tui.user.store import write_atomic

    try:
        write_atomic(Path(output), text.encode("utf-8"))
    except OSError as exc:
        sys.stderr.write(f"replay-tui schema: cannot write {output}: {exc.strerror or exc}\n")
        return 1
    sys.stderr.write(f"wrote the JSON Schema to {output}\n")
    return 0


def cmd_export(
    file: str,
    fmt: str,
    output: str | None,
    *,
    first: int | None = None,
    last: int | None = None,
    bookmarks_only: bool = False,
    reveal_sensitive: bool = False,
    presenter_notes: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> int:
    """Export a session to stdout or OUT; every failure is one line on stderr and exit 1."""

    def fail(message: str) -> int:
        sys.stderr.write(one_line(f"replay-tui export: {message}") + "\n")
        return 1

    loaded, problems = read_session(file, max_bytes=max_bytes, freeze=True)
    if loaded is None:
        errors = [p for p in problems if p.severity == "error"]
        first_error = errors[0] if errors else None
        where = f"line {first_error.line}: " if first_error and first_error.line else ""
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        what = first_error.message if first_error else "it could not be read"
        return fail(
            f"cannot export {file}: {where}{what}{more}; `replay-tui check {file}` lists "
            "every problem"
        )
    from replay_tui.export import ExportError, ExportOptions, bookmarked_posts, export, select_posts

    try:
        only = None
        if bookmarks_only:
            only = frozenset(bookmarked_posts(loaded.session.id))
            if not only:
                return fail(
                    f"no posts are bookmarked in the session {loaded.session.id!r}; bookmark "
                    "posts in the replayer first, or leave out --bookmarks-only"
                )
        options = ExportOptions(
            first=first,
            last=last,
            only=only,
            reveal_sensitive=reveal_sensitive,
            presenter_notes=presenter_notes,
        )
        text = export(loaded, fmt, options)
        chosen = select_posts(loaded, options)
    except ExportError as exc:
        return fail(str(exc))
    data = text.encode("utf-8")
    if output is None or output == "-":
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(text)
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        return 0
    from pathlib import Path

    from replay_tui.user.store import write_atomic

    try:
        write_atomic(Path(output), data)
    except OSError as exc:
        return fail(f"cannot write {output}: {exc.strerror or exc}")
    count = len(chosen)
    message = f"wrote {count} post{'s' if count != 1 else ''} as {fmt} to {output}"
    if fmt == "timelinejs":
        unplaced = sum(1 for i in chosen if loaded.times[i] is None)
        if unplaced:
            message += (
                f"; {unplaced} with unknown time {'is' if unplaced == 1 else 'are'} listed on "
                "the title slide, not placed on the timeline"
            )
    sys.stderr.write(one_line(message) + "\n")
    return 0


def cmd_list(dirs: list[str], fmt: str, max_bytes: int) -> int:
    import json
    from pathlib import Path

    from replay_tui.user.library import scan

    for folder in dirs:
        if not Path(folder).is_dir():
            sys.stderr.write(f"replay-tui list: {folder}: no such folder\n")
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
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return 0
    if not entries:
        from replay_tui.user.library import user_sessions_dir

        sys.stdout.write(
            f"No sessions found. Put .toml or .json session files in {user_sessions_dir()} "
            "or name a folder: replay-tui list DIR\n"
        )
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

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
                Text(f"{e.origin}: {e.path}"),
            )
        else:
            problem = e.problem
            table.add_row(
                Text(one_line(e.id)),
                Text(one_line("cannot open: " + (problem.message if problem else "?")), "red"),
                Text(f"line {problem.line}" if problem and problem.line else ""),
                "",
                "",
                Text(f"{e.origin}: {e.path}"),
            )
    # In a pipe there is no width to fit: keep each session on one line for grep and less.
    console = Console(width=None if sys.stdout.isatty() else 1000)
    console.print(table)
    return 0


def cmd_follow(
    target: str | None, max_bytes: int = DEFAULT_MAX_BYTES, *, wait: float | None = None
) -> int:
    """Follow a presenter (see `replay-tui follow --help`); the session is read and checked
    here, before any App, like `replay-tui FILE`. `wait` bounds the wait for a presenter (in
    seconds; None waits until ctrl+c)."""
    from pathlib import Path

    from replay_tui.user.follow import (
        FollowError,
        presence_path,
        runtime_folder,
        wait_for_presenter,
    )

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
        loaded = _read_for_ui(target, max_bytes)
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
            presence = wait_for_presenter(target, folder=folder, timeout=wait)
        if presence is None:
            sys.stderr.write("replay-tui follow: no presenter started\n")
            return 1
        loaded = _read_for_ui(presence.file, max_bytes)
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
    from replay_tui.ui.app import run_app

    code, _ = run_app(
        loaded=loaded, max_bytes=max_bytes, follow=presence_path(loaded.session.id, folder)
    )
    return code


def _read_for_ui(file: str, max_bytes: int) -> LoadedSession | None:
    """Read a session to show; on errors, say them on stderr and return None."""
    loaded, problems = read_session(file, max_bytes=max_bytes, freeze=True)
    if loaded is None:
        _cannot_open(file, problems)
    return loaded


def _cannot_open(file: str, problems: list[Problem]) -> None:
    for problem in problems:
        if problem.severity == "error":
            _say(problem, sys.stderr)
    sys.stderr.write(
        f"replay-tui: cannot open {file}; fix the errors above "
        f"(replay-tui check {file} lists them all)\n"
    )


def cmd_open(file: str | None, from_start: bool, max_bytes: int) -> int:
    """Open a session (or the picker) in the terminal UI.

    A large JSON file opens on its preview while it is checked (`opening.preview`); any
    other file is checked first, so a broken one never starts the app."""
    loaded = None
    preview = None
    if file is not None:
        from replay_tui.format.preview import preview as read_preview

        preview = read_preview(file, max_bytes=max_bytes)
        if preview is None:
            loaded = _read_for_ui(file, max_bytes)
            if loaded is None:
                return 1
    from replay_tui.ui.app import run_app

    code, problems = run_app(
        loaded=loaded, preview=preview, from_start=from_start, max_bytes=max_bytes
    )
    if problems and file is not None:
        _cannot_open(file, problems)
    return code
