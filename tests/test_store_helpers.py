"""Builders shared by the storage tests: RawPage and record dicts shaped exactly as the crawler makes them.

No tests here; imported by tests/test_store*.py, test_datasette.py, test_warc.py and test_reextract.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsarchive.crawler.extract.page import RawPage
from newsarchive.crawler.extract.record import ArticleRecord, Attachment, Image

PARAGRAPHS = [
    "中国科学院近日召开会议，部署下一阶段科技创新重点任务，强调要加强基础研究和关键核心技术攻关。",
    "会议指出，要坚持面向世界科技前沿、面向经济主战场、面向国家重大需求、面向人民生命健康。",
    "研究所科研人员在量子信息领域取得重要进展，相关成果发表在国际学术期刊上，引起广泛关注。",
    "下一步，研究团队将继续开展合作研究，推动成果转化应用，为经济社会发展提供科技支撑。",
]


def html_page(title: str, text: str, *, noise: str = "") -> bytes:
    """A small page with a template around the article (``noise`` varies the template only)."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    nav = "".join(f'<li><a href="/col{i}/">栏目{i}</a></li>' for i in range(30))
    return (
        f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
        f"<ul class='nav'>{nav}</ul><div class='ad'>{noise}</div><h1>{title}</h1>"
        f"<div class='content'>{paragraphs}</div><div class='footer'>版权所有 中国科学院</div>"
        f"</body></html>"
    ).encode()


def page(
    url: str,
    body: bytes,
    *,
    fetched_at: str | None = None,
    status: int = 200,
    headers: tuple[tuple[str, str], ...] | None = None,
    final_url: str | None = None,
) -> RawPage:
    if headers is None:
        headers = (("Content-Type", "text/html; charset=utf-8"), ("Server", "nginx"))
    return RawPage(
        url=url,
        body=body,
        status=status,
        headers=headers,
        final_url=final_url,
        fetched_at=fetched_at or now(),
        request_headers=(("User-Agent", "newsarchive-test"),),
    )


def record(url: str, title: str, text: str, **fields: Any) -> dict[str, Any]:
    images = tuple(Image(**i) for i in fields.pop("images", ()))
    attachments = tuple(Attachment(**a) for a in fields.pop("attachments", ()))
    fields.setdefault("published", dt.date(2026, 11, 20))
    fields.setdefault("source", "中国科学院")
    fields.setdefault("language", "zh")
    fields.setdefault("encoding", "utf-8")
    return ArticleRecord(
        url=url, title=title, text=text, images=images, attachments=attachments, **fields
    ).to_dict()


def article(
    url: str, title: str, text: str, *, fetched_at: str | None = None, noise: str = "", **fields: Any
) -> tuple[RawPage, dict[str, Any]]:
    """A page and its record, for ``store.save_article(*article(...), site=..., run_id=...)``."""
    return (
        page(url, html_page(title, text, noise=noise), fetched_at=fetched_at),
        record(url, title, text, **fields),
    )


def now(offset_minutes: float = 0) -> str:
    at = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=offset_minutes)
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def counts(db: Any) -> dict[str, int]:
    """Row counts of the archive's tables (a snapshot to compare before/after)."""
    tables = [
        "articles",
        "article_versions",
        "raw_pages",
        "fetches",
        "article_urls",
        "article_events",
        "url_state",
        "near_duplicates",
        "simhash_bands",
        "documents",
        "crawl_runs",
    ]
    return {t: db.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
