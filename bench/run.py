"""How fast and how lean is replay-tui at 1,000, 100,000 and 1,000,000 posts?

Measures (measure.py) every figure the speed targets (targets.py) name, each against a
floor measured in the same run, writes them to JSON, then writes the report (report.py):

    load    `replay-tui check FILE` vs a process that only decodes the same bytes with
            msgspec; and the peak memory of both;
    open    process start to the first headless frame showing the session's title, and
            to the replay screen being up, vs a bare Textual app showing the same text;
    tty     the same in a real terminal (tmux);
    step    key to frame for next, last/first and 0–9 jumps; search and filter through
            the UI and through the core API;
    burst   40 steps at once right after opening, vs the same on 100 posts (headless and
            tmux; the target is at 200,000: --only burst --sizes 200000).

Sessions come from `synth.py` and are cached in bench/out/. Nothing here asserts a time.

    python bench/run.py                      # 1k, 100k, 1M posts, 5 rounds: results.md + README
    python bench/run.py --sizes 1000,100000 --rounds 3
    python bench/run.py --only load --sizes 1000000
    python bench/run.py --quick              # CI smoke: 1,000 posts, one round, seconds

A full run (every section, the default sizes) writes bench/out/results.json, bench/results.md
and the table in README.md; any other run writes bench/out/results-partial.json (or
results-quick.json) and prints its report. `python bench/report.py FILE…` reports any runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import report  # noqa: E402
from measure import SECTIONS, Context, fresh_env, say, session  # noqa: E402

DEFAULT_SIZES = "1000,100000,1000000"


def machine() -> str:
    """One line about where the figures were taken."""
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
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for module in ("textual", "msgspec", "rich"):
        try:
            versions.append(f"{module} {version(module)}")
        except PackageNotFoundError:
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


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default=DEFAULT_SIZES, help="posts per session, comma-separated")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of each process")
    parser.add_argument("--presses", type=int, default=100, help="key presses per kind of step")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help="sections: " + ",".join(SECTIONS)
    )
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument(
        "--quick", action="store_true", help="CI smoke: 1,000 posts, 1 round, few presses"
    )
    args = parser.parse_args(argv)
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {SECTIONS}")
    if args.quick:
        args.sizes, args.rounds, args.presses = [1000], 1, 10
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    full = (
        not args.quick
        and args.only == list(SECTIONS)
        and args.sizes == [int(s) for s in DEFAULT_SIZES.split(",")]
    )
    began = time.monotonic()
    meta: dict[str, Any] = {
        "command": " ".join(["python bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "sizes": args.sizes,
        "rounds": args.rounds,
        "sections": args.only,
        "load_average": [os.getloadavg()[0]],
    }
    figures: dict[str, dict[str, Any]] = {}
    listed = ", ".join(f"{s:,}" for s in args.sizes)
    say(f"replay-tui benchmark: {listed} posts, {args.rounds} rounds")
    with tempfile.TemporaryDirectory(prefix="replay-bench-") as home:
        ctx = Context(fresh_env(Path(home)), args.rounds, args.presses)
        for size in args.sizes:
            say(f"session of {size:,} posts …")
            path = session(size, args.seed)
            got = figures.setdefault(str(size), {})
            for name, measure in SECTIONS.items():
                if name in args.only:
                    got.update(measure(ctx, size, path))
    meta["load_average"].append(os.getloadavg()[0])
    meta["minutes"] = round((time.monotonic() - began) / 60, 1)
    name = (
        "results.json" if full else "results-quick.json" if args.quick else "results-partial.json"
    )
    raw = HERE / "out" / name
    raw.parent.mkdir(exist_ok=True)
    raw.write_text(json.dumps({"meta": meta, "figures": figures}, indent=1))
    say(f"wrote {raw}")
    runs = [report.Figures.load(raw)]
    sys.stdout.write(report.markdown(runs))
    if full:
        report.write(runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
