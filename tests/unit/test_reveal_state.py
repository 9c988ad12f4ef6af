"""Guess-the-reply and content-warning reveals, on the cursor without a screen (`reveal.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from replay_tui.format.read import LoadedSession, load_session
from replay_tui.replay.cursor import TITLE, Replay
from replay_tui.replay.reveal import Reveal, guessable, sensitive

DATA = Path(__file__).resolve().parent.parent / "data"
SMALL = DATA / "good" / "small.toml"
# small.toml: p1 (not a reply), p2 replies to p1, p3 replies to p2, p4 quotes p3 and has a
# warned photo, p5 is missing, p6 is a deleted reply, p7, p8.


@pytest.fixture(scope="module")
def small() -> LoadedSession:
    return load_session(SMALL)


def guessing(loaded: LoadedSession) -> Reveal:
    reveal = Reveal(Replay(loaded))
    assert reveal.toggle_guessing() is True
    return reveal


def test_what_can_be_guessed_and_what_is_sensitive(small: LoadedSession) -> None:
    posts = {p.id: p for p in small.session.posts}
    assert [pid for pid, p in posts.items() if guessable(p)] == ["p2", "p3", "p6"]
    assert [pid for pid, p in posts.items() if sensitive(p)] == ["p4"]


def test_stepping_onto_a_reply_withholds_its_text_for_one_step(small: LoadedSession) -> None:
    reveal = guessing(small)
    replay = reveal.replay
    assert reveal.next() and replay.position == 0 and not reveal.withheld  # p1: no reply
    assert reveal.next() and replay.position == 1 and reveal.withheld  # p2: who replies
    assert reveal.next() and replay.position == 1 and not reveal.withheld  # p2: the text
    assert reveal.next() and replay.position == 2 and reveal.withheld  # p3
    assert reveal.next() and replay.position == 2 and not reveal.withheld
    assert reveal.next() and replay.position == 3 and not reveal.withheld  # p4 quotes
    assert reveal.next() and replay.position == 4 and not reveal.withheld  # p5 missing
    assert reveal.next() and replay.position == 5 and reveal.withheld  # p6 deleted reply


def test_back_from_a_withheld_reply_goes_to_the_post_before(small: LoadedSession) -> None:
    reveal = guessing(small)
    replay = reveal.replay
    reveal.next()
    reveal.next()
    assert replay.position == 1 and reveal.withheld
    assert reveal.prev() and replay.position == 0 and not reveal.withheld
    # Forward again: the reply is withheld again, as a new visit.
    assert reveal.next() and replay.position == 1 and reveal.withheld
    reveal.next()
    reveal.next()
    assert replay.position == 2 and reveal.withheld
    # Back onto a reply already seen: shown whole.
    assert reveal.prev() and replay.position == 1 and not reveal.withheld


def test_without_guessing_every_step_moves(small: LoadedSession) -> None:
    reveal = Reveal(Replay(small))
    positions = []
    while reveal.next():
        positions.append(reveal.replay.position)
        assert not reveal.withheld
    assert positions == [*range(8), 8]


def test_turning_guessing_off_shows_the_withheld_reply(small: LoadedSession) -> None:
    reveal = guessing(small)
    reveal.replay.go(0)
    reveal.next()
    assert reveal.withheld
    assert reveal.toggle_guessing() is False
    assert not reveal.withheld
    # Turning it on does not withhold a reply already on screen.
    reveal.toggle_guessing()
    assert not reveal.withheld


def test_any_other_move_ends_the_withholding(small: LoadedSession) -> None:
    reveal = guessing(small)
    reveal.replay.go(0)
    reveal.next()
    assert reveal.withheld
    reveal.replay.go(5)  # a jump: the palette, a chapter key, autoplay
    assert not reveal.withheld
    reveal.replay.go(1)
    assert not reveal.withheld


def test_the_end_card_is_one_step_after_a_withheld_last_reply(small: LoadedSession) -> None:
    reveal = guessing(small)
    reveal.replay.go(4)
    reveal.next()
    assert reveal.withheld
    reveal.next()
    reveal.next()
    reveal.next()
    assert reveal.replay.position == 7
    assert reveal.next() and reveal.replay.at_end
    assert not reveal.next()


def test_a_warning_is_revealed_for_the_current_visit_only(small: LoadedSession) -> None:
    reveal = Reveal(Replay(small, position=3))
    assert not reveal.revealed
    assert reveal.toggle_sensitive() is True
    assert reveal.revealed and reveal.revealed_at(3) and not reveal.revealed_at(2)
    assert reveal.toggle_sensitive() is False  # v again hides it
    assert reveal.toggle_sensitive() is True
    reveal.replay.next()
    assert not reveal.revealed
    reveal.replay.prev()
    assert not reveal.revealed  # hidden again when the post changes, even coming back


def test_nothing_to_reveal_without_a_warning(small: LoadedSession) -> None:
    reveal = Reveal(Replay(small))
    assert reveal.replay.position == TITLE
    assert reveal.toggle_sensitive() is None
    reveal.replay.go(0)  # a photo without a warning
    assert reveal.toggle_sensitive() is None
    assert not reveal.revealed


def test_a_follower_mirrors_a_presenter(small: LoadedSession) -> None:
    reveal = Reveal(Replay(small))
    reveal.replay.go(1)
    reveal.mirror(guessing=True, withheld=True, revealed=False)
    assert reveal.guessing and reveal.withheld and not reveal.revealed
    reveal.replay.go(3)
    reveal.mirror(guessing=True, withheld=False, revealed=True)
    assert reveal.revealed and not reveal.withheld
    reveal.replay.go(TITLE)
    reveal.mirror(guessing=False, withheld=True, revealed=True)
    assert not reveal.withheld and not reveal.revealed
