"""The info line: the short "发布时间:… 来源:… 作者:…" line (or block) printed near an article's title.

Third in the order of trust (after SiteRules and structured data). ``parse_info_line(text)`` reads the
labelled values of one such text, whatever the layout: labels run together
(``发布时间:2021年01月15日来源:广东省科学院``),
separated by full-width colons or spaces, split across lines, or sharing the line with 【字体：大 中 小】,
浏览次数 and 打印本页. English labels ("Source:", "Posted on", "By", "Updated") are read the same way.
Finding *where* the info line is happens in ``article.py`` (by position, next to the title).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field, replace

from .dates import find_dates
from .names import clean_people, clean_source

logger = logging.getLogger(__name__)

DateValue = dt.date | dt.datetime

# label -> kind. "published2" is a weaker publish label (时间, 日期): used when no stronger one is given.
# Labels that need a separator (colon, slash) to count are in _NEEDS_COLON.
LABELS: dict[str, str] = {
    **dict.fromkeys(
        (
            "发布时间",
            "发布日期",
            "发表时间",
            "发表日期",
            "发稿时间",
            "发稿日期",
            "发文日期",
            "公布日期",
            "公开日期",
            "上传时间",
            "上线时间",
            "刊发时间",
            "刊登日期",
            "录入时间",
            "添加时间",
            "发布于",
            "Published on",
            "Published",
            "Publication date",
            "Publish date",
            "Publish time",
            "Posted on",
            "Posted",
            "Release date",
            "Released on",
            "Released",
            "Date published",
        ),
        "published",
    ),
    **dict.fromkeys(("时间", "日期", "Date", "Time"), "published2"),
    **dict.fromkeys(("成文日期", "印发日期"), "written"),
    # a review line under the body: on some sites the only date the page shows
    **dict.fromkeys(("复核时间", "复核日期", "审核时间", "审核日期", "终审时间", "核发时间"), "reviewed"),
    # the column (栏目) of the 索引号 table: a topic, never the source
    **dict.fromkeys(("分类", "主题分类", "信息分类", "所属栏目", "栏目", "所属分类"), "column"),
    **dict.fromkeys(
        (
            "更新时间",
            "更新日期",
            "修改时间",
            "修改日期",
            "最后更新",
            "最近更新",
            "Updated on",
            "Updated",
            "Update time",
            "Update date",
            "Last updated",
            "Last modified",
            "Modified",
        ),
        "modified",
    ),
    **dict.fromkeys(
        (
            "稿件来源",
            "信息来源",
            "文章来源",
            "新闻来源",
            "内容来源",
            "消息来源",
            "来源单位",
            "素材来源",
            "来源",
            "出处",
            "转载自",
            "Source",
            "From",
        ),
        "source",
    ),
    **dict.fromkeys(("发布机构", "发布单位", "发文单位", "供稿单位", "供稿", "Issued by"), "organisation"),
    **dict.fromkeys(("发文机关", "发文机构"), "issuer"),
    **dict.fromkeys(
        ("作者", "撰稿人", "执笔人", "Author", "Authors", "Written by", "Reporter", "Byline", "By"), "author"
    ),
    # reporter credits: only real names count here (a pen name needs the 作者 label)
    **dict.fromkeys(("撰稿", "撰文", "执笔", "记者", "通讯员", "文/图", "图/文", "文字", "文"), "reporter"),
    **dict.fromkeys(("责任编辑", "责编", "编辑", "编审", "Editor", "Edited by"), "editor"),
    **dict.fromkeys(
        (
            "浏览次数",
            "浏览量",
            "浏览",
            "阅读次数",
            "阅读量",
            "阅读",
            "点击数",
            "点击量",
            "点击率",
            "点击",
            "访问量",
            "访问次数",
            "字体",
            "字号",
            "打印本页",
            "打印",
            "关闭窗口",
            "关闭",
            "分享到",
            "分享",
            "收藏",
            "视力保护色",
            "索引号",
            "生成日期",
            "生成时间",
            "文号",
            "发文字号",
            "主题词",
            "有效性",
            "审核",
            "校对",
            "终审",
            "摄影",
            "摄",
            "图片",
            "标题",
            "Views",
            "Print",
            "Share",
            "Font size",
        ),
        "other",
    ),
}
_NEEDS_COLON = frozenset(
    {
        "时间",
        "日期",
        "Date",
        "Time",
        "文",
        "文字",
        "From",
        "Author",
        "Authors",
        "Editor",
        "Source",
        "Modified",
        "Published",
        "Posted",
        "Released",
        "Updated",
        "浏览",
        "阅读",
        "点击",
        "关闭",
        "分享",
        "打印",
        "收藏",
        "摄",
        "图片",
        "标题",
        "分类",
        "栏目",
        "审核",
        "供稿",
        "Views",
        "Print",
        "Share",
        "Reporter",
        "Byline",
        "出处",
        "字体",
        "字号",
    }
)
_BARE_WORD_LABELS = frozenset(
    {"时间", "日期", "来源", "作者", "编辑", "出处", "供稿", "浏览", "阅读", "点击", "分类", "栏目", "标题"}
)
# Words that make a bare label part of another word (会议时间, 截止日期, 资金来源, 第一作者, 总编辑):
# not page labels
_WHEN = (
    "会议",
    "报名",
    "培训",
    "活动",
    "截止",
    "开始",
    "结束",
    "办公",
    "受理",
    "考试",
    "举办",
    "申报",
    "提交",
    "开放",
    "服务",
    "工作",
    "咨询",
    "成立",
    "出生",
    "入学",
    "比赛",
    "演出",
    "展览",
    "开幕",
    "竞赛",
    "实施",
    "施行",
    "生效",
    "有效",
    "评审",
    "答辩",
    "公示",
    "征集",
    "预约",
    "营业",
    "开馆",
    "入场",
    "集合",
    "出发",
    "报到",
    "讲座",
    "报告",
    "访问",
    "交流",
    "调研",
    "录取",
    "面试",
    "笔试",
    "缴费",
    "发放",
    "签约",
    "启动",
    "建设",
    "完成",
    "研究",
    "项目",
    "执行",
    "采集",
    "检测",
    "接种",
)
_COMPOUND_PREFIXES = {
    "时间": _WHEN,
    "日期": _WHEN,
    "来源": (
        "资金",
        "经费",
        "数据",
        "图片",
        "样品",
        "收入",
        "能源",
        "病毒",
        "污染",
        "传染",
        "感染",
        "水源",
        "货源",
        "生源",
        "客源",
        "财政",
        "税收",
        "资料",
        "证据",
        "题目",
        "稿源",
    ),
    # 工作者, 创作者, 写作者, 著作者, 制作者, 协作者, 操作者 are words, not the 作者 label
    "作者": (
        *("第一", "通讯", "通信", "原", "共同", "本文", "论文", "文章", "合作", "的"),
        *("工", "创", "写", "著", "制", "协", "操"),
    ),
    "编辑": ("总", "副总", "美术", "执行", "文字", "网络", "在线", "富文本", "可"),
    "出处": ("注明", "标明"),
    "浏览": ("可", "请"),
    "阅读": ("请", "可", "全文", "延伸", "深度"),
    "点击": ("请", "可"),
}
_ENGLISH_SPACE_OK = frozenset(
    {"By", "Posted on", "Published on", "Updated on", "Written by", "Edited by", "Released on", "Issued by"}
)
_COLON = r"[:：]"


def _label_regex() -> re.Pattern[str]:
    parts = []
    for label in sorted(LABELS, key=len, reverse=True):
        escaped = re.escape(label).replace(r"\ ", r"\s+")
        if label.isascii():
            head = r"(?<![A-Za-z])"
            if label in _ENGLISH_SPACE_OK:
                tail = rf"(?:\s*{_COLON}|\s+(?=\S))"
            elif label in _NEEDS_COLON:
                tail = rf"\s*{_COLON}"
            else:
                tail = rf"\s*(?:{_COLON}|\s(?=\S))"
            parts.append(f"{head}{escaped}{tail}")
        elif label in ("文", "文字"):
            # "文/张三", "文：张三", "（文 张三）" but never the 文 inside a word
            parts.append(rf"(?<![\u4e00-\u9fff]){escaped}\s*(?:{_COLON}|/|｜|\|)")
        elif label in _BARE_WORD_LABELS:  # 会议时间, 截止日期, 资金来源 are not labels of the page
            tail = rf"\s*{_COLON}" if label in _NEEDS_COLON else rf"\s*(?:{_COLON}|[\s\]】]|(?=[\[【]))?"
            parts.append("".join(f"(?<!{w})" for w in _COMPOUND_PREFIXES.get(label, ())) + escaped + tail)
        elif label in _NEEDS_COLON:
            parts.append(rf"{escaped}\s*{_COLON}")
        else:
            parts.append(rf"{escaped}\s*(?:{_COLON}|[\s\]】]|(?=[\[【]))?")
    # a cheap gate at each position (a label's first character) before the long alternation is tried
    firsts = sorted({label[0] for label in LABELS if not label.isascii()})
    gate = rf"(?:(?=[{''.join(firsts)}])|(?<![A-Za-z])(?=[A-Za-z]))"
    return re.compile(gate + "(?:" + "|".join(f"(?:{p})" for p in parts) + ")", re.I)


_LABEL = _label_regex()
_LABEL_NAMES = {label.casefold() for label in LABELS}


_INNER_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


def unspaced_label(text: str) -> str:
    """A label as written without its colon and the spaces that pad it to a column's width ("分　　类：")."""
    return _INNER_SPACE.sub("", text.strip().rstrip(":：").strip())


