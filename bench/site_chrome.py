"""Template weight the benchmark site adds to the demo's pages, so they weigh what real institute pages do.

Part of the benchmark site (``bench/site_pages.py`` injects these into the demo renderers' output): the demo
templates make 25-30 KB pages; real TRS and Drupal pages of institutes weigh 40-60 KB, mostly template:
responsive CSS, a column tree as JavaScript data, "latest news" and "most read" side boxes with dates, a
site map in the footer, accessibility and statistics scripts; for Drupal, aggregated CSS/JS links with long
``include=`` parameters, an icon sprite, a cookie banner, side blocks. Nothing here depends on the clock.
"""

from __future__ import annotations

import hashlib
import json

from sitekit.demo import drupal_chrome, trs_chrome
from sitekit.demo.model import Article
from sitekit.demo.pages import clip, day, esc

BREAKPOINTS = (1440, 1200, 992, 768, 576, 375)  # responsive CSS: one block of rules per width
SPACINGS = range(0, 65, 5)  # utility classes: .mt0 .mt5 ... .mt60 (margins and paddings)
SPRITE_ICONS = 28  # icons in the Drupal theme's inline SVG sprite
LATEST_ITEMS = 8  # the "latest news" box
HOT_ITEMS = 8  # the "most read" box
HOT_STEP = 7  # "most read" takes every 7th older article (any pick independent of newer articles would do)


# --------------------------------------------------------------------------- TRS (GBK academy columns)

_RESPONSIVE_RULES = (
    ".w1200{{width:{w}px;}}.right{{width:{r}px;}}.left{{width:{l}px;}}"
    ".nav li a.yj{{padding:0 {p}px;font-size:{f}px;}}"
    ".xl_title h1{{font-size:{h}px;line-height:{lh}px;}}.list li{{height:{li}px;line-height:{li}px;}}"
    ".box li{{line-height:{bl}px;}}.footer select{{width:{s}px;}}.topbar .fr a{{margin:0 {m}px;}}"
)


def trs_head_extra(column_name: str) -> str:
    """Responsive CSS, utility classes and the column tree the menu scripts read (inline, as TRS has it)."""
    blocks = []
    for i, width in enumerate(BREAKPOINTS):
        w = min(1200, width - 40)
        rules = _RESPONSIVE_RULES.format(
            w=w,
            r=int(w * 0.74),
            l=int(w * 0.22),
            p=17 - 2 * i,
            f=16 - i // 2,
            h=24 - i,
            lh=40 - 2 * i,
            li=42 - i,
            bl=30 - i,
            s=220 - 20 * i,
            m=8 - i,
        )
        blocks.append(f"@media screen and (max-width:{width}px){{{rules}}}")
    utilities = "".join(
        f".m{side}{n}{{margin-{name}:{n}px;}}.p{side}{n}{{padding-{name}:{n}px;}}"
        for n in SPACINGS
        for side, name in (("t", "top"), ("b", "bottom"), ("l", "left"), ("r", "right"))
    )
    return (
        f'<style type="text/css">\n{"".join(blocks)}\n{utilities}\n</style>\n'
        f'<script type="text/javascript">\nvar _columnTree = {_column_tree()};\n'
        f'var _currentColumn = "{esc(column_name)}";\n</script>\n'
    )


def _trs_link(key: str, i: int, sub: str) -> str:
    return trs_chrome.NEWS_LINKS.get(sub, f"/trs/{key}/lm{i + 1:02d}/")


def _column_tree() -> str:
    nodes = []
    for g, (name, key, subs) in enumerate(trs_chrome.NAV):
        children = [
            {
                "chnlid": 1000 + 10 * g + i,
                "chnldesc": sub,
                "chnlname": f"{key}_lm{i + 1:02d}",
                "url": _trs_link(key, i, sub),
                "parentid": 1000 + 10 * g,
                "status": 0,
                "order": i + 1,
            }
            for i, sub in enumerate(subs)
        ]
        nodes.append(
            {
                "chnlid": 1000 + 10 * g,
                "chnldesc": name,
                "chnlname": key,
                "url": f"/trs/{key}/",
                "parentid": 0,
                "status": 0,
                "children": children,
            }
        )
    return json.dumps(nodes, ensure_ascii=False, separators=(",", ":"))


