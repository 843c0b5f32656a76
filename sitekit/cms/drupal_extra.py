"""The weight of real Drupal pages beyond the newsroom theme: what ``drupal.render_*(heavy=True)`` adds.

Real Drupal 10 institute pages carry more than the theme (``drupal_chrome``) prints: aggregated CSS/JS links
with long ``include=`` parameters, an inline SVG icon sprite, the cookie banner's settings and markup, a
"Latest news" side block, an "Explore" footer menu. The benchmark's site is heavy. Nothing here depends on
the clock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from newsarchive.sitekit.model import Article
from newsarchive.sitekit.pages import esc

from . import drupal_chrome as chrome

SPRITE_ICONS = 28  # icons in the theme's inline SVG sprite


def _aggregate(kind: str, delta: int) -> str:
    digest = hashlib.sha1(f"{kind}{delta}".encode()).hexdigest()
    include = "".join(hashlib.sha256(f"{kind}{delta}{i}".encode()).hexdigest() for i in range(6))
    return (
        f"{chrome.ROOT}/sites/default/files/{kind}/{kind}_{digest[:43]}.{kind}?scope=header&amp;"
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
    "popup_link": f"{chrome.ROOT}/about/privacy",
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


def head() -> str:
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


def sprite() -> str:
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


def side_block(latest: Sequence[Article]) -> str:
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
        f'<div class="more-link"><a href="{chrome.ROOT}/news">All news</a></div></div></div></div>'
    )


def footer() -> str:
    """Footer JS aggregates and the cookie banner's markup, as the theme prints them before </body>."""
    js = "".join(
        f'<script src="{_aggregate("js", 2 + i).replace("scope=header", "scope=footer")}"></script>\n'
        for i in range(3)
    )
    explore = "".join(
        f'<li class="menu-item"><a href="{chrome.link(top, sub)}">{esc(sub)}</a></li>'
        for top, subs in chrome.MEGA
        for sub in subs
    )
    return (
        '<nav class="footer-explore" aria-label="Explore"><h2 class="visually-hidden">Explore</h2>'
        f'<ul class="menu">{explore}</ul></nav>\n'
        f'<div id="sliding-popup" class="sliding-popup-top" role="banner" hidden>{COOKIE_BANNER}</div>\n{js}'
    )
