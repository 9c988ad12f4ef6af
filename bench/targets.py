"""The one table of speed targets, and the tables of figures the report shows: data only.

`run.py` measures figures and writes them to JSON; `report.py` evaluates what is declared
here against that JSON and writes Markdown (bench/results.md, and the block between the
`bench:targets` markers in README.md). Nothing here runs anything.

A figure is named `section.name` (`load.check`, `step.next.median`) and holds, per session
size, a list of samples (their median is used), one number, or a message saying why there
is no number. An expression names what a cell or a target reads:

    "load.check"                     the figure
    Ratio("load.check", "load.floor")  one over the other, at the same size, same run
    Worst(a, b, …)                   the largest of those that were measured
    Sum(a, b)                        both added (None if either is missing)
    Growth(a)                        a at this size ÷ a at the smallest size measured

Speed is a ratio against a floor measured in the same run wherever there is a floor
(seconds alone depend on the machine and on what else it is doing); key-to-frame latencies
have none, and are held to a frame's time instead.

To add a target: append a `Target` to `TARGETS`. To show a new figure: add a `Row` to a
`Table` (or a new `Table` to `TABLES`). bench/README.md says how to add a benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field

K, HK, M = 1_000, 100_000, 1_000_000
TWO_HK = 200_000
BUNDLED = "bundled"
"""The bundled 2013 session (sessions/idf-hamas-2013-10.toml), measured beside the sizes."""


@dataclass(frozen=True)
class Ratio:
    of: Expr
    to: Expr


@dataclass(frozen=True)
class Worst:
    parts: tuple[Expr, ...]

    def __init__(self, *parts: Expr) -> None:
        object.__setattr__(self, "parts", parts)


@dataclass(frozen=True)
class Sum:
    parts: tuple[Expr, ...]

    def __init__(self, *parts: Expr) -> None:
        object.__setattr__(self, "parts", parts)


@dataclass(frozen=True)
class Growth:
    of: Expr


Expr = str | Ratio | Worst | Sum | Growth


@dataclass(frozen=True)
class Target:
    text: str
    """What is promised, as the README's table says it."""
    value: Expr
    limit: float
    unit: str
    """How the value is written: "×" (a ratio), "ms", "s" or "MB"."""
    at: tuple[int | str, ...] = ()
    """The session sizes it holds at (or `BUNDLED`); empty: every synthetic size measured."""
    details: tuple[tuple[str, Expr, str], ...] = ()
    """(label, expression, unit) shown beside the value, at the largest size measured."""


@dataclass(frozen=True)
class Row:
    label: str
    value: Expr
    unit: str


@dataclass(frozen=True)
class Table:
    title: str
    note: str
    rows: tuple[Row, ...]
    sections: tuple[str, ...] = field(default=())
    """Shown only if one of these sections was measured (default: the first row's)."""


STEP_KEYS = {
    "next": "next (→)",
    "jump_new": "jump (1–9) to a new place",
    "jump": "jump (0–9), places seen",
    "last": "last (End)",
    "first": "first (Home)",
}
STEP_MEDIANS = tuple(f"step.{key}.median" for key in STEP_KEYS)

UI_FIRST_RESULT = Worst(
    "step.ui_search_cold.median",
    Sum("step.ui_filter_cold.dialog_ms", "step.ui_filter_cold.median"),
)
"""Through the UI right after opening: Enter to the first match shown, or F to the filter's
dialog plus the tag applied to its first post shown (a person waits for both)."""


