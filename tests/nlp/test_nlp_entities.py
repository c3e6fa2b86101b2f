"""Entities: ORG, LOC, PER, AWARD, CAMPAIGN, with exact offsets and no overlaps."""

import unicodedata

import pytest

from newsmon.nlp import Entity, analyze


def found(text: str, kind: str) -> list[tuple[str, str]]:
    """(text as written, canonical) of the entities of one type, checking offsets."""
    out = []
    for e in analyze(text).entities:
        assert text[e.start:e.end] == e.text
        if e.type == kind:
            out.append((e.text, e.canonical))
    return out


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Ủy ban nhân dân thành phố Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("UBND TP. Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("Uỷ ban nhân dân thành phố Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("UBND thành phố Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("HĐND tỉnh Nghệ An", "Hội đồng nhân dân tỉnh Nghệ An"),
        ("Sở Giáo dục và Đào tạo tỉnh Nghệ An", "Sở Giáo dục và Đào tạo tỉnh Nghệ An"),
        ("Sở GD&ĐT Nghệ An", "Sở Giáo dục và Đào tạo tỉnh Nghệ An"),
        ("Công an tỉnh Khánh Hòa", "Công an tỉnh Khánh Hòa"),
        ("Công an Khánh Hoà", "Công an tỉnh Khánh Hòa"),
        ("Bộ Công Thương", "Bộ Công Thương"),
        ("Liên đoàn Lao động tỉnh Thanh Hóa", "Liên đoàn Lao động tỉnh Thanh Hóa"),
        ("LĐLĐ tỉnh Thanh Hoá", "Liên đoàn Lao động tỉnh Thanh Hóa"),
        ("Bảo hiểm xã hội Việt Nam", "Bảo hiểm xã hội Việt Nam"),
        ("BHXH TP. Hồ Chí Minh", "Bảo hiểm xã hội thành phố Hồ Chí Minh"),
        ("Ủy ban MTTQ Việt Nam tỉnh Gia Lai", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Gia Lai"),
        ("TTXVN", "Thông tấn xã Việt Nam"),
        ("Tỉnh ủy Nghệ An", "Tỉnh ủy Nghệ An"),
        ("UBND huyện Quỳnh Lưu", "Ủy ban nhân dân huyện Quỳnh Lưu"),
        # a high court or procuracy is named by the city it sits in
        ("TAND cấp cao tại Đà Nẵng", "Tòa án nhân dân cấp cao tại Đà Nẵng"),
        ("VKSND cấp cao tại Hà Nội", "Viện Kiểm sát nhân dân cấp cao tại Hà Nội"),
        # the provincial paper merged with the radio and TV station (2025)
        ("Báo và Phát thanh, Truyền hình Gia Lai", "Báo và Phát thanh, Truyền hình tỉnh Gia Lai"),
    ],
)
def test_org_full_name_and_canonical(written: str, canonical: str) -> None:
    text = f"Sáng nay, {written} tổ chức hội nghị."
    assert found(text, "ORG") == [(written, canonical)]


def test_title_is_not_part_of_an_org() -> None:
    text = "Thủ tướng Chính phủ Phạm Minh Chính và Bộ trưởng Bộ Y tế dự họp."
    # the annotation spec: "Thủ tướng [Chính phủ]", the body inside a role is a mention
    assert found(text, "ORG") == [("Chính phủ", "Chính phủ"), ("Bộ Y tế", "Bộ Y tế")]
    assert found(text, "PER") == [("Phạm Minh Chính", "Phạm Minh Chính")]


def test_the_party_written_alone_is_an_org() -> None:
    text = ("Cán bộ luôn trung thành với Đảng; 40 đảng viên của Đảng bộ xã nhận Huy hiệu "
            "30 năm tuổi Đảng. Đảng ủy đã họp.")
    assert found(text, "ORG") == [("Đảng", "Đảng Cộng sản Việt Nam"), ("Đảng bộ xã", "Đảng bộ xã"),
                                  ("Đảng ủy", "Đảng ủy")]


def test_a_giver_after_an_award_word_is_not_a_separate_org() -> None:
    text = "Hai tập thể được tặng Bằng khen Thủ tướng Chính phủ."
    assert found(text, "ORG") == []


def test_generic_phrases_are_not_entities() -> None:
    text = "Các sở, ban, ngành, các tập thể và cá nhân đã tích cực tham gia phong trào thi đua."
    assert analyze(text).entities == []


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("tỉnh Nghệ An", "tỉnh Nghệ An"),
        ("thành phố Cần Thơ", "thành phố Cần Thơ"),
        ("TP. Hồ Chí Minh", "thành phố Hồ Chí Minh"),
        ("TP.HCM", "thành phố Hồ Chí Minh"),
        ("xã Hòa Bình", "xã Hòa Bình"),
        ("Quận 1", "quận 1"),
        ("Khánh Hoà", "tỉnh Khánh Hòa"),
        ("Bà Rịa-Vũng Tàu", "tỉnh Bà Rịa - Vũng Tàu"),
        ("thành phố Hà Tĩnh", "thành phố Hà Tĩnh"),  # the provincial capital, not the province
    ],
)
def test_loc(written: str, canonical: str) -> None:
    assert found(f"Đoàn công tác đến {written} ngày 2/9.", "LOC") == [(written, canonical)]


