"""Blocked responses: anti-bot challenges and WAF pages, told apart from real (even empty) pages.

Called by the spider on every response before ``parse_listing``/``extract_article`` (CMS-PATTERNS.md
section 10): a blocked page must never be read as "an empty listing" or "a takedown". Pure: status, headers
and the first bytes of the body in, a stable code out. No challenge is ever solved here.
"""

from __future__ import annotations

import logging
import re

from .page import RawPage

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
    "waf-200" (a tiny 200 page naming a firewall block), "challenge-429"/"challenge-503" (with WAF cookies).
    """
    status = page.status
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
