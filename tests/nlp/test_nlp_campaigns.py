"""Campaigns (nlp/campaigns.py): where a campaign name is read and where it starts and ends.

Sentences are our own writing; each case names the class of language it stands for."""

import pytest

from newsmon.nlp import analyze


def campaigns(text: str) -> list[tuple[str, str]]:
    """(text as written, canonical) of the CAMPAIGN entities, checking offsets."""
    out = []
    for e in analyze(text).entities:
        assert text[e.start : e.end] == e.text
        if e.type == "CAMPAIGN":
            out.append((e.text, e.canonical))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a known name in lower case right after "phong trào": the head makes it a name
        (
            "Năm nay, xã tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc ở thôn.",
            [("toàn dân bảo vệ an ninh Tổ quốc", "Toàn dân bảo vệ an ninh Tổ quốc")],
        ),
        # the press abbreviates "an ninh Tổ quốc": the same campaign
        (
            "Xã đẩy mạnh phong trào toàn dân bảo vệ ANTQ ở cơ sở.",
            [("toàn dân bảo vệ ANTQ", "Toàn dân bảo vệ an ninh Tổ quốc")],
        ),
        # "phong trào thi đua yêu nước": the name keeps "thi đua" and stops before the year
        (
            "Huyện tổng kết phong trào thi đua yêu nước năm 2024 và khen thưởng 12 tập thể.",
            [("thi đua yêu nước", "Thi đua yêu nước")],
        ),
        # a campaign named inside an award ("Bằng khen phong trào ..."): "phong trào" in neither
        (
            "Công an huyện trao Bằng khen phong trào toàn dân bảo vệ an ninh tổ quốc cho hai xã.",
            [("toàn dân bảo vệ an ninh tổ quốc", "Toàn dân bảo vệ an ninh Tổ quốc")],
        ),
        # a campaign named inside a day's or an appeal's name
        (
            "Ngày hội toàn dân bảo vệ an ninh Tổ quốc được tổ chức ở nhà văn hóa thôn Đông.",
            [("toàn dân bảo vệ an ninh Tổ quốc", "Toàn dân bảo vệ an ninh Tổ quốc")],
        ),
        (
            "Hưởng ứng Lời kêu gọi thi đua ái quốc, nhà trường phát động đợt thi đua mới.",
            [("thi đua ái quốc", "Thi đua ái quốc")],
        ),
        # capitalised, a known name is read anywhere, also inside an event's name
        (
            "Tỉnh chuẩn bị Đại hội Thi đua yêu nước lần thứ VI vào cuối năm.",
            [("Thi đua yêu nước", "Thi đua yêu nước")],
        ),
        # the longer official form of a known campaign wins over its shorter one
        (
            "Cuộc vận động toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư được duy trì.",
            [
                (
                    "toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư",
                    "Toàn dân đoàn kết xây dựng đời sống văn hóa",
                )
            ],
        ),
    ],
)
def test_known_names_after_a_head_word(text: str, expected: list[tuple[str, str]]) -> None:
    assert campaigns(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a known name in lower case with no head is an ordinary phrase
        "Xã đã về đích chương trình xóa nhà tạm, nhà dột nát trước hạn hai tháng.",
        "Các chiến sĩ đã hy sinh vì an ninh Tổ quốc trong những năm chiến tranh.",
        # generic "phong trào thi đua" names no campaign
        "Tỉnh tổng kết phong trào thi đua năm 2025 và phát động thi đua năm 2026.",
        "Đơn vị dẫn đầu phong trào thi đua của khối các cơ quan tỉnh được biểu dương.",
        # an unknown lower-case phrase after a head is no name either
        "Mô hình nuôi tôm hai giai đoạn giúp nhiều hộ thoát nghèo.",
    ],
)
def test_no_campaign(text: str) -> None:
    assert campaigns(text) == []


def test_quoted_names_listed_after_one_cue() -> None:
    # one head word for a list of quoted names: each name in the list is a campaign
    text = (
        'Huyện đoàn phát động phong trào "Sinh viên năm tốt", "Đoàn viên khỏe" và '
        '“Mỗi tuần một việc tốt” trong thanh niên; cuộc vận động "Nói lời hay" cùng "Làm việc '
        'tử tế" cũng được nhắc tới.'
    )
    assert [name for name, _ in campaigns(text)] == [
        "Sinh viên năm tốt",
        "Đoàn viên khỏe",
        "Mỗi tuần một việc tốt",
        "Nói lời hay",
        "Làm việc tử tế",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a quote that is not a further item of the list (a theme, a saying) is no campaign
        'Phong trào "Sinh viên năm tốt" năm nay có chủ đề "Tuổi trẻ vươn xa".',
        'Phong trào "Sinh viên năm tốt" được hưởng ứng. Bí thư nói: "Các bạn làm rất tốt".',
    ],
)
def test_quote_after_a_campaign_is_not_always_a_campaign(text: str) -> None:
    assert [name for name, _ in campaigns(text)] == ["Sinh viên năm tốt"]


def test_lower_case_names_listed_after_a_head() -> None:
    # a head that opens a list ("chuyên đề:") makes each known name in the list a campaign
    text = (
        "Xã lồng ghép các phong trào thi đua chuyên đề: chung sức xây dựng nông thôn mới; "
        "toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư và toàn dân bảo vệ an ninh "
        "Tổ quốc, với nhiều mô hình hay."
    )
    assert [name for name, _ in campaigns(text)] == [
        "chung sức xây dựng nông thôn mới",
        "toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư",
        "toàn dân bảo vệ an ninh Tổ quốc",
    ]


def test_a_list_needs_a_campaign_first() -> None:
    # the same names listed with no head and no campaign before them are ordinary phrases
    text = (
        "Năm qua, người dân chung sức xây dựng nông thôn mới; nhiều hộ góp tiền xóa nhà tạm, "
        "nhà dột nát cho hàng xóm."
    )
    assert campaigns(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cuộc vận động người tốt, việc tốt được duy trì ở khu phố.", "người tốt, việc tốt"),
        (
            "Nhà trường đẩy mạnh phong trào Xây dựng trường học thân thiện, học sinh tích cực.",
            "Xây dựng trường học thân thiện, học sinh tích cực",
        ),
        (
            "Hội viên hưởng ứng phong trào cựu chiến binh gương mẫu trong năm 2025.",
            "cựu chiến binh gương mẫu",
        ),
    ],
)
def test_more_known_campaigns_without_quotes(text: str, name: str) -> None:
    assert [n for n, _ in campaigns(text)] == [name]


def test_lower_case_names_after_a_head_and_nhu() -> None:
    # "các phong trào ..., như A, B": the list opened by "như" holds the campaigns' names
    text = (
        "Xã gắn các phong trào thi đua chuyên đề, như chung sức xây dựng nông thôn mới, toàn "
        "dân bảo vệ an ninh Tổ quốc, với nhiệm vụ phát triển kinh tế."
    )
    assert [name for name, _ in campaigns(text)] == [
        "chung sức xây dựng nông thôn mới",
        "toàn dân bảo vệ an ninh Tổ quốc",
    ]
