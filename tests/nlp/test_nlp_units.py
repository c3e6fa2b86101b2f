"""Units: one canonical name per body or place, ranked by mentions."""

from newsmon.nlp import analyze


def test_three_spellings_of_can_tho_committee_are_one_unit() -> None:
    text = (
        "UBND TP. Cần Thơ tổ chức hội nghị. Theo Uỷ ban nhân dân thành phố Cần Thơ, "
        "năm nay UBND thành phố Cần Thơ sẽ đầu tư thêm. Sở Y tế Hậu Giang cũng tham dự."
    )
    analysis = analyze(text)
    orgs = {e.canonical for e in analysis.entities if e.type == "ORG"}
    assert orgs == {"Ủy ban nhân dân thành phố Cần Thơ", "Sở Y tế tỉnh Hậu Giang"}
    assert analysis.units[:2] == ["Ủy ban nhân dân thành phố Cần Thơ", "thành phố Cần Thơ"]
    assert analysis.units.count("Ủy ban nhân dân thành phố Cần Thơ") == 1


def test_bare_ubnd_tinh_resolves_to_the_dominant_province() -> None:
    text = (
        "Chiều 5/6, UBND tỉnh Nghệ An họp. Tỉnh ủy Nghệ An chỉ đạo. "
        "UBND tỉnh giao Sở Y tế tỉnh Nghệ An triển khai; Tỉnh ủy theo dõi."
    )
    analysis = analyze(text)
    by_text = {e.text: e.canonical for e in analysis.entities if e.type == "ORG"}
    assert by_text["UBND tỉnh"] == "Ủy ban nhân dân tỉnh Nghệ An"
    assert by_text["Tỉnh ủy"] == "Tỉnh ủy Nghệ An"
    assert analysis.units[0] == "tỉnh Nghệ An"
    assert "Ủy ban nhân dân tỉnh" not in analysis.units


def test_bare_ubnd_tinh_stays_unresolved_when_no_province_dominates() -> None:
    text = "UBND tỉnh Nghệ An và UBND tỉnh Hà Tĩnh ký kết hợp tác. UBND tỉnh giao nhiệm vụ."
    analysis = analyze(text)
    bare = [e for e in analysis.entities if e.text == "UBND tỉnh"]
    assert [e.canonical for e in bare] == ["Ủy ban nhân dân tỉnh"]
    assert "Ủy ban nhân dân tỉnh" not in analysis.units
    assert set(analysis.units) == {
        "Ủy ban nhân dân tỉnh Nghệ An", "tỉnh Nghệ An",
        "Ủy ban nhân dân tỉnh Hà Tĩnh", "tỉnh Hà Tĩnh",
    }


def test_ubnd_tinh_does_not_resolve_to_a_city() -> None:
    text = "UBND TP. Cần Thơ họp; UBND tỉnh cho biết sẽ phối hợp."
    bare = [e for e in analyze(text).entities if e.text == "UBND tỉnh"]
    assert bare[0].canonical == "Ủy ban nhân dân tỉnh"


def test_giver_inside_an_award_counts_as_a_mention() -> None:
    text = "Công ty X nhận Bằng khen của Chủ tịch UBND tỉnh Quảng Ninh."
    assert analyze(text).units == ["Công ty X", "Ủy ban nhân dân tỉnh Quảng Ninh",
                                   "tỉnh Quảng Ninh"]


def test_units_are_ranked_by_mentions_and_capped() -> None:
    places = ["Hà Nội", "Huế", "Đà Nẵng", "Cà Mau", "Lào Cai", "Sơn La", "Gia Lai",
              "Tây Ninh", "An Giang", "Đồng Nai", "Phú Thọ", "Lạng Sơn"]
    text = "Đoàn đi " + ", ".join(places) + ". Sau đó trở lại Lạng Sơn và Lạng Sơn."
    units = analyze(text).units
    assert len(units) == 10
    assert units[0] == "tỉnh Lạng Sơn"
    assert "Việt Nam" not in analyze("Việt Nam và Lào hợp tác.").units


def test_rivers_regions_and_venues_are_places_but_not_units() -> None:
    text = ("Đoàn công tác của UBND tỉnh Vĩnh Long khảo sát hai bờ sông Cổ Chiên, rồi dự hội "
            "nghị các tỉnh vùng Đồng bằng sông Cửu Long tại Trung tâm Hội nghị tỉnh Cần Thơ.")
    analysis = analyze(text)
    places = {e.canonical for e in analysis.entities if e.type == "LOC"}
    assert any(p.startswith("sông Cổ Chiên") for p in places)
    assert analysis.units[:2] == ["Ủy ban nhân dân tỉnh Vĩnh Long", "tỉnh Vĩnh Long"]
    assert not any(u.startswith(("sông", "vùng", "Trung tâm Hội nghị")) for u in analysis.units)
