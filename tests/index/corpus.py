"""A small corpus with known analyses, the same for every backend: each
conformance test knows exactly which articles must match."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsmon.index import Article
from newsmon.nlp.types import Analysis, AwardFigure, Entity, StatusCue

VN = timezone(timedelta(hours=7))

CANTHO = "Ủy ban nhân dân thành phố Cần Thơ"
NGHEAN = "Ủy ban nhân dân tỉnh Nghệ An"


def _article(key: str, day: str, source: str, title: str, body: str) -> Article:
    return Article(
        url=f"http://127.0.0.1:8000/{key}.htm", canonical_url=f"https://{source}.vn/{key}.htm",
        source=source, title=title, body=body, sapo="",
        published_at=datetime.fromisoformat(day).replace(tzinfo=VN), authors=["Minh Anh"],
    )


def _entity(text: str, surface: str, kind: str, canonical: str | None = None,
            nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Entity(start, start + len(surface), surface, kind, canonical or surface)


def _figure(text: str, surface: str, count: int, kind: str, award: str, level: str,
            status: str = "awarded", is_total: bool = False, year: int | None = None,
            cue: str = "") -> AwardFigure:
    start = text.index(surface)
    status_cue = StatusCue(cue, text.index(cue), text.index(cue) + len(cue)) if cue else None
    sentence_start = text.rfind(".", 0, start) + 1
    sentence_end = text.find(".", start) + 1 or len(text)
    return AwardFigure(count=count, recipient_kind=kind, award=award, level=level, status=status,
                       start=start, end=start + len(surface),
                       sentence=text[sentence_start:sentence_end].strip(),
                       sentence_start=sentence_start, year=year, is_total=is_total,
                       status_cue=status_cue)


def build() -> list[tuple[Article, Analysis]]:
    docs = []
    a = _article("ct-1", "2026-11-02T08:00:00", "baotintuc", "Cần Thơ tổng kết thi đua",
                 "UBND TP. Cần Thơ tặng Bằng khen cho 32 tập thể và 45 cá nhân trong phong trào "
                 "Dân vận khéo. Ông Trần Văn Lâm phát biểu.")
    t = a.text
    docs.append((a, Analysis(
        entities=[_entity(t, "UBND TP. Cần Thơ", "ORG", CANTHO),
                  _entity(t, "Bằng khen", "AWARD"),
                  _entity(t, "Dân vận khéo", "CAMPAIGN"),
                  _entity(t, "Trần Văn Lâm", "PER")],
        units=[CANTHO, "thành phố Cần Thơ"],
        campaigns=[_entity(t, "Dân vận khéo", "CAMPAIGN")],
        awards=[_figure(t, "32 tập thể", 32, "tập thể", "Bằng khen", "tỉnh"),
                _figure(t, "45 cá nhân", 45, "cá nhân", "Bằng khen", "tỉnh")])))
    a = _article("ct-2", "2026-11-20T09:00:00", "vietnamplus", "Uỷ ban nhân dân thành phố "
                 "Cần Thơ đề nghị khen thưởng",
                 "Uỷ ban nhân dân thành phố Cần Thơ đề nghị Thủ tướng Chính phủ tặng Bằng khen "
                 "cho 5 tập thể. Đà Nẵng cũng tham dự.")
    t = a.text
    docs.append((a, Analysis(
        entities=[_entity(t, "Uỷ ban nhân dân thành phố Cần Thơ", "ORG", CANTHO, nth=1),
                  _entity(t, "Bằng khen", "AWARD"),
                  _entity(t, "Đà Nẵng", "LOC", "thành phố Đà Nẵng")],
        units=[CANTHO, "thành phố Cần Thơ", "thành phố Đà Nẵng"],
        awards=[_figure(t, "5 tập thể", 5, "tập thể", "Bằng khen của Thủ tướng Chính phủ",
                        "Chính phủ", status="proposed", cue="đề nghị")])))
    a = _article("na-1", "2026-10-15T07:00:00", "baotintuc", "Nghệ An trao Huân chương",
                 "UBND tỉnh Nghệ An trao Huân chương Lao động hạng Ba cho 02 tập thể. "
                 "Bà Nguyễn Thị Mai nhận Cờ thi đua.")
    t = a.text
    docs.append((a, Analysis(
        entities=[_entity(t, "UBND tỉnh Nghệ An", "ORG", NGHEAN),
                  _entity(t, "Huân chương Lao động hạng Ba", "AWARD"),
                  _entity(t, "Nguyễn Thị Mai", "PER")],
        units=[NGHEAN, "tỉnh Nghệ An"],
        awards=[_figure(t, "02 tập thể", 2, "tập thể", "Huân chương Lao động hạng Ba",
                        "Nhà nước", year=2026)])))
    a = _article("bd-1", "2026-11-03T10:00:00", "baotintuc", "Bóng đá: Hà Nội thắng",
                 "Trận đấu tại Hà Nội kết thúc với tỷ số 2-1, 265 khán giả theo dõi. "
                 "CẦN THƠ sẽ là đối thủ tiếp theo.")
    t = a.text
    docs.append((a, Analysis(
        entities=[_entity(t, "Hà Nội", "LOC", "thành phố Hà Nội", nth=1)],
        units=["thành phố Hà Nội"])))
    a = _article("na-2", "2026-11-25T15:00:00", "vietnamplus", "Nghệ An: 150 tập thể, "
                 "cá nhân được khen",
                 "Năm 2026, UBND tỉnh Nghệ An đã khen thưởng 100 tập thể và 50 cá nhân trong "
                 "phong trào Dân vận khéo. Tổng cộng 150 tập thể, cá nhân được khen thưởng.")
    t = a.text
    docs.append((a, Analysis(
        entities=[_entity(t, "UBND tỉnh Nghệ An", "ORG", NGHEAN),
                  _entity(t, "Dân vận khéo", "CAMPAIGN")],
        units=[NGHEAN, "tỉnh Nghệ An"],
        campaigns=[_entity(t, "Dân vận khéo", "CAMPAIGN")],
        awards=[_figure(t, "100 tập thể", 100, "tập thể", "khen thưởng", "tỉnh"),
                _figure(t, "50 cá nhân", 50, "cá nhân", "khen thưởng", "tỉnh"),
                _figure(t, "150 tập thể, cá nhân", 150, "tập thể, cá nhân", "khen thưởng",
                        "tỉnh", is_total=True)])))
    return docs


CORPUS = build()
IDS = {article.canonical_url.rsplit("/", 1)[1].removesuffix(".htm"): article.id
       for article, _ in CORPUS}


def make_article(n: int, title: str, body: str, source: str = "baotintuc", **kw) -> Article:
    """A plain article with every field set, for round trips."""
    return Article(
        url=f"http://127.0.0.1:8000/a/{n}.htm",
        canonical_url=f"https://baotintuc.vn/a/{n}.htm",
        source=source, title=title, sapo=kw.pop("sapo", ""), body=body,
        published_at=kw.pop("published_at", datetime(2026, 11, n % 28 + 1, 8, 0, tzinfo=VN)),
        authors=["Minh Anh"], tags=["thi đua"], agency="TTXVN",
        images=[{"url": "http://x/1.jpg", "caption": "Ảnh: TTXVN"}], **kw,
    )


ARTICLES = [
    make_article(1, "Cần Thơ tổng kết thi đua", "UBND TP. Cần Thơ khen thưởng 19 tập thể."),
    make_article(2, "Đà Nẵng đón khách", "Thành phố Đà Nẵng đón 1.000 du khách.",
                 source="vietnamplus"),
    make_article(3, "Bóng đá", "Trận đấu tại Hà Nội kết thúc với tỷ số 2-1."),
]
