"""Fuzzing the reader and the checker: no input ever ends in an exception.

Hypothesis mutates the bundled sessions, the small fixtures and the hostile fixture: bytes
flipped, cut off, deleted, duplicated or replaced by hostile snippets (deep nesting, huge
numbers, extreme dates, escape sequences, invalid UTF-8); and, on the parsed document,
fields deleted, duplicated and retyped at every path, written back as TOML or JSON. The
invariant, for every input: `read_session` returns a session with no error, or no session
and at least one error naming the file; it never raises; a session it returns can be used
(its times shown, a transcript exported); and the command line exits 1 exactly when it
refuses the file.

Runs are reproducible (`derandomize`: the same inputs every run, no example database) and
bounded: the default profile `ci` tries about 3,000 inputs in all. For a long campaign:

    HYPOTHESIS_PROFILE=campaign .venv/bin/python -m pytest -q -p no:cacheprovider \\
        tests/unit/test_fuzz.py

tries 100,000 (a different, still fixed, set: `REPLAY_FUZZ_SEED` picks another). An input
that fails is printed by hypothesis; keep it as a fault-named fixture in tests/data/bad/
(`tests/unit/test_hostile_files.py` lists them).
"""

from __future__ import annotations

import io
import json
import os
import tomllib
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import msgspec
import pytest
import tomli_w
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from test_robust import _paths  # every path into a document: the same walk

from replay_tui.cli import main
from replay_tui.export.text import render
from replay_tui.export.view import ExportOptions
from replay_tui.format.model import SECTIONS, Session
from replay_tui.format.read import read_session
from replay_tui.user.library import Entry

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"

_COMMON = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("ci", max_examples=450, **_COMMON)  # x7 tests: 3,150 inputs
settings.register_profile("campaign", max_examples=15_000, **_COMMON)  # x7: 105,000
_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
FUZZ = settings(settings.get_profile(_PROFILE if _PROFILE in ("ci", "campaign") else "ci"))
if _PROFILE == "campaign":
    # A campaign explores rather than replays: random, but from a seed it prints, so any
    # finding can be run again.
    FUZZ = settings(FUZZ, derandomize=False)
SEED = int(os.environ.get("REPLAY_FUZZ_SEED", "20261203"))

BASES: dict[str, bytes] = {
    path.name: path.read_bytes()
    for path in [
        *sorted((ROOT / "sessions").glob("*.toml")),
        DATA / "hostile.toml",
        DATA / "good" / "minimal.toml",
        DATA / "good" / "minimal.json",
        DATA / "good" / "small.toml",
        DATA / "good" / "provenance.toml",
    ]
}
DOCUMENTS: dict[str, Any] = {
    name: (json.loads(data) if name.endswith(".json") else tomllib.loads(data.decode()))
    for name, data in BASES.items()
}

# What an adversary writes: each is inserted or put in place of a value.
SNIPPETS = [
    b"[" * 1000 + b"]" * 1000,
    b"{a=" * 600 + b"1" + b"}" * 600,
    b'{"a":' * 600 + b"1" + b"}" * 600,
    b".".join([b"a"] * 3000) + b" = 1\n",
    b"\n[" + b".".join([b"a"] * 1000) + b"]\n",
    b"9" * 5000,
    b"-" + b"9" * 30,
    b"1e999999",
    b"nan",
    b"-inf",
    b'"9999-12-31T23:59:59-05:00"',
    b'"0001-01-01T00:00:00+14:00"',
    b'"0000-00-00"',
    b"9999-12-31T23:59:59.999999-23:59",
    b"0001-01-01",
    b'"\x1b]0;PWNED\x07"',
    b'"\\u001b[2J\\u202e\\u200b\\ufeff\\udb40\\udc01"',
    b"\xff\xfe\x00",
    b"\xef\xbb\xbf",
    b'"""',
    b"'''",
    b"[[posts]]\n",
    b"[[sources]]\n",
    b"\x00",
    b"\r\n",
    b"\\",
    b'"',
]

HOSTILE_VALUES = st.sampled_from(
    [
        None,
        True,
        0,
        -1,
        2**63,
        -(2**64),
        10**30,
        1.5,
        float("inf"),
        "",
        " ",
        "9999-12-31T23:59:59-05:00",
        "0001-01-01T00:00:00+05:00",
        "9999",
        "0001",
        "2013-02-30",
        "2013-10-22T25:00",
        "Not/AZone",
        "../../etc/passwd",
        "a\x1b]0;PWNED\x07b",
        "\u200b\ufeff\U000e0041",
        "x" * 10_000,
        [],
        {},
        ["a"] * 50,
        [[[[[[[[[[[[]]]]]]]]]]]],
        {"a": {"a": {"a": {"a": {"a": {"a": {"a": {"a": {"a": {"a": {}}}}}}}}}}},
    ]
)


