"""The WordPress blog's theme: head with Yoast-style metadata, emoji loader and global styles, the header
menu, widgets and the footer.

Part of the WordPress renderer: ``sitekit.cms.wordpress`` wraps posts and archives in it. URLs are absolute,
as WordPress writes them, with ``BASE`` standing for the scheme and host; the app puts in the real one per
request.
Nothing here depends on the content.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsarchive.sitekit.pages import esc

BASE = "http://wp.demo.invalid"  # replaced with the request's http://host:port when the page is served
ROOT = f"{BASE}/wp"
BLOG = "LICS News"
INSTITUTE = "Lingnan Institute of Coastal Science"
SHORT = "LICS"
TAGLINE = "News and stories from the Lingnan Institute of Coastal Science"
MENU = (
    ("About", "about", ("Our mission", "Leadership", "Annual reports", "Contact")),
    (
        "Research",
        "research",
        ("Coastal ecosystems", "Estuaries and deltas", "Marine pollution", "Coastal hazards"),
    ),
    ("News", "category/news", ()),
    ("Events", "events", ("Seminars", "Open day", "Summer school")),
    ("Join us", "join-us", ("Vacancies", "Graduate study", "Visiting scholars")),
)
TAGS = (
    "mangroves",
    "estuaries",
    "microplastics",
    "coral reefs",
    "seagrass",
    "salt intrusion",
    "fieldwork",
    "remote sensing",
    "citizen science",
    "climate adaptation",
    "fisheries",
    "wetlands",
    "sediments",
    "typhoons",
    "water quality",
    "biodiversity",
    "open data",
    "students",
)
CATEGORIES = ("News", "Research", "Events", "People", "Partnerships")

EMOJI = """<script>
window._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/72x72\\/","ext":".png","svgUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/svg\\/","svgExt":".svg","source":{"concatemoji":"http:\\/\\/wp.demo.invalid\\/wp\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver=6.5.3"}};
/*! This file is auto-generated */
!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,timestamp:(new Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}function p(e,t,n){e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(t,0,0);var t=new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data),r=(e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(n,0,0),new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data));return t.every(function(e,t){return e===r[t]})}function u(e,t,n){switch(t){case"flag":return n(e,"\\ud83c\\udff3\\ufe0f\\u200d\\u26a7\\ufe0f","\\ud83c\\udff3\\ufe0f\\u200b\\u26a7\\ufe0f")?!1:!n(e,"\\ud83c\\uddfa\\ud83c\\uddf3","\\ud83c\\uddfa\\u200b\\ud83c\\uddf3")&&!n(e,"\\ud83c\\udff4\\udb40\\udc67\\udb40\\udc62\\udb40\\udc65\\udb40\\udc6e\\udb40\\udc67\\udb40\\udc7f","\\ud83c\\udff4\\u200b\\udb40\\udc67\\u200b\\udb40\\udc62\\u200b\\udb40\\udc65\\u200b\\udb40\\udc6e\\u200b\\udb40\\udc67\\u200b\\udb40\\udc7f");case"emoji":return!n(e,"\\ud83d\\udc26\\u200d\\u2b1b","\\ud83d\\udc26\\u200b\\u2b1b")}return!1}function f(e,t,n){var r="undefined"!=typeof WorkerGlobalScope&&self instanceof WorkerGlobalScope?new OffscreenCanvas(300,150):i.createElement("canvas"),a=r.getContext("2d",{willReadFrequently:!0}),o=(a.textBaseline="top",a.font="600 32px Arial",{});return e.forEach(function(e){o[e]=t(a,e,n)}),o}function t(e){var t=i.createElement("script");t.src=e,t.defer=!0,i.head.appendChild(t)}"undefined"!=typeof Promise&&(o="wpEmojiSettingsSupports",s=["flag","emoji"],n.supports={everything:!0,everythingExceptFlag:!0},e=new Promise(function(e){i.addEventListener("DOMContentLoaded",e,{once:!0})}),new Promise(function(t){var n=function(){try{var e=JSON.parse(sessionStorage.getItem(o));if("object"==typeof e&&"number"==typeof e.timestamp&&(new Date).valueOf()<e.timestamp+604800&&"object"==typeof e.supportTests)return e.supportTests}catch(e){}return null}();if(!n){if("undefined"!=typeof Worker&&"undefined"!=typeof OffscreenCanvas&&"undefined"!=typeof URL&&URL.createObjectURL&&"undefined"!=typeof Blob)try{var e="postMessage("+f.toString()+"("+[JSON.stringify(s),u.toString(),p.toString()].join(",")+"));",r=new Blob([e],{type:"text/javascript"}),a=new Worker(URL.createObjectURL(r),{name:"wpTestEmojiSupports"});return void(a.onmessage=function(e){c(n=e.data),a.terminate(),t(n)})}catch(e){}c(n=f(s,u,p))}t(n)}).then(function(e){for(var t in e)n.supports[t]=e[t],n.supports.everything=n.supports.everything&&n.supports[t],"flag"!==t&&(n.supports.everythingExceptFlag=n.supports.everythingExceptFlag&&n.supports[t]);n.supports.everythingExceptFlag=n.supports.everythingExceptFlag&&!n.supports.flag,n.DOMReady=!1,n.readyCallback=function(){n.DOMReady=!0}}).then(function(){return e}).then(function(){var e;n.supports.everything||(n.readyCallback(),(e=n.source||{}).concatemoji?t(e.concatemoji):e.wpemoji&&e.twemoji&&(t(e.twemoji),t(e.wpemoji)))}))}((window,document),window._wpemojiSettings);
</script>
<style id='wp-emoji-styles-inline-css'>
	img.wp-smiley, img.emoji {
		display: inline !important; border: none !important; box-shadow: none !important; height: 1em !important;
		width: 1em !important; margin: 0 0.07em !important; vertical-align: -0.1em !important;
		background: none !important; padding: 0 !important;
	}
