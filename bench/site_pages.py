"""The benchmark site's pages: the demo renderers applied to ``BenchSite``, plus template weight, cached.

Data flow: ``BenchSite`` (bench/site.py) holds the articles; ``SitePages`` renders each page once with the
demo's TRS and Drupal renderers (GBK bytes, JavaScript pagers, ``?page=N``), adds ``site_chrome``'s template
weight, and keeps the bytes until a mutation invalidates them; ``bench/serve.py`` answers requests from it.
Unchanged pages keep identical bytes, so the server's ETag/Last-Modified answer 304 to conditional GETs.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from urllib.parse import parse_qs

from sitekit.demo import render_drupal, render_trs
from sitekit.demo.model import Article, Column
from sitekit.demo.pages import Page

from . import site_chrome as chrome
from .site import SECTIONS, BenchSite, section

ROBOTS = b"User-agent: *\nDisallow: /search/\n"
EDITED_STAGE = 2  # the demo renderers' "a week later" stage: a Drupal node then shows its "Updated" date
# where the extra template goes in the demo templates' output
TRS_SIDE_MARKER = '<div class="box"><div class="tit">通知公告</div>'
DRUPAL_SIDE_MARKER = '<div class="region region-sidebar-second">'
DRUPAL_BODY_MARKER = '<a href="#main-content" class="visually-hidden focusable skip-link">'


class DrupalView:
    """The Drupal section as the demo's Drupal renderer expects a site: its one column first."""

    def __init__(self, site: BenchSite) -> None:
        self.site = site
        self.columns: tuple[Column, ...] = (section("news").column,)
        self.changes = site.changes

    def listing(self, stage: int, key: str) -> list[Article]:
        return self.site.listing(stage, key)

    def related(self, article: Article, stage: int = 1, count: int = 5) -> list[Article]:
        return self.site.related(article, stage, count)


class SitePages:
    """Rendered pages by key (a path, or ``/drupal/news?page=N``), built on first use and kept."""

    def __init__(self, site: BenchSite) -> None:
        self.site = site
        self.drupal = DrupalView(site)
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
        return (
            render_trs.listing_path(sec.column, page)
            if sec.family == "trs"
            else render_drupal.listing_key(page)
        )

    def key(self, path: str, query: str) -> str:
        """The page key of a request: Drupal's ``?page=N`` selects a listing page; a folder is its index."""
        if path == render_drupal.NEWS:
            page = parse_qs(query).get("page", ["0"])[0]
            return render_drupal.listing_key(int(page)) if page.isdigit() else render_drupal.NEWS
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
        if key.startswith(render_drupal.NEWS + "?page="):  # past the last page: Drupal answers an empty view
            return self._listing("news", self.site.pages_count("news"))
        if key == "/robots.txt":
            return Page(ROBOTS, "text/plain", None)
        return None

    def _article(self, article: Article) -> Page:
        stage = EDITED_STAGE if article.path in self.site.changes else 1
        latest = self.site.older_in_family(article, 1, 1 + chrome.LATEST_ITEMS)
        if article.site == "trs":
            page = render_trs.render_article(self.site, article, stage)  # type: ignore[arg-type]
            hot = self.site.older_in_family(
                article, 1, 1 + chrome.HOT_ITEMS * chrome.HOT_STEP, chrome.HOT_STEP
            )
            return _inject(
                page,
                "gbk",
                [
                    ("</head>", chrome.trs_head_extra(self.site.column(article.column).name), True),
                    (TRS_SIDE_MARKER, chrome.trs_side_boxes(latest, hot), True),
                    ("</body>", chrome.trs_footer_extra(), True),
                ],
            )
        page = render_drupal.render_article(self.drupal, article, stage)  # type: ignore[arg-type]
        return _inject(
            page,
            "utf-8",
            [
                ("  </head>", chrome.drupal_head_extra(), True),
                (DRUPAL_BODY_MARKER, chrome.drupal_sprite(), True),
                (DRUPAL_SIDE_MARKER, chrome.drupal_side_block(latest), False),
                ("  </body>", chrome.drupal_footer_extra(), True),
            ],
        )

    def _listing(self, key: str, page: int) -> Page | None:
        sec = section(key)
        if sec.family == "trs":
            rendered = render_trs.render_listing(self.site, sec.column, 1, page)  # type: ignore[arg-type]
            if rendered is None:
                return None
            return _inject(
                rendered,
                "gbk",
                [
                    ("</head>", chrome.trs_head_extra(sec.column.name), True),
                    ("</body>", chrome.trs_footer_extra(), True),
                ],
            )
        rendered = render_drupal.render_listing(self.drupal, 1, page)  # type: ignore[arg-type]
        pages = self.site.pages_count(key)
        if page >= pages:
            return rendered
        # 20 teasers make Drupal listings heavy already: only the pager changes (windowed, as Drupal's)
        full = render_drupal.pager(page, pages).encode()
        return Page(
            rendered.body.replace(full, chrome.drupal_pager(page, pages).encode(), 1),
            rendered.content_type,
            rendered.last_modified,
        )


def _inject(page: Page, encoding: str, parts: list[tuple[str, str, bool]]) -> Page:
    """Insert each text before (True) or after (False) the first occurrence of its marker."""
    body = page.body
    for marker, text, before in parts:
        mark = marker.encode(encoding)
        at = body.find(mark)
        if at < 0:
            raise ValueError(f"benchmark site: template marker {marker!r} not found")
        at = at if before else at + len(mark)
        body = body[:at] + text.encode(encoding, errors="xmlcharrefreplace") + body[at:]
    return Page(body, page.content_type, page.last_modified)
