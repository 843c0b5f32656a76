"""Pure extraction: bytes + URL + headers in, records out. No Scrapy, no network, no clock.

Shared:    ``page`` (RawPage, decoding), ``rules`` (SiteRules: per-site hints and selector overrides),
           ``dates`` (date expressions), ``dom`` (the one HTML parser, text helpers, chrome pruning),
           ``lines`` (visible text lines)
Articles:  ``article.extract_article(page, rules) -> record.ArticleRecord``, built from ``metadata`` (meta
           tags, Open Graph, JSON-LD), ``infoline`` (发布时间/来源/作者 lines), ``bylines``, ``names``,
           ``title``, ``body`` + ``clean`` (main text), ``media`` (images, attachments), ``language``;
           ``batch`` runs it over saved files for ``newsarchive extract``
Listings:  ``listing.parse_listing(page, rules) -> Listing`` (article links, next pages, feeds, sitemaps),
           built from ``pagination``, ``feeds`` and the per-CMS rules in ``cms/``; ``blocking`` tells
           anti-bot answers from pages, and soft 404s, stubs and login walls from articles
"""
