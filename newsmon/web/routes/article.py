"""Bài báo: one article's text with what the reader found highlighted, its award
figures with their sentences, and the other copies of its story."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.exceptions import HTTPException

from newsmon.nlp.types import Analysis
from newsmon.web.auth import require_user
from newsmon.web.highlight import Mark, article_marks, paragraphs, segments
from newsmon.web.templating import render

router = APIRouter(dependencies=[Depends(require_user)])


def _safe_link(url: str) -> str:
    """Only http(s) links are clickable: a crawled `javascript:` URL is not."""
    return url if url.lower().startswith(("https://", "http://")) else ""


@router.get("/article/{article_id}")
def article_page(request: Request, article_id: str):
    web = request.app.state.web
    with web.store() as db:
        article = db.get_article(article_id)
        if article is None:
            raise HTTPException(404, f"Không có bài báo mã “{article_id}” trong kho.")
        analysis = db.get_analysis(article_id) or Analysis()
        copies = db.story(article_id)
    text = article.text
    figures = []
    for n, a in enumerate(analysis.awards, start=1):
        start, end = a.start - a.sentence_start, a.end - a.sentence_start
        figures.append(
            {"n": n, "figure": a, "sentence": segments(a.sentence, [Mark(start, end, "m-figure")])}
        )
    kinds = {
        "ORG": "Cơ quan, tổ chức",
        "LOC": "Địa danh",
        "PER": "Nhân vật",
        "CAMPAIGN": "Phong trào",
        "AWARD": "Hình thức khen thưởng",
    }
    named: dict[str, list[str]] = {}
    for e in analysis.entities:
        if e.type in kinds:
            names = named.setdefault(kinds[e.type], [])
            if (e.canonical or e.text) not in names:
                names.append(e.canonical or e.text)
    return render(
        request,
        "article.html",
        title=article.title or "Bài báo",
        article=article,
        link=_safe_link(article.canonical_url or article.url),
        body=paragraphs(text, article_marks(analysis)),
        figures=figures,
        units=analysis.units,
        named=named,
        copies=[c for c in copies if c.article_id != article_id] if len(copies) > 1 else [],
    )
