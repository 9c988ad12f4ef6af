"""Display zones and gaps in words: honest to precision, in the session's language."""

from __future__ import annotations

from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo

import pytest

from replay_tui.format.times import parse, zone
from replay_tui.words.zones import (
    DisplayZone,
    display_zones,
    humanize_gap,
    local_zone,
    next_zone,
    session_locale,
)

JERUSALEM = zone("Asia/Jerusalem")


def gap(a: str | None, b: str | None, locale: str = "en", in_zone: tzinfo = JERUSALEM) -> str:
    return humanize_gap(
        parse(a, JERUSALEM) if a else None, parse(b, JERUSALEM) if b else None, in_zone, locale
    )


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        ("2013-10-22", "2013-10-22", "same day"),  # never "0 minutes" or "instantly"
        ("2013-10-22", "2013-10-23", "next day"),  # never "a day": it may be 1 min or 47 h
        ("2013-10-22", "2013-10-25", "3 days"),
        ("2013-10-23", "2013-10-22", "previous day"),
        ("2013-10-22T23:50", "2013-10-23", "next day"),  # the coarser precision decides
        ("2013-10-22", "2013-10-22T14:05", "same day"),  # never "0 minutes" against a day
        ("2013-10-22", "2013-10-23T01:00", "next day"),  # calendar days in the display zone
        ("2013-10-22", "2013-10-19", "3 days ago"),
        ("2013-10-22T10:00", "2013-10-22T10:00", "same minute"),
        ("2013-10-22T10:00:59", "2013-10-22T10:00", "same minute"),
        ("2013-10-22T10:00:00", "2013-10-22T10:00:00", "same second"),
        ("2013-10-22T10:00:00", "2013-10-22T10:00:05", "5 seconds"),  # arrow: "instantly"
        ("2013-10-22T10:00:00", "2013-10-22T10:00:01", "a second"),
        ("2013-10-22T10:00", "2013-10-22T10:04", "4 minutes"),
        ("2013-10-22T10:04", "2013-10-22T10:00", "4 minutes ago"),  # backwards stays so
        ("2013-10-22T10:00", "2013-10-22T12:05", "2 hours"),
        ("2013-10", "2013-10", "same month"),
        ("2013-10", "2013-11", "next month"),
        ("2013-10", "2014-01", "3 months"),
        ("2013", "2013", "same year"),
        ("2013", "2015", "2 years"),
        (None, "2013", "gap unknown"),
    ],
)
def test_gaps_in_english(a: str | None, b: str | None, words: str) -> None:
    assert gap(a, b) == words


def test_gaps_in_hebrew_and_arabic_and_a_fallback() -> None:
    assert gap("2013-10-22", "2013-10-22", "he") == "באותו יום"
    assert gap("2013-10-22T10:00", "2013-10-22T10:04", "he") == "4 דקות"
    assert gap("2013-10-22", "2013-10-23", "ar") == "في اليوم التالي"
    assert gap("2013-10-22T10:00", "2013-10-22T10:04", "ar") == "4 دقائق"
    assert gap("2013-10-22", "2013-10-25", "fr") == "3 jours"
    assert gap("2013-10-22", "2013-10-22", "fr") == "same day"  # arrow has no such phrase
    assert gap("2013-10-22", "2013-10-25", "xx-unknown") == "3 days"


def test_calendar_days_depend_on_the_display_zone() -> None:
    # 21:30 and 22:30 UTC on the 22nd are 00:30 and 01:30 on the 23rd in Jerusalem (+03).
    a, b = "2013-10-22T21:30+00:00", "2013-10-22T22:30+00:00"
    late_date = "2013-10-23"
    assert gap(a, b) == "an hour"
    assert gap(a, late_date, in_zone=UTC) == "next day"
    assert gap(b, late_date, in_zone=JERUSALEM) == "same day"  # 01:30 on the 23rd there


def test_session_locale() -> None:
    assert session_locale(None) == "en"
    assert session_locale("he") == "he"
    assert session_locale("fr-CA") == "fr-ca"
    assert session_locale("ar_EG") in {"ar_eg", "ar"}
    assert session_locale("zz") == "en"


def test_the_zone_cycle() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    zones = display_zones("Asia/Jerusalem", local=(berlin, "Europe/Berlin"))
    assert [z.kind for z in zones] == ["session", "utc", "local"]
    assert [z.label for z in zones] == [
        "session zone · Asia/Jerusalem",
        "UTC",
        "local · Europe/Berlin",
    ]
    assert next_zone(zones, zones[0]) == zones[1]
    assert next_zone(zones, zones[2]) == zones[0]
    assert next_zone(zones, DisplayZone("local", "x", UTC)) == zones[0]
    # Duplicates are left out, so every press of z changes something.
    assert [z.kind for z in display_zones("UTC", local=(UTC, "Etc/UTC"))] == ["session"]
    same = display_zones("Asia/Jerusalem", local=(JERUSALEM, "Asia/Jerusalem"))
    assert [z.kind for z in same] == ["session", "utc"]


def test_the_local_zone_follows_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    found, name = local_zone()
    assert name == "America/New_York" and found == ZoneInfo("America/New_York")
    monkeypatch.setenv("TZ", ":Asia/Tokyo")
    assert local_zone()[1] == "Asia/Tokyo"
    monkeypatch.setenv("TZ", "Not/AZone")
    assert local_zone()[0] is not None  # falls back to the system, never raises
