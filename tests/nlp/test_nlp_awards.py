"""Award figures: counts tied to awards, their status, level, giver, and what is not one."""

import pytest

from newsmon.nlp import AwardFigure, analyze


def figures(text: str) -> list[AwardFigure]:
    out = analyze(text).awards
    for f in out:
        assert text[f.sentence_start:f.sentence_start + len(f.sentence)] == f.sentence
        assert f.sentence_start <= f.start < f.end <= f.sentence_start + len(f.sentence)
    return out


def brief(text: str) -> list[tuple[int, str, str]]:
    return [(f.count, text[f.start:f.end], f.status) for f in figures(text)]


def test_coordinated_counts_share_form_and_level() -> None:
    text = "Dịp này, 19 tập thể, 122 cá nhân được nhận các hình thức khen thưởng cấp Nhà nước."
    found = figures(text)
    assert [(f.count, f.recipient_kind) for f in found] == [(19, "tập thể"), (122, "cá nhân")]
    assert {f.award for f in found} == {""}  # a level, not a form: no award named
    assert {f.level for f in found} == {"Nhà nước"}
    assert {f.status for f in found} == {"awarded"}
    assert [text[f.start:f.end] for f in found] == ["19 tập thể", "122 cá nhân"]
    assert found[0].sentence == text and found[0].sentence_start == 0


def test_count_after_the_form_and_leading_zero() -> None:
    text = ("Chủ tịch nước đã ký quyết định tặng Huân chương Lao động hạng Ba cho 02 tập thể "
            "và 3 cá nhân của Sở Y tế tỉnh Bắc Ninh.")
    found = figures(text)
    assert [(f.count, text[f.start:f.end]) for f in found] == [(2, "02 tập thể"),
                                                                (3, "3 cá nhân")]
    for f in found:
        assert f.award == "Huân chương Lao động hạng Ba"
        assert f.level == "Nhà nước"
        assert f.giver == "Chủ tịch nước"
        assert f.recipient == "Sở Y tế tỉnh Bắc Ninh"


def test_level_from_the_giver() -> None:
    text = (
        "Thủ tướng Chính phủ tặng Bằng khen cho 32 tập thể. "
        "Bộ trưởng Bộ Công Thương tặng Bằng khen cho 6 cá nhân. "
        "Chủ tịch UBND tỉnh Sơn La tặng Bằng khen cho 40 tập thể."
    )
    found = figures(text)
    assert [(f.count, f.level, f.giver) for f in found] == [
        (32, "Chính phủ", "Thủ tướng Chính phủ"),
        (6, "bộ/ngành", "Bộ trưởng Bộ Công Thương"),
        (40, "tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh Sơn La"),
    ]


def test_state_award_presented_by_a_province_keeps_its_level() -> None:
    text = "UBND tỉnh Nghệ An trao Huân chương Lao động hạng Ba cho 2 tập thể."
    (f,) = figures(text)
    assert (f.level, f.giver) == ("Nhà nước", "")


def test_giver_written_in_the_form() -> None:
    text = "Trao Bằng khen của Thủ tướng Chính phủ cho năm tập thể có thành tích xuất sắc."
    (f,) = figures(text)
    assert (f.count, f.award, f.level, f.giver) == (
        5, "Bằng khen của Thủ tướng Chính phủ", "Chính phủ", "Thủ tướng Chính phủ")


def test_thousands_dot_and_paired_kinds() -> None:
    text = "Giai đoạn 2020-2025, tỉnh đã khen thưởng 6.619 lượt tập thể, cá nhân."
    (f,) = figures(text)
    assert (f.count, f.recipient_kind, text[f.start:f.end]) == (
        6619, "lượt", "6.619 lượt")


def test_word_numbers() -> None:
    text = ("UBND tỉnh tặng Bằng khen cho hai tập thể, mười lăm cá nhân và hai mươi hộ gia đình "
            "được tặng Giấy khen.")
    assert [(f.count, f.recipient_kind) for f in figures(text)] == [
        (2, "tập thể"), (15, "cá nhân"), (20, "hộ gia đình")]


