"""Further channels through apprise (Slack, Microsoft Teams, Telegram, Matrix,
Discord, …), an optional extra: `pip install 'newsmon[apprise]'`.

A destination "apprise:URL" takes any apprise service URL (slack://…,
msteams://…, tgram://…, json://host/path …). Email and webhook stay first-class
(own code, signed, tested end to end); this is the same interface for the rest:
the alert's subject as title and its plain text as body, and the log keeps what
apprise said. apprise makes its own HTTP requests, so the egress policy is
applied to the URL's host for the kinds that name one (json, xml, form) when the
watch is saved and again before each send, not at connect time as for webhooks;
the other kinds go to their service's fixed public API.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from newsmon.alerts.email import SendError
from newsmon.alerts.message import Alert
from newsmon.config import ConfigError
from newsmon.crawler import egress

MISSING = (
    "apprise is not installed, and {url} needs it: pip install 'newsmon[apprise]' "
    "(or pip install apprise)."
)
#: apprise kinds that POST to a host the user names, and the scheme they speak
_HOSTED = {
    "json": "http",
    "jsons": "https",
    "xml": "http",
    "xmls": "https",
    "form": "http",
    "forms": "https",
}


def _apprise() -> Any | None:
    try:
        import apprise
    except ImportError:
        return None
    return apprise


def _scheme(url: str) -> str:
    return url.partition("://")[0].lower()


def _http_form(url: str) -> str | None:
    """The http(s) URL a json/xml/form apprise URL posts to, None for other kinds."""
    scheme = _scheme(url)
    return _HOSTED[scheme] + url[len(scheme) :] if scheme in _HOSTED else None


def check_notify_url(url: str, *, allow_private: bool = False) -> str:
    """The apprise URL, stripped, if apprise can read it and its host (if it names
    one) may be reached; otherwise a ConfigError saying what to do."""
    url = url.strip()
    apprise = _apprise()
    if apprise is None:
        raise ConfigError(MISSING.format(url=_scheme(url) + "://…"))
    if not apprise.Apprise().add(url):
        raise ConfigError(
            f"apprise cannot read {_scheme(url)}://… as a service URL: write "
            "it as in https://github.com/caronc/apprise/wiki (slack://…, "
            "msteams://…, tgram://BOT_TOKEN/CHAT_ID, json://host/path)."
        )
    if (http := _http_form(url)) is not None:
        try:
            egress.check_public_url(http, allow_private=allow_private)
        except egress.EgressRefused as exc:
            raise ConfigError(str(exc)) from None
    return url


def send_apprise(alert: Alert, url: str, key: str, *, allow_private: bool = False) -> str:
    """Notify through apprise; returns "apprise <kind>: <what it said>". A missing
    apprise, a refused host or a failed notification raise SendError (the rows
    stay pending). The json/xml/form kinds carry X-Newsmon-Delivery = `key`."""
    apprise = _apprise()
    if apprise is None:
        raise SendError(MISSING.format(url=_scheme(url) + "://…"))
    kind = _scheme(url)
    if (http := _http_form(url)) is not None:
        try:
            egress.check_public_url(http, allow_private=allow_private)
        except egress.EgressRefused as exc:
            raise SendError(str(exc)) from None
        parts = urlsplit(url)
        extra = f"+X-Newsmon-Delivery={key}"
        url = parts._replace(query=f"{parts.query}&{extra}" if parts.query else extra).geturl()
    notifier = apprise.Apprise()
    if not notifier.add(url):
        raise SendError(f"apprise cannot read the {kind}:// URL")
    with apprise.LogCapture(level=logging.INFO) as captured:
        ok = notifier.notify(
            title=alert.subject(), body=alert.text(), body_format=apprise.NotifyFormat.TEXT
        )
    said = [line.strip() for line in captured.getvalue().splitlines() if line.strip()]
    detail = said[-1] if said else ("sent" if ok else "failed")
    if not ok:
        raise SendError(f"apprise {kind}: {detail}")
    return f"apprise {kind}: {detail}"
