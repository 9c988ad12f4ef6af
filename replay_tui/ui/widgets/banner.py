"""The prompt banner: a chapter's discussion prompt, shown large for the class.

When the cursor reaches the first post of a chapter that has a prompt, the chapter title and
the prompt appear in a distinct box above the timeline, where a class looking at a projector
sees it, and stay there until the next step. (The Context pane carries the prompt, in small
print, for whoever reads along, on the chapter's other posts: not on this one, where it
would only repeat the banner and push down the context notes a prompt often points to.)

A prompt is session text: it reaches the screen only as Content from `ui/text.py`; a very
long one scrolls inside the box instead of pushing the timeline off the screen.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from replay_tui.replay.cursor import ChapterAt, Replay
from replay_tui.ui import text as t
from replay_tui.ui.render import NL, At


class PromptBanner(VerticalScroll, can_focus=False):
    """The current chapter's prompt, while the cursor is at the chapter's first post."""

    at: var[At | None] = var(None)

    def __init__(self, replay: Replay, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.replay = replay
        self._body = Static(markup=False, id="prompt-body")
        self.chapter: ChapterAt | None = None
        self.display = False

    def watch_at(self, at: At | None) -> None:
        replay = self.replay
        self.show(replay.chapter_starting(replay.position) if replay.on_post else None)

    def compose(self) -> ComposeResult:
        yield self._body

    def show(self, chapter: ChapterAt | None) -> None:
        """Show `chapter`'s prompt, or hide the banner (None, or a chapter without one)."""
        if chapter is not None and not chapter.chapter.prompt:
            chapter = None
        if chapter == self.chapter:
            return
        self.chapter = chapter
        self.display = chapter is not None
        if chapter is None:
            return
        self.border_title = f"Discuss · chapter {chapter.number} of {chapter.total}"
        self._body.update(
            t.join(
                [
                    t.line(chapter.chapter.title, "bold $text-accent"),
                    NL,
                    t.plain(chapter.chapter.prompt, "bold"),
                ]
            )
        )
        self.scroll_home(animate=False, immediate=True)

    @property
    def text(self) -> str:
        """What the banner says (for tests); '' when hidden."""
        if not self.display:
            return ""
        visual = self._body.visual
        return getattr(visual, "plain", str(visual))
