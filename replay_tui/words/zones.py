"""Which zone times are shown in (`z` cycles them), and gaps in words in the session's language.

A class in Tel Aviv, a newsroom in New York and the session's own zone each read the same
post at a different clock time; `z` cycles the session's zone, UTC and the machine's local
zone (`display_zones`, `next_zone`). The local zone is found by its IANA name where the
system gives one (TZ, /etc/localtime), because a fixed offset taken from "now" would be
wrong for half of the year's historical dates.

`humanize_gap` words the time between two posts with arrow's humanize, in the session's
language where arrow has it, and honest to precision: two posts known only by their day
are "same day" or "next day" apart, never "0 minutes" or "a day"; arrow has no words for
"same day", so those few phrases come from a small table here (English, Hebrew, Arabic;
other languages fall back to English for them only).

`timefmt.py` (the display formats) predates this module and keeps its compact gap words
("+4 min") for the timeline rows; this module is for the places that use arrow's words.
Plain Python, no Textual.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import arrow
from arrow.locales import Locale, get_locale

from replay_tui.format.times import Moment, Precision
from replay_tui.words.phrases import GAP_UNKNOWN

ZoneKind = Literal["session", "utc", "local"]

_UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Etc/UCT", "UCT", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal"}
    | {"GMT", "Etc/GMT", "Etc/GMT0", "Etc/GMT+0", "Etc/GMT-0", "Etc/Greenwich", "Greenwich"}
)


@dataclass(frozen=True)
class DisplayZone:
    """A zone times can be shown in, with what it is to the reader."""

    kind: ZoneKind
    name: str
    zone: tzinfo

    @property
    def label(self) -> str:
        """'session zone · Asia/Jerusalem', 'UTC', 'local · Europe/Berlin' for the header."""
        if self.kind == "utc":
            return "UTC"
        prefix = "session zone" if self.kind == "session" else "local"
        return f"{prefix} · {self.name}"


def _key_from_path(path: str) -> str | None:
    marker = "zoneinfo/"
    at = path.rfind(marker)
    return path[at + len(marker) :] if at >= 0 else None


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def local_zone() -> tuple[tzinfo, str]:
    """The machine's zone and its name: the IANA zone named by TZ or by the /etc/localtime
    link where possible, else whatever the C library reports for now (a fixed offset)."""
    named = os.environ.get("TZ", "").lstrip(":")
    if named:
        key = _key_from_path(named) if named.startswith("/") else named
        found = _zone(key) if key else None
        if found is not None and key is not None:
            return found, key
    try:
        key = _key_from_path(os.readlink("/etc/localtime"))
    except OSError:
        key = None
    if key:
        found = _zone(key)
        if found is not None:
            return found, key
    try:
        with open("/etc/localtime", "rb") as handle:
            return ZoneInfo.from_file(handle, key="localtime"), "local time"
    except (OSError, ValueError):
        pass
    fixed = datetime.now().astimezone().tzinfo or UTC
    return fixed, fixed.tzname(None) or "local time"


def _same_zone(a: str, b: str) -> bool:
    return a == b or (a in _UTC_NAMES and b in _UTC_NAMES)


def display_zones(
    session_zone: str, *, local: tuple[tzinfo, str] | None = None
) -> tuple[DisplayZone, ...]:
    """The zones `z` cycles through, in order: the session's (named as in the file), UTC,
    the machine's. A zone equal to one before it is left out, so every press of `z`
    changes something. `local` overrides the detected local zone (for tests)."""
    from replay_tui.format.times import zone as resolve

    zones = [DisplayZone("session", session_zone, resolve(session_zone))]
    if not _same_zone(session_zone, "UTC"):
        zones.append(DisplayZone("utc", "UTC", UTC))
    here, name = local if local is not None else local_zone()
    if not any(_same_zone(name, z.name) for z in zones):
        zones.append(DisplayZone("local", name, here))
    return tuple(zones)


def next_zone(zones: tuple[DisplayZone, ...], current: DisplayZone) -> DisplayZone:
    """The zone after `current` in the cycle (the first if `current` is not in it)."""
    try:
        return zones[(zones.index(current) + 1) % len(zones)]
    except ValueError:
        return zones[0]


# --- gaps in words ---------------------------------------------------------------------

_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "unknown": GAP_UNKNOWN,
        "second": "same second",
        "minute": "same minute",
        "day": "same day",
        "next-day": "next day",
        "previous-day": "previous day",
        "month": "same month",
        "next-month": "next month",
        "previous-month": "previous month",
        "year": "same year",
        "next-year": "next year",
        "previous-year": "previous year",
    },
    # Reviewed against common usage; a native speaker should confirm before release.
    "he": {
        "unknown": "פער לא ידוע",
        "second": "באותה שנייה",
        "minute": "באותה דקה",
        "day": "באותו יום",
        "next-day": "למחרת",
        "previous-day": "ביום הקודם",
        "month": "באותו חודש",
        "next-month": "בחודש שלאחר מכן",
        "previous-month": "בחודש הקודם",
        "year": "באותה שנה",
        "next-year": "בשנה שלאחר מכן",
        "previous-year": "בשנה הקודמת",
    },
    "ar": {
        "unknown": "الفارق غير معروف",
        "second": "في الثانية نفسها",
        "minute": "في الدقيقة نفسها",
        "day": "في اليوم نفسه",
        "next-day": "في اليوم التالي",
        "previous-day": "في اليوم السابق",
        "month": "في الشهر نفسه",
        "next-month": "في الشهر التالي",
        "previous-month": "في الشهر السابق",
        "year": "في السنة نفسها",
        "next-year": "في السنة التالية",
        "previous-year": "في السنة السابقة",
    },
}


@cache
def session_locale(language: str | None) -> str:
    """The arrow locale for a session's `language` ('he', 'ar', 'fr-CA', …): the language
    itself if arrow knows it, else its primary subtag, else 'en'."""
    if not language:
        return "en"
    for candidate in (language, language.replace("_", "-").split("-")[0]):
        try:
            get_locale(candidate)
        except (ValueError, TypeError):
            continue
        return candidate.lower()
    return "en"


def _phrases(locale: str) -> dict[str, str]:
    return _PHRASES.get(locale.replace("_", "-").split("-")[0].lower(), _PHRASES["en"])


def humanize_gap(
    before: Moment | None, after: Moment | None, zone: tzinfo, locale: str = "en"
) -> str:
    """The time from one post to the next in words, honest to the coarser precision.

    Exact times: arrow's distance ('4 minutes', '2 hours', 'a day'); a gap that runs
    backwards (the checker warns of it) keeps its direction ('4 minutes ago'). Within the
    precision: 'same minute' / 'same second'. Coarser times compare calendar fields in
    `zone` (a date written in the file is not moved across zones): 'same day', 'next day',
    '3 days', 'previous day' (backwards), 'same month', 'next month', '2 years', …
    """
    words = _phrases(locale)
    if before is None or after is None:
        return words["unknown"]
    try:
        loc: Locale = get_locale(locale)
    except ValueError:
        locale, loc = "en", get_locale("en")
    precision = min(before.precision, after.precision)
    if precision >= Precision.MINUTE:
        return _clock_gap(before, after, precision, locale, loc, words)
    a = before.in_zone(zone).date()
    b = after.in_zone(zone).date()
    if precision == Precision.DAY:
        days = (b - a).days
        if days in (0, 1):
            return words["day" if days == 0 else "next-day"]
        if days == -1:
            return words["previous-day"]
        return loc.describe("days", days, only_distance=days > 0)
    if precision == Precision.MONTH:
        months = (b.year - a.year) * 12 + (b.month - a.month)
        if months in (0, 1):
            return words["month" if months == 0 else "next-month"]
        if months == -1:
            return words["previous-month"]
        return loc.describe("months", months, only_distance=months > 0)
    years = b.year - a.year
    if years in (0, 1):
        return words["year" if years == 0 else "next-year"]
    if years == -1:
        return loc.describe("year", -1)
    return loc.describe("years", years, only_distance=years > 0)


def _clock_gap(
    before: Moment,
    after: Moment,
    precision: Precision,
    locale: str,
    loc: Locale,
    words: dict[str, str],
) -> str:
    if precision == Precision.SECOND:
        seconds = int((after.instant - before.instant).total_seconds())
        if seconds == 0:
            return words["second"]
    else:
        # Known to the minute: compare whole minutes, never claim seconds.
        minutes = int(after.instant.timestamp() // 60) - int(before.instant.timestamp() // 60)
        if minutes == 0:
            return words["minute"]
        seconds = minutes * 60
    forward = seconds > 0
    if abs(seconds) < 45:
        # arrow says "instantly" below 10 s; a gap of 5 s known to the second is 5 s.
        if abs(seconds) == 1:
            return loc.describe("second", seconds, only_distance=forward)
        return loc.describe("seconds", seconds, only_distance=forward)
    later = arrow.get(after.instant)
    return later.humanize(arrow.get(before.instant), locale=locale, only_distance=forward)


def compact_gap(before: Moment | None, after: Moment | None, zone: tzinfo, locale: str) -> str:
    """`humanize_gap` for a timeline row: a distance forward gets a '+' ('+4 minutes',
    '+3 days'; in English '+1 hour' rather than '+an hour'); its phrases ('same day', 'next
    day', 'gap unknown') and backward gaps ('4 minutes ago') are kept as arrow and the
    table word them."""
    words = humanize_gap(before, after, zone, locale)
    if before is None or after is None:
        return words
    precision = min(before.precision, after.precision)
    if precision >= Precision.MINUTE:
        if before.truncated(precision, zone) >= after.truncated(precision, zone):
            return words  # same minute/second, or backwards
    else:
        a = before.in_zone(zone).date()
        b = after.in_zone(zone).date()
        if precision == Precision.DAY:
            units = (b - a).days
        elif precision == Precision.MONTH:
            units = (b.year - a.year) * 12 + (b.month - a.month)
        else:
            units = b.year - a.year
        if units < 2:
            return words  # 'same …', 'next …', or backwards
    if locale.split("-")[0].split("_")[0] == "en":
        for article in ("a ", "an "):
            if words.startswith(article):
                words = "1 " + words[len(article) :]
    return "+" + words
