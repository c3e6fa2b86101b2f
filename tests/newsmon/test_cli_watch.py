"""`newsmon watch …` as a user runs it: add, list, show, edit, run, log, remove,
and bad input that is one clear line and changes nothing."""

from __future__ import annotations

import pytest

from newsmon.index import open_store
from tests.helpers import cli_json, run_cli
from tests.index.corpus import CORPUS


@pytest.fixture
def store(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    db = open_store(url)
    db.add_articles(a for a, _ in CORPUS[:2])
    db.add_analyses((a.id, x) for a, x in CORPUS[:2])
    db.close()
    return url


def add_rest(url: str) -> None:
    db = open_store(url)
    db.add_articles(a for a, _ in CORPUS[2:])
    db.add_analyses((a.id, x) for a, x in CORPUS[2:])
    db.close()


def test_a_watch_from_add_to_remove(store):
    added = cli_json("watch", "add", "nghean", 'unit:"Nghệ An"', "--every", "daily",
                     "--email", "tt@nghean.gov.vn", "--store", store)
    assert added["destinations"] == ["email:tt@nghean.gov.vn"]
    cli_json("watch", "add", "feed", "source:vietnamplus", "--store", store)  # Atom feed only
    add_rest(store)
    report = cli_json("watch", "run", "--no-send", "--store", store)
    assert report["matched"] == {"nghean": 2, "feed": 1}  # na-1, na-2; na-2
    listed = {w["name"]: w for w in cli_json("watch", "list", "--store", store)}
    assert listed["nghean"]["pending"] == 2 and listed["feed"]["pending"] == 0
    shown = cli_json("watch", "show", "nghean", "--store", store)
    assert {m["title"] for m in shown["matches"]} == {a.title for a, _ in CORPUS
                                                      if "Nghệ An" in " ".join(_.units)}
    edited = cli_json("watch", "edit", "nghean", "--every", "weekly", "--store", store)
    assert edited["cadence"] == "weekly" and edited["watermark"] == shown["watermark"]
    assert run_cli("watch", "remove", "nghean", "--store", store).returncode == 0
    assert [w["name"] for w in cli_json("watch", "list", "--store", store)] == ["feed"]
    assert cli_json("watch", "log", "--store", store) == []


@pytest.mark.parametrize(("args", "code", "says"), [
    (("add", "x", "unit:(cần thơ"), 2, "Cannot read the query"),
    (("add", "x", "colour:red"), 2, "Cannot read the query"),
    (("add", "x", "khen", "--email", "not-an-address"), 1, "is not an email address"),
    (("add", "x", "khen", "--every", "hourly"), 1, "--every takes immediate, daily, weekly"),
    (("add", "x y", "khen"), 1, "A watch name is"),
    (("add", "x", "khen", "--webhook", "http://127.0.0.1:9/hook"), 1, "127.0.0.1"),
    (("show", "nope"), 1, "No watch named 'nope'"),
    (("edit", "nope", "--every", "daily"), 1, "No watch named 'nope'"),
    (("remove", "nope"), 1, "No watch named 'nope'"),
    (("test", "nope"), 1, "No watch named 'nope'"),
])
def test_bad_input_is_one_line_and_changes_nothing(store, args, code, says):
    result = run_cli("watch", *args, "--store", store)
    assert result.returncode == code, result.stderr
    assert says in result.stderr and "Traceback" not in result.stderr
    assert cli_json("watch", "list", "--store", store) == []


def test_a_missing_store_is_an_error_not_an_empty_list(tmp_path):
    result = run_cli("watch", "list", "--store", f"sqlite:///{tmp_path / 'typo.db'}")
    assert result.returncode == 1 and "No store at" in result.stderr
    assert not (tmp_path / "typo.db").exists()


def test_help_has_examples():
    for command in ("add", "run", "log"):
        result = run_cli("watch", command, "--help")
        assert result.returncode == 0 and "newsmon watch" in result.stdout


def test_reindex_moves_watches_with_their_pending_alerts_and_no_flood(store, tmp_path):
    cli_json("watch", "add", "nghean", 'unit:"Nghệ An"', "--email", "a@b.vn", "--store", store)
    add_rest(store)
    cli_json("watch", "run", "--no-send", "--store", store)
    target = f"sqlite:///{tmp_path / 'new.db'}"
    copied = cli_json("reindex", "--store", store, "--to", target)
    assert copied["watches"] == 1 and copied["watches_not_copied"] == []
    [moved] = cli_json("watch", "list", "--store", target)
    assert (moved["name"], moved["pending"]) == ("nghean", 2)
    # every article arrived in the target's feed, and none of them alerts again
    assert cli_json("watch", "run", "--no-send", "--store", target)["matched"] == {}
    again = cli_json("reindex", "--store", store, "--to", target)
    assert again["watches_not_copied"] == ["nghean"]


def test_watch_test_sends_a_sample_and_says_what_the_server_answered(store):
    from tests.newsmon.alerts.servers import SmtpServer

    cli_json("watch", "add", "ct", 'unit:"Cần Thơ"', "--email", "a@b.vn", "--store", store)
    with SmtpServer() as smtp:
        env = {"NEWSMON_SMTP_HOST": "127.0.0.1", "NEWSMON_SMTP_PORT": str(smtp.port)}
        result = run_cli("watch", "test", "ct", "--store", store, env=env)
        assert result.returncode == 0, result.stderr
        assert "SMTP 250" in result.stdout
        [mail] = smtp.box.messages
        assert "Cần Thơ" in mail.get_body(("plain",)).get_content()
        smtp.box.refuse = "550 5.1.1 No such user"
        failed = run_cli("watch", "test", "ct", "--store", store, env=env)
        assert failed.returncode == 5 and "FAILED" in failed.stdout and "550" in failed.stdout
    assert cli_json("watch", "list", "--store", store)[0]["pending"] == 0


def test_watches_on_elasticsearch_from_the_command_line(store, es_index_url):
    cli_json("watch", "add", "nghean", 'unit:"Nghệ An"', "--email", "a@b.vn", "--store", store)
    add_rest(store)
    cli_json("watch", "run", "--no-send", "--store", store)
    copied = cli_json("reindex", "--store", store, "--to", es_index_url)
    assert copied["watches"] == 1 and copied["watches_not_copied"] == []
    [moved] = cli_json("watch", "list", "--store", es_index_url)
    assert (moved["name"], moved["pending"]) == ("nghean", 2)
    assert cli_json("watch", "run", "--no-send", "--store", es_index_url)["matched"] == {}
    added = cli_json("watch", "add", "capped", "has:award", "--max-per-day", "3",
                     "--backfill", "100000", "--store", es_index_url)
    assert added["max_per_day"] == 3 and len(added["secret"]) >= 32
    shown = run_cli("watch", "show", "capped", "--store", es_index_url)
    assert shown.returncode == 0 and f"feed token:   {added['secret']}" in shown.stdout
    assert "max per day:  3" in shown.stdout
    listed = {w["name"]: w["pending"] for w in cli_json("watch", "list", "--store",
                                                        es_index_url)}
    assert listed == {"capped": 0, "nghean": 2}  # no destination: the feed only
    assert len(cli_json("watch", "show", "capped", "--store", es_index_url)["matches"]) == 4
    edited = cli_json("watch", "edit", "capped", "--new-token", "--store", es_index_url)
    assert edited["secret"] != added["secret"] and edited["max_per_day"] == 3
    assert run_cli("watch", "remove", "nghean", "--store", es_index_url).returncode == 0
    assert [w["name"] for w in cli_json("watch", "list", "--store", es_index_url)] == ["capped"]
