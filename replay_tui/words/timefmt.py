"""Times in words for people: a `Moment` shown at its real precision, and the gap between posts.

The replayer shows every time in the session's display zone and never claims more than the
sources do: a post known only by its day reads "Tue 22 Oct 2013 · time unknown", never
"00:00"; the gap between two such posts is "same day" or "next day", never "0 min". A time
derived from a status ID (not written by any source) is marked as derived wherever it shows.

Plain Python (arrow for zone names and calendar formatting only: it parses far slower), so the
UI, exports and tests share one wording. Called by `replay/cursor.py`, the exports and the UI.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from replay_tui.format.times import Moment, Precision

if TYPE_CHECKING:
    import arrow

UNKNOWN = "date and time unknown"
"""A post with no time at all: neither written nor derivable."""

TIME_UNKNOWN = "time unknown"
"""The clock time of a post known only to its day."""

DATE_UNKNOWN = "date unknown"
"""A post with no time at all, where there is room for two words only."""

DERIVED_MARK = "≈"
"""Prefix of a time that no source states (derived, for example, from a status ID)."""

DERIVED_NOTE = "derived from status ID"


def _arrow(at: datetime) -> arrow.Arrow:
    # arrow is imported on first use: it is a fifth of the app's own import time, and a
    # large session's first screen (the loading preview) formats no time.
    import arrow

    return arrow.get(at)


def zone_name(at: datetime) -> str:
    """A zone abbreviation such as 'IDT'; numeric ones ('+03') read as 'UTC+03'."""
    name = _arrow(at).format("ZZZ") or ""
    if name[:1] in "+-":
        return "UTC" + name
    return name


def format_moment(
    moment: Moment | None, zone: tzinfo, *, mark_derived: bool = True, locale: str = "en"
) -> str:
    """The full wording of a time, for the header and the panes.

    Day: 'Tue 22 Oct 2013 · time unknown'; minute: 'Tue 22 Oct 2013 · 14:05 IDT';
    second: '… 14:05:33 IDT'; month: 'Oct 2013'; year: '2013'. A derived time is prefixed
    with '≈' and followed by '(derived from status ID)'. Day and month names are in
    `locale` (an arrow locale, see `zones.session_locale`); the app's own words stay English.
    """
    if moment is None:
        return UNKNOWN
    at = _arrow(moment.in_zone(zone))
    precision = moment.precision
    if precision == Precision.YEAR:
        text = at.format("YYYY", locale=locale)
    elif precision == Precision.MONTH:
        text = at.format("MMM YYYY", locale=locale)
    elif precision == Precision.DAY:
        text = at.format("ddd D MMM YYYY", locale=locale) + " · " + TIME_UNKNOWN
    else:
        clock = "HH:mm" if precision == Precision.MINUTE else "HH:mm:ss"
        text = at.format(f"ddd D MMM YYYY · {clock}", locale=locale) + " " + zone_name(at.datetime)
    if moment.derived and mark_derived:
        text = f"{DERIVED_MARK} {text} ({DERIVED_NOTE})"
    return text


def format_short(moment: Moment | None, zone: tzinfo, *, locale: str = "en") -> str:
    """A compact wording for a timeline row: '22 Oct 2013', '22 Oct 2013 14:05',
    'Oct 2013', '2013'; derived times start with '≈'; no time at all is 'date unknown'.
    Month names are in `locale`."""
    if moment is None:
        return DATE_UNKNOWN
    at = _arrow(moment.in_zone(zone))
    precision = moment.precision
    if precision == Precision.YEAR:
        text = at.format("YYYY", locale=locale)
    elif precision == Precision.MONTH:
        text = at.format("MMM YYYY", locale=locale)
    elif precision == Precision.DAY:
        text = at.format("D MMM YYYY", locale=locale)
    elif precision == Precision.MINUTE:
        text = at.format("D MMM YYYY HH:mm", locale=locale)
    else:
        text = at.format("D MMM YYYY HH:mm:ss", locale=locale)
    if moment.derived:
        text = f"{DERIVED_MARK}{text}"
    return text


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" + ("" if count == 1 else "s")


def _months(a: date, b: date) -> int:
    return (b.year - a.year) * 12 + (b.month - a.month)


def _signed(amount: int, unit: str, *, short: bool = False) -> str:
    """'+4 min' going forward, '4 min earlier' going back (times can run backwards in
    replay order; the checker warns, the display says so rather than hiding it)."""
    words = f"{abs(amount)} {unit}" if short else _plural(abs(amount), unit)
    return f"+{words}" if amount > 0 else f"{words} earlier"


def _clock_gap(seconds: int, precision: Precision) -> str:
    sign = 1 if seconds >= 0 else -1
    total = abs(seconds)
    if precision == Precision.SECOND and total < 60:
        return "same second" if total == 0 else _signed(sign * total, "s", short=True)
    minutes = total // 60
    if minutes == 0:
        return "same minute"
    if minutes < 60:
        return _signed(sign * minutes, "min", short=True)
    hours, rest = divmod(minutes, 60)
    if hours < 24:
        text = f"{hours} h" + (f" {rest:02d} min" if rest else "")
        return f"+{text}" if sign > 0 else f"{text} earlier"
    days, hours = divmod(hours, 24)
    text = _plural(days, "day") + (f" {hours} h" if hours else "")
    return f"+{text}" if sign > 0 else f"{text} earlier"


def gap_words(previous: Moment | None, current: Moment | None, zone: tzinfo) -> str:
    """The time between two consecutive posts, in words honest to the coarser precision.

    Both known to the minute or better: '+4 min', '+2 h', '+2 h 05 min', '+1 day 3 h',
    '+45 s' (seconds only when both are known to the second), 'same minute'. Otherwise
    calendar words at the coarser precision: 'same day', 'next day', '+3 days',
    'same month', 'next month', '+2 months', 'same year', 'next year', '+5 years'.
    'gap unknown' when either time is unknown.
    """
    if previous is None or current is None:
        return "gap unknown"
    precision = min(previous.precision, current.precision)
    if precision >= Precision.MINUTE:
        seconds = int((current.instant - previous.instant).total_seconds())
        return _clock_gap(seconds, precision)
    a = previous.in_zone(zone).date()
    b = current.in_zone(zone).date()
    if precision == Precision.DAY:
        days = (b - a).days
        if days == 0:
            return "same day"
        if days == 1:
            return "next day"
        if days == -1:
            return "previous day"
        return _signed(days, "day")
    if precision == Precision.MONTH:
        months = _months(a, b)
        if months == 0:
            return "same month"
        if months == 1:
            return "next month"
        return _signed(months, "month")
    years = b.year - a.year
    if years == 0:
        return "same year"
    if years == 1:
        return "next year"
    return _signed(years, "year")


def date_range(moments: list[Moment | None], zone: tzinfo, *, locale: str = "en") -> str:
    """The first and last known times of a list of posts, e.g. 'Tue 22 Oct 2013' or
    '22 Oct 2013 – 24 Oct 2013'; '' when none is known. For title and end cards."""
    known = [m for m in moments if m is not None]
    if not known:
        return ""
    first = min(known, key=lambda m: m.instant)
    last = max(known, key=lambda m: m.instant)
    start = format_day(first, zone, locale=locale)
    end = format_day(last, zone, locale=locale)
    return start if start == end else f"{start} – {end}"


def format_day(moment: Moment, zone: tzinfo, *, locale: str = "en") -> str:
    """A moment's calendar day (or coarser) without its clock: 'Tue 22 Oct 2013'."""
    at = _arrow(moment.in_zone(zone))
    if moment.precision == Precision.YEAR:
        return at.format("YYYY", locale=locale)
    if moment.precision == Precision.MONTH:
        return at.format("MMM YYYY", locale=locale)
    return at.format("ddd D MMM YYYY", locale=locale)