def test_province_name_inside_a_longer_name_is_not_a_place() -> None:
    text = "Ông Nguyễn Thái Bình về quê; bà Hòa Bình ở lại."
    assert found(text, "LOC") == []
    assert found(text, "PER") == [("Nguyễn Thái Bình", "Nguyễn Thái Bình"),
                                  ("Hòa Bình", "Hòa Bình")]


def test_hồ_chí_minh_alone_is_the_person() -> None:
    text = "Học tập tư tưởng Hồ Chí Minh tại TP. Hồ Chí Minh."
    assert found(text, "PER") == [("Hồ Chí Minh", "Hồ Chí Minh")]
    assert found(text, "LOC") == [("TP. Hồ Chí Minh", "thành phố Hồ Chí Minh")]


def test_person_names_without_titles() -> None:
    text = (
        "Ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Nghệ An Lê Hồng Vinh và Thượng tướng "
        "Lương Tam Quang dự. Đồng chí Tô Lâm phát biểu; bà Mai cảm ơn.\nBài và ảnh: Minh Đức"
    )
    assert [t for t, _ in found(text, "PER")] == [
        "Nguyễn Văn Hùng", "Lê Hồng Vinh", "Lương Tam Quang", "Tô Lâm", "Mai", "Minh Đức",
    ]
    assert found(text, "ORG") == [("UBND tỉnh Nghệ An", "Ủy ban nhân dân tỉnh Nghệ An")]


def test_countries_stop_surname_readings() -> None:
    text = "Đoàn đại biểu Hàn Quốc và Thái Lan thăm Việt Nam."
    assert found(text, "PER") == []
    assert [t for t, _ in found(text, "LOC")] == ["Hàn Quốc", "Thái Lan", "Việt Nam"]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Huân chương Lao động hạng Ba", "Huân chương Lao động hạng Ba"),
        ("Huân chương Lao động hạng III", "Huân chương Lao động hạng Ba"),
        ("Bằng khen của Thủ tướng Chính phủ", "Bằng khen của Thủ tướng Chính phủ"),
        ("Cờ thi đua của Chính phủ", "Cờ thi đua của Chính phủ"),
        ("Chiến sĩ thi đua toàn quốc", "Chiến sĩ thi đua toàn quốc"),
        ("Giấy khen", "Giấy khen"),
        ("bằng khen của Chủ tịch UBND tỉnh Nghệ An",
         "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Nghệ An"),
        ("Kỷ niệm chương Vì sự nghiệp Giáo dục", "Kỷ niệm chương Vì sự nghiệp Giáo dục"),
        ("Huy chương Vì an ninh Tổ quốc", "Huy chương Vì an ninh Tổ quốc"),
        # a resistance award names the enemy country: the country is inside the award
        ("Huy chương Kháng chiến chống Mỹ cứu nước hạng Nhất",
         "Huy chương Kháng chiến chống Mỹ cứu nước hạng Nhất"),
        ("Huân chương Kháng chiến chống Pháp hạng Ba",
         "Huân chương Kháng chiến chống Pháp hạng Ba"),
    ],
)
def test_award_forms(written: str, canonical: str) -> None:
    text = f"Ông A được tặng {written} cho thành tích xuất sắc."
    assert found(text, "AWARD") == [(written, canonical)]


