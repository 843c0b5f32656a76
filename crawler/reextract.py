"""``newsarchive reextract``: run the current extractor again over archived pages, no network.

Sits after the archive in the data flow: for each article (of a site, and/or whose latest page was fetched
in a date range) it rebuilds the RawPage from ``raw_pages`` + the fetch's headers, runs ``extract_article``
on it and hands the record back to the store (``Store.save_reextracted``). A version is added only where
the record's content changed, marked 'reextract' with the extractor version, so an extractor upgrade never
passes for an edit by the site. Only each article's latest page is re-read: re-reading an older page
would make old content the newest version.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newsarchive.storage import Store

from .extract.article import extract_article
from .extract.page import RawPage
from .extract.record import ArticleRecord, ExtractionError
from .extract.rules import SiteRules

logger = logging.getLogger(__name__)

Extractor = Callable[[RawPage, SiteRules | None], ArticleRecord]


@dataclass(slots=True)
class ReextractStats:
    articles: int = 0  # articles whose page was re-read
    changed: int = 0  # a 'reextract' version was added
    unchanged: int = 0
    failed: int = 0  # the extractor raised ExtractionError (nothing written)
    errors: list[str] = field(default_factory=list)  # "url: reason" of the failures

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "errors": list(self.errors),
        }


def archived_pages(
    store: Store, *, site: str | None = None, since: Any = None, until: Any = None
) -> Iterator[tuple[int, str, RawPage]]:
    """(article id, site, RawPage) for each article's latest archived page, rebuilt as it was fetched."""
    for p in store.latest_pages(site=site, since=since, until=until):
        page = RawPage(
            url=p.url,
            body=p.body,
            status=p.status,
            headers=p.headers,
            final_url=p.final_url,
            fetched_at=p.fetched_at,
            method=p.method,
            request_headers=p.request_headers,
        )
        yield p.article_id, p.site, page


def reextract(
    store: Store,
    *,
    site: str | None = None,
    since: Any = None,
    until: Any = None,
    extractor: Extractor = extract_article,
    rules_for: Callable[[str], SiteRules | None] | None = None,
) -> ReextractStats:
    """Re-run ``extractor`` over the latest archived page of each matching article; add 'reextract' versions
    where the record changed. ``since``/``until`` (ISO text, date or datetime; until exclusive) select by the
    fetch time of that page. ``rules_for(site)`` gives the site's SiteRules (None: defaults)."""
    stats = ReextractStats()
    rules_cache: dict[str, SiteRules | None] = {}
    for article_id, page_site, page in archived_pages(store, site=site, since=since, until=until):
        if page_site not in rules_cache:
            rules_cache[page_site] = rules_for(page_site) if rules_for else None
        stats.articles += 1
        try:
            record = extractor(page, rules_cache[page_site])
        except ExtractionError as exc:
            stats.failed += 1
            stats.errors.append(f"{page.url}: {exc.reason}")
            logger.warning("reextract: no article from %s: %s", page.url, exc.reason)
            continue
        result = store.save_reextracted(article_id, page, record.to_dict())
        if result.status == "changed":
            stats.changed += 1
            logger.info("reextract: %s changed (%s)", page.url, ", ".join(result.changed_fields))
        else:
            stats.unchanged += 1
    logger.info(
        "reextract: %d articles, %d changed, %d unchanged, %d failed",
        stats.articles,
        stats.changed,
        stats.unchanged,
        stats.failed,
    )
    return stats
