"""How much memory reading a session file costs, relative to its size.

    .venv/bin/python scripts/memory.py          # every test file and the hostile set
    .venv/bin/python scripts/memory.py FILE...  # these files
    .venv/bin/python scripts/memory.py --write DIR  # write the hostile set into DIR

For each file: the peak of the Python allocations (`tracemalloc`) while `read_session`
reads and checks it, measured once warm so that imports, compiled patterns and the time
zone database are not counted as the file's cost; and how long a warm read took (untraced;
seconds depend on the machine and on what else it is doing). Besides
the test files it writes, to a temporary folder, the hostile files of issue 16 (refused by
the limits in `format/guard.py`) and the costliest files that come close to a limit or
keep them all: junk that parses (TOML and JSON made only of empty tables and lists, unknown
keys, short dotted keys and table names, nesting 30 deep). `tests/unit/test_junk_files.py`
holds each of them to a small multiple of its size.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from replay_tui.format.read import read_session

ROOT = Path(__file__).resolve().parent.parent
MIN_SIZE = 16 * 1024
"""Ratios are taken against at least this size: a small file's cost is mostly the fixed
few kilobytes any check takes (a 350-byte file costs about 10 KB)."""


def hostile(folder: Path, size: int = 200_000) -> list[Path]:
    """The hostile set: what the limits refuse, and the worst that keeps them."""
    head = 'format = "replay-tui/1"\nid = "x"\ntitle = "x"\ntimezone = "UTC"\n'
    jhead = '{"format": "replay-tui/1", "id": "x", "title": "x", "timezone": "UTC", "posts": '

    def lines(make: object) -> str:
        out: list[str] = []
        total = i = 0
        while total < size:
            line = make(i)  # type: ignore[operator]
            out.append(line)
            total += len(line)
            i += 1
        return "".join(out)

    files = {
        "refused-dotted-key-100000-parts.toml": head + ".".join(["a"] * 100_000) + " = 1\n",
        "refused-deep-inline-tables.toml": head + "x = " + "{a=" * 50_000 + "1" + "}" * 50_000,
        "refused-deep-json.json": "[" * 100_000 + "]" * 100_000,
        "limits-dotted-keys-8-parts.toml": head
        + "[x]\n"
        + lines(lambda i: f"k{i}." + ".".join(["a"] * 7) + " = 1\n"),
        "limits-table-names-8-parts.toml": head
        + lines(lambda i: f"[t{i}." + ".".join(["a"] * 7) + "]\n"),
        "limits-inline-tables-30-deep.toml": head
        + "[x]\n"
        + lines(lambda i: f"k{i} = " + "{a=" * 30 + "1" + "}" * 30 + "\n"),
        "limits-json-30-deep.json": '{"format": "replay-tui/1", "x": {'
        + ",".join(f'"k{i}": ' + "[" * 30 + "]" * 30 for i in range(size // 70))
        + "}}",
        # Junk that parses and keeps every limit: the shapes that cost most per byte.
        "junk-toml-unknown-keys.toml": head + lines(lambda i: f"k{i} = 1\n"),
        "junk-toml-inline-tables.toml": head + "[x]\n" + lines(lambda i: f"k{i} = {{a=1}}\n"),
        "junk-toml-posts-tables.toml": head + lines(lambda i: "[[posts]]\nx=1\n"),
        "junk-toml-posts-empty.toml": head + "posts = [" + lines(lambda i: "{},") + "]\n",
        "junk-toml-posts-arrays.toml": head + "posts = [" + lines(lambda i: "[],") + "]\n",
        "junk-toml-small-lists.toml": head + "x = [" + lines(lambda i: "[1,1,1,1],") + "]\n",
        "junk-toml-padded-tables.toml": head
        + "x = ["
        + lines(lambda i: "{a = 'padding padding'},")
        + "]\n",
        "junk-toml-long-strings.toml": head + lines(lambda i: f'[[posts]]\nid = "{"x" * 500}"\n'),
        "junk-json-posts-empty.json": jhead + "[" + ",".join(["{}"] * (size // 3)) + "]}",
        "junk-json-posts-arrays.json": jhead + "[" + ",".join(["[]"] * (size // 3)) + "]}",
        "junk-json-posts-unknown.json": jhead + "[" + ",".join(['{"x":1}'] * (size // 8)) + "]}",
        "junk-json-sources.json": jhead.replace("posts", "sources")
        + "["
        + ",".join(['{"id":"s"}'] * (size // 11))
        + "]}",
        "junk-json-unknown-keys.json": jhead[:-10]
        + ",".join(f'"k{i}":1' for i in range(size // 10))
        + "}",
        "junk-json-small-lists.json": jhead + "[" + ",".join(["[1,1,1,1,1]"] * (size // 12)) + "]}",
        "junk-json-head-arrays.json": jhead[:-10]
        + '"x": ['
        + ",".join(["[]"] * (size // 3))
        + "]}",
    }
    paths = []
    for name, text in files.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def cost(file: Path) -> tuple[int, float]:
    """(peak bytes, seconds) of reading `file` once warm; the time without tracing, which
    slows Python down several times."""
    read_session(file)
    started = time.perf_counter()
    read_session(file)
    took = time.perf_counter() - started
    tracemalloc.start()
    try:
        read_session(file)
        return tracemalloc.get_traced_memory()[1], took
    finally:
        tracemalloc.stop()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--write"] and len(argv) == 2:
        for path in hostile(Path(argv[1])):
            print(path)
        return 0
    if argv:
        groups = {"given": [Path(a) for a in argv]}
        temp = None
    else:
        data = ROOT / "tests" / "data"
        temp = tempfile.TemporaryDirectory()
        groups = {
            "test files": [
                *sorted((ROOT / "sessions").glob("*.toml")),
                *sorted(p for p in data.rglob("*") if p.is_file() and p.stat().st_size > 0),
            ],
            "hostile set": hostile(Path(temp.name)),
        }
    print(f"{'peak/size':>10} {'peak':>10} {'size':>10} {'seconds':>8}  file")
    for group, files in groups.items():
        worst = 0.0
        for file in files:
            size = file.stat().st_size
            peak, took = cost(file)
            ratio = peak / max(size, MIN_SIZE)
            worst = max(worst, ratio)
            shown = file.name if temp is not None and group == "hostile set" else file
            print(f"{ratio:10.1f} {peak:10,} {size:10,} {took:8.3f}  {shown}")
        print(f"-- {group}: {len(files)} files, largest peak/size {worst:.1f}\n")
    if temp is not None:
        temp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
