"""How fast and how lean is replay-tui at 1,000, 100,000 and 1,000,000 posts?

One command measures everything the speed targets name, each against a floor measured in
the same run, because seconds alone depend on the machine and on what else it is doing:

    load    `replay-tui check FILE` vs a bare process that decodes the same bytes with
            msgspec (collector off; untyped, and typed into the model's Structs: the faster
            of the two is the floor);
    open    time from starting the process to the first frame that shows the session's
            title, vs a bare Textual app showing one Static with the same text: headless
            (run_test) and in a real terminal (tmux, polling the pane every 5 ms); and
            to the replay screen being up (a large file opens on a preview first);
    step    key to the first frame that shows the new position (and to the last frame it
            causes), headless, for next, last/first and 0–9 jumps, median and p95; a
            search through the UI; search and filter through the core API;
    memory  peak resident memory (the kernel's maxrss of the child) of `check` and of the
            app once its replay screen is up, vs the decode floor, at the largest size.

Processes alternate (floor, replay-tui, floor, …) for several rounds and medians are
reported, so a neighbour's load spreads over both sides. Sessions come from `synth.py`
and are cached in bench/out/. Every process gets empty XDG folders, so no saved state
changes what it does. Nothing here asserts a time: it measures and reports.

    python bench/run.py                      # 1k, 100k, 1M posts, 5 rounds -> bench/results.md
    python bench/run.py --sizes 1000,100000 --rounds 3
    python bench/run.py --only load,memory   # some sections (results.md is left alone)
    python bench/run.py --quick              # CI smoke: 1,000 posts, one round, seconds
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from synth import cache_path  # noqa: E402

SECTIONS = ("load", "open", "tty", "step", "memory")
TITLE_MARK = "Synthetic session of"
"""Text of the title card that `synth.py` sessions all have; the open measures wait for it."""
READY_MARK = "Title card"
"""The replay screen's header at the title card: the file is checked and keys work (a large
file's first frame is its preview, shown while it is checked; see replay_tui/opening.py)."""
COLUMNS, LINES = 120, 40


# --- running children ------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    """From just before the process was spawned until it exited."""
    rss_mb: float
    """Peak resident memory of the process (maxrss from wait4)."""
    output: dict[str, Any]
    started: float
    """time.monotonic() just before the spawn: the children report on the same clock."""
    cpu: float = 0.0
    """CPU time, user and system, of the process and of the processes it waited for (its
    partner, for `replay-tui check`), from wait4."""


def launcher() -> list[str]:
    script = Path(sys.executable).parent / "replay-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "replay_tui"]


def harness(*args: str) -> list[str]:
    return [sys.executable, str(HERE / "harness.py"), *args]


FLOOR = """
import gc, os, sys
{collector}
import msgspec
data = open(sys.argv[1], "rb").read()
{decode}
os._exit(0)
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
needs; both with the collector off, as replay-tui's loader has it (with it on, CPython
rescans the decoded containers again and again: 3.5 s instead of 0.7 s at a million
posts, and a floor that slow would flatter the checker). The faster of the two is the
floor. default (collector on, as a one-line script would have it) is reported for
reference only. Each keeps what it decoded (`decoded = …`: a bare expression would free it
at once) and ends with `os._exit`, as `replay-tui check` does: freeing it, one object at a
time, would add 0.1 s at a million posts to the floor and nothing to the checker.
"""


