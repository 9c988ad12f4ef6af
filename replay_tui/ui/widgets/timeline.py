"""The timeline: the posts revealed so far, the current one highlighted and kept in view.

A session may hold 100,000 posts or more, so this is a Line-API `ScrollView` (toolong's
`log_lines.py` pattern; with a widget per post, 100,000 rows took minutes and gigabytes): it
lays out, as Strips, only a window of posts ending at the current one, enough to fill a few
screens above it, and `render_line` hands Textual the lines that are on screen. Each post's
Strips are cached by (post, current?) so a step renders one or two posts, not the window;
the cache is emptied when the width or the theme changes. A jump to a place not laid out
before renders a screenful before its frame and the rest of the window just after it.

The timeline is bound to the replay screen's `renderer` and `at` reactives: a move lays
the window out again (once per coalesced move), and a new look whose posts read
differently (a search's highlights, a bookmark, a note, the time zone: `Look.posts_key`)
empties the cache first. The posts come as `Rows` from the screen: the revealed posts in
replay order (all of them, or those a filter shows), or in reply order with a depth each
(the thread view, `t`). In
replay order the current post is the last row (later posts are not revealed); in the thread
view rows follow it too, so the window reaches a little past it. Keeping the current post
in view means bringing its end to the bottom of the view, or its top when it is taller
than the timeline; and the view never starts on the blank line between two posts (it
starts a line higher or lower).

The mouse: a click on a post makes it current (`Clicked`); a drag selects text with
Textual's own selection, which a Line-API widget must feed itself (`selecting`: each line
says where its characters are, draws its selected part, and gives the text for ctrl+c).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.segment import Segment
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.events import Click, MouseDown, Resize
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import var
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style

from replay_tui.replay.rows import Rows, chronological
from replay_tui.ui import text as t
from replay_tui.ui.look import At
from replay_tui.ui.render import Part, Renderer
from replay_tui.ui.widgets.lineview import LineView
from replay_tui.ui.widgets.once import Once
from replay_tui.ui.widgets.selecting import (
    BLANK,
    FIRST_LINE,
    Block,
    Seam,
    highlight,
    kept_origin,
    same_strips,
    selected_text,
    selection_style,
    shifted,
    wrap,
)

BAR_WIDTH = 2
LOOKBACK_SCREENS = 4
"""How many screens of earlier posts are laid out above the current one for scrolling back."""
MIN_LOOKBACK_LINES = 80
MAX_WINDOW_POSTS = 400
"""A hard cap on the posts laid out at once, whatever their height."""
QUICK_RENDERS = 3
"""Beyond a screen's worth of lines, `show` renders a post not in the cache before the frame
only while it has rendered fewer than this many posts: a step renders one to three (the
new current post, the old one as a plain post, the post the window reaches back to); a
jump to a new place fills the screen and leaves the rest for just after the frame
(`Timeline._fill`)."""
INDENT = 2
"""Cells per reply level in the thread view."""
MAX_INDENT_LEVELS = 6
"""Deeper replies stay at this indent (marked '»'), so a long thread keeps its text
readable at 80 columns instead of marching off the right edge."""
MIN_TEXT_WIDTH = 30


class Timeline(LineView, can_focus=True, inherit_bindings=False):
    """The posts up to the current one, rendered line by line."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "scroll_up", "Scroll up", show=False),
        Binding("down", "scroll_down", "Scroll down", show=False),
        # Textual's own copy (the screen's ctrl+c), with a notice as `y` gives.
        Binding("ctrl+c,super+c", "copy_selection", "Copy selected text", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--post",
        "timeline--current",
        "timeline--rule",
        "timeline--note",
    }

    renderer: var[Renderer | None] = var(None)
    at: var[At | None] = var(None)

    class Clicked(Message):
        """A click on post `index`; `link` is the id of the post it points to when the
        click was on its "replying to" or "quoting" line."""

        def __init__(self, index: int, link: str | None) -> None:
            super().__init__()
            self.index = index
            self.link = link

    def __init__(self, renderer: Renderer, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.words = renderer
        """The renderer of the current look (the bound `renderer`, never None)."""
        self.replay = renderer.replay
        self._relayout = Once(self, self._paint)
        # Keyed also by what is withheld or revealed on the post (only ever the current one)
        # and, in the thread view, by its indent.
        self._cache: LRUCache[tuple[int, bool, tuple[bool, bool], int, bool], Block] = LRUCache(
            MAX_WINDOW_POSTS * 2
        )
        self._lines: list[Strip] = []
        self._seams: list[Seam] = []
        """For each laid-out line, where its own text lies (a selection copies that)."""
        self._owners: list[int | None] = []
        """For each laid-out line: the post it belongs to, or None."""
        self._origin = FIRST_LINE
        """The y of line 0 in the selection's coordinates (`selecting.kept_origin`)."""
        self._width = 0
        self.rows: Callable[[], Rows] = lambda: chronological(self.replay)
        """Where the rows come from; the replay screen sets its own (filter, thread view)."""
        self.window: Sequence[int] = range(0)
        """The posts laid out now, in row order (for tests and the 'earlier posts' line)."""
        self.blocks_rendered = 0
        """How many post blocks have been rendered since mount: a step costs one or two."""
        self._current: tuple[int, int] | None = None
        self._render_pass: tuple[int, int] | None = None
        self._selection: Selection | None = None
        self._pressed: Offset | None = None
        """Where the mouse button went down (a click), in screen cells."""
        self._clicked: int | None = None
        """The post of the last click, which a double click selects."""
        self._blank: Strip | None = None
        self.short = False
        """The window is laid out short of its lookback (a jump); `_fill` completes it."""
        self._filling = False
        self._shown_y = 0.0
        """Where `show` scrolled the view to (a scroll since moves it elsewhere)."""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def watch_renderer(self, new: Renderer | None) -> None:
        if new is None or new is self.words:
            return
        if self.words.look.posts_key != new.look.posts_key:
            self._cache.clear()
        self.words = new
        self._relayout()

    def watch_at(self) -> None:
        self._relayout()

    def _paint(self) -> None:
        if self.replay.on_post:
            self.show()

    def _theme_changed(self, _: object) -> None:
        self._cache.clear()
        self.show()

    def on_resize(self, event: Resize) -> None:
        self.show()

    # --- layout ---------------------------------------------------------------------------

    def invalidate(self) -> None:
        """Render every post again: what posts show has changed (a search's highlights,
        a bookmark, a note, the time zone)."""
        self._cache.clear()
        self.show()

    def show(self, *, whole: bool = False) -> None:
        """Lay out a window of rows around the current post and bring the post into view.

        A step finds all but a post or two of the window rendered already. A jump to a
        place not laid out before would render a few screens of posts before its frame;
        so, unless `whole`, once the screen is filled no more posts are rendered (but for
        a step's few, `QUICK_RENDERS`), and the rest of the window is laid out just after
        the frame is drawn (`_fill`): the key's frame shows the same screen sooner, and
        scrolling back finds the window complete as before."""
        width = self.scrollable_content_region.width
        height = self.scrollable_content_region.height
        if width <= BAR_WIDTH or height <= 0:
            return
        if width != self._width:
            self._cache.clear()
            self._width = width
        rows = self.rows()
        lines: list[Strip] = []
        seams: list[Seam] = []
        owners: list[int | None] = []
        self._current = None
        short = False
        if rows.count <= 0:
            self.window = range(0)
        else:
            anchor = rows.current if rows.current is not None else rows.count - 1
            # Past a screen's worth of lines (all that can be on screen, on either side of
            # the current post), posts not rendered yet are left for `_fill` (a step's few
            # excepted).
            budget = None if whole else self.blocks_rendered + QUICK_RENDERS
            # Walk back from the current post until a few screens are filled...
            before, row, short = self._walk(rows, anchor, -1, anchor, budget)
            first = row + 1
            # ...and, in the thread view, forward over the replies laid out after it.
            after, stop, cut = self._walk(rows, anchor + 1, 1, first, budget)
            short = short or cut
            posts = rows.posts
            self.window = (
                range(posts[first], posts[stop - 1] + 1)
                if isinstance(posts, range)
                else list(posts[first:stop])
            )
            if first > 0:
                lines.append(self._note(self.words.earlier(first), width))
                lines.append(Strip.blank(width))
                owners += [None, None]
                seams += [Seam(0, len(lines[-2].text.rstrip())), BLANK]
            for row, block in enumerate([*reversed(before), *after], start=first):
                owners += [rows.posts[row]] * len(block.strips)
                lines.extend(block.strips)
                seams.extend(block.seams)
                if row == anchor and rows.current is not None:
                    self._current = (len(lines) - len(block.strips), len(lines))
            if stop < rows.count:
                lines.append(self._note(self.words.more_below(rows.count - stop), width))
                owners.append(None)
                seams.append(Seam(0, len(lines[-1].text.rstrip())))
        self._forget_selection(lines)
        self._origin = kept_origin(self._origin, self._owners, owners)
        self._lines = lines
        self._seams = seams
        self._owners = owners
        self.set_virtual_size(Size(width, len(lines)))
        self._keep_current_in_view(height)
        self.refresh()
        self.short = short
        if short and not self._filling:
            self._filling = True
            self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """After the frame: lay out the whole window that `show` left short, the view
        where it is (where `show` put it, or where a scroll since has taken it)."""
        self._filling = False
        if not (self.short and self.is_attached):
            return
        scrolled = self.scroll_y != self._shown_y
        if not scrolled or self._current is None:
            self.show(whole=True)
            return
        below = self.scroll_y - self._current[0]
        self.show(whole=True)
        if self._current is not None:
            # The lines laid out above the current post have moved it down.
            y = self._current[0] + below
            self.scroll_to(y=y, animate=False, force=True, immediate=True)

    def _walk(
        self, rows: Rows, row: int, step: int, origin: int, budget: int | None
    ) -> tuple[list[Block], int, bool]:
        """Blocks from `row` a `step` at a time, at most MAX_WINDOW_POSTS from `origin`,
        until a few screens are filled: them, the row it stopped at, and whether it
        stopped at a block left for `_fill`."""
        height = self.scrollable_content_region.height
        need = max(height * LOOKBACK_SCREENS, MIN_LOOKBACK_LINES)
        blocks: list[Block] = []
        total = 0
        while 0 <= row < rows.count and abs(row - origin) < MAX_WINDOW_POSTS and total < need:
            block = self._row_block(rows, row, budget, total < height)
            if block is None:
                return blocks, row, True
            blocks.append(block)
            total += len(block.strips)
            row += step
        return blocks, row, False

    def _row_block(self, rows: Rows, row: int, budget: int | None, on_screen: bool) -> Block | None:
        """The block of `rows` row `row`; None if it is off the screen, not in the cache,
        and `blocks_rendered` has reached `budget` (None: no limit)."""
        depth = rows.depths[row] if rows.depths is not None else 0
        index, current = rows.posts[row], row == rows.current
        if (
            not on_screen
            and budget is not None
            and self.blocks_rendered >= budget
            and not self._cached(index, current, depth)
        ):
            return None
        return self._block(index, current, depth)

    def _keep_current_in_view(self, height: int) -> None:
        bottom = max(0, len(self._lines) - height)
        if self._current is None:
            y = bottom
        else:
            # The current post's end at the bottom of the view (in replay order it ends the
            # document); if it is taller than the view, its top.
            top, end = self._current
            y = top if end - top > height else min(bottom, max(0, end - height))
        y = self._off_blank(y, height)
        self.scroll_to(y=y, animate=False, force=True, immediate=True)
        self._shown_y = self.scroll_y

    def _off_blank(self, y: int, height: int) -> int:
        """`y`, or a line next to it if the view would start on the blank line between
        two posts (in a small terminal every row counts): one up if the line that drops
        off the bottom is blank too (the current post's own), else one down if the view
        reaches that far and the current post's top stays in view."""
        lines, dropped = self._lines, y + height - 1
        if not 0 < y < len(lines) or lines[y].text.strip():
            return y
        if dropped >= len(lines) or not lines[dropped].text.strip():
            return y - 1
        top = self._current[0] if self._current is not None else y + 1
        return y + 1 if y + 1 <= min(len(lines) - height, top) else y

    # --- rendering ------------------------------------------------------------------------

    def _key(
        self, index: int, current: bool, depth: int
    ) -> tuple[int, bool, tuple[bool, bool], int, bool]:
        room = max(0, (self._width - BAR_WIDTH - MIN_TEXT_WIDTH) // INDENT)
        levels = min(depth, MAX_INDENT_LEVELS, room)
        return (index, current, self.words.shown_as(index), levels, depth > levels)

    def _cached(self, index: int, current: bool, depth: int) -> bool:
        return self._key(index, current, depth) in self._cache

    def _block(self, index: int, current: bool, depth: int = 0) -> Block:
        width = self._width
        key = self._key(index, current, depth)
        _, _, _, levels, deeper = key
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        self.blocks_rendered += 1
        base = self.get_visual_style("timeline--current" if current else "timeline--post")
        rule = self.get_visual_style("timeline--rule")
        colour = self.words.colour(self.replay.posts[index].author)
        bar_style = (base + self._get_style(colour)).rich_style
        bar = Segment("┃ " if current else "│ ", bar_style)
        plain = self.get_visual_style("timeline--post").rich_style
        indent = levels * INDENT
        lead: list[Segment] = []
        if indent:
            # The colour bar moves right with the reply depth; '»' where it stops moving.
            text = " " * (indent - 2) + ("» " if deeper else "  ")
            lead.append(Segment(text, base.rich_style))
        bar_strip = Strip([*lead, bar], indent + BAR_WIDTH)
        prefix = len(bar_strip.text)
        strips: list[Strip] = []
        seams: list[Seam] = []
        for part in self.words.post_parts(index):
            if part.rule:
                rule_strips, rule_seams = self._rule(part, width, rule)
                strips += rule_strips
                seams += rule_seams
                continue
            part_strips, part_seams = wrap(self, part.content, width - BAR_WIDTH - indent, base)
            strips += [Strip.join([bar_strip, strip]) for strip in part_strips]
            seams += [seam.shifted(prefix, part.link) for seam in part_seams]
        strips.append(Strip.blank(width, plain))
        seams.append(BLANK)
        block = Block(strips, seams)
        self._cache[key] = block
        return block

    def _rule(self, part: Part, width: int, style: Style) -> tuple[list[Strip], list[Seam]]:
        content = part.content
        room = width - content.cell_length - 1
        if room > 0:
            content = content + Content(" " + "─" * room).stylize(t.MUTED)
        return wrap(self, content, width, style)

    def _note(self, content: Content, width: int) -> Strip:
        style = self.get_visual_style("timeline--note")
        return wrap(self, content, width, style)[0][0]

    def render_lines(self, crop: Region) -> list[Strip]:
        # Textual asks for every line of the crop in turn: read the scroll offset, the
        # width and the blank line's style (a walk up the DOM) once for all of them.
        self._render_pass = (self.scroll_offset.y, self.scrollable_content_region.width)
        self._selection = self.text_selection
        self._blank = None
        try:
            return super().render_lines(crop)
        finally:
            self._render_pass = None

    def render_line(self, y: int) -> Strip:
        if self._render_pass is not None:
            top, width = self._render_pass
        else:
            top, width = self.scroll_offset.y, self.scrollable_content_region.width
        index = top + y
        if 0 <= index < len(self._lines):
            strip = self._lines[index]
            line = index + self._origin
            selection = self.text_selection if self._render_pass is None else self._selection
            if selection is not None and (span := selection.get_span(line)) is not None:
                strip = highlight(strip, self._seams[index], span, selection_style(self))
            # Where each character is, for Textual's selection (see `selecting`).
            return strip.apply_offsets(0, line)
        if self._render_pass is None:
            return Strip.blank(width, self.rich_style)
        if self._blank is None:
            self._blank = Strip.blank(width, self.rich_style)
        return self._blank

    # --- the mouse ------------------------------------------------------------------------

    def on_mouse_down(self, event: MouseDown) -> None:
        self._pressed = event.screen_offset

    def on_click(self, event: Click) -> None:
        """A click on a post says which post (and which link) to the screen, which decides
        where to go. A drag selects text (Textual does) and goes nowhere: Textual ends it
        with a click where the button came up, so only one where it went down counts. A
        double click selects the post it made current (Textual's: the whole widget)."""
        pressed, self._pressed = self._pressed, None
        if pressed is not None and pressed != event.screen_offset:
            return
        if event.chain == 2 and self._clicked is not None:
            event.prevent_default()
            self.select_post(self._clicked)
            return
        offset = event.get_content_offset(self)
        if offset is None:
            return
        line = int(self.scroll_y) + offset.y
        owner = self._owners[line] if 0 <= line < len(self._owners) else None
        if owner is None:
            self._clicked = None
            return
        event.stop()
        self._clicked = owner
        self.post_message(self.Clicked(owner, self._seams[line].link))

    # --- selecting text (Textual's mouse selection, ctrl+c copies it) ----------------------

    def action_copy_selection(self) -> None:
        text = self.screen.get_selected_text()
        if not text:
            raise SkipAction()  # nothing selected: ctrl+c does what it does elsewhere
        self.app.copy_to_clipboard(text)
        self.notify(
            f"Copied the selected text, {len(text):,} characters (the terminal passes it "
            "to the clipboard if it allows OSC 52).",
            title="Copied",
            markup=False,
        )

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text under `selection`, as a reader would paste it (for ctrl+c)."""
        lines = shifted(selection, -self._origin)
        return selected_text([strip.text for strip in self._lines], self._seams, lines), "\n"

    def select_post(self, index: int) -> None:
        """Select the whole text of post `index`, if it is laid out."""
        lines = [y for y, owner in enumerate(self._owners, self._origin) if owner == index]
        if lines:  # its last line is the blank one after it: the selection ends there
            self.screen.selections = {self: Selection(Offset(0, lines[0]), Offset(0, lines[-1]))}

    def _forget_selection(self, lines: list[Strip]) -> None:
        """A selection is of lines of the laid-out window: when they change (a step, a
        jump, a resize), what it covered has moved, so it ends (as in a terminal)."""
        if self.text_selection is not None and not same_strips(self._lines, lines):
            self.screen.clear_selection()

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
