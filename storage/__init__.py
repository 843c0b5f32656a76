"""The SQLite archive: raw pages, articles with every version, crawl runs. Imports neither Scrapy nor crawler.

Data flow: the crawler's pipeline hands each fetched page and the record extracted from it to
``Store.save_article``; Datasette and the CLI read the same file.
"""

from .store import SaveResult, Store

__all__ = ["SaveResult", "Store"]
