"""The Elasticsearch backend beyond the conformance suite: the same answers as SQLite
call for call (scores aside), the template and alias, reindexing, bulk retries, errors
and auth.

Runs against noida-db (started by conftest) or NEWSMON_TEST_ELASTICSEARCH_URL."""

from __future__ import annotations

import http.client
import http.server
import json
import threading
from contextlib import contextmanager
from dataclasses import asdict, replace
from datetime import timedelta, timezone

import pytest

import newsmon.index.backends.elasticsearch.client as es_client
import newsmon.index.backends.elasticsearch.store as es_module
from newsmon.index import StoreError, open_store
from newsmon.index.backends.elasticsearch import ElasticsearchStore, template
from newsmon.index.query import parse
from newsmon.index.store import FigureFilter
from tests.es_server import free_port
from tests.index.corpus import ARTICLES, CORPUS, make_article

VN = timezone(timedelta(hours=7))


@pytest.fixture
def es_store(es_index_url):
    store = ElasticsearchStore(es_index_url)
    yield store
    store.close()


@pytest.fixture
def both(es_store, tmp_path):
    """The corpus in SQLite and in Elasticsearch."""
    sqlite = open_store(f"sqlite:///{tmp_path / 'ref.db'}")
    for store in (sqlite, es_store):
        store.add_articles(a for a, _ in CORPUS)
        store.add_analyses((a.id, analysis) for a, analysis in CORPUS)
    yield sqlite, es_store
    sqlite.close()


# ---- the same answers as SQLite ---------------------------------------------------------

QUERIES = ["", "cần thơ", '"thi đua"', "khen", "tap the", "huân OR bóng", "cần thơ -bóng",
           'unit:"UBND TP Cần Thơ"', "has:award", "from:2026-11-03 to:2026-11-20",
           'person:"Trần Văn Lâm"', 'award:"bằng khen"', "source:baotintuc", "NOT khen",
           "ủy ban nhân dân", "2-1", "nghệ an", "cần thơ OR has:award",
           '(khen OR unit:"nghe an") -bóng', "thi đua source:baotintuc", "tap the NOT huân",
           "(thi OR tổng) AND (đua OR kết)"]


def _hits(result):
    return [(h.id, h.title, h.url, h.canonical_url, h.source, h.published_at, h.snippet,
             h.units) for h in result.hits]


@pytest.mark.parametrize("query", QUERIES)
def test_search_hits_snippets_and_facets_match_sqlite(both, query):
    sqlite, es = both
    for order in ("relevance", "date"):
        want = sqlite.search(parse(query), limit=50, order=order, facets=True)
        got = es.search(parse(query), limit=50, order=order, facets=True)
        assert got.total == want.total
        if order == "date" or query in ("", "has:award", "source:baotintuc"):
            assert _hits(got) == _hits(want)
        else:
            assert sorted(_hits(got)) == sorted(_hits(want))
        assert got.facets == want.facets
        assert [h.id for h in es.iter_hits(parse(query), order=order)] == \
            [h.id for h in sqlite.iter_hits(parse(query), order=order)] or order == "relevance"


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_histograms_match_sqlite(both, interval):
    sqlite, es = both
    for query in ("", "khen", "has:award"):
        assert (es.search(parse(query), facets=True, interval=interval).facets.histogram
                == sqlite.search(parse(query), facets=True, interval=interval).facets.histogram)


FILTERS = [FigureFilter(), FigureFilter(status="awarded"), FigureFilter(level="tỉnh"),
           FigureFilter(award="khen"), FigureFilter(year=2026),
           FigureFilter(query=parse("cần thơ"), status="proposed"),
           FigureFilter(query=parse('campaign:"dân vận khéo"'))]


@pytest.mark.parametrize("flt", FILTERS)
def test_figures_and_sums_match_sqlite(both, flt):
    sqlite, es = both
    assert es.figures(flt) == sqlite.figures(flt)
    assert es.figures(flt, limit=2) == sqlite.figures(flt, limit=2)
    for by in ("unit", "level", "award", "status", "source"):
        assert es.figure_sums(flt, by) == sqlite.figure_sums(flt, by), by


def test_stats_and_reads_match_sqlite(both):
    sqlite, es = both
    assert es.stats() == sqlite.stats()
    assert es.count() == sqlite.count() and es.pending_count() == sqlite.pending_count() == 0
    assert es.known_urls() == sqlite.known_urls()
    for article, analysis in CORPUS:
        assert es.get_article(article.id) == sqlite.get_article(article.id) == article
        assert es.get_analysis(article.id) == analysis
    assert es.get_article("missing") is None and es.get_analysis("missing") is None


