"""Find the line and column of a field path such as `posts[3].author` in a session file.

Neither `tomllib` nor msgspec keeps positions for values, yet a curator needs "line 41", not
"the fourth post", to fix a file by hand. These scanners map paths to positions after the
fact, and only when there is something to report, so a valid file never pays for them.
They are tolerant: a path they cannot place falls back to its nearest placed parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

Position = tuple[int, int]  # 1-based line, 1-based column

_PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(path: str) -> tuple[str | int, ...]:
    """`posts[3].author` -> ('posts', 3, 'author')."""
    out: list[str | int] = []
    for name, index in _PATH_TOKEN.findall(path):
        out.append(int(index) if index else name)
    return tuple(out)


def join_path(parts: Iterable[str | int]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def line_col(text: str, offset: int) -> Position:
    """1-based line and column of character `offset` in `text`."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def byte_line_col(data: bytes, offset: int) -> Position:
    """1-based line and column (in characters) of byte `offset` in UTF-8 `data`."""
    offset = max(0, min(offset, len(data)))
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, column


def _nearest(found: dict[tuple[str | int, ...], Position], path: str) -> Position | None:
    parts = split_path(path)
    while parts:
        if parts in found:
            return found[parts]
        parts = parts[:-1]
    return (1, 1)  # a field missing at the top level: the start of the file


def _placed(
    found: dict[tuple[str | int, ...], Position], paths: Iterable[str]
) -> dict[str, Position]:
    """Each of `paths` that can be placed, at its own position or its nearest parent's."""
    result: dict[str, Position] = {}
    for path in paths:
        position = _nearest(found, path)
        if position is not None:
            result[path] = position
    return result


# --- TOML -------------------------------------------------------------------------------

_HEADER = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"\s*([A-Za-z0-9_\-]+|\"[^\"]*\"|'[^']*')\s*=")
_MULTILINE = re.compile(r'"""|\'\'\'')


def toml_positions(
    text: str, wanted: set[tuple[str | int, ...]] | None = None
) -> dict[tuple[str | int, ...], Position]:
    """Positions of tables, array-of-table entries and keys in a TOML document written in
    the usual one-key-per-line style. Inline tables and arrays are placed at their key.
    With `wanted`, only those paths are kept (a file of 100,000 keys would otherwise cost
    many times its size)."""
    found: dict[tuple[str | int, ...], Position] = {}
    counts: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    in_multiline: str | None = None

    def record(path: tuple[str | int, ...], position: Position, first: bool = False) -> None:
        if wanted is None or path in wanted:
            if first:
                found.setdefault(path, position)
            else:
                found[path] = position

    # Line by line without a list of them all; and only "\n" ends a line in TOML, where
    # `splitlines` would also split at a U+2028 inside a string.
    for number, line in enumerate(_lines(text), start=1):
        if wanted is not None and len(found) == len(wanted):
            break  # all placed: an error near the top of a large file reads no further
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            names = [n.strip().strip("\"'") for n in header.group(2).split(".")]
            # A nested array table belongs to the latest entry of each enclosing array.
            resolved: list[str | int] = []
            for name in names[:-1]:
                resolved.append(name)
                key = tuple(resolved)
                if key in counts:
                    resolved.append(counts[key] - 1)
            resolved.append(names[-1])
            base = tuple(resolved)
            column = line.index("[") + 1
            if header.group(1) == "[[":
                index = counts.get(base, 0)
                counts[base] = index + 1
                # Entries of a nested array restart when the parent entry changes.
                for other in [k for k in counts if len(k) > len(base) and k[: len(base)] == base]:
                    del counts[other]
                current = (*base, index)
                record(base, (number, column), first=True)
            else:
                current = base
            record(current, (number, column))
            continue
        key_match = _KEY.match(line)
        if key_match:
            name = key_match.group(1).strip("\"'")
            record((*current, name), (number, line.index(key_match.group(1)) + 1))
            rest = line[key_match.end() :]
            quotes = _MULTILINE.findall(rest)
            if len(quotes) % 2 == 1:
                in_multiline = quotes[-1]
    return found