TARGETS: tuple[Target, ...] = (
    Target(
        "first frame of the bundled 2013 session (headless) ≤ 1.5× a bare Textual app",
        Ratio("open.app", "open.bare"),
        1.5,
        "×",
        at=(BUNDLED,),
        details=(("app", "open.app", "s"), ("bare", "open.bare", "s")),
    ),
    Target(
        "first frame of the bundled 2013 session (tmux) ≤ 1.5× a bare Textual app",
        Ratio("tty.app", "tty.bare"),
        1.5,
        "×",
        at=(BUNDLED,),
        details=(("app", "tty.app", "s"), ("bare", "tty.bare", "s")),
    ),
    Target(
        "load: `replay-tui check` at 1,000,000 posts ≤ 2.5× the msgspec decode floor",
        Ratio("load.check", "load.floor"),
        2.5,
        "×",
        at=(M,),
        details=(("check", "load.check", "s"), ("floor", "load.floor", "s")),
    ),
    Target(
        "first frame (headless) ≤ 1.5× a bare Textual app at 100,000",
        Ratio("open.app", "open.bare"),
        1.5,
        "×",
        at=(HK,),
        details=(("app", "open.app", "s"), ("bare", "open.bare", "s")),
    ),
    Target(
        "first frame (tmux) ≤ 1.5× a bare Textual app at 100,000",
        Ratio("tty.app", "tty.bare"),
        1.5,
        "×",
        at=(HK,),
        details=(("app", "tty.app", "s"), ("bare", "tty.bare", "s")),
    ),
    Target(
        "step median < 16 ms headless, worst of next, last, first, 0–9 jumps",
        Worst(*STEP_MEDIANS),
        16,
        "ms",
    ),
    Target(
        "steps flat: at 1,000,000 within 1.2× of 1,000 (worst step)",
        Worst(*(Growth(key) for key in STEP_MEDIANS)),
        1.2,
        "×",
        at=(M,),
    ),
    Target(
        "40 steps at once right after opening 200,000 posts ≤ 1.5× the same on 100 (headless)",
        Ratio("burst.app", "burst.floor"),
        1.5,
        "×",
        at=(TWO_HK,),
        details=(("200,000", "burst.app", "ms"), ("100", "burst.floor", "ms")),
    ),
    Target(
        "40 steps at once right after opening 200,000 posts ≤ 1.5× the same on 100 (tmux)",
        Ratio("burst.tty_app", "burst.tty_floor"),
        1.5,
        "×",
        at=(TWO_HK,),
        details=(("200,000", "burst.tty_app", "ms"), ("100", "burst.tty_floor", "ms")),
    ),
    Target(
        "search or filter over 1,000,000: first result < 200 ms (core, cold; and through the UI)",
        Worst("search.search_cold_ms", "search.filter_tag_first_ms", UI_FIRST_RESULT),
        200,
        "ms",
        at=(M,),
    ),
    Target(
        "memory at 1,000,000: `replay-tui check` ≤ 1.5× the decode floor's peak",
        Ratio("load.check_rss", "load.floor_rss"),
        1.5,
        "×",
        at=(M,),
        details=(("check", "load.check_rss", "MB"), ("floor", "load.floor_rss", "MB")),
    ),
    Target(
        "memory at 1,000,000: the app, replay screen up, ≤ 1.5× the decode floor's peak",
        Ratio("open.app_rss", "load.floor_rss"),
        1.5,
        "×",
        at=(M,),
        details=(("app", "open.app_rss", "MB"), ("floor", "load.floor_rss", "MB")),
    ),
)