def test_iter_hits_pages_past_one_request(es_store, monkeypatch):
    monkeypatch.setattr(es_module, "PAGE", 7)
    articles = [make_article(n, f"Bài {n}", f"Khen thưởng số {n}.") for n in range(1, 31)]
    es_store.add_articles(articles)
    streamed = [h.id for h in es_store.iter_hits(parse("khen"))]
    assert sorted(streamed) == sorted(a.id for a in articles) and len(set(streamed)) == 30
    assert len(es_store.pending_analysis()) == 30 and len(es_store.known_urls()) == 60


def test_pages_past_the_result_window_walk_with_search_after(both, monkeypatch):
    sqlite, es = both
    monkeypatch.setattr(es_module, "MAX_WINDOW", 3)
    for offset in (0, 2, 4):
        got = es.search(parse(""), limit=2, offset=offset, order="date", facets=True)
        want = sqlite.search(parse(""), limit=2, offset=offset, order="date", facets=True)
        assert (got.total, _hits(got), got.facets) == (want.total, _hits(want), want.facets)


# ---- template, alias, reindex -----------------------------------------------------------

def test_template_and_alias_are_created(es_store):
    es = es_store.es
    for kind, alias in es_store.aliases.items():
        tpl = es.indices.get_index_template(name=alias)["index_templates"][0]["index_template"]
        assert tpl["index_patterns"] == [f"{alias}-v*"]
        assert es.indices.get_alias(name=alias).body == {
            f"{alias}-v1": {"aliases": {alias: {"is_write_index": True}}}}
        mappings = es.indices.get_mapping(index=alias)[f"{alias}-v1"]["mappings"]
        assert set(mappings["properties"]) == set(
            template()["kinds"][kind]["mappings"]["properties"])
    settings = es.indices.get_settings(index=es_store.name)[f"{es_store.name}-v1"]["settings"]
    assert settings["index"]["analysis"]["analyzer"]["vi_fold"]["filter"] == [
        "lowercase", "asciifolding"]
    tokens = es.indices.analyze(index=es_store.name, analyzer="vi_fold",
                                text="Đà Nẵng “Uỷ ban”")["tokens"]
    assert [t["token"] for t in tokens] == ["da", "nang", "uy", "ban"]
    # Opening again finds everything in place and keeps the data.
    es_store.add_articles(ARTICLES)
    again = ElasticsearchStore(es_store.url)
    assert again.count() == 3 and again.index_of() == f"{es_store.name}-v1"
    again.close()


def test_reindex_swaps_the_alias_while_search_keeps_answering(es_store):
    es_store.add_articles(a for a, _ in CORPUS)
    es_store.add_analyses((a.id, analysis) for a, analysis in CORPUS)
    before = es_store.search(parse("cần thơ"), facets=True)
    answers: list[int] = []
    errors: list[Exception] = []
    stop = threading.Event()

    def keep_searching() -> None:
        reader = ElasticsearchStore(es_store.url)
        while not stop.is_set():
            try:
                answers.append(reader.search(parse("cần thơ")).total)
            except Exception as exc:  # noqa: BLE001 - any failure is what we look for
                errors.append(exc)
        reader.close()

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        new = es_store.reindex()
        for _ in range(3):
            answers.append(es_store.search(parse("cần thơ")).total)
    finally:
        stop.set()
        thread.join()
    assert new == f"{es_store.name}-v2" and es_store.index_of() == new
    assert not errors and answers and set(answers) == {before.total}
    after = es_store.search(parse("cần thơ"), facets=True)
    assert _hits(after) == _hits(before) and after.facets == before.facets
    assert not es_store.es.indices.exists(index=f"{es_store.name}-v1")
    es_store.add_articles([ARTICLES[0]])  # writes go to the new index
    assert es_store.es.count(index=new)["count"] == len(CORPUS) + 1


# ---- bulk retries, errors, auth ---------------------------------------------------------

