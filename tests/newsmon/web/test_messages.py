"""Every QueryError the shared parser can raise has Vietnamese in the web
(newsmon/web/messages.py): the table covers ERROR_CODES, every raise site in
the code names a code of the table, and a query that provokes each code is
shown in Vietnamese, with no English, while the CLI keeps its English."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

import pytest

from newsmon.index.prepare import status_value
from newsmon.index.query import ERROR_CODES, QueryError, parse
from newsmon.web.messages import (
    QUERY_ERRORS,
    TEXT_ERRORS,
    USER_ERRORS,
    WATCH_ERRORS,
    query_error,
    query_message,
    user_message,
)
from newsmon.web.users import UserError

ROOT = Path(__file__).resolve().parents[3]

#: a query (or, for unknown_status, a typed status) that raises each code
EXAMPLES = {
    "unclosed_quote": 'khen "thưởng',
    "too_long": "khen " * 401,
    "too_many_terms": " ".join(f"tu{i}" for i in range(65)),
    "unmatched_paren": "khen )",
    "too_many_nots": "NOT " * 21 + "khen",
    "missing_operand": "khen OR",
    "operand_before": "OR khen",
    "too_deep": "(" * 21 + "khen" + ")" * 21,
    "unclosed_paren": "(khen thưởng",
    "unknown_field": "unti:x",
    "missing_value": "unit: x",
    "empty_value": 'unit:""',
    "bad_date": "from:hôm-qua",
    "bad_has": "has:photo",
    "reversed_range": "from:2026-11-30 to:2026-11-01",
    "unknown_status": "xyz",
}
#: raise sites no query reaches today (parse() only ever has a ')' left over),
#: kept because the parser may grow; they still need their Vietnamese.
UNREACHABLE = {"unexpected"}


def raise_for(code: str) -> QueryError:
    with pytest.raises(QueryError) as info:
        if code == "unknown_status":
            status_value(EXAMPLES[code])
        else:
            parse(EXAMPLES[code])
    return info.value


def test_every_code_has_vietnamese():
    assert set(QUERY_ERRORS) == set(ERROR_CODES)


def _raise_sites() -> list[tuple[str, int, str | None]]:
    """(file, line, code) of every QueryError(...) and self.error(...) call."""
    found = []
    for folder in ("index", "newsmon", "nlp", "crawler"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                if (isinstance(func, ast.Name) and func.id == "QueryError") or (
                    isinstance(func, ast.Attribute)
                    and func.attr == "error"
                    and isinstance(func.value, ast.Name)
                    and func.value.id == "self"
                    and path.name == "query.py"
                ):
                    code = next((k.value for k in node.keywords if k.arg == "code"), None)
                    found.append((str(path.relative_to(ROOT)), node.lineno, ast.unparse(code)))
    return found


def test_every_raise_site_names_a_code_with_vietnamese():
    sites = _raise_sites()
    assert len(sites) >= len(ERROR_CODES)  # the scan does find them
    for path, line, code in sites:
        if path == "index/query.py" and code == "code":
            continue  # _Parser.error passes its caller's code on
        assert code and code.strip("'\"") in QUERY_ERRORS, f"{path}:{line} raises code {code}"
    named = {code.strip("'\"") for _, _, code in sites if code != "code"}
    assert named == set(ERROR_CODES)


def test_the_examples_reach_every_code():
    assert set(EXAMPLES) | UNREACHABLE == set(ERROR_CODES)


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_each_error_reads_in_vietnamese(code):
    exc = raise_for(code)
    assert exc.code == code
    vi = query_message(exc)
    assert exc.message not in vi and vi != exc.message
    assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", vi), vi
    english = {"expected", "unknown", "write", "the query", "takes", "limit", "add the"}
    assert not {w for w in english if w in vi}, vi
    shown = query_error(exc)
    assert shown["message"].startswith("Không đọc được truy vấn: " + vi)
    assert shown["pointer"].splitlines()[1].strip().startswith("^ " + vi)


def test_values_are_written_the_vietnamese_way():
    assert "2.005 ký tự" in query_message(raise_for("too_long"))
    assert "(01/11/2026)" in query_message(raise_for("reversed_range"))
    assert "“unit:”" in query_message(raise_for("unknown_field"))
    no_near = pytest.raises(QueryError, parse, "zzzz:x").value
    assert "unit:, campaign:" in query_message(no_near)


def test_the_cli_keeps_its_english():
    exc = raise_for("unclosed_quote")
    assert exc.message == 'unclosed quote: add the closing "'
    assert exc.pointer().endswith('^ unclosed quote: add the closing "')


def test_a_raise_without_a_known_code_is_refused_at_once():
    with pytest.raises(TypeError, match="ERROR_CODES"):
        QueryError("new problem", 0, "q", code="brand_new")
    with pytest.raises(TypeError, match="ERROR_CODES"):
        QueryError("bad date", 0, "q", code="bad_date")  # without the value it names


def test_the_search_page_shows_an_unclosed_quote_in_vietnamese(viewer):
    answer = viewer.get("/", params={"q": 'khen "thưởng'})
    assert answer.status_code == 400
    alert = html.unescape(answer.text.split('role="alert"')[1].split("</div>")[0])
    assert "Không đọc được truy vấn: thiếu dấu ngoặc kép đóng" in alert
    assert "(vị trí 6)" in alert
    pointer = re.search(r"<pre>(.*?)</pre>", alert, re.S).group(1).splitlines()
    assert pointer[0] == '  khen "thưởng'
    assert pointer[1].index("^") == pointer[0].index('"')
    assert "unclosed" not in answer.text and "add the closing" not in answer.text


@pytest.mark.parametrize(
    "path", ["/figures?q=from:h%C3%B4m-qua", "/figures?view=compare&q=has:photo"]
)
def test_the_figures_page_speaks_vietnamese_too(viewer, path):
    answer = viewer.get(path)
    assert answer.status_code == 400
    assert "Không đọc được truy vấn: “" in html.unescape(answer.text)
    assert "takes a date" not in answer.text and "knows only" not in answer.text


def _codes_raised(paths: str, exception: str) -> set[str]:
    """The literal codes of every `exception(...)` call in the files (space-separated)."""
    codes = set()
    trees = [ast.parse((ROOT / p).read_text(encoding="utf-8")) for p in paths.split()]
    for node in (n for tree in trees for n in ast.walk(tree)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == exception:
            code = next(k.value for k in node.keywords if k.arg == "code")
            assert isinstance(code, ast.Constant), f"a {exception} in {paths} needs a literal code"
            codes.add(code.value)
    return codes


@pytest.mark.parametrize(
    ("path", "exception", "table"),
    [
        ("newsmon/web/users.py", "UserError", USER_ERRORS),
        ("newsmon/querytext.py", "QueryTextError", TEXT_ERRORS),
        ("index/watches.py newsmon/watch_cli.py", "WatchError", WATCH_ERRORS),
    ],
)
def test_every_account_query_text_and_watch_error_has_vietnamese(path, exception, table):
    codes = _codes_raised(path, exception)
    assert codes == set(table)
    for code in codes:
        values = dict.fromkeys(re.findall(r"\{(\w+)\}", table[code]), "x")
        assert table[code].format(**values)
    assert user_message(UserError("", code="exists", name="lan")).startswith("Đã có")


@pytest.mark.parametrize(
    ("typed", "says", "english"),
    [
        ("khen\x01", "ký tự điều khiển (U+0001)", "control character"),
        ("🙂 ✨", "không có chữ hay số nào để tìm", "no letter or digit"),
    ],
)
def test_a_query_refused_before_parsing_is_vietnamese_too(viewer, typed, says, english):
    answer = viewer.get("/", params={"q": typed})
    assert answer.status_code == 400
    assert says in html.unescape(answer.text) and english not in answer.text


def test_every_watch_error_of_the_store_is_raised_through_its_two_makers():
    """The stores raise WatchError only through index/watches.py's makers, whose
    codes the test above reads; a bare WatchError(...) elsewhere would escape it."""
    for path in (ROOT / "index").rglob("*.py"):
        if path.name != "watches.py" or path.parent.name != "index":
            assert "WatchError(" not in path.read_text(encoding="utf-8"), path


def test_the_watch_form_speaks_vietnamese(editor):
    page = editor.get("/watches/new")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    answer = editor.post(
        "/watches",
        data={"csrf": token, "name": "tên có dấu cách", "query": "khen", "emails": "a@b.vn"},
    )
    assert answer.status_code == 400
    assert "Tên theo dõi “tên có dấu cách” không hợp lệ" in html.unescape(answer.text)
    answer = editor.post(
        "/watches", data={"csrf": token, "name": "thu", "query": "khen", "emails": "khong-phai"}
    )
    assert answer.status_code == 400
    assert "“khong-phai” không phải địa chỉ thư điện tử" in html.unescape(answer.text)
    assert "is not an email address" not in answer.text
