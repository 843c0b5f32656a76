"""Many small institute sites, each on its own loopback address: the scale benchmark's simulation (issue 13).

Data flow: ``ManySites(count)`` writes N small TRS sites with the demo's phrase banks (``sitekit.demo``) and
renders them with the site kit's TRS renderer in its heavy form (``sitekit.cms.trs``, GBK, JavaScript-only
pagers, 40-60 KB pages). Each site is one news column of ARTICLES articles, PER_PAGE to a listing page (2
listing pages + 20 articles), a robots.txt, and its own address ``address(i)`` = 127.0.x.y; the column's
variant (pager, charset, extension) rotates through the demo's three. ``next_day()`` is the stage switch:
every site publishes NEW_PER_DAY articles at the top of its listing and every EDIT_EVERY-th site corrects
the body of its newest article (published within the crawler's re-check window, so a daily run must catch
it). ``sitekit.manyhosts`` serves the pages; ``truth()`` is what ``bench/scale.py`` checks the archive
against.

Each site is built from its own seeded RNG (``seed/index``), so a server process can build any block of
sites alone and every run serves the same bytes for the same seed, count and end date.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from newsarchive.sitekit.cms import trs
from newsarchive.sitekit.cms.feeds import robots_txt
from newsarchive.sitekit.demo.compose import compose_trs
from newsarchive.sitekit.demo.model import Draft, edit_pair, epoch, office_time
from newsarchive.sitekit.demo.specs import TRS, locate_trs
from newsarchive.sitekit.model import CST, Article, Column
from newsarchive.sitekit.pages import Page

ARTICLES = 20  # articles per site at the first crawl ...
PER_PAGE = 10  # ... listed 10 to a page: 2 listing pages
NEW_PER_DAY = 2  # articles each site publishes on the next day
EDIT_EVERY = 10  # every 10th site corrects its newest article on the next day
GAP_DAYS = (3, 21)  # days between two articles of a site
NEWEST_DAYS = (1, 6)  # the newest article is this many days old at the first crawl (young: re-checked)
WRITE_DELAY_MINUTES = (4, 95)  # the page file is written this long after the publish time
VIEWS = (30, 3000)
TITLE_TRIES = 5
ADDRESSES_PER_BLOCK = 250  # 127.0.x.1 ... 127.0.x.250, then the next x
MAX_SITES = ADDRESSES_PER_BLOCK * 254
LATEST_ITEMS, HOT_ITEMS, HOT_STEP = 8, 8, 3  # the side boxes of heavy article pages
ROBOTS = robots_txt({"*": ("/trs/search/", "/trs/wcm/")})


def address(index: int) -> str:
    """Site ``index``'s loopback address: 127.0.1.1, 127.0.1.2 ... 127.0.1.250, 127.0.2.1 ..."""
    if not 0 <= index < MAX_SITES:
        raise ValueError(f"site index {index} out of range 0..{MAX_SITES - 1}")
    return f"127.0.{1 + index // ADDRESSES_PER_BLOCK}.{1 + index % ADDRESSES_PER_BLOCK}"


def site_name(index: int) -> str:
    return f"inst{index:05d}"


@dataclass(slots=True)
class SmallSite:
    """One institute site: its column and articles (newest first), what the next day changed, its pages."""

    index: int
    column: Column
    articles: list[Article]
    new: list[str] = field(default_factory=list)  # paths published on the next day
    edited: list[str] = field(default_factory=list)  # paths corrected on the next day
    pages: dict[str, Page] = field(default_factory=dict)

    @property
    def host(self) -> str:
        return address(self.index)

    @property
    def name(self) -> str:
        return site_name(self.index)

    def listing_paths(self) -> list[str]:
        pages = (len(self.articles) + PER_PAGE - 1) // PER_PAGE
        return [trs.listing_path(self.column, page) for page in range(pages)]

    def truth(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "host": self.host,
            "start_url_path": self.column.path,
            "articles": [a.path for a in self.articles],
            "new": list(self.new),
            "edited": list(self.edited),
        }


