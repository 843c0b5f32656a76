"""The Drupal newsroom's theme: html head with drupalSettings, the mega-menu, fixed side blocks, the footer.

Part of the Drupal renderer (``sitekit.cms.drupal`` puts listing and node content inside it; ``drupal_extra``
adds the weight of real pages). The institute is ``INSTITUTE`` (``INSTITUTE_SHORT``) of ``ACADEMY``.
Nothing here depends on the content.
"""

from __future__ import annotations

import json

from newsarchive.sitekit.pages import esc

INSTITUTE = "Pearl River Institute of Ecology and Environment"
INSTITUTE_SHORT = "PRIEE"
ACADEMY = "Lingnan Academy of Sciences"
ROOT = "/drupal"
MEGA = (
    (
        "About",
        (
            "Overview",
            "Director's welcome",
            "History",
            "Leadership",
            "Organisation chart",
            "Annual reports",
            "Facts and figures",
            "Jobs",
            "Contact us",
        ),
    ),
    (
        "Research",
        (
            "Department of Wetland Ecology",
            "Laboratory of River Ecology",
            "Coastal Ecosystems Group",
            "Division of Soil and Groundwater",
            "Center for Environmental Data Science",
            "Urban Ecology Group",
            "Pearl River Estuary Field Station",
            "Dinghushan Forest Station",
            "Daya Bay Marine Station",
            "Stable Isotope Laboratory",
            "Environmental Genomics Core",
            "Sensor Development Lab",
        ),
    ),
    ("People", ("Faculty", "Staff directory", "Postdoctoral researchers", "Visiting scholars", "Emeriti")),
    (
        "Study",
        ("Graduate programmes", "Admissions", "Scholarships", "Summer school", "Student life", "Alumni"),
    ),
    (
        "Collaborate",
        (
            "Partners",
            "International cooperation",
            "Industry collaboration",
            "Joint laboratories",
            "Citizen science",
            "Visiting the institute",
        ),
    ),
    ("News & Events", ("News", "Events", "Media kit", "Press contacts", "Newsletter", "Podcasts")),
    (
        "Resources",
        ("Library", "Data portal", "Publications", "Open access policy", "Field safety", "Intranet"),
    ),
)
FEATURED = {
    "Research": "Six research units study rivers, wetlands, coasts, soils and cities across southern China.",
    "Study": "Applications for the 2025 doctoral programme in ecology open on 1 September.",
    "News & Events": "Subscribe to our monthly newsletter for the latest research stories.",
}
EVENTS = (
    ("Seminar: Sediment budgets of a changing delta", "2024-07-03T15:00:00+08:00", "July 3, 2024"),
    ("Workshop on eDNA methods for river monitoring", "2024-07-11T09:00:00+08:00", "July 11, 2024"),
    ("Public lecture: Why mangroves matter", "2024-07-20T19:30:00+08:00", "July 20, 2024"),
    ("Summer school in environmental data science", "2024-08-05T09:00:00+08:00", "August 5, 2024"),
)
LIBRARIES = (
    "classy/base",
    "classy/messages",
    "classy/node",
    "core/drupal.dialog.ajax",
    "core/normalize",
    "core/once",
    "extlink/drupal.extlink",
    "google_analytics/google_analytics",
    "mega_menu/mega_menu",
    "paragraphs/drupal.paragraphs",
    "priee/global-styling",
    "priee/mega-menu",
    "priee/news",
    "priee/share",
    "social_media/basic",
    "system/base",
    "views/views.module",
    "views_infinite_scroll/views-infinite-scroll",
)
SOCIAL = (
    ("WeChat", "wechat"),
    ("Weibo", "weibo"),
    ("X", "x"),
    ("LinkedIn", "linkedin"),
    ("YouTube", "youtube"),
    ("Bluesky", "bluesky"),
)


def slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def menu_paths() -> dict[str, str]:
    """Pages the mega-menu links to (except the newsroom itself): path -> title."""
    out = {f"{ROOT}/{slug(top)}/{slug(sub)}": sub for top, subs in MEGA for sub in subs}
    out.pop(f"{ROOT}/news-events/news", None)
    return out


