"""`analyze` end to end on a made-up article: shape, serialisation, speed."""

import time

from newsmon.nlp import Analysis, analyze

ARTICLE = """Cần Thơ: 6.619 lượt tập thể, cá nhân được khen thưởng trong 5 năm
(TTXVN) Ngày 20/10, UBND TP. Cần Thơ tổ chức Đại hội thi đua yêu nước lần thứ III với 265 đại biểu.
Giai đoạn 2020-2025, Uỷ ban nhân dân thành phố Cần Thơ đã khen thưởng 6.619 lượt tập thể, cá nhân; 19/19 chỉ tiêu đạt và vượt, tổng thu ngân sách đạt 1,28 triệu tỷ đồng.
Phong trào thi đua "Dân vận khéo" và cuộc vận động "Người Việt Nam ưu tiên dùng hàng Việt Nam" được triển khai sâu rộng.
Tại Đại hội, Thượng tướng Lê Văn Tâm trao Huân chương Bảo vệ Tổ quốc hạng Nhì cho Công an TP. Cần Thơ. Bà Trần Thị Mai, Phó Chủ tịch UBND thành phố Cần Thơ, trao Bằng khen của Thủ tướng Chính phủ cho 5 tập thể và 7 cá nhân.
Dịp này, 12 cá nhân được tặng danh hiệu Chiến sĩ thi đua toàn quốc. UBND thành phố đề nghị Chủ tịch nước tặng Huân chương Lao động hạng Ba cho mười lăm tập thể.
Bài và ảnh: Minh Đức
"""  # noqa: E501


def test_article_end_to_end() -> None:
    a = analyze(ARTICLE)
    assert a.units[:2] == ["thành phố Cần Thơ", "Ủy ban nhân dân thành phố Cần Thơ"]
    assert [c.canonical for c in a.campaigns] == [
        "Dân vận khéo", "Người Việt Nam ưu tiên dùng hàng Việt Nam"]
    assert [(f.count, f.recipient_kind, f.status) for f in a.awards] == [
        (6619, "lượt", "awarded"),
        (5, "tập thể", "awarded"),
        (7, "cá nhân", "awarded"),
        (12, "cá nhân", "awarded"),
        (15, "tập thể", "proposed"),
    ]
    pers = [e.canonical for e in a.entities if e.type == "PER"]
    assert pers == ["Lê Văn Tâm", "Trần Thị Mai", "Minh Đức"]


def test_round_trips_through_a_dict() -> None:
    a = analyze(ARTICLE)
    assert Analysis.from_dict(a.to_dict()) == a


def test_empty_and_plain_text() -> None:
    assert analyze("") == Analysis()
    assert analyze("Trời hôm nay đẹp.") == Analysis()


def test_fast_enough() -> None:
    """Aim: < 50 ms for a 6,000-character article; the bound here is loose on purpose."""
    text = (ARTICLE * 6)[:6000]
    analyze(text)  # lexicons and regexes are built once, on first use
    runs = 5
    start = time.perf_counter()
    for _ in range(runs):
        analyze(text)
    assert (time.perf_counter() - start) / runs < 0.25


def test_pipeline_doc_renders_and_keeps_offsets() -> None:
    from spacy import displacy

    from newsmon.nlp import to_doc
    from newsmon.nlp.pipeline import pipeline

    text = "Ngày 2/10, UBND TP. Cần Thơ tặng Bằng khen cho 32 tập thể.\n\nẢnh: Văn Tý/TTXVN"
    doc = to_doc(text)
    assert doc.text == text
    assert "vi_entities" in pipeline().pipe_names
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("UBND TP. Cần Thơ", "ORG", "Ủy ban nhân dân thành phố Cần Thơ"),
        ("Bằng khen", "AWARD", "Bằng khen"), ("Văn Tý", "PER", "Văn Tý"),
        ("TTXVN", "ORG", "Thông tấn xã Việt Nam")]
    assert doc._.awards[0].count == 32
    assert "Cần Thơ" in displacy.render(doc, style="ent")


def test_old_and_new_provinces_are_linked() -> None:
    from newsmon.nlp import province_predecessors, province_successor

    assert province_successor("tỉnh Bình Dương") == "thành phố Hồ Chí Minh"
    assert province_successor("Khánh Hoà") == "tỉnh Khánh Hòa"
    assert province_successor("Gotham") is None
    assert "tỉnh Bình Dương" in province_predecessors("thành phố Hồ Chí Minh")
