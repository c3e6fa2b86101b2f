"""Vietnamese counts: digits, thousands dots, leading zeros, number words."""

import pytest

from newsmon.nlp.numbers import parse_count


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("19", 19), ("02", 2), ("6.619", 6619), ("1.200.000", 1200000),
        ("một", 1), ("hai", 2), ("năm", 5), ("mười", 10), ("mười lăm", 15),
        ("hai mươi", 20), ("hai mươi mốt", 21), ("ba mươi tư", 34), ("năm mươi lăm", 55),
        ("một trăm", 100), ("một trăm linh năm", 105), ("hai trăm ba mươi", 230),
    ],
)
def test_counts_as_written(written: str, value: int) -> None:
    assert parse_count(written) == value


@pytest.mark.parametrize("written", ["1,28", "79,92", "mươi", "tư", "lăm", "hạng", "6.61"])
def test_not_counts(written: str) -> None:
    assert parse_count(written) is None
