"""Times in words for people: a `Moment` shown at its real precision.

The replayer shows every time in the session's display zone and never claims more than the
sources do: a post known only by its day reads "Tue 22 Oct 2013 · time unknown", never
"00:00" (the gap between two such posts, `zones.humanize_gap`, is "same day"). A time
derived from a status ID (not written by any source) is marked as derived wherever it shows.

Plain Python (arrow for zone names and calendar formatting only), so the
UI, exports and tests share one wording; the phrases themselves are in `phrases`.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from replay_tui.format.times import Moment, Precision
from replay_tui.words.phrases import (
    DATE_UNKNOWN,
    DERIVED_MARK,
    DERIVED_NOTE,
    TIME_UNKNOWN,
    UNKNOWN,
)

if TYPE_CHECKING:
    import arrow


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
    text = _date(at, moment.precision, locale, "ddd D MMM YYYY")
    if moment.precision == Precision.DAY:
        text += " · " + TIME_UNKNOWN
    elif moment.precision > Precision.DAY:
        text += f" · {_clock(at, moment.precision, locale)} {zone_name(at.datetime)}"
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
    text = _date(at, moment.precision, locale, "D MMM YYYY")
    if moment.precision > Precision.DAY:
        text += " " + _clock(at, moment.precision, locale)
    if moment.derived:
        text = f"{DERIVED_MARK}{text}"
    return text


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
    return _date(_arrow(moment.in_zone(zone)), moment.precision, locale, "ddd D MMM YYYY")


def _date(at: arrow.Arrow, precision: Precision, locale: str, day: str) -> str:
    """The calendar part of a time in every wording: 'Oct 2013' or '2013' for a time known
    only to its month or year, else the day as the arrow pattern `day` writes it."""
    if precision <= Precision.MONTH:
        return at.format("YYYY" if precision == Precision.YEAR else "MMM YYYY", locale=locale)
    return at.format(day, locale=locale)


def _clock(at: arrow.Arrow, precision: Precision, locale: str) -> str:
    """The clock of a time known to the minute ('14:05') or the second ('14:05:33')."""
    return at.format("HH:mm" if precision == Precision.MINUTE else "HH:mm:ss", locale=locale)
