"""Reporting: Markdown from the figures `run.py` wrote, judged against bench/targets.py.

    python bench/report.py                         # bench/out/results.json -> stdout
    python bench/report.py A.json B.json --write   # later files' figures win; writes
                                                   # bench/results.md and README.md's table

README.md's table sits between the two `bench:targets` markers and is rewritten whole;
nothing else in README.md is touched. Every number in the report comes from the JSON, every
target and every label from targets.py: this module only evaluates and formats.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from targets import TABLES, TARGETS, Expr, Growth, Ratio, Sum, Target, Worst  # noqa: E402

README = HERE.parent / "README.md"
RESULTS = HERE / "results.md"
BEGIN = "<!-- bench:targets:begin (written by bench/report.py; edit bench/targets.py) -->"
END = "<!-- bench:targets:end -->"


Size = int | str
"""Posts in a synthetic session, or the name of a bundled one ("bundled")."""


def size_key(text: str) -> Size:
    return int(text) if text.isdigit() else text


@dataclass
class Figures:
    """The figures of one or more runs, by size; later runs' figures replace earlier ones."""

    metas: list[dict[str, Any]]
    by_size: dict[Size, dict[str, Any]]

    @classmethod
    def load(cls, path: Path) -> Figures:
        data = json.loads(path.read_text())
        return cls([data["meta"]], {size_key(k): v for k, v in data["figures"].items()})

    @classmethod
    def merge(cls, runs: Sequence[Figures]) -> Figures:
        by_size: dict[Size, dict[str, Any]] = {}
        for one in runs:
            for size, figures in one.by_size.items():
                by_size.setdefault(size, {}).update(figures)
        return cls([m for one in runs for m in one.metas], by_size)

    @property
    def sizes(self) -> list[Size]:
        """A bundled session first, then the synthetic sizes from the smallest."""
        return sorted(self.by_size, key=lambda s: (1, s, "") if isinstance(s, int) else (0, 0, s))

    def raw(self, size: Size, key: str) -> Any:
        return self.by_size.get(size, {}).get(key)

    def value(self, expr: Expr, size: Size) -> float | None:
        """What `expr` reads at `size`; None if it was not measured there."""
        if isinstance(expr, str):
            got = self.raw(size, expr)
            if isinstance(got, list):
                numbers = [v for v in got if isinstance(v, (int, float))]
                return statistics.median(numbers) if numbers else None
            return float(got) if isinstance(got, (int, float)) else None
        if isinstance(expr, Ratio):
            return _ratio(self.value(expr.of, size), self.value(expr.to, size))
        if isinstance(expr, Worst):
            values = [v for part in expr.parts if (v := self.value(part, size)) is not None]
            return max(values) if values else None
        if isinstance(expr, Sum):
            values = [self.value(part, size) for part in expr.parts]
            return None if None in values else sum(v for v in values if v is not None)
        if isinstance(expr, Growth):
            base = next(
                (
                    s
                    for s in self.sizes
                    if isinstance(s, int) and self.value(expr.of, s) is not None
                ),
                None,
            )
            if base is None or base == size:
                return None
            return _ratio(self.value(expr.of, size), self.value(expr.of, base))
        raise TypeError(f"not an expression: {expr!r}")

    def message(self, expr: Expr, size: Size) -> str | None:
        """Why a plain figure has no number (a harness's message), if it said."""
        if not isinstance(expr, str):
            return None
        parts = expr.split(".")
        for end in range(len(parts), 1, -1):
            got = self.raw(size, ".".join(parts[:end]))
            if isinstance(got, str):
                return got
        return None


def _ratio(of: float | None, to: float | None) -> float | None:
    return of / to if of is not None and to else None


def fmt(value: float, unit: str) -> str:
    if math.isnan(value):
        return "–"
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.0f} ms" if value >= 100 else f"{value:.{1 if value >= 1 else 2}f} ms"
    if unit == "MB":
        return f"{value:,.0f} MB"
    return f"{value:g}"