def run(command: list[str], env: dict[str, str]) -> Run:
    """Run a process to its end; its time and its peak memory, as the kernel counted them."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode()
        if process.returncode != 0:
            sys.stderr.write(text + err.read().decode())
            raise SystemExit(f"benchmark process failed ({process.returncode}): {command}")
    lines = [line for line in text.splitlines() if line.startswith("{")]
    output = json.loads(lines[-1]) if lines else {}
    return Run(seconds, usage.ru_maxrss / 1024, output, started, usage.ru_utime + usage.ru_stime)


def children_private_mb(command: list[str], env: dict[str, str]) -> float:
    """Run a process to its end, reading every 10 ms the private memory (`smaps_rollup`:
    Private_Clean + Private_Dirty) of each process it starts; the sum of their peaks.

    For `replay-tui check`, whose partner process (`replay_tui/partner.py`) runs beside it:
    wait4's maxrss is the larger of the two, not their sum. Private, because what the
    partner shares with its parent (the file's bytes, read but never written) is already
    in the parent's maxrss. Polling costs this runner CPU time, so it is a run of its own,
    never one that is timed. NaN where /proc cannot tell (not Linux).
    """
    if not Path("/proc/self/smaps_rollup").exists():
        return float("nan")
    peaks: dict[int, float] = {}
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    listing = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    while process.poll() is None:
        try:
            kids = [int(pid) for pid in listing.read_text().split()]
        except (OSError, ValueError):
            kids = []
        for kid in kids:
            try:
                rollup = Path(f"/proc/{kid}/smaps_rollup").read_text()
            except OSError:
                continue
            private = sum(
                int(line.split()[1])
                for line in rollup.splitlines()
                if line.startswith(("Private_Clean:", "Private_Dirty:"))
            )
            peaks[kid] = max(peaks.get(kid, 0.0), private / 1024)
        time.sleep(0.01)
    return sum(peaks.values())


def session(size: int, seed: int) -> Path:
    """The cached synthetic session, generated in a child process if it is missing.

    Not in this process: Linux reports a child's peak memory as at least this process's
    own peak (the spawned child inherits its high-water mark before exec), so this process
    must never hold a big session, or every memory figure would be inflated.
    """
    path = cache_path(size, seed)
    if not path.exists():
        say(f"  generating {size:,} posts (cached in {path.parent}) …")
        subprocess.run(
            [sys.executable, str(HERE / "synth.py"), str(size), "--seed", str(seed)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return path


def fresh_env(home: Path) -> dict[str, str]:
    """The environment with empty XDG folders (no saved theme, resume or bookmarks), and
    bytecode caching on."""
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(folder)
    env.pop("TEXTUAL", None)
    # An installed package has its bytecode compiled (pip does it); let the warm-up run
    # write it for modules that have none, rather than compile them on every start.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def merged(runs: list[Any]) -> dict[str, Any] | str:
    """One summary of several one-press runs (`harness.summary` of one press each): the
    median of each time over the runs that got a result; a run's message if none did."""
    got = [r for r in runs if isinstance(r, dict) and r.get("n")]
    if not got:
        return next((r for r in runs if isinstance(r, str)), "no result")
    out: dict[str, Any] = {"n": len(got), "missed": len(runs) - len(got)}
    for key in ("median", "settled_median", "counted_ms", "dialog_ms"):
        values = [r[key] for r in got if isinstance(r.get(key), (int, float))]
        if values:
            out[key] = statistics.median(values)
            out[key + "_all"] = values
    return out


# --- the sections ----------------------------------------------------------------------------


@dataclass
class Results:
    sizes: list[int]
    rounds: int
    rows: dict[str, Any] = field(default_factory=dict)

    def put(self, section: str, size: int, key: str, value: Any) -> None:
        self.rows.setdefault(section, {}).setdefault(str(size), {})[key] = value

    def get(self, section: str, size: int, key: str) -> Any:
        return self.rows.get(section, {}).get(str(size), {}).get(key)


def say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def measure_load(results: Results, size: int, path: Path, env: dict[str, str]) -> None:
    """`replay-tui check` vs decoding the bytes with msgspec, whole processes, alternating."""
    commands = {name: [sys.executable, "-c", code, str(path)] for name, code in FLOORS.items()}
    commands["check"] = [*launcher(), "check", str(path)]
    for command in commands.values():
        run(command, env)  # warm the page cache and the bytecode caches
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for turn in range(results.rounds):
        # Each round starts one further along: what ran just before a process changes how
        # fast it gets its memory (on this VM, by a fifth for the same decode), so no
        # command always follows the same one.
        for name in names[turn % len(names) :] + names[: turn % len(names)]:
            runs[name].append(run(commands[name], env))
    for name, got in runs.items():
        results.put("load", size, name, [r.seconds for r in got])
        results.put("load", size, name + "_rss", [r.rss_mb for r in got])
        results.put("load", size, name + "_cpu", [r.cpu for r in got])
    results.put("load", size, "partner_mb", [children_private_mb(commands["check"], env)])
    say(
        f"  load {size:>9,}: floor {median(results.get('load', size, 'floor_untyped')):.3f} s "
        f"/ typed {median(results.get('load', size, 'floor_typed')):.3f} s, "
        f"check {median(results.get('load', size, 'check')):.3f} s"
    )


def measure_open(results: Results, size: int, path: Path, env: dict[str, str]) -> None:
    """Process start to the first headless frame that shows the title: app vs bare app."""
    title = f"Synthetic session of {size} posts (filler text, not real)"
    commands = {"bare": harness("bare", title), "app": harness("open", str(path))}
    for command in commands.values():
        run(command, env)
    got: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, list[float]] = {name: [] for name in commands}
    ready: list[float] = []
    for _ in range(results.rounds):
        for name, command in commands.items():
            result = run(command, env)
            got[name].append(result.output["frame"] - result.started)
            rss[name].append(result.rss_mb)
            if "ready" in result.output:
                ready.append(result.output["ready"] - result.started)
    for name in commands:
        results.put("open", size, name, got[name])
        results.put("open", size, name + "_rss", rss[name])
    results.put("open", size, "app_ready", ready)
    say(
        f"  open {size:>9,}: bare {median(got['bare']):.3f} s, app {median(got['app']):.3f} s, "
        f"ready {median(ready):.3f} s"
    )


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
        on it (they are looked for in turn)."""
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

    def close(self) -> None:
        self.tmux("kill-server")


def measure_tty(results: Results, size: int, path: Path, env: dict[str, str]) -> None:
    """The same in a real terminal: `replay-tui FILE --from-start` vs the bare app."""
    if shutil.which("tmux") is None:
        say("  tty: tmux is not installed; skipped")
        return
    title = f"Synthetic session of {size} posts (filler text, not real)"
    commands = {
        "bare": harness("bare-tty", title),
        "app": [*launcher(), str(path), "--from-start"],
    }
    marks = {"bare": (TITLE_MARK,), "app": (TITLE_MARK, READY_MARK)}
    tmux = Tmux()
    try:
        for name, command in commands.items():
            tmux.first_screen(command, env, *marks[name])
        got: dict[str, list[float]] = {name: [] for name in commands}
        ready: list[float] = []
        for _ in range(results.rounds):
            for name, command in commands.items():
                seen = tmux.first_screen(command, env, *marks[name])
                got[name].append(seen[0])
                ready += seen[1:]
    finally:
        tmux.close()
    for name in commands:
        results.put("tty", size, name, got[name])
    results.put("tty", size, "app_ready", ready)
    say(
        f"  tty  {size:>9,}: bare {median(got['bare']):.3f} s, app {median(got['app']):.3f} s, "
        f"ready {median(ready):.3f} s"
    )


def measure_step(
    results: Results, size: int, path: Path, env: dict[str, str], presses: int
) -> None:
    """Key-to-frame latencies and the core search/filter timings, in one headless app."""
    result = run(harness("step", str(path), str(presses)), env).output
    # Right after opening, one search and one hashtag filter per fresh app, `rounds` of each
    # (alternating), then their medians.
    cold: dict[str, list[Any]] = {"ui_search_cold": [], "ui_filter_cold": []}
    for _ in range(results.rounds):
        cold["ui_search_cold"].append(run(harness("ui-search", str(path)), env).output)
        cold["ui_filter_cold"].append(run(harness("ui-filter", str(path)), env).output)
    for key, outputs in cold.items():
        result[key] = merged([output[key] for output in outputs])
    for key, value in result.items():
        results.put("step", size, key, value)
    say(
        f"  step {size:>9,}: next {result['next'].get('median', float('nan')):.1f} ms, "
        f"jump {result['jump'].get('median', float('nan')):.1f} ms, "
        f"search cold {result['core']['search_cold_ms']:.0f} ms"
    )


# --- the report --------------------------------------------------------------------------


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024**2:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for module in ("textual", "msgspec", "rich"):
        try:
            from importlib.metadata import version

            versions.append(f"{module} {version(module)}")
        except Exception:  # a missing version is only left out of the note
            continue
    commit = subprocess.run(
        ["git", "-C", str(HERE.parent), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return (
        f"{model or platform.processor() or platform.machine()}, {os.cpu_count()} cores{memory}; "
        f"{platform.system()} {platform.release()}; Python {platform.python_version()}; "
        f"{', '.join(versions)}; commit {commit or '?'}"
    )


def mark(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def posts(size: int) -> str:
    return f"{size:,}"


def nan(value: float) -> bool:
    return value != value


class Report:
    """The tables of results.md, and the verdict on each target, from `Results`."""

    def __init__(self, results: Results) -> None:
        self.r = results
        self.sizes = results.sizes
        self.verdicts: list[list[str]] = []

    def med(self, section: str, size: int, key: str) -> float:
        return median(self.r.get(section, size, key) or [])

    def verdict(self, target: str, measured: str, ok: bool | None) -> None:
        self.verdicts.append([target, measured, mark(ok)])

    # --- load and first frame: ratios to floors ------------------------------------------

    def load(self) -> list[str]:
        rows, ratios = [], []
        for size in self.sizes:
            untyped = self.med("load", size, "floor_untyped")
            typed = self.med("load", size, "floor_typed")
            check = self.med("load", size, "check")
            if nan(check):
                continue
            floor = min(untyped, typed)
            ratio = check / floor
            fastest = min(
                self.r.get("load", size, "floor_untyped") + self.r.get("load", size, "floor_typed")
            )
            ratios.append((size, ratio, check / fastest))
            rows.append(
                [
                    posts(size),
                    f"{untyped:.3f} s",
                    f"{typed:.3f} s",
                    f"{self.med('load', size, 'floor_default'):.3f} s",
                    f"**{check:.3f} s**",
                    f"{self.med('load', size, 'check_cpu'):.3f} s",
                    f"**{ratio:.2f}×**",
                    f"{check / fastest:.2f}×",
                ]
            )
        if not rows:
            return []
        self.verdict(
            "load: `check` ≤ 1.5× the decode floor",
            ", ".join(f"{r:.2f}× at {posts(s)}" for s, r, _ in ratios)
            + " (÷ the fastest floor run: "
            + ", ".join(f"{f:.2f}×" for _, _, f in ratios)
            + ")",
            all(r <= 1.5 for _, r, _ in ratios),
        )
        return [
            "## Load: `replay-tui check FILE` against decoding the bytes with msgspec",
            "",
            "Whole processes, spawn to exit. The floor is the faster of the two decodes with "
            "the collector off (untyped, and typed into the model's Structs), each ending "
            "with `os._exit` as `replay-tui check` does; the decode with the collector on, "
            "as a plain one-line script would run it, is shown for reference only. From "
            "4 MB (about 15,000 posts), `check` runs a partner process on a second core, "
            "which checks the post ids, references and times while it decodes the rest "
            "(`replay_tui/partner.py`); its time is the whole command's, and its CPU time "
            "(user and system, from wait4) counts the partner's too. The floor's time moves "
            "with what ran before it (on the development VM, the same decode at a million "
            "posts takes 0.70 or 0.87–0.96 s): *÷ fastest floor run* compares the median "
            "`check` with the fastest floor process of the run.",
            "",
            table(
                [
                    "posts",
                    "untyped decode",
                    "typed decode",
                    "(collector on)",
                    "`replay-tui check`",
                    "its CPU time",
                    "÷ floor",
                    "÷ fastest floor run",
                ],
                rows,
            ),
            "",
        ]

    def first_frame(self) -> list[str]:
        rows = []
        for size in self.sizes:
            cells = [posts(size)]
            for section in ("open", "tty"):
                bare = self.med(section, size, "bare")
                app = self.med(section, size, "app")
                ready = self.med(section, size, "app_ready")
                if nan(app):
                    cells += ["–", "–", "–", "–"]
                    continue
                cells += [
                    f"{bare:.3f} s",
                    f"{app:.3f} s",
                    f"**{app / bare:.2f}×**",
                    "–" if nan(ready) else f"{ready:.3f} s",
                ]
                if size == 100_000:
                    where = "headless" if section == "open" else "tmux"
                    self.verdict(
                        f"first frame ({where}) ≤ 1.5× a bare Textual app at 100,000",
                        f"{app / bare:.2f}× ({app:.2f} s vs {bare:.2f} s); "
                        f"replay screen ready at {ready:.2f} s",
                        app / bare <= 1.5,
                    )
            if any(c != "–" for c in cells[1:]):
                rows.append(cells)
        if not rows:
            return []
        return [
            "## First frame: process start to the session's title on screen",
            "",
            "`replay-tui FILE --from-start` against a bare Textual app showing one `Static` "
            "with the same title, in the same harness: headless (`run_test`, 120×40) and in a "
            "real terminal (tmux, 120×40). A JSON file of 4 MB or more (from about 15,000 "
            "posts) opens on a preview of its title card (read without its posts, "
            "`replay_tui/opening.py`) while the whole file is checked in a thread; a smaller "
            "one is checked before the app starts. *first frame*: the title on screen; "
            "*ready*: the replay screen's header on screen (the file checked, keys working).",
            "",
            table(
                [
                    "posts",
                    "bare, headless",
                    "replay-tui, first frame",
                    "÷ bare",
                    "ready",
                    "bare, tmux",
                    "replay-tui, first frame",
                    "÷ bare",
                    "ready",
                ],
                rows,
            ),
            "",
        ]

    # --- steps, search, filter --------------------------------------------------------------

    def steps(self) -> list[str]:
        sizes = [s for s in self.sizes if self.r.get("step", s, "next")]
        if not sizes:
            return []
        first, last = sizes[0], sizes[-1]
        flat = len(sizes) > 1
        header = ["key → frame, headless", *(posts(s) for s in sizes)]
        if flat:
            header.append(f"{posts(last)} ÷ {posts(first)}")
        rows = []
        names = {
            "next": "next (→)",
            "jump_new": "jump (1–9) to a new place",
            "jump": "jump (0–9), places seen",
            "last": "last (End)",
            "first": "first (Home)",
        }
        worst, growths = 0.0, []
        cpu_rows: list[list[str]] = []
        for key, label in names.items():
            stats = [self.r.get("step", s, key) or {} for s in sizes]
            cpu_cells = [
                f"{st['cpu_median']:.1f}" if st.get("cpu_median") is not None else "–"
                for st in stats
            ]
            cpu_rows.append([label, *cpu_cells])
            for which, suffix in (("", "shown"), ("settled_", "settled")):
                cells = []
                for st in stats:
                    if not st.get("n"):
                        cells.append("–")
                        continue
                    missed = f" ({st['missed']} missed)" if st.get("missed") else ""
                    cells.append(f"{st[which + 'median']:.1f} / {st[which + 'p95']:.1f}{missed}")
                row = [f"{label}, {suffix}", *cells]
                if flat:
                    top = stats[-1].get(which + "median", float("nan"))
                    growth = top / stats[0].get(which + "median", float("nan"))
                    row.append(f"{growth:.2f}×")
                    if not which:
                        growths.append((label, growth))
                if not which:
                    worst = max([worst, *(st.get("median", 0.0) for st in stats)])
                rows.append(row)
        self.verdict(
            "step median < 16 ms headless (next, last, first, 0–9 jumps)",
            f"worst median {worst:.1f} ms",
            worst < 16,
        )
        if flat:
            self.verdict(
                f"steps flat: {posts(last)} within 1.2× of {posts(first)}",
                ", ".join(f"{label} {g:.2f}×" for label, g in growths),
                all(g <= 1.2 for _, g in growths),
            )
        for key, field_, label in (
            (
                "ui_search_cold",
                "median",
                "search in the UI at once after opening: Enter → match shown",
            ),
            (
                "ui_search_cold",
                "counted_ms",
                "search in the UI at once after opening: Enter → 'match 1 of N' shown",
            ),
            ("ui_search", "median", "search in the UI after the steps: Enter → match shown"),
            ("ui_filter_cold", "dialog_ms", "hashtag filter in the UI after opening: F → dialog"),
            (
                "ui_filter_cold",
                "median",
                "hashtag filter in the UI after opening: apply → first result shown",
            ),
            (
                "ui_filter_cold",
                "counted_ms",
                "hashtag filter in the UI after opening: apply → 'n/N shown' count",
            ),
        ):
            ui = [self.r.get("step", s, key) for s in sizes]
            ui_row = [
                label,
                *(
                    (f"{u[field_]:.0f}" if isinstance(u.get(field_), (int, float)) else "–")
                    if isinstance(u, dict) and u.get("n")
                    else str(u)
                    for u in ui
                ),
            ]
            if flat:
                ui_row.append("")
            rows.append(ui_row)
        idle = [self.r.get("step", s, "frames_idle") for s in sizes]
        return [
            "## Steps: key to frame, headless",
            "",
            "Milliseconds, median / p95 over the presses of one app per size, from the "
            "middle of the session. *shown*: to the first frame that shows the new position "
            "(the header's new `n/N`); *settled*: to the last frame the key causes (Textual "
            "redraws a scrollbar a frame or two later). Both include the wait for Textual's "
            f"60 Hz screen update (0–16.7 ms). Frames with no key pressed, in 0.5 s: "
            f"{', '.join(str(i) for i in idle)}.",
            "",
            table(header, rows),
            "",
            "CPU time of the app's process per key, median, in ms (the work a key costs, "
            "without the frame timer's wait or the neighbours' load):",
            "",
            table(["CPU per key", *(posts(s) for s in sizes)], cpu_rows),
            "",
        ]

    def search(self) -> list[str]:
        sizes = [s for s in self.sizes if self.r.get("step", s, "core")]
        if not sizes:
            return []
        core = [self.r.get("step", s, "core") or {} for s in sizes]
        labels = {
            "index_build_ms": "search index: build it all",
            "search_cold_ms": "search, cold: first match (folds only the blocks it passes)",
            "search_warm_ms": "search, index built: first match",
            "filter_tag_first_ms": "filter by hashtag, cold: the post it lands on",
            "filter_tag_cold_ms": "filter by hashtag: whole view, no tag index (a worker)",
            "tag_index_ms": "tag index, for the dialog's list of hashtags (a worker)",
            "filter_tag_warm_ms": "filter by hashtag: whole view, tag index built",
            "filter_people_ms": "filter by participants",
        }
        rows = [
            [label, *(f"{c[key]:.1f}" if key in c else "–" for c in core)]
            for key, label in labels.items()
        ]
        if sizes[-1] >= 1_000_000:
            top = core[-1]
            # Through the UI: Enter to the first match; for the filter, F to its dialog
            # plus the tag applied to the first post shown (a person waits for both).
            firsts: list[float] = []
            ui_search = self.r.get("step", sizes[-1], "ui_search_cold")
            if isinstance(ui_search, dict) and ui_search.get("n"):
                firsts.append(ui_search["median"])
            ui_filter = self.r.get("step", sizes[-1], "ui_filter_cold")
            if isinstance(ui_filter, dict) and ui_filter.get("n"):
                firsts.append(ui_filter["median"] + ui_filter.get("dialog_ms", 0.0))
            ui_ms = max(firsts, default=None)
            first = "filter_tag_first_ms" if "filter_tag_first_ms" in top else "filter_tag_cold_ms"
            cold = max(top.get("search_cold_ms", 0.0), top.get(first, 0.0))
            warm = max(top.get("search_warm_ms", 0.0), top.get("filter_tag_warm_ms", 0.0))
            measured = f"cold {cold:.0f} ms, everything built {warm:.1f} ms"
            if ui_ms is not None:
                measured += (
                    f"; through the UI, at once after opening, {ui_ms:.0f} ms "
                    "(the slower of a search, and a hashtag filter's dialog + first post)"
                )
            self.verdict(
                f"search or filter over {posts(sizes[-1])}: first result < 200 ms",
                measured,
                cold < 200 and (ui_ms is None or ui_ms < 200),
            )
        return [
            "## Search and filter: first result, through the core API",
            "",
            "Milliseconds, from the middle of the session (`SearchIndex`, `filters`; the UI "
            "runs the first result and then the rest in a worker). *cold*: nothing built yet.",
            "",
            table(["", *(posts(s) for s in sizes)], rows),
            "",
        ]

    # --- memory -----------------------------------------------------------------------------

    def memory(self) -> list[str]:
        size = max(self.sizes)
        items = [
            ("msgspec decode, untyped", "load", "floor_untyped_rss"),
            ("msgspec decode into the model's Structs", "load", "floor_typed_rss"),
            ("`replay-tui check`", "load", "check_rss"),
            ("bare Textual app", "open", "bare_rss"),
            ("replay-tui app, its replay screen up (headless)", "open", "app_rss"),
        ]
        got = {key: self.med(section, size, key) for _, section, key in items}
        partner = self.med("load", size, "partner_mb")
        if not nan(partner) and not nan(got["check_rss"]):
            # Its own peak, and its partner's private memory beside it (`partner.py`): an
            # upper bound, as the two peaks need not come at the same moment.
            got["check_rss"] += partner
            items = [
                (
                    f"`replay-tui check`: its peak RSS + its partner process's peak private "
                    f"memory ({partner:,.0f} MB)",
                    section,
                    key,
                )
                if key == "check_rss"
                else (label, section, key)
                for label, section, key in items
            ]
        floors = [got[k] for k in ("floor_untyped_rss", "floor_typed_rss") if not nan(got[k])]
        if not floors:
            return []
        floor = min(floors)
        rows = []
        for label, _, key in items:
            value = got[key]
            if nan(value):
                continue
            ours = key in ("check_rss", "app_rss")
            rows.append([label, f"{value:,.0f} MB", f"{value / floor:.2f}×" if ours else ""])
            if ours and size >= 1_000_000:
                self.verdict(
                    f"memory at {posts(size)}: {label} ≤ 1.5× the decode floor",
                    f"{value / floor:.2f}× ({value:,.0f} MB vs {floor:,.0f} MB)",
                    value / floor <= 1.5,
                )
        return [
            f"## Peak memory at {posts(size)} posts",
            "",
            "Peak resident memory of each process (the kernel's maxrss). The floor, the "
            "smaller of the two decodes, holds the file's bytes and msgspec's decoded data "
            "and nothing else. `replay-tui check` of a large file runs a partner process "
            "beside it (`replay_tui/partner.py`); its private memory, at its peak, is "
            "added (read from `/proc/PID/smaps_rollup` every 10 ms, in a run of its own): "
            "an upper bound, since the two peaks need not coincide.",
            "",
            table(["process", "peak RSS", "÷ floor"], rows),
            "",
        ]


METHOD = """## Method

