"""Pages that are not what they claim: anti-bot challenges and WAF pages, and article responses that hold no
article (soft 404s, JavaScript stubs, login walls, empty templates).

Called by the spider on every response, before ``parse_listing``/``extract_article`` and before anything is
saved: ``classify_block`` (status, headers and the first bytes: a stable code) on every response, so a
blocked page is never read as "an empty listing" or "a takedown"; ``classify_page`` (a ``PageVerdict``,
"missing" or "blocked" with a reason) on article responses, so a non-article never becomes a version of an
article. Pure; no challenge is ever solved here.
"""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from .cms.base import link_kind, url_extension
from .dom import class_words, element_text, fold, parse_html, prune_chrome
from .page import RawPage, decode_page
from .rules import SiteRules

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

TINY_BODY = 16 * 1024  # challenge pages are a few KB of script
_SCRIPT = re.compile(rb"<script", re.I)
_COOKIE_JS = re.compile(rb"document\.cookie|\bcookie\s*=|setCookie", re.I)
_RELOAD_JS = re.compile(
    rb"location\.(?:reload|replace|href|assign)|window\.location\s*=|"
    rb"document\.location\s*=|setTimeout\s*\(|\$_ts|eval\s*\(",
    re.I,
)
# block pages of WAFs that answer 200: only phrases that never title a real news page
_WAF_PAGE = re.compile(
    "电信云防护|云防护拦截|访问被拦截|您的访问被|安全狗|云盾拦截|创宇盾|网站防火墙|Web应用防火墙|非法请求已被拦截|"
    r"Request blocked|Access Denied|Attention Required! \| Cloudflare|web application firewall",
    re.I,
)
_CLOUDFLARE_SCRIPT = re.compile(rb"window\._cf_chl_opt|/cdn-cgi/challenge-platform/|cf-browser-verification")
_CLOUDFLARE_PAGE = re.compile(
    rb"Just a moment\.\.\.|Attention Required! \| Cloudflare|cf-chl-|challenge-platform|cf_chl_", re.I
)
_CHALLENGE_COOKIES = (
    "__jsluid",
    "__jsl_clearance",
    "acw_sc__",
    "acw_tc",
    "yunsuo_session",
    "_waf",
    "HWWAFSESID",
)


def classify_block(page: RawPage) -> str | None:
    """A stable code for a blocked response, or None for a normal page (even an empty one or a 404).

    "challenge-412" (瑞数), "challenge-521" (加速乐 ``__jsluid``/``__jsl_clearance``), "waf-403"/"waf-405"
    (telecom-cloud and other WAF pages), "challenge-200" (a tiny page that only sets cookies and reloads),
    "waf-200" (a tiny 200 page naming a firewall block), "challenge-429"/"challenge-503" (with WAF cookies),
    "challenge-cloudflare" (Cloudflare's "Just a moment..." page, whatever its status).
    """
    status = page.status
    if is_cloudflare_challenge(page):
        return "challenge-cloudflare"
    if status == 412:
        return "challenge-412"
    if status == 521:
        return "challenge-521"
    if status in (403, 405):
        return f"waf-{status}"
    if status in (429, 503) and _challenge_cookie(page):
        return f"challenge-{status}"
    if 200 <= status < 300 and is_script_challenge(page):
        return "challenge-200"
    if 200 <= status < 300 and is_waf_page(page):
        return "waf-200"
    return None


def is_cloudflare_challenge(page: RawPage) -> bool:
    """Cloudflare's challenge: its ``cf-mitigated: challenge`` header, or its challenge page's script markers
    (served as 403, 429 or 503, sometimes 200)."""
    if (page.header("cf-mitigated") or "").strip().lower() == "challenge":
        return True
    body = page.body[: TINY_BODY * 4]
    if page.status in (403, 429, 503) and "cloudflare" in (page.header("Server") or "").lower():
        return bool(_CLOUDFLARE_PAGE.search(body))
    return bool(_CLOUDFLARE_SCRIPT.search(body))


def _challenge_cookie(page: RawPage) -> bool:
    cookies = " ".join(v for k, v in page.headers if k.lower() == "set-cookie")
    return any(name in cookies for name in _CHALLENGE_COOKIES)


