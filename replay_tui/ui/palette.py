"""The command palette, guarded against two crashes of Textual 8.2.8's own.

- A click outside the palette dismisses it (`CommandPalette._on_click`). Clicks queued while
  the palette is busy (a large session's commands being gathered) are each handled after the
  first has closed it, and each `dismiss` pops whatever screen is on top then: the second
  took the replay screen away, the third raised `ScreenStackError: Can't pop screen` and the
  app exited. Textual's `Screen.dismiss` does not check that the screen is the top one
  (upstream: Textualize/textual#2575). Here a palette that is no longer on top ignores
  them.
- The palette's gathering worker styles each hit's help text with the palette's component
  styles, which Textual clears once the palette is removed; a hit that arrives just after
  the palette closed raised `KeyError: "No 'command-palette--help-text' key"` in the worker
  and the app exited. Here a closed palette styles it plainly (it is never shown).
- The same worker, started by a key typed just before the app closed, first looks up the
  palette's list of hits (`query_one(CommandList)`); when it starts after the closing app has
  removed the palette's widgets, it raised `NoMatches` and the exit printed a traceback with
  status 1 (2 exits in 40 with a query typed as the app closed). Here a gathering that finds
  its palette taken apart ends quietly; one that finds the list still there raises as before.
"""

from __future__ import annotations

from typing import Any

from textual import work
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.css.styles import RenderStyles, Styles
from textual.events import Click


async def _nothing() -> None:
    return None


_GATHER = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
"""Textual's gathering, unwrapped from its `@work` (re-wrapped below, same group)."""


class Palette(CommandPalette):
    """Textual's command palette, closed once only."""

    @property
    def on_top(self) -> bool:
        return self.is_attached and self.app.screen is self

    def _on_click(self, event: Click) -> None:  # type: ignore[override]
        if self.on_top:
            super()._on_click(event)

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.on_top:
            return AwaitComplete(_nothing())
        return super().dismiss(result)

    def get_component_styles(self, *names: str) -> RenderStyles:
        try:
            return super().get_component_styles(*names)
        except KeyError:
            if self.is_attached:
                raise
            return RenderStyles(self, Styles(), Styles())

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await _GATHER(self, search_value)
        except NoMatches:
            if self.query(CommandList):
                raise  # not the closing palette's missing list: a real fault
