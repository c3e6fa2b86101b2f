"""The query builder writes query-language text the parser reads back."""

from __future__ import annotations

import pytest

from newsmon.index.query import And, Field, parse
from newsmon.web.builder import BuilderError, build, combine, narrowed


def test_fields_become_query_text_the_parser_reads():
    text = build(
        {
            "b_unit": "UBND tỉnh Nghệ An",
            "b_campaign": "Dân vận khéo",
            "b_source": "baotintuc",
            "b_from": "01/11/2026",
            "b_to": "2026-11-30",
            "b_has_award": "1",
        }
    )
    assert text == (
        'unit:"UBND tỉnh Nghệ An" campaign:"Dân vận khéo" source:baotintuc '
        "from:2026-11-01 to:2026-11-30 has:award"
    )
    tree = parse(text)
    assert isinstance(tree, And)
    assert Field("unit", "UBND tỉnh Nghệ An") in tree.items
    assert Field("from", "2026-11-01") in tree.items


def test_quotes_in_a_value_cannot_break_out_of_the_field():
    text = build({"b_person": 'Nguyễn "Văn" A) OR (x'})
    assert text == 'person:"Nguyễn Văn A) OR (x"'
    assert parse(text) == Field("person", "Nguyễn Văn A) OR (x")


def test_a_date_in_another_form_is_explained():
    with pytest.raises(BuilderError, match="dd/mm/yyyy"):
        build({"b_from": "31/02/2026"})
    with pytest.raises(BuilderError, match="Đến ngày"):
        build({"b_to": "tomorrow"})


def test_empty_fields_build_nothing_and_keep_the_typed_query():
    assert build({"b_unit": "  ", "b_from": ""}) == ""
    assert combine(" can tho ", "") == "can tho"
    assert combine("can tho", "has:award") == "can tho has:award"


def test_a_clicked_facet_narrows_the_query():
    assert narrowed("khen", "unit", "thành phố Cần Thơ") == 'khen unit:"thành phố Cần Thơ"'
    assert narrowed("", "source", "baotintuc") == "source:baotintuc"
