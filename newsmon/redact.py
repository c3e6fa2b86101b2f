"""Credentials kept out of what newsmon prints and writes: a store URL such as
https://user:secret@host:9200/newsmon ends up in terminals, logs, CI output
and file names, and its password must not."""

from __future__ import annotations

import re

_CREDENTIALS = re.compile(r"\b([a-z][a-z0-9+.-]*://[^/@:\s]*):[^/\s]*@", re.IGNORECASE)


def masked(text: str) -> str:
    """A URL, or a message quoting URLs, with every password in it as ***."""
    return _CREDENTIALS.sub(r"\1:***@", text)
