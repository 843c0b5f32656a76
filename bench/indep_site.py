"""A benchmark site independent of the site kit's renderers: real saved article pages behind listings of
its own markup, for the throughput comparison of issue 13 (``python -m bench.run --site indep``).

Data flow: ``IndepPages(articles)`` reads the real article pages of ``tests/fixtures/corpus/articles``
(their README names the sources and licences; pages over MAX_PAGE_BYTES are left out: a few multi-megabyte
news pages repeated would make the benchmark a test of those pages) and serves copies of them as the site's
articles. Each copy has its own URL and document id (a ``<meta name="ArticleId">``); every copy after a
source's first has a number after its titles (``<title>``, the first ``<h1>``, og:title: a series of
same-titled notices) and in its body's first line; the page's publish date, where the corpus records it,
is moved to the copy's date in the page's own notation ("2005-05-07", "2005年5月7日" ...); the canonical
URL (``<link rel=canonical>``, ``og:url``) names the copy, not the page it was made from. (An archive
rightly files pages that name one canonical URL, or hold the same content, as one article.) Otherwise the
bytes stay as saved (GB2312/GBK pages stay GBK), minus the dataset's ``<text ...>`` wrapper line.
``bench/serve.py`` answers requests from ``get(key(path, query))``, with ETag and Last-Modified. Nothing
here comes from ``sitekit.cms`` or ``sitekit.demo``.

Three sections, PER_PAGE articles to a listing page, newest first, each with markup of its own:

- ``/xwdt/`` 新闻动态 (GBK): a ``<ul>`` of links with dates, ``index_N.html`` pages, a numbered pager
  with 首页/上一页/下一页/尾页 links; articles ``/xwdt/YYYYMM/tID.html``;
- ``/tzgg/`` 通知公告 (GBK): a ``<table>`` with number, title and date columns, ``list.jsp?pageNo=N``
  pages, a numbered pager; articles ``/tzgg/content.jsp?id=ID``;
- ``/en/news/`` (UTF-8): a grid of cards (title, ``<time>``, teaser), ``/en/news/page/N/`` pages, a
  pager with ``rel="next"``; articles ``/en/news/YYYY/MM/slug-ID/``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from newsarchive.sitekit.pages import Page

from .indep_pages import Listed, render_listing

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus" / "articles"
MAX_PAGE_BYTES = 256 * 1024
PER_PAGE = 20
ANCHOR_CHARS, ANCHOR_LINES = 12, 8  # where a copy's number goes into the body text
SPAN_DAYS = 730  # publish dates over about two years ...
END_OFFSET_DAYS = 3  # ... ending this many days before today
SHARES = (("xwdt", 0.4), ("tzgg", 0.3), ("news", 0.3))
ARTICLE_LINKS_CSS = (
    "ul.news-list li a::attr(href), table.list-table td.title a::attr(href), div.card h3 a::attr(href)"
)
ROBOTS = b"User-agent: *\nDisallow: /search/\nDisallow: /admin/\n"
WRAPPER = re.compile(rb'\A\s*<text id="[^"]*"[^>]*>\s*|\s*</text>\s*\Z')
WRAPPER_ENCODING = re.compile(rb'\A\s*<text [^>]*encoding="([^"]+)"')
META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
HEAD = re.compile(r"<head[^>]*>", re.I)
SELF_URL_TAG = re.compile(r"<(?:link|meta)\b[^>]*(?:canonical|og:url)[^>]*>", re.I)  # the page's own URL
TITLE_TAGS = (
    re.compile(r"(<title[^>]*>)(.*?)(</title>)", re.I | re.S),
    re.compile(r"(<h1[^>]*>)(.*?)(</h1>)", re.I | re.S),
    re.compile(r"""(<meta[^>]*og:title[^>]*content=["'])([^"']*)(["'])""", re.I),
)
URL_ATTRIBUTE = re.compile(r"""\b(href|content)=(["'])[^"']*\2""", re.I)


@dataclass(frozen=True, slots=True)
class Source:
    """One saved real page: its bytes (unwrapped), encoding, title, publish date if known, opening text."""

    name: str
    body: bytes
    codec: str
    charset: str | None  # as sent in the Content-Type header
    title: str
    published: dt.date | None
    teaser: str
    language: str
    anchors: tuple[str, ...]  # openings of the body's first lines, as the page writes them


@dataclass(frozen=True, slots=True)
class Copy:
    """One article of the site: a copy of a Source with its own id, URL and date."""

    uid: int
    section: str
    key: str  # path, plus the query for tzgg
    when: dt.datetime
    source: Source
    number: int  # copies of the same source made before this one

    @property
    def suffix(self) -> str:
        """Added to the title of every copy after the first: same-titled pages of a series, numbered."""
        if not self.number:
            return ""
        return f"（{self.number + 1}）" if self.source.language == "zh" else f" ({self.number + 1})"

    @property
    def title(self) -> str:
        return self.source.title + self.suffix


def load_sources(corpus: Path = CORPUS) -> list[Source]:
    sources = []
    for path in sorted(corpus.glob("*.html")):
        raw = path.read_bytes()
        if len(raw) > MAX_PAGE_BYTES:
            continue
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        declared = WRAPPER_ENCODING.match(raw) or META_CHARSET.search(raw[:4096])
        charset = _known(declared.group(1).decode("ascii").lower()) if declared else None
        codec = "gb18030" if charset in ("gb2312", "gbk", "gb18030") else charset or "utf-8"
        body = WRAPPER.sub(b"", raw)
        text = body.decode(codec, errors="replace")
        title = TITLE.search(text)
        published = truth.get("published")
        sources.append(
            Source(
                path.stem,
                body,
                codec,
                charset if WRAPPER_ENCODING.match(raw) else None,
                _title(title.group(1) if title else "", truth),
                dt.date.fromisoformat(published) if published else None,
                _clean(truth.get("text") or "")[:120],
                truth.get("language") or "zh",
                tuple(_anchors(truth.get("text") or "", text)),
            )
        )
    return sources


def _anchors(body: str, page: str) -> list[str]:
    """The first few body lines' openings (ANCHOR_CHARS) that the page's text holds verbatim."""
    lines = [line.strip()[:ANCHOR_CHARS] for line in body.splitlines() if len(line.strip()) >= ANCHOR_CHARS]
    return [line for line in lines[:ANCHOR_LINES] if line in page]


def _title(title: str, truth: dict[str, Any]) -> str:
    """The page's <title>; else the labelled title, else the opening words of its text (listings need one)."""
    return _clean(title) or truth.get("title") or _clean(truth.get("text") or "")[:30] or "无标题"


def _known(charset: str) -> str | None:
    try:
        codecs.lookup(charset)
    except LookupError:
        return None
    return charset


def _clean(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


# --------------------------------------------------------------------------- the article copies


def date_patterns(day: dt.date) -> list[tuple[re.Pattern[str], Callable[[dt.date], str]]]:
    """The ways a page may write ``day``, each with a function writing another day the same way."""
    y, m, d = day.year, day.month, day.day
    out = []
    for sep in ("-", "/", "."):
        out.append((rf"{y}{re.escape(sep)}{m:02d}{re.escape(sep)}{d:02d}", f"%Y{sep}%m{sep}%d"))
        out.append((rf"{y}{re.escape(sep)}{m}{re.escape(sep)}{d}(?!\d)", f"%Y{sep}%-m{sep}%-d"))
    out.append((rf"{y}年{m:02d}月{d:02d}日", "%Y年%m月%d日"))
    out.append((rf"{y}年{m}月{d}日", "%Y年%-m月%-d日"))
    # the year first, as a literal (a leading look-behind would make every search scan the page slowly)
    return [(re.compile(rf"{y}(?<!\d{y}){p[4:]}"), lambda when, f=f: when.strftime(f)) for p, f in out]


def article_bytes(copy: Copy) -> bytes:
    """The source page as this copy: its document id in a meta, its publish date moved to the copy's, its
    canonical URL (and og:url) its own, as each page of a site names itself."""
    source = copy.source
    text = source.body.decode(source.codec, errors="surrogateescape")
    own = lambda tag: URL_ATTRIBUTE.sub(lambda m: f"{m[1]}={m[2]}{copy.key}{m[2]}", tag[0])  # noqa: E731
    text = SELF_URL_TAG.sub(own, text)
    if copy.suffix:  # the page's titles (<title>, the first <h1>, og:title) name the copy
        suffix = html.escape(copy.suffix)
        for pattern in TITLE_TAGS:
            text = pattern.sub(lambda m: m[1] + m[2].rstrip() + suffix + m[3], text, count=1)
        if source.anchors:  # and the body's first line: the same page twice is one article to an archive
            text = text.replace(source.anchors[0], source.anchors[0] + suffix, 1)
    if source.published is not None:
        for pattern, write in date_patterns(source.published):
            text = pattern.sub(write(copy.when.date()), text)
    meta = f'<meta name="ArticleId" content="{copy.uid}">'
    head = HEAD.search(text)
    text = text[: head.end()] + meta + text[head.end() :] if head else meta + text
    return text.encode(source.codec, errors="surrogateescape")


def article_key(section: str, uid: int, when: dt.datetime, source: Source) -> str:
    if section == "xwdt":
        return f"/xwdt/{when:%Y%m}/t{when:%Y%m%d}_{uid}.html"
    if section == "tzgg":
        return f"/tzgg/content.jsp?id={uid}"
    slug = "-".join(re.findall(r"[a-z0-9]+", source.title.lower())[:6]) or "article"
    return f"/en/news/{when:%Y/%m}/{slug}-{uid}/"


# --------------------------------------------------------------------------- the site


class IndepPages:
    """Every page of the site by key (path, and the query where it selects a page), rendered up front."""

    def __init__(
        self, articles: int = 1000, *, seed: str = "newsarchive-indep", end: dt.date | None = None
    ) -> None:
        self.end = end or dt.date.today() - dt.timedelta(days=END_OFFSET_DAYS)
        self.sources = load_sources()
        if not self.sources:
            raise FileNotFoundError(f"no corpus pages under {CORPUS}")
        rng = random.Random(seed)
        self.copies = self._plan(rng, articles)
        self.pages: dict[str, Page] = {"/robots.txt": Page(ROBOTS, "text/plain", None)}
        for copy in self.copies:
            charset = f"; charset={copy.source.charset}" if copy.source.charset else ""
            self.pages[copy.key] = Page(article_bytes(copy), "text/html" + charset, copy.when.timestamp())
        for section, _ in SHARES:
            self._render_listings(section, [c for c in self.copies if c.section == section])

    def _render_listings(self, section: str, items: list[Copy]) -> None:
        chunks = [items[i : i + PER_PAGE] for i in range(0, len(items), PER_PAGE)]
        for number, chunk in enumerate(chunks):
            key = listing_key(section, number)
            listed = [Listed(_href(section, c.key), c.title, c.when.date(), c.source.teaser) for c in chunk]
            newest = max(c.when for c in chunk).timestamp()
            page_url = lambda n, section=section: _href(section, listing_key(section, n))  # noqa: E731
            self.pages[key] = render_listing(section, listed, number, len(chunks), newest, page_url)

    def _plan(self, rng: random.Random, count: int) -> list[Copy]:
        english = [s for s in self.sources if s.language != "zh"]
        chinese = [s for s in self.sources if s.language == "zh"]
        copies = []
        made: Counter[str] = Counter()
        uid = 40_000
        for section, share in SHARES:
            pool = english if section == "news" else chinese
            n = max(PER_PAGE, round(count * share))
            for i in range(n):
                uid += rng.randint(1, 9)
                day = self.end - dt.timedelta(days=rng.randrange(SPAN_DAYS)) if i else self.end
                minutes = rng.randrange(8 * 60, 18 * 60)
                when = dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=dt.UTC)
                source = pool[i % len(pool)]
                key = article_key(section, uid, when, source)
                copies.append(Copy(uid, section, key, when, source, made[source.name]))
                made[source.name] += 1
        return sorted(copies, key=lambda c: (c.when, c.uid), reverse=True)

    # ------------------------------------------------------------------ what bench/serve.py asks

    def key(self, path: str, query: str) -> str:
        """The page key of a request: tzgg's query selects its page; a folder is its index.html."""
        params = parse_qs(query)
        if path == "/tzgg/content.jsp":
            return f"{path}?id={params.get('id', [''])[0]}"
        if path == "/tzgg/list.jsp":
            page = params.get("pageNo", ["1"])[0]
            return path if page == "1" else f"{path}?pageNo={page}"
        if path.endswith("/") and path + "index.html" in self.pages:
            return path + "index.html"
        return path

    def get(self, key: str) -> Page | None:
        return self.pages.get(key)

    def start_keys(self) -> list[str]:
        return [listing_key(section, 0) for section, _ in SHARES]

    def listing_keys(self) -> list[str]:
        return [k for k in self.pages if _is_listing(k)]

    def info(self) -> dict[str, Any]:
        sizes = [len(p.body) for p in self.pages.values()]
        pages_per_section = [len([k for k in self.listing_keys() if _section_of(k) == s]) for s, _ in SHARES]
        return {
            "articles": len(self.copies),
            "rendered_pages": len(self.pages),
            "max_listing_pages": max(pages_per_section),
            "end": self.end.isoformat(),
            "page_bytes": {"median": statistics.median(sizes), "min": min(sizes), "max": max(sizes)},
            "article_links_css": ARTICLE_LINKS_CSS,
            "sources": len(self.sources),
        }


def _href(section: str, key: str) -> str:
    """A link as each section's template writes it: relative in xwdt and tzgg, an absolute path in news."""
    if section == "xwdt":
        return "./" + key.removeprefix("/xwdt/")
    if section == "tzgg":
        return key.removeprefix("/tzgg/")
    return key


def listing_key(section: str, number: int) -> str:
    """Listing page ``number`` (0-based) of a section."""
    if section == "xwdt":
        return "/xwdt/index.html" if number == 0 else f"/xwdt/index_{number}.html"
    if section == "tzgg":
        return "/tzgg/list.jsp" if number == 0 else f"/tzgg/list.jsp?pageNo={number + 1}"
    return "/en/news/" if number == 0 else f"/en/news/page/{number + 1}/"


def _section_of(key: str) -> str:
    return "news" if key.startswith("/en/") else key.split("/")[1]


def _is_listing(key: str) -> bool:
    return bool(
        re.fullmatch(r"/xwdt/index(_\d+)?\.html|/tzgg/list\.jsp(\?pageNo=\d+)?|/en/news/(page/\d+/)?", key)
    )
