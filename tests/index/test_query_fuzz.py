"""Property-based fuzzing of the query language: whatever a user types, the
parser and every backend's compiler answer with a result or with the
project's own error (QueryError: position and what was expected), never
with a foreign exception. 10,000 generated queries run through the SQLite
store; the Elasticsearch compiler is run on the same trees (no server needed)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmon.index import open_store
from newsmon.index.backends.elasticsearch.compiler import compile_query
from newsmon.index.prepare import prepare
from newsmon.index.query import FIELDS, QueryError, parse
from newsmon.index.store import StoreError
from tests.index.corpus import build

# The pieces users type, and the ones that break parsers: fields known and
# unknown, operators in every case, quotes (straight and curly), brackets,
# dates in odd forms, LIKE and FTS5 specials, and non-Latin text.
_PIECES = [
    *(f"{f}:" for f in FIELDS), "unti:", "UNIT:", ":", "OR", "or", "AND", "NOT", "not", "-",
    "(", ")", '"', "“", "”", "'", "*", "^", "%", "_", "\\", "NEAR", "NEAR(", "+", "~",
    "cần thơ", "Cần Thơ", "UBND tinh Quang Ninh", "khen thưởng", "tập thể", "Đ", "đ",
    "2026-11-01", "20260101", "2026-W01", "2026-13-45", "9999-99", "award", "has:award",
    "has:nothing", "baotintuc", "😀", "\u200b", "\x00", "\t", "中文", "абв", "\ufffd",
]
_words = st.lists(st.sampled_from(_PIECES) | st.text(max_size=6), max_size=12)
QUERIES = st.one_of(
    st.builds(" ".join, _words),
    st.builds("".join, _words),
    st.text(max_size=80),
)


def _parsed(query: str):
    try:
        return parse(query)
    except QueryError as exc:
        assert 0 <= exc.position <= len(query) + 1
        return None


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")
    s.add_analyzed(build())
    yield s
    s.close()


@settings(max_examples=10_000, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=QUERIES)
def test_any_query_gives_a_result_or_our_own_error(store, query):
    tree = _parsed(query)
    if tree is None:
        return
    compile_query(prepare(tree))
    try:
        result = store.search(tree, limit=3)
    except (QueryError, StoreError) as exc:
        assert str(exc)
        return
    assert result.total >= len(result.hits)
