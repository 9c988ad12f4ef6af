"""Selecting the timeline's text with the mouse, and copying it (Textual's ctrl+c).

Textual selects text by coordinates that the widget itself puts into the lines it renders:
each segment carries an `offset` (x, y) in its style's meta; on a mouse down and each move
Textual reads the offset under the pointer from `render_line`, keeps a `Selection` from one
offset to the other per widget (`Screen.selections`), asks the widget for the text under it
(`Widget.get_selection`) and lets it draw the highlight. A widget that renders Content
(Static, Label) gets all of that for free; a Line-API widget such as the timeline must do
each part itself, as Textual's own `Log` does. This module holds those parts, so that the
timeline only lays them in:

- the coordinates are those of the timeline's laid-out window: y is the line, counted
  from an origin that keeps a post's lines at the same y from one step to the next (the
  window moves under them: `kept_origin`), x the character in the line's text, bar and
  indent included (`Strip.apply_offsets`, which caches its strip per (x, y): a line
  that keeps its y keeps its strip, and the styles Textual and the terminal cache by);
- `Seam` says, for each line, where its own text lies (after the indent and the colour bar,
  before the padding) and what follows it in copied text: a line break, or, where wrapping
  broke a paragraph, the spaces the wrap took out, so a copied paragraph reads as written;
- `highlight` draws the selected part of a line in the screen's selection colours;
- `selected_text` is the text under a selection, as a reader would paste it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.content import Content
from textual.geometry import Offset
from textual.selection import Selection
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual
from textual.widget import Widget


class Seam(NamedTuple):
    """Where a laid-out line's own text lies, as character indices in the line's text
    (`Strip.text`), and what joins it to the next line in copied text; and the link of
    the part of a post it belongs to (a click on the line goes there)."""

    start: int
    end: int
    join: str = "\n"
    link: str | None = None

    def shifted(self, by: int, link: str | None) -> Seam:
        """The seam on a line with `by` more characters before the text (a colour bar),
        in a part with `link`."""
        return Seam(self.start + by, self.end + by, self.join, link)


BLANK = Seam(0, 0)
"""A line with no text of its own (the blank line after a post)."""


class Block(NamedTuple):
    """A post as the timeline lays it out: its lines, and the seam of each."""

    strips: list[Strip]
    seams: list[Seam]


def wrap(
    widget: Widget, content: Content, width: int, style: Style
) -> tuple[list[Strip], list[Seam]]:
    """`content` wrapped to `width` and padded to it, with the seam of every line.

    Each of the content's lines is wrapped on its own, so that the seams know which line
    breaks are the text's and which are the wrap's. Textual's own selection highlight is
    not applied: the strips are cached and the timeline draws the highlight itself."""
    strips: list[Strip] = []
    seams: list[Seam] = []
    rich_style = style.rich_style
    for line in content.split("\n", allow_blank=True):
        wrapped = Visual.to_strips(widget, line, width, None, style, apply_selection=False)
        plain = line.plain
        position = 0
        for number, strip in enumerate(wrapped):
            text = strip.text
            end = len(text)
            join = "\n"
            if number < len(wrapped) - 1:
                # The wrap cut the line after `text`, and dropped the spaces at the cut.
                if plain.startswith(text, position):
                    position += len(text)
                    rest = len(plain) - len(plain[position:].lstrip())
                    join = plain[position:rest] if rest > position else ""
                    position = rest
                else:
                    join = " "
            strips.append(strip.extend_cell_length(width, rich_style))
            seams.append(Seam(0, end, join))
    return strips, seams


FIRST_LINE = 1_000_000
"""Where the y of the laid-out lines starts; steps back lower it, and it stays positive."""


def kept_origin(origin: int, old: Sequence[int | None], new: Sequence[int | None]) -> int:
    """The y of line 0 of a new layout (`new`: the post of each line) that leaves the lines
    of the first post it shares with the old one (laid out from `origin`) at their y."""
    shared = set(old)
    for line, post in enumerate(new):
        if post is not None and post in shared:
            return max(0, origin + old.index(post) - line)
    return origin


def shifted(selection: Selection, by: int) -> Selection:
    """`selection` with its lines moved `by` (from selection offsets to line indices)."""
    start, end = selection.start, selection.end
    return Selection(
        None if start is None else Offset(start.x, start.y + by),
        None if end is None else Offset(end.x, end.y + by),
    )


def selection_style(widget: Widget) -> tuple[Style, Color]:
    """The screen's selection style (as Textual's Content applies it), and the widget's
    background, under segments that have none."""
    styles = widget.screen.get_component_styles("screen--selection")
    return Style.from_styles(styles), widget.background_colors[1]


def same_strips(old: Sequence[Strip], new: Sequence[Strip]) -> bool:
    """Whether two layouts are the same lines (strips are cached: the same objects)."""
    return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


def highlight(strip: Strip, seam: Seam, span: tuple[int, int], style: tuple[Style, Color]) -> Strip:
    """`strip` with the characters `span` of its own text (`end` -1: to the end) drawn in
    the screen's selection `style` (`selection_style`), laid over the line's own colours
    as Textual lays it over a Static's (its background is translucent, its text colour
    transparent in the usual themes: a Rich style of it would paint the text in the
    background's colour)."""
    start, end = span
    start = max(start, seam.start)
    end = seam.end if end == -1 else min(end, seam.end)
    if end <= start:
        return strip
    selection, background = style
    text = strip.text
    cuts = [cell_len(text[:start]), cell_len(text[:end]), strip.cell_length]
    before, selected, after = strip.divide(cuts)
    segments = [Segment(chars, _over(own, selection, background)) for chars, own, _ in selected]
    return Strip.join([before, Strip(segments, selected.cell_length), after])


def _over(style: RichStyle | None, selection: Style, background: Color) -> RichStyle:
    """A segment's `style` with the `selection` over it, blended as Textual blends it."""
    style = style or RichStyle()
    under = Color.from_rich_color(style.bgcolor) if style.bgcolor else background
    colour = None
    if selection.foreground is not None and selection.foreground.a > 0:
        text = Color.from_rich_color(style.color) if style.color else under.get_contrast_text()
        colour = (text + selection.foreground).rich_color
    return style + RichStyle(color=colour, bgcolor=(under + selection.background).rich_color)


def selected_text(texts: Sequence[str], seams: Sequence[Seam], selection: Selection) -> str:
    """The text of `texts` (the laid-out lines) under `selection`, without bars, indents
    and padding; wrapped lines joined as they were written."""
    first = 0 if selection.start is None else selection.start.y
    last = len(texts) - 1 if selection.end is None else min(selection.end.y, len(texts) - 1)
    pieces: list[str] = []
    for y in range(max(0, first), last + 1):
        span = selection.get_span(y)
        if span is None:
            continue
        seam = seams[y]
        start, end = span
        start = max(start, seam.start)
        end = seam.end if end == -1 else min(end, seam.end)
        pieces.append(texts[y][start:end] if end > start else "")
        if y < last:
            pieces.append(seam.join)
    return "".join(pieces)