def is_script_challenge(page: RawPage) -> bool:
    """A tiny page that is only a script setting cookies and reloading itself (no text, no links)."""
    body = page.body
    if not body or len(body) > TINY_BODY or not _SCRIPT.search(body):
        return False
    scripted = _COOKIE_JS.search(body) and _RELOAD_JS.search(body)
    if not scripted and not (_challenge_cookie(page) and _RELOAD_JS.search(body)):
        return False
    visible = re.sub(rb"(?is)<script.*?</script>|<style.*?</style>|<[^>]+>", b" ", body)
    links = len(re.findall(rb"<a\s[^>]*href", body, re.I))
    return len(visible.split()) <= 12 and links <= 1


def is_waf_page(page: RawPage) -> bool:
    """A small page naming a firewall block ("您的访问被电信云防护拦截", "Access Denied") with no links."""
    body = page.body
    if not body or len(body) > TINY_BODY or len(re.findall(rb"<a\s[^>]*href", body, re.I)) > 2:
        return False
    text = body.decode("utf-8", "replace")
    if "\ufffd" in text:
        text = body.decode("gb18030", "replace")
    return bool(_WAF_PAGE.search(text))


# --------------------------------------------------------------------------- pages that are not articles

MISSING, BLOCKED = "missing", "blocked"
REST_MAX = 200  # main text besides the phrase, at most, for a phrase to speak for the whole page
ARTICLE_WEIGHT = 1500  # main text of this weight is an article, whatever its title says
EMPTY_WEIGHT = 60  # main text below this (and no image, video or attachment) is an empty template
TITLE_SLACK = 12  # what a title or <h1> may hold besides the phrase ("对不起，", "Oops!", "Error")

_SORRY = r"(?:(?:对不起|抱歉|很抱歉|sorry|oops|error|错误)[!！,，.。:：\s]*)?"
NOT_FOUND = re.compile(
    _SORRY + r"(?:\b404\b(?:\s*(?:error|not found|错误))?|(?:page|file|document|article)?\s*not\s+found|"
    r"(?:that |this |the )?page (?:you (?:requested|were looking for) )?"
    r"(?:can(?:not|'t|’t)|could ?n(?:o|')t) be found|(?:page|article) (?:does ?n(?:o|')t|no longer) exists?|"
    r"找不到(?:该|此|您要的|您要访问的)?(?:页面|网页)|页面(?:走丢|丢失)了?|"
    r"(?:您(?:所|要)?(?:访问|请求|查看|浏览)的)?(?:页面|网页|信息|文章|内容|稿件|资源)"
    r"(?:不存在|未找到|找不到了?|无法找到|已(?:被)?(?:删除|移除|下线|撤销|撤稿)|已过期)"
    r"(?:或已(?:被)?(?:删除|移除|下线)|或不存在)?)",
    re.I,
)
JS_REQUIRED = re.compile(
    r"(?:enable|turn on|activate|allow) javascript|javascript (?:is )?(?:required|disabled|turned off)|"
    r"javascript (?:must|needs to) be (?:enabled|turned on)|requires? javascript|"
    r"(?:开启|启用|打开|允许)\s*(?:浏览器(?:的)?)?\s*(?:javascript|js|脚本)|"
    r"(?:javascript|js|脚本)\s*(?:已被?|被)?(?:禁用|禁止|未启用|未开启|关闭)|不支持\s*(?:javascript|js)",
    re.I,
)
LOGIN = re.compile(
    _SORRY + r"(?:请(?:先)?登录|登录后(?:才能|方可|即可|可)?(?:查看|浏览|阅读|访问|下载|继续)|"
    r"(?:用户|会员|账号|统一身份认证)登录|"
    r"(?:sign|log) ?in to (?:continue|read|view|access)|(?:you must|please|you need to) (?:be )?"
    r"(?:log(?:ged)? ?in|sign(?:ed)? ?in)|(?:sign|log) ?in|members? only|subscribers? only)",
    re.I,
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_WORD_CHARS = re.compile(r"[^\W_]")
_TITLE_SPLIT = re.compile(r"\s*[|｜_]\s*|\s+[-–—:·•]\s+|\s*[–—]{1,2}\s*")
_MAIN_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::a or ancestor::noscript or "
    "ancestor::template or ancestor::select or ancestor::button or ancestor::textarea)]",
    smart_strings=False,
)
_HEADER_WORD = re.compile(
    r"^(?:.*[-_])?(?:header|head|top|topbar|banner|logo|toolbar|search|skip)(?:[-_].*)?$"
)
_MEDIA = "//img[@src or @data-src]|//video|//audio|//iframe|//embed|//object|//picture"
_IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp", "bmp", "svg", "tif", "tiff"})


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """Why a page is not an article: ``kind`` "missing" (soft 404, empty template) or "blocked" (challenge,
    JavaScript stub, login wall), a stable ``reason`` code, and the evidence for the log."""

    kind: str
    reason: str
    detail: str = ""


