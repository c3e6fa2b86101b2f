"""The reader as a spaCy pipeline: a tokenizer that builds the `Doc` from underthesea's
words, and one component per step, registered with `@Language.factory`.

    >>> from newsmon.nlp.pipeline import pipeline
    >>> doc = pipeline()("UBND TP. Cần Thơ tặng Bằng khen cho 32 tập thể.")
    >>> [(e.text, e.label_, e.kb_id_) for e in doc.ents][0]
    ('UBND TP. Cần Thơ', 'ORG', 'Ủy ban nhân dân thành phố Cần Thơ')
    >>> doc._.awards[0].count
    32

Components, in order (each reads what the earlier ones left on the Doc's extensions):

- `vi_places`: LOC candidates: prefixed places, provinces and countries (gazetteer);
- `vi_orgs`: ORG candidates: national bodies, the head + domain + place grammar; and the
  province the article is about (`doc._.province`), which names "UBND tỉnh";
- `vi_award_forms`: AWARD candidates, completed by rank, level and giver;
- `vi_campaigns`: CAMPAIGN candidates: quoted names after a cue, known campaigns;
- `vi_persons`: PER candidates: after titles, in bylines and photo credits, surname-led;
- `vi_entities`: one non-overlapping choice, checked against underthesea's word
  boundaries, as `doc.ents` (label = type, `kb_id_` = canonical name);
- `vi_award_figures`: `doc._.awards`, the `AwardFigure`s: count + recipient kind found by a
  spaCy `Matcher` / `PhraseMatcher` over the tokens (`figure_matcher`), tied to awards by
  `awards`;
- `vi_units`: `doc._.units`, canonical units ranked by mentions.

The entity finders match lexicon phrases with one trie-shaped regex per lexicon over the
normalised view (`matching`) rather than an EntityRuler: their phrases are cut by underthesea
in ways that depend on the context ("Khánh Hòa tặng" glued, "UBND" + "TP." + "Cần Thơ"), they
need case rules per abbreviation and a grammar after the match (place qualifiers, givers,
ranks); the regex also reads abbreviations, tone-mark variants and dashes. The Matcher is
used where tokens are stable units: counts and recipient nouns. The Doc's tokens are the
unit that entities are snapped to and rendered with (displaCy), and underthesea's word
boundaries are a signal that rejects names cut out of words ("Hội" in "Hội đồng").
Offsets on the Doc are offsets into the text as given.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from .award_forms import find_award_mentions
from .awards import _Count, find_figures
from .campaigns import find_campaigns
from .entities import (
    PRIORITY,
    Reading,
    dominant_province,
    fits_words,
    org_candidate,
    place_candidate,
)
from .figure_matcher import find_counts
from .orgs import find_orgs, resolve
from .persons import find_persons
from .place_phrases import phrase_places
from .places import bracketed_localities, find_places
from .sentences import sentences
from .spans import Candidate, select
from .textview import TextView
from .tokens import Words, make_doc, words
from .units import rank_units
from .venues import find_venues

_EXTENSIONS = {
    "view": None,  # TextView of the text
    "words": None,  # underthesea's words (tokens.Words)
    "candidates": None,  # list[Candidate] from the finders
    "orgs": None,  # every ORG reading, resolved
    "province": None,  # the province the article is about (gazetteer.Province) or None
    "reading": None,  # entities.Reading: the choice, the orgs, the province
    "awards": None,  # list[AwardFigure]
    "units": None,  # list[str]
}
for _name, _default in _EXTENSIONS.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


class WordTokenizer:
    """`Language.tokenizer`: text -> Doc of underthesea's words (see `tokens`)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        view = TextView.of(text)
        ws = words(view)
        doc = make_doc(self.vocab, view, ws)
        doc._.view, doc._.words, doc._.candidates = view, ws, []
        return doc


def _add(doc: Doc, found: list[Candidate]) -> Doc:
    doc._.candidates = [*doc._.candidates, *found]
    return doc


@Language.factory("vi_places")
def make_places(nlp: Language, name: str):
    def places(doc: Doc) -> Doc:
        view = doc._.view
        found = find_places(view)
        found += phrase_places(view, found) + find_venues(view)
        return _add(doc, [place_candidate(p) for p in found])
    return places