def test_status_proposed_and_target() -> None:
    text = (
        "UBND tỉnh đã tặng Bằng khen cho 32 tập thể và đề nghị Thủ tướng Chính phủ tặng Bằng "
        "khen cho 4 tập thể. Hội đồng trình Chủ tịch nước xét tặng Huân chương Lao động cho "
        "7 cá nhân. Năm 2026, tỉnh phấn đấu có 10 tập thể được tặng Cờ thi đua của Chính phủ. "
        "Chỉ tiêu là 50 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở."
    )
    assert [(c, s) for c, _, s in brief(text)] == [
        (32, "awarded"), (4, "proposed"), (7, "proposed"), (10, "target"), (50, "target")]
    found = figures(text)
    assert found[1].giver == "Thủ tướng Chính phủ" and found[1].level == "Chính phủ"
    assert found[3].year == 2026


def test_programme_is_not_a_proposal() -> None:
    text = "Trong chương trình hội nghị, ông A trình bày báo cáo và trao Giấy khen cho 8 cá nhân."
    assert brief(text) == [(8, "8 cá nhân", "awarded")]


def test_numbers_that_are_not_award_figures() -> None:
    text = (
        "Theo Quyết định 465/QĐ-TTg ngày 1/3, 19/19 chỉ tiêu đạt và vượt; Đại hội lần thứ III "
        "có 265 đại biểu dự, tổng thu 1,28 triệu tỷ đồng, đạt 79,92% kế hoạch, hotline "
        "0912.345.678; Bằng khen được trao cho các tập thể tiêu biểu."
    )
    assert figures(text) == []


def test_counts_not_tied_to_an_award() -> None:
    text = ("Năm 2024, 1.200 hộ dân bị ảnh hưởng được hỗ trợ, UBND tỉnh Quảng Nam đã tặng "
            "Bằng khen cho 10 tập thể. Tỉnh trao 500 suất quà cho 500 hộ nghèo và khen thưởng "
            "15 cá nhân. Có 300 người tham dự lễ khen thưởng.")
    assert [(c, w) for c, w, _ in brief(text)] == [(10, "10 tập thể"), (15, "15 cá nhân")]


def test_sentence_without_commendation_has_no_figures() -> None:
    assert figures("Năm nay có 40 tập thể và 30 cá nhân tham gia hội thao.") == []


def test_lead_repeating_the_body_is_counted_once() -> None:
    text = (
        "Bắc Ninh: hai tập thể được tặng Huân chương Lao động\n"
        "Sáng 3/2, hai tập thể được tặng Huân chương Lao động.\n"
        "Tại buổi lễ, Chủ tịch nước trao Huân chương Lao động hạng Ba cho 02 tập thể. "
        "UBND tỉnh trao Bằng khen cho 2 tập thể."
    )
    found = figures(text)
    assert [(f.count, f.award) for f in found] == [
        (2, "Huân chương Lao động"), (2, "Bằng khen")]
    assert found[0].start == 0 + text.index("hai tập thể")  # kept at its first mention


def test_headline_total_is_marked() -> None:
    text = (
        "Nghệ An: 141 tập thể, cá nhân được khen thưởng\n"
        "Dịp này, 19 tập thể, 122 cá nhân được nhận các hình thức khen thưởng cấp Nhà nước."
    )
    found = figures(text)
    assert [(f.count, f.is_total) for f in found] == [(141, True), (19, False), (122, False)]


def test_stated_total() -> None:
    text = "Tổng cộng có 57 tập thể được tặng Giấy khen, trong đó 12 tập thể được tặng Bằng khen."
    assert [(f.count, f.is_total) for f in figures(text)] == [(57, True), (12, False)]


def test_sentence_offsets_in_a_longer_text() -> None:
    text = "Mở đầu.\nHội nghị diễn ra. Sau đó, Bộ trưởng Bộ Y tế trao Bằng khen cho 9 tập thể."
    (f,) = figures(text)
    assert f.sentence == "Sau đó, Bộ trưởng Bộ Y tế trao Bằng khen cho 9 tập thể."
    assert text[f.start:f.end] == "9 tập thể"


def test_passive_award_inside_a_target_stays_a_target():
    text = ("Toàn tỉnh phấn đấu có ít nhất 20 tập thể được tặng Cờ thi đua của UBND tỉnh "
            "và 150 cá nhân đạt danh hiệu \"Chiến sĩ thi đua cấp tỉnh\".")
    assert [(f.count, f.status) for f in analyze(text).awards] == [(20, "target"), (150, "target")]


def _statuses(text):
    return [(f.count, f.recipient_kind, f.status) for f in analyze(text).awards]


