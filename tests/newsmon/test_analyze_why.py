"""`newsmon analyze` says why a figure has its status: its evidence sentence and the words
that set the status (null when nothing did and the default applied)."""

import json

from tests.helpers import run_cli


def test_analyze_gives_the_evidence_and_the_status_cue():
    text = ("Hội đồng Thi đua - Khen thưởng phường họp xét khen thưởng cuối năm\n"
            "Hội đồng thống nhất tặng Giấy khen cho 21 tập thể, 35 cá nhân.\n"
            "Cũng dịp này, Chủ tịch nước đã tặng Huân chương Lao động hạng Ba cho 1 tập thể.")
    result = run_cli("analyze", "-", input=json.dumps({"id": "w", "text": text},
                                                      ensure_ascii=False) + "\n")
    assert result.returncode == 0, result.stderr
    awards = json.loads(result.stdout)["awards"]
    assert [(a["count"], a["status"]) for a in awards] == [
        (21, "proposed"), (35, "proposed"), (1, "awarded")]
    first, _, last = awards
    assert first["sentence"] == "Hội đồng thống nhất tặng Giấy khen cho 21 tập thể, 35 cá nhân."
    start = first["sentence_start"]
    assert text[start:start + len(first["sentence"])] == first["sentence"]
    cue = first["status_cue"]
    assert cue["text"] == text[cue["start"]:cue["end"]]
    assert "họp" in cue["text"] and cue["end"] <= text.index("\n")  # the heading says so
    assert last["status_cue"]["text"] == "đã tặng"
