"""How the benchmark's headless processes see frames, and how they report.

Textual's screen collects refreshes and, on its update timer (60 a second), asks the
compositor for an update and hands it to `App._display`, which writes it to the terminal
(the headless driver skips only the write). Wrapping `App._display` on the instance
therefore timestamps each frame at the moment it would reach the terminal, and the update
carries the strips that were drawn, so a harness can look for text in it.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any


def high_water_mb() -> float | None:
    """This process's own peak resident memory (VmHWM), to cross-check the parent's wait4."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def emit(result: Mapping[str, Any]) -> None:
    """Print the result as one line of JSON for `measure.run` to read. The process then
    ends normally: what comes after (stopping the app, freeing the session) is outside
    the times, which the harness took itself, but inside the process's peak memory."""
    sys.stdout.write(json.dumps({**result, "hwm_mb": high_water_mb()}) + "\n")
    sys.stdout.flush()


def update_text(update: object) -> str:
    """The text a compositor update draws (full layout or changed fragments)."""
    from textual._compositor import ChopsUpdate, LayoutUpdate

    if isinstance(update, LayoutUpdate):
        return "\n".join("".join(strip.text for strip in line) for line in update.strips)
    if isinstance(update, ChopsUpdate):
        return "\n".join(
            "".join(strip.text for strip in chops.values() if strip is not None)
            for chops in update.chops
        )
    return ""


class Frames:
    """Every frame the app hands to its driver: when (`time.perf_counter`) and what.

    `watch`: call `on_seen` at the first frame whose text holds it (for the first frame).
    `keep`: keep the updates of the frames since the last `clear` (for the steps).
    """

    def __init__(
        self,
        app: Any,
        watch: str | None = None,
        on_seen: Callable[[], None] = lambda: None,
        keep: bool = False,
    ) -> None:
        self.log: list[tuple[float, object]] = []
        self.seen: float | None = None
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            now = time.perf_counter()
            if keep:
                self.log.append((now, renderable))
            if watch is not None and self.seen is None and watch in update_text(renderable):
                self.seen = now
                on_seen()

        app._display = display

    def clear(self) -> None:
        self.log = []


async def first_frame(app: Any, title: str, ready: str | None = None) -> None:
    """Run `app` headless at 120×40 until a frame shows `title` (and then, with `ready`, one
    that shows `ready`); emit when each was seen."""
    done = asyncio.Event()
    frames = Frames(app, watch=title, on_seen=done.set if ready is None else lambda: None)
    later = Frames(app, watch=ready, on_seen=done.set) if ready is not None else None
    async with app.run_test(size=(120, 40)):
        await asyncio.wait_for(done.wait(), timeout=600)
    assert frames.seen is not None
    # perf_counter and monotonic are the same clock on Linux; measure.py started its timer on
    # time.monotonic before spawning this process.
    offset = time.monotonic() - time.perf_counter()
    result = {"frame": offset + frames.seen}
    if later is not None and later.seen is not None:
        result["ready"] = offset + later.seen
    emit(result)
