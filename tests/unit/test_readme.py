"""The README's list of commands is where a newcomer looks first: every sub-command the
command line has is in it, and each document it points to exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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


def test_the_gaps_the_readme_quotes_are_the_apps_words() -> None:
    """The README describes the timeline's gaps by quoting them: they are what
    `compact_gap` writes, not an abbreviation the screen never shows."""
    from datetime import UTC

    from replay_tui.format.times import parse
    from replay_tui.words.zones import compact_gap

    def gap(a: str, b: str) -> str:
        return compact_gap(parse(a, UTC), parse(b, UTC), UTC, "en")

    said = re.search(r'previous post \("([^"]+)", "([^"]+)"\)', README)
    assert said is not None
    assert said.groups() == (
        gap("2013-10-22", "2013-10-22"),
        gap("2015-03-12T20:00", "2015-03-12T20:04"),
    )


def test_the_post_screenshot_is_described_as_what_it_shows() -> None:
    """Its alt text names the post and the count of the session it shows."""
    from replay_tui.format.read import load_session

    posts = load_session(ROOT / "sessions" / "idf-hamas-2013-10.toml").session.posts
    line = next(x for x in README.splitlines() if "(screenshots/idf-hamas-2013-10-post.png)" in x)
    assert f"of {len(posts)}," in line


def test_the_example_session_checks_and_its_typo_reads_as_the_readme_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's short session passes `check --strict`, and with the typo it names, the
    checker prints exactly the lines the README shows, at the lines they name."""
    from replay_tui.cli import main

    at = README.index("## A session, in short")
    start = README.index("```toml\n", at) + len("```toml\n")
    session = README[start : README.index("```", start)]
    good = tmp_path / "example.toml"
    good.write_text(session, encoding="utf-8")
    assert main(["check", "--strict", str(good)]) == 0
    good.write_text(session.replace('author = "alice"', 'author = "alise"'), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(good)]) == 1
    printed = capsys.readouterr().out.replace(str(good), "example.toml").splitlines()
    start = README.index("```\n", README.index("says exactly what is wrong")) + 4
    shown = README[start : README.index("```", start)].splitlines()
    assert printed == shown


def test_the_json_export_round_trips_as_the_readme_says(tmp_path: Path) -> None:
    """`jq .session` of a JSON export is accepted by `check`; --strict warns only about
    the withheld description, and with --reveal-sensitive --presenter-notes the session
    comes back whole."""
    import json

    from replay_tui.export import ExportOptions, export
    from replay_tui.format.read import load_session, read_session

    loaded = load_session(ROOT / "sessions" / "idf-hamas-2013-10.toml")
    for options, codes in (
        (ExportOptions(), ["warning-without-description"]),
        (ExportOptions(reveal_sensitive=True, presenter_notes=True), []),
    ):
        out = tmp_path / "session.json"
        out.write_text(json.dumps(json.loads(export(loaded, "json", options))["session"]))
        again, problems = read_session(str(out))
        assert again is not None
        assert [p.code for p in problems] == codes


def test_set_up_makes_a_virtual_environment_before_pip() -> None:
    """Followed as written on a system whose Python is externally managed (PEP 668),
    `pip install .` is refused: the set-up makes and activates a venv first."""
    at = README.index("## Set-up")
    block = README[
        README.index("```sh\n", at) : README.index("```\n", README.index("```sh\n", at) + 6)
    ]
    assert block.index("python3 -m venv") < block.index("pip install .")
    assert ". .venv/bin/activate" in block
