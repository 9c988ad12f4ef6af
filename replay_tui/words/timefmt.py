"""Times in words for people: a `Moment` shown at its real precision.

The replayer shows every time in the session's display zone and never claims more than the
sources do: a post known only by its day reads "Tue 22 Oct 2013 · time unknown", never
"00:00" (the gap between two such posts, `zones.humanize_gap`, is "same day"). A time
derived from a status ID (not written by any source) is marked as derived wherever it shows.

Plain Python, so the UI, exports and tests share one wording; the phrases themselves are in
`phrases`. Day and month names in a session's language come from arrow's locales; English,
the app's own language and most sessions', is written here, as arrow writes it (a test
compares the two), so that opening an English session does not import arrow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from replay_tui.format.times import Moment, Precision
from replay_tui.words.phrases import (
    DATE_UNKNOWN,
    DERIVED_MARK,
    DERIVED_NOTE,
    TIME_UNKNOWN,
    UNKNOWN,
)

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(at: datetime) -> str:
    return f"{at.day} {_MONTHS[at.month - 1]} {at.year:04d}"


_ENGLISH: dict[str, Callable[[datetime], str]] = {
    "YYYY": lambda at: f"{at.year:04d}",
    "MMM YYYY": lambda at: f"{_MONTHS[at.month - 1]} {at.year:04d}",
    "D MMM YYYY": _day,
    "ddd D MMM YYYY": lambda at: f"{_DAYS[at.weekday()]} {_day(at)}",
    "HH:mm": lambda at: f"{at.hour:02d}:{at.minute:02d}",
    "HH:mm:ss": lambda at: f"{at.hour:02d}:{at.minute:02d}:{at.second:02d}",
}
"""The arrow patterns this module uses, as arrow's English locale writes them."""


def _format(at: datetime, pattern: str, locale: str) -> str:
    """`at` as the arrow `pattern` writes it in `locale`."""
    english = _ENGLISH.get(pattern) if locale == "en" else None
    if english is not None:
        return english(at)
    # Imported here: its import is a fifth of the app's own, and only another language's
    # names need it.
    import arrow

    return arrow.get(at).format(pattern, locale=locale)


def zone_name(at: datetime) -> str:
    """A zone abbreviation such as 'IDT'; numeric ones ('+03') read as 'UTC+03'."""
    name = (at.tzname() if at.tzinfo is not None else "UTC") or ""
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
    at = moment.in_zone(zone)
    text = _date(at, moment.precision, locale, "ddd D MMM YYYY")
    if moment.precision == Precision.DAY:
        text += " · " + TIME_UNKNOWN
    elif moment.precision > Precision.DAY:
        text += f" · {_clock(at, moment.precision, locale)} {zone_name(at)}"
    if moment.derived and mark_derived:
        text = f"{DERIVED_MARK} {text} ({DERIVED_NOTE})"
    return text


def format_short(moment: Moment | None, zone: tzinfo, *, locale: str = "en") -> str:
    """A compact wording for a timeline row: '22 Oct 2013', '22 Oct 2013 14:05',
    'Oct 2013', '2013'; derived times start with '≈'; no time at all is 'date unknown'.
    Month names are in `locale`."""
    if moment is None:
        return DATE_UNKNOWN
    at = moment.in_zone(zone)
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
    return _date(moment.in_zone(zone), moment.precision, locale, "ddd D MMM YYYY")


def _date(at: datetime, precision: Precision, locale: str, day: str) -> str:
    """The calendar part of a time in every wording: 'Oct 2013' or '2013' for a time known
    only to its month or year, else the day as the arrow pattern `day` writes it."""
    if precision <= Precision.MONTH:
        return _format(at, "YYYY" if precision == Precision.YEAR else "MMM YYYY", locale)
    return _format(at, day, locale)


def _clock(at: datetime, precision: Precision, locale: str) -> str:
    """The clock of a time known to the minute ('14:05') or the second ('14:05:33')."""
    return _format(at, "HH:mm" if precision == Precision.MINUTE else "HH:mm:ss", locale)
