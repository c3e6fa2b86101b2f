"""Elasticsearch documents: an article with its analysis as one document (the
analysis kept whole for `get_analysis`, and as nested keyed lists for fields, facets
and figures), and hits read back."""

from __future__ import annotations

from newsmon.index.backends.base import hit_from_record
from newsmon.index.documents import Article, now_iso
from newsmon.index.store import Hit
from newsmon.nlp.normalize import name_key
from newsmon.nlp.types import Analysis


def article_doc(article: Article, content_hash: str, added: int, story_id: str = "") -> dict:
    """An article's document before analysis (the analysis fields empty)."""
    data = article.to_dict()
    published = data["published_at"]
    return {
        "id": article.id, "url": article.url, "canonical_url": article.canonical_url,
        "source": article.source, "title": article.title, "sapo": article.sapo,
        "body": article.body, "names": [], "authors": list(article.authors),
        "published_at": published,
        # Wall-clock time where it was published: dates, from:/to: and histogram
        # buckets use the article's own calendar day, as the SQLite store does.
        "published_local": published[:19] if published else None,
        "category": article.category, "tags": list(article.tags), "agency": article.agency,
        "images": data["images"], "fetched_at": data["fetched_at"],
        "language": article.language, "parser": article.parser,
        "story_id": story_id or article.id,
        "content_hash": content_hash, "added": added, "analyzed": False,
        "analyzed_at": None, "analysis_seq": None, "analysis": None, "main_unit_key": None,
        "main_unit_name": None, "units": [], "campaigns": [], "entities": [],
        "award_forms": [], "awards": [],
    }


def analysis_doc(article_id: str, analysis: Analysis, published: str | None,
                 story_id: str = "") -> dict:
    """The fields an analysis adds to its article (a partial update replaces them all).
    Each keyed entry carries the article's story, so a nested facet can count stories
    (`aggregations.facet_aggs`) without reverse_nested."""
    units: dict[str, dict] = {}
    for rank, name in enumerate(analysis.units):
        units.setdefault(name_key(name), {"key": name_key(name), "name": name, "rank": rank})
    campaigns: dict[str, dict] = {}
    for c in analysis.campaigns:
        campaigns.setdefault(name_key(c.canonical), {"key": name_key(c.canonical),
                                                     "name": c.canonical})
    entities: dict[tuple[str, str], dict] = {}
    for e in analysis.entities:
        key = (e.type, name_key(e.canonical))
        if key not in entities or e.canonical < entities[key]["name"]:
            entities[key] = {"type": e.type, "key": key[1], "name": e.canonical}
    forms: dict[str, dict] = {}
    for a in analysis.awards:
        key = name_key(a.award)
        if key not in forms or a.award < forms[key]["name"]:
            forms[key] = {"key": key, "name": a.award}
    published_year = int(published[:4]) if published else None
    main = next(iter(units.values()), None)
    names = {e.canonical for e in analysis.entities} | set(analysis.units)
    return {
        "analyzed": True, "analyzed_at": now_iso(), "analysis": analysis.to_dict(),
        "names": sorted(names),
        "main_unit_key": main["key"] if main else None,
        "main_unit_name": main["name"] if main else None,
        **with_story({"units": list(units.values()), "campaigns": list(campaigns.values()),
                      "entities": list(entities.values()), "award_forms": list(forms.values())},
                     story_id or article_id),
        "awards": [{
            "article_id": article_id, "count": a.count, "recipient_kind": a.recipient_kind,
            "award": a.award, "award_key": name_key(a.award), "level": a.level,
            "level_key": name_key(a.level), "giver": a.giver, "recipient": a.recipient,
            "year": a.year, "year_or_published": a.year if a.year is not None else published_year,
            "status": a.status, "is_total": a.is_total, "start": a.start, "end": a.end,
            "sentence": a.sentence, "sentence_start": a.sentence_start,
            "status_cue": a.status_cue.text if a.status_cue else "", "period": a.period,
        } for a in analysis.awards],
    }



KEYED = ("units", "campaigns", "entities", "award_forms")


def with_story(keyed: dict[str, list[dict]], story_id: str) -> dict[str, list[dict]]:
    """The keyed lists of an article with its story id in every entry."""
    return {path: [{**entry, "story_id": story_id} for entry in entries]
            for path, entries in keyed.items()}


def hit(h: dict) -> Hit:
    """A hit from a search hit (its _source and highlight)."""
    doc = h["_source"]
    marked = None
    if hl := h.get("highlight"):
        marked = "".join(hl.get("sapo", [doc["sapo"]])) + "\n" + "".join(
            hl.get("body", [doc["body"]]))
    units = sorted((u for u in doc.get("units") or [] if u["rank"] < 5), key=lambda u: u["rank"])
    return hit_from_record({**doc, "published_at": doc.get("published_at")},
                           float(h.get("_score") or 0.0), marked, [u["name"] for u in units])
