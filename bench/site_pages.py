"""The benchmark site's pages: the site kit's TRS and Drupal renderers applied to ``BenchSite``, cached.

Data flow: ``BenchSite`` (bench/site.py) holds the articles; ``SitePages`` renders each page once with
``sitekit.cms.trs`` and ``sitekit.cms.drupal`` (GBK bytes, JavaScript pagers, ``?page=N``) in their heavy
form (the template weight of real institute pages: 42-58 KB), and keeps the bytes until a mutation
invalidates them; ``bench/serve.py`` answers requests from it. Unchanged pages keep identical bytes, so the
server's ETag/Last-Modified answer 304 to conditional GETs.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from urllib.parse import parse_qs

from newsarchive.sitekit.cms import drupal, trs
from newsarchive.sitekit.cms.feeds import robots_txt
from newsarchive.sitekit.model import Article
from newsarchive.sitekit.pages import Page

from .site import SECTIONS, BenchSite, section

ROBOTS = robots_txt({"*": ("/search/",)})
LATEST_ITEMS = 8  # the "latest news" box of article pages
HOT_ITEMS = 8  # the "most read" box of TRS article pages ...
HOT_STEP = 7  # ... every 7th older article (any pick independent of newer articles would do)


class SitePages:
    """Rendered pages by key (a path, or ``/drupal/news?page=N``), built on first use and kept."""

    def __init__(self, site: BenchSite) -> None:
        self.site = site
        self._cache: dict[str, Page] = {}

    # ------------------------------------------------------------------ keys and URLs

    def listing_keys(self) -> list[str]:
        """Every listing page of every section, first pages first."""
        keys = []
        for sec in SECTIONS:
            for page in range(self.site.pages_count(sec.key)):
                keys.append(self._listing_key(sec.key, page))
        return keys

    def start_keys(self) -> list[str]:
        return [self._listing_key(sec.key, 0) for sec in SECTIONS]

    def _listing_key(self, key: str, page: int) -> str:
        sec = section(key)
        return trs.listing_path(sec.column, page) if sec.family == "trs" else drupal.listing_key(page)

    def key(self, path: str, query: str) -> str:
        """The page key of a request: Drupal's ``?page=N`` selects a listing page; a folder is its index."""
        if path == drupal.NEWS:
            page = parse_qs(query).get("page", ["0"])[0]
            return drupal.listing_key(int(page)) if page.isdigit() else drupal.NEWS
        if path.endswith("/") and path + "index.html" in self._listing_set():
            return path + "index.html"
        return path

    def _listing_set(self) -> set[str]:
        return {self._listing_key(sec.key, 0) for sec in SECTIONS}

    # ------------------------------------------------------------------ pages

    def get(self, key: str) -> Page | None:
        page = self._cache.get(key)
        if page is None:
            page = self._render(key)
            if page is not None:
                self._cache[key] = page
        return page

    def render_all(self) -> int:
        """Render every listing and article page now (so no crawl pays for rendering). Returns the count."""
        keys = [*self.listing_keys(), *(a.path for a in self.site.articles())]
        for key in keys:
            self.get(key)
        return len(keys)

    def invalidate(self, keys: Iterable[str] = (), *, listings: bool = False) -> None:
        for key in keys:
            self._cache.pop(key, None)
        if listings:
            for key in [k for k in self._cache if k not in self.site.by_path]:
                del self._cache[key]

    def sizes(self) -> dict[str, float]:
        """Byte sizes of the rendered listing and article pages: median, min, max."""
        sizes = [len(p.body) for k, p in self._cache.items()]
        if not sizes:
            return {}
        return {"median": statistics.median(sizes), "min": min(sizes), "max": max(sizes), "pages": len(sizes)}

    def _render(self, key: str) -> Page | None:
        article = self.site.by_path.get(key)
        if article is not None:
            return self._article(article)
        for sec in SECTIONS:
            for page in range(self.site.pages_count(sec.key) + 1):
                if self._listing_key(sec.key, page) == key:
                    return self._listing(sec.key, page)
        if key.startswith(drupal.NEWS + "?page="):  # past the last page: Drupal answers an empty view
            return self._listing("news", self.site.pages_count("news"))
        if key == "/robots.txt":
            return Page(ROBOTS, "text/plain", None)
        return None

    def _article(self, article: Article) -> Page:
        latest = self.site.older_in_family(article, 1, 1 + LATEST_ITEMS)
        if article.site == "trs":
            hot = self.site.older_in_family(article, 1, 1 + HOT_ITEMS * HOT_STEP, HOT_STEP)
            column = section(article.column).column
            related = self.site.related(article)
            return trs.render_article(column, article, related, heavy=True, latest=latest, hot=hot)
        updated = article.path in self.site.changes  # an edited node shows its "Updated" date
        related = self.site.related(article, 4)
        return drupal.render_article(article, related, updated=updated, heavy=True, latest=latest)

    def _listing(self, key: str, page: int) -> Page | None:
        sec = section(key)
        items = self.site.listing(key)
        if sec.family == "trs":
            return trs.render_listing(sec.column, items, page, heavy=True)
        # 20 teasers make Drupal listings heavy already; the pager shows Drupal's default window of numbers
        return drupal.render_listing(sec.column, items, page, window=drupal.PAGER_QUANTITY)
