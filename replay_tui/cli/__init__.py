"""The `replay-tui` command: one module per sub-command, and the dispatch between them.

`replay-tui FILE` opens a session (`open`); a first word that names a sub-command runs that
module instead. Each module has `parser()` and `run(options) -> int` (the exit status), so a
new sub-command is a new module and one line in `COMMANDS`. `check`, `schema`, `list` and
`export` never import Textual (a test proves it): they start fast and run in pipes and CI.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

COMMANDS = {
    "check": "replay_tui.cli.check",
    "schema": "replay_tui.cli.schema",
    "list": "replay_tui.cli.listing",
    "export": "replay_tui.cli.export",
    "follow": "replay_tui.cli.follow",
    "import": "replay_tui.cli.importing",
}
"""Sub-commands by the first word of the command line, each the module that runs it."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line `argv` (default: `sys.argv[1:]`); the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    name = COMMANDS.get(args[0]) if args else None
    if name is None:
        name, rest = "replay_tui.cli.open", args
    else:
        rest = args[1:]
    command = importlib.import_module(name)
    try:
        options = command.parser().parse_args(rest)
        status: int = command.run(options)
        return status
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _reader_gone()
        return 0


def run() -> NoReturn:
    """What the `replay-tui` command runs: `main`, then exit with its status."""
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _reader_gone()
    sys.exit(status)


def _reader_gone() -> None:
    """The reader of our output went away (`| head`): no error of ours. Point stdout at
    nothing so that the interpreter's own flush at exit does not complain (as Python's
    documentation advises for SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
