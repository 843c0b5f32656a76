"""StorePipeline: hands each item to the archive and counts the outcome. Thin on purpose.

The spider's CrawlSession holds the Store and the run; this pipeline turns item types into store calls:
ArticleItem -> save_article (new / changed / unchanged), DocumentItem -> save_document, PageItem -> save_page,
FailureItem -> save_failure, SeenItem -> mark_not_modified / mark_missing.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from .items import ArticleItem, DocumentItem, FailureItem, PageItem, SeenItem
from .session import CrawlSession

logger = logging.getLogger(__name__)


class StorePipeline:
    # 304s are bookkept in batches: a --revalidate run answers thousands, and one transaction each would cost
    # more than the request. A killed crawl loses at most this many "seen" marks (never an article).
    NOT_MODIFIED_BATCH = 200

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._not_modified: list[tuple[str, str | None]] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        session = getattr(self.crawler.spider, "session", None)
        if not isinstance(session, CrawlSession):
            raise NotConfigured("StorePipeline needs a spider with a CrawlSession (the news spider)")
        self.session = session

    def close_spider(self) -> None:
        self._flush_not_modified()

    def _flush_not_modified(self) -> None:
        if self._not_modified:
            session = self.session
            session.store.mark_not_modified_many(
                self._not_modified, site=session.site.name, run_id=session.run_id
            )
            self._not_modified.clear()

    def process_item(self, item: Any) -> Any:
        session = self.session
        store, site, run_id = session.store, session.site.name, session.run_id
        stats = self.crawler.stats
        if isinstance(item, ArticleItem):
            record = item.record.to_dict()
            if (
                item.listing_date
            ):  # the date the listing (or feed, or sitemap) showed: a hint, kept in `extra`
                record["listing_date"] = item.listing_date
            result = store.save_article(item.page, record, site=site, run_id=run_id)
            outcome = result.status
            if outcome == "changed":
                logger.info("changed: %s (%s)", item.page.url, ", ".join(result.changed_fields))
        elif isinstance(item, DocumentItem):
            outcome = store.save_document(
                item.page,
                site=site,
                run_id=run_id,
                title=item.title,
                date=item.date,
                listing_url=item.listing_url,
            )
            outcome = "documents"
        elif isinstance(item, PageItem):
            store.save_page(item.page, site=site, run_id=run_id, kind=item.kind)
            outcome = None
        elif isinstance(item, FailureItem):
            store.save_failure(
                item.url, site=site, run_id=run_id, error=item.error, page=item.page, kind=item.kind
            )
            logger.error("failed: %s: %s", item.url, item.error)
            outcome = "failed" if item.kind in ("article", "document") else "listing_failed"
        elif isinstance(item, SeenItem):
            outcome = self._seen(item)
        else:
            raise TypeError(f"StorePipeline cannot store {type(item).__name__}")
        if outcome:
            session.count(outcome)
            if stats:
                stats.inc_value(f"newsarchive/{outcome}")
        return item

    def _seen(self, item: SeenItem) -> str:
        store, site, run_id = self.session.store, self.session.site.name, self.session.run_id
        if item.status == 304:
            self._not_modified.append((item.url, item.fetched_at))
            if len(self._not_modified) >= self.NOT_MODIFIED_BATCH:
                self._flush_not_modified()
            return "not_modified"
        verdict = store.mark_missing(
            item.url, site=site, run_id=run_id, status=item.status, fetched_at=item.fetched_at
        )
        if verdict == "gone":
            logger.warning("gone: %s answered %s twice; marked gone (nothing deleted)", item.url, item.status)
        return {"gone": "gone", "strike": "missing_once"}.get(verdict, "missing")
