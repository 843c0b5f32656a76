"""Rows of a listing page: which repeated element holds a link, its date, its list, and page chrome.

Used by ``crawler.extract.cms.generic`` (article links) and ``crawler.extract.listing`` (override links):
the structure signals of docs/cms-patterns.md §8 (repeated sibling rows, a date beside the link, blocks of
header/nav/footer/aside/menus, the pager next to the list, side boxes named "热点"/"Related").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from ..dates import find_dates
from ..dom import class_words, element_text, fold
from .base import is_pseudo_href, iso_date
from .pager import PAGER_WORD

logger = logging.getLogger(__name__)

MAX_ROW_LINKS = 8  # an element with more distinct links than this is a list, not a row
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "menu"})
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "menu", "menubar", "search", "complementary"}
)
# a class name or id marking page chrome: as a whole word, or as one part of a compound ("left-nav")
CHROME_WORD = re.compile(
    r"^(?:.*[-_])?(?:nav|navbar|navigation|menu|menus|submenu|mainmenu|megamenu|footer|sidebar|breadcrumbs?|"
    r"crumbs?|topbar|toolbar|dropdown|copyright|friendlinks?|yqlj|quicklinks|sitenav)(?:[-_].*)?$|"
    r"^(?:header|head|foot|top|bread|location|position|weizhi|dqwz|share|social|aside|sitemap|"
    r"(?:site|page|global|main|top)[-_]?header|header[-_]?(?:wrap|box|inner|container|top|bar))$"
)
# class tokens that mark a row's state, not its kind (odd/even stripes, the first item, the current tab)
STATE_TOKENS = frozenset(
    {
        "odd",
        "even",
        "first",
        "last",
        "on",
        "active",
        "current",
        "cur",
        "hot",
        "new",
        "top",
        "clearfix",
        "clear",
        "cf",
        "fl",
        "fr",
        "left",
        "right",
        "selected",
        "alt",
        "show",
        "hide",
        "hidden",
        "visible",
        "item",
        "row",
    }
)
_TIME_DATETIME = etree.XPath(".//time/@datetime")
_RELATIVE = re.compile(
    r"\d+\s*(?:秒|分钟|小时|天|周|个月)前|刚刚|今天|昨天|前天|"
    r"\b\d+\s*(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?)\s+ago\b|"
    r"\b(?:yesterday|today)\b",
    re.I,
)


# "06-28", "6/28", "6月28日": a row date without its year (dated, but no ISO date can be given)
_MONTH_DAY = re.compile(
    r"(?<![\d/-])(?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12]\d|3[01])(?![\d/-])|"
    r"(?<!\d)(?:0?[1-9]|1[0-2])月(?:0?[1-9]|[12]\d|3[01])日"
)


Signature = tuple[str, frozenset[str]]


def signature(el: lxml.html.HtmlElement) -> Signature:
    classes = frozenset(re.sub(r"\d+", "", c) for c in (el.get("class") or "").lower().split()) - STATE_TOKENS
    return str(el.tag), classes - {""}


def similar(a: Signature, b: Signature) -> bool:
    if a[0] != b[0]:
        return False
    if a[1] == b[1]:
        return True
    if not a[1] or not b[1]:
        return False
    return len(a[1] & b[1]) * 2 >= len(a[1] | b[1])


class Siblings:
    """The element children of one parent grouped by signature: how many have each, and where the first is.

    ``alike`` compares signatures, not elements, so a list of n rows costs n signatures and a few
    comparisons, never n * n. A parent whose children carry more than ``MAX_FUZZY`` distinct signatures
    (rows with per-item class names) compares each with its ``MAX_FUZZY`` most common ones only, so the work
    stays linear however the classes vary; exact matches always count.
    """

    MAX_FUZZY = 64

    def __init__(self, parent: lxml.html.HtmlElement) -> None:
        self.groups: dict[Signature, list[int]] = {}  # signature -> [count, position of the first]
        position = 0
        for child in parent:
            if isinstance(child.tag, str):
                group = self.groups.setdefault(signature(child), [0, position])
                group[0] += 1
                position += 1
        common = sorted(self.groups, key=lambda sig: -self.groups[sig][0])
        self.common = common[: self.MAX_FUZZY]
        self._alike: dict[Signature, tuple[int, Signature]] = {}

    def alike(self, sig: Signature) -> tuple[int, Signature]:
        """How many children look like ``sig``, and the signature of the first of them."""
        found = self._alike.get(sig)
        if found is None:
            matches = [s for s in self.common if similar(s, sig)]
            if sig in self.groups and sig not in matches:
                matches.append(sig)
            if not matches:
                found = (1, sig)
            else:
                count = sum(self.groups[s][0] for s in matches)
                found = (max(count, 1), min(matches, key=lambda s: self.groups[s][1]))
            self._alike[sig] = found
        return found


class Rows:
    """Per-document caches for row finding: distinct links under each element, sibling signatures."""

    def __init__(self, root: lxml.html.HtmlElement, page_url: str = "") -> None:
        path = urlsplit(page_url).path
        folder = path[: path.rfind("/") + 1]
        self.folder = (
            folder if folder.count("/") >= 2 else ""
        )  # the listing's own folder, never the site root
        # distinct hrefs under each element, counted up to MAX_ROW_LINKS + 1: past that it is a list, and
        # so is every element above it, so the climb stops there (linear in the links, not links x depth)
        self.links: dict[lxml.html.HtmlElement, set[str]] = {}
        for a in root.iter("a", "area"):
            href = a.get("href")
            if href is None or is_pseudo_href(href):
                continue
            for anc in a.iterancestors():
                hrefs = self.links.setdefault(anc, set())
                if len(hrefs) > MAX_ROW_LINKS:
                    break
                hrefs.add(href)
        self._siblings: dict[lxml.html.HtmlElement, Siblings] = {}
        self._chrome: dict[lxml.html.HtmlElement, bool] = {}
        # pagers and every element holding one: "is the pager in this block?" is one set lookup
        self.paged: set[lxml.html.HtmlElement] = set()
        for el in root.iter():
            if isinstance(el.tag, str) and _is_pager(el):
                self.paged.add(el)
                self.paged.update(el.iterancestors())

    def block_weight(self, outer: lxml.html.HtmlElement, urls: list[str]) -> float:
        """x2.5 with the pager in or right after the block, x1.5 when most items live under the listing's own
        folder; 0 for a side box ("热点", "Related") away from any pager."""
        paged = outer in self.paged or outer.getnext() in self.paged
        if _side_heading(outer):
            return 1.0 if paged else 0.0
        weight = 2.5 if paged else 1.0
        if self.folder and sum(1 for u in urls if urlsplit(u).path.startswith(self.folder)) * 2 > len(urls):
            weight *= 1.5
        return weight

    @staticmethod
    def related(fam: tuple[object, ...], top: tuple[object, ...]) -> bool:
        """Another list that continues the top one: rows and containers alike, in the same or sibling blocks
        (two half-columns of one listing); never a box of another shape nested in the listing's block."""
        a, b = fam[1], top[1]
        if fam[2:] != top[2:] or not isinstance(a, etree._Element) or not isinstance(b, etree._Element):
            return False
        return a is b or a.getparent() is b.getparent() or _contains(a, b) or _contains(b, a)

    def is_list(self, el: lxml.html.HtmlElement) -> bool:
        """True for an element holding more distinct links than a row does."""
        return len(self.links.get(el, ())) > MAX_ROW_LINKS

    def repeat(self, el: lxml.html.HtmlElement) -> tuple[int, Signature]:
        """How many siblings (itself included) look like ``el``, and the signature of the first of them."""
        parent = el.getparent()
        sig = signature(el)
        if parent is None:
            return 1, sig
        siblings = self._siblings.get(parent)
        if siblings is None:
            siblings = self._siblings[parent] = Siblings(parent)
        return siblings.alike(sig)

    def find_row(self, anchor: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, int]:
        """The repeated element (li, tr, div.views-row...) holding the anchor, and its number of look-alikes.

        Climbs at most 7 levels and never above an element holding several links (that is the list itself).
        Among the levels, the one with the most similar siblings wins. (None, 1) when nothing repeats.
        """
        best: lxml.html.HtmlElement | None = None
        best_count = 1
        node = anchor.getparent()
        depth = 0
        while node is not None and node.tag not in ("body", "html") and depth < 7:
            if self.is_list(node):
                break
            count, _ = self.repeat(node)
            if count > best_count:
                best, best_count = node, count
            node = node.getparent()
            depth += 1
        if best is None:
            count, _ = self.repeat(anchor)
            if count >= 2:
                return anchor, count
        return best, best_count

    def family_key(
        self, anchor: lxml.html.HtmlElement, row: lxml.html.HtmlElement | None
    ) -> tuple[object, ...]:
        """Rows of one list share a key; a list split into several <ul> blocks too (same grandparent)."""
        container = row.getparent() if row is not None else None
        if row is None or container is None:
            return ("single", anchor)
        outer = container.getparent()
        _, canonical = self.repeat(row)
        return ("list", outer if outer is not None else container, str(container.tag), canonical)

    def in_chrome(self, el: lxml.html.HtmlElement) -> bool:
        """True inside header/nav/footer/aside or a menu-classed block that holds no main content."""
        chain = []
        answer = False
        for node in el.iterancestors():
            if node in self._chrome:
                answer = self._chrome[node]
                break
            if node.tag in ("body", "html"):
                break
            chain.append(node)
            if _is_chrome_block(node):
                answer = True
                break
        for node in chain:
            self._chrome[node] = answer
        return answer


