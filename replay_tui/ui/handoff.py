"""Keys typed just after a dialog's closing key go to the screen under it, in order.

A terminal hands the app a burst of keys at once (a fast typist, a paste). A dialog's Esc,
ctrl+s or Enter is a priority binding, so it acts when the app takes it, in typing order;
but the keys typed just before it are not handled yet: the app hands each key to the
focused widget's queue, and a key that widget binds (a list's `down`, an editor's
backspace) bubbles back up through its parents to the app, which runs the binding only
then. So the dialog closes once every key typed before it has come all the way back
(`close_after_typed`, `after_queued`): the `down` typed before Enter moves a list's
highlight before Enter picks the row. Meanwhile the app has gone on taking the keys typed
after the closing key: without a hand-off they reached the closing dialog (the `right`
after a note's ctrl+s moved the editor's cursor instead of stepping the replay; the `right`
after a chapter's Enter stepped before the jump, and an Esc after it undid the choice).

So while a dialog is closing, the app holds the keys it takes (`KeyHolder.held`), and once
the dialog is gone (or the screen its Enter opened is mounted) it handles them, in order,
before any later key: they reach the screen the user saw come.

The same round trip reorders keys inside a dialog: a letter goes into a field as the field
takes it, while a `left` or a `tab` acts only once it has come back up, after the letters
typed after it had gone in (or gone to the field it left). So the app also holds the keys
typed after any key it hands to a widget until that key has come back (`KeyHolder.follow`):
keys are handled one after the other, as when typed slowly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import AwaitMount, Widget


class KeyHolder:
    """The app's keys held while a dialog closes, or while the key before them is on its
    way (see the module docstring)."""

    def __init__(self, app: App[Any], handle: Callable[[events.Key], Awaitable[None]]) -> None:
        self._app = app
        self._handle = handle
        """How the app handles a key (its own `on_event`, past the holding)."""
        self.held: list[events.Key] | None = None
        """None while no dialog is closing; else the keys taken since, in order."""
        self._closing: Screen[Any] | None = None
        self._following: Widget | None = None
        """The widget the key before the held ones went to (`follow`)."""
        self._hold = 0
        """Which holding this is: a release meant for an earlier one does nothing."""

    def hold(self, screen: Screen[Any]) -> int:
        """`screen` is closing: hold the keys from now until it is gone. Returns the
        holding's number for `release` (the same while it lasts)."""
        self._closing, self._following = screen, None
        if self.held is None:
            self.held = []
            self._hold += 1
        return self._hold

    def follow(self, target: Widget) -> None:
        """A key fresh from the terminal was handed to `target`: hold the next ones until
        it has come back up to the app, so that they are handled one after the other, as
        if typed slowly (a `tab` moves the focus before the letters typed after it are
        handed on; an editor's `left` moves its cursor before the next letter goes in)."""
        if self.held is not None:
            return
        number = self.hold(self._app.screen)
        self._following = target
        after_queued(target, lambda: self._app.call_next(self.release, number))

    def take(self, event: events.Event) -> bool:
        """Hold `event` if a dialog is closing and it is a key fresh from the terminal."""
        if self.held is None or not isinstance(event, events.Key) or event.is_forwarded:
            return False
        self.held.append(event)
        following = self._following
        if (
            self._closing is None
            or self._closing not in self._app.screen_stack
            or (following is not None and not following.is_attached)
        ):
            # Gone without saying so (removed some other way): never hold keys for good.
            self._app.call_next(self.release, self._hold)
        return True

    async def release(self, number: int | None = None) -> None:
        """The dialog is gone: handle the held keys, in order. A key among them may start
        closing another dialog; the rest then wait for that one, still in order. With the
        holding's `number`, only if that holding is still on."""
        if self.held is None or (number is not None and number != self._hold):
            return
        keys, self.held, self._closing, self._following = self.held, None, None, None
        stack = self._app.screen_stack
        if keys and stack and not stack[-1].is_mounted:
            # The closing key opened a screen (the picker's Enter): the keys are its own.
            await AwaitMount(stack[-1], [stack[-1]])
        for number_, key in enumerate(keys):
            if self.held is not None:
                self.held[:0] = keys[number_:]
                return
            await self._handle(key)


def after_queued(node: DOMNode, callback: Callable[[], Any]) -> None:
    """Call `callback` once `node` and each node above it, up to the app, have handled the
    messages waiting for them now: a key handed to the focused widget has then come all
    the way back up to the app, and the binding it meets on the way has acted."""
    parent = node.parent

    def next_up() -> None:
        if parent is None:
            callback()
        else:
            after_queued(parent, callback)

    if not node.call_later(next_up):  # closed already: nothing more will come from it
        next_up()


def after_settled(node: DOMNode, callback: Callable[[], Any]) -> None:
    """`after_queued`, twice: a binding that acted on the way up may have posted a message
    to the focused widget (an OptionList's choice, an Input's change or submission), which
    is handled, and has come back up, before `callback`."""
    after_queued(node, lambda: after_queued(node, callback))


def _holder_of(screen: Screen[Any]) -> KeyHolder | None:
    holder = getattr(screen.app, "key_holder", None)
    return holder if isinstance(holder, KeyHolder) else None


def close_after_typed(
    screen: Screen[Any], focused: Widget | None, close: Callable[[], Any]
) -> None:
    """Close `screen` (call `close`, which dismisses it or opens a screen over it) once the
    keys typed before the closing key have been handled; hold the keys typed after it
    meanwhile, and until the screen is gone."""
    holder = _holder_of(screen)
    number = holder.hold(screen) if holder is not None else 0

    def closing() -> None:
        try:
            if screen.is_attached and screen.app.screen is screen:
                close()
        finally:
            if holder is not None:
                screen.app.call_next(holder.release, number)

    if focused is None or not focused.is_attached:
        after_settled(screen, closing)
    else:
        after_settled(focused, closing)


def key_in_order(screen: Screen[Any], key: str) -> None:
    """Hand `key` (bound with priority on `screen`) to the focused widget once the keys
    typed before it have been handled, as if typed alone; hold the keys typed after it
    until it has been handled too. For a key that may close the dialog through a widget's
    message (Enter in a field submits it, on a button presses it): the keys after it then
    go to the screen under the dialog."""
    holder = _holder_of(screen)
    number = holder.hold(screen) if holder is not None else 0

    def done() -> None:
        if holder is not None:
            screen.app.call_next(holder.release, number)

    def handing() -> None:
        if not (screen.is_attached and screen.app.screen is screen):
            done()
            return
        target: Widget = screen.focused or screen
        target._forward_event(events.Key(key, None))  # as the app forwards a key
        after_settled(target, done)

    after_settled(screen.focused or screen, handing)