def test_a_target_governs_the_proposal_it_mentions():
    assert _statuses("Năm 2026, tỉnh phấn đấu có 5 tập thể được đề nghị tặng Cờ thi đua của "
                     "Chính phủ.") == [(5, "tập thể", "target")]


def test_list_items_take_the_status_of_their_intro_and_elliptical_clauses_their_verb():
    text = ("Hội đồng thống nhất đề nghị khen thưởng cho các tập thể, cá nhân, cụ thể:\n"
            "- Trình Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho 01 tập thể; "
            "Huân chương Lao động hạng Ba cho 04 tập thể, 07 cá nhân;\n"
            "- Bằng khen của Thủ tướng Chính phủ: 19 tập thể, 27 cá nhân.")
    assert _statuses(text) == [(1, "tập thể", "proposed"), (4, "tập thể", "proposed"),
                               (7, "cá nhân", "proposed"), (19, "tập thể", "proposed"),
                               (27, "cá nhân", "proposed")]


def test_a_list_of_forms_with_colons_gives_figures():
    text = ("Dịp này, các tập thể, cá nhân được nhận các hình thức khen thưởng gồm:\n"
            "- Cờ thi đua của Chính phủ: 2 tập thể;\n"
            "- Bằng khen của Chủ tịch UBND tỉnh: 112 tập thể, 205 cá nhân.")
    assert _statuses(text) == [(2, "tập thể", "awarded"), (112, "tập thể", "awarded"),
                               (205, "cá nhân", "awarded")]


@pytest.mark.parametrize("text", [
    "Hội đồng không xem xét đề nghị khen thưởng đối với 3 tập thể vi phạm.",
    "Vẫn còn 17 công nhân có sáng kiến nhưng chưa được khen thưởng.",
])
def test_counts_said_not_to_be_commended_are_not_figures(text):
    assert analyze(text).awards == []


def test_concurrence_is_a_proposal():
    text = "Sở Nội vụ đã hiệp y khen thưởng đối với 4 cá nhân do Bộ Xây dựng đề nghị."
    assert _statuses(text) == [(4, "cá nhân", "proposed")]


def _forms(text):
    return [(f.count, f.recipient_kind, f.award, f.status) for f in analyze(text).awards]


def test_a_review_heading_governs_the_list_under_it():
    text = ("Hội đồng Thi đua - Khen thưởng xã họp xét khen thưởng năm 2025\n"
            "Sau khi thảo luận, Hội đồng thống nhất: tặng danh hiệu Lao động tiên tiến cho "
            "410 cá nhân; tặng Giấy khen của Chủ tịch UBND xã cho 36 hộ gia đình.\n"
            "Tiếp đó, Bằng khen của Chủ tịch UBND tỉnh cho 3 tập thể.")
    found = analyze(text).awards
    assert [(f.count, f.status) for f in found] == [(410, "proposed"), (36, "proposed"),
                                                     (3, "proposed")]
    cue = found[0].status_cue
    assert cue is not None and cue.end <= text.index("\n")  # in the heading
    assert "họp" in cue.text and text[cue.start:cue.end] == cue.text


def test_something_given_ends_the_scope_of_a_proposal():
    text = ("Lấy ý kiến Nhân dân đối với các tập thể đề nghị khen thưởng\n"
            "Theo đó, tặng Cờ thi đua của Chính phủ cho 2 tập thể.\n"
            "Cũng trong tháng, Chủ tịch nước đã ký quyết định tặng Huân chương Lao động hạng Ba "
            "cho 5 cá nhân. Chủ tịch UBND tỉnh tặng Bằng khen cho 9 tập thể.")
    found = analyze(text).awards
    assert [(f.count, f.status) for f in found] == [(2, "proposed"), (5, "awarded"),
                                                     (9, "awarded")]
    assert found[0].status_cue.text == "Lấy ý kiến Nhân dân"
    assert found[2].status_cue is None  # the default applied


def test_a_proposal_said_in_a_speech_opens_no_scope():
    text = ("Phát biểu tại hội nghị, đồng chí Bí thư đề nghị các cấp tiếp tục đổi mới công tác "
            "thi đua. Dịp này, Chủ tịch UBND huyện tặng Giấy khen cho 14 tập thể.")
    assert [(c, s) for c, _, _, s in _forms(text)] == [(14, "awarded")]


