"""TimelineJS dates as session times, at exactly the precision the event gives.

A TimelineJS3 date is an object of separate fields (`year`, `month`, `day`, `hour`,
`minute`, `second`, `millisecond`), each a number or a string of digits; a field left out
(or left empty, as spreadsheets export it) is unknown, and TimelineJS itself only formats
down to the last field given. A session time keeps its precision in how it is written
(`2013`, `2013-10`, `2013-10-22`, `2013-10-22T14:05`, `2013-10-22T14:05:07`), so the
mapping is field by field and never fills a gap: a year alone stays `2013`, never
1 January.

Two shapes have no session time of that precision, and both are said rather than rounded
up: an hour without a minute is kept to its day, and the hour goes into the note; a
millisecond is dropped from a time kept to the second, and said so. Years outside 1–9999
(TimelineJS allows geological and BCE dates) cannot be written at all: the post then has no
time and the note gives the date as the event wrote it.

TimelineJS builds a browser-local `Date` from the fields, so the times carry no offset: they
are read in the session's time zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

FIELDS = ("year", "month", "day", "hour", "minute", "second", "millisecond")
_LIMITS = {"month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}


class TlTime(NamedTuple):
    """A session time (None when none can be written) and what was not kept, in words."""

    time: str | None
    note: str | None


def _number(value: object) -> int | None:
    """A TimelineJS date field as a whole number; None when absent or empty."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None
    raise ValueError(f"{value!r} is not a whole number")


def session_time(date: object) -> TlTime:
    """The session time of a TimelineJS date object; ValueError with a message in words for
    a date TimelineJS could not show either (no year, a field that is not a number, a
    month 13, a day the month does not have)."""
    if not isinstance(date, dict):
        raise ValueError("the date is not an object of year, month, day, …")
    values = {name: _number(date.get(name)) for name in FIELDS}
    year = values["year"]
    if year is None:
        raise ValueError("the date has no year")
    given: list[str] = []
    for name in FIELDS[:6]:
        if values[name] is None:
            break
        given.append(name)
    for name in FIELDS[len(given) : 6]:
        if values[name] is not None:
            raise ValueError(f"the date gives a {name} but no {FIELDS[FIELDS.index(name) - 1]}")
    for name in given[1:]:
        low, high = _LIMITS[name]
        number = values[name]
        assert number is not None
        if not low <= number <= high:
            raise ValueError(f"{name} {number} is out of range ({low}–{high})")
    if len(given) >= 3:
        try:
            datetime(year if 1 <= year <= 9999 else 2000, values["month"] or 1, values["day"] or 1)
        except ValueError as exc:
            raise ValueError(f"not a real date ({exc})") from None
    if not 1 <= year <= 9999:
        shown = "-".join(str(values[name]) for name in given[:3])
        return TlTime(
            None, f"TimelineJS date {shown}: a year outside 1–9999 cannot be written as a time"
        )
    notes: list[str] = []
    if len(given) == 4:  # an hour without a minute: kept to the day
        notes.append(f"TimelineJS gives the hour ({values['hour']:02d}h) but no minute")
        given = given[:3]
    if len(given) == 6 and values["millisecond"]:
        notes.append(f"TimelineJS gives {values['millisecond']} ms, not kept")
    month, day, hour, minute, second = (values[n] for n in FIELDS[1:6])
    parts = [f"{year:04d}"]
    if len(given) >= 2:
        parts.append(f"-{month:02d}")
    if len(given) >= 3:
        parts.append(f"-{day:02d}")
    if len(given) >= 5:
        parts.append(f"T{hour:02d}:{minute:02d}")
    if len(given) == 6:
        parts.append(f":{second:02d}")
    return TlTime("".join(parts), "; ".join(notes) or None)
