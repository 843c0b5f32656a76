"""Shared parts of the multi-CMS test site: the registry of pages, ground-truth records, content generators.

Every family module (trs, hanweb, gkmlpt, vsb, drupal, wordpress, institute, variants, feeds, negative)
builds its pages into one ``Site`` with the site kit's CMS-family renderers (``sitekit.cms``);
``sitekit.multicms.make_app`` mounts it on a ``sitekit.server.Router``. Content is deterministic (no clock,
no randomness) so ground truth and pages never drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from newsarchive.sitekit.cms import portal
from newsarchive.sitekit.model import Item
from newsarchive.sitekit.server import Request, Response

Handler = Callable[[Request], Response]


# --------------------------------------------------------------------------- ground truth


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One request of a listing chain: path with query, method, POST form fields."""

    path: str
    method: str = "GET"
    form: tuple[tuple[str, str], ...] = ()

    def body(self) -> bytes | None:
        return urlencode(self.form).encode() if self.method == "POST" else None


@dataclass(frozen=True, slots=True)
class PageTruth:
    request: PageSpec
    articles: tuple[str, ...] = ()  # article paths (with query) in page order
    documents: tuple[str, ...] = ()  # document paths (PDF, DOC...) in page order
    next: PageSpec | None = None  # None at the end and for unfollowable pagers
    rows: tuple[tuple[str, str | None, str], ...] = ()  # (path, ISO date shown in the row or None, title)
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # warning codes that must be reported
    blocked: str | None = None  # classify_block code expected for this response
    referer: str | None = None  # Referer a POST page request must carry


@dataclass(frozen=True, slots=True)
class FamilyTruth:
    family: str
    cms: str | None  # expected Listing.cms of the first page
    start: str  # start path (may carry a #fragment, e.g. gkmlpt)
    pages: tuple[PageTruth, ...]
    encoding: str = "utf-8"
    kind: str = "listing"  # "listing" | "feed" | "sitemap" | "negative"


# --------------------------------------------------------------------------- the site


@dataclass(slots=True)
class Site:
    """Pages keyed by path + normalised query, dynamic handlers keyed by path, and the ground truth."""

    pages: dict[str, Response] = field(default_factory=dict)
    handlers: dict[str, Handler] = field(default_factory=dict)
    truths: dict[str, FamilyTruth] = field(default_factory=dict)
    prefixes: list[str] = field(default_factory=list)

    def add(self, path: str, response: Response) -> None:
        self.pages[key(path)] = response

    def add_html(self, path: str, text: str, encoding: str = "utf-8", *, header_charset: bool = True) -> None:
        ctype = f"text/html; charset={encoding}" if header_charset else "text/html"
        self.add(path, Response(200, text.encode(encoding, "xmlcharrefreplace"), ctype))

    def zh_page(self, *, side_offset: int = 0, **frame: Any) -> str:
        """``portal.zh_page`` with a 热点新闻 box of five dated article links to another column, served too
        (article-shaped links a listing parser must not take for items). ``frame``: portal.zh_page's."""
        hot = hot_items(frame["prefix"], side_offset)
        for it in hot:
            self.add_html(it.path, portal.zh_article(it.title, it.date, "热点新闻"))
        return portal.zh_page(hot=hot, **frame)

    def route(self, path: str, handler: Handler) -> None:
        self.handlers[path] = handler

    def truth(self, truth: FamilyTruth) -> None:
        self.truths[truth.family] = truth

    def handle(self, request: Request) -> Response | None:
        handler = self.handlers.get(request.path)
        if handler is not None:
            return handler(request)
        response = self.pages.get(key(f"{request.path}?{request.query}" if request.query else request.path))
        if response is None:
            return None
        return Response(response.status, response.body, response.content_type, list(response.headers))


def key(path_and_query: str) -> str:
    """Path and query with the parameters sorted and the fragment dropped: equal keys, same request."""
    path, _, query = path_and_query.split("#", 1)[0].partition("?")
    if not query:
        return path
    return path + "?" + urlencode(sorted(parse_qsl(query, keep_blank_values=True)))


def host_url(request: Request) -> str:
    return "http://" + request.headers.get("host", "127.0.0.1")


# --------------------------------------------------------------------------- content


_ZH_ORGS = (
    "广东省科学院",
    "中国科学院广州分院",
    "佛山产业技术研究院",
    "生物与医学工程研究所",
    "智能制造研究所",
    "新材料研究所",
    "测试分析研究所",
    "生态环境与土壤研究所",
)
_ZH_EVENTS = ("召开", "举办", "参加", "组织开展", "圆满完成", "成功获批", "顺利通过", "启动")
_ZH_TOPICS = (
    "年度科研工作会议",
    "重点实验室建设专项验收",
    "科技成果转化对接活动",
    "青年科技人才座谈会",
    "安全生产专题培训",
    "党风廉政建设工作部署会",
    "国际学术交流研讨会",
    "省重点研发计划项目中期检查",
    "产学研合作签约仪式",
    "科普开放日活动",
    "专利导航服务专项",
    "高层次人才引进面试工作",
)
_EN_SUBJECTS = (
    "Researchers",
    "Institute scientists",
    "A joint team",
    "The materials group",
    "Engineers",
    "The soil ecology lab",
    "Young investigators",
    "The bioengineering centre",
)
_EN_ACTIONS = (
    "develop",
    "unveil",
    "report",
    "demonstrate",
    "win funding for",
    "publish results on",
    "launch a programme on",
    "sign an agreement on",
)
_EN_TOPICS = (
    "a new catalyst for green hydrogen production",
    "low-cost sensors for river water quality",
    "recyclable battery electrodes from biomass",
    "machine learning for crop disease detection",
    "heat-resistant ceramics for turbines",
    "soil carbon storage in the Pearl River Delta",
    "rapid tests for antibiotic resistance",
    "smart manufacturing of precision moulds",
    "coastal wetland restoration methods",
    "additive manufacturing of titanium implants",
)


def zh_title(n: int) -> str:
    return (
        f"{_ZH_ORGS[n % len(_ZH_ORGS)]}{_ZH_EVENTS[(n // 3) % len(_ZH_EVENTS)]}"
        f"{2020 + n % 5}年{_ZH_TOPICS[n % len(_ZH_TOPICS)]}"
    )


def en_title(n: int) -> str:
    text = (
        f"{_EN_SUBJECTS[n % len(_EN_SUBJECTS)]} {_EN_ACTIONS[(n // 2) % len(_EN_ACTIONS)]} "
        f"{_EN_TOPICS[n % len(_EN_TOPICS)]}"
    )
    return text[0].upper() + text[1:]


def hot_items(prefix: str, offset: int) -> list[Item]:
    """Five dated links of a "热点新闻" column under ``prefix`` (``offset`` varies them per page)."""
    out = []
    for i in range(5):
        n, month = 500 + offset + i, 1 + i % 6
        path = f"{prefix}rdxw/2024{month:02d}/t2024{month:02d}1{i}_{900000 + n}.html"
        out.append(Item(path, path, zh_title(n), f"2024-0{month}-1{i}"))
    return out


def day(n: int, start: tuple[int, int, int] = (2024, 6, 28)) -> str:
    """The n-th date counting back from ``start`` in steps of 3 days (deterministic)."""
    return (dt.date(*start) - dt.timedelta(days=3 * n)).isoformat()