def test_a_given_clause_under_a_proposal_heading_stays_given():
    text = ("Hội đồng Thi đua - Khen thưởng tỉnh họp xét khen thưởng\n"
            "Hội đồng thống nhất tặng Bằng khen cho 8 cá nhân; trước đó, 12 tập thể đã được "
            "Chủ tịch UBND tỉnh tặng Cờ thi đua.")
    assert [(c, s) for c, _, _, s in _forms(text)] == [(8, "proposed"), (12, "awarded")]


def test_generic_commendation_names_no_form_but_keeps_its_level():
    (f,) = analyze("Năm nay, 12 cá nhân được khen thưởng cấp Nhà nước.").awards
    assert (f.award, f.level) == ("", "Nhà nước")


def test_each_count_takes_the_form_of_its_own_clause():
    text = ("Hội đồng đề nghị tặng danh hiệu LĐTT cho 52 cá nhân, danh hiệu “Chiến sỹ thi đua "
            "cơ sở” cho 6 cá nhân; 2 tập thể, 3 cá nhân đề nghị tặng thưởng Huân chương Lao "
            "động hạng Ba và 4 tập thể đề nghị tặng Cờ thi đua của Chính phủ.")
    assert _forms(text) == [
        (52, "cá nhân", "LĐTT", "proposed"), (6, "cá nhân", "Chiến sỹ thi đua cơ sở", "proposed"),
        (2, "tập thể", "Huân chương Lao động hạng Ba", "proposed"),
        (3, "cá nhân", "Huân chương Lao động hạng Ba", "proposed"),
        (4, "tập thể", "Cờ thi đua của Chính phủ", "proposed")]


def test_quoted_names_and_title_holders_are_forms():
    text = ("UBND tỉnh tặng “Đơn vị dẫn đầu phong trào thi đua” cho 14 tập thể. Dịp này có "
            "3 Nhà giáo Nhân dân, 41 Nhà giáo Ưu tú và 6 “Nghệ nhân ưu tú” được vinh danh.")
    assert [(c, k, a) for c, k, a, _ in _forms(text)] == [
        (14, "tập thể", "Đơn vị dẫn đầu phong trào thi đua"),
        (3, "Nhà giáo Nhân dân", "Nhà giáo Nhân dân"), (41, "Nhà giáo Ưu tú", "Nhà giáo Ưu tú"),
        (6, "Nghệ nhân ưu tú", "Nghệ nhân ưu tú")]


def test_award_items_their_grades_and_party_badges():
    text = ("Lãnh đạo đơn vị trao 7 Huân chương Chiến công (2 hạng nhất, 5 hạng ba) cho các "
            "tập thể. Tỉnh ủy trao Huy hiệu 60 năm tuổi Đảng cho 31 đảng viên, huy hiệu 40 năm "
            "cho 212 đảng viên.")
    found = analyze(text).awards
    assert [(f.count, f.recipient_kind, f.award, f.is_total) for f in found] == [
        (7, "Huân chương", "Huân chương Chiến công", True),
        (2, "Huân chương", "Huân chương Chiến công hạng nhất", False),
        (5, "Huân chương", "Huân chương Chiến công hạng ba", False),
        (31, "đảng viên", "Huy hiệu 60 năm tuổi Đảng", False),
        (212, "đảng viên", "huy hiệu 40 năm", False)]


def test_a_verb_goes_on_with_the_form_named_before():
    text = ("Chủ tịch nước ký quyết định phong tặng danh hiệu Anh hùng Lao động cho 6 tập thể. "
            "Quyết định số 12/QĐ-CTN truy tặng 4 cá nhân.")
    assert [(c, a) for c, _, a, _ in _forms(text)] == [(6, "Anh hùng Lao động"),
                                                       (4, "Anh hùng Lao động")]


def test_a_list_and_the_parts_of_a_count_share_its_award():
    text = ("Ban Thường vụ tặng bằng khen cho 2 đảng bộ, 9 chi bộ trực thuộc, 120 đảng viên. "
            "Bộ trao danh hiệu “Kỹ sư trẻ tiêu biểu” cho 7 thành viên, trong đó có 5 thành viên "
            "nữ.")
    assert [(c, k, a) for c, k, a, _ in _forms(text)] == [
        (2, "đảng bộ", "bằng khen"), (9, "chi bộ", "bằng khen"), (120, "đảng viên", "bằng khen"),
        (7, "thành viên", "Kỹ sư trẻ tiêu biểu"), (5, "thành viên", "Kỹ sư trẻ tiêu biểu")]


