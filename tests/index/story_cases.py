"""A labelled set for story grouping, made from our own sample articles
(`newsmon/sample_site/content`): each article is published by a TTXVN site and
reprinted with the edits real reprints carry (a new headline, trimmed or
reordered paragraphs, an added credit and byline, one changed number). Every
copy of one sample article is one family; different sample articles are
different stories (the sample's own labelled reprints are left out: they are
copies of an article already here)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from itertools import combinations

from newsmon.index.documents import Article
from newsmon.sample_site.articles import load_content


def _copy(doc: dict, n: int, source: str, title: str, sapo: str, paragraphs: list[str],
          hours: int) -> Article:
    published = datetime.fromisoformat(doc["published"]) + timedelta(hours=hours)
    return Article(url=f"https://{source}.example/{doc['slug']}-{n}.html",
                   canonical_url=f"https://{source}.example/{doc['slug']}-{n}.html",
                   source=source, title=title, sapo=sapo, body="\n".join(paragraphs),
                   published_at=published)


def _change_one_number(text: str) -> str:
    return re.sub(r"\b(\d{2,})\b", lambda m: str(int(m.group(1)) + 1), text, count=1)


def families() -> list[tuple[str, list[Article]]]:
    """(family name, copies), the original first."""
    out = []
    for doc in load_content():
        if doc.get("story", doc["slug"]) != doc["slug"]:
            continue  # a labelled reprint of another sample article: that one's family
        paras = list(doc["paragraphs"])
        keep = max(2, (len(paras) * 3 + 4) // 5)
        reordered = paras[:1] + paras[2:3] + paras[1:2] + paras[3:]
        copies = [
            _copy(doc, 0, "baotintuc", doc["title"], doc["sapo"], paras, 0),
            _copy(doc, 1, "vietnamplus", doc["title"] + " ", doc["sapo"], paras, 0),
            _copy(doc, 2, "nhandan", "Tin vắn: " + doc["title"].split(":")[-1].strip(),
                  "(TTXVN) " + doc["sapo"], [*paras[:keep], "Minh Anh (TTXVN)"], 6),
            _copy(doc, 3, "dantri", doc["title"].upper(), _change_one_number(doc["sapo"]),
                  [*reordered, "Theo TTXVN"], 26),
        ]
        out.append((doc["slug"], copies))
    return out


def pair_scores(groups: dict[str, str], fams: list[tuple[str, list[Article]]]
                ) -> tuple[float, float]:
    """Pair precision and recall of a grouping (article id → story id)."""
    label = {a.id: name for name, copies in fams for a in copies}
    ids = sorted(label)
    tp = fp = fn = 0
    for a, b in combinations(ids, 2):
        same, found = label[a] == label[b], groups[a] == groups[b]
        tp += same and found
        fp += found and not same
        fn += same and not found
    return tp / max(1, tp + fp), tp / max(1, tp + fn)