def test_quoted_title_after_danh_hieu_is_an_award() -> None:
    # an unknown title in quotes after "danh hiệu" is the award form; no place inside it
    text = 'Hội đề nghị tặng danh hiệu "Thợ giỏi Việt Nam tiêu biểu" cho 3 hội viên.'
    assert found(text, "AWARD") == [("Thợ giỏi Việt Nam tiêu biểu", "Thợ giỏi Việt Nam tiêu biểu")]
    assert found(text, "LOC") == []
    # a quote after anything else is not an award form
    assert found('Ông nói "Thợ giỏi Việt Nam tiêu biểu" là niềm vui.', "AWARD") == []


def test_quoted_campaign_after_cue() -> None:
    text = (
        'Phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” '
        'và phong trào "Xây dựng trường học thân thiện" được hưởng ứng.'
    )
    assert found(text, "CAMPAIGN") == [
        ("Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau",
         "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"),
        ("Xây dựng trường học thân thiện", "Xây dựng trường học thân thiện"),
    ]


def test_known_campaigns_without_quotes() -> None:
    text = "Mô hình Dân vận khéo và phong trào Thi đua Quyết thắng lan tỏa; Vì an ninh Tổ quốc."
    analysis = analyze(text)
    assert [c.canonical for c in analysis.campaigns] == [
        "Dân vận khéo", "Thi đua Quyết thắng", "Vì an ninh Tổ quốc",
    ]
    assert all(isinstance(c, Entity) and c.type == "CAMPAIGN" for c in analysis.campaigns)


def test_campaigns_are_listed_once() -> None:
    text = 'Phong trào "Dân vận khéo" ... Mô hình Dân vận khéo được nhân rộng.'
    analysis = analyze(text)
    assert [c.canonical for c in analysis.campaigns] == ["Dân vận khéo"]
    assert sum(e.type == "CAMPAIGN" for e in analysis.entities) == 2


def test_entities_never_overlap_or_nest() -> None:
    text = (
        "UBND TP. Cần Thơ trao Bằng khen của Chủ tịch UBND thành phố Cần Thơ cho Công an "
        "TP. Cần Thơ; Huân chương Hồ Chí Minh, phong trào Vì an ninh Tổ quốc, Hà Nội, "
        "Nguyễn Văn An Giang, TP.HCM và Thái Bình."
    )
    entities = analyze(text).entities
    spans = [(e.start, e.end) for e in entities]
    assert spans == sorted(spans)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start
    for e in entities:
        assert text[e.start:e.end] == e.text


def test_offsets_point_into_text_as_given_even_if_decomposed() -> None:
    nfc = "Uỷ ban nhân dân tỉnh Khánh Hoà trao Huân chương Lao động hạng Ba cho 02 tập thể."
    text = unicodedata.normalize("NFD", nfc)
    analysis = analyze(text)
    assert [(e.type, e.canonical) for e in analysis.entities] == [
        ("ORG", "Ủy ban nhân dân tỉnh Khánh Hòa"), ("AWARD", "Huân chương Lao động hạng Ba"),
    ]
    for e in analysis.entities:
        assert text[e.start:e.end] == e.text
    figure = analysis.awards[0]
    assert text[figure.start:figure.end] == unicodedata.normalize("NFD", "02 tập thể")


@pytest.mark.parametrize(("text", "org"), [
    ("Công ty Hòa Phát sản xuất thép.", "Công ty Hòa Phát"),
    ("Năm nay Công ty cổ phần Vinamilk xuất khẩu sữa.", "Công ty cổ phần Vinamilk"),
    ("Công ty TNHH một thành viên Xổ số kiến thiết Cần Thơ nộp ngân sách.",
     "Công ty TNHH một thành viên Xổ số kiến thiết Cần Thơ"),
    ("Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết bão đã suy yếu.",
     "Trung tâm Dự báo khí tượng thủy văn quốc gia"),
])
def test_a_proper_name_ends_the_body_and_a_sentence_case_name_goes_on(text, org):
    assert [e.text for e in analyze(text).entities if e.type == "ORG"] == [org]


