"""Measuring: run whole processes, take their times and peak memory, return figures.

Each section is a function `(Context, size, session path) -> {figure name: value}` in
`SECTIONS`; `run.py` calls the ones asked for, size by size, and writes every figure to
JSON. A value is a list of samples (one per round), one number, or a message saying why
there is no number. Nothing here judges a figure: bench/targets.py says what is expected,
report.py compares.

Every process is measured from just before its spawn, starts with empty XDG folders (no
saved state changes what it does), and ends normally: no fork, no `os._exit`, for
replay-tui or for a floor. Processes alternate (floor, replay-tui, floor, …) for several
rounds, so a neighbour's load spreads over both sides; the report takes medians.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TITLE_MARK = "Synthetic session of"
"""Text of the title card that `synth.py` sessions all have; the open measures wait for it."""
READY_MARK = "Title card"
"""The replay screen's header at the title card: the file is checked and keys work."""
COLUMNS, LINES = 120, 40

Figures = dict[str, Any]


@dataclass
class Context:
    env: dict[str, str]
    """The environment of every measured process (empty XDG folders)."""
    rounds: int
    presses: int


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


# --- running children ------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    """From just before the process was spawned until it exited."""
    rss_mb: float
    """Peak resident memory of the process (maxrss from wait4)."""
    cpu: float
    """CPU time, user and system, from wait4."""
    output: dict[str, Any]
    """The last line of JSON the process printed (the harness's result), if any."""
    started: float
    """time.monotonic() just before the spawn: the harness reports on the same clock."""


def run(command: list[str], env: dict[str, str]) -> Run:
    """Run a process to its end; its time and its peak memory, as the kernel counted them."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode()
        if code != 0:
            sys.stderr.write(text + err.read().decode())
            raise SystemExit(f"benchmark process failed ({code}): {shlex.join(command)}")
    lines = [line for line in text.splitlines() if line.startswith("{")]
    output = json.loads(lines[-1]) if lines else {}
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss / 1024, cpu, output, started)


def launcher() -> list[str]:
    script = Path(sys.executable).parent / "replay-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "replay_tui"]


def harness(*args: str) -> list[str]:
    return [sys.executable, str(HERE / "harness.py"), *args]


def fresh_env(home: Path) -> dict[str, str]:
    """The environment with empty XDG folders (no saved theme, resume or bookmarks), and
    bytecode caching on, as an installed package has it."""
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(folder)
    env.pop("TEXTUAL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def session(size: int, seed: int) -> Path:
    """The cached synthetic session, generated in a child process if it is missing.

    Not in this process: Linux reports a child's peak memory as at least this process's
    own peak (the spawned child inherits its high-water mark before exec), so this process
    must never hold a big session, or every memory figure would be inflated.
    """
    sys.path.insert(0, str(HERE))
    from synth import cache_path

    path = cache_path(size, seed)
    if not path.exists():
        say(f"  generating {size:,} posts (cached in {path.parent}) …")
        subprocess.run(
            [sys.executable, str(HERE / "synth.py"), str(size), "--seed", str(seed)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def alternate(ctx: Context, commands: dict[str, list[str]]) -> dict[str, list[Run]]:
    """Each command once to warm the page and bytecode caches, then `ctx.rounds` rounds of
    all of them. Each round starts one further along: what ran just before a process
    changes how fast it gets its memory, so no command always follows the same one."""
    for command in commands.values():
        run(command, ctx.env)
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for turn in range(ctx.rounds):
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            runs[name].append(run(commands[name], ctx.env))
    return runs


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- the floors --------------------------------------------------------------------------


FLOOR = """
import gc, sys
{collector}
import msgspec
data = open(sys.argv[1], "rb").read()
{decode}
"""
FLOORS = {
    "floor_untyped": FLOOR.format(
        collector="gc.disable()", decode="decoded = msgspec.json.decode(data)"
    ),
    "floor_typed": FLOOR.format(
        collector="gc.disable()",
        decode="from replay_tui.format.model import Session\n"
        "decoded = msgspec.json.decode(data, type=Session)",
    ),
    "floor_default": FLOOR.format(collector="", decode="decoded = msgspec.json.decode(data)"),
}
"""The load floors, as `python -c` programs that import nothing they do not use.

