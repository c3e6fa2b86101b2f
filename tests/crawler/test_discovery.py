from datetime import UTC, datetime, timedelta, timezone

from newsmon.crawler.discovery import (
    Link,
    feed_entries,
    feeds_in_page,
    kind_of,
    page_links,
    same_site,
    sitemap_entries,
    sitemaps_in_robots,
)

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tin</title>
<item><title>A</title><link>http://h/a-20261118074500123.htm</link>
<pubDate>Wed, 18 Nov 2026 07:45:00 +0700</pubDate></item>
<item><title>B</title><link> /b-20261118074500124.htm </link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><link rel="alternate" href="http://h/x-post1.vnp"/><updated>2026-11-01T10:00:00Z</updated>
</entry></feed>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://h/sitemaps/news-2026-11.xml</loc></sitemap></sitemapindex>"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://h/a-post1.vnp</loc><lastmod>2026-11-01</lastmod></url></urlset>"""


def test_kind_is_sniffed_from_the_bytes():
    assert kind_of(RSS) == "rss"
    assert kind_of(ATOM) == "atom"
    assert kind_of(INDEX) == "sitemapindex"
    assert kind_of(URLSET) == "sitemap"
    assert kind_of(b"<!doctype html><html></html>") == "html"


VN = timezone(timedelta(hours=7))

GOOGLE_NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://h/n-post2.vnp</loc><news:news><news:publication><news:name>V</news:name>
</news:publication><news:publication_date>2026-11-24T10:50:00+07:00</news:publication_date>
<news:title>T</news:title></news:news></url></urlset>"""


def test_feed_entries_are_absolute_with_dates():
    assert feed_entries(RSS, "http://h/tin.rss") == [
        Link("http://h/a-20261118074500123.htm", datetime(2026, 11, 18, 7, 45, tzinfo=VN)),
        Link("http://h/b-20261118074500124.htm", None)]
    assert feed_entries(ATOM, "http://h/") == [
        Link("http://h/x-post1.vnp", datetime(2026, 11, 1, 10, tzinfo=UTC))]


def test_sitemap_entries():
    assert sitemap_entries(INDEX) == [Link("http://h/sitemaps/news-2026-11.xml")]
    assert sitemap_entries(URLSET) == [
        Link("http://h/a-post1.vnp", datetime(2026, 11, 1, tzinfo=VN))]
    assert sitemap_entries(GOOGLE_NEWS) == [
        Link("http://h/n-post2.vnp", datetime(2026, 11, 24, 10, 50, tzinfo=VN))]
    assert sitemap_entries(b"not xml at all") == []
    # a truncated sitemap still yields the entries before the cut
    assert [link.url for link in sitemap_entries(URLSET[:-30])] == ["http://h/a-post1.vnp"]


def test_feeds_and_sitemaps_announced_by_a_site():
    html = ('<head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
            '<link rel="alternate" hreflang="en" href="/en/"></head>')
    assert feeds_in_page(html, "http://h/") == ["http://h/rss.xml"]
    robots = "User-agent: *\nDisallow: /private/\nSitemap: http://h/sitemap.xml\n"
    assert sitemaps_in_robots(robots, "http://h/") == ["http://h/sitemap.xml"]


def test_same_site_ignores_www():
    assert same_site("https://www.vietnamplus.vn/a", "http://vietnamplus.vn/b")
    assert not same_site("https://vietnamplus.vn/a", "https://evil.example/b")


def test_page_links_skip_scripts_and_anchors():
    html = ('<a href="/x.htm">x</a><a href="#top">t</a><a href="javascript:void(0)">j</a>'
            '<a href="y.htm#c">y</a>')
    assert page_links(html, "http://h/list/") == ["http://h/x.htm", "http://h/list/y.htm"]


def test_gzipped_sitemaps_are_unpacked_within_a_bound():
    import gzip
    import zlib

    import pytest

    from newsmon.crawler.discovery import TooLarge, unpacked

    sitemap = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               b"<url><loc>https://example.vn/a.html</loc></url></urlset>")
    assert unpacked(gzip.compress(sitemap), 10_000) == sitemap
    assert unpacked(sitemap, 10) == sitemap  # not gzip: as it is
    with pytest.raises(TooLarge):
        unpacked(gzip.compress(b"<" * 5_000_000), 1_000_000)  # a bomb stops at the bound
    with pytest.raises(zlib.error):
        unpacked(b"\x1f\x8b" + b"garbage", 1000)
