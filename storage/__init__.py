"""The SQLite archive: raw pages, articles with every version, crawl runs. Imports neither Scrapy nor crawler.

Data flow: the crawler's pipeline hands each fetched page and the record extracted from it to
``Store.save_article``; ``crawler.reextract`` re-runs extraction over archived pages; Datasette
(``storage.datasette``) and the CLI read the same file; ``storage.warc`` exports it as WARC.
"""

from .state import KnownArticle, SiteState
from .store import DEFAULT_DB, SaveResult, Store, db_path
from .urls import canonical_url

__all__ = ["DEFAULT_DB", "KnownArticle", "SaveResult", "SiteState", "Store", "canonical_url", "db_path"]