def link(top: str, sub: str) -> str:
    return f"{ROOT}/news" if sub == "News" else f"{ROOT}/{slug(top)}/{slug(sub)}"


def _node(top: str, sub: str) -> int:
    """A stable node id for a menu page (``hash()`` would change between runs)."""
    names = [s for _, subs in MEGA for s in subs]
    return 100 + names.index(sub) + 7 * [t for t, _ in MEGA].index(top)


def settings(current_path: str, node: int | None) -> str:
    data = {
        "path": {
            "baseUrl": f"{ROOT}/",
            "pathPrefix": "",
            "currentPath": current_path,
            "currentPathIsAdmin": False,
            "isFront": False,
            "currentLanguage": "en",
        },
        "pluralDelimiter": "\u0003",
        "suppressDeprecationErrors": True,
        "ajaxPageState": {"libraries": ",".join(LIBRARIES), "theme": "priee", "theme_token": None},
        "ajaxTrustedUrl": {f"{ROOT}/search": True},
        "google_analytics": {
            "account": "G-PRIEE12345",
            "trackOutbound": True,
            "trackMailto": True,
            "trackDownload": True,
            "trackDownloadExtensions": "7z|aac|csv|docx?|pdf|pptx?|xlsx?|zip",
        },
        "data": {
            "extlink": {
                "extTarget": True,
                "extClass": "ext",
                "extLabel": "(link is external)",
                "extIconPlacement": "append",
                "mailtoClass": "mailto",
                "extExclude": "",
                "extInclude": "",
            }
        },
        "megaMenu": {"breakpoint": 992, "hoverDelay": 150, "closeOnEscape": True},
        "user": {
            "uid": 0,
            "permissionsHash": "4c1a9b0e7d2f8a3b6c5e4d7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b",
        },
    }
    if node is not None:
        data["statistics"] = {
            "data": {"nid": str(node)},
            "url": f"{ROOT}/core/modules/statistics/statistics.php",
        }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=True).replace("/", "\\/")


def head(title: str, metas: str, current_path: str, node: int | None, extra: str = "") -> str:
    """The html head; ``extra`` goes last."""
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr" prefix="content: '
        "http://purl.org/rss/1.0/modules/content/  "
        "dc: http://purl.org/dc/terms/  foaf: http://xmlns.com/foaf/0.1/  og: http://ogp.me/ns#  "
        "rdfs: http://www.w3.org/2000/01/rdf-schema#  schema: http://schema.org/  sioc: "
        "http://rdfs.org/sioc/ns#  "
        "sioct: http://rdfs.org/sioc/types#  skos: http://www.w3.org/2004/02/skos/core#  xsd: "
        'http://www.w3.org/2001/XMLSchema# ">\n'
        '  <head>\n    <meta charset="utf-8" />\n'
        + metas
        + '    <meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />\n'
        '    <meta name="MobileOptimized" content="width" />\n    <meta name="HandheldFriendly" '
        'content="true" />\n'
        '    <meta name="viewport" content="width=device-width, initial-scale=1.0" />\n'
        f'    <link rel="icon" href="{ROOT}/themes/custom/priee/favicon.ico" type="image/vnd.microsoft.icon" '
        f"/>\n"
        f"    <title>{esc(title)} | {esc(INSTITUTE)}</title>\n"
        + "".join(
            f'    <link rel="stylesheet" media="all" '
            f'href="{ROOT}/sites/default/files/css/css_{h}.css?delta={i}'
            "&amp;language=en&amp;theme=priee&amp;include="
            'eJxtjUEOwjAMBD9E5Cch13FpRBJXtkPJ72kFAgm4zs5osbtJ5wkRlj3b4U" />\n'
            for i, h in enumerate(("Wq3n1xV0aU8", "kR2T0pLzq1c", "8dVf3mM9wQ4"))
        )
        + '    <script type="application/json" data-drupal-selector="drupal-settings-json">'
        + settings(current_path, node)
        + "</script>\n"
        f'    <script src="{ROOT}/core/assets/vendor/modernizr/modernizr.min.js?v=3.11.7"></script>\n'
        + extra
        + "  </head>\n"
    )


