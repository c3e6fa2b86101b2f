from crawler.discovery import feed_links, kind_of, page_links, sitemap_locs

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tin</title>
<item><title>A</title><link>http://h/a-20261118074500123.htm</link></item>
<item><title>B</title><link> /b-20261118074500124.htm </link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><link rel="alternate" href="http://h/x-post1.vnp"/></entry></feed>"""

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


def test_feed_links_are_absolute():
    assert feed_links(RSS, "http://h/tin.rss") == [
        "http://h/a-20261118074500123.htm", "http://h/b-20261118074500124.htm"]
    assert feed_links(ATOM, "http://h/") == ["http://h/x-post1.vnp"]


def test_sitemap_locs():
    assert sitemap_locs(INDEX) == ["http://h/sitemaps/news-2026-11.xml"]
    assert sitemap_locs(URLSET) == ["http://h/a-post1.vnp"]
    assert sitemap_locs(b"not xml at all") == []
    # a truncated sitemap still yields the entries before the cut
    assert sitemap_locs(URLSET[:-30])[:1] == ["http://h/a-post1.vnp"]


def test_page_links_skip_scripts_and_anchors():
    html = '<a href="/x.htm">x</a><a href="#top">t</a><a href="javascript:void(0)">j</a>'
    assert page_links(html, "http://h/list/") == ["http://h/x.htm"]
