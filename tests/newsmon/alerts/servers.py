"""Local destinations the alert tests deliver to: an SMTP server (aiosmtpd) and a
webhook receiver, both on loopback, recording what they were sent."""

from __future__ import annotations

import json
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

from newsmon.alerts.email import SmtpSettings


def smtp_at(port: int, starttls: str = "auto") -> SmtpSettings:
    """newsmon's SMTP settings for a test server on this port."""
    return SmtpSettings("127.0.0.1", port, "", "", "newsmon@test.vn", starttls, 5)


def free_port() -> int:
    """A loopback port nobody listens on now (aiosmtpd needs one before it starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MailBox:
    """aiosmtpd handler: keeps each message, or answers `refuse` to DATA."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: str | None = None

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd API
        if self.refuse:
            return self.refuse
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self) -> None:
        self.box = MailBox()
        self.port = free_port()
        self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A sender killed mid-request (the crash drill) is expected, not news."""


class WebhookServer:
    """Answers `status` to each POST (after `delay` seconds) and keeps what came."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = 200
        self.delay = 0.0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server API
                body = self.rfile.read(int(self.headers["Content-Length"]))
                time.sleep(owner.delay)
                if owner.status < 300:
                    owner.received.append((dict(self.headers), body))
                self.send_response(owner.status)
                self.end_headers()
                self.wfile.write(b"ok" if owner.status < 300 else b"boom")

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> WebhookServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/hook"

    def payloads(self) -> list[dict]:
        return [json.loads(body) for _, body in self.received]
