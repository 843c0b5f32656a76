"""Running crawls from Python: what ``newsarchive crawl`` and cron call.

``crawl_settings`` builds Scrapy settings from our settings module plus options (so the crawl behaves the
same from any working directory); ``run_crawls`` runs the news spider over all the sites in one process
and returns each run's outcome, as the archive writer announces it (the ``run_closed`` signal). All sites
share one spider and one engine: a thousand sites cost what their requests cost, not a thousand crawlers.
A site that cannot even start (bad config, missing User-Agent) fails before any request.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess
from scrapy.settings import Settings

from . import logs
from .pipelines import run_closed
from .sites import SiteConfig, SiteConfigError, adhoc_site, check_user_agent, load_sites
from .spiders.news import NewsSpider
from .state import RunOutcome

logger = logging.getLogger(__name__)


def crawl_settings(
    *,
    db: str | None = None,
    sites_file: str | None = None,
    user_agent: str | None = None,
    log_file: str | None = None,
    log_level: str | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    settings = Settings()
    settings.setmodule("newsarchive.crawler.settings", priority="project")
    values: dict[str, Any] = {
        "NEWSARCHIVE_DB": db,
        "NEWSARCHIVE_SITES": sites_file,
        "LOG_FILE": log_file,
        "LOG_LEVEL": log_level,
    }
    if user_agent:
        values["USER_AGENT"] = values["NEWSARCHIVE_USER_AGENT"] = user_agent
    settings.setdict({k: v for k, v in values.items() if v is not None}, priority="cmdline")
    if overrides:
        settings.setdict(dict(overrides), priority="cmdline")
    return settings


def _check_sites(sites: Sequence[SiteConfig | str], settings: Settings, start_url: str | None) -> None:
    """Fail before any request for what would stop a spider at start: unknown sites, no User-Agent."""
    configured = {} if start_url else load_sites(settings.get("NEWSARCHIVE_SITES"))
    for site in sites:
        if isinstance(site, str):
            if start_url:
                site = adhoc_site(site, start_url)
            elif site in configured:
                site = configured[site]
            else:
                raise SiteConfigError(f"no site '{site}' in {settings.get('NEWSARCHIVE_SITES')}")
        check_user_agent(site, settings.get("USER_AGENT"), settings.get("NEWSARCHIVE_DEFAULT_USER_AGENT"))


def run_crawls(
    sites: Sequence[SiteConfig | str],
    settings: Settings,
    *,
    mode: str = "incremental",
    start_url: str | None = None,
    max_pages: int | None = None,
    max_articles: int | None = None,
) -> list[RunOutcome]:
    """Crawl the given sites (configs or names) concurrently in this process; one outcome per site.

    With ``start_url``, ``sites`` holds the one name to record the ad-hoc site under. Raises SiteConfigError
    before any request when a site cannot be crawled as configured.
    """
    _check_sites(sites, settings, start_url)
    logs.install()
    names = [site.name if isinstance(site, SiteConfig) else site for site in sites]
    kwargs: dict[str, Any] = {"sites": ",".join(names), "mode": mode}
    if start_url:
        kwargs = {"site": names[0], "start_url": start_url, "mode": mode}
    if max_pages:
        kwargs["max_pages"] = max_pages
    if max_articles:
        kwargs["max_articles"] = max_articles
    outcomes: dict[str, RunOutcome] = {}

    def closed(outcome: RunOutcome) -> None:
        outcomes[outcome.site] = outcome

    process = AsyncCrawlerProcess(settings)
    crawler = process.create_crawler(NewsSpider)
    crawler.signals.connect(closed, signal=run_closed)
    process.crawl(crawler, **kwargs)
    process.start()
    return [
        outcomes.get(name)
        or RunOutcome(
            name, None, "failed", warnings=["the crawl stopped before this site started; see the log"]
        )
        for name in names
    ]
