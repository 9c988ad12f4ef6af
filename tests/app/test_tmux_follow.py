"""A presenter and a follower as two real `replay-tui` processes in two terminals (tmux).

What a teacher does: the presenter runs on the laptop (with the notes pane), the follower is
projected. Keys go to the presenter only; the follower's screen is read back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .apps import SMALL
from .test_tmux import Terminal
from .test_tmux import pytestmark as tmux_marks

pytestmark = tmux_marks


@pytest.fixture
def terminals(private_home: Path) -> Iterator[tuple[Terminal, Terminal]]:
    laptop = Terminal(private_home / "laptop")
    projector = Terminal(private_home / "projector")
    yield laptop, projector
    laptop.close()
    projector.close()


def test_the_projected_follower_tracks_the_presenter(
    terminals: tuple[Terminal, Terminal],
) -> None:
    laptop, projector = terminals
    projector.start("follow", str(SMALL))
    projector.wait_text("waiting for a presenter of Riverside library opening hours")
    laptop.start(str(SMALL))
    laptop.wait_text("Title card")
    projector.wait_text("following Riverside library opening hours, March 2021")

    laptop.keys("Right", "Right")
    laptop.wait_text("2/8")
    projector.wait_text("2/8", "Saturday afternoon is when working")

    # The presenter opens the notes and the focus view: the class sees the focus view only.
    laptop.keys("P", "f")
    laptop.wait_text("Presenter notes — not shown to the audience", "2 / 8")
    screen = projector.wait_text("2 / 8")
    assert "Presenter notes" not in screen and "Reactions" not in screen

    # Guess the reply: the projector withholds the text until the presenter shows it.
    # One key at a time: the step keys are priority bindings, so a → typed in the same
    # instant as m would be handled before it (as a person never types them).
    laptop.keys("m")
    laptop.wait_text("Guess the reply")
    laptop.keys("Right")
    projector.wait_text("Riverside Library replies to @RiversideRes — what did they say?")
    laptop.keys("Right")
    projector.wait_text("We hear you. Staffing is the reason")

    # A key on the projector does nothing; q quits it and leaves the presenter alone.
    projector.keys("Right")
    laptop.keys("Left")
    laptop.wait_text("2 / 8")
    projector.wait_text("2 / 8")

    laptop.keys("q")
    laptop.wait_text("EXIT-STATUS=0")
    projector.wait_text("presenter gone")
    projector.keys("q")
    projector.wait_text("EXIT-STATUS=0")