def posts(size: Size) -> str:
    return f"{size:,}" if isinstance(size, int) else size


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(target: Target, figures: Figures) -> list[str]:
    """[target, measured, met / not met / –] for one target."""
    sizes = list(target.at) or [s for s in figures.sizes if isinstance(s, int)]
    values = {size: figures.value(target.value, size) for size in sizes}
    got = {size: v for size, v in values.items() if v is not None}
    if not got:
        return [target.text, "not measured", "–"]
    measured = ", ".join(
        fmt(v, target.unit) + ("" if target.at and len(sizes) == 1 else f" at {posts(s)}")
        for s, v in got.items()
    )
    top = list(got)[-1]
    details = [
        f"{label} {fmt(v, unit)}"
        for label, expr, unit in target.details
        if (v := figures.value(expr, top)) is not None
    ]
    if details:
        measured += f" ({', '.join(details)})"
    missing = [posts(s) for s in sizes if s not in got]
    if missing:
        measured += f"; not measured at {', '.join(missing)}"
    ok = all(v <= target.limit for v in got.values())
    return [target.text, measured, ("met" if ok else "**not met**") if not missing else "–"]


def targets_table(figures: Figures) -> str:
    return table(["target", "measured", ""], [verdict(t, figures) for t in TARGETS])


def section_of(expr: Expr) -> str | None:
    if isinstance(expr, str):
        return expr.split(".")[0]
    if isinstance(expr, (Ratio, Growth)):
        return section_of(expr.of)
    return section_of(expr.parts[0]) if expr.parts else None


def tables(figures: Figures) -> list[str]:
    out: list[str] = []
    for spec in TABLES:
        sizes = [
            s
            for s in figures.sizes
            if any(figures.value(row.value, s) is not None for row in spec.rows)
        ]
        if not sizes:
            continue
        rows = []
        for row in spec.rows:
            cells = []
            for size in sizes:
                value = figures.value(row.value, size)
                if value is not None:
                    cells.append(fmt(value, row.unit))
                else:
                    cells.append(figures.message(row.value, size) or "–")
            if any(cell != "–" for cell in cells):
                rows.append([row.label, *cells])
        out += [f"## {spec.title}", "", spec.note, "", table(["", *map(posts, sizes)], rows), ""]
    return out


def provenance(figures: Figures) -> list[str]:
    lines = []
    for meta in figures.metas:
        loads = " → ".join(f"{x:.1f}" for x in meta.get("load_average", []))
        lines.append(
            f"- `{meta['command']}`, {meta['started']}, {meta.get('minutes', '?')} min, "
            f"load average {loads}. {meta['machine']}."
        )
    return lines


def markdown(runs: Sequence[Figures]) -> str:
    figures = Figures.merge(runs)
    head = [
        "# replay-tui: speed and scale",
        "",
        "Written by `bench/report.py` from the figures of these runs (how each figure is "
        "taken: bench/README.md; the targets: bench/targets.py):",
        "",
        *provenance(figures),
        "",
        "The machine is shared: the ratios, against floors measured in the same run, are "
        "what to read.",
        "",
        "## Targets",
        "",
        targets_table(figures),
        "",
    ]
    return "\n".join([*head, *tables(figures)])


def readme_block(runs: Sequence[Figures]) -> str:
    figures = Figures.merge(runs)
    return "\n".join(
        [
            BEGIN,
            targets_table(figures),
            "",
            "From "
            + "; ".join(
                f"`{m['command']}` ({m['started']}, {m['machine'].split(';')[0]}, load average "
                + " → ".join(f"{x:.1f}" for x in m.get("load_average", []))
                + ")"
                for m in figures.metas
            )
            + ". A busy machine slows what has no floor (steps, searches) most.",
            END,
        ]
    )


def rewrite_readme(text: str, block: str) -> str:
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md has no {BEGIN!r} … {END!r} block to rewrite")
    return text[:start] + block + text[end + len(END) :]


def write(runs: Sequence[Figures]) -> None:
    RESULTS.write_text(markdown(runs))
    README.write_text(rewrite_readme(README.read_text(), readme_block(runs)))
    sys.stderr.write(f"wrote {RESULTS} and the table in {README}\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("files", nargs="*", type=Path, default=[HERE / "out" / "results.json"])
    parser.add_argument(
        "--write", action="store_true", help="write bench/results.md and README.md's table"
    )
    args = parser.parse_args(argv)
    runs = [Figures.load(path) for path in args.files]
    if args.write:
        write(runs)
    else:
        sys.stdout.write(markdown(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
