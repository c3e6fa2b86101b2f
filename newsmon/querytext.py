"""The query as typed on the command line, checked before it is parsed.

Characters a search cannot use would otherwise vanish in folding and leave an
empty query, which matches every article: a query of emoji, a pasted string
of zero-width characters or a NUL would answer "all 12,000 articles", which
reads as a result. Such a query is refused with the reason instead.
"""

from __future__ import annotations

import unicodedata

from newsmon.config import ConfigError

#: Invisible characters that text pasted from web pages and chat carries: a
#: zero-width space marks a word break, so it becomes a space ("Cần\u200bThơ" is
#: "Cần Thơ"); joiners, word joiners, BOMs and soft hyphens sit inside words
#: and are dropped.
_INVISIBLE = {0x200B: " ", **dict.fromkeys(map(ord, "\u200c\u200d\u2060\ufeff\u00ad"))}


class QueryTextError(ConfigError):
    """A query refused before parsing. The message is the CLI's English; `code`
    and `values` let the web write it in Vietnamese (newsmon/web/messages.py)."""

    def __init__(self, message: str, *, code: str, **values: object) -> None:
        super().__init__(message)
        self.code = code
        self.values = values


def query_text(words: list[str] | None) -> str:
    """The words of a query joined, invisible characters dropped; a ConfigError
    for control characters, or for a query with nothing to search for."""
    raw = " ".join(words or [])
    for ch in raw:
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r":
            raise QueryTextError(f"The query contains a control character (U+{ord(ch):04X}); "
                                 "type it again without it.", code="control_character",
                                 codepoint=f"U+{ord(ch):04X}")
    text = raw.translate(_INVISIBLE)
    if raw.strip() and not any(ch.isalnum() for ch in text):
        raise QueryTextError("The query has no letter or digit to search for (only emoji, "
                             "symbols or invisible characters). Type the words to find, or "
                             "nothing to list every article.", code="nothing_to_search")
    return text