def _lines(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end].rstrip("\r")
        start = end + 1


def locate_toml(text: str, paths: Iterable[str]) -> dict[str, Position]:
    paths = list(paths)
    return _placed(toml_positions(text, _with_parents(paths)), paths)


# --- JSON -------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(
    r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|\S',
    re.DOTALL,
)


def json_positions(
    text: str, wanted: set[tuple[str | int, ...]] | None = None
) -> dict[tuple[str | int, ...], Position]:
    """Start positions of every value (and, for object members, their key) by path.

    With `wanted`, scanning stops as soon as all wanted paths are placed, so an error near
    the top of a large file is located without reading the rest.
    """
    found_offsets: dict[tuple[str | int, ...], int] = {}
    # Each frame: [kind, path, next index or pending key]
    stack: list[list[object]] = []
    pending_key: str | None = None
    expect_key = False
    remaining = set(wanted) if wanted is not None else None
    if remaining is not None and not remaining:
        return {}

    def record(path: tuple[str | int, ...], offset: int) -> bool:
        if remaining is not None and path not in remaining:
            # Not wanted (or placed already): a path missing from the file keeps the scan
            # going to the end, and keeping every other path would cost far more than the
            # text itself.
            return False
        if path not in found_offsets:
            found_offsets[path] = offset
            if remaining is not None:
                remaining.discard(path)
                return not remaining
        return False

    def value_path() -> tuple[str | int, ...]:
        if not stack:
            return ()
        frame = stack[-1]
        parent = frame[1]
        assert isinstance(parent, tuple)
        if frame[0] == "array":
            index = frame[2]
            assert isinstance(index, int)
            return (*parent, index)
        return (*parent, pending_key if pending_key is not None else "")

    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        offset = match.start()
        if token in ",:":
            if token == "," and stack:
                frame = stack[-1]
                if frame[0] == "array":
                    index = frame[2]
                    assert isinstance(index, int)
                    frame[2] = index + 1
                else:
                    expect_key = True
            continue
        if token in "]}":
            if stack:
                stack.pop()
            expect_key = False
            continue
        if expect_key and token.startswith('"'):
            import json  # only to place a problem in a JSON file: not at every start

            try:
                pending_key = json.loads(token)
            except ValueError:
                pending_key = token.strip('"')
            expect_key = False
            key_path = value_path()
            if record(key_path, offset):
                break
            continue
        path = value_path()
        if stack and stack[-1][0] == "object" and path in found_offsets:
            pass  # the key position is the more useful one for an object member
        elif record(path, offset):
            break
        if token == "{":
            stack.append(["object", path, None])
            expect_key = True
            pending_key = None
        elif token == "[":
            stack.append(["array", path, 0])
    return _line_cols(text, found_offsets)


def _line_cols(
    text: str, offsets: dict[tuple[str | int, ...], int]
) -> dict[tuple[str | int, ...], Position]:
    """`line_col` of many offsets in one pass over `text`: one call per offset would count
    the lines from the top each time (at a broken post deep in a 5 MB file: 95 s)."""
    positions: dict[tuple[str | int, ...], Position] = {}
    line, counted, line_start = 1, 0, 0
    for path, offset in sorted(offsets.items(), key=lambda item: item[1]):
        newlines = text.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, offset) + 1
        counted = offset
        positions[path] = (line, offset - line_start + 1)
    return positions


def locate_json(text: str, paths: Iterable[str]) -> dict[str, Position]:
    paths = list(paths)
    return _placed(json_positions(text, _with_parents(paths)), paths)


def _with_parents(paths: Iterable[str]) -> set[tuple[str | int, ...]]:
    """The parts of each of `paths` and of each of its parents (where it falls back to)."""
    wanted: set[tuple[str | int, ...]] = set()
    for path in paths:
        parts = split_path(path)
        for end in range(1, len(parts) + 1):
            wanted.add(parts[:end])
    return wanted