def trs_side_boxes(latest: list[Article], hot: list[Article]) -> str:
    """ "最新动态" and "点击排行" boxes of the article template (links to older articles, with dates)."""

    def items(articles: list[Article]) -> str:
        return "".join(
            f'<li><span>{day(a)}</span><a href="{a.path}" target="_blank" title="{esc(a.title)}">'
            f"{esc(clip(a.title, 18))}</a></li>"
            for a in articles
        )

    return (
        f'<div class="box"><div class="tit">最新动态</div><ul>{items(latest)}</ul></div>'
        f'<div class="box"><div class="tit">点击排行</div><ul class="ph">{items(hot)}</ul></div>'
    )


def trs_footer_extra() -> str:
    """The site map under the footer, the accessibility toolbar's loader and the statistics snippets."""
    groups = "".join(
        f'<dl class="fl"><dt><a href="/trs/{key}/">{esc(name)}</a></dt>'
        + "".join(f'<dd><a href="{_trs_link(key, i, sub)}">{esc(sub)}</a></dd>' for i, sub in enumerate(subs))
        + "</dl>"
        for name, key, subs in trs_chrome.NAV
    )
    return (
        f'<div class="sitemap w1200 clearfix"><div class="tit">网站地图</div>{groups}</div>\n'
        '<script type="text/javascript">\n/* 无障碍浏览 */\n'
        'var _wza_config = {"siteId":"a31c8e","position":"right",'
        '"tools":["voice","zoomIn","zoomOut","contrast","cursor","guide","readMode","reset"],"voiceRate":1.0,'
        '"fontSizes":[14,16,18,20,24],"ignore":[".piao",".wx_pop"],"lang":"zh-CN"};\n'
        '(function(){var s=document.createElement("script");s.src="/trs/images/wza/aria.js?appid=a31c8e";'
        's.charset="utf-8";document.getElementsByTagName("head")[0].appendChild(s);})();\n'
        '/* 适老化 */\nfunction oldMode(on){var b=document.body;if(on){b.className+=" old-mode";'
        'localStorage.setItem("oldMode","1");}else{b.className=b.className.replace(" old-mode","");'
        'localStorage.removeItem("oldMode");}}if(localStorage.getItem("oldMode")){oldMode(true);}\n'
        '</script>\n<script type="text/javascript">\n'
        "document.write(unescape(\"%3Cspan id='cnzz_stat_icon_1280031234'%3E%3C/span%3E%3Cscript "
        "src='/trs/images/z_stat.php%3Fid%3D1280031234' type='text/javascript'%3E%3C/script%3E\"));\n"
        "</script>\n"
    )


# --------------------------------------------------------------------------- Drupal newsroom


def _aggregate(kind: str, delta: int) -> str:
    digest = hashlib.sha1(f"{kind}{delta}".encode()).hexdigest()
    include = "".join(hashlib.sha256(f"{kind}{delta}{i}".encode()).hexdigest() for i in range(6))
    return (
        f"{drupal_chrome.ROOT}/sites/default/files/{kind}/{kind}_{digest[:43]}.{kind}?scope=header&amp;"
        f"delta={delta}&amp;language=en&amp;theme=priee&amp;include=eJx{include}"
    )


