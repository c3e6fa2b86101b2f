"""The Scrapy project: spiders per site family, pure HTML extractors, the store pipeline."""