def _is_chrome_block(node: lxml.html.HtmlElement) -> bool:
    role = (node.get("role") or "").lower()
    if (
        node.tag in CHROME_TAGS
        or role in CHROME_ROLES
        or any(CHROME_WORD.match(w) for w in class_words(node))
    ):
        return not node.xpath(".//main|.//*[@role='main']|.//article")
    return False


PAGER_SCRIPT = re.compile(r"createPageHTML|countPage|jpage\(|getLinkStr|laypage|pagination\(")
SIDE_HEADING = re.compile(
    r"热点|热门|推荐|排行|相关|精彩|猜你喜欢|popular|most (?:read|viewed|popular)|related|"
    r"trending|recommended|you may also|highlights|spotlight",
    re.I,
)


def _is_pager(el: lxml.html.HtmlElement) -> bool:
    if el.tag == "script":
        return bool(el.text and PAGER_SCRIPT.search(el.text))
    return any(PAGER_WORD.match(w) for w in class_words(el))


def _contains(outer: lxml.html.HtmlElement, inner: lxml.html.HtmlElement) -> bool:
    return any(anc is outer for anc in inner.iterancestors())


def _side_heading(outer: lxml.html.HtmlElement) -> bool:
    """True when the block's own heading (or the label right before it) names a side box."""
    heads = outer.xpath(
        "./h1|./h2|./h3|./h4|./h5|./*[not(self::ul or self::ol or self::table)][1]"
        "[self::div or self::p or self::span][string-length(normalize-space()) < 20]"
    )
    prev = outer.getprevious()
    if prev is not None and isinstance(prev.tag, str) and len(element_text(prev)) < 20:
        heads.append(prev)
    return any(SIDE_HEADING.search(element_text(h)) for h in heads if isinstance(h.tag, str))


