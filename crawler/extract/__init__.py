"""Pure extraction: bytes + URL + headers in, records out. No Scrapy, no network, no clock.

``page``     RawPage (what was fetched) and decoding
``record``   ArticleRecord and its parts (the output of article extraction)
``rules``    SiteRules: per-site hints and CSS/XPath overrides, as data
``article``  extract_article(page, rules) -> ArticleRecord
``listing``  parse_listing(page, rules) -> Listing (article links, next pages, feeds, sitemaps)
"""
