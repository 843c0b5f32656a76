"""The article title: a visible heading confirmed by the page's <title> or title metas, else the best one.

Called by ``article.py`` after ``metadata.read_metadata``. Rules: a heading (h1, a title-classed element,
h2 ...)
whose text agrees with the <title> prefix or a title meta wins; then ``ArticleTitle`` and the other title
metas; then an unconfirmed h1; then the <title> with its site-name part ("Title - 广东省科学院",
"Title_中国科学院", "Title | Institute") removed. Warnings name the fallback used.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dom import element_text, in_boilerplate

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .metadata import PageMeta

logger = logging.getLogger(__name__)

_TITLE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:(?:article|news|detail|content|post|entry|arti|page|main|con|show|text|xl|wz|nr|doc|info)"
    r"[-_]?)?(?:title|tit|headline|heading|biaoti|bt|hd)(?:$|[\s_-]|\d)",
    re.I,
)
_SEPARATOR = re.compile(
    r"\s+[-|–—·»>:]{1,2}\s+|\s*[_｜|]+\s*|\s*-{2,}\s*|\s*——\s*|\s*—\s+"
    r"|(?<=[\u4e00-\u9fff）)】」》])\s*[-–]\s*(?=[\u4e00-\u9fff（(【「《])"
)
_MIN_CHARS, _MAX_CHARS = 4, 300
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class TitleChoice:
    title: str | None
    element: HtmlElement | None  # the heading it was read from, when visible
    origin: str | None = None  # the kind of evidence (a key of arbiter.ORDER["title"])


def normalize(text: str | None) -> str:
    """NFKC, case-folded, without spaces, punctuation and symbols: the form titles are compared in."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text or "").casefold())


def split_title(text: str) -> list[str]:
    """The parts of a <title> between site-name separators."""
    return [p.strip() for p in _SEPARATOR.split(text) if p and p.strip()]


def strip_site_name(text: str | None, site_names: tuple[str, ...] = ()) -> str | None:
    """``text`` without site-name parts: known names are dropped, else the first (or clearly longest) part."""
    if not text:
        return None
    parts = split_title(text)
    if len(parts) <= 1:
        return text.strip() or None
    known = [normalize(s) for s in site_names if s and normalize(s)]
    kept = [
        p for p in parts if not any(normalize(p) and (normalize(p) in k or k in normalize(p)) for k in known)
    ]
    kept = kept or parts
    first, longest = kept[0], max(kept, key=len)
    return longest if len(longest) > 1.5 * len(first) else first


def _agreement(candidate: str, stated: list[str]) -> float:
    """How well a visible heading agrees with the titles the page states (0 = not at all)."""
    c = normalize(candidate)
    if len(c) < 2:
        return 0.0
    best = 0.0
    for s in stated:
        if not s:
            continue
        if c == s:
            return 3.0
        if s.startswith(c) and len(c) >= _MIN_CHARS:
            best = max(best, 2.5)
        elif c in s and len(c) >= max(_MIN_CHARS, 0.3 * len(s)):
            best = max(best, 2.0)
        elif s in c and len(s) >= max(_MIN_CHARS, 0.6 * len(c)):
            best = max(best, 1.5)
    return best


def _headings(tree: HtmlElement) -> list[tuple[int, HtmlElement]]:
    """Visible title candidates with a rank (lower = more heading-like), in document order."""
    found: list[tuple[int, HtmlElement]] = []
    body = tree.find("body")
    if body is None:
        return found
    for el in body.iter("h1", "h2", "h3", "div", "p", "td", "span", "strong", "b", "font", "header", "a"):
        tag = el.tag
        names = f"{el.get('class') or ''} {el.get('id') or ''}"
        if tag == "h1":
            rank = 0
        elif tag in ("h2", "h3") or (names != " " and _TITLE_CLASS.search(names)):
            rank = 1 if tag != "h3" else 2
        elif tag in ("strong", "b", "font") and len(el) <= 2:
            rank = 3
        else:
            continue
        found.append((rank, el))
        if len(found) > 400:
            break
    return found


def _usable_title_tag(text: str | None, site_names: tuple[str, ...], tree: HtmlElement) -> str | None:
    """The <title> without its site-name part, unless it is only the site's name or a generic word."""
    cleaned = strip_site_name(text, site_names)
    norm = normalize(cleaned)
    if len(norm) < 4 or cleaned is None or cleaned.endswith(("...", "…")):
        return None
    if any(norm == normalize(s) for s in site_names):
        return None
    if len(split_title(text or "")) == 1 and _named_in_chrome(norm, tree):
        return None  # the same words sit in the logo or the copyright line: a site name
    return cleaned


def _named_in_chrome(norm: str, tree: HtmlElement) -> bool:
    for el in tree.xpath(
        "//footer|//*[contains(@class,'foot') or contains(@id,'foot') or contains(@class,'copyright')"
        " or contains(@class,'logo') or contains(@id,'logo')]"
    )[:20]:
        if norm in normalize(el.text_content()):
            return True
    return False


