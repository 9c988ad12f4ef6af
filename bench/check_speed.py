"""How fast is `replay-tui check`, against the fastest anything could read the same file?

The floor is a bare Python process that only decodes the session's bytes with msgspec (no
types, no checks). Both are whole processes, started the same way, timed in the same run,
alternating, several rounds; the median ratio is what counts, because absolute seconds
depend on the machine and its load. Target (issue 2): the checker within 2x of the floor.

    python bench/check_speed.py            # 200,000 posts, 5 rounds
    python bench/check_speed.py --posts 1000 --rounds 1   # the quick smoke CI runs
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import write

FLOOR = "import msgspec, sys; msgspec.json.decode(open(sys.argv[1], 'rb').read())"


def run(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.stderr.write(result.stdout.decode() + result.stderr.decode())
        raise SystemExit(f"benchmark command failed: {command}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / f"synthetic-{args.posts}.json", args.posts)
        size = os.path.getsize(path)
        floor_cmd = [sys.executable, "-c", FLOOR, str(path)]
        script = Path(sys.executable).parent / "replay-tui"
        launcher = [str(script)] if script.exists() else [sys.executable, "-m", "replay_tui"]
        check_cmd = [*launcher, "check", str(path)]
        run(check_cmd)  # warm the file cache and the bytecode cache for both
        run(floor_cmd)
        floors, checks = [], []
        for _ in range(args.rounds):
            floors.append(run(floor_cmd))
            checks.append(run(check_cmd))
    floor, check = statistics.median(floors), statistics.median(checks)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"session: {args.posts:,} posts, {size / 1e6:.1f} MB of JSON, {args.rounds} rounds")
    print(f"floor (bare msgspec decode process): median {floor:.3f} s")
    print(f"replay-tui check:                     median {check:.3f} s")
    print(f"rounds, floor: {', '.join(f'{t:.3f}' for t in floors)}")
    print(f"rounds, check: {', '.join(f'{t:.3f}' for t in checks)}")
    print(f"ratio: {check / floor:.2f}x the floor (target: within 2x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
