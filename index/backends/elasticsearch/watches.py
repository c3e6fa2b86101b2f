"""Watches, their matches, outbox and delivery log in the Elasticsearch store.

All four live in one index behind `<name>-watches`, told apart by `type`, so a
store gains one index, not four. Elasticsearch has no transaction across
documents, so exactly-once rests on keys and on the order of the writes:

- a match is the document `m|<watch>|<article>` and an outbox row is
  `o|<hash of watch, article, destination>`, both written with `op_type=create`:
  writing one again answers 409 and changes nothing, so re-evaluating an article
  never makes a second row;
- the outbox rows are written first, then the match records, then the watch's
  watermark: a run killed between any two of them is repeated by the next run,
  whose creates of what was already written are refused;
- the watermark is a position in the analysis feed (`analysis_seq`, a
  microsecond stamp each analysis write puts on its article), and each run also
  looks `OVERLAP` back past it, because another process's bulk in flight may
  become visible after a later stamp was seen; the keys make that re-reading
  free of duplicates. A watch never looks before its `floor` (the feed's head
  when it was added), so it does not alert on history.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError

from newsmon.index.backends.elasticsearch.compiler import compile_query
from newsmon.index.prepare import prepare
from newsmon.index.query import parse
from newsmon.index.store import Hit, StoreError
from newsmon.index.watches import (
    Delivery,
    OutboxRow,
    Watch,
    backoff,
    new_secret,
    no_such_watch,
    utc_now,
    watch_exists,
)

#: How far (µs of analysis_seq) each run looks back past its watermark.
OVERLAP = 120 * 1_000_000
#: Watches per msearch request, and hits read per watch before search_after.
MSEARCH = 25
MSEARCH_SIZE = 1000
_ROW_FIELDS = (
    "watch",
    "article_id",
    "destination",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "matched_at",
    "sent_at",
    "batch",
)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="microseconds")


def _stamp() -> int:
    return time.time_ns() // 1000


def match_id(watch: str, article_id: str) -> str:
    return f"m|{watch}|{article_id}"


def row_id(watch: str, article_id: str, destination: str) -> str:
    key = f"{watch}\x00{article_id}\x00{destination}".encode()
    return "o|" + hashlib.sha256(key).hexdigest()[:40]


def _new_watch_doc(w: Watch, created_at: str, watermark: int, floor: int) -> dict:
    return {
        "type": "watch",
        "name": w.name,
        "query": w.query,
        "cadence": w.cadence,
        "destinations": list(w.destinations),
        "cap": w.cap,
        "max_per_day": w.max_per_day,
        "allow_private": w.allow_private,
        "created_at": created_at,
        "watermark": watermark,
        "floor": floor,
        "secret": w.secret or new_secret(),
    }


def _watch(d: dict) -> Watch:
    return Watch(
        name=d["name"],
        query=d["query"],
        cadence=d["cadence"],
        destinations=list(d.get("destinations") or []),
        cap=d.get("cap"),
        allow_private=bool(d.get("allow_private")),
        created_at=d["created_at"],
        watermark=d["watermark"],
        max_per_day=d.get("max_per_day"),
        secret=d.get("secret") or "",
    )


def _row(d: dict) -> OutboxRow:
    return OutboxRow(**{k: d.get(k) for k in _ROW_FIELDS})


class ElasticsearchWatches:
    """The watch calls of `ElasticsearchStore` (a mixin: `es`, `aliases`, `_bulk`,
    `_scan`, `_call`, `_request`, `_hit_request` and `url` are the store's)."""

    es: Any
    aliases: dict[str, str]
    url: str

    if TYPE_CHECKING:  # the store's plumbing

        def _bulk(self, actions: Iterable[dict], what: str, refresh: Any = None) -> list[dict]: ...
        def _scan(
            self,
            query: dict,
            sort: list,
            source: Any = True,
            kind: str = "articles",
            page: int | None = None,
            **extra: Any,
        ) -> Any: ...
        def _call(self, what: str, fn: Any, *args: Any, **kwargs: Any) -> Any: ...
        def _error(self, what: str, exc: Exception) -> StoreError: ...
        def _request(self, what: str = "searching", kind: str = "articles", **body: Any) -> Any: ...
        def _hit_request(self, query: Any, order: str) -> tuple[dict, list, dict | None]: ...

    # ---- plumbing ------------------------------------------------------------------------

    def _write(self, actions: list[dict], what: str) -> list[dict]:
        """Bulk-write watch records, visible to the next search (whatever the store's
        refresh option: the sender reads them right after); 409s on creates are
        returned, other failures raised."""
        for a in actions:
            a.setdefault("_index", self.aliases["watches"])
        failed = self._bulk(actions, what, refresh=True)
        errors = [f for f in failed if next(iter(f.values())).get("status") != 409]
        if errors:
            raise StoreError(
                f"Elasticsearch store at {self.url}: {what} failed for "
                f"{len(errors)} records: {errors[:3]}"
            )
        return failed

    def _docs(self, query: dict, sort: list) -> list[dict]:
        return [h["_source"] for h in self._scan(query, sort, kind="watches")]

    def _watch_doc(self, name: str) -> dict | None:
        res = self._call(
            "reading a watch",
            self.es.options(ignore_status=404).get,
            index=self.aliases["watches"],
            id=f"w|{name}",
        )
        return res.get("_source") if res.get("found") else None

    def _head(self) -> int:
        """The analysis feed's head: the newest analysis_seq stored."""
        res = self._request(
            "reading the analysis feed",
            size=1,
            source=["analysis_seq"],
            query={"exists": {"field": "analysis_seq"}},
            sort=[{"analysis_seq": "desc"}],
            track_total_hits=False,
        )
        hits = res["hits"]["hits"]
        return int(hits[0]["_source"]["analysis_seq"]) if hits else 0

    def _matching(self, due: list[tuple[Watch, int]], head: int) -> list[list[str]]:
        """Per (watch, lower bound): ids of the articles analysed in (lower, head] that
        its query matches. One msearch per MSEARCH watches; a watch with more than
        MSEARCH_SIZE new matches is read in full with search_after."""
        filters = [
            {
                "bool": {
                    "filter": [
                        compile_query(prepare(parse(w.query))),
                        {"range": {"analysis_seq": {"gt": lower, "lte": head}}},
                    ]
                }
            }
            for w, lower in due
        ]
        sort = [{"analysis_seq": "asc"}, {"id": "asc"}]
        out: list[list[str]] = []
        for i in range(0, len(filters), MSEARCH):
            part = filters[i : i + MSEARCH]
            for filt, answer in zip(part, self._msearch(part, sort), strict=True):
                if "error" in answer:
                    raise StoreError(
                        f"Elasticsearch store at {self.url}: matching a watch failed: "
                        f"{answer['error']}"
                    )
                hits = answer["hits"]["hits"]
                if answer["hits"]["total"]["value"] > len(hits):
                    hits = list(self._scan(filt, sort, ["id"]))
                out.append([h["_source"]["id"] for h in hits])
        return out

    def _msearch(self, filters: list[dict], sort: list) -> list[dict]:
        """The answers to one msearch; a batch that outlasts the request timeout is
        split in halves (a slow cluster, heavy queries), down to single searches,
        which get the client's usual retries, so one slow batch never stops matching."""
        searches: list[dict] = []
        for filt in filters:
            searches += [
                {"index": self.aliases["articles"]},
                {
                    "query": filt,
                    "sort": sort,
                    "size": MSEARCH_SIZE,
                    "_source": ["id"],
                    "track_total_hits": MSEARCH_SIZE + 1,
                },
            ]
        if len(filters) == 1:
            return self._call("matching a watch", self.es.msearch, searches=searches)["responses"]
        try:
            return self.es.options(max_retries=0).msearch(searches=searches)["responses"]
        except ConnectionTimeout:
            half = len(filters) // 2
            return self._msearch(filters[:half], sort) + self._msearch(filters[half:], sort)
        except (ApiError, TransportError) as exc:
            raise self._error("matching watches", exc) from exc

    def _record_matches(
        self, found: list[tuple[Watch, list[str]]], now: datetime
    ) -> dict[str, int]:
        """Outbox rows, then match records, for the (watch, article) pairs not matched
        before; returns how many matches are new per watch."""
        pairs = [(w, a) for w, ids in found for a in ids]
        seen: set[str] = set()
        for i in range(0, len(pairs), 1000):
            known = self._call(
                "reading matches",
                self.es.mget,
                index=self.aliases["watches"],
                ids=[match_id(w.name, a) for w, a in pairs[i : i + 1000]],
                source=False,
            )
            seen.update(d["_id"] for d in known["docs"] if d.get("found"))
        fresh = [(w, a) for w, a in pairs if match_id(w.name, a) not in seen]
        counts = {w.name: 0 for w, _ in found}
        if not fresh:
            return counts
        at, seq = _iso(now), _stamp()
        rows = [
            {
                "_op_type": "create",
                "_id": row_id(w.name, a, d),
                "_source": {
                    "type": "outbox",
                    "watch": w.name,
                    "article_id": a,
                    "destination": d,
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": at,
                    "last_error": "",
                    "matched_at": at,
                    "sent_at": None,
                    "batch": None,
                    "seq": seq + i,
                },
            }
            for i, (w, a) in enumerate(fresh)
            for d in w.destinations
        ]
        if rows:
            self._write(rows, "writing the outbox")
        made = self._write(
            [
                {
                    "_op_type": "create",
                    "_id": match_id(w.name, a),
                    "_source": {
                        "type": "match",
                        "watch": w.name,
                        "article_id": a,
                        "matched_at": at,
                        "seq": seq + i,
                    },
                }
                for i, (w, a) in enumerate(fresh)
            ],
            "writing matches",
        )
        refused = {next(iter(f.values()))["_id"] for f in made}
        for w, a in fresh:
            counts[w.name] += match_id(w.name, a) not in refused
        return counts

    # ---- watches -------------------------------------------------------------------------

    def add_watch(self, watch: Watch, *, backfill_days: int = 0) -> Watch:
        """As SQLiteStore.add_watch: the watermark starts at the feed's head."""
        query = prepare(parse(watch.query))  # a malformed query fails before any write
        if self._watch_doc(watch.name) is not None:
            raise watch_exists(watch.name)
        now = utc_now()
        head = self._head()
        made = self._write(
            [
                {
                    "_op_type": "create",
                    "_id": f"w|{watch.name}",
                    "_source": _new_watch_doc(watch, _iso(now), head, head),
                }
            ],
            "adding a watch",
        )
        if made:
            raise watch_exists(watch.name)
        if backfill_days:
            since = (now - timedelta(days=backfill_days)).date().isoformat()
            filt = {
                "bool": {
                    "filter": [
                        compile_query(query),
                        {"term": {"analyzed": True}},
                        {"range": {"published_local": {"gte": since, "format": "yyyy-MM-dd"}}},
                    ]
                }
            }
            ids = [h["_source"]["id"] for h in self._scan(filt, [{"added": "asc"}], ["id"])]
            self._record_matches([(self.get_watch(watch.name), ids)], now)
        return self.get_watch(watch.name)

    def import_watch(
        self, watch: Watch, matches: list[tuple[str, str]], pending: list[OutboxRow]
    ) -> bool:
        """As SQLiteStore.import_watch (reindex): history and pending rows come along,
        the watermark is this store's head."""
        if self._watch_doc(watch.name) is not None:
            return False
        head = self._head()
        seq = _stamp()
        self._write(
            [
                {
                    "_op_type": "create",
                    "_id": row_id(r.watch, r.article_id, r.destination),
                    "_source": {
                        "type": "outbox",
                        **{k: getattr(r, k) for k in _ROW_FIELDS},
                        "seq": seq + i,
                    },
                }
                for i, r in enumerate(pending)
            ],
            "copying the outbox",
        )
        self._write(
            [
                {
                    "_op_type": "create",
                    "_id": match_id(watch.name, a),
                    "_source": {
                        "type": "match",
                        "watch": watch.name,
                        "article_id": a,
                        "matched_at": at,
                        "seq": seq + i,
                    },
                }
                for i, (a, at) in enumerate(reversed(matches))
            ],
            "copying matches",
        )
        self._write(
            [
                {
                    "_op_type": "create",
                    "_id": f"w|{watch.name}",
                    "_source": _new_watch_doc(watch, watch.created_at, head, head),
                }
            ],
            "copying a watch",
        )
        return True

    def get_watch(self, name: str) -> Watch:
        doc = self._watch_doc(name)
        if doc is None:
            known = [w.name for w in self.watches()]
            raise no_such_watch(name, known)
        return _watch(doc)

    def watches(self) -> list[Watch]:
        return [_watch(d) for d in self._docs({"term": {"type": "watch"}}, [{"name": "asc"}])]

    def update_watch(self, watch: Watch) -> Watch:
        """Change a watch's query, cadence, destinations or caps; its watermark stays."""
        prepare(parse(watch.query))
        old = self.get_watch(watch.name)
        self._write(
            [
                {
                    "_op_type": "update",
                    "_id": f"w|{watch.name}",
                    "doc": {
                        "query": watch.query,
                        "cadence": watch.cadence,
                        "destinations": list(watch.destinations),
                        "cap": watch.cap,
                        "max_per_day": watch.max_per_day,
                        "allow_private": watch.allow_private,
                        "secret": watch.secret or old.secret,
                    },
                }
            ],
            "changing a watch",
        )
        return self.get_watch(watch.name)

    def remove_watch(self, name: str) -> None:
        """Forget a watch, its matches and its undelivered rows (the log stays): the
        watch first, so a half-done removal leaves no watch that would send."""
        self.get_watch(name)
        self._write([{"_op_type": "delete", "_id": f"w|{name}"}], "removing a watch")
        query = {
            "bool": {
                "filter": [{"term": {"watch": name}}, {"terms": {"type": ["match", "outbox"]}}]
            }
        }
        ids = [h["_id"] for h in self._scan(query, [{"seq": "asc"}], False, kind="watches")]
        if ids:
            self._write([{"_op_type": "delete", "_id": i} for i in ids], "removing a watch")

    # ---- matching ------------------------------------------------------------------------

    def match_watches(self) -> dict[str, int]:
        """Evaluate every watch on the articles analysed past its watermark; returns
        new matches per watch. Outbox rows of all watches, then their match records,
        then their watermarks."""
        self._call("refreshing", self.es.indices.refresh, index=self.aliases["articles"])
        head = self._head()
        now = utc_now()
        docs = self._docs(
            {
                "bool": {
                    "filter": [{"term": {"type": "watch"}}, {"range": {"watermark": {"lt": head}}}]
                }
            },
            [{"name": "asc"}],
        )
        if not docs:
            return {}
        due = [
            (_watch(d), max(int(d.get("floor") or 0), int(d["watermark"]) - OVERLAP)) for d in docs
        ]
        ids = self._matching(due, head)
        found = self._record_matches([(w, i) for (w, _), i in zip(due, ids, strict=True)], now)
        self._write(
            [
                {"_op_type": "update", "_id": f"w|{w.name}", "doc": {"watermark": head}}
                for w, _ in due
            ],
            "moving watermarks",
        )
        return found

    def watch_matches(self, name: str, limit: int = 50) -> list[tuple[str, str]]:
        """(article id, matched at) of a watch's matches, newest first."""
        query = {"bool": {"filter": [{"term": {"type": "match"}}, {"term": {"watch": name}}]}}
        if limit is not None and limit >= 0:
            res = self._request(
                "reading matches",
                "watches",
                query=query,
                size=limit,
                sort=[{"seq": "desc"}],
                track_total_hits=False,
            )
            docs = [h["_source"] for h in res["hits"]["hits"]]
        else:
            docs = self._docs(query, [{"seq": "desc"}])
        return [(d["article_id"], d["matched_at"]) for d in docs]

    def watch_hits(self, name: str, ids: list[str]) -> list[Hit]:
        """The articles `ids` as hits of a watch's query: snippets highlight its words,
        in the order given."""
        from newsmon.index.backends.elasticsearch.documents import hit as to_hit
        from newsmon.index.backends.elasticsearch.store import _HIT_SOURCE

        query = prepare(parse(self.get_watch(name).query))
        if not ids:
            return []
        _, _, highlight = self._hit_request(query, "date")
        body: dict[str, Any] = {
            "query": {"ids": {"values": ids}},
            "size": len(ids),
            "source": _HIT_SOURCE,
            "track_total_hits": False,
        }
        if highlight:
            body["highlight"] = highlight
        res = self._request("reading matched articles", **body)
        hits = {h["_id"]: to_hit(h) for h in res["hits"]["hits"]}
        return [hits[i] for i in ids if i in hits]

    # ---- the outbox ----------------------------------------------------------------------

    def outbox(
        self,
        *,
        due_by: datetime | None = None,
        watch: str | None = None,
        status: str | None = "pending",
        sent_since: datetime | None = None,
    ) -> list[OutboxRow]:
        """Outbox rows, oldest match first: pending ones due by `due_by`, or all;
        with `sent_since`, those sent (or folded) since then."""
        clauses: list[dict] = [{"term": {"type": "outbox"}}]
        if status:
            clauses.append({"term": {"status": status}})
        if due_by is not None:
            clauses.append({"range": {"next_attempt_at": {"lte": _iso(due_by)}}})
        if sent_since is not None:
            clauses.append({"range": {"sent_at": {"gte": _iso(sent_since)}}})
        if watch:
            clauses.append({"term": {"watch": watch}})
        return [
            _row(d)
            for d in self._docs(
                {"bool": {"filter": clauses}}, [{"matched_at": "asc"}, {"seq": "asc"}]
            )
        ]

    def claim(self, rows: list[OutboxRow], batch: str) -> list[OutboxRow]:
        """Give unclaimed rows the batch id they will be sent under, before the send
        (see SQLiteStore.claim)."""
        fresh = [r for r in rows if not r.batch]
        self._write(
            [
                {
                    "_op_type": "update",
                    "_id": row_id(r.watch, r.article_id, r.destination),
                    "doc": {"batch": batch},
                }
                for r in fresh
            ],
            "claiming alerts",
        )
        for r in fresh:
            r.batch = batch
        return rows

    def delivered(self, watch: str, destination: str, article_ids: Iterable[str]) -> set[str]:
        """Of these articles, those this destination already had from the watch
        (their row sent, counted or folded)."""
        ids = list(article_ids)
        if not ids:
            return set()
        res = self._call(
            "reading the outbox",
            self.es.mget,
            index=self.aliases["watches"],
            ids=[row_id(watch, a, destination) for a in ids],
            source_includes=["article_id", "status"],
        )
        return {
            d["_source"]["article_id"]
            for d in res["docs"]
            if d.get("found") and d["_source"]["status"] != "pending"
        }

    def mark_sent(
        self,
        rows: Iterable[OutboxRow],
        delivery: Delivery,
        status: str = "sent",
        counted: Iterable[OutboxRow] = (),
    ) -> None:
        """Rows delivered (or `folded`), those only `counted` in it ("và N bài khác")
        and the delivery's log line, in one bulk request."""
        actions = [
            {
                "_op_type": "update",
                "_id": row_id(r.watch, r.article_id, r.destination),
                "doc": {
                    "status": state,
                    "sent_at": delivery.at,
                    "last_error": "",
                    "attempts": r.attempts + 1,
                },
            }
            for state, part in ((status, rows), ("counted", counted))
            for r in part
        ]
        self._write([*actions, self._log(delivery)], "marking alerts sent")

    def mark_failed(self, rows: Iterable[OutboxRow], delivery: Delivery) -> None:
        """Rows stay pending, retried after a backoff that grows with each failure."""
        at = datetime.fromisoformat(delivery.at)
        actions = [
            {
                "_op_type": "update",
                "_id": row_id(r.watch, r.article_id, r.destination),
                "doc": {
                    "attempts": r.attempts + 1,
                    "last_error": delivery.response,
                    "next_attempt_at": _iso(at + timedelta(seconds=backoff(r.attempts + 1))),
                },
            }
            for r in rows
        ]
        self._write([*actions, self._log(delivery)], "recording a failed send")

    def deliveries(self, watch: str | None = None, limit: int = 50) -> list[Delivery]:
        """The delivery log, newest first."""
        clauses: list[dict] = [{"term": {"type": "delivery"}}]
        if watch:
            clauses.append({"term": {"watch": watch}})
        res = self._request(
            "reading the delivery log",
            "watches",
            size=limit,
            query={"bool": {"filter": clauses}},
            sort=[{"seq": "desc"}],
            track_total_hits=False,
        )
        return [
            Delivery(
                d["watch"], d["destination"], d["articles"], bool(d["ok"]), d["response"], d["at"]
            )
            for d in (h["_source"] for h in res["hits"]["hits"])
        ]

    def last_sent(self, watch: str, destination: str) -> str | None:
        """When a destination last accepted a delivery of a watch (digest periods)."""
        res = self._request(
            "reading the delivery log",
            "watches",
            size=1,
            query={
                "bool": {
                    "filter": [
                        {"term": {"type": "delivery"}},
                        {"term": {"watch": watch}},
                        {"term": {"destination": destination}},
                        {"term": {"ok": True}},
                    ]
                }
            },
            sort=[{"at": "desc"}],
            track_total_hits=False,
        )
        hits = res["hits"]["hits"]
        return hits[0]["_source"]["at"] if hits else None

    @staticmethod
    def _log(d: Delivery) -> dict:
        seq = _stamp()
        digest = hashlib.sha1(repr(d).encode()).hexdigest()[:12]
        return {
            "_op_type": "create",
            "_id": f"d|{seq}|{digest}",
            "_source": {
                "type": "delivery",
                "watch": d.watch,
                "destination": d.destination,
                "articles": d.articles,
                "ok": d.ok,
                "response": d.response,
                "at": d.at,
                "seq": seq,
            },
        }