@pytest.mark.parametrize(
    "written",
    [
        "Hội đồng Thi đua - Khen thưởng tỉnh",
        "Hội đồng Thi đua, Khen thưởng huyện",
        "Hội đồng thi đua khen thưởng huyện",
        "Hội đồng thi đua khen thưởng của huyện",
        "Hội đồng Thi đua - Khen thưởng Bộ Quốc phòng",
        "Hội đồng Thi đua - Khen thưởng T.Ư",
        "Sở Lao động, Thương binh và Xã hội tỉnh Nghệ An",
        "Cổng Thông tin điện tử Chính phủ",
    ],
)
def test_council_and_department_spellings_are_one_org(written: str) -> None:
    assert [w for w, _ in found(f"Hôm qua, {written} họp phiên thứ hai.", "ORG")] == [written]


def test_standing_body_keeps_thuong_truc_but_a_title_does_not() -> None:
    text = ("Giao Thường trực Hội đồng Thi đua - Khen thưởng tỉnh hoàn tất hồ sơ. "
            "Bà Lê Thị Mai, Phó Chủ tịch Thường trực UBND tỉnh dự họp.")
    orgs = [w for w, _ in found(text, "ORG")]
    assert orgs == ["Thường trực Hội đồng Thi đua - Khen thưởng tỉnh", "UBND tỉnh"]


def test_office_holder_after_a_body_is_a_person_not_a_place() -> None:
    text = ("Chủ tịch UBND tỉnh Trần Văn Lâm và Phó Chủ tịch UBND huyện Phạm Quốc Toản "
            "thăm huyện Dương Minh Châu.")
    assert [w for w, _ in found(text, "PER")] == ["Trần Văn Lâm", "Phạm Quốc Toản"]
    assert [w for w, _ in found(text, "ORG")] == ["UBND tỉnh", "UBND huyện"]
    assert [w for w, _ in found(text, "LOC")] == ["huyện Dương Minh Châu"]


def test_abbreviation_in_brackets_inside_a_name() -> None:
    text = "Bộ Chỉ huy Bộ đội Biên phòng (BĐBP) tỉnh Quảng Trị tổ chức lễ."
    assert [w for w, _ in found(text, "ORG")] == [
        "Bộ Chỉ huy Bộ đội Biên phòng (BĐBP) tỉnh Quảng Trị"]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("Tin mới\n\nQNB.VN - Sáng 3-4, UBND tỉnh tổ chức hội nghị.", "QNB.VN"),
        ("Tin mới\n\n(HG) - Sáng nay, Sở Y tế tổ chức hội nghị.", "HG"),
        ("Tin mới\n\n(TN online) - Chiều qua, Sở Y tế tổ chức hội nghị.", "TN online"),
        ("Tin mới\n\n(baoquangtri.vn) Chiều qua, Sở Y tế tổ chức hội nghị.", "baoquangtri.vn"),
        ("Hội nghị tổng kết năm. Ảnh: HanoiMoi\nNăm nay có nhiều đổi mới.", "HanoiMoi"),
        ("Hội nghị tổng kết năm.\nTheo nongnghiep.vn", "nongnghiep.vn"),
        ("Bão đã suy yếu. (Theo NLĐO)", "NLĐO"),
    ],
)
def test_outlet_in_dateline_or_credit_is_an_org(text: str, outlet: str) -> None:
    assert outlet in [w for w, _ in found(text, "ORG")]


def test_reporter_tag_date_and_e_mail_are_not_outlets() -> None:
    text = ("Tin mới\n\nPV - Ngày 5-3, hồ sơ gửi về: Email: tdkt@tinh.gov.vn.\nNgày 6-3 - họp."
            "\nCOVID-19 đang lan rộng.")
    assert found(text, "ORG") == []


@pytest.mark.parametrize(
    ("closing", "name"),
    [("Hoàng Minh", "Hoàng Minh"), ("PHẠM LONG", "PHẠM LONG"), ("T.LAN", "T.LAN"),
     ("Q.H", "Q.H"), ("BT Thu Trang", "Thu Trang")],
)
def test_signature_on_the_last_line_is_a_person(closing: str, name: str) -> None:
    text = f"Hội nghị tổng kết công tác thi đua năm nay đã thành công.\n{closing}"
    assert [w for w, _ in found(text, "PER")] == [name]


