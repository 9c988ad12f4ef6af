"""`replay-tui export FILE --to FORMAT`: a session, or a slice of it, as a document or data.

Every failure is one line on standard error and exit 1; the text goes to standard output or,
with `-o`, to a file written atomically.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from replay_tui.cli.common import (
    add_max_size,
    add_session,
    command_parser,
    no_such_session,
    read_any,
    same_file,
    session_file,
)
from replay_tui.export import (
    FORMATS,
    ExportError,
    ExportOptions,
    bookmarked_posts,
    export,
    select_posts,
)
from replay_tui.format.read import DEFAULT_MAX_BYTES
from replay_tui.user.store import OutputError, write_output
from replay_tui.words.sanitize import one_line

EXPORT_FORMATS: tuple[str, ...] = tuple(FORMATS)
"""The names `--to` takes."""


def _format_name(text: str) -> str:
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
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a post number: posts are numbered from 1, as the replay shows them"
        )
    return number


def parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "export",
        (
            "Export a session, or part of it, for use outside the replayer.\n\n"
            "formats (--to):\n"
            "  markdown    a handout: posts with honest times, sources, context and press\n"
            "  html        the same handout as one self-contained page, readable when printed\n"
            "  timelinejs  a TimelineJS3 JSON document (posts with no known time are listed\n"
            "              on its title slide instead of being given a date)\n"
            "  timelinejs-page  one web page showing that document in TimelineJS (loaded\n"
            "              from cdn.knightlab.com, pinned, with subresource integrity)\n"
            "  text        a plain transcript for screen readers and pipes\n"
            "  json        the session in its own format, with derived values beside it"
        ),
        (
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
    add_session(
        parser,
        "file",
        "the session file (.toml or .json), the id of a bundled or saved session, or an "
        "export to import",
    )
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
        help=(
            "write to OUT instead of stdout (- is stdout); its folder must exist, and an "
            "existing OUT is replaced only with --force"
        ),
    )
    parser.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (never done unasked)"
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
    add_max_size(parser)
    return parser


def run(options: argparse.Namespace) -> int:
    if options.first is not None and options.last is not None and options.first > options.last:
        parser().error(
            f"--from {options.first} is after --until {options.last}: a slice runs forward"
        )
    chosen = ExportOptions(
        first=options.first,
        last=options.last,
        reveal_sensitive=options.reveal_sensitive,
        presenter_notes=options.presenter_notes,
    )
    return export_session(
        options.file,
        options.format,
        options.output,
        chosen,
        bookmarks_only=options.bookmarks_only,
        max_bytes=options.max_size,
        force=options.force,
    )


def export_session(
    file: str,
    fmt: str,
    output: str | None,
    options: ExportOptions,
    *,
    bookmarks_only: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    force: bool = False,
) -> int:
    """Export a session to stdout or OUT (replaced only with `force`); every failure is one
    line on stderr and exit 1. With `bookmarks_only`, the posts bookmarked in the replayer
    are those `options` keeps (within its slice)."""

    def fail(message: str) -> int:
        sys.stderr.write(one_line(f"replay-tui export: {message}") + "\n")
        return 1

    file = session_file(file, max_bytes)
    if no_such_session(file):
        return 1
    if output not in (None, "-") and same_file(output, file):  # --force or not
        return fail(
            f"{output} is the session being exported; writing there would replace it: "
            "name another output file"
        )
    loaded, problems = read_any(file, max_bytes=max_bytes, freeze=True)
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
    try:
        if bookmarks_only:
            only = frozenset(bookmarked_posts(loaded.session.id))
            if not only:
                return fail(
                    f"no posts are bookmarked in the session {loaded.session.id!r}; bookmark "
                    "posts in the replayer first, or leave out --bookmarks-only"
                )
            options = replace(options, only=only)
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
    try:
        write_output(Path(output), data, force=force)
    except OutputError as exc:
        return fail(str(exc))
    count = len(chosen)
    message = f"wrote {count} post{'s' if count != 1 else ''} as {fmt} to {output}"
    if fmt in ("timelinejs", "timelinejs-page"):
        unplaced = sum(1 for i in chosen if loaded.times[i] is None)
        if unplaced:
            message += (
                f"; {unplaced} with unknown time {'is' if unplaced == 1 else 'are'} listed on "
                "the title slide, not placed on the timeline"
            )
    sys.stderr.write(one_line(message) + "\n")
    return 0
