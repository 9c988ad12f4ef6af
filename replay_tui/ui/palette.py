"""The command palette, guarded against three crashes of Textual 8.2.8's own.

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

And it takes a burst of keys (a fast typist) in order, as every dialog does (ui/handoff.py).
Textual's palette searches in a worker after each letter, and its Enter, arrows and Esc
act when the key comes back up from its field: a `down` or Enter typed with the query
acted on the hits of an older query (or none yet), and the keys typed after Enter or Esc
went into the closing palette's field. Here those keys are the palette's own priority
bindings: each waits for the keys typed before it and for the search of the query they
typed, then acts; the keys typed after it wait meanwhile, and after the chosen command
has run when it closes the palette.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import work
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.command import CommandInput, CommandList, CommandPalette
from textual.css.query import NoMatches
from textual.css.styles import RenderStyles, Styles
from textual.events import Click
from textual.worker import Worker

from replay_tui.ui.handoff import KeyHolder, after_queued


async def _nothing() -> None:
    return None


_GATHER = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]
"""Textual's gathering, unwrapped from its `@work` (re-wrapped below, same group)."""


class Palette(CommandPalette):
    """Textual's command palette, closed once only, taking bursts of keys in order."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "in_order('escape')", "Close", show=False, priority=True),
        Binding("enter", "in_order('enter')", "Run", show=False, priority=True),
        Binding("down", "in_order('down')", "Next", show=False, priority=True),
        Binding("up", "in_order('up')", "Previous", show=False, priority=True),
    ]

    _waiting: str | None = None
    """The key waiting for the search to end."""
    _holding = False
    _number = 0
    """The app's holding (`KeyHolder.hold`) while `_holding`."""
    """The app holds the keys typed after the key acting now (`in_order`)."""

    @property
    def _holder(self) -> KeyHolder | None:
        holder = getattr(self.app, "key_holder", None)
        return holder if isinstance(holder, KeyHolder) else None

    def action_in_order(self, key: str) -> None:
        """Act on `key` once the keys typed before it, and the search of what they typed,
        are done; hold the keys typed after it meanwhile."""
        holder = self._holder
        if holder is not None:
            self._number = holder.hold(self)
            self._holding = True
        field = self.query_one(CommandInput)
        # Twice: a letter the field takes posts its change to the field's own queue, after
        # the first pass; the change starts the search on its way up.
        after_queued(field, lambda: after_queued(field, lambda: self._when_searched(key)))

    def _searching(self) -> bool:
        return any(
            worker.node is self
            and worker.group == self._GATHER_COMMANDS_GROUP
            and not worker.is_finished
            for worker in self.app.workers
        )

    def _when_searched(self, key: str) -> None:
        if not self.on_top:
            self._release()
        elif key != "escape" and self._searching():  # Esc stops the search anyway
            self._waiting = key
        else:
            self._act(key)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self._waiting is not None and not self._searching():
            key, self._waiting = self._waiting, None
            if self.on_top:
                self._act(key)
            else:
                self._release()

    def _act(self, key: str) -> None:
        if key == "escape":
            self._action_escape()
        elif key == "down":
            self._action_cursor_down()
        elif key == "up":
            self._action_command_list("cursor_up")
        else:
            self._select_or_command()
        # Enter on a hit selects it by a message; once it is handled, the palette has
        # closed (`dismiss` hands the held keys on) or it is still open (they are its own).
        after_queued(self.query_one(CommandList), self._release_if_open)

    def _release_if_open(self) -> None:
        if self.on_top:
            self._release()

    def _release(self) -> None:
        holder = self._holder
        if self._holding and holder is not None:
            self._holding = False
            self.app.call_next(holder.release, self._number)

    def _after_command(self) -> None:
        """The palette is closing: the keys held go to the screen under it, after the
        command chosen (if any) has run. Textual queues the command on the app just after
        this dismissal: the keys are released from the app's queue after it (two hops)."""
        holder = self._holder
        if not self._holding or holder is None:
            return
        self._holding = False
        stack = self.app.screen_stack
        if len(stack) > 1:
            holder.hold(stack[-2])  # held still, though the palette is gone
        self.app.call_later(self.app.call_later, holder.release, self._number)

    @property
    def on_top(self) -> bool:
        return self.is_attached and self.app.screen is self

    def _on_click(self, event: Click) -> None:  # type: ignore[override]
        if self.on_top:
            super()._on_click(event)

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if not self.on_top:
            return AwaitComplete(_nothing())
        self._after_command()
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
