"""The layout reader (crawler/extract/layout.py) on small made-up pages: which
era recognises a page, what is body text, and the errors it gives."""

from __future__ import annotations

import pytest

from newsmon.crawler.extract import ExtractError
from newsmon.crawler.extract.layout import Layout, read_layouts

NEW = Layout(era="new", title=("h1.headline",), body=("div.story",), sapo=("p.lead",),
             date=("time::attr(datetime)",), authors=("span.by",), tags="div.tags a")
OLD = Layout(era="old", title=("h1.title",), body=("div#content",), date=("span.date",),
             byline_last=True)
PARAS = [
    "Sáng 3/12, tỉnh Hà Tĩnh tổ chức lễ khánh thành khu tái định cư cho 212 hộ dân vùng sạt lở.",
    "Mỗi hộ được bố trí lô đất 200 mét vuông cùng khoản hỗ trợ 60 triệu đồng để dựng nhà mới.",
    "Chính quyền địa phương cho biết toàn bộ các hộ sẽ chuyển đến nơi ở mới trước Tết Nguyên đán.",
]


def new_page(body: str) -> str:
    return ("<html><body><h1 class='headline'>Hà Tĩnh khánh thành khu tái định cư</h1>"
            "<time datetime='2026-12-03T09:30:00+07:00'>03/12/2026</time>"
            "<span class='by'>Lan Anh</span><p class='lead'>Hơn 200 hộ dân có nơi ở mới.</p>"
            f"<div class='story'>{body}</div>"
            "<div class='tags'><a href='/t/1'>Hà Tĩnh</a><a href='/t/2'>tái định cư</a></div>"
            "</body></html>")


def test_the_newest_era_that_recognises_the_page_reads_it():
    html = new_page("".join(f"<p>{p}</p>" for p in PARAS))
    got = read_layouts(html, "https://bao.example/a.html", "mau", (NEW, OLD))
    assert got.body.split("\n\n") == PARAS
    assert (got.title, got.sapo, got.authors, got.tags) == (
        "Hà Tĩnh khánh thành khu tái định cư", "Hơn 200 hộ dân có nơi ở mới.", ["Lan Anh"],
        ["Hà Tĩnh", "tái định cư"])
    assert got.published_at.isoformat() == "2026-12-03T09:30:00+07:00"


def test_an_older_era_reads_its_page_and_takes_the_closing_byline_off_the_body():
    html = ("<html><body><h1 class='title'>Hà Tĩnh khánh thành khu tái định cư</h1>"
            "<span class='date'>03/12/2026 09:30</span><div id='content'>"
            + "".join(f"<p>{p}</p>" for p in PARAS)
            + "<p style='text-align:right'><strong>Lan Anh - Đức Toàn</strong></p>"
            "</div></body></html>")
    got = read_layouts(html, "https://bao.example/a.html", "mau", (NEW, OLD))
    assert got.body.split("\n\n") == PARAS
    assert got.authors == ["Lan Anh", "Đức Toàn"]
    assert got.published_at.isoformat() == "2026-12-03T09:30:00+07:00"


def test_photos_go_to_images_and_a_photo_less_figure_stays_text():
    html = new_page(f"<p>{PARAS[0]}</p><figure><img src='/a.jpg'><figcaption>Khu tái định cư."
                    f"</figcaption></figure><figure class='quote'><p>{PARAS[1]}</p></figure>"
                    f"<div class='box-related'><p>Tin liên quan: Hà Tĩnh di dời dân</p></div>"
                    f"<p>Trong bài, <a class='cms-relate' href='/t'>Hà Tĩnh</a> nói rõ.</p>"
                    f"<p>{PARAS[2]}</p>")
    got = read_layouts(html, "https://bao.example/a.html", "mau", (NEW,))
    assert got.body.split("\n\n") == [PARAS[0], PARAS[1], "Trong bài, Hà Tĩnh nói rõ.", PARAS[2]]
    assert [i["caption"] for i in got.images] == ["Khu tái định cư."]
    assert got.images[0]["url"] == "https://bao.example/a.jpg"


def test_a_recognised_layout_with_an_empty_body_says_empty():
    with pytest.raises(ExtractError) as caught:
        read_layouts(new_page("<div>  </div>"), "https://bao.example/a.html", "mau", (NEW,))
    assert caught.value.reason == "empty"


def test_a_page_no_era_recognises_is_not_an_article_for_this_parser():
    with pytest.raises(ExtractError) as caught:
        read_layouts("<html><body><h1>Tin</h1><p>x</p></body></html>", "https://b.example/",
                     "mau", (NEW, OLD))
    assert caught.value.reason == "not_an_article"