- Every measured process starts fresh, with empty XDG folders (no saved theme, position or
  bookmarks) and bytecode caching on, as an installed package has it; a first run of each
  command warms the page cache and the bytecode caches. Processes alternate (floor,
  replay-tui, floor, …) for each round, so a neighbour's load falls on both sides; medians.
- **load**: spawn to exit. Floors (`FLOORS` in `run.py`): `python -c` programs that read the
  file and decode it with msgspec, collector off as replay-tui's loader has it, untyped and
  typed into the model's Structs, and end with `os._exit` as `replay-tui check` does; the
  faster is the floor. From 4 MB, `check` runs a partner process on the second core
  (`replay_tui/partner.py`); the time is the whole command's, spawn to exit.
- **first frame**: from spawn to the first frame whose text holds the session title;
  **ready**: to the first frame that shows the replay screen's header ("Title card").
  Headless: `App._display`, which every compositor update passes through on its way to the
  driver, is wrapped to timestamp each frame and read its text (`harness.py`). tmux: a
  private server, a new 120×40 window per run, `capture-pane -p` every 5 ms. The floor is a
  bare `App` with one `Static` of the same text, in the same harness.
- **steps**: a key goes in through the driver's `send_message` (the door a terminal's
  input thread uses), timed to the first frame that shows the new position and to the last
  frame before 50 ms without one.
