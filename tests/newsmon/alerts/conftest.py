"""The real servers the alert tests send to: an SMTP server (aiosmtpd) and a
webhook receiver, each on a free loopback port for one test."""

from __future__ import annotations

import pytest

from tests.newsmon.alerts.servers import SmtpServer, WebhookServer


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def hook():
    with WebhookServer() as server:
        yield server