def test_role_tags_on_the_last_line_are_not_persons() -> None:
    assert found("Hội nghị đã thành công.\nPV", "PER") == []


def test_photo_credits_in_capitals_and_after_an_outlet() -> None:
    text = "Lễ trao tặng. Ảnh: ĐỖ HÙNG\nHội nghị bế mạc. Ảnh: VNA/Minh Quyết\nNăm nay tốt."
    assert [w for w, _ in found(text, "PER")] == ["ĐỖ HÙNG", "Minh Quyết"]


def test_given_name_alone_refers_back_to_the_full_name() -> None:
    text = ("Bị cáo Lê Thị Hoa bị bắt năm ngoái. Tại tòa, Hoa khai nhận hành vi. "
            "Thành phố Hoa Kỳ không liên quan.")
    assert found(text, "PER") == [("Lê Thị Hoa", "Lê Thị Hoa"), ("Hoa", "Lê Thị Hoa")]


def test_a_direction_or_country_is_not_a_back_reference() -> None:
    text = "Ông Trần Văn Nam cho biết phía Nam có mưa. Nam nói thêm về nước Anh."
    assert [w for w, _ in found(text, "PER")] == ["Trần Văn Nam", "Nam"]
    assert [e.start for e in analyze(text).entities if e.type == "PER"][1] == text.index("Nam nói")


def test_masked_name_keeps_its_dot() -> None:
    text = "Đối tượng Trần Văn K. cùng anh H. bị tạm giữ."
    assert [w for w, _ in found(text, "PER")] == ["Trần Văn K.", "H."]


def test_two_syllable_place_name_is_not_cut_for_a_rare_surname() -> None:
    assert found("Đoàn công tác đến huyện Nam Trà My hôm qua.", "PER") == []


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("Tỉnh vừa lập Trung tâm Kiểm soát bệnh tật tỉnh trên cơ sở sáp nhập.",
         ["Trung tâm Kiểm soát bệnh tật tỉnh"]),
        ("Trung tâm Phòng chống HIV/AIDS, Trung tâm Y tế dự phòng đã giải thể.",
         ["Trung tâm Phòng chống HIV/AIDS", "Trung tâm Y tế dự phòng"]),
        ("Cục Bảo vệ thực vật đã ký kết với Trung tâm Răng hàm mặt.",
         ["Cục Bảo vệ thực vật", "Trung tâm Răng hàm mặt"]),
        ("Trung tâm Y tế khám bệnh cho người dân.", ["Trung tâm Y tế"]),
        ("Em học trường THPT chuyên Hùng Vương và trường THCS Yên Lạc 2 tham gia.",
         ["trường THPT chuyên Hùng Vương", "trường THCS Yên Lạc 2"]),
        ("Trường ĐH Kinh tế - ĐH Đà Nẵng tuyển sinh.", ["Trường ĐH Kinh tế", "ĐH Đà Nẵng"]),
        ("Phòng Cảnh sát giao thông Công an tỉnh Hà Giang phối hợp với Cơ quan Cảnh sát "
         "điều tra Công an huyện Vị Xuyên.",
         ["Phòng Cảnh sát giao thông Công an tỉnh Hà Giang",
          "Cơ quan Cảnh sát điều tra Công an huyện Vị Xuyên"]),
        ("Phòng Cảnh sát hình sự tỉnh này cho biết.", ["Phòng Cảnh sát hình sự"]),
    ],
)
def test_unseen_body_names_are_read_whole(text: str, orgs: list[str]) -> None:
    assert [w for w, _ in found(text, "ORG")] == orgs


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("Đại tá Lê Văn Ba, Chính ủy Ban Chỉ huy BĐBP tỉnh Kiên Giang phát biểu.",
         ["Ban Chỉ huy BĐBP tỉnh Kiên Giang"]),
        ("BĐBP Cà Mau và Biên phòng tỉnh Kiên Giang phối hợp tuần tra.",
         ["BĐBP Cà Mau", "Biên phòng tỉnh Kiên Giang"]),
        ("Bộ Chỉ huy BĐBP tỉnh Lạng Sơn nhận cờ.", ["Bộ Chỉ huy BĐBP tỉnh Lạng Sơn"]),
        ("Lãnh đạo Đảng, Nhà nước, Quân đội dự lễ.", ["Đảng", "Quân đội"]),
        ("Quân ủy Trung ương và lực lượng Công an nhân dân.",
         ["Quân ủy Trung ương", "Công an nhân dân"]),
        ("Đài PT-TH tỉnh đưa tin.", ["Đài PT-TH tỉnh"]),
    ],
)
def test_armed_forces_and_party_bodies(text: str, orgs: list[str]) -> None:
    assert [w for w, _ in found(text, "ORG")] == orgs


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Đoàn đến thủ đô Viêng Chăn rồi về Thủ đô Hà Nội.", ["Viêng Chăn", "Hà Nội"]),
        ("Đại diện các tỉnh Nghệ An, Quảng Bình dự họp.", ["Nghệ An", "Quảng Bình"]),
        ("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam quy định.",
         ["Cộng hòa xã hội chủ nghĩa Việt Nam"]),
        ("Người dân vùng Tây Bắc và miền Nam đón Tết.", ["vùng Tây Bắc", "miền Nam"]),
        ("Người dân miền núi Hà Giang đón Tết.", ["Hà Giang"]),
    ],
)
def test_place_boundaries(text: str, places: list[str]) -> None:
    assert [w for w, _ in found(text, "LOC")] == places