- **search / filter**: `SearchIndex` and `filters` in the same process, after the steps.
  Through the UI, each in a fresh app `--rounds` times, from the middle of the session: the
  search presses `/`, types a word and times Enter to the frame showing the match, and to
  the frame saying "match 1 of N"; the filter times `F` to its dialog, then (the tag typed
  or ticked) ctrl+s to the frame showing the filter's first post, and to the frame with its
  count ("n/N shown").
- **memory**: peak RSS from `wait4`; for `check`, plus the peak private memory of the
  partner process it starts, polled in a separate run. This runner never holds a session
  itself (Linux starts a spawned child's maxrss at its parent's), and the headless children
  report their own VmHWM in `bench/out/results.json` as a cross-check.
"""


def report(results: Results, started: str, took: float, loads: tuple[float, float]) -> str:
    out = Report(results)
    body: list[str] = []
    body += out.load()
    body += out.first_frame()
    body += out.steps()
    body += out.search()
    if "load" in results.rows or "open" in results.rows:
        body += out.memory()
    head = [
        "# replay-tui: speed and scale",
        "",
        f"`python bench/run.py --sizes {','.join(str(s) for s in results.sizes)} "
        f"--rounds {results.rounds}`, {started}, {took / 60:.1f} min.",
        "",
        f"Machine: {machine()}. Load average {loads[0]:.1f} at the start and {loads[1]:.1f} "
        "at the end (other work was running: the ratios, measured in the same run, are "
        "what to read).",
        "",
    ]
    if out.verdicts:
        head += ["## Targets", "", table(["target", "measured", ""], out.verdicts), ""]
    return "\n".join([*head, *body, METHOD])


# --- main --------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes", default="1000,100000,1000000", help="posts per session, comma-separated"
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each process pair")
    parser.add_argument("--presses", type=int, default=100, help="key presses per kind of step")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help="sections: " + ",".join(SECTIONS)
    )
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument(
        "--quick", action="store_true", help="CI smoke: 1,000 posts, 1 round, few presses"
    )
    parser.add_argument(
        "--out", type=Path, help="write the table here (default: bench/results.md on a full run)"
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {SECTIONS}")
    rounds, presses = args.rounds, args.presses
    if args.quick:
        sizes, rounds, presses = [1000], 1, 10
    out = args.out
    if out is None and not args.quick and set(only) == set(SECTIONS):
        out = HERE / "results.md"
    results = Results(sizes, rounds)
    began = time.monotonic()
    load_start = os.getloadavg()[0]
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    say(f"replay-tui benchmark: {', '.join(posts(s) for s in sizes)} posts, {rounds} rounds")
    with tempfile.TemporaryDirectory(prefix="replay-bench-") as home:
        env = fresh_env(Path(home))
        for size in sizes:
            say(f"session of {posts(size)} posts …")
            path = session(size, args.seed)
            if "load" in only or "memory" in only:
                measure_load(results, size, path, env)
            if "open" in only or "memory" in only:
                measure_open(results, size, path, env)
            if "tty" in only:
                measure_tty(results, size, path, env)
            if "step" in only:
                measure_step(results, size, path, env, presses)
    took = time.monotonic() - began
    text = report(results, started, took, (load_start, os.getloadavg()[0]))
    sys.stdout.write(text)
    raw = HERE / "out" / ("results-quick.json" if args.quick else "results.json")
    raw.parent.mkdir(exist_ok=True)
    raw.write_text(json.dumps({"sizes": sizes, "rounds": rounds, "rows": results.rows}, indent=1))
    if out is not None:
        out.write_text(text)
        say(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
