"""Times keep their precision, their zone and how they were known."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from replay_tui.format.times import (
    Moment,
    Precision,
    TimeError,
    ZoneError,
    compare,
    from_status_id,
    parse,
    status_id,
    zone,
)

JERUSALEM = zone("Asia/Jerusalem")


@pytest.mark.parametrize(
    ("text", "precision", "iso"),
    [
        ("2013-10-22T14:05:00+03:00", Precision.SECOND, "2013-10-22T14:05:00+03:00"),
        ("2013-10-22T14:05+03:00", Precision.MINUTE, "2013-10-22T14:05:00+03:00"),
        ("2013-10-22T11:05:07Z", Precision.SECOND, "2013-10-22T11:05:07+00:00"),
        ("2013-10-22T11:05:07.250Z", Precision.SECOND, "2013-10-22T11:05:07.250000+00:00"),
        ("2013-10-22T14:05", Precision.MINUTE, "2013-10-22T14:05:00+03:00"),
        ("2013-10-22T14:05:09", Precision.SECOND, "2013-10-22T14:05:09+03:00"),
        ("2013-10-22", Precision.DAY, "2013-10-22T00:00:00+03:00"),
        ("2013-10", Precision.MONTH, "2013-10-01T00:00:00+03:00"),
        ("2013", Precision.YEAR, "2013-01-01T00:00:00+02:00"),
    ],
)
def test_every_form_keeps_its_precision(text: str, precision: Precision, iso: str) -> None:
    moment = parse(text, JERUSALEM)
    assert moment.precision == precision
    assert moment.instant.isoformat() == iso
    assert moment.derived is None


def test_a_time_without_offset_is_read_in_the_session_zone() -> None:
    winter = parse("2013-12-22T14:05", JERUSALEM)
    summer = parse("2013-07-22T14:05", JERUSALEM)
    assert winter.instant.utcoffset() == timedelta(hours=2)
    assert summer.instant.utcoffset() == timedelta(hours=3)
    assert parse("2013-12-22T14:05", UTC).instant.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text",
    ["", "22/10/2013", "2013-10-22T14", "2013-1-2", "2013-10-22 at noon", "2013W431",
     "2013-10-22T25:00", "2013-02-29", "2013-10-22T14:05+25:00", "yesterday"],
)  # fmt: skip
def test_unreadable_times_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(TimeError) as caught:
        parse(text, UTC)
    assert repr(text) in str(caught.value)


def test_compare_at_the_coarser_precision() -> None:
    day = parse("2013-10-22", JERUSALEM)
    morning = parse("2013-10-22T09:00", JERUSALEM)
    evening = parse("2013-10-22T21:00:30", JERUSALEM)
    assert compare(day, morning, JERUSALEM) == 0
    assert compare(evening, day, JERUSALEM) == 0
    assert compare(morning, evening, JERUSALEM) == -1
    assert compare(parse("2013-10", UTC), parse("2013-10-31", UTC), UTC) == 0
    assert compare(parse("2014", UTC), parse("2013-10-31", UTC), UTC) == 1


def test_compare_reads_calendar_days_in_the_given_zone() -> None:
    # 23:30 UTC on the 21st is already the 22nd in Jerusalem.
    late = parse("2013-10-21T23:30Z", JERUSALEM)
    day = parse("2013-10-22", JERUSALEM)
    assert compare(late, day, JERUSALEM) == 0
    assert compare(late, parse("2013-10-22", UTC), UTC) == -1


def test_minute_precision_ignores_seconds() -> None:
    a = parse("2013-10-22T14:05", UTC)
    b = parse("2013-10-22T14:05:59", UTC)
    assert compare(a, b, UTC) == 0


def test_status_id_encodes_its_creation_time() -> None:
    url = "https://twitter.com/JeffreyGoldberg/status/576123471769546752"
    status = status_id(url)
    assert status == 576123471769546752
    moment = from_status_id(status)
    assert moment is not None
    # (576123471769546752 >> 22) + 1288834974657 ms since the Unix epoch.
    assert moment.instant == datetime(2015, 3, 12, 20, 51, 54, tzinfo=UTC)
    assert moment.precision == Precision.SECOND
    assert moment.derived is not None and "status ID" in moment.derived


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/someone/status/1234567890123456789", 1234567890123456789),
        ("http://www.twitter.com/a_b/statuses/576123471769546752/", 576123471769546752),
        ("https://mobile.twitter.com/a/status/576123471769546752?s=20", 576123471769546752),
        ("https://twitter.com/#!/a/status/576123471769546752", 576123471769546752),
        ("https://example.com/a/status/576123471769546752", None),
        ("https://twitter.com/a", None),
        ("https://twitter.com/a/status/abc", None),
    ],
)
def test_status_urls(url: str, expected: int | None) -> None:
    assert status_id(url) == expected


def test_ids_from_before_snowflake_carry_no_time() -> None:
    assert from_status_id(20) is None
    assert from_status_id(29_000_000_000) is None


def test_unknown_zone() -> None:
    with pytest.raises(ZoneError):
        zone("Mars/Olympus")
    with pytest.raises(ZoneError):
        zone("../../etc/passwd")
    # A folder of the zone database, not a zone: was an uncaught IsADirectoryError.
    for folder in ("America", "Asia", "Etc"):
        with pytest.raises(ZoneError, match="unknown time zone"):
            zone(folder)
    assert zone("UTC") is UTC


def test_imprecise_times_are_not_shifted_across_zones() -> None:
    day = parse("2013-10-22", JERUSALEM)
    assert day.in_zone(UTC).date().isoformat() == "2013-10-22"
    exact = parse("2013-10-22T01:00+03:00", JERUSALEM)
    assert exact.in_zone(UTC).date().isoformat() == "2013-10-21"


def test_moment_is_immutable_and_comparable() -> None:
    a = Moment(datetime(2020, 1, 1, tzinfo=UTC), Precision.DAY)
    assert a == Moment(datetime(2020, 1, 1, tzinfo=UTC), Precision.DAY)
    with pytest.raises(AttributeError):
        a.precision = Precision.YEAR  # type: ignore[misc]
