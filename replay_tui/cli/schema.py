"""`replay-tui schema`: the JSON Schema of the session format, for editors and outside checks."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from replay_tui.cli.common import command_parser
from replay_tui.format.model import json_schema
from replay_tui.user.store import OutputError, write_output
from replay_tui.words.sanitize import one_line


def parser() -> argparse.ArgumentParser:
    parser = command_parser(
        "schema", "Print the JSON Schema of the session format (for editors and checks)."
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never done unasked)"
    )
    return parser


def run(options: argparse.Namespace) -> int:
    output: str | None = options.output
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_output(Path(output), text.encode("utf-8"), force=options.force)
    except OutputError as exc:
        sys.stderr.write(one_line(f"replay-tui schema: {exc}") + "\n")
        return 1
    sys.stderr.write(one_line(f"wrote the JSON Schema to {output}") + "\n")
    return 0
