"""What is the Elasticsearch store's own in watches (the shared behaviour is in
tests/index/test_watches.py): with no transaction across documents, a match run
cut between its writes is repeated without a duplicate, and an analysis that
becomes visible after a later one was seen is still matched."""

from __future__ import annotations

import pytest

from newsmon.index import StoreError, open_store
from newsmon.index.query import parse
from newsmon.index.watches import Watch
from tests.index.corpus import CORPUS


@pytest.fixture
def es_store(es_index_url):
    store = open_store(es_index_url)
    yield store
    store.close()


def analysed(store, pairs) -> None:
    store.add_articles(a for a, _ in pairs)
    store.add_analyses((a.id, analysis) for a, analysis in pairs)


def test_a_run_cut_after_the_outbox_write_is_repeated_without_duplicates(es_store, monkeypatch):
    es_store.add_watch(
        Watch("w", "khen OR thơ OR nghệ", destinations=["email:a@b.vn", "webhook:h"])
    )
    analysed(es_store, CORPUS)
    real = es_store._write

    def cut(actions, what):
        if what == "writing matches":
            raise StoreError("killed here")
        return real(actions, what)

    monkeypatch.setattr(es_store, "_write", cut)
    with pytest.raises(StoreError):
        es_store.match_watches()
    written = es_store.outbox()
    assert written and es_store.watch_matches("w") == []  # rows out, no match, no watermark
    monkeypatch.setattr(es_store, "_write", real)
    found = es_store.match_watches()["w"]
    assert 2 * found == len(written) == len(es_store.outbox())  # the same rows, once
    assert len(es_store.watch_matches("w")) == found
    assert es_store.match_watches() == {}


def test_an_analysis_seen_late_is_still_matched_once(es_store):
    es_store.add_watch(Watch("w", "khen OR thơ OR nghệ OR bóng"))
    analysed(es_store, CORPUS[:2])
    first = es_store.match_watches()["w"]
    watermark = es_store.get_watch("w").watermark
    late, later = CORPUS[2], CORPUS[3]
    analysed(es_store, [late])
    # As if another process's bulk, stamped before the watermark, became visible now.
    es_store.es.update(
        index=es_store.aliases["articles"],
        id=late[0].id,
        doc={"analysis_seq": watermark - 1},
        refresh=True,
    )
    analysed(es_store, [later])
    es_store.match_watches()
    matched = {a for a, _ in es_store.watch_matches("w", limit=-1)}
    assert late[0].id in matched and later[0].id in matched
    assert len(matched) == first + 2
    analysed(es_store, CORPUS[4:])  # re-reading the overlap again adds no duplicate
    es_store.match_watches()
    ids = [a for a, _ in es_store.watch_matches("w", limit=-1)]
    assert len(ids) == len(set(ids))


def test_watches_are_matched_in_msearch_batches_and_long_lists_read_in_full(es_store, monkeypatch):
    import newsmon.index.backends.elasticsearch.watches as es_watches

    monkeypatch.setattr(es_watches, "MSEARCH", 2)  # three requests for five watches
    monkeypatch.setattr(es_watches, "MSEARCH_SIZE", 1)  # more than one match: search_after
    queries = ["khen", "thơ", "nghệ", "khen OR thơ OR nghệ", "bóng"]
    for i, q in enumerate(queries):
        es_store.add_watch(Watch(f"w{i}", q))
    analysed(es_store, CORPUS)
    found = es_store.match_watches()
    expected = {f"w{i}": es_store.search(parse(q), limit=100).total for i, q in enumerate(queries)}
    assert found == expected and max(found.values()) > 1


def test_a_batch_that_times_out_is_split_until_it_answers(es_store, monkeypatch):
    from elastic_transport import ConnectionTimeout

    queries = ["khen", "thơ", "nghệ", "khen OR thơ OR nghệ", "bóng"]
    for i, q in enumerate(queries):
        es_store.add_watch(Watch(f"w{i}", q))
    analysed(es_store, CORPUS)
    real = es_store.es.options
    sizes = []

    class Slow:
        """The client, with every msearch of more than two searches timing out."""

        def __init__(self, client):
            self.client = client

        def msearch(self, searches):
            sizes.append(len(searches) // 2)
            if len(searches) > 4:
                raise ConnectionTimeout("timed out")
            return self.client.msearch(searches=searches)

    def options(**kw):
        return Slow(real(**kw)) if kw == {"max_retries": 0} else real(**kw)

    monkeypatch.setattr(es_store.es, "options", options)
    found = es_store.match_watches()
    expected = {f"w{i}": es_store.search(parse(q), limit=100).total for i, q in enumerate(queries)}
    assert found == expected
    assert sizes == [5, 2, 3, 2]  # 5 and 3 timed out; 3 became 1 (own retries) and 2
