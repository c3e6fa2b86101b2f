"""Stories: the copies of one text (a TTXVN wire story reprinted by several
outlets, trimmed, retitled, credited) grouped so that it is counted once.

Each article is reduced to the syllable shingles of its sapo and body, with
what differs between copies of the same text left out (the headline, the
agency credit, bylines, photo captions) and every syllable folded (case, tone
marks and đ ignored). A MinHash LSH index proposes earlier articles that may
share the text; a candidate is the same story only when the estimated Jaccard
similarity or containment (a trimmed reprint is contained in its original) is
high enough, within a date window; when both carry the TTXVN credit, lower
similarity suffices. Everything here is pure apart from the in-memory index,
which a store rebuilds from the records it keeps.

Cost matters: every article passes here at ingest, so signatures are computed
with numpy, a batch at a time (`signatures`): each distinct syllable is folded
and hashed once per process (a cache), a shingle's hash is a mix of its three
syllables' hashes, and the 128 permutations are applied to every shingle of
the batch at once. The LSH bands are plain dicts of 64-bit band hashes, so a
query is 37 dict lookups and a confirmation compares two uint32 rows.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from newsmon.index.documents import Article, content_hash
from newsmon.nlp.normalize import fold

NUM_PERM = 128
SHINGLE = 3
#: LSH bands × rows: the optimum datasketch picks for a recall threshold of 0.3 at 128
#: permutations (low, so trimmed reprints are proposed; confirmation decides).
BANDS, ROWS = 37, 3
WINDOW = timedelta(days=7)
#: (Jaccard, containment) a pair needs to be one story; with the wire credit on both.
PLAIN = (0.5, 0.8)
WIRE = (0.3, 0.6)
#: the outlets of the news agency: the original of a story is on one of them if it can be
TTXVN_SOURCES = frozenset({"baotintuc", "vietnamplus", "bnews", "ttxvn", "vnanet"})
#: how a stored signature of this scheme starts; records of the earlier scheme (datasketch
#: MinHash of CRC-32 shingle hashes, 128 × uint64, no prefix) are signed again from their
#: article's text when a store loads them (`StoryIndex.load`).
SIGNATURE_MAGIC = b"mh2:"

# Patterns over lower-cased NFC text: diacritics are matched as written or not.
_CREDIT = re.compile(r"^\s*\((?:ttxvn|vietnam\+|bnews|vna)[^)]{0,30}\)\s*[-–—:]?\s*")
_SOURCE_LINE = re.compile(r"^\s*(?:theo|ngu[oồ]n:?)\s+[^.]{1,40}\.?\s*$")
_CAPTION = re.compile(r"\(?\s*[aả]nh(?: minh h(?:[oọ]a|oạ))?\s*:[^)\n]{0,60}\)?")
_WIRE_MARK = re.compile(r"\(ttxvn[^)]{0,20}\)|\btheo ttxvn\b|/ttxvn\b|\bngu[oồ]n:? ttxvn\b")
_WORD = re.compile(r"\w+")

_RNG = np.random.RandomState(1)
#: the permutations h ↦ a·h + b (mod 2^32, a odd: a bijection), one per signature value
_A = (_RNG.randint(0, 2**31, NUM_PERM, dtype=np.uint64) * 2 + 1).astype(np.uint32)
_B = _RNG.randint(0, 2**32, NUM_PERM, dtype=np.uint64).astype(np.uint32)
#: odd multipliers that mix a shingle's three syllable hashes, and a band's rows
_MIX = (_RNG.randint(0, 2**62, SHINGLE, dtype=np.uint64) * 2 + 1).astype(np.uint64)
_BAND_MIX = (_RNG.randint(0, 2**62, ROWS, dtype=np.uint64) * 2 + 1).astype(np.uint64)
_MAX = np.uint32(2**32 - 1)
#: shingles permuted at once: a temporary array that stays in the CPU cache
_CHUNK = 4096


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

    @property
    def current(self) -> bool:
        """Signed with this module's scheme (else it must be signed again)."""
        return self.signature.startswith(SIGNATURE_MAGIC)

    def values(self) -> np.ndarray:
        return np.frombuffer(self.signature, dtype="<u4", offset=len(SIGNATURE_MAGIC))