def is_bare_label(text: str) -> bool:
    """The whole text is one info-line label and nothing else ("Source", "来源：", "Author:", "分　类：")."""
    return unspaced_label(text).casefold() in _LABEL_NAMES


_LABEL_WORD = re.compile(r"[A-Za-z\u4e00-\u9fff/ ]+")
# Things that end a value even without a following label
# Page furniture that portals put on the info line after a value ("来源：新京报 举报", "分享 打印 收藏 关闭")
_FURNITURE_WORDS = r"举报|分享(?:至|到)?|打印(?:本页)?|收藏(?:本页)?|关闭(?:窗口)?|字号|我要纠错|纠错"
_STOP = re.compile(
    r"[|｜【】\[\]]|\s{3,}|\n|(?:[\s(（]*(?:字体|字号)\s*[:：]?\s*[【\[]?\s*大\s*中\s*小)"
    r"|扫一扫|(?:\s|^)(?:大\s+中\s+小)|[【\[(（]?\s*(?:打印本页|关闭窗口|我要打印|加入收藏)"
    rf"|\s(?:{_FURNITURE_WORDS}|评论|手机看)(?=\s|$|[:：])"
)
_FURNITURE_TAIL = re.compile(rf"(?:\s*(?:{_FURNITURE_WORDS}))+\s*$")