def test_a_country_after_a_body_names_that_countrys_body() -> None:
    text = "Bộ Nội vụ Cộng hòa Pháp và Đại sứ quán Việt Nam tại Nhật Bản phối hợp."
    assert [w for w, _ in found(text, "ORG")] == ["Bộ Nội vụ Cộng hòa Pháp",
                                                 "Đại sứ quán Việt Nam tại Nhật Bản"]


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("Tỉnh lập Trung tâm kiểm soát bệnh tật tỉnh Hà Nam và Trung tâm phòng chống "
         "HIV/AIDS.",
         ["Trung tâm kiểm soát bệnh tật tỉnh Hà Nam", "Trung tâm phòng chống HIV/AIDS"]),
        ("Ông Lê Văn An, Viện trưởng Viện Dinh dưỡng, và Cục trưởng Cục Hàng hải dự họp.",
         ["Viện Dinh dưỡng", "Cục Hàng hải"]),
        ("Trung tướng Lê Văn B, Tư lệnh Quân khu IV.", ["Quân khu IV"]),
        ("Lãnh đạo Bệnh viện Chợ Rẫy và PGS.TS Trần Văn Công dự lễ.", ["Bệnh viện Chợ Rẫy"]),
        ("Hội Nhà báo tỉnh Gia Lai và Bệnh viện Bà Rịa ký kết.",
         ["Hội Nhà báo tỉnh Gia Lai", "Bệnh viện Bà Rịa"]),
        ("Khai mạc tại Trung tâm hội nghị tỉnh.", []),
    ],
)
def test_names_in_lower_case_and_their_limits(text: str, orgs: list[str]) -> None:
    assert [w for w, _ in found(text, "ORG")] == orgs


def test_year_names_countries_and_honorifics_around_persons() -> None:
    text = ("Dịp Tết Giáp Thìn, Ngoại trưởng Hàn Quốc, ông Lee Jae-sung, thăm nơi Bác Hồ làm việc; "
            "Đại biểu Quốc hội Đoàn Nghệ An Đoàn Văn Toàn dự.")
    assert [w for w, _ in found(text, "PER")] == ["Lee Jae-sung", "Bác Hồ", "Đoàn Văn Toàn"]
    assert found(text, "PER")[1] == ("Bác Hồ", "Hồ Chí Minh")
    assert [w for w, _ in found(text, "ORG")] == ["Quốc hội", "Đoàn Nghệ An"]


def test_national_teams_and_numbered_units() -> None:
    text = ("Đội tuyển bóng đá nữ U20 Việt Nam và U19 Thái Lan vào chung kết giải U19 châu Á; "
            "Tiểu đoàn 12 được tuyên dương.")
    assert [w for w, _ in found(text, "ORG")] == [
        "Đội tuyển bóng đá nữ U20 Việt Nam", "U19 Thái Lan", "Tiểu đoàn 12"]


