"""Generic article-link discovery on an HTML listing page, for any CMS.

Called by ``crawler.extract.listing.parse_listing`` on the parsed page (or on a synthetic container, e.g.
Hanweb's unwrapped CDATA records). Combines the signals of docs/cms-patterns.md §8: URL shape, a date in
the link's row, repeated sibling rows outside header/nav/footer/aside/menus, link text length or ``title=``,
and the allowed hosts. Then keeps the dominant list: the best-scoring family of repeated rows, plus families
like it, so side boxes ("hot", "recommended") and menus bigger than the list drop out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from ..dom import element_text, fold
from .base import ListingLink, host_allowed, is_truncated, link_kind, resolve, same_page, text_weight
from .rows import Rows, row_context, row_date
from .shapes import article_shape

logger = logging.getLogger(__name__)

CANDIDATE_SCORE = 2.5  # an anchor at least this good may be an article link
STRONG_SCORE = 6.0  # good enough to keep even outside any repeated list
# what an anchor's row can add to its URL's score (see _candidate)
DATED_BONUS = 2.5
TITLED_BONUS = 1.5
LISTED_BONUS = 1.0
ROW_BONUS_MAX = DATED_BONUS + TITLED_BONUS + LISTED_BONUS

_HEADINGS = etree.XPath(
    ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//*[contains(concat(' ', normalize-space(@class), ' '), ' title ')]"
)
_IMAGE_ALTS = etree.XPath(".//img/@alt")


@dataclass(slots=True)
class Candidate:
    url: str
    title: str | None
    date: str | None
    dated: bool
    score: float
    order: int
    family: tuple[object, ...]
    row: object  # the row element (the anchor itself when nothing repeats)
    weight: int  # text_weight of the title


@dataclass(slots=True)
class Family:
    key: tuple[object, ...]
    urls: list[str] = field(default_factory=list)
    value: float = 0.0
    dated: int = 0
    size: int = 0  # rows of the repeated group

    @property
    def dated_share(self) -> float:
        return self.dated / len(self.urls) if self.urls else 0.0


def find_article_links(
    root: lxml.html.HtmlElement, base: str, page_url: str, allowed: tuple[str, ...]
) -> list[ListingLink]:
    """Article and document links of the page's main list, in page order, one per URL."""
    best: dict[str, Candidate] = {}
    rows = Rows(root, page_url)
    targets: dict[str, tuple[str, float] | None] = {}  # href -> (URL, its score); menus repeat hrefs
    for order, anchor in enumerate(_anchors(root)):
        href = anchor.get("href") or ""
        if href not in targets:
            targets[href] = _target(href, base, page_url, allowed)
        target = targets[href]
        if target is None:
            continue
        cand = _candidate(rows, anchor, order, *target)
        if cand is None:
            continue
        old = best.get(cand.url)
        if old is None or cand.score > old.score:
            if old is not None:
                cand.order = old.order
                cand.title = _better_title(cand.title, old.title)
                cand.date = cand.date or old.date
            best[cand.url] = cand
        else:
            old.title = _better_title(old.title, cand.title)
            old.date = old.date or cand.date
    cands = drop_secondary([c for c in best.values() if c.score >= CANDIDATE_SCORE])
    chosen = select_main_list(cands, rows)
    chosen.sort(key=lambda c: c.order)
    return [ListingLink(c.url, c.title, c.date, link_kind(c.url)) for c in chosen]


def pseudo_items(root: lxml.html.HtmlElement) -> int:
    """How many titled list items are javascript: links (a list the crawler cannot follow)."""
    rows = None
    count = 0
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip().lower()
        if not href.startswith("javascript") or text_weight(anchor_title(anchor)) < 8:
            continue
        rows = rows or Rows(root)
        if rows.find_row(anchor)[1] >= 3:
            count += 1
    return count


def drop_secondary(cands: list[Candidate]) -> list[Candidate]:
    """In a row with a titled link, short links to other URLs (tags, comments, "download") are not items."""
    best: dict[int, int] = {}
    for c in cands:
        best[id(c.row)] = max(best.get(id(c.row), 0), c.weight)
    return [c for c in cands if c.weight >= 8 or best[id(c.row)] < 8]


