"""The crawl benchmark's baseline: a plain Scrapy + trafilatura spider with no incremental state.

It is what one writes in an afternoon: walk a given list of listing pages (it has no pager logic, so
``bench/run.py`` hands it every listing URL), follow the article links of the list, and extract each article
with ``trafilatura.bare_extraction(response.body, url=..., with_metadata=True)`` on the reactor thread,
writing one JSON line per article. No archive, no validators, no raw pages: a throughput baseline.

    python bench/plain_spider.py --listings urls.txt --out articles.jsonl -s CONCURRENT_REQUESTS=32
    python bench/plain_spider.py --listings urls.txt --out articles.jsonl --links "ul.list a::attr(href)"
    scrapy runspider bench/plain_spider.py -a listings=urls.txt -a out=articles.jsonl   # outside a project
"""

from __future__ import annotations

import argparse
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import IO, Any

import scrapy
import trafilatura
from scrapy import Request, signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.http import Response
from scrapy.settings import Settings

# article links on the benchmark site's listings: TRS lists and Drupal views rows (--links for another site)
ARTICLE_LINKS = "ul.list li a::attr(href), div.views-row h2.node__title a::attr(href)"
SETTINGS = {  # plain Scrapy, with the politeness switches bench/run.py also gives our crawler
    "ROBOTSTXT_OBEY": True,
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
}


class PlainSpider(scrapy.Spider):
    name = "plain"

    def __init__(self, listings: str, out: str, links: str = ARTICLE_LINKS, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.article_links = links
        self.listing_urls = Path(listings).read_text(encoding="utf-8").split()
        self.out_path = Path(out)
        self._out: IO[str] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> PlainSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._opened, signal=signals.spider_opened)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    def _opened(self, spider: scrapy.Spider) -> None:
        self._out = self.out_path.open("w", encoding="utf-8")

    def _closed(self, spider: scrapy.Spider, reason: str) -> None:
        if self._out is not None:
            self._out.close()

    async def start(self) -> AsyncIterator[Request]:
        for url in self.listing_urls:
            yield Request(url, callback=self.parse_listing)

    def parse_listing(self, response: Response) -> Iterator[Request]:
        for href in response.css(self.article_links).getall():
            yield response.follow(href, callback=self.parse_article)

    def parse_article(self, response: Response) -> None:
        document = trafilatura.bare_extraction(response.body, url=response.url, with_metadata=True)
        record = _plain(document.as_dict()) if document is not None else {"error": "nothing extracted"}
        record["url"] = response.url
        assert self._out is not None
        self._out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.crawler.stats.inc_value("plain/articles")


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """The JSON-able fields of a trafilatura document (it also carries lxml trees)."""
    return {k: v for k, v in record.items() if v is None or isinstance(v, str | int | float | list)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Plain Scrapy + trafilatura crawl of the benchmark site.")
    parser.add_argument("--listings", required=True, help="file with the listing URLs, one a line")
    parser.add_argument("--out", required=True, help="JSON lines file to write the articles to")
    parser.add_argument("--links", default=ARTICLE_LINKS, help="CSS selector of the listings' article links")
    parser.add_argument(
        "-s",
        "--set",
        dest="settings",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Scrapy setting (repeatable)",
    )
    args = parser.parse_args(argv)
    settings = Settings(SETTINGS)
    for item in args.settings:
        key, _, value = item.partition("=")
        settings.set(key, value, priority="cmdline")
    process = CrawlerProcess(settings, install_root_handler=True)
    process.crawl(PlainSpider, listings=args.listings, out=args.out, links=args.links)
    process.start()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
