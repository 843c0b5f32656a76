"""The pages of the fault site (``sitekit.faults``): real articles and the non-articles real sites answer in
their place, in the site kit's TRS and Drupal templates.

Articles come from the demo's phrase banks (``sitekit.demo.compose``) and the TRS/Drupal renderers; the
non-articles are what CMSs and their firewalls serve: a TRS "404 页面不存在" page and a Drupal "Page not
found" page answered with HTTP 200, an empty article template, a "please enable JavaScript" stub, cookie
challenges (瑞数 412, 加速乐 521, a 200 script shell), Cloudflare's "Just a moment..." and a login wall.
Bodies only: ``sitekit.faults`` decides statuses and headers.
"""

from __future__ import annotations

import datetime as dt
import random
import zlib
from functools import cache

from newsarchive.sitekit.cms import drupal, trs
from newsarchive.sitekit.cms import drupal_chrome as dchrome
from newsarchive.sitekit.cms import trs_chrome as tchrome
from newsarchive.sitekit.demo.compose import compose_drupal, compose_trs
from newsarchive.sitekit.demo.specs import DRUPAL, TRS
from newsarchive.sitekit.model import CST, Article
from newsarchive.sitekit.pages import esc

WHEN = dt.datetime(2024, 5, 20, 9, 30, tzinfo=CST)
TRS_COLUMN = TRS.columns[0]  # GBK with <meta charset="gbk">


def article(path: str, seed: int, language: str) -> Article:
    """A real-looking article at ``path``: a TRS academy story ("zh") or a Drupal press release ("en")."""
    rng = random.Random(f"faults:{path}:{seed}")
    when = WHEN - dt.timedelta(days=seed)
    if language == "zh":
        draft = compose_trs(rng, rng.choice(TRS_COLUMN.kinds), when)
    else:
        draft = compose_drupal(rng, rng.choice(DRUPAL.columns[0].kinds), when)
    return Article(
        site="faults",
        column=TRS_COLUMN.key if language == "zh" else "news",
        uid=1000 + seed,
        path=path,
        kind=draft.kind,
        title=draft.title,
        published=when,
        has_time=True,
        source=draft.source,
        author=draft.author,
        editor=draft.editor,
        language=language,
        paragraphs=draft.paragraphs,
        changed=when,
        views=100 + seed,
        last_modified=when.timestamp(),
    )


def article_page(path: str, seed: int, language: str) -> bytes:
    """The article's page bytes: TRS pages are GBK (declared in a <meta>), Drupal pages UTF-8."""
    item = article(path, seed, language)
    if language == "zh":
        return trs.render_article(TRS_COLUMN, item, ()).body
    return drupal.render_article(item, ()).body


def bare_gbk_article(path: str, seed: int) -> bytes:
    """A Chinese article in GBK that declares no charset anywhere (no <meta>, and the caller sends none)."""
    page = article_page(path, seed, "zh").decode("gbk")
    return page.replace('<meta charset="gbk">\n', "").encode("gbk")


def _trs_frame(title: str, content: str) -> bytes:
    """A page of the TRS academy template (GBK) holding ``content`` where an article would be."""
    head = tchrome.head(f"{title}----{tchrome.INSTITUTE}" if title else tchrome.INSTITUTE, [], "meta-gbk")
    text = (
        head
        + "</head>\n<body>\n"
        + tchrome.top()
        + tchrome.nav()
        + '<div class="w1200"><div class="clearfix">'
        + content
        + "</div></div>\n"
        + tchrome.footer()
        + "</body>\n</html>\n"
    )
    return text.encode("gbk", errors="xmlcharrefreplace")


def _drupal_frame(title: str, content: str) -> bytes:
    text = (
        dchrome.head(title, "", "system/404", None)
        + '  <body class="path-system">\n'
        + dchrome.header()
        + '<main role="main" class="main-content"><div class="layout-content"><div class="region '
        'region-content">\n'
        + content
        + "</div></div>\n"
        + dchrome.sidebar()
        + "</main>\n"
        + dchrome.footer()
        + "  </body>\n</html>\n"
    )
    return text.encode()


def soft_404_zh() -> bytes:
    """What TRS sites answer (HTTP 200) for a page that was taken down."""
    return _trs_frame(
        "404 页面不存在",
        '<div class="error404" style="text-align:center;padding:80px 0">'
        "<h1>404 页面不存在</h1><p>您访问的页面不存在或已被删除！</p>"
        '<p><a href="/trs/">返回首页</a></p></div>',
    )


def soft_404_en() -> bytes:
    """Drupal's "Page not found", answered with HTTP 200 by a misconfigured theme."""
    return _drupal_frame(
        "Page not found",
        '<div class="block block-core block-page-title-block"><h1 class="page-title">Page not found</h1>'
        '</div><div class="block block-system"><p>The requested page could not be found.</p></div>',
    )


def empty_shell() -> bytes:
    """The TRS article template with nothing in it: the document was unpublished, the template stayed."""
    return _trs_frame(
        "",
        '<div class="right fr"><div class="xl_content"><div class="xl_title"><h1></h1></div>'
        '<div class="xl_info">发布时间： 来源：</div><div class="xl_text" id="zoom"></div></div></div>',
    )


