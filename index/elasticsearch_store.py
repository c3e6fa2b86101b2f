"""The Elasticsearch store: the same `Store` calls as SQLite, on a cluster.

One article is one document in the index behind the alias `<name>` (default
`newsmon`); the alias points at a versioned index `<name>-vN`, so `reindex()`
can build `<name>-vN+1` from the current template and swap the alias in one
atomic call while searches keep answering. Page validators and crawl runs live
behind `<name>-pages` and `<name>-runs` the same way. Settings and mappings are
in `elasticsearch_template.json` next to this file (installed as index templates).

Text fields use the `vi_fold` analyzer (split on whitespace, punctuation and
symbols like SQLite's unicode61, then lowercase + asciifolding, which folds
"đ" too). The analysis is stored twice: whole (not indexed) for
`get_analysis`, and as nested lists keyed by `nlp.normalize.name_key` for
fields, facets and figures. Keyed lists are de-duplicated per article, so a
nested terms aggregation counts articles, as SQLite's COUNT(DISTINCT) does.

Writes go through `helpers.streaming_bulk` (chunks, retries with exponential
backoff on 429/503) and refresh the index by default, so a read right after a
write sees it (see docs/elasticsearch.md for the cost and the `refresh` option).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TransportError
from elasticsearch import ApiError, Elasticsearch, helpers

from index.documents import Article, CrawlRun, SourceHealth, content_hash, now_iso
from index.query import And, Field, MatchAll, Not, Or, Phrase, Query, Term
from index.snippets import make_snippet
from index.store import (
    Facets,
    FigureFilter,
    FigureRow,
    FigureSum,
    Hit,
    SearchResult,
    Stats,
    StoreError,
)
from nlp.normalize import name_key
from nlp.types import Analysis

DEFAULT_INDEX = "newsmon"
TEXT_FIELDS = ("title^10", "sapo^4", "body", "names^2")
PAGE = 500
AGG_SIZE = 10_000
MAX_WINDOW = 10_000  # index.max_result_window: from + size beyond it needs search_after
_CHECK = "Check that it is running, the URL, and NEWSMON_ES_* credentials."
_ARTICLE_FIELDS = ("id", "url", "canonical_url", "source", "title", "sapo", "body", "authors",
                   "published_at", "category", "tags", "agency", "images", "fetched_at",
                   "language", "parser")
_HIT_SOURCE = ["id", "title", "url", "canonical_url", "source", "published_at", "sapo", "body",
               "units"]


@cache
def template() -> dict:
    """The analysis settings and mappings of every index kind (the shipped JSON)."""
    text = resources.files("index").joinpath("elasticsearch_template.json").read_text("utf-8")
    return json.loads(text)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _truthy(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() not in ("0", "false", "no", "off")


def _redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None and parts.username is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return parts._replace(netloc=netloc).geturl()


class ElasticsearchStore:
    """Store and search articles in Elasticsearch (8.x API) through the official client.

    `url` is `http(s)://host:port` or `http(s)://host:port/<index-name>`; credentials
    come from NEWSMON_ES_API_KEY, or NEWSMON_ES_USERNAME and NEWSMON_ES_PASSWORD;
    TLS trusts NEWSMON_ES_CA_CERTS and verifies unless NEWSMON_ES_VERIFY_CERTS=false.
    `?refresh=wait_for|true|false` picks how writes are made visible (default true).
    """

    def __init__(self, url: str, *, client: Elasticsearch | None = None,
                 chunk_size: int = 500, max_retries: int = 5, initial_backoff: float = 1.0,
                 max_backoff: float = 30.0) -> None:
        self.url = _redact(url)
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
        self._ensure_indices()

    # ---- connection --------------------------------------------------------------------

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
            kwargs["verify_certs"] = _truthy(env.get("NEWSMON_ES_VERIFY_CERTS"), True)
            if not kwargs["verify_certs"]:
                kwargs["ssl_show_warn"] = False
        return Elasticsearch(f"{parts.scheme}://{parts.hostname}:{port}", **kwargs)

    def _error(self, what: str, exc: Exception) -> StoreError:
        if isinstance(exc, TransportConnectionError | ConnectionTimeout):
            return StoreError(f"Cannot reach the Elasticsearch store at {self.url}: {exc}. "
                              + _CHECK)
        status = getattr(exc, "status_code", None) or getattr(getattr(exc, "meta", None),
                                                              "status", None)
        if status in (401, 403):
            return StoreError(
                f"The Elasticsearch store at {self.url} refused {what} ({status}): check "
                "NEWSMON_ES_API_KEY, or NEWSMON_ES_USERNAME and NEWSMON_ES_PASSWORD, and the "
                "key's privileges on the index " + repr(self.name) + ".")
        return StoreError(f"Elasticsearch store at {self.url}: {what} failed: {exc}. " + _CHECK)

    def _call(self, what: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (ApiError, TransportError) as exc:
            raise self._error(what, exc) from exc

    # ---- indices, templates and aliases ------------------------------------------------

    def _template_body(self, kind: str) -> dict:
        spec = template()
        return {
            "index_patterns": [f"{self.aliases[kind]}-v*"],
            "priority": 200,
            "version": spec["version"],
            "template": {
                "settings": {"number_of_shards": 1, "analysis": spec["analysis"]},
                "mappings": spec["kinds"][kind]["mappings"],
            },
            "_meta": {"managed_by": "newsmon"},
        }

    def _ensure_indices(self) -> None:
        for kind, alias in self.aliases.items():
            body = self._template_body(kind)
            exists = self._call("checking the index template",
                                self.es.indices.exists_index_template, name=alias)
            if not exists:
                self._call("installing the index template", self.es.indices.put_index_template,
                           name=alias, **body)
            if self._call("checking the alias", self.es.indices.exists, index=alias):
                continue
            try:
                self.es.indices.create(index=f"{alias}-v1",
                                       aliases={alias: {"is_write_index": True}})
            except ApiError as exc:
                if "resource_already_exists" not in str(exc):  # another process won the race
                    raise self._error("creating the index", exc) from exc
            except TransportError as exc:
                raise self._error("creating the index", exc) from exc

    def index_of(self, kind: str = "articles") -> str:
        """The concrete index the alias of `kind` points at now."""
        alias = self.aliases[kind]
        found = self._call("reading the alias", self.es.indices.get_alias, name=alias)
        return sorted(found.body)[-1]

    def reindex(self, kind: str = "articles") -> str:
        """Copy `kind` into a fresh `<alias>-vN+1` built from the current template, then
        point the alias at it in one atomic call and drop the old index. Searches answer
        from the old index until the swap. Writes made during the copy are not carried
        over: run it while the crawler and analysis are stopped. Returns the new index."""
        alias = self.aliases[kind]
        old = self.index_of(kind)
        version = int(old.rsplit("-v", 1)[1]) + 1
        new = f"{alias}-v{version}"
        self._call("installing the index template", self.es.indices.put_index_template,
                   name=alias, **self._template_body(kind))
        self._call("creating the new index", self.es.indices.create, index=new)
        result = self._call("copying documents", self.es.reindex,
                            source={"index": old}, dest={"index": new}, refresh=True,
                            wait_for_completion=True)
        if result.get("failures"):
            raise StoreError(f"Reindexing {old} into {new} at {self.url} failed: "
                             f"{result['failures'][:3]}")
        self._call("swapping the alias", self.es.indices.update_aliases, actions=[
            {"remove": {"index": old, "alias": alias}},
            {"add": {"index": new, "alias": alias, "is_write_index": True}},
        ])
        self._call("deleting the old index", self.es.indices.delete, index=old)
        return new

    def drop(self) -> None:
        """Delete every index and template of this store (tests, `newsmon reset`)."""
        es = self.es.options(ignore_status=404)
        for alias in self.aliases.values():
            # Deleting by wildcard is refused (action.destructive_requires_name): name them.
            found = es.indices.get(index=f"{alias}-v*", expand_wildcards="all")
            names = [n for n in (found.body if found.meta.status == 200 else {})
                     if n.rsplit("-v", 1)[0] == alias]
            if names:
                es.indices.delete(index=",".join(sorted(names)))
            es.indices.delete_index_template(name=alias)

    # ---- writing -----------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict], what: str) -> list[dict]:
        """Send actions in chunks; 429/503 are retried with backoff. Returns failed items."""
        failed = []
        try:
            for ok, item in helpers.streaming_bulk(
                self.es, actions, chunk_size=self.chunk_size, max_retries=self.max_retries,
                initial_backoff=self.initial_backoff, max_backoff=self.max_backoff,
                retry_on_status=(429, 503), raise_on_error=False, refresh=self.refresh,
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
        stamp = time.time_ns() // 1000
        new = 0
        actions = []
        for i, (article, analysis) in enumerate(batch):
            known = existing.get(article.id)
            new += known is None
            doc = self._article_doc(article, content_hash(article),
                                    known["added"] if known else stamp + i)
            if analysis is not None:
                doc.update(_analysis_doc(article.id, analysis, doc["published_at"]))
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
            docs[article.id] = self._article_doc(article, digest, known["added"])
            existing[article.id] = {"content_hash": digest, "added": known["added"]}
        failed = self._bulk(({"_op_type": "index", "_index": self.aliases["articles"],
                              "_id": doc_id, "_source": doc} for doc_id, doc in docs.items()),
                            "writing articles")
        if failed:
            raise StoreError(f"Writing articles to the Elasticsearch store at {self.url} "
                             f"failed for {len(failed)} of them: {failed[:3]}")
        return new

    @staticmethod
    def _article_doc(article: Article, content_hash: str, added: int) -> dict:
        data = article.to_dict()
        published = data["published_at"]
        return {
            "id": article.id, "url": article.url, "canonical_url": article.canonical_url,
            "source": article.source, "title": article.title, "sapo": article.sapo,
            "body": article.body, "names": [], "authors": list(article.authors),
            "published_at": published,
            # Wall-clock time where it was published: dates, from:/to: and histogram
            # buckets use the article's own calendar day, as the SQLite store does.
            "published_local": published[:19] if published else None,
            "category": article.category, "tags": list(article.tags), "agency": article.agency,
            "images": data["images"], "fetched_at": data["fetched_at"],
            "language": article.language, "parser": article.parser,
            "content_hash": content_hash, "added": added, "analyzed": False,
            "analyzed_at": None, "analysis": None, "main_unit_key": None,
            "main_unit_name": None, "units": [], "campaigns": [], "entities": [],
            "award_forms": [], "awards": [],
        }

    def add_analyses(self, analyses: Iterable[tuple[str, Analysis]]) -> None:
        batch = list(analyses)
        if not batch:
            return
        found = self._mget(list(dict.fromkeys(i for i, _ in batch)), ["published_at"])
        actions = []
        for article_id, analysis in batch:
            if article_id not in found:
                continue
            published = found[article_id].get("published_at")
            actions.append({"_op_type": "update", "_index": self.aliases["articles"],
                            "_id": article_id,
                            "doc": _analysis_doc(article_id, analysis, published)})
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

    def _search(self, what: str = "searching", kind: str = "articles", **body: Any) -> Any:
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
        res = self._search("reading crawl runs", "runs", size=0, aggs={
            "sources": {"terms": {"field": "source", "size": AGG_SIZE, "order": {"_key": "asc"}},
                        "aggs": {
                            "recent": {"top_hits": {"size": runs, "sort": [{"seq": "desc"}]}},
                            "ok": {"filter": {"term": {"ok": True}}, "aggs": {
                                "last": {"top_hits": {"size": 1, "sort": [
                                    {"finished_at": "desc"}], "_source": ["finished_at"]}}}},
                        }}})
        health = []
        for bucket in res["aggregations"]["sources"]["buckets"]:
            recent = [_source_to_run(h["_source"]) for h in bucket["recent"]["hits"]["hits"]]
            last = bucket["ok"]["last"]["hits"]["hits"]
            success = datetime.fromisoformat(last[0]["_source"]["finished_at"]) if last else None
            health.append(SourceHealth(bucket["key"], recent[0], success, recent))
        return health

    def count(self) -> int:
        return self._count({"match_all": {}})

    def get_article(self, article_id: str) -> Article | None:
        doc = self._mget([article_id], list(_ARTICLE_FIELDS)).get(article_id)
        return _source_to_article(doc) if doc else None

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
            out.append(_source_to_article(hit["_source"]))
            if limit and len(out) >= limit:
                break
        return out

    def _hit_request(self, query: Query, order: str) -> tuple[dict, list, dict | None]:
        """The query, sort and highlight of a search: matching is a filter (no score);
        the positive words and phrases, OR'd, give the BM25 score as in SQLite."""
        filt = compile_query(query)
        rank = [_text_clause(t) for t in _positive_text(query)]
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
            should = [{"match_phrase": {f: t}} for t in _positive_text(query)
                      for f in ("sapo", "body")]
            highlight = {
                "pre_tags": ["\x01"], "post_tags": ["\x02"], "number_of_fragments": 0,
                "require_field_match": False, "max_analyzed_offset": 999_999,
                "highlight_query": {"bool": {"should": should}},
                "fields": {"sapo": {}, "body": {}},
            }
        return es_query, sort, highlight

    def search(
        self, query: Query, *, limit: int = 10, offset: int = 0, order: str = "relevance",
        facets: bool = False, interval: str = "month", facet_size: int = 10,
    ) -> SearchResult:
        es_query, sort, highlight = self._hit_request(query, order)
        body: dict[str, Any] = {"query": es_query, "sort": sort, "size": limit, "from_": offset,
                                "track_total_hits": True, "track_scores": True,
                                "source": _HIT_SOURCE}
        if highlight:
            body["highlight"] = highlight
        if facets:
            body["aggs"] = _facet_aggs(interval, facet_size)
        if offset + limit > MAX_WINDOW:
            # Deep pages: walk with search_after instead of from/size (capped at 10,000).
            hits = []
            for i, hit in enumerate(self.iter_hits(query, order=order)):
                if i >= offset + limit:
                    break
                if i >= offset:
                    hits.append(hit)
            body.update(size=0, from_=0)
            res = self._search(**body)
        else:
            res = self._search(**body)
            hits = [_hit(h) for h in res["hits"]["hits"]]
        found = _read_facets(res["aggregations"], facet_size) if facets else None
        return SearchResult(total=res["hits"]["total"]["value"], hits=hits, facets=found)

    def iter_hits(self, query: Query, *, order: str = "date") -> Iterator[Hit]:
        es_query, sort, highlight = self._hit_request(query, order)
        extra: dict[str, Any] = {"highlight": highlight} if highlight else {}
        for h in self._scan(es_query, sort, _HIT_SOURCE, track_scores=True, **extra):
            yield _hit(h)

    # ---- figures -----------------------------------------------------------------------

    def figures(self, flt: FigureFilter | None = None, *,
                limit: int | None = None) -> list[FigureRow]:
        flt = flt or FigureFilter()
        query = {"bool": {"filter": [compile_query(flt.query), {"nested": {
            "path": "awards", "query": _figure_query(flt)}}]}}
        sort = [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
        rows: list[FigureRow] = []
        source = ["id", "title", "source", "url", "published_at", "awards"]
        for hit in self._scan(query, sort, source):
            doc = hit["_source"]
            for f in sorted(doc.get("awards") or [], key=lambda f: f["start"]):
                if not _figure_matches(f, flt):
                    continue
                rows.append(FigureRow(
                    article_id=doc["id"], title=doc["title"], source=doc["source"],
                    url=doc["url"], published_at=doc.get("published_at"), count=f["count"],
                    recipient_kind=f["recipient_kind"], award=f["award"], level=f["level"],
                    status=f["status"], sentence=f["sentence"], is_total=f["is_total"],
                    start=f["start"], end=f["end"], sentence_start=f["sentence_start"]))
                if limit and len(rows) >= limit:
                    return rows
        return rows

    def figure_sums(self, flt: FigureFilter, by: str) -> list[FigureSum]:
        figure = _figure_query(flt, totals=False)
        query = {"bool": {"filter": [compile_query(flt.query),
                                     {"nested": {"path": "awards", "query": figure}}]}}
        inner = {"sum": {"sum": {"field": "awards.count"}}}
        sums: list[FigureSum] = []
        if by in ("unit", "source"):
            # Article-level groups: the bucket's articles are those with a counted figure.
            field, label = {"unit": ("main_unit_key", "main_unit_name"),
                            "source": ("source", "source")}[by]
            aggs = {"g": {"terms": {"field": field, "size": AGG_SIZE}, "aggs": {
                "label": {"terms": {"field": label, "size": 1, "order": {"_key": "asc"}}},
                "figs": {"nested": {"path": "awards"},
                         "aggs": {"f": {"filter": figure, "aggs": inner}}}}}}
            res = self._search("summing figures", size=0, query=query, aggs=aggs)
            for b in res["aggregations"]["g"]["buckets"]:
                f = b["figs"]["f"]
                sums.append(FigureSum(_label(b), int(f["sum"]["value"]), f["doc_count"],
                                      b["doc_count"]))
        elif by in ("level", "award", "status"):
            field, label = {"level": ("awards.level_key", "awards.level"),
                            "award": ("awards.award_key", "awards.award"),
                            "status": ("awards.status", "awards.status")}[by]
            aggs = {"figs": {"nested": {"path": "awards"}, "aggs": {"f": {
                "filter": figure, "aggs": {"g": {
                    "terms": {"field": field, "size": AGG_SIZE}, "aggs": {
                        **inner,
                        "label": {"terms": {"field": label, "size": 1,
                                            "order": {"_key": "asc"}}},
                        # Exact below 40,000 articles per group (HyperLogLog++ above).
                        "articles": {"cardinality": {"field": "awards.article_id",
                                                     "precision_threshold": 40000}}}}}}}}}
            res = self._search("summing figures", size=0, query=query, aggs=aggs)
            for b in res["aggregations"]["figs"]["f"]["g"]["buckets"]:
                sums.append(FigureSum(_label(b), int(b["sum"]["value"]), b["doc_count"],
                                      b["articles"]["value"]))
        else:
            raise ValueError(f"figure_sums: by must be one of unit, level, award, status, "
                             f"source, not {by!r}")
        return sorted(sums, key=lambda s: (-s.total, s.key))

    def stats(self, top: int = 10) -> Stats:
        res = self._search("reading statistics", size=0, track_total_hits=True,
                           query={"match_all": {}}, aggs={
                               "analyzed": {"filter": {"term": {"analyzed": True}}},
                               "sources": {"terms": {"field": "source", "size": AGG_SIZE}},
                               "units": _keyed_agg("units", top),
                               "campaigns": _keyed_agg("campaigns", top),
                               "figures": {"nested": {"path": "awards"}},
                           })
        aggs = res["aggregations"]
        sources = sorted(((b["key"], b["doc_count"]) for b in aggs["sources"]["buckets"]),
                         key=lambda kv: (-kv[1], kv[0]))
        return Stats(
            articles=res["hits"]["total"]["value"],
            analyzed=aggs["analyzed"]["doc_count"],
            by_source=dict(sources),
            top_units=_read_keyed(aggs["units"], top),
            top_campaigns=_read_keyed(aggs["campaigns"], top),
            figures=aggs["figures"]["doc_count"],
        )

    def close(self) -> None:
        self.es.close()


# ---- documents --------------------------------------------------------------------------


def _analysis_doc(article_id: str, analysis: Analysis, published: str | None) -> dict:
    """The fields an analysis adds to its article (a partial update replaces them all)."""
    units: dict[str, dict] = {}
    for rank, name in enumerate(analysis.units):
        units.setdefault(name_key(name), {"key": name_key(name), "name": name, "rank": rank})
    campaigns: dict[str, dict] = {}
    for c in analysis.campaigns:
        campaigns.setdefault(name_key(c.canonical), {"key": name_key(c.canonical),
                                                     "name": c.canonical})
    entities: dict[tuple[str, str], dict] = {}
    for e in analysis.entities:
        key = (e.type, name_key(e.canonical))
        if key not in entities or e.canonical < entities[key]["name"]:
            entities[key] = {"type": e.type, "key": key[1], "name": e.canonical}
    forms: dict[str, dict] = {}
    for a in analysis.awards:
        key = name_key(a.award)
        if key not in forms or a.award < forms[key]["name"]:
            forms[key] = {"key": key, "name": a.award}
    published_year = int(published[:4]) if published else None
    main = next(iter(units.values()), None)
    names = {e.canonical for e in analysis.entities} | set(analysis.units)
    return {
        "analyzed": True, "analyzed_at": now_iso(), "analysis": analysis.to_dict(),
        "names": sorted(names),
        "main_unit_key": main["key"] if main else None,
        "main_unit_name": main["name"] if main else None,
        "units": list(units.values()), "campaigns": list(campaigns.values()),
        "entities": list(entities.values()), "award_forms": list(forms.values()),
        "awards": [{
            "article_id": article_id, "count": a.count, "recipient_kind": a.recipient_kind,
            "award": a.award, "award_key": name_key(a.award), "level": a.level,
            "level_key": name_key(a.level), "giver": a.giver, "recipient": a.recipient,
            "year": a.year, "year_or_published": a.year if a.year is not None else published_year,
            "status": a.status, "is_total": a.is_total, "start": a.start, "end": a.end,
            "sentence": a.sentence, "sentence_start": a.sentence_start,
        } for a in analysis.awards],
    }


def _source_to_article(doc: dict) -> Article:
    def when(value: str | None) -> datetime | None:
        return datetime.fromisoformat(value) if value else None

    return Article(
        id=doc["id"], url=doc["url"], canonical_url=doc["canonical_url"], source=doc["source"],
        title=doc["title"], sapo=doc["sapo"], body=doc["body"], authors=list(doc["authors"]),
        published_at=when(doc.get("published_at")), category=doc["category"],
        tags=list(doc["tags"]), agency=doc["agency"], images=list(doc["images"]),
        fetched_at=when(doc.get("fetched_at")), language=doc["language"], parser=doc["parser"],
    )


def _source_to_run(doc: dict) -> CrawlRun:
    return CrawlRun(
        source=doc["source"], started_at=datetime.fromisoformat(doc["started_at"]),
        finished_at=datetime.fromisoformat(doc["finished_at"]), pages=doc["pages"],
        article_pages=doc["article_pages"], articles=doc["articles"], new=doc["new"],
        skipped=json.loads(doc["skipped"]),
        failures=[tuple(f) for f in json.loads(doc["failures"])],
    )


def _hit(h: dict) -> Hit:
    doc = h["_source"]
    original = doc["sapo"] + "\n" + doc["body"]
    marked = None
    if hl := h.get("highlight"):
        marked = "".join(hl.get("sapo", [doc["sapo"]])) + "\n" + "".join(
            hl.get("body", [doc["body"]]))
    units = sorted((u for u in doc.get("units") or [] if u["rank"] < 5), key=lambda u: u["rank"])
    return Hit(
        id=doc["id"], title=doc["title"], url=doc["url"], canonical_url=doc["canonical_url"],
        source=doc["source"], published_at=doc.get("published_at"),
        score=float(h.get("_score") or 0.0), snippet=make_snippet(original, marked),
        units=[u["name"] for u in units],
    )


# ---- facets -----------------------------------------------------------------------------

_HISTOGRAM_FORMAT = {"day": "yyyy-MM-dd", "week": "yyyy-MM-dd", "month": "yyyy-MM"}


def _keyed_agg(path: str, size: int, only_type: str | None = None) -> dict:
    """Per name key: how many articles (keyed lists are unique per article) and the
    smallest spelling as the label, like SQLite's MIN(name) ... GROUP BY key."""
    terms = {"terms": {"field": f"{path}.key", "size": max(size * 4, size + 50)}, "aggs": {
        "label": {"terms": {"field": f"{path}.name", "size": 1, "order": {"_key": "asc"}}}}}
    if only_type:
        return {"nested": {"path": path}, "aggs": {"only": {
            "filter": {"term": {f"{path}.type": only_type}}, "aggs": {"k": terms}}}}
    return {"nested": {"path": path}, "aggs": {"k": terms}}


def _label(bucket: dict) -> str:
    labels = bucket["label"]["buckets"]
    return labels[0]["key"] if labels else ""


def _read_keyed(agg: dict, size: int) -> list[tuple[str, int]]:
    inner = agg.get("only", agg)
    pairs = [(_label(b), b["doc_count"]) for b in inner["k"]["buckets"]]
    return sorted(pairs, key=lambda kv: (-kv[1], kv[0]))[:size]


def _facet_aggs(interval: str, size: int) -> dict:
    if interval not in _HISTOGRAM_FORMAT:
        raise ValueError(f"interval must be day, week or month, not {interval!r}")
    return {
        "units": _keyed_agg("units", size),
        "campaigns": _keyed_agg("campaigns", size),
        "people": _keyed_agg("entities", size, only_type="PER"),
        "awards": _keyed_agg("award_forms", size),
        "sources": {"terms": {"field": "source", "size": max(size * 4, size + 50)}},
        # published_local holds the wall-clock time without a zone, read as UTC:
        # buckets are the article's own calendar days; weeks start on Monday.
        "histogram": {"date_histogram": {"field": "published_local", "calendar_interval": interval,
                                         "format": _HISTOGRAM_FORMAT[interval],
                                         "min_doc_count": 1}},
    }


def _read_facets(aggs: dict, size: int) -> Facets:
    sources = sorted(((b["key"], b["doc_count"]) for b in aggs["sources"]["buckets"]),
                     key=lambda kv: (-kv[1], kv[0]))[:size]
    return Facets(
        units=_read_keyed(aggs["units"], size), campaigns=_read_keyed(aggs["campaigns"], size),
        sources=sources, people=_read_keyed(aggs["people"], size),
        awards=_read_keyed(aggs["awards"], size),
        histogram=[(b["key_as_string"], b["doc_count"]) for b in aggs["histogram"]["buckets"]
                   if b["doc_count"]],
    )


# ---- figures ----------------------------------------------------------------------------


def _contains(field: str, key: str) -> dict:
    escaped = key.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?")
    return {"wildcard": {field: {"value": f"*{escaped}*"}}}


def _figure_query(flt: FigureFilter, *, totals: bool = True) -> dict:
    """Conditions one nested award figure must meet (all on the same figure)."""
    clauses: list[dict] = []
    if flt.level:
        clauses.append({"term": {"awards.level_key": name_key(flt.level)}})
    if flt.award:
        clauses.append(_contains("awards.award_key", name_key(flt.award)))
    if flt.status:
        clauses.append({"term": {"awards.status": flt.status}})
    if flt.year:
        clauses.append({"term": {"awards.year_or_published": flt.year}})
    must_not = [] if totals else [{"term": {"awards.is_total": True}}]
    if not clauses and not must_not:
        return {"match_all": {}}
    return {"bool": {"filter": clauses, "must_not": must_not}}


def _figure_matches(f: dict, flt: FigureFilter) -> bool:
    """The same conditions as `_figure_query`, on a figure from _source."""
    return ((not flt.level or f["level_key"] == name_key(flt.level))
            and (not flt.award or name_key(flt.award) in f["award_key"])
            and (not flt.status or f["status"] == flt.status)
            and (not flt.year or f.get("year_or_published") == flt.year))


# ---- query compilation ------------------------------------------------------------------

_ENTITY_FIELDS = {"person": "PER", "place": "LOC"}


def _text_clause(text: str) -> dict:
    """Words in order, adjacent, within one of title, sapo, body or the analysis names;
    scores add up over fields like FTS5's weighted bm25 over columns."""
    return {"multi_match": {"query": text, "type": "phrase", "fields": list(TEXT_FIELDS),
                            "tie_breaker": 1.0}}


def compile_query(node: Query) -> dict:
    """The Elasticsearch query (filter context) for a query tree."""
    if isinstance(node, MatchAll):
        return {"match_all": {}}
    if isinstance(node, Term | Phrase):
        return _text_clause(node.text) if _has_word(node.text) else {"match_all": {}}
    if isinstance(node, Not):
        return {"bool": {"must_not": [compile_query(node.item)]}}
    if isinstance(node, And):
        return {"bool": {"filter": [compile_query(i) for i in node.items]}}
    if isinstance(node, Or):
        return {"bool": {"should": [compile_query(i) for i in node.items],
                         "minimum_should_match": 1}}
    if isinstance(node, Field):
        return _compile_field(node)
    raise TypeError(f"unknown query node {node!r}")


def _nested(path: str, query: dict) -> dict:
    return {"nested": {"path": path, "query": query}}


def _compile_field(node: Field) -> dict:
    key = name_key(node.value)
    if node.name == "unit":
        from nlp import canonical_unit

        canonical = name_key(canonical_unit(node.value))
        return _nested("units", {"bool": {"should": [
            _contains("units.key", canonical), _contains("units.key", key)],
            "minimum_should_match": 1}})
    if node.name == "campaign":
        return _nested("campaigns", _contains("campaigns.key", key))
    if node.name in _ENTITY_FIELDS:
        return _nested("entities", {"bool": {"filter": [
            {"term": {"entities.type": _ENTITY_FIELDS[node.name]}},
            _contains("entities.key", key)]}})
    if node.name == "award":
        return _nested("award_forms", _contains("award_forms.key", key))
    if node.name == "source":
        return {"term": {"source": node.value.lower()}}
    if node.name == "from":
        return {"range": {"published_local": {"gte": node.value, "format": "yyyy-MM-dd"}}}
    if node.name == "to":
        after = (date.fromisoformat(node.value) + timedelta(days=1)).isoformat()
        return {"range": {"published_local": {"lt": after, "format": "yyyy-MM-dd"}}}
    if node.name == "has":
        return _nested("awards", {"match_all": {}})
    raise TypeError(f"unknown field {node.name!r}")


def _text_only(node: Query) -> bool:
    """Whether a subtree is words and phrases only (no fields), as SQLite's FTS plan sees it."""
    if isinstance(node, Term | Phrase):
        return _has_word(node.text)
    if isinstance(node, Or):
        return all(_text_only(i) for i in node.items)
    if isinstance(node, And):
        positive = [i for i in node.items if not isinstance(i, Not)]
        return bool(positive) and all(
            _text_only(i.item if isinstance(i, Not) else i) for i in node.items)
    return False


def _leaves(node: Query) -> list[str]:
    if isinstance(node, Term | Phrase):
        return [node.text] if _has_word(node.text) else []
    if isinstance(node, And | Or):
        return [t for item in node.items for t in _leaves(item)]
    return []


def _positive_text(node: Query) -> list[str]:
    """The words and phrases a hit is ranked and highlighted by, as in SQLite: those of
    the text-only parts of the top-level AND (a text under an OR with a field, or under a
    NOT, neither ranks nor highlights)."""
    items = node.items if isinstance(node, And) else (node,)
    return [t for item in items if not isinstance(item, Not) and _text_only(item)
            for t in _leaves(item)]
