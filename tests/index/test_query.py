import pytest

from index.query import And, Field, MatchAll, Not, Or, Phrase, QueryError, Term, parse


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


def test_unknown_field_is_a_word():
    assert parse("http:x") == Term("http:x")


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
