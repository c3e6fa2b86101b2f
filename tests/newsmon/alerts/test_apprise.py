"""apprise as a further channel: real apprise posting with its json:// notifier to
a real HTTP server on 127.0.0.1, through the same outbox and log as email and
webhooks; a missing apprise is a clear error, not a traceback."""

from __future__ import annotations

import sys

import pytest

from newsmon.alerts.notify import check_notify_url
from newsmon.config import ConfigError
from newsmon.index import open_store
from newsmon.index.watches import Watch
from newsmon.watching import run_watches
from tests.helpers import run_cli
from tests.index.corpus import CORPUS
from tests.newsmon.alerts.servers import WebhookServer

apprise = pytest.importorskip(
    "apprise", reason="apprise is not installed (pip install 'newsmon[apprise]')"
)


@pytest.fixture
def store(tmp_path):
    db = open_store(f"sqlite:///{tmp_path / 'n.db'}")
    yield db
    db.close()


def analyse(store) -> None:
    store.add_articles(a for a, _ in CORPUS)
    store.add_analyses((a.id, x) for a, x in CORPUS)


def json_url(hook: WebhookServer) -> str:
    return "json://" + hook.url.removeprefix("http://")


def test_an_alert_goes_out_through_apprise_json_once(store, hook, tmp_path):
    url = check_notify_url(json_url(hook), allow_private=True)
    store.add_watch(
        Watch("na", 'unit:"Nghệ An"', allow_private=True, destinations=[f"apprise:{url}"])
    )
    analyse(store)
    [sent] = run_watches(store, tmp_path).deliveries
    assert sent.ok and sent.response.startswith("apprise json:"), sent
    [(headers, _)] = hook.received
    [payload] = hook.payloads()
    assert payload["title"] == "[newsmon] na: 2 bài mới"
    titles = [a.title for a, x in CORPUS if "Ủy ban nhân dân tỉnh Nghệ An" in x.units]
    assert titles and all(t in payload["message"] for t in titles)
    assert len(headers["X-Newsmon-Delivery"]) == 32  # the batch id, as for webhooks
    assert store.outbox() == [] and run_watches(store, tmp_path).deliveries == []
    assert len(hook.received) == 1


def test_a_failing_apprise_destination_stays_pending_and_logged(store, hook, tmp_path):
    store.add_watch(
        Watch(
            "na", 'unit:"Nghệ An"', allow_private=True, destinations=[f"apprise:{json_url(hook)}"]
        )
    )
    analyse(store)
    hook.status = 500
    [failed] = run_watches(store, tmp_path).deliveries
    assert not failed.ok and failed.response.startswith("apprise json:")
    assert "500" in failed.response
    assert len(store.outbox()) == 2 and {r.attempts for r in store.outbox()} == {1}


def test_bad_apprise_urls_and_private_hosts_are_refused(hook):
    with pytest.raises(ConfigError, match="apprise cannot read"):
        check_notify_url("nosuchservice://x/y")
    with pytest.raises(ConfigError, match="127.0.0.1"):
        check_notify_url(json_url(hook))  # loopback, without --allow-private
    assert check_notify_url("tgram://123456789:abcdefg_hijklmnop/12315544/").startswith("tgram")


def test_without_apprise_the_error_says_how_to_install_it(store, monkeypatch, tmp_path):
    store.add_watch(
        Watch(
            "na",
            'unit:"Nghệ An"',
            allow_private=True,
            destinations=["apprise:json://127.0.0.1:9/x"],
        )
    )
    analyse(store)
    monkeypatch.setitem(sys.modules, "apprise", None)  # import apprise fails
    with pytest.raises(ConfigError, match=r"pip install 'newsmon\[apprise\]'"):
        check_notify_url("slack://a/b/c")
    [failed] = run_watches(store, tmp_path).deliveries
    assert not failed.ok and "pip install 'newsmon[apprise]'" in failed.response
    assert len(store.outbox()) == 2


def test_watch_add_notify_from_the_command_line(tmp_path, hook):
    store = f"sqlite:///{tmp_path / 'c.db'}"
    bad = run_cli("watch", "add", "x", "khen", "--notify", "nosuchservice://x", "--store", store)
    assert bad.returncode == 1 and "apprise cannot read" in bad.stderr
    assert "Traceback" not in bad.stderr
    ok = run_cli(
        "watch", "add", "x", "khen", "--notify", json_url(hook), "--allow-private", "--store", store
    )
    assert ok.returncode == 0, ok.stderr
    assert "apprise:json://127.0.0.1" in ok.stdout