def cleaned(article: Article) -> str:
    """The lower-cased sapo and body without the parts that differ between copies
    of one text: credits, source lines, bylines (short lines without a full stop)
    and photo captions. The headline is left out: reprints retitle."""
    text = unicodedata.normalize("NFC", "\n".join((article.sapo, article.body))).lower()
    kept = []
    for line in text.split("\n"):
        if "(" in line[:8]:
            line = _CREDIT.sub("", line)
        if ":" in line:
            line = _CAPTION.sub(" ", line)
        line = line.strip()
        if not line or _SOURCE_LINE.match(line):
            continue
        if len(line) <= 100 and len(line.split()) <= 6 and not line.endswith(
                (".", "!", "?", ":")):
            continue  # a byline ("thanh vân/ttxvn") or a caption's remnant
        kept.append(line)
    return "\n".join(kept)


def syllables(text: str) -> list[str]:
    """The folded syllables of a text as signatures see them (`_syllable_hashes`)."""
    pieces = (" ".join(_WORD.findall(fold(piece))) for piece in text.split())
    return [p for p in pieces if p]


def shingles(text: str) -> set[str]:
    """Overlapping runs of SHINGLE syllables (Vietnamese words are syllables
    separated by spaces, so no segmenter is needed): what a signature stands for."""
    words = syllables(text)
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


_syllables: dict[str, int] = {}


def _syllable_hashes(text: str) -> np.ndarray:
    """CRC-32 of each folded syllable (stable across processes), through a cache:
    a language has few syllables, so nearly every one is a dict lookup. Text is
    split at white space (several times faster than a regex); what a piece holds
    besides letters and digits is dropped when it is first met ("thể." is "the",
    "11/11," is "11 11"), and a piece with neither is no syllable."""
    cache = _syllables
    pieces = text.split()
    try:
        found = np.fromiter(map(cache.__getitem__, pieces), dtype=np.uint64, count=len(pieces))
    except KeyError:
        if len(cache) > 2_000_000:  # numbers and names: keep the cache bounded
            cache.clear()
        for piece in pieces:
            if piece not in cache:
                words = " ".join(_WORD.findall(fold(piece)))
                cache[piece] = zlib.crc32(words.encode("utf-8")) or 1 if words else 0
        found = np.fromiter(map(cache.__getitem__, pieces), dtype=np.uint64, count=len(pieces))
    return found[found != 0]


def _shingle_hashes(text: str) -> np.ndarray:
    """The 32-bit hashes of the text's shingles (see `shingles`), sorted; a shingle
    the text repeats is there as often (a minimum does not mind, and sorting is
    several times cheaper than finding the distinct values)."""
    words = _syllable_hashes(text)
    if not len(words):
        return np.zeros(0, np.uint32)
    if len(words) < SHINGLE:  # a short text is one shingle
        words = np.concatenate([words, np.zeros(SHINGLE - len(words), np.uint64)])
    n = len(words) - SHINGLE + 1
    mixed = np.zeros(n, np.uint64)
    for i in range(SHINGLE):
        mixed ^= words[i:i + n] * _MIX[i]
    mixed ^= mixed >> np.uint64(29)
    mixed *= np.uint64(0xBF58476D1CE4E5B9)
    mixed ^= mixed >> np.uint64(32)
    return np.sort((mixed & np.uint64(0xFFFFFFFF)).astype(np.uint32))


def _distinct(ordered: np.ndarray) -> int:
    """How many distinct values a sorted array holds."""
    return int(np.count_nonzero(ordered[1:] != ordered[:-1])) + 1 if len(ordered) else 0


def signatures(texts: Sequence[str]) -> tuple[np.ndarray, list[int]]:
    """MinHash signatures (len(texts) × NUM_PERM uint32) and shingle counts of
    cleaned texts, the permutations applied to the whole batch at once."""
    hashes = [_shingle_hashes(t) for t in texts]
    lengths = [len(h) for h in hashes]
    out = np.full((len(texts), NUM_PERM), _MAX, dtype=np.uint32)
    start = 0
    while start < len(texts):
        stop, rows = start, 0
        while stop < len(texts) and (rows == 0 or rows + lengths[stop] <= _CHUNK):
            rows += lengths[stop]
            stop += 1
        chunk = [h for h in hashes[start:stop] if len(h)]
        if chunk:
            flat = np.concatenate(chunk) if len(chunk) > 1 else chunk[0]
            # permutations × shingles, each row contiguous; uint32 wraps: mod 2^32
            permuted = np.multiply(_A[:, None], flat[None, :])
            permuted += _B[:, None]
            if len(chunk) == 1:
                mins = permuted.min(axis=1)
            else:
                bounds = np.cumsum([0] + [len(h) for h in chunk[:-1]])
                mins = np.minimum.reduceat(permuted, bounds, axis=1).T
            rows_with = [i for i in range(start, stop) if lengths[i]]
            out[rows_with] = mins
        start = stop
    return out, [_distinct(h) for h in hashes]


