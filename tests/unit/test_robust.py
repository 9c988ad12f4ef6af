"""No input ever produces a traceback: wrong types at every level, cut-off files, noise.

These tests take the bundled sessions apart systematically. Each damaged file must come back
as problems (at least one error, located where it can be) and never as an exception.
"""

from __future__ import annotations

import json
import random
import tomllib
from pathlib import Path
from typing import Any

import msgspec
import pytest

from replay_tui.format.read import read_session

ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED = sorted((ROOT / "sessions").glob("*.toml"))


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _set(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(document))
    node = copy
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return copy


def _wrong_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, str):
        return 7
    if isinstance(value, int):
        return "seven"
    if isinstance(value, list):
        return {"not": "a list"}
    if isinstance(value, dict):
        return ["not", "a", "table"]
    return None


def _dotted(path: tuple[Any, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@pytest.mark.parametrize("session", BUNDLED, ids=lambda p: p.stem)
def test_a_wrong_type_anywhere_is_an_error_at_that_place(session: Path, tmp_path: Path) -> None:
    document = tomllib.loads(session.read_text())
    paths = _paths(document)
    assert len(paths) > 100
    for path in paths:
        value = _set(document, path, _wrong_value(_get(document, path)))
        file = tmp_path / "damaged.json"
        file.write_bytes(msgspec.json.encode(value))
        loaded, problems = read_session(file)
        assert loaded is None, f"a wrong type at {_dotted(path)} was accepted"
        errors = [p for p in problems if p.severity == "error"]
        where = _dotted(path)
        assert any(
            p.path == where
            or where.startswith(p.path + ".")
            or where.startswith(p.path + "[")
            or p.path.startswith(where)
            for p in errors
        ), (where, [str(p) for p in errors])
        assert all(p.line is not None for p in errors), [str(p) for p in errors]


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    node = document
    for part in path:
        node = node[part]
    return node


@pytest.mark.parametrize("session", BUNDLED, ids=lambda p: p.stem)
def test_a_file_cut_off_anywhere_is_an_error_not_a_crash(session: Path, tmp_path: Path) -> None:
    data = session.read_bytes()
    as_json = msgspec.json.encode(tomllib.loads(data.decode()))
    for suffix, whole in ((".toml", data), (".json", as_json)):
        for cut in range(0, len(whole), max(1, len(whole) // 150)):
            file = tmp_path / f"cut{suffix}"
            file.write_bytes(whole[:cut])
            loaded, problems = read_session(file)
            if suffix == ".json" or cut == 0:
                assert loaded is None and problems, f"cut at byte {cut} of {suffix} accepted"
            else:
                # A TOML file cut between two entries is a shorter valid session.
                assert (loaded is None) == any(p.severity == "error" for p in problems)


def test_random_bytes_and_noise_never_raise(tmp_path: Path) -> None:
    rng = random.Random(7)
    samples = [
        b"\xff\xfe\x00t\x00o\x00m\x00l",
        b"\xef\xbb\xbf",
        b"[[posts]]\n" * 3,
        b"format = 1\n",
        b'{"format": "replay-tui/1"}',
        b'{"format": "replay-tui/1", "id": "x", "title": "t", "timezone": "UTC", "posts": 3}',
        b'{"format": "replay-tui/1", "id": "x", "title": "t", "timezone": "UTC", "posts": [3, null]}',
        b"null",
        b"1e999999",
        b'"\\ud800"',
    ] + [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(60)]
    for index, sample in enumerate(samples):
        for suffix in (".toml", ".json"):
            file = tmp_path / f"noise{index}{suffix}"
            file.write_bytes(sample)
            loaded, problems = read_session(file)
            assert loaded is None and problems, (sample, suffix)
