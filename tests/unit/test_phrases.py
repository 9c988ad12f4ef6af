"""One wording: the phrases the replay and every export share are written once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from replay_tui.format.times import from_status_id, parse, zone
from replay_tui.words import phrases

PACKAGE = Path(__file__).resolve().parents[2] / "replay_tui"
UTC = zone("UTC")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2013-10-22T14:05", None),
        ("2013-10-22T14:05:33Z", None),
        ("2013-10-22", "the sources give the day only"),
        ("2013-10", "the sources give no closer date"),
        ("2013", "the sources give no closer date"),
    ],
)
def test_how_a_written_time_is_known(text: str, words: str | None) -> None:
    assert phrases.time_known(parse(text, UTC)) == words


def test_how_an_absent_or_derived_time_is_known() -> None:
    assert phrases.time_known(None) == "not given by the sources"
    derived = from_status_id(392685451372371968)
    assert derived is not None and derived.derived is not None
    assert phrases.time_known(derived) == f"derived {derived.derived}; no source states it"


@pytest.mark.parametrize(
    "phrase",
    [
        phrases.MISSING_TEXT,
        phrases.DELETED_NOTE,
        phrases.WITHHELD_NOTE,
        phrases.DERIVED_NOTE,
        phrases.TIME_NOT_GIVEN,
        phrases.DATE_NOT_GIVEN,
        "no source states it",
    ],
)
def test_shared_phrases_are_spelled_only_in_the_phrases_module(phrase: str) -> None:
    spelled = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "phrases.py" and any(phrase in text for text in strings(path))
    ]
    assert spelled == []


def strings(path: Path) -> list[str]:
    """The string literals of a module, its docstrings left out (they may quote a phrase)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documents = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in documents
    ]
