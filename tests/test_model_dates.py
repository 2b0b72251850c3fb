"""Dates as people write them: days, months, years, intervals and 'about'; problems that say
what is wrong; the order of intervals."""

from __future__ import annotations

import pytest

from generator.model import dates


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("2024-06-19", "19 June 2024"),
        ("2015-09-01/2015-09-14", "1–14 September 2015"),
        ("2015-09-01/14", "1–14 September 2015"),
        ("2015-08-30/09-02", "30 August – 2 September 2015"),
        ("2014-12-30/2015-01-02", "30 December 2014 – 2 January 2015"),
        ("2015-09/2015-10", "September–October 2015"),
        ("2015-03~", "about March 2015"),
        ("2014/2016", "2014–2016"),
        ("2014~/2016", "about 2014 – 2016"),
    ],
)
def test_dates_read_as_people_write_them(written: str, shown: str) -> None:
    assert dates.human(written) == shown


@pytest.mark.parametrize(
    ("written", "error"),
    [
        ("2015-09-14/2015-09-01", "ends before it starts"),
        ("2015-09-01/1", "last parts"),
        ("2015-02-30", "no such day"),
        ("2015-13", "no month 13"),
        ("about 2015", "expected a date"),
    ],
)
def test_bad_dates_say_what_is_wrong(written: str, error: str) -> None:
    with pytest.raises(dates.DateError, match=error):
        dates.parse(written)


def test_intervals_sort_by_start_then_end() -> None:
    written = ["2015-09-01/14", "2015-09", "2015-09-01", "2014/2016", "2015-09-01/02"]
    assert sorted(written, key=dates.sort_key) == [
        "2014/2016",
        "2015-09",
        "2015-09-01",
        "2015-09-01/02",
        "2015-09-01/14",
    ]
