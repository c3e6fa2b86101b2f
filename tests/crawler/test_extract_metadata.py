"""Metadata and generic extraction and page classification on small made-up
pages, one feature at a time: JSON-LD shapes, OpenGraph fallbacks, dates,
bylines, and what makes a page a video, a gallery or a list page."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from newsmon.crawler.extract import ExtractError, extract_article, generic, metadata
from newsmon.crawler.extract.common import (
    VIETNAM,
    byline_paragraph,
    node_text,
    parse_vietnamese_datetime,
    selector,
    split_byline,
    strip_leading_credit,
    unescape,
    url_timestamp,
)

URL = "https://tinmau.example/kinh-te/bai-viet.html"
PARAGRAPHS = [
    "Sáng 12/3, Ủy ban nhân dân tỉnh Bắc Ninh tổ chức hội nghị tổng kết công tác xúc tiến "
    "đầu tư năm 2026 với sự tham gia của hơn 200 doanh nghiệp trong và ngoài nước.",
    "Theo báo cáo, trong năm qua tỉnh đã thu hút 96 dự án đầu tư trực tiếp nước ngoài mới "
    "với tổng vốn đăng ký khoảng 1,2 tỷ USD, tăng 18% so với cùng kỳ năm trước.",
    "Phát biểu tại hội nghị, lãnh đạo tỉnh đề nghị các sở, ngành tiếp tục cải thiện môi "
    "trường kinh doanh, rút ngắn thời gian giải quyết thủ tục hành chính cho nhà đầu tư.",
    "Dịp này, tỉnh trao giấy chứng nhận đầu tư cho 12 dự án mới và ký kết biên bản ghi nhớ "
    "hợp tác với 5 tập đoàn công nghệ trong lĩnh vực bán dẫn và năng lượng tái tạo.",
]
TITLE = "Bắc Ninh thu hút 96 dự án FDI mới trong năm 2026"
SAPO = "Tỉnh Bắc Ninh thu hút khoảng 1,2 tỷ USD vốn đầu tư nước ngoài trong năm 2026."


def page(head: str = "", body: str | None = None, extra: str = "") -> str:
    if body is None:
        body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{TITLE}</title>"
            f"{head}</head><body><header><a href='/'>Trang chủ</a></header><main><article>"
            f"<h1>{TITLE}</h1><div class='entry-content'>{body}</div></article>{extra}</main>"
            f"</body></html>")


def ld(data) -> str:
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def og(**props) -> str:
    return "".join(f'<meta property="{k.replace("__", ":")}" content="{v}">'
                   for k, v in props.items())


NEWS = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": TITLE,
        "description": SAPO, "datePublished": "2026-03-12T10:30:00+07:00"}


# ------------------------------------------------------------------ JSON-LD shapes

@pytest.mark.parametrize("shape", ["plain", "graph", "list", "type-list", "prefixed", "reportage"])
def test_json_ld_article_in_every_shape(shape):
    item = dict(NEWS)
    data = {
        "plain": item,
        "graph": {"@context": "https://schema.org",
                  "@graph": [{"@type": "WebPage", "name": "x"}, {**item, "@context": None}]},
        "list": [{"@type": "Organization", "name": "Báo Mẫu"}, item],
        "type-list": {**item, "@type": ["NewsArticle", "Article"]},
        "prefixed": {**item, "@type": "http://schema.org/NewsArticle"},
        "reportage": {**item, "@type": "ReportageNewsArticle"},
    }[shape]
    got = metadata.extract(page(ld(data)), URL)
    assert (got.title, got.sapo, got.parser) == (TITLE, SAPO, "metadata")
    assert got.published_at == datetime(2026, 3, 12, 10, 30, tzinfo=VIETNAM)
    assert got.body.split("\n\n") == PARAGRAPHS


def test_a_malformed_json_ld_script_costs_only_itself():
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
    got = metadata.extract(page(broken + ld(NEWS)), URL)
    assert got.title == TITLE


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-03-12T10:30:00", "2026-03-12T10:30:00+07:00"),
    ("2026-03-12T03:30:00Z", "2026-03-12T10:30:00+07:00"),
    ("2026-03-12T05:30:00+02:00", "2026-03-12T10:30:00+07:00"),
    ("2026-03-12", "2026-03-12T00:00:00+07:00"),
])
def test_dates_are_given_in_vietnam_time(value, expected):
    got = metadata.extract(page(ld({**NEWS, "datePublished": value})), URL)
    assert got.published_at.isoformat() == expected


@pytest.mark.parametrize(("author", "authors", "agency"), [
    ("Minh Anh", ["Minh Anh"], ""),
    ("Minh Anh, Thu Hà", ["Minh Anh", "Thu Hà"], ""),
    ({"@type": "Person", "name": "Minh Anh"}, ["Minh Anh"], ""),
    ([{"@type": "Person", "name": "Minh Anh"}, "Thu Hà"], ["Minh Anh", "Thu Hà"], ""),
    ({"@type": "Person", "name": "Minh Anh (TTXVN)"}, ["Minh Anh"], "TTXVN"),
    ({"@type": "Person", "name": ["Minh Anh"]}, ["Minh Anh"], ""),
])
def test_json_ld_authors(author, authors, agency):
    got = metadata.extract(page(ld({**NEWS, "author": author})), URL)
    assert (got.authors, got.agency) == (authors, agency)


@pytest.mark.parametrize(("keywords", "tags"), [
    ("FDI, Bắc Ninh,bán dẫn", ["FDI", "Bắc Ninh", "bán dẫn"]),
    (["FDI", "Bắc Ninh", "FDI"], ["FDI", "Bắc Ninh"]),
])
def test_json_ld_keywords(keywords, tags):
    got = metadata.extract(page(ld({**NEWS, "keywords": keywords})), URL)
    assert got.tags == tags


def test_opengraph_and_article_meta_without_json_ld():
    head = og(og__title=TITLE, og__description=SAPO, og__type="article",
              og__url="https://tinmau.example/bai-viet-goc.html",
              article__published_time="2026-03-12T10:30:00+07:00",
              article__section="Kinh tế", article__tag="FDI") + og(article__tag="Bắc Ninh")
    got = metadata.extract(page(head), URL)
    assert got.title == TITLE and got.sapo == SAPO
    assert got.published_at == datetime(2026, 3, 12, 10, 30, tzinfo=VIETNAM)
    assert got.category == "Kinh tế"
    assert got.tags == ["FDI", "Bắc Ninh"]
    assert got.canonical_url == "https://tinmau.example/bai-viet-goc.html"


def test_a_leading_agency_credit_leaves_the_sapo_for_the_agency_field():
    got = metadata.extract(page(ld({**NEWS, "description": "(TTXVN) " + SAPO})), URL)
    assert (got.sapo, got.agency) == (SAPO, "TTXVN")


def test_no_date_in_the_metadata_is_left_to_generic():
    head = og(og__title=TITLE, og__type="article")
    with pytest.raises(ExtractError) as caught:
        metadata.extract(page(head), URL)
    assert caught.value.reason == "not_an_article"
    got = extract_article(page(head, extra="<p class='date'>Thứ Năm, 12/03/2026 10:30</p>"), URL)
    assert got.parser == "generic"


# ------------------------------------------------------------------ body

def test_noise_in_the_body_is_left_out():
    body = (f"<p class='lead'>{SAPO}</p><p>{PARAGRAPHS[0]}</p>"
            "<aside class='related-inline'><p>Xem thêm: <a href='/x.html'>Bài khác</a></p></aside>"
            f"<p>{PARAGRAPHS[1]}</p>"
            "<ul class='list-news'><li><a href='/a.html'>Tin liên quan số một khá dài</a></li>"
            "<li><a href='/b.html'>Tin liên quan số hai cũng khá dài</a></li></ul>"
            f"<p>Xem thêm: các tin khác</p><p>{PARAGRAPHS[2]}</p>"
            "<figure><img data-src='/anh/1.jpg' src='data:image/gif;base64,R0l'>"
            "<figcaption>Quang cảnh hội nghị. Ảnh: TTXVN</figcaption></figure>"
            f"<div class='ads'><script>ads()</script></div><p>{PARAGRAPHS[3]}</p>"
            "<p style='text-align:right'><strong>Minh Anh - Thu Hà (TTXVN)</strong></p>")
    got = metadata.extract(page(ld(NEWS), body), URL)
    assert got.body.split("\n\n") == PARAGRAPHS
    assert got.authors == ["Minh Anh", "Thu Hà"]
    assert got.agency == "TTXVN"
    assert got.images == [{"url": "https://tinmau.example/anh/1.jpg",
                           "caption": "Quang cảnh hội nghị. Ảnh: TTXVN"}]


def test_teaser_thumbnails_are_not_the_articles_images():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + (
        "<figure class='story__thumb'><a href='/khac.html'><img src='/anh/khac.jpg'></a></figure>"
        "<figure><a href='/anh/lon.jpg'><img src='/anh/nho.jpg'></a><figcaption>Ảnh lớn"
        " <a href='/tac-gia/x'>X</a></figcaption></figure>")
    got = metadata.extract(page(ld(NEWS), body), URL)
    assert [i["url"] for i in got.images] == ["https://tinmau.example/anh/nho.jpg"]


def test_images_resolve_against_base_href_and_prefer_lazy_sources():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + (
        "<figure><img src='anh/1.jpg'><figcaption>Một</figcaption></figure>"
        "<figure><img src='data:image/gif;base64,R0l' data-original='/anh/2.jpg'>"
        "<figcaption>Hai</figcaption></figure>")
    html = page(ld(NEWS) + "<base href='https://cdn.tinmau.example/bai/'>", body)
    got = metadata.extract(html, URL)
    assert got.images == [{"url": "https://cdn.tinmau.example/bai/anh/1.jpg", "caption": "Một"},
                          {"url": "https://cdn.tinmau.example/anh/2.jpg", "caption": "Hai"}]


def test_inline_markup_does_not_add_spaces():
    html = "<p>Tại <b>Hà Nội</b>, giá <a href='#'>vàng</a>tăng<br>mạnh &nbsp; <em>hôm nay</em>.</p>"
    assert node_text(selector(html).css("p")[0]) == "Tại Hà Nội, giá vàngtăng mạnh hôm nay."


# ------------------------------------------------------------------ generic

@pytest.mark.parametrize(("visible", "expected"), [
    ("Thứ Hai, 09/11/2026 - 07:30", "2026-11-09T07:30:00+07:00"),
    ("Cập nhật lúc : 11/07/14 11:35", "2014-07-11T11:35:00+07:00"),
    ("09/11/2026 07h30", "2026-11-09T07:30:00+07:00"),
])
def test_generic_reads_visible_vietnamese_dates(visible, expected):
    html = page(extra="<div class='other'><span class='date'>01/01/2020 08:00</span></div>")
    html = html.replace("<h1>", f"<span class='post-date'>{visible}</span><h1>", 1)
    got = generic.extract(html, URL)
    assert got.published_at.isoformat() == expected
    assert got.parser == "generic"


def test_generic_prefers_the_date_after_the_headline_to_the_sidebar():
    html = page(extra="<aside><span class='date'>(08/03/2016)</span></aside>").replace(
        "</h1>", "</h1><div class='time'>18/04/2016 07:45</div>", 1)
    html = html.replace("<header>", "<header><span class='date'>01/01/2015</span>", 1)
    assert generic.extract(html, URL).published_at.isoformat() == "2016-04-18T07:45:00+07:00"


def test_generic_falls_back_to_htmldate():
    html = page('<meta name="date" content="bad">').replace(
        "<div class='entry-content'>", "<div class='entry-content'><p>Ngày 12 tháng 3 năm "
        "2026</p>", 1)
    got = generic.extract(html, "https://tinmau.example/2026/03/12/bai-viet.html")
    assert got.published_at is not None and got.published_at.utcoffset() is not None


# ------------------------------------------------------------------ classification

@pytest.mark.parametrize(("head", "body", "reason"), [
    (og(og__type="video.other", og__title="Clip"), "<video src='/a.mp4'></video>", "video"),
    (ld({"@type": "VideoObject", "name": "Clip", "uploadDate": "2026-03-12"}),
     "<iframe src='https://www.youtube.com/embed/x'></iframe><p>Clip ngắn.</p>", "video"),
    (ld(NEWS), "<div class='player'><video src='/a.mp4'></video></div><p>Một clip.</p>",
     "video"),
    (ld(NEWS), "".join(f"<figure><img src='/a{i}.jpg'><figcaption>Ảnh {i}</figcaption>"
                       "</figure>" for i in range(5)), "gallery"),
    (ld({**NEWS, "@type": "ImageGallery"}), "<p>Ảnh.</p>", "gallery"),
    (og(og__type="website", og__title="Báo Mẫu"),
     "".join(f"<article class='card'><h3><a href='/b{i}.html'>Tin số {i}</a></h3>"
             f"<p>{PARAGRAPHS[i % 4]}</p></article>" for i in range(6)), "index"),
    ("", "".join(f"<div class='item'><h3><a href='/b{i}.html'>Tin số {i} trong ngày</a></h3>"
                 f"<p>Tóm tắt {i}.</p></div>" for i in range(8)), "index"),
    ("", "<ul class='list-tag'><li><a href='/a.html'>Một tin</a> <span>09/11/2026</span></li>"
         "</ul>", "index"),
    (ld(NEWS), "", "empty"),
    (ld(NEWS), "<p>Một đoạn ngắn.</p>", "not_an_article"),
])
def test_pages_that_are_not_articles(head, body, reason):
    html = page(head, body)
    for extractor in (metadata.extract, generic.extract):
        with pytest.raises(ExtractError) as caught:
            extractor(html, URL)
        assert caught.value.reason == reason
    with pytest.raises(ExtractError) as caught:
        extract_article(html, URL)
    assert caught.value.reason == reason


def test_an_article_that_calls_itself_a_website_is_still_an_article():
    got = extract_article(page(og(og__type="website", og__title=TITLE)), URL)
    assert got.body.split("\n\n") == PARAGRAPHS


def test_an_article_with_an_embedded_video_and_real_text_is_an_article():
    body = "<iframe src='https://www.youtube.com/embed/x'></iframe>" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS)
    got = extract_article(page(ld(NEWS) + ld({"@type": "VideoObject", "name": "x"}), body), URL)
    assert got.parser == "metadata"


# ------------------------------------------------------------------ helpers

@pytest.mark.parametrize(("text", "authors", "agency"), [
    ("Hà Linh (TTXVN/Vietnam+)", ["Hà Linh"], "TTXVN/Vietnam+"),
    ("Minh Hằng - Quang Đức (Vietnam+)", ["Minh Hằng", "Quang Đức"], "Vietnam+"),
    (" (TTXVN/Vietnam+)", [], "TTXVN/Vietnam+"),
    ("KIM PHƯỢNG (TTXVN/VIETNAM+)", ["KIM PHƯỢNG"], "TTXVN/VIETNAM+"),
    ("Thanh Hà - Đức Minh", ["Thanh Hà", "Đức Minh"], ""),
    ("", [], ""),
])
def test_split_byline(text, authors, agency):
    assert split_byline(text) == (authors, agency)


@pytest.mark.parametrize(("text", "rest", "credit"), [
    ("(BNEWS) Sáng 22/7, giá tăng.", "Sáng 22/7, giá tăng.", "BNEWS"),
    ("(TTXVN) - Sáng 22/7.", "Sáng 22/7.", "TTXVN"),
    ("Sáng 22/7 (giờ Hà Nội), giá tăng.", "Sáng 22/7 (giờ Hà Nội), giá tăng.", ""),
])
def test_strip_leading_credit(text, rest, credit):
    assert strip_leading_credit(text) == (rest, credit)


@pytest.mark.parametrize(("html", "byline"), [
    ("<p>Thân bài dài.</p><p style='text-align: right;'><b>A - B</b> (TTXVN)</p>",
     "A - B (TTXVN)"),
    ("<p>Thân bài dài.</p><p><strong>Thanh Hà</strong></p><p>&nbsp;</p>", "Thanh Hà"),
    ("<p>Thân bài dài.</p><p><strong>Tiêu đề phụ</strong></p><p>Đoạn cuối.</p>", ""),
    ("<p>Một đoạn <strong>có chữ đậm</strong> ở cuối.</p>", ""),
])
def test_byline_paragraph(html, byline):
    found = byline_paragraph(selector(f"<div>{html}</div>").css("div")[0])
    assert (node_text(found) if found is not None else "") == byline


def test_url_timestamp():
    assert url_timestamp("https://baotintuc.vn/x/a-20230513172628530.htm") == datetime(
        2023, 5, 13, 17, 26, 28, tzinfo=VIETNAM)
    assert url_timestamp("https://baotintuc.vn/x/a-20231313172628530.htm") is None
    assert url_timestamp("https://bnews.vn/a/13051.html") is None


def test_parse_keeps_the_instant_and_gives_vietnam_time():
    got = parse_vietnamese_datetime("2026-07-30T09:47:54Z")
    assert got.isoformat() == "2026-07-30T16:47:54+07:00"


@pytest.mark.parametrize(("raw", "text"), [
    ("Chi&amp;#7871;n s&amp;#297;", "Chiến sĩ"),       # escaped twice
    ("Ch&#237;nh s&#225;ch", "Chính sách"),            # escaped once
    ("Q&amp;A với &quot;AT&T&quot;", 'Q&A với "AT&T"'),  # decoded once only where it was once
    ("Lợi nhuận tăng 5% & doanh thu", "Lợi nhuận tăng 5% & doanh thu"),
])
def test_entities_are_decoded_until_none_is_left(raw, text):
    assert unescape(raw) == text


def test_authors_are_never_split_on_the_semicolon_of_an_entity():
    assert split_byline("Nguy&#7877;n Thu H&#224;; Ph&#7841;m V&#259;n Long") == (
        ["Nguyễn Thu Hà", "Phạm Văn Long"], "")


def test_an_inline_keyword_link_keeps_its_words_in_the_sentence():
    linked = PARAGRAPHS[0].replace("Bắc Ninh", '<a class="cms-relate" href="/tag/bn">Bắc Ninh</a>')
    html = page(ld(NEWS), "".join(f"<p>{p}</p>" for p in [linked, *PARAGRAPHS[1:]]))
    assert extract_article(html, URL).body.split("\n\n") == PARAGRAPHS


def test_the_headline_on_the_page_wins_over_an_seo_title():
    seo = {**NEWS, "headline": "Bắc Ninh FDI 2026: 96 dự án, 1,2 tỷ USD | Tin Mẫu"}
    assert extract_article(page(ld(seo) + og(og__title=seo["headline"])), URL).title == TITLE