_BRACKETED = re.compile(r"^[\[【〔(（]\s*([^\]】〕)）\n]{1,60}?)\s*[\]】〕)）]")


@dataclass(frozen=True, slots=True)
class InfoLine:
    """Values read from an info line. ``labels`` lists the kinds that were labelled (for scoring lines)."""

    published: DateValue | None = None
    published_weak: DateValue | None = None  # from 时间/日期 labels
    written: DateValue | None = None  # 成文日期 of government documents
    modified: DateValue | None = None
    unlabelled_date: DateValue | None = None  # a date in the text with no label of its own
    reviewed: DateValue | None = None  # 复核时间 / 审核日期 of a review line
    source: str | None = None
    column: str | None = None  # 分类 / 主题分类 / 栏目: the column the page is filed under
    organisation: str | None = None  # 发布机构 / 供稿单位
    issuer: str | None = None  # 发文机关
    author: str | None = None
    editor: str | None = None
    labels: tuple[str, ...] = field(default=())
    label_count: int = 0  # how many labels the text holds (repeats counted)
    chinese: bool = False  # some label is Chinese (a Chinese-CMS style info line)

    @property
    def date(self) -> DateValue | None:
        """The publish date this line states, strongest label first."""
        return self.published or self.published_weak or self.unlabelled_date

    def merged(self, other: InfoLine) -> InfoLine:
        """This line's values, with gaps filled from ``other``."""
        changes = {
            name: getattr(other, name)
            for name in _VALUE_FIELDS
            if getattr(self, name) is None and getattr(other, name) is not None
        }
        return replace(
            self,
            labels=tuple(dict.fromkeys(self.labels + other.labels)),
            chinese=self.chinese or other.chinese,
            **changes,
        )