def is_wire(article: Article) -> bool:
    """The TTXVN credit: the agency field, a TTXVN outlet, or the credit in the text."""
    if fold(article.agency).strip() == "ttxvn" or article.source in TTXVN_SOURCES:
        return True
    return bool(_WIRE_MARK.search(unicodedata.normalize("NFC", article.text).lower()))


def records(articles: Sequence[Article]) -> list[StoryRecord]:
    """Each article's record, in its own story until placed (signed as a batch)."""
    sigs, sizes = signatures([cleaned(a) for a in articles])
    out = []
    for article, sig, size in zip(articles, sigs, sizes, strict=True):
        published = article.published_at.isoformat() if article.published_at else None
        out.append(StoryRecord(article.id, article.id, article.source, published,
                               is_wire(article), size, content_hash(article),
                               SIGNATURE_MAGIC + sig.astype("<u4").tobytes()))
    return out


def record(article: Article, story_id: str = "") -> StoryRecord:
    rec = records([article])[0]
    rec.story_id = story_id or article.id
    return rec


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    when = datetime.fromisoformat(value)
    return when.replace(tzinfo=None) - (when.utcoffset() or timedelta())


def _seconds(value: str | None) -> float:
    """Publication time as UTC seconds (NaN when unknown), for the window check."""
    when = _when(value)
    return (when - datetime(1970, 1, 1)).total_seconds() if when else float("nan")


def scores(rec: StoryRecord, sig: np.ndarray, others: np.ndarray, sizes: list[int],
           seconds: list[float], wires: list[bool]) -> list[float]:
    """For each candidate row, the estimated Jaccard similarity when it and `rec` are
    copies of one text, else 0: within the date window (or a date unknown), and a
    Jaccard or containment (the smaller set in the larger) high enough; lower bars
    when both carry the wire credit. One numpy pass for the Jaccard estimates; the
    rest is a few candidates' arithmetic."""
    if not rec.size:
        return [0.0] * len(others)
    when = _seconds(rec.published_at)
    window = WINDOW.total_seconds()
    out = []
    for same, size, at, wire in zip((np.count_nonzero(others == sig, axis=1)).tolist(),
                                    sizes, seconds, wires, strict=True):
        j = same / NUM_PERM
        if not size or abs(at - when) > window:  # NaN (a date unknown) is never apart
            out.append(0.0)
            continue
        contained = min(1.0, j * (rec.size + size) / (1 + j) / min(rec.size, size))
        need_j, need_c = WIRE if wire and rec.wire else PLAIN
        out.append(max(j, 1e-9) if j >= need_j or contained >= need_c else 0.0)
    return out


def original_order(r: StoryRecord) -> tuple:
    """How copies sort: a TTXVN outlet first, then the earliest, then by id."""
    when = _when(r.published_at)
    return (r.source not in TTXVN_SOURCES, when is None, when or datetime.min, r.article_id)