def header() -> str:
    tops = []
    for top, subs in MEGA:
        half = (len(subs) + 1) // 2
        columns = "".join(
            '<ul class="mega-menu__column">'
            + "".join(
                f'<li class="menu-item"><a href="{link(top, s)}" '
                f'data-drupal-link-system-path="node/{_node(top, s)}">'
                f"{esc(s)}</a></li>"
                for s in part
            )
            + "</ul>"
            for part in (subs[:half], subs[half:])
            if part
        )
        featured = (
            f'<div class="mega-menu__featured"><p>{esc(FEATURED[top])}</p>'
            f'<a class="button button--small" href="{link(top, subs[0])}">Learn more</a></div>'
            if top in FEATURED
            else ""
        )
        tops.append(
            f'<li class="menu-item menu-item--expanded mega-menu__item"><button class="mega-menu__toggle" '
            f'aria-expanded="false" aria-controls="mega-{slug(top)}">{esc(top)}</button>'
            f'<div class="mega-menu__panel" id="mega-{slug(top)}"><h2 class="mega-menu__title">'
            f'<a href="{link(top, subs[0])}">{esc(top)}</a></h2>{columns}{featured}</div></li>'
        )
    return (
        '<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>\n'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>\n<div '
        'class="layout-container">\n'
        '<header role="banner" class="site-header"><div class="region region-header-top">'
        '<nav role="navigation" aria-label="Utility" class="utility-menu"><ul class="menu">'
        f'<li class="menu-item"><a href="{ROOT}/resources/intranet">Intranet</a></li>'
        f'<li class="menu-item"><a href="{ROOT}/resources/library">Library</a></li>'
        f'<li class="menu-item"><a href="{ROOT}/about/jobs">Jobs</a></li>'
        f'<li class="menu-item"><a href="{ROOT}/zh-hans" hreflang="zh-hans">中文</a></li></ul></nav>'
        '<div class="search-block-form block block-search" role="search"><form action="/search/" '
        'method="get" '
        'id="search-block-form" accept-charset="UTF-8"><div class="js-form-item form-item"><label '
        'for="edit-keys" '
        'class="visually-hidden">Search</label><input title="Enter the terms you wish to search for." '
        'data-drupal-selector="edit-keys" type="search" id="edit-keys" name="keys" value="" size="15" '
        'maxlength="128" '
        'class="form-search" /></div><div class="form-actions js-form-wrapper form-wrapper" '
        'id="edit-actions">'
        '<input class="button js-form-submit form-submit" type="submit" id="edit-submit" value="Search" '
        "/></div></form>"
        "</div></div>\n"
        f'<div class="region region-header"><div id="block-priee-branding" class="block block-system '
        f'block-system-branding-block"><a href="{ROOT}/" rel="home" class="site-logo"><img '
        f'src="{ROOT}/themes/custom/'
        f'priee/logo.svg" alt="Home" /></a><div class="site-name"><a href="{ROOT}/" '
        f'rel="home">{esc(INSTITUTE)}</a></div>'
        f'<div class="site-slogan">{esc(ACADEMY)}</div></div></div>\n'
        '<nav role="navigation" aria-labelledby="block-priee-main-menu-menu" id="block-priee-main-menu" '
        'class="block block-menu navigation menu--main mega-menu"><h2 class="visually-hidden" '
        'id="block-priee-main-menu-menu">Main navigation</h2><ul class="menu menu--level-1">'
        + "".join(tops)
        + "</ul></nav>\n</header>\n"
    )


