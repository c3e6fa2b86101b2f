"""Stories: the copies of one text (a TTXVN wire story reprinted by several
outlets, trimmed, retitled, credited) grouped so that it is counted once.

Each article is reduced to the syllable shingles of its folded sapo and body,
with what differs between copies of the same text left out (the headline, the
agency credit, bylines, photo captions). A MinHash LSH index proposes earlier
articles that may share the text; a candidate is the same story only when the
estimated Jaccard similarity or containment (a trimmed reprint is contained in
its original) is high enough, within a date window; when both carry the TTXVN
credit, lower similarity suffices. Everything here is pure apart from the
in-memory index, which a store rebuilds from the records it keeps.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from index.documents import Article, content_hash
from nlp.normalize import fold

NUM_PERM = 128
SHINGLE = 3
#: datasketch's hashing scheme, named so stored signatures stay comparable across releases
SCHEME = "affine32"
#: LSH recall threshold: low, so trimmed reprints are proposed; confirmation decides.
LSH_THRESHOLD = 0.3
WINDOW = timedelta(days=7)
#: (Jaccard, containment) a pair needs to be one story; with the wire credit on both.
PLAIN = (0.5, 0.8)
WIRE = (0.3, 0.6)
#: the outlets of the news agency: the original of a story is on one of them if it can be
TTXVN_SOURCES = frozenset({"baotintuc", "vietnamplus", "bnews", "ttxvn", "vnanet"})

_CREDIT = re.compile(r"^\s*\((?:ttxvn|vietnam\+|bnews|vna)[^)]{0,30}\)\s*[-–—:]?\s*")
_SOURCE_LINE = re.compile(r"^\s*(?:theo|nguon:?)\s+[^.]{1,40}\.?\s*$")
_CAPTION = re.compile(r"\(?\s*anh(?: minh hoa)?\s*:[^)\n]{0,60}\)?")
_WIRE_MARK = re.compile(r"\(ttxvn[^)]{0,20}\)|\btheo ttxvn\b|/ttxvn\b|\bnguon:? ttxvn\b")
_WORD = re.compile(r"\w+")


@dataclass
class StoryRecord:
    """What a store keeps per article to place later articles in stories."""

    article_id: str
    story_id: str
    source: str
    published_at: str | None
    wire: bool
    size: int
    content_hash: str
    signature: bytes

    def minhash(self) -> MinHash:
        values = np.frombuffer(self.signature, dtype="<u8").astype(np.uint64)
        return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=values, scheme=SCHEME,
                       permutations=_permutations(), hashfunc=zlib.crc32)


def cleaned(article: Article) -> str:
    """The folded sapo and body without the parts that differ between copies of
    one text: credits, source lines, bylines (short lines without a full stop)
    and photo captions. The headline is left out: reprints retitle."""
    text = unicodedata.normalize("NFC", "\n".join((article.sapo, article.body)))
    kept = []
    for line in fold(text).split("\n"):
        line = _CAPTION.sub(" ", _CREDIT.sub("", line)).strip()
        if not line or _SOURCE_LINE.match(line):
            continue
        if len(line.split()) <= 6 and not line.endswith((".", "!", "?", ":")):
            continue  # a byline ("thanh van/ttxvn") or a caption's remnant
        kept.append(line)
    return "\n".join(kept)


def shingles(text: str) -> set[str]:
    """Overlapping runs of SHINGLE syllables (Vietnamese words are syllables
    separated by spaces, so no segmenter is needed)."""
    words = _WORD.findall(text)
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


@cache
def _permutations() -> object:
    """datasketch draws its permutations for every new MinHash; drawn once, a
    signature costs a fifth as much."""
    return MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, hashfunc=zlib.crc32).permutations


def minhash(found: set[str]) -> MinHash:
    """The signature of a shingle set. Shingles are hashed with CRC-32 (stable across
    processes, and several times faster than datasketch's SHA-1 default)."""
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME, permutations=_permutations(),
                 hashfunc=zlib.crc32)
    mh.update_batch([s.encode("utf-8") for s in found])
    return mh


def is_wire(article: Article) -> bool:
    """The TTXVN credit: the agency field, a TTXVN outlet, or the credit in the text."""
    if fold(article.agency).strip() == "ttxvn" or article.source in TTXVN_SOURCES:
        return True
    return bool(_WIRE_MARK.search(fold(article.text)))


def record(article: Article, story_id: str = "") -> tuple[StoryRecord, MinHash]:
    found = shingles(cleaned(article))
    mh = minhash(found)
    published = article.published_at.isoformat() if article.published_at else None
    rec = StoryRecord(article.id, story_id or article.id, article.source, published,
                      is_wire(article), len(found), content_hash(article),
                      mh.hashvalues.astype("<u8").tobytes())
    return rec, mh


def similarity(a: MinHash, size_a: int, b: MinHash, size_b: int) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger), both estimated."""
    if not size_a or not size_b:
        return 0.0, 0.0
    j = a.jaccard(b)
    shared = j * (size_a + size_b) / (1 + j)
    return j, min(1.0, shared / min(size_a, size_b))


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    when = datetime.fromisoformat(value)
    return when.replace(tzinfo=None) - (when.utcoffset() or timedelta())


def within_window(a: str | None, b: str | None) -> bool:
    ta, tb = _when(a), _when(b)
    return ta is None or tb is None or abs(ta - tb) <= WINDOW


def same_story(a: StoryRecord, mh_a: MinHash, b: StoryRecord, mh_b: MinHash) -> float:
    """The Jaccard estimate when a and b are copies of one text, else 0."""
    if not within_window(a.published_at, b.published_at):
        return 0.0
    j, c = similarity(mh_a, a.size, mh_b, b.size)
    need_j, need_c = WIRE if a.wire and b.wire else PLAIN
    return max(j, 1e-9) if j >= need_j or c >= need_c else 0.0


def original_order(r: StoryRecord) -> tuple:
    """How copies sort: a TTXVN outlet first, then the earliest, then by id."""
    when = _when(r.published_at)
    return (r.source not in TTXVN_SOURCES, when is None, when or datetime.min, r.article_id)


class StoryIndex:
    """The in-memory LSH over every stored article's signature."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.members: dict[str, tuple[StoryRecord, MinHash]] = {}
        #: the store's position of the last record read (other writers add records too)
        self.marker = 0

    def load(self, records: list[StoryRecord]) -> None:
        """Records stored since the last load (by this process or another writer)."""
        for r in records:
            self._insert(r, r.minhash())

    def _insert(self, r: StoryRecord, mh: MinHash) -> None:
        if r.article_id in self.members:
            self.lsh.remove(r.article_id)
        self.members[r.article_id] = (r, mh)
        self.lsh.insert(r.article_id, mh)

    def known(self, article: Article) -> bool:
        """Already placed with this very text: nothing to do."""
        found = self.members.get(article.id)
        return found is not None and found[0].content_hash == content_hash(article)

    def add(self, article: Article) -> StoryRecord:
        """Place an article in the story of its most similar confirmed copy (or a
        new story of its own) and remember it for the next articles."""
        rec, mh = record(article)
        best, best_score = None, 0.0
        for other_id in self.lsh.query(mh):
            if other_id == article.id:
                continue
            other, other_mh = self.members[other_id]
            score = same_story(rec, mh, other, other_mh)
            if score > best_score:
                best, best_score = other, score
        if best is not None:
            rec.story_id = best.story_id
        self._insert(rec, mh)
        return rec