TABLES: tuple[Table, ...] = (
    Table(
        "Load: `replay-tui check FILE` against decoding the bytes with msgspec",
        "Whole processes, spawn to exit, each ending normally. The floor, in each round, is "
        "the faster of two `python -c` programs that read the file and decode it with "
        "msgspec with the collector off (untyped, and typed into the model's Structs); the "
        "decode with the collector on, as a one-line script would run it, is shown for "
        "reference only. CPU time is user and system, from wait4: on a busy machine it "
        "moves less than the wall-clock time, and its ratio is a cross-check of the other.",
        (
            Row("msgspec decode, untyped", "load.floor_untyped", "s"),
            Row("msgspec decode, typed into the model's Structs", "load.floor_typed", "s"),
            Row("floor (the faster, per round)", "load.floor", "s"),
            Row("(collector on, reference only)", "load.floor_default", "s"),
            Row("**`replay-tui check`**", "load.check", "s"),
            Row("**÷ floor**", Ratio("load.check", "load.floor"), "×"),
            Row("floor's CPU time (the smaller, per round)", "load.floor_cpu", "s"),
            Row("`replay-tui check`'s CPU time", "load.check_cpu", "s"),
            Row("÷ floor, in CPU time", Ratio("load.check_cpu", "load.floor_cpu"), "×"),
        ),
    ),
    Table(
        "First frame: process start to the session's title on screen",
        "`replay-tui FILE --from-start` against a bare Textual app showing one `Static` with "
        "the same title, in the same harness: headless (`run_test`, 120×40) and in a real "
        "terminal (tmux, 120×40). *bundled*: sessions/idf-hamas-2013-10.toml, as a class "
        "opens it. Every file opens on a preview of its title card, the replay screen "
        "following: a large JSON file is checked meanwhile, a small one before the app starts. "
        "*ready*: the replay screen's header on screen (the file checked, keys working).",
        (
            Row("bare, headless", "open.bare", "s"),
            Row("replay-tui, headless, first frame", "open.app", "s"),
            Row("**÷ bare, headless**", Ratio("open.app", "open.bare"), "×"),
            Row("replay-tui, headless, ready", "open.app_ready", "s"),
            Row("bare, tmux", "tty.bare", "s"),
            Row("replay-tui, tmux, first frame", "tty.app", "s"),
            Row("**÷ bare, tmux**", Ratio("tty.app", "tty.bare"), "×"),
            Row("replay-tui, tmux, ready", "tty.app_ready", "s"),
        ),
        sections=("open", "tty"),
    ),
    Table(
        "Steps: key to frame, headless",
        "Milliseconds, median and p95 over the presses of one app per size, from the middle "
        "of the session. *shown*: to the first frame that shows the new position (the "
        "header's new `n/N`); *settled*: to the last frame the key causes. Both include the "
        "wait for Textual's 60 Hz screen update (0–16.7 ms). *CPU*: the app process's CPU "
        "time per key, median. *idle frames*: frames drawn in 0.5 s with no key pressed.",
        (
            *(
                row
                for key, label in STEP_KEYS.items()
                for row in (
                    Row(f"{label}, shown, median", f"step.{key}.median", "ms"),
                    Row(f"{label}, shown, p95", f"step.{key}.p95", "ms"),
                    Row(f"{label}, settled, median", f"step.{key}.settled_median", "ms"),
                    Row(f"{label}, CPU", f"step.{key}.cpu_median", "ms"),
                    Row(f"{label}, shown, ÷ smallest size", Growth(f"step.{key}.median"), "×"),
                )
            ),
            Row("idle frames", "step.frames_idle", ""),
            Row(
                "search in the UI after opening: Enter → match", "step.ui_search_cold.median", "ms"
            ),
            Row(
                "search in the UI after opening: Enter → 'match 1 of N'",
                "step.ui_search_cold.counted_ms",
                "ms",
            ),
            Row("search in the UI after the steps: Enter → match", "step.ui_search.median", "ms"),
            Row("hashtag filter in the UI: F → dialog", "step.ui_filter_cold.dialog_ms", "ms"),
            Row(
                "hashtag filter in the UI: apply → first result", "step.ui_filter_cold.median", "ms"
            ),
            Row(
                "hashtag filter in the UI: apply → 'n/N shown'",
                "step.ui_filter_cold.counted_ms",
                "ms",
            ),
        ),
    ),
    Table(
        "40 steps at once, right after opening",
        "Milliseconds from 40 presses of → sent at once, as soon as the replay screen is "
        "drawn at the title card, to the first frame that shows the 40th post: a held key's "
        "first second, while whatever starts with the screen runs. Against the same on a "
        "session of 100 posts, alternating process by process (`replay-tui FILE "
        "--from-start`: a large file opens on its preview while it is checked). Headless: "
        "the keys from another thread through the driver, as a terminal's input thread "
        "sends them; tmux: one `send-keys`, the pane read every 5 ms. *repaints*: times the "
        "screen was repainted for a position by then (the 40 steps coalesce into few).",
        (
            Row("100 posts, headless", "burst.floor", "ms"),
            Row("this session, headless", "burst.app", "ms"),
            Row("**÷ 100 posts, headless**", Ratio("burst.app", "burst.floor"), "×"),
            Row("repaints, 100 posts", "burst.floor_repaints", ""),
            Row("repaints, this session", "burst.app_repaints", ""),
            Row("CPU (all threads), 100 posts", "burst.floor_cpu", "ms"),
            Row("CPU (all threads), this session", "burst.app_cpu", "ms"),
            Row("100 posts, tmux", "burst.tty_floor", "ms"),
            Row("this session, tmux", "burst.tty_app", "ms"),
            Row("**÷ 100 posts, tmux**", Ratio("burst.tty_app", "burst.tty_floor"), "×"),
        ),
    ),
    Table(
        "Search and filter through the core API",
        "Milliseconds, from the middle of the session (`SearchIndex`, `filters`). *cold*: "
        "nothing built yet (the UI builds the rest in a worker).",
        (
            Row("search index: build it all", "search.index_build_ms", "ms"),
            Row("search, cold: first match", "search.search_cold_ms", "ms"),
            Row("search, index built: first match", "search.search_warm_ms", "ms"),
            Row(
                "filter by hashtag, cold: the post it lands on", "search.filter_tag_first_ms", "ms"
            ),
            Row("filter by hashtag: whole view, no tag index", "search.filter_tag_cold_ms", "ms"),
            Row("tag index (the dialog's list of hashtags)", "search.tag_index_ms", "ms"),
            Row(
                "filter by hashtag: whole view, tag index built", "search.filter_tag_warm_ms", "ms"
            ),
            Row("filter by participants", "search.filter_people_ms", "ms"),
        ),
    ),
    Table(
        "Peak memory",
        "Peak resident memory of each process (the kernel's maxrss, from wait4). The floor, "
        "the smaller of the two decodes per round, holds the file's bytes and msgspec's "
        "decoded data and nothing else. This runner never holds a session itself (Linux "
        "starts a spawned child's maxrss at its parent's).",
        (
            Row("msgspec decode, untyped", "load.floor_untyped_rss", "MB"),
            Row("msgspec decode, typed", "load.floor_typed_rss", "MB"),
            Row("floor", "load.floor_rss", "MB"),
            Row("`replay-tui check`", "load.check_rss", "MB"),
            Row("**÷ floor**", Ratio("load.check_rss", "load.floor_rss"), "×"),
            Row("bare Textual app", "open.bare_rss", "MB"),
            Row("replay-tui app, replay screen up (headless)", "open.app_rss", "MB"),
            Row("**÷ floor**", Ratio("open.app_rss", "load.floor_rss"), "×"),
        ),
        sections=("load", "open"),
    ),
)