_VALUE_FIELDS = (
    "published",
    "published_weak",
    "written",
    "modified",
    "unlabelled_date",
    "reviewed",
    "source",
    "column",
    "organisation",
    "issuer",
    "author",
    "editor",
)


def _kind_of(matched: str) -> str:
    label = _LABEL_WORD.match(matched.strip())
    text = " ".join((label.group(0) if label else matched).split()).strip(" /")
    for candidate in (text, text.title(), text.capitalize()):
        if candidate in LABELS:
            return LABELS[candidate]
    # a label with trailing punctuation ("文/", "By ") or different case
    lowered = {k.lower(): v for k, v in LABELS.items()}
    return lowered.get(text.lower(), lowered.get(matched.strip(" :：/|｜").lower(), "other"))


def _value(text: str, start: int, end: int) -> str:
    value = text[start:end].lstrip(" \t:：")
    if bracketed := _BRACKETED.match(value):  # "来源：[ 国际金融报 ]"
        return bracketed.group(1).strip()
    stop = _STOP.search(value)
    if stop:
        value = value[: stop.start()]
    value = _FURNITURE_TAIL.sub("", value)
    return value.strip(" \t\u3000\xa0:：,，;；、·-—|")


def _first_date(value: str) -> DateValue | None:
    dates = find_dates(value[:60])
    return dates[0][1] if dates and dates[0][0] <= 12 else None


def parse_info_line(text: str) -> InfoLine:
    """Labelled values (publish/update dates, source, author, editor) in one info-line text.

    >>> line = parse_info_line("发布时间:2021年01月15日来源:广东省科学院佛山产业技术研究院")
    >>> line.published, line.source
    (datetime.date(2021, 1, 15), '广东省科学院佛山产业技术研究院')
    """
    matches = list(_LABEL.finditer(text))
    found: dict[str, object] = {}
    labels: list[str] = []
    for i, m in enumerate(matches):
        kind = _kind_of(m.group(0))
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        raw = _value(text, m.end(), end)
        if not raw and "\n" in text[m.end() : end]:  # "来源：" on one line, the value on the next
            raw = _value(text, text.index("\n", m.end()) + 1, end)
        labels.append(kind)
        if kind in found or kind == "other" or (kind == "reporter" and "author" in found):
            continue
        value = _read(kind, raw, m.group(0).strip())
        if value is not None:
            found[kind] = value
    if "published" not in found and "published2" not in found:
        unlabelled = _unlabelled_date(text, matches)
        if unlabelled is not None:
            found["unlabelled_date"] = unlabelled
    kinds = {"published": "published", "published2": "published_weak", "reporter": "author"}
    values = {kinds.get(k, k): v for k, v in found.items()}
    chinese = any(not m.group(0).isascii() for m in matches)
    return InfoLine(labels=tuple(dict.fromkeys(labels)), label_count=len(labels), chinese=chinese, **values)  # type: ignore[arg-type]


def _read(kind: str, raw: str, label: str = "") -> object | None:
    if kind in ("published", "published2", "written", "modified", "reviewed"):
        return _first_date(raw)
    if kind in ("source", "organisation", "issuer", "column"):
        return clean_source(raw)
    if kind == "author":
        return clean_people(raw, free=True)
    if kind == "reporter":
        return clean_people(raw, surname=True)
    if kind == "editor":
        return clean_people(raw, surname=not label.startswith(("责任", "责编")))
    return None


def _unlabelled_date(text: str, matches: list[re.Match[str]]) -> DateValue | None:
    """A date standing on its own in the line (not the value of an update/成文 label)."""
    for start, value in find_dates(text):
        owner = None
        for m in matches:
            if m.start() <= start:
                owner = m
        if (
            owner is not None
            and _kind_of(owner.group(0)) in ("modified", "written", "reviewed", "column", "other")
            and start - owner.end() <= 3
        ):
            continue
        return value
    return None
