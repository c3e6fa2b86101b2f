"""One spider module per site family. `scrapy list` shows them."""