class ManySites:
    """Sites ``indexes`` of a simulation of ``count`` sites (all of them by default), rendered."""

    def __init__(
        self,
        count: int,
        *,
        indexes: Iterable[int] | None = None,
        seed: str = "newsarchive-scale",
        today: dt.date | None = None,
    ) -> None:
        if not 1 <= count <= MAX_SITES:
            raise ValueError(f"the simulation holds 1 to {MAX_SITES} sites, not {count}")
        self.count = count
        self.seed = seed
        self.today = today or dt.date.today()
        self.stage = 1
        chosen = range(count) if indexes is None else indexes
        self.sites = {address(i): self._build(i) for i in chosen}
        for site in self.sites.values():
            self._render(site, [a.path for a in site.articles])

    # ------------------------------------------------------------------ serving

    def page(self, host: str, path: str) -> Page | None:
        site = self.sites.get(host)
        if site is None:
            return None
        if path.endswith("/"):
            path += "index.html"
        return site.pages.get(path)

    def truth(self) -> dict[str, Any]:
        return {"stage": self.stage, "sites": [s.truth() for s in self.sites.values()]}

    def page_count(self) -> int:
        return sum(len(s.pages) for s in self.sites.values())

    # ------------------------------------------------------------------ the next day

    def next_day(self, now: dt.datetime | None = None) -> None:
        """Stage 2: NEW_PER_DAY new articles on every site, the newest article of every EDIT_EVERY-th site
        corrected. Only the pages that change are rendered again. Once only."""
        if self.stage != 1:
            return
        now = now or dt.datetime.now(CST)
        self.stage = 2
        for site in self.sites.values():
            rng = random.Random(f"{self.seed}/{site.index}/next-day")
            changed = []
            if site.index % EDIT_EVERY == 0:
                newest = site.articles[0]
                site.articles[0] = _corrected(rng, newest, now)
                site.edited.append(newest.path)
                changed.append(newest.path)
            for i in range(NEW_PER_DAY):
                when = now - dt.timedelta(hours=NEW_PER_DAY - i, minutes=rng.randrange(0, 50, 5))
                article = self._write(rng, site, when, site.articles[0].uid + rng.randint(3, 40))
                site.articles.insert(0, article)
                site.new.append(article.path)
                changed.append(article.path)
            self._render(site, changed)

    # ------------------------------------------------------------------ building

    def _build(self, index: int) -> SmallSite:
        rng = random.Random(f"{self.seed}/{index}")
        column = replace(TRS.columns[index % len(TRS.columns)], count=ARTICLES, new=0, per_page=PER_PAGE)
        site = SmallSite(index, column, [])
        day = self.today - dt.timedelta(days=rng.randint(*NEWEST_DAYS))
        days = []
        for _ in range(ARTICLES):
            days.append(day)
            day -= dt.timedelta(days=rng.randint(*GAP_DAYS))
        uid = rng.randint(100_000, 900_000)
        for when in sorted(office_time(rng, d) for d in days):  # oldest first, as a CMS numbers them
            uid += rng.randint(3, 40)
            site.articles.insert(0, self._write(rng, site, when, uid))
        return site

    def _write(self, rng: random.Random, site: SmallSite, when: dt.datetime, uid: int) -> Article:
        draft = _draft(rng, site.column, when, {a.title for a in site.articles})
        placed = locate_trs(rng, site.column, uid, when.date(), draft)
        written = when + dt.timedelta(minutes=rng.randint(*WRITE_DELAY_MINUTES))
        return Article(
            site=site.name,
            column=site.column.key,
            uid=uid,
            path=placed.path,
            kind=draft.kind,
            title=draft.title,
            published=when,
            has_time=rng.random() < 0.75,
            source=draft.source,
            author=draft.author,
            editor=draft.editor,
            language="zh",
            paragraphs=draft.paragraphs,
            changed=written,
            views=rng.randint(*VIEWS),
            last_modified=epoch(written),
        )

    def _render(self, site: SmallSite, articles: list[str]) -> None:
        """Render the given article pages and every listing page of the site (listings show the news)."""
        by_path = {a.path: (i, a) for i, a in enumerate(site.articles)}
        for path in articles:
            i, article = by_path[path]
            older = site.articles[i + 1 :]
            site.pages[path] = trs.render_article(
                site.column,
                article,
                older[:5],
                heavy=True,
                latest=older[:LATEST_ITEMS],
                hot=older[: HOT_ITEMS * HOT_STEP : HOT_STEP],
            )
        for page, path in enumerate(site.listing_paths()):
            listing = trs.render_listing(site.column, site.articles, page, heavy=True)
            assert listing is not None
            site.pages[path] = listing
        site.pages["/robots.txt"] = Page(ROBOTS, "text/plain", None)


def _draft(rng: random.Random, column: Column, when: dt.datetime, used: set[str]) -> Draft:
    draft = compose_trs(rng, rng.choice(column.kinds), when, rare_names=bool(column.option("rare")))
    for _ in range(TITLE_TRIES - 1):
        if draft.title not in used:
            break
        draft = compose_trs(rng, rng.choice(column.kinds), when, rare_names=bool(column.option("rare")))
    return draft


def _corrected(rng: random.Random, article: Article, now: dt.datetime) -> Article:
    """The article with a sentence added or a paragraph inserted (the demo's body edits), written now."""
    draft = Draft(article.kind, article.title, article.paragraphs, article.source, article.author)
    _, after = edit_pair(rng, draft, ("body",), TRS.bank)
    return replace(
        article,
        paragraphs=after.paragraphs,
        changed=now,
        views=article.views + rng.randint(5, 200),
        last_modified=epoch(now),
    )