def login_wall() -> bytes:
    """A members-only page in the TRS template: a login form instead of the article."""
    return _trs_frame(
        "用户登录",
        '<div class="right fr"><div class="login_box"><h2>用户登录</h2><p>请登录后查看全文</p>'
        '<form action="/trs/login" method="post"><label>用户名 <input type="text" name="user"></label>'
        '<label>密码 <input type="password" name="pwd"></label><input type="submit" value="登录"></form>'
        "</div></div>",
    )


def js_stub() -> bytes:
    """A single-page app's shell: nothing without JavaScript."""
    return (
        b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pearl River Institute</title>'
        b'<link href="/static/css/main.3f2a.css" rel="stylesheet"></head><body>'
        b"<noscript>You need to enable JavaScript to run this app.</noscript>"
        b'<div id="root"></div><script src="/static/js/main.8c1e.js"></script></body></html>'
    )


def cookie_shell() -> bytes:
    """加速乐's second step, answered with HTTP 200: set the clearance cookie, reload."""
    return (
        b"<html><head><script>document.cookie='__jsl_clearance_s=1716170000.123|0|"
        b"Xk2%2BpQ9wE%3D;max-age=3600;path=/';location.href=location.pathname+location.search"
        b"</script></head><body></body></html>"
    )


def challenge_412() -> bytes:
    """瑞数 (Rivers Security): a 412 whose scripts compute a cookie and reload."""
    return (
        b'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        b'<meta id="9DhefwqGPrzGxEp9hPaoag" content="Vk3m1x.Qm5s8" r="m"><script type="text/javascript" '
        b"r='m'>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=48712;$_ts.cd=\"qxrgrrQlEqAgcGAqE\";</script>"
        b'<script type="text/javascript" charset="utf-8" src="/4QbVtADbnLVIc/c.FxJzG50F.4d2a6f.js" r="m">'
        b"</script></head><body><script type=\"text/javascript\" r='m'>$_ts.lcd();</script></body></html>"
    )


def challenge_521() -> bytes:
    """加速乐's first step: a 521 whose script assembles the cookie and reloads."""
    return (
        b"<script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+"
        b"('a')+('n')+('c')+('e')+('_')+('s')+('=')+(-~[]+'')+('7')+('1')+('6')+('1')+('7')+('0')+('0')+"
        b"('0')+('0')+';max-age=3600;path=/';location.href=location.pathname+location.search</script>"
    )


def cloudflare() -> bytes:
    """Cloudflare's managed challenge."""
    return (
        b'<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>'
        b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
        b'<meta name="robots" content="noindex,nofollow"></head><body><div class="main-wrapper" '
        b'role="main"><div class="main-content"><noscript><div class="h2"><span id="challenge-error-text">'
        b"Enable JavaScript and cookies to continue</span></div></noscript></div></div><script>"
        b"(function(){window._cf_chl_opt={cvId: '3',cZone: \"www.example.org\",cType: 'managed',"
        b"cRay: '8a1b2c3d4e5f6a7b'};var a = document.createElement('script');"
        b"a.src = '/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8a1b2c3d4e5f6a7b';"
        b"document.getElementsByTagName('head')[0].appendChild(a);}());</script></body></html>"
    )


def waf_403() -> bytes:
    return (
        b"<html><head><title>Access Denied</title></head><body><h1>Access Denied</h1>"
        b"<p>You don't have permission to access this resource.</p><p>Reference #18.6f3c2e17</p>"
        b"</body></html>"
    )


def error_page(status: int, reason: str) -> bytes:
    return (
        f"<html><head><title>{status} {reason}</title></head><body><h1>{reason}</h1></body></html>".encode()
    )


def png_bytes() -> bytes:
    """A PNG's signature and chunk bytes (served as text/html by a broken server)."""
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64


def octet_bytes() -> bytes:
    return random.Random("faults:octet").randbytes(48 * 1024)


@cache
def gzip_bomb(size: int = 100 << 20) -> bytes:
    """``size`` bytes of an HTML page gzip-compressed to about a thousandth of that."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip framing
    chunk = b" " * (1 << 20)
    parts = [packer.compress(b"<!DOCTYPE html><html><body>")]
    parts += [packer.compress(chunk) for _ in range(size >> 20)]
    parts.append(packer.compress(b"</body></html>") + packer.flush())
    return b"".join(parts)


@cache
def oversized(size: int = 24 << 20) -> bytes:
    """An HTML page of ``size`` bytes (past the crawler's DOWNLOAD_MAXSIZE)."""
    row = b"<p>" + b"Archived table row of the institute's instrument log. " * 4 + b"</p>\n"
    return b"<html><body>" + row * (size // len(row) + 1) + b"</body></html>"


def listing(rows: list[tuple[str, str, str]], title: str) -> bytes:
    """A news listing: (href, title, date) rows, newest first, in a plain CMS list."""
    items = "".join(
        f'<li><a href="{esc(href)}">{esc(text)}</a><span class="date">{date}</span></li>\n'
        for href, text, date in rows
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>'
        f"{esc(title)} - {dchrome.INSTITUTE}</title></head><body>"
        '<div class="nav"><a href="/f/index.html">News</a> <a href="/f/about.html">About</a></div>'
        f'<div class="main"><h2>{esc(title)}</h2><ul class="news-list">\n{items}</ul></div>'
        f'<div class="footer">&copy; 2024 {dchrome.INSTITUTE}</div></body></html>'
    ).encode()
