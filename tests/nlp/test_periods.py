"""The period an award is for, read from its sentence (nlp/periods.py)."""

import pytest

from newsmon.nlp import analyze
from newsmon.nlp.periods import award_period


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Cần Thơ có 19 tập thể được khen thưởng cấp Nhà nước năm 2022.", "2022"),
        ("Tặng Bằng khen cho 26 tập thể có thành tích giai đoạn 2021-2025.", "2021-2025"),
        ("Khen thưởng 40 tập thể trong năm học 2025 – 2026.", "2025-2026"),
        ("Đề nghị tặng Cờ thi đua cho 3 đơn vị, nhiệm kỳ 2020—2025.", "2020-2025"),
        ("Tổng kết phong trào (2016-2020), tặng Bằng khen cho 12 cá nhân.", "2016-2020"),
        ("Từ năm 2019 đến năm 2023, tỉnh khen thưởng 300 lượt tập thể.", "2019-2023"),
        ("NĂM 2024, TỈNH TẶNG BẰNG KHEN CHO 5 TẬP THỂ.", "2024"),
        # no period, or several different ones: the ledger falls back to the publication year
        ("Tỉnh tặng Bằng khen cho 26 tập thể.", ""),
        ("Năm 2022 có 10 tập thể, năm 2023 có 12 tập thể được khen.", ""),
        ("Giai đoạn 2016-2020 và giai đoạn 2021-2025 có 80 tập thể được khen.", ""),
        # a date's year says when, not what for; a backwards range is no period
        ("Ngày 11/11/2022, tỉnh tặng Bằng khen cho 26 tập thể.", ""),
        ("Lễ trao ngày 11/11/2022-2023 cho 2 tập thể.", ""),
        ("Số hiệu 2025-2021 ghi trên 4 Bằng khen.", ""),
        ("Năm 2022 tỉnh khen 26 tập thể có thành tích giai đoạn 2021-2025.", "2021-2025"),
    ],
)
def test_award_period(sentence, period):
    assert award_period(sentence) == period


def test_the_reader_reports_each_figure_with_its_period():
    text = (
        "Dịp này, UBND tỉnh Nghệ An tặng Bằng khen cho 40 tập thể có thành tích xuất sắc "
        "giai đoạn 2021-2025. Năm 2022, tỉnh tặng Bằng khen cho 12 cá nhân."
    )
    found = {f.recipient_kind: f.period for f in analyze(text).awards}
    assert found == {"tập thể": "2021-2025", "cá nhân": "2022"}