COOKIE_BANNER = (
    '<div aria-labelledby="popup-text" class="eu-cookie-compliance-banner eu-cookie-compliance-banner-info '
    'eu-cookie-compliance-banner--opt-in"><div class="popup-content info eu-cookie-compliance-content">'
    '<div id="popup-text" class="eu-cookie-compliance-message" role="document"><p>We use cookies to '
    "understand how visitors use this website.</p></div>"
    '<div id="popup-buttons" class="eu-cookie-compliance-buttons">'
    '<button type="button" class="agree-button eu-cookie-compliance-secondary-button">Accept</button>'
    '<button type="button" class="decline-button eu-cookie-compliance-default-button">Decline</button>'
    "</div></div></div>"
)
COOKIE_SETTINGS = {  # the eu_cookie_compliance module's drupalSettings, as Drupal 10 sites print them
    "cookie_policy_version": "1.0.0",
    "popup_enabled": True,
    "popup_agreed_enabled": False,
    "popup_hide_agreed": False,
    "popup_clicking_confirmation": False,
    "popup_scrolling_confirmation": False,
    "popup_html_info": COOKIE_BANNER,
    "use_mobile_message": False,
    "popup_link": f"{drupal_chrome.ROOT}/about/privacy",
    "popup_link_new_window": True,
    "popup_position": False,
    "fixed_top_position": True,
    "popup_language": "en",
    "better_support_for_screen_readers": False,
    "cookie_name": "",
    "reload_page": False,
    "domain": "",
    "domain_all_sites": False,
    "popup_eu_only": False,
    "popup_eu_only_js": False,
    "cookie_lifetime": 100,
    "cookie_session": 0,
    "set_cookie_session_zero_on_disagree": 0,
    "disagree_do_not_show_popup": False,
    "method": "opt_in",
    "automatic_cookies_removal": True,
    "allowed_cookies": "",
    "withdraw_markup": '<button type="button" class="eu-cookie-withdraw-tab">Privacy settings</button>',
    "withdraw_enabled": True,
    "reload_options": 0,
    "reload_routes_list": "",
    "withdraw_button_on_info_popup": False,
    "cookie_categories": ["analytics", "media"],
    "cookie_categories_details": {},
    "enable_save_preferences_button": True,
    "cookie_value_disagreed": "0",
    "cookie_value_agreed_show_thank_you": "1",
    "cookie_value_agreed": "2",
    "containing_element": "body",
    "settings_tab_enabled": False,
    "close_button_action": "close_banner",
    "open_by_default": True,
    "modules_allow_popup": True,
    "hide_the_banner": False,
    "geoip_match": True,
}


def drupal_head_extra() -> str:
    """More aggregated CSS, the header JS aggregates and the cookie banner's settings."""
    css = "".join(
        f'    <link rel="stylesheet" media="all" href="{_aggregate("css", 3 + i)}" />\n' for i in range(4)
    )
    js = "".join(f'    <script src="{_aggregate("js", i)}"></script>\n' for i in range(2))
    data = json.dumps({"eu_cookie_compliance": COOKIE_SETTINGS}, separators=(",", ":")).replace("/", "\\/")
    return (
        css
        + js
        + f'    <script type="application/json" data-drupal-selector="cookie-settings">{data}</script>\n'
    )


def drupal_sprite() -> str:
    """The theme's inline SVG icon sprite (the first thing in <body> on many Drupal themes)."""
    symbols = "".join(
        f'<symbol id="icon-{i}" viewBox="0 0 24 24">{_icon_paths(i)}</symbol>' for i in range(SPRITE_ICONS)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none" aria-hidden="true">{symbols}</svg>\n'
    )


def _icon_paths(i: int) -> str:
    """Two paths with coordinates derived from ``i``: stand-ins of the same size as a theme's icons."""
    a, b, c, d = (7 * i) % 9 + 2, (5 * i) % 7 + 3, (3 * i) % 6 + 4, (11 * i) % 8 + 5
    outline = (
        f"M{a} {b}c{c}.{i % 10} 0 {d}.5 {a}.{b} {c} {d}.{i % 10}s-.{a}{b} {c}-{d} {a}.{c}H{b + 4}V{c + 6}"
        f"h{d}l{a} {b}-{c} {d}z"
    )
    detail = (
        f"M{b + 5} {a + 4}a{c} {c} 0 1 1 0 {d}a{c} {c} 0 0 1 0-{d}zm0 {a + 6}c{b} 0 {c} 1 {d} {a}v{b}H{c}"
    )
    return f'<path d="{outline}" fill-rule="evenodd" clip-rule="evenodd"/><path d="{detail}"/>'


