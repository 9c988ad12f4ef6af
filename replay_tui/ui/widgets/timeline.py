"""The timeline: the posts revealed so far, the current one highlighted and kept in view.

A session may hold 100,000 posts or more, so this is a Line-API `ScrollView` (toolong's
`log_lines.py` pattern, PITFALLS.md: a widget per post took minutes and gigabytes): it
lays out, as Strips, only a window of posts ending at the current one, enough to fill a few
screens above it, and `render_line` hands Textual the lines that are on screen. Each post's
Strips are cached by (post, current?) so a step renders one or two posts, not the window;
the cache is emptied when the width or the theme changes.

The current post is always the last one laid out (later posts are not revealed), so keeping
it in view means showing the bottom of the document, or the top of the post when it is
taller than the timeline.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual

from .. import text as t
from ..render import Part, Renderer

BAR_WIDTH = 2
LOOKBACK_SCREENS = 4
"""How many screens of earlier posts are laid out above the current one for scrolling back."""
MIN_LOOKBACK_LINES = 80
MAX_WINDOW_POSTS = 400
"""A hard cap on the posts laid out at once, whatever their height."""


class Timeline(ScrollView, can_focus=True, inherit_bindings=False):
    """The posts up to the current one, rendered line by line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--post",
        "timeline--current",
        "timeline--rule",
        "timeline--note",
    }

    def __init__(self, renderer: Renderer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.renderer = renderer
        self.replay = renderer.replay
        self._cache: LRUCache[tuple[int, bool], list[Strip]] = LRUCache(MAX_WINDOW_POSTS * 2)
        self._lines: list[Strip] = []
        self._width = 0
        self.window: range = range(0)
        """The posts laid out now (for tests and for the 'earlier posts' line)."""
        self.blocks_rendered = 0
        """How many post blocks have been rendered since mount: a step costs one or two."""
        self._current_top = 0

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _: object) -> None:
        self._cache.clear()
        self.show()

    def on_resize(self, event: Resize) -> None:
        self.show()

    # --- layout ---------------------------------------------------------------------------

    def show(self) -> None:
        """Lay out the window that ends at the current post and bring the post into view."""
        width = self.scrollable_content_region.width
        height = self.scrollable_content_region.height
        if width <= BAR_WIDTH or height <= 0:
            return
        if width != self._width:
            self._cache.clear()
            self._width = width
        last = self.replay.last_visible
        current = self.replay.position if self.replay.on_post else -1
        lines: list[Strip] = []
        if last < 0:
            self.window = range(0)
        else:
            # Walk back from the current post until a few screens are filled.
            need = max(height * LOOKBACK_SCREENS, MIN_LOOKBACK_LINES)
            blocks: list[list[Strip]] = []
            total = 0
            index = last
            while index >= 0 and total < need and last - index < MAX_WINDOW_POSTS:
                block = self._block(index, index == current)
                blocks.append(block)
                total += len(block)
                index -= 1
            first = index + 1
            self.window = range(first, last + 1)
            if first > 0:
                lines.append(self._note(self.renderer.earlier(first), width))
                lines.append(Strip.blank(width))
            for block in reversed(blocks):
                lines.extend(block)
            self._current_top = len(lines) - len(blocks[0])
        self._lines = lines
        self.virtual_size = Size(width, len(lines))
        self._keep_current_in_view(height)
        self.refresh()

    def _keep_current_in_view(self, height: int) -> None:
        bottom = max(0, len(self._lines) - height)
        # The current post ends the document; if it is taller than the view, show its top.
        y = min(bottom, self._current_top) if self._lines else 0
        self.scroll_to(y=y, animate=False, force=True, immediate=True)

    # --- rendering ------------------------------------------------------------------------

    def _block(self, index: int, current: bool) -> list[Strip]:
        key = (index, current)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        self.blocks_rendered += 1
        width = self._width
        base = self.get_visual_style("timeline--current" if current else "timeline--post")
        rule = self.get_visual_style("timeline--rule")
        colour = self.renderer.colour(self.replay.posts[index].author)
        bar_style = (base + self._get_style(colour)).rich_style
        bar = Segment("┃ " if current else "│ ", bar_style)
        plain = self.get_visual_style("timeline--post").rich_style
        strips: list[Strip] = []
        for part in self.renderer.post_parts(index):
            if part.rule:
                strips.extend(self._rule(part, width, rule))
                continue
            for strip in self._wrap(part.content, width - BAR_WIDTH, base):
                strips.append(Strip.join([Strip([bar], BAR_WIDTH), strip]))
        strips.append(Strip.blank(width, plain))
        self._cache[key] = strips
        return strips

    def _wrap(self, content: Content, width: int, style: Style) -> list[Strip]:
        strips = Visual.to_strips(self, content, width, None, style)
        rich_style = style.rich_style
        return [strip.extend_cell_length(width, rich_style) for strip in strips]

    def _rule(self, part: Part, width: int, style: Style) -> list[Strip]:
        content = part.content
        room = width - content.cell_length - 1
        if room > 0:
            content = content + Content(" " + "─" * room).stylize(t.MUTED)
        return self._wrap(content, width, style)

    def _note(self, content: Content, width: int) -> Strip:
        style = self.get_visual_style("timeline--note")
        return self._wrap(content, width, style)[0]

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._lines):
            return self._lines[index]
        return Strip.blank(width, self.rich_style)

    # --- for tests and the screen ---------------------------------------------------------

    @property
    def line_count(self) -> int:
        """Lines laid out in the window (not the whole session)."""
        return len(self._lines)

    def laid_out_text(self) -> list[str]:
        """The text of every line laid out in the window, on screen or scrolled away."""
        return [strip.text for strip in self._lines]

    def visible_text(self) -> list[str]:
        """The text of the lines now on screen."""
        height = self.scrollable_content_region.height
        return [self.render_line(y).text for y in range(height)]
