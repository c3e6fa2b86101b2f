"""The search language, parsed once into a small tree that each backend compiles.

    cần thơ "khen thưởng" -quảng (a OR b) NOT c unit:"UBND TP Cần Thơ"
    campaign:"Dân vận khéo" source:baotintuc from:2026-11-01 to:2026-11-30 has:award

Words next to each other must all match (AND). AND/OR/NOT are operators
only in capitals; `-word` is NOT. Field values with spaces are quoted.

Besides the tree, this module holds what every backend needs to read one the
same way: which part of a query is text and which is filters (`split_text`),
and the words a hit is ranked and highlighted by (`ranking_terms`). A query is
refused, with the position and what to write instead, when it names an unknown
field, gives a date in another form than YYYY[-MM[-DD]], a date range that ends
before it starts, or goes past the limits on length, words and nesting.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from datetime import date

FIELDS = ("unit", "campaign", "person", "place", "source", "award", "from", "to", "has")
MAX_LENGTH = 2000
MAX_TERMS = 64
MAX_DEPTH = 20
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


#: Every kind of QueryError, by a stable code, with the values its message
#: names. `message` is the CLI's English; a front end in another language
#: writes its own text from the code and values (the web's Vietnamese is in
#: newsmon/web/messages.py, and a test there fails for a code it lacks).
ERROR_CODES: dict[str, tuple[str, ...]] = {
    "unclosed_quote": (),
    "too_long": ("length", "limit"),
    "too_many_terms": ("count", "limit"),
    "unmatched_paren": (),
    "unexpected": ("token",),
    "too_many_nots": ("limit",),
    "missing_operand": (),
    "operand_before": ("token",),
    "too_deep": ("limit",),
    "unclosed_paren": ("opened_at",),
    "unknown_field": ("name", "suggestion", "fields"),
    "missing_value": ("name", "example"),
    "empty_value": ("name",),
    "bad_date": ("name",),
    "bad_has": ("value",),
    "reversed_range": ("start", "end"),
    "unknown_status": ("value",),
}


class QueryError(ValueError):
    """A query that cannot be parsed; `position` is the 0-based character offset,
    `code` one of ERROR_CODES and `values` what its message names."""

    def __init__(self, message: str, position: int, query: str, *, code: str,
                 **values: object) -> None:
        if code not in ERROR_CODES or set(values) != set(ERROR_CODES[code]):
            raise TypeError(f"QueryError code {code!r} with values {sorted(values)}: add the "
                            "code to ERROR_CODES with the values it takes")
        self.message = message
        self.position = position
        self.query = query
        self.code = code
        self.values = values
        super().__init__(f"{message} at position {position + 1}: {query!r}")

    def pointer(self, message: str | None = None) -> str:
        """Two lines that show the query and a caret under the faulty spot, with
        this error's message or one given (the same error in another language)."""
        return f"  {self.query}\n  {' ' * self.position}^ {message or self.message}"