def test_a_head_before_a_plural_level_is_a_kind_not_a_body() -> None:
    text = ("Dự họp có lãnh đạo HĐND, UBND các huyện và Sở Y tế các tỉnh Hà Nam, Ninh Bình.")
    assert [w for w, _ in found(text, "ORG")] == ["Sở Y tế"]
    assert [w for w, _ in found(text, "LOC")] == ["Hà Nam", "Ninh Bình"]


@pytest.mark.parametrize(
    ("text", "orgs"),
    [
        ("Ban Chỉ đạo phòng, chống tham nhũng tỉnh Hà Giang họp.",
         ["Ban Chỉ đạo phòng, chống tham nhũng tỉnh Hà Giang"]),
        ("Ban Chỉ huy Phòng thủ dân sự - Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh họp.",
         ["Ban Chỉ huy Phòng thủ dân sự - Phòng, chống thiên tai và Tìm kiếm cứu nạn tỉnh"]),
        ("Mặt trận Tổ quốc huyện và Đoàn Thanh niên xã ra quân.",
         ["Mặt trận Tổ quốc huyện", "Đoàn Thanh niên xã"]),
        ("Bằng khen cho Cục Quản lý thị trường và Kỷ niệm chương cho ông Hà.",
         ["Cục Quản lý thị trường"]),
    ],
)
def test_names_with_commas_and_coordination(text: str, orgs: list[str]) -> None:
    assert [w for w, _ in found(text, "ORG")] == orgs


def test_one_syllable_head_words_inside_place_names() -> None:
    text = ("Lễ ra mắt ở phường An Hội, xã Tân Trường và vùng Đồng bằng sông Cửu Long; "
            "khối Mặt trận, đoàn thể được biểu dương.")
    assert [w for w, _ in found(text, "LOC")] == [
        "phường An Hội", "xã Tân Trường", "vùng Đồng bằng sông Cửu Long"]
    assert found(text, "ORG") == []


def test_a_school_level_alone_is_not_a_school_and_a_place_closes_a_name() -> None:
    text = ("Các trường THPT công lập tuyển sinh; Trường Trung học cơ sở thị trấn Phú Mỹ và "
            "Ban Chỉ huy Phòng thủ dân sự TP. Huế họp.")
    assert [w for w, _ in found(text, "ORG")] == [
        "Trường Trung học cơ sở thị trấn Phú Mỹ", "Ban Chỉ huy Phòng thủ dân sự TP. Huế"]


def test_joint_offices_standing_committees_coaches_and_highland_names() -> None:
    text = ("Văn phòng HĐND và UBND huyện Krông Pắc khen thưởng; ông Y Ksor, UV BTV Huyện ủy, "
            "dự cùng HLV Kim Sang-sik và anh Điểu Lâm.")
    assert [w for w, _ in found(text, "ORG")] == [
        "Văn phòng HĐND và UBND huyện Krông Pắc", "BTV Huyện ủy"]
    assert "Kim Sang-sik" in [w for w, _ in found(text, "PER")]
    assert "Điểu Lâm" in [w for w, _ in found(text, "PER")]


def test_locality_in_brackets_after_a_body_but_not_after_a_person() -> None:
    text = ("Tặng Bằng khen cho Trường Tiểu học Kim Đồng (Yên Thành) và ông Lê Văn Hòa "
            "(Ba Hòa), nghệ nhân làng gốm.")
    assert [w for w, _ in found(text, "LOC")] == ["Yên Thành"]
    assert [w for w, _ in found(text, "PER")] == ["Lê Văn Hòa"]


def test_lower_case_police_is_a_body_only_with_a_named_place() -> None:
    text = "Lực lượng công an phối hợp với công an tỉnh Cà Mau và công an xã bắt giữ."
    assert [w for w, _ in found(text, "ORG")] == ["công an tỉnh Cà Mau"]


def test_named_councils_and_assembly_committees() -> None:
    text = ("Ủy ban Pháp luật của Quốc hội và Hội đồng Giáo sư nhà nước đã họp; Hội đồng đã "
            "thống nhất.")
    assert [w for w, _ in found(text, "ORG")] == [
        "Ủy ban Pháp luật của Quốc hội", "Hội đồng Giáo sư nhà nước"]
