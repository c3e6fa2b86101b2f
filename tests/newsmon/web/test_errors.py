"""Bad input to the web pages: a clear page in Vietnamese with the status that
says what happened, never FastAPI's JSON or a traceback."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path, name",
    [("/?page=abc", "page"), ("/?q=khen&all=x", "all"), ("/figures?page=hai", "page")],
)
def test_a_parameter_of_the_wrong_type_is_a_page_that_names_it(viewer, path, name):
    page = viewer.get(path)
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert f"“{name}” phải là một số nguyên" in page.text
    assert "Về trang tìm kiếm" in page.text


def test_an_unknown_article_is_a_page_not_found(viewer):
    page = viewer.get("/article/khong-co-bai-nay")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
