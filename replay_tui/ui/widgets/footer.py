"""The footer, rebuilt once per change of the keys it shows.

Textual's `Footer` removes and mounts all its keys again each time the screen says its
bindings may have changed: at a screen's resume, at every change of focus, and once per
signal even when several come before the first rebuild has run. Opening the replay screen
sends a few (the screen resumes, the timeline takes the focus, the card at the title), and
the app waits for each removal of the old keys before it handles the next key: right after
a large session opened, a burst of steps waited behind them. Here a rebuild is asked for
at most once at a time, and not at all when it would show the keys already shown.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    """A `Footer` that recomposes only when the keys it would show differ."""

    def __init__(self) -> None:
        super().__init__()
        self._composed: tuple[Hashable, ...] | None = None
        """What the keys shown were made of (None: no keys composed yet)."""
        self._asked = False
        """A rebuild is scheduled: it will read the bindings as they are by then."""

    @staticmethod
    def _shown(screen: Screen[object]) -> tuple[Hashable, ...]:
        """What the footer would show of `screen`'s bindings (all its keys are made of)."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._composed = self._shown(self.screen)
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        # As Footer.bindings_changed, but once per change of what is shown.
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._asked or self._shown(screen) == self._composed:
            return
        self._asked = True
        self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._asked = False
        await self.recompose()
