"""The README's list of commands is where a newcomer looks first: every sub-command the
command line has is in it, and each document it points to exists."""

from __future__ import annotations

import re
from pathlib import Path

from replay_tui.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands_block() -> str:
    at = README.index("## Commands")
    start = README.index("```sh\n", at)
    return README[start : README.index("```\n", start + 6)]


def test_every_sub_command_is_in_the_readmes_list() -> None:
    block = commands_block()
    for name in COMMANDS:
        assert f"replay-tui {name} " in block or f"replay-tui {name}\n" in block, name


def test_the_import_guide_is_linked_and_every_linked_document_exists() -> None:
    assert "(docs/import.md)" in README
    for target in re.findall(r"\]\(((?:docs|bench)/[^)#]+)", README):
        assert (ROOT / target).is_file(), target