PATHS = {name: _paths(document) for name, document in DOCUMENTS.items()}


def _verdict(file: Path) -> bool:
    """The invariant for one file; whether it was accepted."""
    loaded, problems = read_session(file)
    errors = [p for p in problems if p.severity == "error"]
    if loaded is None:
        assert errors, "refused without an error"
        for problem in errors:
            assert problem.file == str(file)
            assert problem.message
            assert "Traceback" not in problem.message
        return False
    assert not errors, [str(p) for p in errors]
    # What every screen and export asks of a session: it must not raise either.
    assert len(loaded.times) == len(loaded.session.posts)
    assert len(loaded.post_index) <= len(loaded.session.posts)
    entry = Entry(file, "folder", loaded, None)
    assert isinstance(entry.dates, str)
    assert render(loaded, ExportOptions(reveal_sensitive=True, presenter_notes=True))
    return True


_FOLDERS: dict[str, Path] = {}


def _write(factory: pytest.TempPathFactory, kind: str, name: str, data: bytes) -> Path:
    """`data` in a file named `name`, in one folder per kind of input: every example of a
    test rewrites the same file (a numbered folder per example slows down as they pile
    up: pytest lists them all to number the next)."""
    folder = _FOLDERS.get(kind)
    if folder is None:
        folder = _FOLDERS[kind] = factory.mktemp(kind)
    file = folder / name
    file.write_bytes(data)
    return file


@st.composite
def byte_mutants(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(BASES)))
    data = bytearray(BASES[name])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        what = draw(st.sampled_from(["flip", "cut", "delete", "duplicate", "insert", "replace"]))
        if what == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif what == "cut":
            del data[at:]
        elif what == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif what == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 400))]
        elif what == "insert":
            data[at:at] = draw(st.sampled_from(SNIPPETS))
        elif what == "replace":
            # In place of the value after the next '=' or ':' (or anywhere).
            marks = [i for i in (data.find(b"=", at), data.find(b":", at)) if i >= 0]
            start = min(marks) + 1 if marks else at
            end = data.find(b"\n", start)
            end = len(data) if end < 0 else end
            data[start:end] = b" " + draw(st.sampled_from(SNIPPETS))
    return name, bytes(data)


def _retype(document: Any, path: tuple[Any, ...], op: str, value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    node = copy
    for part in path[:-1]:
        node = node[part]
    last = path[-1]
    if op == "delete":
        del node[last]
    elif op == "duplicate" and isinstance(node, list):
        node.insert(last, json.loads(json.dumps(node[last])))
    elif op == "duplicate" and isinstance(node, dict):
        node[f"{last}_copy"] = node[last]
    elif op == "nest":
        node[last] = [node[last]] if isinstance(node[last], dict) else {"v": node[last]}
    else:
        node[last] = value
    return copy


def _dump(document: Any, as_json: bool) -> bytes:
    if as_json:
        return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    return tomli_w.dumps(_no_nulls(document)).encode("utf-8", "surrogatepass")


def _no_nulls(value: Any) -> Any:
    """TOML has no null: a None is written as a missing field (or an empty string in a
    list)."""
    if isinstance(value, dict):
        return {k: _no_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_no_nulls(v) if v is not None else "" for v in value]
    return value


REQUIRED = {
    name: {f.encode_name for f in msgspec.structs.fields(struct) if f.required}
    for name, struct in SECTIONS.items()
}
TOP_REQUIRED = {f.encode_name for f in msgspec.structs.fields(Session) if f.required}


def _required(path: tuple[Any, ...]) -> bool:
    """Whether `path` names a field the format requires (deleting it must be refused)."""
    if len(path) == 1:
        return path[0] in TOP_REQUIRED
    return len(path) == 3 and isinstance(path[1], int) and path[2] in REQUIRED.get(path[0], ())


@st.composite
def field_mutants(draw: st.DrawFn) -> tuple[str, bytes, bool]:
    """A base document with one to three fields deleted, duplicated, nested or retyped;
    and whether the result must be refused (a required field deleted)."""
    name = draw(st.sampled_from(sorted(DOCUMENTS)))
    document = DOCUMENTS[name]
    must_fail = False
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(document)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["delete", "duplicate", "nest", "retype", "retype"]))
        value = draw(HOSTILE_VALUES)
        document = _retype(document, path, op, value)
        # Only the last change is sure to stand: a later one may delete the whole entry
        # an earlier one took a required field from (the campaign found that oracle bug).
        must_fail = op == "delete" and _required(path)
    as_json = draw(st.booleans())
    return ("fuzz.json" if as_json else "fuzz.toml"), _dump(document, as_json), must_fail


