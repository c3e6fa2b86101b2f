"""The texts a user hands to `newsmon analyze`: files or stdin, each either one
plain-text document or JSON lines of {"id", "text"}.

Vietnamese text still travels in legacy encodings (Windows-1258, TCVN3, VNI)
and in UTF-16 from Windows editors. Guessing silently would put wrong letters
into the analysis, so only what is unambiguous is read: UTF-8 (with or
without a byte-order mark) and UTF-16/32 with one. For anything else the user
is told what the bytes look like and the command that converts them.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Byte-order marks, the longer first (UTF-32 LE starts like UTF-16 LE).
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
#: Suffixes that say "JSON lines" whatever the first line looks like.
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson")


class InputError(ValueError):
    """Input that cannot be read as text; the message says how to fix it."""


@dataclass(frozen=True)
class Document:
    """One text to analyse, or why an input (or one of its lines) was not read;
    then `id` is the input's name."""

    id: str
    text: str = ""
    line: int | None = None
    error: str | None = None


def decode(data: bytes, name: str) -> str:
    """The text of `data`, or an InputError naming the encoding it seems to be in."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"{name} starts with a {codec.upper()} byte-order mark but "
                                 f"is not valid {codec.upper()} (byte {exc.start}).") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(_not_utf8(data, name, data[:exc.start].count(b"\n") + 1)) from None
    if "\x00" in text:  # UTF-16 without a byte-order mark decodes as UTF-8 with NULs
        raise InputError(_not_utf8(data, name, text[:text.index("\x00")].count("\n") + 1))
    return text


def _not_utf8(data: bytes, name: str, line: int) -> str:
    guess = guess_encoding(data)
    where = f"{name} is not UTF-8 (line {line})"
    if guess is None:
        return (f"{where}, and its encoding is not one newsmon recognises (TCVN3 or VNI?). "
                "Save it as UTF-8 (e.g. with UniKey's converter) and try again.")
    target = "-" if name == "stdin" else f"{Path(name).stem}.utf8{Path(name).suffix}"
    source = "" if name == "stdin" else f" {name}"
    return (f"{where}: it looks like {guess}. Convert it with: "
            f"iconv -f {guess} -t utf-8{source} > {target}")


#: Python's codec names → the names iconv knows, for the encodings a Vietnamese
#: text is plausibly in. Any other guess (on a short text the detector can say
#: Big5 or CP1006) is not worth a conversion command.
_ICONV_NAMES = {
    "cp1258": "WINDOWS-1258", "cp1252": "WINDOWS-1252", "latin_1": "ISO-8859-1",
    "iso8859_1": "ISO-8859-1", "utf_16_le": "UTF-16LE", "utf_16_be": "UTF-16BE",
    "utf_32_le": "UTF-32LE", "utf_32_be": "UTF-32BE",
}
_WIDE = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"]


def guess_encoding(data: bytes) -> str | None:
    """The iconv name of the encoding `data` most likely is in, or None when
    there is no plausible guess (TCVN3 and VNI have no codec at all). Text
    in UTF-16 or UTF-32 has NUL bytes (every ASCII character and space gives
    one), so without them those are not considered."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000], cp_exclusion=None if b"\x00" in data else _WIDE).best()
    return _ICONV_NAMES.get(best.encoding) if best else None


def _looks_like_json_lines(name: str, text: str) -> bool:
    """JSON lines when the name says so, or when the first non-blank line is a
    JSON object; a plain text that merely starts with "{" is a text."""
    if name.lower().endswith(JSON_LINES_SUFFIXES):
        return True
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


# JSON may escape half of a UTF-16 pair ("\\ud800") that no UTF-8 text can hold.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_lines(name: str, text: str) -> Iterator[Document]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Document(name, line=number, error=f"bad JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
            yield Document(name, line=number, error='expected {"id": ..., "text": "..."}')
            continue
        if not doc["text"].strip():
            yield Document(name, line=number, error="empty text")
            continue
        doc_id = str(doc.get("id", where))
        bad = _LONE_SURROGATE.search(doc["text"] + doc_id)
        if bad:
            yield Document(name, line=number, error=(
                f"holds a lone surrogate (\\u{ord(bad.group()):04x}), which is not a character: "
                "the program that wrote the line split a character in two"))
            continue
        yield Document(doc_id, doc["text"], number)


def read_documents(paths: Iterable[str]) -> Iterator[Document]:
    """Every document of the inputs, in order (`-` is stdin); an input or a line
    that cannot be read is a Document with its error, and reading goes on."""
    for path in list(paths) or ["-"]:
        name = "stdin" if path == "-" else path
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            text = decode(data, name)
        except OSError as exc:
            yield Document(name, error=f"cannot read {name}: {exc.strerror or exc}")
            continue
        except InputError as exc:
            yield Document(name, error=str(exc))
            continue
        if _looks_like_json_lines(name, text):
            yield from _json_lines(name, text)
        else:
            yield Document(name, text, None, None if text.strip() else "empty text")
