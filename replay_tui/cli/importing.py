"""`replay-tui import INPUT... [-o OUT]`: a platform export as a checked session file.

Plain Python, no Textual: it runs in pipes. The format of each input is recognised from its
content (`--format` overrides); the options cut a big collection down. The session goes to
OUT (TOML for `.toml`, JSON for `.json`), written atomically and never over an existing file
without `--force`, or as JSON to standard output. What was skipped, and the counts, go to
standard error; a bar shows progress there for large inputs when it is a terminal.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path

from replay_tui.cli.common import command_parser, count, same_file, say
from replay_tui.format.check import check_session
from replay_tui.format.times import Precision, TimeError, ZoneError, parse, zone
from replay_tui.imports import (
    FORMATS,
    ImportOptions,
    ImportRefused,
    ImportResult,
    encode,
    import_paths,
)
from replay_tui.user.store import write_atomic
from replay_tui.words.sanitize import one_line

SHOWN_PROBLEMS = 50
"""At most this many skipped records are listed one by one; the count says the rest."""
PROGRESS_BYTES = 8 * 1024 * 1024
"""Inputs at least this large get a progress bar (when standard error is a terminal)."""


def parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "import",
        (
            "Import a platform export as a session: texts, times and links as the export "
            "records them, each input file named as an archive source with its SHA-256.\n\n"
            "formats (recognised from the content; --format forces one):\n"
            + "\n".join(f"  {name:16} {module.LABEL}" for name, module in FORMATS.items())
        ),
        (
            "--since and --until take a time as sessions write them (2015-03-12, "
            "2015-03-12T20:00, 2015-03-12T20:00:00Z), read in --timezone; --until includes "
            "what it names (--until 2015-03-12 keeps that whole day). Posts the kept ones "
            "reply to or quote are kept too, so every link resolves.\n\n"
            "examples:\n"
            "  replay-tui import askhamas.jsonl -o askhamas.toml --timezone Asia/Gaza\n"
            "  replay-tui import twitter-archive.zip --since 2015-03 -o mine.json\n"
            "  replay-tui import collection.jsonl --thread 576123471769546752 | jq ."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="export files, zips or folders")
    parser.add_argument("-o", "--output", metavar="OUT", help="the session file (.toml or .json)")
    parser.add_argument("--format", choices=tuple(FORMATS), help="read every input as this format")
    parser.add_argument("--force", action="store_true", help="replace OUT if it exists")
    cut = parser.add_argument_group("cutting the export down")
    cut.add_argument(
        "--thread",
        metavar="POST",
        help="the conversation containing POST: its link or id (a Bluesky post: its "
        "bsky.app link, the key at its end, or its at:// URI)",
    )
    cut.add_argument("--since", metavar="TIME", help="posts at or after TIME")
    cut.add_argument("--until", metavar="TIME", help="posts up to TIME (included)")
    cut.add_argument("--author", metavar="HANDLE", help="posts by HANDLE")
    cut.add_argument("--hashtag", metavar="TAG", help="posts carrying #TAG")
    own = parser.add_argument_group("the session")
    own.add_argument("--id", metavar="ID", help="its id (letters, digits and '-')")
    own.add_argument("--title", metavar="TEXT", help="its title")
    own.add_argument(
        "--timezone", metavar="ZONE", default="UTC", help="the zone times are shown in (UTC)"
    )
    return parser


def run(options: argparse.Namespace) -> int:
    try:
        import_options = _options(options)
    except ValueError as exc:
        parser().error(str(exc))
    return import_command(
        options.inputs, import_options, options.output, options.format, options.force
    )


def _options(options: argparse.Namespace) -> ImportOptions:
    try:
        tz = zone(options.timezone)
    except ZoneError as exc:
        raise ValueError(f"--timezone: {exc}") from None
    if options.id is not None and not options.id.replace("-", "").isalnum():
        raise ValueError(f"--id {options.id!r}: use only letters, digits and '-'")
    since = until = None
    try:
        if options.since:
            since = parse(options.since, tz).instant
        if options.until:
            moment = parse(options.until, tz)
            until = _end_of(moment.instant, moment.precision)
    except TimeError as exc:
        raise ValueError(f"--since/--until: {exc}") from None
    return ImportOptions(
        thread=options.thread,
        since=since,
        until=until,
        author=options.author,
        hashtag=options.hashtag,
        id=options.id,
        title=options.title,
        timezone=options.timezone,
    )


def _end_of(start: datetime, precision: Precision) -> datetime:
    """The first instant after the period `start` names at `precision`."""
    if precision == Precision.YEAR:
        return start.replace(year=start.year + 1)
    if precision == Precision.MONTH:
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    if precision == Precision.DAY:
        return start + timedelta(days=1)
    if precision == Precision.MINUTE:
        return start + timedelta(minutes=1)
    return start + timedelta(seconds=1)


def import_command(
    inputs: list[str],
    options: ImportOptions,
    output: str | None,
    fmt: str | None = None,
    force: bool = False,
) -> int:
    """Import `inputs` to `output` (stdout when None or '-'); the exit status."""

    def fail(message: str) -> int:
        sys.stderr.write(one_line(f"replay-tui import: {message}") + "\n")
        return 1

    target = None if output in (None, "-") else Path(str(output))
    if target is not None:
        if target.suffix.lower() not in (".toml", ".json"):
            return fail(f"{output}: a session file must end in .toml or .json")
        if any(same_file(target, i) for i in inputs):
            return fail(f"{output} is one of the inputs; choose another output file")
        if target.exists() and not force:
            return fail(f"{output} exists; pass --force to replace it")
    try:
        result = _run_import(inputs, options, fmt)
    except ImportRefused as exc:
        return fail(str(exc))
    for problem in result.problems[:SHOWN_PROBLEMS]:
        say(problem, sys.stderr)
    if len(result.problems) > SHOWN_PROBLEMS:
        sys.stderr.write(f"… and {len(result.problems) - SHOWN_PROBLEMS} more not shown\n")
    if not result.session.posts:
        cuts = _cuts(options)
        if cuts:  # the likelier cause, and what to do about it
            return fail(
                f"no posts to write: none matches {cuts} (or the export holds none); check "
                f"the value or leave the option out: {_counts(result)}"
            )
        return fail("no posts to write: " + _counts(result))
    _, problems = check_session(result.session, output or "<stdout>")
    errors = [p for p in problems if p.severity == "error"]
    if errors:  # a bug of ours, not of the export: say so rather than write a broken file
        for problem in errors[:SHOWN_PROBLEMS]:
            say(problem, sys.stderr)
        return fail("the imported session does not pass the checker; please report this")
    data = encode(result.session, target.suffix if target is not None else ".json")
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        try:
            write_atomic(target, data)
        except OSError as exc:
            return fail(f"cannot write {output}: {exc.strerror or exc}")
    where = f" to {output}" if target is not None else ""
    sys.stderr.write(one_line(f"imported{where}: {_counts(result)}") + "\n")
    return 0


def _cuts(options: ImportOptions) -> str:
    """The cuts asked for, in words: '--author nobody and --since'."""
    given = [
        f"--{name} {value}"
        for name, value in (
            ("thread", options.thread),
            ("author", options.author),
            ("hashtag", options.hashtag),
        )
        if value is not None
    ]
    given += [f"--{name}" for name in ("since", "until") if getattr(options, name) is not None]
    return " and ".join(given)


def _counts(result: ImportResult) -> str:
    """The summary: what was imported, what was really left out (records skipped, counted
    by the import, not by its warnings), and apart from it the warnings about what was
    kept, which left nothing out."""
    other = sum(p.code == "not-posts" for p in result.problems)
    api = sum(p.code == "api-error" for p in result.problems)
    unread = len({p.file for p in result.problems if p.code == "unread"})
    text = (
        f"{count(result.imported, 'post')}, "
        f"{count(result.placeholders, 'placeholder')} (posts referenced but absent), "
        f"{count(result.reposts, 'repost')}; {count(result.skipped, 'record')} skipped"
    )
    if other:
        text += f", {count(other, 'line')} of records that are not posts"
    if api:
        text += f", {count(api, 'page')} with API errors"
    if unread:
        text += f", {count(unread, 'file')} not read to the end"
    if result.warnings:
        text += f"; {count(result.warnings, 'warning')} about what was kept"
    return text


def _run_import(inputs: list[str], options: ImportOptions, fmt: str | None) -> ImportResult:
    total = 0
    for name in inputs:
        path = Path(name)
        if path.is_file():
            total += path.stat().st_size
    if total < PROGRESS_BYTES or not sys.stderr.isatty():
        return import_paths(inputs, options, fmt)
    from rich.console import Console  # only for the bar
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("importing", total=total)

        def progress(done: int, whole: int) -> None:
            bar.update(task, completed=done, total=whole)

        return import_paths(inputs, options, fmt, progress)