def choose_title(tree: HtmlElement, meta: PageMeta) -> TitleChoice:
    """The article title and the element showing it (see the module docstring for the order)."""
    site_names = tuple(s for s in (meta.site_name,) if s)
    title_tag = _usable_title_tag(meta.html_title, site_names, tree)
    article_title = _article_title(tree)
    strong = [
        normalize(t) for t in (meta.html_title, *split_title(meta.html_title or ""), article_title) if t
    ]
    stated = [normalize(t) for t in (*meta.titles, title_tag) if t]
    site_part = _site_part(meta.html_title)
    best: tuple[float, int, int, HtmlElement, str] | None = None
    for order, (rank, el) in enumerate(_headings(tree)):
        text = element_text(el)
        if not (_MIN_CHARS // 2 <= len(text) <= _MAX_CHARS) or normalize(text) == site_part:
            continue
        score = _agreement(text, strong)
        if score < 2.5:  # equal to the <title> (or a part of it), or its prefix
            score = min(_agreement(text, stated), 1.0) if not title_tag else 0.0
        if score <= 0:
            continue
        if in_boilerplate(el):
            score -= 1.0
        key = (score, -rank, -order)
        if best is None or key > best[:3]:
            best = (*key, el, text)
    if best is not None and best[0] >= 2.0:
        by_cms = bool(article_title) and _agreement(best[4], [normalize(article_title)]) >= 2.0
        return TitleChoice(best[4], best[3], "cms-meta" if by_cms else "heading")
    if article_title and normalize(article_title):
        return TitleChoice(article_title, None, "cms-meta")
    if title_tag:
        confirmed = any(normalize(title_tag) == t for t in stated[:-1])
        return TitleChoice(title_tag, None, "stated" if confirmed else "title-tag")
    if best is not None:  # a heading agreeing with a title meta, when the <title> is useless
        return TitleChoice(best[4], best[3], "heading")
    if meta.titles:
        return TitleChoice(strip_site_name(meta.titles[0], site_names), None, "stated")
    for rank, el in sorted(_headings(tree), key=lambda h: h[0]):
        if rank > 1 and not _centred(el):  # old pages: a bold line centred above the text
            continue
        text = element_text(el)
        if _MIN_CHARS <= len(text) <= 120 and not in_boilerplate(el):
            return TitleChoice(text, el, "unconfirmed-heading")
    return TitleChoice(None, None)


_LABEL_COLON = re.compile(r"(?<=\S):\s+")  # "Blog name: Post title"


def agrees_with_title_tag(stated: str | None, html_title: str | None) -> bool:
    """Whether the <title> confirms a stated title: it is the stated title, alone or with other parts
    (a site name, a section) before or after a separator. A <title> that says something else (an older or
    a social-media headline) does not confirm it."""
    target = normalize(stated)
    if not target or not html_title:
        return not html_title
    if normalize(html_title) == target:
        return True
    for sep in (*_SEPARATOR.finditer(html_title), *_LABEL_COLON.finditer(html_title)):
        if target in (normalize(html_title[: sep.start()]), normalize(html_title[sep.end() :])):
            return True
    return False


def drop_site_parts(text: str | None, site_names: tuple[str, ...], tree: HtmlElement) -> str | None:
    """A stated title without a leading or trailing part that names the site ("Title | Institute"): a part
    equal to a known site name, or (trailing) named in the page's logo, footer or copyright line."""
    if not text:
        return None
    known = [normalize(s) for s in site_names if s and len(normalize(s)) >= 2]

    def is_site(part: str, *, trailing: bool) -> bool:
        norm = normalize(part)
        if not norm:
            return True
        if any(norm == k or (len(norm) >= 3 and (norm in k or k in norm)) for k in known):
            return True
        return trailing and len(norm) >= 3 and _named_in_chrome(norm, tree)

    text = text.strip()
    for _ in range(3):
        seps = list(_SEPARATOR.finditer(text))
        if not seps:
            break
        head, tail = text[: seps[-1].start()], text[seps[-1].end() :]
        first, rest = text[: seps[0].start()], text[seps[0].end() :]
        if is_site(tail, trailing=True) and normalize(head):
            text = head.strip()
        elif is_site(first, trailing=False) and normalize(rest):
            text = rest.strip()
        else:
            break
    if any(normalize(text) == k for k in known):
        return None  # only the site's name
    return text or None


def _site_part(html_title: str | None) -> str | None:
    """The last part of a <title> of several parts ("Post title · Blog"): a heading saying only that is the
    site's name (its logo), never the article's title."""
    parts = split_title(html_title or "")
    return normalize(parts[-1]) if len(parts) >= 2 else None


def _centred(el: HtmlElement) -> bool:
    for node in (el, *el.iterancestors()):
        if node.tag in ("td", "body", "table"):
            break
        style = f"{node.get('align') or ''} {node.get('style') or ''}".lower()
        if "center" in style or node.tag == "center":
            return True
    return False


def _article_title(tree: HtmlElement) -> str | None:
    """The government-site ``ArticleTitle`` meta (the CMS's own record of the title), if any."""
    for el in tree.iter("meta"):
        if (el.get("name") or "").lower() == "articletitle" and (el.get("content") or "").strip():
            from .dom import fold

            return fold(el.get("content"))
    return None
