import pytest

from newsmon.index.query import (
    And,
    Field,
    MatchAll,
    Not,
    Or,
    Phrase,
    QueryError,
    Term,
    hints,
    parse,
    ranking_terms,
    split_text,
)


def test_words_are_anded_and_phrases_kept():
    assert parse('cần thơ "khen thưởng"') == And(
        (Term("cần"), Term("thơ"), Phrase("khen thưởng")))


def test_operators_parentheses_and_minus():
    assert parse("a OR (b -c) NOT d") == Or((
        Term("a"), And((Term("b"), Not(Term("c")), Not(Term("d")))),
    ))


def test_lowercase_operators_are_words():
    assert parse("a or b") == And((Term("a"), Term("or"), Term("b")))


def test_fields_with_quoted_values_and_curly_quotes():
    assert parse("unit:\u201cUBND TP Cần Thơ\u201d source:baotintuc has:award") == And((
        Field("unit", "UBND TP Cần Thơ"), Field("source", "baotintuc"), Field("has", "award"),
    ))


@pytest.mark.parametrize(("query", "hint"), [
    ('unti:"Cần Thơ"', "did you mean 'unit:'?"), ("campain:x", "did you mean 'campaign:'?"),
    ("http:x", "the fields are unit:, campaign:"),
])
def test_an_unknown_field_is_an_error_with_the_nearest_field(query, hint):
    with pytest.raises(QueryError) as info:
        parse(query)
    assert info.value.position == 0 and hint in info.value.message


def test_urls_times_and_quoted_colons_are_words():
    assert parse("http://x.vn/a") == Term("http://x.vn/a")
    assert parse("lúc 10:30") == And((Term("lúc"), Term("10:30")))
    assert parse('"ghi chú:x"') == Phrase("ghi chú:x")


def test_lower_case_operators_get_a_hint():
    assert hints("a or b") == ["'or' is searched as a word; write OR in capitals for the "
                               "operator."]
    assert [h.split("'")[1] for h in hints("a and b Not c")] == ["and", "not"]
    assert hints("a OR b") == hints('"bread and butter"') == []


def test_a_reversed_date_range_is_an_error():
    with pytest.raises(QueryError, match="ends .*before it starts"):
        parse("khen from:2026-12-01 to:2026-11-01")
    assert parse("from:2026-11-01 to:2026-11-01") == And(
        (Field("from", "2026-11-01"), Field("to", "2026-11-01")))


@pytest.mark.parametrize(("typed", "value"), [
    ("from:2026-11", "2026-11-01"), ("to:2026-11", "2026-11-30"), ("to:2024-02", "2024-02-29"),
    ("from:2026", "2026-01-01"), ("to:2026", "2026-12-31"), ("to:2026-11-05", "2026-11-05")])
def test_months_and_years_are_whole_days(typed, value):
    assert parse(typed).value == value


@pytest.mark.parametrize("query", ["from:20260101", "to:2026-W01", "from:2026-1-5",
                                   "to:2026-02-30", "from:26-01-01"])
def test_other_date_forms_are_refused(query):
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        parse(query)


@pytest.mark.parametrize(("query", "expected"), [
    ("(" * 300 + "a" + ")" * 300, "nested parentheses"),
    ("-" * 1999 + "a", "NOT or - in a row"),
    ("NOT " * 100 + "a", "NOT or - in a row"),
    ("khen " * 100, "the limit is 64"),
    ("a" * 2500, "the limit is 2,000"),
])
def test_limits_are_clear_errors(query, expected):
    with pytest.raises(QueryError, match=expected):
        parse(query)


def test_empty_query_matches_all():
    assert parse("   ") == MatchAll()


@pytest.mark.parametrize(("query", "position", "expected"), [
    ("a OR", 4, "after the operator"),
    ("(a b", 4, "expected ')'"),
    ("a )", 2, "closes no '('"),
    ('"open', 0, "unclosed quote"),
    ("unit:", 5, "expected a value"),
    ("from:2026-13-40", 5, "YYYY-MM-DD"),
    ("has:money", 4, "has:award"),
    ("OR a", 0, "before 'OR'"),
])
def test_errors_name_the_position_and_what_was_expected(query, position, expected):
    with pytest.raises(QueryError) as info:
        parse(query)
    assert info.value.position == position
    assert expected in info.value.message
    assert info.value.pointer().splitlines()[1].index("^") == position + 2


def test_text_and_filters_are_split_once_for_every_backend():
    tree = parse('khen "thi đua" -bóng unit:"Cần Thơ" (a OR has:award)')
    text, negated, rest = split_text(tree)
    assert text == [Term("khen"), Phrase("thi đua")]
    assert negated == [Not(Term("bóng"))]
    assert rest == [Field("unit", "Cần Thơ"), Or((Term("a"), Field("has", "award")))]
    assert ranking_terms(tree) == ["khen", "thi đua"]
    assert split_text(parse("-khen source:x")) == (
        [], [], [Not(Term("khen")), Field("source", "x")])
