"""bench/report.py judges figures against bench/targets.py and rewrites only README.md's
marked table. Figures here are made up: nothing is measured."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "bench"))
report = importlib.import_module("report")
targets = importlib.import_module("targets")


def figures(by_size: dict[int, dict[str, object]]) -> object:
    return report.Figures([{"command": "python bench/run.py", "started": "then"}], by_size)


def test_expressions_read_medians_ratios_worst_and_growth() -> None:
    got = figures(
        {
            1000: {"load.check": [3.0, 1.0, 2.0], "load.floor": 1.0, "step.next.median": 10.0},
            1_000_000: {"load.check": [5.0], "load.floor": [2.0], "step.next.median": 12.0},
        }
    )
    assert got.value("load.check", 1000) == 2.0  # the median of the samples
    assert got.value(targets.Ratio("load.check", "load.floor"), 1_000_000) == 2.5
    assert got.value(targets.Worst("load.check", "load.floor", "absent"), 1000) == 2.0
    assert got.value(targets.Sum("load.check", "load.floor"), 1000) == 3.0
    assert got.value(targets.Sum("load.check", "absent"), 1000) is None
    assert got.value(targets.Growth("step.next.median"), 1_000_000) == 1.2
    assert got.value(targets.Growth("step.next.median"), 1000) is None  # the base itself


def test_a_target_is_met_not_met_or_not_measured() -> None:
    target = targets.Target(
        "load at 1,000,000 ≤ 2.5×",
        targets.Ratio("load.check", "load.floor"),
        2.5,
        "×",
        at=(1_000_000,),
        details=(("check", "load.check", "s"),),
    )
    met = figures({1_000_000: {"load.check": [2.0], "load.floor": [1.0]}})
    assert report.verdict(target, met) == [
        "load at 1,000,000 ≤ 2.5×",
        "2.00× (check 2.000 s)",
        "met",
    ]
    missed = figures({1_000_000: {"load.check": [3.0], "load.floor": [1.0]}})
    assert report.verdict(target, missed)[2] == "**not met**"
    assert report.verdict(target, figures({1000: {}}))[1:] == ["not measured", "–"]


def test_a_harness_message_shows_where_a_figure_is_missing() -> None:
    got = figures({1000: {"step.ui_search": "not in the UI yet"}})
    assert got.value("step.ui_search.median", 1000) is None
    assert got.message("step.ui_search.median", 1000) == "not in the UI yet"


def test_only_the_marked_block_of_the_readme_is_rewritten() -> None:
    text = f"before\n{report.BEGIN}\nold table\n{report.END}\nafter\n"
    block = f"{report.BEGIN}\nnew table\n{report.END}"
    assert report.rewrite_readme(text, block) == f"before\n{block}\nafter\n"


def test_the_readme_has_the_block_and_every_target_reads_a_known_section() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(report.BEGIN) == readme.count(report.END) == 1
    sections = set(importlib.import_module("measure").SECTIONS) | {"search"}
    for target in targets.TARGETS:
        assert report.section_of(target.value) in sections, target.text


def test_the_bundled_session_is_a_column_of_its_own_and_holds_its_own_targets() -> None:
    got = figures(
        {
            "bundled": {"tty.app": [1.4], "tty.bare": [1.0]},
            1000: {"tty.app": [2.0], "tty.bare": [1.0], "step.next.median": 10.0},
            1_000_000: {"step.next.median": 12.0},
        }
    )
    assert got.sizes == ["bundled", 1000, 1_000_000]
    assert report.posts("bundled") == "bundled"
    bundled = next(t for t in targets.TARGETS if t.at == (targets.BUNDLED,) and "tmux" in t.text)
    assert report.verdict(bundled, got)[2] == "met"
    # A target of every size reads the synthetic sizes only; growth starts at the smallest.
    assert got.value(targets.Growth("step.next.median"), 1_000_000) == 1.2
    steps = next(t for t in targets.TARGETS if t.text.startswith("step median"))
    assert "bundled" not in report.verdict(steps, got)[1]
