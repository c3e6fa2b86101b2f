"""The web's Vietnamese for errors the shared code reports in English.

The query parser (index/query.py) and `status_value` (index/prepare.py) raise
QueryError with an English message for the CLI and a stable `code` with the
values that message names; the web writes its own sentence from those, so a
Vietnamese page never shows English. Every code in `ERROR_CODES` needs a text
here: tests/newsmon/web/test_messages.py fails for one that is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from newsmon.index.query import QueryError
from newsmon.index.watches import WatchError
from newsmon.querytext import QueryTextError
from newsmon.web.formatting import vn_date, vn_number
from newsmon.web.users import UserError

Values = Mapping[str, object]
#: values that are days (YYYY-MM-DD), written dd/mm/yyyy
DATES = ("start", "end")


def _unknown_field(v: Values) -> str:
    hint = (
        f"có phải ý bạn là “{v['suggestion']}:”?"
        if v["suggestion"]
        else "các trường là " + ", ".join(f"{f}:" for f in v["fields"])  # type: ignore[union-attr]
    )
    return (
        f"không có trường “{v['name']}:”; {hint} (muốn tìm một từ có dấu “:” thì đặt nó "
        "trong ngoặc kép)"
    )


#: code -> the Vietnamese message, a template over the error's values or a
#: function of them when the sentence changes with them.
QUERY_ERRORS: dict[str, str | Callable[[Values], str]] = {
    "unclosed_quote": 'thiếu dấu ngoặc kép đóng: thêm dấu " ở cuối cụm từ',
    "too_long": "truy vấn dài {length} ký tự, quá giới hạn {limit}: hãy tìm ít từ hơn",
    "too_many_terms": "truy vấn có {count} từ, cụm từ và trường, quá giới hạn {limit}",
    "unmatched_paren": "dấu “)” thừa: không có dấu “(” nào để đóng",
    "unexpected": "không hiểu “{token}” ở đây",
    "too_many_nots": "quá {limit} NOT hoặc - liền nhau: hãy viết ít hơn",
    "missing_operand": 'sau toán tử cần một từ, một "cụm từ", một trường hoặc dấu “(”',
    "operand_before": 'trước “{token}” cần một từ, một "cụm từ", một trường hoặc dấu “(”',
    "too_deep": "quá {limit} lớp ngoặc lồng nhau: hãy viết ít lớp hơn",
    "unclosed_paren": "thiếu dấu “)” để đóng dấu “(” mở ở vị trí {opened_at}",
    "unknown_field": _unknown_field,
    "missing_value": "cần một giá trị ngay sau “{name}:”, ví dụ {example}",
    "empty_value": "“{name}:” chưa có giá trị",
    "bad_date": "“{name}:” cần ngày viết theo dạng NNNN-TT-NN (hoặc NNNN-TT, NNNN), ví dụ "
    "{name}:2026-11-30",
    "bad_has": "“has:” chỉ nhận has:award (bài có số liệu khen thưởng), không nhận “{value}”",
    "reversed_range": "khoảng ngày kết thúc ({end}) trước khi bắt đầu ({start}): "
    "hãy đổi chỗ from: và to:",
    "unknown_status": "tình trạng “{value}” không có: viết đã trao, đề nghị hoặc chỉ tiêu",
}


def query_message(exc: QueryError) -> str:
    """The Vietnamese of one QueryError: numbers written 1.234, dates dd/mm/yyyy."""
    text = QUERY_ERRORS[exc.code]
    values = {
        k: vn_number(v) if isinstance(v, int) else vn_date(v) if k in DATES else v
        for k, v in exc.values.items()
    }
    return text(values) if callable(text) else text.format(**values)


#: code of a QueryTextError (newsmon/querytext.py) -> its Vietnamese
TEXT_ERRORS = {
    "control_character": "Truy vấn có một ký tự điều khiển ({codepoint}), thường do dán từ "
    "nơi khác: gõ lại truy vấn không có ký tự đó.",
    "nothing_to_search": "Truy vấn không có chữ hay số nào để tìm (chỉ có biểu tượng, ký hiệu "
    "hoặc ký tự ẩn). Gõ từ cần tìm, hoặc để trống để xem mọi bài.",
}


def query_error(exc: Exception) -> dict[str, str]:
    """The message and caret pointer a page shows for a query it cannot read."""
    if isinstance(exc, QueryTextError):
        return {"message": TEXT_ERRORS[exc.code].format(**exc.values), "pointer": ""}
    if isinstance(exc, QueryError):
        message = query_message(exc)
        return {
            "message": f"Không đọc được truy vấn: {message} (vị trí {exc.position + 1}).",
            "pointer": exc.pointer(message),
        }
    if isinstance(exc, WatchError):
        return {"message": WATCH_ERRORS[exc.code].format(**exc.values), "pointer": ""}
    return {"message": str(exc), "pointer": ""}


#: code of a UserError (newsmon/web/users.py) -> its Vietnamese
USER_ERRORS = {
    "bad_name": "Tên đăng nhập “{name}” không hợp lệ: dùng 1–64 chữ cái, chữ số hoặc các dấu "
    ". _ @ - (không dấu cách).",
    "bad_role": "Vai trò “{role}” không có: chọn xem, biên tập hoặc quản trị.",
    "short_password": "Mật khẩu mới dài {length} ký tự; cần ít nhất {minimum} ký tự.",
    "exists": "Đã có người dùng “{name}”. Chọn tên khác, hoặc đổi vai trò, đặt lại mật khẩu "
    "của người đó trong bảng bên dưới.",
    "no_such_user": "Không có người dùng “{name}” (có thể vừa bị người khác xóa). Tải lại trang.",
    "last_admin": "“{name}” là quản trị viên cuối cùng: không thể xóa hay hạ vai trò. Hãy cho "
    "một người khác vai trò quản trị trước.",
}


def user_message(exc: UserError) -> str:
    """The Vietnamese of a refused account change."""
    return USER_ERRORS[exc.code].format(**exc.values)


#: code of a WatchError (index/watches.py) -> its Vietnamese
WATCH_ERRORS = {
    "bad_name": "Tên theo dõi “{name}” không hợp lệ: dùng 1–64 chữ cái, chữ số hoặc các dấu "
    ". _ - (không dấu cách).",
    "bad_cadence": "Nhịp gửi “{cadence}” không có: chọn ngay khi có bài, hằng ngày hoặc hằng tuần.",
    "exists": "Đã có theo dõi “{name}”: chọn tên khác, hoặc sửa theo dõi đó.",
    "no_such_watch": "Không có theo dõi “{name}” (có thể vừa bị xóa). Tải lại trang.",
    "no_destination": "Theo dõi “{name}” chưa có nơi nhận: thêm một địa chỉ thư hoặc webhook.",
}
#: a destination line of the watch form the CLI's checks refused
DESTINATION_ERRORS = {
    "emails": "“{value}” không phải địa chỉ thư điện tử: viết dạng ten@coquan.gov.vn.",
    "webhooks": "Không dùng được webhook “{value}”: cần địa chỉ http(s) của một máy chủ công "
    "khai mà máy này phân giải được (chi tiết kỹ thuật: {detail}).",
}