def test_status_cue_survives_the_analysis_dict():
    import json

    from newsmon.nlp import Analysis

    text = "Hội đồng đề nghị tặng Bằng khen cho 4 tập thể. Tỉnh tặng Giấy khen cho 9 tập thể."
    analysis = analyze(text)
    back = Analysis.from_dict(json.loads(json.dumps(analysis.to_dict(), ensure_ascii=False)))
    assert back.awards == analysis.awards
    assert [f.status_cue.text if f.status_cue else None for f in back.awards] == [
        "đề nghị", None]
    old = analysis.to_dict()
    for a in old["awards"]:
        del a["status_cue"]  # stored before the field existed
    assert Analysis.from_dict(old).awards[0].status_cue is None


def test_one_of_a_counted_set_is_not_a_new_figure():
    text = ("Chủ tịch UBND tỉnh tặng Cờ thi đua cho 5 tập thể. Trường THCS Tân Lập là một "
            "trong 5 đơn vị nhận Cờ thi đua đợt này.")
    assert [(c, k) for c, k, _, _ in _forms(text)] == [(5, "tập thể")]


def test_orders_of_every_rank_and_counts_linked_by_doi_voi():
    text = ("Ban Thi đua lấy ý kiến Nhân dân đề nghị Chủ tịch nước tặng thưởng Huân chương Lao "
            "động các hạng đối với 04 tập thể và 02 cá nhân.")
    assert _forms(text) == [(4, "tập thể", "Huân chương Lao động các hạng", "proposed"),
                            (2, "cá nhân", "Huân chương Lao động các hạng", "proposed")]


def test_a_council_meeting_and_its_vote_govern_the_colon_list():
    text = ("Hội đồng Thi đua - Khen thưởng thành phố họp phiên thứ hai\n"
            "Hội đồng biểu quyết thông qua: Cờ thi đua của UBND thành phố: 9 tập thể; Bằng khen "
            "của Chủ tịch UBND thành phố: 70 tập thể, 115 cá nhân.")
    assert [(c, a, s) for c, _, a, s in _forms(text)] == [
        (9, "Cờ thi đua của UBND thành phố", "proposed"),
        (70, "Bằng khen của Chủ tịch UBND thành phố", "proposed"),
        (115, "Bằng khen của Chủ tịch UBND thành phố", "proposed")]


def test_parts_that_name_their_own_award_and_add_up_to_a_total():
    text = ("Đảng ủy phường trao Huy hiệu Đảng cho 25 đảng viên, trong đó có 3 đồng chí nhận "
            "Huy hiệu 55 năm tuổi Đảng và 22 đồng chí nhận Huy hiệu 30 năm tuổi Đảng.")
    found = analyze(text).awards
    assert [(f.count, f.award, f.is_total) for f in found] == [
        (25, "Huy hiệu Đảng", True), (3, "Huy hiệu 55 năm tuổi Đảng", False),
        (22, "Huy hiệu 30 năm tuổi Đảng", False)]


@pytest.mark.parametrize("text", [
    "Chủ tịch UBND tỉnh tặng Bằng khen cho 10 tập thể, 200 hộ nghèo nhận quà tết.",
    "Chủ tịch UBND tỉnh tặng Bằng khen cho 10 tập thể. Đoàn trao cho 200 hộ nghèo mỗi hộ một "
    "suất quà.",
])
def test_gift_receivers_next_to_an_award_are_not_figures(text):
    assert [(c, k) for c, k, _, _ in _forms(text)] == [(10, "tập thể")]


def test_a_count_takes_the_one_form_the_next_sentence_spells_out():
    text = ("Sở Nội vụ đã nhận hồ sơ đề nghị khen thưởng cấp Nhà nước cho 3 cá nhân. Cụ thể, đề "
            "nghị Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho ông A, bà B và ông C.")
    assert _forms(text) == [(3, "cá nhân", "Huân chương Lao động hạng Nhì", "proposed")]
    two = text.replace("bà B và ông C.", "bà B; Huy chương Hữu nghị cho ông C.")
    assert _forms(two) == [(3, "cá nhân", "", "proposed")]


