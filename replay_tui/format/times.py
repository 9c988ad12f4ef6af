"""Times that keep their precision, their zone, and how they were known.

A curated session knows some posts to the second, some only by their day, some only by a
status ID. Showing a day-precision post as "00:00", or the gap between two such posts as
"0 minutes", would put words in the sources' mouths, so every time is a `Moment`: an instant
plus the precision it was written at, and whether it was derived rather than attested.

Parsing uses the standard library (about 200 times faster than `arrow.get`), and for the
bulk of a big session, times to the second, msgspec in one pass (`parse_many`); arrow is
used only to display times, in `words.timefmt`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from enum import IntEnum
from functools import lru_cache
from itertools import repeat

import msgspec


class Precision(IntEnum):
    """How much of a time is known, coarsest first so that `min` gives the coarser."""

    YEAR = 0
    MONTH = 1
    DAY = 2
    MINUTE = 3
    SECOND = 4


class Moment(msgspec.Struct, frozen=True, gc=False):
    """A point in time known to `precision`.

    `instant` is aware. For day, month and year precision it is the start of that period in
    the zone the time was read in; only the fields down to `precision` carry meaning.
    `derived` names how the time was derived when no source states it (for example a status
    ID), and is None for a time written in the session.
    """

    instant: datetime
    precision: Precision
    derived: str | None = None

    @property
    def exact(self) -> bool:
        """True when the time is known to the minute or better."""
        return self.precision >= Precision.MINUTE

    def in_zone(self, zone: tzinfo) -> datetime:
        """The instant in `zone`. Meaningful only to this moment's precision: a date known in
        one zone stays that date (an imprecise time is not converted across zones)."""
        if not self.exact:
            return self.instant
        return self.instant.astimezone(zone)

    def truncated(self, precision: Precision, zone: tzinfo) -> tuple[int, ...]:
        """The calendar fields of this moment in `zone` down to `precision`, for comparing
        two moments at the coarser of their precisions."""
        at = self.in_zone(zone)
        fields = (at.year, at.month, at.day, at.hour, at.minute, at.second)
        return fields[: _FIELD_COUNT[min(precision, self.precision)]]


_FIELD_COUNT = {
    Precision.YEAR: 1,
    Precision.MONTH: 2,
    Precision.DAY: 3,
    Precision.MINUTE: 5,
    Precision.SECOND: 6,
}


class TimeError(ValueError):
    """A time that cannot be read; the message says what forms are accepted."""


class ZoneError(ValueError):
    """A time zone name that the IANA database on this machine does not know."""


ACCEPTED_FORMS = (
    "2013-10-22T14:05:00+03:00, 2013-10-22T14:05 (read in the session's timezone), "
    "2013-10-22, 2013-10 or 2013"
)

FIRST_YEAR = 2
LAST_YEAR = 9998
"""The years a session time may fall in. Python's calendar runs from 0001 to 9999; a time
in the first or last year could fall off it when shown in another zone."""

_TIME_RE = re.compile(
    r"(?P<y>\d{4})"
    r"(?:-(?P<mo>\d{2})"
    r"(?:-(?P<d>\d{2})"
    r"(?:[Tt ](?P<h>\d{2}):(?P<mi>\d{2})"
    r"(?::(?P<s>\d{2})(?P<frac>\.\d{1,9})?)?"
    r"(?P<off>[Zz]|[+-]\d{2}:\d{2})?"
    r")?)?)?"
)


def states_offset(text: str) -> bool:
    """True when a written time carries its own offset (`Z`, `+03:00`), so that no zone is
    read into it; False for a local time, a date and what cannot be read."""
    match = _TIME_RE.fullmatch(text)
    return match is not None and match.group("off") is not None


def reads_zone(text: str | None) -> bool:
    """True when a written time has a clock time and no offset, so that the session's zone
    is read into it (the zone a `published_zone_inferred` explains)."""
    match = _TIME_RE.fullmatch(text) if text is not None else None
    return match is not None and match.group("h") is not None and match.group("off") is None


@lru_cache(maxsize=64)
def zone(name: str) -> tzinfo:
    """The IANA zone `name`; raises ZoneError for a name this machine does not know."""
    if name.upper() == "UTC":
        return UTC
    # Imported here: `replay-tui check` of a session in UTC never needs the zone database.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    # OSError: a name that is a folder of the zone database ("America") is opened as a
    # file and fails as one; ValueError: a name that is not a path zoneinfo accepts.
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise ZoneError(
            f"unknown time zone {name!r}: use an IANA name such as 'Asia/Jerusalem' or 'UTC'"
        ) from exc


def parse(text: str, default_zone: tzinfo) -> Moment:
    """Read a session time. Raises TimeError naming the accepted forms."""
    match = _TIME_RE.fullmatch(text)
    if match is None:
        raise TimeError(f"cannot read the time {text!r}; write it as {ACCEPTED_FORMS}")
    if not FIRST_YEAR <= int(match.group("y")) <= LAST_YEAR:
        raise TimeError(
            f"{text!r} is at the edge of the calendar; times must fall between the years "
            f"{FIRST_YEAR:04d} and {LAST_YEAR} (a time zone can move a time a day either way)"
        )
    if match.start("h") > 0:
        # A full date-time, the bulk of large sessions: the shape is checked, so the C
        # parser can build it (several times faster than assembling it from the groups).
        try:
            instant = datetime.fromisoformat(text)
        except ValueError:
            pass  # e.g. a lowercase 'z': assembled below, or refused with a clear message
        else:
            if instant.tzinfo is None:
                instant = instant.replace(tzinfo=default_zone)
            has_seconds = len(text) > 16 and text[16] == ":"
            return Moment(instant, Precision.SECOND if has_seconds else Precision.MINUTE)
    g = match.group
    try:
        year = int(g("y"))
        if g("mo") is None:
            return Moment(datetime(year, 1, 1, tzinfo=default_zone), Precision.YEAR)
        month = int(g("mo"))
        if g("d") is None:
            return Moment(datetime(year, month, 1, tzinfo=default_zone), Precision.MONTH)
        day = int(g("d"))
        if g("h") is None:
            return Moment(datetime(year, month, day, tzinfo=default_zone), Precision.DAY)
        seconds = g("s")
        frac = g("frac")
        micro = int((frac[1:] + "000000")[:6]) if frac else 0
        off = g("off")
        tz: tzinfo
        if off is None:
            tz = default_zone
        elif off in ("Z", "z"):
            tz = UTC
        else:
            sign = -1 if off[0] == "-" else 1
            delta = timedelta(hours=int(off[1:3]), minutes=int(off[4:6]))
            if delta >= timedelta(hours=24):
                raise ValueError("offset out of range")
            tz = timezone(sign * delta)
        instant = datetime(
            year,
            month,
            day,
            int(g("h")),
            int(g("mi")),
            int(seconds) if seconds else 0,
            micro,
            tzinfo=tz,
        )
    except ValueError as exc:
        raise TimeError(f"{text!r} is not a real date or time ({exc})") from None
    return Moment(instant, Precision.SECOND if seconds else Precision.MINUTE)


_SECOND_SHAPE = re.compile(r'"0000-00-00[Tt ]00:00:00(?:\.0{1,6})?(?P<offset>[Zz]|[+-]00:00)?"')
"""A date-time to the second with every digit written as 0: the shape `parse_many` reads."""
_ZERO_DIGITS = bytes.maketrans(b"0123456789", b"0" * 10)
_LIST_OF_DATETIMES = msgspec.json.Decoder(list[datetime])


def parse_many(texts: Sequence[str | None], default_zone: tzinfo) -> list[Moment] | None:
    """`[parse(t, default_zone) for t in texts]` for the case that dominates big sessions,
    every time written to the second, in one pass of C code: about 0.1 s for a million
    times instead of 1.5 s. Returns None, having decided nothing, when any text is of
    another form (a date, a minute, a typo, no time): the caller then parses one by one,
    which gives each text its own precision or error message."""
    instants = parse_seconds(texts, default_zone)
    return None if instants is None else to_the_second(instants)


def to_the_second(instants: Iterable[datetime]) -> list[Moment]:
    """A Moment to the second for each of `instants` (what `parse_seconds` read)."""
    return list(map(Moment, instants, repeat(Precision.SECOND)))


class Seconds:
    """Times all read to the second, kept as their instants until their Moments are
    wanted (`to_the_second`): at a million posts, making and freeing the Moments is a
    tenth of a second that a check asking only for its verdict does not need."""

    __slots__ = ("instants",)

    def __init__(self, instants: list[datetime]) -> None:
        self.instants = instants


def parse_seconds(texts: Sequence[str | None], default_zone: tzinfo) -> list[datetime] | None:
    """The instants of `parse_many`, without making a Moment of each: enough to know that
    every text reads, and in which order they fall (a checker asking only for its verdict
    never needs the Moments; `LoadedSession.times` makes them on first use).

    How: the texts are encoded as one JSON array; with every digit turned to 0, its
    distinct shapes are few (usually one) and each must be a shape `parse` reads to the
    second with `datetime.fromisoformat` semantics (at most 6 fractional digits, offsets
    with a colon). msgspec then decodes the array into datetimes, refusing impossible
    dates and times as `parse` would. Times without an offset are read in `default_zone`.
    """
    if not texts:
        return []
    encoded = msgspec.json.encode(texts)
    if b'"0001-' in encoded or b'"9999-' in encoded:
        return None  # at the calendar's edge: `parse` says so, one by one
    zeroed = encoded.translate(_ZERO_DIGITS)
    first = msgspec.json.encode(texts[0]).translate(_ZERO_DIGITS)
    # One shape for all, compared in place (each `+` would copy tens of megabytes):
    # `[first,first,…,first]`.
    rest = (first + b",") * (len(texts) - 1)
    if (
        len(zeroed) == len(rest) + len(first) + 2
        and zeroed.startswith(b"[")
        and zeroed.startswith(rest, 1)
        and zeroed.endswith(first + b"]")
    ):
        shapes = {first}
    else:
        shapes = set(zeroed[1:-1].split(b","))
    naive = False
    for shape in shapes:
        match = _SECOND_SHAPE.fullmatch(shape.decode("ascii", "replace"))
        if match is None:
            return None
        naive = naive or match.group("offset") is None
    try:
        instants: list[datetime] = _LIST_OF_DATETIMES.decode(encoded)
    except msgspec.ValidationError:
        return None
    if naive:
        instants = [i if i.tzinfo is not None else i.replace(tzinfo=default_zone) for i in instants]
    return instants


def compare(a: Moment, b: Moment, zone: tzinfo) -> int:
    """-1, 0 or 1 as `a` is before, at the same time as, or after `b`, at the coarser of
    their two precisions, reading calendar fields in `zone`."""
    if a.precision == b.precision == Precision.SECOND:
        return (a.instant > b.instant) - (a.instant < b.instant)
    precision = min(a.precision, b.precision)
    ka, kb = a.truncated(precision, zone), b.truncated(precision, zone)
    return (ka > kb) - (ka < kb)


# Twitter "snowflake" IDs: the top 41 bits count milliseconds since this epoch.
TWITTER_EPOCH_MS = 1288834974657
# IDs below this were issued sequentially before snowflake IDs began (November 2010) and
# carry no time.
FIRST_SNOWFLAKE_ID = 30_000_000_000

_STATUS_URL_RE = re.compile(
    r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:#!/)?[A-Za-z0-9_]+/status(?:es)?/"
    r"(?P<id>\d{1,20})(?:[/?#].*)?"
)


def status_id(url: str) -> int | None:
    """The status ID of a Twitter/X status URL, or None for any other URL."""
    match = _STATUS_URL_RE.fullmatch(url)
    return int(match.group("id")) if match else None


def from_status_id(status: int) -> Moment | None:
    """The creation time a snowflake status ID encodes, marked as derived; None for an ID
    that predates snowflake IDs."""
    if status < FIRST_SNOWFLAKE_ID:
        return None
    ms = (status >> 22) + TWITTER_EPOCH_MS
    instant = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=ms)
    return Moment(
        instant.replace(microsecond=0),
        Precision.SECOND,
        derived=f"from status ID {status} (Twitter IDs encode their creation time)",
    )


def local_date(moment: Moment, zone: tzinfo) -> date:
    """The calendar day of `moment` in `zone`."""
    return moment.in_zone(zone).date()
