"""The weight of real TRS pages beyond the academy template: what ``trs.render_*(heavy=True)`` adds.

The plain template (``trs_chrome``) makes 25-30 KB pages; real TRS pages of institutes weigh 40-60 KB, mostly
template: responsive CSS, a column tree as JavaScript data, "latest news" and "most read" side boxes with
dates, a site map in the footer, accessibility and statistics scripts. The benchmark's site is heavy.
Nothing here depends on the clock.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from newsarchive.sitekit.model import Article
from newsarchive.sitekit.pages import clip, day, esc

from . import trs_chrome as chrome

BREAKPOINTS = (1440, 1200, 992, 768, 576, 375)  # responsive CSS: one block of rules per width
SPACINGS = range(0, 65, 5)  # utility classes: .mt0 .mt5 ... .mt60 (margins and paddings)
_RESPONSIVE_RULES = (
    ".w1200{{width:{w}px;}}.right{{width:{r}px;}}.left{{width:{l}px;}}"
    ".nav li a.yj{{padding:0 {p}px;font-size:{f}px;}}"
    ".xl_title h1{{font-size:{h}px;line-height:{lh}px;}}.list li{{height:{li}px;line-height:{li}px;}}"
    ".box li{{line-height:{bl}px;}}.footer select{{width:{s}px;}}.topbar .fr a{{margin:0 {m}px;}}"
)


def head(column_name: str) -> str:
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
    return chrome.NEWS_LINKS.get(sub, f"/trs/{key}/lm{i + 1:02d}/")


def _column_tree() -> str:
    nodes = []
    for g, (name, key, subs) in enumerate(chrome.NAV):
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


def side_boxes(latest: Sequence[Article], hot: Sequence[Article]) -> str:
    """ "最新动态" and "点击排行" boxes of the article template (links to older articles, with dates)."""

    def items(articles: Sequence[Article]) -> str:
        return "".join(
            f'<li><span>{day(a)}</span><a href="{a.path}" target="_blank" title="{esc(a.title)}">'
            f"{esc(clip(a.title, 18))}</a></li>"
            for a in articles
        )

    return (
        f'<div class="box"><div class="tit">最新动态</div><ul>{items(latest)}</ul></div>'
        f'<div class="box"><div class="tit">点击排行</div><ul class="ph">{items(hot)}</ul></div>'
    )


def footer() -> str:
    """The site map under the footer, the accessibility toolbar's loader and the statistics snippets."""
    groups = "".join(
        f'<dl class="fl"><dt><a href="/trs/{key}/">{esc(name)}</a></dt>'
        + "".join(f'<dd><a href="{_trs_link(key, i, sub)}">{esc(sub)}</a></dd>' for i, sub in enumerate(subs))
        + "</dl>"
        for name, key, subs in chrome.NAV
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
