"""The installed `replay-tui` command in a real terminal (tmux), as a person meets it.

Pilot is not a terminal: it does not show what escape codes reach the screen, how wide
characters land, or what the exit status is. Here the console script runs inside tmux at
120×40; keys go in with `send-keys` and the test reads the screen with `capture-pane`.
Nothing is installed: the test looks for the script on PATH and next to the running
Python, and is skipped (saying why) without it or without tmux. It waits for what it
expects to appear, with a deadline, rather than sleeping for fixed times.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rich.cells import cell_len

from replay_tui.format.preview import PREVIEW_FROM_BYTES

from .apps import HOSTILE, SMALL


def _command() -> str | None:
    beside_python = Path(sys.executable).parent / "replay-tui"
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("replay-tui")


COMMAND = _command()

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(
        COMMAND is None,
        reason="the replay-tui command is not installed here (pip install . puts it beside "
        "python); this test runs the installed script, not the checkout",
    ),
]

DEADLINE = 20.0


class Terminal:
    """One tmux server of our own (its socket in the test's folder, so nothing is left
    behind and no other tmux is touched), one window at a fixed size."""

    def __init__(self, home: Path, width: int = 120, height: int = 40) -> None:
        home.mkdir(parents=True, exist_ok=True)
        self.socket = str(home / f"tmux-{uuid.uuid4().hex[:8]}")
        self.width = width
        self.height = height
        self.env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_STATE_HOME": str(home / "state"),
            "TERM": "xterm-256color",
        }

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-S", self.socket, *args],
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def start(self, *arguments: str) -> None:
        assert COMMAND is not None
        quoted = " ".join(_quote(a) for a in (COMMAND, *arguments))
        # The shell reports the exit status and keeps the pane open so it can be read.
        script = f"{quoted}; echo EXIT-STATUS=$?; sleep 600"
        self.tmux(
            "new-session", "-d", "-x", str(self.width), "-y", str(self.height),
            "-s", "rt", "sh", "-c", script,
        )  # fmt: skip

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "rt", *keys)

    def screen(self) -> str:
        # -J joins lines the terminal wrapped (long error messages); screen rows stay rows.
        return self.tmux("capture-pane", "-p", "-J", "-t", "rt")

    def title(self) -> str:
        return self.tmux("display-message", "-p", "-t", "rt", "#{pane_title}").strip()

    def wait_for(self, check: Callable[[str], bool], what: str, *, twice: bool = False) -> str:
        """The screen once `check` holds; `twice`: in two captures a few frames apart (not
        a frame drawn half-way through a layout)."""
        deadline = time.monotonic() + DEADLINE
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if check(screen):
                if not twice:
                    return screen
                time.sleep(0.2)
                screen = self.screen()
                if check(screen):
                    return screen
            time.sleep(0.05)
        raise AssertionError(f"never saw {what}; the screen was:\n{screen}")

    def wait_text(self, *texts: str) -> str:
        """The screen once it shows all of `texts` (a frame may arrive in pieces, so wait
        for everything a test reads, not only the first sign of a change)."""
        return self.wait_for(lambda s: all(t in s for t in texts), " and ".join(map(repr, texts)))

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], env=self.env, check=False)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


@pytest.fixture
def terminal(private_home: Path) -> Iterator[Terminal]:
    term = Terminal(private_home)
    yield term
    term.close()


def test_a_person_steps_through_a_session_and_quits(terminal: Terminal) -> None:
    terminal.start(str(SMALL))
    terminal.wait_text("Title card", "Riverside library opening hours, March 2021", "title · 8")
    terminal.keys("Right")
    screen = terminal.wait_text(
        "1/8",
        "From next week the library closes at 14:00 on Saturdays.",
        "Chapter 1/2 · The announcement",
        "Thu 4 Mar 2021 · time unknown",
        "Context · 1",
        "Reactions · 1",
        "Press · 1",
        "repost by Ana Reporter @ana_reports",
        "“The library announced on Thursday",
    )
    assert "Saturday afternoon" not in screen  # the next post is not revealed yet
    terminal.keys("l")
    terminal.wait_text("2/8", "Saturday afternoon is when working")
    terminal.keys("End")
    terminal.wait_text("8/8", "Follow-up piece is out.")
    terminal.keys("5")
    terminal.wait_text("5/8")
    terminal.keys("?")
    terminal.wait_text("Esc or ? to close", "Next post")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: "Esc or ? to close" not in s, "the help to close")
    terminal.keys("q")
    terminal.wait_text("EXIT-STATUS=0")


def test_hostile_text_stays_on_the_screen_as_text(terminal: Terminal) -> None:
    terminal.start(str(HOSTILE))
    terminal.wait_text("Title card")
    terminal.keys("Right")
    # Escape sequences did not clear the screen or retitle the window: they are shown.
    screen = terminal.wait_text(
        "1/3",
        "^[[2J clear",
        "^[]0;pwned^G retitle",
        "<U+202E>txet desrever",
        "[@click=app.quit]x[/]",
        "שלום עולם",
        "Press · 1",
    )
    assert "pwned" not in terminal.title()
    # Wide characters kept the columns: every pane's right border ends the line at the
    # terminal's last column (measured with Unicode cell widths, as tmux lays them out).
    borders = [line for line in screen.splitlines() if line.endswith(("│", "╮", "╯"))]
    assert len(borders) > 20
    for line in borders:
        assert cell_len(line) == terminal.width, line
    terminal.keys("Right", "Right", "Right", "Left")
    terminal.wait_text("3/3")
    terminal.keys("q")
    terminal.wait_text("EXIT-STATUS=0")


def test_a_broken_file_is_refused_before_any_screen(terminal: Terminal, tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = "replay-tui/1"\nid = "x"\n', encoding="utf-8")
    terminal.start(str(broken))
    screen = terminal.wait_text("EXIT-STATUS=1")
    assert "missing the required field `title`" in screen
    assert "cannot open" in screen


def large_session(path: Path, *, dangling_at: int | None = None) -> int:
    """A JSON session past `opening.PREVIEW_FROM_BYTES`, so it opens on its preview; with
    `dangling_at`, that post replies to a post that does not exist. Returns the post count."""
    count = 0
    posts = []
    while count * 180 < PREVIEW_FROM_BYTES * 1.2:
        post = {
            "id": f"p{count}",
            "author": "a" if count % 2 else "b",
            "sources": ["s"],
            "time": f"2020-01-01T{count // 3600 % 24:02d}:{count // 60 % 60:02d}:{count % 60:02d}Z",
            "text": f"Post number {count} of a long exchange, with enough words to fill a line.",
        }
        if count == dangling_at:
            post["reply_to"] = "nobody"
        posts.append(post)
        count += 1
    document = {
        "format": "replay-tui/1",
        "id": "large",
        "title": "A large imported exchange",
        "summary": "Many posts, to open on a preview.",
        "timezone": "UTC",
        "sources": [{"id": "s", "outlet": "Outlet", "kind": "archive"}],
        "participants": [{"id": "a", "name": "Alice"}, {"id": "b", "name": "Bob"}],
        "posts": posts,
    }
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    assert path.stat().st_size >= PREVIEW_FROM_BYTES
    return count


def test_a_large_file_opens_on_its_preview_then_replays(terminal: Terminal, tmp_path: Path) -> None:
    path = tmp_path / "large.json"
    count = large_session(path)
    terminal.start(str(path), "--from-start")
    terminal.wait_text("Title card", "A large imported exchange", f"title · {count:,}")
    terminal.keys("End")
    terminal.wait_text(f"{count:,}/{count:,}", f"Post number {count - 1} of a long exchange")
    terminal.keys("q")
    terminal.wait_text("EXIT-STATUS=0")


def test_a_large_file_that_fails_its_check_says_why_after_the_preview(
    terminal: Terminal, tmp_path: Path
) -> None:
    path = tmp_path / "large.json"
    count = large_session(path, dangling_at=20_000)
    assert count > 20_000
    terminal.start(str(path))
    screen = terminal.wait_text("EXIT-STATUS=1")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"nobody"' in text)
    assert f"{path}:{line}:" in screen
    assert "no post has the id 'nobody'" in screen
    assert "cannot open" in screen


def test_search_bookmark_and_resume_in_a_real_terminal(terminal: Terminal) -> None:
    """Typing a query in a real terminal: letters that are step keys elsewhere (h, l, g, e)
    go into the query; Enter finds, Esc closes; a bookmark and the position survive a
    restart."""
    terminal.start(str(SMALL))
    terminal.wait_text("Title card")
    terminal.keys("/")
    terminal.wait_text("Enter: next match")
    terminal.keys("the library staffing", "Enter")
    terminal.wait_text("no match for the library staffing", "title · 8")
    terminal.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
    terminal.keys("BSpace", "Enter")  # "the library"
    terminal.wait_text("match 1 of 2", "1/8", "From next week")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: "Enter: next match" not in s, "the search bar to close")
    terminal.keys("right", "right", "b", "t")
    terminal.wait_text("thread view", "★ Riverside Library", "3/8")
    terminal.keys("q")
    terminal.wait_text("EXIT-STATUS=0")
    terminal.close()
    again = Terminal(Path(terminal.env["HOME"]))
    try:
        again.start(str(SMALL))
        again.wait_text("3/8", "Reopened where you left off", "★ Riverside Library")
        again.keys("q")
        again.wait_text("EXIT-STATUS=0")
    finally:
        again.close()


def test_a_note_typed_in_one_burst_is_saved_whole(terminal: Terminal) -> None:
    """`a`, the note and ctrl+s sent in one write, as a paste or a fast typist sends them:
    every letter lands in the note (e, q, l, h, s are commands on the replay screen)."""
    terminal.start(str(SMALL))
    terminal.wait_text("Title card")
    terminal.keys("l")
    terminal.wait_text("1/8")
    note = "quite helpful; see the sources"
    terminal.keys("a" + note, "C-s")
    terminal.wait_text("Note saved on post 1", "1/8")
    terminal.keys("a")
    terminal.wait_text(note, "empty the text to delete the note")
    terminal.keys("Escape")
    terminal.wait_for(lambda s: "to delete the note" not in s, "the editor to close")
    terminal.keys("q")
    terminal.wait_text("EXIT-STATUS=0")


def _mouse(
    terminal: Terminal, button: int, cell: tuple[int, int], *, release: bool = False
) -> None:
    """An SGR mouse report (as a terminal sends it) at 1-based `cell` (column, row)."""
    column, row = cell
    report = f"\x1b[<{button};{column};{row}{'m' if release else 'M'}"
    terminal.keys("-H", *(f"{byte:02x}" for byte in report.encode()))


def _cell(screen: str, words: str, offset: int = 0) -> tuple[int, int]:
    """The 1-based cell `offset` characters into the first occurrence of `words` (the
    lines before it in the row are single-width)."""
    for row, line in enumerate(screen.splitlines(), start=1):
        if words in line:
            return line.index(words) + offset + 1, row
    raise AssertionError(f"{words!r} is not on the screen:\n{screen}")


def test_a_drag_copies_text_over_osc52_and_a_click_goes_to_the_post(terminal: Terminal) -> None:
    """The mouse as a terminal reports it: a drag selects (the post stays), ctrl+c sends
    the text over OSC 52 (tmux keeps it as a paste buffer), a click goes to the post."""
    terminal.start(str(SMALL))
    terminal.wait_text("Title card")
    terminal.tmux("set-option", "-g", "set-clipboard", "on")
    terminal.keys("Right", "Right", "Right")
    screen = terminal.wait_text("3/8", "From next week", "Riverside Residents")
    start = _cell(screen, "From next week")
    end = _cell(screen, "Riverside Residents", len("Riverside Residents") - 1)
    _mouse(terminal, 0, start)
    _mouse(terminal, 32, (start[0] + 5, start[1] + 1))
    _mouse(terminal, 32, end)
    _mouse(terminal, 0, end, release=True)
    terminal.keys("C-c")
    terminal.wait_text("Copied the selected text", "3/8")
    assert terminal.tmux("show-buffer") == (
        "From next week the library closes at 14:00 on Saturdays. #RiversideLibrary\n"
        "▣ photo: A printed notice on the library door listing the new hours.\n"
        "\n"
        "Riverside Residents"
    )
    _mouse(terminal, 0, start)
    _mouse(terminal, 0, start, release=True)
    terminal.wait_text("1/8")


def test_a_small_terminal_keeps_the_post_and_says_when_too_small(terminal: Terminal) -> None:
    """The 2013 session in a laptop's corner: the post's text at 40×12; at 20×10 the
    too-small line and the post; keys work; back at full size, the full screen; the
    palette open while the window is resized (`tmux resize-window`), then closed."""
    session = Path(__file__).resolve().parents[2] / "sessions" / "idf-hamas-2013-10.toml"
    terminal.start(str(session), "--from-start")
    terminal.wait_text("title · 9")
    terminal.tmux("resize-window", "-t", "rt", "-x", "40", "-y", "12")
    terminal.keys("l", "l", "l", "l")
    terminal.wait_text("4/9", "Al Qassam Brigades will")
    terminal.tmux("resize-window", "-t", "rt", "-x", "20", "-y", "10")
    terminal.wait_text("Too small: 30×10 min", "Al Qassam")
    terminal.keys("l")
    terminal.wait_text("5/9")
    terminal.tmux("resize-window", "-t", "rt", "-x", "120", "-y", "40")
    terminal.wait_for(lambda s: "Too small" not in s and "5/9" in s, "the full screen back")
    terminal.keys("C-p")
    terminal.wait_text("Search for commands")
    for width, height in [(20, 10), (200, 60), (5, 5), (90, 30), (120, 40)]:
        terminal.tmux("resize-window", "-t", "rt", "-x", str(width), "-y", str(height))
    # Laid out at the last size (the palette's box and the header's position) before Esc.
    terminal.wait_for(
        lambda s: "Search for commands" in s and "5/9" in s and len(s.splitlines()[0]) > 60,
        "the palette at 120×40",
    )
    terminal.keys("Escape")
    # The palette's field (its 🔎) gone, not only its placeholder: a frame drawn while the
    # last resize is laid out can lack the placeholder, and a `q` sent then would reach the
    # terminal within the Esc's wait for a sequence, and be read as alt+q into the palette.
    terminal.wait_for(
        lambda s: "🔎" not in s and "Search for commands" not in s and "5/9" in s,
        "the replay",
        twice=True,
    )
    terminal.keys("q")
    terminal.wait_text("EXIT-STATUS=0")
