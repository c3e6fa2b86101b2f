"""The shipped lexicons: provinces before and after the 2025 merger."""

from newsmon.nlp.gazetteer import provinces, successor


def test_63_old_and_34_current_provinces() -> None:
    assert sum("63" in p.sets for p in provinces()) == 63
    assert sum("34" in p.sets for p in provinces()) == 34


def test_old_to_new_mapping() -> None:
    assert successor("Bình Dương").name == "Hồ Chí Minh"
    assert successor("Bà Rịa-Vũng Tàu").name == "Hồ Chí Minh"
    assert successor("Sóc Trăng").name == "Cần Thơ"
    assert successor("Hậu Giang").name == "Cần Thơ"
    assert successor("Quảng Nam").name == "Đà Nẵng"
    assert successor("Nghệ An").name == "Nghệ An"
    assert successor("Khánh Hoà").name == "Khánh Hòa"  # old tone placement
    assert successor("Thừa Thiên Huế").canonical == "thành phố Huế"


def test_every_successor_is_a_current_unit() -> None:
    for p in provinces():
        assert "34" in successor(p.name).sets, p.name
