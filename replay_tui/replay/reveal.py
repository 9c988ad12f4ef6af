"""What the audience is shown of the current post: guess-the-reply and content warnings.

Two things hide part of a post from a class, and both belong to one visit of one post:

* Guess the reply. With guessing on, stepping forward onto a reply first shows only who
  replies to whom; the next step shows the text, the one after moves on. A class can guess
  what was said before seeing it.
* Content warnings. Media with a `warning` shows its warning only, until the presenter
  reveals the description for the post in front of the class (`v`). A post with its own
  `warning` shows that warning, and whose it is, in place of its words (text and
  variants); the same `v` reveals them with the media: one decision per post.

Both end when the cursor moves, whatever moved it (a key, autoplay, a search, a chapter
jump): a visit is identified by `(position, Replay.moves)`, so coming back to a post shows
it hidden again, as the presenter has not decided afresh. Keeping this here, beside the
cursor and without Textual, lets the timeline, the panes, the focus view, the follower and
the tests share one answer to "is this hidden now?".
"""

from __future__ import annotations

from replay_tui.format.model import Post
from replay_tui.replay.cursor import Replay

Visit = tuple[int, int]


def guessable(post: Post) -> bool:
    """A post worth guessing: a reply whose text is known (a missing post has nothing to
    reveal, so stepping onto it never takes two steps)."""
    return post.reply_to is not None and post.status != "missing" and post.text is not None


def sensitive(post: Post) -> bool:
    """Whether the post's words or any of its media carry a content warning."""
    return post.warning is not None or any(media.warning is not None for media in post.media)


def words_hidden(post: Post, revealed: bool) -> bool:
    """Whether the post's words stand behind its warning now: a warned post whose words
    (text or a variant) the presenter has not revealed on this visit."""
    return (
        post.warning is not None and not revealed and (post.text is not None or bool(post.variants))
    )


class Reveal:
    """The guess-the-reply mode and what is hidden on the current visit.

    Step with `next` and `prev` here instead of on the `Replay` to get the two-step reveal;
    every other move may go to the `Replay` directly.
    """

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.guessing = False
        """Guess-the-reply mode: on, stepping onto a reply withholds its text for one step."""
        self._withheld: Visit | None = None
        self._revealed: Visit | None = None

    @property
    def visit(self) -> Visit:
        return (self.replay.position, self.replay.moves)

    # --- guess the reply ------------------------------------------------------------------

    @property
    def withheld(self) -> bool:
        """True while the current post's text is withheld for the class to guess."""
        return self._withheld == self.visit

    def toggle_guessing(self) -> bool:
        """Turn the mode on or off; returns whether it is now on. Turning it off shows a
        withheld reply at once (nothing stays hidden behind a mode that is off)."""
        self.guessing = not self.guessing
        if not self.guessing:
            self._withheld = None
        return self.guessing

    def next(self) -> bool:
        """One step forward: a withheld reply's text, else the next position (withheld if it
        is a reply and guessing is on). True when what is shown changed."""
        if self.withheld:
            self._withheld = None
            return True
        if not self.replay.next():
            return False
        current = self.replay.current
        if self.guessing and current is not None and guessable(current):
            self._withheld = self.visit
        return True

    def prev(self) -> bool:
        """One step back. From a withheld reply that is the post before it (the reply was
        never shown); a reply stepped back onto is shown whole, as it has been seen."""
        return self.replay.prev()

    # --- content warnings -----------------------------------------------------------------

    @property
    def revealed(self) -> bool:
        """True when the presenter revealed the current post's warned words and media."""
        return self._revealed == self.visit

    def revealed_at(self, index: int) -> bool:
        """Whether post `index` shows its warned words and media now: only the current
        post can."""
        return index == self.replay.position and self.revealed

    def toggle_sensitive(self) -> bool | None:
        """`v`: reveal the current post's warned words and media, or hide them again.
        Returns whether they are now revealed; None when there is nothing to reveal here
        (no post, no warning, or the text itself is still withheld)."""
        current = self.replay.current
        if current is None or not sensitive(current) or self.withheld:
            return None
        self._revealed = None if self.revealed else self.visit
        return self.revealed

    # --- a follower copies a presenter ----------------------------------------------------

    def mirror(self, *, guessing: bool, withheld: bool, revealed: bool) -> None:
        """Show the current post as a presenter shows it (the follower has moved its own
        cursor to the presenter's position first)."""
        self.guessing = guessing
        current = self.replay.current
        self._withheld = self.visit if withheld and current is not None else None
        self._revealed = self.visit if revealed and current is not None else None
