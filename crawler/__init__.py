"""newsarchive's crawler: the Scrapy project (settings, spider, items, pipeline), pure extraction and the CLI.

Data flow: listing -> article request -> extraction (pure, ``crawler.extract``) -> item -> pipeline ->
``storage.Store``.
"""
