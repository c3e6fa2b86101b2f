"""The sample articles as written in `content/*.toml`, with their `expect`
tables: what tests compare the crawler's and the reader's output against."""

from __future__ import annotations

import tomllib
import unicodedata
from functools import cache
from pathlib import Path

CONTENT_DIR = Path(__file__).parent / "content"


def _nfc(value: object) -> object:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


@cache
def _load() -> tuple[dict, ...]:
    docs = []
    for path in sorted(CONTENT_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            doc = _nfc(tomllib.load(fh))
        doc["file"] = path.name
        docs.append(doc)
    return tuple(docs)


def load_content() -> list[dict]:
    """Every sample article's content and expectations, in file order."""
    return [dict(doc) for doc in _load()]