def find_row(anchor: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement | None, int]:
    """``Rows.find_row`` for one anchor (builds the caches of its document)."""
    return Rows(anchor.getroottree().getroot()).find_row(anchor)


def row_context(anchor: lxml.html.HtmlElement, row: lxml.html.HtmlElement | None, title: str = "") -> str:
    """Text of the row around the link, the title left out.

    A row runs on over its following siblings up to the next look-alike (``<dt>`` + ``<dd>``,
    ``<h3>`` + ``<p>`` + ``<span class="date">``); a link wrapping a card brings its own text.
    """
    own = element_text(anchor)
    parts = [own.replace(title, " ", 1) if title and title in own and own != title else ""]
    stop: Callable[[lxml.html.HtmlElement], bool]
    if row is None or row is anchor:
        node, stop = anchor, lambda el: el.tag == "a"
    else:
        parts.append(element_text(row).replace(own, " ", 1) if own else element_text(row))
        sig = signature(row)
        node, stop = row, lambda el: bool(similar(signature(el), sig))
    parts.append(node.tail or "")
    for count, sib in enumerate(node.itersiblings()):
        if count >= 4 or (isinstance(sib.tag, str) and stop(sib)):
            break
        if isinstance(sib.tag, str) and sib.tag not in ("script", "style"):
            parts.append(element_text(sib))
        parts.append(sib.tail or "")
    return fold(" ".join(parts))


def row_date(row: lxml.html.HtmlElement, context: str) -> tuple[str | None, bool]:
    """(ISO date, dated?) for a row: <time datetime>, a date in the text, or a relative time ("3小时前")."""
    for value in _TIME_DATETIME(row):
        iso = iso_date(str(value))
        if iso:
            return iso, True
    dates = find_dates(context)
    if dates:
        return dates[0][1].strftime("%Y-%m-%d"), True
    return None, bool(_RELATIVE.search(context) or _MONTH_DAY.search(context))
