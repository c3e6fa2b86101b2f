"""A prepared query as SQL: its text part as one FTS5 expression (matched and ranked
by FTS5), everything else as SQL conditions over `articles a`.

Ranking is bounded: FTS5 scores every match it is asked to order, so a word that is
in most articles costs a bm25 computation per article (a quarter of a second at
100,000 articles). A text-only query with more than `RANK_WINDOW` matches ranks its
`RANK_WINDOW` most recently stored matches first, then the older ones: the first
pages only score the window, and paging stays one consistent order.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsmon.index.backends.base import BaseCompiler, field_keys, like_pattern
from newsmon.index.query import And, Field, Not, Or, Phrase, Query, Term, has_word, split_text
from newsmon.nlp.normalize import fold

RANK_WINDOW = 1000
# Ranking weights: title 10, sapo 4, body 1, names (units, people…) 2.
SCORE = "bm25(articles_fts, 10.0, 4.0, 1.0, 2.0)"
_ENTITY_TYPES = {"person": "PER", "place": "LOC"}

Sql = tuple[str, list]


def fts_string(text: str) -> str:
    """An FTS5 string literal: the folded words as a phrase, safe from FTS syntax."""
    return '"' + fold(text).replace('"', '""') + '"'


class SQLiteCompiler(BaseCompiler[Sql]):
    """SQL conditions over `articles a` (with parameters) for a query tree."""

    def match_all(self) -> Sql:
        return "1", []

    def text(self, text: str) -> Sql:
        return ("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
                [fts_string(text)])

    def not_(self, item: Sql) -> Sql:
        return f"NOT ({item[0]})", item[1]

    def and_(self, items: list[Sql]) -> Sql:
        return " AND ".join(f"({s})" for s, _ in items), [p for _, ps in items for p in ps]

    def or_(self, items: list[Sql]) -> Sql:
        return " OR ".join(f"({s})" for s, _ in items), [p for _, ps in items for p in ps]

    @staticmethod
    def _names(kind: str, node: Field) -> Sql:
        keys = field_keys(node)
        likes = " OR ".join("key LIKE ? ESCAPE '\\'" for _ in keys)
        return (f"SELECT key FROM names WHERE kind = ? AND ({likes})",
                [kind, *(like_pattern(k) for k in keys)])

    def field_unit(self, node: Field) -> Sql:
        names, params = self._names("unit", node)
        return f"a.id IN (SELECT article_id FROM units WHERE key IN ({names}))", params

    def _entity(self, node: Field) -> Sql:
        kind = _ENTITY_TYPES[node.name]
        names, params = self._names(kind, node)
        return (f"a.id IN (SELECT article_id FROM entities WHERE type = ? AND key IN ({names}))",
                [kind, *params])

    field_place = _entity
    field_person = _entity

    def field_campaign(self, node: Field) -> Sql:
        names, params = self._names("campaign", node)
        return f"a.id IN (SELECT article_id FROM campaigns WHERE key IN ({names}))", params

    def field_award(self, node: Field) -> Sql:
        names, params = self._names("award", node)
        return f"a.id IN (SELECT article_id FROM awards WHERE award_key IN ({names}))", params

    def field_source(self, node: Field) -> Sql:
        return "a.source = ?", [node.value.lower()]

    def field_from(self, node: Field) -> Sql:
        return "substr(a.published_at, 1, 10) >= ?", [node.value]

    def field_to(self, node: Field) -> Sql:
        return "substr(a.published_at, 1, 10) <= ?", [node.value]

    def field_has(self, node: Field) -> Sql:
        return "a.id IN (SELECT article_id FROM awards)", []


def fts(node: Query) -> str:
    """The FTS5 expression of a text-only subtree (`index.query.is_text`)."""
    if isinstance(node, Term | Phrase):
        return fts_string(node.text)
    if isinstance(node, Or):
        return "(" + " OR ".join(fts(i) for i in node.items if _matches(i)) + ")"
    if isinstance(node, And):
        positive = [fts(i) for i in node.items if not isinstance(i, Not) and _matches(i)]
        negative = [fts(i.item) for i in node.items if isinstance(i, Not) and _matches(i.item)]
        return "(" + " AND ".join(positive) + "".join(f" NOT {n}" for n in negative) + ")"
    raise TypeError(f"not a text query: {node!r}")


def _matches(node: Query) -> bool:
    return not isinstance(node, Term | Phrase) or has_word(node.text)


@dataclass(frozen=True)
class Plan:
    """A query as SQL: an FTS5 expression for its text and SQL conditions for the rest."""

    match: str
    where: str
    where_params: tuple

    @property
    def params(self) -> list:
        return [self.match, *self.where_params] if self.match else list(self.where_params)

    @property
    def text_only(self) -> bool:
        return bool(self.match) and self.where == "1"

    @property
    def source(self) -> str:
        """FROM … WHERE … of the matching articles (the `a` alias)."""
        return self.source_with("")

    def source_with(self, join: str) -> str:
        """`source` with a join on `a` added (the stories of the articles, for facets)."""
        if self.match:
            return ("FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                    f"{join} WHERE articles_fts MATCH ? AND ({self.where})")
        return f"FROM articles a {join} WHERE {self.where}"

    def count(self) -> Sql:
        if self.text_only:  # every FTS row is an article: no join to count
            return "SELECT COUNT(*) AS n FROM articles_fts WHERE articles_fts MATCH ?", \
                [self.match]
        return f"SELECT COUNT(*) AS n {self.source}", self.params

    def condition(self) -> Sql:
        """The whole query as one condition on `a`, for joins of other tables."""
        if not self.match:
            return self.where, list(self.where_params)
        return (f"a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) "
                f"AND ({self.where})", self.params)

    def window_start(self) -> Sql:
        """The rowid of the RANK_WINDOW-th most recently stored match (ranking bound)."""
        return ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT 1 OFFSET ?", [self.match, RANK_WINDOW - 1])

    def ranked(self, limit: int, offset: int, rowids: tuple[int, int]) -> Sql:
        """A page of the text-only matches with rowids in [low, high), best first:
        FTS5 applies the rowid range itself, so it scores only those."""
        return (f"SELECT a.rowid AS rowid, a.*, -f.score AS score FROM (SELECT rowid, "
                f"{SCORE} AS score FROM articles_fts WHERE articles_fts MATCH ? AND "
                "rowid >= ? AND rowid < ? ORDER BY score LIMIT ? OFFSET ?) f JOIN articles a "
                "ON a.rowid = f.rowid ORDER BY f.score", [self.match, *rowids, limit, offset])

    def page(self, order: str, limit: int, offset: int) -> Sql:
        """One page of matches, every match ranked (see `ranked` for the bounded way)."""
        if self.text_only and order == "relevance":
            return self.ranked(limit, offset, (0, 2**63 - 1))
        if self.match and order == "relevance":
            order_sql, score = f"{SCORE}, a.published_at DESC, a.rowid DESC", f"-{SCORE}"
        else:
            order_sql, score = "a.published_at DESC, a.rowid DESC", "0.0"
        return (f"SELECT a.rowid AS rowid, a.*, {score} AS score {self.source} "
                f"ORDER BY {order_sql} LIMIT ? OFFSET ?", [*self.params, limit, offset])


def plan(node: Query) -> Plan:
    text, negated, rest = split_text(node)
    where, params = SQLiteCompiler().compile(And(tuple(rest))) if rest else ("1", [])
    if not text:
        return Plan("", where, tuple(params))
    match = " AND ".join(fts(t) for t in text) + "".join(f" NOT {fts(n.item)}"
                                                         for n in negated)  # type: ignore
    return Plan(match, where, tuple(params))