def select_main_list(cands: list[Candidate], rows: Rows) -> list[Candidate]:
    """The candidates of the dominant list family, and of other lists next to it that look as good.

    A family's value is the sum of its link scores, doubled when the pager sits in or right after the
    list's block, halved when the block's heading says it is a side box (热点, 推荐, Related, Most read...).
    """
    families: dict[tuple[object, ...], Family] = {}
    for c in cands:
        fam = families.setdefault(c.family, Family(c.family))
        fam.urls.append(c.url)
        fam.value += c.score
        fam.dated += c.dated
    listed = [f for f in families.values() if f.key[0] != "single" and len(f.urls) >= 2]
    if not listed:
        return [c for c in cands if c.score >= STRONG_SCORE - 2]
    for fam in listed:
        fam.value *= rows.block_weight(fam.key[1], fam.urls)
    listed = [f for f in listed if f.value > 0]
    if not listed:
        return []
    top = max(listed, key=lambda f: f.value)
    want_dated = top.dated_share >= 0.5
    keep: set[tuple[object, ...]] = {top.key}
    for fam in listed:
        if fam is top or fam.value < 0.5 * top.value or (want_dated and fam.dated_share < 0.5):
            continue
        if rows.related(fam.key, top.key):
            keep.add(fam.key)
    out = []
    for c in cands:
        if c.family in keep or (
            (c.family[0] == "single" or len(families[c.family].urls) < 2)
            and (c.score >= STRONG_SCORE and (c.dated or not want_dated))
        ):
            out.append(c)
    return out


# --------------------------------------------------------------------------- one anchor


def _anchors(root: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    for el in root.iter("a", "area"):
        if el.get("href") is None:
            continue
        yield el


def _target(href: str, base: str, page_url: str, allowed: tuple[str, ...]) -> tuple[str, float] | None:
    """The URL an href leads to and what its shape alone scores; None for links that cannot be items:
    pseudo-links, this page, other hosts, and URLs whose shape no row could lift to ``CANDIDATE_SCORE``
    (every anchor of such a URL would be dropped, so its rows need not be read)."""
    url = resolve(href, base)
    if url is None or same_page(url, page_url) or not host_allowed(url, allowed):
        return None
    score = article_shape(url)
    if link_kind(url) == "document":
        score = max(score, 2.0)
    if score + ROW_BONUS_MAX < CANDIDATE_SCORE:
        return None
    return url, score


def _candidate(rows: Rows, anchor: lxml.html.HtmlElement, order: int, url: str, score: float) -> Candidate:
    """An anchor scored: its URL's score plus what its row says (a date, a title, a repeated list) minus
    what speaks against it (no or a short title, page chrome)."""
    title = anchor_title(anchor)
    row, size = rows.find_row(anchor)
    context = row_context(anchor, row, title)
    date, dated = row_date(row if row is not None else anchor, context)
    if dated:
        score += DATED_BONUS
    weight = text_weight(title or "")
    if weight >= 8:
        score += TITLED_BONUS
    elif weight == 0:
        score -= 1.0
    elif weight <= 4:
        score -= 2.0
    if rows.in_chrome(anchor):
        score -= 4.0
    if size >= 3:
        score += LISTED_BONUS
    return Candidate(
        url,
        title or None,
        date,
        dated,
        score,
        order,
        rows.family_key(anchor, row),
        row if row is not None else anchor,
        weight,
    )


def anchor_title(anchor: lxml.html.HtmlElement) -> str:
    """The link's title: ``@title`` when the text is missing, truncated or shorter; else the text.

    A link wrapping a whole card (heading, teaser, date) is titled by its heading.
    """
    nested = len(anchor) > 0  # most links hold text only: no heading, no image to look for
    heads = _HEADINGS(anchor) if nested else []
    text = element_text(heads[0]) if heads else element_text(anchor)
    if not text and nested:
        text = fold(" ".join(str(alt) for alt in _IMAGE_ALTS(anchor)))
    attr = fold(anchor.get("title"))
    if attr and (not text or is_truncated(text) or text_weight(attr) > text_weight(text)):
        return attr
    return text


def _better_title(a: str | None, b: str | None) -> str | None:
    if not a:
        return b
    if not b:
        return a
    if is_truncated(a) and not is_truncated(b):
        return b
    return b if text_weight(b) > text_weight(a) and not is_truncated(b) else a
