"""Where the demo sites put their articles: per site family its columns, id ranges, dates and URL shapes.

Part of the offline demo (``sitekit/demo``): ``content`` builds every site from these ``SiteSpec`` records;
compose writes the words, ``locate_*`` give each article its id, URL, image and attachment paths.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from newsarchive.sitekit.model import Attachment, Column, Image

from . import bank_en, bank_science, bank_zh
from .compose import compose_drupal, compose_gdasfs, compose_trs
from .model import Draft, EditBank

Composer = Callable[[random.Random, str, dt.datetime, Column], Draft]


@dataclass(frozen=True, slots=True)
class Placed:
    """Where an article lives: its id, URL path, the date in the URL, images and attachments."""

    uid: int
    path: str
    url_date: dt.date
    images: tuple[Image, ...]
    attachments: tuple[Attachment, ...]


Locator = Callable[[random.Random, Column, int, dt.date, Draft], Placed]


@dataclass(frozen=True, slots=True)
class SiteSpec:
    name: str
    prefix: str
    language: str
    columns: tuple[Column, ...]
    compose: Composer
    locate: Locator
    bank: EditBank
    gap_days: tuple[float, float]  # days between consecutive articles of a column
    with_time: float  # share of articles whose page shows the publish time
    republish: float  # share of articles whose URL date is a later re-publish date
    first_id: int
    id_step: tuple[int, int]
    noise_per_column: int = 3


# --------------------------------------------------------------------------- placement per site family


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _assets(
    rng: random.Random, draft: Draft, folder: str, stem: Callable[[int], str], stem_att: Callable[[int], str]
) -> tuple[tuple[Image, ...], tuple[Attachment, ...]]:
    slots = sorted(
        rng.sample(
            range(max(1, len(draft.paragraphs) - 1)),
            min(len(draft.captions), max(1, len(draft.paragraphs) - 1)),
        )
    )
    images = tuple(
        Image(f"{folder}/{stem(i)}.png", caption, after)
        for i, (caption, after) in enumerate(zip(draft.captions, slots, strict=False))
    )
    attachments = tuple(
        Attachment(f"{folder}/{stem_att(i)}.{kind}", text, kind)
        for i, (text, kind) in enumerate(draft.attachments)
    )
    return images, attachments


def locate_trs(rng: random.Random, column: Column, uid: int, url_date: dt.date, draft: Draft) -> Placed:
    folder = f"/trs/{column.key}/{url_date:%Y%m}"
    ext = column.option("ext", "html")
    images, attachments = _assets(
        rng,
        draft,
        folder,
        lambda i: f"W0{url_date:%Y%m%d}{_digits(rng, 12)}",
        lambda i: f"P0{url_date:%Y%m%d}{_digits(rng, 12)}",
    )
    return Placed(uid, f"{folder}/t{url_date:%Y%m%d}_{uid}.{ext}", url_date, images, attachments)


def locate_gdasfs(rng: random.Random, column: Column, uid: int, url_date: dt.date, draft: Draft) -> Placed:
    folder = "/gdasfs/en/News/News"
    images, attachments = _assets(
        rng,
        draft,
        f"/gdasfs/en/News/News/W0{url_date:%Y%m}",
        lambda i: f"W0{url_date:%Y%m%d}{_digits(rng, 9)}",
        lambda i: f"P0{url_date:%Y%m%d}{_digits(rng, 9)}",
    )
    return Placed(uid, f"{folder}/t{uid}.html", url_date, images, attachments)


def slugify(title: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", title.lower()).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 70:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def locate_drupal(rng: random.Random, column: Column, uid: int, url_date: dt.date, draft: Draft) -> Placed:
    folder = f"/drupal/sites/default/files/{url_date:%Y-%m}"
    images, attachments = _assets(
        rng,
        draft,
        folder,
        lambda i: f"img_{_digits(rng, 4)}",
        lambda i: f"{slugify(draft.title)[:30].rstrip('-')}-report",
    )
    return Placed(uid, f"/drupal/news/{slugify(draft.title)}", url_date, images, attachments)


def locate_wp(rng: random.Random, column: Column, uid: int, url_date: dt.date, draft: Draft) -> Placed:
    folder = f"/wp/wp-content/uploads/{url_date:%Y/%m}"
    images, attachments = _assets(
        rng,
        draft,
        folder,
        lambda i: f"IMG_{_digits(rng, 4)}-1024x683",
        lambda i: f"{slugify(draft.title)[:24]}",
    )
    return Placed(uid, f"/wp/{url_date:%Y/%m/%d}/{slugify(draft.title)}/", url_date, images, attachments)


def compose_wp(rng: random.Random, kind: str, when: dt.datetime, column: Column) -> Draft:
    """The WordPress blog reuses the science stories for another institute; every post has an author."""
    draft = compose_drupal(rng, kind, when, institute=(WP_INSTITUTE, WP_SHORT), sources=WP_SOURCES)
    return replace(draft, author=draft.author or f"{WP_SHORT} Communications")


WP_INSTITUTE, WP_SHORT = "Lingnan Institute of Coastal Science", "LICS"
WP_SOURCES = (
    WP_INSTITUTE,
    f"{WP_SHORT} Communications Office",
    "Lingnan Academy of Sciences",
    f"Coastal Ecosystems Group, {WP_SHORT}",
    f"Estuary Observatory, {WP_SHORT}",
    "South China Morning Post",
    "Xinhua",
)


# --------------------------------------------------------------------------- the sites

TRS = SiteSpec(
    name="trs",
    prefix="/trs",
    language="zh",
    columns=(
        Column(
            "zhxw",
            "综合新闻",
            "/trs/zhxw/index.html",
            ("visit", "party", "cooperation", "campus", "honor", "visit"),
            count=32,
            new=11,
            per_page=12,
            options=(("charset", "meta-gbk"), ("pager", "createPageHTML"), ("ext", "html")),
        ),
        Column(
            "kyjz",
            "科研进展",
            "/trs/kyjz/index.html",
            ("research", "research", "research", "award"),
            count=32,
            new=10,
            per_page=12,
            options=(("charset", "header-gbk"), ("pager", "inline"), ("ext", "html")),
        ),
        Column(
            "xshd",
            "学术活动",
            "/trs/xshd/list.shtml",
            ("seminar", "seminar", "conference"),
            count=32,
            new=12,
            per_page=12,
            options=(("charset", "meta-gb2312"), ("pager", "page_div"), ("ext", "shtml"), ("rare", "1")),
        ),
    ),
    compose=lambda rng, kind, when, col: compose_trs(rng, kind, when, rare_names=bool(col.option("rare"))),
    locate=locate_trs,
    bank=EditBank(
        bank_zh.TYPOS,
        bank_zh.EDIT_SENTENCES,
        bank_zh.EDIT_PARAGRAPHS,
        ("综合办公室", "科研管理处", "岭南科学院", "新材料研究所", "研究生部"),
    ),
    gap_days=(3, 17),
    with_time=0.75,
    republish=0.18,
    first_id=612300,
    id_step=(3, 41),
)

GDASFS = SiteSpec(
    name="gdasfs",
    prefix="/gdasfs",
    language="en",
    columns=(
        Column(
            "News",
            "News",
            "/gdasfs/en/News/News/index.html",
            ("visit", "cooperation", "incubation", "event", "award", "visit", "cooperation"),
            count=30,
            new=11,
            per_page=10,
        ),
    ),
    compose=lambda rng, kind, when, col: compose_gdasfs(rng, kind, when),
    locate=locate_gdasfs,
    bank=EditBank(
        bank_en.TYPOS,
        bank_en.EDIT_SENTENCES,
        bank_en.EDIT_PARAGRAPHS,
        ("岭南科学院", "江门市科学技术局", bank_en.INSTITUTE_ZH, "岭南科学院国际合作处"),
    ),
    gap_days=(4, 20),
    with_time=0.0,
    republish=0.0,
    first_id=31804,
    id_step=(4, 57),
)

DRUPAL = SiteSpec(
    name="drupal",
    prefix="/drupal",
    language="en",
    columns=(
        Column(
            "news",
            "News",
            "/drupal/news",
            ("research", "research", "research", "people", "event", "collaboration"),
            count=36,
            new=10,
            per_page=10,
        ),
    ),
    compose=lambda rng, kind, when, col: compose_drupal(rng, kind, when),
    locate=locate_drupal,
    bank=EditBank(
        bank_science.TYPOS, bank_science.EDIT_SENTENCES, bank_science.EDIT_PARAGRAPHS, bank_science.SOURCES
    ),
    gap_days=(2, 14),
    with_time=1.0,
    republish=0.0,
    first_id=2140,
    id_step=(1, 13),
    noise_per_column=4,
)

WP = SiteSpec(
    name="wp",
    prefix="/wp",
    language="en",
    columns=(
        Column(
            "news",
            "News",
            "/wp/category/news/",
            ("research", "research", "people", "event", "collaboration"),
            count=30,
            new=10,
            per_page=10,
        ),
    ),
    compose=compose_wp,
    locate=locate_wp,
    bank=EditBank(
        bank_science.TYPOS,
        tuple(s.replace("PRIEE", WP_SHORT) for s in bank_science.EDIT_SENTENCES),
        tuple(s.replace("PRIEE", WP_SHORT) for s in bank_science.EDIT_PARAGRAPHS),
        WP_SOURCES,
    ),
    gap_days=(3, 16),
    with_time=1.0,
    republish=0.0,
    first_id=1180,
    id_step=(2, 19),
)

SPECS = (TRS, GDASFS, DRUPAL, WP)