@FUZZ
@seed(SEED)
@given(byte_mutants())
def test_byte_mutations_never_raise(tmp_path_factory: pytest.TempPathFactory, case: Any) -> None:
    name, data = case
    _verdict(_write(tmp_path_factory, "bytes", name, data))


@FUZZ
@seed(SEED)
@given(field_mutants())
def test_field_mutations_never_raise(tmp_path_factory: pytest.TempPathFactory, case: Any) -> None:
    name, data, must_fail = case
    accepted = _verdict(_write(tmp_path_factory, "fields", name, data))
    if must_fail:
        assert not accepted, "a required field was deleted, yet the file was accepted"


@FUZZ
@seed(SEED)
@given(st.binary(max_size=2000), st.sampled_from(["x.toml", "x.json"]))
def test_arbitrary_bytes_never_raise(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, name: str
) -> None:
    _verdict(_write(tmp_path_factory, "noise", name, data))


@FUZZ
@seed(SEED)
@given(
    st.text(
        alphabet=st.sampled_from(list("[]{}.=,\"'\n #abc019:-+T_\\")), min_size=1, max_size=3000
    ),
    st.sampled_from(["x.toml", "x.json"]),
)
def test_structural_noise_never_raises(
    tmp_path_factory: pytest.TempPathFactory, text: str, name: str
) -> None:
    """Text made only of the characters that build structure: brackets, dots, quotes."""
    _verdict(
        _write(tmp_path_factory, "structure", name, b'format = "replay-tui/1"\n' + text.encode())
    )


@FUZZ
@seed(SEED)
@given(
    st.sampled_from(["[", "{a=", '{"a":', "a.", "[a."]),
    st.integers(1, 5000),
    st.sampled_from(["x.toml", "x.json"]),
)
def test_any_depth_of_nesting_is_refused_or_read(
    tmp_path_factory: pytest.TempPathFactory, opener: str, depth: int, name: str
) -> None:
    closer = {"[": "]", "{a=": "}", '{"a":': "}", "a.": "", "[a.": ""}[opener]
    if opener == "a.":
        body = opener * depth + "a = 1\n"
    elif opener == "[a.":
        body = "[" + "a." * depth + "a]\n"
    else:
        body = "x = " + opener * depth + ("1" if "a" in opener else "") + closer * depth + "\n"
    _verdict(_write(tmp_path_factory, "deep", name, body.encode()))


EXTREME_TIMES = [
    f"{year}-{rest}"
    for year in ("0001", "0002", "9998", "9999")
    for rest in (
        "01-01",
        "12-31",
        "01-01T00:00",
        "12-31T23:59:59",
        "01-01T00:00:00+14:00",
        "12-31T23:59:59-12:00",
        "01-01T00:00:00Z",
        "12-31T23:59:59.999999-23:59",
    )
] + ["0001", "9999", "9999-12", "0001-01"]
TIME_PATHS = {
    name: [p for p in paths if p[-1] in ("time", "published")] for name, paths in PATHS.items()
}


@FUZZ
@seed(SEED)
@given(
    st.sampled_from(sorted(n for n in TIME_PATHS if TIME_PATHS[n])),
    st.data(),
    st.sampled_from(["UTC", "Asia/Tokyo", "America/Los_Angeles", "Pacific/Kiritimati"]),
    st.booleans(),
)
def test_times_at_the_edges_of_the_calendar_never_raise(
    tmp_path_factory: pytest.TempPathFactory, name: str, data: Any, zone: str, as_json: bool
) -> None:
    document = _retype(DOCUMENTS[name], ("timezone",), "retype", zone)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(TIME_PATHS[name]))
        document = _retype(document, path, "retype", data.draw(st.sampled_from(EXTREME_TIMES)))
    _verdict(
        _write(
            tmp_path_factory,
            "times",
            "edge.json" if as_json else "edge.toml",
            _dump(document, as_json),
        )
    )


@FUZZ
@seed(SEED)
@given(field_mutants())
def test_the_command_line_exits_1_exactly_on_refusal(
    tmp_path_factory: pytest.TempPathFactory, case: Any
) -> None:
    name, data, _ = case
    file = _write(tmp_path_factory, "cli", name, data)
    loaded, _problems = read_session(file)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["check", str(file)])
    assert status == (0 if loaded is not None else 1)
    assert "Traceback" not in out.getvalue() + err.getvalue()
    for line in (out.getvalue() + err.getvalue()).splitlines():
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line), line
