"""Dates as Vietnamese readers write them, and the timeline's geometry."""

from __future__ import annotations

from newsmon.web.formatting import bucket_label, iso_day, vn_date, vn_datetime, vn_number
from newsmon.web.timeline import HEIGHT, WIDTH, timeline


def test_dates_are_dd_mm_yyyy():
    assert vn_date("2026-11-18T07:45:00+07:00") == "18/11/2026"
    assert vn_datetime("2026-11-18T07:45:00+07:00") == "18/11/2026 07:45"
    assert vn_date(None) == "" and vn_datetime("") == ""
    assert bucket_label("2026-11", "month") == "11/2026"
    assert bucket_label("2026-11-16", "week") == "16/11/2026"
    assert vn_number(1146520) == "1.146.520"


def test_typed_dates_become_query_dates_or_none():
    assert iso_day("1/11/2026") == "2026-11-01"
    assert iso_day("01.11.2026") == "2026-11-01"
    assert iso_day("2026-11") == "2026-11"
    assert iso_day("31/02/2026") is None
    assert iso_day("hôm qua") is None


def test_timeline_bars_fit_the_chart_and_scale_to_the_peak():
    chart = timeline([("2026-09", 2), ("2026-10", 10), ("2026-11", 5)], "month")
    assert chart.peak == 10
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.count == 10 and tallest.y >= 0
    assert all(b.x >= 0 and b.x + b.width <= WIDTH for b in chart.bars)
    assert all(b.y + b.height <= HEIGHT for b in chart.bars)
    assert [label for _, label in chart.ticks][0] == "09/2026"
    assert timeline([], "day") is None
