from datetime import datetime, timedelta

import pytest

from newsmon.crawler.extract.common import (
    VIETNAM,
    agency_credit,
    parse_vietnamese_datetime,
    split_authors,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("Thứ Bảy, 13/05/2023 17:27", datetime(2023, 5, 13, 17, 27, tzinfo=VIETNAM)),
    ("lúc : 11/07/14 11:35", datetime(2014, 7, 11, 11, 35, tzinfo=VIETNAM)),
    ("2026-07-30T16:47:54+07:00", datetime(2026, 7, 30, 16, 47, 54, tzinfo=VIETNAM)),
    ("2026-07-30T09:47:54Z", datetime(2026, 7, 30, 16, 47, 54, tzinfo=VIETNAM)),
    ("22/07/2014", datetime(2014, 7, 22, tzinfo=VIETNAM)),
])
def test_vietnamese_dates_are_timezone_aware(text, expected):
    got = parse_vietnamese_datetime(text)
    assert got == expected
    assert got.utcoffset() is not None


@pytest.mark.parametrize("text", ["", "hôm nay", "31/02/2026 10:00"])
def test_unreadable_dates_give_none(text):
    assert parse_vietnamese_datetime(text) is None


def test_vietnam_is_utc_plus_seven():
    assert VIETNAM.utcoffset(None) == timedelta(hours=7)


def test_agency_and_authors():
    assert agency_credit(" (TTXVN/Vietnam+) ") == "TTXVN/Vietnam+"
    assert split_authors("Minh Anh - Thu Hà (TTXVN)") == ["Minh Anh", "Thu Hà"]


@pytest.mark.parametrize("text", ["Thứ Hai, 07:45, 30/11/2026", "07:45 | 30/11/2026",
                                  "07h45 30/11/2026", "Thứ Hai, 30/11/2026 - 07:45"])
def test_a_time_written_before_the_date_is_read(text):
    assert parse_vietnamese_datetime(text) == datetime(2026, 11, 30, 7, 45, tzinfo=VIETNAM)