untyped: msgspec's generic decode; typed: into the model's Structs, the types replay-tui
needs; both with the collector off, as replay-tui's reader has it (with it on, CPython
rescans the decoded containers again and again: several times slower at a million posts,
and a floor that slow would flatter the checker). The faster of the two, per round, is
the floor. default (collector on, as a one-line script would have it) is for reference.
Each keeps what it decoded until it ends, normally, as `replay-tui check` does.
"""


# --- the sections ------------------------------------------------------------------------


def measure_load(ctx: Context, size: int, path: Path) -> Figures:
    """`replay-tui check` vs decoding the bytes with msgspec, whole processes, alternating."""
    commands = {name: [sys.executable, "-c", code, str(path)] for name, code in FLOORS.items()}
    commands["check"] = [*launcher(), "check", str(path)]
    runs = alternate(ctx, commands)
    figures: Figures = {}
    for name, got in runs.items():
        figures[f"load.{name}"] = [r.seconds for r in got]
        figures[f"load.{name}_rss"] = [r.rss_mb for r in got]
        figures[f"load.{name}_cpu"] = [r.cpu for r in got]
    pairs = list(zip(runs["floor_untyped"], runs["floor_typed"], strict=True))
    figures["load.floor"] = [min(a.seconds, b.seconds) for a, b in pairs]
    figures["load.floor_rss"] = [min(a.rss_mb, b.rss_mb) for a, b in pairs]
    figures["load.floor_cpu"] = [min(a.cpu, b.cpu) for a, b in pairs]
    say(
        f"  load {size:>9,}: floor {median(figures['load.floor']):.3f} s, "
        f"check {median(figures['load.check']):.3f} s"
    )
    return figures


def measure_open(ctx: Context, size: int, path: Path) -> Figures:
    """Process start to the first headless frame that shows the title: app vs bare app."""
    title = f"Synthetic session of {size} posts (filler text, not real)"
    commands = {"bare": harness("bare", title), "app": harness("open", str(path))}
    runs = alternate(ctx, commands)
    figures: Figures = {}
    for name, got in runs.items():
        figures[f"open.{name}"] = [r.output["frame"] - r.started for r in got]
        figures[f"open.{name}_rss"] = [r.rss_mb for r in got]
    figures["open.app_ready"] = [r.output["ready"] - r.started for r in runs["app"]]
    say(
        f"  open {size:>9,}: bare {median(figures['open.bare']):.3f} s, "
        f"app {median(figures['open.app']):.3f} s"
    )
    return figures


class Tmux:
    """A private tmux server (its own socket), so nothing else's sessions are touched."""

    def __init__(self) -> None:
        self.socket = f"replay-bench-{os.getpid()}"
        self.count = 0
        # The server starts with a placeholder session, outside any measurement.
        self.tmux("new-session", "-d", "-s", "keep", "sleep 100000")

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )

    def first_screen(self, command: list[str], env: dict[str, str], *marks: str) -> list[float]:
        """Seconds from starting `command` in a new 120×40 window until each of `marks` is
        on it (looked for in turn, by polling the pane every 5 ms)."""
        self.count += 1
        name = f"b{self.count}"
        setenv = [f"{k}={env[k]}" for k in sorted(env) if k.startswith("XDG_")]
        line = shlex.join(["env", *setenv, *command])
        seen: list[float] = []
        started = time.monotonic()
        self.tmux("new-session", "-d", "-s", name, "-x", str(COLUMNS), "-y", str(LINES), line)
        try:
            while True:
                screen = self.tmux("capture-pane", "-p", "-t", name).stdout
                now = time.monotonic()
                while len(seen) < len(marks) and marks[len(seen)] in screen:
                    seen.append(now - started)
                if len(seen) == len(marks):
                    return seen
                if now - started > 600:
                    raise SystemExit(f"tmux: {marks[len(seen)]!r} never appeared for {command}")
                time.sleep(0.005)
        finally:
            self.tmux("kill-session", "-t", name)

    def burst(
        self, command: list[str], env: dict[str, str], ready: str, keys: list[str], shown: str
    ) -> float:
        """Seconds from sending `keys` (tmux key names, in one `send-keys`) as soon as
        `ready` is on the screen of `command` in a new 120×40 window, until `shown` is."""
        self.count += 1
        name = f"b{self.count}"
        setenv = [f"{k}={env[k]}" for k in sorted(env) if k.startswith("XDG_")]
        line = shlex.join(["env", *setenv, *command])
        self.tmux("new-session", "-d", "-s", name, "-x", str(COLUMNS), "-y", str(LINES), line)
        try:
            sent: float | None = None
            started = time.monotonic()
            while True:
                screen = self.tmux("capture-pane", "-p", "-t", name).stdout
                now = time.monotonic()
                if sent is None and ready in screen:
                    sent = time.monotonic()
                    self.tmux("send-keys", "-t", name, *keys)
                elif sent is not None and shown in screen:
                    return now - sent
                if now - started > 600:
                    raise SystemExit(f"tmux: {shown!r} never appeared for {command}")
                time.sleep(0.005)
        finally:
            self.tmux("kill-session", "-t", name)

    def close(self) -> None:
        self.tmux("kill-server")


