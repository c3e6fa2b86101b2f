"""The search language, parsed once into a small tree that each backend compiles.

    cần thơ "khen thưởng" -quảng (a OR b) NOT c unit:"UBND TP Cần Thơ"
    campaign:"Dân vận khéo" source:baotintuc from:2026-11-01 to:2026-11-30 has:award

Words next to each other must all match (AND). AND/OR/NOT are operators
only in capitals; `-word` is NOT. Field values with spaces are quoted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

FIELDS = ("unit", "campaign", "person", "place", "source", "award", "from", "to", "has")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


class QueryError(ValueError):
    """A query that cannot be parsed; `position` is the 0-based character offset."""

    def __init__(self, message: str, position: int, query: str) -> None:
        self.message = message
        self.position = position
        self.query = query
        super().__init__(f"{message} at position {position + 1}: {query!r}")

    def pointer(self) -> str:
        """Two lines that show the query and a caret under the faulty spot."""
        return f"  {self.query}\n  {' ' * self.position}^ {self.message}"


@dataclass(frozen=True)
class Term:
    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Field:
    name: str
    value: str


@dataclass(frozen=True)
class Not:
    item: Query


@dataclass(frozen=True)
class And:
    items: tuple[Query, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Query, ...]


@dataclass(frozen=True)
class MatchAll:
    pass


Query = Term | Phrase | Field | Not | And | Or | MatchAll

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<lparen>\()
      | (?P<rparen>\))
      | (?P<phrase>"[^"]*"?)
      | (?P<field>(?i:unit|campaign|person|place|source|award|from|to|has):)
      | (?P<minus>-(?=\S))
      | (?P<word>[^\s()"]+)""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokenize(query: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    for m in _TOKEN.finditer(query):
        kind = m.lastgroup or ""
        text = m.group()
        if kind == "space":
            continue
        if kind == "phrase" and (len(text) < 2 or not text.endswith('"')):
            raise QueryError("unclosed quote: add the closing \"", m.start(), query)
        if kind == "word" and text in ("AND", "OR", "NOT"):
            kind = text
        tokens.append(_Tok(kind, text, m.start()))
    return tokens


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _tokenize(query)
        self.i = 0

    def peek(self) -> _Tok | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, message: str, tok: _Tok | None = None) -> QueryError:
        pos = tok.pos if tok else len(self.query)
        return QueryError(message, pos, self.query)

    def parse(self) -> Query:
        if not self.tokens:
            return MatchAll()
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            raise self.error("unexpected ')': it closes no '('" if tok.kind == "rparen"
                             else f"unexpected {tok.text!r}", tok)
        return node

    def or_expr(self) -> Query:
        items = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Query:
        items = [self.unary()]
        while (tok := self.peek()) is not None and tok.kind not in ("OR", "rparen"):
            if tok.kind == "AND":
                self.take()
            items.append(self.unary())
        flat = [part for item in items
                for part in (item.items if isinstance(item, And) else (item,))]
        return flat[0] if len(flat) == 1 else And(tuple(flat))

    def unary(self) -> Query:
        tok = self.peek()
        if tok is not None and tok.kind in ("NOT", "minus"):
            self.take()
            return Not(self.unary())
        return self.primary()

    def primary(self) -> Query:
        tok = self.peek()
        if tok is None:
            raise self.error("expected a word, a \"phrase\", a field or '(' after the operator")
        if tok.kind in ("AND", "OR", "rparen"):
            raise self.error(f"expected a word, a \"phrase\", a field or '(' before {tok.text!r}",
                             tok)
        self.take()
        if tok.kind == "lparen":
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise self.error("expected ')' to close the '(' opened at position "
                                 f"{tok.pos + 1}", close)
            self.take()
            return node
        if tok.kind == "phrase":
            return _phrase(tok.text[1:-1])
        if tok.kind == "field":
            return self.field(tok)
        return Term(tok.text)

    def field(self, tok: _Tok) -> Query:
        name = tok.text[:-1].lower()
        value_tok = self.peek()
        if value_tok is None or value_tok.kind not in ("word", "phrase") or (
            value_tok.pos != tok.pos + len(tok.text)
        ):
            raise self.error(f"expected a value right after '{name}:', for example "
                             f"{name}:{_EXAMPLES[name]}", value_tok)
        self.take()
        value = value_tok.text[1:-1] if value_tok.kind == "phrase" else value_tok.text
        value = value.strip()
        if not value:
            raise self.error(f"empty value for '{name}:'", value_tok)
        if name in ("from", "to"):
            try:
                date.fromisoformat(value)
            except ValueError:
                raise self.error(f"'{name}:' takes a date written YYYY-MM-DD", value_tok) from None
        if name == "has" and value.lower() != "award":
            raise self.error("'has:' knows only has:award", value_tok)
        return Field(name, value)


_EXAMPLES = {
    "unit": '"UBND TP Cần Thơ"', "campaign": '"Dân vận khéo"', "person": '"Nguyễn Văn A"',
    "place": '"Nghệ An"', "source": "baotintuc", "award": '"Bằng khen"', "from": "2026-11-01",
    "to": "2026-11-30", "has": "award",
}


def _phrase(text: str) -> Query:
    words = text.split()
    if len(words) == 1:
        return Term(words[0])
    return Phrase(" ".join(words)) if words else MatchAll()


def parse(query: str) -> Query:
    """Parse a query string; raises QueryError naming the position and what was expected."""
    return _Parser(query.translate(_QUOTES)).parse()
