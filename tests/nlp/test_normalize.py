from newsmon.nlp.normalize import fold, modern_tones, name_key


def test_fold_strips_diacritics_and_keeps_length():
    for text in ("Cần Thơ", "ĐÀ NẴNG", "Uỷ ban", "“Dân vận khéo”", "Khánh Hoà"):
        assert len(fold(text)) == len(text)
    assert fold("ĐÀ NẴNG") == "da nang"
    assert fold("“Dân vận khéo”") == '"dan van kheo"'


def test_modern_tones_moves_old_style_marks_only_at_syllable_end():
    assert modern_tones("Uỷ ban nhân dân tỉnh Khánh Hoà") == "Ủy ban nhân dân tỉnh Khánh Hòa"
    assert modern_tones("thuỷ lợi, hoàn thành, quý") == "thủy lợi, hoàn thành, quý"


def test_name_key_merges_spellings():
    assert name_key("Uỷ ban nhân dân TP. Cần Thơ") == name_key("ủy ban nhân dân tp cần thơ")
