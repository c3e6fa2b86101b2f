"""The connection to an Elasticsearch cluster: the official client built from the
store URL and NEWSMON_ES_* settings, and errors turned into one clear StoreError."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote, urlsplit

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, Elasticsearch

from newsmon.index.store import StoreError

CHECK = "Check that it is running, the URL, and NEWSMON_ES_* credentials."


def truthy(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None and parts.username is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return parts._replace(netloc=netloc).geturl()



class Client:
    """Connection plumbing of the Elasticsearch store (a mixin: `url`, `name`, `es`)."""

    url: str
    name: str
    es: Elasticsearch

    @staticmethod
    def _client(parts: Any) -> Elasticsearch:
        port = parts.port or (443 if parts.scheme == "https" else 9200)
        kwargs: dict[str, Any] = {
            "request_timeout": 30, "max_retries": 3, "retry_on_timeout": True,
            # 429 is left to the bulk helper, which backs off before retrying.
            "retry_on_status": (502, 503, 504),
        }
        env = os.environ
        if env.get("NEWSMON_ES_API_KEY"):
            kwargs["api_key"] = env["NEWSMON_ES_API_KEY"]
        elif env.get("NEWSMON_ES_USERNAME"):
            kwargs["basic_auth"] = (env["NEWSMON_ES_USERNAME"], env.get("NEWSMON_ES_PASSWORD", ""))
        elif parts.username:
            kwargs["basic_auth"] = (unquote(parts.username), unquote(parts.password or ""))
        if parts.scheme == "https":
            if env.get("NEWSMON_ES_CA_CERTS"):
                kwargs["ca_certs"] = env["NEWSMON_ES_CA_CERTS"]
            kwargs["verify_certs"] = truthy(env.get("NEWSMON_ES_VERIFY_CERTS"), True)
            if not kwargs["verify_certs"]:
                kwargs["ssl_show_warn"] = False
        return Elasticsearch(f"{parts.scheme}://{parts.hostname}:{port}", **kwargs)

    def _error(self, what: str, exc: Exception) -> StoreError:
        if isinstance(exc, TransportConnectionError | ConnectionTimeout):
            return StoreError(f"Cannot reach the Elasticsearch store at {self.url}: {exc}. "
                              + CHECK)
        status = getattr(exc, "status_code", None) or getattr(getattr(exc, "meta", None),
                                                              "status", None)
        if status in (401, 403):
            return StoreError(
                f"The Elasticsearch store at {self.url} refused {what} ({status}): check "
                "NEWSMON_ES_API_KEY, or NEWSMON_ES_USERNAME and NEWSMON_ES_PASSWORD, and the "
                "key's privileges on the index " + repr(self.name) + ".")
        return StoreError(f"Elasticsearch store at {self.url}: {what} failed: {exc}. " + CHECK)

    def _call(self, what: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (ApiError, TransportError) as exc:
            raise self._error(what, exc) from exc
