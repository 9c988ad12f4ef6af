"""Bluesky JSON as the Python atproto SDK's models write it, turned back into the lexicon's.

Tools built on the Python SDK (`atproto`) often save a response with pydantic's
`model_dump()` rather than the SDK's own `get_model_as_json`: the same objects, but with
`py_type` where the lexicon has `$type`, snake_case names (`created_at`, `indexed_at`,
`display_name`, `byte_start`, `reply_count`, `not_found`) where it has camelCase, and every
absent optional field written as `null`. Undoing exactly that (names back to camelCase,
`py_type` back to `$type`, nulls dropped as the absent fields they stand for) gives the JSON
the app view returns, which `bluesky.py` reads; the texts and values are not touched.
"""

from __future__ import annotations

from typing import Any

import msgspec

MARK = b'"py_type"'
"""What the first bytes of such a file hold (every typed object carries it)."""


def _name(key: str) -> str:
    if key == "py_type":
        return "$type"
    if "_" not in key.strip("_"):
        return key
    first, *rest = key.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def as_lexicon(data: bytes) -> bytes:
    """`data` (one JSON value) with the SDK's names turned back into the lexicon's. Walked
    without recursion: a thread nests as deep as its replies go."""
    root: Any = msgspec.json.decode(data)
    todo: list[Any] = [root]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            renamed = {_name(k): v for k, v in value.items() if v is not None}
            value.clear()
            value.update(renamed)
            todo.extend(v for v in renamed.values() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            todo.extend(v for v in value if isinstance(v, (dict, list)))
    return msgspec.json.encode(root)