class _Proxy(http.server.ThreadingHTTPServer):
    """Forwards to the ES-API server, recording requests; can answer 429 to bulks."""

    def __init__(self, upstream: str, reject_bulks: int = 0) -> None:
        self.upstream = upstream.removeprefix("http://").split("/")[0]
        self.reject_bulks = reject_bulks
        self.seen: list[tuple[str, str, dict]] = []
        super().__init__(("127.0.0.1", 0), _ProxyHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    server: _Proxy
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def _forward(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen.append((self.command, self.path,
                                 {k.lower(): v for k, v in self.headers.items()}))
        if "/_bulk" in self.path and self.server.reject_bulks > 0:
            self.server.reject_bulks -= 1
            reply = json.dumps({"error": {"type": "es_rejected_execution_exception",
                                          "reason": "rejected execution"},
                                "status": 429}).encode()
            self.send_response(429)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
            return
        conn = http.client.HTTPConnection(self.server.upstream, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host",)}
        conn.request(self.command, self.path, body=body or None, headers=headers)
        response = conn.getresponse()
        data = response.read()
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("transfer-encoding", "content-length", "connection"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        conn.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


@contextmanager
def proxy(upstream: str, reject_bulks: int = 0):
    server = _Proxy(upstream, reject_bulks)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_bulk_is_retried_after_429(es_index_url):
    base, name = es_index_url.rsplit("/", 1)
    with proxy(base, reject_bulks=2) as p:
        store = ElasticsearchStore(f"{p.url}/{name}", initial_backoff=0.05)
        assert store.add_articles(ARTICLES) == 3
        bulks = [path for method, path, _ in p.seen if "/_bulk" in path]
        # two refused, the articles, then their story records (one more bulk)
        assert len(bulks) == 4 and p.reject_bulks == 0
        assert store.count() == 3
        store.close()


def test_bulk_gives_up_with_a_clear_error(es_index_url):
    base, name = es_index_url.rsplit("/", 1)
    with proxy(base, reject_bulks=100) as p:
        store = ElasticsearchStore(f"{p.url}/{name}", max_retries=1, initial_backoff=0.01)
        with pytest.raises(StoreError, match=p.url):
            store.add_articles(ARTICLES)
        store.close()


def test_unreachable_store_names_the_url_and_what_to_check():
    url = f"http://127.0.0.1:{free_port()}/newsmon"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert url in message and "Check that it is running" in message
    assert "NEWSMON_ES_" in message and "Traceback" not in message


def test_read_only_refuses_an_index_that_does_not_exist(es_index_url):
    with pytest.raises(StoreError, match="No store named 'newsmon-test-"):
        open_store(es_index_url, read_only=True)
    with ElasticsearchStore(es_index_url) as writer:  # creates it
        writer.add_articles(ARTICLES)
    with open_store(es_index_url, read_only=True) as reader:
        assert reader.count() == 3


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/Bad Name", "http:///newsmon"])
def test_bad_urls_say_what_to_write(url):
    with pytest.raises(StoreError, match="index name|http\\(s\\)://host:port"):
        ElasticsearchStore(url)


@pytest.mark.parametrize(("env", "expected"), [
    ({"NEWSMON_ES_API_KEY": "a2V5OnNlY3JldA=="}, "ApiKey a2V5OnNlY3JldA=="),
    ({"NEWSMON_ES_USERNAME": "elastic", "NEWSMON_ES_PASSWORD": "changeme"},
     "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="),
])
def test_credentials_come_from_the_environment(es_index_url, monkeypatch, env, expected):
    for key in ("NEWSMON_ES_API_KEY", "NEWSMON_ES_USERNAME", "NEWSMON_ES_PASSWORD"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    base, name = es_index_url.rsplit("/", 1)
    with proxy(base) as p:
        store = open_store(f"{p.url}/{name}")
        store.add_articles(ARTICLES[:1])
        store.close()
    assert p.seen and all(h.get("authorization") == expected for _, _, h in p.seen)


def test_refused_credentials_are_a_clear_error(monkeypatch):
    class Refuse(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            body = b'{"error":{"type":"security_exception","reason":"unable to authenticate"}}'
            self.send_response(401)
            self.send_header("Content-Type", "application/json")
            self.send_header("X-Elastic-Product", "Elasticsearch")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Refuse)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("NEWSMON_ES_API_KEY", "wrong")
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(StoreError, match="NEWSMON_ES_API_KEY") as caught:
            open_store(url)
        assert url in str(caught.value)
    finally:
        server.shutdown()
        server.server_close()


def test_tls_settings_come_from_the_environment(monkeypatch, tmp_path):
    ca = tmp_path / "ca.pem"
    ca.write_text("")
    monkeypatch.setenv("NEWSMON_ES_CA_CERTS", str(ca))
    monkeypatch.setenv("NEWSMON_ES_VERIFY_CERTS", "false")
    monkeypatch.setenv("NEWSMON_ES_USERNAME", "u")
    monkeypatch.setenv("NEWSMON_ES_PASSWORD", "p")
    captured = {}

    def fake(*args, **kwargs):
        captured.update(kwargs, hosts=args)
        raise RuntimeError("stop")

    monkeypatch.setattr(es_client, "Elasticsearch", fake)
    with pytest.raises(RuntimeError):
        ElasticsearchStore("https://es.example:9243/news")
    assert captured["hosts"] == ("https://es.example:9243",)
    assert captured["ca_certs"] == str(ca) and captured["verify_certs"] is False
    assert captured["basic_auth"] == ("u", "p")


def test_figure_rows_carry_every_field(both):
    sqlite, es = both
    rows = es.figures(FigureFilter(status="proposed"))
    assert [asdict(r) for r in rows] == [asdict(r) for r in sqlite.figures(
        FigureFilter(status="proposed"))]


def test_an_index_from_an_older_template_gains_the_new_fields(es_index_url, monkeypatch):
    """A store made by the release before status cues (template version 1, a strict
    mapping without the field) is brought up to date when opened."""
    import copy

    import newsmon.index.backends.elasticsearch.indices as indices
    from tests.index.corpus import build

    real = indices.template()
    old = copy.deepcopy(real)
    old["version"] = 1
    del old["kinds"]["articles"]["mappings"]["properties"]["awards"]["properties"]["status_cue"]
    monkeypatch.setattr(indices, "template", lambda: old)
    open_store(es_index_url).close()
    monkeypatch.setattr(indices, "template", lambda: real)
    with open_store(es_index_url) as store:
        store.add_analyzed(build())
        assert "đề nghị" in {f.status_cue for f in store.figures()}


def test_an_index_from_before_story_ids_and_periods_gets_them(es_index_url, monkeypatch,
                                                              tmp_path):
    """A store written by the release before template version 3 has no story ids on
    its documents and no periods on its figures: opened by a writer, each document
    gets its story, so facets count stories as SQLite does, and periods are read from
    the figures' sentences."""
    import copy

    import newsmon.index.backends.elasticsearch.indices as indices
    from newsmon.index.backends.elasticsearch.documents import KEYED, analysis_doc, article_doc
    from newsmon.index.documents import content_hash
    from newsmon.nlp.periods import award_period
    from newsmon.nlp.types import Analysis
    from tests.index.corpus import NGHEAN, _figure
    from tests.index.story_cases import families

    (_, copies), (_, other) = families()[:2]
    docs = []
    for article in (*copies, other[0]):
        t = article.text
        figure = _figure(t, t.split()[0], 7, "tập thể", "Bằng khen", "tỉnh")
        # what the reader reports: the period its sentence states
        docs.append((article, Analysis(units=[NGHEAN], awards=[
            replace(figure, period=award_period(figure.sentence))])))
    real = indices.template()
    old = copy.deepcopy(real)
    old["version"] = 2
    props = old["kinds"]["articles"]["mappings"]["properties"]
    del props["story_id"], props["awards"]["properties"]["period"]
    for path in KEYED:
        del props[path]["properties"]["story_id"]
    monkeypatch.setattr(indices, "template", lambda: old)
    with open_store(es_index_url) as before:  # documents as the previous release wrote them
        before._join_stories(a for a, _ in docs)
        for i, (article, analysis) in enumerate(docs):
            doc = article_doc(article, content_hash(article), i)
            doc.update(analysis_doc(article.id, analysis, doc["published_at"]))
            del doc["story_id"]
            for path in KEYED:
                for entry in doc[path]:
                    del entry["story_id"]
            for figure in doc["awards"]:
                del figure["period"]
            before.es.index(index=before.aliases["articles"], id=article.id, document=doc,
                            refresh=True)
    monkeypatch.setattr(indices, "template", lambda: real)
    reference = open_store(f"sqlite:///{tmp_path / 'ref.db'}")
    reference.add_analyzed(docs)
    with open_store(es_index_url) as store:
        for by in ("article", "story"):
            assert store.search(parse(""), facets=True, facets_by=by).facets == \
                reference.search(parse(""), facets=True, facets_by=by).facets
        assert store.search(parse(""), facets=True, facets_by="story").facets.units == [
            (NGHEAN, 2)]
        assert [asdict(f) for f in store.figures()] == [asdict(f) for f in reference.figures()]
    reference.close()