@dataclass(frozen=True)
class Term:
    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Field:
    """`name:value`. `keys`, filled by `index.prepare` for unit: and place:, are the
    name keys (`nlp.normalize.name_key`) any of which a stored name must contain."""

    name: str
    value: str
    keys: tuple[str, ...] = ()


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
      | (?P<field>(?i:FIELD_NAMES):|[^\W\d_]+:(?=[^\s/]))
      | (?P<minus>-(?=\S))
      | (?P<word>[^\s()"]+)""".replace("FIELD_NAMES", "|".join(FIELDS)),
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
            raise QueryError("unclosed quote: add the closing \"", m.start(), query,
                             code="unclosed_quote")
        if kind == "word" and text in ("AND", "OR", "NOT"):
            kind = text
        tokens.append(_Tok(kind, text, m.start()))
    return tokens


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        if len(query) > MAX_LENGTH:
            raise QueryError(f"the query is {len(query):,} characters long; the limit is "
                             f"{MAX_LENGTH:,}: search for fewer words", MAX_LENGTH, query,
                             code="too_long", length=len(query), limit=MAX_LENGTH)
        self.tokens = _tokenize(query)
        words = [t for t in self.tokens if t.kind in ("word", "phrase", "field")]
        if len(words) > MAX_TERMS:
            raise QueryError(f"the query has {len(words)} words, phrases and fields; the "
                             f"limit is {MAX_TERMS}", words[MAX_TERMS].pos, query,
                             code="too_many_terms", count=len(words), limit=MAX_TERMS)
        self.i = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Tok:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def error(self, message: str, tok: _Tok | None = None, *, code: str,
              **values: object) -> QueryError:
        pos = tok.pos if tok else len(self.query)
        return QueryError(message, pos, self.query, code=code, **values)

    def parse(self) -> Query:
        if not self.tokens:
            return MatchAll()
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:
            if tok.kind == "rparen":
                raise self.error("unexpected ')': it closes no '('", tok, code="unmatched_paren")
            raise self.error(f"unexpected {tok.text!r}", tok, code="unexpected", token=tok.text)
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
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.error(f"more than {MAX_DEPTH} NOT or - in a row: write the query "
                                 "with fewer", tok, code="too_many_nots", limit=MAX_DEPTH)
            node = Not(self.unary())
            self.depth -= 1
            return node
        return self.primary()

    def primary(self) -> Query:
        tok = self.peek()
        if tok is None:
            raise self.error("expected a word, a \"phrase\", a field or '(' after the operator",
                             code="missing_operand")
        if tok.kind in ("AND", "OR", "rparen"):
            raise self.error(f"expected a word, a \"phrase\", a field or '(' before {tok.text!r}",
                             tok, code="operand_before", token=tok.text)
        self.take()
        if tok.kind == "lparen":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise self.error(f"more than {MAX_DEPTH} nested parentheses: write the query "
                                 "with fewer", tok, code="too_deep", limit=MAX_DEPTH)
            node = self.or_expr()
            self.depth -= 1
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise self.error("expected ')' to close the '(' opened at position "
                                 f"{tok.pos + 1}", close, code="unclosed_paren",
                                 opened_at=tok.pos + 1)
            self.take()
            return node
        if tok.kind == "phrase":
            return _phrase(tok.text[1:-1])
        if tok.kind == "field":
            return self.field(tok)
        return Term(tok.text)

    def field(self, tok: _Tok) -> Query:
        name = tok.text[:-1].lower()
        if name not in FIELDS:
            near = difflib.get_close_matches(name, FIELDS, n=1, cutoff=0.5)
            hint = (f"did you mean '{near[0]}:'?" if near else
                    "the fields are " + ", ".join(f"{f}:" for f in FIELDS))
            raise self.error(f"unknown field '{name}:': {hint} (put a word with ':' in "
                             "quotes to search for it)", tok, code="unknown_field", name=name,
                             suggestion=near[0] if near else "", fields=FIELDS)
        value_tok = self.peek()
        if value_tok is None or value_tok.kind not in ("word", "phrase") or (
            value_tok.pos != tok.pos + len(tok.text)
        ):
            raise self.error(f"expected a value right after '{name}:', for example "
                             f"{name}:{_EXAMPLES[name]}", value_tok, code="missing_value",
                             name=name, example=f"{name}:{_EXAMPLES[name]}")
        self.take()
        value = value_tok.text[1:-1] if value_tok.kind == "phrase" else value_tok.text
        value = value.strip()
        if not value:
            raise self.error(f"empty value for '{name}:'", value_tok, code="empty_value",
                             name=name)
        if name in ("from", "to"):
            value = _day(value, name == "to")
            if value is None:
                raise self.error(f"'{name}:' takes a date written YYYY-MM-DD (or YYYY-MM, "
                                 "YYYY)", value_tok, code="bad_date", name=name)
        if name == "has" and value.lower() != "award":
            raise self.error("'has:' knows only has:award", value_tok, code="bad_has",
                             value=value)
        return Field(name, value)


def _day(value: str, last: bool) -> str | None:
    """YYYY-MM-DD of a date written YYYY-MM-DD, YYYY-MM or YYYY (its first day, or
    its last for `to:`); None for any other form, which backends would read apart."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or (12 if last else 1)), m[3]
    try:
        if day is None:
            return date(year, month, calendar.monthrange(year, month)[1] if last else 1
                        ).isoformat()
        return date(year, month, int(day)).isoformat()
    except ValueError:
        return None


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
    text = query.translate(_QUOTES)
    tree = _Parser(text).parse()
    _check_range(tree, text)
    return tree


def _check_range(tree: Query, text: str) -> None:
    """A `from:` after the `to:` it is combined with can match nothing: say so."""
    items = tree.items if isinstance(tree, And) else (tree,)
    starts = [i.value for i in items if isinstance(i, Field) and i.name == "from"]
    ends = [i.value for i in items if isinstance(i, Field) and i.name == "to"]
    if starts and ends and max(starts) > min(ends):
        at = text.lower().find("to:")
        raise QueryError(f"the date range ends ({min(ends)}) before it starts "
                         f"({max(starts)}): swap from: and to:", max(at, 0), text,
                         code="reversed_range", start=max(starts), end=min(ends))


def hints(query: str) -> list[str]:
    """Advice on a query that parsed but may not mean what was typed: lower-case
    operators are searched as words."""
    typed = {w for w in re.findall(r'[^\s()"]+', re.sub(r'"[^"]*"', " ", query))
             if w != w.upper()}
    return [f"'{w}' is searched as a word; write {w.upper()} in capitals for the operator."
            for w in ("or", "and", "not") if w in {x.lower() for x in typed}]


# ---- helpers every backend compiles with -----------------------------------------------


def has_word(text: str) -> bool:
    """Whether a term or phrase holds anything to search for (not only punctuation)."""
    return any(ch.isalnum() for ch in text)


def is_text(node: Query) -> bool:
    """Words and phrases only (no field), with at least one positive word to match:
    a full-text engine can answer such a subtree on its own."""
    if isinstance(node, Term | Phrase):
        return has_word(node.text)
    if isinstance(node, Or):
        return all(is_text(i) for i in node.items)
    if isinstance(node, And):
        positive = [i for i in node.items if not isinstance(i, Not)]
        return bool(positive) and all(
            is_text(i.item if isinstance(i, Not) else i) for i in node.items)
    return False


def split_text(node: Query) -> tuple[list[Query], list[Query], list[Query]]:
    """The items of the top-level AND as (text, negated text, the rest): the text is
    matched and ranked by the full-text engine, the rest filters. With no positive
    text, everything is the rest."""
    items = list(node.items) if isinstance(node, And) else [node]
    text = [i for i in items if not isinstance(i, Not) and is_text(i)]
    if not text:
        return [], [], [i for i in items if not isinstance(i, MatchAll)]
    negated = [i for i in items if isinstance(i, Not) and is_text(i.item)]
    rest = [i for i in items if i not in text and i not in negated]
    return text, negated, rest


def ranking_terms(node: Query) -> list[str]:
    """The words and phrases a hit is ranked and highlighted by: those of the positive
    text parts of the top-level AND (text under an OR with a field, or under a NOT,
    neither ranks nor highlights)."""
    return [leaf for item in split_text(node)[0] for leaf in _leaves(item)]


def _leaves(node: Query) -> list[str]:
    if isinstance(node, Term | Phrase):
        return [node.text] if has_word(node.text) else []
    if isinstance(node, And | Or):
        return [t for item in node.items for t in _leaves(item)]
    return []
