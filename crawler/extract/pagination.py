"""Generic next-page detection on an HTML listing page (docs/cms-patterns.md §9).

Sits under ``crawler.extract.listing.parse_listing``, after the per-site override and the per-CMS pagers
(``crawler.extract.cms``): ``rel=next``, then anchors whose text says "next" (下一页, Next, Older, ›, »...),
then numbered pagers (current + 1), then URLs that differ from the page's own URL by page number + 1.
Pseudo-links (``javascript:``, ``#page=2``, onclick-only) are never followed: they give a
"pager-unfollowable" warning and no request.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

import lxml.html

from .cms.base import (
    PAGE_NUMBER_PARAMS,
    NextPage,
    PageRequest,
    is_pseudo_href,
    resolve,
    same_page,
)
from .cms.pager import pick_next, unfollowable
from .dom import class_words, element_text, fold
from .rules import SiteRules, select_all

if TYPE_CHECKING:
    from parsel import Selector

logger = logging.getLogger(__name__)

# next-page words and symbols; the rank (0 surest) decides between several candidates
NEXT_WORDS = (
    frozenset({"下一页", "下页", "后页", "下一頁", "後頁", "后一页", "翻下页", "下一页面", "向后"}),
    frozenset(
        {
            "next",
            "next page",
            "nextpage",
            "older",
            "older posts",
            "older entries",
            "older articles",
            "older news",
            "next posts",
            "next entries",
            "weiter",
            "nächste",
            "nächste seite",
            "suivant",
            "page suivante",
            "siguiente",
            "próxima",
            "successiva",
            "volgende",
            "次へ",
            "次のページ",
            "다음",
            "следующая",
        }
    ),
)
NEXT_SYMBOLS = (
    frozenset({"›", ">", "〉", "→", "⟩", "▶", "►", "››", "next›"}),
    frozenset({"»", ">>", "》", "»»"}),
)
_EDGES = " []【】()（）|<>‹›«»→←…·:：-\u3000\xa0"
NOT_NEXT = re.compile(
    r"下一篇|next (?:article|story|post|item)\b|上一|prev|previous|首页|尾页|末页|last|first", re.I
)
NEXT_CLASS = re.compile(
    r"^(?:.*[-_])?(?:next|nextpage|next-page|pagenext|page-next|nxt)$|--next$|^p_next$", re.I
)
CURRENT_CLASS = re.compile(
    r"(?:^|[-_])(?:current|active|on|cur|curr|selected|now|pageon|thisclass|"
    r"page-current|currentpage)$|current|active",
    re.I,
)
PAGER_TEXT = (
    re.compile(r"第\s*(\d+)\s*/\s*(\d+)\s*页"),
    re.compile(r"(?<![\d/])(\d+)\s*/\s*(\d+)\s*页"),
    re.compile(r"\bpage\s+(\d+)\s+of\s+(\d+)\b", re.I),
)
TOTAL_TEXT = re.compile(r"共\s*(\d+)\s*页")
PAGE_PARAMS = PAGE_NUMBER_PARAMS | {"p"}  # ?p=N pages WordPress-style indexes (never an article shape)


def find_next_page(root: lxml.html.HtmlElement, base: str, page_url: str) -> NextPage:
    """The generic detectors in order. The first followable next link wins; a recognised pager at its end
    (a disabled "next", the last number current) stops the search; pseudo-links only leave a warning and let
    the later detectors look (a slider's ``href="#"`` arrow must not hide the real pager)."""
    warnings: list[str] = []
    for detector in (rel_next, text_next, numbered_next, load_more_next, increment_next):
        found = detector(root, base, page_url)
        if found.requests:
            return _with_counts(found, root)
        if found.found and not found.warnings:
            return _with_counts(
                NextPage(
                    warnings=tuple(warnings[:1]),
                    page_count=found.page_count,
                    current_page=found.current_page,
                    found=True,
                ),
                root,
            )
        warnings.extend(found.warnings)
    return _with_counts(NextPage(warnings=tuple(warnings[:1]), found=bool(warnings)), root)


def override_next(root: lxml.html.HtmlElement, base: str, page_url: str, rules: SiteRules) -> NextPage:
    """The per-site ``next_page`` selector (elements or hrefs). Matching nothing means "the last page"."""
    if not rules.next_page:
        return NextPage()
    warnings: list[str] = []
    for node in select_all(root_selector(root), rules.next_page):
        raw = node.root
        href = raw if isinstance(raw, str) else raw.get("href")
        url = resolve(href, base)
        if url and not same_page(url, page_url):
            return NextPage((PageRequest(url),), found=True)
        if href is not None and is_pseudo_href(href):
            warnings.append(unfollowable(raw if not isinstance(raw, str) else None, href))
    return NextPage(warnings=tuple(warnings[:1]), found=True)


def root_selector(root: lxml.html.HtmlElement) -> Selector:
    from parsel import Selector

    return Selector(root=root, type="html")


# --------------------------------------------------------------------------- detectors


def rel_next(root: lxml.html.HtmlElement, base: str, page_url: str) -> NextPage:
    nodes = root.xpath(
        "//link[contains(concat(' ', normalize-space(translate(@rel, 'NEXT', 'next')), ' '),"
        " ' next ')] | //a[contains(concat(' ', normalize-space(translate(@rel, 'NEXT', 'next')),"
        " ' '), ' next ')]"
    )
    return pick_next(nodes, base, page_url)


def text_next(root: lxml.html.HtmlElement, base: str, page_url: str) -> NextPage:
    """Anchors saying "next" (下一页, Next, Older, ›, »...), surest words first; the first followable wins."""
    ranked: list[tuple[int, int, lxml.html.HtmlElement]] = []
    for order, el in enumerate(root.iter("a", "span", "button")):
        rank = next_rank(el)
        if rank is not None:
            ranked.append((rank, order, el))
    if not ranked:
        return NextPage()
    ranked.sort(key=lambda r: (r[0], r[1]))
    warnings: list[str] = []
    ended = False
    for rank in sorted({r for r, _, _ in ranked}):
        found = pick_next([el for r, _, el in ranked if r == rank], base, page_url, strict=rank <= 1)
        if found.requests:
            return found
        warnings.extend(found.warnings)
        ended = ended or (found.found and not found.warnings)
    if ended:
        return NextPage(found=True)
    return NextPage(warnings=tuple(warnings[:1]), found=bool(warnings))


LOAD_MORE = frozenset(
    {
        "load more",
        "show more",
        "more news",
        "more stories",
        "more articles",
        "more posts",
        "view more",
        "加载更多",
        "点击加载更多",
        "查看更多",
        "浏览更多",
        "更多新闻",
    }
)


def load_more_next(root: lxml.html.HtmlElement, base: str, page_url: str) -> NextPage:
    """A "Load more"/加载更多 button with a real href to this same listing, paged (``?page=2``, ``/page/2/``).

    "更多" links in side boxes lead to other columns: only a link back to this page's own path counts.
    """
    here = urlsplit(page_url)
    for el in root.iter("a"):
        if fold(element_text(el)).lower().strip(_EDGES) not in LOAD_MORE:
            continue
        url = resolve(el.get("href"), base)
        if url is None or same_page(url, page_url):
            continue
        there = urlsplit(url)
        if there.netloc != here.netloc:
            continue
        paged = any(k.lower() in PAGE_PARAMS for k, _ in parse_qsl(there.query))
        if (there.path == here.path and paged) or re.fullmatch(
            re.escape(here.path.rstrip("/")) + r"/page/\d+/?", there.path
        ):
            return NextPage((PageRequest(url),), found=True)
    return NextPage()


def next_rank(el: lxml.html.HtmlElement) -> int | None:
    """0-3 for an element that says "next page" (lower is surer), None otherwise."""
    if el.tag in ("span", "li", "button"):
        if el.xpath(".//a"):
            return None  # the anchor inside is looked at on its own
        if el.tag == "li" or (el.getparent() is not None and el.getparent().tag == "a"):
            return None
    text = fold(element_text(el)).lower()
    core = text.strip(_EDGES)
    label = fold(el.get("aria-label") or el.get("title") or "").lower()
    if core:
        if NOT_NEXT.search(core):
            return None
        for rank, words in enumerate(NEXT_WORDS):
            if core in words:
                return rank
    elif text:
        if label and NOT_NEXT.search(label):
            return None
        compact = text.replace(" ", "")
        for rank, symbols in enumerate(NEXT_SYMBOLS, start=2):
            if compact in symbols:
                return rank
    if not text and label.strip(_EDGES) in NEXT_WORDS[0] | NEXT_WORDS[1] | {"next page", "go to next page"}:
        return 1
    classes = class_words(el)
    parent = el.getparent()
    if parent is not None and parent.tag == "li":
        classes = classes + class_words(parent)
    if any(NEXT_CLASS.search(w) for w in classes) and len(text) <= 12 and not NOT_NEXT.search(text):
        return 1
    return None


def numbered_next(root: lxml.html.HtmlElement, base: str, page_url: str) -> NextPage:
    """current + 1 in a numbered pager; current is the unlinked number, span.current or .active."""
    groups: dict[int, list[lxml.html.HtmlElement]] = {}
    for el in root.iter("a", "span", "strong", "b", "em", "font", "li", "td"):
        text = fold(element_text(el)).strip("[]")
        if not re.fullmatch(r"\d{1,4}", text) or el.xpath(".//a|.//span|.//strong|.//b|.//em|.//font"):
            continue
        parent = el.getparent()
        holder = parent.getparent() if parent is not None and parent.tag in ("li", "span", "td") else parent
        if holder is not None:
            groups.setdefault(id(holder), []).append(el)
    best: NextPage = NextPage()
    for members in groups.values():
        linked = [el for el in members if el.tag == "a"]
        if len(members) < 2 or not linked:
            continue
        current = _current_number(members, base, page_url)
        if current is None:
            continue
        targets = [el for el in linked if _number(el) == current + 1]
        numbers = [_number(el) for el in linked] + [current]
        if targets:
            found = pick_next(targets, base, page_url, strict=False)
            return NextPage(found.requests, found.warnings, max(numbers), current, True)
        best = NextPage((), (), max(numbers), current, True)  # the current page is the last one shown
    return best


def _current_number(members: list[lxml.html.HtmlElement], base: str, page_url: str) -> int | None:
    """The current page: a number marked current/active, else an unlinked (or self-linked) number that
    continues the linked ones (so "15 条/页" or a year in the pager's text is never taken for it)."""
    linked = {_number(el) for el in members if el.tag == "a" and el.get("href") is not None}
    for el in members:
        words = class_words(el) + (class_words(el.getparent()) if el.getparent() is not None else [])
        if el.get("aria-current") or any(CURRENT_CLASS.search(w) for w in words):
            return _number(el)
    for el in members:
        number = _number(el)
        if number - 1 not in linked and number + 1 not in linked:
            continue
        if el.tag != "a" or el.get("href") is None:
            return number
        url = resolve(el.get("href"), base)
        if url and same_page(url, page_url):
            return number
    return None


def _number(el: lxml.html.HtmlElement) -> int:
    return int(fold(element_text(el)).strip("[]"))


_NUM = re.compile(r"\d+")


def increment_next(root: lxml.html.HtmlElement, base: str, page_url: str) -> NextPage:
    """A link to this page's URL with its page number + 1 (``?pageNo=3`` on ``?pageNo=2``, ``_4.html``)."""
    here = urlsplit(page_url)
    params = dict(parse_qsl(here.query, keep_blank_values=True))
    for el in root.iter("a"):
        url = resolve(el.get("href"), base)
        if not url:
            continue
        there = urlsplit(url)
        if (there.scheme, there.netloc) != (here.scheme, here.netloc):
            continue
        if there.path == here.path and _query_step(
            params, dict(parse_qsl(there.query, keep_blank_values=True))
        ):
            return NextPage((PageRequest(url),), found=True)
        if there.query == here.query and _path_step(here.path, there.path):
            return NextPage((PageRequest(url),), found=True)
    return NextPage()


def _query_step(here: dict[str, str], there: dict[str, str]) -> bool:
    if set(here) != set(there):
        return False
    diff = [k for k in here if here[k] != there[k]]
    if len(diff) != 1 or diff[0].lower() not in PAGE_PARAMS:
        return False
    a, b = here[diff[0]], there[diff[0]]
    return a.isdigit() and b.isdigit() and int(b) == int(a) + 1


def _path_step(here: str, there: str) -> bool:
    a, b = _NUM.split(here), _NUM.split(there)
    if a != b:
        return False
    na, nb = _NUM.findall(here), _NUM.findall(there)
    diff = [i for i, (x, y) in enumerate(zip(na, nb, strict=True)) if x != y]
    return len(diff) == 1 and diff[0] == len(na) - 1 and int(nb[-1]) == int(na[-1]) + 1


# --------------------------------------------------------------------------- helpers


def _with_counts(found: NextPage, root: lxml.html.HtmlElement) -> NextPage:
    if found.page_count is not None:
        return found
    count, current = pager_counts(root)
    return NextPage(found.requests, found.warnings, count, found.current_page or current, found.found)


def pager_counts(root: lxml.html.HtmlElement) -> tuple[int | None, int | None]:
    """(total pages, current page) stated in pager text ("第1/436页", "共5页", "Page 2 of 9")."""
    body = root.find("body")
    text = element_text(body if body is not None else root)
    for pattern in PAGER_TEXT:
        m = pattern.search(text)
        if m:
            current, total = int(m.group(1)), int(m.group(2))
            if 0 < current <= total:
                return total, current
    m = TOTAL_TEXT.search(text)
    if m:
        return int(m.group(1)), None
    return None, None
