"""extract_article: RawPage (+ SiteRules) -> ArticleRecord. Baseline: trafilatura only (owner: extraction)."""

from __future__ import annotations

import trafilatura

from .page import RawPage, decode_page
from .record import ArticleRecord, ExtractionError
from .rules import SiteRules


def extract_article(page: RawPage, rules: SiteRules | None = None) -> ArticleRecord:
    rules = rules or SiteRules()
    decoded = decode_page(page, rules.charset)
    doc = trafilatura.bare_extraction(decoded.text, url=page.effective_url, with_metadata=True)
    if doc is None:
        raise ExtractionError("no main text found", url=page.effective_url)
    import datetime as dt

    published = dt.date.fromisoformat(doc.date) if doc.date else None
    return ArticleRecord(url=page.effective_url, title=doc.title, published=published, author=doc.author,
                         language=doc.language, text=doc.text or "", encoding=decoded.encoding)
