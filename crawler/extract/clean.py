"""What trafilatura lets through on institute and government pages, and how to recognise it in a body block.

Used by ``body.py`` on each block of the extracted body. A block goes when it is made of page furniture
(【字体：大 中 小】, 打印本页, 关闭窗口, 分享到, "扫一扫在手机打开当前页", 上一篇/下一篇) with almost
nothing else, or, at the top or bottom of the body only, when it is the info line, a footer (ICP numbers,
版权所有, Copyright) or the
title repeated. A sentence that merely mentions such a word is long and stays: nothing of the article is lost.
"""

from __future__ import annotations

import logging
import re

from .infoline import parse_info_line
from .title import normalize

logger = logging.getLogger(__name__)

# Page furniture: phrases that are never article text
_FURNITURE = re.compile(
    "|".join(
        (
            r"[【\[(（]?\s*(?:字体|字号|文字)\s*[:：]?\s*[【\[]?\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*){2,3}[】\])）]?",
            r"[【\[(（]?\s*(?:打印本页|打印此页|打印文章|打印正文|我要打印|打印|关闭窗口|关闭本页|关闭|返回顶部|回到顶部|顶部|"
            r"加入收藏|收藏本页|收藏|我要纠错|纠错|发表评论|我来说两句|推荐给朋友|推荐|复制链接|复制网址|返回列表|返回首页|返回)\s*[】\])）]?",
            r"分享到\s*[:：]?(?:\s*(?:微信|微博|QQ空间|QQ|朋友圈|新浪微博|腾讯微博|豆瓣|人人网?|空间|更多))*",
            r"分享\s*[:：](?:\s*(?:微信|微博|QQ空间|QQ|朋友圈|新浪微博|腾讯微博|豆瓣|人人网?|空间|更多))*",
            r"扫一扫在手机(?:上)?(?:打开|查看)(?:当前页(?:面)?)?|(?:手机)?扫(?:一扫|描二维码)(?:分享|关注)?(?:本页|到手机)?",
            r"视力保护色|默认|阅读模式",
            r"(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[:：]\s*\d*\s*次?",
            r"(?:Print|Close|Share(?: this)?|Email|Tweet|Font size|Back to top)(?:\s*[:|])?",
        )
    ),
    re.I,
)
_PREV_NEXT = re.compile(
    r"^\s*[【\[]?\s*(?:上一篇|下一篇|上一条|下一条|上篇|下篇|Previous|Next)(?:\s*(?:article|post|news))?"
    r"\s*[】\]]?\s*[:：]?",
    re.I,
)
_FOOTER = re.compile(
    r"ICP\s*(?:备|证)?\s*\d|[京沪粤浙苏鲁川渝闽湘鄂豫冀晋辽吉黑皖赣桂琼贵云藏陕甘青宁新蒙津]ICP|公网安备|网站标识码|版权所有|"
    r"Copyright|©|All Rights Reserved|主办单位\s*[:：]|承办单位\s*[:：]|技术支持\s*[:：]|"
    r"建议使用.{0,20}浏览器|"
    r"分辨率",
    re.I,
)
_LETTERS = re.compile(r"[\W_]+")
MAX_FURNITURE_CHARS = 240  # a longer block holds more than furniture (every tool of a toolbar is shorter)


def _residue(text: str) -> str:
    return _LETTERS.sub("", _FURNITURE.sub("", text))


def is_furniture(text: str) -> bool:
    """True when the text is page furniture and (almost) nothing else."""
    if len(text) > MAX_FURNITURE_CHARS:
        return False
    residue = _residue(text)
    return len(residue) <= 2 and len(residue) < len(_LETTERS.sub("", text))


def looks_like_info_line(text: str) -> bool:
    """True for a short line made of labelled values (发布时间/来源/作者/浏览次数 ...) rather than prose."""
    if len(text) > 160 or (text.rstrip().endswith(("。", "！", "？", ".")) and len(text) > 60):
        return False
    info = parse_info_line(text)
    values = sum(
        getattr(info, name) is not None
        for name in (
            "published",
            "published_weak",
            "modified",
            "source",
            "author",
            "editor",
            "organisation",
            "issuer",
        )
    )
    if info.label_count >= 2 and len(text) <= 100:
        return True  # a metadata row: 索引号 … 分类 …, 发布机构 … 成文日期 …
    if not values:
        return False
    return info.label_count >= 2 or (values >= 1 and len(text) <= 60)


def is_boilerplate_block(text: str, *, at_edge: bool, title: str | None = None) -> bool:
    """Whether a body block is boilerplate. ``at_edge``: the block is among the first or last of the body."""
    if is_furniture(text):
        return True
    if not at_edge:
        return False
    if title and normalize(text) == normalize(title):
        return True
    if _PREV_NEXT.match(text) and len(text) <= 120:
        return True
    if _FOOTER.search(text) and len(text) <= 200:
        return True
    return looks_like_info_line(text)