@Language.factory("vi_orgs")
def make_orgs(nlp: Language, name: str):
    def orgs(doc: Doc) -> Doc:
        found = find_orgs(doc._.view, dict(doc._.words.spans))
        province = dominant_province(select([*map(org_candidate, found), *doc._.candidates]))
        found = [resolve(o, province) for o in found]
        doc._.orgs, doc._.province = found, province
        localities = bracketed_localities(doc._.view, (o.end for o in found))
        return _add(doc, [*map(org_candidate, found), *map(place_candidate, localities)])
    return orgs


@Language.factory("vi_award_forms")
def make_award_forms(nlp: Language, name: str):
    def award_forms(doc: Doc) -> Doc:
        longest: dict[int, object] = {}
        for o in doc._.orgs or ():
            if o.start not in longest or o.end > longest[o.start].end:
                longest[o.start] = o
        mentions = find_award_mentions(doc._.view, longest.get)
        return _add(doc, [Candidate(a.start, a.end, "AWARD", a.canonical, PRIORITY["AWARD"], a)
                          for a in mentions])
    return award_forms


@Language.factory("vi_campaigns")
def make_campaigns(nlp: Language, name: str):
    def campaigns(doc: Doc) -> Doc:
        return _add(doc, [Candidate(c.start, c.end, "CAMPAIGN", c.canonical,
                                    PRIORITY["CAMPAIGN"], c) for c in find_campaigns(doc._.view)])
    return campaigns


@Language.factory("vi_persons")
def make_persons(nlp: Language, name: str):
    def persons(doc: Doc) -> Doc:
        found = []
        for p in find_persons(doc._.view):
            rank = PRIORITY["PER_TITLE" if p.how == "title" else
                            "PER_BYLINE" if p.how == "byline" else "PER"]
            found.append(Candidate(p.start, p.end, "PER", p.canonical, rank, p))
        return _add(doc, found)
    return persons


def _spans(doc: Doc, chosen: list[Candidate]) -> list[Span] | None:
    view: TextView = doc._.view
    out = []
    for c in chosen:
        span = doc.char_span(view.to_orig(c.start), view.to_orig(c.end), label=c.type,
                             kb_id=c.canonical)
        if span is None:
            return None
        out.append(span)
    return out


@Language.factory("vi_entities")
def make_entities(nlp: Language, name: str):
    def entities(doc: Doc) -> Doc:
        view: TextView = doc._.view
        ws: Words = doc._.words
        chosen = select(c for c in doc._.candidates if fits_words(view, ws, c))
        spans = _spans(doc, chosen)
        if spans is None:  # an entity boundary inside a token: cut the words there
            cuts = [p for c in chosen for p in (c.start, c.end)]
            new = make_doc(doc.vocab, view, ws, cuts)
            for ext in _EXTENSIONS:
                setattr(new._, ext, getattr(doc._, ext))
            doc = new
            spans = _spans(doc, chosen) or []
        doc.ents = filter_spans(spans)
        doc._.reading = Reading(chosen, list(doc._.orgs or ()), doc._.province)
        return doc
    return entities


@Language.factory("vi_award_figures")
def make_award_figures(nlp: Language, name: str):
    def award_figures(doc: Doc) -> Doc:
        view: TextView = doc._.view
        counts = [_Count(c.start, c.end, c.count, c.kind) for c in find_counts(doc, view)]
        doc._.awards = find_figures(view, sentences(view.norm), doc._.reading, counts)
        return doc
    return award_figures


@Language.factory("vi_units")
def make_units(nlp: Language, name: str):
    def units(doc: Doc) -> Doc:
        doc._.units = rank_units(doc._.reading)
        return doc
    return units


COMPONENTS = ("vi_places", "vi_orgs", "vi_award_forms", "vi_campaigns", "vi_persons",
              "vi_entities", "vi_award_figures", "vi_units")


@lru_cache(maxsize=1)
def pipeline() -> Language:
    """The reader's spaCy `Language` (built once per process): `pipeline()(text)` is a Doc
    with `ents`, `_.awards` and `_.units`; `spacy.displacy.render(doc, style="ent")`
    shows its entities."""
    nlp = spacy.blank("xx")
    nlp.tokenizer = WordTokenizer(nlp.vocab)
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


def to_doc(text: str) -> Doc:
    """The text read by the pipeline, as a Doc (for displaCy and inspection)."""
    return pipeline()(text)
