"""Generic portal frames, for listings whose CMS no marker names and for sites built from CMS parts.

Realistic page weight around a list: a Chinese government/academy frame (top bar, a nav with drop-down
menus, a "热点新闻" side box whose links are article-shaped and dated, a footer with ICP lines) and an English
institute frame (nav, footer menus); plain article pages in both languages (the TRS-style metas and the
发布时间/来源 info line; an English ``<time>`` line). The lists themselves come from the CMS-family modules
or the site. Used by the multi-CMS test site (``sitekit.multicms``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from newsarchive.sitekit.model import Item
from newsarchive.sitekit.pages import esc

ZH_COLUMNS = (
    "首页",
    "机构概况",
    "新闻中心",
    "通知公告",
    "科研动态",
    "学术交流",
    "人才招聘",
    "党建文化",
    "信息公开",
    "科学普及",
    "合作交流",
    "联系我们",
)
ZH_SUB = (
    "院况简介",
    "现任领导",
    "组织机构",
    "历史沿革",
    "图片新闻",
    "综合新闻",
    "媒体报道",
    "学术报告",
    "成果转化",
    "科研项目",
    "专利成果",
    "获奖情况",
)


def zh_header(prefix: str, site_name: str) -> str:
    items = []
    for i, name in enumerate(ZH_COLUMNS):
        subs = "".join(
            f'<li><a href="{prefix}col{i}/sub{j}/index.html">{ZH_SUB[(i + j) % len(ZH_SUB)]}</a></li>'
            for j in range(3)
        )
        items.append(
            f'<li class="nav-item"><a href="{prefix}col{i}/index.html">{name}</a>'
            f'<ul class="nav_drop">{subs}</ul></li>'
        )
    return (
        f'<div class="topbar"><div class="w1200"><span>欢迎访问{esc(site_name)}</span>'
        f'<a href="{prefix}wza/index.html">无障碍浏览</a> <a href="{prefix}en/index.html">English</a> '
        f'<a href="javascript:void(0)" onclick="SetHome(this)">设为首页</a></div></div>'
        f'<div class="header"><a class="logo" href="{prefix}index.html" title="{esc(site_name)}">'
        f'<img src="{prefix}images/logo.png" alt="{esc(site_name)}"></a>'
        f'<form class="search" action="{prefix}search/search.jsp"><input name="q"></form></div>'
        f'<div class="nav"><ul id="J_web_menu">{"".join(items)}</ul></div>'
    )


def zh_side_box(prefix: str, hot: Sequence[Item]) -> str:
    """A "热点新闻" side box: dated, article-shaped links to another column (not items of the list)."""
    rows = "".join(
        f'<li><a href="{it.path}" title="{esc(it.title)}">{esc(it.title[:14])}...</a>'
        f"<span>{it.date}</span></li>"
        for it in hot
    )
    return (
        f'<div class="side-box"><div class="side-title"><h3>热点新闻</h3>'
        f'<a class="more" href="{prefix}rdxw/index.html">更多&gt;&gt;</a></div><ul>{rows}</ul></div>'
    )


def zh_left_nav(prefix: str, current: str) -> str:
    on = ' class="on"'
    links = "".join(
        f'<li><a href="{prefix}col{i}/index.html"{on if name == current else ""}>{name}</a></li>'
        for i, name in enumerate(ZH_COLUMNS[2:8])
    )
    return f'<div class="left-nav"><h2>{esc(current)}</h2><ul>{links}</ul></div>'


def zh_footer(prefix: str, site_name: str) -> str:
    return (
        f'<div class="footer"><div class="footer-links"><a href="{prefix}wzdt/index.html">网站地图</a> | '
        f'<a href="{prefix}lxwm/index.html">联系我们</a> | <a href="{prefix}yszc/index.html">隐私政策</a> | '
        f'<a href="https://beian.miit.gov.cn/" target="_blank">粤ICP备05012345号-1</a></div>'
        f"<p>主办单位：{esc(site_name)}　地址：广州市先烈中路100号　邮编：510070</p>"
        f"<p>网站标识码：4400000001　最后更新：2024-06-28</p>"
        f'<div class="friend"><select onchange="window.open(this.value)"><option>友情链接</option>'
        f'<option value="http://www.cas.cn/">中国科学院</option></select></div></div>'
    )


def zh_page(
    *,
    title: str,
    prefix: str,
    site_name: str,
    column: str,
    body: str,
    hot: Sequence[Item] = (),
    encoding: str = "utf-8",
    head: str = "",
) -> str:
    """A full Chinese listing page around ``body`` (the list and its pager)."""
    return (
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
        f'<title>{esc(title)}_{esc(site_name)}</title><meta name="SiteName" content="{esc(site_name)}">'
        f'<meta name="ColumnName" content="{esc(column)}"><meta name="ColumnType" content="{esc(column)}">'
        f'<link rel="stylesheet" href="{prefix}css/style.css">{head}</head><body>'
        f"{zh_header(prefix, site_name)}"
        f'<div class="main w1200"><div class="position">当前位置：<a href="{prefix}index.html">首页</a> &gt; '
        f'<a href="{prefix}col2/index.html">新闻中心</a> &gt; <span>{esc(column)}</span></div>'
        f'<div class="left">{zh_left_nav(prefix, column)}{zh_side_box(prefix, hot)}</div>'
        f'<div class="right"><div class="list-title"><h2>{esc(column)}</h2></div>{body}</div></div>'
        f"{zh_footer(prefix, site_name)}</body></html>"
    )


def zh_article(title: str, date: str, source: str, extra: str = "", encoding: str = "utf-8") -> str:
    """A plain Chinese article page (``extra`` after the text), declaring ``encoding`` in a meta."""
    return (
        f'<!DOCTYPE html><html><head><meta charset="{encoding}"><title>{esc(title)}</title>'
        f'<meta name="ArticleTitle" content="{esc(title)}"><meta name="PubDate" content="{date} 10:00">'
        f'<meta name="ContentSource" content="{esc(source)}"></head><body>'
        f'<div class="header"><a href="/">首页</a></div><div class="article">'
        f'<h1>{esc(title)}</h1><div class="info">发布时间：{date}　来源：{esc(source)}</div>'
        f'<div class="TRS_Editor">{paragraphs(title, "zh")}</div>{extra}</div>'
        f'<div class="footer">版权所有</div></body></html>'
    )


def en_article(title: str, date: str, source: str, *, info_line: str | None = None) -> str:
    info = info_line or f'<time datetime="{date}">{date}</time> | {esc(source)}'
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | {esc(source)}'
        f'</title><meta property="og:title" content="{esc(title)}"></head><body>'
        f'<header><nav><a href="/">Home</a></nav></header><main><article><h1>{esc(title)}</h1>'
        f'<div class="info">{info}</div><div class="body">{paragraphs(title, "en")}</div></article></main>'
        f"<footer>&copy; {esc(source)}</footer></body></html>"
    )


def li_rows(items: Sequence[Item], *, title_attr: bool = True, cut: int = 0) -> str:
    rows = []
    for it in items:
        text = it.title[:cut] + "..." if cut and len(it.title) > cut else it.title
        attr = f' title="{esc(it.title)}"' if title_attr else ""
        rows.append(
            f'<li><a href="{esc(it.href)}"{attr} target="_blank">{esc(text)}</a>'
            f'<span class="date">{it.date}</span></li>'
        )
    return "".join(rows)


EN_MENU = (
    "About",
    "Research",
    "Departments",
    "People",
    "News",
    "Events",
    "Publications",
    "Facilities",
    "Careers",
    "Partnerships",
    "Outreach",
    "Contact",
)


def en_header(prefix: str, name: str) -> str:
    items = []
    for _i, label in enumerate(EN_MENU):
        subs = "".join(
            f'<li><a href="{prefix}{label.lower()}/section-{j}">{label} section {j}</a></li>'
            for j in range(4)
        )
        items.append(
            f'<li class="menu-item"><a href="{prefix}{label.lower()}">{label}</a>'
            f'<ul class="sub-menu">{subs}</ul></li>'
        )
    return (
        f'<header class="site-header"><a class="site-logo" href="{prefix}" rel="home">{esc(name)}</a>'
        f'<nav class="main-navigation" aria-label="Main"><ul class="menu">{"".join(items)}</ul></nav>'
        "</header>"
    )


def en_footer(prefix: str, name: str) -> str:
    links = "".join(
        f'<li><a href="{prefix}{s}">{s.replace("-", " ").title()}</a></li>'
        for s in ("privacy", "accessibility", "imprint", "contact", "sitemap", "press")
    )
    return (
        f'<footer class="site-footer"><ul class="footer-menu">{links}</ul>'
        f"<p>&copy; 2024 {esc(name)}. Last updated 2024-06-28.</p></footer>"
    )


def paragraphs(title: str, lang: str) -> str:
    """Four paragraphs of filler news text around ``title``, in ``lang`` ("zh" or "en")."""
    if lang == "zh":
        body = [
            f"近日，{title}。会议由相关负责同志主持，各部门负责人参加。",
            "会上，与会人员围绕科技创新、成果转化和人才队伍建设等议题进行了深入交流，提出了具体工作安排。",
            "会议强调，要坚持面向世界科技前沿、面向经济主战场、面向国家重大需求，推动高质量发展。",
            "下一步，将进一步完善工作机制，加强协同配合，确保各项任务落到实处。",
        ]
    else:
        body = [
            f"{title}, according to a statement released by the institute this week.",
            "The work combines laboratory experiments with field trials carried out over two years, and the "
            "team says the approach could be scaled up within the next funding period.",
            "Partners from universities and industry took part in the project, which was supported by the "
            "provincial science and technology programme.",
            "The results have been submitted for publication and the data will be made available.",
        ]
    return "".join(f"<p>{html.escape(p)}</p>" for p in body)