def measure_tty(ctx: Context, size: int, path: Path) -> Figures:
    """The same in a real terminal: `replay-tui FILE --from-start` vs the bare app."""
    if shutil.which("tmux") is None:
        return {"tty.app": "tmux is not installed", "tty.bare": "tmux is not installed"}
    title = f"Synthetic session of {size} posts (filler text, not real)"
    commands = {
        "bare": harness("bare-tty", title),
        "app": [*launcher(), str(path), "--from-start"],
    }
    marks = {"bare": (TITLE_MARK,), "app": (TITLE_MARK, READY_MARK)}
    figures: Figures = {"tty.bare": [], "tty.app": [], "tty.app_ready": []}
    tmux = Tmux()
    try:
        for name, command in commands.items():
            tmux.first_screen(command, ctx.env, *marks[name])
        for _ in range(ctx.rounds):
            for name, command in commands.items():
                seen = tmux.first_screen(command, ctx.env, *marks[name])
                figures[f"tty.{name}"].append(seen[0])
                if name == "app":
                    figures["tty.app_ready"].append(seen[1])
    finally:
        tmux.close()
    say(
        f"  tty  {size:>9,}: bare {median(figures['tty.bare']):.3f} s, "
        f"app {median(figures['tty.app']):.3f} s"
    )
    return figures


def flatten(prefix: str, value: Any, into: Figures) -> Figures:
    """{"next": {"median": 11.2}} under "step" -> {"step.next.median": 11.2}."""
    if isinstance(value, dict):
        for key, inner in value.items():
            flatten(f"{prefix}.{key}", inner, into)
    else:
        into[prefix] = value
    return into


def merged(runs: list[Any]) -> dict[str, Any] | str:
    """One summary of several one-press runs: the median of each time over the runs that
    got a result; a run's message if none did."""
    got = [r for r in runs if isinstance(r, dict) and r.get("n")]
    if not got:
        return next((r for r in runs if isinstance(r, str)), "no result")
    out: dict[str, Any] = {"n": len(got), "missed": len(runs) - len(got)}
    for key in ("median", "settled_median", "counted_ms", "dialog_ms"):
        values = [r[key] for r in got if isinstance(r.get(key), (int, float))]
        if values:
            out[key] = values
    return out


