"""The web interface in a real browser: Playwright driving Debian's Chromium
against the session's uvicorn. Each page is also checked for Content-Security-
Policy violations (an inline script or style would be one), and the main
pages are saved as screenshots (NEWSMON_SCREENSHOTS, else a temporary folder).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import cli_json
from tests.newsmon.web.conftest import PASSWORD, screenshots_dir

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "browser tests need Debian's chromium at /usr/bin/chromium "
        "(apt-get install chromium; .ci/run installs it)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the playwright package (test extra)"
)

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    folder = screenshots_dir(tmp_path_factory)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _log_in(page, base: str, name: str, password: str = PASSWORD) -> None:
    page.goto(base + "/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


@pytest.fixture(scope="session")
def states(browser, web_site, tmp_path_factory) -> dict[str, str]:
    """A logged-in browser state per role, made once by logging in for real."""
    folder = tmp_path_factory.mktemp("states")
    found = {}
    for name in ("lan", "minh"):
        context = browser.new_context()
        page = context.new_page()
        _log_in(page, web_site.url, name)
        page.wait_for_url(web_site.url + "/")
        found[name] = str(folder / f"{name}.json")
        context.storage_state(path=found[name])
        context.close()
    return found


class Tab:
    """A page and the CSP violations and script dialogs it saw."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base
        self.violations: list[str] = []
        self.dialogs: list[str] = []
        page.on(
            "console",
            lambda m: (
                self.violations.append(m.text) if "Content Security Policy" in m.text else None
            ),
        )
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def go(self, path: str):
        return self.page.goto(self.base + path)


def _tab(browser, web_site, state: str | None, viewport=DESKTOP) -> Iterator[Tab]:
    context = browser.new_context(
        storage_state=state, viewport=viewport, locale="vi-VN", accept_downloads=True
    )
    tab = Tab(context.new_page(), web_site.url)
    yield tab
    context.close()
    assert not tab.violations, f"CSP violations: {tab.violations}"
    assert not tab.dialogs, f"script dialogs opened: {tab.dialogs}"


@pytest.fixture
def editor_tab(browser, web_site, states) -> Iterator[Tab]:
    yield from _tab(browser, web_site, states["minh"])


@pytest.fixture
def viewer_tab(browser, web_site, states) -> Iterator[Tab]:
    yield from _tab(browser, web_site, states["lan"])


@pytest.fixture
def fresh_tab(browser, web_site) -> Iterator[Tab]:
    yield from _tab(browser, web_site, None)


def _total(page) -> int:
    text = page.inner_text(".summary p")
    found = re.match(r"([\d.]+) bài khớp", text)
    assert found, text
    return int(found.group(1).replace(".", ""))


def test_log_in_and_out(fresh_tab, shots):
    page = fresh_tab.page
    fresh_tab.go("/")
    page.wait_for_url(re.compile(r"/login"))
    page.screenshot(path=str(shots / "login.png"))
    _log_in(page, fresh_tab.base, "minh")
    page.wait_for_url(fresh_tab.base + "/")
    assert page.inner_text(".who").startswith("minh")
    assert page.is_visible("text=Số liệu khen thưởng")
    page.click("text=Đăng xuất")
    page.wait_for_url(re.compile(r"/login"))
    fresh_tab.go("/sources")
    assert "/login" in page.url


def test_wrong_password_says_so(fresh_tab):
    page = fresh_tab.page
    _log_in(page, fresh_tab.base, "minh", "not the password")
    assert "Sai tên đăng nhập hoặc mật khẩu" in page.inner_text("[role=alert]")
    assert "/login" in page.url


def test_login_returns_to_the_page_asked_for(fresh_tab):
    page = fresh_tab.page
    fresh_tab.go("/figures?view=compare")
    page.fill("input[name=name]", "lan")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/figures\?view=compare"))
    assert page.is_visible("text=khớp nhau")


def test_search_with_and_without_diacritics(viewer_tab, shots):
    page = viewer_tab.page
    viewer_tab.go("/")
    page.fill("#q", "Cần Thơ")
    page.click(".querybox button")
    page.wait_for_selector(".hit")
    with_marks = _total(page)
    page.screenshot(path=str(shots / "search.png"), full_page=True)
    assert with_marks > 0
    assert page.locator(".snippet mark").count() > 0
    page.fill("#q", "can tho")
    page.click(".querybox button")
    page.wait_for_selector(".hit")
    assert _total(page) == with_marks


