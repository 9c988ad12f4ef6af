"""`times.parse_many`, the checker's fast path for big sessions, must read every time exactly
as `times.parse` does, or decline (None) so that the checker parses one by one.

The fast path leans on msgspec's RFC 3339 parser, which accepts a few forms `parse` refuses
(`+0300`) and rounds where `datetime.fromisoformat` truncates; the shape check in front of it
must keep those out. The mutation test below tries thousands of near-misses of real times.
"""

from __future__ import annotations

import string
from datetime import UTC, tzinfo

import msgspec
import pytest

from replay_tui.format import times
from replay_tui.format.check import check_session
from replay_tui.format.model import Session
from replay_tui.format.times import Moment, Precision, TimeError, parse, parse_many, zone

JERUSALEM = zone("Asia/Jerusalem")


def same(a: Moment, b: Moment) -> bool:
    return (
        a.instant == b.instant
        and a.instant.utcoffset() == b.instant.utcoffset()
        and a.precision == b.precision
        and a.derived == b.derived
    )


def one_by_one(texts: list[str], tz: tzinfo) -> list[Moment] | None:
    try:
        moments = [parse(text, tz) for text in texts]
    except TimeError:
        return None
    return moments


@pytest.mark.parametrize(
    "texts",
    [
        ["2015-03-12T09:00:01+00:00", "2015-03-12T09:04:00+00:00"],
        ["2013-10-22T14:05:00+03:00", "2013-10-22T14:05:00-05:30", "2013-10-22T14:05:00Z"],
        ["2013-10-22t14:05:00z", "2013-10-22 14:05:00Z", "2013-10-22T14:05:00-00:00"],
        ["2013-10-22T14:05:00.5Z", "2013-10-22T14:05:00.123456+01:00"],
        ["2013-10-22T14:05:00", "2013-03-29T02:30:00", "2013-10-27T01:30:00"],
        ["2013-10-22T14:05:00", "2013-10-22T14:06:00+03:00"],
    ],
)
@pytest.mark.parametrize("tz", [UTC, JERUSALEM], ids=["UTC", "Jerusalem"])
def test_reads_what_parse_reads(texts: list[str], tz: tzinfo) -> None:
    fast = parse_many(texts, tz)
    slow = one_by_one(texts, tz)
    assert fast is not None and slow is not None
    assert all(same(a, b) for a, b in zip(fast, slow, strict=True))
    assert all(m.precision == Precision.SECOND for m in fast)


@pytest.mark.parametrize(
    "text",
    [
        "2013-10-22",  # a day: its own precision
        "2013-10",
        "2013",
        "2013-10-22T14:05",  # a minute
        "2013-10-22T14:05:00.1234567Z",  # msgspec rounds, fromisoformat truncates
        "2013-10-22T14:05:00+0300",  # msgspec reads it, parse does not
        "2013-02-30T00:00:00Z",  # no such day: parse says so
        "2013-10-22T23:59:60Z",
        "2013-10-22T24:00:00Z",
        "2013-10-22T14:05:00+24:00",
        "٢٠١٣-١٠-٢٢T14:05:00Z",  # other digits
        " 2013-10-22T14:05:00Z",
        "2013-10-22T14:05:00Z ",
        "2013-10-22T14:05:00,5Z",
        'a"b',
        "",
    ],
)
def test_declines_anything_else(text: str) -> None:
    texts = ["2015-03-12T09:00:01+00:00", text, "2015-03-12T09:00:02+00:00"]
    assert parse_many(texts, UTC) is None


def test_declines_a_missing_time() -> None:
    assert parse_many(["2015-03-12T09:00:01Z", None], UTC) is None  # type: ignore[list-item]


def test_empty() -> None:
    assert parse_many([], UTC) == []


def mutations(text: str) -> list[str]:
    alphabet = string.digits + '-:+.TtZz ,/x\\"é'
    found = set()
    for i in range(len(text) + 1):
        found.add(text[:i] + text[i + 1 :])
        for char in alphabet:
            found.add(text[:i] + char + text[i + 1 :])
            found.add(text[:i] + char + text[i:])
    return sorted(found)


@pytest.mark.parametrize(
    "base",
    ["2013-10-22T14:05:09+03:00", "2013-10-22T14:05:09Z", "2013-10-22T14:05:09.25", "2013-10-22"],
)
def test_never_disagrees_with_parse_on_near_misses(base: str) -> None:
    read = 0
    for text in mutations(base):
        fast = parse_many([text], JERUSALEM)
        if fast is None:
            continue  # declining is always safe: the checker then parses one by one
        slow = one_by_one([text], JERUSALEM)
        assert slow is not None and same(fast[0], slow[0]), text
        read += 1
    if base == "2013-10-22":
        assert read == 0  # one character from a date is never a time to the second
    else:
        assert read > 50


def session(times_: list[str], urls: bool = False) -> Session:
    return msgspec.convert(
        {
            "format": "replay-tui/1",
            "id": "t",
            "title": "t",
            "timezone": "Asia/Jerusalem",
            "sources": [{"id": "s", "outlet": "S", "kind": "news"}],
            "participants": [{"id": "a", "name": "A"}],
            "posts": [
                {"id": f"p{i}", "author": "a", "sources": ["s"], "text": "x", "time": t}
                for i, t in enumerate(times_)
            ],
        },
        Session,
    )


def test_checker_fast_and_slow_paths_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [
        "2013-10-22T14:05:00+03:00",
        "2013-10-22T14:04:00+03:00",  # backwards
        "2013-10-22T15:00:00",
        "2013-10-22T12:00:00Z",  # backwards (15:00 local is 12:00Z: equal, not before)
        "2013-10-22T11:59:59Z",  # backwards
    ]
    fast_loaded, fast_problems = check_session(session(texts), "t.json")
    # The bulk reading off: one by one.
    monkeypatch.setattr("replay_tui.format.timeline.parse_seconds", lambda texts, tz: None)
    slow_loaded, slow_problems = check_session(session(texts), "t.json")
    assert fast_loaded is not None and slow_loaded is not None
    assert [str(p) for p in fast_problems] == [str(p) for p in slow_problems]
    assert [p.path for p in fast_problems] == ["posts[1].time", "posts[4].time"]
    assert all(
        a is not None and b is not None and same(a, b)
        for a, b in zip(fast_loaded.times, slow_loaded.times, strict=True)
    )


def test_checker_takes_the_slow_path_for_other_forms() -> None:
    loaded, problems = check_session(session(["2013-10-22", "2013-10-22T14:05:00Z"]), "t.json")
    assert loaded is not None and not problems
    assert [m.precision for m in loaded.times if m] == [Precision.DAY, Precision.SECOND]
    loaded, problems = check_session(session(["2013-10-22T14:05:00Z", "2013-02-30"]), "t.json")
    assert loaded is None and [p.code for p in problems] == ["bad-time"]


def test_shape_is_checked_before_msgspec_reads_anything() -> None:
    assert times._SECOND_SHAPE.fullmatch('"0000-00-00T00:00:00+00:00"')
    assert not times._SECOND_SHAPE.fullmatch('"0000-00-00T00:00:00+0000"')
