"""The spiders: one per registered site (`sites.py`, built from crawler/sites/) and
`news` for any other site. `scrapy list` shows them."""