def test_narrow_by_a_facet(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/?q=khen+thưởng")
    before = _total(page)
    facet = page.locator("a[data-facet=unit]").first
    name = facet.inner_text()
    facet.click()
    page.wait_for_selector(".summary")
    assert f'unit:"{name}"' in page.input_value("#q") or f"unit:{name}" in page.input_value("#q")
    after = _total(page)
    assert 0 < after <= before


def test_builder_shows_the_unit_query_it_builds(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/")
    page.click(".builder summary")
    page.fill("input[name=b_unit]", "UBND tỉnh Nghệ An")
    page.check("input[name=b_has_award]")
    assert page.inner_text("#built") == 'unit:"UBND tỉnh Nghệ An" has:award'
    page.click(".builder button[type=submit]")
    page.wait_for_selector(".summary")
    assert page.input_value("#q") == 'unit:"UBND tỉnh Nghệ An" has:award'
    assert _total(page) > 0


def test_builder_dates_are_dd_mm_yyyy_and_a_bad_one_is_explained(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/?q=khen")
    page.click(".builder summary")
    page.fill("input[name=b_from]", "01/11/2026")
    assert page.inner_text("#built") == "khen from:2026-11-01"
    page.click(".builder button[type=submit]")
    page.wait_for_selector(".summary")
    assert page.input_value("#q") == "khen from:2026-11-01"
    page.click(".builder summary")
    page.fill("input[name=b_to]", "31/02/2026")
    page.click(".builder button[type=submit]")
    assert "không phải ngày dd/mm/yyyy" in page.inner_text("[role=alert]")


def test_the_query_can_be_edited_by_hand_and_errors_point_at_the_fault(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/")
    page.fill("#q", 'unit:"Cần Thơ')
    page.click(".querybox button")
    alert = page.inner_text("[role=alert]")
    assert "Không đọc được truy vấn: thiếu dấu ngoặc kép đóng" in alert and "^" in alert
    assert "unclosed" not in alert


def test_reprints_collapsed_and_all_copies_toggle(viewer_tab):
    """The number of stories is shown when every match was read to collapse them
    (a query with fewer matches than the window the page reads)."""
    page = viewer_tab.page
    viewer_tab.go("/?q=khen+th%C6%B0%E1%BB%9Fng&order=date")
    page.wait_for_selector(".hit")
    summary = page.inner_text(".summary p")
    assert "tin, bản đăng lại tính một lần" in summary
    assert page.locator(".reprints").count() > 0
    assert re.search(r"\+\d+ bản đăng lại", page.inner_text(".reprints >> nth=0"))
    page.click("#toggle-copies")
    page.wait_for_selector(".hit")
    assert "all=1" in page.url
    assert "tin, bản đăng lại tính một lần" not in page.inner_text(".summary p")
    assert page.locator(".reprints").count() == 0


def test_timeline_chart_and_interval(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/?q=khen")
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() >= 1
    months = bars.count()
    page.click(".intervals >> text=ngày")
    page.wait_for_selector("svg.chart")
    assert "interval=day" in page.url
    assert page.locator("svg.chart rect.bar").count() >= months
    label = page.locator("svg.chart text.tick").first.text_content()
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", label)


def test_paging(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/?order=date&all=1")
    total = _total(page)
    assert total > 20
    first = page.locator(".hit h2").all_inner_texts()
    page.click("a[rel=next]")
    page.wait_for_selector(".hit")
    assert "page=2" in page.url
    second = page.locator(".hit h2").all_inner_texts()
    assert not set(first) & set(second)
    assert "Trang 2 /" in page.inner_text(".pager")


def test_dates_are_written_dd_mm_yyyy(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/?order=date")
    meta = page.inner_text(".hit .meta >> nth=0")
    assert re.search(r"\b\d{2}/\d{2}/20\d{2} \d{2}:\d{2}\b", meta), meta


def test_article_shows_its_figures_highlighted(viewer_tab, shots):
    page = viewer_tab.page
    viewer_tab.go('/?q=has:award+"tập thể"')
    page.click(".hit h2 a >> nth=0")
    page.wait_for_selector("article.article")
    figures = page.locator(".text mark.m-figure")
    assert figures.count() > 0
    rows = page.locator("table.figures tbody tr")
    assert rows.count() > 0
    count = rows.first.locator("td.num").inner_text()
    assert count.replace(".", "") in figures.first.inner_text().replace(".", "")
    assert page.locator("td.sentence mark.m-figure").count() == rows.count()
    assert page.locator(".text mark.m-unit, .text mark.m-place").count() > 0
    original = page.locator("text=Xem bài gốc")
    assert (original.get_attribute("rel") or "").split() == ["noopener", "noreferrer"]
    page.screenshot(path=str(shots / "article.png"), full_page=True)
    page.click("table.figures td.num a >> nth=0")
    assert page.url.endswith("#fig-1")


def test_article_lists_the_other_copies_of_its_story(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/?order=date")
    page.click(".reprints a >> nth=0")
    page.wait_for_selector("#copies")
    links = page.locator("#copies a")
    assert links.count() >= 1
    links.first.click()
    page.wait_for_selector("article.article")


def test_export_csv_is_utf8_with_bom(viewer_tab):
    page = viewer_tab.page
    viewer_tab.go("/?q=can+tho")
    total = _total(page)
    with page.expect_download() as info:
        page.click("text=CSV (Excel)")
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) >= total
    assert any("Cần Thơ" in r["title"] + r["snippet"] for r in rows)


def test_export_json_has_every_copy(viewer_tab, web_site):
    page = viewer_tab.page
    viewer_tab.go("/?q=can+tho&all=1")
    total = _total(page)
    with page.expect_download() as info:
        page.click("text=JSON")
    hits = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert len(hits) == total
    assert {"id", "title", "snippet", "highlights"} <= hits[0].keys()
    cli = cli_json("search", "can tho", "--all-copies", "--limit", "1", "--store", web_site.store)
    assert cli["total"] == total


def test_figures_sums_match_the_cli(viewer_tab, web_site, shots):
    page = viewer_tab.page
    viewer_tab.go("/figures")
    page.select_option("select[name=status]", "awarded")
    page.select_option("select[name=sum_by]", "level")
    page.click(".filters button")
    page.wait_for_selector("table.sums")
    page.screenshot(path=str(shots / "figures.png"), full_page=True)
    shown = {
        (r[0], r[1]): int(r[2].replace(".", ""))
        for r in (
            row.locator("td").all_inner_texts() for row in page.locator("table.sums tbody tr").all()
        )
    }
    cli = cli_json("figures", "--status", "awarded", "--sum-by", "level", "--store", web_site.store)
    assert shown == {(s["key"] or "–", s["kind"] or "–"): s["total"] for s in cli}
    page.click("table.figures td.sentence a >> nth=0")
    page.wait_for_selector("#figures")


def test_figures_comparison_view(viewer_tab, web_site, shots):
    """Opens on discrepancies then agreements; each verdict choice shows its
    count (the CLI's for the same filter), pages, and links to the articles."""
    page = viewer_tab.page
    viewer_tab.go("/figures")
    page.select_option("select[name=view]", "compare")
    page.click(".filters button")
    page.wait_for_selector("section.ledger")
    page.screenshot(path=str(shots / "compare.png"), full_page=True)
    assert page.locator("select[name=sum_by]").count() == 0  # sums are the table's
    cli = cli_json("figures", "--compare", "--store", web_site.store)
    compared = [r for r in cli if r["verdict"] != "single"]
    assert page.locator("section.ledger").count() == min(len(compared), 20)
    names = {"discrepancy": "Chênh lệch", "agree": "Khớp nhau", "single": "Một nguồn"}
    assert page.locator("section.ledger .verdict").all_inner_texts() == [
        names[r["verdict"]] for r in compared[:20]
    ]
    assert page.inner_text(".verdicts a[aria-current=true]").startswith("Nhiều nguồn")
    page.click(".verdicts a >> text=Tất cả")
    page.wait_for_url(re.compile(r"verdict=all"))
    assert page.inner_text(".verdicts a[aria-current=true] .n") == str(len(cli))
    page.click(".pager a[rel=next]")
    page.wait_for_url(re.compile(r"page=2"))
    assert "Dòng 21–" in page.inner_text("p.shown")
    page.select_option("select[name=status]", "awarded")
    page.click(".filters button")
    page.wait_for_url(re.compile(r"status=awarded"))
    awarded = cli_json("figures", "--compare", "--status", "awarded", "--store", web_site.store)
    assert "verdict=all" in page.url
    assert page.inner_text(".verdicts a[aria-current=true] .n") == str(len(awarded))
    page.click("section.ledger li a >> nth=0")
    page.wait_for_selector("#figures")


def test_create_a_watch_from_a_search_in_two_clicks(editor_tab, shots):
    page = editor_tab.page
    editor_tab.go('/?q=unit:"Cần Thơ"')
    page.click("#watch-this")  # click 1
    assert page.input_value("input[name=query]") == 'unit:"Cần Thơ"'
    name = page.input_value("input[name=name]")
    assert name
    page.click("text=Lưu theo dõi")  # click 2
    page.wait_for_url(re.compile(rf"/watches/{re.escape(name)}$"))
    assert 'unit:"Cần Thơ"' in page.inner_text(".facts")
    page.screenshot(path=str(shots / "watch.png"), full_page=True)
    editor_tab.go("/watches")
    assert page.is_visible(f"a:has-text('{name}')")


def test_test_a_watch_without_destination_explains(editor_tab):
    page = editor_tab.page
    editor_tab.go("/watches/new?q=khen")
    page.fill("input[name=name]", "thu-gui")
    page.click("text=Lưu theo dõi")
    page.wait_for_url(re.compile(r"/watches/thu-gui$"))
    page.click("text=Gửi thử ngay")
    page.wait_for_selector("#test-result p")
    assert "chưa có nơi nhận" in page.inner_text("#test-result")
    assert page.url.endswith("/watches/thu-gui")  # swapped in place by htmx


def test_edit_a_watch_and_read_its_feed(editor_tab, browser, web_site):
    page = editor_tab.page
    editor_tab.go("/watches/new?q=khen+thưởng")
    page.fill("input[name=name]", "sua-doi")
    page.click("text=Lưu theo dõi")
    page.wait_for_url(re.compile(r"/watches/sua-doi$"))
    page.click("text=Sửa theo dõi")
    page.select_option(".edit select[name=cadence]", "daily")
    page.fill(".edit input[name=query]", "khen thưởng has:award")
    page.click("text=Lưu thay đổi")
    page.wait_for_url(re.compile(r"/watches/sua-doi$"))
    facts = page.inner_text(".facts")
    assert "hằng ngày" in facts and "khen thưởng has:award" in facts
    feed = page.get_attribute("#feed-link", "href")
    context = browser.new_context()  # a feed reader: no login
    answer = context.request.get(feed)
    assert answer.ok and b"<feed" in answer.body()
    context.close()


def test_sources_page_shows_health(viewer_tab, shots):
    page = viewer_tab.page
    viewer_tab.go("/sources")
    page.screenshot(path=str(shots / "sources.png"), full_page=True)
    table = page.inner_text("table")
    assert "baotintuc" in table and "vietnamplus" in table
    assert "bình thường" in table
    assert page.locator("#add-source").count() == 0


def test_an_editor_adding_a_private_source_is_told_why_not(editor_tab):
    page = editor_tab.page
    editor_tab.go("/sources")
    page.fill("#add-source input[name=url]", "http://127.0.0.1:9/")
    page.click("#add-source button")
    assert "Không thêm được nguồn" in page.inner_text("[role=alert]")


def test_a_viewer_sees_no_edit_controls(viewer_tab, editor_tab):
    editor_tab.go("/watches/new?q=can+tho")
    editor_tab.page.fill("input[name=name]", "cho-nguoi-xem")
    editor_tab.page.click("text=Lưu theo dõi")
    editor_tab.page.wait_for_url(re.compile(r"/watches/cho-nguoi-xem$"))
    page = viewer_tab.page
    viewer_tab.go("/?q=can+tho")
    assert page.locator("#watch-this").count() == 0
    viewer_tab.go("/watches")
    assert page.locator("text=Tạo theo dõi mới").count() == 0
    viewer_tab.go("/watches/cho-nguoi-xem")
    assert page.locator("text=Sửa theo dõi").count() == 0
    assert page.locator("text=Gửi thử ngay").count() == 0
    assert page.locator("#feed-link").count() == 1
    answer = viewer_tab.go("/watches/new")
    assert answer.status == 403 and "biên tập" in page.inner_text("[role=alert]")


def test_an_admin_adds_a_user_who_then_logs_in(fresh_tab, web_site, shots):
    from newsmon.web.users import find_user, remove_user

    page = fresh_tab.page
    _log_in(page, web_site.url, "quan")
    page.wait_for_url(web_site.url + "/")
    page.click("header nav >> text=Người dùng")
    page.wait_for_url(web_site.url + "/users")
    form = page.locator("form.add-user")
    form.locator("input[name=name]").fill("thu.trang")
    form.locator("select[name=role]").select_option("editor")
    form.locator("input[name=password]").fill("mat-khau-cua-trang")
    form.locator("input[name=password2]").fill("mat-khau-cua-trang")
    form.locator("button").click()
    page.wait_for_selector("[role=status]")
    assert "Đã thêm người dùng “thu.trang”" in page.inner_text("[role=status]")
    row = page.locator('tr[data-user="thu.trang"]')
    assert row.locator("select[name=role]").input_value() == "editor"
    page.screenshot(path=str(shots / "users.png"), full_page=True)
    page.click("header .logout button")
    page.wait_for_url(re.compile(r"/login"))
    try:
        _log_in(page, web_site.url, "thu.trang", "mat-khau-cua-trang")
        page.wait_for_url(web_site.url + "/")
        assert "thu.trang (biên tập)" in page.inner_text("header .who")
        assert page.locator("header nav >> text=Người dùng").count() == 0
        fresh_tab.go("/users")
        assert "quản trị viên" in page.inner_text("main")
    finally:
        if find_user(web_site.data_dir, "thu.trang"):
            remove_user(web_site.data_dir, "thu.trang")


def test_script_in_a_crawled_article_stays_inert(viewer_tab, web_site, shots):
    page = viewer_tab.page
    viewer_tab.go(f"/article/{web_site.xss_id}")
    page.wait_for_selector("article.article")
    page.screenshot(path=str(shots / "xss.png"), full_page=True)
    assert page.evaluate("window.__xss") is None
    assert "<script>" in page.inner_text("h1") and "onerror=" in page.inner_text("h1")
    assert "onerror=" in page.inner_text(".text")
    assert page.locator("article img, article script").count() == 0
    assert "hacked" not in page.evaluate("document.body.innerHTML.slice(0, 50)")
    assert page.locator(".text mark.m-figure").count() >= 1
    viewer_tab.go('/?q="An toàn hiển thị"')
    page.wait_for_selector(".hit")
    assert "<script>" in page.inner_text(".hit h2")
    assert page.evaluate("window.__xss") is None
    assert page.title().startswith('"An toàn')


def test_usable_on_a_phone(browser, web_site, states, shots):
    for tab in _tab(browser, web_site, states["lan"], viewport=PHONE):
        page = tab.page
        for path in ("/?q=khen", "/figures", "/sources"):
            tab.go(path)
            wide = page.evaluate("document.documentElement.scrollWidth")
            assert wide <= PHONE["width"] + 1, (path, wide)
        tab.go("/?q=khen")
        page.screenshot(path=str(shots / "search-phone.png"))


def test_fits_1366_by_768(viewer_tab):
    page = viewer_tab.page
    for path in ("/?q=khen", "/figures", "/figures?view=compare", "/sources", "/watches"):
        viewer_tab.go(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"], path
    viewer_tab.go("/?q=khen")
    assert page.locator("aside.facets").bounding_box()["x"] < DESKTOP["width"]


def test_screenshots_were_written(shots):
    names = {p.name for p in shots.glob("*.png")}
    print(f"\nscreenshots in {shots}: {sorted(names)}")
    assert {"login.png", "search.png", "article.png", "figures.png"} <= names
