"""A Line-API `ScrollView` whose scrollable size changes without laying the screen out.

The timeline's lines change on every step, so its scrollable (virtual) size does too. In
Textual `virtual_size` is a reactive that asks for a layout of the screen, and a layout
passes a `ScrollView` its viewport as its virtual size, which never equals its own: the
scrollbar was then updated and repainted after every layout, in a frame of its own. So a
step cost a layout and two or three frames where one frame does.

Here the scrollable size is the view's own business: nothing's place depends on it (the
screen sets the view's size; `replay.tcss` keeps the scrollbar's column), only the
scrollbar does. Two Textual internals are used, as Textual itself uses them;
`tests/app/test_steps.py` fails if they stop working so.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


class LineView(ScrollView):
    """A ScrollView sized by the screen, whose lines set only its scrollbar."""

    def set_virtual_size(self, size: Size) -> None:
        """Set the scrollable size; lay the screen out only if the scrollbar comes or goes.

        This is what Textual does when a layout changes a widget's size
        (`Widget._size_updated` without a layout): set the reactive without its layout,
        then update the scrollbars (`_scroll_update`). If the scrollbar now shows or
        hides, `show_vertical_scrollbar`, a reactive that lays out, asks for the layout
        that places it."""
        if size != self.virtual_size:
            self.set_reactive(LineView.virtual_size, size)
            self._scroll_update(size)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # The compositor passes a ScrollView its viewport as `virtual_size`; ScrollView
        # ignores it (it keeps its own) but, as the two differ, updates and repaints the
        # scrollbar after every layout. Given its own size, it does so only when the
        # view's size did change.
        return super()._size_updated(size, self.virtual_size, container_size, layout)
