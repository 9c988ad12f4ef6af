"""Key-to-frame latency, and search and filter through the UI and the core API.

What `harness.py step|ui-search|ui-filter FILE` runs, in a fresh headless process.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from frames import Frames, emit, update_text

SETTLE = 0.05
"""After a key's first frame, how long without a frame counts as settled (3 frame periods)."""


class Stepper:
    """Send keys the way a terminal does and time each one to the frames it causes.

    The key goes to the driver's `send_message`, the door a real terminal's input thread
    uses; pilot's own waiting (which walks every widget) stays out of the event loop while
    the frame is being made. Two times are taken from just before the key is sent:

    * shown: the first frame that shows the new position (its text holds the header's new
      position label, "501/1,000"): the repaint a person is waiting for;
    * settled: the last frame before the screen is quiet for `SETTLE` (follow-up frames,
      such as a scrollbar catching up, included).

    Both include the wait for the screen's 60 Hz update timer (0–16.7 ms), as a person
    sees it. What it relies on in the UI: the replay screen has `replay` (a
    `replay.Replay`), and its header shows `Replay.label()`.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.frames = Frames(app, keep=True)
        self.started = 0.0
        """When the last key was sent (`time.perf_counter`)."""
        self.cpu: list[float] = []
        """CPU time of this process per press, from the key to the settled screen: the
        work a key costs, without the frame timer's wait or other processes' load."""

    async def press(
        self, key: str, label: Callable[[], str] | None = None, timeout: float = 30
    ) -> tuple[float, float] | None:
        """Press `key`; None if nothing was shown within `timeout`.

        With `label` (the header's position label, read from the replay), the key must
        move the replay: the wait lasts until the label has changed (at once for a step; a
        search may take a worker's time) and the frames have settled, and *shown* is the
        first frame holding the new label. Without it, any frame will do.
        """
        from textual import events

        driver = self.app._driver
        char = key if len(key) == 1 else None
        before = label() if label is not None else None
        self.frames.clear()
        cpu = time.process_time()
        start = self.started = time.perf_counter()
        driver.send_message(events.Key(key, char))
        deadline = start + timeout
        shown: float | None = None
        looked = 0
        while True:
            await asyncio.sleep(0.002)
            log = self.frames.log
            now = time.perf_counter()
            if shown is None and log:
                mark = label() if label is not None else None
                if mark is None or mark != before:
                    for when, update in log[looked:]:
                        if mark is None or mark in update_text(update):
                            shown = when
                            break
                    looked = len(log)
            if shown is not None and now - log[-1][0] >= SETTLE:
                self.cpu.append(time.process_time() - cpu)
                return shown - start, log[-1][0] - start
            if now > deadline:
                return None


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: Iterable[tuple[float, float] | None]) -> dict[str, Any]:
    """Median, p95 and max in ms of the shown and settled times; `missed`: presses with no
    frame showing the new position."""
    pairs = list(values)
    got = [v for v in pairs if v is not None]
    if not got:
        return {"n": 0, "missed": len(pairs)}
    shown = [s * 1000 for s, _ in got]
    settled = [s * 1000 for _, s in got]
    return {
        "n": len(got),
        "missed": len(pairs) - len(got),
        "median": statistics.median(shown),
        "p95": percentile(shown, 95),
        "max": max(shown),
        "settled_median": statistics.median(settled),
        "settled_p95": percentile(settled, 95),
    }


async def steps(loaded: Any, presses: int) -> dict[str, Any]:
    from replay_tui.ui.app import build_app

    app = build_app(loaded, from_start=True)
    result: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        stepper = Stepper(app)
        screen: Any = app.screen  # the replay screen, whichever class the UI uses for it
        replay = screen.replay
        label = replay.label

        # Leave the title card and settle in the middle of the session (not measured).
        await stepper.press("right")
        await stepper.press("5")
        times: dict[str, list[tuple[float, float] | None]] = {
            "next": [],
            "jump_new": [],
            "jump": [],
            "last": [],
            "first": [],
        }
        cpu: dict[str, list[float]] = {}

        def account(name: str) -> None:
            cpu.setdefault(name, []).extend(stepper.cpu)
            stepper.cpu.clear()

        stepper.cpu.clear()
        for _ in range(presses):
            times["next"].append(await stepper.press("right", label))
        account("next")
        # Jumps to places not shown before (the timeline has nothing there cached), then
        # jumps between places already seen.
        for digit in "13792468":
            times["jump_new"].append(await stepper.press(digit, label))
        account("jump_new")
        digits = "1357924680"
        for i in range(max(10, presses // 2)):
            times["jump"].append(await stepper.press(digits[i % len(digits)], label))
        account("jump")
        for _ in range(max(3, presses // 5)):
            times["last"].append(await stepper.press("end", label))
            account("last")
            times["first"].append(await stepper.press("home", label))
            account("first")
        result = {name: summary(values) for name, values in times.items()}
        for name, values in cpu.items():
            result[name]["cpu_median"] = statistics.median(values) * 1000 if values else None
        result["ui_search"] = await ui_search(app, stepper)
        result["frames_idle"] = await idle_frames(stepper)
    return result


async def idle_frames(stepper: Stepper) -> int:
    """Frames drawn in half a second with no key: should be none (nothing animates)."""
    stepper.frames.clear()
    await asyncio.sleep(0.5)
    return len(stepper.frames.log)


async def ui_search(app: Any, stepper: Stepper) -> dict[str, Any] | str:
    """Search through the UI, if the replay screen binds `/` by the time this runs: type a
    word that matches, press Enter, time Enter to the frame after the cursor moves."""
    screen = app.screen
    keys = {*screen._bindings.key_to_bindings, *app._bindings.key_to_bindings}
    if "slash" not in keys:
        return "not in the UI yet"
    replay = screen.replay
    await stepper.press("5" if replay.position != replay.count // 2 else "6", timeout=2)
    await stepper.press("slash", timeout=1)
    for char in "ceasefire":
        await stepper.press(char, timeout=1)
    took = await stepper.press("enter", replay.label)
    return summary([took]) if took is not None else "no result within 30 s"


def core_search(loaded: Any) -> dict[str, Any]:
    """Search and filter through the core API (what the UI calls), at this size.

    `cold` is what a person waits for if they search before anything is built: the first
    match after the cursor, which folds only the blocks it passes (the UI's worker then
    builds the rest). A hashtag filter's first result is the post the cursor lands on
    (`PendingView.nearest`); its whole view, and the tag index behind the dialog's list of
    hashtags, come later from a worker. `warm` is the same once everything is built.
    """
    from replay_tui.replay.filters import Filter, FilteredView, PendingView, apply
    from replay_tui.replay.search import SearchIndex

    middle = len(loaded.session.posts) // 2
    result: dict[str, Any] = {}

    def timed(f: Callable[[], object]) -> tuple[float, object]:
        start = time.perf_counter()
        value = f()
        return (time.perf_counter() - start) * 1000, value

    index = SearchIndex(loaded)
    result["search_cold_ms"], hit = timed(lambda: index.search("ceasefire").next_match(middle))
    assert hit is not None
    index.build()

    def first_match(word: str) -> object:
        return index.search(word).next_match(middle)

    warm = []
    for word in ("hospital", "border", "@user7 ", "participant 3"):
        ms, hit = timed(partial(first_match, word))
        assert hit is not None
        warm.append(ms)
    result["search_warm_ms"] = statistics.median(warm)
    rebuilt = SearchIndex(loaded)
    result["index_build_ms"], _ = timed(rebuilt.build)
    tag = Filter(tag="#AskSynthetic")
    # Filters: the first post shown, from nothing built; the whole view with the search
    # index built but no tag index (what the UI's worker does), then with the tag index.
    pending = PendingView(loaded, tag, SearchIndex(loaded))
    result["filter_tag_first_ms"], landed = timed(lambda: pending.nearest(middle))
    assert landed == middle, "every synthetic post carries #AskSynthetic"
    result["filter_tag_cold_ms"], cold = timed(lambda: apply(loaded, tag, rebuilt))
    result["tag_index_ms"], _ = timed(lambda: rebuilt.tags(mentions=False))
    result["filter_tag_warm_ms"], warm_view = timed(lambda: apply(loaded, tag, rebuilt))
    assert isinstance(cold, FilteredView) and isinstance(warm_view, FilteredView)
    assert len(cold) == len(warm_view) > 0, "every synthetic post carries #AskSynthetic"
    people = frozenset({"u1", "u2"})
    result["filter_people_ms"], _ = timed(lambda: apply(loaded, Filter(participants=people)))
    return result


async def until(
    stepper: Stepper, start: float, ready: Callable[[], bool], timeout: float = 60
) -> float | None:
    """Seconds from `start` to the first frame drawn once `ready()` holds (None: not
    within `timeout`): for a screen that a worker brings up after the key's own frames."""
    while not ready():
        await asyncio.sleep(0.002)
        if time.perf_counter() - start > timeout:
            return None
    now = time.perf_counter()
    while True:
        later = [when for when, _ in stepper.frames.log if when >= now]
        if later:
            return later[0] - start
        await asyncio.sleep(0.002)
        if time.perf_counter() - start > timeout:
            return None


async def until_shown(
    stepper: Stepper, start: float, pattern: str, timeout: float = 60
) -> float | None:
    """Seconds from `start` to the first frame (since the last key) whose text matches
    `pattern` (a regex), or None: for what a worker shows later, such as a count."""
    import re

    wanted = re.compile(pattern)
    looked = 0
    while True:
        log = stepper.frames.log
        for when, update in log[looked:]:
            if when >= start and wanted.search(update_text(update)):
                return when - start
        looked = len(log)
        await asyncio.sleep(0.002)
        if time.perf_counter() - start > timeout:
            return None


async def cold_search(loaded: Any) -> dict[str, Any] | str:
    """Search through the UI at once after opening, before anything is built for it: to
    the first match shown, then to the frame that says how many there are."""
    from replay_tui.ui.app import build_app

    app = build_app(loaded, from_start=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        stepper = Stepper(app)
        result = await ui_search(app, stepper)
        if isinstance(result, dict) and result.get("n"):
            # "match 1 of 12" once the worker has counted (counted before the first
            # match is shown, for a UI that counts first).
            counted = await until_shown(stepper, stepper.started, r"match [\d,]+ of [\d,]+")
            result["counted_ms"] = counted * 1000 if counted is not None else None
        return result


def ui_search_cold(path: str) -> None:
    from replay_tui.format.read import load_session

    emit({"ui_search_cold": asyncio.run(cold_search(load_session(path)))})


FILTER_TAG = "#AskSynthetic"
"""The hashtag every synthetic post carries (`synth.py`)."""


def choose_tag(screen: Any, tag: str) -> None:
    """Choose `tag` in the filter dialog, as a person would by typing or ticking it: its
    text field if it has one, else its radio button in the list."""
    from textual.widgets import Input, RadioButton

    fields = screen.query(Input)
    if fields:
        fields.first().value = tag
        return
    for button in screen.query(RadioButton):
        if str(button.label).startswith(tag):
            button.value = True
            return
    raise AssertionError(f"{tag} is not in the filter dialog")


async def cold_filter(loaded: Any) -> dict[str, Any] | str:
    """A hashtag filter through the UI at once after opening, from the middle: F to the
    dialog, then (the tag chosen) ctrl+s to the frame showing the filter's first result,
    and to the frame that shows how many posts it shows."""
    from replay_tui.ui.app import build_app

    app = build_app(loaded, from_start=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        stepper = Stepper(app)
        screen: Any = app.screen
        keys = {*screen._bindings.key_to_bindings, *app._bindings.key_to_bindings}
        if "F" not in keys:
            return "not in the UI yet"
        replay = screen.replay
        await stepper.press("5", timeout=2)
        start = time.perf_counter()
        from textual import events

        app._driver.send_message(events.Key("F", "F"))
        opened = await until(stepper, start, lambda: app.screen is not screen)
        if opened is None:
            return "no filter dialog within 60 s"
        await pilot.pause()
        choose_tag(app.screen, FILTER_TAG)
        await pilot.pause()
        applied = await stepper.press("ctrl+s", replay.label)
        if applied is None:
            return "no result within 30 s"
        counted = await until_shown(stepper, stepper.started, r"[\d,]+/[\d,]+ shown \(of")
        return {
            **summary([applied]),
            "dialog_ms": opened * 1000,
            "counted_ms": counted * 1000 if counted is not None else None,
        }


def ui_filter_cold(path: str) -> None:
    from replay_tui.format.read import load_session

    emit({"ui_filter_cold": asyncio.run(cold_filter(load_session(path)))})


def step(path: str, presses: int) -> None:
    from replay_tui.format.read import load_session

    loaded = load_session(path)
    result = asyncio.run(steps(loaded, presses))
    result["core"] = core_search(loaded)
    emit(result)


BURST = 40
"""Steps pressed at once right after opening (a held key's first second, at 40 a second)."""


async def burst_after_open(app: Any, count: int, ready: str) -> dict[str, Any]:
    """`count` presses of → sent at once, from another thread (as a terminal's input thread
    hands over a burst), as soon as a frame shows `ready` (the replay screen's header at the
    title card); timed to the first frame that shows the `count`th post. Also: how many
    times the screen was repainted for a position, and this process's CPU time over it."""
    import threading

    from textual import events

    ready_seen = threading.Event()
    shown = asyncio.Event()
    marks: dict[str, Any] = {}
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is None or shown.is_set():
            return
        now = time.perf_counter()
        text = update_text(renderable)
        if "label" not in marks:
            if ready in text:
                replay = app.screen.replay
                total = replay.count
                marks["label"] = f"{min(count, total):,}/{total:,}"
                marks["screen"] = app.screen
                ready_seen.set()
        elif "sent" in marks and marks["label"] in text:
            marks["shown"] = now
            shown.set()

    app._display = display

    def typist() -> None:
        if not ready_seen.wait(timeout=600):
            return
        driver = app._driver
        marks["cpu"] = time.process_time()
        marks["sent"] = time.perf_counter()
        for _ in range(count):
            driver.send_message(events.Key("right", None))

    async with app.run_test(size=(120, 40)):
        thread = threading.Thread(target=typist, name="bench typist", daemon=True)
        thread.start()
        try:
            await asyncio.wait_for(shown.wait(), timeout=600)
        except TimeoutError:
            return {"missed": 1}
        cpu = time.process_time() - marks["cpu"]
        thread.join()
        return {
            "ms": (marks["shown"] - marks["sent"]) * 1000,
            "repaints": marks["screen"].syncs,
            "cpu_ms": cpu * 1000,
        }


def burst(path: str, count: int) -> None:
    from harness import READY_MARK, cli_app

    emit({"burst": asyncio.run(burst_after_open(cli_app(path), count, READY_MARK))})