def classify_page(
    page: RawPage, rules: SiteRules | None = None, text: str | None = None
) -> PageVerdict | None:
    """A verdict for a response that must not be archived as an article version, or None for a page that
    may be one. Call it before extraction on every article response; ``text`` is the decoded body when the
    caller has it.

    Blocked: every ``classify_block`` code (challenges, WAF pages, Cloudflare), "js-stub" (a page that only
    asks for JavaScript, or only runs scripts), "login-wall" (a password form and no article), "site-block"
    (``rules.block_patterns``). Missing, for 2xx HTML pages: "soft-404" (the title or <h1> says "page not
    found", or the short main text does), "site-not-found" (``rules.not_found_patterns``), "empty-shell" (a
    template with no main text, image, video or attachment). A phrase counts only where it speaks for the
    page: as its title or <h1>, or as nearly all of its main text (non-link text outside page chrome), so an
    article about a 404 error or one mentioning a login is never flagged.
    """
    block = classify_block(page)
    if block:
        return PageVerdict(BLOCKED, block, f"HTTP {page.status}")
    if not 200 <= page.status < 300 or not _is_html(page):
        return None
    rules = rules or SiteRules()
    root = parse_html(text if text is not None else decode_page(page, rules.charset).text)
    if root is None or root.find("body") is None:
        return None
    view = PageView(root)
    return (
        _site_patterns(view, rules)
        or _js_stub(view)
        or _login_wall(view)
        or _soft_404(view)
        or _empty_shell(view)
    )


def _is_html(page: RawPage) -> bool:
    ctype = (page.content_type or "").lower()
    if ctype and "html" not in ctype:
        return False
    head = page.body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and not head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset"))


def weight(text: str) -> int:
    """How much text there is: three per CJK character, one per other letter or digit."""
    cjk = len(_CJK.findall(text))
    return 3 * cjk + len(_WORD_CHARS.findall(text)) - cjk


class PageView:
    """What the verdicts read from a page: title parts, <h1>, main text, all visible text, login boxes."""

    def __init__(self, root: HtmlElement) -> None:
        title = fold(root.findtext(".//title"))
        self.names = [part for part in _TITLE_SPLIT.split(title) if part] if title else []
        heading = root.find(".//h1")
        if heading is not None:
            self.names.append(element_text(heading))
        self.visible = element_text(root.find("body"))
        self.scripts = len(root.findall(".//script"))
        tree = deepcopy(root)
        prune_chrome(tree)
        body = tree.find("body")
        _drop_headers(body)
        self.main = fold(" ".join(_MAIN_TEXT(body)))
        self.weight = weight(self.main)
        self.media = any(_is_content_media(el) for el in tree.xpath(_MEDIA)) or any(
            link_kind(href) == "document" for href in tree.xpath("//a/@href") if isinstance(href, str)
        )
        self.login_boxes = [
            _login_box(el) for el in body.iter("input") if (el.get("type") or "").lower() == "password"
        ]

    def named(self, pattern: re.Pattern[str]) -> str | None:
        """The title part or <h1> that is the phrase (with at most a few more characters), if any."""
        for name in self.names:
            if pattern.search(name) and weight(pattern.sub(" ", name)) <= TITLE_SLACK:
                return name
        return None

    def rest(self, pattern: re.Pattern[str]) -> int:
        """Weight of the main text once the phrase is taken out."""
        return weight(pattern.sub(" ", self.main))


