"""Room on a small terminal: the current post keeps its lines, the rest gives way.

A laptop's split pane or a phone's SSH client can leave the replay a few lines. The post the
reader is on matters most, so as the terminal shrinks the screen gives up, in order:

- below `LOW` rows: the activity strip; the discussion prompt and the panes shrink;
- below `CRAMPED` rows: the header's second line, the prompt box and the panes (they come
  back as the terminal grows);
- below `MIN_WIDTH` × `MIN_HEIGHT`: everything; one line says the terminal is too small
  and what to do (as htop and less do), and under it the current post's author and text
  (`SmallPost`), which the timeline's header lines would push off so few rows. Every key
  still works: stepping moves the cursor, q quits, and the full screen comes back at the
  same post when the terminal is enlarged.

The screen sets these classes from its size (`fit`); `replay.tcss` says what each hides.
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.reactive import var
from textual.widgets import Static

from replay_tui.ui import text as t
from replay_tui.ui.look import At
from replay_tui.ui.present import body
from replay_tui.ui.render import NL, Renderer
from replay_tui.ui.widgets.once import Once

MIN_WIDTH = 30
"""Fewer columns than this and a post's line holds a word or two: too small."""
MIN_HEIGHT = 10
"""Fewer rows than this and a post's text has no room beside the notice: too small."""
CRAMPED = 16
"""Fewer rows than this: only a one-line header, the timeline and the footer."""
LOW = 24
"""Fewer rows than this: no activity strip; a smaller prompt box and panes."""


def room_classes(width: int, height: int) -> dict[str, bool]:
    """The replay screen's size classes for a terminal of `width` × `height`."""
    return {
        "-too-small": width < MIN_WIDTH or height < MIN_HEIGHT,
        "-cramped": height < CRAMPED,
        "-low": height < LOW,
    }


def too_small_line(width: int, height: int) -> str:
    """The longest wording of "too small" that fits on one line of `width` cells."""
    size = f"{width}×{height}"
    least = f"{MIN_WIDTH}×{MIN_HEIGHT}"
    wordings = [
        f"Terminal too small: {size}; replay-tui needs at least {least}"
        " — enlarge it or press q to quit",
        f"Terminal too small: {size}; needs {least} — enlarge it or q to quit",
        f"Too small: {size}, needs {least}; q quits",
        f"Too small: need {least} · q quits",
        f"Too small: need {least}",
        f"Too small: {least} min",
        f"Needs {least}",
    ]
    for wording in wordings:
        if len(wording) <= width:
            return wording
    return wordings[-1][: max(0, width)]


class RoomNotice(Static):
    """The one line shown instead of the header when the terminal is too small."""

    def __init__(self) -> None:
        super().__init__(id="too-small")
        self._fitted: Size | None = None

    def fit(self, size: Size) -> None:
        """Set the screen's size classes, and this line's words, for a terminal of `size`."""
        self._fitted = size
        width, height = size
        classes = room_classes(width, height)
        self.screen.update_classes(classes, animate=False)
        if classes["-too-small"]:
            self.update(Content(too_small_line(width, height)))
            for post in self.screen.query(SmallPost):
                post.paint()

    def resumed(self) -> None:
        """The screen is on top again: if the terminal was resized under a dialog, lay it
        out for the new size. Textual resizes a screen under a dialog but leaves its
        breakpoint classes (wide, narrow) as they were, so the screen is sent the resize
        it missed."""
        size = self.app.size
        if size != self._fitted:
            self.screen.post_message(Resize(size, size))


def small_post(renderer: Renderer) -> Content:
    """The current post in a few lines: position and author, then its text (or, while the
    class guesses a reply, the line that stands for it, as the focus view shows it)."""
    replay = renderer.replay
    if not replay.on_post:
        return Content("")
    index = replay.position
    post = replay.posts[index]
    parts = [
        t.words(f"{index + 1:,}/{replay.count:,} ", t.MUTED),
        renderer.who(replay.participant(post.author)),
        NL,
    ]
    if renderer.reveal.withheld:
        parts.append(renderer.withheld_line(index))
    else:
        parts.append(body(renderer, post))
    return t.join(parts)


class SmallPost(Static):
    """The current post under the too-small line; painted only while it is shown."""

    renderer: var[Renderer | None] = var(None)
    at: var[At | None] = var(None)

    def __init__(self) -> None:
        super().__init__(id="small-post", markup=False)
        self._repaint = Once(self, self.paint)

    def watch_renderer(self) -> None:
        self._repaint()

    def watch_at(self) -> None:
        self._repaint()

    def paint(self) -> None:
        renderer = self.renderer
        if renderer is not None and self.screen.has_class("-too-small"):
            self.update(small_post(renderer))