def _band_keys(sig: np.ndarray) -> list[int]:
    """One 64-bit hash per band of a signature."""
    rows = sig[:BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    return ((rows * _BAND_MIX).sum(axis=1, dtype=np.uint64)).tolist()


class StoryIndex:
    """The in-memory LSH over every stored article's signature. A band table maps a
    band hash to the slot holding it (an int), or to a list of slots when several do:
    a dict entry per band and article, no set per entry. Signatures, sizes, times
    and credits sit in arrays by slot, so candidates are confirmed all at once."""

    def __init__(self) -> None:
        self.bands: list[dict[int, int | list[int]]] = [{} for _ in range(BANDS)]
        self.slots: list[StoryRecord | None] = []
        self.slot_of: dict[str, int] = {}
        self.sigs = np.zeros((1024, NUM_PERM), dtype=np.uint32)
        self.sizes = np.zeros(1024, dtype=np.int64)
        self.seconds = np.zeros(1024, dtype=np.float64)
        self.wires = np.zeros(1024, dtype=bool)
        #: the store's position of the last record read (other writers add records too)
        self.marker = 0

    def __len__(self) -> int:
        return len(self.slot_of)

    def load(self, found: list[StoryRecord]) -> list[StoryRecord]:
        """Records stored since the last load (by this process or another writer);
        returns those signed with an earlier scheme, which the store signs again."""
        stale = []
        for r in found:
            slot = self.slot_of.get(r.article_id)
            held = self.slots[slot] if slot is not None else None
            if held is not None and (held.content_hash, held.story_id, held.signature) == (
                    r.content_hash, r.story_id, r.signature):
                continue  # this process's own write, read back
            if not r.current:
                stale.append(r)
                continue
            self._insert(r, r.values())
        return stale

    def _insert(self, r: StoryRecord, sig: np.ndarray, keys: list[int] | None = None) -> None:
        self._remove(r.article_id)
        slot = len(self.slots)
        if slot == len(self.sigs):
            self.sigs = np.concatenate([self.sigs, np.zeros_like(self.sigs)])
            self.sizes = np.concatenate([self.sizes, np.zeros_like(self.sizes)])
            self.seconds = np.concatenate([self.seconds, np.zeros_like(self.seconds)])
            self.wires = np.concatenate([self.wires, np.zeros_like(self.wires)])
        self.slots.append(r)
        self.slot_of[r.article_id] = slot
        self.sigs[slot] = sig
        self.sizes[slot] = r.size
        self.seconds[slot] = _seconds(r.published_at)
        self.wires[slot] = r.wire
        for table, key in zip(self.bands, keys or _band_keys(sig), strict=True):
            held = table.get(key)
            if held is None:
                table[key] = slot
            elif isinstance(held, int):
                table[key] = [held, slot]
            else:
                held.append(slot)

    def _remove(self, article_id: str) -> None:
        slot = self.slot_of.pop(article_id, None)
        if slot is None:
            return
        self.slots[slot] = None
        for table, key in zip(self.bands, _band_keys(self.sigs[slot]), strict=True):
            held = table.get(key)
            if held == slot:
                del table[key]
            elif isinstance(held, list) and slot in held:
                held.remove(slot)

    def candidates(self, sig: np.ndarray, keys: list[int] | None = None) -> set[int]:
        """Slots sharing at least one band with the signature."""
        found: set[int] = set()
        for table, key in zip(self.bands, keys or _band_keys(sig), strict=True):
            held = table.get(key)
            if held is None:
                continue
            if isinstance(held, int):
                found.add(held)
            else:
                found.update(held)
        return found

    def story_of(self, article_id: str) -> str:
        """The story an indexed article is in (its own id when it is not indexed)."""
        slot = self.slot_of.get(article_id)
        return self.slots[slot].story_id if slot is not None else article_id

    def known(self, article: Article) -> bool:
        """Already placed with this very text: nothing to do."""
        slot = self.slot_of.get(article.id)
        return slot is not None and self.slots[slot].content_hash == content_hash(article)

    def add(self, article: Article) -> StoryRecord:
        return self.add_all([article])[0]

    def add_all(self, articles: Sequence[Article]) -> list[StoryRecord]:
        """Place each article (in order: later ones may join earlier ones of the
        batch) in the story of its most similar confirmed copy, or a new story of
        its own, and remember it for the next articles."""
        fresh = records(articles)
        for rec in fresh:
            self.place(rec)
        return fresh

    def place(self, rec: StoryRecord, *, keep_story: bool = False) -> None:
        """Put a signed record in the index; unless `keep_story`, in the story of its
        best confirmed match (the earliest placed among equals)."""
        sig = rec.values()
        keys = _band_keys(sig)
        if not keep_story:
            own = self.slot_of.get(rec.article_id)
            found = sorted(c for c in self.candidates(sig, keys) if c != own)
            if found:
                at = np.array(found)
                score = scores(rec, sig, self.sigs[at], self.sizes[at].tolist(),
                               self.seconds[at].tolist(), self.wires[at].tolist())
                best = max(range(len(score)), key=score.__getitem__)  # the first of equals
                if score[best] > 0:
                    rec.story_id = self.slots[found[best]].story_id
        self._insert(rec, sig, keys)
