"""HTML → article fields. Pure functions over HTML strings, one module per site family."""

from crawler.extract.common import ExtractedArticle, ExtractError

__all__ = ["ExtractError", "ExtractedArticle"]