def test_named_badges_and_a_list_that_goes_on_after_a_comma():
    text = ("Tỉnh đoàn tặng Bằng khen cho 40 cán bộ đoàn, 90 đoàn viên; 25 đoàn viên được tặng "
            "Huy hiệu Tuổi trẻ dũng cảm của Trung ương Đoàn.")
    assert [(c, k, a) for c, k, a, _ in _forms(text)] == [
        (40, "cán bộ đoàn", "Bằng khen"), (90, "đoàn viên", "Bằng khen"),
        (25, "đoàn viên", "Huy hiệu Tuổi trẻ dũng cảm của Trung ương Đoàn")]


def test_a_count_with_its_own_verb_after_a_comma_starts_a_new_clause():
    text = ("52 vận động viên được đề nghị nhận Bằng khen của Thủ tướng Chính phủ, 140 vận động "
            "viên nhận Giấy khen của Giám đốc Sở Y tế.")
    assert [(c, a, s) for c, _, a, s in _forms(text)] == [
        (52, "Bằng khen của Thủ tướng Chính phủ", "proposed"),
        (140, "Giấy khen của Giám đốc Sở Y tế", "awarded")]


def test_grades_written_alone_after_an_order():
    text = ("Chủ tịch nước tặng Huân chương Lao động các hạng cho 4 tập thể (hạng Nhì 1 tập thể, "
            "hạng Ba 3 tập thể). Bộ Công an trao 11 Huân chương Chiến công, trong đó 2 hạng nhì "
            "và 9 hạng ba. Huân chương Dũng cảm được trao cho 2 chiến sĩ; Huân chương Bảo vệ Tổ "
            "quốc hạng Nhì cho 1 tập thể, hạng Ba cho 6 cá nhân.")
    found = analyze(text).awards
    assert [(f.count, f.recipient_kind, f.award, f.is_total) for f in found] == [
        (4, "tập thể", "Huân chương Lao động các hạng", True),
        (1, "tập thể", "Huân chương Lao động hạng Nhì", False),
        (3, "tập thể", "Huân chương Lao động hạng Ba", False),
        (11, "Huân chương", "Huân chương Chiến công", True),
        (2, "Huân chương", "Huân chương Chiến công hạng nhì", False),
        (9, "Huân chương", "Huân chương Chiến công hạng ba", False),
        (2, "chiến sĩ", "Huân chương Dũng cảm", False),
        (1, "tập thể", "Huân chương Bảo vệ Tổ quốc hạng Nhì", False),
        (6, "cá nhân", "Huân chương Bảo vệ Tổ quốc hạng Ba", False)]


def test_a_ceremony_ends_a_review_told_in_the_body():
    text = ("Trường THPT Lê Lợi kỷ niệm 40 năm thành lập\n"
            "Trước đó, Hội đồng Thi đua - Khen thưởng tỉnh đã họp xét, đề nghị Thủ tướng Chính "
            "phủ tặng Bằng khen cho 3 tập thể. Tại buổi lễ, Giám đốc Sở Giáo dục và Đào tạo trao "
            "Giấy khen cho 12 giáo viên.")
    assert [(c, s) for c, _, _, s in _forms(text)] == [(3, "proposed"), (12, "awarded")]


@pytest.mark.parametrize("lead", [
    "Quốc hội biểu quyết thông qua Luật Đất đai sửa đổi với 432 đại biểu tán thành.",
    "Ban quản lý đã xét duyệt hồ sơ của 12 dự án đầu tư.",
])
def test_votes_and_reviews_of_other_things_open_no_scope(lead):
    text = lead + "\n\nDịp này, Chủ tịch nước tặng Huân chương Lao động hạng Ba cho 5 tập thể."
    assert [(c, s) for c, _, _, s in _forms(text)] == [(5, "awarded")]


def test_a_title_the_lexicon_does_not_know_is_read_after_danh_hieu():
    text = ("UBND thành phố tặng danh hiệu Công dân Thủ đô ưu tú cho 10 cá nhân. Năm nay có 45 "
            "đơn vị đạt danh hiệu Đơn vị văn hóa cấp tỉnh. Tỉnh tặng danh hiệu cho 5 tập thể.")
    found = analyze(text).awards
    assert [(f.count, f.award) for f in found] == [
        (10, "Công dân Thủ đô ưu tú"), (45, "Đơn vị văn hóa cấp tỉnh"), (5, "")]
    assert found[1].level == "tỉnh"
