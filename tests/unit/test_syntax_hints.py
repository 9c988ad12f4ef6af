"""A syntax error says where, in the parser's words, and what to do when that is certain.

Each case is a real mistake made in a valid session (tests/data/good/minimal.toml, and
the same session as JSON): the error must keep its line and column, and give the hint
for that mistake, or, where the parser's stop leaves a doubt, the general advice.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from replay_tui.format.read import read_session
from replay_tui.format.syntax import GENERAL

DATA = Path(__file__).resolve().parent.parent / "data"
TOML = (DATA / "good" / "minimal.toml").read_text(encoding="utf-8")
JSON = json.dumps(tomllib.loads(TOML), indent=2, ensure_ascii=False)
TEXT = 'text = "two"'
JSON_TEXT = '"text": "two"'

TOML_CASES = [
    # (name, (old, new), line, column, parser's words, hint)
    ("unclosed", (TEXT, 'text = "two'), 26, 12, "illegal character '\\n'", '"""…"""'),
    ("line break", (TEXT, 'text = "two\nlines"'), 26, 12, "illegal character", "multi-line string"),
    ("literal", (TEXT, "text = 'two"), 29, 1, "expected \"'\"", "never closed"),
    ("multi-line", (TEXT, 'text = """two'), 29, 1, "unterminated string", "missing closing quote"),
    ("smart quotes", (TEXT, "text = “two”"), 26, 8, "invalid value", "typographic quote (“)"),
    ("bare word", (TEXT, "text = two"), 26, 8, "invalid value", 'text must be in quotes: write "…"'),
    ("no value", (TEXT, "text ="), 26, 7, "invalid value", "the value after = is missing"),
    ("list comma", ('sources = ["s1"]', 'sources = ["s1" "s2"]'), 20, 17, "unclosed array", "missing a comma"),
    ("list bracket", ('sources = ["s1"]', 'sources = ["s1"'), 22, 1, "unclosed array", "its closing ]"),
    ("header", ("[[posts]]", "[[posts]"), 15, 8, "expected ']]'", "as in [[posts]]"),
    ("posts merged", ('[[posts]]\nid = "p2"', 'id = "p2"'), 22, 10, "cannot overwrite a value", "[[posts]] line"),
    ("backslash", (TEXT, 'text = "C:\\path"'), 26, 13, "unescaped '\\'", "write \\\\ for a backslash"),
    ("after value", (TEXT, 'text = "two" x'), 26, 14, "expected newline", "one key = value per line"),
    ("spaced key", (TEXT, 'post text = "two"'), 26, 6, "expected '='", "the key has a space"),
    ("control", (TEXT, 'text = "t\x07wo"'), 26, 10, "illegal character '\\x07'", "U+0007"),
    ("inline newline", ('name = "A"', 'name = "A"\nx = {a = 1,\n b = 2}'), 14, 12, "invalid initial character for a key part", "on one line"),
    ("inline comma", ('name = "A"', 'name = "A"\nx = {a = 1,}'), 14, 12, "invalid initial character for a key part", "no comma after its"),
    ("stray =", (TEXT, 'text = = "two"'), 26, 8, "invalid value", GENERAL),
]  # fmt: skip

JSON_CASES = [
    ("trailing comma", ('"s1"\n      ]', '"s1",\n      ]'), 27, 7, "trailing comma in array", "no comma after the last item"),
    ("missing comma", ('"two",', '"two"'), 34, 7, "expected ',' or '}'", "a comma is missing between two items"),
    ("unclosed", ('"two",', '"two,'), 33, 20, "invalid character", "cannot run over a line break"),
    ("single quotes", ('"two"', "'two'"), 33, 15, "invalid character", "not single quotes"),
    ("comment", ('"two",', '"two", // why'), 33, 22, "object keys must be strings", "no comments"),
    ("bare word", ('"two"', "two"), 33, 19, "invalid character", "two is not a JSON value"),
    ("Python None", ('"two"', "None"), 33, 15, "invalid character", "None is not a JSON value"),
    ("no value", ('"two"', ""), 33, 15, "invalid character", "a value is missing here"),
    ("extra brace", ("\n}", "\n}}"), 40, 3, "trailing characters", "an extra } or ]"),
    ("wrong bracket", ('"s1"\n      ]', '"s1"\n      }'), 27, 7, "expected ',' or ']'", "close the [ list with ] before this }"),
    ("smart quotes", ('"two"', "“two”"), 33, 15, "invalid character", "typographic quote (“)"),
    ("backslash", ('"two"', '"C:\\path"'), 33, 20, "invalid escape", "write \\\\ for a backslash"),
    ("unquoted key", ('"text":', "text:"), 24, 7, "object keys must be strings", 'in double quotes, as in "id"'),
    ("no colon", ('"text":', '"text"'), 24, 14, "expected ':'", "followed by : and its value"),
    ("tab", ('"two"', '"t\two"'), 33, 17, "invalid character", "control character (U+0009)"),
    ("cut off", ("\n}", "\n"), 40, 1, "the file ends too early", 'a missing ", ] or }'),
    ("stray colon", ('"two"', ': "two"'), 33, 15, "invalid character", GENERAL),
]  # fmt: skip


CASES = [(".toml", TOML, *case) for case in TOML_CASES] + [
    (".json", JSON, *case) for case in JSON_CASES
]


@pytest.mark.parametrize(
    ("suffix", "valid", "name", "edit", "line", "column", "words", "hint"),
    CASES,
    ids=[f"{suffix[1:]}-{name}" for suffix, _, name, *_ in CASES],
)
def test_syntax_error_hints(
    tmp_path: Path,
    suffix: str,
    valid: str,
    name: str,
    edit: tuple[str, str],
    line: int,
    column: int,
    words: str,
    hint: str,
) -> None:
    assert edit[0] in valid
    file = tmp_path / f"session{suffix}"
    file.write_text(valid.replace(edit[0], edit[1], 1), encoding="utf-8")
    loaded, problems = read_session(file)
    assert loaded is None
    assert len(problems) == 1, [str(p) for p in problems]
    said = str(problems[0])
    kind = suffix[1:].upper()
    assert said.startswith(f"{file}:{line}:{column}: error: not valid {kind}: {words}")
    assert hint in said


def test_a_general_hint_is_the_only_hint() -> None:
    """Where a hint is certain, the general advice is not added to it."""
    assert all(hint == GENERAL or GENERAL not in hint for *_, hint in TOML_CASES + JSON_CASES)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([(".toml", TOML), (".json", JSON)]),
    st.integers(min_value=0),
    st.text(alphabet="\"'[]{},:=#\\\n\t\x07 “”aNx", min_size=1, max_size=3),
    st.integers(min_value=0, max_value=3),
)
def test_any_slip_is_said_as_one_error_with_advice(
    tmp_path_factory: pytest.TempPathFactory,
    kind: tuple[str, str],
    at: int,
    typed: str,
    cut: int,
) -> None:
    """Characters typed or deleted anywhere: a syntax error, placed and with advice
    (a hint or the general one), never a traceback."""
    suffix, valid = kind
    at %= len(valid)
    file = tmp_path_factory.mktemp("slip") / f"session{suffix}"
    file.write_text(valid[:at] + typed + valid[at + cut :], encoding="utf-8")
    _, problems = read_session(file)
    for problem in problems:
        if problem.code in ("not-toml", "not-json"):
            assert problem.line is not None and problem.column is not None
            assert "; " in problem.message
