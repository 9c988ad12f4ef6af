"""Times in words: each precision shown as it is known (gaps: test_zones.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from replay_tui.format.times import Moment, Precision, from_status_id, parse, zone
from replay_tui.words import phrases, timefmt

JERUSALEM = zone("Asia/Jerusalem")
BERLIN = zone("Europe/Berlin")


def at(text: str, tz: object = JERUSALEM) -> Moment:
    return parse(text, tz)  # type: ignore[arg-type]


class TestFormatMoment:
    def test_day_says_the_time_is_unknown(self) -> None:
        assert timefmt.format_moment(at("2013-10-22"), JERUSALEM) == (
            "Tue 22 Oct 2013 · time unknown"
        )

    def test_minute_in_the_display_zone_with_its_name(self) -> None:
        moment = at("2013-10-22T11:05+00:00")
        assert timefmt.format_moment(moment, JERUSALEM) == "Tue 22 Oct 2013 · 14:05 IDT"

    def test_second(self) -> None:
        moment = at("2013-10-22T14:05:33+03:00")
        assert timefmt.format_moment(moment, JERUSALEM) == "Tue 22 Oct 2013 · 14:05:33 IDT"

    def test_month_and_year(self) -> None:
        assert timefmt.format_moment(at("2013-10"), JERUSALEM) == "Oct 2013"
        assert timefmt.format_moment(at("2013"), JERUSALEM) == "2013"

    def test_unknown(self) -> None:
        assert timefmt.format_moment(None, JERUSALEM) == "date and time unknown"

    def test_derived_time_is_marked(self) -> None:
        derived = from_status_id(1367418414166966272)
        assert derived is not None
        text = timefmt.format_moment(derived, BERLIN)
        assert text == "≈ Thu 4 Mar 2021 · 11:15:30 CET (derived from status ID)"
        assert timefmt.format_moment(derived, BERLIN, mark_derived=False) == (
            "Thu 4 Mar 2021 · 11:15:30 CET"
        )

    def test_day_precision_is_not_moved_across_zones(self) -> None:
        # A date known in the session's zone stays that date whatever the display zone.
        assert timefmt.format_moment(at("2013-10-22"), zone("America/Los_Angeles")).startswith(
            "Tue 22 Oct 2013"
        )

    def test_numeric_zone_abbreviation_reads_as_utc_offset(self) -> None:
        moment = Moment(datetime(2020, 1, 1, 12, 0, tzinfo=UTC), Precision.MINUTE)
        fixed = timezone(timedelta(hours=5, minutes=30))
        assert timefmt.format_moment(moment, fixed) == "Wed 1 Jan 2020 · 17:30 UTC+05:30"


class TestFormatShort:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2013-10-22", "22 Oct 2013"),
            ("2013-10-22T14:05", "22 Oct 2013 14:05"),
            ("2013-10-22T14:05:09", "22 Oct 2013 14:05:09"),
            ("2013-10", "Oct 2013"),
            ("2013", "2013"),
        ],
    )
    def test_each_precision(self, text: str, expected: str) -> None:
        assert timefmt.format_short(at(text), JERUSALEM) == expected

    def test_unknown_and_derived(self) -> None:
        assert timefmt.format_short(None, JERUSALEM) == "date unknown"
        derived = from_status_id(1367418414166966272)
        assert timefmt.format_short(derived, BERLIN) == "≈4 Mar 2021 11:15:30"


class TestDateRange:
    def test_one_day(self) -> None:
        assert timefmt.date_range([at("2013-10-22"), None], JERUSALEM) == "Tue 22 Oct 2013"

    def test_span(self) -> None:
        moments = [at("2015-03-13T10:00"), at("2015-03-12")]
        assert timefmt.date_range(moments, JERUSALEM) == "Thu 12 Mar 2015 – Fri 13 Mar 2015"

    def test_none_known(self) -> None:
        assert timefmt.date_range([None, None], JERUSALEM) == ""


class TestLocale:
    """Day and month names in the session's language; the app's own words stay English."""

    def test_english_is_the_default_and_unchanged(self) -> None:
        moment = at("2013-10-22T14:05")
        assert timefmt.format_moment(moment, JERUSALEM, locale="en") == timefmt.format_moment(
            moment, JERUSALEM
        )
        assert timefmt.format_short(moment, JERUSALEM) == "22 Oct 2013 14:05"

    def test_hebrew_and_arabic_names(self) -> None:
        import arrow

        moment = at("2013-10-22")
        hebrew = timefmt.format_moment(moment, JERUSALEM, locale="he")
        month = arrow.get(2013, 10, 22).format("MMM", locale="he")
        assert month in hebrew and "Oct" not in hebrew
        assert hebrew.endswith(phrases.TIME_UNKNOWN)
        arabic = timefmt.format_short(moment, JERUSALEM, locale="ar")
        assert arrow.get(2013, 10, 22).format("MMM", locale="ar") in arabic
        days = timefmt.date_range([moment, at("2013-10-23")], JERUSALEM, locale="he")
        assert "Oct" not in days and "2013" in days

    def test_a_derived_time_stays_marked_in_any_language(self) -> None:
        derived = from_status_id(392654311416012800)
        assert derived is not None
        text = timefmt.format_moment(derived, JERUSALEM, locale="he")
        assert text.startswith(phrases.DERIVED_MARK)
        assert phrases.DERIVED_NOTE in text
