"""The Elasticsearch store: the same `Store` calls as SQLite, on a cluster.

One article is one document in the index behind the alias `<name>` (default
`newsmon`); the alias points at a versioned index `<name>-vN` (`indices.py`).
Page validators and crawl runs live behind `<name>-pages` and `<name>-runs` the
same way. Settings and mappings are in `template.json` next to this file.

Text fields use the `vi_fold` analyzer (split on whitespace, punctuation and
symbols like SQLite's unicode61, then lowercase + asciifolding, which folds
"đ" too). The analysis is stored twice: whole (not indexed) for
`get_analysis`, and as nested lists keyed by `nlp.normalize.name_key` for
fields, facets and figures (`documents.py`). Keyed lists are de-duplicated per
article, so a nested terms aggregation counts articles, as SQLite's
COUNT(DISTINCT) does.

Writes go through `helpers.streaming_bulk` (chunks, retries with exponential
backoff on 429/503) and refresh the index by default, so a read right after a
write sees it (see docs/elasticsearch.md for the cost and the `refresh` option).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import re
import time
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, helpers

from newsmon.index.backends.base import (
    EXACT_WINDOW,
    BaseStore,
    article_from_record,
    exact_first,
    exact_window,
    figure_from_record,
    run_from_record,
)
from newsmon.index.backends.elasticsearch.aggregations import (
    AGG_SIZE,
    facet_aggs,
    figure_matches,
    figure_query,
    keyed_agg,
    read_facets,
    read_keyed,
)
from newsmon.index.backends.elasticsearch.client import Client, redact
from newsmon.index.backends.elasticsearch.compiler import compile_query, text_clause
from newsmon.index.backends.elasticsearch.documents import (
    KEYED,
    analysis_doc,
    article_doc,
    with_story,
)
from newsmon.index.backends.elasticsearch.documents import hit as to_hit
from newsmon.index.backends.elasticsearch.indices import Indices, template
from newsmon.index.backends.elasticsearch.watches import ElasticsearchWatches
from newsmon.index.documents import Article, CrawlRun, SourceHealth, content_hash, now_iso
from newsmon.index.query import Query, ranking_terms
from newsmon.index.store import (
    FigureFilter,
    FigureRow,
    FigureSum,
    Hit,
    SearchResult,
    Stats,
    StoreError,
)
from newsmon.index.stories import StoryRecord
from newsmon.index.sums import honest_sums
from newsmon.nlp.types import Analysis

DEFAULT_INDEX = "newsmon"
#: what an honest sum reads of each figure
_SUM_FIELDS = ("count", "recipient_kind", "award", "award_key", "level", "level_key", "status",
               "is_total", "year_or_published")
#: the template version whose documents carry their story ids
STORY_IDS_SINCE = 3
PAGE = 500
MAX_WINDOW = 10_000  # index.max_result_window: from + size beyond it needs search_after
_ARTICLE_FIELDS = ("id", "url", "canonical_url", "source", "title", "sapo", "body", "authors",
                   "published_at", "category", "tags", "agency", "images", "fetched_at",
                   "language", "parser")
_HIT_SOURCE = ["id", "title", "url", "canonical_url", "source", "published_at", "sapo", "body",
               "units"]
_KIND_PATHS = {"unit": ("units", None), "campaign": ("campaigns", None),
               "PER": ("entities", "PER"), "LOC": ("entities", "LOC"),
               "award": ("award_forms", None)}


class ElasticsearchStore(ElasticsearchWatches, BaseStore, Client, Indices):
    """Store and search articles in Elasticsearch (8.x API) through the official client.

    `url` is `http(s)://host:port` or `http(s)://host:port/<index-name>`; credentials
    come from NEWSMON_ES_API_KEY, or NEWSMON_ES_USERNAME and NEWSMON_ES_PASSWORD;
    TLS trusts NEWSMON_ES_CA_CERTS and verifies unless NEWSMON_ES_VERIFY_CERTS=false.
    `?refresh=wait_for|true|false` picks how writes are made visible (default true).
    """

    def __init__(self, url: str, *, client: Elasticsearch | None = None, read_only: bool = False,
                 chunk_size: int = 500, max_retries: int = 5, initial_backoff: float = 1.0,
                 max_backoff: float = 30.0) -> None:
        self.url = redact(url)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"Cannot read the Elasticsearch store URL {self.url!r}: write "
                             "http(s)://host:port or http(s)://host:port/index-name.")
        name = unquote(parts.path.strip("/")) or DEFAULT_INDEX
        if (name != name.lower() or "/" in name or name.startswith(("-", "_", "+"))
                or any(c in name for c in ' "*\\<|,>?#:')):
            raise StoreError(f"Cannot use {name!r} from {self.url} as an Elasticsearch index "
                             "name: write it in lower case, without spaces or /\\*?\"<>|,#:.")
        self.name = name
        options = parse_qs(parts.query)
        refresh = options.get("refresh", ["true"])[0]
        self.refresh: bool | str = {"true": True, "false": False}.get(refresh, refresh)
        self.chunk_size = chunk_size
        self.max_retries = max_retries
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self.aliases = {kind: name + spec["suffix"] for kind, spec in template()["kinds"].items()}
        self.es = client or self._client(parts)
        self._call("connecting", self.es.info)
        if not read_only:
            upgraded = self._ensure_indices()
            if upgraded.get("articles", STORY_IDS_SINCE) < STORY_IDS_SINCE:
                self._add_story_ids()
        elif not self._call("checking the alias", self.es.indices.exists,
                            index=self.aliases["articles"]):
            raise StoreError(f"No store named {self.name!r} at {self.url}: check --store or "
                             "NEWSMON_STORE, or create it with newsmon crawl.")

    # ---- writing -----------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict], what: str, refresh: Any = None) -> list[dict]:
        """Send actions in chunks; 429/503 are retried with backoff. Returns failed items.
        `refresh` overrides the store's option for this write."""
        failed = []
        try:
            for ok, item in helpers.streaming_bulk(
                self.es, actions, chunk_size=self.chunk_size, max_retries=self.max_retries,
                initial_backoff=self.initial_backoff, max_backoff=self.max_backoff,
                retry_on_status=(429, 503), raise_on_error=False,
                refresh=self.refresh if refresh is None else refresh,
            ):
                if not ok:
                    failed.append(item)
        except (ApiError, TransportError) as exc:
            raise self._error(what, exc) from exc
        except helpers.BulkIndexError as exc:  # pragma: no cover - raise_on_error is off
            raise StoreError(f"Elasticsearch store at {self.url}: {what} failed: "
                             f"{exc.errors[:3]}") from exc
        return failed

    def _mget(self, ids: list[str], fields: list[str]) -> dict[str, dict]:
        out: dict[str, dict] = {}
        for i in range(0, len(ids), 1000):
            res = self._call("reading articles", self.es.mget, index=self.aliases["articles"],
                             ids=ids[i:i + 1000], source_includes=fields)
            out.update({d["_id"]: d.get("_source", {}) for d in res["docs"] if d.get("found")})
        return out

    def add_analyzed(self, pairs: Iterable[tuple[Article, Analysis | None]]) -> int:
        """Articles with their analyses in one bulk pass (a reindex, an import):
        each document is written whole, not indexed then updated."""
        batch = list(pairs)
        if not batch:
            return 0
        existing = self._mget(list(dict.fromkeys(a.id for a, _ in batch)), ["added"])
        # stories first: each document is written with its story (facets count stories)
        stories = self._join_stories(a for a, _ in batch)
        stamp = time.time_ns() // 1000
        new = 0
        actions = []
        for i, (article, analysis) in enumerate(batch):
            known = existing.get(article.id)
            new += known is None
            doc = article_doc(article, content_hash(article),
                              known["added"] if known else stamp + i, stories[article.id])
            if analysis is not None:
                doc.update(analysis_doc(article.id, analysis, doc["published_at"],
                                        stories[article.id]), analysis_seq=stamp + i)
            actions.append({"_op_type": "index", "_index": self.aliases["articles"],
                            "_id": article.id, "_source": doc})
        if failed := self._bulk(actions, "writing articles"):
            raise StoreError(f"Writing articles to the Elasticsearch store at {self.url} "
                             f"failed for {len(failed)} of them: {failed[:3]}")
        return new

    def add_articles(self, articles: Iterable[Article]) -> int:
        batch = list(articles)
        if not batch:
            return 0
        existing = self._mget(list(dict.fromkeys(a.id for a in batch)),
                              ["content_hash", "added"])
        stories = self._join_stories(batch)
        docs: dict[str, dict] = {}
        new = 0
        stamp = time.time_ns() // 1000
        for i, article in enumerate(batch):
            digest = content_hash(article)
            known = existing.get(article.id)
            if known and known.get("content_hash") == digest:
                continue
            if known is None:
                new += 1
                known = {"added": stamp + i}
            docs[article.id] = article_doc(article, digest, known["added"], stories[article.id])
            existing[article.id] = {"content_hash": digest, "added": known["added"]}
        failed = self._bulk(({"_op_type": "index", "_index": self.aliases["articles"],
                              "_id": doc_id, "_source": doc} for doc_id, doc in docs.items()),
                            "writing articles")
        if failed:
            raise StoreError(f"Writing articles to the Elasticsearch store at {self.url} "
                             f"failed for {len(failed)} of them: {failed[:3]}")
        return new

    def add_analyses(self, analyses: Iterable[tuple[str, Analysis]]) -> None:
        batch = list(analyses)
        if not batch:
            return
        found = self._mget(list(dict.fromkeys(i for i, _ in batch)), ["published_at"])
        stories = self.story_of(list(found))
        actions = []
        # The watches' feed: each analysis written takes the next stamp (µs).
        stamp = time.time_ns() // 1000
        for i, (article_id, analysis) in enumerate(batch):
            if article_id not in found:
                continue
            published = found[article_id].get("published_at")
            actions.append({"_op_type": "update", "_index": self.aliases["articles"],
                            "_id": article_id,
                            "doc": {**analysis_doc(article_id, analysis, published,
                                                   stories[article_id]),
                                    "analysis_seq": stamp + i}})
        failed = [f for f in self._bulk(actions, "writing analyses")
                  if next(iter(f.values())).get("status") != 404]
        if failed:
            raise StoreError(f"Writing analyses to the Elasticsearch store at {self.url} "
                             f"failed for {len(failed)} articles: {failed[:3]}")

    def save_page_states(self, states: Iterable[tuple[str, str, str]]) -> None:
        now = now_iso()
        actions = [{"_op_type": "index", "_index": self.aliases["pages"],
                    "_id": hashlib.sha1(url.encode("utf-8")).hexdigest(),
                    "_source": {"url": url, "etag": etag, "last_modified": modified,
                                "checked_at": now}}
                   for url, etag, modified in states]
        if failed := self._bulk(actions, "saving page validators"):
            raise StoreError(f"Saving page validators to {self.url} failed: {failed[:3]}")

    def record_run(self, run: CrawlRun) -> None:
        doc = {
            "seq": time.time_ns(), "source": run.source,
            "started_at": run.started_at.isoformat(), "finished_at": run.finished_at.isoformat(),
            "pages": run.pages, "article_pages": run.article_pages, "articles": run.articles,
            "new": run.new, "ok": run.pages > 0 and not run.layout_suspect,
            "skipped": json.dumps(run.skipped),
            "failures": json.dumps(run.failures, ensure_ascii=False),
        }
        self._call("recording a crawl run", self.es.index, index=self.aliases["runs"],
                   document=doc, refresh=self.refresh)

    # ---- reading: plumbing -------------------------------------------------------------

    def _request(self, what: str = "searching", kind: str = "articles", **body: Any) -> Any:
        return self._call(what, self.es.search, index=self.aliases[kind], **body)

    def _scan(self, query: dict, sort: list, source: list[str] | bool = True,
              kind: str = "articles", page: int | None = None, **extra: Any) -> Iterator[dict]:
        """Every matching document in `sort` order: search_after over a point in time,
        so there is no 10,000 cap and the view does not shift while paging."""
        page = page or PAGE
        pit = self._call("opening a point in time", self.es.open_point_in_time,
                         index=self.aliases[kind], keep_alive="2m")
        pit_id = pit["id"]
        after = None
        try:
            while True:
                more = {"search_after": after} if after else {}
                res = self._call("searching", self.es.search, pit={"id": pit_id,
                                 "keep_alive": "2m"}, query=query, sort=sort, size=page,
                                 source=source, track_total_hits=False, **extra, **more)
                pit_id = res.get("pit_id", pit_id)
                hits = res["hits"]["hits"]
                yield from hits
                if len(hits) < page:
                    return
                after = hits[-1]["sort"]
        finally:
            with contextlib.suppress(ApiError, TransportError):
                self.es.close_point_in_time(id=pit_id)

    def _count(self, query: dict, kind: str = "articles") -> int:
        return self._call("counting", self.es.count, index=self.aliases[kind],
                          query=query)["count"]

    # ---- reading -----------------------------------------------------------------------

    def known_urls(self) -> set[str]:
        return {u for h in self._scan({"match_all": {}}, [{"added": "asc"}],
                                      ["url", "canonical_url"])
                for u in (h["_source"]["url"], h["_source"]["canonical_url"])}

    def page_states(self) -> dict[str, tuple[str, str]]:
        return {s["url"]: (s["etag"], s["last_modified"]) for s in
                (h["_source"] for h in self._scan({"match_all": {}}, [{"url": "asc"}],
                                                  kind="pages"))}

    def source_health(self, runs: int = 5) -> list[SourceHealth]:
        res = self._request("reading crawl runs", "runs", size=0, aggs={
            "sources": {"terms": {"field": "source", "size": AGG_SIZE, "order": {"_key": "asc"}},
                        "aggs": {
                            "recent": {"top_hits": {"size": runs, "sort": [{"seq": "desc"}]}},
                            "ok": {"filter": {"term": {"ok": True}}, "aggs": {
                                "last": {"top_hits": {"size": 1, "sort": [
                                    {"finished_at": "desc"}], "_source": ["finished_at"]}}}},
                        }}})
        health = []
        for bucket in res["aggregations"]["sources"]["buckets"]:
            recent = [run_from_record(h["_source"]) for h in bucket["recent"]["hits"]["hits"]]
            last = bucket["ok"]["last"]["hits"]["hits"]
            success = datetime.fromisoformat(last[0]["_source"]["finished_at"]) if last else None
            health.append(SourceHealth(bucket["key"], recent[0], success, recent))
        return health

    def count(self) -> int:
        return self._count({"match_all": {}})

    def get_article(self, article_id: str) -> Article | None:
        doc = self._mget([article_id], list(_ARTICLE_FIELDS)).get(article_id)
        return article_from_record(doc) if doc else None

    def get_analysis(self, article_id: str) -> Analysis | None:
        doc = self._mget([article_id], ["analysis"]).get(article_id)
        if not doc or doc.get("analysis") is None:
            return None
        return Analysis.from_dict(doc["analysis"])

    def pending_count(self) -> int:
        return self._count({"term": {"analyzed": False}})

    def pending_analysis(self, limit: int | None = None) -> list[Article]:
        out = []
        for hit in self._scan({"term": {"analyzed": False}}, [{"added": "asc"}],
                              page=min(PAGE, limit) if limit else None):
            out.append(article_from_record(hit["_source"]))
            if limit and len(out) >= limit:
                break
        return out

    def _hit_request(self, query: Query, order: str) -> tuple[dict, list, dict | None]:
        """The query, sort and highlight of a search: matching is a filter (no score);
        the positive words and phrases, OR'd, give the BM25 score as in SQLite."""
        filt = compile_query(query)
        rank = [text_clause(t) for t in ranking_terms(query)]
        date_sort = [{"published_at": {"order": "desc", "missing": "_last"}},
                     {"added": "desc"}]
        if rank and order == "relevance":
            es_query = {"bool": {"filter": [filt], "should": rank}}
            sort = ["_score", *date_sort]
        else:
            es_query = {"bool": {"filter": [filt]}}
            sort = date_sort
        highlight = None
        if rank:
            should = [{"match_phrase": {f: t}} for t in ranking_terms(query)
                      for f in ("sapo", "body")]
            highlight = {
                "pre_tags": ["\x01"], "post_tags": ["\x02"], "number_of_fragments": 0,
                "require_field_match": False, "max_analyzed_offset": 999_999,
                "highlight_query": {"bool": {"should": should}},
                "fields": {"sapo": {}, "body": {}},
            }
        return es_query, sort, highlight

    def _search(self, query: Query, *, limit: int, offset: int, order: str, facets: bool,
                interval: str, facet_size: int, exact: list[re.Pattern[str]],
                facets_by: str = "article") -> SearchResult:
        es_query, sort, highlight = self._hit_request(query, order)
        window = exact_window(exact, limit, offset)
        size, start = (max(EXACT_WINDOW, offset + limit), 0) if window else (limit, offset)
        body: dict[str, Any] = {"query": es_query, "sort": sort, "size": size, "from_": start,
                                "track_total_hits": True, "track_scores": True,
                                "source": _HIT_SOURCE}
        if highlight:
            body["highlight"] = highlight
        if facets:
            body["aggs"] = facet_aggs(interval, facet_size, facets_by)
        if offset + limit > MAX_WINDOW:
            # Deep pages: walk with search_after instead of from/size (capped at 10,000).
            hits = []
            for i, found in enumerate(self._iter_hits(query, order=order)):
                if i >= offset + limit:
                    break
                if i >= offset:
                    hits.append(found)
            body.update(size=0, from_=0)
            res = self._request(**body)
        else:
            res = self._request(**body)
            found = res["hits"]["hits"]
            if window:
                found = exact_first(found, exact, _text)[offset:offset + limit]
            hits = [to_hit(h) for h in found]
        found = read_facets(res["aggregations"], facet_size) if facets else None
        return SearchResult(total=res["hits"]["total"]["value"], hits=hits, facets=found)

    def _iter_hits(self, query: Query, *, order: str) -> Iterator[Hit]:
        es_query, sort, highlight = self._hit_request(query, order)
        extra: dict[str, Any] = {"highlight": highlight} if highlight else {}
        for h in self._scan(es_query, sort, _HIT_SOURCE, track_scores=True, **extra):
            yield to_hit(h)

    # ---- figures -----------------------------------------------------------------------

    def _figures(self, flt: FigureFilter, *, limit: int | None) -> list[FigureRow]:
        query = {"bool": {"filter": [compile_query(flt.query), {"nested": {
            "path": "awards", "query": figure_query(flt)}}]}}
        sort = [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
        rows: list[FigureRow] = []
        source = ["id", "title", "source", "url", "canonical_url", "published_at", "awards"]
        for hit in self._scan(query, sort, source):
            doc = hit["_source"]
            for f in sorted(doc.get("awards") or [], key=lambda f: f["start"]):
                if not figure_matches(f, flt):
                    continue
                rows.append(figure_from_record(f, {**doc, "published_at": doc.get("published_at")}))
                if limit and len(rows) >= limit:
                    return rows
        return rows

    def _figure_sums(self, flt: FigureFilter, by: str) -> list[FigureSum]:
        """The reference rules (`index.sums`) over lean rows: only the fields a sum
        needs are fetched (no sentences, no text), and each document's story and
        main unit come with it."""
        query = {"bool": {"filter": [compile_query(flt.query), {"nested": {
            "path": "awards", "query": figure_query(flt)}}]}}
        fields = ["id", "source", "published_at", "story_id", "main_unit_name",
                  *(f"awards.{f}" for f in _SUM_FIELDS)]
        rows, story_of, unit_of = [], {}, {}
        for hit in self._scan(query, [{"id": "asc"}], fields):
            doc = hit["_source"]
            story_of[doc["id"]] = doc.get("story_id") or ""
            unit_of[doc["id"]] = doc.get("main_unit_name") or ""
            rows += [FigureRow(doc["id"], "", doc["source"], "", doc.get("published_at"),
                               f["count"], f["recipient_kind"], f["award"], f["level"],
                               f["status"], "", bool(f["is_total"]))
                     for f in doc.get("awards") or [] if figure_matches(f, flt)]
        unplaced = [i for i, story in story_of.items() if not story]  # before template v3
        story_of.update(self.story_of(unplaced) if unplaced else {})
        return honest_sums(rows, by, story_of, lambda i: unit_of.get(i, ""))

    def _main_units(self, article_ids: list[str]) -> dict[str, str]:
        found = self._mget(list(dict.fromkeys(article_ids)), ["main_unit_name"])
        return {i: found.get(i, {}).get("main_unit_name") or "" for i in article_ids}

    def stats(self, top: int = 10) -> Stats:
        res = self._request("reading statistics", size=0, track_total_hits=True,
                           query={"match_all": {}}, aggs={
                               "analyzed": {"filter": {"term": {"analyzed": True}}},
                               "sources": {"terms": {"field": "source", "size": AGG_SIZE}},
                               "units": keyed_agg("units", top),
                               "campaigns": keyed_agg("campaigns", top),
                               "figures": {"nested": {"path": "awards"}},
                           })
        aggs = res["aggregations"]
        sources = sorted(((b["key"], b["doc_count"]) for b in aggs["sources"]["buckets"]),
                         key=lambda kv: (-kv[1], kv[0]))
        return Stats(
            articles=res["hits"]["total"]["value"],
            analyzed=aggs["analyzed"]["doc_count"],
            by_source=dict(sources),
            top_units=read_keyed(aggs["units"], top),
            top_campaigns=read_keyed(aggs["campaigns"], top),
            figures=aggs["figures"]["doc_count"],
            stories=self._story_count(res["hits"]["total"]["value"]),
        )

    def _story_count(self, articles: int) -> int:
        placed = [h["_source"]["story_id"] for h in self._scan(
            {"match_all": {}}, [{"seq": "asc"}], ["story_id"], kind="stories")]
        return len(set(placed)) + max(0, articles - len(placed))

    def names(self, kind: str) -> list[str]:
        path, only = _KIND_PATHS[kind]
        res = self._request("reading names", size=0, query={"match_all": {}},
                           aggs={"k": keyed_agg(path, AGG_SIZE, only_type=only)})
        return [name for name, _ in read_keyed(res["aggregations"]["k"], AGG_SIZE)]

    def _story_records(self, *, article_ids: list[str] | None = None,
                       story_ids: list[str] | None = None) -> list[StoryRecord]:
        if article_ids is not None:
            query: dict = {"terms": {"article_id": article_ids}} if article_ids else None
        elif story_ids is not None:
            query = {"terms": {"story_id": story_ids}} if story_ids else None
        else:
            query = {"match_all": {}}
        if query is None:
            return []
        return [_story(h["_source"]) for h in self._scan(query, [{"seq": "asc"}],
                                                         kind="stories")]

    def _story_records_since(self, marker: int) -> tuple[list[StoryRecord], int]:
        docs = [h["_source"] for h in self._scan({"range": {"seq": {"gt": marker}}},
                                                  [{"seq": "asc"}], kind="stories")]
        return [_story(d) for d in docs], (docs[-1]["seq"] if docs else marker)

    def _save_story_records(self, records: list[StoryRecord]) -> None:
        stamp = time.time_ns() // 1000
        actions = [{"_op_type": "index", "_index": self.aliases["stories"], "_id": r.article_id,
                    "_source": {"article_id": r.article_id, "story_id": r.story_id,
                                "source": r.source, "published_at": r.published_at,
                                "wire": r.wire, "size": r.size, "content_hash": r.content_hash,
                                "signature": base64.b64encode(r.signature).decode("ascii"),
                                "seq": stamp + i}}
                   for i, r in enumerate(records)]
        if failed := self._bulk(actions, "saving stories"):
            raise StoreError(f"Saving stories to the Elasticsearch store at {self.url} "
                             f"failed for {len(failed)} articles: {failed[:3]}")

    def _add_story_ids(self) -> None:
        """Documents written before template version 3 carry no story ids: each gets
        its story (its own id when it has no story record) on the document and in its
        keyed entries, so facets can count stories."""
        query = {"bool": {"must_not": [{"exists": {"field": "story_id"}}]}}
        fields = ["id", *KEYED]
        docs = [h["_source"] for h in self._scan(query, [{"added": "asc"}], fields)]
        for i in range(0, len(docs), PAGE):
            part = docs[i:i + PAGE]
            stories = self.story_of([d["id"] for d in part])
            actions = [{"_op_type": "update", "_index": self.aliases["articles"],
                        "_id": d["id"], "doc": {
                            "story_id": stories[d["id"]],
                            **with_story({k: d.get(k) or [] for k in KEYED}, stories[d["id"]])}}
                       for d in part]
            if failed := self._bulk(actions, "adding story ids"):
                raise StoreError(f"Adding story ids to the Elasticsearch store at {self.url} "
                                 f"failed for {len(failed)} articles: {failed[:3]}")

    def close(self) -> None:
        self.es.close()


def _story(d: dict) -> StoryRecord:
    return StoryRecord(d["article_id"], d["story_id"], d["source"], d.get("published_at"),
                       d["wire"], d["size"], d["content_hash"], base64.b64decode(d["signature"]))


def _text(h: dict) -> str:
    doc = h["_source"]
    return "\n".join((doc["title"], doc["sapo"], doc["body"]))