def sidebar(first: str = "") -> str:
    """The second sidebar: ``first`` (more blocks), upcoming events, the newsletter, press contacts."""
    events = "".join(
        f'<div class="views-row"><div class="views-field views-field-title"><span class="field-content">'
        f'<a href="{ROOT}/news-events/events">{esc(t)}</a></span></div><div class="views-field '
        f'views-field-field-date">'
        f'<div class="field-content"><time datetime="{iso}">{esc(shown)}</time></div></div></div>'
        for t, iso, shown in EVENTS
    )
    return (
        '<aside class="layout-sidebar-second" role="complementary"><div class="region region-sidebar-second">'
        + first
        + '<div class="views-element-container block block-views block-views-blockupcoming-events-block-1" '
        'id="block-views-block-upcoming-events"><h2 class="block__title">Upcoming events</h2><div><div '
        'class="view '
        'view-upcoming-events view-id-upcoming_events view-display-id-block_1"><div class="view-content">'
        + events
        + f'</div><div class="more-link"><a href="{ROOT}/news-events/events">All events</a></div>'
        + "</div></div></div>"
        '<div id="block-newsletter" class="block block-block-content"><h2 '
        'class="block__title">Newsletter</h2>'
        '<div class="clearfix text-formatted field field--name-body"><p>Research stories, events and '
        "opportunities "
        f'from {INSTITUTE_SHORT}, once a month.</p><p><a class="button" '
        f'href="{ROOT}/news-events/newsletter">Subscribe'
        "</a></p></div></div>"
        '<div id="block-press" class="block block-block-content"><h2 class="block__title">Press contacts</h2>'
        '<div class="clearfix text-formatted field field--name-body"><p>News Office<br />+86 20 3722 5100<br '
        "/>"
        '<a href="mailto:press@priee.lnas.ac.cn">press@priee.lnas.ac.cn</a></p></div></div></div></aside>\n'
    )


def footer() -> str:
    menus = "".join(
        f'<nav class="footer-menu"><h2>{esc(top)}</h2><ul class="menu">'
        + "".join(f'<li class="menu-item"><a href="{link(top, s)}">{esc(s)}</a></li>' for s in subs[:6])
        + "</ul></nav>"
        for top, subs in MEGA[:5]
    )
    social = "".join(
        f'<li><a href="https://www.example.org/{key}/priee" class="social social--{key}" rel="noopener" '
        f'target="_blank"><span class="visually-hidden">{esc(name)}</span></a></li>'
        for name, key in SOCIAL
    )
    return (
        '<footer role="contentinfo" class="site-footer"><div class="region region-footer-first">'
        '<div id="block-footer-address" class="block block-block-content"><div class="clearfix '
        "text-formatted field "
        f'field--name-body"><p><strong>{esc(INSTITUTE)}</strong><br />{esc(ACADEMY)}<br />1 Xingke Road, '
        f"Tianhe "
        "District<br />Guangzhou 510650, China</p><p>Tel: +86 20 3722 5000<br />Email: "
        "info@priee.lnas.ac.cn</p>"
        f'</div></div></div><div class="region region-footer-second">{menus}</div>'
        f'<div class="region region-footer-third"><ul class="social-links">{social}</ul>'
        f'<p class="copyright">&copy; 2024 {esc(INSTITUTE)}, {esc(ACADEMY)}. All rights reserved. '
        '<a href="https://beian.miit.gov.cn/" rel="noopener">粤ICP备16054321号-3</a> '
        f'<a href="{ROOT}/about/privacy">Privacy</a> <a '
        f'href="{ROOT}/about/accessibility">Accessibility</a></p>'
        "</div></footer>\n</div>\n</div>\n"
        + "".join(
            f'<script src="{ROOT}/{src}"></script>\n'
            for src in (
                "core/assets/vendor/jquery/jquery.min.js?v=3.7.1",
                "core/misc/drupalSettingsLoader.js?v=10.2.6",
                "core/misc/drupal.js?v=10.2.6",
                "core/misc/drupal.init.js?v=10.2.6",
                "core/assets/vendor/once/once.min.js?v=1.0.1",
                "modules/contrib/extlink/extlink.js?v=10.2.6",
                "themes/custom/priee/js/mega-menu.js?sf1k2p",
                "themes/custom/priee/js/share.js?sf1k2p",
            )
        )
    )