def _is_content_media(el: HtmlElement) -> bool:
    """Whether an image, video or frame is the page's own: an image that links to another page (a logo,
    a banner, a floating advert) is navigation; one that links to its own larger file is content."""
    link = next((a for a in el.iterancestors("a") if a.get("href")), None)
    return link is None or url_extension(link.get("href") or "") in _IMAGE_EXTENSIONS


def _drop_headers(body: HtmlElement) -> None:
    """Remove site headers (topbar, banner, logo, search box) that ``prune_chrome`` leaves; never the main
    block: a header-named block is kept when it holds most of the page's text in a heading or paragraphs
    (the welcome line of an otherwise empty template's topbar is no main block)."""
    total = weight(" ".join(_MAIN_TEXT(body))) or 1
    doomed = [
        el
        for el in body.iter()
        if isinstance(el.tag, str)
        and (el.tag == "header" or any(_HEADER_WORD.match(w) for w in class_words(el)))
    ]
    for el in doomed:
        parent = el.getparent()
        if parent is not None and not _holds_main(el, total):
            parent.remove(el)


def _holds_main(el: HtmlElement, total: int) -> bool:
    written = el.find(".//h1") is not None or el.find(".//p") is not None
    return written and weight(" ".join(_MAIN_TEXT(el))) >= 0.4 * total


def _login_box(password: HtmlElement) -> int:
    """Weight of the main text of the small block around a password field (its form, labels, heading)."""
    box = 0
    for node in password.iterancestors():
        own = weight(" ".join(_MAIN_TEXT(node)))
        if own > REST_MAX or node.tag == "body":
            break
        box = own
    return box


def _site_patterns(view: PageView, rules: SiteRules) -> PageVerdict | None:
    for kind, reason, patterns in (
        (BLOCKED, "site-block", rules.block_patterns),
        (MISSING, "site-not-found", rules.not_found_patterns),
    ):
        for pattern in patterns:
            rx = re.compile(pattern)
            for name in view.names:
                if rx.search(name):
                    return PageVerdict(kind, reason, f"title {name!r} matches {pattern!r}")
            if view.weight < ARTICLE_WEIGHT and rx.search(view.main):
                return PageVerdict(kind, reason, f"main text matches {pattern!r}")
    return None


def _js_stub(view: PageView) -> PageVerdict | None:
    found = JS_REQUIRED.search(view.visible)
    if found and view.rest(JS_REQUIRED) < REST_MAX // 2:
        return PageVerdict(BLOCKED, "js-stub", f"only says {found.group(0)!r}")
    if view.scripts and weight(view.visible) < 20 and not view.media:
        return PageVerdict(BLOCKED, "js-stub", f"{view.scripts} scripts and no text")
    return None


def _login_wall(view: PageView) -> PageVerdict | None:
    if not view.login_boxes or view.weight - max(view.login_boxes) >= REST_MAX // 2:
        return None
    found = view.named(LOGIN) or next((m.group(0) for m in LOGIN.finditer(view.main)), None)
    return PageVerdict(BLOCKED, "login-wall", f"a password form under {found!r}") if found else None


def _soft_404(view: PageView) -> PageVerdict | None:
    name = view.named(NOT_FOUND)
    if name and view.weight < ARTICLE_WEIGHT:
        return PageVerdict(MISSING, "soft-404", f"titled {name!r}")
    found = NOT_FOUND.search(view.main)
    if found and view.rest(NOT_FOUND) < REST_MAX:
        return PageVerdict(MISSING, "soft-404", f"main text says {found.group(0)!r}")
    return None


def _empty_shell(view: PageView) -> PageVerdict | None:
    if view.weight < EMPTY_WEIGHT and not view.media:
        return PageVerdict(MISSING, "empty-shell", f"main text {view.main[:60]!r}")
    return None
