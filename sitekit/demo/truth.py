"""Ground truth for the demo sites: what a careful human reader finds on every article page, per stage.

Part of the offline demo (``sitekit/demo``): end-to-end tests and the benchmark compare crawled records with
``ground_truth(stage)``; ``demo_sites(base_url)`` gives the sites.toml tables that crawl the demo.

Conventions (one per field, so a comparison never has to guess):
- ``published`` is the publish date exactly as the page states it: "YYYY-MM-DD" when the page shows only a
  date, "YYYY-MM-DDTHH:MM" when it shows a time without an offset (TRS), "YYYY-MM-DDTHH:MM:SS+08:00" when
  the page gives a full timestamp with an offset (Drupal ``<time datetime>``). ``published_at`` is the same
  value as a ``date`` / ``datetime``, equal to what ``ArticleRecord.published`` should hold.
- ``body`` holds the article's text paragraphs only: no image captions (they are in ``images``), no
  "(Article by: ...)" line (that is the ``author``), no attachment links (``attachments``).
- ``source`` is the 来源 / "Source" organisation; ``author`` the byline ("作者", "By", "Article by").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsarchive.sitekit.cms import drupal, gdasfs, trs, wordpress
from newsarchive.sitekit.model import Article, Column

from .content import sites
from .model import Site

SITE_NAMES = {"trs": "demo-trs", "gdasfs": "demo-gdasfs", "drupal": "demo-drupal", "wp": "demo-wp"}
START_PATHS: dict[str, tuple[str, ...]] = {
    "demo-trs": ("/trs/zhxw/index.html", "/trs/kyjz/index.html", "/trs/xshd/list.shtml"),
    "demo-gdasfs": ("/gdasfs/en/News/News/index.html",),
    "demo-drupal": ("/drupal/news",),
    "demo-wp": ("/wp/category/news/",),
}
# What each site's pages declare and what their bytes really are.
CHARSETS = {"meta-gbk": "gbk", "header-gbk": "gbk", "meta-gb2312": "gb2312"}


@dataclass(frozen=True, slots=True)
class DemoImage:
    path: str
    caption: str


@dataclass(frozen=True, slots=True)
class DemoAttachment:
    path: str
    text: str  # the link text
    kind: str  # "pdf" | "docx"


@dataclass(frozen=True, slots=True)
class DemoArticle:
    site: str  # sites.toml name: "demo-trs", "demo-gdasfs", "demo-drupal", "demo-wp"
    column: str  # column key ("zhxw", "kyjz", "xshd", "News", "news")
    column_name: str  # as the menus show it ("综合新闻")
    path: str  # URL path on the demo server
    title: str
    published: str  # see the module docstring
    source: str
    author: str | None
    editor: str | None
    language: str  # "zh" | "en"
    body: tuple[str, ...]
    images: tuple[DemoImage, ...]
    attachments: tuple[DemoAttachment, ...]
    charset: str  # declared by the page or its Content-Type ("gbk", "gb2312", "utf-8")
    modified: str | None  # stated modification time (Drupal; WordPress once edited), else None
    # "YYYY-MM-DD" when the date in the URL differs from the publish date (TRS re-publish), else None
    url_date: str | None
    last_modified: float  # the Last-Modified header (epoch seconds)
    edited_in_stage2: bool
    changed_fields: tuple[str, ...]  # of "title", "body", "source"
    new_in_stage2: bool
    # the page's bytes change at stage 2 (related box, visitor counter) while the article does not
    template_noise_in_stage2: bool

    @property
    def text(self) -> str:
        return "\n".join(self.body)

    @property
    def published_at(self) -> dt.date | dt.datetime:
        return (
            dt.date.fromisoformat(self.published)
            if len(self.published) == 10
            else dt.datetime.fromisoformat(self.published)
        )

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path


def _published(site: Site, article: Article) -> str:
    if site.name in ("drupal", "wp"):
        return article.published.isoformat()
    if article.has_time:
        return article.published.strftime("%Y-%m-%dT%H:%M")
    return article.published.strftime("%Y-%m-%d")


def _modified(site: Site, article: Article, stage: int) -> str | None:
    """Drupal states every node's "changed" time; WordPress shows an "updated" time once a post is edited."""
    if site.name == "drupal" and article.changed:
        return article.changed.isoformat()
    if site.name == "wp" and stage == 2 and article.path in site.changes and article.changed:
        return article.changed.isoformat()
    return None


def _record(site: Site, article: Article, stage: int) -> DemoArticle:
    column = site.column(article.column)
    return DemoArticle(
        site=SITE_NAMES[site.name],
        column=column.key,
        column_name=column.name,
        path=article.path,
        title=article.title,
        published=_published(site, article),
        source=article.source,
        author=article.author,
        editor=article.editor,
        language=article.language,
        body=article.paragraphs,
        images=tuple(DemoImage(i.path, i.caption) for i in article.images),
        attachments=tuple(DemoAttachment(a.path, a.text, a.kind) for a in article.attachments),
        charset=CHARSETS.get(column.option("charset"), "utf-8"),
        modified=_modified(site, article, stage),
        url_date=article.url_date.isoformat() if article.url_date else None,
        last_modified=article.last_modified,
        edited_in_stage2=article.path in site.changes,
        changed_fields=site.changes.get(article.path, ()),
        new_in_stage2=article.path in site.new,
        template_noise_in_stage2=article.path in site.noise,
    )


def ground_truth(stage: int) -> list[DemoArticle]:
    """Every article the demo serves at ``stage`` (1 or 2), site by site, newest first within a column."""
    if stage not in (1, 2):
        raise ValueError(f"stage must be 1 or 2, got {stage!r}")
    out: list[DemoArticle] = []
    for site in sites().values():
        for column in site.columns:
            out.extend(_record(site, a, stage) for a in site.listing(stage, column.key))
    return out


def _listing_path(site: Site, column: Column, page: int) -> str:
    if site.name == "trs":
        return trs.listing_path(column, page)
    if site.name == "wp":
        return wordpress.listing_path(page)
    return gdasfs.listing_path(page) if site.name == "gdasfs" else drupal.listing_key(page)


def listing_paths(stage: int) -> dict[str, tuple[str, ...]]:
    """Every listing page of every site at ``stage`` in pager order (Drupal: "/drupal/news?page=N")."""
    out: dict[str, tuple[str, ...]] = {}
    for site in sites().values():
        paths: list[str] = []
        for column in site.columns:
            pages = -(-len(site.listing(stage, column.key)) // column.per_page)
            paths.extend(_listing_path(site, column, page) for page in range(pages))
        out[SITE_NAMES[site.name]] = tuple(paths)
    return out


def demo_sites(base_url: str) -> dict[str, dict[str, Any]]:
    """The ``[sites.NAME]`` tables that crawl the demo served at ``base_url``."""
    base = base_url.rstrip("/")
    host = urlsplit(base).hostname or "127.0.0.1"
    languages = {"demo-trs": "zh", "demo-gdasfs": "en", "demo-drupal": "en", "demo-wp": "en"}
    out = {}
    for name, paths in START_PATHS.items():
        table: dict[str, object] = {
            "start_urls": [base + p for p in paths],
            "allowed_domains": [host],
            "language": languages[name],
        }
        if name == "demo-trs":
            table["charset"] = "gbk"
        # our own loopback server: no need to space requests out (AutoThrottle still watches latency)
        table.update(max_pages=10, group="demo", delay=0.0, concurrency=4)
        out[name] = table
    return out
