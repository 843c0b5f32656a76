"""A small news site whose state tests change between crawls: edit, publish, take down, restore, block.

Served by the site kit's LoopbackServer (``sitekit.server``), so ETag/Last-Modified and 304s are real.
Articles are dated relative to ``today`` so that young and old articles exist for the re-check window. The
listing pages newest first, ``per_page`` items a page, with a rel=next link, like most newsrooms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from newsarchive.sitekit.server import Request, Response, Router

BOILERPLATE = (
    "<div class='nav'><a href='/s/news/'>News</a> <a href='/s/about.html'>About</a> "
    "<a href='/s/research.html'>Research</a></div>"
)
SENTENCES = [
    "The institute signed a cooperation agreement with a regional university on new materials.",
    "Researchers presented results on solid-state batteries at an international workshop.",
    "A delegation from the provincial science department visited the laboratories.",
    "The team received a national award for its work on water treatment membranes.",
    "Young scientists held a seminar on machine learning for materials discovery.",
]


@dataclass(slots=True)
class Article:
    number: int
    published: dt.date
    edits: int = 0
    gone: bool = False
    noise: int = 0  # a visitor counter: changes the page, not the article
    serves: str | None = None  # a non-article this URL answers with HTTP 200 instead (NON_ARTICLES key)

    @property
    def path(self) -> str:
        return f"/s/news/{self.number}.html"

    @property
    def title(self) -> str:
        return f"Institute news item number {self.number}: {SENTENCES[self.number % len(SENTENCES)][:40]}"

    def html(self) -> bytes:
        body = "".join(
            f"<p>{SENTENCES[(self.number + i) % len(SENTENCES)]} Item {self.number}.</p>" for i in range(6)
        )
        if self.edits:
            body += f"<p>Update {self.edits}: the institute corrected figures in this report.</p>"
        return (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{self.title} - Test Institute</title>"
            f"</head><body>{BOILERPLATE}<article><h1>{self.title}</h1>"
            f"<div class='info'>Published: {self.published.isoformat()} Source: Test Institute</div>"
            f"<div class='body'>{body}</div></article>"
            f"<div class='counter'>Visits: {1000 + self.noise * 17}</div></body></html>"
        ).encode()


@dataclass(slots=True)
class StatefulSite:
    today: dt.date = field(default_factory=dt.date.today)
    per_page: int = 10
    articles: list[Article] = field(default_factory=list)
    blocked: bool = False
    epoch: float = 1_700_000_000.0

    @classmethod
    def with_articles(cls, count: int, young: int = 5) -> StatefulSite:
        """``count`` articles, the newest ``young`` of them published in the last days, the rest long ago."""
        site = cls()
        for n in range(count):
            days = n if n < young else 400 + n
            site.articles.append(Article(number=count - n, published=site.today - dt.timedelta(days=days)))
        return site

    def publish(self, count: int) -> list[Article]:
        top = max(a.number for a in self.articles) if self.articles else 0
        new = [Article(number=top + i + 1, published=self.today) for i in range(count)]
        self.articles[:0] = reversed(new)
        return new

    def article(self, number: int) -> Article:
        return next(a for a in self.articles if a.number == number)

    def listing(self, page: int) -> bytes:
        live = [a for a in self.articles if not a.gone]
        chunk = live[page * self.per_page : (page + 1) * self.per_page]
        rows = "".join(
            f"<li><a href='{a.path}'>{a.title}</a> <span>{a.published.isoformat()}</span></li>" for a in chunk
        )
        more = (page + 1) * self.per_page < len(live)
        pager = f"<a rel='next' href='/s/news/?page={page + 1}'>Next</a>" if more else ""
        return (
            f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>News</title></head><body>"
            f"{BOILERPLATE}<ul class='news-list'>{rows}</ul><div class='pager'>{pager}</div>"
            "</body></html>"
        ).encode()

    def __call__(self, request: Request) -> Response | None:
        if self.blocked:
            return Response(
                412, b"<html><script>document.cookie='x=1';location.reload()</script></html>", etag=False
            )
        if request.path == "/s/news/":
            page = int(request.params().get("page", "0") or 0)
            return Response(body=self.listing(page))
        for a in self.articles:
            if a.path == request.path:
                if a.gone:
                    return Response(404, b"<html><body>Not found</body></html>", etag=False)
                if a.serves:
                    return Response(body=NON_ARTICLES[a.serves], etag=False)
                return Response(body=a.html(), last_modified=self.epoch + a.edits * 86400 + a.noise * 3600)
        return None


def _page(title: str, main: str, head: str = "") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{head}</head><body>"
        f"{BOILERPLATE}<div class='main'>{main}</div>"
        "<div class='footer'>Copyright Test Institute. All rights reserved. Contact us | Sitemap</div>"
        "</body></html>"
    ).encode()


# What a site answers with HTTP 200 where an article used to be, in the site's own template
NON_ARTICLES = {
    "soft-404": _page(
        "404 Page not found - Test Institute",
        "<h1>Page not found</h1><p>The page you requested could not be found.</p>"
        "<p><a href='/s/news/'>Back to the news</a></p>",
    ),
    "soft-404-zh": _page(
        "404 页面不存在",
        "<div class='err'><h2>对不起，您访问的页面不存在！</h2>"
        "<p>请检查网址是否正确。<a href='/'>返回首页</a></p></div>",
    ),
    "js-stub": (
        b"<!DOCTYPE html><html><head><meta charset='utf-8'><title></title>"
        b"<script>var t='a1b2c3';document.cookie='__jsl_clearance='+t+';path=/';"
        b"location.href=location.href;</script></head>"
        b"<body><noscript>Please enable JavaScript to view this page.</noscript></body></html>"
    ),
}


def make_app(site: StatefulSite) -> Router:
    router = Router()
    router.mount("/s/", site)
    router.mount(
        "/robots.txt", lambda r: Response(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
    )
    return router
