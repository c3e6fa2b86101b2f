"""Email alerts over SMTP: STARTTLS when the server offers it (required unless
NEWSMON_SMTP_STARTTLS=false), login from NEWSMON_SMTP_USER / NEWSMON_SMTP_PASSWORD,
a plain-text and an HTML part. The server's reply is what the delivery log shows."""

from __future__ import annotations

import hashlib
import os
import smtplib
import ssl
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

from newsmon.alerts.message import Alert
from newsmon.config import ConfigError

#: smtplib sends bytes as they are: the lines must already end in CRLF
SMTP_POLICY = policy.SMTP


class SendError(Exception):
    """A destination refused or could not be reached; the rows stay pending."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    user: str
    password: str
    sender: str
    starttls: str  # "auto" (when offered), "true" (required), "false"
    timeout: float

    @classmethod
    def from_env(cls) -> SmtpSettings:
        env = os.environ
        try:
            port = int(env.get("NEWSMON_SMTP_PORT", "587"))
        except ValueError:
            raise ConfigError("NEWSMON_SMTP_PORT must be a number, such as 587.") from None
        starttls = env.get("NEWSMON_SMTP_STARTTLS", "auto").lower()
        if starttls not in ("auto", "true", "false"):
            raise ConfigError("NEWSMON_SMTP_STARTTLS takes auto, true or false.")
        return cls(host=env.get("NEWSMON_SMTP_HOST", "localhost"), port=port,
                   user=env.get("NEWSMON_SMTP_USER", ""),
                   password=env.get("NEWSMON_SMTP_PASSWORD", ""),
                   sender=env.get("NEWSMON_SMTP_FROM", "newsmon@localhost"),
                   starttls=starttls, timeout=float(env.get("NEWSMON_SMTP_TIMEOUT", "20")))


def check_address(address: str) -> str:
    """An email address as given, or a ConfigError saying it is not one."""
    name, addr = parseaddr(address)
    local, _, domain = addr.rpartition("@")
    if not addr or addr != address.strip() or not local or "." not in domain or " " in addr:
        raise ConfigError(f"{address!r} is not an email address: write it as name@example.vn.")
    return addr


def compose(alert: Alert, to: str, sender: str, key: str) -> EmailMessage:
    """The message; its Message-ID is derived from `key` (watch, destination and the
    articles), so a resend after a crash is recognisable as the same message."""
    msg = EmailMessage()
    msg["Subject"] = alert.subject()
    msg["From"] = sender
    msg["To"] = to
    msg["Date"] = formatdate(localtime=False)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    msg["Message-ID"] = f"<{digest}@newsmon>"
    # quoted-printable: SMTP refuses lines over 998 bytes, and an HTML part is one line
    msg.set_content(alert.text(), cte="quoted-printable")
    msg.add_alternative(f"<html><body>{alert.html()}</body></html>", subtype="html",
                        cte="quoted-printable")
    return msg


def send_email(alert: Alert, to: str, key: str, settings: SmtpSettings | None = None) -> str:
    """Send; returns the server's reply to the message ("250 …"). Raises SendError."""
    s = settings or SmtpSettings.from_env()
    msg = compose(alert, to, s.sender, key)
    try:
        with smtplib.SMTP(s.host, s.port, timeout=s.timeout) as smtp:
            smtp.ehlo()
            if s.starttls != "false" and smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            elif s.starttls == "true":
                raise SendError(f"{s.host}:{s.port} does not offer STARTTLS, which "
                                "NEWSMON_SMTP_STARTTLS=true requires")
            if s.user:
                smtp.login(s.user, s.password)
            for step in (lambda: smtp.mail(s.sender), lambda: smtp.rcpt(to),
                         lambda: smtp.data(msg.as_bytes(policy=SMTP_POLICY))):
                code, reply = step()
                if code >= 400:
                    raise SendError(f"SMTP {code} {reply.decode(errors='replace')}")
            return f"SMTP {code} {reply.decode(errors='replace')}"
    except smtplib.SMTPResponseException as exc:
        raise SendError(f"SMTP {exc.smtp_code} {exc.smtp_error.decode(errors='replace')}"
                        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise SendError(f"SMTP {s.host}:{s.port}: {exc or type(exc).__name__}") from None