</style>
"""  # noqa: E501 (verbatim WordPress core output)

PALETTE = (
    ("black", "#000000"),
    ("cyan-bluish-gray", "#abb8c3"),
    ("white", "#ffffff"),
    ("pale-pink", "#f78da7"),
    ("vivid-red", "#cf2e2e"),
    ("luminous-vivid-orange", "#ff6900"),
    ("luminous-vivid-amber", "#fcb900"),
    ("light-green-cyan", "#7bdcb5"),
    ("vivid-green-cyan", "#00d084"),
    ("pale-cyan-blue", "#8ed1fc"),
    ("vivid-cyan-blue", "#0693e3"),
    ("vivid-purple", "#9b51e0"),
    ("sea", "#0b6e82"),
    ("sand", "#f3ead8"),
)
SIZES = (("small", "13px"), ("medium", "20px"), ("large", "36px"), ("x-large", "42px"))
SPACING = (
    ("20", "0.44rem"),
    ("30", "0.67rem"),
    ("40", "1rem"),
    ("50", "1.5rem"),
    ("60", "2.25rem"),
    ("70", "3.38rem"),
    ("80", "5.06rem"),
)


def global_styles() -> str:
    """The ``global-styles-inline-css`` block every WordPress 6 page carries."""
    props = "".join(f"--wp--preset--color--{n}: {v};" for n, v in PALETTE)
    props += "".join(f"--wp--preset--font-size--{n}: {v};" for n, v in SIZES)
    props += "".join(f"--wp--preset--spacing--{n}: {v};" for n, v in SPACING)
    props += "--wp--preset--shadow--natural: 6px 6px 9px rgba(0, 0, 0, 0.2);"
    props += "--wp--preset--shadow--deep: 12px 12px 50px rgba(0, 0, 0, 0.4);"
    rules = "".join(
        f".has-{n}-color{{color: var(--wp--preset--color--{n}) !important;}}"
        f".has-{n}-background-color{{background-color: var(--wp--preset--color--{n}) !important;}}"
        f".has-{n}-border-color{{border-color: var(--wp--preset--color--{n}) !important;}}"
        for n, _ in PALETTE
    )
    rules += "".join(
        f".has-{n}-font-size{{font-size: var(--wp--preset--font-size--{n}) !important;}}" for n, _ in SIZES
    )
    return (
        f"<style id='global-styles-inline-css'>\nbody{{{props}}}\n"
        "body .is-layout-flex{display: flex;}body .is-layout-flex{flex-wrap: wrap;align-items: center;}"
        ".wp-block-image figcaption{margin-bottom:1em;margin-top:.5em;font-size:.875em;color:#555;}"
        f"{rules}\n</style>\n"
    )


THEME_CSS = """<style id='lics-style-inline-css'>
body{margin:0;font-family:Georgia,"Times New Roman",serif;color:#1d2327;background:#f6f4ef;line-height:1.65;}
a{color:#0b6e82;}a:hover{color:#084c5a;}.screen-reader-text{position:absolute;left:-9999px;}
.site{max-width:1180px;margin:0 auto;background:#fff;}.site-header{padding:24px 32px;border-bottom:4px solid #0b6e82;}
.site-title{font-size:30px;margin:0;font-weight:bold;}.site-title a{color:#0b3d4a;text-decoration:none;}
.site-description{margin:4px 0 0;color:#5b6770;font-style:italic;}.main-navigation ul{list-style:none;margin:16px 0 0;padding:0;}
.main-navigation li{display:inline-block;position:relative;margin-right:22px;}.main-navigation .sub-menu{display:none;position:absolute;}
.main-navigation li:hover>.sub-menu{display:block;background:#fff;box-shadow:0 3px 8px rgba(0,0,0,.15);padding:8px 14px;z-index:9;}
.site-content{display:flex;gap:40px;padding:32px;}.content-area{flex:1 1 0;min-width:0;}.widget-area{width:300px;}
.entry-title{font-size:30px;line-height:1.25;margin:0 0 8px;}.entry-meta,.entry-footer{color:#5b6770;font-size:14px;}
.entry-content p{margin:0 0 1.2em;}.post{border-bottom:1px solid #e2ded4;padding-bottom:24px;margin-bottom:28px;}
.pagination .page-numbers{display:inline-block;padding:4px 10px;border:1px solid #ccc;margin-right:4px;}
.pagination .current{background:#0b6e82;color:#fff;border-color:#0b6e82;}.widget{margin-bottom:32px;}
.widget-title{font-size:16px;text-transform:uppercase;letter-spacing:.08em;border-bottom:2px solid #0b6e82;}
.site-footer{padding:24px 32px;background:#0b3d4a;color:#cfe3e8;font-size:14px;}.site-footer a{color:#fff;}
.related-posts{margin-top:32px;padding:16px;background:#f6f4ef;}.related-posts li{margin-bottom:6px;}
@media (max-width:800px){.site-content{display:block;padding:16px;}.widget-area{width:auto;}}
</style>
"""  # noqa: E501 (verbatim theme CSS)


def head(title: str, metas: str, feed_title: str = "") -> str:
    feeds = (
        f'<link rel="alternate" type="application/rss+xml" title="{BLOG} &raquo; Feed" href="{ROOT}/feed/" '
        f"/>\n"
        f'<link rel="alternate" type="application/rss+xml" title="{BLOG} &raquo; Comments Feed" '
        f'href="{ROOT}/comments/feed/" />\n'
    )
    if feed_title:
        feeds += (
            f'<link rel="alternate" type="application/rss+xml" title="{BLOG} &raquo; {feed_title} Feed" '
            f'href="{ROOT}/category/news/feed/" />\n'
        )
    return (
        '<!doctype html>\n<html lang="en-US">\n<head>\n\t<meta charset="UTF-8" />\n'
        '\t<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        "<meta name='robots' content='index, follow, max-image-preview:large, max-snippet:-1, "
        "max-video-preview:-1' />\n"
        f"\t<title>{esc(title)} &#8211; {BLOG}</title>\n{metas}{feeds}{EMOJI}"
        f"<link rel='stylesheet' id='wp-block-library-css' "
        f"href='{ROOT}/wp-includes/css/dist/block-library/style.min.css"
        "?ver=6.5.3' media='all' />\n"
        + global_styles()
        + THEME_CSS
        + f'<link rel="https://api.w.org/" href="{ROOT}/wp-json/" />'
        f'<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{ROOT}/xmlrpc.php?rsd" />\n'
        '<meta name="generator" content="WordPress 6.5.3" />\n'
    )


def header() -> str:
    items = []
    for name, slug, subs in MENU:
        sub = "".join(
            f'<li class="menu-item"><a href="{ROOT}/{slug}/{_slug(s)}/">{esc(s)}</a></li>' for s in subs
        )
        sub_menu = f'<ul class="sub-menu">{sub}</ul>' if sub else ""
        items.append(
            f'<li class="menu-item{" menu-item-has-children" if subs else ""}"><a href="{ROOT}/{slug}/">'
            f"{esc(name)}</a>{sub_menu}</li>"
        )
    return (
        '<div id="page" class="site">\n\t<a class="skip-link screen-reader-text" href="#content">Skip to '
        "content</a>\n"
        f'\t<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a '
        f'href="{ROOT}/" '
        f'rel="home">{BLOG}</a></p><p class="site-description">{esc(TAGLINE)}</p></div>\n'
        '\t<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" '
        'aria-controls="primary-menu" '
        'aria-expanded="false">Menu</button><div class="menu-main-container"><ul id="primary-menu" '
        'class="menu">' + "".join(items) + "</ul></div></nav></header>\n"
    )


def _slug(name: str) -> str:
    return "-".join(name.lower().split())


def menu_paths() -> dict[str, str]:
    """Pages the menu links to, as paths without BASE: path -> title."""
    out = {f"/wp/{slug}/": name for name, slug, _ in MENU if slug != "category/news"}
    out.update({f"/wp/{slug}/{_slug(s)}/": s for _, slug, subs in MENU for s in subs})
    return out


def sidebar(months: Sequence[tuple[str, str]]) -> str:
    archive = "".join(f"<option value='{ROOT}/{value}/'> {esc(label)} </option>" for value, label in months)
    cats = "".join(
        f'<li class="cat-item"><a href="{ROOT}/category/{c.lower()}/">{esc(c)}</a></li>' for c in CATEGORIES
    )
    return (
        '<aside id="secondary" class="widget-area">'
        f'<section id="search-2" class="widget widget_search"><form role="search" method="get" '
        f'class="search-form" '
        f'action="{ROOT}/"><label><span class="screen-reader-text">Search for:</span><input type="search" '
        'class="search-field" placeholder="Search &hellip;" value="" name="s" /></label><input type="submit" '
        'class="search-submit" value="Search" /></form></section>'
        '<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2>'
        '<label class="screen-reader-text" for="archives-dropdown-2">Archives</label><select '
        'id="archives-dropdown-2" '
        "name=\"archive-dropdown\"><option value=''>Select Month</option>" + archive + "</select></section>"
        f'<section id="categories-2" class="widget widget_categories"><h2 '
        f'class="widget-title">Categories</h2><ul>{cats}'
        '</ul></section><section id="meta-2" class="widget widget_meta"><h2 '
        'class="widget-title">Meta</h2><ul>'
        f'<li><a href="{ROOT}/wp-login.php">Log in</a></li><li><a href="{ROOT}/feed/">Entries feed</a></li>'
        f'<li><a href="{ROOT}/comments/feed/">Comments feed</a></li>'
        '<li><a href="https://wordpress.org/">WordPress.org</a></li></ul></section></aside>\n'
    )


COOKIE_BANNER = """<div id="cookie-notice" role="dialog" class="cookie-notice-hidden" aria-label="Cookie Notice">
<div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">We use cookies to ensure that we give
you the best experience on our website. If you continue to use this site we will assume that you are happy with it.</span>
<span id="cn-notice-buttons" class="cn-buttons-container"><a href="#" id="cn-accept-cookie" data-cookie-set="accept"
class="cn-set-cookie cn-button" aria-label="Ok">Ok</a><a href="#" id="cn-refuse-cookie" data-cookie-set="refuse"
class="cn-set-cookie cn-button" aria-label="No">No</a></span></div></div>
<script id="cookie-notice-front-js-before">
var cnArgs = {"ajaxUrl":"\\/wp\\/wp-admin\\/admin-ajax.php","nonce":"7c3b1d9a2e","hideEffect":"fade","position":"bottom",
"onScroll":false,"onScrollOffset":100,"onClick":false,"cookieName":"cookie_notice_accepted","cookieTime":2592000,
"cookieTimeRejected":2592000,"globalCookie":false,"redirection":false,"cache":true,"revokeCookies":false,"revokeCookiesOpt":"automatic"};
(function(){var n=document.getElementById('cookie-notice');if(!n)return;if(document.cookie.indexOf(cnArgs.cookieName+'=')===-1){
n.className='cookie-notice-visible';}var b=n.getElementsByClassName('cn-set-cookie');for(var i=0;i<b.length;i++){b[i].onclick=function(e){
e.preventDefault();var v=this.getAttribute('data-cookie-set')==='accept'?'true':'false';var d=new Date();
d.setTime(d.getTime()+cnArgs.cookieTime*1000);document.cookie=cnArgs.cookieName+'='+v+';expires='+d.toUTCString()+';path=/';
n.className='cookie-notice-hidden';};}})();
</script>
"""  # noqa: E501 (verbatim plugin output)


def share_buttons(url: str, title: str) -> str:
    """Jetpack's sharing buttons, as most WordPress blogs show them under a post."""
    services = (
        ("twitter", "X"),
        ("facebook", "Facebook"),
        ("linkedin", "LinkedIn"),
        ("email", "Email"),
        ("print", "Print"),
    )
    items = "".join(
        f'<li class="share-{key}"><a rel="nofollow noopener noreferrer" data-shared="sharing-{key}" '
        f'class="share-{key} sd-button share-icon" href="{url}?share={key}" target="_blank" '
        f'title="Click to share on {name}"><span>{name}</span></a></li>'
        for key, name in services
    )
    return (
        f'<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social '
        f'sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content">'
        f'<ul data-sharing-events-added="true">{items}<li class="share-end"></li></ul></div></div></div>'
        f'<div class="sharedaddy sd-block sd-like" data-title="{esc(title)}"></div>\n'
    )


def footer() -> str:
    tags = "".join(
        f'<a href="{ROOT}/tag/{_slug(t)}/" class="tag-cloud-link" style="font-size: {12 + len(t) % 9}pt;" '
        f'aria-label="{esc(t)}">{esc(t)}</a> '
        for t in TAGS
    )
    return (
        f'\t<div id="footer-widgets" class="footer-widgets"><section id="tag_cloud-2" class="widget '
        f'widget_tag_cloud">'
        f'<h2 class="widget-title">Tags</h2><div class="tagcloud">{tags}</div></section>'
        '<section id="text-3" class="widget widget_text"><h2 class="widget-title">Contact</h2><div '
        'class="textwidget">'
        f"<p>{esc(INSTITUTE)}<br />12 Haibin Road, Xiangzhou District<br />Zhuhai 519000, China</p>"
        "<p>Media enquiries: <a "
        'href="mailto:news@lics.lnas.ac.cn">news@lics.lnas.ac.cn</a></p></div></section>'
        "</div>\n" + COOKIE_BANNER + '\t<footer id="colophon" class="site-footer"><div class="site-info">'
        f"&copy; 2024 {esc(INSTITUTE)}, Lingnan Academy of Sciences &middot; 12 Haibin Road, Zhuhai 519000, "
        f"China "
        '&middot; <a href="https://wordpress.org/">Proudly powered by '
        "WordPress</a></div></footer>\n</div><!-- #page -->\n"
        f'<script src="{ROOT}/wp-content/themes/lics/js/navigation.js?ver=1.2.0" '
        f'id="lics-navigation-js"></script>\n'
    )