def measure_step(ctx: Context, size: int, path: Path) -> Figures:
    """Key-to-frame latencies and the core search/filter timings, in one headless app;
    then, `rounds` times, a search and a hashtag filter through the UI of a fresh app."""
    result = run(harness("step", str(path), str(ctx.presses)), ctx.env).output
    core = result.pop("core")
    cold: dict[str, list[Any]] = {"ui_search_cold": [], "ui_filter_cold": []}
    for _ in range(ctx.rounds):
        cold["ui_search_cold"].append(run(harness("ui-search", str(path)), ctx.env).output)
        cold["ui_filter_cold"].append(run(harness("ui-filter", str(path)), ctx.env).output)
    for key, outputs in cold.items():
        result[key] = merged([output[key] for output in outputs])
    figures = flatten("step", result, {})
    flatten("search", core, figures)
    say(
        f"  step {size:>9,}: next {figures.get('step.next.median', float('nan')):.1f} ms, "
        f"search cold {core['search_cold_ms']:.0f} ms"
    )
    return figures


BURST = 40
"""Steps pressed at once right after opening (a held key's first second)."""
BURST_FLOOR = 100
"""The posts of the session the burst is compared with: too few to index or count for long."""


def measure_burst(ctx: Context, size: int, path: Path) -> Figures:
    """40 presses of → at once, as soon as the replay screen is drawn, to the frame that
    shows the 40th post: this session against one of 100 posts, alternating, headless
    (`harness.py burst`) and in tmux (`replay-tui FILE --from-start`, one `send-keys`)."""
    small = session(BURST_FLOOR, 2013)
    runs = alternate(
        ctx,
        {
            "floor": harness("burst", str(small), str(BURST)),
            "app": harness("burst", str(path), str(BURST)),
        },
    )
    figures: Figures = {}
    for name, got in runs.items():
        outputs = [r.output.get("burst", {}) for r in got]
        figures[f"burst.{name}"] = [o.get("ms") for o in outputs if "ms" in o] or "no frame"
        figures[f"burst.{name}_repaints"] = [o["repaints"] for o in outputs if "repaints" in o]
        figures[f"burst.{name}_cpu"] = [o["cpu_ms"] for o in outputs if "cpu_ms" in o]
    if shutil.which("tmux") is None:
        figures["burst.tty_app"] = figures["burst.tty_floor"] = "tmux is not installed"
    else:
        commands = {
            "tty_floor": ([*launcher(), str(small), "--from-start"], BURST_FLOOR),
            "tty_app": ([*launcher(), str(path), "--from-start"], size),
        }
        tmux = Tmux()
        try:
            keys = ["Right"] * BURST
            for command, count in commands.values():
                tmux.burst(command, ctx.env, READY_MARK, keys, f"{BURST:,}/{count:,}")
            for turn in range(ctx.rounds):
                names = list(commands)[turn % 2 :] + list(commands)[: turn % 2]
                for name in names:
                    command, count = commands[name]
                    took = tmux.burst(command, ctx.env, READY_MARK, keys, f"{BURST:,}/{count:,}")
                    figures.setdefault(f"burst.{name}", []).append(took * 1000)
        finally:
            tmux.close()
    shown = {
        name: f"{median(v):.0f} ms" if isinstance(v := figures[f"burst.{name}"], list) else v
        for name in ("app", "floor", "tty_app", "tty_floor")
    }
    say(
        f"  burst {size:>8,}: headless {shown['app']} (100 posts: {shown['floor']}), "
        f"tmux {shown['tty_app']} (100 posts: {shown['tty_floor']})"
    )
    return figures


SECTIONS: dict[str, Callable[[Context, int, Path], Figures]] = {
    "load": measure_load,
    "open": measure_open,
    "tty": measure_tty,
    "step": measure_step,
    "burst": measure_burst,
}
"""What `run.py --only` can name, in the order they run. A new benchmark is one more entry
(see bench/README.md)."""