PAGER_WINDOW = 9  # Drupal's full pager shows this many page numbers around the current one


def drupal_pager(page: int, pages: int) -> str:
    """Drupal's full pager with its window of page numbers and ellipses (the demo's lists every page)."""
    first = max(0, min(page - PAGER_WINDOW // 2, pages - PAGER_WINDOW))
    last = min(pages, first + PAGER_WINDOW)
    items = []
    if page > 0:
        items += [
            _pager_link("first", 0, "« First", "Go to first page"),
            _pager_link("previous", page - 1, "‹ Previous", "Go to previous page", "prev"),
        ]
    if first > 0:
        items.append('<li class="pager__item pager__item--ellipsis" role="presentation">&hellip;</li>')
    for i in range(first, last):
        current = " is-active" if i == page else ""
        title = "Current page" if i == page else f"Go to page {i + 1}"
        items.append(
            f'<li class="pager__item{current}"><a href="?page={i}" title="{title}">'
            f'<span class="visually-hidden">Page</span>{i + 1}</a></li>'
        )
    if last < pages:
        items.append('<li class="pager__item pager__item--ellipsis" role="presentation">&hellip;</li>')
    if page + 1 < pages:
        items += [
            _pager_link("next", page + 1, "Next ›", "Go to next page", "next"),
            _pager_link("last", pages - 1, "Last »", "Go to last page"),
        ]
    return (
        '<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 '
        'id="pagination-heading" class="visually-hidden">Pagination</h4><ul class="pager__items '
        f'js-pager__items">{"".join(items)}</ul></nav>\n'
    )


def _pager_link(kind: str, page: int, label: str, title: str, rel: str = "") -> str:
    rel_attr = f' rel="{rel}"' if rel else ""
    return (
        f'<li class="pager__item pager__item--{kind}"><a href="?page={page}" title="{title}"{rel_attr}>'
        f'<span aria-hidden="true">{label}</span></a></li>'
    )


def drupal_side_block(latest: list[Article]) -> str:
    """A "Latest news" view block in the sidebar of node pages (older articles, with dates)."""
    rows = "".join(
        f'<div class="views-row"><div class="views-field views-field-title"><span class="field-content">'
        f'<a href="{a.path}" hreflang="en">{esc(a.title)}</a></span></div><div class="views-field '
        f'views-field-created"><span class="field-content"><time datetime="{a.published.isoformat()}">'
        f"{a.published:%d %b %Y}</time></span></div></div>"
        for a in latest
    )
    return (
        '<div class="views-element-container block block-views block-views-blocklatest-news-block-1" '
        'id="block-views-block-latest-news"><h2 class="block__title">Latest news</h2><div><div class="view '
        'view-latest-news view-id-latest_news view-display-id-block_1">'
        f'<div class="view-content">{rows}</div>'
        f'<div class="more-link"><a href="{drupal_chrome.ROOT}/news">All news</a></div></div></div></div>'
    )


def drupal_footer_extra() -> str:
    """Footer JS aggregates and the cookie banner's markup, as the theme prints them before </body>."""
    js = "".join(
        f'<script src="{_aggregate("js", 2 + i).replace("scope=header", "scope=footer")}"></script>\n'
        for i in range(3)
    )
    explore = "".join(
        f'<li class="menu-item"><a href="{drupal_chrome.link(top, sub)}">{esc(sub)}</a></li>'
        for top, subs in drupal_chrome.MEGA
        for sub in subs
    )
    return (
        '<nav class="footer-explore" aria-label="Explore"><h2 class="visually-hidden">Explore</h2>'
        f'<ul class="menu">{explore}</ul></nav>\n'
        f'<div id="sliding-popup" class="sliding-popup-top" role="banner" hidden>{COOKIE_BANNER}</div>\n{js}'
    )
