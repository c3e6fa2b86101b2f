"""Extraction scored field by field, ours beside plain trafilatura, on pages
with expected JSON (our fixtures by default, or a folder of real pages held
back from the project laid out the same way: NAME.html + NAME.expected.json,
whose `canonical_url` is the page's address).

    python bench/extract_score.py [FOLDER]

Fields, as issue 13 scores them: title, published_at to the minute, the first
and the last sentence of the body found in the body, and no related link in
the body (no body paragraph is the text of a link of the page). trafilatura is
scored on the body fields only (its date and title are not what we use).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.crawler.extract import ExtractError, extract_article  # noqa: E402
from newsmon.crawler.extract.common import clean, node_text, selector  # noqa: E402

FIELDS = ("title", "date", "first", "last", "no_related")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


def sentences(paragraphs: list[str]) -> tuple[str, str]:
    first = _SENTENCE.split(paragraphs[0])[0]
    last = _SENTENCE.split(paragraphs[-1])[-1]
    return first, last


def link_texts(html: str) -> set[str]:
    """Texts of the page's links long enough to be headlines."""
    return {t for t in (node_text(a) for a in selector(html).css("a")) if len(t) > 25}


def score_body(body: str, want: dict, links: set[str]) -> dict[str, bool]:
    first, last = sentences(want["body"])
    text = clean(body)
    paras = [clean(p) for p in body.split("\n")]
    return {"first": first in text, "last": last in text,
            "no_related": not any(p in links for p in paras if p)}


def score_page(page: Path) -> tuple[dict[str, bool], dict[str, bool]]:
    want = json.loads(page.with_suffix(".expected.json").read_text("utf-8"))
    html = page.read_text("utf-8")
    url = want["canonical_url"]
    links = link_texts(html) - set(want["body"])
    try:
        got = extract_article(html, url)
        ours = {"title": got.title == want["title"],
                "date": bool(got.published_at) and got.published_at.isoformat()[:16]
                == want["published_at"][:16],
                **score_body(got.body, want, links)}
    except ExtractError:
        ours = dict.fromkeys(FIELDS, False)
    plain = score_body(trafilatura.extract(html, url=url) or "", want, links)
    return ours, plain


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests/crawler/fixtures"
    pages = sorted(p for p in folder.glob("**/*.html")
                   if p.with_suffix(".expected.json").exists()
                   and "skip" not in json.loads(p.with_suffix(".expected.json").read_text()))
    totals = {"ours": dict.fromkeys(FIELDS, 0), "plain": dict.fromkeys(FIELDS[2:], 0)}
    all_right = 0
    for page in pages:
        ours, plain = score_page(page)
        all_right += all(ours.values())
        for field, ok in ours.items():
            totals["ours"][field] += ok
        for field, ok in plain.items():
            totals["plain"][field] += ok
        if not all(ours.values()):
            print(f"{page.relative_to(folder)}: wrong {[f for f, ok in ours.items() if not ok]}")
    print(f"{len(pages)} pages; all fields right on {all_right}")
    for who, fields in totals.items():
        print(f"{who:6}", "  ".join(f"{f} {n}/{len(pages)}" for f, n in fields.items()))


if __name__ == "__main__":
    main()
